"""Answering a question from the articles, every sentence cited: the orchestration.

Two answerers share one pipeline, each step in its own module:

1. understand the question (``qa.question``): check it, make a follow-up standalone;
2. retrieve passages (``qa.retrieve``);
3. measure the evidence (``qa.evidence``): the score of the best sentence among the passages.
   Below the threshold (``NEWSDESK_MIN_SCORE``) the answer says the articles don't cover the
   question, cites nothing, and no language model is called;
4. compose the answer:

- **extractive** (default, no LLM, ``qa.compose``): keeps the best-scoring sentences verbatim,
  adds a neighbouring sentence when it continues the same thought, orders them as in their
  articles, and cites each.
- **llm** (here): a chat model answers from delimited sources trimmed to its window
  (``qa.prompt``); then every sentence is verified in code (``qa.verify``): markers are
  corrected to the passage that supports the sentence, unsupported sentences are dropped, and
  an answer with nothing left becomes a refusal.

Sentences in articles that read as instructions to a model ("ignore previous instructions")
are never quoted, and are blanked out of the model's sources (``qa.text.INJECTION``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from qa.bylines import byline
from qa.compose import MAX_SENTENCES as MAX_SENTENCES  # re-exported: it lived here
from qa.evidence import EMBED_LIMIT, MEANING_KINDS, rank_sentences
from qa.evidence import ScoredSentence as ScoredSentence  # re-exported: it lived here
from qa.filters import Filters
from qa.gather import named_sources, resolve_event, with_period, with_whole_articles
from qa.index import Index, open_index
from qa.intent import asked_byline, asks_standing, two_asks
from qa.kinds import (
    WIDE,
    Draft,
    asked_unit,
    asks_organisations,
    asks_outcome,
    compose,
    deed_roles,
    fact,
    favour_period,
    names_only,
    newest_of_story,
    pending_outcome,
    price_search,
)
from qa.measures import crowd_words
from qa.outcome import outcome, reaction, speaker
from qa.passage import Passage
from qa.profile import asked_person, profile
from qa.question import EMPTY_QUESTION as EMPTY_QUESTION  # re-exported: it lived here
from qa.question import MAX_QUESTION_CHARS as MAX_QUESTION_CHARS  # re-exported: it lived here
from qa.question import Question, problem, turns, understand
from qa.retrieve import retrieve
from qa.scoped import scoped_answer
from qa.settings import Settings
from qa.text import INJECTION as INJECTION  # re-exported: it lived here
from qa.text import NOT_COVERED, content_words
from qa.thread import FOLLOWED_KINDS, previous_story, story_filters
from qa.verify import verify

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from qa.catalog import Catalog

__all__ = ["NOT_COVERED", "Answer", "answer", "answer_stream", "content_words", "rank_sentences"]

# Words of a previous question that say nothing of what it was about.
_NEWS_WORDS = frozenset(
    content_words("happened happen happens happening news latest going story stories new next")
)
# A question that says it leaves the conversation's subject: "ok different thing:", "switching
# topics -", "on another note,", "unrelated, but".
_TURNS_AWAY = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|alright|so|now|anyway)\W+)*(?:(?:a\s+|totally\s+|completely\s+)?different\s+"
    r"(?:thing|question|topic|subject|story)|switching\s+(?:topics?|subjects?|gears)|(?:change|changing)\s+(?:of\s+"
    r"|the\s+)?(?:topic|subject)|new\s+(?:topic|question|subject)|on\s+(?:another|a\s+different|an\s+unrelated)"
    r"\s+(?:note|topic|subject)|unrelated(?:\s+question)?(?:,?\s+but)?|another\s+(?:question|topic|thing))"
    r"\s*[:,;.!?\-–—]*\s+",
    re.I,
)
# The words that ask ("how many", "how much", "now"), which any story may say.
_ASKING_WORDS = frozenset(content_words("many much long now still currently today total exactly"))
_NUMBER_WORDS = frozenset(
    content_words("one two three four five six seven eight nine ten first second third")
)
_REFUSAL = re.compile(
    r"NOT IN SOURCES|(sources|articles|context) (do not|don't|does not) (say|mention|contain)", re.I
)


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
        kind: What kind of question it was (``qa.intent.KINDS``: fact, who, when, how_many,
            why, latest, summary, timeline, period, which, compare, main_stories, chat,
            not_english).
        corrected: The question with its spelling corrected, when a correction was used
            (show it as "Showing results for …"); "" otherwise.
    """

    question: str
    text: str
    citations: list[Passage] = field(default_factory=list)
    answered: bool = False
    standalone: str = ""
    answerer: str = "extractive"
    final: bool = True
    dropped: tuple[str, ...] = ()
    kind: str = "fact"
    corrected: str = ""


