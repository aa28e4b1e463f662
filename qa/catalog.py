"""The article catalog: one record per indexed article, kept in step by every sync.

Passages answer single facts; a news reader also asks about whole articles and stories ("the
latest on the strike", "a timeline", "the main stories"). Those need what Chroma does not hold
in one place: each article's title, date, outlet, its lede (news is written as an inverted
pyramid, so the first sentence is the article's own summary), a vector for the article, the
names it mentions, its words, and its story. The catalog holds them in ``<data_dir>/catalog.db``
(``qa.store.catalog_path``), an SQLite database written after the store and the lexical index,
one transaction per sync.

A sync adds and removes records for the articles it changed only, so its cost follows the
change, not the archive: the article vector is the stored vector of its first chunk (title
plus lede), so nothing is embedded twice. It was a JSON file rewritten whole by every sync,
with 384 floats per article in text: at a million chunks (about 430,000 articles) that is
gigabytes rewritten to add one article. Now vectors are float32 blobs (1.5 kB an article), a
sync reads back only the vectors a new article is compared with (``CatalogWriter``), and a
question's ``load_catalog`` reads no vector into its records: the one use at question time, a
refused question looking for its story (``qa.scoped``), reads them all as one matrix, once per
catalog version, when first asked (``Catalog.vectors``). A ``catalog.json`` of earlier versions
is migrated on first open.

Nor does a question read any article's words. They were most of what a querying process held:
every distinct word of every article, as a tuple in its record and again as a set in the
spelling corrector, 16.4 kB an article (its peak RSS fell from 1.97 GB to 1.26 GB at 43,198
articles without them: ``bench.scale_bench``, ``docs/scaling.md``). The
spelling vocabulary is a table of its own (word -> number of articles using it), counted up
and down by the writes that add, replace and remove records, in their transaction, so a
killed sync leaves it consistent with the records; a catalog written before the table is
counted once when it is first opened. A story's words (does the asked subject occur in it?) are
read for that story's articles only (``Catalog.words_of``).
"""

from __future__ import annotations

import json
import re
import sys
import threading
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.store import ensure_schema, open_db

if TYPE_CHECKING:
    import sqlite3

    import numpy as np

__all__ = [
    "ArticleRecord",
    "ArticleVectors",
    "Catalog",
    "CatalogWriter",
    "catalog_missing",
    "load_catalog",
    "names_in",
    "read_vocabulary",
    "words_in",
]

VERSION = 2  # 1 was the JSON file
LEGACY_JSON = "catalog.json"

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Capitalised words in a row, not at the start of a sentence: people, places, organisations.
_NAME = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)*)"
)
_NOT_NAMES = frozenset(
    """
        The A An And But Or If In On At To For Of By With From As It Its He She They We I You This
        That These Those There Here When Where Why How What Who Which While After Before Since Until
        During Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
        May June July August September October November December Mr Mrs Ms Dr Sir Officials
        Residents Police Firefighters Workers
        """.split()
)


def words_in(text: str) -> set[str]:
    """The distinct lower-case words of ``text`` (for the spelling vocabulary)."""
    return {w.lower() for w in _WORD.findall(text)}


