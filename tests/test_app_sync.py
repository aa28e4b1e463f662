"""The app owns the index: syncs from another process go through it, and questions keep working."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ingest
from ingest import sync
from ingest.manifest import Manifest
from ingest.worker import SyncWorker
from qa.embedder import FakeEmbedder
from qa.index import open_index
from qa.settings import Settings
from qa.store import manifest_path, open_collection
from tests.conftest import ROOT, AppServer, env_for, free_port, settings_for
from tests.corpus import make_corpus
from tests.test_sync import large_article

pytestmark = pytest.mark.slow

FERRY = "Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days, said union leader Mira Okafor.\n"


@pytest.fixture
def app(articles: Path, tmp_path: Path) -> Iterator[tuple[AppServer, Settings]]:
    settings = settings_for(articles, tmp_path / "data")
    sync(settings)
    server = AppServer(settings)
    try:
        server.wait_owner(settings)
        yield server, settings
    finally:
        server.stop()
    assert not (settings.data_dir / "owner.json").exists(), "a stopped app gives up the index"


def test_cli_sync_runs_in_the_app_while_questions_keep_working(app: tuple[AppServer, Settings]) -> None:
    from gradio_client import Client

    server, settings = app
    make_corpus(settings.articles_dir, 150)
    (settings.articles_dir / "ferry.txt").write_text(FERRY)
    client = Client(server.url, verbose=False)
    answers: list[tuple[float, str]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask() -> None:
        own = Client(server.url, verbose=False)
        while not stop.is_set():
            try:
                reply = own.predict(message="Who is Russia's ambassador to the UN?", api_name="/chat")
                answers.append((time.monotonic(), reply))
            except BaseException as e:
                errors.append(e)

    asker = threading.Thread(target=ask)
    asker.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(settings.articles_dir, settings.data_dir)
    started = time.monotonic()
    cli = subprocess.run(
        [sys.executable, "-m", "ingest", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    finished = time.monotonic()
    stop.set()
    asker.join(timeout=120)
    assert cli.returncode == 0, cli.stderr
    report = json.loads(cli.stdout)
    assert report["delegated_to"] == server.url
    assert len(report["added"]) == 151
    assert not errors
    during = [reply for t, reply in answers if started < t < finished]
    assert during, "questions were answered while the sync ran"
    assert all("Vassily Nebenzia" in reply for _, reply in answers)
    reply = client.predict(message="How long did the Lakeside ferry strike last?", api_name="/chat")
    assert "19 days" in reply and "ferry.txt" in reply, "the new article is answerable without a restart"


def test_upload_adds_articles_through_the_app(app: tuple[AppServer, Settings], tmp_path: Path) -> None:
    from gradio_client import Client, handle_file
    from gradio_client.exceptions import AppError

    server, settings = app
    upload = tmp_path / "uploads" / "ferry strike (final)!.md"
    upload.parent.mkdir()
    upload.write_text(FERRY)
    refused = tmp_path / "uploads" / "notes.exe"
    refused.write_text("not an article")
    client = Client(server.url, verbose=False)
    with pytest.raises(AppError, match="Invalid file type"):
        client.predict(files=[handle_file(str(refused))], api_name="/add_articles")
    report, status = client.predict(files=[handle_file(str(upload))], api_name="/add_articles")
    assert "Saved `ferry_strike_final.md`" in report
    assert "**1** added" in report
    assert "3 articles to ask about" in status
    assert (settings.articles_dir / "ferry_strike_final.md").read_text().startswith("Ferry strike ends")
    assert not (settings.articles_dir / "notes.exe").exists()
    reply = client.predict(message="How long did the Lakeside ferry strike last?", api_name="/chat")
    assert "19 days" in reply
    resync_report, _ = client.predict(api_name="/resync")
    assert "**0** added" in resync_report and "**3** unchanged" in resync_report


class SlowEmbedder(FakeEmbedder):
    """The fake embedder at 0.5 s a call, remembering every passage it embedded."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts: Any, batch_size: int = 32, *, precision: str = "fp32") -> Any:
        self.texts += texts
        time.sleep(0.5)
        return super().embed(texts, batch_size, precision=precision)

    def embed_query(self, text: str) -> Any:
        return FakeEmbedder().embed_query(text)


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_small_upload_is_not_held_up_by_a_large_one(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradio_client import Client, handle_file

    import app

    settings = settings_for(articles, tmp_path / "data")
    embedder = SlowEmbedder()
    index = open_index(settings, embedder=embedder)
    sync(index=index)
    embedder.texts.clear()
    monkeypatch.setattr(importlib.import_module("ingest.sync"), "_EMBED_SLICE", 16)
    monkeypatch.setattr(app, "_opened", index)
    monkeypatch.setattr(app, "_syncs", SyncWorker(app._index))
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "large.txt").write_text(large_article(3000))  # about 180 passages: 12 slices, 6 s
    (uploads / "ferry.txt").write_text(FERRY)
    port = free_port()
    app.demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        large: list[Any] = []
        uploader = threading.Thread(
            target=lambda: large.append(
                Client(url, verbose=False).predict(
                    files=[handle_file(str(uploads / "large.txt"))], api_name="/add_articles"
                )
            )
        )
        uploader.start()
        wait_until(lambda: len(embedder.texts) >= 32, 60, "the large file's sync started embedding")
        client = Client(url, verbose=False)
        report, status = client.predict(
            files=[handle_file(str(uploads / "ferry.txt"))], api_name="/add_articles"
        )
        assert "**1** added" in report and "Added: `ferry.txt`" in report
        assert "large.txt still being indexed" in status
        assert ingest.status(settings).pending == ("large.txt",), "the large file is not finished yet"
        hits = client.predict(
            question="How long did the Lakeside ferry strike last?", k=3, api_name="/retrieve"
        )
        assert hits[0]["source"] == "ferry.txt", "the small upload is answerable at once"

        uploader.join(timeout=60)
        assert "Still being indexed: `large.txt`" in large[0][0], "the large upload's reply says so"
        wait_until(lambda: not app._syncs.pending()[0], 120, "the large file was finished in the background")
        indexed = ingest.status(settings)
        assert "large.txt" in indexed.articles and not indexed.pending
        assert len(embedder.texts) == len(set(embedder.texts)), "no passage was embedded twice"
        stored = set(open_collection(settings).get(include=[])["ids"])
        assert stored == Manifest.load(manifest_path(settings)).all_ids()
    finally:
        app.demo.close()
