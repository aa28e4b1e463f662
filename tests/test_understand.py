"""Question understanding: kinds, periods, spelling and language (fast, no model)."""

from __future__ import annotations

from datetime import date

import pytest

from qa.intent import asked_part, classify, is_chat, is_english
from qa.periods import find_period
from qa.spelling import Speller

REF = date(2025, 7, 25)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hello!", "chat"),
        ("thanks so much", "chat"),
        ("Great, that helps a lot.", "chat"),
        ("Thanks! What happened to the strike?", "summary"),
        ("What can you do?", "chat"),
        ("What are the main stories?", "main_stories"),
        ("What's in the news?", "main_stories"),
        ("Give me a timeline of the strike", "timeline"),
        ("How did the recall unfold?", "timeline"),
        ("Summarize the Lumora story", "summary"),
        ("Tell me about the wildfire", "summary"),
        ("Which stories involve lawsuits?", "which"),
        ("How does the final deal compare with what the union asked for?", "compare"),
        ("Did they withdraw the offer or only threaten to?", "compare"),
        ("What's the latest on the wildfire?", "latest"),
        ("Is the fire still burning?", "latest"),
        ("Why did the bank cut rates?", "why"),
        ("How did the fire start?", "why"),
        ("When will he be back?", "when"),
        ("Who is the union leader?", "who"),
        ("How many homes were destroyed?", "how_many"),
        ("What percentage of the fire is contained?", "how_many"),
        ("Where was the final held?", "fact"),
        # Words before the question proper do not hide its kind.
        ("So what actually started the blaze?", "why"),
        ("I'd like to know who the club's chairman is.", "who"),
        ("Can you tell me when the ferry resumes?", "when"),
        ("Do you know how many seats the party won?", "how_many"),
        ("What really triggered the walkout?", "why"),
    ],
)
def test_kinds(question: str, kind: str) -> None:
    assert classify(question).kind == kind


def test_greetings_thanks_and_help_in_other_words_are_chat_but_a_greeting_before_a_question_is_not() -> None:
    chat = [
        "Hi, what can you do?",
        "Hello, who are you?",
        "How are you?",
        "Can you help me?",
        "What questions can I ask?",
        "good night",
        "much appreciated",
    ]
    assert [m for m in chat if classify(m).kind != "chat"] == []
    questions = [
        "Hi, what happened with the strike?",
        "Good morning, who won the election?",
        "How are the talks going?",
    ]
    assert [q for q in questions if classify(q).kind == "chat"] == []


@pytest.mark.parametrize("question", ["Hello — what's in here?", "What's in here?", "what do you have?"])
def test_asking_what_the_collection_holds_lists_the_main_stories(question: str) -> None:
    assert classify(question).kind == "main_stories"


def test_a_period_with_what_happened_is_a_period_question() -> None:
    assert classify("What happened in March 2025?", has_period=True).kind == "period"
    assert classify("What are the main stories this month?", has_period=True).kind == "period"
    # A period on a fact question is a filter, not a summary.
    assert classify("How many homes burned by 20 July?", has_period=True).kind == "how_many"


def test_summary_subject_drops_the_kind_words() -> None:
    assert classify("Summarize the Lumora story").subject == "Lumora"
    assert classify("Give me a timeline of the strike").subject == "strike"


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué pasó con el incendio?",
        "Quelle est la situation?",
        "Wie viele Häuser sind abgebrannt?",
        "Что случилось?",
        "O que aconteceu com a greve?",  # its "a" is also an English word: three Portuguese ones outvote it
    ],
)
def test_other_languages_are_detected(question: str) -> None:
    assert not is_english(question)
    assert classify(question).kind == "not_english"


@pytest.mark.parametrize(
    "question",
    [
        "hw many homs burned",
        "Who is Dara Okafor?",
        "Lumora recal lawsuit",
        "wen wil mensah retrn",
        "Was a recount held in Valdoria?",
        "What did El Niño do to the harvest?",
    ],
)
def test_english_with_typos_and_names_is_english(question: str) -> None:
    assert is_english(question)


