"""Server mode: sync and retrieval against a real Chroma server started with ``chroma run``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import qa
from ingest import sync
from ingest.manifest import Manifest
from qa.errors import StoreUnreachableError
from qa.settings import Settings
from qa.store import manifest_path, open_collection
from tests.conftest import ROOT, RUSSIA_UN, AppServer, env_for, free_port, settings_for, wait_for_http

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
    expected = Manifest.load(manifest_path(settings)).all_ids()
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


def _ingest(settings: Settings, server: dict[str, str]) -> dict[str, list[str]]:
    """A sync job: ``python -m ingest`` in its own process, as a scheduler would run it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(settings.articles_dir, settings.data_dir) | server
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "--json"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.2)


def test_two_replicas_and_a_sync_job_share_one_server(
    articles: Path, tmp_path: Path, chroma_server: int
) -> None:
    """Replicas read the store from the server and the lexical index from the shared data dir."""
    from gradio_client import Client

    server = {"NEWSDESK_CHROMA_HOST": "127.0.0.1", "NEWSDESK_CHROMA_PORT": str(chroma_server)}
    settings = settings_for(articles, tmp_path / "data", **server)
    assert len(_ingest(settings, server)["added"]) == 2
    with AppServer(settings, **server) as first, AppServer(settings, **server) as second:
        clients = [Client(first, verbose=False), Client(second, verbose=False)]

        def top_sources(client: Any) -> list[str]:
            return [p["source"] for p in client.predict(question=QUESTION, k=3, api_name="/retrieve")]

        assert all("ferry.md" not in top_sources(c) for c in clients)
        (articles / "ferry.md").write_text(FERRY)
        assert _ingest(settings, server)["added"] == ["ferry.md"]
        added = time.monotonic()
        for client in clients:
            _until(
                lambda c=client: top_sources(c)[:1] == ["ferry.md"], 10 - (time.monotonic() - added), "added"
            )
            reply = client.predict(message=QUESTION, api_name="/chat")
            assert "19 days" in reply, reply
        (articles / "ferry.md").unlink()
        assert _ingest(settings, server)["removed"] == ["ferry.md"]
        removed = time.monotonic()
        for client in clients:
            _until(
                lambda c=client: "ferry.md" not in top_sources(c),
                10 - (time.monotonic() - removed),
                "removed",
            )


QUESTION = "How long did the Lakeside ferry strike last?"
FERRY = (
    "Lakeside ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days, the union said on "
    "Friday. Crews return to the Zanzibar crossing on Monday under a new pay deal.\n"
)
