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
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ingest.chunk import Chunk, chunk_article
from ingest.load import ArticleError, find_files, load_file, read_file
from ingest.manifest import Entry, Manifest
from ingest.owner import owner_url, remote_sync
from qa.errors import ConfigError, SyncBusyError
from qa.index import Index, open_index
from qa.settings import PREFIX, Settings
from qa.store import Store, batched, catalog_path, lexical_published, manifest_path
from qa.stories import refresh as refresh_stories

if TYPE_CHECKING:
    from qa.embedder import Embedder

__all__ = ["IndexStatus", "Plan", "SyncReport", "check_articles", "fingerprint", "status", "sync"]

# Bump when chunking or metadata change in a way that needs every article re-indexed.
PIPELINE_VERSION = 3
_GROUP = 256  # articles per write: the manifest is saved after each, so a crash loses little


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


def fingerprint(settings: Settings, embedder: Embedder | None = None) -> str:
    """Identity of everything that shapes stored chunks and vectors.

    The model counts by ``Embedder.identity()``: a local model folder by its configuration and
    weight size, not its path, so moving the virtual environment does not force a rebuild.
    """
    model_id = (embedder or open_index(settings).embedder).identity()
    raw = json.dumps(
        [PIPELINE_VERSION, model_id, settings.chunk_size, settings.chunk_overlap], separators=(",", ":")
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Plan:
    """What a sync will do, found by comparing the folder with the manifest (article paths).

    Attributes:
        work: (path, bytes) of new and changed files, to load, chunk and embed.
        unchanged: Files whose bytes match the manifest.
        removed: Files in the manifest that are gone from the folder.
        skipped: (path, reason) of unreadable files and duplicates, and what unchanged files
            skipped last time.
        gone_unindexed: Removed files that were never indexed (not reported as removed).
        new, changed: The paths of ``work`` that are new to the index, or replace a version.
        dropped: Every article whose chunks go: ``removed``, plus all indexed ones on a rebuild.
        rebuild: The pipeline fingerprint changed: every article is re-indexed.
    """

    work: tuple[tuple[str, bytes], ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    gone_unindexed: frozenset[str] = frozenset()
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    rebuild: bool = False

    def report(
        self,
        skipped: Sequence[tuple[str, str]],
        started: float,
        *,
        embedded: int = 0,
        reused: int = 0,
        dry_run: bool = False,
    ) -> SyncReport:
        """The report of this plan, carried out (or, with ``dry_run``, not) with ``skipped`` files."""
        bad = {p for p, _ in skipped}
        gone = self.removed if dry_run else self.dropped
        return SyncReport(
            added=tuple(p for p in self.new if p not in bad),
            updated=tuple(p for p in self.changed if p not in bad),
            removed=tuple(p for p in gone if p not in self.new and p not in self.gone_unindexed),
            unchanged=self.unchanged,
            skipped=tuple(sorted(skipped)),
            chunks_embedded=embedded,
            chunks_reused=reused,
            seconds=time.perf_counter() - started,
            dry_run=dry_run,
            rebuilt=self.rebuild,
        )


def _plan(settings: Settings, manifest: Manifest, rebuild: bool) -> Plan:
    root = settings.articles_dir
    work: list[tuple[str, bytes]] = []
    unchanged: list[str] = []
    skipped: list[tuple[str, str]] = []
    seen: dict[str, str] = {}  # content hash -> first path with that content
    present: set[str] = set()
    for path in find_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            data = read_file(path, settings.max_file_bytes)
        except ArticleError as e:
            skipped.append((rel, str(e)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            skipped.append((rel, f"has the same text as {seen[digest]}, which is indexed once"))
            continue
        seen[digest] = rel
        present.add(rel)
        entry = manifest.articles.get(rel)
        if entry is not None and entry.sha256 == digest and not rebuild:
            skipped += entry.skipped
            if entry.ids or not entry.skipped:
                unchanged.append(rel)
        else:
            work.append((rel, data))
    removed = sorted(set(manifest.articles) - present)
    return Plan(
        work=tuple(work),
        unchanged=tuple(unchanged),
        removed=tuple(removed),
        skipped=tuple(skipped),
        gone_unindexed=frozenset(p for p in removed if not manifest.articles[p].ids),
        new=tuple(p for p, _ in work if p not in manifest.articles or rebuild),
        changed=tuple(p for p, _ in work if p in manifest.articles and not rebuild),
        dropped=tuple(removed + ([p for p in manifest.articles if p not in removed] if rebuild else [])),
        rebuild=rebuild,
    )


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


@dataclass(frozen=True)
class IndexStatus:
    """What the index holds, from the manifest alone (no store is opened).

    Attributes:
        articles: Paths of the indexed articles (files that gave at least one passage), sorted.
        passages: Stored chunks.
        synced: When the manifest was last written, None before the first sync.
    """

    articles: tuple[str, ...] = ()
    passages: int = 0
    synced: datetime | None = None


def status(settings: Settings | None = None) -> IndexStatus:
    """What is indexed in ``settings.data_dir`` (default: ``Settings.from_env()``), for status lines."""
    settings = settings or Settings.from_env()
    path = manifest_path(settings)
    manifest = Manifest.load(path)
    try:
        synced: datetime | None = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        synced = None
    return IndexStatus(
        articles=tuple(sorted(p for p, e in manifest.articles.items() if e.ids)),
        passages=sum(len(e.ids) for e in manifest.articles.values()),
        synced=synced,
    )


def check_articles(settings: Settings) -> None:
    """Raise ``ConfigError`` with the fix when the articles folder is missing (only ingest reads it)."""
    if not settings.articles_dir.is_dir():
        raise ConfigError(
            f"{PREFIX}ARTICLES_DIR={str(settings.articles_dir)!r} is not a folder: create it or "
            "point the variable at your articles."
        )


def sync(
    settings: Settings | None = None,
    *,
    dry_run: bool = False,
    wait: bool = True,
    progress: bool = False,
    index: Index | None = None,
) -> SyncReport:
    """Bring the index in step with ``settings.articles_dir``.

    Args:
        settings: Defaults to ``Settings.from_env()`` (or ``index.settings``).
        dry_run: Work out and return the plan, changing nothing.
        wait: When another sync holds the lock, wait for it (else raise ``SyncBusyError``).
        progress: Show a progress bar on standard error.
        index: The opened index to write (default: ``open_index(settings)``).

    Returns:
        The report: added, updated, removed, unchanged and skipped articles.
    """
    started = time.perf_counter()
    index = index or open_index(settings)
    settings = index.settings
    check_articles(settings)
    # A Chroma server takes writes from many processes; the embedded store has one owner.
    url = None if settings.chroma_host else owner_url(settings)
    if url is not None:
        return SyncReport.from_dict(remote_sync(url, dry_run=dry_run) | {"delegated_to": url})
    lock = None if dry_run else _lock(settings, wait)
    try:
        manifest = Manifest.load(manifest_path(settings))
        current = fingerprint(settings, index.embedder)
        rebuild = bool(manifest.articles) and manifest.fingerprint != current
        plan = _plan(settings, manifest, rebuild)
        if dry_run:
            skipped = list(plan.skipped)
            for rel, data in plan.work:
                try:
                    skipped += load_file(rel, data).skipped
                except ArticleError as e:
                    skipped.append((rel, str(e)))
            return plan.report(skipped, started, dry_run=True)
        if manifest.all_ids() and not rebuild and not lexical_published(settings):
            # An index from before the in-place lexical index (or one whose folder was deleted).
            _rebuild_lexical(settings, index.store.opened(create=True))
        if manifest.all_ids() and not catalog_path(settings).exists() and not plan.work and not plan.removed:
            files = [p for p, e in manifest.articles.items() if e.ids]  # an index from before the catalog
            refresh_stories(catalog_path(settings), index.store.opened(create=True), files, [], rebuild=True)
        if not plan.work and not plan.removed and not manifest.dirty and manifest.fingerprint == current:
            return plan.report(plan.skipped, started)
        return _apply(index, manifest, plan, progress, started)
    finally:
        if lock is not None:
            lock.release()


def _apply(index: Index, manifest: Manifest, plan: Plan, progress: bool, started: float) -> SyncReport:
    """Carry out ``plan``: write and delete chunks, keep the manifest and the lexical index in step."""
    settings, path = index.settings, manifest_path(index.settings)
    was_dirty = manifest.dirty
    fresh_store = plan.rebuild or not manifest.fingerprint
    store = index.store.reset() if fresh_store else index.store.opened(create=True)
    if fresh_store:
        _lexical_update(settings, reset=True)
    if plan.rebuild:
        manifest.articles.clear()
    manifest.fingerprint = fingerprint(settings, index.embedder)
    manifest.dirty = True
    manifest.save(path)

    skipped = list(plan.skipped)
    embedded = reused = 0
    from tqdm import tqdm

    bar = tqdm(total=len(plan.work), unit="article", disable=not progress, desc="Syncing", file=sys.stderr)
    for group in batched(plan.work, _GROUP):
        n_embedded, n_reused, group_skipped = _write_group(index, store, manifest, group)
        embedded, reused = embedded + n_embedded, reused + n_reused
        skipped += group_skipped
        manifest.save(path)
        bar.update(len(group))
    bar.close()

    gone: list[str] = []
    for rel in plan.removed:
        entry = manifest.articles.pop(rel, None)
        if entry is not None and entry.ids:
            gone += entry.ids
            store.delete(entry.ids)
    _lexical_update(settings, removed=gone)
    if was_dirty:
        _remove_orphans(store, manifest.all_ids())
        _reconcile_lexical(settings, store)
    # After a new store or a killed sync, files done earlier are "unchanged" now: rebuild it all.
    rebuild = was_dirty or fresh_store
    changed = [p for p, e in manifest.articles.items() if e.ids] if rebuild else [p for p, _ in plan.work]
    refresh_stories(catalog_path(settings), store, changed, plan.removed, rebuild=rebuild)
    manifest.dirty = False
    manifest.save(path)

    return plan.report(skipped, started, embedded=embedded, reused=reused)


def _write_group(
    index: Index, store: Store, manifest: Manifest, group: Sequence[tuple[str, bytes]]
) -> tuple[int, int, list[tuple[str, str]]]:
    """Load, chunk, embed and store one group of files; returns (embedded, reused, skipped)."""
    settings = index.settings
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
                store.delete(old.ids)
                _lexical_update(settings, removed=old.ids)
            skipped.append((rel, reason))
            # Remembered, so the unchanged bad file is reported again without being re-read.
            manifest.articles[rel] = Entry(hashlib.sha256(data).hexdigest(), (), "", ((rel, str(e)),))
            continue
        skipped += loaded.skipped
        loaded_skips[rel] = loaded.skipped
        chunks = [c for article in loaded.articles for c in chunk_article(article, settings, index.embedder)]
        title = loaded.articles[0].title if len(loaded.articles) == 1 else f"{len(loaded.articles)} articles"
        per_file[rel] = (hashlib.sha256(data).hexdigest(), title, chunks)

    chunks = [c for _, _, cs in per_file.values() for c in cs]
    # Vectors already in the store (unchanged passages of edited articles) are reused.
    stored = store.vectors([c.id for c in chunks])
    fresh = [c for c in chunks if c.id not in stored]
    vectors: dict[str, Sequence[float]] = {i: v.tolist() for i, v in stored.items()}
    if fresh:
        matrix = index.embedder.embed(
            [c.embedding_text() for c in fresh], settings.batch_size, precision=settings.precision
        )
        vectors.update({c.id: row.tolist() for c, row in zip(fresh, matrix, strict=True)})
    store.upsert(
        [c.id for c in chunks],
        [vectors[c.id] for c in chunks],
        [c.text for c in chunks],
        [c.metadata() for c in chunks],
    )
    dropped: set[str] = set()
    for rel, (digest, title, cs) in per_file.items():
        new_ids = tuple(c.id for c in cs)
        old = manifest.articles.get(rel)
        if old is not None:
            dropped |= set(old.ids) - set(new_ids)
            store.delete(set(old.ids) - set(new_ids))
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


def _lexical_update(
    settings: Settings,
    added: Sequence[tuple[str, str, dict[str, Any]]] = (),
    removed: Sequence[str] | set[str] = (),
    vectors: Any = None,
    *,
    reset: bool = False,
) -> None:
    """Apply one group's changes to the lexical index in place (or empty it, with ``reset``)."""
    from qa import lexical  # numpy and tantivy: only when the store changes

    if reset:
        lexical.build(settings, [])
    elif added or removed:
        lexical.update(settings, added, removed, vectors)


def _reconcile_lexical(settings: Settings, store: Store) -> None:
    """After a killed sync: make the lexical index hold exactly the store's chunks."""
    from qa import lexical

    stored = store.ids()
    indexed = lexical.indexed_ids(settings)
    missing = sorted(stored - indexed)
    records = store.records(missing) if missing else {}
    found = store.vectors(missing) if missing else {}
    rows = [(i, text, dict(meta)) for i, (text, meta) in records.items()]
    vectors = [found[i] for i, _, _ in rows] if all(i in found for i, _, _ in rows) else None
    lexical.update(settings, rows, indexed - stored, vectors)


def _rebuild_lexical(settings: Settings, store: Store) -> None:
    """Build the lexical index from everything in the store (it was missing)."""
    from qa import lexical  # numpy and tantivy: only when the store changed

    rows: list[tuple[str, str, dict[str, Any]]] = []
    vectors: list[Any] = []
    for page, page_vectors in store.scan():
        rows += page
        vectors += page_vectors or []
    lexical.build(settings, rows, vectors if len(vectors) == len(rows) else None)


def _remove_orphans(store: Store, expected: set[str]) -> None:
    """Delete chunks no manifest entry owns: leftovers of a sync that was killed."""
    store.delete(store.ids() - expected)