def names_in(text: str) -> set[str]:
    """Capitalised names in ``text`` ("Dara Okafor", "Lumora"), minus sentence-initial words."""
    found: set[str] = set()
    for match in _NAME.finditer(text):
        words = [w for w in match.group(1).split() if w not in _NOT_NAMES]
        if words:
            found.add(" ".join(words))
            found.update(w for w in words if len(w) > 3)
    return found


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article as the catalog knows it.

    Attributes:
        source: The article's path relative to the articles folder (``file#n`` for a feed record),
            as in ``Passage.source``.
        file: The file it came from.
        title, published, outlet, url: Its metadata (``published`` as YYYY-MM-DD or "").
        lede: Its first sentence.
        chunk: The id of its first chunk, which holds the lede (cited when the lede is quoted).
        lede_start, lede_end: The lede's offsets in the article.
        vector: Unit-length embedding of its first chunk (title and lede); empty in a catalog
            read for questions (``load_catalog``), whose vectors are one matrix read on demand
            (``Catalog.vectors``).
        names: Names it mentions in its title and first chunk.
        words: Its distinct lower-case words; empty in a catalog read for questions
            (``load_catalog``), which reads them from SQLite when it needs them.
        story: The id of its story ("" until stories are assigned).
    """

    source: str
    file: str
    title: str
    published: str
    outlet: str
    url: str
    lede: str
    chunk: str
    lede_start: int
    lede_end: int
    vector: tuple[float, ...]
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    story: str = ""


@dataclass(frozen=True)
class ArticleVectors:
    """The stored article vectors as one matrix, for comparing a question with every article.

    Attributes:
        rows: Each article's row in ``matrix``, by source; an article stored without a vector
            (``()``: none is written for it) has none.
        matrix: float32, one unit-length row per article that has a vector.
    """

    rows: dict[str, int]
    matrix: np.ndarray[Any, Any]


@dataclass
class Catalog:
    """Every indexed article's record, by source. Mutable: a sync updates it as it goes."""

    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)  # story id -> label
    version: str = ""
    path: Path | None = None  # the catalog.db it was read from: words are read from it on demand
    _vectors: ArticleVectors | None = field(default=None, init=False, repr=False, compare=False)
    _name_words: dict[str, frozenset[str]] | None = field(default=None, init=False, repr=False, compare=False)

    def vectors(self) -> ArticleVectors:
        """Every article's stored vector (the first chunk's: title, lede and what follows), read
        once per catalog version, on first use.

        A question's records are read without vectors (``load_catalog``): only a question the
        fact path refused and that asks for a typed answer compares itself with every article
        (``qa.scoped.question_story``), so the matrix is read for the first such question and
        kept with this catalog (``load_catalog`` keeps one catalog per version, so a sync's new
        version is read afresh). Reading it is one scan of the vector column: 0.06-0.09 s and
        18 MB at 10,000 synthetic articles, 0.36-0.77 s and 36 MB at 20,000 (31 MB the matrix:
        384 float32 an article) on two busy cores, against 2.5 s to embed the title and lede of
        500 articles. A catalog built in memory (a sync's, a test's) gives its records' own
        vectors, as they were when first asked.
        """
        with _VECTORS_LOCK:
            if self._vectors is None:
                if self.path is not None:
                    self._vectors = _read_vectors(self.path)
                else:
                    self._vectors = _stack((r.source, r.vector) for r in self.articles.values())
            return self._vectors

    def vectors_of(self, sources: Iterable[str]) -> ArticleVectors:
        """The stored vectors of ``sources``: from the whole matrix when this catalog has read it
        (or is built in memory), else one query for their rows alone.

        A fact answer compares the two or three articles it would quote (``qa.kinds``); reading
        every vector for that (0.06-0.77 s at 10,000 to 20,000 articles, ``vectors``) would cost
        a question the fact path answers what only a refused one pays now.
        """
        with _VECTORS_LOCK:
            read = self._vectors
        if read is not None or self.path is None:
            return self.vectors()
        return _read_vectors_of(self.path, sorted(set(sources)))

    def name_words(self) -> dict[str, frozenset[str]]:
        """Each lower-case word of the articles' names (``ArticleRecord.names``) with the articles
        that name it ("mensah" -> the striker's articles), built once per catalog on first use,
        as the records were then (``load_catalog`` keeps one catalog per version)."""
        with _VECTORS_LOCK:
            if self._name_words is None:
                found: dict[str, set[str]] = {}
                for record in self.articles.values():
                    for name in record.names:
                        for word in name.lower().split():
                            found.setdefault(word, set()).add(record.source)
                self._name_words = {word: frozenset(sources) for word, sources in found.items()}
            return self._name_words

    def vocabulary(self) -> Counter[str]:
        """Each word of the articles with the number of articles that use it.

        Read from the catalog's vocabulary table when the catalog was read from a file (its
        records then hold no words), else counted from the records.
        """
        if self.path is not None:
            return read_vocabulary(self.path)
        counts: Counter[str] = Counter()
        for record in self.articles.values():
            counts.update(record.words)
        return counts

    def words_of(self, sources: Iterable[str]) -> set[str]:
        """The distinct words of the articles at ``sources`` (a story's, say)."""
        if self.path is None:
            return {w for s in sources if s in self.articles for w in self.articles[s].words}
        return {w for words in _column(self.path, "words", self.articles, sources) for w in words.split()}

    def remove_files(self, files: Iterable[str]) -> list[str]:
        """Drop the records of these files (every record of a feed); returns their sources."""
        gone = set(files)
        dropped = [s for s, r in self.articles.items() if r.file in gone]
        for source in dropped:
            del self.articles[source]
        return dropped

    def save(self, path: Path) -> None:
        """Replace the whole catalog at ``path`` with this one (one transaction), with a new version."""
        with CatalogWriter(path) as writer:
            writer.clear()
            writer.add(self.articles.values())
            writer.label(self.stories)
            self.version = writer.commit()

    @classmethod
    def read(cls, path: Path) -> Catalog:
        """The catalog at ``path`` without its vectors (with each record's words, which questions
        never load: ``load_catalog``); an empty one when there is none."""
        if catalog_missing(path):
            return cls()
        conn = _connect(path)
        try:
            catalog = _read(conn, words=True)
        finally:
            conn.close()
        catalog.path = path
        return catalog


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- What placing an article reads (``near``) comes first and the words last: SQLite reads a row
-- only as far as its last asked column, and the words are most of a row (they made a sync
-- read all 101 MB of the catalog at 21,738 articles when the story came after them).
CREATE TABLE IF NOT EXISTS articles (
    source TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT NOT NULL, published TEXT NOT NULL,
    story TEXT NOT NULL,
    names TEXT NOT NULL,      -- joined by U+001F
    vector BLOB NOT NULL,     -- float32
    outlet TEXT NOT NULL, url TEXT NOT NULL, chunk TEXT NOT NULL,
    lede_start INTEGER NOT NULL, lede_end INTEGER NOT NULL, lede TEXT NOT NULL,
    words TEXT NOT NULL       -- joined by spaces
);
CREATE INDEX IF NOT EXISTS articles_file ON articles (file);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_chunk ON articles (chunk);
CREATE TABLE IF NOT EXISTS names (name TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (name, source));
CREATE INDEX IF NOT EXISTS names_source ON names (source);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, label TEXT NOT NULL);
-- Each word of the articles with the number of articles using it: the spelling vocabulary,
-- kept by the writes that add and remove articles, in their transaction.
CREATE TABLE IF NOT EXISTS vocabulary (word TEXT PRIMARY KEY, articles INTEGER NOT NULL) WITHOUT ROWID;
"""
_SEP = "\x1f"
_COLUMNS = [f.name for f in fields(ArticleRecord)]


def catalog_missing(path: Path) -> bool:
    """Whether no catalog was ever written at ``path`` (nor a ``catalog.json`` beside it)."""
    return not path.exists() and not path.with_name(LEGACY_JSON).exists()


def _row(record: ArticleRecord) -> tuple[Any, ...]:
    import numpy as np

    values = {c: getattr(record, c) for c in _COLUMNS}  # not astuple: it deep-copies (3 ms a record)
    values["vector"] = np.asarray(record.vector, dtype=np.float32).tobytes()
    values["names"] = _SEP.join(record.names)
    values["words"] = " ".join(record.words)
    return tuple(values[c] for c in _COLUMNS)


_VECTORS_LOCK = threading.Lock()  # one load of a catalog's vectors, however many questions ask


def _read_vectors(path: Path) -> ArticleVectors:
    """The vectors of the catalog at ``path`` (none when it cannot be read), one row at a time
    into one buffer, so the blobs are not held beside the matrix."""
    return _query_vectors(path, "SELECT source, vector FROM articles")


def _read_vectors_of(path: Path, sources: Sequence[str]) -> ArticleVectors:
    """The vectors of ``sources`` in the catalog at ``path``, by its primary key."""
    if not sources:
        return _stack(())
    marks = ", ".join("?" * len(sources))
    return _query_vectors(path, f"SELECT source, vector FROM articles WHERE source IN ({marks})", sources)


def _query_vectors(path: Path, sql: str, parameters: Sequence[str] = ()) -> ArticleVectors:
    """The (source, vector) rows ``sql`` selects from the catalog at ``path`` as ``ArticleVectors``;
    none when it cannot be read."""
    if catalog_missing(path):
        return _stack(())
    with _LOCK:
        try:
            conn = _reader(path)[1]
            return _stack(conn.execute(sql, parameters))
        except Exception as e:  # sqlite3.Error, as in ``load_catalog``
            if not type(e).__module__.startswith("sqlite3"):
                raise
            _drop_reader(path)
            return _stack(())


def _stack(rows: Iterable[tuple[str, Any]]) -> ArticleVectors:
    """The ``ArticleVectors`` of (source, vector) rows: a float32 blob or a sequence of floats;
    an empty one (no vector), or one of another length than the first, gets no row."""
    import numpy as np

    buffer = bytearray()
    found: dict[str, int] = {}
    size = 0
    for source, vector in rows:
        blob = vector if isinstance(vector, bytes) else np.asarray(vector, dtype=np.float32).tobytes()
        if not blob or (size and len(blob) != size):
            continue
        size = size or len(blob)
        found[source] = len(found)
        buffer += blob
    matrix = np.frombuffer(buffer, dtype=np.float32).reshape(len(found), size // 4)
    return ArticleVectors(found, matrix)


def _record(row: Sequence[Any], columns: Sequence[str]) -> ArticleRecord:
    values = dict(zip(columns, row, strict=True))
    values["vector"] = ()
    values["names"] = tuple(values["names"].split(_SEP)) if values["names"] else ()
    values["words"] = tuple(values["words"].split()) if "words" in values else ()
    if values["file"] == values["source"]:  # one string for both: 60 bytes an article
        values["file"] = values["source"]
    for repeated in ("published", "outlet", "story"):  # a day's, an outlet's, a story's articles
        values[repeated] = sys.intern(values[repeated])
    return ArticleRecord(**values)


class CatalogWriter:
    """A handle on ``catalog.db`` for one change: a sync's, or a whole ``Catalog.save``.

    Everything it writes is one transaction, committed (with a new version stamp, which tells
    readers to reload) by ``commit()``; closing without it drops the change. The reads a sync
    needs are the size of the change: the records near the new articles (``near``), and the
    counts of their names (``name_counts``).
    """

    def __init__(self, path: Path) -> None:
        self.conn = _connect(path)
        self.conn.execute("BEGIN IMMEDIATE")

    def __enter__(self) -> CatalogWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close; a change that was not committed is dropped."""
        self.conn.close()

    def commit(self) -> str:
        """Commit the change with a new version stamp (returned); legacy JSON is removed after it."""
        import uuid

        stamp = uuid.uuid4().hex
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
        self.conn.execute("COMMIT")
        self.conn.execute("BEGIN IMMEDIATE")
        return stamp

    def clear(self) -> set[str]:
        """Remove every record and label (a rebuild); returns no story (none is left to prune)."""
        for table in ("articles", "names", "stories", "vocabulary"):
            self.conn.execute(f"DELETE FROM {table}")
        return set()

    def drop_files(self, files: Iterable[str]) -> set[str]:
        """Remove the records of these files (every record of a feed); returns their stories."""
        stories: set[str] = set()
        for file in set(files):
            rows = self.conn.execute(
                "SELECT source, story, words FROM articles WHERE file = ?", (file,)
            ).fetchall()
            stories.update(story for _, story, _ in rows)
            _count(self.conn, (words.split() for _, _, words in rows), -1)
            self.conn.executemany("DELETE FROM names WHERE source = ?", [(s,) for s, _, _ in rows])
            self.conn.execute("DELETE FROM articles WHERE file = ?", (file,))
        return stories

    def add(self, records: Iterable[ArticleRecord]) -> None:
        """Insert or replace records, with their names."""
        _insert(self.conn, list(records))

    def place(self, records: Iterable[ArticleRecord]) -> None:
        """Record the stories of these (already added) records."""
        self.conn.executemany(
            "UPDATE articles SET story = ? WHERE source = ?", [(r.story, r.source) for r in records]
        )

    def label(self, stories: dict[str, str]) -> None:
        """Give stories their labels, replacing the ones they had (``qa.stories``: the newest headline)."""
        self.conn.executemany("INSERT OR REPLACE INTO stories VALUES (?, ?)", list(stories.items()))

    def newest_titles(self, stories: Iterable[str]) -> dict[str, str]:
        """The headline of each story's newest article (the last dated, else the last by source).

        An index lookup per story; a story with no article left has none.
        """
        out: dict[str, str] = {}
        for story in set(stories) - {""}:
            row = self.conn.execute(
                "SELECT title, source FROM articles WHERE story = ? "
                "ORDER BY published != '' DESC, published DESC, source DESC LIMIT 1",
                (story,),
            ).fetchone()
            if row is not None:
                out[story] = str(row[0] or row[1])
        return out

    def prune(self, stories: Iterable[str]) -> None:
        """Drop the labels of those of ``stories`` that no article belongs to any more."""
        self.conn.executemany(
            "DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE story = ?)",
            [(s, s) for s in stories],
        )

    def count(self) -> int:
        """How many articles the catalog holds."""
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def name_counts(self, names: Iterable[str]) -> Counter[str]:
        """How many articles mention each of ``names`` (an index lookup per name)."""
        counts: Counter[str] = Counter()
        for name in set(names):
            counts[name] = int(
                self.conn.execute("SELECT COUNT(*) FROM names WHERE name = ?", (name,)).fetchone()[0]
            )
        return counts

    def near(
        self, days: Sequence[date | None], window: int
    ) -> tuple[list[ArticleRecord], np.ndarray[Any, Any]]:
        """The placed records an article dated ``days`` could join, and their vectors (rows).

        When every day is known only records within ``window`` days of them (and undated ones)
        are read, so a sync of dated news reads a season, not the archive; an undated article
        can join any story, so then every placed record is read (one sequential scan of the
        vector blobs: 30 MB at 20,000 articles).
        """
        query = f"SELECT {_NEAR} FROM articles WHERE story != ''"
        args: tuple[str, ...] = ()
        known = [d for d in days if d is not None]
        if known and len(known) == len(days):
            lo = (min(known) - timedelta(days=window)).isoformat()
            hi = (max(known) + timedelta(days=window)).isoformat()
            query += " AND (published = '' OR substr(published, 1, 10) BETWEEN ? AND ?)"
            args = (lo, hi)
        return _candidates(self.conn.execute(query, args))

    def of_chunks(self, chunks: Iterable[str]) -> tuple[list[ArticleRecord], np.ndarray[Any, Any]]:
        """As ``near``, for the placed records whose first chunk is one of ``chunks`` (index lookups)."""
        wanted = sorted(set(chunks))
        rows: list[Any] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" * len(part))
            rows += self.conn.execute(
                f"SELECT {_NEAR} FROM articles WHERE story != '' AND chunk IN ({marks})", part
            ).fetchall()
        return _candidates(rows)


