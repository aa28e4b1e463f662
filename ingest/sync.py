"""Bringing the index in step with the articles folder: add, replace, remove, skip.

A sync compares every article file's size and mtime with the manifest (or, given the paths a
change feed saw change, only those), and hashes the files whose stat changed (``_plan``). Only
new and changed articles are parsed, chunked and embedded; chunks whose id (a hash of their
content) is already stored keep their vectors. Nothing heavy is imported when nothing changed.
Bad files are reported with a reason and skipped, and the rest of the folder is still synced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
import os
import shutil
import stat
import sys
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.chunk import Chunk, chunk_article
from ingest.load import SUFFIXES, ArticleError, Loaded, display_path, load_file, read_file
from ingest.manifest import Entry, Manifest, Stat, stat_of_row
from ingest.owner import owner, remote_sync
from qa.catalog import catalog_missing
from qa.errors import ConfigError, NewsdeskError, SyncBusyError
from qa.index import Index, open_index
from qa.settings import PREFIX, Settings
from qa.store import (
    Store,
    StoreDamagedError,
    batched,
    catalog_path,
    lexical_published,
    manifest_path,
    set_aside_damaged_store,
    stored_count,
    sweep_staging,
)
from qa.stories import refresh as refresh_stories

if TYPE_CHECKING:
    from qa.embedder import Embedder

__all__ = [
    "IndexStatus",
    "Plan",
    "SyncReport",
    "article_files",
    "check_articles",
    "fingerprint",
    "status",
    "sync",
]

# Bump when chunking or metadata change in a way that needs every article re-indexed.
# 4: sentences of one quotation are one span; 5: and a quotation that ends on "?" or "!" is one
# span with the words that attribute it
PIPELINE_VERSION = 5
_GROUP = 256  # articles per write: the manifest commits after each, so a crash loses little
_EMBED_SLICE = 512  # chunks embedded, then written, at a time (10 to 20 s of MiniLM on two cores)
# The manifest hash of a file whose sync yielded part-way: its entry lists the chunks written so
# far, and no file hashes to it, so the next sync takes the file up again (reusing those chunks).
# What follows the colon is the hash of the version indexed before, empty for a new file.
_DEFERRED = "deferred:"


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
    repaired: tuple[str, ...] = ()  # unchanged articles re-indexed because the store lacked them
    damage: str = ""  # what was found wrong with the store, when something was
    # New or changed files this sync left part-way because it was asked to yield (``yield_to``):
    # the passages embedded so far are stored and searchable; the next sync finishes them.
    deferred: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the index was (or would be) modified."""
        return bool(self.added or self.updated or self.removed or self.repaired or self.deferred)

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
            repaired=tuple(data.get("repaired", ())),
            damage=str(data.get("damage", "")),
            deferred=tuple(data.get("deferred", ())),
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
        if self.damage:
            lines.append(f"The store was damaged: {self.damage}")
        if self.rebuilt:
            lines.append("The embedding model or chunk settings changed: every article was re-indexed.")
        for label, paths in (
            ("added", self.added),
            ("updated", self.updated),
            ("removed", self.removed),
            ("repaired", self.repaired),
        ):
            lines += [f"  {verb}{label}: {p}" for p in paths]
        lines += [f"  skipped: {p}: {reason}" for p, reason in self.skipped]
        lines += [
            f"  deferred: {p} (smaller files went first; the next sync finishes it)" for p in self.deferred
        ]
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
        repaired: Unchanged articles in ``work`` because the store lost their chunks.
        stats: (size, mtime_ns) of the files that were read, recorded once they are written.
        restat: The part of ``stats`` for unchanged files (touched, not changed).
        partial: Only the paths a change feed reported were compared (``unchanged`` and
            ``skipped`` list those only); the rest of the folder is as the manifest has it.
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
    repaired: tuple[str, ...] = ()
    stats: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    restat: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    partial: bool = False

    def report(
        self,
        skipped: Sequence[tuple[str, str]],
        started: float,
        *,
        embedded: int = 0,
        reused: int = 0,
        dry_run: bool = False,
        deferred: Sequence[str] = (),
    ) -> SyncReport:
        """The report of this plan, carried out (or, with ``dry_run``, not) with ``skipped`` files."""
        bad = {p for p, _ in skipped} | set(deferred)
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
            repaired=self.repaired,
            deferred=tuple(deferred),
        )


