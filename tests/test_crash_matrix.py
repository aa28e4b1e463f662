"""SIGKILL at every phase boundary of a sync, then edits, then a sync that must repair everything.

Each case starts a sync in a child whose chosen step kills the process (SIGKILL, no cleanup)
right after it ran, or right before a rename publishes its result. The next sync must leave
exactly the chunks of the current folder, once, a lexical index of the same chunks, no staging
folder, and a clean manifest. The syncs embed with ``FakeEmbedder`` (what is tested is the
bookkeeping and Chroma's persistence, not the vectors), so a child starts without torch; the
app case runs the real app.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from ingest import sync
from ingest.chunk import chunk_article
from ingest.load import find_files, load_file
from ingest.manifest import Manifest
from qa import lexical
from qa.catalog import Catalog, read_vocabulary
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.store import catalog_path, manifest_path, open_collection
from tests.conftest import ROOT, SEEDS, AppServer, env_for, settings_for
from tests.corpus import make_corpus

pytestmark = pytest.mark.slow

CHILD = """
import os, signal, sys
import qa.embedder, qa.lexical
from qa.embedder import FakeEmbedder
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
    after(FakeEmbedder, "embed")
elif phase == "upsert":
    from chromadb.api.models.Collection import Collection
    after(Collection, "upsert")
elif phase == "delete":
    from qa.store import Store
    original_delete = Store.delete
    def delete(self, ids):
        original_delete(self, ids)
        if ids:
            die()
    Store.delete = delete
elif phase == "lexical-before":
    def update(*args, **kwargs):
        die()
    qa.lexical.update = update
elif phase == "lexical-updated":
    after(qa.lexical, "update")
elif phase.startswith("manifest-"):
    # first: before the dirty mark commits; group: after the first group committed;
    # last: before the clean mark commits.
    original = Manifest.commit
    commits = []
    def commit(self):
        commits.append(self.dirty)
        if phase == "manifest-first" or (phase == "manifest-last" and not self.dirty):
            die()
        original(self)
        if phase == "manifest-group" and len(commits) == 2:
            die()
    Manifest.commit = commit
elif phase == "catalog":
    from qa.catalog import CatalogWriter
    def commit(self):
        die()
    CatalogWriter.commit = commit
from qa import open_index
sync_module.sync(index=open_index(embedder=FakeEmbedder()))
"""

PHASES = [
    "plan",
    "load",
    "embed",
    "upsert",
    "delete",
    "lexical-before",
    "lexical-updated",
    "manifest-first",
    "manifest-group",
    "catalog",
    "manifest-last",
]


def expected_ids(index: Index) -> set[str]:
    """Every chunk id the current folder should produce, computed from scratch."""
    root = index.settings.articles_dir
    return {
        c.id
        for path in find_files(root)
        for article in load_file(path.relative_to(root).as_posix(), path.read_bytes()).articles
        for c in chunk_article(article, index.settings, index.embedder)
    }


def assert_exact(index: Index) -> None:
    settings = index.settings
    stored = open_collection(settings).get(include=[])["ids"]
    assert len(stored) == len(set(stored)), "no chunk is stored twice"
    assert set(stored) == expected_ids(index), "exactly the current chunks: none missing, no orphans"
    manifest = Manifest.load(manifest_path(settings))
    assert not manifest.dirty and manifest.all_ids() == set(stored)
    assert lexical.indexed_ids(settings) == set(stored), "the lexical index holds the same chunks"
    records = Catalog.read(catalog_path(settings)).articles.values()
    assert {r.file for r in records} == {p for p, s in manifest.stats().items() if s.indexed}, "catalog"
    assert {r.chunk for r in records} <= set(stored), "each record cites a stored chunk"
    words: Counter[str] = Counter()
    for record in records:
        words.update(record.words)
    assert read_vocabulary(catalog_path(settings)) == words, "the vocabulary counts the catalog's articles"
    assert not [p.name for p in settings.data_dir.iterdir() if p.name.startswith(".")], "no staging left"


@pytest.fixture
def indexed(tmp_path: Path) -> Index:
    folder = tmp_path / "articles"  # made empty by the autouse fixture
    for f in SEEDS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    make_corpus(folder, 6)
    index = open_index(settings_for(folder, tmp_path / "data"), embedder=FakeEmbedder())
    sync(index=index)
    return index


@pytest.mark.parametrize("phase", PHASES)
def test_sigkill_at_a_phase_boundary_is_repaired_by_the_next_sync(indexed: Index, phase: str) -> None:
    folder = indexed.settings.articles_dir
    # Work for every phase: new files, an edited one (old chunks to delete), a removed one.
    make_corpus(folder, 6, seed=7, prefix="new")
    edited = folder / "gen-0001.txt"
    edited.write_text(edited.read_text().replace("Story gen-1 ends here.", "Story gen-1 was corrected."))
    (folder / "gen-0002.txt").unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(indexed.settings.articles_dir, indexed.settings.data_dir)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, phase], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert child.returncode == -signal.SIGKILL, f"the child was killed at {phase}: {child.stderr[-2000:]}"
    # The folder keeps changing between the crash and the repair.
    (folder / "gen-0003.txt").unlink()
    make_corpus(folder, 2, seed=8, prefix="late")
    report = sync(index=indexed)
    assert not report.skipped
    assert_exact(indexed)
    assert sync(index=indexed).changed is False


def test_the_app_killed_mid_sync_is_repaired_by_the_cli(tmp_path: Path) -> None:
    import threading

    from gradio_client import Client

    folder = tmp_path / "articles"
    for f in SEEDS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    real = open_index(settings_for(folder, tmp_path / "data"))
    sync(index=real)
    indexed = real.settings
    make_corpus(indexed.articles_dir, 20, seed=3, prefix="burst")
    server = AppServer(indexed)
    try:
        server.wait_ready()

        def ask() -> None:
            with contextlib.suppress(Exception):  # the app dies under it
                Client(server.url, verbose=False).predict(dry_run=False, api_name="/sync")

        threading.Thread(target=ask, daemon=True).start()
        manifest = manifest_path(indexed)
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
    assert_exact(real)


LARGE_FILE_CHILD = """
import os, signal, sys
from qa import open_index
from qa.embedder import FakeEmbedder
sync_module = sys.modules.get("ingest.sync") or __import__("importlib").import_module("ingest.sync")
sync_module._EMBED_SLICE = 8
calls = []
original = FakeEmbedder.embed
def embed(self, texts, batch_size=64, **kwargs):
    calls.append(len(texts))
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, texts, batch_size, **kwargs)
FakeEmbedder.embed = embed
sync_module.sync(index=open_index(embedder=FakeEmbedder()))
"""


def test_a_sync_killed_inside_a_large_file_keeps_what_it_embedded(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    words = [f"word{n}" for n in range(500)]
    sentences = [" ".join(words[(i * 7 + j) % 500] for j in range(12)) + "." for i in range(1200)]
    (folder / "large.txt").write_text("A large file\n\n" + " ".join(sentences) + "\n")
    index = open_index(settings_for(folder, tmp_path / "data"), embedder=FakeEmbedder())
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(index.settings.articles_dir, index.settings.data_dir)
    child = subprocess.run(
        [sys.executable, "-c", LARGE_FILE_CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    report = sync(index=index)
    assert report.added == ("large.txt",)
    assert report.chunks_reused >= 16, "the two slices written before the kill were kept"
    assert report.chunks_embedded + report.chunks_reused > 40
    assert_exact(index)
