"""The BM25 side of hybrid retrieval: a SQLite FTS5 index over every stored chunk, updated in place.

The index is one SQLite database, ``<data_dir>/lexical.sqlite``, next to the Chroma store. A
sync adds and removes the rows of the chunks it wrote or deleted in one transaction
(``update``), so one changed article costs milliseconds whatever the size of the archive; the
bm25s index it replaces had to be rebuilt whole (3.5 s at 12k chunks, 14 s at 50k, measured by
``bench/lexical_bench.py``). Why FTS5 rather than tantivy or bm25s segments is in
``docs/architecture.md``, with the figures.

Each chunk is indexed as its title plus text, tokenised exactly as before: bm25s's tokeniser
(lower-cased words of two or more characters, English stopwords removed, Snowball-stemmed).
The stems are stored space-separated, so FTS5's own tokeniser only splits at the spaces, and
FTS5's ``bm25()`` ranks (k1 = 1.2, b = 0.75, Lucene's; bm25s used k1 = 1.5).

Alongside the terms it keeps each chunk's id, article path, file and publication day (held in
memory by readers, so the same source and date filters as on the dense side apply as a mask)
and a copy of its vector (read per query for the candidates only, so fusion and MMR need no
second round trip to the store, and a reader's memory does not grow with the vectors).

Rows are numbered in insertion order and never reused. Readers keep arrays indexed by that
number and catch up with a sync by reading only the rows added and deleted since their last
look (a ``version`` counter says when to); WAL mode lets them read while a sync writes, from
other processes too (app replicas sharing a data directory on one machine).
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from qa.settings import Settings

__all__ = ["LexicalIndex", "build", "load", "tokenize", "update"]

_FILE = "lexical.sqlite"
_LEGACY_DIR = "bm25"  # the bm25s index of earlier versions, removed when this one is built

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    row INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    file TEXT NOT NULL,
    day INTEGER NOT NULL,
    vector BLOB
);
CREATE TABLE IF NOT EXISTS deleted (seq INTEGER PRIMARY KEY AUTOINCREMENT, row INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5(
    tokens, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
INSERT OR IGNORE INTO meta VALUES ('version', 0);
"""

