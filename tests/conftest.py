"""Shared fixtures: every path points into a temp dir; the seeds are ingested once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.common import free_port, wait_for_http
from bench.golden import RUSSIA_UN, US_WITHDRAWS
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.settings import Settings

__all__ = ["RUSSIA_UN", "US_WITHDRAWS", "free_port", "wait_for_http"]  # tests import these from here

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def env_for(articles: Path, data: Path) -> dict[str, str]:
    """``NEWSDESK_*`` variables pointing at ``articles`` and ``data``."""
    return {"NEWSDESK_ARTICLES_DIR": str(articles), "NEWSDESK_DATA_DIR": str(data)}


def settings_for(articles: Path, data: Path, **overrides: str) -> Settings:
    """Settings as the environment would give them for these folders."""
    return Settings.from_env({**env_for(articles, data), **overrides})


NEWSROOM = Path(__file__).resolve().parents[1] / "bench" / "newsroom" / "articles"
# Another world's articles (``bench/unseen``), and the prefixes of its stories.
UNSEEN = NEWSROOM.parents[1] / "unseen" / "articles"
UNSEEN_STORIES = ("port-", "flood-", "breach-", "mayor-", "club-", "museum-", "tunnel-", "salamander-")


def newsroom_index(base: Path, prefixes: tuple[str, ...], source: Path = NEWSROOM) -> Index:
    """A real index (real MiniLM, real Chroma) of the news-reader articles named ``prefixes*``
    (of ``source``: ``bench/newsroom/articles``, or another corpus's articles)."""
    from ingest import sync

    folder = base / "articles"
    folder.mkdir()
    for f in sorted(source.iterdir()):
        if f.name.startswith(prefixes):
            shutil.copy(f, folder / f.name)
    index = open_index(settings_for(folder, base / "data"))
    sync(index=index)
    return index


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the developer's own seeds/ index: default paths point at tmp_path."""
    for key in list(os.environ):
        if key.startswith("NEWSDESK_"):
            monkeypatch.delenv(key)
    articles = tmp_path / "articles"
    articles.mkdir()
    monkeypatch.setenv("NEWSDESK_ARTICLES_DIR", str(articles))
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """An articles folder holding copies of the two seed articles."""
    folder = tmp_path / "articles"
    for f in SEEDS.iterdir():
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of an index of the seed articles, built once with the real model."""
    from ingest import sync

    base = tmp_path_factory.mktemp("seeded")
    folder = base / "articles"
    shutil.copytree(SEEDS, folder)
    settings = settings_for(folder, base / "data")
    report = sync(settings)
    assert sorted(report.added) == sorted([RUSSIA_UN, US_WITHDRAWS])
    return settings


@pytest.fixture(scope="session")
def fake_seeded(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The seed articles indexed with ``FakeEmbedder``: the real pipeline, without MiniLM (fast)."""
    from ingest import sync

    base = tmp_path_factory.mktemp("fake-seeded")
    folder = base / "articles"
    shutil.copytree(SEEDS, folder)
    index = open_index(settings_for(folder, base / "data"), embedder=FakeEmbedder())
    sync(index=index)
    return index


@pytest.fixture
def use_seeded(seeded: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Point the environment at the seeded index, for the public API's default settings."""
    for key, value in env_for(seeded.articles_dir, seeded.data_dir).items():
        monkeypatch.setenv(key, value)
    return seeded


def run_python(code: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter of this environment."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | env
    return subprocess.run(
        [sys.executable, "-c", code], env=full_env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


class AppServer:
    """``python app.py`` as a user starts it, on a free port of 127.0.0.1."""

    def __init__(self, settings: Settings, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        full = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
        full |= env_for(settings.articles_dir, settings.data_dir) | {"NEWSDESK_PORT": str(self.port)} | env
        self.proc = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=full,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait_ready(self, timeout: float = 120) -> None:
        try:
            wait_for_http(self.url, timeout, self.proc)
        except (RuntimeError, TimeoutError) as e:
            pytest.fail(str(e))

    def wait_owner(self, settings: Settings, timeout: float = 30) -> None:
        """Wait until the app has claimed the index (its ``owner.json``), as a CLI sync expects."""
        self.wait_ready()
        deadline = time.monotonic() + timeout
        while not (settings.data_dir / "owner.json").exists() and time.monotonic() < deadline:
            time.sleep(0.1)

    def __enter__(self) -> str:
        """Start serving (wait until ready) and give the URL."""
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self.url

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
