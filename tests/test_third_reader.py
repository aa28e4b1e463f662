"""Questions a third pass of readers asked, as they typed them: the date of the asked deed (said
in a past form Snowball does not stem, "left" for "leave"), a time of day asked as "what time",
a weekday still to come, an item of the previous answer's list by its place ("the second one"),
"the wildfire one" after a summary, "in 3 lines", a turn the articles said nothing of, "he"
after an answer that names only a club, a refusal whose words the conversation's story also
says, a comparison of two stories' costs, "rise or fall", "atm" for now, what something "cost
them", the stories that quote someone in a role few articles name, a summary of a thread one
headline names, a period's header that says how many of its articles are shown, and a year after
the articles (real MiniLM, real Chroma where an index is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.conversation import standalone
from qa.evidence import ScoredSentence
from qa.index import Index
from qa.intent import asked_part, classify
from qa.kinds import _asked_verb, weekday_date
from qa.passage import Passage
from qa.text import NOT_COVERED, verb_forms
from tests.conftest import newsroom_index


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the chip case's, the wildfire's, the rates', the election's, the strike's, the
    comet's and the museum's articles."""
    prefixes = ("tech-", "wildfire-", "rates-", "election-", "strike-", "comet-", "museum-")
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
        ("when did the strike end", ""),  # a regular past: the stems match "ended" already
        ("when did lumora find the fault", "found"),
        # "bank" and "rate" are nouns here, and "make" says its deed in a noun ("its second rate cut")
        ("When did the central bank make its second rate cut?", ""),
        ("when did mensah get injured", "injured"),  # "get" says little
        ("who left quillon", ""),  # not a "when" question
    ],
)
def test_the_deed_a_when_question_asks_about(question: str, deed: str) -> None:
    forms = _asked_verb(question)
    assert (deed in forms) if deed else not forms, forms


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


_SUMMER = (
    "Between 1 June 2025 and 31 August 2025, 13 articles (10 shown, every story among them):\n\n"
    "Lumora expands heater recall to 480,000 units · 3 June 2025: Lumora Home more than doubled its "
    "space heater recall. [1]\n\n"
    "Central bank cuts rate again, to 4.25% · 5 June 2025: The Central Bank of Eastmere lowered its "
    "main interest rate to 4.25%. [2]\n\n"
    "Cedar Ridge Fire forces 2,500 from homes · 14 July 2025: A fast-moving wildfire forced about "
    "2,500 residents from their homes. [3]"
)
_STORIES = (
    "The main stories, newest first (10 in all):\n\n"
    "Mensah and Rovers (6 articles, 14 September 2025 to 20 November 2025): Kwame Mensah has signed. [1]\n\n"
    "Brightwave and Quillon (6 articles, 4 August 2025 to 12 November 2025): Brightwave Labs filed. [2]"
)


@pytest.mark.parametrize(
    ("listed", "question", "meant"),
    [
        (
            _SUMMER,
            "tell me more about the second one",
            "tell me more about Central bank cuts rate again, to 4.25%",
        ),
        (_SUMMER, "and the last story?", "and Cedar Ridge Fire forces 2,500 from homes?"),
        (_STORIES, "what's the latest on the 2nd one", "what's the latest on Brightwave and Quillon"),
        (_STORIES, "tell me about the fifth one", "tell me about the fifth one"),  # no fifth: as asked
    ],
)
def test_an_item_of_the_previous_list_by_its_place(listed: str, question: str, meant: str) -> None:
    assert standalone(question, [("top stories?", listed)]) == meant


def test_the_other_one_after_a_summary_asks_the_same_of_it() -> None:
    history = [("eastmere rates in 3 lines", "Eastmere central bank: 5 articles. [1]")]
    assert standalone("and the wildfire one", history) == "wildfire in 3 lines"
    asked = classify("eastmere rates in 3 lines")
    assert (asked.kind, asked.subject) == ("summary", "eastmere rates")


def test_a_turn_the_articles_said_nothing_of_is_no_referent() -> None:
    history = [
        (
            "the maritime museum reopened right? when",
            "The Harbour City Museum of Maritime History reopened. [1]",
        ),
        ("how much are tickets", NOT_COVERED),
    ]
    assert "museum" in standalone("what's the ship they have", history).lower()


@pytest.mark.slow
def test_a_periods_header_says_how_many_it_shows(newsroom: Index) -> None:
    got = answer("what happened in 2025", index=newsroom)
    head, *lines = got.text.split("\n\n")
    assert head.startswith("Between 1 January 2025 and 31 December 2025, "), head
    assert head.endswith(f"({len(lines)} shown, every story among them):"), head