@pytest.mark.parametrize(
    ("question", "after", "before"),
    [
        ("What happened in March 2025?", date(2025, 3, 1), date(2025, 3, 31)),
        ("What happened in March?", date(2025, 3, 1), date(2025, 3, 31)),
        ("What happened since July?", date(2025, 7, 1), None),
        ("Any news from last week?", date(2025, 7, 18), REF),
        ("What happened between 10 and 20 July?", date(2025, 7, 10), date(2025, 7, 20)),
        ("What did Mensah say on 15 July?", date(2025, 7, 15), date(2025, 7, 15)),
        ("Who won in 2024?", date(2024, 1, 1), date(2024, 12, 31)),
        ("What was the rate before 3 June?", None, date(2025, 6, 2)),
        # a week named by its first day, and a month's first week "or so"
        (
            "what happened in the transit strike during the week of march 10",
            date(2025, 3, 10),
            date(2025, 3, 16),
        ),
        ("anything happen in the first week or so of july?", date(2025, 7, 1), date(2025, 7, 10)),
        ("What happened in the first week of July?", date(2025, 7, 1), date(2025, 7, 7)),
        # typed in lower case: "march" and "may" after a word that opens a time are months
        ("what happened in march", date(2025, 3, 1), date(2025, 3, 31)),
        ("anything in early may", date(2025, 5, 1), date(2025, 5, 15)),
        ("what happened since march", date(2025, 3, 1), None),
        ("what happened up to the end of may", None, date(2025, 5, 31)),
        ("what happened around the middle of march", date(2025, 3, 11), date(2025, 3, 20)),
        ("stories from the start of the month of may", date(2025, 5, 1), date(2025, 5, 15)),
        ("what did she say on the 3rd of march", date(2025, 3, 3), date(2025, 3, 3)),
        # a stretch at one end of a month, by its length
        ("what happened in the second half of march 2025", date(2025, 3, 16), date(2025, 3, 31)),
        ("what happened in the latter half of july", date(2025, 7, 16), date(2025, 7, 31)),
        ("what went on during the last two weeks of july", date(2025, 7, 18), date(2025, 7, 31)),
        ("what happened over the first ten days of july 2025", date(2025, 7, 1), date(2025, 7, 10)),
        ("anything in the closing days of june", date(2025, 6, 21), date(2025, 6, 30)),
        # a range "through" its last month, and a time "ago"
        ("what happened from april through june", date(2025, 4, 1), date(2025, 6, 30)),
        ("what happened two weeks ago", date(2025, 7, 11), date(2025, 7, 18)),
        # dates in figures, "the 20th of October" after "since" or "before", "the last few days"
        ("what happened on 7/15", date(2025, 7, 15), date(2025, 7, 15)),
        ("what happened on 15/07/2025", date(2025, 7, 15), date(2025, 7, 15)),
        ("news after the 20th of june", date(2025, 6, 21), None),
        ("what happened before the 3rd of march", None, date(2025, 3, 2)),
        ("what happened over the last couple of weeks", date(2025, 7, 11), REF),
        ("what happened in the last ten days", date(2025, 7, 15), REF),
    ],
)
def test_periods(question: str, after: date | None, before: date | None) -> None:
    period = find_period(question, REF)
    assert (period.after, period.before) == (after, before)


def test_no_period_in_ordinary_words() -> None:
    assert not find_period("What may happen next?", REF)
    assert not find_period("Who will march on Saturday?", REF)
    assert not find_period("rates may fall", REF)
    assert not find_period("who led the march on parliament", REF)


def test_the_run_up_to_an_event_is_the_weeks_before_it() -> None:
    period = find_period("what happened in the run-up to the vote", REF)
    assert (period.event, period.relation, period.span_days) == ("the vote", "before", 28)


@pytest.mark.parametrize("question", ["anything in early may", "anything from the second half of july?"])
def test_anything_in_a_period_asks_for_its_news(question: str) -> None:
    period = find_period(question, REF)
    assert classify(question, has_period=True, period_text=period.text).kind == "period"


def test_what_happened_to_it_is_no_request_for_the_main_stories() -> None:
    assert classify("what happened to it?").kind != "main_stories"


def test_event_anchored_period() -> None:
    period = find_period("What happened in the week before the election?", REF)
    assert (period.event, period.relation, period.span_days) == ("the election", "before", 7)