# A file modified this recently may be written again within the same mtime tick without its
# size changing; its stat is not trusted (it is hashed again next time), as git does with
# "racily clean" index entries.
_RACY_NS = 2_000_000_000


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the plan makes a few objects per file.

    Those allocations trigger full collections, and in a process that has loaded torch (the
    app, a second sync) each one walks millions of objects: at 21,738 files the collections
    cost 1.2 of a 2.1 s plan under cProfile. The plan makes no reference cycles.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _plan(
    settings: Settings, manifest: Manifest, rebuild: bool, changed: Collection[str] | None = None
) -> Plan:
    """Compare the folder (or, with ``changed``, those paths) with the manifest, reading only
    files whose size or mtime changed.

    A regular file whose size and ``st_mtime_ns`` match the manifest's record is unchanged
    without being opened (rsync's quick check, git's stat cache): at 50,000 chunks reading
    and hashing every file was most of a one-article sync. Other files are read and hashed;
    one whose hash matches (touched, not changed) stays unchanged and its new stat is recorded.
    Duplicate files are found by hash as before: unchanged files count with their stored hash,
    and of two files with the same bytes the first in the walk's order is indexed.

    The full scan is one ``scandir`` walk (one ``lstat`` per file, through the walk's own
    entries) against one query of the manifest's rows as plain tuples. With ``changed`` (a
    change feed's paths) only those paths, the folders among them and the manifest's rows at
    and under them are compared: the cost follows the change, not the archive.
    """
    if changed is not None and not rebuild:
        partial = _plan_changes(settings, manifest, changed)
        if partial is not None:
            return partial
    rows = manifest.quick_stats()
    tally = _Tally(settings, rebuild)
    seen, present, unchanged, skipped = tally.seen, tally.present, tally.unchanged, tally.skipped
    limit = settings.max_file_bytes
    for rel, entry in _scan(os.fspath(settings.articles_dir)):
        row = rows.get(rel)
        try:
            info: os.stat_result | None = entry.stat(follow_symlinks=False)
        except OSError:
            info = None  # read_file says why
        if (
            row is not None
            and info is not None
            and row[3] == info.st_mtime_ns
            and row[2] == info.st_size
            and not rebuild
            and stat.S_ISREG(info.st_mode)
            and info.st_size <= limit
            and not row[1].startswith(_DEFERRED)
        ):
            # The common case, inline: unchanged by its stat (``_Tally.take`` without the read).
            digest = row[1]
            if digest in seen:
                skipped.append((rel, f"has the same text as {seen[digest]}, which is indexed once"))
                continue
            seen[digest] = rel
            present.add(rel)
            if row[5] == "[]":
                unchanged.append(rel)
            else:
                kept = stat_of_row(row)
                skipped += kept.skipped
                if kept.indexed or not kept.skipped:
                    unchanged.append(rel)
            continue
        tally.take(rel, entry.path, info, None if row is None else stat_of_row(row))
    removed = sorted(set(rows) - present)
    return tally.plan(
        {p: rows[p][1] for p in removed} | {p: rows[p][1] for p, _ in tally.work if p in rows},
        removed,
        dropped=tuple(removed + ([p for p in rows if p not in removed] if rebuild else [])),
        gone_unindexed=frozenset(p for p in removed if not rows[p][4]),
    )