@pytest.mark.slow
def test_a_year_after_the_articles_is_what_they_say_of_it(newsroom: Index) -> None:
    got = answer("which stories have something happening in 2027", index=newsroom)
    assert got.answered and got.text.startswith("No articles were published between 1 January 2027"), got.text
    assert "pass within about 40 million kilometres of Earth in March 2027" in got.text
    assert {p.source for p in got.citations} == {"comet-2025-08-02.txt"}
    before = answer("what happened in 2019", index=newsroom)  # before them: nothing to look ahead from
    assert not before.answered and not before.citations
    # only the articles a filter keeps: the chip case's first report names no 2027
    kept = answer(
        "which stories have something happening in 2027", sources=["tech-01-2025-08-04.txt"], index=newsroom
    )
    assert not kept.answered and not kept.citations, kept.text


@pytest.mark.slow
def test_the_latest_there_after_an_item_of_a_list(newsroom: Index) -> None:
    first = "been away all summer (june to aug). top stories?"
    listed = answer(first, index=newsroom)
    history = [(first, listed.text)]
    second = answer("tell me more about the second one", history, index=newsroom)
    assert second.answered and second.citations, second.text
    story = second.citations[0].source.split("-")[0]
    history.append(("tell me more about the second one", second.text))
    got = answer("and what's the latest there", history, index=newsroom)
    assert got.text.startswith("As of "), got.text
    assert all(p.source.startswith(story) for p in got.citations), got.text


def test_he_after_an_answer_that_names_only_a_club_is_the_person_before() -> None:
    history = [
        ("hows mensah doing", "As of 20 November 2025: Kwame Mensah has signed a new contract. [1]"),
        (
            "what was the injury again",
            "The injury happened during Saturday's 2-1 win over Kingsport United. [1]",
        ),
    ]
    assert standalone("is he going to spain?", history) == "is Kwame Mensah going to spain?"


@pytest.mark.slow
def test_a_refusal_in_words_the_conversations_story_says_too_is_asked_of_it(newsroom: Index) -> None:
    # alone, "households" found the central bank's "Household borrowing has slowed"
    first = "whos the lawyer for the residents"
    got = answer("how many households now", [(first, answer(first, index=newsroom).text)], index=newsroom)
    assert got.answered and "from 46 to 112" in got.text.split("[1]")[0], got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "sides"),
    [
        # the museum side had the strike's sentences, which its search found too
        (
            "did the museum revamp cost more than the transit strike cost local businesses",
            (
                "renovation costing 64 million",
                "the total cost of the strike to local businesses at 42 million",
            ),
        ),
        # "cost" read as a price had found no fund, and no price of either
        (
            "which cost more, the museum renovation or the wildfire rebuilding fund",
            ("renovation costing 64 million", "a 25 million rebuilding fund"),
        ),
    ],
)
def test_each_side_of_two_stories_is_told_in_its_own(
    newsroom: Index, question: str, sides: tuple[str, str]
) -> None:
    got = answer(question, index=newsroom)
    assert got.text.startswith("Side by side:"), got.text
    assert all(side in got.text for side in sides), got.text


@pytest.mark.slow
def test_a_summary_of_a_thread_one_headline_names_is_that_article(newsroom: Index) -> None:
    # it was the whole campaign's six ledes, the debate's one among them
    got = answer("brief me on the valdoria tv debate", index=newsroom)
    assert got.text.startswith("Marsh and Ibarra: the one of its 6 articles on that thread."), got.text
    assert {p.source for p in got.citations} == {"election-03-2025-10-14.txt"}
    assert "48,000 homes had been completed" in got.text


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("league position atm?", "league position right now?"),
        ("whats the rate rn", "what is the rate right now?"),
        ("eastmere bank rate rite now?", "eastmere bank rate right now?"),
        ("was the atm at the station damaged", "was the atm at the station damaged?"),  # a cash machine
    ],
)
def test_chat_shorthand_for_now_asks_for_the_latest(typed: str, reads: str) -> None:
    assert asked_part(typed) == reads


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        # the lede says he "told the jury on Tuesday" what he did "after leaving Quillon"
        (
            "when did daniel cho leave quillon",
            "Testifying on the second day of the trial",
            "when he left the company in 2021",
        ),
        (
            "what time were valdoria's results supposed to start coming in",
            "Sunday 19 October 2025: He said results would be announced from about 10 p.m.",
            "",
        ),
        # it had been refused: "for 'eastmere rise' (they give 'eastmere fell')"
        ("did unemployment in eastmere rise or fall this year", "Unemployment stood at 5.4% in July.", ""),
        # "said Priya Lanthorn, a professor of employment law" scores 0.29 for the topic, a quotation
        ("which stories quote a professor", "1 story:", "a professor of employment law"),
        # read as a price ("sold for"), it was refused: "(they give no price for it)"
        (
            "what did quillons ceo say the tech cost them",
            "Quillon chief executive Elias Brandt testified",
            "340 million",
        ),
    ],
)
def test_what_a_third_reader_asked(newsroom: Index, question: str, lead: str, said: str) -> None:
    got = answer(question, index=newsroom)
    assert got.answered and got.text.startswith(lead), got.text
    assert said in got.text.split("[1]")[0], got.text