@pytest.mark.parametrize(
    ("question", "event", "relation", "days"),
    [
        # "the last week" here is the event's, not the calendar's last seven days
        ("What went on in Valdoria in the last week before the vote?", "the vote", "before", 7),
        (
            "What happened in the first week or so after Lumora announced the recall?",
            "Lumora announced the recall",
            "after",
            7,
        ),
        ("the final few days before the election", "the election", "before", 7),
        ("the couple of days after the fire", "the fire", "after", 3),
    ],
)
def test_event_window_in_other_words(question: str, event: str, relation: str, days: int) -> None:
    period = find_period(question, REF)
    assert (period.event, period.relation, period.span_days) == (event, relation, days)


def test_a_window_after_a_date_is_no_event() -> None:
    assert find_period("What happened last week?", REF).event == ""
    assert find_period("What happened in the week after 4 July 2025?", REF).after == date(2025, 7, 5)


def test_spelling_uses_the_articles_words() -> None:
    speller = Speller(
        {"homes": 3, "home": 4, "burned": 2, "wildfire": 5, "mensah": 2, "lumora": 4, "recall": 4}
    )
    assert speller.correct("hw many homs burned").text == "how many homes burned"
    assert speller.correct("whats the latst on the wildfre").text == "whats the latest on the wildfire"
    assert speller.correct("what did lumora recal").text == "what did lumora recall"
    unchanged = speller.correct("Who is Mensah?")
    assert unchanged.text == "Who is Mensah?" and not unchanged


def test_spelling_leaves_a_quoted_headline_as_typed() -> None:
    speller = Speller({"homes": 3, "mensah": 2, "rovers": 2, "draw": 2, "lamps": 5})
    got = speller.correct("What does “Mensah limps off as Rovers draw” report about homs?")
    assert got.text == "What does “Mensah limps off as Rovers draw” report about homes?"
    assert speller.correct('What does "Mensah limps off" say?').text == 'What does "Mensah limps off" say?'
    assert speller.correct("Mensah limps off").text == "Mensah lamps off"  # unquoted, corrected


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Walk me through the recall.", "timeline"),
        ("Take us through the strike from the beginning to the end", "timeline"),
        ("What were the key developments in the fire?", "timeline"),
        ("How did the dispute play out?", "timeline"),
        ("Give me the gist of the recall", "summary"),
        ("What's the deal with the heaters?", "summary"),
        # in the present, where it stands now; in the past, the story
        ("What's going on with the strike?", "latest"),
        ("whats going on with the wildfire", "latest"),
        ("what is happening with the recall?", "latest"),
        ("what is new with the chip lawsuit?", "latest"),
        ("anything new on the chip case", "latest"),
        ("What was going on with the strike?", "summary"),
        ("What's going on with the strike lately?", "latest"),
        ("What's going on?", "main_stories"),
        ("Has the union accepted the deal yet?", "latest"),
        ("Where are we with the recall?", "latest"),
        ("Any stories where someone was fined?", "which"),
        ("Do any articles mention a museum?", "which"),
        ("In which stories did a judge rule?", "which"),
        ("Where else have lawsuits come up?", "which"),
        ("How has the size of the recall changed since May?", "compare"),
        ("What changed between the first count and the last?", "compare"),
        ("What's the reason the union walked out?", "why"),
        ("Name the judge in the strike case.", "fact"),
        ("List the companies that were sued.", "which"),
        # a plural noun then a verb lists them all; the singular asks who
        ("Which chief executives are quoted in the news?", "which"),
        ("Which judges come up in the coverage?", "which"),
        ("Which lawyers have spoken for the residents?", "which"),
        ("which clubs did the Rovers play", "which"),
        ("Which executive apologised?", "who"),
        ("Which party was ahead in the final poll?", "fact"),
    ],
)
def test_casual_wordings_of_each_kind(question: str, kind: str) -> None:
    assert classify(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # the present in other words than "now" asks for the newest state
        ("What's the main interest rate at the moment?", "latest"),
        ("How many heaters have been returned right now?", "latest"),
        ("How much do they owe at this point?", "latest"),
        ("Who leads the party these days?", "latest"),
        ("How many households are suing, as things stand?", "latest"),
        # "the next" scheduled thing is the one the newest article announces
        ("When is the next rate decision?", "latest"),
        ("When do Rovers play next?", "latest"),
        ("When will the new assembly meet next?", "latest"),
        # but "next year's" names a period, and a past "next" is a date asked
        ("When is next year's marathon?", "when"),
        ("When did the strike start?", "when"),
        ("When was the next vote held?", "when"),
    ],
)
def test_present_and_next_wordings_ask_for_the_latest(question: str, kind: str) -> None:
    assert classify(question).kind == kind


