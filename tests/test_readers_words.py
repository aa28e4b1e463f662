"""Questions a reader typed in the chat, as they typed them: a measure asked in the present tense,
"how's X doing", a contract's length, pay, "w/o", a follow-up two turns on, an outcome the
newest article still has to come, an answer that keeps to one story, a country said as its
adjective ("Spain", "Spanish") and a crowd counted as "fans" (real MiniLM, real Chroma where an
index is read), a comparison of two stories set after a dash, and people listed by a role typed
as readers type it ("spokespeople", "list the CEOs", "company bosses"); a question of another
story after a follow-up, a figure revised later, and whether anything happened in a month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qa import Answer, answer
from qa.conversation import needs_context, standalone
from qa.index import Index
from qa.intent import asked_part, asks_standing, classify
from qa.kinds import _unit_words, sides
from qa.measures import asked_measure, crowd_words, same_count
from qa.periods import find_period
from qa.places import other_forms, said_in
from qa.question import understand
from tests.conftest import newsroom_index


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("how did the team get on w/o their striker", "without their striker"),
        ("what did the union say w/ the mediator there", "with the mediator"),
    ],
)
def test_a_slash_shorthand_reads_as_its_word(typed: str, reads: str) -> None:
    assert reads in asked_part(typed)


@pytest.mark.parametrize(
    "question",
    ["hows mensah doing", "how is the wildfire going?", "how are things with the transit strike"],
)
def test_how_something_is_doing_asks_where_it_stands(question: str) -> None:
    plain = asked_part(question)
    assert plain.startswith("what's the latest on "), plain
    assert classify(plain).kind == "latest"


@pytest.mark.parametrize(
    ("question", "standing"),
    [
        ("whats the unemployment rate in eastmere", True),
        ("what is the interest rate?", True),
        ("what's the death toll from the fire", True),
        ("what was the unemployment rate in April", False),  # a time of its own
        ("what's the interest rate in 2024", False),
        ("what's the latest interest rate", False),  # the latest kind already
        ("what is the name of the mediator", False),  # no measure
    ],
)
def test_a_measure_asked_in_the_present_tense_is_asked_of_now(question: str, standing: bool) -> None:
    assert asks_standing(question) is standing


@pytest.mark.parametrize(
    ("question", "pay"),
    [
        ("how much do harbour city bus drivers earn", True),
        ("how much does lumora's ceo make", True),
        ("how much did the drivers get paid", True),
        ("how much did lumora make last year", False),  # a company's takings, not pay
    ],
)
def test_pay_is_read_from_its_verb(question: str, pay: bool) -> None:
    measure = asked_measure(question)
    assert (measure is not None and measure[0] == "pay") is pay


@pytest.mark.parametrize(
    ("question", "after", "before"),
    [
        # the month, within this year: not the whole year
        (
            "what did the governor say in september about more cuts this year",
            date(2025, 9, 1),
            date(2025, 9, 30),
        ),
        ("what happened this year", date(2025, 1, 1), date(2025, 11, 20)),
        # last year's March is not this one, which "last year" (the past twelve months) holds too
        ("what happened in march last year", date(2024, 11, 20), date(2025, 11, 20)),
    ],
)
def test_a_month_named_with_this_year_is_the_period(question: str, after: date, before: date) -> None:
    period = find_period(question, date(2025, 11, 20))
    assert (period.after, period.before) == (after, before)


def test_a_count_of_a_thing_is_not_its_word_in_ing() -> None:
    assert "hous" not in _unit_words("how many houses were lost", "44% of voters chose housing")
    assert "hous" in _unit_words("how many houses were lost", "The fire destroyed 340 houses")
    assert "meet" in _unit_words("how many meetings were held", "after a meeting on Monday")


def test_another_side_after_who_won_asks_what_that_side_won() -> None:
    history = [("who won in Valdoria?", "Prime Minister Helena Marsh won a second term. [1]")]
    assert standalone("what about the greens", history) == "what did the greens win in Valdoria?"


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("how many firefighters were on the Cedar Ridge Fire at its peak?", False),  # the fire's peak
        ("did Rovers win their next game", False),
        ("how much was its fine", True),  # whose fine: the conversation's
        ("what did Lumora say about that", True),  # "that" is the previous answer
    ],
)
def test_its_after_a_name_of_the_question_is_that_names(question: str, leans: bool) -> None:
    assert needs_context(question) is leans


def test_a_pronoun_two_turns_on_means_whom_the_turn_before_meant() -> None:
    history = [
        ("hows mensah doing", "Kwame Mensah has signed a new contract with Ashbury Rovers. [1]"),
        (
            "did he score",
            "Mensah, 26, has scored 42 goals for Rovers since joining from Dunmore Athletic in 2023. [1]",
        ),
    ]
    got = standalone("how long is his contract now", history)
    assert "Mensah's contract" in got and "Dunmore" not in got, got


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("is mensah off to spain", ["Spanish"]),
        ("the Spanish newspaper", ["Spain"]),
        ("a supplier in the United Kingdom", ["British"]),
        ("a Chinese supplier in China", []),  # both forms said already
        ("the Valdoria election", []),  # no country of countryinfo's
    ],
)
def test_a_country_has_its_name_and_its_adjective(text: str, forms: list[str]) -> None:
    assert other_forms(text) == forms


def test_a_country_is_mentioned_by_its_other_form() -> None:
    assert said_in("Spain", "the spanish newspaper diario continental")
    assert not said_in("Spain", "the spaniel club")
    assert not said_in("Valdoria", "the election in eastmere")


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("how many fans were at the dunmore game", ["crowd", "attendance", "spectators"]),
        ("how many spectators lined the route", ["crowd", "attendance", "fans"]),
        ("how many homes burned", []),  # no crowd
        ("what was the crowd at the game", []),  # no count of one asked
    ],
)
def test_a_counted_crowd_is_searched_in_the_crowds_words(question: str, words: list[str]) -> None:
    assert crowd_words(question) == words


def test_only_a_crowd_is_counted_in_other_words() -> None:
    assert {"crowd", "spectat"} <= same_count("fans")
    assert same_count("houses") == {"hous"}


@pytest.mark.parametrize(
    "question",
    [
        "which was bigger — the Lumora settlement or Brightwave's damages?",
        "which was bigger: the Lumora settlement or Brightwave's damages?",
        "which was bigger, the Lumora settlement or Brightwave's damages?",
    ],
)
def test_the_two_sides_may_follow_a_dash_or_a_colon(question: str) -> None:
    assert classify(question).kind == "compare"
    assert sides(question) == ("the Lumora settlement bigger", "Brightwave's damages bigger")


@pytest.mark.parametrize(
    "question",
    [
        "which named spokespeople show up in these news stories?",
        "list the chief executives",
        "which company bosses get quoted across the articles?",
    ],
)
def test_people_of_a_role_are_asked_for_as_a_list(question: str) -> None:
    assert classify(asked_part(question)).kind == "which"


def test_a_plural_in_people_reads_as_its_plural_in_persons() -> None:
    assert asked_part("which spokespeople are quoted?") == "which spokespersons are quoted?"
    assert asked_part("how many people were evacuated?") == "how many people were evacuated?"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the striker's, the rates', the strike's, the chip case's, the election's and
    the wildfire's articles, the marathon's and the heater recall's."""
    prefixes = ("football-", "rates-", "strike-", "tech-", "election-", "marathon-", "wildfire-", "lumora-")
    return newsroom_index(Path(tmp_path_factory.mktemp("readers")), prefixes)


