"""What came of the previous answer's event: "did it work?", "what happened next?".

"What did the transit authority do to try to stop the strike?" is answered by its lawsuit
asking for an injunction (7 March); "did it work?" then asks after that event, and no word of
it says which: the conversation rule appended the previous question's words ("transit
authority try stop strike") and the answer was the strike's end, the authority's lawsuit again
and the strike vote. A news story tells an event's outcome in a later article that reports the
same event again ("A district judge on Tuesday refused the Harbour City Transit Authority's
request for an injunction", 12 March). So the event is the previous answer's first sentence,
found in the index (its article, its story), and the outcome is the sentence of a later article
of that story closest to it, dated: the earliest such article's (what happened next) and, when
it is another, the newest one's (how it ended), in date order: "the lawsuit ..., which a judge
declined to use to halt the strike, remains open" (28 March) says where it ended.

What this misses: an outcome told in words far from the event's (a fine reported as "the
commission's decision"), an event whose story has no later article (the question is then
answered as any other follow-up), and an outcome that is not news of the event but of its
subject ("did he play again?" after an injury is a question about the player).
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.catalog import ArticleRecord, Catalog
from qa.evidence import ScoredSentence, rank_sentences
from qa.filters import Filters
from qa.gather import format_day
from qa.index import Index
from qa.passage import Passage
from qa.retrieve import retrieve
from qa.text import content_words, sentence_spans

__all__ = ["OUTCOME_FLOOR", "outcome"]

# A later article's sentence must be this share of the best later sentence's score to be shown
# as the first or the last report of the outcome: the injunction's refusal (12 March) and the
# lawsuit's end (28 March) both pass, the strike's vote (28 March lede) on the same words less.
OUTCOME_FLOOR = 0.8
# Frames the answers add before a quoted sentence ("As of 12 March 2025: ", "Earlier, on ...:").
# The first later article's lede is quoted before its closest sentence when it scores this share
# of the best: a report leads with the outcome ("refused Quillon's request to ban sales", 0.73 of
# "a sales ban would harm laptop makers", which repeats the request's words) and explains it below.
LEDE_FLOOR = 0.7
_FRAME = re.compile(
    r"^\s*(?:As of|Earlier, on|Before that, on|At first, on|Later, on|Then, on)\s[^:]{3,40}:\s*"
)
_MARKER = re.compile(r"\s*\[\d+\]")
# Where a news sentence joins its clauses: commas, "as", "while", "after", "when", "because".
_CLAUSE = re.compile(r",\s+|\s+(?=(?:as|while|after|when|because|and then)\s)")


def _event(previous_answer: str) -> str:
    """The first quoted sentence of the previous answer, without frames and markers."""
    text = _MARKER.sub("", previous_answer).strip()
    lines = [line for line in text.splitlines() if line.strip() and not line.lower().startswith("showing")]
    if not lines:
        return ""
    first = _FRAME.sub("", lines[0]).strip()
    spans = sentence_spans(first)
    return first[spans[0][0] : spans[0][1]].strip() if spans else first


def _focus(event: str, asked: str) -> str:
    """The clause of ``event`` on what the previous question asked, before the whole sentence.

    "The final Herald poll ... put the Civic Alliance on 42% ..., as the People's Front filed a
    lawsuit challenging the deadline for postal ballots" answered "What did the People's Front do
    about the postal ballot deadline?": the outcome is the lawsuit's, not the poll's. The clause
    that shares most content words with the question (two at least) is said first, so both
    the retrieval and MiniLM weigh it; the sentence alone when no clause stands out.
    """
    words = content_words(asked)
    clauses = [c.strip() for c in _CLAUSE.split(event) if len(c.split()) >= 3]
    shared = [(len(words & content_words(c)), c) for c in clauses]
    best = max(shared, key=lambda pair: pair[0], default=(0, ""))
    if best[0] < 2 or best[1] == event or sum(1 for n, _ in shared if n == best[0]) > 1:
        return event
    return f"{best[1]}. {event}"


def _article_of(event: str, index: Index, filters: Filters) -> Passage | None:
    """The passage that quotes ``event``, or the best passage for it when none quotes it whole."""
    found = retrieve(event, 5, filters=filters, index=index)
    return next((p for p in found if event[:80] in p.text), found[0] if found else None)


def outcome(
    previous: tuple[str, str], catalog: Catalog, index: Index, filters: Filters
) -> tuple[str, list[Passage]] | None:
    """The later reports of the event ``previous`` (question, answer) told, dated, and their
    passages; None when the event is not found, its story has no later article, or none says
    enough of it."""
    event = _event(previous[1])
    if len(event.split()) < 4:
        return None
    source = _article_of(event, index, filters)
    record = catalog.articles.get(source.source) if source is not None else None
    if source is None or record is None or not record.story or not record.published:
        return None
    later: list[ArticleRecord] = sorted(
        (
            r
            for r in catalog.articles.values()
            if r.story == record.story and r.published and r.published > record.published
        ),
        key=lambda r: (r.published, r.source),
    )
    if filters.sources:
        later = [r for r in later if r.source in filters.sources]
    if not later:
        return None
    query = _focus(event, previous[0])
    only_later = replace(filters, sources=tuple(r.source for r in later))
    passages = retrieve(query, 20, filters=only_later, index=index)
    ranked = rank_sentences(query, passages=passages, index=index)
    if not ranked or ranked[0].score < index.settings.min_score:
        return None
    close = [s for s in ranked if s.score >= ranked[0].score * OUTCOME_FLOOR and s.passage.published]
    if not close:
        return None
    first = min(close, key=lambda s: (s.passage.published, -s.score))
    last = max(close, key=lambda s: (s.passage.published, s.score))
    shown: list[list[ScoredSentence]] = [[first]]
    lede = _lede_of(first, ranked, catalog)
    if lede is not None and lede.score >= ranked[0].score * LEDE_FLOOR:
        shown[0].insert(0, lede)
    if last.passage.published > first.passage.published:
        shown.append([last])
    cited: list[Passage] = []
    quotes: dict[str, list[tuple[int, int]]] = {}
    lines = []
    for n, group in enumerate(shown):
        said = []
        for s in group:
            if s.passage.id not in quotes:
                cited.append(s.passage)
            quotes.setdefault(s.passage.id, []).append((s.start, s.start + len(s.text)))
            said.append(f"{s.text} [{[p.id for p in cited].index(s.passage.id) + 1}]")
        frame = "Then, on" if n else "Later, on"
        lines.append(f"{frame} {format_day(group[0].passage.published)}: {' '.join(said)}")
    return "\n\n".join(lines), [replace(p, quotes=tuple(sorted(quotes[p.id]))) for p in cited]


def _lede_of(s: ScoredSentence, ranked: list[ScoredSentence], catalog: Catalog) -> ScoredSentence | None:
    """The ranked lede of ``s``'s article, when ``s`` is not it."""
    record = catalog.articles.get(s.passage.source)
    if record is None or not record.lede or record.lede in s.text:
        return None
    return next((r for r in ranked if r.passage.source == s.passage.source and r.text == record.lede), None)
