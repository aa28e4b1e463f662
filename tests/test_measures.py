"""The measure a question asks for, and the clause that gives it (``qa.measures``)."""

from __future__ import annotations

import pytest

from qa.measures import asked_measure, asked_unit_of_measure, gives_measure, units_given


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("What is the population of Harbour City?", "population"),
        ("What's Harbour City's population?", "population"),
        ("what is harbour city's population", "population"),
        ("What was the attendance at the cup final?", "attendance"),
        ("What magnitude will the comet reach?", "magnitude"),
        ("How much is a single tram fare?", "fare"),
        ("How much rain fell overnight?", "rain"),
        ("How deep is the new tunnel?", "depth"),
        ("How heavy is the statue?", "weight"),
        ("How fast was the train going?", "speed"),
    ],
)
def test_the_measure_is_read_from_the_question(question: str, measure: str) -> None:
    got = asked_measure(question)
    assert got is not None and got[0] == measure


@pytest.mark.parametrize(
    "question",
    [
        "What was the price tag of the renovation?",  # no family lists it: other checks read money
        "What is the number of homes destroyed?",  # any figure's
        "How high is inflation?",  # a level, not a height
        "How fast is the fire growing?",  # a change, not a speed
        "What is the name of the schooner?",
        "What caused the fire?",
        "what are the museum opening hours",  # hours give a speed ("miles per hour"), not ask one
    ],
)
def test_no_measure_is_asked(question: str) -> None:
    assert asked_measure(question) is None


@pytest.mark.parametrize(
    ("question", "text", "gives"),
    [
        ("What is the population of Eastvale?", "Eastvale, a town of 40,000 inhabitants, voted no.", True),
        ("What is the population of Eastvale?", "About 1,900 drivers are covered by the agreement.", False),
        # the figure and the family's word must share a clause: wages are not what 9% is of
        (
            "What is the average salary of a driver?",
            "The union is demanding a 9% pay rise, arguing that wages have fallen behind rents.",
            False,
        ),
        ("What is the average salary of a driver?", "Drivers earn about 31,000 a year.", True),
        ("How deep is the lake?", "The lake is 40 metres deep at its centre.", True),
        ("How deep is the lake?", "The lake, 40 kilometres long, froze over.", False),
        ("What was the crowd at the final?", "A crowd of 27,400 watched the match.", True),
        ("What was the crowd at the final?", "Rovers won 2-1 with goals from Brandt and Osei.", False),
    ],
)
def test_a_clause_gives_the_measure_by_a_word_of_its_family(question: str, text: str, gives: bool) -> None:
    measure = asked_measure(question)
    assert measure is not None
    assert gives_measure(text, measure[1]) is gives


def test_the_size_of_a_change_is_no_measure() -> None:
    assert asked_measure("What was the magnitude of the share price fall?") is None


def test_a_price_is_no_sales_figure() -> None:
    measure = asked_measure("What were the company's sales last year?")
    assert measure is not None
    assert not gives_measure("The Glow 3 Mini, sold for about 59, went on sale in 2024.", measure[1])
    assert gives_measure("Its sales rose to 210,000 units last winter.", measure[1])


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how close will the new comet get to earth in miles?", ("length", "miles")),
        ("How many hectares has the fire burned?", ("area", "hectares")),
        ("what is the fire's size in square kilometres", ("area", "square kilometres")),
        ("how heavy is the telescope in pounds", ("mass", "pounds")),
        ("How many homes burned in July?", None),  # a month, not a unit
        ("How many people live in Harbour City?", None),
    ],
)
def test_the_unit_a_figure_is_asked_in(question: str, asked: tuple[str, str] | None) -> None:
    assert asked_unit_of_measure(question) == asked


def test_the_units_a_sentence_gives_figures_in() -> None:
    text = "It will pass within about 40 million kilometres of Earth, seen by a 1.8-metre telescope."
    assert units_given(text, "length") == {"kilometres", "metres"}
    assert units_given("The fire has burned about 9,800 acres.", "area") == {"acres"}
    assert units_given("The fire has burned about 9,800 acres.", "length") == set()
    assert units_given("Miles of queues formed.", "length") == set()  # no figure before it
