"""Checking that every stored chunk can be found by dense search, and repairing those that can't.

Counting rows (what every sync does) does not see a chunk that Chroma still lists but whose
vector its HNSW index lost: ``get`` finds the row, yet no query ever returns it, or reading its
vector fails with "Error finding id". That was seen in 2 of 4 stores after SIGKILLs and a full
disk; the tests reproduce it by dropping a chunk's entry from Chroma's write-ahead log and its
HNSW files, which Chroma then rebuilds without it. The check asks for each chunk's own stored
vector, then queries with that vector (10 nearest, so exact duplicates in other articles do not
hide it); a chunk that is missing, unreadable or not returned is lost. Repair deletes the
articles' chunks and indexes those articles again from the folder.

Every sync checks the chunks it wrote; ``python -m ingest --check`` checks them all. It costs
about 0.15 ms a chunk: 0.04 s for the 278 chunks of a 240-article sync that took 49 s to embed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.load import ArticleError, read_file
from ingest.manifest import Manifest
from qa.settings import Settings
from qa.store import batched

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

__all__ = ["CheckReport", "check", "check_store", "lost_chunks"]

_BATCH = 256
_NEIGHBOURS = 10


@dataclass(frozen=True)
class CheckReport:
    """What a check found: how many chunks it checked, and the articles that had lost chunks."""

    checked: int = 0
    lost: int = 0
    repaired: tuple[str, ...] = ()
    unrepaired: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if not self.lost:
            return f"Checked {self.checked} passages: each is found by dense search."
        lines = [
            f"Checked {self.checked} passages: {self.lost} could not be found by dense search; "
            f"{len(self.repaired)} articles were indexed again."
        ]
        lines += [f"  repaired: {p}" for p in self.repaired]
        lines += [f"  not repaired: {p}: {why}" for p, why in self.unrepaired]
        return "\n".join(lines)


def _lost_in(collection: Collection, ids: Sequence[str], size: int) -> set[str]:
    try:
        got = collection.get(ids=list(ids), include=["embeddings"])  # type: ignore[list-item]
    except Exception:  # "Error finding id": narrow it down to the chunks that fail
        if len(ids) == 1:
            return set(ids)
        half = len(ids) // 2
        return _lost_in(collection, ids[:half], size) | _lost_in(collection, ids[half:], size)
    lost = set(ids) - set(got["ids"])
    vectors = got.get("embeddings")
    if vectors is None or not len(got["ids"]):
        return lost | set(got["ids"])
    found = collection.query(
        query_embeddings=[list(v) for v in vectors],
        n_results=min(_NEIGHBOURS, size),
        include=[],  # type: ignore[list-item]
    )
    for ident, neighbours in zip(got["ids"], found["ids"], strict=True):
        if ident not in neighbours:
            lost.add(ident)
    return lost


def lost_chunks(collection: Collection, ids: Iterable[str]) -> set[str]:
    """The chunks among ``ids`` that dense search cannot find (missing, unreadable, unreachable)."""
    size = collection.count()
    lost: set[str] = set()
    for part in batched(sorted(ids), _BATCH):
        lost |= _lost_in(collection, part, max(size, 1))
    return lost


def check_store(
    settings: Settings,
    collection: Collection,
    manifest: Manifest,
    paths: Iterable[str] | None = None,
    *,
    repair: bool = True,
) -> CheckReport:
    """Check the chunks of ``paths`` (default: every article) and re-index the articles that lost some.

    The caller holds the sync lock and saves the manifest afterwards.
    """
    from ingest.sync import _delete, _write_group

    chosen = sorted(manifest.articles if paths is None else set(paths) & set(manifest.articles))
    owner = {i: p for p in chosen for i in manifest.articles[p].ids}
    lost = lost_chunks(collection, owner)
    bad = sorted({owner[i] for i in lost})
    if not bad or not repair:
        return CheckReport(len(owner), len(lost), (), tuple((p, "not repaired (--check only)") for p in bad))
    repaired: list[str] = []
    unrepaired: list[tuple[str, str]] = []
    group: list[tuple[str, bytes]] = []
    for rel in bad:
        _delete(collection, manifest.articles[rel].ids)
        try:
            data = read_file(settings.articles_dir / rel.split("#", 1)[0], settings.max_file_bytes)
        except ArticleError as e:
            manifest.articles.pop(rel)
            unrepaired.append((rel, f"{e}; its passages were removed from the index"))
            continue
        if hashlib.sha256(data).hexdigest() != manifest.articles[rel].sha256:
            manifest.articles.pop(rel)  # changed since: the next sync adds it as new
            unrepaired.append((rel, "changed since it was indexed; the next sync indexes it again"))
            continue
        group.append((rel, data))
        repaired.append(rel)
    if group:
        _write_group(settings, collection, manifest, group)
    return CheckReport(len(owner), len(lost), tuple(repaired), tuple(unrepaired))


def check(settings: Settings | None = None, *, repair: bool = True) -> CheckReport:
    """Check every stored chunk (``python -m ingest --check``), repairing what is lost.

    Raises:
        NewsdeskError: when the app owns the index (stop it first) or nothing was ingested.
    """
    from ingest.owner import owner_url
    from ingest.sync import _lock, _rebuild_lexical
    from qa.errors import NewsdeskError
    from qa.store import open_collection

    settings = settings or Settings.from_env()
    url = None if settings.chroma_host else owner_url(settings)
    if url is not None:
        raise NewsdeskError(f"The Newsdesk app at {url} owns this index: stop it to run the check.")
    lock = _lock(settings, True)
    try:
        path = settings.data_dir / "manifest.json"
        manifest = Manifest.load(path)
        collection = open_collection(settings)
        report = check_store(settings, collection, manifest, repair=repair)
        if report.repaired or report.unrepaired:
            manifest.save(path)
            _rebuild_lexical(settings, collection)
        return report
    finally:
        lock.release()
