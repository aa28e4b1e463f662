"""The stored record and the data folder: the Chroma collection and everything about its layout.

This is the only module that imports chromadb. It owns:

- the data folder's layout: ``manifest.db`` (ingest's record of the index), ``catalog.db`` (one
  record per article, with its story), ``lexical/`` (the tantivy BM25 index; ``bm25/`` held the
  bm25s index of earlier versions), ``chroma/`` (the embedded store), ``models/`` (the embedding
  model's traced copy); ``manifest.json`` and ``catalog.json`` were the first two before they
  moved to SQLite, and are migrated on first open;
- the record codec, both ways: ``record_metadata`` writes what a chunk stores, ``to_passage``
  reads it back as a ``Passage``; adding a metadata field is one edit in each;
- the date encoding: days are stored as YYYYMMDD integers (Chroma compares only numbers);
- the ``where`` clause of a ``Filters`` (the BM25 side applies the same as tantivy queries);
- ``Store``, the handle every read and write of the collection goes through.


One collection with cosine distance: embedded in ``<data_dir>/chroma`` by default, or on a
Chroma server when ``NEWSDESK_CHROMA_HOST`` is set (several app replicas and sync jobs can then
share it). Embeddings are always computed by Newsdesk and passed in, so Chroma's own default
embedder (which would try to download a model) is never used. Clients are opened lazily, once.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.errors import NewsdeskError, StoreMissingError, StoreUnreachableError
from qa.filters import Filters
from qa.passage import Passage
from qa.settings import Settings

if TYPE_CHECKING:
    import sqlite3

    import numpy as np
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

__all__ = [
    "COLLECTION",
    "Metadata",
    "Store",
    "StoreDamagedError",
    "batched",
    "catalog_path",
    "chroma_path",
    "day_number",
    "ensure_schema",
    "lexical_path",
    "lexical_published",
    "manifest_path",
    "models_path",
    "open_collection",
    "open_db",
    "record_metadata",
    "reset_collection",
    "set_aside_damaged_store",
    "stored_count",
    "sweep_staging",
    "to_passage",
    "where",
]

COLLECTION = "newsdesk"
MANIFEST_FILE = "manifest.db"
LEXICAL_DIR = "lexical"
LEXICAL_VERSION_FILE = "meta.json"  # inside LEXICAL_DIR, tantivy's commit point, rewritten by each commit
LEXICAL_LEGACY = ("bm25",)  # lexical indexes of earlier versions, removed when this one is built
CHROMA_DIR = "chroma"
CATALOG_FILE = "catalog.db"
MODELS_DIR = "models"

Metadata = Mapping[str, str | int | float | bool]


def chroma_path(settings: Settings) -> Path:
    """Folder of the embedded Chroma store inside the data directory."""
    return settings.data_dir / CHROMA_DIR


def manifest_path(settings: Settings) -> Path:
    """Ingest's manifest (what is indexed, per article) inside the data directory."""
    return settings.data_dir / MANIFEST_FILE