@pytest.mark.slow
def test_a_present_tense_measure_leads_with_the_newest_report(newsroom: Index) -> None:
    got = answer("whats the unemployment rate in eastmere", index=newsroom)
    assert got.answered and got.text.startswith("As of 18 September 2025:"), got.text
    assert "5.4%" in got.text.split("\n\n")[0], got.text


@pytest.mark.slow
def test_a_present_tense_measure_the_articles_never_give_is_still_refused(newsroom: Index) -> None:
    got = answer("what's the price of the nova 2", index=newsroom)
    assert not got.answered, got.text


@pytest.mark.slow
def test_how_long_a_contract_runs_is_answered_by_the_year_it_runs_until(newsroom: Index) -> None:
    got = answer("how long is mensah's new contract", index=newsroom)
    assert got.answered, got.text
    assert "until June 2029" in got.text.split("[1]")[0], got.text


@pytest.mark.slow
def test_pay_the_articles_never_give_is_refused(newsroom: Index) -> None:
    got = answer("how much do harbour city bus drivers earn", index=newsroom)
    assert not got.answered and "no pay" in got.text, got.text


@pytest.mark.slow
def test_an_outcome_the_newest_article_puts_ahead_is_still_to_come(newsroom: Index) -> None:
    got = answer("did the appeal court rule for brightwave", index=newsroom)
    assert not got.answered and "still has it to come" in got.text, got.text


