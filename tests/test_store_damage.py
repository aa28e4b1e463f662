"""The store notices damage, and one index holds one folder: real Chroma in tmp_path, real model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import sync
from ingest.__main__ import main
from ingest.manifest import Manifest
from qa import retrieve
from qa.settings import Settings
from qa.store import manifest_path, open_collection
from tests.conftest import ROOT, RUSSIA_UN, US_WITHDRAWS, run_python, settings_for

pytestmark = pytest.mark.slow

CHECK = (
    "import json, sys\n"
    "from ingest import sync\n"
    "r = sync()\n"
    "from qa import retrieve\n"
    "hits = retrieve('Who is Russia ambassador to the UN?', k=3)\n"
    "print(json.dumps({'report': r.to_dict(), 'text': str(r), 'hits': [h.source for h in hits]}))\n"
)


@pytest.fixture
def settings(articles: Path, tmp_path: Path) -> Settings:
    settings = settings_for(articles, tmp_path / "data")
    sync(settings)
    return settings


def env(settings: Settings) -> dict[str, str]:
    return {"NEWSDESK_ARTICLES_DIR": str(settings.articles_dir), "NEWSDESK_DATA_DIR": str(settings.data_dir)}


def synced_in_fresh_process(settings: Settings) -> dict[str, object]:
    done = run_python(CHECK, env(settings))
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_a_lost_store_is_noticed_and_rebuilt(settings: Settings) -> None:
    shutil.rmtree(settings.data_dir / "chroma")
    result = synced_in_fresh_process(settings)
    report = result["report"]
    assert isinstance(report, dict)
    assert sorted(report["repaired"]) == sorted([RUSSIA_UN, US_WITHDRAWS])
    assert "lacked" in str(result["text"]) and "re-indexed" in str(result["text"])
    assert RUSSIA_UN in result["hits"]  # type: ignore[operator]


def test_a_corrupted_store_is_set_aside_and_rebuilt(settings: Settings) -> None:
    db = settings.data_dir / "chroma" / "chroma.sqlite3"
    db.write_bytes(b"this is no sqlite database " * 4000)
    result = synced_in_fresh_process(settings)
    assert "cannot be read" in str(result["text"]) and "moved to" in str(result["text"])
    assert RUSSIA_UN in result["hits"]  # type: ignore[operator]
    assert list(settings.data_dir.glob("chroma.damaged-*")), "the damaged store is kept, not deleted"


def test_chunks_no_article_owns_are_removed(settings: Settings) -> None:
    open_collection(settings).add(ids=["stray"], embeddings=[[0.1] * 384], documents=["stray"])
    report = sync(settings)
    assert "no article owns" in report.damage
    assert "stray" not in open_collection(settings).get(include=[])["ids"]


def test_a_stale_staging_folder_is_swept(settings: Settings, articles: Path) -> None:
    stale = settings.data_dir / ".bm25-0badf00d"
    (stale / "index").mkdir(parents=True)
    (stale / "index" / "data.npy").write_bytes(b"x" * 1000)
    (articles / "new.txt").write_text("Harbour reopens\n\nThe harbour reopened after the storm.\n")
    sync(settings)
    assert not stale.exists()
    assert sorted(p.name for p in settings.data_dir.iterdir() if p.name.startswith(".")) == []


def test_a_stale_owner_whose_pid_was_reused_does_not_block_syncs(settings: Settings, articles: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        # The record of a killed app whose pid now belongs to another, live process.
        record = {"pid": other.pid, "started": "1", "url": "http://127.0.0.1:9/", "folder": str(articles)}
        (settings.data_dir / "owner.json").write_text(json.dumps(record))
        (articles / "new.txt").write_text("Harbour reopens\n\nThe harbour reopened after the storm.\n")
        report = sync(settings)
    finally:
        other.kill()
        other.wait()
    assert report.added == ("new.txt",) and not report.delegated_to


def test_another_folder_needs_an_explicit_switch(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "ferry.txt").write_text("Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days.\n")
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(settings.data_dir))
    assert main([str(other)]) == 2
    err = capsys.readouterr().err
    assert f"holds the articles of {settings.articles_dir.resolve()}" in err and "--switch-folder" in err
    manifest = Manifest.load(manifest_path(settings))
    assert sorted(manifest.articles) == sorted([RUSSIA_UN, US_WITHDRAWS]), "nothing was dropped"
    assert {p.source for p in retrieve("ambassador to the UN", k=3, settings=settings)} >= {RUSSIA_UN}
    assert main([str(other), "--switch-folder", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == ["ferry.txt"] and sorted(report["removed"]) == sorted([RUSSIA_UN, US_WITHDRAWS])
    assert main([str(other)]) == 0, "the index now holds the other folder"


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_mounts = pytest.mark.skipif(
    not _unshare_works(), reason="needs `unshare -rm` (user namespaces) to mount a small or read-only folder"
)


def in_namespace(script: str, settings: Settings) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (sh) as root of a private mount namespace, with the sync's variables set."""
    import os

    full = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    full |= env(settings) | {"PY": sys.executable, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        env=full,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@needs_mounts
def test_a_read_only_data_folder_gives_a_clear_error_and_changes_nothing(settings: Settings) -> None:
    (settings.articles_dir / "new.txt").write_text(
        "Harbour reopens\n\nThe harbour reopened after the storm.\n"
    )
    before = manifest_path(settings).read_bytes()
    done = in_namespace(
        'mount --bind "$NEWSDESK_DATA_DIR" "$NEWSDESK_DATA_DIR" && '
        'mount -o remount,ro,bind "$NEWSDESK_DATA_DIR" && "$PY" -m ingest -q',
        settings,
    )
    assert done.returncode == 1, done.stderr
    assert "could not write to" in done.stderr and "Read-only file system" in done.stderr
    assert "Traceback" not in done.stderr
    assert manifest_path(settings).read_bytes() == before
    assert sync(settings).added == ("new.txt",), "once writable, the next sync does the job"


@needs_mounts
def test_a_full_disk_gives_a_clear_error_and_the_next_sync_repairs(
    settings: Settings, tmp_path: Path
) -> None:
    from tests.corpus import make_corpus

    make_corpus(settings.articles_dir, 50)
    size_kb = sum(p.stat().st_size for p in settings.data_dir.rglob("*") if p.is_file()) // 1024 + 300
    after = tmp_path / "after"
    done = in_namespace(
        f'D="$NEWSDESK_DATA_DIR"; cp -r "$D" {tmp_path}/copy && '
        f'mount -t tmpfs -o size={size_kb}k tmpfs "$D" && cp -r {tmp_path}/copy/. "$D"/ && '
        '"$PY" -m ingest -q; echo "first=$?"; '
        'mount -o remount,size=100m "$D" && "$PY" -m ingest -q --json; echo "second=$?"; '
        f'cp -r "$D" {after}',
        settings,
    )
    assert "first=1" in done.stdout, done.stdout + done.stderr
    assert "could not write to" in done.stderr and "MB free on its disk" in done.stderr
    assert "Traceback" not in done.stderr
    assert "second=0" in done.stdout, done.stderr
    repaired = settings_for(settings.articles_dir, after)
    manifest = Manifest.load(after / "manifest.db")
    stored = open_collection(repaired).get(include=[])["ids"]
    assert sorted(stored) == sorted(manifest.all_ids()) and len(manifest.articles) == 52
    assert not manifest.dirty


def test_check_finds_and_repairs_chunks_dense_search_lost(settings: Settings) -> None:
    import sqlite3

    # The damage seen after kills: Chroma lists a chunk whose vector its HNSW index lost. Made
    # here by dropping one chunk from Chroma's write-ahead log and deleting the HNSW files, which
    # Chroma rebuilds from the log, without that chunk.
    chroma = settings.data_dir / "chroma"
    with sqlite3.connect(chroma / "chroma.sqlite3") as db:
        victim = db.execute("SELECT id FROM embeddings_queue ORDER BY seq_id LIMIT 1 OFFSET 2").fetchone()[0]
        db.execute("DELETE FROM embeddings_queue WHERE id = ?", (victim,))
    for segment in [p for p in chroma.iterdir() if p.is_dir()]:
        shutil.rmtree(segment)
    env_ = {"NEWSDESK_ARTICLES_DIR": str(settings.articles_dir), "NEWSDESK_DATA_DIR": str(settings.data_dir)}
    quiet = run_python("from ingest import sync; print(sync().changed)", env_)
    assert quiet.stdout.strip() == "False", "counting alone does not see it"
    checked = run_python("from ingest.__main__ import main; raise SystemExit(main(['--check']))", env_)
    assert checked.returncode == 0, checked.stderr
    assert "1 could not be found by dense search" in checked.stdout and "repaired: " in checked.stdout
    again = run_python("from ingest.__main__ import main; raise SystemExit(main(['--check']))", env_)
    assert "each is found by dense search" in again.stdout, again.stdout + again.stderr
    found = run_python(
        "from qa.store import open_collection; c = open_collection(__import__('qa').Settings.from_env()); "
        f"g = c.get(ids=[{victim!r}], include=['embeddings']); "
        "r = c.query(query_embeddings=[list(g['embeddings'][0])], n_results=3, include=[]); "
        f"print({victim!r} in r['ids'][0])",
        env_,
    )
    assert found.stdout.strip() == "True", found.stderr
