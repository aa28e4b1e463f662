"""Questions a third pass of readers asked, as they typed them: the date of the asked deed said
in a past form Snowball does not stem ("left" for "leave"), a time of day asked as "what time",
and a weekday of what was still to come (real MiniLM, real Chroma where an index is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.evidence import ScoredSentence
from qa.index import Index
from qa.kinds import _asked_verb, weekday_date
from qa.passage import Passage
from qa.text import verb_forms
from tests.conftest import newsroom_index


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the chip case's, the wildfire's, the rates', the election's, the strike's and
    the comet's articles."""
    prefixes = ("tech-", "wildfire-", "rates-", "election-", "strike-", "comet-")
    return newsroom_index(Path(tmp_path_factory.mktemp("third")), prefixes)


def test_a_verb_has_its_irregular_forms() -> None:
    assert {"leave", "left", "leaving", "leaves"} <= verb_forms("left")
    assert "built" in verb_forms("build")
    assert verb_forms("quillon") == frozenset()


@pytest.mark.parametrize(
    ("question", "deed"),
    [
        ("when did daniel cho leave quillon", "left"),
        ("when was the margarethe built", "built"),
        ("when did the strike end", "ended"),  # "the strike" is the thing, not the deed
        ("when did mensah get injured", "injured"),  # "get" says little
        ("who left quillon", ""),  # not a "when" question
    ],
)
def test_the_deed_a_when_question_asks_about(question: str, deed: str) -> None:
    forms = _asked_verb(question)
    assert (deed in forms) if deed else not forms, forms


@pytest.mark.slow
def test_when_leads_with_the_date_of_the_asked_deed(newsroom: Index) -> None:
    # the lede says he "told the jury on Tuesday" what he did "after leaving Quillon"
    got = answer("when did daniel cho leave quillon", index=newsroom)
    assert got.text.startswith("Testifying on the second day of the trial"), got.text
    assert "when he left the company in 2021" in got.text.split("[1]")[0]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # written on Thursday 16 October: the Sunday after, the election's
        ("He said results would be announced from about 10 p.m. on Sunday.", "2025-10-19"),
        ("Services will resume on Monday.", "2025-10-20"),
        # the week the report tells of, though a later clause looks ahead
        ("The union said on Tuesday that it would strike again.", "2025-10-14"),
        ("Lumora Home more than doubled its space heater recall on Tuesday.", "2025-10-14"),
    ],
)
def test_a_weekday_still_to_come_is_the_one_after(sentence: str, day: str) -> None:
    passage = Passage(sentence, "a.txt", "A report", 1.0, 0, len(sentence), published="2025-10-16")
    found = weekday_date(ScoredSentence(sentence, passage, 0, 0, 1.0))
    assert found is not None and found.isoformat() == day


@pytest.mark.slow
def test_what_time_leads_with_a_time_of_day(newsroom: Index) -> None:
    got = answer("what time were valdoria's results supposed to start coming in", index=newsroom)
    assert got.text.startswith(
        "Sunday 19 October 2025: He said results would be announced from about 10 p.m."
    ), got.text
