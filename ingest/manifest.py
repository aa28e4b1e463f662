"""The ingest manifest: what is in the index, per article, and under which pipeline.

An SQLite database in the data directory (``manifest.db``) maps each article path to the hash
of its bytes, its size and modification time, and the ids of its chunks. Comparing the folder
against it tells a sync what changed without chunking, embedding, or even importing Chroma.
(LangChain's ``index()`` keeps per-chunk hashes instead, which means loading and re-chunking
every article on every sync just to learn that nothing changed.)

Why SQLite and not the JSON file it was: a sync changes a few rows, and a JSON manifest is
rewritten whole three times per sync (the dirty mark, after each group, at the end): 2.2 s of
a 6.3 s one-article sync at 30,000 chunks, and growing with the archive. Here a sync commits
one transaction for the dirty mark, one per group of articles and one at the end, each the
size of the change. A kill leaves the last committed transaction, as the atomic rename did.

``dirty`` is set (and committed) before a sync touches the store and cleared when it finishes,
so a sync that was killed half-way is detected and the next one removes whatever the killed one
left behind. A ``manifest.json`` of earlier versions is migrated on first open, hashes and chunk
ids included, so nothing is embedded again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from qa.store import ensure_schema, open_db

__all__ = ["Entry", "Manifest", "Stat", "stat_of_row"]

VERSION = 2  # 1 was the JSON file
LEGACY_JSON = "manifest.json"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    ids TEXT NOT NULL,        -- chunk ids, space-separated (they are hex and dashes)
    n INTEGER NOT NULL,       -- how many
    title TEXT NOT NULL,
    skipped TEXT NOT NULL,    -- JSON list of [path, reason]
    size INTEGER NOT NULL DEFAULT -1,      -- -1: not known, the file is hashed next time
    mtime_ns INTEGER NOT NULL DEFAULT -1
);
-- A change feed's sync looks up the hash of a new file (is it a duplicate?) and sums the chunk
-- counts (does the store hold them all?): without these, each read every row, 15 ms a query
-- at 107,992 articles (CPU, one run), growing with the archive; with them 0 and 4 ms.
CREATE INDEX IF NOT EXISTS articles_by_hash ON articles (sha256);
CREATE INDEX IF NOT EXISTS articles_by_chunks ON articles (n);
"""


@dataclass(frozen=True)
class Entry:
    """One article file: the hash of its bytes, the ids of its chunks, and what was skipped.

    ``skipped`` holds (path, reason) for the file itself when it yielded nothing, or for
    records of a feed, so an unchanged bad file is reported again without re-reading it.
    """

    sha256: str
    ids: tuple[str, ...]
    title: str = ""
    skipped: tuple[tuple[str, str], ...] = ()


class Stat(NamedTuple):
    """What the plan needs of one manifest row, read for every article in one query.

    A named tuple, not a frozen dataclass: one is made per article on every sync, and the
    dataclass's ``__init__`` was most of the 0.4 s it took for 21,738 articles (cProfile).

    Attributes:
        sha256: The hash of the bytes that were indexed.
        size, mtime_ns: The file's size and modification time when it was hashed (-1: unknown).
        indexed: Whether it gave any chunk.
        skipped: As ``Entry.skipped``.
    """

    sha256: str
    size: int
    mtime_ns: int
    indexed: bool
    skipped: tuple[tuple[str, str], ...]


def stat_of_row(row: tuple[str, str, int, int, int, str]) -> Stat:
    """A row of ``Manifest.quick_stats()`` as a ``Stat``."""
    _, sha, size, mtime, n, skipped = row
    return Stat(sha, size, mtime, bool(n), _skipped(skipped))


def _skipped(raw: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(p), str(r)) for p, r in json.loads(raw)) if raw != "[]" else ()


def _entry(row: tuple[str, str, str, str]) -> Entry:
    sha, ids, title, skipped = row
    return Entry(sha, tuple(ids.split()), title, _skipped(skipped))


class Articles(MutableMapping[str, Entry]):
    """The manifest's rows as a mapping of article path to ``Entry``; writes join the open transaction."""

    def __init__(self, conn: sqlite3.Connection, begin: Callable[[], None]) -> None:
        self._conn = conn
        self._begin = begin  # the manifest's own: starts a transaction when none is open

    def __getitem__(self, path: str) -> Entry:
        row = self._conn.execute(
            "SELECT sha256, ids, title, skipped FROM articles WHERE path = ?", (path,)
        ).fetchone()
        if row is None:
            raise KeyError(path)
        return _entry(row)

    def __setitem__(self, path: str, entry: Entry) -> None:
        self._begin()
        # A new hash forgets the recorded stat (the sync records the new one after the write).
        self._conn.execute(
            "INSERT INTO articles (path, sha256, ids, n, title, skipped) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET ids = excluded.ids, n = excluded.n, title = excluded.title, "
            "skipped = excluded.skipped, size = CASE WHEN sha256 = excluded.sha256 THEN size ELSE -1 END, "
            "mtime_ns = CASE WHEN sha256 = excluded.sha256 THEN mtime_ns ELSE -1 END, "
            "sha256 = excluded.sha256",
            (path, entry.sha256, " ".join(entry.ids), len(entry.ids), entry.title, json.dumps(entry.skipped)),
        )

    def __delitem__(self, path: str) -> None:
        self._begin()
        if not self._conn.execute("DELETE FROM articles WHERE path = ?", (path,)).rowcount:
            raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        return iter([p for (p,) in self._conn.execute("SELECT path FROM articles ORDER BY path")])

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def __contains__(self, path: object) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE path = ?", (path,)).fetchone() is not None

    def items(self) -> list[tuple[str, Entry]]:  # type: ignore[override]
        """Every (path, entry), in one query."""
        rows = self._conn.execute("SELECT path, sha256, ids, title, skipped FROM articles ORDER BY path")
        return [(r[0], _entry(r[1:])) for r in rows]

    def values(self) -> list[Entry]:  # type: ignore[override]
        """Every entry, in one query."""
        return [e for _, e in self.items()]

    def clear(self) -> None:
        """Remove every row (a rebuild)."""
        self._begin()
        self._conn.execute("DELETE FROM articles")


