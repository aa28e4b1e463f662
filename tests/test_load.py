"""Loading: decoding, header blocks, titles and the files that are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import ArticleError, find_files, parse_article
from tests.conftest import SEEDS, US_WITHDRAWS


def test_title_is_the_first_non_empty_line() -> None:
    a = parse_article("a.txt", b"\n\n  Big news today  \nBody line one.\n")
    assert a.title == "Big news today"
    assert a.body_start == 0
    assert a.url == a.published == a.outlet == a.author == ""


def test_header_block_sets_metadata_and_body_starts_after_it() -> None:
    raw = (
        "Title: Markets rally\nURL: https://example.com/a\nPublished: May 2, 2025\n"
        "Source: Example Times\nAuthor: Jane Roe\n\nStocks rose on Friday.\n"
    )
    a = parse_article("m.md", raw.encode())
    assert (a.title, a.url, a.published, a.outlet, a.author) == (
        "Markets rally",
        "https://example.com/a",
        "2025-05-02",
        "Example Times",
        "Jane Roe",
    )
    assert a.body == "Stocks rose on Friday.\n"
    assert a.text[a.body_start :].startswith("Stocks rose")


def test_iso_timestamps_become_dates() -> None:
    a = parse_article("t.txt", b"Published: 2024-03-05T10:00:00Z\n\nText here.")
    assert a.published == "2024-03-05"


def test_unreadable_date_is_left_empty() -> None:
    assert parse_article("t.txt", b"Published: sometime\n\nText here.").published == ""


def test_a_line_with_a_colon_is_not_mistaken_for_a_header() -> None:
    a = parse_article("q.txt", b"Breaking: ceasefire agreed\n\nMore text follows.")
    assert a.body_start == 0
    assert a.title == "Breaking: ceasefire agreed"


def test_seed_title() -> None:
    a = parse_article(US_WITHDRAWS, (SEEDS / US_WITHDRAWS).read_bytes())
    assert a.title.startswith("America withdraws from mediating the Ukraine-Russia war")
    assert len(a.sha256) == 64


def test_latin1_text_is_decoded() -> None:
    text = "Café owners in Zürich said the naïve plan would fail. " * 3
    a = parse_article("l.txt", text.encode("latin-1"))
    assert "Café" in a.text and "Zürich" in a.text


def test_utf8_bom_is_dropped() -> None:
    assert parse_article("b.txt", "\ufeffHeadline\nBody.".encode()).title == "Headline"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"Title: Only a header\n\n", "no article text"),
    ],
)
def test_bad_files_raise_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason):
        parse_article("bad.txt", data)


def test_find_files_takes_txt_and_md_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["a.txt", "b.MD", "c.pdf", ".hidden.txt", "sub/d.txt", ".git/e.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_files(tmp_path)] == [
        "a.txt",
        "b.MD",
        "sub/d.txt",
    ]
