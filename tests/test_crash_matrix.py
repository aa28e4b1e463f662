"""SIGKILL at every phase boundary of a sync, then edits, then a sync that must repair everything.

Each case starts ``python -m ingest`` in a child whose chosen step kills the process (SIGKILL,
no cleanup) right after it ran, or right before a rename publishes its result. The next sync
must leave exactly the chunks of the current folder, once, a lexical index of the same chunks,
no staging folder, and a clean manifest.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import sync
from ingest.manifest import Manifest
from qa import lexical
from qa.settings import Settings
from qa.store import open_collection
from tests.conftest import ROOT, SEEDS, AppServer, env_for, settings_for
from tests.corpus import make_corpus
from tests.test_sync_robust import expected_ids

pytestmark = pytest.mark.slow

CHILD = """
import os, signal, sys
import qa.embedder, qa.lexical
sync_module = sys.modules.get("ingest.sync") or __import__("importlib").import_module("ingest.sync")
from ingest.manifest import Manifest
phase = sys.argv[1]
sync_module._GROUP = 3

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(owner, name):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        die()
        return result
    setattr(owner, name, wrapper)

def before_rename(match):
    original = os.replace
    def replace(src, dst, *args, **kwargs):
        if match(str(src), str(dst)):
            die()
        return original(src, dst, *args, **kwargs)
    os.replace = replace

if phase == "plan":
    after(sync_module, "_plan")
elif phase == "load":
    after(sync_module, "_load")
elif phase == "embed":
    after(qa.embedder, "embed")
elif phase == "upsert":
    from chromadb.api.models.Collection import Collection
    after(Collection, "upsert")
elif phase == "delete":
    after(sync_module, "_delete")
elif phase == "lexical-staged":
    before_rename(lambda src, dst: os.path.basename(src).startswith(".bm25-"))
elif phase == "lexical-swapped":
    before_rename(lambda src, dst: ".bm25-old-" in dst)
elif phase == "manifest-first":
    before_rename(lambda src, dst: dst.endswith("manifest.json"))
elif phase == "manifest-last":
    original = Manifest.save
    def save(self, path):
        if not self.dirty:
            die()
        return original(self, path)
    Manifest.save = save
from ingest.__main__ import main
raise SystemExit(main(["-q"]))
"""

PHASES = [
    "plan",
    "load",
    "embed",
    "upsert",
    "delete",
    "lexical-staged",
    "lexical-swapped",
    "manifest-first",
    "manifest-last",
]


def assert_exact(settings: Settings) -> None:
    stored = open_collection(settings).get(include=[])["ids"]
    assert len(stored) == len(set(stored)), "no chunk is stored twice"
    assert set(stored) == expected_ids(settings), "exactly the current chunks: none missing, no orphans"
    manifest = Manifest.load(settings.data_dir / "manifest.json")
    assert not manifest.dirty and manifest.all_ids() == set(stored)
    index = lexical.load(settings)
    assert index is not None and set(index.ids) == set(stored), "the lexical index holds the same chunks"
    assert not [p.name for p in settings.data_dir.iterdir() if p.name.startswith(".")], "no staging left"


@pytest.fixture
def indexed(tmp_path: Path) -> Settings:
    folder = tmp_path / "articles"  # made empty by the autouse fixture
    for f in SEEDS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    make_corpus(folder, 6)
    settings = settings_for(folder, tmp_path / "data")
    sync(settings)
    return settings


@pytest.mark.parametrize("phase", PHASES)
def test_sigkill_at_a_phase_boundary_is_repaired_by_the_next_sync(indexed: Settings, phase: str) -> None:
    folder = indexed.articles_dir
    # Work for every phase: new files, an edited one (old chunks to delete), a removed one.
    make_corpus(folder, 6, seed=7, prefix="new")
    edited = folder / "gen-0001.txt"
    edited.write_text(edited.read_text().replace("Story gen-1 ends here.", "Story gen-1 was corrected."))
    (folder / "gen-0002.txt").unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(indexed.articles_dir, indexed.data_dir)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, phase], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert child.returncode == -signal.SIGKILL, f"the child was killed at {phase}: {child.stderr[-2000:]}"
    # The folder keeps changing between the crash and the repair.
    (folder / "gen-0003.txt").unlink()
    make_corpus(folder, 2, seed=8, prefix="late")
    report = sync(indexed)
    assert not report.skipped
    assert_exact(indexed)
    assert sync(indexed).changed is False


def test_the_app_killed_mid_sync_is_repaired_by_the_cli(indexed: Settings) -> None:
    import threading

    from gradio_client import Client

    make_corpus(indexed.articles_dir, 60, seed=3, prefix="burst")
    server = AppServer(indexed)
    try:
        server.wait_ready()

        def ask() -> None:
            with contextlib.suppress(Exception):  # the app dies under it
                Client(server.url, verbose=False).predict(dry_run=False, api_name="/sync")

        threading.Thread(target=ask, daemon=True).start()
        manifest = indexed.data_dir / "manifest.json"
        deadline = time.monotonic() + 120
        while not Manifest.load(manifest).dirty and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Manifest.load(manifest).dirty, "the app's sync started writing"
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(timeout=30)
    finally:
        server.stop()
    assert (indexed.data_dir / "owner.json").exists(), "the killed app left its record"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(indexed.articles_dir, indexed.data_dir)
    cli = subprocess.run(
        [sys.executable, "-m", "ingest", "-q"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert cli.returncode == 0, cli.stderr
    assert "did this sync" not in cli.stdout, "the dead app's record was ignored"
    assert_exact(indexed)
