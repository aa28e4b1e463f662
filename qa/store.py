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

from qa.errors import StoreMissingError, StoreUnreachableError
from qa.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

__all__ = ["COLLECTION", "Metadata", "batched", "chroma_path", "open_collection", "reset_collection"]

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
