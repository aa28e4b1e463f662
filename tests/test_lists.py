"""Answers that gather several pieces: the sides of a comparison in readers' many wordings,
what a running story is called in the list of main stories, and when "since" an event begins.

The pure readings (``sides``, the kind, ``_named_as_done``) are tested without a model; the
answers with real MiniLM and Chroma over four running stories of the news-reader corpus (the
Valdoria election, the Quillon-Brightwave patent fight, the Eastmere rate decisions, the Cedar
Ridge Fire).
"""

from __future__ import annotations

import pytest

from qa import Answer, answer
from qa.gather import _all_named_as_done, _named_as_done
from qa.index import Index
from qa.intent import classify
from qa.kinds import sides
from qa.text import content_words
from tests.conftest import newsroom_index


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "A differ(s) from B": an owner alone, or of a word that only stands for a number, takes
        # the other side's thing
        (
            "How did the jury's award differ from the judge's figure?",
            ("the jury's award", "the judge's award"),
        ),
        ("How did Lumora's account differ from Kestrel's?", ("Lumora's account", "Kestrel's account")),
        (
            "In what ways does the first poll differ from the final poll?",
            ("the first poll", "the final poll"),
        ),
        # "between A and B", with what is measured said of both
        (
            "What changed between the first recall and the expanded recall?",
            ("the first recall", "the expanded recall"),
        ),
        (
            "What was the difference in turnout between the strike vote and the ratification vote?",
            ("turnout the strike vote", "turnout the ratification vote"),
        ),
        # the question first, its two sides after the comma, what it asks said of each
        (
            "Who won more seats, the Civic Alliance or the People's Front?",
            ("the Civic Alliance won more seats", "the People's Front won more seats"),
        ),
        (
            "Which was bigger, the first recall or the expanded one?",
            ("the first recall bigger", "the expanded recall bigger"),
        ),
        # two sides that share what follows them
        (
            "Was inflation higher before or after the April cut?",
            ("inflation higher before the April cut", "inflation higher after the April cut"),
        ),
        (
            "Compare Mensah before and after his injury",
            ("Mensah before his injury", "Mensah after his injury"),
        ),
        # "A <did more> than B": B is searched with what A is said to do
        (
            "Did the Civic Alliance win more votes than the People's Front?",
            ("the Civic Alliance win more votes", "the People's Front win more votes"),
        ),
        ("How does the jury's award compare to the judge's?", ("the jury's award", "the judge's award")),
        # a side that only stands for the other's figure at another time
        (
            "Compare Eastmere's inflation in January with the figure for August.",
            ("Eastmere's inflation in January", "Eastmere's inflation in August"),
        ),
        (
            "how does the jobless rate in May compare with the number in July?",
            ("the jobless rate in May", "the jobless rate in July"),
        ),
    ],
)
def test_sides_in_other_wordings(question: str, expected: tuple[str, str]) -> None:
    assert classify(question).kind == "compare"
    assert sides(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Were any companies fined?",
        "Tell me which people resigned.",
        "Which firms faced lawsuits?",
        "Show me every story with a lawsuit.",
        "Which companies appealed a ruling?",
    ],
)
def test_a_list_asked_in_other_wordings_is_a_which_question(question: str) -> None:
    assert classify(question).kind == "which"


@pytest.mark.parametrize(
    "question", ["Were any people hurt?", "Show me everything about the fire", "Which judge ruled?"]
)
def test_a_yes_no_question_or_one_thing_asked_is_no_list(question: str) -> None:
    assert classify(question).kind != "which"


def test_a_question_with_two_sides_after_it_needs_a_comparative() -> None:
    assert classify("Who chairs the committee, and when did it meet?").kind != "compare"
    assert classify("Which heaters were recalled, the Glow 3 or the Glow 3 Mini?").kind != "compare"


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("Marsh won a second term in Sunday's election, with 88 seats.", True),
        ("The final Herald poll before Sunday's election put the Alliance on 42%.", False),
        ("Valdoria's election campaign officially began on Monday.", False),  # a modifier
        ("Recounts confirmed Marsh's election victory on Thursday.", False),
        ("Voters go to the polls ahead of the election.", False),
    ],
)
def test_an_event_is_named_as_done_only_when_it_has_happened(text: str, done: bool) -> None:
    assert _named_as_done(set(content_words("election")), text) is done


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("Tentative deal reached: 6.5% pay rise ends Harbour City transit strike.", True),
        ("Workers voted to accept the deal that ended their strike.", True),
        ("A judge refused a request for an injunction to end the transit strike.", False),  # not yet
        ("The union said the strike would end on Monday.", False),
        ("The strike entered its second week.", False),  # the strike, but no end
    ],
)
def test_an_event_of_several_words_is_done_when_each_is(text: str, done: bool) -> None:
    assert _all_named_as_done(set(content_words("the strike ended")), text) is done


