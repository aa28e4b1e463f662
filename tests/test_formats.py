"""HTML pages, JSON feeds, encodings and unreadable files: what loads, and what is refused and why."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ingest.load import ArticleError, load_file, read_file

PAGE = """<!doctype html><html><head>
<title>Rovers win the cup | Example Times</title>
<meta property="og:title" content="Rovers win the cup">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2025-05-03T10:00:00Z">
<link rel="canonical" href="https://example.com/sport/rovers">
<script>var tracking = "SHOULD-NOT-APPEAR";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">NAVIGATION-LINK</a></nav>
<article><h1>Rovers win the cup</h1>
<p>Rovers beat United 3-1 in the cup final on Saturday, with two goals from striker Ana Silva.</p>
<p>The manager praised the fans after the match, which drew a record crowd of 80,000 people.</p>
</article>
<footer>Copyright 2025 Example Times. FOOTER-BOILERPLATE. Subscribe to our newsletter.</footer>
</body></html>"""


def test_html_main_text_and_metadata() -> None:
    [article] = load_file("sport/rovers.html", PAGE.encode()).articles
    assert "two goals from striker Ana Silva" in article.text
    assert "80,000 people" in article.text
    for junk in ("SHOULD-NOT-APPEAR", "NAVIGATION-LINK", "FOOTER-BOILERPLATE"):
        assert junk not in article.text
    assert article.title == "Rovers win the cup"
    assert (article.published, article.author) == ("2025-05-03", "Jane Roe")
    assert article.url == "https://example.com/sport/rovers"
    assert article.outlet == "Example Times"


def test_html_without_article_text_is_refused() -> None:
    page = b"<html><head><script>x()</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ArticleError, match="no article text"):
        load_file("empty.html", page)


def test_jsonl_feed_loads_every_good_line_and_reports_the_bad_one() -> None:
    lines = [
        json.dumps(
            {
                "title": "Dam opens",
                "text": "The new dam opened on Monday.",
                "published": "2024-06-01",
                "url": "https://x/1",
                "source": "Wire",
                "author": "A. B.",
            }
        ),
        '{"title": "Broken", "text": "no closing brace"',
        json.dumps(
            {
                "title": "Bridge closes",
                "content": "The old bridge closed for repairs.",
                "published": "June 3, 2024",
            }
        ),
        json.dumps({"title": "No body"}),
        json.dumps(["not", "an", "object"]),
    ]
    loaded = load_file("feeds/wire.jsonl", "\n".join(lines).encode())
    assert [a.path for a in loaded.articles] == ["feeds/wire.jsonl#1", "feeds/wire.jsonl#3"]
    first, second = loaded.articles
    assert (first.title, first.published, first.url, first.outlet, first.author) == (
        "Dam opens",
        "2024-06-01",
        "https://x/1",
        "Wire",
        "A. B.",
    )
    assert first.text.startswith("Dam opens") and "opened on Monday" in first.text
    assert second.published == "2024-06-03" and "closed for repairs" in second.text
    reasons = dict(loaded.skipped)
    assert "line 2 is not valid JSON" in reasons["feeds/wire.jsonl#2"]
    assert "no 'text' or 'content'" in reasons["feeds/wire.jsonl#4"]
    assert "not a JSON object" in reasons["feeds/wire.jsonl#5"]


def test_json_file_with_a_list_or_one_record() -> None:
    many = json.dumps([{"title": "One", "text": "First story."}, {"title": "Two", "text": "Second story."}])
    assert len(load_file("a.json", many.encode()).articles) == 2
    one = json.dumps({"title": "Solo", "text": "Only story.", "published": "2023-01-02T00:00:00+02:00"})
    [article] = load_file("b.json", one.encode()).articles
    assert (article.title, article.published) == ("Solo", "2023-01-02")


def test_json_that_does_not_parse_is_refused() -> None:
    with pytest.raises(ArticleError, match="not valid JSON"):
        load_file("bad.json", b"{nope")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café owners in Zürich said the naïve plan would “fail” — again. " * 3, "cp1252"),
        ("Мэр Москвы заявил, что новые станции метро откроются в следующем году. " * 3, "cp1251"),
        ("Der Bürgermeister von München eröffnete die Straße am Dienstag. " * 3, "latin-1"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    [article] = load_file("legacy.txt", text.encode(encoding)).articles
    assert article.text == text


def test_read_file_refuses_what_is_not_a_readable_regular_file(tmp_path: Path) -> None:
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    with pytest.raises(ArticleError, match="could not be read"):
        read_file(tmp_path / "loop-a.txt", 1000)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ArticleError, match="could not be read"):
        read_file(tmp_path / "dangling.txt", 1000)
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ArticleError, match="not a regular file"):
        read_file(tmp_path / "pipe.txt", 1000)
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    with pytest.raises(ArticleError, match="NEWSDESK_MAX_FILE_MB"):
        read_file(tmp_path / "big.txt", 1000)


def test_read_file_reports_a_permission_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("classified")
    if os.geteuid() != 0:  # a real permission error, where permissions apply
        path.chmod(0)
    else:  # root reads anything: make the read fail as it would for another user

        def deny(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(ArticleError, match="could not be read: Permission denied"):
        read_file(path, 1000)
