"""The change feed: which paths under the articles folder changed since a sync last asked.

A sync that compares the whole folder with the manifest costs one ``lstat`` and one manifest
row per article: 3.5 to 4.5 s of a one-article sync at 434,525 articles (``docs/scaling.md``),
whatever changed. The feed watches the folder with watchdog (inotify on Linux, FSEvents on
macOS, ReadDirectoryChangesW on Windows) and hands the changed paths to
``ingest.sync(changed=...)``, which compares only those.

It says when it cannot be trusted, and the sync then scans the whole folder: before its first
take (what changed before it started is unknown), after the kernel's event queue overflowed
(watchdog logs it and re-registers its watches; the log record is the only signal it gives, so
the feed listens for it), after the watcher thread died, and when more than ``limit`` paths
piled up (a scan is cheaper than comparing them one by one). What it ignores: opens and
reads (a sync reads the files it indexes, which would wake the feed again) and the "folder
modified" events every file change also raises on its folder (walking the folder of a flat
archive would be a full scan).

Why watchdog rather than watchfiles (which ``--watch`` used): watchfiles' Rust side drops the
notify crate's rescan event, so an overflow there passes unseen.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["ChangeFeed"]

log = logging.getLogger("newsdesk.feed")

# watchdog's inotify reader logs this, and only this, when the kernel dropped events.
_OVERFLOW_LOGGER = "watchdog.observers.inotify_c"


class _Overflow(logging.Handler):
    """Marks the feeds lost when watchdog reports that the kernel dropped events."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.feeds: set[ChangeFeed] = set()
        self.lock_feeds = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            with self.lock_feeds:
                feeds = list(self.feeds)
            for feed in feeds:  # one inotify queue serves every watch of the process
                feed.lose("the kernel's event queue overflowed")


_overflow = _Overflow()


NOT_STARTED = "not started"  # the feed's state before its first take


class ChangeFeed:
    """The paths (relative to ``folder``, with ``/``) that changed since the last ``take()``.

    Example:
        >>> feed = ChangeFeed(settings.articles_dir)
        >>> feed.start()
        >>> ingest.sync(settings, changed=feed.take())  # None at first: a full scan
        >>> feed.wait(1.0)  # a quiet second after a change
        >>> ingest.sync(settings, changed=feed.take())  # only what changed
        >>> feed.stop()
    """

    def __init__(self, folder: Path, *, limit: int = 10_000) -> None:
        self.folder = os.path.abspath(folder)
        self.limit = limit
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._lost = NOT_STARTED  # why the next take must be a full scan ("" when it need not)
        self._event = threading.Event()  # set on every change
        self._observer: Any = None

    def start(self) -> None:
        """Start watching (the next ``take()`` still asks for a full scan: nothing is known before)."""
        from watchdog.events import (
            DirCreatedEvent,
            DirDeletedEvent,
            DirMovedEvent,
            FileAttribEvent,
            FileClosedEvent,
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )
        from watchdog.observers import Observer

        observer = Observer()
        observer.schedule(
            _handler(self),
            self.folder,
            recursive=True,
            event_filter=[
                FileCreatedEvent,
                FileModifiedEvent,
                FileClosedEvent,
                FileAttribEvent,
                FileDeletedEvent,
                FileMovedEvent,
                DirCreatedEvent,
                DirDeletedEvent,
                DirMovedEvent,
            ],
        )
        with _overflow.lock_feeds:
            _overflow.feeds.add(self)
            logger = logging.getLogger(_OVERFLOW_LOGGER)
            if _overflow not in logger.handlers:
                logger.addHandler(_overflow)
            if not logger.isEnabledFor(logging.WARNING):  # a quieted "watchdog" logger hides overflows
                logger.setLevel(logging.WARNING)
        observer.daemon = True
        observer.start()  # the watches are registered when this returns
        self._observer = observer
        with self._lock:  # the next take scans it all; peek() counts from now on
            self._lost = NOT_STARTED
            self._paths.clear()
        self._event.set()

    def stop(self) -> None:
        """Stop watching; a later ``take()`` asks for a full scan."""
        with _overflow.lock_feeds:
            _overflow.feeds.discard(self)
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
        self.lose("the feed stopped")

    @property
    def running(self) -> bool:
        """Whether the watcher is alive (its thread dies on an error it cannot recover from)."""
        observer = self._observer
        return observer is not None and observer.is_alive() and all(e.is_alive() for e in observer.emitters)

    def lose(self, why: str) -> None:
        """Forget what was collected: the next ``take()`` asks for a full scan (and says ``why``)."""
        with self._lock:
            if self._lost in ("", NOT_STARTED):
                log.info("change feed for %s: %s; the next sync scans the whole folder", self.folder, why)
                self._lost = why
            self._paths.clear()
        self._event.set()

    def add(self, *paths: str) -> None:
        """Record changed paths (absolute, or relative to the folder); what the watcher calls."""
        with self._lock:
            if self._lost in ("", NOT_STARTED):  # before the first take: for peek()
                for path in paths:
                    self._paths.add(os.path.relpath(os.path.join(self.folder, path), self.folder))
                if len(self._paths) > self.limit:
                    self._lost = f"more than {self.limit} paths changed"
                    self._paths.clear()
        self._event.set()

    def take(self) -> set[str] | None:
        """The paths that changed since the last take, or None when the whole folder must be scanned."""
        self._event.clear()
        with self._lock:
            lost = self._lost or ("" if self.running else "the watcher is not running")
            paths, self._paths = self._paths, set()
            self._lost = "" if self.running else "the watcher is not running"
        return None if lost else paths

    @property
    def pending(self) -> bool:
        """Whether something changed (or a full scan is due) since the last take."""
        with self._lock:
            return bool(self._paths or self._lost)

    def peek(self) -> frozenset[str] | None:
        """The paths changed since the last take, left in place (None when they are not known).

        Before the first take they are the paths changed since the feed started, though that
        take still asks for a full scan (what changed before the start is unknown): an app that
        starts without syncing showed no "changes not synced" for a file dropped in while it
        ran, until some sync had taken the feed once.
        """
        with self._lock:
            known = self._lost in ("", NOT_STARTED) and self.running
            return frozenset(self._paths) if known else None

    def waiting(self) -> int | None:
        """How many paths changed since the last take (None when the next take is a full scan)."""
        with self._lock:
            return None if self._lost or not self.running else len(self._paths)

    def wait(self, debounce: float, stop: threading.Event | None = None, poll: float = 1.0) -> bool:
        """Block until something is pending and no change came for ``debounce`` seconds.

        Copying a batch of files in gives one sync, not one per file. Returns False when
        ``stop`` was set meanwhile.
        """
        while not self.pending:
            if stop is not None and stop.is_set():
                return False
            self._event.wait(poll)
            if not self.running and self._observer is not None:
                self.lose("the watcher stopped")
        while True:  # quiet for `debounce` seconds
            self._event.clear()
            if stop is not None and stop.wait(debounce):
                return False
            if stop is None:
                time.sleep(debounce)
            if not self._event.is_set():
                return True


def _handler(feed: ChangeFeed) -> Any:
    """watchdog's event handler for ``feed``: every path an event names goes to the feed."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    class Handler(FileSystemEventHandler):
        def dispatch(self, event: FileSystemEvent) -> None:
            paths = [os.fsdecode(event.src_path)]
            if event.dest_path:
                paths.append(os.fsdecode(event.dest_path))  # a rename: the old path goes, the new comes
            feed.add(*paths)

    return Handler()