@pytest.mark.slow
def test_the_week_after_an_event_starts_where_its_deed_is_reported_done(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    index = newsroom_index(tmp_path_factory.mktemp("strike"), ("strike-",))
    got = _ask(index, "What happened in the week after the strike ended?")
    assert got.kind == "period" and got.answered, got.text
    # the strike ends on 21 March; the refused injunction "to end" it (12 March) names it first
    assert [p.source for p in got.citations] == ["strike-06-2025-03-28.txt"], got.text


@pytest.fixture(scope="module")
def three_stories(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of 23 articles: the election, the patent fight, the rate decisions and the fire."""
    return newsroom_index(tmp_path_factory.mktemp("lists"), ("election-", "tech-", "rates-", "wildfire-"))


def _ask(index: Index, question: str) -> Answer:
    return answer(question, index=index)


@pytest.mark.slow
def test_main_stories_say_what_each_story_is(three_stories: Index) -> None:
    got = _ask(three_stories, "What are the main stories?")
    labels = [line.split(" (", 1)[0] for line in got.text.split("\n\n")[1:]]
    # a second name in a third of the headlines, or the phrase that follows the name in them
    assert labels == [
        "Brightwave and Quillon",
        "Marsh and Ibarra",
        "Eastmere central bank",
        "Cedar Ridge Fire and Northvale Power",
    ], labels


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How did the jury's award differ from the judge's figure?", ("310 million", "190 million")),
        ("How did the first poll differ from the final poll?", ("41% and the People's Front on 38%", "42%")),
        ("Who won more seats, the Civic Alliance or the People's Front?", ("47.3%", "44.9%")),
        ("Did the Civic Alliance win more votes than the People's Front?", ("47.3%", "44.9%")),
    ],
)
def test_comparisons_in_other_wordings_give_both_sides(
    three_stories: Index, question: str, parts: tuple[str, str]
) -> None:
    got = _ask(three_stories, question)
    assert got.kind == "compare" and got.answered, got.text
    assert all(part in got.text for part in parts), got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what's happened in valdoria since election day", "What has happened in Valdoria since the election?"],
)
def test_since_an_event_starts_where_it_is_reported_done(three_stories: Index, question: str) -> None:
    got = _ask(three_stories, question)
    assert got.kind == "period" and got.answered, got.text
    sources = [p.source for p in got.citations]
    assert sources and sources[0].startswith("election-05"), (
        got.text
    )  # not the poll "before Sunday's election"


@pytest.mark.slow
def test_the_week_before_an_event_ends_where_it_is_reported_done(three_stories: Index) -> None:
    got = _ask(three_stories, "What went on in the final week or so before the Valdoria election?")
    assert got.kind == "period" and got.answered, got.text
    sources = sorted(p.source for p in got.citations)
    # the debate and the final poll, not the calendar's last week nor the campaign's opening
    assert sources == ["election-03-2025-10-14.txt", "election-04-2025-10-16.txt"], got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Which businesses were hit with lawsuits?",
        "Which firms faced lawsuits?",
        "Show me every story with a lawsuit.",
    ],
)
def test_a_list_by_one_word_lists_every_story_that_says_it(three_stories: Index, question: str) -> None:
    got = _ask(three_stories, question)
    assert got.kind == "which" and got.answered, got.text
    stories = {p.source.split("-")[0] for p in got.citations}
    # the fire's "filed a lawsuit against Northvale Power" scored under the which threshold
    assert {"tech", "wildfire"} <= stories, got.text
    assert "rates" not in stories, got.text


@pytest.mark.slow
def test_a_side_of_a_month_is_the_sentence_that_names_the_month(three_stories: Index) -> None:
    # "Inflation was 3.8% in January" scores under the better-worded April figure, and states
    # the side; "the figure for August" is August's inflation
    got = _ask(three_stories, "Compare Eastmere's inflation in January with the figure for August.")
    assert got.kind == "compare" and "3.8% in January" in got.text and "2.4% in August" in got.text, got.text


@pytest.mark.slow
def test_a_name_of_one_side_is_not_searched_for_the_other(three_stories: Index) -> None:
    # "Herald" is the poll's: the election result searched with it found only polls
    got = _ask(three_stories, "How did the last Herald poll compare with the actual election result?")
    assert got.kind == "compare" and "election-05-2025-10-20.txt" in {c.source for c in got.citations}, (
        got.text
    )


@pytest.mark.slow
def test_the_asked_thing_with_its_figure_leads_over_the_subject_s_lede(three_stories: Index) -> None:
    # the campaign's lede repeats "valdoria election" (a name typed in lower case is the subject,
    # not the asked thing); "Turnout of 71.4% ..." names the asked thing with its figure
    got = _ask(three_stories, "what was voter turnout in the valdoria election")
    assert got.answered and "71.4%" in got.text.split("[1]")[0], got.text
