"""Re-ingestion under stress: killed syncs, two syncs at once, and ``--watch``; real processes."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingest import sync
from ingest.chunk import chunk_article
from ingest.load import find_files, load_file
from ingest.manifest import Manifest
from qa import lexical
from qa.settings import Settings
from qa.store import manifest_path, open_collection
from tests.conftest import ROOT, env_for, settings_for
from tests.corpus import make_corpus

pytestmark = pytest.mark.slow

# A sync whose manifest is saved every 20 files, so a kill can land between many writes.
# (``ingest.sync`` is the function; the module is reached through sys.modules.)
SMALL_GROUPS = (
    "import sys, ingest; sys.modules['ingest.sync']._GROUP = 20; "
    "from ingest.__main__ import main; raise SystemExit(main({args}))"
)


def start_sync(settings: Settings, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(settings.articles_dir, settings.data_dir)
    code = SMALL_GROUPS.format(args=repr(["--quiet", *args]))
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def manifest(settings: Settings) -> Manifest:
    return Manifest.load(manifest_path(settings))


def expected_ids(settings: Settings) -> set[str]:
    """Every chunk id the current folder should produce, computed from scratch."""
    ids = set()
    for path in find_files(settings.articles_dir):
        rel = path.relative_to(settings.articles_dir).as_posix()
        for article in load_file(rel, path.read_bytes()).articles:
            ids.update(c.id for c in chunk_article(article, settings))
    return ids


def assert_exact(settings: Settings) -> None:
    stored = open_collection(settings).get(include=[])["ids"]
    assert len(stored) == len(set(stored)), "no chunk is stored twice"
    assert set(stored) == expected_ids(settings), "exactly the current chunks: none missing, no orphans"
    assert lexical.indexed_ids(settings) == set(stored), "the lexical index holds the same chunks"
    assert not manifest(settings).dirty


@pytest.fixture
def big(tmp_path: Path) -> Settings:
    folder = tmp_path / "articles"
    make_corpus(folder, 240)
    return settings_for(folder, tmp_path / "data")


def test_killed_syncs_leave_nothing_behind(big: Settings) -> None:
    folder = big.articles_dir
    # Kill when the sync has just marked the index dirty, then after some and after most groups.
    for round_, written in enumerate([0, 40, 160]):
        proc = start_sync(big)
        wait_for(
            lambda w=written: (m := manifest(big)).dirty and len(m.articles) >= w, 180, f"{written} files"
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Between crashes the folder keeps changing: edits, deletions, new files.
        files = sorted(folder.iterdir())
        for path in files[round_ * 7 : round_ * 7 + 3]:
            path.write_text(path.read_text() + f"\nCorrection {round_}: a later update was appended.\n")
        for path in files[round_ * 7 + 3 : round_ * 7 + 5]:
            path.unlink()
        make_corpus(folder, 3, seed=round_ + 1, prefix=f"late{round_}")
    report = sync(big)
    assert not report.skipped
    assert_exact(big)
    assert sync(big).changed is False


def test_second_sync_waits_or_exits_with_a_clear_message(big: Settings) -> None:
    first = start_sync(big)
    wait_for(lambda: manifest(big).dirty, 120, "the first sync to start writing")
    busy = start_sync(big, "--no-wait")
    _, err = busy.communicate(timeout=120)
    assert busy.returncode == 3
    assert "Another sync is running" in err
    waiting = start_sync(big, "--json")
    out, err = waiting.communicate(timeout=300)
    assert first.wait(timeout=300) == 0
    assert waiting.returncode == 0, err
    report = json.loads(out)
    assert report["added"] == [] and len(report["unchanged"]) == 240, (
        "it ran after the first, not interleaved"
    )
    assert_exact(big)


@pytest.fixture
def watcher(articles: Path, tmp_path: Path) -> Iterator[tuple[Settings, queue.Queue[dict[str, object]]]]:
    settings = settings_for(articles, tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(settings.articles_dir, settings.data_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest", "--watch", "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    reports: queue.Queue[dict[str, object]] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            reports.put(json.loads(line))

    threading.Thread(target=read, daemon=True).start()
    try:
        yield settings, reports
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_watch_syncs_when_files_appear_change_and_disappear(
    watcher: tuple[Settings, queue.Queue[dict[str, object]]],
) -> None:
    settings, reports = watcher
    first = reports.get(timeout=120)
    assert len(first["added"]) == 2  # type: ignore[arg-type]
    new = settings.articles_dir / "ferry.md"
    new.write_text("Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days, the union said.\n")
    assert reports.get(timeout=60)["added"] == ["ferry.md"]
    new.write_text(new.read_text() + "Services resume on Monday.\n")
    assert reports.get(timeout=60)["updated"] == ["ferry.md"]
    new.unlink()
    assert reports.get(timeout=60)["removed"] == ["ferry.md"]
