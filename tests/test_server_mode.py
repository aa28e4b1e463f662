"""Server mode: sync and retrieval against a real Chroma server started with ``chroma run``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa
from ingest import sync
from ingest.manifest import Manifest
from qa.errors import StoreUnreachableError
from qa.settings import Settings
from qa.store import open_collection
from tests.conftest import RUSSIA_UN, free_port, settings_for, wait_for_http

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """``chroma run`` on a free port of 127.0.0.1, storing in a temp dir."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", 60)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_sync_and_answers_go_through_the_server(articles: Path, tmp_path: Path, chroma_server: int) -> None:
    settings = settings_for(
        articles, tmp_path / "data", NEWSDESK_CHROMA_HOST="127.0.0.1", NEWSDESK_CHROMA_PORT=str(chroma_server)
    )
    report = sync(settings)
    assert len(report.added) == 2
    assert not (settings.data_dir / "chroma").exists(), "nothing was written to an embedded store"
    expected = Manifest.load(settings.data_dir / "manifest.json").all_ids()
    assert set(open_collection(settings).get(include=[])["ids"]) == expected and len(expected) > 5
    answer = qa.answer("Who is Russia's ambassador to the UN?", settings=settings)
    assert answer.answered and "Vassily Nebenzia" in answer.text and answer.citations[0].source == RUSSIA_UN
    (articles / RUSSIA_UN).unlink()
    assert sync(settings).removed == (RUSSIA_UN,)
    assert all(p.source != RUSSIA_UN for p in qa.retrieve("Nebenzia", 5, settings=settings))


def test_unreachable_server_says_how_to_fix_it(articles: Path, tmp_path: Path) -> None:
    settings = settings_for(
        articles, tmp_path / "data", NEWSDESK_CHROMA_HOST="127.0.0.1", NEWSDESK_CHROMA_PORT=str(free_port())
    )
    with pytest.raises(StoreUnreachableError, match="chroma run"):
        qa.retrieve("anything", settings=settings)


def test_settings_read_the_server(tmp_path: Path) -> None:
    s = Settings.from_env(
        {
            "NEWSDESK_ARTICLES_DIR": str(tmp_path),
            "NEWSDESK_CHROMA_HOST": "10.0.0.5",
            "NEWSDESK_CHROMA_PORT": "9000",
        }
    )
    assert (s.chroma_host, s.chroma_port) == ("10.0.0.5", 9000)