def test_a_casual_wording_s_kind_words_stay_out_of_its_subject() -> None:
    assert classify("Walk me through the Harbour City strike").subject == "Harbour City strike"
    assert classify("Give me the gist of the recall").subject == "recall"
    assert classify("Any stories where someone was fined?").subject == "where someone was fined"


def test_a_greeting_or_thanks_before_a_question_is_no_part_of_its_subject() -> None:
    assert classify("Hi, what happened with the strike?").subject == "strike"
    assert classify("Thanks! And who is the union leader?").kind == "who"
    assert classify("Great, and what about Lumora?").subject == "Lumora"
    assert classify("Great Western strike latest").subject == "Great Western strike"  # a name, not praise


@pytest.mark.parametrize(
    ("question", "after", "before"),
    [
        # seasons: the last one begun by the reference day, "last" the last one over before it
        ("What happened over the summer?", date(2025, 6, 1), date(2025, 8, 31)),
        ("Any news from last summer?", date(2024, 6, 1), date(2024, 8, 31)),
        ("What was reported in the spring?", date(2025, 3, 1), date(2025, 5, 31)),
        ("What happened in the fall of 2024?", date(2024, 9, 1), date(2024, 11, 30)),
        ("What happened last winter?", date(2024, 12, 1), date(2025, 2, 28)),
        ("What has happened since the spring?", date(2025, 3, 1), None),
        # halves and quarters of a year
        ("What happened in the first half of 2025?", date(2025, 1, 1), date(2025, 6, 30)),
        ("What was in the news in Q3 2024?", date(2024, 7, 1), date(2024, 9, 30)),
        ("Anything in the second quarter?", date(2025, 4, 1), date(2025, 6, 30)),
        ("What happened in H1?", date(2025, 1, 1), date(2025, 6, 30)),
        # parts of a month or a year
        ("What was in the news around mid-July?", date(2025, 7, 11), date(2025, 7, 20)),
        ("What happened in early March?", date(2025, 3, 1), date(2025, 3, 15)),
        ("What did the articles report in late October 2024?", date(2024, 10, 16), date(2024, 10, 31)),
        ("What happened at the start of June?", date(2025, 6, 1), date(2025, 6, 15)),
        ("What happened in late 2024?", date(2024, 9, 1), date(2024, 12, 31)),
        ("What happened after mid-May?", date(2025, 5, 21), None),
        ("Tell me what happened in the first week of June 2024.", date(2024, 6, 1), date(2024, 6, 7)),
        ("What happened in the last week of June?", date(2025, 6, 24), date(2025, 6, 30)),
    ],
)
def test_named_stretches_of_the_calendar(question: str, after: date | None, before: date | None) -> None:
    period = find_period(question, REF)
    assert (period.after, period.before) == (after, before)


def test_fall_as_a_verb_is_no_season() -> None:
    assert not find_period("Did Lumora's shares fall?", REF)
    assert not find_period("How far did the rate fall?", REF)


@pytest.mark.parametrize(
    ("question", "kind", "subject"),
    [
        ("What happened over the summer?", "period", ""),
        ("What happened in the first half of 2025?", "period", ""),
        ("What did the articles report in late October 2025?", "period", ""),
        ("What happened to Lumora in June?", "period", "Lumora"),
        ("Which court cases do the articles mention?", "which", "court cases"),
        ("What companies are mentioned?", "which", "companies"),
        ("Which stories feature a judge?", "which", "judge"),
        ("Which stories involved a vote?", "which", "vote"),
        ("What fines were handed out in the stories?", "which", "fines handed out"),
    ],
)
def test_the_verbs_and_period_words_of_a_list_question_stay_out_of_its_subject(
    question: str, kind: str, subject: str
) -> None:
    from qa.gather import intent_subject

    period = find_period(question, date(2025, 11, 20))
    intent = classify(question, has_period=bool(period))
    assert (intent.kind, intent_subject(intent, period)) == (kind, subject)


