"""Hostile folders and inputs: only what belongs to the folder is indexed, and no file stops a sync."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from ingest.__main__ import main
from ingest.load import ArticleError, decode, load_file, read_file
from ingest.manifest import Manifest
from ingest.sync import _load

STORY = "Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days, the union said on Monday.\n"


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-16"),  # with a BOM
        STORY.encode("utf-16-le"),
        STORY.encode("utf-16-be"),
        STORY.encode("utf-32"),
        ("Мэр Москвы заявил, что новые станции метро откроются. " * 3).encode("utf-16-le"),
    ],
)
def test_utf16_and_utf32_text_is_decoded(data: bytes) -> None:
    assert decode(data).strip() in (
        STORY.strip(),
        ("Мэр Москвы заявил, что новые станции метро откроются. " * 3).strip(),
    )


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8, "PNG"),
        (b"%PDF-1.7\n" + bytes(range(1, 256)) * 8, "PDF"),
        (b"PK\x03\x04" + b"word/document.xml" * 10, "ZIP"),
        (bytes(b % 255 + 1 for b in range(4000)), "not text"),  # NUL-free binary
        (bytes(range(1, 32)) * 100, "control characters"),
    ],
)
def test_binary_without_nul_bytes_is_refused(data: bytes, what: str) -> None:
    with pytest.raises(ArticleError, match=r"binary|not text"):
        load_file("impostor.txt", data)
    with pytest.raises(ArticleError, match=what):
        decode(data)


def test_encoded_data_is_refused_and_a_long_url_is_not() -> None:
    blob = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(2000))
    for name, data in (("blob.txt", f"Data\n\n{blob}\n"), ("blob.jsonl", json.dumps({"text": blob}))):
        loaded = _load(name, data.encode())
        assert not loaded.articles and "no readable words" in loaded.skipped[0][1]
    url = "https://example.com/" + "a" * 300
    assert load_file("link.md", f"Story\n\nRead more at {url} about the ferry strike.\n".encode()).articles


def test_a_text_with_a_form_feed_is_still_text() -> None:
    assert "Page two" in decode(
        b"Title\n\nPage one.\x0cPage two, with more words in it than control characters."
    )


def test_deeply_nested_json_is_a_reason_not_a_crash() -> None:
    deep = b"[" * 5000 + b"]" * 5000
    loaded = _load("deep.json", deep)
    assert not loaded.articles and "nests too deeply" in loaded.skipped[0][1]
    loaded = _load("deep.jsonl", b'{"text": "Harbour reopens."}\n' + deep)
    assert [a.text for a in loaded.articles] == ["Harbour reopens."]
    assert loaded.skipped == [
        ("deep.jsonl#2", "line 2 nests too deeply to be read; the other lines were loaded")
    ]


def test_a_link_out_of_the_folder_is_refused_and_one_inside_is_read(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("password = hunter2\n")
    (root / "sub" / "story.txt").write_text(STORY)
    (root / "leak.txt").symlink_to(secret)
    (root / "inside.txt").symlink_to(root / "sub" / "story.txt")
    (root / "escape.txt").symlink_to(Path("..") / "secret.txt")  # a relative link counts too
    for name in ("leak.txt", "escape.txt"):
        with pytest.raises(ArticleError, match=r"outside the articles folder.*NEWSDESK_FOLLOW_LINKS"):
            read_file(root / name, 10_000, root=root)
    assert read_file(root / "inside.txt", 10_000, root=root) == STORY.encode()
    assert read_file(root / "leak.txt", 10_000) == secret.read_bytes(), "allowed without a root"


@pytest.mark.slow
def test_a_hostile_folder_syncs_what_belongs_and_reports_the_rest(
    articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nThe vault code is 4711 and the password is hunter2.\n")
    (articles / "passwd.txt").symlink_to(secret)
    (articles / "status.txt").symlink_to("/proc/self/status")
    (articles / "mirror.txt").symlink_to(articles / "004_6f422090716b2c3d.txt")
    (articles / "deep.json").write_bytes(b"[" * 5000 + b"]" * 5000)
    (articles / "deep.jsonl").write_bytes(b'{"text": "Harbour reopens after the storm."}\n' + b"[" * 5000)
    (articles / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8)
    (articles / "noise.md").write_bytes(bytes(b % 255 + 1 for b in range(4000)))
    (articles / "wide.txt").write_bytes(STORY.encode("utf-16-le"))
    with open(os.path.join(os.fsencode(articles), b"caf\xe9.txt"), "wb") as f:
        f.write(b"Cafe opens\n\nA new cafe opened on the square this week.\n")
    assert main(["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    assert "outside the articles folder" in skipped["passwd.txt"]
    assert "outside the articles folder" in skipped["status.txt"]
    assert "nests too deeply" in skipped["deep.json"] and "nests too deeply" in skipped["deep.jsonl#2"]
    assert "binary" in skipped["image.txt"] and "not text" in skipped["noise.md"]
    assert "not valid UTF-8" in skipped["caf\\xe9.txt"]
    assert "same text as 004_6f422090716b2c3d.txt" in skipped["mirror.txt"]
    assert sorted(report["added"]) == [
        "000_c1236e0d94d1fd2f.txt",
        "004_6f422090716b2c3d.txt",
        "deep.jsonl",
        "wide.txt",
    ]
    from qa import retrieve

    texts = " ".join(p.text for p in retrieve("vault code password", k=10))
    assert "hunter2" not in texts and "4711" not in texts
    assert any(p.source == "wide.txt" for p in retrieve("Lakeside ferry strike", k=3))
    # The human report prints too (a name that is not UTF-8 must not crash the printing).
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "skipped: caf\\xe9.txt" in out and "0 added" in out
    data = Path(os.environ["NEWSDESK_DATA_DIR"])
    assert sorted(Manifest.load(data / "manifest.db").articles) == sorted(
        [
            "000_c1236e0d94d1fd2f.txt",
            "004_6f422090716b2c3d.txt",
            "wide.txt",
            "deep.json",
            "deep.jsonl",
            "image.txt",
            "noise.md",
        ]
    )