class _Tally:
    """What the plan has found so far: the files it read, those unchanged, skipped, duplicates."""

    def __init__(self, settings: Settings, rebuild: bool) -> None:
        self.settings = settings
        self.rebuild = rebuild
        self.work: list[tuple[str, bytes]] = []
        self.unchanged: list[str] = []
        self.skipped: list[tuple[str, str]] = []
        self.seen: dict[str, str] = {}  # content hash -> first path with that content
        self.present: set[str] = set()
        self.stats: dict[str, tuple[int, int]] = {}  # hashed files: (size, mtime_ns) to record
        self.restat: dict[str, tuple[int, int]] = {}  # unchanged files whose stat changed
        self.racy = time.time_ns() - _RACY_NS

    def read(
        self, rel: str, full: str, info: os.stat_result | None, entry: Stat | None
    ) -> tuple[str, bytes] | None:
        """(hash, bytes) of one file: its recorded hash when its stat matches, else read and hashed.

        None when it cannot be read (skipped with the reason).
        """
        settings = self.settings
        if (
            entry is not None
            and info is not None
            and not self.rebuild
            and stat.S_ISREG(info.st_mode)
            and info.st_size <= settings.max_file_bytes
            and (entry.size, entry.mtime_ns) == (info.st_size, info.st_mtime_ns)
            and not _is_deferred(entry)
        ):
            return entry.sha256, b""
        root = settings.articles_dir
        try:
            data = read_file(
                Path(full), settings.max_file_bytes, root=None if settings.follow_links else root
            )
        except ArticleError as e:
            self.skipped.append((display_path(rel), str(e)))
            return None
        if info is not None and stat.S_ISREG(info.st_mode):
            # A file modified within the racy window keeps no stat: it is hashed again next time.
            self.stats[rel] = (info.st_size, info.st_mtime_ns if info.st_mtime_ns < self.racy else -1)
        return hashlib.sha256(data).hexdigest(), data

    def take(self, rel: str, full: str, info: os.stat_result | None, entry: Stat | None) -> None:
        """Read (when needed) and place one file, in the walk's order."""
        found = self.read(rel, full, info, entry)
        if found is not None:
            self.place(rel, found[0], found[1], entry)

    def place(self, rel: str, digest: str, data: bytes, entry: Stat | None) -> None:
        """Place one file whose hash is known: a duplicate, unchanged, or work."""
        if digest in self.seen:
            self.skipped.append((rel, f"has the same text as {self.seen[digest]}, which is indexed once"))
            return
        self.seen[digest] = rel
        self.present.add(rel)
        if entry is not None and entry.sha256 == digest and not self.rebuild:
            self.skipped += entry.skipped
            if entry.indexed or not entry.skipped:
                self.unchanged.append(rel)
            if rel in self.stats:
                self.restat[rel] = self.stats[rel]
        else:
            self.work.append((rel, data))

    def plan(
        self,
        hashes: Mapping[str, str],
        removed: Sequence[str],
        *,
        dropped: tuple[str, ...],
        gone_unindexed: frozenset[str],
        partial: bool = False,
    ) -> Plan:
        """The plan; ``hashes`` holds the recorded hash of the work and removed files that have one."""

        def is_new(rel: str) -> bool:  # no version indexed before (a file deferred when new still is new)
            return rel not in hashes or hashes[rel] == _DEFERRED or self.rebuild

        work = self.work
        return Plan(
            # Small files first: an upload of a few articles is not held up by a large file's
            # minutes of embedding, when the sync is asked to yield (``sync(yield_to=...)``).
            work=tuple(sorted(work, key=lambda w: len(w[1]))),
            unchanged=tuple(self.unchanged),
            removed=tuple(removed),
            skipped=tuple(self.skipped),
            gone_unindexed=gone_unindexed,
            new=tuple(p for p, _ in work if is_new(p)),
            changed=tuple(p for p, _ in work if not is_new(p)),
            dropped=dropped,
            rebuild=self.rebuild,
            stats=self.stats,
            restat=self.restat,
            partial=partial,
        )


_NAME = operator.attrgetter("name")