_NEAR = "source, file, title, published, names, story, vector"


def _candidates(rows: Iterable[Any]) -> tuple[list[ArticleRecord], np.ndarray[Any, Any]]:
    """Records holding what placing compares (source, date, names, story) and their vectors' matrix.

    The rest of each record stays empty: such a record is never written back (``place`` writes
    the new records' stories only).
    """
    import numpy as np

    records, blobs = [], []
    for source, file, title, published, names, story, blob in rows:
        names_ = tuple(names.split(_SEP)) if names else ()
        records.append(
            ArticleRecord(source, file, title, published, "", "", "", "", 0, 0, (), names_, (), story)
        )
        blobs.append(blob)
    sizes = {len(b) for b in blobs}
    if len(sizes) == 1 and 0 not in sizes:
        matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
    else:  # records without a vector, or none at all: padded rows
        dim = max(sizes, default=0) // 4
        matrix = np.zeros((len(blobs), dim), dtype=np.float32)
        for n, blob in enumerate(blobs):
            v = np.frombuffer(blob, dtype=np.float32)
            matrix[n, : len(v)] = v
    return records, matrix


def _connect(path: Path) -> sqlite3.Connection:
    """Open ``catalog.db``, creating it or migrating a ``catalog.json`` beside it when it is new,
    and counting its vocabulary table when it was written before there was one."""
    conn = open_db(path)
    try:
        ensure_schema(conn, _SCHEMA)
        if _ready(conn):
            return conn
        conn.execute("BEGIN IMMEDIATE")
        version = _version(conn)  # again: another process may have migrated it meanwhile
        if version is None:
            _migrate(conn, path.with_name(LEGACY_JSON))
        elif version != str(VERSION):
            for table in ("articles", "names", "stories", "vocabulary", "meta"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
        if not _ready(conn):
            _count_vocabulary(conn)
        conn.execute("COMMIT")
        path.with_name(LEGACY_JSON).unlink(missing_ok=True)
        return conn
    except BaseException:
        conn.close()
        raise


def _version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    return None if row is None else str(row[0])


def _ready(conn: sqlite3.Connection) -> bool:
    """Whether the catalog is of this version and its vocabulary table is counted."""
    found = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('version', 'vocabulary')"))
    return found == {"version": str(VERSION), "vocabulary": _VOCABULARY}


_VOCABULARY = "1"  # the vocabulary table's mark in ``meta``: counted, and kept since by every write


def _count_vocabulary(conn: sqlite3.Connection) -> None:
    """Count the vocabulary table afresh from the articles' words (open transaction).

    Once, for a catalog written before the table: the words are streamed row by row, so only
    the vocabulary is held (the articles' words were 390 MB at 434,525 articles).
    """
    conn.execute("DELETE FROM vocabulary")
    counts: Counter[str] = Counter()
    for (words,) in conn.execute("SELECT words FROM articles"):
        counts.update(words.split())
    conn.executemany("INSERT INTO vocabulary VALUES (?, ?)", counts.items())
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('vocabulary', ?)", (_VOCABULARY,))


def _count(conn: sqlite3.Connection, articles: Iterable[Iterable[str]], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) the words of ``articles`` in the vocabulary table."""
    counts: Counter[str] = Counter()
    for words in articles:
        counts.update(set(words))
    conn.executemany(
        "INSERT INTO vocabulary VALUES (?, ?) "
        "ON CONFLICT (word) DO UPDATE SET articles = articles + excluded.articles",
        [(w, sign * n) for w, n in counts.items()],
    )
    if sign < 0:
        conn.executemany("DELETE FROM vocabulary WHERE word = ? AND articles <= 0", [(w,) for w in counts])


# What a question reads of each record: not the vector (a refused question reads them all as one
# matrix, ``Catalog.vectors``), nor the words (most of a row: the vocabulary table and
# ``Catalog.words_of`` stand for them).
_QUESTION_COLUMNS = [c for c in _COLUMNS if c not in ("vector", "words")]


def _read(conn: sqlite3.Connection, *, words: bool = False) -> Catalog:
    """Every record (without vectors; with words if asked), every story label and the version
    stamp, as one snapshot."""
    columns = [c for c in _COLUMNS if c != "vector"] if words else _QUESTION_COLUMNS
    conn.execute("BEGIN")
    try:
        cursor = conn.execute(f"SELECT {', '.join(columns)} FROM articles")
        articles = {r.source: r for r in (_record(row, columns) for row in cursor)}
        stories = dict(conn.execute("SELECT id, label FROM stories").fetchall())
        stamp = _stamp(conn)
    finally:
        conn.execute("COMMIT")
    return Catalog(articles, stories, stamp)


def _stamp(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    return str(row[0]) if row else ""


def _migrate(conn: sqlite3.Connection, legacy: Path) -> None:
    """Fill a new catalog from a ``catalog.json`` of version 1, when there is one (open transaction)."""
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
    try:
        raw = json.loads(legacy.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if raw.get("version") != 1:
        return
    records = []
    for item in raw.get("articles", []):
        item["vector"] = tuple(item.get("vector", ()))
        item["names"] = tuple(item.get("names", ()))
        item["words"] = tuple(item.get("words", ()))
        records.append(ArticleRecord(**item))
    _insert(conn, records)
    conn.executemany("INSERT OR IGNORE INTO stories VALUES (?, ?)", list(raw.get("stories", {}).items()))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (str(raw.get("stamp", "")),))


def _insert(conn: sqlite3.Connection, records: Sequence[ArticleRecord]) -> None:
    """Insert or replace ``records`` with their names, and count their words (a replaced
    record's words are taken away first)."""
    records = list({r.source: r for r in records}.values())  # the last of a source, as SQLite keeps
    sources = [r.source for r in records]
    replaced: list[str] = []
    for start in range(0, len(sources), 500):
        part = sources[start : start + 500]
        marks = ", ".join("?" * len(part))
        rows = conn.execute(f"SELECT words FROM articles WHERE source IN ({marks})", part)
        replaced += [words for (words,) in rows]
    _count(conn, (words.split() for words in replaced), -1)
    _count(conn, (r.words for r in records), 1)
    cols, marks = ", ".join(_COLUMNS), ", ".join("?" * len(_COLUMNS))
    conn.executemany(f"INSERT OR REPLACE INTO articles ({cols}) VALUES ({marks})", [_row(r) for r in records])
    conn.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?)", [(n, r.source) for r in records for n in r.names]
    )


