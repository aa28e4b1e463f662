"""The manifest and the catalog in SQLite: the stat shortcut, the migration from JSON, partial reads.

Real Chroma in ``tmp_path`` with the fake embedder: what is tested is the bookkeeping.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ingest import status, sync
from ingest.manifest import Manifest
from qa.catalog import ArticleRecord, Catalog, CatalogWriter, load_catalog
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.store import catalog_path, manifest_path
from tests.conftest import RUSSIA_UN, US_WITHDRAWS, settings_for

sync_module = importlib.import_module("ingest.sync")  # ``ingest.sync`` is also the function
PAST = 1_600_000_000_000_000_000  # 2020, in ns: no file of a test is "racily clean" at this time


@pytest.fixture
def index(articles: Path, tmp_path: Path) -> Index:
    return open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The article files the sync opens, by name."""
    opened: list[str] = []
    original = sync_module.read_file

    def read_file(path: Path, *args: object, **kwargs: object) -> bytes:
        opened.append(path.name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_module, "read_file", read_file)
    yield opened


def _age(folder: Path, ns: int = PAST) -> None:
    for path in folder.iterdir():
        os.utime(path, ns=(ns, ns))


def _one_letter_changed(text: str) -> str:
    """``text`` with one letter of its body changed: the same size, other bytes."""
    at = text.index(" a", 100) + 1
    return text[:at] + "e" + text[at + 1 :]


def test_files_whose_size_and_mtime_match_are_not_read(
    index: Index, articles: Path, reads: list[str]
) -> None:
    _age(articles)
    sync(index=index)
    assert sorted(reads) == sorted([US_WITHDRAWS, RUSSIA_UN]), "the first sync reads every file"
    reads.clear()
    report = sync(index=index)
    assert sorted(report.unchanged) == sorted([US_WITHDRAWS, RUSSIA_UN])
    assert reads == [], "an unchanged stat is enough: nothing is read or hashed"


def test_a_touched_identical_file_is_unchanged_and_its_new_stat_recorded(
    index: Index, articles: Path, reads: list[str]
) -> None:
    _age(articles)
    sync(index=index)
    _age(articles, PAST + 10**9)  # touched: a new mtime, the same bytes
    reads.clear()
    report = sync(index=index)
    assert not report.changed and sorted(report.unchanged) == sorted([US_WITHDRAWS, RUSSIA_UN])
    assert sorted(reads) == sorted([US_WITHDRAWS, RUSSIA_UN]), "hashed once, as the stat changed"
    reads.clear()
    assert not sync(index=index).changed
    assert reads == [], "the new stat was recorded"


def test_same_size_other_bytes_and_a_new_mtime_is_hashed_and_updated(
    index: Index, articles: Path, reads: list[str]
) -> None:
    _age(articles)
    sync(index=index)
    path = articles / US_WITHDRAWS
    text = path.read_text()
    path.write_text(_one_letter_changed(text))
    assert path.stat().st_size == len(text.encode())
    os.utime(path, ns=(PAST + 10**9, PAST + 10**9))
    reads.clear()
    assert sync(index=index).updated == (US_WITHDRAWS,)
    assert reads == [US_WITHDRAWS], "only the file whose stat changed is read"


