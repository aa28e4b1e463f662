"""Sync with a real Chroma store in tmp_path: the logic with the fake embedder, the command line
and the no-op import check with the real model (marked slow)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import sync
from ingest.__main__ import main
from ingest.chunk import chunk_article
from ingest.load import load_file
from ingest.manifest import Manifest
from qa import lexical, retrieve
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.settings import Settings
from qa.store import manifest_path, open_collection
from tests.conftest import RUSSIA_UN, US_WITHDRAWS, env_for, run_python, settings_for

sync_module = importlib.import_module("ingest.sync")  # the package's ``sync`` is the function


def stored_ids(settings: Settings) -> list[str]:
    return list(open_collection(settings).get(include=[])["ids"])


def assert_consistent(settings: Settings) -> None:
    """Store, lexical index and manifest hold exactly the same chunks: no duplicates, no orphans."""
    ids = stored_ids(settings)
    manifest = Manifest.load(manifest_path(settings))
    assert len(ids) == len(set(ids))
    assert set(ids) == manifest.all_ids()
    assert lexical.indexed_ids(settings) == set(ids)
    assert not manifest.dirty


def lexical_segments(settings: Settings) -> set[str]:
    """The ids of the lexical index's segments (a rebuild replaces them all)."""
    meta = json.loads((lexical.path(settings) / "meta.json").read_text())
    return {segment["segment_id"] for segment in meta["segments"]}


@pytest.fixture
def index(articles: Path, tmp_path: Path) -> Index:
    return open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())


@pytest.fixture
def settings(index: Index) -> Settings:
    return index.settings


def test_first_sync_adds_every_article(index: Index) -> None:
    report = sync(index=index)
    assert sorted(report.added) == [US_WITHDRAWS, RUSSIA_UN]
    assert report.chunks_embedded == len(stored_ids(index.settings)) > 5
    assert_consistent(index.settings)
    metas = open_collection(index.settings).get(include=["metadatas"])["metadatas"]
    assert {m["source"] for m in metas} == {US_WITHDRAWS, RUSSIA_UN}


@pytest.mark.slow
def test_unchanged_folder_loads_no_model_and_writes_nothing(settings: Settings) -> None:
    for path in settings.articles_dir.iterdir():  # old enough for their stat to be trusted
        os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    sync(settings)
    before = manifest_path(settings).read_bytes()
    code = (
        "import sys, ingest; r = ingest.sync(); "
        "print(r.unchanged, r.changed, sorted(m for m in ('torch', 'sentence_transformers', 'chromadb') "
        "if m in sys.modules))"
    )
    out = run_python(code, env_for(settings.articles_dir, settings.data_dir))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("False []"), out.stdout
    assert manifest_path(settings).read_bytes() == before


def test_repeated_sync_creates_no_duplicates(index: Index) -> None:
    sync(index=index)
    count = len(stored_ids(index.settings))
    report = sync(index=index)
    assert report.unchanged == tuple(sorted([US_WITHDRAWS, RUSSIA_UN]))
    assert not report.changed and report.chunks_embedded == 0
    assert len(stored_ids(index.settings)) == count
    assert_consistent(index.settings)


def test_edited_article_is_replaced_and_only_it(index: Index, articles: Path) -> None:
    sync(index=index)
    other = {i for i in stored_ids(index.settings) if i.startswith(_key(index.settings, US_WITHDRAWS))}
    path = articles / RUSSIA_UN
    path.write_text(
        path.read_text() + "\nThe Kremlin announced a surprise prisoner exchange involving 42 sailors.\n"
    )
    report = sync(index=index)
    assert report.updated == (RUSSIA_UN,)
    assert report.unchanged == (US_WITHDRAWS,) and not report.added and not report.removed
    assert report.chunks_reused > 0, "unchanged passages keep their vectors"
    assert report.chunks_embedded >= 1
    assert {
        i for i in stored_ids(index.settings) if i.startswith(_key(index.settings, US_WITHDRAWS))
    } == other
    top = retrieve("prisoner exchange involving sailors", k=1, index=index)[0]
    assert top.source == RUSSIA_UN and "42 sailors" in top.text
    assert_consistent(index.settings)


