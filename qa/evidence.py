"""Evidence: which sentences of the retrieved passages answer the question, and how well.

Each quotable sentence is scored as its embedding similarity to the question plus 0.35 × the
share of the question's content words it contains, rarer words weighing more. The best
sentence's score is the evidence compared with ``NEWSDESK_MIN_SCORE``: the threshold was
calibrated on the seed articles (``bench/calibrate.py``): questions they answer scored 0.65 and
up, off-topic ones (sports, cooking, other countries' politics) 0.46 at most. On the dev half
of the news-reader benchmark, paraphrased and misspelt questions that the articles answer
scored down to 0.54 ("What did the walkout cost local shops and firms?") and off-topic ones 0.41
at most, so the default is 0.50: between 0.46 and 0.54.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.index import Index, open_index
from qa.passage import Passage
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.text import BULLET, INJECTION, SENTENCE_END, content_words

__all__ = ["EMBED_LIMIT", "ScoredSentence", "rank_sentences"]

_MIN_WORDS = 4
_LEXICAL_WEIGHT = 0.35
EMBED_LIMIT = 12


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence of a retrieved passage and how well it answers the question."""

    text: str
    passage: Passage
    start: int  # offset in the article
    rank: int  # rank of its passage
    score: float


_QUESTION = re.compile(r"\?[\"'”’)\]]*$")


def _candidates(passages: Sequence[Passage]) -> list[tuple[str, Passage, int, int]]:
    """(text, passage, article offset, rank) for every distinct sentence worth quoting.

    Headlines, datelines and fragments (no closing punctuation, or under four words) read badly
    as an answer; a question ("Who won the 2026 Derby?", an FAQ heading) states nothing, so it
    is no answer; instruction-like text is never quoted.
    """
    seen: set[str] = set()
    out: list[tuple[str, Passage, int, int]] = []
    for rank, p in enumerate(passages):
        for a, b in p.sentences or ((0, len(p.text)),):
            raw = p.text[a:b]
            text = BULLET.sub("", raw).strip()
            # The same sentence twice (chunk overlap, or syndicated copies) is quoted once.
            key = " ".join(text.lower().split())
            if (
                key in seen
                or len(text.split()) < _MIN_WORDS
                or not SENTENCE_END.search(text)
                or _QUESTION.search(text)
                or INJECTION.search(text)
            ):
                continue
            seen.add(key)
            out.append((text, p, p.start + a + raw.index(text), rank))
    return out


def _coverage(question: set[str], sentences: list[set[str]]) -> list[float]:
    """Share of the question's words each sentence contains, weighted by rarity among the sentences.

    A word found in every candidate (the story's main subject) says little about which sentence
    answers; a word found in none (what the question really asks about) weighs most, so an
    off-topic question about a familiar subject scores low.
    """
    if not question:
        return [0.0] * len(sentences)
    n = len(sentences)
    weight = {w: math.log((n + 1) / (sum(w in s for s in sentences) + 0.5)) for w in question}
    total = sum(weight.values())
    return [sum(weight[w] for w in question & s) / total for s in sentences]


def _score(
    question: str, candidates: list[tuple[str, Passage, int, int]], index: Index, limit: int = EMBED_LIMIT
) -> list[ScoredSentence]:
    """Score candidates: embedding similarity to the question plus weighted word coverage.

    Embedding a sentence costs about 5 ms on two cores, so only the ``EMBED_LIMIT`` candidates
    with the best word coverage (ties broken by passage rank) are embedded.
    """
    words = [content_words(c[0]) for c in candidates]
    coverage = _coverage(content_words(question), words)
    order = sorted(range(len(candidates)), key=lambda i: (-coverage[i], candidates[i][3], i))[:limit]
    query = index.embedder.embed_query(question)
    vectors = index.embedder.embed_sentences([candidates[i][0] for i in order], index.settings.batch_size)
    scored = []
    for i, vector in zip(order, vectors, strict=True):
        text, passage, start, rank = candidates[i]
        similarity = float(vector @ query)
        scored.append(ScoredSentence(text, passage, start, rank, similarity + _LEXICAL_WEIGHT * coverage[i]))
    return scored


def rank_sentences(
    question: str,
    settings: Settings | None = None,
    passages: Sequence[Passage] | None = None,
    *,
    index: Index | None = None,
    limit: int = EMBED_LIMIT,
) -> list[ScoredSentence]:
    """Quotable sentences of the passages retrieved for ``question``, best answer first.

    The first one's score is the evidence compared with ``settings.min_score``. ``limit``
    sentences (those with the best word coverage) are embedded and scored; the rest are left out.
    """
    index = index or open_index(settings)
    if passages is None:
        passages = retrieve(question, index.settings.top_k, index=index)
    candidates = _candidates(passages)
    if not candidates:
        return []
    return sorted(_score(question, candidates, index, limit), key=lambda s: s.score, reverse=True)