def _own_story(
    question: str, draft: Draft | None, history: Sequence[Any], index: Index, filters: Filters
) -> bool:
    """Whether a refusal already found the question's own story, another than the previous turn's:
    "what did the central bank decide on november 6?" after Mensah's contract is refused with the
    bank's "next decision is due on November 6" as the closest; asked again with the contract's
    words it quoted the contract."""
    if draft is None or not draft.citations:
        return False
    catalog = index.catalog()
    cited = {
        (r.story or r.source) for p in draft.citations if (r := catalog.articles.get(p.source)) is not None
    }
    before = previous_story(history, index, filters)
    if not cited or (before and before in cited):
        return False

    # Its words must be the cited story's own: "how many households now" after the residents'
    # lawyer is refused with the central bank's "Household borrowing", but the fire's story
    # speaks of households too (the lawsuit "had grown from 46 to 112" of them).
    def said_in(stories: set[str]) -> set[str]:  # the stems of the stories' words
        return content_words(
            " ".join(catalog.words_of(s for s, r in catalog.articles.items() if (r.story or s) in stories))
        )

    asked = content_words(question) - _NEWS_WORDS - _ASKING_WORDS
    # After a turn of no story (refused: "and by Felix Aronsen?"), the question's words in the
    # cited story are enough: "who won brightwave's appeal" was asked again with the words of the
    # turn before that (Lumora's writers) and answered with the appeal's filing.
    return bool(asked & said_in(cited) - (said_in({before}) if before else set()))


def _refusal(question: str, standalone: str, answerer: str, understood: Question | None = None) -> Answer:
    kind, corrected = (understood.kind, understood.corrected) if understood else ("fact", "")
    return Answer(question, NOT_COVERED, [], False, standalone, answerer, kind=kind, corrected=corrected)


def answer(
    question: str,
    history: Sequence[Any] = (),
    *,
    answerer: str | None = None,
    settings: Settings | None = None,
    model: BaseChatModel | None = None,
    k: int | None = None,
    sources: Sequence[str] | None = None,
    published_after: str | date | None = None,
    published_before: str | date | None = None,
    filters: Filters | None = None,
    index: Index | None = None,
) -> Answer:
    """Answer ``question`` from the articles, citing every sentence.

    Args:
        question: The user's question.
        history: Earlier turns, as (user, assistant) pairs or ``{"role", "content"}`` messages;
            a follow-up ("what did he say?") is rewritten with it before retrieval.
        answerer: ``extractive`` or ``llm`` (default: ``llm`` when ``NEWSDESK_LLM`` is set).
        settings: Defaults to ``Settings.from_env()``.
        model: A LangChain chat model to use instead of the configured one.
        k: Passages to read (default ``NEWSDESK_TOP_K``).
        sources, published_after, published_before: As in ``qa.retrieve``.
        filters: Those three as one ``Filters`` (given, it replaces them).
        index: The opened index to answer from (default: ``open_index(settings)``).
    """
    *_, final = answer_stream(
        question,
        history,
        answerer=answerer,
        settings=settings,
        model=model,
        k=k,
        filters=filters or Filters.of(sources, published_after, published_before),
        index=index,
    )
    return final


