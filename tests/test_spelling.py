"""Spelling correction measured on misspelt news questions over the news-reader articles.

The vocabulary is the bench articles' own words, counted as the catalog counts them
(``qa.catalog.words_in``), so no model or store is needed. Each case is a question as a reader
might type it and the question meant: letters dropped, doubled, swapped or hit on a neighbouring
key, apostrophes left out, names in lower case or misspelt, words run together, phone shorthand,
words outside the commonest English ones, and right words that must stay as typed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from qa.catalog import names_in, words_in
from qa.spelling import Speller

ARTICLES = Path(__file__).resolve().parents[1] / "bench" / "newsroom" / "articles"

# (as typed, as meant)
CASES = [
    # dropped letters
    ("how many homs were destroyd", "how many homes were destroyed"),
    ("wen did the strike begin", "when did the strike begin"),
    ("who is the unon leader", "who is the union leader"),
    ("what did the jdge decide", "what did the judge decide"),
    ("how many heaters did lumora recal", "how many heaters did lumora recall"),
    ("what caused the wildfre", "what caused the wildfire"),
    ("who won the marthon", "who won the marathon"),
    ("how much was the settlment", "how much was the settlement"),
    ("what is the interst rate now", "what is the interest rate now"),
    ("when is mensah retuning", "when is mensah returning"),
    ("how long was the renovaton", "how long was the renovation"),
    ("who mediatd the talks", "who mediated the talks"),
    ("what did the jury awrd", "what did the jury award"),
    ("how many firefighters were asigned", "how many firefighters were assigned"),
    ("what was inflaton in may", "what was inflation in may"),
    # doubled letters
    ("how many vottes did marsh get", "how many votes did marsh get"),
    ("what did the comitttee say", "what did the committee say"),
    ("who is the chieff executive of lumora", "who is the chief executive of lumora"),
    ("how bigg is the comet", "how big is the comet"),
    ("when did the museumm reopen", "when did the museum reopen"),
    ("how many seatts did the civic alliance win", "how many seats did the civic alliance win"),
    ("what was the finall score", "what was the final score"),
    ("why did the bankk cut rates", "why did the bank cut rates"),
    # swapped letters
    ("who won the elcetion", "who won the election"),
    ("what is the latset on the wildfire", "what is the latest on the wildfire"),
    ("how many poeple were evacuated", "how many people were evacuated"),
    ("what did the cetnral bank do", "what did the central bank do"),
    ("why did quillon sue brightwave", "why did quillon sue brightwave"),
    ("how much were the damgaes", "how much were the damages"),
    ("what happend to mensah", "what happened to mensah"),
    ("when did the strkie end", "when did the strike end"),
    ("who is the govrenor", "who is the governor"),
    ("how many fires were lniked to the heaters", "how many fires were linked to the heaters"),
    ("what did the investigatros find", "what did the investigators find"),
    ("how fast was the wnining time", "how fast was the winning time"),
    # adjacent keys
    ("how mant homes burned", "how many homes burned"),
    ("whst was the pay rise", "what was the pay rise"),
    ("who ie the fire chief", "who is the fire chief"),
    ("what did the uniom want", "what did the union want"),
    ("how much was lumora fimed", "how much was lumora fined"),
    ("what was the turnoit", "what was the turnout"),
    ("when wilk the comet pass earth", "when will the comet pass earth"),
    ("who owns the powet line", "who owns the power line"),
    ("how many riders were affectes", "how many riders were affected"),
    ("what did the jurt decide", "what did the jury decide"),
    ("whT is the rate", "what is the rate"),
    # missing apostrophes / contractions
    ("whats the latest on the recall", "what's the latest on the recall"),
    ("whats happening with mensah", "what's happening with mensah"),
    ("whos the mediator", "who's the mediator"),
    ("wheres the museum", "where's the museum"),
    ("why didnt the judge ban sales", "why didn't the judge ban sales"),
    ("what was lumoras fine", "what was lumora's fine"),
    ("hows the fire going", "how's the fire going"),
    ("whats quillons patent about", "what's quillon's patent about"),
    # lowercase names
    ("what did ochieng say", "what did ochieng say"),
    ("who is dana okafor", "who is dana okafor"),
    ("what did ibarra promise", "what did ibarra promise"),
    ("when did brightwave appeal", "when did brightwave appeal"),
    ("what is northvale power blamed for", "what is northvale power blamed for"),
    # misspelt names
    ("what did lumra recall", "what did lumora recall"),
    ("when will mensha be back", "when will mensah be back"),
    ("who is nadia ferant", "who is nadia ferrant"),
    ("what did ibbara say about rents", "what did ibarra say about rents"),
    ("why did quilon sue", "why did quillon sue"),
    ("what happened to brightwve", "what happened to brightwave"),
    ("who won in valdria", "who won in valdoria"),
    ("what did okafer say", "what did okafor say"),
    ("what did northvail power say", "what did northvale power say"),
    # run-together words
    ("howmany homes burned", "how many homes burned"),
    ("whatis the latest on the strike", "what is the latest on the strike"),
    ("who won theelection", "who won the election"),
    ("how much did thestrike cost", "how much did the strike cost"),
    ("when did thefire start", "when did the fire start"),
    ("what did the centralbank do", "what did the central bank do"),
    # phone typing
    ("how many ppl were evacuated", "how many people were evacuated"),
    ("r the trams running", "are the trams running"),
    ("can u tell me about the recall", "can you tell me about the recall"),
    ("what r the main stories", "what are the main stories"),
    ("how many ppl died in the fire", "how many people died in the fire"),
    ("pls summarize the strike", "please summarize the strike"),
    ("what happened w the strike", "what happened with the strike"),
    ("y did the bank cut rates", "why did the bank cut rates"),
    ("wat happened to mensah", "what happened to mensah"),
    ("whats the govt doing about rents", "what's the government doing about rents"),
    # words outside the 5,000 commonest
    ("how many acers burned", "how many acres burned"),
    ("what was the compensaton", "what was the compensation"),
    ("when were the evacuaton orders lifted", "when were the evacuation orders lifted"),
    ("what was the hamstrig injury", "what was the hamstring injury"),
    ("who was the mediater", "who was the mediator"),
    ("what did the astronmers discover", "what did the astronomers discover"),
    ("how many ballots were recounted", "how many ballots were recounted"),
    ("did brightwave infrnge the patents", "did brightwave infringe the patents"),
    ("what were the negotations about", "what were the negotiations about"),
    # right words one slip from a word of a name their neighbours begin
    ("how many homes did the cedar ridge fir destroy", "how many homes did the cedar ridge fire destroy"),
    ("when did the harbor city museum reopen", "when did the harbour city museum reopen"),
    ("how did ashbury rover do against dunmore", "how did ashbury rovers do against dunmore"),
    ("who did kingsport unite play", "who did kingsport united play"),
    ("when did pine hallow burn", "when did pine hollow burn"),
    # right words that must stay
    ("who conceded the election", "who conceded the election"),
    ("what did the tentative deal include", "what did the tentative deal include"),
    ("how many units were recalled", "how many units were recalled"),
    ("was the firefighter burned", "was the firefighter burned"),
    ("what did the schooner margarethe need", "what did the schooner margarethe need"),
    ("how did the countersuit go", "how did the countersuit go"),
    ("who sacked the coach", "who sacked the coach"),
    ("what did the regulator say", "what did the regulator say"),
    ("how much did the makeover cost", "how much did the makeover cost"),
    ("when was the walkout", "when was the walkout"),
    ("is the blaze out", "is the blaze out"),
    ("how long is he sidelined", "how long is he sidelined"),
    ("what did the watchdog say about the heaters", "what did the watchdog say about the heaters"),
    ("what are the stats", "what are the stats"),
    ("what's the gist of the lawsuit", "what's the gist of the lawsuit"),
    ("were fir trees burned on cedar ridge road", "were fir trees burned on cedar ridge road"),
    ("is the cedar ridge fire out", "is the cedar ridge fire out"),
    ("how did the rovers do", "how did the rovers do"),
]
# Ambiguous without more than a neighbouring word: "retuning" is a word, and "mediate" is one
# slip from "mediatd" as "mediated" is. Measured: 114 of 116 right (79 before the English index,
# slip kinds, run-together words, shorthand and contractions).
ALLOWED_MISSES = 2


@pytest.fixture(scope="module")
def speller() -> Speller:
    vocabulary: Counter[str] = Counter()
    names: set[str] = set()
    for path in ARTICLES.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        vocabulary.update(words_in(text))
        names |= names_in(text)
    return Speller(vocabulary, names)


def _same(a: str, b: str) -> bool:
    return re.sub(r"['’]", "", a.lower()) == re.sub(r"['’]", "", b.lower())


def test_misspelt_news_questions_are_corrected(speller: Speller) -> None:
    missed = [
        (typed, speller.correct(typed).text, meant)
        for typed, meant in CASES
        if not _same(speller.correct(typed).text, meant)
    ]
    assert len(CASES) >= 100
    assert len(missed) <= ALLOWED_MISSES, missed


def test_right_words_are_never_corrected(speller: Speller) -> None:
    right = [meant for typed, meant in CASES if typed == meant]
    assert len(right) >= 15
    changed = [(q, speller.correct(q).text) for q in right if speller.correct(q)]
    assert changed == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("why did the bankk cut rates", "why did the bank cut rates"),  # doubled, not "banks"
        ("how much was lumora fimed", "how much was lumora fined"),  # neighbouring key, the articles' word
        ("who ie the fire chief", "who is the fire chief"),  # English pairs "who is" far more than "tie the"
        ("when did thefire start", "when did the fire start"),  # run together, not "their"
        ("how does the final dela compare", "how does the final deal compare"),  # a swap, not "de la"
        ("why didnt the judge ban sales", "why didn't the judge ban sales"),  # not "did": the negation stays
        ("who won the mens race", "who won the men's race"),  # the articles' "men's", not "means"
        ("what was lumoras fine", "what was lumora's fine"),
        ("how many ppl were evacuated", "how many people were evacuated"),
        ("who is the sherrif in alder county", "who is the sheriff in alder county"),  # the double moved
        ("what did the parlimentary comittee ask", "what did the parliamentary committee ask"),
        ("when was the sherriff told", "when was the sheriff told"),  # a double too many, not "sherri"
        ("wen did the strike begin", "when did the strike begin"),  # a rare word that fits no neighbour
        (
            "did brightwave infrnge the patents",
            "did brightwave infringe the patents",
        ),  # past the 5,000 commonest
    ],
)
def test_each_kind_of_slip(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct(typed).text == meant


def test_a_rare_right_word_stays_though_english_pairs_a_neighbour_with_another() -> None:
    # "sued" is one swap from "used", and English pairs "who used", not "who sued".
    speller = Speller({"lumora": 3, "home": 2, "companies": 1})
    assert not speller.correct("Who sued Lumora Home?")
    assert not speller.correct("Which companies have been sued?")


def test_shorthand_and_contractions_keep_capitals_and_leave_abbreviations(speller: Speller) -> None:
    assert speller.correct("Y did the bank cut rates").text == "Why did the bank cut rates"
    assert speller.correct("Did the U.S. comment on the comet?").text == "Did the U.S. comment on the comet?"
    assert (
        speller.correct("Union's demand vs the authority's offer").text
        == "Union's demand vs the authority's offer"
    )
    assert speller.correct("The storage shed burned").text == "The storage shed burned"  # a word, not "she'd"


def test_only_a_mended_slip_is_shown_as_a_correction(speller: Speller) -> None:
    # "Showing results for 'who is the chief executive of Lumora'" told a reader who typed "CEO"
    # of no slip: a title or shorthand written out, an apostrophe put back, reads the question as typed
    assert not speller.correct("Who is the CEO of Kestrel Components?").misspelt
    assert not speller.correct("wen did the strike end rn").misspelt
    assert not speller.correct("who didnt get invited to the debate").misspelt
    assert speller.correct("hw many homs burned").misspelt
    assert speller.correct("who is lumora's ceo and wen was the recal").misspelt


def test_acronyms_titles_and_chat_words_are_not_corrected_into_other_words(speller: Speller) -> None:
    # symspellpy's list lacks "ceo", "gdp", "lol" and ranks "hi" past its 30,000th word: each was
    # one edit from a word it has ("ECO", "GAP", "low", "I")
    assert speller.correct("Who is the CEO of Kestrel Components?").text == (
        "Who is the chief executive of Kestrel Components?"
    )
    assert speller.correct("who is lumora's ceo").text == "who is lumora's chief executive"
    assert not speller.correct("what was the GDP of Eastmere last year")
    assert speller.correct("yo whos winning the valdoria thing lol").changes == (("whos", "who's"),)
    assert not speller.correct("Hi, how many people died in the fire?")
    # a question typed all in capitals is still corrected word by word
    assert speller.correct("WHO IS THE GOVERNER").text == "WHO IS THE GOVERNOR"
    # abbreviations and shorthand symspellpy lacks: "tv" read "to", "evac" read "evan"
    assert not speller.correct("who won the tv debate")
    assert speller.correct("where did the evac people go").text == "where did the evacuation people go"


@pytest.mark.parametrize(
    "question",
    [
        "which fire chiefs spoke about the blaze",  # not the name's "Fire Chief"
        "which governors voted for the cut",  # not the articles' "governor's"
        "what did the sheriffs say",
        "which judges ruled on the patents",
    ],
)
def test_a_plural_typed_right_stays_plural(speller: Speller, question: str) -> None:
    assert speller.correct(question).text == question


def test_a_rare_word_is_the_articles_word_with_a_letter_left_out(speller: Speller) -> None:
    # "manger" and "sate" are English, but rare; "manager" and "state" are the articles' and far commoner
    assert (
        speller.correct("who is the manger of ashbury rovers").text == "who is the manager of ashbury rovers"
    )
    assert speller.correct("what did the sate fire investigators conclude").text == (
        "what did the state fire investigators conclude"
    )
    # a common word stays, and so does a singular beside the articles' plural
    assert not speller.correct("did the union lose the vote")
    assert not speller.correct("who won the tram vote")


@pytest.mark.parametrize("question", ["ok and when's the next decision", "okay so when was he back"])
def test_a_chat_opener_is_no_slip(speller: Speller, question: str) -> None:
    # "ok" read "on" made "ok and when's the next decision" a fact question, not a "when"
    assert speller.correct(question).text == question


@pytest.mark.parametrize(
    ("typed", "cased"),
    [
        ("who is the chief executive of northvale power?", "who is the chief executive of Northvale Power?"),
        ("which stories mention port lowry", "which stories mention Port Lowry"),
        ("how many seats did the people's front win", "how many seats did the People's Front win"),
        ("who is eastmere's prime minister?", "who is Eastmere's prime minister?"),
        # a name that is a common word on its own stays as typed; so does what was typed with capitals
        ("what did marsh promise on housing", "what did marsh promise on housing"),
        ("why did the transit authority sue the union", "why did the transit authority sue the union"),
        ("Who runs Kestrel components?", "Who runs Kestrel components?"),
        ("what happened in march", "what happened in march"),
        # a name with an apostrophe inside, typed without it, in any case
        ("Who did the Peoples Front leader lose to?", "Who did the People's Front leader lose to?"),
        ("why did the peoples front sue", "why did the People's Front sue"),
    ],
)
def test_names_typed_in_lower_case_are_written_as_the_articles_write_them(
    speller: Speller, typed: str, cased: str
) -> None:
    assert speller.cased(typed) == cased


def test_the_product_s_own_name_is_no_typo(speller: Speller) -> None:
    assert speller.correct("Newsdesk, which stories mention Brandt?").text.startswith("Newsdesk,")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # the word that makes an articles' name with its neighbours, not a commoner word
        ("How many people were killed by the Cear Ridge blaze?", "Cedar Ridge"),
        ("How many acres did the Celar Ridge Fire burn?", "Cedar Ridge"),
        # a name's word typed as a possessive, not a month's
        ("How many seats did Maruh's party win?", "Marsh's"),
        # the words a reader asks the product with
        ("Which stoires took place in Harbour City?", "stories"),
        ("What were the main stoires in July 2025?", "stories"),
        # a word typed with a capital inside the question: a name's word, not English's
        ("What fee were Castellano and Roves said to be discussing?", "Castellano and Rovers"),
        # the articles' spelling of a word spelt the other side of the Atlantic
        ("Name the stories where someone apologized.", "apologised"),
        ("how many neighboring counties sent crews", "neighbouring"),
        ("who runs the harbor city museum", "harbour"),
    ],
)
def test_a_slip_is_read_as_the_articles_name_or_the_asking_word(
    speller: Speller, typed: str, meant: str
) -> None:
    assert meant in speller.correct(typed).text


def test_a_name_with_a_day_or_a_month_in_it_is_not_cased() -> None:
    """A day is the period's word, not a name's: "saturday" stays as typed, "kelby" is cased."""
    speller = Speller({"kelby": 1, "saturday": 2}, ["Kelby Observatory", "Saturday Market"])
    assert speller.cased("what did the kelby observatory find on saturday market day") == (
        "what did the Kelby Observatory find on saturday market day"
    )


def test_an_acronyms_plural_is_kept_or_written_out_as_its_singular() -> None:
    speller = Speller({"lumora": 3, "chief": 2, "executive": 2})
    assert speller.correct("which company bosses are quoted? list the CEOs").text.endswith(
        "list the chief executives"
    )  # it was "Coos"
    assert speller.correct("which ceos were quoted").text == "which chief executives were quoted"
    assert not speller.correct("what did the NGOs say")
    assert not speller.correct("how many MPs voted")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        # names of people the articles never write (bylines, anyone the reader knows of): a plain
        # word one edit away ("Aroused", "Newell", "Pennies") would only mislead
        ("and by Felix Aronsen?", "Felix Aronsen"),
        ("what else has Jonah Sewell written?", "Jonah Sewell"),
        ("Which articles were written by Ada Pennick?", "Ada Pennick"),
    ],
)
def test_a_name_typed_with_its_capital_is_kept_when_no_name_of_the_articles_is_near(
    speller: Speller, typed: str, kept: str
) -> None:
    assert kept in speller.correct(typed).text
