"""Bringing the index in step with the articles folder: add, replace, remove, skip.

A sync hashes every article file and compares it with the manifest. Only new and changed
articles are parsed, chunked and embedded; chunks whose id (a hash of their content) is
already stored keep their vectors. Nothing heavy is imported when nothing changed. Bad
files are reported with a reason and skipped, and the rest of the folder is still synced.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.chunk import Chunk, chunk_article
from ingest.load import ArticleError, find_files, load_file, read_file
from ingest.manifest import Entry, Manifest
from ingest.owner import owner_url, remote_sync
from qa.errors import SyncBusyError
from qa.settings import Settings
from qa.store import batched, open_collection, reset_collection

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

__all__ = ["SyncReport", "fingerprint", "sync"]

# Bump when chunking or metadata change in a way that needs every article re-indexed.
PIPELINE_VERSION = 3
_GROUP = 256  # articles per write: the manifest is saved after each, so a crash loses little
_WRITE_BATCH = 2000


@dataclass(frozen=True)
class SyncReport:
    """What a sync did (or, with ``dry_run``, would do), by article path."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    rebuilt: bool = False
    delegated_to: str = ""  # URL of the running app that did the sync, if another process did

    @property
    def changed(self) -> bool:
        """Whether the index was (or would be) modified."""
        return bool(self.added or self.updated or self.removed)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SyncReport:
        """The inverse of ``to_dict`` (a report that came back from the app's API)."""
        fields = {k: tuple(data.get(k, ())) for k in ("added", "updated", "removed", "unchanged")}
        return cls(
            **fields,
            skipped=tuple((s["path"], s["reason"]) for s in data.get("skipped", ())),
            chunks_embedded=int(data.get("chunks_embedded", 0)),
            chunks_reused=int(data.get("chunks_reused", 0)),
            seconds=float(data.get("seconds", 0.0)),
            dry_run=bool(data.get("dry_run", False)),
            rebuilt=bool(data.get("rebuilt", False)),
            delegated_to=str(data.get("delegated_to", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for ``--json`` and for scripts."""
        data = asdict(self)
        data["skipped"] = [{"path": p, "reason": r} for p, r in self.skipped]
        return data

    def __str__(self) -> str:
        verb = "would be " if self.dry_run else ""
        lines = [
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped "
            f"({self.chunks_embedded} chunks embedded, {self.chunks_reused} reused, "
            f"{self.seconds:.2f} s)" + (" [dry run: nothing was changed]" if self.dry_run else "")
        ]
        if self.delegated_to:
            lines.append(f"The running app at {self.delegated_to} did this sync (it owns the index).")
        if self.rebuilt:
            lines.append("The embedding model or chunk settings changed: every article was re-indexed.")
        for label, paths in (("added", self.added), ("updated", self.updated), ("removed", self.removed)):
            lines += [f"  {verb}{label}: {p}" for p in paths]
        lines += [f"  skipped: {p}: {reason}" for p, reason in self.skipped]
        return "\n".join(lines)


def fingerprint(settings: Settings) -> str:
    """Identity of everything that shapes stored chunks and vectors.

    A local model folder is identified by its configuration and weight size, not its path,
    so moving the virtual environment does not force a rebuild.
    """
    model = Path(settings.embedding_model)
    if model.is_dir():
        parts = [
            (model / name).read_text(encoding="utf-8")
            for name in ("config.json", "modules.json")
            if (model / name).is_file()
        ]
        parts += [str(p.stat().st_size) for p in sorted(model.glob("*.safetensors"))]
        model_id = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    else:
        model_id = settings.embedding_model
    raw = json.dumps(
        [PIPELINE_VERSION, model_id, settings.chunk_size, settings.chunk_overlap], separators=(",", ":")
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass
class _Plan:
    """Files to process, found by comparing the folder with the manifest."""

    work: list[tuple[str, bytes]] = field(default_factory=list)  # (path, data): new or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    gone_unindexed: set[str] = field(default_factory=set)  # removed files that were never indexed


def _plan(settings: Settings, manifest: Manifest, rebuild: bool) -> _Plan:
    root = settings.articles_dir
    plan = _Plan()
    seen: dict[str, str] = {}  # content hash -> first path with that content
    present: set[str] = set()
    for path in find_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            data = read_file(path, settings.max_file_bytes)
        except ArticleError as e:
            plan.skipped.append((rel, str(e)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            plan.skipped.append((rel, f"has the same text as {seen[digest]}, which is indexed once"))
            continue
        seen[digest] = rel
        present.add(rel)
        entry = manifest.articles.get(rel)
        if entry is not None and entry.sha256 == digest and not rebuild:
            plan.skipped += entry.skipped
            if entry.ids or not entry.skipped:
                plan.unchanged.append(rel)
        else:
            plan.work.append((rel, data))
    plan.removed = sorted(set(manifest.articles) - present)
    plan.gone_unindexed = {p for p in plan.removed if not manifest.articles[p].ids}
    return plan


def _lock(settings: Settings, wait: bool) -> Any:
    from filelock import FileLock, Timeout

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.data_dir / "sync.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise SyncBusyError(lock.lock_file) from None
        print(f"Another sync is running (lock {lock.lock_file}); waiting for it…", file=sys.stderr)
        lock.acquire()
    return lock


def sync(
    settings: Settings | None = None,
    *,
    dry_run: bool = False,
    wait: bool = True,
    progress: bool = False,
) -> SyncReport:
    """Bring the index in step with ``settings.articles_dir``.

    Args:
        settings: Defaults to ``Settings.from_env()``.
        dry_run: Work out and return the plan, changing nothing.
        wait: When another sync holds the lock, wait for it (else raise ``SyncBusyError``).
        progress: Show a progress bar on standard error.

    Returns:
        The report: added, updated, removed, unchanged and skipped articles.
    """
    started = time.perf_counter()
    settings = settings or Settings.from_env()
    # A Chroma server takes writes from many processes; the embedded store has one owner.
    url = None if settings.chroma_host else owner_url(settings)
    if url is not None:
        return SyncReport.from_dict(remote_sync(url, dry_run=dry_run) | {"delegated_to": url})
    manifest_path = settings.data_dir / "manifest.json"
    lock = None if dry_run else _lock(settings, wait)
    try:
        manifest = Manifest.load(manifest_path)
        current = fingerprint(settings)
        rebuild = bool(manifest.articles) and manifest.fingerprint != current
        plan = _plan(settings, manifest, rebuild)
        new = [p for p, _ in plan.work if p not in manifest.articles or rebuild]
        changed = [p for p, _ in plan.work if p in manifest.articles and not rebuild]
        removed = plan.removed + ([p for p in manifest.articles if p not in plan.removed] if rebuild else [])
        if dry_run:
            for rel, data in plan.work:
                try:
                    plan.skipped += load_file(rel, data).skipped
                except ArticleError as e:
                    plan.skipped.append((rel, str(e)))
            bad = {p for p, _ in plan.skipped}
            return SyncReport(
                added=tuple(p for p in new if p not in bad),
                updated=tuple(p for p in changed if p not in bad),
                removed=tuple(p for p in plan.removed if p not in plan.gone_unindexed),
                unchanged=tuple(plan.unchanged),
                skipped=tuple(sorted(plan.skipped)),
                seconds=time.perf_counter() - started,
                dry_run=True,
                rebuilt=rebuild,
            )
        from qa import lexical

        if manifest.all_ids() and not rebuild and not lexical.exists(settings):
            # An index from before the in-place lexical index (or one whose file was deleted).
            _rebuild_lexical(settings, open_collection(settings, create=True))
        if not plan.work and not plan.removed and not manifest.dirty and manifest.fingerprint == current:
            return SyncReport(
                unchanged=tuple(plan.unchanged),
                skipped=tuple(sorted(plan.skipped)),
                seconds=time.perf_counter() - started,
            )
        return _apply(
            settings, manifest, manifest_path, plan, new, changed, removed, rebuild, progress, started
        )
    finally:
        if lock is not None:
            lock.release()


def _apply(
    settings: Settings,
    manifest: Manifest,
    manifest_path: Path,
    plan: _Plan,
    new: list[str],
    changed: list[str],
    removed: list[str],
    rebuild: bool,
    progress: bool,
    started: float,
) -> SyncReport:
    was_dirty = manifest.dirty
    collection = (
        reset_collection(settings)
        if rebuild or not manifest.fingerprint
        else open_collection(settings, create=True)
    )
    if rebuild or not manifest.fingerprint:
        _lexical_update(settings, reset=True)
    if rebuild:
        manifest.articles.clear()
    manifest.fingerprint = fingerprint(settings)
    manifest.dirty = True
    manifest.save(manifest_path)

    skipped = list(plan.skipped)
    embedded = reused = 0
    from tqdm import tqdm

    bar = tqdm(total=len(plan.work), unit="article", disable=not progress, desc="Syncing", file=sys.stderr)
    for group in batched(plan.work, _GROUP):
        n_embedded, n_reused, group_skipped = _write_group(settings, collection, manifest, group)
        embedded, reused = embedded + n_embedded, reused + n_reused
        skipped += group_skipped
        manifest.save(manifest_path)
        bar.update(len(group))
    bar.close()

    gone: list[str] = []
    for rel in plan.removed:
        entry = manifest.articles.pop(rel, None)
        if entry is not None and entry.ids:
            gone += entry.ids
            for ids in batched(list(entry.ids), _WRITE_BATCH):
                collection.delete(ids=list(ids))
    _lexical_update(settings, removed=gone)
    if was_dirty:
        _remove_orphans(collection, manifest.all_ids())
        _reconcile_lexical(settings, collection)
    manifest.dirty = False
    manifest.save(manifest_path)

    bad = {p for p, _ in skipped}
    return SyncReport(
        added=tuple(p for p in new if p not in bad),
        updated=tuple(p for p in changed if p not in bad),
        removed=tuple(p for p in removed if p not in new and p not in plan.gone_unindexed),
        unchanged=tuple(plan.unchanged),
        skipped=tuple(sorted(skipped)),
        chunks_embedded=embedded,
        chunks_reused=reused,
        seconds=time.perf_counter() - started,
        rebuilt=rebuild,
    )


def _write_group(
    settings: Settings, collection: Collection, manifest: Manifest, group: Sequence[tuple[str, bytes]]
) -> tuple[int, int, list[tuple[str, str]]]:
    """Load, chunk, embed and store one group of files; returns (embedded, reused, skipped)."""
    skipped: list[tuple[str, str]] = []
    per_file: dict[str, tuple[str, str, list[Chunk]]] = {}
    loaded_skips: dict[str, list[tuple[str, str]]] = {}
    for rel, data in group:
        try:
            loaded = load_file(rel, data)
        except ArticleError as e:
            reason = str(e)
            old = manifest.articles.get(rel)
            if old is not None and old.ids:
                reason += "; its previous version was removed from the index"
                _delete(collection, old.ids)
                _lexical_update(settings, removed=old.ids)
            skipped.append((rel, reason))
            # Remembered, so the unchanged bad file is reported again without being re-read.
            manifest.articles[rel] = Entry(hashlib.sha256(data).hexdigest(), (), "", ((rel, str(e)),))
            continue
        skipped += loaded.skipped
        loaded_skips[rel] = loaded.skipped
        chunks = [c for article in loaded.articles for c in chunk_article(article, settings)]
        title = loaded.articles[0].title if len(loaded.articles) == 1 else f"{len(loaded.articles)} articles"
        per_file[rel] = (hashlib.sha256(data).hexdigest(), title, chunks)

    chunks = [c for _, _, cs in per_file.values() for c in cs]
    stored = _stored_embeddings(collection, [c.id for c in chunks])
    fresh = [c for c in chunks if c.id not in stored]
    vectors: dict[str, Sequence[float]] = dict(stored)
    if fresh:
        from qa.embedder import embed

        matrix = embed(
            settings.embedding_model,
            [c.embedding_text() for c in fresh],
            settings.batch_size,
            precision=settings.precision,
        )
        vectors.update({c.id: row.tolist() for c, row in zip(fresh, matrix, strict=True)})
    for part in batched(chunks, _WRITE_BATCH):
        collection.upsert(
            ids=[c.id for c in part],
            embeddings=[vectors[c.id] for c in part],  # type: ignore[misc]
            documents=[c.text for c in part],
            metadatas=[c.metadata() for c in part],  # type: ignore[misc]
        )
    dropped: set[str] = set()
    for rel, (digest, title, cs) in per_file.items():
        new_ids = tuple(c.id for c in cs)
        old = manifest.articles.get(rel)
        if old is not None:
            dropped |= set(old.ids) - set(new_ids)
            _delete(collection, set(old.ids) - set(new_ids))
        manifest.articles[rel] = Entry(digest, new_ids, title, tuple(loaded_skips.get(rel, ())))
    # The lexical side follows the store before the manifest is saved: a kill in between
    # leaves the manifest dirty, and the next sync reconciles the two (_reconcile_lexical).
    _lexical_update(
        settings,
        added=[(c.id, c.text, dict(c.metadata())) for c in chunks],
        removed=dropped,
        vectors=[vectors[c.id] for c in chunks],
    )
    return len(fresh), len(chunks) - len(fresh), skipped


def _stored_embeddings(collection: Collection, ids: list[str]) -> dict[str, Sequence[float]]:
    """Vectors already in the store for any of ``ids`` (unchanged passages of edited articles)."""
    found: dict[str, Sequence[float]] = {}
    for part in batched(ids, _WRITE_BATCH):
        got = collection.get(ids=list(part), include=["embeddings"])  # type: ignore[list-item]
        embeddings = got.get("embeddings")
        if embeddings is None:
            continue
        for ident, vector in zip(got["ids"], embeddings, strict=True):
            found[ident] = list(vector)
    return found


def _delete(collection: Collection, ids: Sequence[str] | set[str]) -> None:
    for part in batched(sorted(ids), _WRITE_BATCH):
        collection.delete(ids=list(part))


def _lexical_update(
    settings: Settings,
    added: Sequence[tuple[str, str, dict[str, Any]]] = (),
    removed: Sequence[str] | set[str] = (),
    vectors: Any = None,
    *,
    reset: bool = False,
) -> None:
    """Apply one group's changes to the lexical index in place (or empty it, with ``reset``)."""
    from qa import lexical

    if reset:
        lexical.build(settings, [])
    elif added or removed:
        lexical.update(settings, added, removed, vectors)


def _rebuild_lexical(settings: Settings, collection: Collection) -> None:
    """Build the lexical index from everything in the store (it was missing)."""
    from qa import lexical

    rows, vectors = _read_rows(collection)
    lexical.build(settings, rows, vectors if len(vectors) == len(rows) else None)


def _reconcile_lexical(settings: Settings, collection: Collection) -> None:
    """After a killed sync: make the lexical index hold exactly the store's chunks."""
    from qa import lexical

    stored = set(collection.get(include=[])["ids"])
    indexed = lexical.indexed_ids(settings)
    missing = sorted(stored - indexed)
    rows, vectors = _read_rows(collection, missing) if missing else ([], [])
    lexical.update(settings, rows, indexed - stored, vectors if len(vectors) == len(rows) else None)


def _read_rows(
    collection: Collection, ids: list[str] | None = None
) -> tuple[list[tuple[str, str, dict[str, Any]]], list[Any]]:
    """(id, text, metadata) rows and vectors of ``ids``, or of every stored chunk."""
    rows: list[tuple[str, str, dict[str, Any]]] = []
    vectors: list[Any] = []
    page, start = 5000, 0
    include: Any = ["documents", "metadatas", "embeddings"]
    while ids is None or start < len(ids):
        if ids is None:
            got = collection.get(include=include, limit=page, offset=start)
        else:
            got = collection.get(ids=ids[start : start + page], include=include)
        docs, metas = got.get("documents") or [], got.get("metadatas") or []
        rows += [(i, d, dict(m or {})) for i, d, m in zip(got["ids"], docs, metas, strict=True)]
        embeddings = got.get("embeddings")
        vectors += list(embeddings) if embeddings is not None else []
        start += page
        if ids is None and len(got["ids"]) < page:
            break
    return rows, vectors


def _remove_orphans(collection: Collection, expected: set[str]) -> None:
    """Delete chunks no manifest entry owns: leftovers of a sync that was killed."""
    stored = set(collection.get(include=[])["ids"])
    _delete(collection, stored - expected)