def answer_stream(
    question: str,
    history: Sequence[Any] = (),
    *,
    answerer: str | None = None,
    settings: Settings | None = None,
    model: BaseChatModel | None = None,
    k: int | None = None,
    sources: Sequence[str] | None = None,
    published_after: str | date | None = None,
    published_before: str | date | None = None,
    filters: Filters | None = None,
    index: Index | None = None,
) -> Iterator[Answer]:
    """Like ``answer``, yielding drafts (``final=False``) as the text is produced, then the answer.

    Drafts of an LLM answer are the raw generation, before verification; the final answer
    replaces them, with corrected markers and its citations.
    """
    index = index or open_index(settings)
    settings = index.settings
    said = problem(question)
    if said is not None:
        yield Answer(question.strip(), said)
        return
    question = " ".join(question.split())  # "Which  stories": spaces typed twice are one
    turned = _TURNS_AWAY.match(question)
    if turned and question[turned.end() :].strip():
        # "ok different thing: did the heater company appeal its penalty": asked of no earlier turn
        question, history = question[turned.end() :].strip(), ()
    filters = filters or Filters.of(sources, published_after, published_before)
    k = int(k or settings.top_k)
    if model is None and (answerer == "llm" or (answerer is None and settings.llm)):
        from qa.llm import chat_model  # heavy (LangChain): only when a model answers

        model = chat_model(settings)
    kind = "llm" if model is not None and answerer != "extractive" else "extractive"
    # two questions in one message, each answered on its own (a model answers both in one go)
    if kind == "extractive" and (asks := two_asks(question)) is not None:
        yield _both(question, asks, history, k, filters, index)
        return
    catalog = index.catalog()
    understood = understand(question, history, model if kind == "llm" else None, catalog)
    draft, passages = None, None
    if history and understood.kind in FOLLOWED_KINDS and asked_byline(understood.standalone) is None:
        # (a byline follow-up, "and by Felix Aronsen?", is of any story: the headers say whose)
        # a follow-up that stays in the previous turn's story is answered from it (``qa.thread``);
        # one that may have turned away is asked of the story first, then of every article
        narrowed, first_try = story_filters(understood.corrected or question, history, index, filters)
        if narrowed is not None and first_try:
            draft, passages = _draft(understood, catalog, index, narrowed, k)
            if draft is None or not draft.answered:
                draft, passages = None, None
        elif narrowed is not None:
            filters = narrowed
    if draft is None:
        draft, passages = _draft(understood, catalog, index, filters, k)
    if (
        history
        and (draft is None or not draft.answered)
        and kind == "extractive"
        and not _own_story(question, draft, history, index, filters)
    ):
        # A follow-up that seemed to stand alone ("how much was the fee supposed to be?" after
        # "Which club was Mensah joining?") but found nothing: "the fee" is the previous
        # turn's, so it is asked again with that turn's words.
        leaning = understand(question, history, None, catalog, lean=True)
        # Only with words of substance: after "what happened to it?", "(happened)" would turn a
        # right refusal of "who runs Northvale Power?" into the fire chief's quote.
        added = content_words(leaning.standalone) - content_words(understood.standalone) - _NEWS_WORDS
        if leaning.standalone != understood.standalone and added:
            again, read = _draft(leaning, catalog, index, filters, k)
            # It must still answer the question's own words, a figure's aside: an off-topic
            # "what's the weather like?" is not answered by the previous turn's, nor "who were
            # the ceos of the two chip firms?" by the central bank's "two cuts".
            own = content_words(question) - _NUMBER_WORDS
            if again is not None and again.answered and own & content_words(again.text):
                understood, draft, passages = leaning, again, read
    query = understood.standalone
    if draft is None:
        yield _refusal(question, query, kind, understood)
        return
    if kind == "llm" and draft.answered and passages is not None:
        draft = replace(draft, citations=passages)  # the model reads the passages themselves
    if kind == "extractive" or not draft.answered or understood.kind in ("chat", "not_english"):
        yield Answer(
            question,
            draft.text,
            draft.citations,
            draft.answered,
            query,
            kind,
            kind=understood.kind,
            corrected=understood.corrected,
        )
        return
    assert model is not None
    for step in _generate(question, query, draft.citations, model, index):
        yield replace(step, kind=understood.kind, corrected=understood.corrected)


_MARKER = re.compile(r"\[(\d+)\]")
_NAMED = re.compile(r"(?<!^)\b[A-Z][a-z]")


