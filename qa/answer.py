"""Answering a question from the articles, every sentence cited.

Two answerers share one pipeline: the follow-up is made standalone (``qa.conversation``),
passages are retrieved, and the evidence is measured. The evidence is the score of the best
sentence among the retrieved passages: embedding similarity to the question plus the share
of the question's content words the sentence contains, rarer words weighing more. Below the
threshold (``NEWSDESK_MIN_SCORE``) the answer says the articles don't cover the question,
cites nothing, and no language model is called.

- **extractive** (default, no LLM): keeps the best-scoring sentences verbatim, adds a
  neighbouring sentence when it continues the same thought, orders them as in their articles,
  and cites each.
- **llm**: a chat model answers from delimited sources trimmed to its window; then every
  sentence is verified in code (``qa.verify``): markers are corrected to the passage that
  supports the sentence, unsupported sentences are dropped, and an answer with nothing left
  becomes a refusal.

Sentences in articles that read as instructions to a model ("ignore previous instructions")
are never quoted, and are blanked out of the model's sources.

The threshold was calibrated on the seed articles (``bench/calibrate.py``): questions they
answer scored 0.65 and up, off-topic ones (sports, cooking, other countries' politics) 0.46
at most; the default, 0.55, sits between.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qa.retrieve import Passage, retrieve
from qa.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["NOT_COVERED", "Answer", "answer", "answer_stream", "content_words", "rank_sentences"]

NOT_COVERED = "The articles don't cover this question, so I can't answer it from them."
EMPTY_QUESTION = "Please ask a question about the articles."
MAX_QUESTION_CHARS = 1000
TOO_LONG = (
    "That question is {n:,} characters long; please keep it under {limit:,} characters "
    "(ask about one thing at a time)."
)
MAX_SENTENCES = 3
_MIN_WORDS = 4
# A sentence joins the answer when its score is at least this share of the best sentence's.
_KEEP_RATIO = 0.8
_LEXICAL_WEIGHT = 0.35
_EMBED_LIMIT = 12
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^[-•*–—]\s+")
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_CONTINUATION = re.compile(
    r"^([“\"‘']|(He|She|It|They|This|That|These|Those|His|Her|Its|Their|But|However|And|Yet|Still|"
    r"Instead|Meanwhile|Such)\b)"
)
# Text in an article that addresses a model rather than a reader.
INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,60}\b(instructions?|prompts?|rules|guidelines)\b"
    r"|\byou are (now|an? (ai|assistant|language model))\b|\bsystem prompt\b|\bnew instructions?\b",
    re.I,
)
_REFUSAL = re.compile(
    r"NOT IN SOURCES|(sources|articles|context) (do not|don't|does not) (say|mention|contain)", re.I
)
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
        citations: The cited passages, in marker order; each one's ``quotes`` holds the article
            offsets of the exact sentences that support the answer.
        answered: False when the articles don't cover the question (then nothing is cited).
        standalone: The question as used for retrieval (a follow-up made self-contained).
        answerer: ``extractive`` or ``llm``.
        final: False for the drafts ``answer_stream`` yields while the answer is produced.
        dropped: Generated sentences removed because no passage supports them.
    """

    question: str
    text: str
    citations: list[Passage] = field(default_factory=list)
    answered: bool = False
    standalone: str = ""
    answerer: str = "extractive"
    final: bool = True
    dropped: tuple[str, ...] = ()


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


