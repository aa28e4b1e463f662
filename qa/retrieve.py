"""Finding the passages that best answer a question: hybrid BM25 + dense retrieval.

Both sides propose ``settings.candidates`` passages: Chroma by cosine similarity of MiniLM
embeddings, tantivy by BM25 over title + text (``qa/lexical.py``). Every candidate gets
both scores (the dense score of a BM25-only candidate from its stored vector, the BM25 score
of a dense-only one by a BM25 search restricted to those chunks) and they are fused as
``alpha * cosine + (1 - alpha) * bm25 / best bm25``, a convex combination that beat reciprocal
rank fusion on SciFact's train split (``docs/benchmarks.md``).
Question cues then adjust the head of the ranking: passages that name the year or quarter the
question asks about, or hold the kind of answer it wants (a date, an amount), move up
(``qa/cues.py``). Optional steps follow: a recency preference, a cross-encoder reranker, and
MMR for diversity.

Filters (article paths, a publication date range) apply to both sides: Chroma ``where`` clauses
on the dense side, the same conditions as tantivy filter queries on the BM25 side.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from qa.cues import cues as question_cues
from qa.filters import Filters
from qa.index import Index, open_index
from qa.measures import crowd_words
from qa.passage import Passage
from qa.places import other_forms
from qa.rerank import Reranker, load_reranker
from qa.settings import Settings
from qa.store import Store, day_date, day_number, to_passage

if TYPE_CHECKING:
    import numpy as np

    from qa.lexical import LexicalIndex

__all__ = ["Filters", "Passage", "retrieve"]

# "What is the latest on ...", "most recent", "this week": prefer newer articles.
_LATEST = re.compile(
    r"\b(latest|newest|most recent|recent(ly)?|this (week|month|year)|today|yesterday|current(ly)?)\b", re.I
)
_RECENCY_WEIGHT = 0.2
_RECENCY_HALF_LIFE_DAYS = 90.0
_MMR_LAMBDA = 0.7
_RERANK_DEPTH = 30
_CUE_DEPTH = 20


@dataclass
class _Candidate:
    id: str
    dense: float | None = None
    lexical: float = 0.0
    text: str | None = None
    meta: dict[str, Any] | None = None
    score: float = 0.0


def retrieve(
    question: str,
    k: int = 5,
    *,
    sources: Sequence[str] | None = None,
    published_after: str | date | None = None,
    published_before: str | date | None = None,
    recency: bool | None = None,
    mode: str | None = None,
    mmr: bool | None = None,
    reranker: Reranker | None = None,
    cues: bool = True,
    settings: Settings | None = None,
    filters: Filters | None = None,
    index: Index | None = None,
) -> list[Passage]:
    """The ``k`` passages that best match ``question``, best first.

    Args:
        question: What to look for.
        k: How many passages to return.
        sources: Only these articles (paths relative to the articles folder; a feed file's
            path covers all its records).
        published_after, published_before: Only articles published in this range
            (inclusive, ``YYYY-MM-DD``); articles without a date are left out by either.
        recency: Prefer newer articles; by default only for questions that ask for the
            latest news ("latest", "most recent", "this week", ...).
        mode: ``hybrid``, ``dense`` or ``bm25`` (default: ``NEWSDESK_RETRIEVAL``).
        mmr: Diversify with maximal marginal relevance (default: ``NEWSDESK_MMR``).
        reranker: Re-scores the top candidates (default: the CrossEncoder at
            ``NEWSDESK_RERANKER``, if set).
        cues: Let the years, quarters and answer kind in the question adjust the ranking
            (hybrid and dense modes; ``qa/cues.py``).
        settings: Defaults to ``Settings.from_env()``.
        filters: ``sources``, ``published_after`` and ``published_before`` as one ``Filters``
            (given, it replaces those three).
        index: The opened index to search (default: ``open_index(settings)``).

    Raises:
        StoreMissingError: when nothing was ingested yet.
        ValueError: for a ``k`` below 1, an unknown mode or a malformed date.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if not question.strip():
        return []
    index = index or open_index(settings)
    settings = index.settings
    mode = (mode or settings.retrieval).lower()
    if mode not in ("hybrid", "dense", "bm25"):
        raise ValueError(f"mode must be hybrid, dense or bm25, got {mode!r}")
    if filters is None:
        filters = Filters.of(sources, published_after, published_before)
    after, before = day_number(filters.published_after), day_number(filters.published_before)
    use_mmr = settings.mmr if mmr is None else mmr
    pool = max(settings.candidates, k * (3 if use_mmr else 1))

    collection = index.store.opened()  # StoreMissingError when nothing was ingested yet
    bm25 = index.lexical()
    if bm25 is None:
        mode = "dense"  # no BM25 index yet (an index built before it existed): dense alone
    candidates: dict[str, _Candidate] = {}
    query = index.embedder.embed_query(question) if mode != "bm25" else None
    if query is not None:
        _dense(collection, query, pool, filters, candidates)
    if bm25 is not None:
        # a country's other form too: "leaving for Spain" finds "the Spanish newspaper" (qa/places.py);
        # a crowd's words for "how many fans" (qa/measures.py)
        words = " ".join([question, *other_forms(question), *crowd_words(question)])
        _lexical(bm25, words, pool if mode != "dense" else 0, filters, (after, before), candidates)
    if not candidates:
        return []
    recent = bool(recency or (recency is None and _LATEST.search(question)))
    need_vectors = use_mmr or mode == "hybrid"
    stored = bm25.fetch(list(candidates)) if bm25 is not None and (need_vectors or recent) else {}
    vectors = _vectors(collection, stored, list(candidates), need=need_vectors)
    if query is not None:
        for c in candidates.values():
            if c.dense is None and c.id in vectors:
                c.dense = float(vectors[c.id] @ query)
    _fuse(list(candidates.values()), mode, settings.hybrid_alpha)
    ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)
    if cues and mode != "bm25":
        ranked = _apply_cues(question, ranked, collection, fetch=max(_CUE_DEPTH, k))
    if recent:
        ranked = _prefer_recent(ranked, {i: day for i, (_, day) in stored.items()})
    if reranker is None and settings.reranker:
        reranker = load_reranker(settings.reranker)
    if reranker is not None:
        _fetch(collection, ranked[:_RERANK_DEPTH])
        ranked = _rerank(question, ranked, reranker)
    if use_mmr and query is not None:
        ranked = _mmr(ranked, query, k, vectors)
    top = ranked[:k]
    _fetch(collection, top)
    return [to_passage(c.id, c.text or "", c.meta or {}, round(float(c.score), 6)) for c in top if c.meta]


