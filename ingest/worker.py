"""The app's sync worker: one sync at a time, shared by the requests that wait for it.

Uploads, the Re-sync button and syncs sent by other processes (``python -m ingest`` calls the
app's ``/sync`` API) all come here. The worker lives in ``ingest`` rather than in the app so
that ``bench.yield_bench`` can drive it as the app does.

With ``watch()`` the worker follows the articles folder with a change feed (``ingest.feed``),
and a sync compares only the paths the feed saw change, plus those its requests name (the
files an upload saved, the file a removal deleted): at 434,525 articles the full comparison was
3.5 to 4.5 s of every one-article sync. The whole folder is still compared by the first sync
after ``watch()``, after the feed lost events (an overflow, a dead watcher, a failed sync), by
any sync while no feed runs, and for a request that asks for it (``full=True``: the
Re-sync button). The app does not sync on its own when files appear: it says how many changes
wait (``unsynced()``), and syncs when asked.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from ingest.feed import ChangeFeed
from ingest.sync import SyncReport, sync, unsynced
from qa.errors import NewsdeskError
from qa.index import Index

__all__ = ["SyncWorker"]

log = logging.getLogger("newsdesk.sync")


class SyncWorker:
    """Runs syncs one at a time, lets requests that arrive during a sync share the next one, and
    makes a large file's sync give way to them.

    A request is answered by the first sync that starts after it arrived: ten requests made
    while a sync runs cause one more sync, not ten, and each gets that sync's report.

    A sync gives way (``ingest.sync(yield_to=...)``) when a request arrives while it embeds: it
    stops after the slice in hand (at most 512 chunks, 10 to 20 s of MiniLM on two cores) and
    reports its unfinished files as deferred. The waiting request's sync runs at once, takes
    the files smallest first and, while deferred work remains, stops at its first slice
    boundary too: a small upload is answered in seconds instead of after the large file's
    minutes. A background thread then finishes the deferred files, reusing every stored
    vector, and gives way again if another request comes. Each sync embeds at least one slice,
    so a stream of requests slows a large file down but cannot stop it.
    """

    def __init__(self, index: Callable[[], Index]) -> None:
        self._index = index  # the index to sync, asked for at each sync
        self._run = threading.Lock()
        self._state = threading.Lock()
        self._requested = 0
        self._done = 0
        self._waiting = 0  # requests not answered yet
        self._last: SyncReport | None = None
        self._deferred: tuple[str, ...] = ()
        self._resuming = False
        self._stopped = ""  # why the background sync of deferred files failed, if it did
        # What each request not yet covered by a sync wants compared: paths, or None for all.
        self._wants: dict[int, frozenset[str] | None] = {}
        self._feed: ChangeFeed | None = None

    def watch(self, folder: Path) -> None:
        """Follow ``folder`` with a change feed; syncs from now on compare only what changed."""
        feed = ChangeFeed(folder)
        feed.start()
        self._feed = feed

    def close(self) -> None:
        """Stop the change feed, if one runs."""
        feed, self._feed = self._feed, None
        if feed is not None:
            feed.stop()

    def unsynced(self) -> int | None:
        """How many articles changed since the last sync (None: unknown, no feed runs or it lost track).

        Counted by ``ingest.sync.unsynced`` from the paths the feed holds, not the paths
        themselves: an upload's hidden temporary file, and the events of a saved file that
        arrive after the sync that read it, left "2 changes in the folder not synced yet" on the
        status line after every upload.
        """
        feed = self._feed
        paths = None if feed is None else feed.peek()
        return None if paths is None else unsynced(self._index().settings, paths)

    def sync(
        self, *, progress: bool = False, changed: Collection[str] | None = (), full: bool = False
    ) -> SyncReport:
        """Sync for a request (an upload, the Re-sync button, the /sync API) and return the report.

        Args:
            changed: Paths the request itself changed (an upload's files, a removed file), taken
                with the feed's; with no feed running the whole folder is compared anyway.
            full: Compare the whole folder, whatever the feed saw (the Re-sync button).
        """
        with self._state:
            self._requested += 1
            self._waiting += 1
            mine = self._requested
            self._wants[mine] = None if full or changed is None else frozenset(os.fspath(p) for p in changed)
        try:
            with self._run:
                with self._state:
                    if self._done >= mine and self._last is not None:
                        return self._last
                    covers = self._requested
                    eager = bool(self._deferred)
                report = self._sync(covers, progress, eager=eager)
                with self._state:
                    self._done, self._last = covers, report
        finally:
            with self._state:
                self._waiting -= 1
        self.resume()
        return report

    def pending(self) -> tuple[tuple[str, ...], str]:
        """The deferred files not finished yet, and why their background sync stopped (if it did)."""
        with self._state:
            return self._deferred, self._stopped

    def resume(self, pending: Sequence[str] = ()) -> None:
        """Finish the deferred files (or ``pending``, found at start) in a background thread.

        Not while a request waits: its sync goes first, and calls this again when it is done.
        """
        with self._state:
            self._deferred = self._deferred or tuple(pending)
            if not self._deferred or self._resuming or self._waiting:
                return
            self._resuming = True
        threading.Thread(target=self._resume, name="newsdesk-resume", daemon=True).start()

    def _resume(self) -> None:
        try:
            with self._run:
                with self._state:
                    covers, waiting = self._requested, self._waiting
                if not waiting:
                    self._sync(covers, progress=False, eager=False)
        except Exception as e:  # no one to answer: the status line says it stopped, the log why
            log.exception("the background sync of deferred files failed")
            with self._state:
                self._stopped = str(e) if isinstance(e, NewsdeskError) else "see the log; re-sync to retry"
        finally:
            with self._state:
                self._resuming = False
                stopped = self._stopped
        if not stopped:
            self.resume()  # a request that made it give way may have finished in the meantime

    def _sync(self, covers: int, progress: bool, *, eager: bool) -> SyncReport:
        """One sync that gives way to requests newer than ``covers`` (with ``eager``, at once)."""

        def yield_to() -> bool:
            with self._state:
                return eager or self._requested > covers

        with self._state:
            wants = [self._wants.pop(n) for n in sorted(self._wants) if n <= covers]
            deferred = self._deferred
        feed = self._feed
        fed = None if feed is None else feed.take()
        changed: set[str] | None = None
        if fed is not None and all(w is not None for w in wants):
            # Files left part-way are finished whatever changed (the feed has no news of them).
            changed = fed.union(*(w for w in wants if w is not None), deferred)
        try:
            report = sync(progress=progress, index=self._index(), yield_to=yield_to, changed=changed)
        except BaseException:
            if feed is not None and changed is not None:
                feed.lose("a sync failed")  # what it took from the feed is compared again, all of it
            raise
        with self._state:
            self._deferred, self._stopped = report.deferred, ""
        return report