def content_words(text: str) -> set[str]:
    """Snowball stems of the words in ``text`` that carry meaning (no stopwords, no single letters)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOPWORDS]
    return set(_stemmer().stemWords(words))


def _candidates(passages: Sequence[Passage]) -> list[tuple[str, Passage, int, int]]:
    """(text, passage, article offset, rank) for every distinct sentence worth quoting.

    Headlines, datelines and fragments (no closing punctuation, or under four words) read badly
    as an answer; instruction-like text is never quoted.
    """
    seen: set[str] = set()
    out: list[tuple[str, Passage, int, int]] = []
    for rank, p in enumerate(passages):
        for a, b in p.sentences or ((0, len(p.text)),):
            raw = p.text[a:b]
            text = _BULLET.sub("", raw).strip()
            # The same sentence twice (chunk overlap, or syndicated copies) is quoted once.
            key = " ".join(text.lower().split())
            if (
                key in seen
                or len(text.split()) < _MIN_WORDS
                or not _FINAL.search(text)
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
    from qa.embedder import embed_query

    words = [content_words(c[0]) for c in candidates]
    coverage = _coverage(content_words(question), words)
    order = sorted(range(len(candidates)), key=lambda i: (-coverage[i], candidates[i][3], i))[:_EMBED_LIMIT]
    query = embed_query(settings.embedding_model, question)
    vectors = _sentence_vectors(
        settings.embedding_model, [candidates[i][0] for i in order], settings.batch_size
    )
    scored = []
    for i, vector in zip(order, vectors, strict=True):
        text, passage, start, rank = candidates[i]
        similarity = float(vector @ query)
        scored.append(ScoredSentence(text, passage, start, rank, similarity + _LEXICAL_WEIGHT * coverage[i]))
    return scored


def rank_sentences(
    question: str, settings: Settings, passages: Sequence[Passage] | None = None
) -> list[ScoredSentence]:
    """Quotable sentences of the passages retrieved for ``question``, best answer first.

    The first one's score is the evidence compared with ``settings.min_score``.
    """
    if passages is None:
        passages = retrieve(question, settings.top_k, settings=settings)
    candidates = _candidates(passages)
    if not candidates:
        return []
    return sorted(_score(question, candidates, settings), key=lambda s: s.score, reverse=True)


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
        follower = _BULLET.sub("", p.text[a:b]).strip()
        start = p.start + a + p.text[a:b].index(follower) if follower else p.start + a
        if (
            _CONTINUATION.match(follower)
            and (p.source, start) not in taken
            and _FINAL.search(follower)
            and not INJECTION.search(follower)
        ):
            out.append(ScoredSentence(follower, p, start, s.rank, s.score))
            taken.add((p.source, start))
    return out


def _compose(chosen: list[ScoredSentence]) -> tuple[str, list[Passage]]:
    # Articles in order of their best passage; sentences in article order within each.
    article_rank: dict[str, int] = {}
    for s in sorted(chosen, key=lambda s: s.rank):
        article_rank.setdefault(s.passage.source, len(article_rank))
    ordered = sorted(chosen, key=lambda s: (article_rank[s.passage.source], s.start))
    cited: list[Passage] = []
    quotes: dict[str, list[tuple[int, int]]] = {}
    parts: list[str] = []
    for s in ordered:
        if s.passage not in cited:
            cited.append(s.passage)
        quotes.setdefault(s.passage.id, []).append((s.start, s.start + len(s.text)))
        parts.append(f"{s.text} [{cited.index(s.passage) + 1}]")
    return " ".join(parts), [replace(p, quotes=tuple(quotes[p.id])) for p in cited]


def _refusal(question: str, standalone: str, answerer: str) -> Answer:
    return Answer(question, NOT_COVERED, [], False, standalone, answerer)


def answer(
    question: str,
    history: Sequence[Any] = (),
    *,
    answerer: str | None = None,
    settings: Settings | None = None,
    model: BaseChatModel | None = None,
    **filters: Any,
) -> Answer:
    """Answer ``question`` from the articles, citing every sentence.

    Args:
        question: The user's question.
        history: Earlier turns, as (user, assistant) pairs or ``{"role", "content"}`` messages;
            a follow-up ("what did he say?") is rewritten with it before retrieval.
        answerer: ``extractive`` or ``llm`` (default: ``llm`` when ``NEWSDESK_LLM`` is set).
        settings: Defaults to ``Settings.from_env()``.
        model: A LangChain chat model to use instead of the configured one.
        filters: ``k`` (passages to read, default ``NEWSDESK_TOP_K``), and ``sources``,
            ``published_after``, ``published_before`` as in ``qa.retrieve``.
    """
    *_, final = answer_stream(question, history, answerer=answerer, settings=settings, model=model, **filters)
    return final


def answer_stream(
    question: str,
    history: Sequence[Any] = (),
    *,
    answerer: str | None = None,
    settings: Settings | None = None,
    model: BaseChatModel | None = None,
    **filters: Any,
) -> Iterator[Answer]:
    """Like ``answer``, yielding drafts (``final=False``) as the text is produced, then the answer.

    Drafts of an LLM answer are the raw generation, before verification; the final answer
    replaces them, with corrected markers and its citations.
    """
    settings = settings or Settings.from_env()
    question = question.strip()
    if not question:
        yield Answer(question, EMPTY_QUESTION)
        return
    if len(question) > MAX_QUESTION_CHARS:
        yield Answer(question, TOO_LONG.format(n=len(question), limit=MAX_QUESTION_CHARS))
        return
    k = int(filters.pop("k", None) or settings.top_k)
    if model is None and (answerer == "llm" or (answerer is None and settings.llm)):
        from qa.llm import chat_model

        model = chat_model(settings)
    kind = "llm" if model is not None and answerer != "extractive" else "extractive"
    from qa.conversation import standalone

    query = standalone(question, history, model if kind == "llm" else None)
    passages = retrieve(query, k, settings=settings, **filters)
    ranked = rank_sentences(query, settings, passages)
    if not ranked or ranked[0].score < settings.min_score:
        yield _refusal(question, query, kind)
        return
    if kind == "extractive":
        best = ranked[0].score
        chosen = [s for s in ranked[:MAX_SENTENCES] if s.score >= best * _KEEP_RATIO]
        text, citations = _compose(_with_continuations(chosen))
        yield Answer(question, text, citations, True, query, kind)
        return
    assert model is not None
    yield from _generate(question, query, passages, model, settings)


def _generate(
    question: str, query: str, passages: list[Passage], model: BaseChatModel, settings: Settings
) -> Iterator[Answer]:
    from qa.prompt import messages
    from qa.verify import verify

    sources = list(passages)
    draft = ""
    for chunk in model.stream(messages(query, sources, settings)):
        draft += str(chunk.content)
        yield Answer(question, draft, [], False, query, "llm", final=False)
    if _REFUSAL.search(draft):
        yield _refusal(question, query, "llm")
        return
    checked = verify(draft, sources, settings)
    if not checked.answered:
        yield replace(_refusal(question, query, "llm"), dropped=tuple(checked.dropped))
        return
    yield Answer(question, checked.text, checked.citations, True, query, "llm", True, tuple(checked.dropped))