def _scan(top: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path relative to the articles folder with ``/``, entry) of the article files under ``top``.

    ``walk_files``' files in its order (names sorted, a folder's files before its subfolders,
    hidden names and links to folders left out), from ``os.scandir`` entries: their ``stat``
    is the one ``lstat`` per file, with no path strings or ``os.walk`` lists made on the way.
    """
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=_NAME)
    except OSError:
        return  # as os.walk: an unreadable folder is passed over
    folders = []
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()  # through links, as os.walk sorts them
        except OSError:
            is_dir = False
        if is_dir:
            if not name.startswith(".") and not entry.is_symlink():
                folders.append(entry)
        elif _is_article_name(name):
            yield prefix + name, entry
    for folder in folders:
        yield from _scan(folder.path, prefix + folder.name + "/")


def article_files(settings: Settings) -> int:
    """How many article files ``settings.articles_dir`` holds, walked as a sync walks it.

    The app says how many articles a first start is indexing, or waits to be indexed; a feed
    file (``.jsonl``) counts once, whatever it holds. 0 for a missing or unreadable folder.
    """
    return sum(1 for _ in _scan(os.path.abspath(settings.articles_dir)))


def _is_article_name(name: str) -> bool:
    dot = name.rfind(".")  # the suffix as Path.suffix has it
    return dot > 0 and not name.startswith(".") and name[dot:].lower() in SUFFIXES


def _walk_key(rel: str) -> tuple[tuple[int, str], ...]:
    """Sorts paths in the scan's order: a folder's files (0) before its subfolders (1), by name."""
    *folders, name = rel.split("/")
    return (*((1, f) for f in folders), (0, name))


def _plan_changes(settings: Settings, manifest: Manifest, changed: Collection[str]) -> Plan | None:
    """The plan for the paths a change feed reported (None when only a full scan will do).

    A reported path is compared whatever it is now: a file (read when its stat changed), a
    folder (walked: a folder moved in reports only itself), or gone (its row, and the rows under
    it when it was a folder, are removed: a folder moved out reports only itself). The rest of
    the folder is taken as the manifest has it. A new file that has the same bytes as an
    article outside the reported paths is a duplicate exactly as a full scan finds it: the one
    first in the scan's order is indexed.
    """
    top = os.path.abspath(settings.articles_dir)
    files: dict[str, str] = {}  # rel -> full path of the article files to compare
    scope: set[str] = set()  # reported paths: their rows, and the rows under them, are compared
    for raw in changed:
        rel = _relative(top, os.fspath(raw))
        if rel is None:
            continue  # outside the folder, or inside a hidden folder or a linked one: no article
        if not rel:
            return None  # the folder itself (moved, replaced): scan it
        scope.add(rel)
        full = os.path.join(top, rel)
        try:
            info = os.lstat(full)
        except OSError:
            continue  # gone
        if stat.S_ISDIR(info.st_mode):
            files.update((r, e.path) for r, e in _scan(full, rel + "/"))
        elif _is_article_name(rel.rsplit("/", 1)[-1]) and not (
            stat.S_ISLNK(info.st_mode) and os.path.isdir(full)
        ):
            files[rel] = full
    known = manifest.stats_of(scope | files.keys(), under=scope)
    tally = _Tally(settings, rebuild=False)
    read: dict[str, tuple[str, bytes, Stat | None]] = {}
    for rel, full in files.items():
        try:
            now: os.stat_result | None = os.lstat(full)
        except OSError:
            now = None
        found = tally.read(rel, full, now, known.get(rel))
        if found is not None:
            read[rel] = (*found, known.get(rel))
    # Articles outside the reported paths with the bytes of a reported file: placed in the
    # scan's order with the reported files, as a full scan meets them.
    elsewhere = {
        p: digest
        for digest, paths in manifest.paths_hashed({d for d, _, _ in read.values()}).items()
        for p in paths
        if p not in known and p not in files
    }
    outside = {p: manifest.stats_of([p])[p] for p in elsewhere} if elsewhere else {}
    for rel in sorted(read.keys() | elsewhere.keys(), key=_walk_key):
        if rel in read:
            digest, data, entry = read[rel]
            tally.place(rel, digest, data, entry)
        elif elsewhere[rel] in tally.seen:
            # It comes after a reported file with its bytes: that file is indexed, it leaves.
            tally.skipped.append(
                (rel, f"has the same text as {tally.seen[elsewhere[rel]]}, which is indexed once")
            )
            known[rel] = outside[rel]
        else:
            tally.seen[elsewhere[rel]] = rel
    removed = sorted(p for p in known if p not in tally.present)
    hashes = {p: e.sha256 for p, e in known.items()}
    return tally.plan(
        hashes,
        removed,
        dropped=tuple(removed),
        gone_unindexed=frozenset(p for p in removed if not known[p].indexed),
        partial=True,
    )


def _relative(top: str, path: str) -> str | None:
    """``path`` relative to the articles folder ``top`` with ``/`` ("" for the folder itself).

    None for a path outside it, or under a hidden folder or a link to a folder, which the scan
    never enters. A relative ``path`` is taken as relative to the folder.
    """
    full = os.path.normpath(os.path.join(top, path))
    if full == top:
        return ""
    if not full.startswith(os.path.join(top, "")):
        return None
    parts = full[len(top) + 1 :].split(os.sep)
    for n, part in enumerate(parts):
        if part.startswith("."):
            return None
        if n < len(parts) - 1 and os.path.islink(os.path.join(top, *parts[: n + 1])):
            return None
    return "/".join(parts)


def _is_deferred(entry: Stat) -> bool:
    return entry.sha256.startswith(_DEFERRED)


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
        synced: When the manifest last committed a change, None before the first sync.
        pending: Files a sync left part-way when it yielded (their passages so far are
            searchable); the next sync finishes them.
    """

    articles: tuple[str, ...] = ()
    passages: int = 0
    synced: datetime | None = None
    pending: tuple[str, ...] = ()


def status(settings: Settings | None = None) -> IndexStatus:
    """What is indexed in ``settings.data_dir`` (default: ``Settings.from_env()``), for status lines."""
    settings = settings or Settings.from_env()
    with Manifest.load(manifest_path(settings), create=False) as manifest:
        pending = frozenset(manifest.hashed_as(_DEFERRED))  # one query, not every row read into Python
        return IndexStatus(
            articles=tuple(p for p in manifest.indexed() if p not in pending),
            passages=manifest.chunk_count(),
            synced=datetime.fromtimestamp(manifest.saved_at) if manifest.saved_at else None,
            pending=tuple(sorted(pending)),
        )


