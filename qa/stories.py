"""Stories: the running events the articles report on, kept in step with every sync.

News arrives as a series: the strike's first day, the talks, the deal. Grouping articles into
stories lets an answer lead with the newest article of the right story ("the latest on the
wildfire"), give a story's ledes in date order (a summary, a timeline), or list every story
("the main stories"). An article joins the story of its closest earlier article when the two
are close enough, else it starts a story:

    link(a, b) = cosine(a, b) + NAME_WEIGHT * (shared rare names, at most 3)
    join when the best link to a story's article within WINDOW_DAYS >= THRESHOLD

The cosine is between the articles' first chunks (title and lede), the part of a news article
that says what it is about; names are what tells two fires or two strikes apart. A shared name
counts once however many of its parts are names too: "Harbour City Transit Authority" is one
name shared, not four with "Harbour City", "Harbour" and "Transit". Counted by parts, a shared
place or company was worth 0.18, and an article on another subject from the same place joined
its story ("Harbour City ferry fares to rise 8%", cosine 0.56 with the strike's first article,
became the strike's label and its latest). The threshold is then what the subject must bring:
on the corpus with 18 more articles (``bench/stories_extra``: 12 on other events of the same
places, companies and people, and 6 follow-ups worded anew), pairwise precision went from 0.68
to 0.95 at a recall of 1.00 (``python -m bench.stories --extra``); the true follow-ups link at
0.70 and above, the distractors' best links were 0.51 to 0.80 before and the one that still
joins is a company's quarterly profit beside its patent trial (cosine 0.62, two names). Articles are
placed in date order, so a sync that adds articles places only those, reading back from the
catalog only the articles they could join (within the window, or every placed one for an
undated article) and the counts of their own names: its cost follows what changed.
``bench/stories.py`` measures the grouping against the news-reader corpus's stories
(pairwise precision and recall); the constants below come from its dev stories.

A story is labelled with the headline of its **newest** article, and the label follows the story
as articles join or leave it. A reader looks a story up to learn where it stands now: on the
news-reader corpus the first headline named the transit strike "Harbour City transit workers vote
to strike from March 3" after it had ended, and the election "Valdoria election campaign opens
with Marsh narrowly ahead" after Marsh had won. The names its articles share were tried as a
label and read worse: the name most articles mention is a spokesperson or a party as often as the
subject ("Dana Okafor" for the strike, "People's Front" for the election, "Elias Brandt" for the
chip patent case, on 3 of the corpus's 7 running stories), and a most central headline (closest
to the story's mean vector) is one of its middle articles, not its news. For questions about a
story, where a headline reads badly ("What's the latest on Mensah signs new Rovers contract
until 2029?"), ``Story.topic`` gives the name most of its headlines carry ("Mensah"), or the
words more of them repeat when those name its subject better than any name does: the strike's
headlines carry "Harbour City" twice and "transit strike" three times, and "a timeline of
Harbour City" would be a timeline of the city ("the transit strike").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.catalog import ArticleRecord, Catalog, CatalogWriter, record_for, with_story, words_in
from qa.index import open_index

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy as np

    from qa.index import Index
    from qa.settings import Settings
    from qa.store import Store

__all__ = [
    "Story",
    "StoryArticle",
    "assign",
    "build_stories",
    "label",
    "newest",
    "refresh",
    "stories",
    "story_of",
    "topic",
]

THRESHOLD = 0.63
NAME_WEIGHT = 0.06
WINDOW_DAYS = 120
# From this many articles, a sync that places a few (``FEW``) asks the store's vector index for
# the chunks nearest each one and compares it with the articles whose first chunk is among
# them (``NEIGHBOURS``), instead of with every article: at 21,738 undated articles the full scan
# read 33 MB of vectors and cost most of a one-article sync (docs/benchmarks.md, "Scale").
LARGE = 5_000
FEW = 32
NEIGHBOURS = 200


@dataclass(frozen=True)
class StoryArticle:
    """An article of a story, as listed to a reader."""

    source: str
    title: str
    published: str
    outlet: str
    url: str
    lede: str


@dataclass(frozen=True)
class Story:
    """A running story: its articles, oldest first.

    Attributes:
        id: Stable while its first article stays.
        title: Its label: the headline of its newest article (module docstring), so that it says
            where the story stands now.
        first, last: Dates of its oldest and newest dated articles (YYYY-MM-DD, "" if none).
        articles: Oldest first; undated articles last.
        topic: What most of its headlines name, to ask about it by and to head its summary: a
            name ("Cedar Ridge Fire", "Lumora") or the words they repeat ("the transit strike");
            "" when none is in a third of them (then ask by ``title``).
    """

    id: str
    title: str
    first: str
    last: str
    articles: tuple[StoryArticle, ...]
    topic: str = ""

    @property
    def latest(self) -> StoryArticle:
        """The newest article (the last dated one, else the last listed)."""
        dated = [a for a in self.articles if a.published]
        return dated[-1] if dated else self.articles[-1]

    @property
    def count(self) -> int:
        """How many articles it has."""
        return len(self.articles)


def _day(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _order(record: ArticleRecord) -> tuple[str, str]:
    return (record.published or "9999", record.source)


def newest(records: Iterable[ArticleRecord]) -> ArticleRecord | None:
    """The newest of ``records`` as ``Story.latest`` picks it: the last dated, else the last listed."""
    ordered = sorted(records, key=_order)
    dated = [r for r in ordered if r.published]
    last = dated or ordered
    return last[-1] if last else None


def label(records: Iterable[ArticleRecord]) -> str:
    """A story's label: the headline of its newest article (module docstring)."""
    record = newest(records)
    return (record.title or record.source) if record is not None else ""