def _dense(
    collection: Store,
    query: np.ndarray[Any, Any],
    pool: int,
    filters: Filters,
    candidates: dict[str, _Candidate],
) -> None:
    """The store's nearest chunks: ids and similarities only (text is fetched for the final few)."""
    for ident, similarity in collection.nearest(query, pool, filters):
        candidates[ident] = _Candidate(ident, dense=similarity)


def _lexical(
    index: LexicalIndex,
    question: str,
    pool: int,
    filters: Filters,
    days: tuple[int, int],
    candidates: dict[str, _Candidate],
) -> None:
    """BM25's best ``pool`` chunks join the candidates; every candidate gets its BM25 score."""
    dense = list(candidates)
    limits = (filters.sources, *days)
    undated = filters.include_undated
    for ident, score in index.search(question, pool, *limits, undated=undated):
        if ident in candidates:
            candidates[ident].lexical = score
        elif score > 0:
            candidates[ident] = _Candidate(ident, lexical=score)
    unscored = [i for i in dense if not candidates[i].lexical]
    for ident, score in index.search(question, len(unscored), *limits, ids=unscored, undated=undated):
        candidates[ident].lexical = score


def _vectors(collection: Store, stored: dict[str, Any], ids: list[str], need: bool) -> dict[str, Any]:
    """Candidate vectors: from the copy kept with the BM25 index, else from the store."""
    if not need:
        return {}
    found: dict[str, Any] = {i: v for i, (v, _) in stored.items() if v is not None}
    missing = [i for i in ids if i not in found]
    return found | collection.vectors(missing) if missing else found


