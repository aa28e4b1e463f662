"""Follow-up questions: rewritten from the history so retrieval finds the right passage."""

from __future__ import annotations

from datetime import date

import pytest

import qa
from qa.conversation import asks_outcome, outcome_event, standalone, turns
from qa.intent import classify
from qa.settings import Settings
from tests.conftest import RUSSIA_UN, US_WITHDRAWS

AMBASSADOR = (
    "Who is Russia's ambassador to the UN?",
    "Russia’s ambassador to the United Nations, Vassily Nebenzia, claimed Zelensky was the main "
    "obstacle to peace [1]\n\n**Sources**\n\n**[1] U.S. Threatens to Withdraw**",
)


def test_history_formats() -> None:
    messages = [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": "a1"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
    ]
    assert turns(messages) == [("q1", "a1"), ("q2", "a2")]
    assert turns([("q1", "a1")]) == [("q1", "a1")]
    assert turns([]) == []


def test_pronoun_is_replaced_by_the_person_named_in_the_last_answer() -> None:
    assert (
        standalone("What did he accuse Zelensky of?", [AMBASSADOR])
        == "What did Vassily Nebenzia accuse Zelensky of?"
    )
    assert standalone("What was his warning?", [AMBASSADOR]) == "What was Vassily Nebenzia's warning?"


def test_organisations_are_not_taken_for_people() -> None:
    history = [
        ("What did the State Department say?", "The State Department said Tammy Bruce would brief [1]")
    ]
    assert standalone("What did she say next?", history) == "What did Tammy Bruce say next?"


@pytest.mark.parametrize(
    ("previous", "answer", "follow_up", "expected"),
    [
        # after a question about a named person, "he" is still that person, not the first
        # two-word name of the answer (a team, a party, a rival)
        (
            "When was Mensah injured?",
            "Mensah tore his right hamstring against Kingsport United on September 13. [1]",
            "Did he need an operation?",
            "Did Mensah need an operation?",
        ),
        (
            "When did Mensah come on against Dunmore?",
            "Mensah replaced Luca Brandt in the 70th minute, to a standing ovation. [1]",
            "How many goals did he have by then?",
            "How many goals did Mensah have by then?",
        ),
        (
            "What did Ibarra say when he conceded?",
            '"I congratulate the prime minister," Ibarra said outside the People\'s Front headquarters. [1]',
            "What did he demand on election night?",
            "What did Ibarra demand on election night?",
        ),
        # the question's one-word name, said in full where the answer gives it
        (
            "Why did Okafor reject the offer?",
            "Dana Okafor, the union's general secretary, said it was not enough. [1]",
            "What did she say next?",
            "What did Dana Okafor say next?",
        ),
        # after "who", the person is the answer's
        (
            "Who mediated the transit talks?",
            "The mediator, Samuel Oduya, a former labour court registrar, said both sides agreed. [1]",
            "What deal did he announce?",
            "What deal did Samuel Oduya announce?",
        ),
        # a name with a possessive inside is a thing owned, not a person; its owner may be one
        (
            "Who leads the Green Union?",
            "A poll put Marsh's Civic Alliance on 41%, the Green Union, led by Sofia Lark, on 9%. [1]",
            "What does she want?",
            "What does Sofia Lark want?",
        ),
        (
            "Who moved ahead in the October poll?",
            "Jorge Ibarra's People's Front has moved ahead of Helena Marsh's Civic Alliance. [1]",
            "What did he promise on rents?",
            "What did Jorge Ibarra promise on rents?",
        ),
        # an owner ("Lumora's") is no person: the answer's name is taken
        (
            "What did Lumora's chief executive say?",
            "Chief executive Nadia Ferrant said the company would pay. [1]",
            "Who did she blame?",
            "Who did Nadia Ferrant blame?",
        ),
    ],
)
def test_a_pronoun_means_the_person_the_conversation_is_about(
    previous: str, answer: str, follow_up: str, expected: str
) -> None:
    assert standalone(follow_up, [(previous, answer)]) == expected


def test_questions_that_stand_alone_are_unchanged() -> None:
    assert standalone("Who did Trump send to Moscow?", [AMBASSADOR]) == "Who did Trump send to Moscow?"
    assert standalone("What did he accuse Zelensky of?", []) == "What did he accuse Zelensky of?"


