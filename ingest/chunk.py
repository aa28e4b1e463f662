"""Splitting an article into overlapping, sentence-aligned chunks that fit the embedder.

LangChain's ``RecursiveCharacterTextSplitter`` does the packing, measuring length in the
embedding model's own tokens and breaking at line and sentence ends, then clauses, then words.
Each chunk records where it lies in the article and the spans of its sentences, so answers can
quote whole sentences without re-segmenting at query time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from ingest.load import Article
from qa.embedder import Embedder, sentence_embedder
from qa.settings import Settings
from qa.store import Metadata, record_metadata
from qa.text import sentence_spans

__all__ = ["Chunk", "chunk_article", "chunk_id"]

# A line break or a sentence end (optionally followed by a closing quote or bracket) first, so
# whole sentences and lines are packed greedily up to the size; clauses and words only for a
# sentence longer than a chunk. (Splitting at paragraphs first would emit a headline as a chunk
# of its own whenever the body is longer than one chunk: a quarter of SciFact's chunks.)
_SEPARATORS = [
    r"\n+|(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+",
    r"[;:]\s+",
    r"\s+",
    "",
]


@dataclass(frozen=True)
class Chunk:
    """A passage of an article as it is embedded and stored.

    Attributes:
        id: ``<article key>-<content hash>``: equal text in the same article gets the same id,
            so re-ingesting is an idempotent upsert.
        text: The passage, an exact slice ``article.text[start:end]``.
        start, end: Character offsets in the article file's decoded text.
        index: Position among the article's chunks.
        sentences: (start, end) of each sentence, relative to ``text``.
    """

    id: str
    text: str
    source: str
    title: str
    index: int
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    url: str = ""
    published: str = ""
    outlet: str = ""
    author: str = ""

    def embedding_text(self) -> str:
        """What is embedded: the title gives every chunk of an article its topic."""
        if self.text.startswith(self.title[:40]):
            return self.text
        return f"{self.title}\n{self.text}"

    def metadata(self) -> Metadata:
        """Provenance as Chroma-legal scalar metadata."""
        return record_metadata(
            source=self.source,
            title=self.title,
            url=self.url,
            published=self.published,
            outlet=self.outlet,
            author=self.author,
            chunk_index=self.index,
            start=self.start,
            end=self.end,
            sentences=self.sentences,
        )


def chunk_id(source: str, text: str) -> str:
    """Content-derived id of a chunk of the article at ``source``."""
    article = hashlib.sha1(source.encode()).hexdigest()[:12]
    content = hashlib.sha256(text.encode()).hexdigest()[:20]
    return f"{article}-{content}"


@lru_cache(maxsize=4)
def _splitter(embedder: Embedder, size: int, overlap: int):  # type: ignore[no-untyped-def]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=size,
        chunk_overlap=overlap,
        length_function=embedder.count_tokens,
        separators=_SEPARATORS,
        is_separator_regex=True,
        keep_separator="end",
        strip_whitespace=True,
    )


def chunk_article(article: Article, settings: Settings, embedder: Embedder | None = None) -> list[Chunk]:
    """Chunks of ``article``'s body, in order, each at most ``settings.chunk_size`` tokens.

    Tokens are ``embedder``'s (default: the model named by ``settings.embedding_model``).
    """
    embedder = embedder or sentence_embedder(settings.embedding_model)
    size = min(settings.chunk_size, embedder.max_tokens())
    overlap = min(settings.chunk_overlap, size - 1)
    splitter = _splitter(embedder, size, overlap)
    body, base = article.body, article.body_start
    chunks: list[Chunk] = []
    seen: set[str] = set()
    cursor = 0
    for piece in splitter.split_text(body):
        # Pieces are exact substrings in order; overlap means the next one may start earlier
        # than the previous end, but never before the previous start.
        found = body.find(piece, cursor)
        if found < 0:  # defensive: fall back to a search from the beginning
            found = body.find(piece)
        cursor = found + 1
        ident = chunk_id(article.path, piece)
        if ident in seen:  # the same passage twice in one article is stored once
            continue
        seen.add(ident)
        chunks.append(
            Chunk(
                id=ident,
                text=piece,
                source=article.path,
                title=article.title,
                index=len(chunks),
                start=base + found,
                end=base + found + len(piece),
                sentences=tuple(sentence_spans(piece)),
                url=article.url,
                published=article.published,
                outlet=article.outlet,
                author=article.author,
            )
        )
    return chunks
