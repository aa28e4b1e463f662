"""The sentence-transformers embedder and its tokenizer, each loaded lazily and once.

Token counting (used by the chunker on every sync that has work to do) reads the model's
``tokenizer.json`` with the small ``tokenizers`` library instead of importing torch and
sentence-transformers, so a sync that only re-chunks stays light. Vectors are L2-normalised,
so Chroma's cosine distance and a plain dot product agree.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

__all__ = ["count_tokens", "embed", "embed_query", "load_model", "max_tokens"]

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
