"""A fact answer whose best sentence names the asked thing as already told ("The deal, announced
by ...") is led by the sentence before it, which told what it was (``qa.kinds._thing_told_before``)."""

from __future__ import annotations

from qa.evidence import ScoredSentence
from qa.kinds import _thing_told_before
from qa.passage import Passage

AGREED = (
    "The authority and the union reached a tentative agreement on Friday for a 6.5% pay rise over two years."
)
DEAL = "The deal, announced by mediator Samuel Oduya shortly after midnight, falls between the two offers."


def _ranked() -> list[ScoredSentence]:
    text = f"{AGREED} {DEAL}"
    passage = Passage(
        text, "strike-05.txt", "Deal", 1.0, 100, 100 + len(text),
        sentences=((0, len(AGREED)), (len(AGREED) + 1, len(text))),
    )  # fmt: skip
    return [ScoredSentence(DEAL, passage, 100 + len(AGREED) + 1, 0, 0.9)]


def test_the_sentence_that_told_the_thing_leads() -> None:
    for question in ("What deal did Samuel Oduya announce?", "and what deal did he come up with?"):
        shown = _thing_told_before(question, _ranked())
        assert [s.text for s in shown] == [AGREED, DEAL]
        assert shown[0].start == 100 and shown[0].score > shown[1].score


def test_another_question_or_lead_keeps_the_order() -> None:
    assert [s.text for s in _thing_told_before("When was the deal announced?", _ranked())] == [DEAL]
    assert [s.text for s in _thing_told_before("What offer did the union reject?", _ranked())] == [DEAL]
