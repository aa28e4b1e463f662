"""Uploads: names are sanitised and nothing is written outside the articles folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.upload import safe_name, save_uploads
from qa.settings import Settings


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/cron.d/evil.txt", "evil.txt"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        ("/abs/path/News Story (final)!.HTML", "News_Story_final.html"),
        ("café über.md", "cafe_uber.md"),
        ("feed.jsonl", "feed.jsonl"),
        (".hidden.txt", "hidden.txt"),
        ("noext", None),
        (".txt", None),
        ("malware.exe", None),
        ("archive.txt.exe", None),
        ("../", None),
    ],
)
def test_safe_name(name: str, expected: str | None) -> None:
    assert safe_name(name) == expected


def test_save_uploads_writes_inside_the_folder_only(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    settings = Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(articles), "NEWSDESK_MAX_FILE_MB": "0.001"})
    saved, refused = save_uploads(
        settings,
        [
            ("../escape.txt", b"Escaped text."),
            ("ok.md", b"Fine."),
            ("big.txt", b"x" * 5000),
            ("run.sh", b"rm"),
        ],
    )
    assert saved == ["escape.txt", "ok.md"]
    assert [n for n, _ in refused] == ["big.txt", "run.sh"]
    assert "NEWSDESK_MAX_FILE_MB" in dict(refused)["big.txt"]
    assert sorted(p.name for p in articles.iterdir()) == ["escape.txt", "ok.md"]
    assert not (tmp_path / "escape.txt").exists()
