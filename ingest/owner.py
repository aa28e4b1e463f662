"""Which process owns the embedded index, so that only one process ever writes to it.

Embedded Chroma is not safe to write from two processes. While the chat app runs it owns
the index: it records its process id and URL in ``<data_dir>/owner.json``, and a sync
started anywhere else (``python -m ingest``, ``--watch``, ``ingest.sync()`` in another
program) is handed to the app over its API instead of opening the store itself. The app
then syncs in-process, so its own queries see the new articles at once, without a restart.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from qa.errors import NewsdeskError
from qa.settings import Settings

__all__ = ["SYNC_API", "claim", "owner_url", "release"]

OWNER_FILE = "owner.json"
SYNC_API = "sync"
"""The app's API endpoint that runs a sync (``/sync``): the app serves it, ``remote_sync`` calls it."""


def _path(settings: Settings) -> Path:
    return settings.data_dir / OWNER_FILE


def claim(settings: Settings, url: str) -> None:
    """Record this process, serving at ``url``, as the owner of the index."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    tmp = _path(settings).with_suffix(".tmp")
    tmp.write_text(json.dumps({"pid": os.getpid(), "url": url}), encoding="utf-8")
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


def owner_url(settings: Settings) -> str | None:
    """URL of another live process that owns the index, or None when this process may write."""
    try:
        owner = json.loads(_path(settings).read_text(encoding="utf-8"))
        pid, url = int(owner["pid"]), str(owner["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid == os.getpid() or not _alive(pid):
        return None  # ourselves, or a stale record of an app that was killed
    return url


def remote_sync(url: str, *, dry_run: bool) -> dict[str, object]:
    """Ask the app at ``url`` to run the sync; returns its report as a dict.

    Raises:
        NewsdeskError: when the app does not answer.
    """
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
        result = client.predict(dry_run=dry_run, api_name=f"/{SYNC_API}")
    except Exception as e:
        raise NewsdeskError(
            f"The Newsdesk app at {url} owns this index but did not answer ({e}). "
            "Sync from the app's Articles tab, or stop the app and run the sync again."
        ) from e
    if isinstance(result, str):
        result = json.loads(result)
    if not isinstance(result, dict):
        raise NewsdeskError(f"The Newsdesk app at {url} answered the sync with {result!r}.")
    return result