class Manifest:
    """The index's record of itself: a handle on ``manifest.db``. A sync updates it as it goes.

    Changes (``articles[path] = entry``, ``dirty = True``, ...) join one open transaction until
    ``commit()``; a process killed before it leaves the last commit. Use it as a context manager,
    or ``close()`` it.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.articles = Articles(conn, self._begin)
        meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
        self._fingerprint = meta.get("fingerprint", "")
        self._dirty = meta.get("dirty", "0") == "1"
        self._folder = meta.get("folder", "")  # the resolved articles folder; empty before it is known
        self.saved_at = float(meta.get("saved_at", "0") or 0)

    @classmethod
    def load(cls, path: Path, *, create: bool = True) -> Manifest:
        """Open the manifest at ``path`` (``qa.store.manifest_path``), creating it, or migrating a
        ``manifest.json`` beside it.

        A file that is not a database is moved aside (to ``manifest.db.damaged``) and an empty,
        dirty manifest takes its place: the next sync then re-indexes the folder and removes
        what the store holds beyond it. With ``create=False`` (a dry run, a status line) a
        missing manifest is an empty one in memory, and nothing is written.
        """
        if not create and not path.exists() and not path.with_name(LEGACY_JSON).exists():
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            conn.executescript(_SCHEMA)
            return cls(conn)
        try:
            return cls._open(path)
        except sqlite3.DatabaseError:
            for suffix in ("", "-wal", "-shm"):
                part = path.with_name(path.name + suffix)
                if part.exists():
                    part.replace(path.with_name(path.name + suffix + ".damaged"))
            manifest = cls._open(path)
            manifest.dirty = True
            manifest.commit()
            return manifest

    @classmethod
    def _open(cls, path: Path) -> Manifest:
        conn = open_db(path)
        try:
            ensure_schema(conn, _SCHEMA)
            version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            legacy = path.with_name(LEGACY_JSON)
            if version is None:
                _migrate(conn, legacy)
            elif version[0] != str(VERSION):
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("DELETE FROM articles")
                conn.execute("DELETE FROM meta")
                conn.execute("INSERT INTO meta VALUES ('version', ?), ('dirty', '1')", (str(VERSION),))
                conn.execute("COMMIT")
            legacy.unlink(missing_ok=True)  # migrated (a kill after the commit left it behind)
            return cls(conn)
        except BaseException:
            conn.close()
            raise

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database; what was not committed is dropped."""
        self._conn.close()

    def _begin(self) -> None:
        if not self._conn.in_transaction:
            self._conn.execute("BEGIN IMMEDIATE")

    def _set(self, key: str, value: str) -> None:
        self._begin()
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def fingerprint(self) -> str:
        """The pipeline fingerprint the stored chunks were made under ("" before the first sync)."""
        return self._fingerprint

    @fingerprint.setter
    def fingerprint(self, value: str) -> None:
        self._fingerprint = value
        self._set("fingerprint", value)

    @property
    def dirty(self) -> bool:
        """Set while a sync is changing the store."""
        return self._dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self._dirty = value
        self._set("dirty", "1" if value else "0")

    @property
    def folder(self) -> str:
        """The resolved articles folder this index holds."""
        return self._folder

    @folder.setter
    def folder(self, value: str) -> None:
        self._folder = value
        self._set("folder", value)

    def commit(self) -> None:
        """Make the changes so far durable (one transaction), with the time, for ``ingest.status``."""
        if self._conn.in_transaction:
            self.saved_at = time.time()
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('saved_at', ?)", (repr(self.saved_at),))
            self._conn.execute("COMMIT")

    def rollback(self) -> None:
        """Drop the changes since the last commit (a dry run recorded nothing)."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def stats(self) -> dict[str, Stat]:
        """Every article's hash, recorded size and mtime, in one query (what the plan compares)."""
        rows = self._conn.execute("SELECT path, sha256, size, mtime_ns, n > 0, skipped FROM articles")
        return {p: Stat(sha, size, mtime, bool(n), _skipped(sk)) for p, sha, size, mtime, n, sk in rows}

    def quick_stats(self) -> dict[str, tuple[str, str, int, int, int, str]]:
        """Every row as (path, sha256, size, mtime_ns, chunks, skipped JSON) by path, in one query.

        Plain tuples straight from SQLite, not ``Stat``: the scan compares size and mtime of
        every file and needs the rest of a row only for the few files that changed (at
        434,525 articles every per-row object counts).
        """
        rows = self._conn.execute("SELECT path, sha256, size, mtime_ns, n, skipped FROM articles")
        return {row[0]: row for row in rows}

    def stats_of(self, paths: Iterable[str], under: Iterable[str] = ()) -> dict[str, Stat]:
        """``stats()`` for ``paths`` and for every article under the folders ``under`` (a change feed's).

        Index lookups on the path key: the cost follows how many paths changed, not the archive.
        """
        found: dict[str, Stat] = {}
        for part in _chunks(list(paths)):
            marks = ",".join("?" * len(part))
            found.update(self._stat_rows(f"path IN ({marks})", part))
        for folder in under:
            prefix = folder.rstrip("/") + "/"
            # Every path that starts with "folder/": from "folder/" up to (not including) "folder0".
            found.update(self._stat_rows("path >= ? AND path < ?", [prefix, prefix[:-1] + "0"]))
        return found

    def _stat_rows(self, where: str, args: Sequence[str]) -> dict[str, Stat]:
        rows = self._conn.execute(
            f"SELECT path, sha256, size, mtime_ns, n > 0, skipped FROM articles WHERE {where}", args
        )
        return {p: Stat(sha, size, mtime, bool(n), _skipped(sk)) for p, sha, size, mtime, n, sk in rows}

    def paths_hashed(self, digests: Iterable[str]) -> dict[str, list[str]]:
        """The paths whose recorded hash is one of ``digests`` (duplicates of new files), by hash."""
        found: dict[str, list[str]] = {}
        for part in _chunks(list(digests)):
            marks = ",".join("?" * len(part))
            for sha, path in self._conn.execute(
                f"SELECT sha256, path FROM articles WHERE sha256 IN ({marks})", part
            ):
                found.setdefault(sha, []).append(path)
        return found

    def record_stat(self, stats: dict[str, tuple[int, int]]) -> None:
        """Record (size, mtime_ns) of files whose hash matches their row (in the open transaction)."""
        if stats:
            self._begin()
            self._conn.executemany(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
                [(size, mtime, path) for path, (size, mtime) in stats.items()],
            )

    def hashed_as(self, prefix: str) -> list[str]:
        """The paths whose recorded hash starts with ``prefix`` (a marker no real hash has), sorted."""
        rows = self._conn.execute(
            "SELECT path FROM articles WHERE substr(sha256, 1, ?) = ? ORDER BY path", (len(prefix), prefix)
        )
        return [p for (p,) in rows]

    def indexed(self) -> list[str]:
        """The paths of the articles that gave chunks, sorted (without reading their rows' ids)."""
        return [p for (p,) in self._conn.execute("SELECT path FROM articles WHERE n > 0 ORDER BY path")]

    def chunk_count(self) -> int:
        """How many chunks the index should hold (a sum over rows, without reading their ids)."""
        return int(self._conn.execute("SELECT COALESCE(SUM(n), 0) FROM articles").fetchone()[0])

    def all_ids(self) -> set[str]:
        """Every chunk id the index should hold."""
        return {
            i for (ids,) in self._conn.execute("SELECT ids FROM articles WHERE n > 0") for i in ids.split()
        }


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in parts small enough for one statement's parameters (SQLite allows 32,766)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _migrate(conn: sqlite3.Connection, legacy: Path) -> None:
    """Fill a new database from a ``manifest.json`` of version 1 (when there is one), in one transaction.

    Hashes and chunk ids carry over, so nothing is embedded again; sizes and times are unknown,
    so the first sync hashes every file once and records them.
    """
    conn.execute("BEGIN IMMEDIATE")
    if conn.execute("SELECT 1 FROM meta WHERE key = 'version'").fetchone() is not None:
        conn.execute("COMMIT")  # another process migrated it while this one waited for the lock
        return
    meta = {"version": str(VERSION), "dirty": "0"}
    if legacy.exists():
        try:
            raw = json.loads(legacy.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        if raw.get("version") != 1:
            meta["dirty"] = "1"  # unreadable: the next sync re-indexes and removes what is not owned
        else:
            meta.update(
                fingerprint=str(raw.get("fingerprint", "")),
                dirty="1" if raw.get("dirty") else "0",
                folder=str(raw.get("folder", "")),
            )
            conn.executemany(
                "INSERT INTO articles (path, sha256, ids, n, title, skipped) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        path,
                        v["sha256"],
                        " ".join(v["ids"]),
                        len(v["ids"]),
                        v.get("title", ""),
                        json.dumps([[str(p), str(r)] for p, r in v.get("skipped", [])]),
                    )
                    for path, v in raw.get("articles", {}).items()
                ],
            )
        meta["saved_at"] = repr(legacy.stat().st_mtime)
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(meta.items()))
    conn.execute("COMMIT")
