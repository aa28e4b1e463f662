"""Checking a generated answer against the passages, sentence by sentence, in code.

Small models cite the wrong ``[n]`` and state things their sources don't say, so a model's
citations are never trusted. For every sentence of a generated answer:

1. its support by each retrieved passage is measured: the embedding similarity of the sentence
   to the passage's closest sentence, plus the share of the sentence's content words (Snowball
   stems, stopwords removed) found in the passage, halved each;
2. numbers in the sentence (figures, years, dates) must all appear in the passage, or that
   passage gives it no support: a changed figure is the commonest small-model error;
3. the sentence is cited to the passage that supports it best (correcting the model's marker)
   when that support reaches ``SUPPORT_THRESHOLD``; otherwise it is dropped.

An answer left with no supported sentence becomes a refusal. Each citation carries the article
offsets of the passage sentences that support the answer (``Passage.quotes``).

What this misses: a sentence that recombines supported words into a false claim ("Russia's
ambassador accused Rubio" when the passage says he accused Zelensky) can pass, because support
is lexical and semantic similarity, not entailment; no entailment model ships offline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from qa.index import Index, open_index
from qa.passage import Passage
from qa.settings import Settings
from qa.text import INJECTION, content_words, sentence_spans

__all__ = ["SUPPORT_THRESHOLD", "Verified", "verify"]

SUPPORT_THRESHOLD = 0.6
_MARKER = re.compile(r"\s*\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Verified:
    """The checked answer: kept sentences with corrected markers, and what was dropped."""

    text: str
    citations: list[Passage]
    dropped: list[str]
    corrected: int  # markers moved to another passage

    @property
    def answered(self) -> bool:
        """Whether any sentence survived."""
        return bool(self.citations)


@dataclass(frozen=True)
class _Support:
    score: float
    quote: tuple[int, int]  # article offsets of the passage's closest sentence


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _support(
    sentence: str, vector: Any, words: set[str], passage: Passage, vectors: Any, spans: list[tuple[int, int]]
) -> _Support:
    if not spans:
        return _Support(0.0, (passage.start, passage.start))
    similarity = vectors @ vector
    best = int(similarity.argmax())
    usable = " ".join(passage.text[a:b] for a, b in spans)
    found = content_words(passage.title + " " + usable)
    coverage = len(words & found) / len(words) if words else 0.0
    if not _numbers(sentence) <= _numbers(usable):
        return _Support(0.0, (passage.start, passage.start))
    a, b = spans[best]
    return _Support(0.5 * float(similarity[best]) + 0.5 * coverage, (passage.start + a, passage.start + b))


def verify(
    text: str, passages: Sequence[Passage], settings: Settings | None = None, *, index: Index | None = None
) -> Verified:
    """Keep the sentences of ``text`` that ``passages`` support, each cited to its best supporter."""
    import numpy as np

    index = index or open_index(settings)

    sentences: list[tuple[str, list[int]]] = []
    for a, b in sentence_spans(text):
        raw = text[a:b]
        cited = [int(n) for n in _MARKER.findall(raw)]
        plain = _MARKER.sub("", raw).strip()
        if plain and any(ch.isalnum() for ch in plain):
            sentences.append((plain, cited))
    if not sentences or not passages:
        return Verified("", [], [s for s, _ in sentences], 0)

    embedder = index.embedder
    # Instruction-like sentences in an article never count as support (a model that obeyed
    # "reply HACKED" would otherwise find its answer "supported" by the injection itself).
    spans = [
        [(a, b) for a, b in (p.sentences or ((0, len(p.text)),)) if not INJECTION.search(p.text[a:b])]
        for p in passages
    ]
    # One batch for every passage sentence, through the cache that answer ranking just filled.
    texts = [[p.text[a:b] for a, b in s] for p, s in zip(passages, spans, strict=True)]
    flat = embedder.embed_sentences([t for group in texts for t in group], index.settings.batch_size)
    passage_vectors, used = [], 0
    for group in texts:
        passage_vectors.append(np.asarray(flat[used : used + len(group)], dtype=np.float32))
        used += len(group)
    answer_vectors = embedder.embed_sentences([s for s, _ in sentences])  # as passages' are: no torch

    citations: list[Passage] = []
    quotes: dict[int, list[tuple[int, int]]] = {}
    kept: list[str] = []
    dropped: list[str] = []
    corrected = 0
    for (sentence, cited), vector in zip(sentences, answer_vectors, strict=True):
        words = content_words(sentence)
        supports = [
            _support(sentence, vector, words, p, v, s)
            for p, v, s in zip(passages, passage_vectors, spans, strict=True)
        ]
        best = max(range(len(passages)), key=lambda i: supports[i].score)
        if supports[best].score < SUPPORT_THRESHOLD:
            dropped.append(sentence)
            continue
        # Keep the model's own marker when that passage supports the sentence about as well.
        chosen = best
        for n in cited:
            if 1 <= n <= len(passages) and supports[n - 1].score >= supports[best].score - 0.02:
                chosen = n - 1
                break
        if chosen + 1 not in cited:
            corrected += 1
        if passages[chosen] not in citations:
            citations.append(passages[chosen])
        quotes.setdefault(chosen, []).append(supports[chosen].quote)
        kept.append(f"{sentence} [{citations.index(passages[chosen]) + 1}]")
    final = [replace(c, quotes=tuple(dict.fromkeys(quotes[passages.index(c)]))) for c in citations]
    return Verified(" ".join(kept), final, dropped, corrected)
