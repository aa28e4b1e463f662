"""Understanding a question before any evidence is gathered.

In order: the question is checked (not empty, not over 1,000 characters); misspelt words are
corrected against the articles' vocabulary (``qa.spelling``); a follow-up is made to stand on
its own (``qa.conversation``: "when will he be back?" gets the person of the previous turn); a
period it names becomes a date range (``qa.periods``; "last week" counts back from the newest
article); and its kind is decided (``qa.intent``: latest, summary, timeline, ...), which says
what evidence the answer needs (``qa.kinds``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from qa.conversation import outcome_event, reaction_party, speaker_asked, standalone, turns
from qa.intent import Intent, asked_byline, asked_part, classify, is_chat, is_english
from qa.periods import Period, find_period
from qa.spelling import Speller

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from qa.catalog import Catalog

__all__ = ["EMPTY_QUESTION", "MAX_QUESTION_CHARS", "Question", "problem", "standalone", "turns", "understand"]

EMPTY_QUESTION = "Please ask a question about the articles."
MAX_QUESTION_CHARS = 1000
_CONTEXT = re.compile(r"\s*\([^()]*\)\s*$")
TOO_LONG = (
    "That question is {n:,} characters long; please keep it under {limit:,} characters "
    "(ask about one thing at a time)."
)


@dataclass(frozen=True)
class Question:
    """A question as understood.

    Attributes:
        asked: The question as asked (stripped).
        standalone: The question as used for retrieval: spelling corrected, a follow-up made
            self-contained.
        corrected: The asked question with its spelling corrected ("" when nothing changed),
            shown to the reader as "Showing results for …".
        intent: Its kind and subject (``qa.intent``).
        period: The period it asks about (empty when none).
        after: For a question after the outcome of the previous answer's event ("did it
            work?", ``qa.conversation.asks_outcome``), the previous (question, answer).
        reply: For a question after a party's reaction to the previous answer ("and what did
            they say back", ``qa.conversation.reaction_party``), the previous question, its
            answer and the parties it may mean.
        said_by: For a question after who said the previous answer's quote ("who said
            that?", ``qa.conversation.speaker_asked``), the previous (question, answer).
    """

    asked: str
    standalone: str
    corrected: str = ""
    intent: Intent = field(default_factory=lambda: Intent("fact"))
    period: Period = field(default_factory=Period)
    after: tuple[str, str] | None = None
    reply: tuple[str, str, tuple[str, ...]] | None = None
    said_by: tuple[str, str] | None = None

    @property
    def kind(self) -> str:
        """The question's kind (``qa.intent.KINDS``)."""
        return self.intent.kind

    @property
    def query(self) -> str:
        """What to search for: the standalone question."""
        return self.standalone


def problem(question: str) -> str | None:
    """What to tell the user instead of answering ``question`` (None when it can be answered)."""
    question = question.strip()
    if not question:
        return EMPTY_QUESTION
    if len(question) > MAX_QUESTION_CHARS:
        return TOO_LONG.format(n=len(question), limit=MAX_QUESTION_CHARS)
    return None


_SPELLERS: dict[str, Speller] = {}
_SPELLER_LOCK = threading.Lock()


def speller_for(catalog: Catalog) -> Speller | None:
    """The spelling corrector of this catalog's vocabulary, built once per catalog version."""
    if not catalog.articles:
        return None
    with _SPELLER_LOCK:
        speller = _SPELLERS.get(catalog.version)
        if speller is None:
            _SPELLERS.clear()  # only the current version is asked
            names = {name for record in catalog.articles.values() for name in record.names}
            speller = _SPELLERS[catalog.version] = Speller(catalog.vocabulary(), names)
        return speller


def newest_day(catalog: Catalog) -> date | None:
    """The publication day of the newest article: the archive's "now" for relative periods."""
    days = [r.published[:10] for r in catalog.articles.values() if r.published]
    try:
        return date.fromisoformat(max(days)) if days else None
    except ValueError:
        return None


def _shouted(question: str) -> bool:
    """Whether ``question`` is typed in capitals: three words or more, nearly every letter a capital
    ("WHAT WAS THE TURNOUT?", not "What did the ECB and the IMF say?")."""
    letters = [c for c in question if c.isalpha()]
    return len(question.split()) >= 3 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _known(catalog: Catalog | None) -> frozenset[str]:
    speller = speller_for(catalog) if catalog is not None else None
    return speller.known if speller is not None else frozenset()


def understand(
    question: str,
    history: Sequence[Any] = (),
    model: BaseChatModel | None = None,
    catalog: Catalog | None = None,
    lean: bool = False,
) -> Question:
    """``question`` ready for evidence: corrected, made standalone with ``history`` (by ``model``
    if given), its period and kind found. ``catalog`` (the index's articles) supplies the
    vocabulary for spelling and the reference day for relative periods. ``lean`` reads a
    follow-up with the previous turn even when it seems to stand alone (``standalone``).
    """
    asked = question.strip()
    if is_chat(asked):  # before spelling, which makes "Him" of "Hi"
        return Question(asked, asked, "", Intent("chat"))
    if not is_english(asked, _known(catalog)):  # before spelling: it would "correct" other languages
        return Question(asked, asked, "", Intent("not_english"))
    # a question typed in capitals reads as one typed in lower case, its names cased back below
    # (``Speller.cased``): in capitals every word looked like a name
    fixed = asked.lower() if _shouted(asked) else asked
    speller = speller_for(catalog) if catalog is not None else None
    known: frozenset[str] = frozenset()
    misspelt = False
    if speller is not None and asked_byline(fixed) is None:  # a byline's names are in no article's text
        correction = speller.correct(fixed)
        fixed, misspelt = correction.text, correction.misspelt
        known = speller.known
    plain = asked_part(fixed, bool(history))  # "can you tell me who ...": the question is what follows
    # the articles' names as they write them: much of the answer reads a name by its capitals
    cased = speller.cased(plain) if speller is not None else plain
    # the previous questions' names too: "he" after "tell me about kwame mensah's injury" is the
    # Kwame Mensah it named, not the first name of its answer ("Ashbury Rovers beat ..."), and
    # "and quillon?" after "what did brightwave say" replaces the Brightwave it names
    earlier = (
        [(speller.cased(q), a) for q, a in turns(history)] if speller is not None and history else history
    )
    resolved = standalone(cased, earlier, model, lean, catalog)
    reference = newest_day(catalog) if catalog is not None else None
    period = find_period(resolved, reference)
    if period and resolved != cased and not find_period(_CONTEXT.sub("", resolved), reference):
        # The period is in the context a reference got appended, its words without their
        # stopwords ("(second half march)" read as the second half of the year): the previous
        # question's own period, read from it whole.
        previous = turns(history)[-1][0] if turns(history) else ""
        period = find_period(previous, reference) if _CONTEXT.search(resolved) else period
    # A follow-up's kind is the standalone question's ("And the women's race?" asks who won it),
    # without the context a reference got appended ("Why? (Cedar Ridge Fire)").
    intent = classify(
        _CONTEXT.sub("", resolved) if resolved != cased else cased,
        has_period=bool(period),
        known=known,
        period_text=period.text,
    )
    after = outcome_event(plain, history) if model is None else None
    reply = reaction_party(plain, history) if model is None else None
    said_by = speaker_asked(plain, history) if model is None else None
    corrected = fixed if misspelt and fixed not in (asked, asked.lower()) else ""
    return Question(asked, resolved, corrected, intent, period, after, reply, said_by)
