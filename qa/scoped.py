"""Story-scoped evidence: every sentence of the story a question is about, for a reworded question.

A reader who rewords a question in their own slang ("how long was the rovers goal machine
sidelined", "when's the space rock going to be closest to us") shares no word with the sentence
that answers it ("He missed eight weeks", "its closest approach in March 2027"). The fact path
embeds only the sentences with the best word coverage (``qa.evidence.EMBED_LIMIT``), so such a
sentence is often never scored, and when it is, its score (MiniLM cosine 0.3-0.45, no coverage)
is under the evidence threshold. On the 64 dev paraphrases, ranking the answer's story by the
question's MiniLM similarity to the title and lede of each article put the right story first for
63 (retrieval's first passage was of another story for 4 of them: "space rock" retrieved the
heater recall's "space heaters"), and scoring every sentence of that story put the answer
first among the sentences of the asked answer type for 24.

So when the fact path finds no sentence close enough, ``scoped_answer`` reads the question's
story whole: the story is the one whose title-and-lede is closest to the question (at least
``STORY_FLOOR``: off-topic questions came no closer than 0.26, "What's the weather like
tomorrow?"), and its sentences are scored as the fact path scores sentences
(``qa.evidence.rank_sentences``) with every one embedded. Only a question that asks for a typed
answer is read so (a figure for how many/much, a date for when, a name for who), and only the
sentences that hold one are candidates; the best must lead the next by ``MARGIN`` and pass the
same not-covered checks as any fact answer (``qa.kinds.fact``).

Why so strict: a story-scoped search always finds something. Tried as a fallback for every
refusal (the evidence gate's and ``qa.kinds.not_covered``'s) on the dev paraphrase, unanswerable
and off-topic questions, it answered 3 unanswerable questions with a figure of the right story
and the wrong thing ("How much did Brightwave pay Daniel Cho?" with the damages award, lead
0.03; "How much compensation has Northvale Power paid the fire victims?" with the acres burned,
lead 0.02), and untyped questions (fact, why) were answered with whatever sentence was nearest
("what did ibarra promise on health care" with his housing quote), while the paraphrases it
found ("when's the space rock going to be closest to us" → "... in March 2027", lead 0.07)
came only after the gate's refusal. Within a story, MiniLM puts a reworded question's answer
first among the sentences of its type for about a third of the paraphrases, so the path is a
narrow fallback, not the fact path's candidate set.

Cost: the story's ledes and sentences are embedded once (the sentence-vector cache keeps them),
about 100 sentences for a six-article story; only questions the gate refused pay it. The ledes
compared are every article's only up to ``SCOPE_ALL`` articles (about 2.5 s to embed the first
time on two cores); in a larger archive, those of the stories among the ``SCOPE_PASSAGES`` best
retrieved passages, so a refused question never embeds the whole archive's ledes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.evidence import ScoredSentence, rank_sentences
from qa.kinds import _filtered, answer_kind, asks_amount, holds_answer
from qa.retrieve import retrieve
from qa.store import to_passage

if TYPE_CHECKING:
    from qa.catalog import ArticleRecord, Catalog
    from qa.filters import Filters
    from qa.index import Index
    from qa.passage import Passage

__all__ = ["MARGIN", "STORY_FLOOR", "question_story", "scoped", "scoped_answer"]

STORY_FLOOR = 0.3
MARGIN = 0.05
_TYPED = ("how_many", "when", "who")
SCOPE_ALL = 500
SCOPE_PASSAGES = 30


def _story(record: ArticleRecord) -> str:
    return record.story or record.source


def question_story(
    question: str,
    catalog: Catalog,
    index: Index,
    filters: Filters | None = None,
    every: int = SCOPE_ALL,
) -> tuple[list[ArticleRecord], float, float]:
    """The articles of the story ``question`` is most alike to, oldest first, with that
    similarity and the next story's (MiniLM cosine of the question to each article's title and
    lede, the best article's for a story). Past ``every`` articles, only the stories of the
    ``SCOPE_PASSAGES`` best retrieved passages are compared (module docstring)."""
    import numpy as np  # heavy: only when a question is answered, never on `import qa`

    records = list(catalog.articles.values())
    if filters is not None:
        records = _filtered(records, filters)
    if len(records) > every:
        hits = {p.source for p in retrieve(question, SCOPE_PASSAGES, filters=filters, index=index)}
        stories = {_story(r) for r in records if r.source in hits}
        records = [r for r in records if _story(r) in stories]
    if not records:
        return [], 0.0, 0.0
    query = index.embedder.embed_query(question)
    texts = [f"{r.title}. {r.lede}" for r in records]
    vectors = index.embedder.embed_sentences(texts, index.settings.batch_size)
    near = np.stack(vectors) @ query
    best: dict[str, float] = {}
    for r, similarity in zip(records, near, strict=True):
        key = _story(r)
        best[key] = max(best.get(key, -1.0), float(similarity))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    top, similarity = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    members = sorted((r for r in records if _story(r) == top), key=lambda r: (r.published, r.source))
    return members, similarity, second


def scoped(
    question: str, catalog: Catalog, index: Index, filters: Filters | None = None
) -> tuple[list[ScoredSentence], list[Passage]]:
    """Every quotable sentence of the question's story (``question_story``), best answer first,
    and the story's passages; empty when no story is ``STORY_FLOOR`` alike."""
    members, similarity, _ = question_story(question, catalog, index, filters)
    if not members or similarity < STORY_FLOOR:
        return [], []
    order = {r.source: n for n, r in enumerate(members)}
    rows = index.store.of_sources(list(order))
    passages = sorted(
        (to_passage(i, text, meta, 0.0) for i, text, meta in rows),
        key=lambda p: (order.get(p.source, len(order)), p.chunk_index),
    )
    return rank_sentences(question, passages=passages, index=index, limit=len(passages) * 64), passages


def scoped_answer(
    question: str, kind: str, catalog: Catalog, index: Index, filters: Filters | None = None
) -> tuple[list[ScoredSentence], list[Passage]] | None:
    """The sentences of the question's story that hold the asked type of answer, best first, and
    the story's passages; None for an untyped question or when no sentence stands out by
    ``MARGIN`` (module docstring)."""
    wanted = answer_kind(question, kind)
    if wanted not in _TYPED and not asks_amount(question):
        return None
    check = wanted if wanted in _TYPED else "fact"
    ranked, passages = scoped(question, catalog, index, filters)
    typed = [s for s in ranked if holds_answer(check, s.text, question)]
    if not typed or (len(typed) > 1 and typed[0].score - typed[1].score < MARGIN):
        return None
    return typed, passages
