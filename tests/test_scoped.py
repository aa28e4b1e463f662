"""Story-scoped evidence (``qa.scoped``): a question reworded past every shared word is read
against its whole story, and answered only when one sentence of the asked type stands out."""

from __future__ import annotations

from typing import Any

import pytest

from qa import answer, scoped
from qa.index import Index
from qa.scoped import question_story, scoped_answer
from tests.conftest import newsroom_index


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """A one-off (the comet) beside a running story (the heater recall), with the real model:
    "space rock" is nearer the recall's "space heaters" in words than the comet's."""
    return newsroom_index(tmp_path_factory.mktemp("scoped"), ("comet-", "lumora-", "marathon-"))


@pytest.mark.slow
def test_the_question_is_placed_in_its_story_by_meaning(corpus: Index) -> None:
    members, similarity, second = question_story(
        "when will the sky visitor come nearest to our planet", corpus.catalog(), corpus
    )
    assert [r.source for r in members] == ["comet-2025-08-02.txt"]
    assert similarity > second


@pytest.mark.slow
def test_a_large_archive_compares_only_the_stories_retrieval_reached(
    corpus: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[str] = []
    embed = corpus.embedder.embed_sentences

    def counting(texts: list[str], batch_size: int) -> list[Any]:
        embedded.extend(texts)
        return embed(texts, batch_size)

    monkeypatch.setattr(corpus.embedder, "embed_sentences", counting)
    monkeypatch.setattr(scoped, "SCOPE_PASSAGES", 1)
    question = "how many heaters did Lumora recall"
    members, _, _ = question_story(question, corpus.catalog(), corpus, every=1)
    assert members and all(r.source.startswith("lumora") for r in members)
    assert 0 < len(embedded) < len(corpus.catalog().articles)  # not every article's lede


@pytest.mark.slow
def test_a_reworded_date_question_is_answered_from_its_story(corpus: Index) -> None:
    got = answer("when's the space rock going to be closest to us", index=corpus)
    assert got.answered and "March 2027" in got.text
    assert got.citations[0].source == "comet-2025-08-02.txt"


@pytest.mark.slow
def test_an_untyped_question_is_not_read_against_its_story(corpus: Index) -> None:
    """Any sentence of the story is of the type a fact or why question asks for: nothing stands out."""
    assert scoped_answer("what's the vibe around the icy wanderer", "fact", corpus.catalog(), corpus) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "How much does the Glow 4 cost?",  # on topic, no such figure
        "Who won the tennis at Wimbledon this year?",  # off topic
        "How many calories are in a banana?",
    ],
)
def test_a_near_miss_is_still_refused(corpus: Index, question: str) -> None:
    assert not answer(question, index=corpus).answered