def unsynced(settings: Settings, changed: Collection[str]) -> int:
    """How many of the paths a change feed reported differ from what the index holds.

    A file counts when it is an article whose size or modification time differs from its
    manifest row (or that has none), a path that is gone when the manifest holds it or
    articles under it, and a folder (what is under it is known only by walking it). Hidden
    files and folders, which no sync reads, never count. One stat and one indexed lookup a
    path: a status line can ask it on every refresh.
    """
    top = os.path.abspath(settings.articles_dir)
    rels = {r for r in (_relative(top, os.fspath(p)) for p in changed) if r is not None}
    if "" in rels:
        return 1  # the folder itself was moved or replaced
    count, gone, files = 0, [], {}
    for rel in rels:
        try:
            info = os.lstat(os.path.join(top, rel))
        except OSError:
            gone.append(rel)
            continue
        if stat.S_ISDIR(info.st_mode):
            count += 1
        elif _is_article_name(rel.rsplit("/", 1)[-1]):
            files[rel] = info
    if not files and not gone:
        return count
    with Manifest.load(manifest_path(settings), create=False) as manifest:
        known = manifest.stats_of(files.keys())
        count += sum(_differs(os.path.join(top, rel), info, known.get(rel)) for rel, info in files.items())
        count += sum(bool(manifest.stats_of([rel], under=[rel])) for rel in gone)
    return count


def _differs(full: str, info: os.stat_result, entry: Stat | None) -> bool:
    """Whether the file at ``full`` differs from its manifest row ``entry`` (a deferred one is indexing)."""
    if entry is None:
        return True
    if _is_deferred(entry) or (entry.size, entry.mtime_ns) == (info.st_size, info.st_mtime_ns):
        return False
    if entry.mtime_ns != -1 or entry.size != info.st_size:
        return True
    # Saved within the racy window of its sync (an upload, synced at once): no stat was kept.
    try:
        with open(full, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest() != entry.sha256
    except OSError:
        return True


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
    switch_folder: bool = False,
    yield_to: Callable[[], bool] | None = None,
    changed: Collection[str | os.PathLike[str]] | None = None,
) -> SyncReport:
    """Bring the index in step with ``settings.articles_dir``.

    Args:
        settings: Defaults to ``Settings.from_env()`` (or ``index.settings``).
        dry_run: Work out and return the plan, changing nothing.
        wait: When another sync holds the lock, wait for it (else raise ``SyncBusyError``).
        progress: Show a progress bar on standard error.
        index: The opened index to write (default: ``open_index(settings)``).
        switch_folder: Let this index hold ``articles_dir`` although it holds another folder's
            articles now (they leave the index). Without it such a sync raises ``ConfigError``.
        yield_to: Asked before each slice of embedding but the first (files go smallest first,
            and a file of more than a slice starts a slice of its own); when it returns True the
            sync writes what it embedded, finishes cleanly and reports the files it did not
            finish as ``deferred``. The app passes one that fires when an upload is waiting:
            a 10 MB file held a small upload for minutes. The next sync reuses every stored
            vector. The command line needs none.
        changed: The paths a change feed saw change (files or folders, absolute or relative to
            the articles folder): only they are compared with the manifest, and the rest of the
            folder is taken as it was (``ingest.feed.ChangeFeed``; at 434,525 articles the full
            scan was 3.5 to 4.5 s of a one-article sync). None (the default) scans the whole
            folder, and so does a sync after a killed one, a pipeline change, a new index or a
            store that lost passages. The report then lists only those paths as unchanged
            or skipped.

    Returns:
        The report: added, updated, removed, unchanged and skipped articles.

    Raises:
        ConfigError: for a folder other than the one this index holds, without ``switch_folder``.
        NewsdeskError: when the data folder cannot be written (read-only, full), with the fix.
    """
    started = time.perf_counter()
    index = index or open_index(settings)
    settings = index.settings
    check_articles(settings)
    folder = str(settings.articles_dir.resolve())
    # A Chroma server takes writes from many processes; the embedded store has one owner.
    app = None if settings.chroma_host else owner(settings)
    if app is not None:
        if switch_folder or (app.folder and app.folder != folder):
            raise ConfigError(
                f"The Newsdesk app at {app.url} owns this index and syncs {app.folder or 'its folder'}; "
                f"it cannot sync {folder}. Give that folder its own index (NEWSDESK_DATA_DIR), or stop "
                "the app first to switch this index to it."
            )
        answer = remote_sync(app.url, dry_run=dry_run, auth=settings.auth)
        return SyncReport.from_dict(answer | {"delegated_to": app.url})
    try:
        lock = None if dry_run else _lock(settings, wait)
    except OSError as e:
        raise _write_error(settings, e) from e
    stack = contextlib.ExitStack()
    try:
        if lock is not None:
            sweep_staging(settings)
        manifest = stack.enter_context(Manifest.load(manifest_path(settings), create=not dry_run))
        _check_folder(settings, manifest, folder, switch_folder)
        current = fingerprint(settings, index.embedder)
        rebuild = bool(manifest.articles) and manifest.fingerprint != current
        if manifest.dirty or not manifest.fingerprint or manifest.folder != folder:
            changed = None  # a killed sync, a new index, another folder: compare everything
        with _collector_paused():
            plan = _plan(
                settings, manifest, rebuild, None if changed is None else [os.fspath(p) for p in changed]
            )
        if not dry_run:
            manifest.record_stat(dict(plan.restat))  # committed with the next change
        if dry_run:
            skipped = list(plan.skipped)
            for rel, data in plan.work:
                skipped += _load(rel, data).skipped
            return plan.report(skipped, started, dry_run=True)
        damage = ""
        if not rebuild:
            plan, damage = _verify_store(settings, manifest, plan)
        if not rebuild and not lexical_published(settings) and manifest.chunk_count():
            # An index from before the in-place lexical index (or one whose folder was deleted).
            _rebuild_lexical(settings, index.store.opened(create=True))
        if (
            not plan.work
            and not plan.removed
            and catalog_missing(catalog_path(settings))
            and manifest.chunk_count()
        ):
            files = manifest.indexed()  # an index from before the catalog
            refresh_stories(catalog_path(settings), index.store.opened(create=True), files, [], rebuild=True)
        if not plan.work and not plan.removed and not manifest.dirty and manifest.fingerprint == current:
            if manifest.folder != folder:  # an index from before folders were recorded
                manifest.folder = folder
            manifest.commit()  # the folder, and the stat of touched files
            return plan.report(plan.skipped, started)
        manifest.folder = folder
        report = _apply(index, manifest, plan, progress, started, yield_to)
        return replace(report, damage=(damage + " " + report.damage).strip())
    except OSError as e:
        raise _write_error(settings, e) from e
    except Exception as e:
        # Chroma's errors, and SQLite's from the manifest or the catalog (a full disk, a
        # read-only folder): a clean message with the fix.
        if not type(e).__module__.startswith(("chromadb", "sqlite3")):
            raise
        raise _write_error(settings, e) from e
    finally:
        stack.close()
        if lock is not None:
            lock.release()


