"""The sentence-transformers embedder and its tokenizer, each loaded lazily and once.

``Embedder`` is what the rest of Newsdesk sees: an identity (part of the sync fingerprint),
``embed``, ``embed_query``, ``embed_sentences`` (cached) and token counting.
``SentenceEmbedder`` is the real one over the functions below; ``FakeEmbedder`` hashes words
into unit vectors, deterministic and instant, for tests of logic that only needs texts sharing
words to be near each other (sync, fusion, filters, MMR, composition). Quality tests use the
real model.

Token counting (used by the chunker on every sync that has work to do) reads the model's
``tokenizer.json`` with the small ``tokenizers`` library instead of importing torch and
sentence-transformers, so a sync that only re-chunks stays light. Vectors are L2-normalised,
so Chroma's cosine distance and a plain dot product agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

__all__ = [
    "Embedder",
    "FakeEmbedder",
    "SentenceEmbedder",
    "count_tokens",
    "embed",
    "embed_query",
    "load_model",
    "max_tokens",
    "sentence_embedder",
]

# No model hub here: weights come from local paths (the packaged MiniLM by default).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


_LOAD_LOCK = threading.Lock()


def load_model(name: str) -> SentenceTransformer:
    """Load a sentence-transformers model once per process, on the CPU (thread-safe)."""
    with _LOAD_LOCK:
        return _load_model(name)


@lru_cache(maxsize=4)
def _load_model(name: str) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # "Loading weights" bars would clutter every start
    return SentenceTransformer(name, device="cpu")


@lru_cache(maxsize=4)
def _tokenizer(name: str) -> Tokenizer | None:
    path = Path(name) / "tokenizer.json"
    if not path.is_file():
        return None
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()
    return tok


def count_tokens(name: str, text: str) -> int:
    """Number of the model's word pieces in ``text``, special tokens excluded."""
    tok = _tokenizer(name)
    if tok is not None:
        return len(tok.encode(text, add_special_tokens=False).ids)
    return len(load_model(name).tokenizer.tokenize(text))


@lru_cache(maxsize=4)
def max_tokens(name: str) -> int:
    """Longest input the model embeds without truncation, special tokens excluded."""
    config = Path(name) / "sentence_bert_config.json"
    if config.is_file():
        length = int(json.loads(config.read_text())["max_seq_length"])
    else:
        length = int(load_model(name).max_seq_length)
    return length - 2  # [CLS] and [SEP]


def embed(name: str, texts: Sequence[str], batch_size: int = 64) -> np.ndarray[Any, Any]:
    """Unit-length embeddings of ``texts`` as a float32 array, one row per text."""
    import numpy as np

    model = load_model(name)
    vectors = model.encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4096)
def embed_query(name: str, text: str) -> np.ndarray[Any, Any]:
    """The unit-length embedding of one question, cached: retrieval and answer scoring both need it."""
    vector: np.ndarray[Any, Any] = embed(name, [text])[0]
    vector.setflags(write=False)  # shared by every caller of the cache
    return vector


class Embedder(Protocol):
    """What retrieval, answering and sync need from an embedding model (hashable: indexes are keyed by it)."""

    def __hash__(self) -> int: ...

    def identity(self) -> str:
        """A stable id of the model: vectors from two embedders with the same identity agree."""
        ...

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray[Any, Any]:
        """Unit-length float32 vectors of ``texts``, one row per text."""
        ...

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        """The (cached, read-only) vector of one question."""
        ...

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 64) -> list[np.ndarray[Any, Any]]:
        """Vectors of passage sentences, cached: follow-up questions reuse the same passages."""
        ...

    def count_tokens(self, text: str) -> int:
        """The model's word pieces in ``text``, special tokens excluded."""
        ...

    def max_tokens(self) -> int:
        """Longest input embedded without truncation, special tokens excluded."""
        ...


_SENTENCE_CACHE = 20_000


class SentenceEmbedder:
    """A sentence-transformers model (by name or local path), loaded on first use, once.

    It owns the sentence-vector cache (20,000 vectors, 30 MB for MiniLM, least recently added
    dropped first) under a lock: the chat's worker threads share it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._sentences: OrderedDict[str, np.ndarray[Any, Any]] = OrderedDict()

    def __repr__(self) -> str:
        return f"SentenceEmbedder({self.name!r})"

    def identity(self) -> str:
        """A local model folder is identified by its configuration and weight size, not its path,
        so moving the virtual environment does not force a rebuild."""
        model = Path(self.name)
        if not model.is_dir():
            return self.name
        parts = [
            (model / name).read_text(encoding="utf-8")
            for name in ("config.json", "modules.json")
            if (model / name).is_file()
        ]
        parts += [str(p.stat().st_size) for p in sorted(model.glob("*.safetensors"))]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray[Any, Any]:
        return embed(self.name, texts, batch_size)

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        return embed_query(self.name, text)

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 64) -> list[np.ndarray[Any, Any]]:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._sentences]
        if missing:
            rows = embed(self.name, missing, batch_size)  # outside the lock: others keep reading
            with self._lock:
                for text, row in zip(missing, rows, strict=True):
                    row.setflags(write=False)
                    self._sentences[text] = row
                while len(self._sentences) > _SENTENCE_CACHE:
                    self._sentences.popitem(last=False)
                found = {t: self._sentences.get(t) for t in texts}
        else:
            with self._lock:
                found = {t: self._sentences.get(t) for t in texts}
        # A text evicted between the two steps (over 20,000 new ones meanwhile) is embedded again.
        lost = [t for t, v in found.items() if v is None]
        if lost:
            found.update(zip(lost, embed(self.name, lost, batch_size), strict=True))
        return [found[t] for t in texts]  # type: ignore[misc]

    def forget(self) -> None:
        """Empty the sentence-vector cache (benchmarks of cold questions)."""
        with self._lock:
            self._sentences.clear()

    def count_tokens(self, text: str) -> int:
        return count_tokens(self.name, text)

    def max_tokens(self) -> int:
        return max_tokens(self.name)


@lru_cache(maxsize=4)
def sentence_embedder(name: str) -> SentenceEmbedder:
    """The one ``SentenceEmbedder`` of model ``name`` in this process."""
    return SentenceEmbedder(name)


_FAKE_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FakeEmbedder:
    """Hashed bag of words: each lower-cased word adds 1 to one of ``dim`` coordinates; unit length.

    Deterministic across processes (blake2b, not ``hash``), about 20 µs a text. Texts that share
    words have a positive cosine, texts that share none have zero (up to hash collisions), which
    is all that logic tests of sync, fusion, filters, MMR and composition need. A "token" is a word.
    """

    dim: int = 384  # as MiniLM, so a test may write a vector of either

    def identity(self) -> str:
        return f"fake-hashed-bag-of-words-{self.dim}"

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray[Any, Any]:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _FAKE_WORD.findall(text.lower()):
                slot = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
                out[row, slot % self.dim] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
            else:
                out[row, 0] = 1.0  # no words: still a unit vector
        return out

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        vector: np.ndarray[Any, Any] = self.embed([text])[0]
        vector.setflags(write=False)
        return vector

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 64) -> list[np.ndarray[Any, Any]]:
        return list(self.embed(texts))

    def count_tokens(self, text: str) -> int:
        return len(_FAKE_WORD.findall(text))

    def max_tokens(self) -> int:
        return 510
