"""The Chroma collection that holds every chunk, its embedding and its provenance.

One collection with cosine distance: embedded in ``<data_dir>/chroma`` by default, or on a
Chroma server when ``NEWSDESK_CHROMA_HOST`` is set (several app replicas and sync jobs can then
share it). Embeddings are always computed by Newsdesk and passed in, so Chroma's own default
embedder (which would try to download a model) is never used. Clients are opened lazily, once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.errors import NewsdeskError, StoreMissingError, StoreUnreachableError
from qa.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

__all__ = [
    "COLLECTION",
    "Metadata",
    "StoreDamagedError",
    "batched",
    "chroma_path",
    "open_collection",
    "reset_collection",
    "set_aside_damaged_store",
    "stored_count",
    "sweep_staging",
]

COLLECTION = "newsdesk"

Metadata = Mapping[str, str | int | float | bool]


def chroma_path(settings: Settings) -> Path:
    """Folder of the embedded Chroma store inside the data directory."""
    return settings.data_dir / "chroma"


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
