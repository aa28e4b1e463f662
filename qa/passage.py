"""A retrieved passage: a chunk of an article with its provenance, as every caller sees it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Passage"]


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an article, with where it came from.

    Attributes:
        text: The chunk, verbatim.
        source: Article path relative to the articles folder (``file#n`` for a feed record).
        title: Article title.
        score: Relevance to the question, higher is better (the fused score in hybrid mode,
            cosine similarity in dense mode, BM25 in bm25 mode).
        start, end: Character offsets of ``text`` in the article.
        id: The chunk id in the store.
        chunk_index: Position of the chunk in its article.
        url, published, outlet, author: Article metadata, empty when unknown
            (``published`` as YYYY-MM-DD).
        sentences: (start, end) of each sentence, relative to ``text``.
        quotes: For a citation, the article offsets (start, end) of the exact spans that
            support the answer; empty for a passage that was only retrieved.
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
    quotes: tuple[tuple[int, int], ...] = ()