@pytest.mark.parametrize(
    ("question", "kind", "sides"),
    [
        (
            "How did the first Lumora recall compare with the expanded one?",
            "compare",
            ("the first Lumora recall", "the expanded Lumora recall"),
        ),
        (
            "Was Eastmere inflation higher in January or in April?",
            "compare",
            ("Eastmere inflation higher in January", "Eastmere inflation higher in April"),
        ),
        (
            "How much lower was the judge's figure than the jury's award?",
            "compare",
            ("much lower was the judge's figure", "the jury's award"),
        ),
        # two sides named with no comparative: what follows the second is asked of both
        (
            "How far apart were Lumora and the safety commission on the number of reports?",
            "compare",
            ("Lumora on the number of reports", "the safety commission on the number of reports"),
        ),
        (
            "how far apart were the jury and the judge on damages",
            "compare",
            ("the jury on damages", "the judge on damages"),
        ),
        ("Was the June cut as large as the April one?", "compare", ("the June cut", "the April cut")),
        (
            "Was the turnout in 2025 as high as in 2021?",
            "compare",
            ("the turnout in 2025", "the turnout in 2021"),
        ),
        (
            "Was the September decision split like the April one?",
            "compare",
            ("the September decision split", "the April decision split"),
        ),
        # a side that is only a month, or only a time, takes the other side's words
        (
            "inflation in Eastmere January vs April",
            "compare",
            ("inflation in Eastmere January", "inflation in Eastmere April"),
        ),
        (
            "the size of the recall at the start versus by the end",
            "compare",
            ("the size of the recall at the start", "the size of the recall by the end"),
        ),
        (
            "homes destroyed in the fire at first versus after a week",
            "compare",
            ("homes destroyed in the fire at first", "homes destroyed in the fire after a week"),
        ),
        # a claim checked: the bare comparative is the claim without its figure
        (
            "Did Lumora really receive 14 reports, or more?",
            "compare",
            ("Lumora really receive 14 reports", "Lumora really receive reports more"),
        ),
        # one measure asked twice
        (
            "where was the fire when the evacuations began and where was it when they were lifted",
            "compare",
            ("where was the fire when the evacuations began", "where was it when they were lifted"),
        ),
    ],
)
def test_a_side_that_leans_on_the_other_is_said_in_full(
    question: str, kind: str, sides: tuple[str, str]
) -> None:
    from qa.kinds import sides as sides_of

    assert classify(question).kind == kind
    assert sides_of(question) == sides


def test_more_than_a_number_is_no_comparison() -> None:
    assert classify("Did more than 300 owners contact the firm?").kind != "compare"


@pytest.mark.parametrize(
    "question",
    [
        "Were there as many as 300 people at the meeting?",
        "Did the company act as soon as it knew?",
        "How many homes burned and how many people died?",
        "Did he resign or not?",
    ],
)
def test_as_many_as_and_two_different_asks_are_no_comparison(question: str) -> None:
    assert classify(question).kind != "compare"


def test_a_change_over_time_is_measured_by_figures_in_sentences() -> None:
    from qa import kinds

    # the regex of sizes asked about ("how long is the tail") once shadowed this one
    assert kinds._MEASURE.search("Reports of overheating rose to 31, from 14 at the time of the recall.")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # The news in general, in a period: the period's words taken out, only words asking for news.
        ("anything going on in april 2025?", "period"),
        ("What were the headlines in July 2025?", "period"),
        ("What did the papers report in the spring?", "period"),
        ("What are the big running stories?", "main_stories"),
        # How something went, in a period, is what happened in it.
        ("How did the Cedar Ridge Fire go in late July?", "period"),
        ("How did Lumora fare in June 2025?", "period"),
        ("Anything new on Mensah since his return?", "period"),
        ("what's happened to the heater maker since the fine?", "period"),
        # What a thing is all about is a summary; month by month is a timeline.
        ("What is the Lumora recall all about?", "summary"),
        ("Eastmere interest rates, month by month?", "timeline"),
        ("How did the fire's containment change day by day?", "timeline"),
    ],
)
def test_kinds_of_period_and_news_questions(question: str, kind: str) -> None:
    period = find_period(question, REF)
    assert classify(question, has_period=bool(period), period_text=period.text).kind == kind


