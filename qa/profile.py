"""Who someone is: "who is Priya Lanthorn?" answered by the sentences that describe the person.

A news report says who someone is where it first names them, in a title before the name
("Governor Ilse Varga", "star striker Kwame Mensah") or a description after it ("Priya Lanthorn,
a professor of employment law at Harbour City University"). MiniLM puts neither near the
question: "Who is Priya Lanthorn?" scored the professor's sentence under the answer threshold
and was refused, and "who is ilse varga" led with "was more guarded in a speech". Here the
sentences that name the person are read for a description, the fullest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.compose import extractive
from qa.evidence import ScoredSentence
from qa.passage import Passage

__all__ = ["Profile", "asked_person", "profile"]

# "who is priya lanthorn", "who's Kwame Mensah?", "whos ilse varga", "who was Daniel Cho": a
# person asked by name (not "who is the governor", a role that asks for a name).
_WHO_IS = re.compile(
    r"^\W*(?:who\s*(?:['’]s|s|\s+is|\s+was)|and\s+who\s+(?:is|was))\s+(?!(?:the|a|an|this|that|it|he|she|they|"
    r"in|on|at|running|leading|behind|responsible|to|for|from|with)\b)(?P<name>[\w'’.-]+(?:\s+[\w'’.-]+){0,3})"
    r"\s*[?.!]*\s*$",
    re.I,
)
_ROLE_OF = re.compile(r"['’]s\b|\b(?:their|her|his|its|our|my|your)\b", re.I)
# The words of a title before a name: "Governor", "chief executive", "star striker".
_ROLES = frozenset(
    """
    governor deputy judge minister prime finance president mayor chair chairman chairwoman chief executive
    director manager coach captain striker forward midfielder defender goalkeeper player engineer lawyer
    attorney spokesperson spokesman spokeswoman professor analyst economist leader founder secretary
    commissioner chancellor senator inspector officer marshal star former head race fire
    """.split()
)
# A description after the name: "Priya Lanthorn, a professor ...", "Mensah, the league's top scorer".
_APPOSITION = re.compile(r"^\s*,\s*(?:a|an|the|who|now|its|his|her|their)\b[^,.;]{6,}", re.I)


@dataclass(frozen=True)
class Profile:
    """A sentence that names the asked person, and how much it says of who they are."""

    sentence: ScoredSentence
    says: int  # 2: a description after the name; 1: a title before it


def asked_person(question: str) -> str:
    """The name "who is <name>" asks about ("" for any other question)."""
    m = _WHO_IS.match(question)
    name = m.group("name").strip(" ?.!") if m else ""
    # "who is Quillon's lawyer", "who's their lawyer": a role of someone, which asks for a name
    return "" if _ROLE_OF.search(name) else name


def _described(text: str, at: re.Match[str]) -> int:
    if _APPOSITION.match(text[at.end() :]):
        return 2
    before = re.findall(r"[\w'’-]+", text[max(0, at.start() - 60) : at.start()])
    while len(before) > 1 and before[-1][:1].isupper() and before[-1].lower() not in _ROLES:
        before.pop()  # a first name: "Prime Minister Helena" before "Marsh"
    return 1 if before and before[-1].lower() in _ROLES else 0


def profile(name: str, passages: Sequence[Passage]) -> tuple[str, list[Passage]] | None:
    """The sentences of ``passages`` that say who ``name`` is, the fullest description first (a
    title only when no sentence describes them), then the articles' order by date; None when no
    sentence does. The name must stand in the articles as a name (capitalised): "who is
    charge" is no one."""
    wanted = re.compile(rf"\b{re.escape(name)}\b(?:['’]s)?", re.I)
    found: list[Profile] = []
    seen: set[tuple[str, int]] = set()
    for rank, p in enumerate(passages):
        for a, b in p.sentences:
            text = p.text[a:b]
            at = next((m for m in wanted.finditer(text) if m.group()[:1].isupper()), None)
            if at is None or (p.source, p.start + a) in seen:
                continue
            seen.add((p.source, p.start + a))
            says = _described(text, at)
            if says:
                found.append(Profile(ScoredSentence(text, p, p.start + a, rank, float(says)), says))
    if not found:
        return None
    best = max(f.says for f in found)
    shown = sorted(
        (f for f in found if f.says == best),
        key=lambda f: (f.sentence.passage.published or "9999", f.sentence.start),
    )
    # one sentence an article: the first that describes them there
    firsts: dict[str, ScoredSentence] = {}
    for f in shown:
        firsts.setdefault(f.sentence.passage.source, f.sentence)
    return extractive(list(firsts.values())[:2], continued=False)