def with_story(record: ArticleRecord, story: str) -> ArticleRecord:
    """``record`` assigned to ``story``."""
    return replace(record, story=story)


_LOCK = threading.Lock()
_LOADED: dict[str, tuple[str, Catalog]] = {}
_READERS: dict[str, sqlite3.Connection] = {}
_MAX_READERS = 8


def load_catalog(path: Path) -> Catalog:
    """The catalog at ``path`` (without vectors or words), read again only when a sync committed
    a new version.

    Asking costs one indexed read of the version stamp on a connection kept open (tens of
    microseconds); the records are read once per version. Words stay in SQLite: the spelling
    vocabulary comes from its table (``Catalog.vocabulary``), a story's words are read for that
    story (``Catalog.words_of``).
    """
    if catalog_missing(path):
        return Catalog()
    with _LOCK:
        try:
            key, conn = _reader(path)
            stamp = _stamp(conn)
            cached = _LOADED.get(key)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            catalog = _read(conn)
        except Exception as e:  # sqlite3.Error; sqlite3 is imported by the first open
            if not type(e).__module__.startswith("sqlite3"):
                raise
            _drop_reader(path)
            return Catalog()
        catalog.path = path
        _LOADED[key] = (catalog.version, catalog)
        return catalog


def _column(path: Path, column: str, articles: Container[str], sources: Iterable[str]) -> list[str]:
    """``column`` of the records at ``sources`` (those among ``articles``) read from the catalog at
    ``path``: an indexed read per 500 sources (questions load records without words)."""
    wanted = sorted({s for s in sources if s in articles})
    found: list[str] = []
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ", ".join("?" * len(part))
        sql = f"SELECT {column} FROM articles WHERE source IN ({marks})"
        found += [str(value) for (value,) in _query(path, sql, part)]
    return found


