"""Questions a third pass of readers asked, as they typed them: the date of the asked deed said
in a past form Snowball does not stem ("left" for "leave") (real MiniLM, real Chroma where an
index is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.index import Index
from qa.kinds import _asked_verb
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