def _both(
    question: str,
    asks: tuple[str, str],
    history: Sequence[Any],
    k: int,
    filters: Filters,
    index: Index,
) -> Answer:
    """One answer to a message that asks two questions (``qa.intent.two_asks``): each answered
    on its own under its question, the second as a follow-up of the first, the markers of the
    second numbered on from the first's citations."""
    first, second = asks
    one = answer(first, history, answerer="extractive", k=k, filters=filters, index=index)
    after = [*turns(history), (first, one.text)]
    two = answer(second, after, answerer="extractive", k=k, filters=filters, index=index)
    if not one.answered and not _NAMED.search(second):
        # the second is about the first ("... on November 29? whats the score"), which the
        # articles don't answer: neither do they the second, whatever score they give; one
        # that names its own subject stands alone
        two = _refusal(second, two.standalone, two.answerer)
    shift = len(one.citations)
    later = _MARKER.sub(lambda m: f"[{int(m.group(1)) + shift}]", two.text)
    heads = [ask[:1].upper() + ask[1:] for ask in asks]  # each a line of its own: a heading in the chat
    return Answer(
        question,
        f"{heads[0]}\n\n{one.text}\n\n{heads[1]}\n\n{later}",
        [*one.citations, *two.citations],
        one.answered or two.answered,
        f"{one.standalone} {two.standalone}",
        one.answerer,
        dropped=one.dropped + two.dropped,
        kind=one.kind,
        corrected=one.corrected or two.corrected,
    )


def _draft(
    understood: Question, catalog: Catalog, index: Index, filters: Filters, k: int
) -> tuple[Draft | None, list[Passage] | None]:
    """The extractive answer to ``understood`` (None when no sentence is close enough), and the
    passages it read when it is a fact kind's (None for a composed kind's)."""
    query = understood.standalone
    if understood.after:  # "did it work?": the later reports of the previous answer's event
        found = outcome(understood.after, catalog, index, filters)
        if found is not None:
            return Draft(found[0], found[1], True), None
    if understood.said_by:  # "who said that?": the speaker of the previous answer's quote
        found = speaker(understood.said_by, catalog, index, filters)
        if found is not None:
            return Draft(found[0], found[1], True), None
    if understood.reply:  # "and what did they say back": the party's answer to the previous one
        previous_question, previous_answer, parties = understood.reply
        for party in parties:
            said = reaction((previous_question, previous_answer), party, catalog, index, filters)
            if said is not None:
                return Draft(said[0], said[1], True), None
    asked = asked_byline(query)
    if asked is not None:  # "who wrote the comet story", "articles by ada pennick" (``qa.bylines``)
        told = byline(asked, catalog, index, filters)
        if told is not None:
            return Draft(told[0], told[1], bool(told[1])), None
    draft = compose(understood, catalog, index, filters, k)
    if draft is not None:
        return draft, None
    person = asked_person(query) if understood.kind in ("who", "fact") else ""
    if person:  # "who is priya lanthorn": the sentences that describe her (``qa.profile``)
        naming = retrieve(person, k * 2, filters=filters, index=index)
        described = profile(person, naming)
        if described is not None:
            return Draft(described[0], described[1], True), naming
    # the fact kinds: the best sentences of the top passages
    # the answer may sit deeper; so may the sentence that names every party a list asks for
    wide = understood.kind in ("who", "when", "how_many", "why") or asks_organisations(query)
    passages = retrieve(query, k * 2 if wide else k, filters=filters, index=index)
    # The question names what only some articles name (``named_sources``): when no passage is
    # theirs, retrieval strayed and they are searched instead; a reworded question's story is one
    # of theirs.
    named, strayed = named_sources(query, passages, index)
    if named and filters.sources:
        named &= frozenset(filters.sources)
    if named and strayed:
        filters = replace(filters, sources=tuple(sorted(named)))
        passages = retrieve(query, k * 2 if wide else k, filters=filters, index=index)
    if understood.kind in ("fact", "how_many") and (priced := price_search(query)):
        seen = {p.id for p in passages}
        passages += [p for p in retrieve(priced, k, filters=filters, index=index) if p.id not in seen]
    # "after the report", "before the election": an event's period, dated from the articles; what
    # came after an event is told in its own report too ("had grown from 46 to 112 since the
    # report's findings became known", in the report's article), so "after" counts from it
    period = understood.period
    if period.event:
        period = resolve_event(
            replace(period, relation="since") if period.relation == "after" else period, index, query
        )
    passages = with_period(passages, query, period, filters, index, k)
    read = with_whole_articles(passages, index) if wide else passages
    titles = frozenset(deed_roles(query)) if understood.kind == "who" else frozenset()
    if understood.kind == "how_many" and crowd_words(query):
        titles = frozenset(asked_unit(query))  # "how many fans": "A crowd of 27,400" shares no word
    ranked = rank_sentences(
        query,
        passages=read,
        index=index,
        limit=WIDE if wide else EMBED_LIMIT,
        titles=titles,
        meanings=understood.kind in MEANING_KINDS,
    )
    near = False
    if not ranked or ranked[0].score < index.settings.min_score:
        if names_only(query, read):  # "the weather forecast for Harbour City": only the name is theirs
            return None, passages
        # Reworded past every shared word: the question's story, read whole (``qa.scoped``).
        story = scoped_answer(query, understood.kind, catalog, index, filters, named)
        if story is not None:
            draft = fact(query, understood.kind, story[0], story[1], catalog, index.embedder)
            return (draft if draft.answered else None), passages
        near = _near_miss(ranked, read, index.settings.min_score)
        if not near:
            return None, passages
    ranked = favour_period(ranked, period, query)
    draft = fact(query, understood.kind, ranked, passages, catalog, index.embedder)
    if near and not draft.answered:  # a near miss is answered outright or refused plainly
        return None, passages
    if draft.answered and draft.citations and asks_outcome(query):
        # "who won brightwave's appeal": what the story's newest article says is still ahead
        newest = newest_of_story(draft.citations[0].source, catalog, filters)
        lead = draft.text.split("[1]")[0]
        still = pending_outcome(query, lead, index.store.articles_in_order([newest]))
        if still is not None:
            return still, passages
    if (
        draft.answered
        and understood.kind == "fact"
        and not period.text
        and asks_standing(query)
        and not _from_newest(draft, catalog, filters)
    ):
        # "what's the unemployment rate in eastmere": the figure now, from the newest report (a
        # figure the story's newest article gives is that already: "what's the going rate for a
        # train ticket through the tunnel?", "A standard single ticket costs 9 crowns.")
        now = compose(
            replace(understood, intent=replace(understood.intent, kind="latest")), catalog, index, filters, k
        )
        if now is not None and now.answered:
            return now, None
    return draft, passages