@pytest.mark.parametrize(
    ("question", "event", "relation", "until", "span"),
    [
        ("What's happened in Valdoria since polling day?", "polling day", "since", "", 0),
        ("What happened to the fire after it was contained?", "it was contained", "after", "", 0),
        ("What went on between the lawsuit and the deal?", "the lawsuit", "between", "the deal", 0),
        ("What happened between his injury and his return?", "his injury", "between", "his return", 0),
        ("How did the first month of the Quillon lawsuit go?", "the Quillon lawsuit", "start", "", 30),
        ("What happened in the last days of the campaign?", "the campaign", "end", "", 3),
        ("How did Rovers do in the weeks after he got hurt?", "he got hurt", "after", "", 28),
    ],
)
def test_periods_anchored_on_events_as_readers_name_them(
    question: str, event: str, relation: str, until: str, span: int
) -> None:
    period = find_period(question, REF)
    assert (period.event, period.relation, period.until, period.span_days) == (event, relation, until, span)


@pytest.mark.parametrize(
    ("question", "after", "before"),
    [
        # "news from June" is June's news; "from June on" opens a period.
        ("Any news from June 2025?", date(2025, 6, 1), date(2025, 6, 30)),
        ("Any stories from April?", date(2025, 4, 1), date(2025, 4, 30)),
        ("What has happened from May onwards?", date(2025, 5, 1), None),
    ],
)
def test_from_a_month_is_that_month_unless_it_runs_on(
    question: str, after: date, before: date | None
) -> None:
    period = find_period(question, REF)
    assert (period.after, period.before) == (after, before)


def test_no_event_in_a_bare_pronoun_or_between_two_names() -> None:
    assert not find_period("What has happened since then?", REF)
    assert not find_period("What is the dispute between Quillon and Brightwave?", REF)