def test_short_follow_up_carries_the_topic() -> None:
    assert (
        standalone("Why?", [("What did Vance say about Russia?", "Vance said [1]")]) == "Why? (Vance Russia)"
    )
    # "it" is the thing the previous question asked about, lower-case words included
    history = [("How much did the jury award Quillon?", "310 million [1]")]
    assert standalone("Why was it reduced?", history) == "Why was it reduced? (jury award Quillon)"


@pytest.mark.parametrize(
    ("previous", "follow_up", "expected"),
    [
        ("What did Vance say about Russia?", "And Ukraine?", "What did Vance say about Ukraine?"),
        (
            "Who won the men's race at the Eastmere Marathon?",
            "And the women's race?",
            "Who won the women's race at the Eastmere Marathon?",
        ),
        (
            "Who is Brightwave's chief executive?",
            "What about Quillon's?",
            "Who is Quillon's chief executive?",
        ),
        ("Who is Ashbury Rovers' manager?", "How about Dunmore's?", "Who is Dunmore's manager?"),
        (
            "How many seats did the Civic Alliance win?",
            "And the People's Front?",
            "How many seats did the People's Front win?",
        ),
        (
            "Who is the governor of the Central Bank of Eastmere?",
            "And the deputy governor?",
            "Who is the deputy governor of the Central Bank of Eastmere?",
        ),
        ("What was the rate in April?", "And in June?", "What was the rate in June?"),
        (
            "What did Lumora say about the switch?",
            "What about Kestrel?",
            "What did Kestrel say about the switch?",
        ),
    ],
)
def test_a_verbless_follow_up_asks_the_previous_question_of_its_new_thing(
    previous: str, follow_up: str, expected: str
) -> None:
    assert standalone(follow_up, [(previous, "An answer. [1]")]) == expected


def test_leaning_on_the_previous_turn_only_when_asked() -> None:
    history = [
        ("Which club was Mensah joining?", "Rovers denied that Kwame Mensah would join Castellano CF. [1]")
    ]
    question = "How much was the fee supposed to be?"
    assert standalone(question, history) == question
    assert standalone(question, history, lean=True) == f"{question} (club Mensah joining)"


def test_a_follow_up_with_its_own_verb_is_not_elided() -> None:
    history = [("How many homes did the Cedar Ridge Fire destroy?", "340 homes [1]")]
    assert standalone("And how many were damaged?", history) == "And how many were damaged?"


