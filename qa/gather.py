"""Evidence for each kind of question, and the answer it makes.

A fact question is answered from the best sentences of the top passages (``qa.answer``). The
other kinds a news reader asks need other evidence, gathered here from the catalog of articles
and their stories (``qa.catalog``, ``qa.stories``):

- **main stories**: one line per story, newest first, each the lede of its newest article;
- **summary** of a story: the ledes of its articles in date order, near-repeats dropped;
- **timeline**: one dated line per article of the story, oldest first;
- **period**: the ledes of the articles published in it, by date (of one story, when the
  question names one);
- **latest**: the best sentence of the story's newest article leads, with its date, and that
  article's next best sentence follows it; an older
  article's sentence follows with its own date, so a changed figure is never shown undated;
- **which**: every story with a passage on the topic, one supporting sentence each;
- **compare**: the best sentence for each side, side by side, each dated.

Every line quotes an article verbatim and cites it; dates and story labels are the only words
added. A story is found from the question's subject: the stories of the top passages vote,
weighted by rank; when nothing relevant is retrieved (the gate of ``qa.answer``) the question
is refused as before.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from qa.catalog import ArticleRecord
from qa.filters import Filters
from qa.intent import Intent
from qa.passage import Passage
from qa.periods import Period
from qa.retrieve import retrieve
from qa.store import to_passage
from qa.stories import Story
from qa.text import INJECTION, SENTENCE_END

if TYPE_CHECKING:
    from qa.catalog import Catalog
    from qa.index import Index

__all__ = ["article_passages", "format_day", "lede_lines", "story_candidates", "with_whole_articles"]

MAX_LINES = 8
# Articles read whole for the answer kinds (who, when, how many, why): see ``with_whole_articles``.
WHOLE_ARTICLES = 2
_DUPLICATE = 0.6  # word overlap (Jaccard) above which a lede repeats an earlier one
_WORD = re.compile(r"\w+")


def format_day(published: str) -> str:
    """YYYY-MM-DD as "15 July 2025" ("" stays "")."""
    try:
        d = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def article_passages(records: Sequence[ArticleRecord], index: Index) -> dict[str, Passage]:
    """The first chunk of each article as a citable passage, its lede marked as the quote."""
    found = index.store.records([r.chunk for r in records if r.chunk])
    out = {}
    for r in records:
        if r.chunk in found:
            text, meta = found[r.chunk]
            passage = to_passage(r.chunk, text, meta, 1.0)
            out[r.source] = replace(passage, quotes=((r.lede_start, r.lede_end),) if r.lede else ())
    return out


def with_whole_articles(
    passages: Sequence[Passage], index: Index, articles: int = WHOLE_ARTICLES
) -> list[Passage]:
    """``passages`` followed by the other chunks of the first ``articles`` articles among them,
    and the first chunk of every other article among them.

    The sentence that answers "who" or "why" often sits in a later chunk than the one that
    matches the question: "Who is the governor of the Central Bank of Eastmere?" retrieves the
    ledes ("The Central Bank of Eastmere held its main interest rate ..."), and "Governor Ilse
    Varga said" is three paragraphs down. A news article is two or three chunks, so reading the
    best two whole costs one store read and a dozen more candidate sentences (of which only the
    best-covered are embedded, ``qa.evidence``). The added chunks come after the retrieved ones,
    in article order, with score 0.
    """
    every = list(dict.fromkeys(p.source for p in passages))
    sources = every[:articles]
    if not sources:
        return list(passages)
    have = {p.id for p in passages}
    rows = index.store.of_sources(every)
    # Of the other retrieved articles, the first chunk: its lede states the article's news
    # ("A Northvale Power distribution line ... started the Cedar Ridge Fire" for "What caused
    # the Cedar Ridge Fire?", whose retrieved chunk of that article was its second).
    extra = [
        to_passage(i, text, meta, 0.0)
        for i, text, meta in rows
        if i not in have and (meta.get("source") in sources or meta.get("chunk_index") == 0)
    ]
    order = {s: n for n, s in enumerate(sources)}
    extra.sort(key=lambda p: (order.get(p.source, len(order)), p.chunk_index))
    return [*passages, *extra]


def _overlap(a: str, b: str) -> float:
    x, y = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return len(x & y) / max(1, len(x | y))


def lede_lines(
    records: Sequence[ArticleRecord],
    passages: dict[str, Passage],
    *,
    dedupe: bool = True,
    limit: int = MAX_LINES,
    label: dict[str, str] | None = None,
    sentences: int = 0,
) -> tuple[list[str], list[Passage]]:
    """Dated lede lines ("15 July 2025: <lede> [n]") for ``records`` in the given order.

    Ledes that repeat an earlier one (syndicated copies, a follow-up restating the news) are
    dropped with ``dedupe``; at most ``limit`` lines, spread evenly over the records when there
    are more, always keeping the first and the last. With ``sentences``, a line quotes that many
    sentences shared among the articles: the lede and the first sentences of the paragraphs
    after it (``paragraph_leads``), at most ``MORE_LEADS`` more an article.
    """
    usable = [r for r in records if r.lede and r.source in passages]
    if dedupe:
        kept: list[ArticleRecord] = []
        for r in usable:
            if all(_overlap(r.lede, k.lede) < _DUPLICATE for k in kept):
                kept.append(r)
        usable = kept
    if len(usable) > limit:
        step = (len(usable) - 1) / (limit - 1)
        usable = [usable[round(i * step)] for i in range(limit)]
    # A short story is told by more than its ledes: each article's next paragraphs open with its
    # next facts ("The men's race was won by Mateo Ferreira"), up to ``sentences`` in all.
    more = max(0, min(MORE_LEADS, sentences // max(1, len(usable)) - 1))
    lines, cited = [], []
    for r in usable:
        passage = passages[r.source]
        leads = paragraph_leads(passage, r.lede_end, more)
        quotes = tuple(sorted({*passage.quotes, *((a, b) for a, b, _ in leads)}))
        cited.append(replace(passage, quotes=quotes))
        when = format_day(r.published) or "Undated"
        prefix = f"{label[r.source]} · " if label and r.source in label else ""
        text = " ".join([r.lede, *(t for _, _, t in leads)])
        lines.append(f"{prefix}{when}: {text} [{len(cited)}]")
    return lines, cited


# Sentences after the lede that a short story's line may add (``lede_lines``).
MORE_LEADS = 3
_QUOTE_OPENING = re.compile(r"^[\"“‘']")


def paragraph_leads(passage: Passage, after: int, n: int) -> list[tuple[int, int, str]]:
    """The first sentences of the paragraphs of ``passage`` after article offset ``after``, up to
    ``n``, as (start, end, text) in the article; a paragraph that opens with a quote is passed
    over (the quote gives a voice, not a fact, and its speaker is named after it)."""
    if n <= 0:
        return []
    out: list[tuple[int, int, str]] = []
    for a, b in passage.sentences:
        start = passage.start + a
        if start <= after or "\n" not in passage.text[max(0, a - 2) : a + 1]:
            continue  # not the first sentence of a paragraph
        text = passage.text[a:b].strip()
        if not text or _QUOTE_OPENING.match(text) or INJECTION.search(text) or not SENTENCE_END.search(text):
            continue
        offset = start + passage.text[a:b].index(text)
        out.append((offset, offset + len(text), text))
        if len(out) >= n:
            break
    return out


def story_candidates(
    query: str, index: Index, k: int = 10, filters: Filters | None = None
) -> list[tuple[str, float]]:
    """Stories of the passages retrieved for ``query``, with votes (rank-weighted), best first."""
    catalog = index.catalog()
    votes: dict[str, float] = {}
    for rank, p in enumerate(retrieve(query, k, filters=filters, index=index)):
        record = catalog.articles.get(p.source)
        if record is not None and record.story:
            votes[record.story] = votes.get(record.story, 0.0) + 1.0 / (rank + 1)
    return sorted(votes.items(), key=lambda kv: kv[1], reverse=True)


def with_period(
    passages: list[Passage], query: str, period: Period, filters: Filters, index: Index, k: int
) -> list[Passage]:
    """``passages`` and, after them, the best ``k`` of the articles published in ``period``.

    "Why did the bank leave rates unchanged in September?" retrieved June's and April's
    decisions (they share every word but the month) before September's, which states the
    reason. A period the question names is read as a preference, not a filter: "in September"
    may be when the event happened, told in a later article.
    """
    if period.after is None and period.before is None:
        return passages
    after = max((d for d in (period.after, filters.published_after) if d is not None), default=None)
    before = min((d for d in (period.before, filters.published_before) if d is not None), default=None)
    if after is not None and before is not None and after > before:
        return passages
    within = replace(filters, published_after=after, published_before=before)
    seen = {p.id for p in passages}
    return passages + [p for p in retrieve(query, k, filters=within, index=index) if p.id not in seen]


def records_of(story: Story, catalog: Catalog) -> list[ArticleRecord]:
    """The catalog records of a story's articles, oldest first."""
    return [catalog.articles[a.source] for a in story.articles if a.source in catalog.articles]


