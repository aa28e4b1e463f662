"""Question cues: what a question pins down and the kind of answer it wants, and how passages score."""

from __future__ import annotations

import pytest

from qa.cues import ANSWER_WEIGHT, CONSTRAINT_WEIGHT, cues


@pytest.mark.parametrize(
    ("question", "years", "quarters", "wants"),
    [
        ("What was Tesla's revenue in Q1 2021?", {"2021"}, {"1"}, "amount"),
        ("How much did Acme earn in the third quarter of 2019?", {"2019"}, {"3"}, "amount"),
        ("When was Diablo 3 released?", set(), set(), "date"),
        ("What is the release date of Xenoblade Chronicles 2?", set(), set(), "date"),
        ("Who won the 2017 French presidential election?", {"2017"}, set(), ""),
        ("Who is Russia's ambassador to the UN?", set(), set(), ""),
    ],
)
def test_cues_of_a_question(question: str, years: set[str], quarters: set[str], wants: str) -> None:
    found = cues(question)
    assert (set(found.years), set(found.quarters), found.wants) == (years, quarters, wants)
    assert bool(found) == bool(years or quarters or wants)


def test_a_question_without_cues_changes_nothing() -> None:
    assert cues("Who is Russia's ambassador to the UN?").score("Vassily Nebenzia said in 2023 ...") == 0.0


def test_the_asked_year_and_quarter_move_a_passage_up_and_others_down() -> None:
    asked = cues("What was Acme's revenue in Q1 2021?")
    right = asked.score("Acme took in $10.4 billion in Q1 2021.")
    other_quarter = asked.score("Acme took in $6 billion in Q2 2021.")
    other_year = asked.score("Acme took in $18.8 billion in the first quarter of 2022.")
    no_figures = asked.score("Acme said its revenue grew.")
    assert right == pytest.approx(CONSTRAINT_WEIGHT + ANSWER_WEIGHT)
    assert other_quarter == pytest.approx(ANSWER_WEIGHT)  # year agrees, quarter does not
    assert other_year == pytest.approx(ANSWER_WEIGHT)  # quarter agrees, year does not
    assert no_figures == 0.0
    assert asked.score("Acme sold 5 cars in Q3 2019.") == pytest.approx(-CONSTRAINT_WEIGHT)


def test_a_dateline_dates_the_passage_but_does_not_answer_when() -> None:
    when = cues("When was Gizmo 3 released in 2012?")
    dateline_only = "May 16, 2012 ... Gizmo 3 was a mess at launch."
    assert when.score(dateline_only) == pytest.approx(CONSTRAINT_WEIGHT)  # 2012 agrees; no release date
    answered = "Mar 15, 2014 ... Gizmo 3 went on sale on May 15, 2012 at midnight."
    assert when.score(answered) == pytest.approx(CONSTRAINT_WEIGHT + ANSWER_WEIGHT)


@pytest.mark.parametrize("date", ["May 15, 2012", "November 21 of 1998", "15 May 2012", "Dec. 1st, 2017"])
def test_dates_in_the_usual_forms_answer_when(date: str) -> None:
    assert cues("When was it released?").score(f"It came out on {date}.") == pytest.approx(ANSWER_WEIGHT)


def test_the_publication_date_counts_towards_the_year() -> None:
    asked = cues("Who won the 2019 Maxwell Award?")
    assert asked.score("Joe Burrow won the award.", published="2019-12-13") == pytest.approx(
        CONSTRAINT_WEIGHT
    )
    assert asked.score("Joe Burrow won the award.", published="2020-12-13") == pytest.approx(
        -CONSTRAINT_WEIGHT
    )
    assert asked.score("Joe Burrow won the award.") == 0.0
