"""Re-scoring retrieved passages with a cross-encoder, when one is configured.

No cross-encoder ships offline today, so none is used by default. Set ``NEWSDESK_RERANKER`` to a
local sentence-transformers CrossEncoder folder (for example ms-marco-MiniLM-L-6-v2) to re-score
the fused candidates. Anything with a ``score(question, texts)`` method can stand in.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from qa.embedder import apply_threads

__all__ = ["CrossEncoderReranker", "Reranker", "load_reranker"]


class Reranker(Protocol):
    """Scores how well each text answers the question; higher is better."""

    def score(self, question: str, texts: Sequence[str]) -> list[float]:
        """One score per text, in order."""
        ...


class CrossEncoderReranker:
    """A sentence-transformers ``CrossEncoder`` loaded from a local path."""

    def __init__(self, path: str) -> None:
        from sentence_transformers import CrossEncoder

        apply_threads()  # as the embedding model's: NEWSDESK_SERVE_THREADS in the app
        self.model = CrossEncoder(path, device="cpu")

    def score(self, question: str, texts: Sequence[str]) -> list[float]:
        """Cross-encoder relevance of each text to the question."""
        if not texts:
            return []
        return [float(s) for s in self.model.predict([(question, t) for t in texts], show_progress_bar=False)]


@lru_cache(maxsize=2)
def load_reranker(path: str) -> Reranker:
    """The configured reranker, loaded once."""
    return CrossEncoderReranker(path)
