"""Story-scoped evidence (``qa.scoped``): a question reworded past every shared word is read
against its whole story, and answered only when one sentence of the asked type stands out."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qa import answer
from qa import catalog as catalog_module
from qa.catalog import ArticleRecord, ArticleVectors, Catalog, load_catalog
from qa.index import Index
from qa.scoped import question_story, scoped_answer
from tests.conftest import NEWSROOM, newsroom_index


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


def _counting(monkeypatch: pytest.MonkeyPatch, index: Index) -> tuple[list[str], list[Path]]:
    """The texts ``index`` embeds as sentences and the catalogs whose vectors are read, from now on."""
    embedded: list[str] = []
    reads: list[Path] = []
    embed, read = index.embedder.embed_sentences, catalog_module._read_vectors

    def counting_embed(texts: list[str], batch_size: int = 32) -> list[Any]:
        embedded.extend(texts)
        return embed(texts, batch_size)

    def counting_read(path: Path) -> ArticleVectors:
        reads.append(path)
        return read(path)

    monkeypatch.setattr(index.embedder, "embed_sentences", counting_embed)
    monkeypatch.setattr(catalog_module, "_read_vectors", counting_read)
    return embedded, reads


@pytest.mark.slow
def test_the_story_is_found_from_the_stored_vectors_read_once(
    corpus: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No article's title and lede is embedded at question time: the question is compared with
    the vectors stored at sync, read from the catalog once and kept with it."""
    catalog = replace(corpus.catalog())  # the same records, their vectors not read yet
    embedded, reads = _counting(monkeypatch, corpus)
    for question in (
        "how many heaters did Lumora recall",
        "when will the sky visitor come nearest to our planet",
    ):
        members, _, _ = question_story(question, catalog, corpus)
        assert members
    assert embedded == []
    assert len(reads) == 1
    assert set(catalog.vectors().rows) == set(catalog.articles)


@pytest.mark.slow
def test_records_without_a_stored_vector_are_compared_by_their_title_and_lede(
    corpus: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalog whose records hold no vector (a question's records, built into a catalog of
    their own) still finds the story: each article's title and lede is embedded instead."""
    loaded = corpus.catalog()
    bare = Catalog(dict(loaded.articles), dict(loaded.stories), loaded.version)
    embedded, reads = _counting(monkeypatch, corpus)
    members, _, _ = question_story("when will the sky visitor come nearest to our planet", bare, corpus)
    assert [r.source for r in members] == ["comet-2025-08-02.txt"]
    assert len(embedded) == len(loaded.articles) and reads == []


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


@pytest.mark.slow
def test_a_sync_that_adds_an_article_is_seen_by_the_next_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The vectors are read once per catalog version: the comet, synced after the first
    questions, is the next question's story; a question the fact path answers reads none."""
    from ingest import sync

    (tmp_path / "sync").mkdir()
    index = newsroom_index(tmp_path / "sync", ("lumora-",))
    _, reads = _counting(monkeypatch, index)
    assert answer("How many heaters did Lumora recall?", index=index).answered
    assert reads == []  # never reached the story lookup
    question = "when will the sky visitor come nearest to our planet"
    before, _, _ = question_story(question, index.catalog(), index)
    question_story(question, index.catalog(), index)
    assert len(reads) == 1
    assert all(r.source.startswith("lumora-") for r in before)
    comet = next(f for f in NEWSROOM.iterdir() if f.name.startswith("comet-"))
    shutil.copy(comet, index.settings.articles_dir / comet.name)
    sync(index=index)
    after, similarity, second = question_story(question, index.catalog(), index)
    assert [r.source for r in after] == [comet.name] and similarity > second
    assert len(reads) == 2


def test_the_vectors_matrix_skips_records_stored_without_one(tmp_path: Path) -> None:
    """A record saved with no vector gets no row (it is compared by its title and lede); the
    others' rows are their stored vectors, read from the file once per catalog."""
    import numpy as np

    def record(source: str, vector: tuple[float, ...]) -> ArticleRecord:
        return ArticleRecord(source, source, source, "2025-01-01", "", "", "A lede.", source, 0, 7, vector)

    records = {
        "a.txt": record("a.txt", (0.6, 0.8)),
        "b.txt": record("b.txt", ()),
        "c.txt": record("c.txt", (1.0, 0.0)),
    }
    path = tmp_path / "catalog.db"
    Catalog(dict(records)).save(path)
    loaded = load_catalog(path)
    assert all(r.vector == () for r in loaded.articles.values())  # a question's records hold none
    vectors = loaded.vectors()
    assert set(vectors.rows) == {"a.txt", "c.txt"} and vectors.matrix.shape == (2, 2)
    assert np.allclose(vectors.matrix[vectors.rows["a.txt"]], [0.6, 0.8])
    assert loaded.vectors() is vectors
    in_memory = Catalog(dict(records)).vectors()
    assert set(in_memory.rows) == {"a.txt", "c.txt"}
