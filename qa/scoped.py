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
story whole: the story is the one holding the article closest to the question (at least
``STORY_FLOOR``: the dev off-topic questions came no closer than 0.22, "who won the tennis at
wimbledon this year"), and its sentences are scored as the fact path scores sentences
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

Which article is closest is read from the vector each article has stored since its sync (its
first chunk's, ``ArticleRecord.vector``: title, lede and what follows them), one matrix-vector
product over every article of the catalog (``Catalog.vectors``, read once per catalog version):
nothing about the articles is embedded at question time. It replaced embedding every article's
title and lede when asked (about 2.5 s for 500 articles on two cores, so past 500 only the
stories of the 30 best retrieved passages were compared). The stored vector finds the story at
least as well. Of the 1,003 dev questions with a gold article and no history, its closest
story held a gold article for 841 of the 923 that are not paraphrases (title and lede: 826)
and for 74 of the 80 paraphrases (74), 73 of them at ``STORY_FLOOR`` or more (68: the chunk
says more of the story than its lede does). It also brings more not-covered questions over the
floor (317 of 333, against 307), which the checks above keep refused but for one (dev
"what time did hanna solberg run when she won last year", answered with Ochieng's placings:
its marathon story, 0.37, had been under the floor by its lede, 0.27); one paraphrase more is
answered ("when does the re-elected leader take the oath of office again"). Reading the vectors
took 0.06-0.09 s and 18 MB at 10,000 synthetic articles, 0.36-0.77 s and 36 MB (31 MB of them
the matrix) at 20,000, on two cores shared at load 7; the product takes milliseconds. Only a
question the fact path refused reads them; a record stored with no vector (``()``) is compared
by its title and lede, embedded then. The story's sentences are embedded once (the
sentence-vector cache keeps them), about 100 for a six-article story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.evidence import ScoredSentence, rank_sentences
from qa.kinds import _filtered, answer_kind, asks_amount, holds_answer

if TYPE_CHECKING:
    from qa.catalog import ArticleRecord, Catalog
    from qa.filters import Filters
    from qa.index import Index
    from qa.passage import Passage

__all__ = ["MARGIN", "STORY_FLOOR", "question_story", "scoped", "scoped_answer"]

STORY_FLOOR = 0.3
MARGIN = 0.05
_TYPED = ("how_many", "when", "who")


def _story(record: ArticleRecord) -> str:
    return record.story or record.source


def question_story(
    question: str,
    catalog: Catalog,
    index: Index,
    filters: Filters | None = None,
    named: frozenset[str] = frozenset(),
) -> tuple[list[ArticleRecord], float, float]:
    """The articles of the story ``question`` is most alike to, oldest first, with that
    similarity and the next story's (MiniLM cosine of the question to each article's stored
    vector, the best article's for a story; module docstring). With ``named`` (the articles that
    name what the question names, ``qa.gather.named_sources``), only their stories compete."""
    import numpy as np  # heavy: only when a question is answered, never on `import qa`

    records = list(catalog.articles.values())
    if filters is not None:
        records = _filtered(records, filters)
    if not records:
        return [], 0.0, 0.0
    query = index.embedder.embed_query(question)
    stored = catalog.vectors()
    have = [r for r in records if r.source in stored.rows]
    similarities: list[float] = []
    if have:
        near = stored.matrix @ query  # every article's, filtered or not: one product
        similarities = [float(near[stored.rows[r.source]]) for r in have]
    # A record stored without a vector (a catalog migrated from one that had none) is compared
    # by its title and lede, embedded now.
    bare = [r for r in records if r.source not in stored.rows]
    if bare:
        texts = [f"{r.title}. {r.lede}" for r in bare]
        vectors = index.embedder.embed_sentences(texts, index.settings.batch_size)
        similarities += [float(x) for x in np.stack(vectors) @ query]
    best: dict[str, float] = {}
    for r, similarity in zip([*have, *bare], similarities, strict=True):
        key = _story(r)
        best[key] = max(best.get(key, -1.0), similarity)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if named:
        naming = {_story(r) for r in records if r.source in named}
        ranked = [kv for kv in ranked if kv[0] in naming] or ranked
    top, similarity = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    members = sorted((r for r in records if _story(r) == top), key=lambda r: (r.published, r.source))
    return members, similarity, second


def scoped(
    question: str,
    catalog: Catalog,
    index: Index,
    filters: Filters | None = None,
    named: frozenset[str] = frozenset(),
) -> tuple[list[ScoredSentence], list[Passage]]:
    """Every quotable sentence of the question's story (``question_story``), best answer first,
    and the story's passages; empty when no story is ``STORY_FLOOR`` alike."""
    members, similarity, _ = question_story(question, catalog, index, filters, named)
    if not members or similarity < STORY_FLOOR:
        return [], []
    passages = index.store.articles_in_order([r.source for r in members])
    return rank_sentences(question, passages=passages, index=index, limit=len(passages) * 64), passages


def scoped_answer(
    question: str,
    kind: str,
    catalog: Catalog,
    index: Index,
    filters: Filters | None = None,
    named: frozenset[str] = frozenset(),
) -> tuple[list[ScoredSentence], list[Passage]] | None:
    """The sentences of the question's story that hold the asked type of answer, best first, and
    the story's passages; None for an untyped question or when no sentence stands out by
    ``MARGIN`` (module docstring)."""
    wanted = answer_kind(question, kind)
    if wanted not in _TYPED and not asks_amount(question):
        return None
    check = wanted if wanted in _TYPED else "fact"
    ranked, passages = scoped(question, catalog, index, filters, named)
    typed = [s for s in ranked if holds_answer(check, s.text, question)]
    if not typed or (len(typed) > 1 and typed[0].score - typed[1].score < MARGIN):
        return None
    return typed, passages