TOPIC_HEADLINES = 30


def topic(records: Sequence[ArticleRecord]) -> str:
    """The name (of those its articles mention) that most of the story's headlines carry.

    A name must be in at least a third of the headlines; ties go to the longer name ("Cedar
    Ridge Fire" over "Cedar Ridge"). A one-word name must also stand inside some headline, not
    only at its start, where every word is capitalised: "Transit", a word of "Harbour City
    Transit Authority", opened four of the strike's six headlines and would have named it.
    A phrase of two or three words that more headlines repeat than the name, and at least two,
    names it instead, after "the" (``_phrase``): "the transit strike", in three of the strike's
    six headlines, where "Harbour City" is in two. A story whose headlines share neither has
    none ("").

    Only the newest ``TOPIC_HEADLINES`` articles are read (``records`` oldest first): a story names
    what it is about now, and the cost stays bounded. Reading all of them (names × headlines,
    a pattern each) took 6.7 s for the 351 stories of a 43,198-article scale-bench catalog,
    whose largest story holds 2,268 articles, and grows with the square of a story's size.
    """
    import re

    records = records[-TOPIC_HEADLINES:]
    titles = [r.title for r in records if r.title]
    counts: dict[str, int] = {}
    for name in {n for r in records for n in r.names}:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        starts = [[m.start() for m in pattern.finditer(t)] for t in titles]
        inside = any(at > 0 for found in starts for at in found)
        if " " in name or inside:
            counts[name] = sum(1 for found in starts if found)
    need = max(1, -(-len(titles) // 3))
    named = [n for n, c in counts.items() if c >= need]
    name = max(named, key=lambda n: (counts[n], len(n.split()), len(n)), default="")
    phrase, times = _phrase(titles)
    return f"the {phrase}" if times >= max(2, need, counts.get(name, 0) + 1) else name


# Words a phrase naming a story neither opens nor ends with.
_GLUE = frozenset(
    "a an the of in on to for and or as at by with from after before over into its his her their "
    "is are was were be says said new more than".split()
)


def _phrase(titles: Sequence[str]) -> tuple[str, int]:
    """The words (two or three in a row, lower case) most headlines repeat, and in how many.

    A phrase must stand in lower case inside some headline, so that it is words and not a name
    (a name is ``topic``'s other candidate), and ties go to the longer phrase.
    """
    import re

    found: dict[str, set[int]] = {}
    plain: set[str] = set()
    for n, title in enumerate(titles):
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*|\S+", title)
        for size in (2, 3):
            for at in range(len(words) - size + 1):
                run = words[at : at + size]
                low = [w.lower() for w in run]
                if low[0] in _GLUE or low[-1] in _GLUE or not all(w[0].isalpha() for w in run):
                    continue
                phrase = " ".join(low)
                found.setdefault(phrase, set()).add(n)
                if at > 0 and run == low:
                    plain.add(phrase)
    best = max((p for p in found if p in plain), key=lambda p: (len(found[p]), len(p.split())), default="")
    return best, len(found.get(best, ()))


def _rare_names(catalog: Catalog) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in catalog.articles.values():
        counts.update(r.names)
    return counts


def link(a: ArticleRecord, b: ArticleRecord, name_counts: Counter[str], total: int, cosine: float) -> float:
    """How strongly two articles belong to one story, given their vectors' cosine (module docstring)."""
    # A name most articles share (the country, the paper) says nothing about the story.
    limit = max(2, total // 3)
    shared = [n for n in set(a.names) & set(b.names) if name_counts[n] <= limit]
    return cosine + NAME_WEIGHT * min(3, len(_whole(shared)))


def _whole(names: Sequence[str]) -> list[str]:
    """``names`` less those that are words of another of them (one name, counted once)."""
    import re

    return [
        n for n in names if not any(n != m and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", m) for m in names)
    ]


def assign(
    catalog: Catalog,
    new: Iterable[str],
    *,
    name_counts: Counter[str] | None = None,
    total: int | None = None,
    vectors: Mapping[str, np.ndarray[Any, Any]] | None = None,
) -> None:
    """Place the articles ``new`` (sources in ``catalog``) into stories, in date order.

    Articles already placed keep their story; a new article joins the story of its best link
    above ``THRESHOLD`` among articles within ``WINDOW_DAYS``, or starts one. Cosines are one
    matrix product per new article; names are compared for the 50 closest only, so placing an
    article costs one pass over the candidates' vectors (about 1 ms for 10,000 articles).

    Args:
        catalog: The new articles and the placed ones they may join (a sync passes only those).
        name_counts, total: How many articles of the whole archive mention each name of the
            new articles, and how many there are (default: counted in ``catalog``).
        vectors: Vectors by source for records read without theirs (default: ``record.vector``).
    """
    import numpy as np

    pending = sorted((catalog.articles[s] for s in new if s in catalog.articles), key=_order)
    if not pending:
        return
    names = _rare_names(catalog) if name_counts is None else name_counts
    total = len(catalog.articles) if total is None else total
    waiting = {p.source for p in pending}
    placed = [r for r in catalog.articles.values() if r.story and r.source not in waiting]
    rows = [vectors.get(r.source, r.vector) if vectors else r.vector for r in placed]
    dim = max((len(v) for v in [*rows, *(p.vector for p in pending)]), default=0)
    matrix = np.zeros((len(placed) + len(pending), dim), dtype=np.float32)
    if rows and all(len(v) == dim for v in rows):
        matrix[: len(rows)] = np.stack([np.asarray(v, dtype=np.float32) for v in rows])
    else:  # some records have no vector: their rows stay zero
        for n, v in enumerate(rows):
            matrix[n, : len(v)] = v
    for record in pending:
        when = _day(record.published)
        best, best_story = THRESHOLD, ""
        if placed and record.vector:
            cosines = matrix[: len(placed)] @ np.asarray(record.vector, dtype=np.float32)
            for n in np.argsort(-cosines)[:50]:
                other = placed[int(n)]
                other_day = _day(other.published)
                if when and other_day and abs((when - other_day).days) > WINDOW_DAYS:
                    continue
                score = link(record, other, names, total, float(cosines[n]))
                if score >= best:
                    best, best_story = score, other.story
        story = best_story or _new_id(record)
        updated = with_story(record, story)
        catalog.articles[record.source] = updated
        if record.vector:
            matrix[len(placed), : len(record.vector)] = record.vector
        placed.append(updated)
    members: dict[str, list[ArticleRecord]] = {}
    for r in catalog.articles.values():
        members.setdefault(r.story, []).append(r)
    for story in {catalog.articles[p.source].story for p in pending}:
        catalog.stories[story] = label(members[story])  # the newest headline, which may be new
    for story in [s for s in catalog.stories if s not in members]:
        del catalog.stories[story]


def _new_id(record: ArticleRecord) -> str:
    import hashlib

    return "s-" + hashlib.sha1(record.source.encode()).hexdigest()[:10]


_BUILT: dict[str, list[Story]] = {}


def build_stories(catalog: Catalog) -> list[Story]:
    """The catalog's stories, newest first (by their newest article).

    Built once per saved catalog version: a question asks for them up to three times, and a
    sync writes a new version (a catalog being changed has no version yet and is built afresh).
    """
    if catalog.version and catalog.version in _BUILT:
        return list(_BUILT[catalog.version])
    built = _build(catalog)
    if catalog.version:
        _BUILT.clear()  # only the current version is asked for
        _BUILT[catalog.version] = built
    return list(built)


def _build(catalog: Catalog) -> list[Story]:
    groups: dict[str, list[ArticleRecord]] = {}
    for record in catalog.articles.values():
        groups.setdefault(record.story, []).append(record)
    out = []
    for story, records in groups.items():
        records.sort(key=_order)
        dated = [r.published for r in records if r.published]
        out.append(
            Story(
                id=story,
                title=label(records),  # not the stored label: an index labelled before this kept the first
                first=min(dated) if dated else "",
                last=max(dated) if dated else "",
                articles=tuple(
                    StoryArticle(r.source, r.title, r.published, r.outlet, r.url, r.lede) for r in records
                ),
                topic=topic(records),
            )
        )
    out.sort(key=lambda s: (s.last, s.count), reverse=True)
    return out


def stories(*, settings: Settings | None = None, index: Index | None = None) -> list[Story]:
    """Every story in the index, newest first.

    Each lists its articles oldest first with title, date, outlet and lede; ``story.latest``
    is its newest article. Empty before the first sync.
    """
    return build_stories((index or open_index(settings)).catalog())


def story_of(source: str, *, settings: Settings | None = None, index: Index | None = None) -> Story | None:
    """The story of the article at ``source`` (a ``Passage.source``), or None if not indexed."""
    for story in stories(settings=settings, index=index):
        if any(a.source == source for a in story.articles):
            return story
    return None


def _candidates(
    writer: CatalogWriter, store: Store, new: Sequence[ArticleRecord]
) -> tuple[list[ArticleRecord], np.ndarray[Any, Any] | None]:
    """The placed articles the ``new`` ones may join, with their vectors (module constants)."""
    import numpy as np

    if not new:
        return [], None
    if len(new) > FEW or writer.count() < LARGE:
        return writer.near([_day(r.published) for r in new], WINDOW_DAYS)
    chunks: set[str] = set()
    for record in new:
        if record.vector:
            vector = np.asarray(record.vector, dtype=np.float32)
            chunks.update(i for i, _ in store.nearest(vector, NEIGHBOURS))
    return writer.of_chunks(chunks)


def refresh(
    path: Path, store: Store, changed: Sequence[str], removed: Sequence[str], *, rebuild: bool = False
) -> None:
    """Bring the catalog at ``path`` in step after a sync, reading only the changed files' chunks.

    The records of ``changed`` and ``removed`` files are dropped, ``changed`` ones are read
    back from the store (every chunk, for the words; the first, for the lede and the vector),
    the new articles are placed in stories, and it all commits as one transaction. The catalog
    is read only where the new articles may join a story (``CatalogWriter.near``). With
    ``rebuild`` it starts empty (``changed`` then lists every file): after a new store or a sync
    that was killed.
    """
    by_source: dict[str, list[tuple[str, str, dict[str, Any], Any]]] = {}
    for ident, text, meta, vector in store.of_files(changed):
        by_source.setdefault(str(meta.get("source", "")), []).append((ident, text, meta, vector))
    new: dict[str, ArticleRecord] = {}
    for source, chunks in by_source.items():
        chunks.sort(key=lambda c: int(c[2].get("chunk_index", 0)))
        ident, text, meta, vector = chunks[0]
        spans = json.loads(str(meta.get("sentences") or "[]"))
        words: set[str] = set()
        for _, chunk_text, _, _ in chunks:
            words |= words_in(chunk_text)
        new[source] = record_for(source, meta, ident, text, int(meta.get("start", 0)), spans, vector, words)
    with CatalogWriter(path) as writer:
        touched = writer.clear() if rebuild else writer.drop_files([*changed, *removed])
        writer.add(new.values())
        near, matrix = _candidates(writer, store, list(new.values()))
        catalog = Catalog({r.source: r for r in near})
        catalog.articles.update(new)
        assign(
            catalog,
            list(new),
            name_counts=writer.name_counts(n for r in new.values() for n in r.names),
            total=writer.count(),
            vectors={r.source: row for r, row in zip(near, matrix, strict=True)}
            if matrix is not None
            else None,
        )
        writer.place(catalog.articles[s] for s in new)
        # Relabel every story that gained or lost an article, from all its articles (the
        # catalog read above may hold only those near the new ones).
        stories_ = touched | {catalog.articles[s].story for s in new}
        writer.label(writer.newest_titles(stories_))
        writer.prune(touched)
        writer.commit()
