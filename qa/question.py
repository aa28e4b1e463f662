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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from qa.conversation import standalone, turns
from qa.intent import Intent, classify, english_words, is_chat, is_english
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
    """

    asked: str
    standalone: str
    corrected: str = ""
    intent: Intent = field(default_factory=lambda: Intent("fact"))
    period: Period = field(default_factory=Period)

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


def _known(catalog: Catalog | None) -> frozenset[str]:
    speller = speller_for(catalog) if catalog is not None else None
    return speller.known if speller is not None else frozenset()


# A word of a question as the name table matches it: letters, inner hyphens and apostrophes.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_LONGEST_NAME = 4  # words; "Harbour City Museum of Maritime History" is matched by its parts
_NAME_TABLES: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {}


def _name_table(catalog: Catalog) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The articles' names and their runs of words by their lower-case words ("cedar", "ridge")
    -> ("Cedar", "Ridge"), built once per catalog version. A name written two ways keeps the way
    more articles use."""
    with _SPELLER_LOCK:
        table = _NAME_TABLES.get(catalog.version) if catalog.version else None
        if table is None:
            counts: dict[tuple[str, ...], Counter[tuple[str, ...]]] = {}
            for record in catalog.articles.values():
                for name in record.names:
                    # Its runs of words too: "Helena Marsh" of "Prime Minister Helena Marsh".
                    words = name.split()
                    for a in range(len(words)):
                        for b in range(a + 1, min(a + _LONGEST_NAME, len(words)) + 1):
                            run = tuple(words[a:b])
                            counts.setdefault(tuple(w.lower() for w in run), Counter())[run] += 1
            _NAME_TABLES.clear()
            table = _NAME_TABLES[catalog.version] = {k: c.most_common(1)[0][0] for k, c in counts.items()}
        return table


def recase(text: str, names: dict[tuple[str, ...], tuple[str, ...]], common: frozenset[str]) -> str:
    """``text`` with the articles' names typed in lower case given their capitals.

    Readers type "whats the latest on mensah" and "who is the judge in the lumora case", and every
    later step finds names by their capitals (refusal checks, who answers, follow-ups). Words are
    matched case-insensitively against ``names``, longest run first: a run of two or more words
    ("cedar ridge", "helena marsh", "civic alliance") is a name wherever the articles write it as
    one, but a single word only when it is no common English word (``common``): "lumora" and
    "mensah" are names, "may", "bill", "rose" and "will" stay words even where an article names a
    Rose. A word typed with any capital is left as typed.
    """
    tokens = list(_TOKEN.finditer(text))
    out, cursor, i = [], 0, 0
    while i < len(tokens):
        for length in range(min(_LONGEST_NAME, len(tokens) - i), 0, -1):
            run = tokens[i : i + length]
            if any(text[a.end() : b.start()].strip() for a, b in pairwise(run)):
                continue  # a comma or a full stop between the words: no one name
            typed = [t.group() for t in run]
            last = _POSSESSIVE.sub("", typed[-1])
            key = (*(w.lower() for w in typed[:-1]), last.lower())
            cased = names.get(key)
            if cased is None or (length == 1 and (key[0] in common or len(key[0]) < 3)):
                continue
            for token, word in zip(run, cased, strict=True):
                if token.group().islower():
                    out.append(text[cursor : token.start()])
                    out.append(word + token.group()[len(word) :])
                    cursor = token.start() + len(token.group())
            i += length - 1
            break
        i += 1
    out.append(text[cursor:])
    return "".join(out)


def understand(
    question: str,
    history: Sequence[Any] = (),
    model: BaseChatModel | None = None,
    catalog: Catalog | None = None,
) -> Question:
    """``question`` ready for evidence: corrected, made standalone with ``history`` (by ``model``
    if given), its period and kind found. ``catalog`` (the index's articles) supplies the
    vocabulary for spelling and the reference day for relative periods.
    """
    asked = question.strip()
    if is_chat(asked):  # before spelling, which makes "Him" of "Hi"
        return Question(asked, asked, "", Intent("chat"))
    if not is_english(asked, _known(catalog)):  # before spelling: it would "correct" other languages
        return Question(asked, asked, "", Intent("not_english"))
    fixed = asked
    speller = speller_for(catalog) if catalog is not None else None
    known: frozenset[str] = frozenset()
    if speller is not None:
        correction = speller.correct(asked)
        fixed = correction.text
        known = speller.known
    # Names typed in lower case get the articles' capitals for every later step, the earlier
    # questions' too (a follow-up's "he" is the person they name); the reader is shown only the
    # spelling corrections (``corrected``).
    cased = fixed
    if catalog is not None:
        names, common = _name_table(catalog), english_words()
        cased = recase(fixed, names, common)
        history = [(recase(user, names, common), reply) for user, reply in turns(history)]
    resolved = standalone(cased, history, model)
    reference = newest_day(catalog) if catalog is not None else None
    period = find_period(resolved, reference)
    # A follow-up's kind is the standalone question's ("And the women's race?" asks who won it),
    # without the context a reference got appended ("Why? (Cedar Ridge Fire)").
    intent = classify(
        _CONTEXT.sub("", resolved) if resolved != cased else cased, has_period=bool(period), known=known
    )
    return Question(asked, resolved, fixed if fixed != asked else "", intent, period)
