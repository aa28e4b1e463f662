"""The sentence-transformers embedder and its tokenizer, each loaded lazily and once.

``Embedder`` is what the rest of Newsdesk sees: an identity (part of the sync fingerprint),
``embed``, ``embed_query``, ``embed_sentences`` (cached) and token counting.
``SentenceEmbedder`` is the real one over the functions below; ``FakeEmbedder`` hashes words
into unit vectors, deterministic and instant, for tests of logic that only needs texts sharing
words to be near each other (sync, fusion, filters, MMR, composition). Quality tests use the
real model.

Precision: on a CPU with native bf16 arithmetic (``avx512_bf16`` or AMX in ``/proc/cpuinfo``)
ingest encodes under ``torch.autocast("cpu", dtype=torch.bfloat16)``, elsewhere in fp32;
``NEWSDESK_PRECISION=auto|fp32|bf16`` overrides the choice. bf16 vectors are returned as
float32 and stay within cosine 0.999 of the fp32 ones (``bench/ingest_bench.py``), so a
store built at one precision is searched and extended at the other: precision is not part
of the index fingerprint. Texts are sorted by token count before batching, so each batch
pads to its own longest text, not the corpus's.

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

from qa.settings import PRECISIONS

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
    "resolve_precision",
    "sentence_embedder",
    "set_threads",
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


_NATIVE_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU feature flags Linux reports (empty where ``/proc/cpuinfo`` is missing)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return frozenset()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def resolve_precision(requested: str | None = None, flags: frozenset[str] | None = None) -> str:
    """The precision to encode at: ``fp32`` or ``bf16``.

    ``requested`` is ``auto`` (the default, also when empty), ``fp32`` or ``bf16``; auto
    picks bf16 only where the CPU does bf16 natively (``avx512_bf16`` or AMX): emulated bf16
    is slower than fp32.

    Raises:
        ValueError: for any other value, naming the accepted ones.
    """
    choice = (requested or "auto").strip().lower()
    if choice not in PRECISIONS:
        raise ValueError(f"NEWSDESK_PRECISION={choice!r} is not one of {', '.join(PRECISIONS)}.")
    if choice != "auto":
        return choice
    return "bf16" if _NATIVE_BF16_FLAGS & (cpu_flags() if flags is None else flags) else "fp32"


def _token_lengths(name: str, texts: Sequence[str]) -> list[int]:
    tok = _tokenizer(name)
    if tok is None:
        return [len(t) for t in texts]  # characters: what sentence-transformers sorts by
    return [len(e.ids) for e in tok.encode_batch(list(texts), add_special_tokens=False)]


def embed(
    name: str, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
) -> np.ndarray[Any, Any]:
    """Unit-length embeddings of ``texts`` as a float32 array, one row per text.

    Texts are encoded longest first in batches of similar token counts. ``precision`` is
    ``fp32``, ``bf16`` or ``auto`` (``resolve_precision``). Ingest passes the configured
    ``NEWSDESK_PRECISION``; questions and answer sentences stay fp32, because one short
    text encodes faster in fp32 (9 ms against 13 ms under bf16 autocast, measured here).
    """
    import numpy as np

    model = load_model(name)
    items = list(texts)
    if not items:
        return np.zeros((0, model.get_sentence_embedding_dimension() or 0), dtype=np.float32)
    lengths = _token_lengths(name, items)
    order = sorted(range(len(items)), key=lambda i: -lengths[i])
    out = np.empty((len(items), 0), dtype=np.float32)
    with _autocast(resolve_precision(precision)):
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            vectors = model.encode(
                [items[i] for i in batch],
                batch_size=batch_size,
                normalize_embeddings=False,  # normalised below, in fp32
                convert_to_tensor=True,
                show_progress_bar=False,
            )
            matrix = vectors.float().numpy()
            if not out.shape[1]:
                out = np.empty((len(items), matrix.shape[1]), dtype=np.float32)
            out[batch] = matrix
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def set_threads(threads: int) -> None:
    """Use ``threads`` intra-op threads for every torch call of this process (0: torch's default).

    A server that runs requests concurrently sets 1: with two cores and eight requests, each
    torch call using both cores oversubscribes them (``NEWSDESK_SERVE_THREADS``).
    """
    if threads > 0:
        import torch

        torch.set_num_threads(threads)


def _autocast(mode: str) -> Any:
    """bf16 autocast on the CPU, or nothing for fp32 (the model's own dtype)."""
    import contextlib

    if mode != "bf16":
        return contextlib.nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


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

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
        """Unit-length float32 vectors of ``texts``, one row per text.

        ``precision`` (``fp32``, ``bf16`` or ``auto``) is a request an embedder may ignore;
        ingest passes ``NEWSDESK_PRECISION``.
        """
        ...

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        """The (cached, read-only) vector of one question."""
        ...

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
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

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
        return embed(self.name, texts, batch_size, precision=precision)

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        return embed_query(self.name, text)

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
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

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
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

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
        return list(self.embed(texts))

    def count_tokens(self, text: str) -> int:
        return len(_FAKE_WORD.findall(text))

    def max_tokens(self) -> int:
        return 510
