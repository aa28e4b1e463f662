"""Which process owns the embedded index, so that only one process ever writes to it.

Embedded Chroma is not safe to write from two processes. While the chat app runs it owns
the index: it records its process id and URL in ``<data_dir>/owner.json``, and a sync
started anywhere else (``python -m ingest``, ``--watch``, ``ingest.sync()`` in another
program) is handed to the app over its API instead of opening the store itself. The app
then syncs in-process, so its own queries see the new articles at once, without a restart.

The record also holds the process's start time (from ``/proc``) and the folder it serves: a
record whose pid now belongs to another process (pids are reused after a reboot or a kill) is
stale and ignored, and a sync of another folder is refused instead of being silently answered
with a sync of the app's own folder.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from qa.errors import NewsdeskError
from qa.settings import Settings

__all__ = ["SYNC_API", "Owner", "claim", "owner", "owner_url", "release"]

OWNER_FILE = "owner.json"
SYNC_API = "sync"
"""The app's API endpoint that runs a sync (``/sync``): the app serves it, ``remote_sync`` calls it."""


def _path(settings: Settings) -> Path:
    return settings.data_dir / OWNER_FILE


@dataclass(frozen=True)
class Owner:
    """The live process that owns the index: where it serves, and which folder it syncs."""

    url: str
    folder: str = ""  # resolved articles folder; empty in records of older versions


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot), or empty where /proc has no record."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()  # the command name, in parentheses, may hold spaces
    return fields[19] if len(fields) > 19 else ""


def claim(settings: Settings, url: str) -> None:
    """Record this process, serving at ``url``, as the owner of the index."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    record = {
        "pid": os.getpid(),
        "started": _started(os.getpid()),
        "url": url,
        "folder": str(settings.articles_dir.resolve()),
    }
    tmp = _path(settings).with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, _path(settings))


def release(settings: Settings) -> None:
    """Give up ownership, if this process holds it."""
    with contextlib.suppress(OSError, ValueError):
        if json.loads(_path(settings).read_text(encoding="utf-8")).get("pid") == os.getpid():
            _path(settings).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def owner(settings: Settings) -> Owner | None:
    """Another live process that owns the index, or None when this process may write."""
    try:
        record = json.loads(_path(settings).read_text(encoding="utf-8"))
        pid, url = int(record["pid"]), str(record["url"])
        started, folder = str(record.get("started", "")), str(record.get("folder", ""))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if pid == os.getpid() or not _alive(pid):
        return None  # ourselves, or a stale record of an app that was killed
    if started and _started(pid) not in ("", started):
        return None  # the pid was reused: the app that wrote this record is gone
    return Owner(url, folder)


def owner_url(settings: Settings) -> str | None:
    """URL of another live process that owns the index, or None when this process may write."""
    found = owner(settings)
    return found.url if found else None


def remote_sync(url: str, *, dry_run: bool, auth: str = "") -> dict[str, object]:
    """Ask the app at ``url`` to run the sync; returns its report as a dict.

    Args:
        auth: ``user:password`` when the app asks for a login (``NEWSDESK_AUTH``, the same
            variable the app reads).

    Raises:
        NewsdeskError: when the app does not answer.
    """
    from gradio_client import Client

    user, _, password = auth.partition(":")
    try:
        client = Client(url, verbose=False, auth=(user, password) if auth else None)
        result = client.predict(dry_run=dry_run, api_name=f"/{SYNC_API}")
    except Exception as e:
        raise NewsdeskError(
            f"The Newsdesk app at {url} owns this index but did not answer ({e}). "
            "If it asks for a login, set NEWSDESK_AUTH=user:password for this command too; "
            "else sync from the app's Articles tab, or stop the app and run the sync again."
        ) from e
    if isinstance(result, str):
        result = json.loads(result)
    if not isinstance(result, dict):
        raise NewsdeskError(f"The Newsdesk app at {url} answered the sync with {result!r}.")
    return result
