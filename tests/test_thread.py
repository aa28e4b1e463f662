"""A follow-up stays in the story the conversation is about (``qa.thread``; real MiniLM, real
Chroma over the wildfire's and the heater recall's articles, two stories with a lawsuit and a
lawyer each), and switches story only when it names the other one."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.filters import Filters
from qa.index import Index
from qa.thread import previous_story, story_filters
from tests.conftest import newsroom_index

pytestmark = pytest.mark.slow

SUING = "how many households are suing the power company now?"
SUED = (
    "The lawsuit, filed in Alder County Superior Court on behalf of 46 households, alleges that "
    "Northvale failed to trim trees around a line on Cedar Ridge Road despite warnings in 2023. [1]"
)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the wildfire's and the heater recall's 12 articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("thread")), ("wildfire-", "lumora-"))


def _story_of(index: Index, prefix: str) -> str:
    stories = {r.story for r in index.catalog().articles.values() if r.source.startswith(prefix)}
    assert len(stories) == 1
    return stories.pop()


def test_the_previous_answers_quoted_sentence_names_its_story(newsroom: Index) -> None:
    assert previous_story([(SUING, SUED)], newsroom, Filters()) == _story_of(newsroom, "wildfire-")
    # a paraphrase, no sentence verbatim: the retrieved passages' stories vote
    told = [("who is suing Northvale Power?", "Residents whose homes burned.")]
    assert previous_story(told, newsroom, Filters()) == _story_of(newsroom, "wildfire-")


def test_a_follow_up_that_names_nothing_else_is_asked_of_that_story(newsroom: Index) -> None:
    narrowed, first_try = story_filters("who's their lawyer?", [(SUING, SUED)], newsroom, Filters())
    assert narrowed is not None and not first_try
    assert narrowed.sources and all(s.startswith("wildfire-") for s in narrowed.sources)
    # the heater class action's lawyer, Martin Greaves, came first before
    for told in (SUED, '"the number of households in the lawsuit had grown from 46 to 112".'):
        got = answer("who's their lawyer?", [(SUING, told)], index=newsroom)
        assert "Greaves" not in got.text, got.text
        assert all(p.source.startswith("wildfire-") for p in got.citations)
    assert "Gabriel Moss" in got.text, got.text


@pytest.mark.parametrize(
    "follow_up",
    [
        "and what about the heater recall?",  # a phrase of words no wildfire article uses
        "who is Lumora's lawyer?",  # a name the wildfire's articles never mention
        "who is the lawyer in the heater class action",  # stands alone, in another story's words
    ],
)
def test_a_follow_up_that_turns_to_another_story_is_not_narrowed(newsroom: Index, follow_up: str) -> None:
    assert story_filters(follow_up, [(SUING, SUED)], newsroom, Filters()) == (None, False)


def test_the_switch_still_reaches_the_other_story(newsroom: Index) -> None:
    got = answer("what about the heater owners, who is their lawyer?", [(SUING, SUED)], index=newsroom)
    assert got.answered
    assert "Martin Greaves" in got.text, got.text


def test_a_users_own_sources_are_kept(newsroom: Index) -> None:
    # narrowed to the story's articles among them
    both = Filters(sources=("wildfire-04-2025-07-21.txt", "lumora-01-2025-05-06.txt"))
    narrowed, _ = story_filters("who's their lawyer?", [(SUING, SUED)], newsroom, both)
    assert narrowed is not None and narrowed.sources == ("wildfire-04-2025-07-21.txt",)


# The follow-up's own question word decides what it asks; the previous turn gives the subject.


def test_a_follow_up_of_another_type_carries_only_the_previous_subject() -> None:
    from qa.conversation import standalone

    told = [
        ("How much did the maritime museum renovation cost?", "a three-year renovation costing 64 million")
    ]
    rewritten = standalone("who paid for all that?", told)
    assert "maritime museum renovation" in rewritten and "cost" not in rewritten
    # the same type asks again of the previous question's thing, its unit included
    same = [("How many homes did the Cedar Ridge Fire destroy?", "The fire destroyed 340 homes.")]
    assert "homes" in standalone("and how many more were damaged?", same, lean=True)


def test_a_follow_up_that_turns_to_a_thing_asks_its_own_question_of_it() -> None:
    from qa.conversation import standalone, turned_to

    asked = "what about the heater owners, who is their lawyer?"
    assert turned_to(asked) == ("the heater owners", "who is their lawyer?")
    assert turned_to("what about the men's race?") is None  # no question of its own: elided
    told = [(SUING, SUED)]
    assert standalone(asked, told) == "who is their lawyer? (the heater owners)"


@pytest.mark.parametrize("question", ["what minute was that", "which minute did he come on in?"])
def test_a_minute_is_asked_as_a_time_and_a_day_does_not_give_it(question: str) -> None:
    from qa.intent import classify
    from qa.kinds import holds_answer

    assert classify(question).kind == "when"
    assert holds_answer("when", "Mensah replaced Luca Brandt in the 70th minute.", question)
    assert not holds_answer("when", "Rovers beat Dunmore Athletic 3-1 on Saturday.", question)
    assert holds_answer("when", "Rovers beat Dunmore Athletic 3-1 on Saturday.", "what day did they win")
