"""A message that asks two questions: each answered under its own heading, the second as a
follow-up of the first (real MiniLM, real Chroma over the news-reader articles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa import answer
from qa.index import Index
from qa.intent import two_asks
from tests.conftest import newsroom_index


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        (
            "How many homes burned in the Cedar Ridge Fire, and how many people died?",
            ("How many homes burned in the Cedar Ridge Fire?", "how many people died?"),
        ),
        (
            "Who won the Valdoria election? And what was the turnout?",
            ("Who won the Valdoria election?", "what was the turnout?"),
        ),
        ("Why did the strike end and who mediated?", ("Why did the strike end?", "who mediated?")),
        # one question, however many "and"s: a comparison's two measures, "and why", "and by how much"
        ("what happened and why?", None),
        ("how many heaters were recalled at first and how many later?", None),
        ("Who won the election and by how much?", None),
        ("Was the fine bigger than the settlement?", None),
        ("What did Marsh and Ibarra say about housing?", None),
        ("do you know, and when did he finally concede?", None),
    ],
)
def test_two_questions_in_one_message_are_told_apart(message: str, asks: tuple[str, str] | None) -> None:
    assert two_asks(message) == asks


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the wildfire's and the election's 12 articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("two")), ("wildfire-", "election-"))


@pytest.mark.slow
def test_each_question_is_answered_under_its_own_heading(newsroom: Index) -> None:
    got = answer("Who won the Valdoria election? And what was the turnout?", index=newsroom)
    assert got.answered
    first, second = got.text.split("\n\nWhat was the turnout?\n\n")
    assert first.startswith("Who won the Valdoria election?\n\n")
    assert "Marsh" in first and "71.4%" in second
    # the second's markers number on from the first's citations, each one a citation
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", got.text)}
    assert markers == set(range(1, len(got.citations) + 1))
    assert min(int(n) for n in re.findall(r"\[(\d+)\]", second)) > max(
        int(n) for n in re.findall(r"\[(\d+)\]", first)
    )


@pytest.mark.slow
def test_the_second_question_reads_the_first_s_subject(newsroom: Index) -> None:
    got = answer("How many homes burned in the Cedar Ridge Fire, and how many people died?", index=newsroom)
    _, second = got.text.split("\n\nHow many people died?\n\n")
    assert "one person" in second


@pytest.mark.slow
def test_a_second_question_about_an_unanswered_first_is_not_answered_either(newsroom: Index) -> None:
    got = answer("did the fire reach Cantor on august 30? how many homes burned there", index=newsroom)
    assert not got.answered
    _, second = got.text.split("\n\nHow many homes burned there?\n\n")
    assert "don't cover" in second