def test_a_file_changed_right_after_it_was_hashed_is_hashed_again(
    index: Index, articles: Path, reads: list[str]
) -> None:
    """A write in the same mtime tick, same size (git's "racily clean" entry), is still seen."""
    sync(index=index)  # the files were just written: their mtimes are too recent to trust
    path = articles / US_WITHDRAWS
    before = path.stat()
    path.write_text(_one_letter_changed(path.read_text()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same stat as when hashed
    assert sync(index=index).updated == (US_WITHDRAWS,)
    _age(articles)  # once their mtimes are old enough, the stat is trusted
    sync(index=index)
    reads.clear()
    assert not sync(index=index).changed and reads == []


def test_a_duplicate_of_an_unchanged_file_is_found_without_reading_it(
    index: Index, articles: Path, reads: list[str]
) -> None:
    _age(articles)
    sync(index=index)
    (articles / "zz-copy.txt").write_bytes((articles / US_WITHDRAWS).read_bytes())
    reads.clear()
    report = sync(index=index)
    assert dict(report.skipped)["zz-copy.txt"].startswith(f"has the same text as {US_WITHDRAWS}")
    assert reads == ["zz-copy.txt"], "only the new file is read"


def _legacy(index: Index) -> tuple[dict[str, object], dict[str, object]]:
    """The manifest and catalog of ``index`` written as the JSON files of version 1, the databases gone."""
    settings = index.settings
    with Manifest.load(manifest_path(settings)) as manifest:
        raw_manifest: dict[str, object] = {
            "version": 1,
            "fingerprint": manifest.fingerprint,
            "dirty": False,
            "folder": manifest.folder,
            "articles": {
                p: {"sha256": e.sha256, "ids": list(e.ids), "title": e.title, "skipped": []}
                for p, e in manifest.articles.items()
            },
        }
    catalog = Catalog.read(catalog_path(settings))
    with CatalogWriter(catalog_path(settings)) as writer:
        near, matrix = writer.near([None], 0)
    vectors = {r.source: [float(x) for x in row] for r, row in zip(near, matrix, strict=True)}
    raw_catalog: dict[str, object] = {
        "version": 1,
        "stamp": "old",
        "stories": catalog.stories,
        "articles": [
            {
                **{k: getattr(r, k) for k in ArticleRecord.__dataclass_fields__},
                "vector": vectors[r.source],
                "names": list(r.names),
                "words": list(r.words),
            }
            for r in catalog.articles.values()
        ],
    }
    for db in (manifest_path(settings), catalog_path(settings)):
        for suffix in ("", "-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)
    (settings.data_dir / "manifest.json").write_text(json.dumps(raw_manifest))
    (settings.data_dir / "catalog.json").write_text(json.dumps(raw_catalog))
    return raw_manifest, raw_catalog


def test_json_manifest_and_catalog_are_migrated_without_embedding_again(index: Index) -> None:
    sync(index=index)
    stories = {s: r.story for s, r in Catalog.read(catalog_path(index.settings)).articles.items()}
    raw_manifest, _ = _legacy(index)
    assert status(index.settings).passages == sum(
        len(e["ids"])  # type: ignore[arg-type]
        for e in raw_manifest["articles"].values()  # type: ignore[attr-defined]
    ), "the status line reads a JSON manifest (migrating it)"
    report = sync(index=index)
    assert not report.changed and report.chunks_embedded == 0
    assert sorted(report.unchanged) == sorted([US_WITHDRAWS, RUSSIA_UN])
    catalog = load_catalog(catalog_path(index.settings))  # the first question migrates the catalog
    data = index.settings.data_dir
    assert not (data / "manifest.json").exists() and not (data / "catalog.json").exists()
    assert {s: r.story for s, r in catalog.articles.items()} == stories, "records and stories carried over"
    with Manifest.load(manifest_path(index.settings)) as manifest:
        assert manifest.articles[US_WITHDRAWS].ids == tuple(raw_manifest["articles"][US_WITHDRAWS]["ids"])  # type: ignore[index]
    assert not sync(index=index).changed


def test_a_damaged_manifest_is_set_aside_and_the_index_rebuilt(index: Index) -> None:
    sync(index=index)
    path = manifest_path(index.settings)
    path.write_bytes(b"not a database at all, but long enough to be read as one" * 100)
    report = sync(index=index)
    assert sorted(report.added) == sorted([US_WITHDRAWS, RUSSIA_UN])
    assert path.with_name("manifest.db.damaged").exists()
    with Manifest.load(path) as manifest:
        assert not manifest.dirty and len(manifest.articles) == 2


def _dated(source: str, published: str, story: str = "s-1") -> ArticleRecord:
    return ArticleRecord(
        source=source,
        file=source,
        title=source,
        published=published,
        outlet="",
        url="",
        lede="",
        chunk=f"c-{source}",
        lede_start=0,
        lede_end=0,
        vector=(1.0, 0.0, 0.0),
        names=("Cedar Ridge",),
        story=story,
    )


def test_a_sync_reads_only_the_catalog_records_a_new_article_could_join(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    Catalog(
        {
            r.source: r
            for r in [
                _dated("old", "2020-01-01"),
                _dated("near", "2025-06-01"),
                _dated("undated", ""),
                _dated("unplaced", "2025-06-02", story=""),
            ]
        },
        {"s-1": "A story"},
    ).save(path)
    with CatalogWriter(path) as writer:
        near, matrix = writer.near([date(2025, 7, 1)], 120)
        assert sorted(r.source for r in near) == ["near", "undated"]
        assert matrix.shape == (2, 3) and matrix[0].tolist() == [1.0, 0.0, 0.0]
        assert sorted(r.source for r in writer.near([None], 120)[0]) == ["near", "old", "undated"]
        assert writer.name_counts(["Cedar Ridge", "Nowhere"]) == {"Cedar Ridge": 4, "Nowhere": 0}


def test_questions_read_the_catalog_without_vectors_once_per_version(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    Catalog({"a": _dated("a", "2025-06-01")}, {"s-1": "A story"}).save(path)
    first = load_catalog(path)
    assert first.articles["a"].vector == () and first.articles["a"].names == ("Cedar Ridge",)
    assert load_catalog(path) is first, "the same version is not read again"
    Catalog({"b": _dated("b", "2025-06-02")}, {"s-1": "A story"}).save(path)
    assert list(load_catalog(path).articles) == ["b"]


def test_a_few_new_articles_in_a_large_catalog_are_placed_from_the_vector_index(
    index: Index, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(index=index)
    # Two articles count as a large catalog here.
    monkeypatch.setattr(importlib.import_module("qa.stories"), "LARGE", 1)

    def scan(*_: object) -> None:
        raise AssertionError("the whole catalog was read")

    monkeypatch.setattr(CatalogWriter, "near", scan)
    text = (articles / US_WITHDRAWS).read_text()
    (articles / "follow-up.txt").write_text(text + "\nA later paragraph adds one more detail.\n")
    sync(index=index)
    catalog = load_catalog(catalog_path(index.settings))
    assert catalog.articles["follow-up.txt"].story == catalog.articles[US_WITHDRAWS].story
