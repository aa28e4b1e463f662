"""More of a reader's questions about another world's articles (``bench/unseen``), each answered
wrongly before the rule it tests: an owner said as "His", a count whose subject is "The company",
a workforce counted by "employs", a role given by the verb that gave it ("appointed mediator"),
a name, a weight or a count of votes the articles never give, a year before the story, a ticket
of the other kind, a reason after the setback it explains, the newest count of the dead, a
one-article story told past its first paragraphs, a follow-up at another time, and lists told by
the deed (real MiniLM, real Chroma)."""

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


def lead(text: str) -> str:
    """The answer up to its first citation mark."""
    return text.split("[1]")[0]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "His agent, Camille Duret": the article's own subject's agent, not a person called His
        ("Who is Mateo Brandvold's agent?", "Camille Duret"),
        # "The company lost 95,000 subscribers", under a headline that names Corvel
        ("How many subscribers did Corvel lose in the second quarter?", "95,000"),
        # "employs around 6,200 people" is the size of a workforce
        ("How big is the phone company's workforce?", "6,200"),
        # the role is "mediator", given by "appointed"
        ("who was appointed mediator in the marrowport strike", "Olav Hennig"),
        # "a standard single ticket" under "Sallow Bay rail tunnel opens": rail trains
        ("how much is a single ticket on the sallow bay tunnel trains", "9 crowns"),
        # the role after "brought in as"; a deed of choosing said as "appointed" or "become"
        ("Who was brought in as mediator in the Marrowport dock strike?", "Olav Hennig"),
        ("Who has Corvel picked as its permanent chief executive, starting November 1?", "Martin Olesund"),
        # a doer of one word, after a passive's "by"
        ("Who built the Sallow Bay rail tunnel?", "BayLink"),
        # who paid, said as "The national government paid 70 percent of the final bill"
        ("who footed most of the bill for the maritime museum", "national government paid 70 percent"),
        # "cost to build": the tunnel's cost, not a cost of "build"
        ("how much did the Sallow Bay tunnel cost to build", "2.3 billion"),
        # a figure given for each answers a question asked for each
        ("how much is the tourist tax per hotel guest?", "3 crowns per hotel guest"),
    ],
)
def test_answered_in_the_articles_words(world: Index, question: str, said: str) -> None:
    got = answer(question, index=world)
    assert got.answered, got.text
    assert said in got.text, got.text


@pytest.mark.parametrize(
    "question",
    [
        # 2026's toll is no answer, and "in 1998, damaged about 700 properties" counts no dead
        "How many people died in the 1998 Kessing flood?",
        # "52.4 percent of the vote" is a share, not a count of votes
        "How many votes did Achterberg get in total?",
        # "A 27-year-old man was arrested": no name
        "What is the name of the man arrested over the Corvel hack?",
        # no weight is given, only its length
        "how much do the dunmere salamanders weigh",
        # the single ticket's price is no return ticket's
        "How much is a return ticket through the Sallow Bay tunnel?",
        # "had led Corvel since 2019" is how long he led it, not his age
        "How old is Viktor Lanz?",
        # "BayLink, a consortium of three engineering firms" names none of them
        "What are the names of the three engineering firms in the BayLink consortium?",
        # a body's name asked: "the Sallow Bay ferry" names no company
        "What is the name of the company that runs the Sallow Bay ferry?",
        "What is the name of the 27-year-old man arrested over the Corvel hack?",
        # "arrested in a neighbouring country": no country named
        "Which country was the Grey Lantern suspect arrested in?",
        # a plan or a request, not its outcome: "is considering legal action", "has asked the
        # Environment Ministry to give ...", "jobs were at risk"
        "What was the outcome of the Riverside Flood Action group's lawsuit against the River Authority?",
        "Did the Environment Ministry grant the Dunmere salamander the highest level of legal protection?",
        "How many Sallow Bay ferry workers eventually lost their jobs?",
        # the whole settlement, "shared ... according to the harm each had suffered", is no one's
        "How much will each Corvel customer get from the settlement?",
        "How much strike pay did the dock union give its members each week?",
    ],
)
def test_not_given_is_said_so(world: Index, question: str) -> None:
    got = answer(question, index=world)
    assert not got.answered, got.text
    assert got.text.startswith("The articles don't answer this"), got.text


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        # "Construction was delayed after workers struck a band of unstable rock"
        ("Why did the Sallow Bay tunnel open late?", "unstable rock"),
        # "the discovery of asbestos ... added two years of delays and millions in extra costs"
        ("why did the maritime museum go over budget", "asbestos"),
    ],
)
def test_a_setback_is_explained_by_what_brought_it(world: Index, question: str, cause: str) -> None:
    got = answer(question, index=world)
    assert got.answered, got.text
    assert cause in got.text.split("[2]")[0], got.text