@pytest.mark.slow
def test_a_fact_answer_keeps_to_its_story(newsroom: Index) -> None:
    got = answer("who won in valdoria", index=newsroom)
    assert got.answered and "Marsh" in got.text, got.text
    assert {c.source.split("-")[0] for c in got.citations} == {"election"}, got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "peak"),
    [
        ("how many firefighters were on the cedar ridge fire at its peak", "About 640 firefighters"),
        # not the 410 people at a shelter, a larger count of people that is no count of orders
        ("How many people were under evacuation orders at the height of the wildfire?", "about 6,000"),
    ],
)
def test_a_count_at_its_peak_is_the_largest_reported(newsroom: Index, question: str, peak: str) -> None:
    got = answer(question, index=newsroom)
    assert got.answered and got.text.startswith("At its highest, on 15 July 2025:"), got.text
    assert peak in got.text, got.text


@pytest.mark.slow
def test_the_vectors_of_some_articles_are_theirs_in_the_whole_matrix(newsroom: Index) -> None:
    import numpy as np

    from qa.catalog import load_catalog
    from qa.store import catalog_path

    wanted = ["election-05-2025-10-20.txt", "marathon-2025-05-04.txt"]
    some = load_catalog(catalog_path(newsroom.settings)).vectors_of([*wanted, "not-indexed.txt"])
    assert sorted(some.rows) == wanted
    every = newsroom.catalog().vectors()
    for source in wanted:
        assert np.allclose(some.matrix[some.rows[source]], every.matrix[every.rows[source]])


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["which paper ran the story about Mensah leaving for Spain", "has mensah joined a spanish club"],
)
def test_a_country_asked_by_name_finds_its_adjective(newsroom: Index, question: str) -> None:
    got = answer(question, index=newsroom)
    assert got.answered and "Diario Continental" in got.text, got.text


@pytest.mark.slow
def test_a_crowd_asked_as_spectators_is_its_crowd(newsroom: Index) -> None:
    got = answer("how many spectators were at the rovers dunmore game", index=newsroom)
    assert got.answered and got.text.startswith("A crowd of 27,400"), got.text


@pytest.mark.slow
def test_a_crowd_at_a_game_away_is_not_given(newsroom: Index) -> None:
    # the 27,400 watched the Dunmore game at Ashbury; the Millbrook game was away, its crowd untold
    got = answer("how many spectators watched rovers beat millbrook", index=newsroom)
    assert not got.answered, got.text


@pytest.mark.slow
def test_a_count_asked_in_a_word_of_the_same_thing_leads_with_it(newsroom: Index) -> None:
    # "340 homes", not the one sentence that says "house": "three of which led to small house fires"
    got = answer("how many houses were lost in the fire", index=newsroom)
    assert got.answered and "destroyed 340 homes" in got.text.split("[1]")[0], got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figures", "sources"),
    [
        (
            "which was bigger — the Lumora class action settlement or Brightwave's damages after the judge"
            " cut them?",
            ("28 million", "to 190 million"),
            {"lumora-06-2025-07-02.txt", "tech-05-2025-10-29.txt"},
        ),
        (  # owners typed in lower case with their possessive
            "which was bigger, lumora's settlement fund or alder county's rebuilding fund",
            ("28 million", "25 million"),
            {"lumora-06-2025-07-02.txt", "wildfire-06-2025-08-08.txt"},
        ),
    ],
)
def test_a_comparison_of_two_stories_sets_each_sides_own_figure(
    newsroom: Index, question: str, figures: tuple[str, str], sources: set[str]
) -> None:
    got = answer(question, index=newsroom)
    assert got.answered and all(f in got.text for f in figures), got.text
    assert sources <= {c.source for c in got.citations}, got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "head", "named"),
    [
        ("which named spokespeople show up in these news stories?", "3 spokespeople:", "Janine Corr"),
        ("list the CEOs", "chief executives:", "Marcus Velde"),
        # a boss is whoever heads the body; what follows the question mark restates it
        (
            "which company bosses get quoted across the articles? list the CEOs",
            "company bosses:",
            "Elias Brandt",
        ),
    ],
)
def test_people_listed_by_a_role_in_readers_words(
    newsroom: Index, question: str, head: str, named: str
) -> None:
    got = answer(question, index=newsroom)
    assert got.answered and head in got.text.split("\n")[0] and named in got.text, got.text