def _check_folder(settings: Settings, manifest: Manifest, folder: str, switch_folder: bool) -> None:
    """Refuse to sync a folder other than the one this index holds, unless asked to switch."""
    if not manifest.folder or manifest.folder == folder or not manifest.articles or switch_folder:
        return
    raise ConfigError(
        f"The index in {settings.data_dir} holds the articles of {manifest.folder}, not {folder}. "
        f"To keep both, give {folder} its own index (NEWSDESK_DATA_DIR=...). To replace the index "
        "with this folder (the other folder's articles leave it), run again with --switch-folder "
        "(ingest.sync(switch_folder=True))."
    )


def _write_error(settings: Settings, error: Exception) -> NewsdeskError:
    """A clean message for a data folder that cannot be written (read-only, full, no permission)."""
    if isinstance(error, OSError):
        what = f"{error.strerror or error}" + (f" ({error.filename})" if error.filename else "")
    else:  # Chroma reports a failed write without its cause
        what = f"the store refused the write ({error})"
    try:
        free = shutil.disk_usage(settings.data_dir).free
        room = f"; {free / 1e6:.1f} MB free on its disk" if free < 200e6 else ""
    except OSError:
        room = ""
    fix = (
        "Free some space or make the folder writable (or point NEWSDESK_DATA_DIR elsewhere)"
        if isinstance(error, OSError) or room
        else "If its disk is full or read-only, free some space or make it writable; else run "
        "`python -m ingest --check`, which finds and repairs damaged passages"
    )
    return NewsdeskError(
        f"The sync could not write to {settings.data_dir}: {what}{room}. {fix}, then run the sync "
        "again: what was indexed before stays, and the next sync finishes the job."
    )


def _load(rel: str, data: bytes) -> Loaded:
    """The articles of one file; any failure to read it becomes a skipped file with the reason."""
    try:
        return load_file(rel, data)
    except ArticleError as e:
        return Loaded([], [(rel, str(e))])
    except RecursionError:
        return Loaded([], [(rel, "nests too deeply to be read (thousands of levels)")])
    except MemoryError:
        return Loaded([], [(rel, "needs more memory to read than is available")])
    except Exception as e:  # a bug or a parser's limit: this file is skipped, the sync goes on
        return Loaded([], [(rel, f"could not be read ({type(e).__name__}: {e})")])


