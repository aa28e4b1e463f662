"""Uploads: names are sanitised and nothing is written outside the articles folder."""

from __future__ import annotations

import os
import threading
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
    uploaded = save_uploads(
        settings,
        [
            ("../escape.txt", b"Escaped text."),
            ("ok.md", b"Fine."),
            ("big.txt", b"x" * 5000),
            ("run.sh", b"rm"),
        ],
    )
    assert uploaded.names == ["escape.txt", "ok.md"]
    assert [n for n, _ in uploaded.refused] == ["big.txt", "run.sh"]
    assert "NEWSDESK_MAX_FILE_MB" in dict(uploaded.refused)["big.txt"]
    assert sorted(p.name for p in articles.iterdir()) == ["escape.txt", "ok.md"]
    assert not (tmp_path / "escape.txt").exists()


@pytest.fixture
def folder(tmp_path: Path) -> Settings:
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    return Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(articles)})


STORY = b"Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days.\n"


def test_upload_never_writes_through_a_planted_link(folder: Settings, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    # The temp name the old code used, and the final name: both links to a file outside.
    (folder.articles_dir / ".story.txt.upload").symlink_to(victim)
    (folder.articles_dir / "story.txt").symlink_to(victim)
    uploaded = save_uploads(folder, [("story.txt", STORY)])
    assert victim.read_bytes() == b"precious"
    assert uploaded.names == ["story-2.txt"]
    assert "both are kept" in uploaded.saved[0][1]
    assert (folder.articles_dir / "story-2.txt").read_bytes() == STORY
    assert not [p for p in os.listdir(folder.articles_dir) if p.startswith(".upload-")], "no temp file left"


def test_upload_never_replaces_an_article(folder: Settings) -> None:
    original = folder.articles_dir / "story.txt"
    original.write_bytes(STORY)
    edited = STORY + b"Services resume on Monday.\n"
    uploaded = save_uploads(folder, [("story.txt", edited)])
    assert original.read_bytes() == STORY
    assert uploaded.names == ["story-2.txt"]
    assert (folder.articles_dir / "story-2.txt").read_bytes() == edited


def test_concurrent_uploads_of_one_name_all_survive(folder: Settings) -> None:
    versions = [STORY + f"Update number {n}.\n".encode() for n in range(8)]
    barrier = threading.Barrier(len(versions))

    def upload(data: bytes) -> None:
        barrier.wait()
        save_uploads(folder, [("story.txt", data)])

    threads = [threading.Thread(target=upload, args=(v,)) for v in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = sorted(p.read_bytes() for p in folder.articles_dir.iterdir())
    assert kept == sorted(versions)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ],
)
def test_a_rejected_upload_is_never_written(folder: Settings, data: bytes, reason: str) -> None:
    uploaded = save_uploads(folder, [("story.txt", data)])
    assert not uploaded.saved
    assert reason in uploaded.refused[0][1] and "nothing was written" in uploaded.refused[0][1]
    assert list(folder.articles_dir.iterdir()) == []


def test_an_upload_that_adds_nothing_says_so_and_writes_nothing(folder: Settings) -> None:
    (folder.articles_dir / "sub").mkdir()
    (folder.articles_dir / "sub" / "story.md").write_bytes(STORY)
    uploaded = save_uploads(folder, [("copy of story.txt", STORY)])
    assert not uploaded.saved
    assert "adds nothing new: sub/story.md already holds the same text" in uploaded.refused[0][1]
    assert sorted(p.name for p in folder.articles_dir.rglob("*")) == ["story.md", "sub"]
