"""Finding the passages that best match a question.

The question is embedded with the same model as the chunks and the nearest chunks are read
from Chroma by cosine distance. Scores are cosine similarities (higher is better), which is
what the answerer's evidence threshold is calibrated on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from qa.settings import Settings

__all__ = ["Passage", "retrieve"]


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an article, with where it came from.

    Attributes:
        text: The chunk, verbatim.
        source: Article path relative to the articles folder.
        title: Article title.
        score: Cosine similarity to the question, higher is better.
        start, end: Character offsets of ``text`` in the article file.
        id: The chunk id in the store.
        chunk_index: Position of the chunk in its article.
        url, published, outlet, author: Article metadata, empty when unknown.
        sentences: (start, end) of each sentence, relative to ``text``.
    """

    text: str
    source: str
    title: str
    score: float
    start: int
    end: int
    id: str = ""
    chunk_index: int = 0
    url: str = ""
    published: str = ""
    outlet: str = ""
    author: str = ""
    sentences: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_store(cls, ident: str, text: str, meta: dict[str, Any], score: float) -> Passage:
        """Rebuild a passage from what Chroma returns."""
        spans = json.loads(str(meta.get("sentences") or "[]"))
        return cls(
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


def retrieve(question: str, k: int = 5, *, settings: Settings | None = None) -> list[Passage]:
    """The ``k`` passages most similar to ``question``, best first.

    Raises:
        StoreMissingError: when nothing was ingested yet.
        ValueError: when ``k`` is not positive.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if not question.strip():
        return []
    settings = settings or Settings.from_env()
    from qa.embedder import embed
    from qa.store import open_collection

    collection = open_collection(settings)
    vector = embed(settings.embedding_model, [question])[0]
    result = collection.query(
        query_embeddings=[vector.tolist()],
        n_results=k,
        include=["documents", "metadatas", "distances"],  # type: ignore[list-item]
    )
    ids = result["ids"][0]
    docs = (result.get("documents") or [[]])[0]
    metas = (result.get("metadatas") or [[]])[0]
    dists = (result.get("distances") or [[]])[0]
    return [
        Passage.from_store(i, d, dict(m or {}), 1.0 - float(dist))
        for i, d, m, dist in zip(ids, docs, metas, dists, strict=True)
    ]
