"""The change feed: syncs of the paths it reports give the index a full scan gives; real watchdog."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ingest import sync
from ingest.feed import ChangeFeed
from ingest.manifest import Manifest
from ingest.worker import SyncWorker
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.store import manifest_path, open_collection
from tests.conftest import settings_for


def article(title: str, words: str) -> str:
    return f"Title: {title}\n\n" + " ".join(f"{words} sentence {n} of {title}." for n in range(40)) + "\n"


def indexed(index: Index) -> tuple[dict[str, tuple[str, tuple[str, ...]]], list[str]]:
    """The manifest's rows (hash and chunk ids by path) and the store's ids."""
    with Manifest.load(manifest_path(index.settings)) as manifest:
        rows = {p: (e.sha256, e.ids) for p, e in manifest.articles.items()}
    return rows, sorted(open_collection(index.settings).get(include=[])["ids"])


def wait_until(check: Callable[[], object], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def pair(articles: Path, tmp_path: Path) -> tuple[Index, Index]:
    """Two indexes of one folder: one synced with the changed paths, one by full scans."""
    fed = open_index(settings_for(articles, tmp_path / "fed"), embedder=FakeEmbedder())
    full = open_index(settings_for(articles, tmp_path / "full"), embedder=FakeEmbedder())
    (articles / "a.txt").write_text(article("Alpha", "ferry strike"))
    (articles / "b.txt").write_text(article("Bravo", "harbour fire"))
    sync(index=fed)
    sync(index=full)
    return fed, full


def test_syncs_of_the_changed_paths_give_the_index_a_full_scan_gives(
    pair: tuple[Index, Index], articles: Path, tmp_path: Path
) -> None:
    fed, full = pair

    def step(*changed: str) -> None:
        fed_report = sync(index=fed, changed=changed)
        full_report = sync(index=full)
        assert indexed(fed) == indexed(full), changed
        assert (fed_report.added, fed_report.updated, fed_report.removed) == (
            full_report.added,
            full_report.updated,
            full_report.removed,
        )

    (articles / "c.txt").write_text(article("Charlie", "council vote"))
    step("c.txt")  # added
    (articles / "a.txt").write_text(article("Alpha", "ferry strike ends"))
    step(str(articles / "a.txt"))  # changed (an absolute path, as the watcher gives)
    (articles / "b.txt").unlink()
    step("b.txt")  # removed
    (articles / "c.txt").rename(articles / "d.txt")
    step("c.txt", "d.txt")  # renamed: both names are reported

    outside = tmp_path / "outside" / "sub"
    outside.mkdir(parents=True)
    (outside / "e.txt").write_text(article("Echo", "bridge repair"))
    (outside / "deeper").mkdir()
    (outside / "deeper" / "f.md").write_text(article("Foxtrot", "school budget"))
    outside.rename(articles / "sub")
    step("sub")  # a folder moved in reports only itself
    assert {"sub/e.txt", "sub/deeper/f.md"} <= indexed(fed)[0].keys()
    (articles / "sub").rename(tmp_path / "outside" / "back")
    step("sub")  # a folder moved out reports only itself
    assert not any(p.startswith("sub/") for p in indexed(fed)[0])

    # A file written in two steps within one clock tick, the same size both times: only the
    # racy-stat rule (a stat younger than 2 s is not trusted) makes the second version count.
    target = articles / "g.txt"
    target.write_text(article("Golf", "water rates"))
    tick = time.time_ns()
    os.utime(target, ns=(tick, tick))
    step("g.txt")
    target.write_text(article("Golf", "water rules"))  # same length, other words
    os.utime(target, ns=(tick, tick))
    step("g.txt")
    assert indexed(fed)[0]["g.txt"][0] == indexed(full)[0]["g.txt"][0]

    # Duplicates: the file first in the scan's order is indexed, whichever was reported.
    shutil.copy(articles / "a.txt", articles / "z.txt")
    step("z.txt")  # after a.txt: skipped
    shutil.copy(articles / "d.txt", articles / "0.txt")
    step("0.txt")  # before d.txt: it is indexed, and d.txt leaves the index
    assert "0.txt" in indexed(fed)[0] and "d.txt" not in indexed(fed)[0]
    (articles / ".hidden.txt").write_text(article("Hidden", "never read"))
    step(".hidden.txt", str(tmp_path / "elsewhere.txt"))  # hidden or outside: nothing


def test_only_the_reported_paths_are_compared(pair: tuple[Index, Index], articles: Path) -> None:
    fed, _ = pair
    (articles / "a.txt").write_text(article("Alpha", "ferry strike ends"))
    (articles / "c.txt").write_text(article("Charlie", "council vote"))
    report = sync(index=fed, changed=["c.txt"])
    assert report.added == ("c.txt",) and not report.updated  # a.txt was not reported
    assert report.unchanged == ()  # the rest of the folder was not read or listed
    assert sync(index=fed).updated == ("a.txt",)  # a full scan finds it


def test_a_killed_sync_makes_the_next_one_scan_the_whole_folder(
    pair: tuple[Index, Index], articles: Path
) -> None:
    fed, _ = pair
    with Manifest.load(manifest_path(fed.settings)) as manifest:
        manifest.dirty = True  # what a killed sync leaves
        manifest.commit()
    (articles / "a.txt").write_text(article("Alpha", "ferry strike ends"))
    assert sync(index=fed, changed=[]).updated == ("a.txt",)


@pytest.fixture
def feed(articles: Path) -> Iterator[ChangeFeed]:
    feed = ChangeFeed(articles)
    feed.start()
    yield feed
    feed.stop()


def test_the_feed_reports_paths_and_asks_for_a_full_scan_after_an_overflow(
    feed: ChangeFeed, articles: Path
) -> None:
    assert feed.take() is None  # what changed before it started is unknown
    (articles / "new.txt").write_text(article("New", "tram line"))
    wait_until(lambda: feed.waiting(), "the watcher saw the new file")
    assert feed.take() == {"new.txt"}
    (articles / "new.txt").rename(articles / "moved.txt")
    wait_until(lambda: (feed.waiting() or 0) >= 2, "the watcher saw the rename")
    assert feed.take() == {"new.txt", "moved.txt"}
    # What watchdog logs when the kernel's inotify queue overflowed (events were dropped).
    logging.getLogger("watchdog.observers.inotify_c").warning(
        "Inotify queue overflowed; filesystem events were lost"
    )
    assert feed.waiting() is None
    assert feed.take() is None
    assert feed.take() == set()


def test_the_worker_picks_up_a_dropped_file_and_scans_all_after_an_overflow(
    articles: Path, tmp_path: Path
) -> None:
    (articles / "a.txt").write_text(article("Alpha", "ferry strike"))
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())
    worker = SyncWorker(lambda: index)
    worker.watch(articles)
    try:
        assert "a.txt" in worker.sync().added  # the first sync scans the folder
        assert worker.unsynced() == 0
        (articles / "dropped.txt").write_text(article("Dropped", "airport noise"))
        wait_until(lambda: worker.unsynced(), "the feed saw the dropped file")
        report = worker.sync()
        assert report.added == ("dropped.txt",) and report.unchanged == ()  # no folder scan

        outside = tmp_path / "outside"
        (outside / "deeper").mkdir(parents=True)
        (outside / "deeper" / "x.txt").write_text(article("Xray", "port tariffs"))
        outside.rename(articles / "moved-in")  # the watcher hears of the folder, not its files
        assert worker._feed is not None and worker._feed.wait(0.3)
        assert worker.sync().added == ("moved-in/deeper/x.txt",)
        shutil.rmtree(articles / "moved-in")
        assert worker._feed.wait(0.3)
        assert worker.sync().removed == ("moved-in/deeper/x.txt",)

        # Events the feed never got (dropped by the kernel), then the overflow it reports.
        (articles / "a.txt").write_text(article("Alpha", "ferry strike ends"))
        assert worker._feed.wait(0.5)  # every event of the write arrived
        worker._feed.take()  # gone, as if the kernel had dropped them
        assert worker.sync().updated == ()  # the feed knows nothing: nothing compared
        logging.getLogger("watchdog.observers.inotify_c").warning(
            "Inotify queue overflowed; filesystem events were lost"
        )
        assert worker.unsynced() is None
        report = worker.sync()
        assert report.updated == ("a.txt",) and "dropped.txt" in report.unchanged  # a full scan
    finally:
        worker.close()
    assert worker.unsynced() is None


def test_an_upload_saved_and_synced_leaves_nothing_unsynced(articles: Path, tmp_path: Path) -> None:
    """The upload's hidden temporary file, and the rename's events arriving after the sync that
    read the saved file, once left "2 changes in the folder not synced yet" after every upload."""
    (articles / "a.txt").write_text(article("Alpha", "ferry strike"))
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())
    worker = SyncWorker(lambda: index)
    worker.watch(articles)
    try:
        worker.sync()
        part = articles / ".upload-x1.part"  # as ingest.upload saves: a hidden file, then a rename
        part.write_text(article("Ferry fares", "fares rise"))
        os.replace(part, articles / "fares.txt")
        assert worker.sync(changed=["fares.txt"]).added == ("fares.txt",)
        time.sleep(0.5)  # every event arrived (some before the sync's take, some after)
        assert worker._feed is not None
        worker._feed.add(".upload-x1.part", "fares.txt")  # as when all of them came late
        assert worker.unsynced() == 0  # nothing differs from the index

        (articles / ".draft.txt").write_text(article("Draft", "not yet"))  # hidden: never read
        (articles / "notes.docx").write_bytes(b"not an article type")
        assert worker._feed is not None and worker._feed.wait(0.3)
        assert worker.unsynced() == 0

        (articles / "fares.txt").write_text(article("Ferry fares", "fares rise again by 9%"))
        (articles / "a.txt").unlink()
        (articles / "new.txt").write_text(article("New", "harbour tunnel"))
        assert worker._feed.wait(0.3)
        assert worker.unsynced() == 3  # changed, removed, added
        report = worker.sync()
        assert (report.added, report.updated, report.removed) == (("new.txt",), ("fares.txt",), ("a.txt",))
        time.sleep(0.5)  # late events, if any
        assert worker.unsynced() == 0
    finally:
        worker.close()


def test_a_file_dropped_before_any_sync_counts_as_unsynced(articles: Path, tmp_path: Path) -> None:
    """An app starts watching without syncing: a file dropped in while it runs showed no
    "1 change in the folder not synced yet" until some sync had taken the feed once."""
    (articles / "a.txt").write_text(article("Alpha", "ferry strike"))
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())
    sync(index=index)
    (articles / "a.txt").write_text(article("Alpha", "ferry strike, day two"))  # before the watch
    worker = SyncWorker(lambda: index)
    worker.watch(articles)
    try:
        assert worker.unsynced() == 0  # only what changed since the watch began is known
        (articles / "new.txt").write_text(article("New", "harbour tunnel"))
        wait_until(lambda: worker.unsynced() == 1, "the dropped file counted as not synced")
        report = worker.sync()  # the first take still scans it all: a change before the watch is found
        assert (report.added, report.updated) == (("new.txt",), ("a.txt",))
        assert worker.unsynced() == 0
    finally:
        worker.close()
