"""Answering a question from the articles, with every sentence cited.

The default answerer needs no language model. It scores the sentences of the retrieved
passages by how well they answer the question: embedding similarity plus the share of the
question's content words the sentence contains, rarer words weighing more. When even the
best sentence scores below the evidence threshold (``NEWSDESK_MIN_SCORE``) it says the
articles don't cover the question and cites nothing. Otherwise it keeps the best few
sentences verbatim, orders them as they appear in their articles, and cites each one.

The threshold was calibrated on the seed articles (``bench/calibrate.py``): questions they
answer scored 0.65 and up, off-topic ones (sports, cooking, other countries' politics) 0.46
at most; the default, 0.55, sits between.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from qa.retrieve import Passage, retrieve
from qa.settings import Settings

__all__ = ["NOT_COVERED", "Answer", "answer"]

NOT_COVERED = "The articles don't cover this question, so I can't answer it from them."
MAX_SENTENCES = 3
_MIN_WORDS = 4
# A sentence joins the answer when its score is at least this share of the best sentence's.
_KEEP_RATIO = 0.8
_LEXICAL_WEIGHT = 0.35
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^[-•*–—]\s+")
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_EMBED_LIMIT = 12
_STOPWORD_TEXT = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    tell said says say according
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Answer:
    """An answer and the passages it cites.

    Attributes:
        question: The question as asked.
        text: Markdown with inline ``[n]`` markers; ``[n]`` refers to ``citations[n-1]``.
        citations: The cited passages, in marker order.
        answered: False when the articles don't cover the question (then nothing is cited).
    """

    question: str
    text: str
    citations: list[Passage] = field(default_factory=list)
    answered: bool = False


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence of a retrieved passage and how well it answers the question."""

    text: str
    passage: Passage
    start: int  # offset in the article
    rank: int  # rank of its passage
    score: float


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def _content_words(text: str) -> set[str]:
    """Snowball stems of the words in ``text`` that carry meaning (no stopwords, no single letters)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOPWORDS]
    return set(_stemmer().stemWords(words))


def _candidates(passages: Sequence[Passage]) -> list[tuple[str, Passage, int, int]]:
    """(text, passage, article offset, rank) for every distinct sentence worth quoting.

    Headlines, datelines and fragments (no closing punctuation, or under four words) are left out:
    they read badly as an answer.
    """
    seen: set[tuple[str, int]] = set()
    out: list[tuple[str, Passage, int, int]] = []
    for rank, p in enumerate(passages):
        for a, b in p.sentences or ((0, len(p.text)),):
            raw = p.text[a:b]
            text = _BULLET.sub("", raw).strip()
            key = (p.source, p.start + a)
            if key in seen or len(text.split()) < _MIN_WORDS or not _FINAL.search(text):
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


_VECTORS: OrderedDict[tuple[str, str], Any] = OrderedDict()
_VECTOR_CACHE = 20_000


def _sentence_vectors(model: str, texts: list[str], batch_size: int) -> list[Any]:
    """Embeddings of answer candidates, cached: follow-up questions reuse the same passages."""
    from qa.embedder import embed

    missing = [t for t in dict.fromkeys(texts) if (model, t) not in _VECTORS]
    if missing:
        for text, row in zip(missing, embed(model, missing, batch_size), strict=True):
            _VECTORS[(model, text)] = row
        while len(_VECTORS) > _VECTOR_CACHE:
            _VECTORS.popitem(last=False)
    return [_VECTORS[(model, t)] for t in texts]


def _score(
    question: str, candidates: list[tuple[str, Passage, int, int]], settings: Settings
) -> list[ScoredSentence]:
    """Score candidates: embedding similarity to the question plus weighted word coverage.

    Embedding a sentence costs about 5 ms on two cores, so only the ``_EMBED_LIMIT`` candidates
    with the best word coverage (ties broken by passage rank) are embedded.
    """
    from qa.embedder import embed

    words = [_content_words(c[0]) for c in candidates]
    coverage = _coverage(_content_words(question), words)
    order = sorted(range(len(candidates)), key=lambda i: (-coverage[i], candidates[i][3], i))[:_EMBED_LIMIT]
    query = embed(settings.embedding_model, [question])[0]
    vectors = _sentence_vectors(
        settings.embedding_model, [candidates[i][0] for i in order], settings.batch_size
    )
    scored = []
    for i, vector in zip(order, vectors, strict=True):
        text, passage, start, rank = candidates[i]
        similarity = float(vector @ query)
        scored.append(ScoredSentence(text, passage, start, rank, similarity + _LEXICAL_WEIGHT * coverage[i]))
    return scored


def _compose(question: str, chosen: list[ScoredSentence]) -> Answer:
    # Articles in order of their best passage; sentences in article order within each.
    article_rank: dict[str, int] = {}
    for s in sorted(chosen, key=lambda s: s.rank):
        article_rank.setdefault(s.passage.source, len(article_rank))
    ordered = sorted(chosen, key=lambda s: (article_rank[s.passage.source], s.start))
    citations: list[Passage] = []
    parts: list[str] = []
    for s in ordered:
        if s.passage not in citations:
            citations.append(s.passage)
        parts.append(f"{s.text} [{citations.index(s.passage) + 1}]")
    return Answer(question=question, text=" ".join(parts), citations=citations, answered=True)


def not_covered(question: str) -> Answer:
    """The refusal: no answer, no citations."""
    return Answer(question=question, text=NOT_COVERED, citations=[], answered=False)


def answer(question: str, history: Sequence[Any] = (), *, settings: Settings | None = None) -> Answer:
    """Answer ``question`` from the articles, citing every sentence.

    Args:
        question: The user's question.
        history: Earlier turns, as (user, assistant) pairs or ``{"role", "content"}`` messages.
            Accepted for the chat; the extractive answerer answers each question on its own.
        settings: Defaults to ``Settings.from_env()``.
    """
    settings = settings or Settings.from_env()
    question = question.strip()
    if not question:
        return Answer(question=question, text="Please ask a question about the articles.")
    ranked = rank_sentences(question, settings)
    if not ranked or ranked[0].score < settings.min_score:
        return not_covered(question)
    best = ranked[0].score
    chosen = [s for s in ranked[:MAX_SENTENCES] if s.score >= best * _KEEP_RATIO]
    return _compose(question, chosen)


def rank_sentences(question: str, settings: Settings) -> list[ScoredSentence]:
    """Quotable sentences of the passages retrieved for ``question``, best answer first.

    The first one's score is the evidence compared with ``settings.min_score``.
    """
    candidates = _candidates(retrieve(question, settings.top_k, settings=settings))
    if not candidates:
        return []
    return sorted(_score(question, candidates, settings), key=lambda s: s.score, reverse=True)