def read_vocabulary(path: Path) -> Counter[str]:
    """The vocabulary table of the catalog at ``path``: each word with the number of articles using it."""
    return Counter({str(w): int(n) for w, n in _query(path, "SELECT word, articles FROM vocabulary", ())})


def _key(path: Path) -> str:
    try:  # a catalog deleted and written again is another file: its own connection
        return f"{path.resolve()}:{path.stat().st_ino}"
    except OSError:
        return str(path.resolve())  # only a catalog.json: the first open migrates it


def _reader(path: Path) -> tuple[str, sqlite3.Connection]:
    """The kept reading connection of ``path`` and its key (call with ``_LOCK`` held)."""
    key = _key(path)
    conn = _READERS.get(key)
    if conn is None:
        if len(_READERS) >= _MAX_READERS:  # tests open one per temporary folder
            _READERS.pop(next(iter(_READERS))).close()
        conn = _READERS[key] = _connect(path)
    return key, conn


def _drop_reader(path: Path) -> None:
    bad = _READERS.pop(_key(path), None)
    if bad is not None:
        bad.close()


def _query(path: Path, sql: str, args: Sequence[Any]) -> list[Any]:
    """Rows of ``sql`` on the kept reading connection of ``path`` (none when it cannot be read)."""
    if catalog_missing(path):
        return []
    with _LOCK:
        try:
            return _reader(path)[1].execute(sql, args).fetchall()
        except Exception as e:  # sqlite3.Error, as in ``load_catalog``
            if not type(e).__module__.startswith("sqlite3"):
                raise
            _drop_reader(path)
            return []


