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
from ingest.load import ArticleError, find_files, parse_article
from ingest.manifest import Entry, Manifest
from qa.errors import SyncBusyError
from qa.settings import Settings
from qa.store import batched, open_collection, reset_collection

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

__all__ = ["SyncReport", "fingerprint", "sync"]

# Bump when chunking or metadata change in a way that needs every article re-indexed.
PIPELINE_VERSION = 1
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

    @property
    def changed(self) -> bool:
        """Whether the index was (or would be) modified."""
        return bool(self.added or self.updated or self.removed)

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


def _plan(settings: Settings, manifest: Manifest, rebuild: bool) -> _Plan:
    root = settings.articles_dir
    plan = _Plan()
    seen: dict[str, str] = {}  # content hash -> first path with that content
    present: set[str] = set()
    for path in find_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            size = path.stat().st_size
            if size > settings.max_file_bytes:
                plan.skipped.append(
                    (
                        rel,
                        f"is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB limit "
                        "(raise NEWSDESK_MAX_FILE_MB to ingest it)",
                    )
                )
                continue
            data = path.read_bytes()
        except OSError as e:
            plan.skipped.append((rel, f"could not be read: {e.strerror or e}"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            plan.skipped.append((rel, f"has the same text as {seen[digest]}, which is indexed once"))
            continue
        seen[digest] = rel
        present.add(rel)
        entry = manifest.articles.get(rel)
        if entry is not None and entry.sha256 == digest and not rebuild:
            plan.unchanged.append(rel)
        else:
            plan.work.append((rel, data))
    plan.removed = sorted(set(manifest.articles) - present)
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
                    parse_article(rel, data)
                except ArticleError as e:
                    plan.skipped.append((rel, str(e)))
            bad = {p for p, _ in plan.skipped}
            return SyncReport(
                added=tuple(p for p in new if p not in bad),
                updated=tuple(p for p in changed if p not in bad),
                removed=tuple(plan.removed),
                unchanged=tuple(plan.unchanged),
                skipped=tuple(sorted(plan.skipped)),
                seconds=time.perf_counter() - started,
                dry_run=True,
                rebuilt=rebuild,
            )
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

    for rel in plan.removed:
        entry = manifest.articles.pop(rel, None)
        if entry is not None and entry.ids:
            for ids in batched(list(entry.ids), _WRITE_BATCH):
                collection.delete(ids=list(ids))
    if was_dirty:
        _remove_orphans(collection, manifest.all_ids())
    manifest.dirty = False
    manifest.save(manifest_path)

    bad = {p for p, _ in skipped}
    return SyncReport(
        added=tuple(p for p in new if p not in bad),
        updated=tuple(p for p in changed if p not in bad),
        removed=tuple(p for p in removed if p not in new),
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
    """Parse, chunk, embed and store one group of articles; returns (embedded, reused, skipped)."""
    skipped: list[tuple[str, str]] = []
    per_article: dict[str, tuple[str, str, list[Chunk]]] = {}
    for rel, data in group:
        try:
            article = parse_article(rel, data)
        except ArticleError as e:
            reason = str(e)
            if rel in manifest.articles:
                reason += "; its previous version was removed from the index"
                _delete(collection, manifest.articles.pop(rel).ids)
            skipped.append((rel, reason))
            continue
        per_article[rel] = (article.sha256, article.title, chunk_article(article, settings))

    chunks = [c for _, _, cs in per_article.values() for c in cs]
    stored = _stored_embeddings(collection, [c.id for c in chunks])
    fresh = [c for c in chunks if c.id not in stored]
    vectors: dict[str, Sequence[float]] = dict(stored)
    if fresh:
        from qa.embedder import embed

        matrix = embed(settings.embedding_model, [c.embedding_text() for c in fresh], settings.batch_size)
        vectors.update({c.id: row.tolist() for c, row in zip(fresh, matrix, strict=True)})
    for part in batched(chunks, _WRITE_BATCH):
        collection.upsert(
            ids=[c.id for c in part],
            embeddings=[vectors[c.id] for c in part],  # type: ignore[misc]
            documents=[c.text for c in part],
            metadatas=[c.metadata() for c in part],  # type: ignore[misc]
        )
    for rel, (digest, title, cs) in per_article.items():
        new_ids = tuple(c.id for c in cs)
        old = manifest.articles.get(rel)
        if old is not None:
            _delete(collection, set(old.ids) - set(new_ids))
        manifest.articles[rel] = Entry(digest, new_ids, title)
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


def _remove_orphans(collection: Collection, expected: set[str]) -> None:
    """Delete chunks no manifest entry owns: leftovers of a sync that was killed."""
    stored = set(collection.get(include=[])["ids"])
    _delete(collection, stored - expected)