def _fetch(collection: Store, candidates: list[_Candidate]) -> None:
    """Text and metadata of the candidates that lack them (one round trip)."""
    missing = [c for c in candidates if c.meta is None]
    if not missing:
        return
    found = collection.records([c.id for c in missing])
    for c in missing:  # a chunk deleted since the BM25 index was built stays without metadata
        if c.id in found:
            c.text, c.meta = found[c.id]


def _fuse(candidates: list[_Candidate], mode: str, alpha: float) -> None:
    if mode == "dense":
        for c in candidates:
            c.score = c.dense or 0.0
        return
    if mode == "bm25":
        for c in candidates:
            c.score = c.lexical
        return
    best = max((c.lexical for c in candidates), default=0.0) or 1.0
    for c in candidates:
        c.score = alpha * (c.dense or 0.0) + (1 - alpha) * c.lexical / best


def _apply_cues(question: str, ranked: list[_Candidate], collection: Store, fetch: int) -> list[_Candidate]:
    """Adjust the head of the ranking by the question's cues; a question without any costs nothing.

    The texts of the first ``fetch`` candidates are read in one round trip, which also covers
    the final top k.
    """
    found = question_cues(question)
    if not found:
        return ranked
    _fetch(collection, ranked[:fetch])
    for c in ranked[:_CUE_DEPTH]:
        c.score += found.score(c.text or "", str((c.meta or {}).get("published", "")))
    return _resort_head(ranked, _CUE_DEPTH)


def _resort_head(ranked: list[_Candidate], depth: int) -> list[_Candidate]:
    """Re-sort the first ``depth`` candidates after their scores changed; the rest keep their order."""
    return sorted(ranked[:depth], key=lambda c: c.score, reverse=True) + ranked[depth:]


def _prefer_recent(ranked: list[_Candidate], days_by_id: dict[str, int]) -> list[_Candidate]:
    days = [days_by_id.get(c.id, 0) for c in ranked]
    dated = [d for d in days if d]
    if not dated:
        return ranked
    newest = day_date(max(dated))
    for c, d in zip(ranked, days, strict=True):
        if d:
            age = (newest - day_date(d)).days
            c.score += _RECENCY_WEIGHT * math.pow(0.5, age / _RECENCY_HALF_LIFE_DAYS)
    return sorted(ranked, key=lambda c: c.score, reverse=True)


def _rerank(question: str, ranked: list[_Candidate], reranker: Reranker) -> list[_Candidate]:
    head = ranked[:_RERANK_DEPTH]
    scores = reranker.score(question, [c.text or "" for c in head])
    for c, s in zip(head, scores, strict=True):
        c.score = s
    return _resort_head(ranked, _RERANK_DEPTH)


def _mmr(
    ranked: list[_Candidate], query: np.ndarray[Any, Any], k: int, vectors: dict[str, Any]
) -> list[_Candidate]:
    """Maximal marginal relevance: each pick trades relevance against similarity to earlier picks."""
    import numpy as np

    pool = [c for c in ranked if c.id in vectors][: max(k * 4, 20)]
    if len(pool) <= 1:
        return ranked
    matrix = np.asarray([vectors[c.id] for c in pool], dtype=np.float32)
    relevance = matrix @ query
    redundancy = np.zeros(len(pool), dtype=np.float32)  # max similarity to the picks so far
    available = np.ones(len(pool), dtype=bool)
    chosen: list[int] = []
    for _ in range(min(k, len(pool))):
        value = _MMR_LAMBDA * relevance - (1 - _MMR_LAMBDA) * redundancy
        value[~available] = -np.inf
        best = int(value.argmax())
        chosen.append(best)
        available[best] = False
        redundancy = np.maximum(redundancy, matrix @ matrix[best])
    picked = [pool[i] for i in chosen]
    taken = {c.id for c in picked}
    return picked + [c for c in ranked if c.id not in taken]
