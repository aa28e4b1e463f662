"""Turning a follow-up question into one that stands on its own, using the chat history.

"Who is Russia's ambassador to the UN?" then "What did he accuse Zelensky of?": retrieval needs
to know who "he" is. With a language model configured, a condensing prompt rewrites the
follow-up. Without one, a deterministic rule does: a follow-up that leans on the conversation (a
pronoun, or only a few words) gets the person or topic of the previous turn. "he"/"she" and
their forms are replaced by the first person-like name (two or more capitalised words, not an
organisation) of the previous answer, else of the previous question; other references ("it",
"they", "that") get the previous question's names appended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["standalone", "turns"]

_PERSONAL = re.compile(r"\b(he|she|him|his|her|hers)\b", re.I)
_OTHER = re.compile(r"\b(they|them|their|it|its|this|that|these|those|there)\b", re.I)
_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)?|[A-Z]\.(?:[A-Z]\.)*)(?:\s+(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)?|[A-Z]\.))+"
)
_SINGLE = re.compile(r"\b[A-Z][A-Za-z]{1,}(?:[-'’][A-Za-z]+)?\b")
_ORGANISATION = re.compile(
    r"\b(Nations|Council|Department|States|House|Committee|Ministry|Union|Party|Senate|Congress|"
    r"Administration|Government|Office|Agency|Court|Bank|Times|News|Post|Press|Relations)\b"
)
_SOURCES = re.compile(r"\n\s*\*\*Sources\*\*.*", re.S)
_MARKERS = re.compile(r"\s*\[\d+\]")
_QUESTION_WORDS = {
    "What",
    "Who",
    "Whom",
    "Whose",
    "When",
    "Where",
    "Why",
    "How",
    "Which",
    "Is",
    "Are",
    "Did",
    "Does",
    "Do",
    "Was",
    "Were",
    "Can",
    "Could",
    "Will",
    "Would",
    "The",
    "A",
    "An",
    "And",
    "But",
}

CONDENSE_PROMPT = (
    "Rewrite the follow-up question so that it can be understood without the conversation: replace "
    "pronouns with the people or things they refer to. Reply with the rewritten question only.\n\n"
    "Conversation:\n{conversation}\n\nFollow-up question: {question}\nStandalone question:"
)


def turns(history: Sequence[Any]) -> list[tuple[str, str]]:
    """History as (user, assistant) pairs, from pairs or ``{"role", "content"}`` messages."""
    pairs: list[tuple[str, str]] = []
    pending = ""
    for item in history:
        if isinstance(item, dict):
            role, content = item.get("role"), item.get("content")
            text = content if isinstance(content, str) else ""
            if role == "user":
                pending = text
            elif role == "assistant":
                pairs.append((pending, text))
                pending = ""
        elif isinstance(item, list | tuple) and len(item) == 2:
            pairs.append((str(item[0] or ""), str(item[1] or "")))
    return pairs


def _clean(answer: str) -> str:
    return _MARKERS.sub("", _SOURCES.sub("", answer)).strip()


def _names(text: str) -> list[str]:
    found = []
    for match in _NAME.finditer(text):
        words = [w for w in match.group().split() if w not in _QUESTION_WORDS]
        if len(words) >= 2:
            found.append(" ".join(words))
    return found


def _needs_context(question: str) -> bool:
    return bool(_PERSONAL.search(question) or _OTHER.search(question)) or len(question.split()) <= 3


def _rule(question: str, previous_question: str, previous_answer: str) -> str:
    if _PERSONAL.search(question):
        people = [
            n for n in _names(previous_answer) + _names(previous_question) if not _ORGANISATION.search(n)
        ]
        if people:
            person = people[0]

            def swap(match: re.Match[str]) -> str:
                word = match.group().lower()
                return f"{person}'s" if word in ("his", "hers") else person

            return _PERSONAL.sub(swap, question, count=1)
    topic = [w for w in _SINGLE.findall(previous_question) if w not in _QUESTION_WORDS]
    extra = " ".join(dict.fromkeys(topic + _names(previous_answer)[:1]))
    return f"{question} ({extra})" if extra else f"{question} ({previous_question})"


def standalone(question: str, history: Sequence[Any], model: BaseChatModel | None = None) -> str:
    """``question`` rewritten to stand on its own (unchanged when it already does)."""
    pairs = turns(history)
    if not pairs or not _needs_context(question):
        return question
    previous_question, previous_answer = pairs[-1][0], _clean(pairs[-1][1])
    if model is not None:
        conversation = "\n".join(f"User: {q}\nAssistant: {_clean(a)[:600]}" for q, a in pairs[-3:])
        try:
            reply = model.invoke(CONDENSE_PROMPT.format(conversation=conversation, question=question))
            text = str(reply.content).strip().strip('"').splitlines()[0].strip() if reply.content else ""
        except Exception:  # the deterministic rule below still works
            text = ""
        if 3 <= len(text.split()) <= 60:
            return text
    return _rule(question, previous_question, previous_answer)