FOLLOW_UPS = [
    # (first question, follow-up, article and text the follow-up must retrieve)
    (
        "Who is Russia's ambassador to the UN?",
        "What did he accuse Zelensky of?",
        RUSSIA_UN,
        "accusing him of rejecting",
    ),
    (
        "What did Senator Shaheen say about Trump's negotiations?",
        "What did she warn about Crimea?",
        RUSSIA_UN,
        "recognizing Russia’s annexation of Crimea",
    ),
    (
        "Who did Trump send to Moscow as his envoy?",
        "What did he write to Putin after the Kyiv strike?",
        RUSSIA_UN,
        "Vladimir, STOP",
    ),
    (
        "How did Vice President Vance describe the war?",
        "What did he say the U.S. cannot do?",
        US_WITHDRAWS,
        "cannot force peace",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("first", "follow_up", "source", "text"), FOLLOW_UPS, ids=[f[1] for f in FOLLOW_UPS])
def test_follow_up_retrieves_the_passage(
    use_seeded: Settings, first: str, follow_up: str, source: str, text: str
) -> None:
    previous = qa.answer(first)
    answer = qa.answer(follow_up, [(first, previous.text)])
    assert answer.answered
    assert any(p.source == source and text in p.text for p in answer.citations), answer.text


@pytest.mark.parametrize(
    ("previous", "follow_up", "expected"),
    [
        (
            "When did the transit strike begin?",
            "And when did it end?",
            "And when did the transit strike end?",
        ),
        (
            "How big did the Cedar Ridge Fire get?",
            "how many people died in it",
            "how many people died in the Cedar Ridge Fire",
        ),
        ("When did the Lumora recall start?", "is it over?", "is the Lumora recall over?"),
        # the thing "who" did: what "it" then means
        ("who led the flood inquiry?", "what did it find?", "what did the flood inquiry find?"),
    ],
)
def test_it_is_the_subject_of_the_previous_question(previous: str, follow_up: str, expected: str) -> None:
    assert standalone(follow_up, [(previous, "Some answer. [1]")]) == expected


@pytest.mark.parametrize(
    "previous",
    [
        "What is the transit strike about?",  # ends on a preposition
        "When was Mensah injured?",  # a participle
        "When did Quillon sue Brightwave?",  # the last word is a name, not the verb
        "How many heaters did Lumora recall at first?",  # a preposition inside
    ],
)
def test_no_subject_is_taken_from_a_question_that_has_no_plain_one(previous: str) -> None:
    got = standalone("And when did it end?", [(previous, "Some answer. [1]")])
    assert got.startswith("And when did it end? (")


def test_her_before_a_noun_is_the_persons() -> None:
    told = "The lawsuit, filed on Tuesday by Carla Duvall, says Lumora kept selling the model. [1]"
    history = [("who sued Lumora over the heaters?", told)]
    assert standalone("what happened to her heater?", history) == "what happened to Carla Duvall's heater?"
    assert standalone("what did Lumora tell her?", history) == "what did Lumora tell Carla Duvall?"
    assert standalone("did they pay her to settle?", history) == "did they pay Carla Duvall to settle?"


@pytest.mark.parametrize(
    "question",
    [
        "did it work?",
        "And what happened next?",
        "so how did it turn out in the end?",
        "what came of that?",
        "was it successful?",
        "What was the outcome?",
        "and did it go ahead?",
        "what did that lead to?",
        "what happened to it?",
        "what became of them?",
    ],
)
def test_outcome_questions_are_recognised(question: str) -> None:
    assert asks_outcome(question)
    assert outcome_event(question, [("q", "The event happened. [1]\n\n**Sources**\n\n[1] x")]) == (
        "q",
        "The event happened.",
    )


@pytest.mark.parametrize(
    "question",
    ["did it hurt?", "How did that story end?", "what happened to her heater?", "Did the members accept it?"],
)
def test_other_questions_are_no_outcome_questions(question: str) -> None:
    assert not asks_outcome(question)


@pytest.mark.parametrize(
    ("question", "has_period"),
    [
        ("what happened to Carla Duvall's heater?", False),
        ("what happened to Carla Duvall's heater in February?", True),
        ("What happened to his contract?", False),
    ],
)
def test_what_happened_to_someones_thing_is_a_fact(question: str, has_period: bool) -> None:
    assert classify(question, has_period=has_period).kind == "fact"
    assert classify("What happened to Brightwave?").kind == "summary"


def test_a_follow_up_keeps_the_previous_question_s_period_not_its_context_words() -> None:
    """ "(second half march)", the context a reference gets, is no "second half" of the year."""
    from qa.question import understand

    got = understand(
        "what happened to it?",
        [("what happened in the second half of march 2025", "The deal was reached. [1]")],
    )
    assert (got.period.after, got.period.before) == (date(2025, 3, 16), date(2025, 3, 31))


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("how many came back?", True),
        ("and how many have been sent back?", True),
        ("how many died", True),
        ("how many homes burned in the fire?", False),
        ("how many recalled heaters have been returned?", False),
        ("And how many were damaged?", False),  # other homes than the destroyed ones asked before
    ],
)
def test_a_count_of_nothing_named_leans_on_the_conversation(question: str, leans: bool) -> None:
    from qa.conversation import needs_context

    assert needs_context(question) is leans


def test_the_verb_after_how_many_is_no_unit() -> None:
    from qa.kinds import asked_unit

    # "how many came back?" was refused: "they give no figure for came"
    assert asked_unit("how many came back?") == set()
    assert asked_unit("how many have been sent back?") == set()
    assert asked_unit("how many homes burned?") == {"home"}


@pytest.mark.parametrize(
    ("previous", "follow_up", "expected"),
    [
        (
            "How many homes were flooded in Kessing at first?",
            "and how many a few days later?",
            "How many homes were flooded in Kessing a few days later?",
        ),
        ("How many heaters were recalled?", "how many now?", "How many heaters were recalled now?"),
    ],
)
def test_a_count_asked_again_at_another_time(previous: str, follow_up: str, expected: str) -> None:
    assert standalone(follow_up, [(previous, "Some answer. [1]")]) == expected


def test_a_count_at_another_time_needs_a_count_before_it() -> None:
    got = standalone("and how many a few days later?", [("Who won the election?", "Marsh won. [1]")])
    assert got != "Who won the election? a few days later?"