@pytest.mark.slow
def test_a_party_named_in_the_plural_is_its_members(newsroom: Index) -> None:
    # "the greens": the Green Union, whose result leads (it was the poll, with 6.1% second)
    got = answer("what did the greens win", index=newsroom)
    assert got.answered and got.text.startswith("The Green Union won 6.1%."), got.text


@pytest.mark.slow
def test_a_title_typed_short_is_the_articles_title(newsroom: Index) -> None:
    got = answer("who was the defending champ that Ochieng beat", index=newsroom)
    assert got.answered and "Hanna Solberg, the defending champion" in got.text, got.text


@pytest.mark.slow
def test_a_party_named_in_the_plural_turns_the_conversation_to_it(newsroom: Index) -> None:
    # after the chief executives' stories, "the greens" is a name of another story's, not theirs
    got = _after("list the CEOs", "what did the greens win", newsroom)
    assert got.answered and got.text.startswith("The Green Union won 6.1%."), got.text


@pytest.mark.slow
def test_a_question_of_another_story_is_not_asked_again_of_the_previous_one(newsroom: Index) -> None:
    # alone it is refused with the bank's own closest sentence; asked again with the contract's
    # words it quoted the contract
    got = _after(
        "how much is mensah's new contract worth", "what did the central bank decide on november 6", newsroom
    )
    assert not got.answered and "Mensah" not in got.text, got.text
    assert all(c.source.startswith("rates-") for c in got.citations), got.citations


@pytest.mark.slow
def test_a_figure_revised_later_leads_with_the_revision_however_the_story_is_named(newsroom: Index) -> None:
    # the hills' lede (0.75) is closest; the two reports of deaths score 0.45 and 0.37
    got = answer("how many people died in the blaze in the hills above pine hollow", index=newsroom)
    assert got.answered and got.text.startswith("As of 25 July 2025:"), got.text
    newest, earlier = got.text.split("\n\n")[:2]
    assert "one person" in newest and "two people" in earlier, got.text


@pytest.mark.parametrize(
    "question",
    ["anything happen in december 2025?", "did anything happen in june 2025", "did anything go on in march"],
)
def test_whether_anything_happened_in_a_month_asks_what_happened(question: str) -> None:
    # it was a fact question, and after other months it was asked again with their words
    assert understand(question, (), None, None).kind == "period", question


@pytest.mark.slow
def test_a_month_with_no_articles_after_other_months_says_so(newsroom: Index) -> None:
    got = _after("what news was there in march", "anything happen in december 2025?", newsroom)
    assert not got.answered and got.text.startswith("No articles were published between 1 December 2025"), (
        got.text
    )


def _after(first: str, question: str, index: Index) -> Answer:
    """The answer to ``question`` asked in the chat after ``first`` and its answer."""
    return answer(question, history=[(first, answer(first, index=index).text)], index=index)


@pytest.mark.parametrize(
    ("request_", "subject"),
    [
        ("catch me up on the heater recall", "the heater recall"),
        ("tell me about the transit strike", "the transit strike"),
        ("give me a timeline of the wildfire", "the wildfire"),
        ("what's the latest on the wildfire", "the wildfire"),
    ],
)
def test_it_after_a_request_for_a_story_is_that_story(request_: str, subject: str) -> None:
    # "it" was left for the request's words appended in brackets, and the answer was the recall's
    # newest sentence, about Kestrel
    got = standalone("how many units does it cover now", [(request_, "Six articles.")])
    assert got == f"how many units does {subject} cover now", got


