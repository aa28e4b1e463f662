"""Questions of a reader's own about another world's articles (``bench/unseen``: a dock strike,
a flood, a data breach, a mayoral race, a striker's transfer): a reason told only by the one who
acted, a list's story told by a denial or by another word, a count tied to what was done to
what is counted, what one side of a comparison did, a duration written as one word, a past
weekday for "when will", and who paid for the thing asked (real MiniLM, real Chroma)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.index import Index
from tests.conftest import UNSEEN, UNSEEN_STORIES, newsroom_index


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the other world's articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("world")), UNSEEN_STORIES, UNSEEN)


def test_a_reason_told_by_the_one_who_acted_answers_why(world: Index) -> None:
    # "Reinholt said he had "no realistic path to victory"" holds no cause word
    got = answer("Why did Reinholt quit the race?", index=world)
    assert got.answered, got.text
    assert "no realistic path to victory" in got.text.split("[1]")[0]


def test_a_promise_or_a_denial_is_no_reason(world: Index) -> None:
    got = answer("why did Lanz resign?", index=world)
    assert got.answered, got.text
    assert got.text.split("[1]")[0].count("to allow the company to rebuild trust") == 1


def test_a_list_quotes_what_happened_not_its_denial(world: Index) -> None:
    got = answer("Which people resigned?", index=world)
    assert got.answered, got.text
    assert "Katrin Wollan resigned" in got.text
    assert "announced his resignation" in got.text
    assert "no plans to resign" not in got.text


def test_a_list_of_fines_is_no_list_of_things_that_are_fine(world: Index) -> None:
    got = answer("Which companies were fined?", index=world)
    assert "Stocks are fine" not in got.text
    assert any(c.source.startswith("breach-") for c in got.citations)


def test_a_count_of_what_was_done_leads_with_the_deed(world: Index) -> None:
    # "1,150 customers had reported attempted fraud" scored 0.85 against the lede's 0.77
    got = answer("How many customers were affected by the Corvel breach?", index=world)
    assert got.answered, got.text
    assert "affected about 1.3 million customers" in got.text.split("[1]")[0]


def test_a_side_is_told_by_its_own_deed(world: Index) -> None:
    got = answer("How does the final pay deal compare with what the dock union first demanded?", index=world)
    assert got.answered, got.text
    assert "demanding a 9 percent pay rise" in got.text
    assert "6.5 percent" in got.text


def test_a_duration_written_as_one_word_answers_how_long(world: Index) -> None:
    got = answer("how long did the dock strike last?", index=world)
    assert got.answered, got.text
    assert "32-day strike" in got.text.split("[1]")[0]


def test_a_weekday_before_its_article_is_no_date_ahead(world: Index) -> None:
    # "The Harlow Bridge ... partly collapsed on Tuesday": a past Tuesday, not when it reopens
    got = answer("When will the new Harlow Bridge open?", index=world)
    assert not got.answered, got.text
    assert "no date ahead" in got.text


def test_who_paid_is_answered_of_the_thing_asked(world: Index) -> None:
    got = answer("who paid for the new museum?", index=world)
    assert got.answered, got.text
    assert got.text.startswith("The national government paid 70 percent of the final bill"), got.text
    # the tunnel's article says who built it, not who paid: a football club's fee is no answer
    tunnel = answer("who paid for the tunnel?", index=world)
    assert not tunnel.answered, tunnel.text


def test_a_persons_age_is_said_beside_the_name(world: Index) -> None:
    # "has been a city councillor since 2014" (the newest article) is the age of her seat
    got = answer("How old is Sunniva Achterberg?", index=world)
    assert got.answered, got.text
    assert got.text.startswith("Achterberg, 46,"), got.text


@pytest.mark.parametrize(
    ("previous", "said", "question", "meant"),
    [
        (
            "what happened at Corvel?",
            "More than 4,000 Corvel Telecom customers filed a class action on Tuesday, hours after chief "
            "executive Viktor Lanz announced his resignation. [1]",
            "when does he leave?",
            "when does Viktor Lanz leave?",
        ),
        (
            "what went wrong at the airline?",
            "Aurelle Airways said on Monday that chief executive Tomas Brandt would step down. [1]",
            "why is he leaving?",
            "why is Tomas Brandt leaving?",
        ),
    ],
)
def test_he_after_a_company_and_its_chief_is_the_chief(
    previous: str, said: str, question: str, meant: str
) -> None:
    from qa.conversation import standalone

    assert standalone(question, [(previous, said)]) == meant


@pytest.mark.parametrize(
    "question", ["What is the new salamander called?", "what's the name of the new salamander species?"]
)
def test_a_name_asked_for_is_the_sentence_that_gives_one(world: Index, question: str) -> None:
    # the discovery's lede (0.85) says "a new species" and names none; "named ..." scored 0.39
    got = answer(question, index=world)
    assert got.answered, got.text
    assert got.text.startswith("The animal, named Speleomolge dunmerensis"), got.text


def test_a_measure_asked_by_its_adjective_is_given_by_its_superlative(world: Index) -> None:
    got = answer("how deep is the tunnel?", index=world)
    assert got.answered, got.text
    assert got.text.startswith("At its deepest point the tunnel lies 62 metres below sea level."), got.text


def test_a_figure_asked_of_now_from_the_newest_article_is_answered_as_found(world: Index) -> None:
    # a one-article story's figure is the newest already: no "As of" report with the museum's
    # visitor forecast beside it
    got = answer("what is the museum's ticket price?", index=world)
    assert got.answered, got.text
    assert got.text.startswith("Tickets cost 15 crowns for adults."), got.text
    assert "250,000" not in got.text
