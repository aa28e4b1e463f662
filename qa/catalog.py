"""The article catalog: one record per indexed article, kept in step by every sync.

Passages answer single facts; a news reader also asks about whole articles and stories ("the
latest on the strike", "a timeline", "the main stories"). Those need what Chroma does not hold
in one place: each article's title, date, outlet, its lede (news is written as an inverted
pyramid, so the first sentence is the article's own summary), a vector for the article, the
names it mentions, its words (for spelling correction), and its story. The catalog holds them
in ``<data_dir>/catalog.json`` (``qa.store.catalog_path``), written atomically after the store
and the lexical index.

A sync adds and removes records for the articles it changed only, so its cost follows the
change, not the archive: the article vector is the stored vector of its first chunk (title
plus lede), so nothing is embedded twice.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from qa.store import write_json

__all__ = ["ArticleRecord", "Catalog", "load_catalog", "names_in", "words_in"]

VERSION = 1

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Capitalised words in a row, not at the start of a sentence: people, places, organisations.
_NAME = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)*)"
)
_NOT_NAMES = frozenset(
    """
        The A An And But Or If In On At To For Of By With From As It Its He She They We I You This
        That These Those There Here When Where Why How What Who Which While After Before Since Until
        During Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
        May June July August September October November December Mr Mrs Ms Dr Sir Officials
        Residents Police Firefighters Workers
        """.split()
)


def words_in(text: str) -> set[str]:
    """The distinct lower-case words of ``text`` (for the spelling vocabulary)."""
    return {w.lower() for w in _WORD.findall(text)}


def names_in(text: str) -> set[str]:
    """Capitalised names in ``text`` ("Dara Okafor", "Lumora"), minus sentence-initial words."""
    found: set[str] = set()
    for match in _NAME.finditer(text):
        words = [w for w in match.group(1).split() if w not in _NOT_NAMES]
        if words:
            found.add(" ".join(words))
            found.update(w for w in words if len(w) > 3)
    return found


@dataclass(frozen=True)
class ArticleRecord:
    """One article as the catalog knows it.

    Attributes:
        source: The article's path relative to the articles folder (``file#n`` for a feed record),
            as in ``Passage.source``.
        file: The file it came from.
        title, published, outlet, url: Its metadata (``published`` as YYYY-MM-DD or "").
        lede: Its first sentence.
        chunk: The id of its first chunk, which holds the lede (cited when the lede is quoted).
        lede_start, lede_end: The lede's offsets in the article.
        vector: Unit-length embedding of its first chunk (title and lede).
        names: Names it mentions in its title and first chunk.
        words: Its distinct lower-case words.
        story: The id of its story ("" until stories are assigned).
    """

    source: str
    file: str
    title: str
    published: str
    outlet: str
    url: str
    lede: str
    chunk: str
    lede_start: int
    lede_end: int
    vector: tuple[float, ...]
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    story: str = ""


@dataclass
class Catalog:
    """Every indexed article's record, by source. Mutable: a sync updates it as it goes."""

    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)  # story id -> label
    version: str = ""

    def vocabulary(self) -> Counter[str]:
        """Each word of the articles with the number of articles that use it."""
        counts: Counter[str] = Counter()
        for record in self.articles.values():
            counts.update(record.words)
        return counts

    def remove_files(self, files: Iterable[str]) -> list[str]:
        """Drop the records of these files (every record of a feed); returns their sources."""
        gone = set(files)
        dropped = [s for s, r in self.articles.items() if r.file in gone]
        for source in dropped:
            del self.articles[source]
        return dropped

    def save(self, path: Path) -> None:
        """Write atomically (temp file and rename), with a new version stamp."""
        import uuid

        self.version = uuid.uuid4().hex
        raw = {
            "version": VERSION,
            "stamp": self.version,
            "stories": self.stories,
            "articles": [
                {**asdict(r), "vector": [round(x, 5) for x in r.vector]} for r in self.articles.values()
            ],
        }
        write_json(path, raw)

    @classmethod
    def read(cls, path: Path) -> Catalog:
        """The catalog at ``path``; an empty one when it is missing or from another version."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if raw.get("version") != VERSION:
            return cls()
        articles = {}
        for item in raw.get("articles", []):
            item["vector"] = tuple(item.get("vector", ()))
            item["names"] = tuple(item.get("names", ()))
            item["words"] = tuple(item.get("words", ()))
            record = ArticleRecord(**item)
            articles[record.source] = record
        return cls(articles, dict(raw.get("stories", {})), str(raw.get("stamp", "")))


def with_story(record: ArticleRecord, story: str) -> ArticleRecord:
    """``record`` assigned to ``story``."""
    return replace(record, story=story)


_LOCK = threading.Lock()
_LOADED: dict[str, tuple[float, Catalog]] = {}


def load_catalog(path: Path) -> Catalog:
    """The catalog at ``path``, read again only when a sync rewrote it."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return Catalog()
    key = str(path.resolve())
    with _LOCK:
        cached = _LOADED.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        catalog = Catalog.read(path)
        _LOADED[key] = (stamp, catalog)
        return catalog


def record_for(
    source: str,
    meta: dict[str, Any],
    chunk_id: str,
    chunk_text: str,
    chunk_start: int,
    sentences: Sequence[tuple[int, int]],
    vector: Sequence[float],
    body_words: Iterable[str],
) -> ArticleRecord:
    """The record of an article from its first chunk (text, metadata, sentence spans, vector)."""
    lede, lede_start, lede_end = "", chunk_start, chunk_start
    title = str(meta.get("title", ""))
    for a, b in sentences:
        piece = chunk_text[a:b].strip()
        # The headline often opens the first chunk; the lede is the first real sentence after it.
        if piece and piece != title.strip() and len(piece.split()) >= 6 and piece[-1:] in ".!?\"'”’":
            lede, lede_start, lede_end = piece, chunk_start + a, chunk_start + b
            break
    return ArticleRecord(
        source=source,
        file=str(meta.get("file", source.split("#", 1)[0])),
        title=title,
        published=str(meta.get("published", "")),
        outlet=str(meta.get("outlet", "")),
        url=str(meta.get("url", "")),
        lede=lede,
        chunk=chunk_id,
        lede_start=lede_start,
        lede_end=lede_end,
        vector=tuple(float(x) for x in vector),
        names=tuple(sorted(names_in(f"{title}. {chunk_text}"))),
        words=tuple(sorted(set(body_words))),
    )
