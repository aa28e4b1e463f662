"""Follow-ups after a party's reaction and after an unnamed person (real MiniLM, real Chroma):
"they" and "the company" are the party the previous answer brought in, whose reply is the next
sentence where it speaks, in the same report or a later one of the story; "he" of an answer that
names no one is the story's person. Near misses stay refused or fall back to the usual path."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.conversation import reaction_party, standalone
from qa.index import Index
from tests.conftest import newsroom_index

pytestmark = pytest.mark.slow

BLAMED = 'She said "the tip-over switch had been supplied by Kestrel Components".'
CAUSE = (
    "A Northvale Power distribution line that touched a dead pine tree started the Cedar Ridge Fire, "
    "state fire investigators concluded on Friday, a finding that strengthens a lawsuit brought by "
    "residents who lost their homes. [1]"
)
OUT = 'He "will be out for about eight weeks, the club said".'


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the striker's, the heater recall's and the wildfire's articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("react")), ("football-", "lumora-", "wildfire-"))


def test_the_party_is_the_name_the_previous_answer_brought_in() -> None:
    history = [("who did the heater maker's boss blame for the switch?", BLAMED)]
    assert reaction_party("how did they hit back?", history) == (
        history[0][0],
        BLAMED,
        ("Kestrel Components",),
    )
    # a question that asks no reaction, or of a person, is not one
    assert reaction_party("when was the switch made?", history) is None
    assert reaction_party("what did she say back?", history) is None
    assert reaction_party("how did they react?", []) is None


@pytest.mark.parametrize(
    ("previous", "told", "follow_up", "expected"),
    [
        (
            "which supplier did Lumora blame for the faulty switch?",
            BLAMED,
            "so how did they reply",
            "met every",
        ),
        (
            "what caused the Cedar Ridge fire?",
            CAUSE,
            "what did the utility make of that?",
            "contest the findings",
        ),
    ],
)
def test_a_reaction_is_the_partys_next_sentence(
    newsroom: Index, previous: str, told: str, follow_up: str, expected: str
) -> None:
    got = answer(follow_up, [(previous, told)], index=newsroom)
    assert got.answered
    assert expected in got.text, got.text
    assert got.citations and got.citations[0].quotes


def test_he_of_an_answer_that_names_no_one_is_the_storys_person(newsroom: Index) -> None:
    history = [("how long will the Rovers striker miss with that injury?", OUT)]
    assert "Kwame Mensah" in standalone("and when was he back playing?", history, catalog=newsroom.catalog())
    got = answer("and when was he back playing?", history, index=newsroom)
    assert got.answered
    assert "Dunmore" in got.text, got.text


RETURN = (
    "Kwame Mensah marked his return from injury with a goal eight minutes after coming on as a substitute, "
    "as Ashbury Rovers beat Dunmore Athletic 3-1 on Saturday. [1]"
)


def test_a_reaction_the_articles_never_give_is_not_made_up(newsroom: Index) -> None:
    # a party of its own, not the previous answer's: no reply is looked for
    assert (
        reaction_party("how did the weather service respond to that", [("what caused the fire?", CAUSE)])
        is None
    )
    # Dunmore Athletic never answers the defeat: the reply rule finds nothing and the question
    # goes the usual way, which does not pass off another party's words as Dunmore's
    history = [("who did Rovers beat on Mensah's comeback?", RETURN)]
    parties = reaction_party("and how did the other side react?", history)
    assert parties is not None and parties[2][0] == "Dunmore Athletic"
    got = answer("and how did the other side react?", history, index=newsroom)
    assert not got.text.startswith("Dunmore"), got.text