@pytest.mark.parametrize(
    ("question", "after", "before"),
    [
        ("What happened from mid-June to the end of July?", date(2025, 6, 11), date(2025, 7, 31)),
        ("What happened between early May and late June?", date(2025, 5, 1), date(2025, 6, 30)),
        ("Any news from the start of March until mid-April 2025?", date(2025, 3, 1), date(2025, 4, 20)),
    ],
)
def test_a_named_stretch_runs_to_the_one_after_to(question: str, after: date, before: date) -> None:
    period = find_period(question, REF)
    assert (period.after, period.before) == (after, before)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("hey, can you tell me who took the penalty?", "who took the penalty?"),
        ("quick question: what did marsh promise", "what did marsh promise?"),
        ("I'd like to know how many staff lost their jobs", "how many staff lost their jobs?"),
        ("can you tell me was inflation higher before the cut?", "was inflation higher before the cut?"),
        ("Hello, what happened in march?", "what happened in march?"),
        # a question put as a clause, its verb last
        ("I'd like to know who Kwame Mensah's agent is.", "who is Kwame Mensah's agent?"),
        ("do you know what the turnout was?", "what was the turnout?"),
        ("according to the articles, who is the ceo of Lumora?", "who is the ceo of Lumora?"),
        ("ok so what happened next", "what happened next?"),
        ("how many people started the race - thanks!", "how many people started the race?"),
        # other ways to open a question, in the words the answer step reads
        ("What number of heaters were recalled?", "how many heaters were recalled?"),
        ("What amount did Lumora pay?", "how much did Lumora pay?"),
        ("For what reason did the bank cut rates?", "why did the bank cut rates?"),
        ("At what point is polling day?", "when is polling day?"),
        ("Which person mediated the talks?", "who mediated the talks?"),
        ("List the stories that involve a fine?", "which stories involve a fine?"),
        ("In what month did the strike end?", "when did the strike end?"),
        ("What made the judge refuse the injunction?", "why the judge refuse the injunction?"),
        ("what made headlines this week", "what made headlines this week?"),
        ("What made the Lumora heaters dangerous?", "What made the Lumora heaters dangerous?"),
        ("What year was the observatory built?", "when was the observatory built?"),
        ("How soon will Mensah be back?", "when will Mensah be back?"),
        ("Are there any stories that mention a recount?", "which stories mention a recount?"),
        ("Show me the stories that feature a judge", "which stories feature a judge?"),
        ("What's the score against Port Lowry?", "What is the score against Port Lowry?"),
        ("What's happened since the election?", "What has happened since the election?"),
        ("What's new with Eastmere interest rates?", "What's new with Eastmere interest rates?"),
        # a follow-up's "and" or "so" before a question of its own goes; alone, or before what is no
        # question, it stays, and so does what is no question after the polite words
        ("and when did it end?", "when did it end?"),
        ("so which stories involve a lawsuit?", "which stories involve a lawsuit?"),
        ("then what", "then what"),
        ("and the men?", "and the men?"),
        ("Which businesses were hit with lawsuits exactly?", "Which businesses were hit with lawsuits?"),
        ("which stories involve a fine in the articles?", "which stories involve a fine?"),
        ("tell me about the strike", "tell me about the strike"),
        ("do you know if the strike is over", "do you know if the strike is over?"),
        # an aside set off by a comma or colon, whatever the question opens with
        ("i'm curious, who was the union's lawyer?", "who was the union's lawyer?"),
        ("quick question: show me every story with a lawsuit.", "show me every story with a lawsuit."),
        (
            "according to the articles, after the judge cut it, how much does Brightwave owe?",
            "after the judge cut it, how much does Brightwave owe?",
        ),
        ("btw, in march what happened?", "in march what happened?"),
        ("so who's the doctor treating Mensah", "who is the doctor treating Mensah?"),
        ("and anything happen in august 2025", "anything happen in august 2025"),
        # the ending as typed: "please?", doubled marks, none at all
        ("how much did the renovation cost in total, please?", "how much did the renovation cost in total?"),
        ("Who won more seats, the Alliance or the Front??", "Who won more seats, the Alliance or the Front?"),
        ("when does the case go to trial", "when does the case go to trial?"),
        ("whats happened in valdoria", "what has happened in valdoria?"),
        ("whos the governor", "who is the governor?"),
        ("whats going on with the wildfire", "what's going on with the wildfire?"),
        # who caused a thing asks its cause; who did a deed is still a person
        ("who do they think caused the cedar ridge fire", "what caused the cedar ridge fire?"),
        ("Who sparked the blaze?", "what sparked the blaze?"),
        ("who is to blame for the fire?", "what caused the fire?"),
        ("who caught the fire on camera?", "who caught the fire on camera?"),
        # whether something is mentioned asks which stories mention it
        ("is a jury mentioned anywhere?", "which stories mention a jury?"),
        ("where is Port Lowry mentioned?", "which stories mention Port Lowry?"),
        ("does a recount come up in the articles?", "which stories mention a recount?"),
        ("is the strike over?", "is the strike over?"),
        ("when is Mensah due back on the pitch 🙂", "when is Mensah due back on the pitch?"),
        ("🔥 how many homes burned? 👍🏽", "how many homes burned?"),
        # an aside is only an aside before its comma; a question about one is a question
        ("A question about the fire: who?", "A question about the fire: who?"),
    ],
)
def test_the_question_is_what_follows_the_polite_words(question: str, asked: str) -> None:
    assert asked_part(question) == asked


@pytest.mark.parametrize(
    ("message", "chat"),
    [
        ("hey, is the cedar ridge fire still burning", False),
        ("hey, timeline of the valdoria election", False),
        ("hey, whats the eastmere unemployment rate in july", False),
        ("hey there", True),
        ("hi, how are you", True),
        ("hey newsdesk, thanks a lot", True),
    ],
)
def test_a_greeting_before_a_question_is_no_chat(message: str, chat: bool) -> None:
    assert is_chat(message) is chat


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("and do you know when did he finally concede?", "and when did he finally concede?"),
        ("and hey, what did they say back", "and what did they say back"),
        ("and Newsdesk, how many were damaged?", "and how many were damaged?"),
        ("and the men?", "and the men?"),
    ],
)
def test_a_follow_up_keeps_its_and_but_not_the_polite_words_after_it(question: str, asked: str) -> None:
    assert asked_part(question, follow_up=True) == asked