def _verify_store(settings: Settings, manifest: Manifest, plan: Plan) -> tuple[Plan, str]:
    """Check the store holds the chunks the manifest lists; plan the re-indexing of what it lacks.

    Counting costs a millisecond (``qa.store.stored_count``). When the count is off, the ids
    are compared: unchanged articles whose chunks are missing go back into the plan's work (they
    are reported as repaired), and chunks no article owns are removed as after a killed sync.
    A store whose database cannot be read is moved aside and rebuilt from the folder.

    Returns:
        The plan, with the articles to re-index added to its work, and what was wrong (empty
        when nothing was).
    """
    total = manifest.chunk_count()
    if not total:
        return plan, ""
    damage = ""
    try:
        count = stored_count(settings)
    except StoreDamagedError as e:
        moved = set_aside_damaged_store(settings)
        damage, count = f"{e}; it was moved to {moved} and rebuilt from the articles folder. ", -1
    if count == total:
        return plan, ""
    if plan.partial:  # what was lost may be anywhere: compare the whole folder
        with _collector_paused():
            plan = _plan(settings, manifest, False)
    expected = manifest.all_ids()
    present = Store(settings).ids()
    lost = expected - present
    if present - expected:
        manifest.dirty = True  # the next write removes chunks no article owns
    if not lost:
        extra = len(present - expected)
        return plan, damage + f"it held {extra} passages no article owns; they were removed."
    repaired = [p for p in plan.unchanged if not lost.isdisjoint(manifest.articles[p].ids)]
    work, skipped = list(plan.work), list(plan.skipped)
    for rel in repaired:
        try:
            work.append((rel, read_file(settings.articles_dir / rel, settings.max_file_bytes)))
        except ArticleError as e:
            skipped.append((rel, str(e)))
    damage += (
        f"it lacked {len(lost)} of the {len(expected)} passages the manifest lists "
        f"(of {len(repaired)} articles); they were re-indexed."
    )
    plan = replace(
        plan,
        work=tuple(work),
        skipped=tuple(skipped),
        unchanged=tuple(p for p in plan.unchanged if p not in set(repaired)),
        repaired=tuple(repaired),
    )
    return plan, damage


def _apply(
    index: Index,
    manifest: Manifest,
    plan: Plan,
    progress: bool,
    started: float,
    yield_to: Callable[[], bool] | None = None,
) -> SyncReport:
    """Carry out ``plan``: write and delete chunks, keep the manifest and the lexical index in step."""
    settings = index.settings
    was_dirty = manifest.dirty
    fresh_store = plan.rebuild or not manifest.fingerprint
    store = index.store.reset() if fresh_store else index.store.opened(create=True)
    if fresh_store:
        _lexical_update(settings, reset=True)
    if plan.rebuild:
        manifest.articles.clear()
    manifest.fingerprint = fingerprint(settings, index.embedder)
    manifest.dirty = True
    manifest.commit()

    skipped = list(plan.skipped)
    deferred: list[str] = []
    embedded = reused = 0
    from tqdm import tqdm

    bar = tqdm(total=len(plan.work), unit="article", disable=not progress, desc="Syncing", file=sys.stderr)
    for n, group in enumerate(batched(plan.work, _GROUP)):
        if deferred or (n and yield_to is not None and yield_to()):
            deferred += [rel for rel, _ in group]  # untouched: the manifest keeps what it had
            continue
        n_embedded, n_reused, group_skipped, group_deferred = _write_group(
            index, store, manifest, group, yield_to
        )
        embedded, reused = embedded + n_embedded, reused + n_reused
        skipped += group_skipped
        deferred += group_deferred
        # A file left part-way keeps no stat: the next sync reads it again and finishes it.
        manifest.record_stat(
            {rel: plan.stats[rel] for rel, _ in group if rel in plan.stats and rel not in group_deferred}
        )
        manifest.commit()
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
    from ingest.check import check_store

    # After a killed sync every chunk is checked (a kill can cost vectors of chunks it wrote
    # before its last manifest commit); otherwise the chunks this sync wrote. Repairs rewrite
    # chunks through _write_group, which keeps the lexical index in step.
    checked = check_store(index, store, manifest, None if was_dirty else [r for r, _ in plan.work])
    # After a new store or a killed sync, files done earlier are "unchanged" now: rebuild it all.
    rebuild = was_dirty or fresh_store
    changed = (
        [p for p, e in manifest.articles.items() if e.ids]
        if rebuild
        else [p for p, _ in plan.work] + [p for p in checked.repaired if p not in dict(plan.work)]
    )
    refresh_stories(catalog_path(settings), store, changed, plan.removed, rebuild=rebuild)
    manifest.dirty = False
    manifest.commit()

    report = plan.report(skipped, started, embedded=embedded, reused=reused, deferred=deferred)
    if not checked.lost:
        return report
    return replace(
        report,
        damage=f"{checked.lost} passages could not be found by dense search; their articles were "
        f"indexed again ({', '.join(checked.repaired)}).",
    )


