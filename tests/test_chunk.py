"""Chunking: token budget, exact offsets, overlap, sentence spans and stable ids."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest

from ingest.chunk import chunk_article
from ingest.load import Article, parse_article
from qa.embedder import count_tokens
from qa.settings import Settings
from qa.text import sentence_spans
from tests.conftest import RUSSIA_UN, SEEDS, US_WITHDRAWS


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(tmp_path), "NEWSDESK_CHUNK_SIZE": "120", "NEWSDESK_CHUNK_OVERLAP": "24"}
    )


@pytest.mark.parametrize("name", [US_WITHDRAWS, RUSSIA_UN])
def test_chunks_fit_and_point_back_into_the_article(name: str, settings: Settings) -> None:
    article = parse_article(name, (SEEDS / name).read_bytes())
    chunks = chunk_article(article, settings)
    assert len(chunks) > 3
    for i, c in enumerate(chunks):
        assert c.index == i
        assert article.text[c.start : c.end] == c.text
        assert count_tokens(settings.embedding_model, c.text) <= 120
        assert (c.source, c.title) == (name, article.title)
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    words = [i for i, ch in enumerate(article.text) if not ch.isspace()]
    assert all(i in covered for i in words), "every non-space character is in some chunk"


def test_neighbouring_chunks_overlap(settings: Settings) -> None:
    article = parse_article(US_WITHDRAWS, (SEEDS / US_WITHDRAWS).read_bytes())
    chunks = chunk_article(article, settings)
    assert any(b.start < a.end for a, b in itertools.pairwise(chunks))


def test_chunks_end_at_sentence_boundaries(settings: Settings) -> None:
    article = parse_article(RUSSIA_UN, (SEEDS / RUSSIA_UN).read_bytes())
    for c in chunk_article(article, settings):
        assert c.text.rstrip()[-1] in '.!?”"’)' or c.text.count("\n") == 0


def test_sentence_spans_are_relative_to_the_chunk(settings: Settings) -> None:
    article = parse_article(RUSSIA_UN, (SEEDS / RUSSIA_UN).read_bytes())
    for c in chunk_article(article, settings):
        assert c.sentences
        for a, b in c.sentences:
            assert 0 <= a < b <= len(c.text)
            assert c.text[a:b] == c.text[a:b].strip()


def test_ids_depend_on_content_and_article(settings: Settings) -> None:
    data = (SEEDS / RUSSIA_UN).read_bytes()
    first = chunk_article(parse_article("a.txt", data), settings)
    again = chunk_article(parse_article("a.txt", data), settings)
    elsewhere = chunk_article(parse_article("b.txt", data), settings)
    assert [c.id for c in first] == [c.id for c in again]
    assert not {c.id for c in first} & {c.id for c in elsewhere}
    edited = chunk_article(parse_article("a.txt", data + b"\nA new closing paragraph was added."), settings)
    assert {c.id for c in first[:-1]} <= {c.id for c in edited}, "unchanged passages keep their ids"


def test_header_offsets_are_file_offsets(settings: Settings) -> None:
    raw = "Title: T\nSource: S\n\n" + "The minister resigned on Monday. " * 40
    article = parse_article("h.txt", raw.encode())
    chunks = chunk_article(article, settings)
    assert chunks[0].start == raw.index("The minister")
    assert all(raw[c.start : c.end] == c.text for c in chunks)


def test_sentence_spans_split_lines_and_sentences() -> None:
    text = "Headline here\nFirst sentence is here. Second one, with U.S. in it!\n\n  Third?  "
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Headline here",
        "First sentence is here.",
        "Second one, with U.S. in it!",
        "Third?",
    ]
    assert sentence_spans("") == [] and sentence_spans(" \n ") == []


@pytest.mark.parametrize(
    "line",
    [
        '"We never walked out of anything. We said we would withdraw, and we meant it," she said.',
        "\u201cIt does not look good. He is not a player who comes off for nothing,\u201d the manager said.",
        '"The count is complete. I congratulate the prime minister," Ibarra said, "and I wish him well."',
        "\"She told me 'we are done. Go home,' and left. That was it,\" he said.",
        "\u2018The heater is safe. We tested it,\u2019 the company said in March.",
        "'It is catching up. Nine percent is not greed,' the union's secretary said.",
        '"For three years that story was in crates. Today it is back where people can see it."',
        'Ferrant said: "We said there were no injuries. That was wrong. I apologise for it."',
    ],
)
def test_a_quotation_of_several_sentences_is_one_span(line: str) -> None:
    assert [line[a:b] for a, b in sentence_spans(line)] == [line]


def test_a_quoted_question_keeps_the_words_that_say_who_asked_it() -> None:
    # "Ochieng said at the finish." was quoted alone: the quotation before it ends on "?"
    text = (
        '"I felt strong at 30 kilometres and I thought, if not today, when?" Ochieng said at the finish. '
        'It was her first win. "Will it work?" she asked. "Stop!" The crowd roared.'
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        '"I felt strong at 30 kilometres and I thought, if not today, when?" Ochieng said at the finish.',
        "It was her first win.",
        '"Will it work?" she asked.',
        '"Stop!"',
        "The crowd roared.",
    ]


def test_sentences_around_a_quotation_stay_apart() -> None:
    text = (
        'Okafor denied it. "We never walked out. We are here," she said. The talks resume on Monday.\n'
        "The workers' union didn't agree. Lumora's shares fell 4%. It's the third fall.\n"
        '"This quotation runs on. Into the next paragraph.\n'
        '"And ends here," he said. Then he left.'
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Okafor denied it.",
        '"We never walked out. We are here," she said.',
        "The talks resume on Monday.",
        "The workers' union didn't agree.",
        "Lumora's shares fell 4%.",
        "It's the third fall.",
        '"This quotation runs on.',
        "Into the next paragraph.",
        '"And ends here," he said.',
        "Then he left.",
    ]


def test_a_line_without_spaces_is_cut_into_bounded_chunks(settings: Settings) -> None:
    # A 320 KB "word" (the loader refuses files made mostly of such runs; chunking bounds it anyway).
    body = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(5000))
    text = f"Endless line\n\n{body}\n"
    article = Article(path="line.txt", text=text, body_start=0, title="Endless line", sha256="x")
    chunks = chunk_article(article, settings)
    assert max(len(c.text) for c in chunks) <= settings.chunk_size * 10
    assert all(article.text[c.start : c.end] == c.text for c in chunks)
    spans = sorted((c.start, c.end) for c in chunks)
    assert spans[-1][1] == len(article.text.rstrip())
    gaps = [article.text[a[1] : b[0]] for a, b in itertools.pairwise(spans) if b[0] > a[1]]
    assert all(not gap.strip() for gap in gaps), "the whole line is covered"


def test_a_long_single_line_article_is_cut_at_sentences(settings: Settings) -> None:
    sentences = [f"Sentence {n} reports that the ferry ran {n} times on the lake." for n in range(3000)]
    article = parse_article("one-line.txt", ("One line\n\n" + " ".join(sentences)).encode())
    chunks = chunk_article(article, settings)
    assert all(article.text[c.start : c.end] == c.text for c in chunks)
    assert all(c.text.endswith(".") for c in chunks), "every chunk ends at a sentence end"
    assert {s for c in chunks for s in sentences if s in c.text} == set(sentences)
