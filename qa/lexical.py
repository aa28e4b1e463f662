"""The BM25 side of hybrid retrieval: a bm25s index over every stored chunk.

The index lives in ``<data_dir>/bm25`` next to the Chroma store and is rebuilt from the store
by every sync that changed it (bm25s has no incremental update; rebuilding is a second or two
for tens of thousands of chunks). Each chunk is indexed as its title plus text, lower-cased,
English stopwords removed and Snowball-stemmed. Readers reload it when its version stamp
changes, so the app sees a sync's result without a restart.

Alongside the index it keeps each chunk's id, article path, file and publication day, so the
same source and date filters as on the dense side can be applied here as a mask, and a copy of
each chunk's vector (float32, 1.5 KB a chunk), so fusion and MMR score any candidate without a
second round trip to the store.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.settings import Settings
from qa.store import LEXICAL_DIR, LEXICAL_VERSION_FILE, lexical_path
from qa.text import stemmer as _stemmer  # the one Snowball stemmer, shared with content words

if TYPE_CHECKING:
    import bm25s

__all__ = ["LexicalIndex", "build", "load", "tokenize"]

_DIR = LEXICAL_DIR
_VERSION_FILE = LEXICAL_VERSION_FILE


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """BM25 tokens: lower-cased words of two or more characters, no stopwords, stemmed."""
    import bm25s

    return bm25s.tokenize(  # type: ignore[no-any-return]
        list(texts), stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


@dataclass(frozen=True)
class LexicalIndex:
    """A loaded BM25 index and the metadata of its chunks, row-aligned."""

    retriever: bm25s.BM25
    ids: list[str]
    sources: np.ndarray[Any, Any]
    files: np.ndarray[Any, Any]
    days: np.ndarray[Any, Any]  # publication day as YYYYMMDD, 0 when unknown
    row: dict[str, int]  # chunk id -> row
    vectors: np.ndarray[Any, Any] | None = None  # unit-length embeddings, row-aligned

    def scores(self, question: str) -> np.ndarray[Any, Any]:
        """BM25 score of every chunk for ``question`` (zeros when no word matches)."""
        tokens = [t for t in tokenize([question])[0] if t in self.retriever.vocab_dict]
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def mask(
        self, sources: Sequence[str] | None, after: int, before: int, undated: bool = False
    ) -> np.ndarray[Any, Any] | None:
        """Rows allowed by the filters (``undated``: keep articles without a date), or None."""
        if not sources and not after and not before:
            return None
        allowed = np.ones(len(self.ids), dtype=bool)
        if sources:
            wanted = list(sources)
            allowed &= np.isin(self.sources, wanted) | np.isin(self.files, wanted)
        in_range = np.ones(len(self.ids), dtype=bool)
        if after:
            in_range &= self.days >= after
        if before:
            in_range &= (self.days <= before) & (self.days > 0)
        if undated and (after or before):
            in_range |= self.days == 0
        return allowed & in_range


def _dir(settings: Settings) -> Path:
    return lexical_path(settings)


def build(settings: Settings, rows: Sequence[tuple[str, str, dict[str, Any]]], vectors: Any = None) -> None:
    """Write a fresh index of ``rows`` (id, text, metadata) and their vectors; publish it atomically."""
    import bm25s

    target = _dir(settings)
    staging = target.with_name(f".{_DIR}-{uuid.uuid4().hex[:8]}")
    staging.mkdir(parents=True)
    texts = [f"{meta.get('title', '')}\n{text}" for _, text, meta in rows]
    retriever = bm25s.BM25()
    if rows:
        retriever.index(tokenize(texts), show_progress=False)
        retriever.save(str(staging / "index"))
    meta = {
        "ids": [i for i, _, _ in rows],
        "sources": [str(m.get("source", "")) for _, _, m in rows],
        "files": [str(m.get("file", m.get("source", ""))) for _, _, m in rows],
        "days": [int(m.get("published_day", 0) or 0) for _, _, m in rows],
    }
    (staging / "chunks.json").write_text(json.dumps(meta), encoding="utf-8")
    if vectors is not None and len(rows):
        np.save(staging / "vectors.npy", np.asarray(vectors, dtype=np.float32))
    (staging / _VERSION_FILE).write_text(uuid.uuid4().hex, encoding="utf-8")
    old = target.with_name(f".{_DIR}-old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


_LOCK = threading.Lock()
_LOADED: dict[str, tuple[str, LexicalIndex | None]] = {}


def load(settings: Settings) -> LexicalIndex | None:
    """The current index (cached until a sync publishes a new one), or None when there is none."""
    folder = _dir(settings)
    try:
        version = (folder / _VERSION_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    key = str(folder.resolve())
    with _LOCK:
        cached = _LOADED.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        index = _read(folder)
        _LOADED[key] = (version, index)
        return index


def _read(folder: Path) -> LexicalIndex | None:
    import bm25s

    try:
        meta = json.loads((folder / "chunks.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(folder / "index")) if meta["ids"] else bm25s.BM25()
        vectors = np.load(folder / "vectors.npy") if (folder / "vectors.npy").exists() else None
    except (OSError, ValueError, KeyError):
        return None
    return LexicalIndex(
        retriever=retriever,
        ids=list(meta["ids"]),
        sources=np.asarray(meta["sources"], dtype=object),
        files=np.asarray(meta["files"], dtype=object),
        days=np.asarray(meta["days"], dtype=np.int64),
        row={ident: r for r, ident in enumerate(meta["ids"])},
        vectors=vectors if vectors is not None and len(vectors) == len(meta["ids"]) else None,
    )
