"""Extractive composition: the answer as the best sentences, verbatim, each cited.

The best sentences (at most three, each within 80% of the best score) are kept, each with the
sentence after it when that continues the thought. The best sentence comes first, since it is
the one that holds the answer (a sentence that only repeats the question's words used to lead
when it stood earlier in the article); the rest follow in article order, the other articles in
date order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.evidence import ScoredSentence
from qa.passage import Passage
from qa.text import BULLET, INJECTION, SENTENCE_END

__all__ = ["MAX_SENTENCES", "extractive"]

MAX_SENTENCES = 3
# A sentence joins the answer when its score is at least this share of the best sentence's.
_KEEP_RATIO = 0.8
_CONTINUATION = re.compile(
    r"^([“\"‘']|(He|She|It|They|This|That|These|Those|His|Her|Its|Their|But|However|And|Yet|Still|"
    r"Instead|Meanwhile|Such)\b)"
)


def extractive(ranked: list[ScoredSentence], continued: bool = True) -> tuple[str, list[Passage]]:
    """The answer text with ``[n]`` markers and its citations, from sentences ranked best first
    (each with the sentence that continues it, unless not ``continued``)."""
    best = ranked[0].score
    chosen = [s for s in ranked[:MAX_SENTENCES] if s.score >= best * _KEEP_RATIO]
    return _compose(_with_continuations(chosen) if continued else chosen)


def _with_continuations(chosen: list[ScoredSentence]) -> list[ScoredSentence]:
    """Add the sentence after a chosen one when it continues the same thought.

    "Shaheen issued a blistering critique." reads better with the next sentence, the quote
    that is the critique. A follower counts as a continuation when it opens with a quotation
    mark, a pronoun or a connective ("He", "This", "But", ...).
    """
    out = list(chosen)
    taken = {(s.passage.source, s.start) for s in chosen}
    for s in chosen:
        p = s.passage
        spans = list(p.sentences)
        here = next((i for i, (a, b) in enumerate(spans) if p.start + a <= s.start < p.start + b), None)
        if here is None or here + 1 >= len(spans):
            continue
        a, b = spans[here + 1]
        follower = BULLET.sub("", p.text[a:b]).strip()
        start = p.start + a + p.text[a:b].index(follower) if follower else p.start + a
        if (
            _CONTINUATION.match(follower)
            and (p.source, start) not in taken
            and SENTENCE_END.search(follower)
            and not INJECTION.search(follower)
        ):
            out.append(ScoredSentence(follower, p, start, s.rank, s.score))
            taken.add((p.source, start))
    return out


def _compose(chosen: list[ScoredSentence]) -> tuple[str, list[Passage]]:
    # The best sentence first (it holds the answer); then the others of its article in article
    # order, then the other articles in date order (undated ones last, by their best sentence):
    # "When will he be back?" quoted 10 October, 20 November, then 9 November, by score, and a
    # reader of a running story reads its reports in the order they came.
    by_score: dict[str, int] = {}
    for s in sorted(chosen, key=lambda s: -s.score):
        by_score.setdefault(s.passage.source, len(by_score))
    lead = max(chosen, key=lambda s: s.score)
    day = {s.passage.source: s.passage.published for s in chosen}
    others = sorted(
        (source for source in by_score if source != lead.passage.source),
        key=lambda source: (not day[source], day[source], by_score[source]),
    )
    article_rank = {lead.passage.source: 0} | {source: i + 1 for i, source in enumerate(others)}
    ordered = sorted(
        chosen,
        key=lambda s: (article_rank[s.passage.source], s is not lead and s.start < lead.start, s.start),
    )
    cited: list[Passage] = []
    quotes: dict[str, list[tuple[int, int]]] = {}
    parts: list[str] = []
    for s in ordered:
        if s.passage not in cited:
            cited.append(s.passage)
        quotes.setdefault(s.passage.id, []).append((s.start, s.start + len(s.text)))
        parts.append(f"{s.text} [{cited.index(s.passage) + 1}]")
    return " ".join(parts), [replace(p, quotes=tuple(sorted(quotes[p.id]))) for p in cited]