Row = tuple[str, str, dict[str, Any]]  # (chunk id, text, metadata)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """BM25 tokens: lower-cased words of two or more characters, no stopwords, stemmed."""
    import bm25s

    return bm25s.tokenize(  # type: ignore[no-any-return]
        list(texts), stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


def path(settings: Settings) -> Path:
    """The index database in the data directory."""
    return settings.data_dir / _FILE


def _connect(file: Path) -> sqlite3.Connection:
    db = sqlite3.connect(file, timeout=60, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a crash loses at most the last commit
    return db


# ── writing (the sync) ────────────────────────────────────────────────────────


def build(settings: Settings, rows: Sequence[Row], vectors: Any = None) -> None:
    """Replace the whole index with ``rows`` and their vectors (a rebuild or a first build)."""
    target = path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    db = _connect(target)
    try:
        db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM terms")
        db.execute("INSERT INTO deleted(row) SELECT row FROM chunks")
        db.execute("DELETE FROM chunks")
        _insert(db, rows, vectors)
        db.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
        db.execute("COMMIT")
    finally:
        db.close()
    shutil.rmtree(settings.data_dir / _LEGACY_DIR, ignore_errors=True)


def update(settings: Settings, added: Sequence[Row], removed: Iterable[str], vectors: Any = None) -> None:
    """Remove the chunks ``removed`` and add (or replace) ``added``, in one transaction.

    ``vectors`` is row-aligned with ``added`` (or None). Ids that are not indexed are ignored,
    so replaying an update after a crash is harmless.
    """
    target = path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    db = _connect(target)
    try:
        db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        gone = set(removed) | {ident for ident, _, _ in added}
        _delete(db, gone)
        _insert(db, added, vectors)
        db.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
        db.execute("COMMIT")
    finally:
        db.close()


def indexed_ids(settings: Settings) -> set[str]:
    """Every chunk id in the index (for reconciling it with the store after a crash)."""
    if not path(settings).exists():
        return set()
    db = _connect(path(settings))
    try:
        db.executescript(_SCHEMA)
        return {ident for (ident,) in db.execute("SELECT id FROM chunks")}
    finally:
        db.close()


def exists(settings: Settings) -> bool:
    """Whether an index has been built in this data directory."""
    return path(settings).is_file()


def _delete(db: sqlite3.Connection, ids: set[str]) -> None:
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        marks = ",".join("?" * len(part))
        found = [r for (r,) in db.execute(f"SELECT row FROM chunks WHERE id IN ({marks})", part)]
        if not found:
            continue
        rows = ",".join("?" * len(found))
        db.execute(f"DELETE FROM terms WHERE rowid IN ({rows})", found)
        db.execute(f"DELETE FROM chunks WHERE row IN ({rows})", found)
        db.executemany("INSERT INTO deleted(row) VALUES (?)", [(r,) for r in found])


def _insert(db: sqlite3.Connection, rows: Sequence[Row], vectors: Any) -> None:
    matrix = None if vectors is None or not len(rows) else np.asarray(vectors, dtype=np.float32)
    for start in range(0, len(rows), 2000):
        part = rows[start : start + 2000]
        tokens = tokenize([f"{meta.get('title', '')}\n{text}" for _, text, meta in part])
        for n, ((ident, _, meta), words) in enumerate(zip(part, tokens, strict=True)):
            blob = matrix[start + n].tobytes() if matrix is not None else None
            cursor = db.execute(
                "INSERT INTO chunks(id, source, file, day, vector) VALUES (?, ?, ?, ?, ?)",
                (
                    ident,
                    str(meta.get("source", "")),
                    str(meta.get("file", meta.get("source", ""))),
                    int(meta.get("published_day", 0) or 0),
                    blob,
                ),
            )
            db.execute("INSERT INTO terms(rowid, tokens) VALUES (?, ?)", (cursor.lastrowid, " ".join(words)))


# ── reading (retrieval) ───────────────────────────────────────────────────────


@dataclass(frozen=True)
class LexicalIndex:
    """The chunks' metadata, indexed by row number, and the database to score and fetch from.

    ``ids[r]`` is empty for a deleted row; ``row`` maps each live chunk id to its row.
    """

    file: Path
    version: int
    ids: list[str]
    sources: np.ndarray[Any, Any]
    files: np.ndarray[Any, Any]
    days: np.ndarray[Any, Any]  # publication day as YYYYMMDD, 0 when unknown
    row: dict[str, int]  # chunk id -> row
    last_deleted: int  # the ``deleted.seq`` this view has applied

    def scores(self, question: str) -> np.ndarray[Any, Any]:
        """BM25 score of every row for ``question`` (zeros where no word matches)."""
        out = np.zeros(len(self.ids), dtype=np.float32)
        tokens = tokenize([question])[0]
        if not tokens or not self.row:
            return out
        expression = " OR ".join(f'"{t}"' for t in tokens)
        hits = (
            _reader(self.file)
            .execute("SELECT rowid, bm25(terms) FROM terms WHERE terms MATCH ?", (expression,))
            .fetchall()
        )
        if hits:
            found = np.asarray(hits, dtype=np.float64)
            rows, values = found[:, 0].astype(np.int64), -found[:, 1].astype(np.float32)
            keep = rows < len(out)  # rows added after this view was read wait for the next one
            out[rows[keep]] = values[keep]
        return out

    def mask(self, sources: Sequence[str] | None, after: int, before: int) -> np.ndarray[Any, Any] | None:
        """Rows allowed by the filters, or None when nothing is filtered."""
        if not sources and not after and not before:
            return None
        allowed = np.ones(len(self.ids), dtype=bool)
        if sources:
            wanted = list(sources)
            allowed &= np.isin(self.sources, wanted) | np.isin(self.files, wanted)
        if after:
            allowed &= self.days >= after
        if before:
            allowed &= (self.days <= before) & (self.days > 0)
        return allowed

    def vectors_for(self, ids: Sequence[str]) -> dict[str, np.ndarray[Any, Any]]:
        """The stored vectors of those of ``ids`` that are indexed with one."""
        wanted = [self.row[i] for i in ids if i in self.row]
        found: dict[str, np.ndarray[Any, Any]] = {}
        db = _reader(self.file)
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            for ident, blob in db.execute(f"SELECT id, vector FROM chunks WHERE row IN ({marks})", part):
                if blob is not None:
                    found[ident] = np.frombuffer(blob, dtype=np.float32)
        return found


_LOCAL = threading.local()


def _reader(file: Path) -> sqlite3.Connection:
    """This thread's read connection to ``file`` (SQLite connections are not shared by threads)."""
    connections: dict[str, sqlite3.Connection] = _LOCAL.__dict__.setdefault("connections", {})
    key = str(file)
    db = connections.get(key)
    if db is None or not file.exists():
        db = connections[key] = sqlite3.connect(file, timeout=60, isolation_level=None)
    return db


_LOCK = threading.Lock()
_LOADED: dict[str, LexicalIndex] = {}


def load(settings: Settings) -> LexicalIndex | None:
    """The current index, caught up with the last sync, or None when there is none."""
    file = path(settings)
    if not file.is_file():
        return None
    key = str(file.resolve())
    try:
        db = _reader(file)
        (version,) = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except (sqlite3.Error, TypeError):
        return None  # being created by a first sync
    with _LOCK:
        cached = _LOADED.get(key)
        if cached is not None and cached.version == version:
            return cached
        try:
            index = _catch_up(db, file, version, cached)
        except sqlite3.Error:
            return cached
        _LOADED[key] = index
        return index


def _catch_up(db: sqlite3.Connection, file: Path, version: int, old: LexicalIndex | None) -> LexicalIndex:
    """``old`` with the rows added and deleted since it was read (or everything, without one)."""
    db.execute("BEGIN")  # one snapshot for the three reads
    try:
        known = len(old.ids) - 1 if old is not None else 0
        seen_deleted = old.last_deleted if old is not None else 0
        added = db.execute(
            "SELECT row, id, source, file, day FROM chunks WHERE row > ? ORDER BY row", (known,)
        ).fetchall()
        deleted = db.execute("SELECT seq, row FROM deleted WHERE seq > ?", (seen_deleted,)).fetchall()
        (version,) = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    finally:
        db.execute("COMMIT")
    last_deleted = max((s for s, _ in deleted), default=seen_deleted)
    size = max([known, *(r for r, *_ in added)]) + 1  # row 0 is never used: rows start at 1
    n = len(old.ids) if old is not None else 0
    ids = (list(old.ids) if old is not None else []) + [""] * (size - n)
    sources = np.full(size, "", dtype=object)
    files = np.full(size, "", dtype=object)
    days = np.zeros(size, dtype=np.int64)
    row = dict(old.row) if old is not None else {}
    if old is not None:
        sources[:n], files[:n], days[:n] = old.sources, old.files, old.days
    for _, r in deleted:  # deletions first: a replaced chunk's id comes back on a new row
        if r < n and ids[r]:
            row.pop(ids[r], None)
            ids[r], sources[r], files[r], days[r] = "", "", "", 0
    for r, ident, source, file_, day in added:
        ids[r], sources[r], files[r], days[r] = ident, source, file_, day
        row[ident] = r
    return LexicalIndex(file, int(version), ids, sources, files, days, row, last_deleted)
