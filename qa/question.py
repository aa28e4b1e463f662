"""Understanding a question before any evidence is gathered.

For now: the question is checked (not empty, not over 1,000 characters) and a follow-up is made
to stand on its own (``qa.conversation``: "what did he say?" gets the person of the previous
turn). This is the room for what a question says about itself: the kind of answer it wants,
the period it asks about, a misspelt name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa.conversation import standalone, turns

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["EMPTY_QUESTION", "MAX_QUESTION_CHARS", "Question", "problem", "standalone", "turns", "understand"]

EMPTY_QUESTION = "Please ask a question about the articles."
MAX_QUESTION_CHARS = 1000
TOO_LONG = (
    "That question is {n:,} characters long; please keep it under {limit:,} characters "
    "(ask about one thing at a time)."
)


@dataclass(frozen=True)
class Question:
    """A question as understood.

    Attributes:
        asked: The question as asked (stripped).
        standalone: The question as used for retrieval (a follow-up made self-contained).
    """

    asked: str
    standalone: str


def problem(question: str) -> str | None:
    """What to tell the user instead of answering ``question`` (None when it can be answered)."""
    question = question.strip()
    if not question:
        return EMPTY_QUESTION
    if len(question) > MAX_QUESTION_CHARS:
        return TOO_LONG.format(n=len(question), limit=MAX_QUESTION_CHARS)
    return None


def understand(question: str, history: Sequence[Any] = (), model: BaseChatModel | None = None) -> Question:
    """``question`` ready for retrieval: the follow-up rewritten with ``history`` (by ``model`` if given)."""
    asked = question.strip()
    return Question(asked, standalone(asked, history, model))
