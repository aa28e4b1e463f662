"""Sentence scoring by meaning: a question's word said in other words by the answer's sentence.

The logic tests check the weighting on plain word sets; the quality tests run real MiniLM, on
single words and on two running stories of the news-reader corpus (the heater recall, the
Valdoria election), asked in readers' words that the articles do not use.
"""

from __future__ import annotations

import pytest

from qa import answer
from qa.embedder import FakeEmbedder, SentenceEmbedder
from qa.evidence import SAME_WORD, _coverage, _meanings
from qa.index import Index
from qa.settings import default_embedding_model
from qa.text import content_words
from tests.conftest import newsroom_index


def test_a_word_said_in_other_words_counts_by_its_similarity() -> None:
    question = content_words("penalty heater")
    sentences = [content_words("fined the heater maker"), content_words("heater recall widened")]
    meant = [{"penalti": 0.65}, {}]
    plain = _coverage(question, sentences, [{}, {}])
    soft = _coverage(question, sentences, meant)
    assert plain[0] == plain[1], "by stems alone both say only 'heater'"
    assert soft[0] > soft[1] and soft[0] < 1.0, "the fine says the penalty, by less than the word itself"


def test_a_word_said_in_every_sentence_weighs_little() -> None:
    """ "blaze" said as "fire" in every sentence tells which one answers as little as "fire" would."""
    question = content_words("blaze acres")
    sentences = [content_words("fire burned acres"), content_words("fire crews arrived")]
    everywhere = _coverage(question, sentences, [{"blaze": 0.61}, {"blaze": 0.61}])
    once = _coverage(question, sentences, [{}, {"blaze": 0.61}])
    assert everywhere[1] < 0.15 < once[1]
    assert everywhere[0] > everywhere[1], "the acres still tell"


def test_the_fake_embedder_finds_no_meanings() -> None:
    """Distinct words are far apart in a hashed bag of words: the logic tests keep plain stems."""
    texts = ["The commission fined Lumora 12 million."]
    words = [content_words(t) for t in texts]
    assert _meanings("How big was the penalty?", texts, words, FakeEmbedder()) == [{}]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said", "other"),
    [
        ("How big was the penalty?", "The commission fined Lumora 12 million.", "The commission met today."),
        ("When does she take the oath?", "Marsh will be sworn in on November 3.", "Marsh won on November 3."),
        ("How many planes were used?", "Six aircraft were on the fire.", "Six crews were on the fire."),
        ("How big an area burned?", "The fire burned 16,200 acres.", "The fire burned 340 homes."),
    ],
)
def test_minilm_finds_the_asked_word_in_other_words(question: str, said: str, other: str) -> None:
    embedder = SentenceEmbedder(default_embedding_model())
    texts = [said, other]
    found = _meanings(question, texts, [content_words(t) for t in texts], embedder)
    assert found[0] and all(v >= SAME_WORD for v in found[0].values())
    assert not set(found[0]) <= set(found[1]), "the other sentence does not say it"


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of 12 articles on two running stories, with the real model."""
    return newsroom_index(tmp_path_factory.mktemp("meaning"), ("lumora-", "election-"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What penalty did the product safety regulator impose on Lumora?", "12 million"),
        ("On what date does Marsh take the oath for her second term?", "November 3"),
    ],
)
def test_a_question_in_a_readers_words_is_answered(stories: Index, question: str, expected: str) -> None:
    got = answer(question, index=stories)
    assert got.answered and expected in got.text


@pytest.mark.slow
def test_a_yes_no_question_is_read_by_its_own_words() -> None:
    """ "Has a judge signed off ...?" asks whether that deed happened: "agreed to settle" is near it
    in meaning, and no confirmation, so a yes/no question gets no words in other words."""
    texts = ["Lumora Home has agreed to pay 28 million to settle the class action."]
    words = [content_words(t) for t in texts]
    embedder = SentenceEmbedder(default_embedding_model())
    assert _meanings("Has a judge signed off on the settlement?", texts, words, embedder) == [{}]