def test_deleted_article_is_gone_from_retrieval(index: Index, articles: Path) -> None:
    sync(index=index)
    (articles / RUSSIA_UN).unlink()
    report = sync(index=index)
    assert report.removed == (RUSSIA_UN,)
    passages = retrieve("Who is Russia's ambassador to the United Nations?", k=20, index=index)
    assert passages and {p.source for p in passages} == {US_WITHDRAWS}
    assert_consistent(index.settings)


def test_new_article_in_a_subfolder_is_added(index: Index, articles: Path) -> None:
    sync(index=index)
    (articles / "sport").mkdir()
    (articles / "sport" / "final.md").write_text(
        "Title: Rovers win the cup\nPublished: 2025-05-03\n\n"
        "Rovers beat United 3-1 in the cup final on Saturday, with two goals from striker Ana Silva.\n"
    )
    report = sync(index=index)
    assert report.added == ("sport/final.md",)
    top = retrieve("Who scored in the cup final?", k=1, index=index)[0]
    assert (top.source, top.title, top.published) == ("sport/final.md", "Rovers win the cup", "2025-05-03")


def test_bad_files_are_reported_and_the_rest_is_ingested(index: Index, articles: Path) -> None:
    (articles / "empty.txt").write_bytes(b"")
    (articles / "blank.md").write_text("   \n\n  ")
    (articles / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (articles / "copy.txt").write_bytes((articles / RUSSIA_UN).read_bytes())
    (articles / "broken.txt").symlink_to(articles / "missing.txt")
    report = sync(index=index)
    reasons = dict(report.skipped)
    assert sorted(report.added) == [US_WITHDRAWS, RUSSIA_UN]
    assert "empty" in reasons["empty.txt"]
    assert "whitespace" in reasons["blank.md"]
    assert "binary" in reasons["image.txt"]
    assert RUSSIA_UN in reasons["copy.txt"]
    assert "could not be read" in reasons["broken.txt"]
    assert_consistent(index.settings)


def test_oversized_file_is_skipped(articles: Path, tmp_path: Path) -> None:
    settings = settings_for(articles, tmp_path / "data", NEWSDESK_MAX_FILE_MB="0.004")
    report = sync(index=open_index(settings, embedder=FakeEmbedder()))
    assert report.added == (RUSSIA_UN,)
    assert "NEWSDESK_MAX_FILE_MB" in dict(report.skipped)[US_WITHDRAWS]


def test_article_that_turns_bad_is_removed_and_reported(index: Index, articles: Path) -> None:
    sync(index=index)
    (articles / RUSSIA_UN).write_text("")
    report = sync(index=index)
    assert "previous version was removed" in dict(report.skipped)[RUSSIA_UN]
    assert all(p.source == US_WITHDRAWS for p in retrieve("Nebenzia", k=10, index=index))
    assert_consistent(index.settings)


def test_dry_run_changes_nothing(index: Index, articles: Path) -> None:
    report = sync(index=index, dry_run=True)
    assert sorted(report.added) == [US_WITHDRAWS, RUSSIA_UN] and report.dry_run
    assert not manifest_path(index.settings).exists()
    sync(index=index)
    (articles / US_WITHDRAWS).unlink()
    assert sync(index=index, dry_run=True).removed == (US_WITHDRAWS,)
    assert len(Manifest.load(manifest_path(index.settings)).articles) == 2


def test_changed_chunk_settings_rebuild_everything(articles: Path, tmp_path: Path) -> None:
    fake = FakeEmbedder()
    first = open_index(settings_for(articles, tmp_path / "data"), embedder=fake)
    sync(index=first)
    assert max(fake.count_tokens(p.text) for p in retrieve("peace talks", k=20, index=first)) > 96
    smaller = open_index(settings_for(articles, tmp_path / "data", NEWSDESK_CHUNK_SIZE="96"), embedder=fake)
    report = sync(index=smaller)
    assert report.rebuilt and sorted(report.updated + report.added) == [US_WITHDRAWS, RUSSIA_UN]
    assert_consistent(smaller.settings)
    assert max(fake.count_tokens(p.text) for p in retrieve("peace talks", k=20, index=smaller)) <= 96


def test_leftovers_of_a_killed_sync_are_removed(index: Index) -> None:
    sync(index=index)
    collection = open_collection(index.settings)
    collection.add(
        ids=["orphan-1"], embeddings=[[0.1] * 384], documents=["left behind"], metadatas=[{"source": "x"}]
    )
    manifest = Manifest.load(manifest_path(index.settings))
    manifest.dirty = True
    manifest.commit()
    sync(index=index)
    assert "orphan-1" not in stored_ids(index.settings)
    assert_consistent(index.settings)


@pytest.mark.slow
def test_cli_prints_the_report_and_json(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(settings.articles_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data["added"]) == [US_WITHDRAWS, RUSSIA_UN] and data["skipped"] == []
    assert main([str(settings.articles_dir)]) == 0
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in capsys.readouterr().out


def test_cli_reports_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "NEWSDESK_ARTICLES_DIR" in capsys.readouterr().err


@pytest.mark.slow
def test_module_and_console_script_run(settings: Settings) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(settings.articles_dir, settings.data_dir)
    module = subprocess.run(
        [sys.executable, "-m", "ingest", "--json"], env=env, capture_output=True, text=True
    )
    assert module.returncode == 0, module.stderr
    assert len(json.loads(module.stdout)["added"]) == 2
    script = Path(sys.executable).parent / "newsdesk-ingest"
    console = subprocess.run([str(script), "--dry-run"], env=env, capture_output=True, text=True)
    assert console.returncode == 0, console.stderr
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in console.stdout


def _key(settings: Settings, source: str) -> str:
    manifest = Manifest.load(manifest_path(settings))
    return manifest.articles[source].ids[0].split("-")[0]


def test_feed_with_a_malformed_line_is_ingested_record_by_record(index: Index, articles: Path) -> None:
    lines = [
        json.dumps(
            {
                "title": "Dam opens",
                "text": "The Kariba North dam opened its new spillway on Monday.",
                "published": "2024-06-01",
                "source": "Wire",
            }
        ),
        '{"title": "Broken", "text": "no closing brace"',
        json.dumps(
            {
                "title": "Bridge closes",
                "content": "The Old Tay bridge closed for repairs in June.",
                "published": "June 3, 2024",
            }
        ),
    ]
    (articles / "wire.jsonl").write_text("\n".join(lines) + "\n")
    report = sync(index=index)
    assert "wire.jsonl" in report.added
    assert "line 2 is not valid JSON" in dict(report.skipped)["wire.jsonl#2"]
    top = retrieve("Which bridge closed for repairs?", k=1, index=index)[0]
    assert (top.source, top.title, top.published) == ("wire.jsonl#3", "Bridge closes", "2024-06-03")
    assert sync(index=index).skipped == report.skipped, "the bad line is reported again, without re-reading"
    assert_consistent(index.settings)


def test_one_changed_article_updates_the_lexical_index_in_place(index: Index, articles: Path) -> None:
    settings = index.settings
    sync(index=index)
    before = lexical_segments(settings)
    reader = lexical.load(settings)
    assert reader is not None and before
    path = articles / RUSSIA_UN
    path.write_text(path.read_text() + "\nThe Zanzibar delegation walked out.\n")
    report = sync(index=index)
    assert report.chunks_embedded >= 1
    assert before < lexical_segments(settings), "the old segments stay: one was added, nothing rebuilt"
    refreshed = lexical.load(settings)
    assert refreshed is not None and refreshed is not reader, "a reader catches up with the sync"
    assert refreshed.search("Zanzibar delegation", 1)[0][0] in stored_ids(settings)
    assert retrieve("Zanzibar delegation", 1, mode="bm25", index=index)[0].source == RUSSIA_UN
    assert_consistent(settings)


def test_lexical_index_is_reconciled_after_a_killed_sync(index: Index) -> None:
    settings = index.settings
    sync(index=index)
    stored = stored_ids(settings)
    # A kill between the store write and the lexical commit: a chunk is missing from the
    # lexical side, and one the store no longer has is still there.
    lexical.update(settings, [("ghost-1", "Zanzibar ghost chunk", {"source": "gone.md"})], [stored[0]])
    manifest = Manifest.load(manifest_path(settings))
    manifest.dirty = True
    manifest.commit()
    sync(index=index)
    assert_consistent(settings)
    assert not retrieve("Zanzibar ghost", 5, mode="bm25", index=index)


@pytest.mark.slow
def test_a_store_built_in_bf16_is_used_as_it_is_in_fp32(articles: Path, tmp_path: Path) -> None:
    """Precision is not part of the fingerprint: bf16 vectors are within cosine 0.999 of fp32."""
    import numpy as np

    from qa.embedder import embed

    bf16 = settings_for(articles, tmp_path / "data", NEWSDESK_PRECISION="bf16")
    sync(bf16)
    fp32 = open_index(settings_for(articles, tmp_path / "data", NEWSDESK_PRECISION="fp32"))
    report = sync(index=fp32)
    assert not report.changed and not report.rebuilt and report.chunks_embedded == 0
    chunks = {
        c.id: c.embedding_text()
        for path in sorted(articles.iterdir())
        for a in load_file(path.name, path.read_bytes()).articles
        for c in chunk_article(a, fp32.settings, fp32.embedder)
    }
    got = open_collection(fp32.settings).get(include=["embeddings"])
    fresh = embed(fp32.settings.embedding_model, [chunks[i] for i in got["ids"]], precision="fp32")
    cosine = np.sum(np.asarray(got["embeddings"]) * fresh, axis=1)
    assert cosine.min() >= 0.999
    assert cosine.min() < 0.999999, "the stored vectors really are bf16 ones"
    assert retrieve("Who is Russia's ambassador to the UN?", 1, index=fp32)[0].source == RUSSIA_UN


def large_article(n_sentences: int = 400) -> str:
    """A file of many chunks, every sentence different, and no two chunks alike to the fake embedder.

    (Chunks that share most of their words get near-equal fake vectors, and the check after a
    sync may then not find one among its 10 nearest, and index the file again.)
    """
    words = [f"w{n}" for n in range(5000)]
    sentences = [
        " ".join(words[(i * 37 + j * 11) % 5000] for j in range(10)) + "." for i in range(n_sentences)
    ]
    return "A large file\n\n" + " ".join(sentences) + "\n"


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, remembering every text it embedded."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts, batch_size=32, *, precision="fp32"):  # type: ignore[no-untyped-def]
        self.texts += texts
        return super().embed(texts, batch_size, precision=precision)


def test_a_sync_told_to_yield_takes_small_files_first_and_the_next_finishes_the_rest(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "_EMBED_SLICE", 16)
    embedder = CountingEmbedder()
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=embedder)
    (articles / "a-large.txt").write_text(large_article())  # sorts first by name, goes last by size
    old = time.time() - 60  # stats this old are recorded and trusted: the next plan reads no file
    for path in articles.iterdir():
        os.utime(path, (old, old))
    asked: list[int] = []

    def yield_to() -> bool:
        asked.append(len(embedder.texts))
        return len(asked) >= 2  # a small upload arrives during the large file's second slice

    first = sync(index=index, yield_to=yield_to)
    assert sorted(first.added) == sorted([RUSSIA_UN, US_WITHDRAWS]), "the small files were finished"
    assert first.deferred == ("a-large.txt",) and "a-large.txt" not in first.added
    assert "deferred: a-large.txt" in str(first)
    assert first.chunks_embedded == len(embedder.texts) > 16
    status = sync_module.status(index.settings)
    assert status.pending == ("a-large.txt",) and "a-large.txt" not in status.articles
    assert_consistent(index.settings)  # the chunks written so far are owned, searchable, not dirty
    assert retrieve("w37 w48 w59", 3, mode="bm25", index=index)[0].source == "a-large.txt"

    second = sync(index=index)
    assert second.added == ("a-large.txt",) and not second.deferred and not second.damage
    assert second.chunks_reused == 16, "the slice of it the first sync embedded is reused"
    assert len(embedder.texts) == len(set(embedder.texts)), "no chunk was embedded twice"
    assert not sync_module.status(index.settings).pending
    assert_consistent(index.settings)
    whole = CountingEmbedder()
    clean = open_index(settings_for(articles, tmp_path / "clean"), embedder=whole)
    sync(index=clean)
    assert sorted(embedder.texts) == sorted(whole.texts), "together they embedded what one sync does"
    assert sync(index=index).changed is False


def test_an_edited_large_file_deferred_is_reported_updated_when_finished(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "_EMBED_SLICE", 16)
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())
    (articles / "large.txt").write_text(large_article(100))
    sync(index=index)
    (articles / "large.txt").write_text(large_article(1000))
    first = sync(index=index, yield_to=lambda: True)
    assert first.deferred == ("large.txt",) and not first.updated
    assert_consistent(index.settings)
    second = sync(index=index)
    assert second.updated == ("large.txt",) and not second.added
    assert_consistent(index.settings)
