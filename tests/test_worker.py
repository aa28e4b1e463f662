"""The app's sync worker, in process, on the fake embedder."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest

import ingest
from ingest import sync
from ingest.worker import SyncWorker
from qa.embedder import FakeEmbedder
from qa.index import open_index
from tests.conftest import settings_for
from tests.test_sync import large_article


def test_files_left_part_way_before_a_restart_are_finished_in_the_background(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.import_module("ingest.sync"), "_EMBED_SLICE", 16)
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())
    sync(index=index)
    (articles / "large.txt").write_text(large_article())
    assert sync(index=index, yield_to=lambda: True).deferred == ("large.txt",)
    pending = ingest.status(index.settings).pending
    assert pending == ("large.txt",)

    worker = SyncWorker(lambda: index)  # a new app process, as main() starts it
    worker.resume(pending)
    assert worker.pending() == (("large.txt",), "")
    deadline = time.monotonic() + 60
    while worker.pending()[0]:
        assert time.monotonic() < deadline, "the background sync finished the file"
        time.sleep(0.05)
    indexed = ingest.status(index.settings)
    assert "large.txt" in indexed.articles and not indexed.pending
    assert worker.sync().changed is False