def _from_newest(draft: Draft, catalog: Catalog, filters: Filters) -> bool:
    """Whether ``draft`` leads with a sentence of its story's newest article."""
    if not draft.citations:
        return False
    source = draft.citations[0].source
    return newest_of_story(source, catalog, filters) == source


# How far under ``min_score`` the best sentence may score when the best passage clears it. On the
# dev questions the gate refused, answerable ones scored 0.39-0.50 by their best sentence with
# their best passage at 0.50-0.66 ("How big was the penalty the safety watchdog slapped on the
# heater maker?": the fine's sentence 0.44, its passage 0.66); off-topic ones scored 0.42 and
# under by their best passage, except "who won the tennis at wimbledon" (0.45, 0.60), which
# the evidence then refuses. 0.12 takes in every answerable one over 0.38: on dev, 7 more right
# and 1 fewer ("what did ibarra promise on health care", now quoted the voters' 12% on it).
NEAR_MARGIN = 0.12


def _near_miss(ranked: list[ScoredSentence], passages: Sequence[Passage], threshold: float) -> bool:
    """Whether evidence under the threshold is a paraphrase's, not an off-topic question's.

    A question in other words than the articles' ("slapped", "watchdog") scores low by its
    sentences, whose score counts the words they share with it, while the passage that answers
    it still scores high by its embedding as a whole. Such a question goes on to be answered
    when the evidence answers it (the fact checks of ``qa.kinds.fact``), and is refused plainly
    otherwise: a refusal that quotes the closest sentence is for questions past the threshold.
    """
    best = max((p.score for p in passages), default=0.0)
    return bool(ranked) and best >= threshold and ranked[0].score >= threshold - NEAR_MARGIN


def _generate(
    question: str, query: str, passages: list[Passage], model: BaseChatModel, index: Index
) -> Iterator[Answer]:
    from qa.prompt import messages  # heavy (LangChain): only when a model answers

    settings = index.settings
    sources = list(passages)
    draft = ""
    for chunk in model.stream(messages(query, sources, settings)):
        draft += str(chunk.content)
        yield Answer(question, draft, [], False, query, "llm", final=False)
    if _REFUSAL.search(draft):
        yield _refusal(question, query, "llm")
        return
    checked = verify(draft, sources, settings, index=index)
    if not checked.answered:
        yield replace(_refusal(question, query, "llm"), dropped=tuple(checked.dropped))
        return
    yield Answer(question, checked.text, checked.citations, True, query, "llm", True, tuple(checked.dropped))