@pytest.mark.slow
def test_who_was_done_to_when_something_else_happened_asks_the_first_deed(newsroom: Index) -> None:
    # "who did mensah score against when he came back" was refused: no sentence with "back" names anyone
    got = answer("who did mensah score against when he came back", index=newsroom)
    assert got.answered and "Dunmore Athletic" in got.text, got.text
    assert "beat Dunmore Athletic 3-1" in got.text or "scored in the 78th" in got.text, got.text  # the return


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what started the wildfire", "what actually sparked the wildfire"])
def test_what_started_a_thing_leads_with_what_started_it(newsroom: Index, question: str) -> None:
    # not "sparks from a power line ... shortly before the fire started"
    got = answer(question, index=newsroom)
    assert got.answered and got.text.startswith("A Northvale Power distribution line that touched"), got.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what did mayor ruth elling say about the wildfire", False),  # the strike's mayor
        ("what did helena marsh say about the wildfire", False),
        ("what did dana okafor say about the strike", True),
    ],
)
def test_what_someone_said_of_another_story_is_not_given(newsroom: Index, question: str, said: bool) -> None:
    # the mayor's review of the strike was quoted for the wildfire
    got = answer(question, index=newsroom)
    assert got.answered is said, got.text
    if not said:
        assert got.text.startswith("The articles don't answer this about wildfire"), got.text


@pytest.mark.slow
def test_why_leads_with_the_cause_given_in_so_many_words(newsroom: Index) -> None:
    # September's "a reversal of roles for Renn, who dissented against the first cut in April"
    # scored best and gives no reason; June's "saying ..." is June's reason
    got = answer("why did tobias renn vote against the april rate cut", index=newsroom)
    assert got.answered and got.text.startswith("He said he voted against the cut because wage growth"), (
        got.text
    )


@pytest.mark.slow
def test_a_question_naming_a_company_leads_with_its_own_article(newsroom: Index) -> None:
    # the election's "a change in the law in the new parliament" scored best, and the refusal said
    # Lumora's articles never name Lumora while quoting one
    got = answer("what did lumora's boss tell parliament", index=newsroom)
    assert got.answered and got.text.startswith("Appearing before the parliamentary committee on trade"), (
        got.text
    )


@pytest.mark.slow
def test_one_person_listed_is_counted_in_the_singular(newsroom: Index) -> None:
    got = answer("which mayors are mentioned in the news?", index=newsroom)
    assert got.text.startswith("1 mayor:\n"), got.text


@pytest.mark.slow
def test_kinds_of_stories_listed_are_no_people(newsroom: Index) -> None:
    # "list the sports stories you have" listed "1 sports: Diario Continental" (a sports newspaper)
    got = answer("list the sports stories you have", index=newsroom)
    assert "Diario Continental (" not in got.text and not got.text.startswith("1 sports"), got.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("newest development in the valdoria election", "latest"),
        ("any new developments with the recall", "latest"),
        ("any new developments in march", "period"),  # a time of its own
    ],
)
def test_new_developments_ask_for_the_latest(question: str, kind: str) -> None:
    assert understand(question, (), None, None).kind == kind, question


def test_how_many_people_live_somewhere_asks_its_population() -> None:
    measure = asked_measure("how many people live in valdoria's capital")
    assert measure is not None and measure[0] == "population"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("newest development in the valdoria election", "As of 31 October 2025: Recounts in three districts"),
        # a figure of the asked thing for the asked year: not inflation's "peak of 7.1% in late 2023"
        ("what was the eastmere unemployment rate in 2023", "The articles don't answer this for 2023"),
        (
            "how many firefighters died in the cedar ridge fire",
            "(they give no figure for firefighters who died)",
        ),
        ("how many people live in valdoria's capital", "(they give no population for it)"),
        # the name as typed, and no "articles that never name it" beside an article that does
        (
            "how many people live in harbour city",
            "about Harbour City (the sentences that name it say nothing",
        ),
    ],
)
def test_what_a_second_reader_asked(newsroom: Index, question: str, said: str) -> None:
    got = answer(question, index=newsroom)
    assert said in got.text, got.text


@pytest.mark.slow
def test_a_question_that_says_it_changes_the_subject_leaves_the_conversation(newsroom: Index) -> None:
    # after the fire, "ok different thing: ..." was asked of the fire's story (Northvale side by side)
    got = _after(
        "what did investigators blame for the fire",
        "ok different thing: did lumora appeal its fine",
        newsroom,
    )
    assert got.answered and got.text.startswith("Lumora said it would not appeal the fine."), got.text