def record_for(
    source: str,
    meta: dict[str, Any],
    chunk_id: str,
    chunk_text: str,
    chunk_start: int,
    sentences: Sequence[tuple[int, int]],
    vector: Sequence[float],
    body_words: Iterable[str],
) -> ArticleRecord:
    """The record of an article from its first chunk (text, metadata, sentence spans, vector)."""
    lede, lede_start, lede_end = "", chunk_start, chunk_start
    title = str(meta.get("title", ""))
    for a, b in sentences:
        piece = chunk_text[a:b].strip()
        # The headline often opens the first chunk; the lede is the first real sentence after it.
        if piece and piece != title.strip() and len(piece.split()) >= 6 and piece[-1:] in ".!?\"'”’":
            lede, lede_start, lede_end = piece, chunk_start + a, chunk_start + b
            break
    return ArticleRecord(
        source=source,
        file=str(meta.get("file", source.split("#", 1)[0])),
        title=title,
        published=str(meta.get("published", "")),
        outlet=str(meta.get("outlet", "")),
        url=str(meta.get("url", "")),
        lede=lede,
        chunk=chunk_id,
        lede_start=lede_start,
        lede_end=lede_end,
        vector=tuple(float(x) for x in vector),
        names=tuple(sorted(names_in(f"{title}. {chunk_text}"))),
        words=tuple(sorted(set(body_words))),
    )