def test_the_latest_death_toll_is_the_newest_count_of_the_dead(world: Index) -> None:
    # the newest article is the inquiry's, whose lede counts no one; its "Six people died" does
    got = answer("what's the latest death toll from the Kessing flood?", index=world)
    assert got.answered, got.text
    assert "Six people died" in lead(got.text), got.text


def test_a_story_of_one_article_is_told_past_its_first_paragraphs(world: Index) -> None:
    got = answer("sum up the blind salamander discovery", index=world)
    assert got.answered, got.text
    assert "23 individuals" in got.text and "The main threat is pollution" in got.text, got.text
    assert len(got.citations) == 2  # the article's first chunk and the one after it


def test_a_count_asked_again_at_another_time(world: Index) -> None:
    history = [
        (
            "How many homes were flooded in Kessing at first?",
            "About 1,200 homes were flooded after the River Kess burst its banks. [1]",
        )
    ]
    got = answer("and how many a few days later?", history=history, index=world)
    assert got.answered, got.text
    assert "3,400" in got.text, got.text


def test_it_is_the_thing_the_previous_question_named(world: Index) -> None:
    said = "The independent inquiry was led by civil engineer Sofia Brenner. [1]"
    history = [("who led the flood inquiry?", said)]
    got = answer("what did it find?", history=history, index=world)
    assert got.answered, got.text
    assert "four hours late" in lead(got.text), got.text


def test_a_list_of_either_kind_keeps_the_deed(world: Index) -> None:
    # "officials" searched alone listed "Union officials said any such move would ..."
    got = answer("Which officials or bosses resigned this year?", index=world)
    assert got.answered, got.text
    assert "Katrin Wollan resigned" in got.text
    assert "Union officials said" not in got.text


def test_a_list_of_companies_quotes_the_deed_done(world: Index) -> None:
    # one story: its line, "regulator fined Corvel Telecom", not "companies can be fined up to"
    got = answer("Which companies have been fined?", index=world)
    assert got.answered, got.text
    assert "fined Corvel Telecom 48 million crowns" in got.text, got.text
    assert "can be fined up to" not in got.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        # "A group calling itself Grey Lantern", "the law firm Halberg & Noor", "defender Jonas Willemsen"
        ("Which hacker group claimed it was behind the Corvel Telecom attack?", "Grey Lantern"),
        ("Which law firm is representing the Corvel customers in the class action?", "Halberg"),
        ("Which Brightwater defender was ruled ineligible for the four-point deduction?", "Willemsen"),
        # "The animal, named Speleomolge dunmerensis, ..."
        ("What's the scientific name of the new salamander?", "Speleomolge dunmerensis"),
    ],
)
def test_a_name_asked_by_its_kind_leads(world: Index, question: str, named: str) -> None:
    got = answer(question, index=world)
    assert got.answered, got.text
    assert named in lead(got.text), got.text


def test_ministers_are_listed_by_their_title_whatever_their_ministry(world: Index) -> None:
    # "government ministers": "Labour Minister Petra Ilves", "Transport Minister Hugo Stenberg"
    got = answer("Which government ministers appear in the coverage?", index=world)
    assert got.answered, got.text
    for name in ("Petra Ilves", "Hugo Stenberg", "Aina Brekkan"):
        assert name in got.text, got.text


def test_a_list_of_universities_quotes_their_names(world: Index) -> None:
    # "Biologists at the University of Kessing", not "The university has asked ..."
    got = answer("Which universities are mentioned in the news?", index=world)
    assert got.answered, got.text
    assert "University of Kessing" in got.text and "University of Orlan" in got.text, got.text
    assert "The university has asked" not in got.text


def test_a_deed_done_is_not_still_to_come_for_what_else_it_awaits(world: Index) -> None:
    # "was arrested ... and is awaiting extradition": the arrest is done, the extradition ahead
    history = [("Who claimed the Corvel hack?", "A group calling itself Grey Lantern claimed it. [1]")]
    got = answer("has anyone been arrested?", history=history, index=world)
    assert got.answered, got.text
    assert "was arrested" in lead(got.text), got.text


def test_a_deed_dated_from_another_day_is_dated_by_its_own_sentence(world: Index) -> None:
    # the lede: "seven weeks after an appeal panel overturned a four-point deduction" (a match day)
    got = answer("What date did the appeal panel overturn Brightwater's points deduction?", index=world)
    assert got.answered, got.text
    assert "On March 26, an independent appeal panel ruled" in lead(got.text), got.text


def test_grounds_are_a_reason_given_in_so_many_words(world: Index) -> None:
    got = answer("On what grounds did the appeal panel give Brightwater its four points back?", index=world)
    assert got.answered, got.text
    assert "because Willemsen's ban had already been served" in lead(got.text), got.text