def in_period(record: ArticleRecord, period: Period) -> bool:
    """Whether the article was published within ``period`` (undated articles are not)."""
    try:
        day = date.fromisoformat(record.published[:10])
    except ValueError:
        return False
    return (period.after is None or day >= period.after) and (period.before is None or day <= period.before)


def resolve_event(period: Period, index: Index) -> Period:
    """An event-anchored period ("before the election") with its dates fixed from the articles.

    The event's day is the publication day of the article that best matches the event's words.
    """
    if not period.event:
        return period
    hits = retrieve(period.event, 3, index=index)
    days = [p.published for p in hits if p.published]
    if not days:
        return Period()
    day = date.fromisoformat(days[0][:10])
    window = timedelta(days=period.span_days - 1) if period.span_days else None
    if period.relation == "before":
        last = day - timedelta(days=1)
        return Period(last - window if window is not None else None, last, period.text)
    first = day + timedelta(days=1)
    return Period(first, first + window if window is not None else None, period.text)


def intent_subject(intent: Intent, period: Period) -> str:
    """The intent's subject without the words of its period."""
    subject = intent.subject
    if period.text:
        # Word by word: the subject has lost the period's "the" and "of" ("first half 2025").
        said = {w.lower() for w in _WORD.findall(period.text)}
        subject = " ".join(w for w in subject.split() if w.strip("?!.,;:").lower() not in said)
    subject = re.sub(
        r"\b(in|during|since|between|and|from|to|last|this|past|week|month|year|before|after|\d{1,4}|"
        r"report|reports|reported|reporting|say|says|said|cover|covers|covered|"
        r"january|february|march|april|may|june|july|august|september|october|november|december|"
        r"which|what|who|happened|took place|take place|someone|somebody|anyone|"
        # the verbs that tie stories to a topic carry none of it: "Which stories feature a judge?"
        r"involv\w*|featur\w*|includ\w*|mention\w*|concern\w*|discuss\w*|contain\w*|refer\w*|"
        r"have|has|had|having|talk\w* about|deal\w* with|relat\w* to|"
        r"based|located|"
        r"did|do|does|are|is|was|were)\b",
        " ",
        subject,
        flags=re.I,
    )
    return " ".join(subject.split())