def open_db(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """An SQLite database in the data folder (the manifest, the catalog), in WAL mode.

    Transactions are explicit (``BEGIN`` ... ``COMMIT``): a process killed in between leaves the
    last committed state, which is what the sync's dirty mark relies on. ``synchronous=FULL``
    makes each commit durable before the store is touched (three fsyncs per sync). Readers (the
    app, ``ingest.status``) never block the writer in WAL mode.

    Raises:
        sqlite3.DatabaseError: when the file is not a database (the caller moves it aside).
    """
    import sqlite3

    if readonly:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    return conn


def ensure_schema(conn: sqlite3.Connection, script: str) -> None:
    """Run ``script`` (``CREATE ... IF NOT EXISTS`` statements) unless everything it creates exists.

    Checked first because creating takes the write lock even when nothing is missing from an
    index: a status line or a question must not wait behind a sync's open transaction.
    """
    import re

    names = re.findall(r"(?:TABLE|INDEX) IF NOT EXISTS (\w+)", script)
    marks = ", ".join("?" * len(names))
    found = conn.execute(f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({marks})", names).fetchone()[0]
    if found != len(names):
        conn.executescript(script)


def catalog_path(settings: Settings) -> Path:
    """The article catalog (one record per article, with its story) inside the data directory."""
    return settings.data_dir / CATALOG_FILE


def models_path(settings: Settings) -> Path:
    """Folder of the embedding model's traced copy (``qa.embedder.export_traced``), made by the app."""
    return settings.data_dir / MODELS_DIR


def lexical_path(settings: Settings) -> Path:
    """Folder of the BM25 index inside the data directory."""
    return settings.data_dir / LEXICAL_DIR


def lexical_published(settings: Settings) -> bool:
    """Whether a BM25 index was ever committed in this data folder (without importing tantivy)."""
    return (lexical_path(settings) / LEXICAL_VERSION_FILE).exists()


# --- dates -----------------------------------------------------------------------------------


def day_number(day: str | date | None) -> int:
    """A day as the YYYYMMDD integer the store compares (0 for none or an unparsable string)."""
    if day is None or day == "":
        return 0
    if isinstance(day, date):
        return day.year * 10000 + day.month * 100 + day.day
    digits = str(day)[:10].replace("-", "")
    return int(digits) if digits.isdigit() and len(digits) == 8 else 0


def day_date(number: int) -> date:
    """The inverse of ``day_number`` (``date.min`` for 0 or an impossible day)."""
    try:
        return date(number // 10000, number // 100 % 100, number % 100)
    except ValueError:
        return date.min


# --- the record ------------------------------------------------------------------------------


def record_metadata(
    *,
    source: str,
    title: str,
    url: str,
    published: str,
    outlet: str,
    author: str,
    chunk_index: int,
    start: int,
    end: int,
    sentences: Sequence[tuple[int, int]],
) -> Metadata:
    """What a chunk stores beside its text and vector: provenance as Chroma-legal scalars."""
    return {
        "source": source,
        "title": title,
        "url": url,
        "published": published,
        "outlet": outlet,
        "author": author,
        "file": source.split("#", 1)[0],
        "published_day": day_number(published),
        "chunk_index": chunk_index,
        "start": start,
        "end": end,
        "sentences": json.dumps(sentences, separators=(",", ":")),
    }


def to_passage(ident: str, text: str, meta: Mapping[str, Any], score: float) -> Passage:
    """Rebuild a passage from a stored record (the inverse of ``record_metadata``)."""
    spans = json.loads(str(meta.get("sentences") or "[]"))
    return Passage(
        text=text,
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        score=score,
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        id=ident,
        chunk_index=int(meta.get("chunk_index", 0)),
        url=str(meta.get("url", "")),
        published=str(meta.get("published", "")),
        outlet=str(meta.get("outlet", "")),
        author=str(meta.get("author", "")),
        sentences=tuple((int(a), int(b)) for a, b in spans),
    )


def where(filters: Filters) -> dict[str, Any] | None:
    """The Chroma ``where`` clause of ``filters`` (None when nothing is filtered)."""
    after, before = day_number(filters.published_after), day_number(filters.published_before)
    clauses: list[dict[str, Any]] = []
    if filters.sources:
        sources = list(filters.sources)
        clauses.append({"$or": [{"source": {"$in": sources}}, {"file": {"$in": sources}}]})
    dated: list[dict[str, Any]] = []
    if after:
        dated.append({"published_day": {"$gte": after}})
    if before:
        dated.append({"published_day": {"$lte": before}})
        dated.append({"published_day": {"$gt": 0}})
    if dated and filters.include_undated:  # undated articles are stored with day 0
        in_range = dated[0] if len(dated) == 1 else {"$and": dated}
        dated = [{"$or": [in_range, {"published_day": 0}]}]
    clauses += dated
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


# --- Chroma ----------------------------------------------------------------------------------


_CLIENT_LOCK = threading.Lock()


def _client(path: str) -> ClientAPI:
    # Chroma's client registry is not safe to populate from two threads at once (the app's
    # warm-up and its first request), so creation is serialised.
    with _CLIENT_LOCK:
        return _new_client(path)


@lru_cache(maxsize=8)
def _new_client(path: str) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(
        path=path, settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    )


@lru_cache(maxsize=8)
def _http_client(host: str, port: int) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    try:
        return chromadb.HttpClient(host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False))
    except Exception as e:
        raise StoreUnreachableError(host, port, e) from e


def client_for(settings: Settings) -> ClientAPI:
    """The embedded client for the data directory, or the server's when one is configured."""
    if settings.chroma_host:
        with _CLIENT_LOCK:
            return _http_client(settings.chroma_host, settings.chroma_port)
    path = chroma_path(settings)
    path.mkdir(parents=True, exist_ok=True)
    return _client(str(path.resolve()))


def open_collection(settings: Settings, *, create: bool = False) -> Collection:
    """The chunk collection; with ``create`` it is made when missing.

    Raises:
        StoreMissingError: when ``create`` is false and nothing was ingested yet.
        StoreUnreachableError: when the configured Chroma server does not answer.
    """
    if not create and not settings.chroma_host and not chroma_path(settings).is_dir():
        raise StoreMissingError(str(settings.data_dir))
    client = client_for(settings)
    if create:
        return client.get_or_create_collection(
            COLLECTION,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )
    try:
        return client.get_collection(COLLECTION, embedding_function=None)
    except Exception as e:  # chromadb raises NotFoundError, or ValueError in older versions
        raise StoreMissingError(str(settings.data_dir)) from e


def reset_collection(settings: Settings) -> Collection:
    """Drop every chunk and return a fresh, empty collection (used on a pipeline change)."""
    client = client_for(settings)
    with contextlib.suppress(Exception):  # nothing to delete
        client.delete_collection(COLLECTION)
    return open_collection(settings, create=True)


_WRITE_BATCH = 2000  # Chroma caps the size of one write


@dataclass(frozen=True)
class Store:
    """The chunk collection of one ``Settings``: every read and write goes through here.

    Cheap to make; the client behind it is opened once per path (or server) per process, and
    the collection is looked up on each call, so a store reset by a sync is seen at once.
    ``opened()`` gives a copy bound to one looked-up collection, for the several calls of one
    query or one sync (a lookup is a round trip to a Chroma server).
    """

    settings: Settings
    handle: Any = field(default=None, compare=False, repr=False)

    def opened(self, *, create: bool = False) -> Store:
        """This store bound to the collection as it is now (raises ``StoreMissingError`` as below)."""
        return replace(self, handle=self.collection(create=create))

    def collection(self, *, create: bool = False) -> Collection:
        """The Chroma collection (see ``open_collection``)."""
        if self.handle is not None:
            return self.handle  # type: ignore[no-any-return]
        return open_collection(self.settings, create=create)

    def reset(self) -> Store:
        """Drop every chunk; returns the store bound to the fresh, empty collection."""
        return replace(self, handle=reset_collection(self.settings))

    def exists(self) -> bool:
        """Whether an embedded store was ever created (always true for a server)."""
        return bool(self.settings.chroma_host) or chroma_path(self.settings).is_dir()

    def nearest(
        self, vector: np.ndarray[Any, Any], n: int, filters: Filters | None = None
    ) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the ``n`` nearest chunks that pass ``filters``, nearest first."""
        result = self.collection().query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=where(filters or Filters()),
            include=["distances"],
        )
        distances = (result.get("distances") or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(result["ids"][0], distances, strict=True)]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray[Any, Any]]:
        """Stored vectors of whichever of ``ids`` exist, as float32 arrays.

        A chunk whose vector Chroma lost is deleted and left out, so that it is written again
        like a new one: a SIGKILL right after an upsert returned leaves chunks that Chroma lists
        but whose vector its HNSW index never persisted, and reading them fails with "Error
        finding id" (tests/test_crash_matrix.py reproduces it every run). Such chunks are found
        by halving the batch.
        """
        import numpy as np

        collection = self.collection(create=True)
        found: dict[str, np.ndarray[Any, Any]] = {}
        for part in batched(list(ids), _WRITE_BATCH):
            for ident, vector in self._readable(collection, list(part)).items():
                found[ident] = np.asarray(vector, dtype=np.float32)
        return found

    def _readable(self, collection: Collection, ids: list[str]) -> dict[str, Any]:
        try:
            got = collection.get(ids=ids, include=["embeddings"])  # type: ignore[list-item]
        except Exception as e:
            if not type(e).__module__.startswith("chromadb"):
                raise
            if len(ids) == 1:
                collection.delete(ids=ids)
                return {}
            half = len(ids) // 2
            return {**self._readable(collection, ids[:half]), **self._readable(collection, ids[half:])}
        embeddings = got.get("embeddings")
        if embeddings is None:
            return {}
        return dict(zip(got["ids"], embeddings, strict=True))

    def unfound(self, ids: Sequence[str], neighbours: int = 10) -> set[str]:
        """The chunks among ``ids`` that dense search cannot find: missing, unreadable, or not
        among the ``neighbours`` nearest of their own stored vector (so exact duplicates in
        other articles do not hide a chunk)."""
        collection = self.collection(create=True)
        size = max(int(collection.count()), 1)
        lost: set[str] = set()
        for part in batched(sorted(ids), 256):
            lost |= self._unfound(collection, list(part), min(neighbours, size))
        return lost

    def _unfound(self, collection: Collection, ids: list[str], n: int) -> set[str]:
        try:
            got = collection.get(ids=ids, include=["embeddings"])  # type: ignore[list-item]
        except Exception as e:  # "Error finding id": narrow it down to the chunks that fail
            if not type(e).__module__.startswith("chromadb"):
                raise
            if len(ids) == 1:
                return set(ids)
            half = len(ids) // 2
            return self._unfound(collection, ids[:half], n) | self._unfound(collection, ids[half:], n)
        lost = set(ids) - set(got["ids"])
        vectors = got.get("embeddings")
        if vectors is None or not len(got["ids"]):
            return lost | set(got["ids"])
        found = collection.query(
            query_embeddings=[list(v) for v in vectors],
            n_results=n,
            include=[],  # type: ignore[list-item]
        )
        for ident, nearest in zip(got["ids"], found["ids"], strict=True):
            if ident not in nearest:
                lost.add(ident)
        return lost

    def records(self, ids: Sequence[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of whichever of ``ids`` exist (one round trip)."""
        got = self.collection().get(ids=list(ids), include=["documents", "metadatas"])  # type: ignore[list-item]
        docs, metas = got.get("documents") or [], got.get("metadatas") or []
        return {i: (d, dict(m or {})) for i, d, m in zip(got["ids"], docs, metas, strict=True)}

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        texts: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Write chunks (idempotent: ids are content hashes), in batches Chroma accepts."""
        collection = self.collection(create=True)
        for start in range(0, len(ids), _WRITE_BATCH):
            end = start + _WRITE_BATCH
            collection.upsert(
                ids=list(ids[start:end]),
                embeddings=list(vectors[start:end]),  # type: ignore[arg-type]
                documents=list(texts[start:end]),
                metadatas=list(metadatas[start:end]),  # type: ignore[arg-type]
            )

    def delete(self, ids: Sequence[str] | set[str]) -> None:
        """Remove these chunks (missing ids are ignored)."""
        if not ids:
            return
        collection = self.collection(create=True)
        for part in batched(sorted(ids), _WRITE_BATCH):
            collection.delete(ids=list(part))

    def ids(self) -> set[str]:
        """Every stored chunk id."""
        return set(self.collection(create=True).get(include=[])["ids"])

    def of_files(self, files: Sequence[str]) -> list[tuple[str, str, dict[str, Any], Any]]:
        """(id, text, metadata, vector) of every chunk of these article files (a feed's records too)."""
        collection = self.collection(create=True)
        out: list[tuple[str, str, dict[str, Any], Any]] = []
        for part in batched(list(dict.fromkeys(files)), 200):
            got = collection.get(
                where={"file": {"$in": list(part)}},
                include=["documents", "metadatas", "embeddings"],  # type: ignore[list-item]
            )
            docs, metas = got.get("documents") or [], got.get("metadatas") or []
            embeddings = got.get("embeddings")
            for n, (ident, text, meta) in enumerate(zip(got["ids"], docs, metas, strict=True)):
                out.append((ident, text, dict(meta or {}), embeddings[n] if embeddings is not None else ()))
        return out

    def of_sources(self, sources: Sequence[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """(id, text, metadata) of every chunk of these articles (``source`` paths; one feed record each)."""
        if not sources:
            return []
        got = self.collection().get(
            where={"source": {"$in": list(dict.fromkeys(sources))}},
            include=["documents", "metadatas"],  # type: ignore[list-item]
        )
        docs, metas = got.get("documents") or [], got.get("metadatas") or []
        return [(i, d, dict(m or {})) for i, d, m in zip(got["ids"], docs, metas, strict=True)]

    def by_authors(self, authors: Sequence[str]) -> set[str]:
        """The sources of the articles whose byline is one of ``authors`` (as stored: exact)."""
        if not authors:
            return set()
        got = self.collection().get(
            where={"$and": [{"author": {"$in": list(dict.fromkeys(authors))}}, {"chunk_index": 0}]},
            include=["metadatas"],  # type: ignore[list-item]
        )
        return {str((m or {}).get("source", "")) for m in got.get("metadatas") or []} - {""}

    def articles_in_order(self, sources: Sequence[str]) -> list[Passage]:
        """Every chunk of these articles as passages (score 0), in article order: the articles in
        the order of ``sources``, each one's chunks from its first (one store read). What reads
        whole articles reads them so: a story's (``qa.scoped``, ``qa.outcome``), the retrieved
        ones (``qa.gather.with_whole_articles``)."""
        order = {s: n for n, s in enumerate(dict.fromkeys(sources))}
        passages = [to_passage(i, text, meta, 0.0) for i, text, meta in self.of_sources(list(order))]
        passages.sort(key=lambda p: (order.get(p.source, len(order)), p.chunk_index))
        return passages

    def scan(
        self, page: int = 5000
    ) -> Iterator[tuple[list[tuple[str, str, dict[str, Any]]], list[Any] | None]]:
        """Every chunk, a page at a time: ((id, text, metadata) rows, their vectors or None)."""
        collection = self.collection(create=True)
        offset = 0
        while True:
            got = collection.get(
                include=["documents", "metadatas", "embeddings"],  # type: ignore[list-item]
                limit=page,
                offset=offset,
            )
            docs, metas = got.get("documents") or [], got.get("metadatas") or []
            rows = [(i, d, dict(m or {})) for i, d, m in zip(got["ids"], docs, metas, strict=True)]
            embeddings = got.get("embeddings")
            yield rows, (list(embeddings) if embeddings is not None else None)
            offset += len(rows)
            if len(got["ids"]) < page:
                break


def batched(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items (Chroma caps the size of one write)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


class StoreDamagedError(NewsdeskError):
    """The embedded store's database cannot be read (a corrupted or truncated file)."""


# Chroma keeps one row per stored chunk in its sqlite metadata segment. Counting them with the
# standard library costs about 1 ms, against about 0.6 s to import chromadb, so even a sync that
# changes nothing can check that the store still holds what the manifest lists.
_COUNT_SQL = (
    "SELECT count(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
    "JOIN collections c ON s.collection = c.id WHERE c.name = ? AND s.scope = 'METADATA'"
)


def stored_count(settings: Settings) -> int:
    """How many chunks the store holds; 0 when the embedded store is missing.

    Raises:
        StoreDamagedError: when the embedded store's database cannot be read.
        StoreUnreachableError: when the configured Chroma server does not answer.
    """
    if settings.chroma_host:
        return int(open_collection(settings, create=True).count())
    db = chroma_path(settings) / "chroma.sqlite3"
    if not db.is_file():
        return 0
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)) as con:
            return int(con.execute(_COUNT_SQL, (COLLECTION,)).fetchone()[0])
    except sqlite3.OperationalError:
        pass  # locked, or another Chroma version's schema: ask Chroma itself
    except sqlite3.DatabaseError as e:  # "file is not a database", "disk image is malformed"
        raise StoreDamagedError(f"the Chroma database {db} cannot be read ({e})") from e
    try:
        return int(open_collection(settings, create=True).count())
    except BaseException as e:  # Chroma's Rust core panics (a BaseException) on some damage
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise StoreDamagedError(f"the Chroma store in {db.parent} cannot be opened ({e})") from e


def set_aside_damaged_store(settings: Settings) -> Path:
    """Move the embedded store out of the way (kept for inspection); returns where it went."""
    import time

    _new_client.cache_clear()
    with contextlib.suppress(Exception):
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    path = chroma_path(settings)
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    path.rename(target)
    return target


def sweep_staging(settings: Settings) -> list[Path]:
    """Remove the staging folders a killed sync left in the data folder; returns what went.

    By convention every hidden folder directly in the data folder (``.bm25-1a2b3c4d``) is a
    staging area that a sync fills and then renames into place, so whatever is still there when
    the next sync holds the lock was left by one that was killed.
    """
    import shutil

    removed: list[Path] = []
    if not settings.data_dir.is_dir():
        return removed
    for entry in settings.data_dir.iterdir():
        if entry.name.startswith(".") and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
