"""Splitting an article into overlapping, sentence-aligned chunks that fit the embedder.

LangChain's ``RecursiveCharacterTextSplitter`` does the packing, measuring length in the
embedding model's own tokens and breaking at line and sentence ends, then clauses, then words.
Each chunk records where it lies in the article and the spans of its sentences, so answers can
quote whole sentences without re-segmenting at query time.
"""

from __future__ import annotations

import hashlib
import re
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


# Bounds for text that is not prose. The tokenizer counts a "word" of over 100 characters as one
# unknown token, so a 5 MB line without spaces was one 5 MB chunk; and the splitter's cost grows
# faster than the length of a line it has to cut word by word (a 5 MB single line took 8 min 42 s).
# A chunk is therefore also at most 10 characters a token (prose has 4 to 5), and the splitter
# sees at most 20,000 characters at once, cut at a line end, else a sentence end, else a space.
_CHARS_PER_TOKEN = 10
_MAX_BLOCK = 20_000
_BLOCK_CUTS = (re.compile(r"\n"), re.compile(r"[.!?][\"'”’)\]]?\s"), re.compile(r"\s"))


def _blocks(body: str) -> list[tuple[int, str]]:
    """``body`` as (offset, text) pieces of at most ``_MAX_BLOCK`` characters, cut where it reads best."""
    blocks: list[tuple[int, str]] = []
    start = 0
    while len(body) - start > _MAX_BLOCK:
        window = body[start : start + _MAX_BLOCK]
        cut = _MAX_BLOCK
        for pattern in _BLOCK_CUTS:
            ends = [m.end() for m in pattern.finditer(window, _MAX_BLOCK // 2)]
            if ends:
                cut = ends[-1]
                break
        blocks.append((start, window[:cut]))
        start += cut
    blocks.append((start, body[start:]))
    return blocks


@lru_cache(maxsize=4)
def _splitter(embedder: Embedder, size: int, overlap: int):  # type: ignore[no-untyped-def]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=size,
        chunk_overlap=overlap,
        length_function=lambda text: max(embedder.count_tokens(text), len(text) // _CHARS_PER_TOKEN),
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
    pieces = [piece for _, block in _blocks(body) for piece in splitter.split_text(block)]
    for piece in pieces:
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