def _write_group(
    index: Index,
    store: Store,
    manifest: Manifest,
    group: Sequence[tuple[str, bytes]],
    yield_to: Callable[[], bool] | None = None,
) -> tuple[int, int, list[tuple[str, str]], list[str]]:
    """Load, chunk, embed and store one group of files; returns (embedded, reused, skipped, deferred).

    When ``yield_to`` fires between slices, the files not fully embedded are deferred: those
    with chunks written get a ``_DEFERRED`` entry listing them, the others keep their entry.
    """
    settings = index.settings
    skipped: list[tuple[str, str]] = []
    per_file: dict[str, tuple[str, str, list[Chunk]]] = {}
    loaded_skips: dict[str, list[tuple[str, str]]] = {}
    for rel, data in group:
        loaded = _load(rel, data)
        if not loaded.articles and [p for p, _ in loaded.skipped] == [rel]:
            reason = loaded.skipped[0][1]
            old = manifest.articles.get(rel)
            if old is not None and old.ids:
                reason += "; its previous version was removed from the index"
                store.delete(old.ids)
                _lexical_update(settings, removed=old.ids)
            skipped.append((rel, reason))
            # Remembered, so the unchanged bad file is reported again without being re-read.
            manifest.articles[rel] = Entry(hashlib.sha256(data).hexdigest(), (), "", tuple(loaded.skipped))
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

    def write(part: Sequence[Chunk]) -> None:
        store.upsert(
            [c.id for c in part],
            [vectors[c.id] for c in part],
            [c.text for c in part],
            [c.metadata() for c in part],
        )

    # Fresh chunks are embedded and written a slice at a time: a sync killed in the middle of
    # a large file keeps what it embedded, and the next one reuses those vectors (chunk ids
    # are content hashes) instead of embedding the whole file again. A sync asked to yield
    # stops between slices the same way, but cleanly.
    by_file = [[c for c in cs if c.id not in stored] for _, _, cs in per_file.values()]
    for n, part in enumerate(_slices(by_file)):
        if n and yield_to is not None and yield_to():
            break
        matrix = index.embedder.embed(
            [c.embedding_text() for c in part], settings.batch_size, precision=settings.precision
        )
        vectors.update({c.id: row.tolist() for c, row in zip(part, matrix, strict=True)})
        write(part)
    write([c for c in chunks if c.id in stored])  # reused vectors, with their new metadata
    deferred = [rel for rel, (_, _, cs) in per_file.items() if any(c.id not in vectors for c in cs)]
    dropped: set[str] = set()
    for rel, (digest, title, cs) in per_file.items():
        old = manifest.articles.get(rel)
        if rel in deferred:
            cs = [c for c in cs if c.id in vectors]
            if not cs:
                continue  # nothing of it written: its entry (or its absence) stays as it was
            digest = _DEFERRED + ("" if old is None else old.sha256.removeprefix(_DEFERRED))
        new_ids = tuple(c.id for c in cs)
        if old is not None:
            dropped |= set(old.ids) - set(new_ids)
            store.delete(set(old.ids) - set(new_ids))
        manifest.articles[rel] = Entry(digest, new_ids, title, tuple(loaded_skips.get(rel, ())))
    # The lexical side follows the store before the manifest commits: a kill in between
    # leaves the manifest dirty, and the next sync reconciles the two (_reconcile_lexical).
    written = [c for c in chunks if c.id in vectors]
    _lexical_update(
        settings,
        added=[(c.id, c.text, dict(c.metadata())) for c in written],
        removed=dropped,
        vectors=[vectors[c.id] for c in written],
    )
    embedded = sum(1 for c in fresh if c.id in vectors)
    return embedded, len(chunks) - len(fresh), skipped, deferred


def _slices(fresh_by_file: Sequence[Sequence[Chunk]]) -> Iterator[list[Chunk]]:
    """Fresh chunks, ``_EMBED_SLICE`` at a time, with a file of more than a slice starting a new one.

    So a sync told to yield after the small files it took first does not embed the first
    slice of a large file too (10 to 20 s of MiniLM on two cores).
    """
    part: list[Chunk] = []
    for chunks in fresh_by_file:
        if len(chunks) > _EMBED_SLICE and part:
            yield part
            part = []
        for chunk in chunks:
            part.append(chunk)
            if len(part) == _EMBED_SLICE:
                yield part
                part = []
    if part:
        yield part


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
