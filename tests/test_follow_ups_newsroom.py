"""Follow-ups over the news-reader articles (real MiniLM, real Chroma): one that found nothing
alone is asked again with the previous question's words, and an off-topic one is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.conversation import speaker_asked
from qa.filters import Filters
from qa.index import Index
from qa.thread import story_filters
from tests.conftest import newsroom_index

pytestmark = pytest.mark.slow

ROVERS_DENY = (
    "Ashbury Rovers on Friday denied a report that injured striker Kwame Mensah had agreed to join the "
    "Spanish club Castellano CF in the January transfer window. [1]"
)
LUMORA_FINED = (
    "The National Product Safety Commission fined Lumora Home 12 million on Tuesday for failing to report "
    "its heater defect in time, and the company's chief executive told lawmakers the fault lay with a "
    "switch made by one of its suppliers. [1]"
)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the striker's and the heater recall's 12 articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("follow")), ("football-", "lumora-"))


@pytest.mark.parametrize(
    ("previous", "told", "follow_up", "expected"),
    [
        # a short follow-up: the name the earlier answer left out
        (
            "What did Rovers say about the Castellano report?",
            ROVERS_DENY,
            "which newspaper?",
            "Diario Continental",
        ),
        # no reference word, but nothing found alone: asked again with the previous question's words
        (
            "Which club was Mensah supposedly joining?",
            ROVERS_DENY,
            "how much was the fee supposed to be",
            "40 million",
        ),
    ],
)
def test_a_follow_up_is_answered_from_the_conversations_story(
    newsroom: Index, previous: str, told: str, follow_up: str, expected: str
) -> None:
    got = answer(follow_up, [(previous, told)], index=newsroom)
    assert got.answered
    assert expected in got.text, got.text
    assert got.citations


def test_an_off_topic_follow_up_is_still_refused(newsroom: Index) -> None:
    got = answer(
        "What's the weather like on the weekend?",
        [("Why was Lumora fined in June?", LUMORA_FINED)],
        index=newsroom,
    )
    assert not got.answered
    assert not got.citations


@pytest.fixture(scope="module")
def disputes(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the transit strike's, the election's and the patent fight's 18 articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("outcome")), ("strike-", "election-", "tech-"))


@pytest.mark.parametrize(
    ("previous", "told", "follow_up", "expected", "dated"),
    [
        (
            "what did the transit authority do to try to stop the strike",
            "The Harbour City Transit Authority filed a lawsuit against the transit workers union on Friday, "
            "asking the district court for an injunction that would order drivers back to work while the pay "
            "dispute is settled. [1]",
            "did it work?",
            "refused the Harbour City Transit Authority's request for an injunction",
            "Later, on 12 March 2025:",
        ),
        # the answer's sentence tells of two things: the clause the question asked about decides
        (
            "What did the People's Front do about the postal ballot deadline?",
            "The final Herald poll before Sunday's election put the Civic Alliance on 42% and the People's "
            "Front on 41%, a statistical tie, as the People's Front filed a lawsuit challenging the deadline "
            "for postal ballots. [1]",
            "and what happened next?",
            "lost its lawsuit",
            "Later, on 20 October 2025:",
        ),
        # the later article leads with the outcome and repeats the request's words further down
        (
            "What did Quillon say it would ask the court to do?",
            '"We will now ask the court to stop the sale of infringing chips." [1]',
            "So what came of that?",
            "refused Quillon's request to ban sales",
            "Later, on 29 October 2025:",
        ),
    ],
)
def test_an_outcome_follow_up_quotes_the_later_report_of_the_event(
    disputes: Index, previous: str, told: str, follow_up: str, expected: str, dated: str
) -> None:
    got = answer(follow_up, [(previous, told)], index=disputes)
    assert got.answered
    assert got.text.startswith(dated), got.text
    assert expected in got.text, got.text
    assert all(c.quotes for c in got.citations)


def test_an_outcome_follow_up_without_a_later_article_is_answered_as_before(disputes: Index) -> None:
    told = (
        "Harbour City transit workers voted on Thursday to accept the 6.5% pay deal that ended their strike, "
        "and the transit authority said it would withdraw its lawsuit against the union. [1]"
    )
    got = answer("what happened next?", [("Did the workers accept the deal?", told)], index=disputes)
    assert not got.text.startswith("Later, on")


def test_an_outcome_still_to_come_is_one_of_who_the_question_asks_of(disputes: Index) -> None:
    # "an appeal ruling was unlikely before late 2026" is the Court of Appeal's outcome, still to
    # come; the jury's verdict of 7 October is not, though the same sentence scored best for it
    jury = answer("what did the jury decide in the chip case", index=disputes)
    assert jury.answered and "A jury in the Carrow District Court found" in jury.text.split("[1]")[0], (
        jury.text
    )
    for question in (
        "What did the Court of Appeal decide in the Brightwave case?",
        "what did the court of appeal rule on brightwave's appeal",
    ):
        appeal = answer(question, index=disputes)
        assert not appeal.answered and "still has it to come" in appeal.text, appeal.text
    review = answer("What did the mayor's independent review of the transit strike find?", index=disputes)
    assert not review.answered and "still has it to come" in review.text


@pytest.fixture(scope="module")
def strike_and_comet(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return newsroom_index(Path(tmp_path_factory.mktemp("strike-comet")), ("strike-", "comet-"))


def test_a_follow_up_in_a_word_the_story_lacks_is_asked_of_the_story_first(strike_and_comet: Index) -> None:
    # the strike's articles never say "leads"; the comet's do ("Dr Anneke Voss, who leads the
    # observatory's survey programme"), which came first before: the story is now tried first
    disputes = strike_and_comet
    told = (
        "Harbour City's buses and trams stood still on Monday as about 1,900 transit workers began an "
        "open-ended strike over pay. [1]"
    )
    history = [("When did the transit strike start?", told)]
    narrowed, first_try = story_filters("Who leads the union?", history, disputes, Filters())
    assert narrowed is not None and first_try
    got = answer("Who leads the union?", history, index=disputes)
    assert got.answered and "Dana Okafor" in got.text, got.text
    assert all(c.source.startswith("strike-") for c in got.citations), got.text


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("who said that?", True),
        ("and who said so", True),
        ("says who?", True),
        ("whose words are those?", True),
        ("who said the strike would end?", False),  # a question of its own
    ],
)
def test_who_said_the_previous_quote_is_read_as_such(question: str, asks: bool) -> None:
    assert (speaker_asked(question, [("q", "a")]) is not None) is asks


def test_who_said_that_names_the_speaker_a_sentence_back(strike_and_comet: Index) -> None:
    # "She said the union's strike fund ..." is Dana Okafor's, named in the sentence before it
    told = "The union's strike fund could support members for at least four weeks [1]."
    got = answer(
        "who said that?", [("could the strikers afford to stay out for long?", told)], index=strike_and_comet
    )
    assert got.answered and "Dana Okafor" in got.text and "strike fund" in got.text, got.text
    assert [c.source for c in got.citations] == ["strike-02-2025-03-03.txt"]


def test_he_is_the_person_the_previous_question_named_in_any_case(newsroom: Index) -> None:
    # typed in lower case, "kwame mensah's" named no one to the conversation rule, and "he" became
    # the first name of the answer, "Ashbury Rovers"; the possessive stayed on the name too
    first = "tell me about kwame mensah's injury"
    got = answer("when did he come back", [(first, answer(first, index=newsroom).text)], index=newsroom)
    assert got.standalone == "when did Kwame Mensah come back?"
    assert "November 8" in got.text.split("[2]")[0], got.text
    # a clause of time says which day's report answers: not the newest ("has scored 42 goals"), nor
    # the one that repeats "come back" ("would 'come back stronger'")
    scored = answer(
        "did he score when he came back?", [(first, ""), ("when did he come back", got.text)], index=newsroom
    )
    assert scored.text.startswith("Kwame Mensah marked his return from injury with a goal"), scored.text


def test_a_single_name_asked_of_is_the_person_not_the_storys_other_one(newsroom: Index) -> None:
    # "He signed until 2029" names no one, which sent "he" to the story's most named person other
    # than the question's own words: those are a team's ("the Rovers striker"), not Mensah himself
    from qa.conversation import standalone

    catalog = newsroom.catalog()
    told = "Yes, he signed until June 2029."
    assert standalone("how old is he?", [("did Mensah sign a new contract?", told)], catalog=catalog) == (
        "how old is Mensah?"
    )
    assert "Mensah" in standalone(
        "how old is he?", [("did the Rovers striker sign again?", told)], catalog=catalog
    )


def test_a_count_of_nothing_named_counts_what_the_previous_question_did(newsroom: Index) -> None:
    # "how many came back?" names no noun: it read as a question of its own ("no figure for came")
    first = "how many heaters were recalled"
    got = answer("how many came back", [(first, answer(first, index=newsroom).text)], index=newsroom)
    assert got.answered and "190,000" in got.text.split("[1]")[0], got.text
