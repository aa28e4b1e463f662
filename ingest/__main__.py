"""``python -m ingest [FOLDER]`` (also ``newsdesk-ingest``): sync the articles folder into the index.

With ``--watch`` it keeps running and syncs again whenever files appear, change or disappear
(changes are debounced, so copying in a batch of files gives one sync). While the chat app
runs, the app does the syncing (it owns the index) and this command asks it to.

Exit codes: 0 when every readable article is in sync (unreadable ones are listed as skipped),
2 for a configuration or usage error, 3 when another sync is running and ``--no-wait`` was
given, 1 when the sync failed (the message says why).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict

from qa.errors import ConfigError, NewsdeskError, SyncBusyError
from qa.settings import Settings

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Bring the Newsdesk index in step with a folder of articles (.txt, .md).",
    )
    parser.add_argument(
        "folder", nargs="?", help="articles folder (default: NEWSDESK_ARTICLES_DIR or seeds/)"
    )
    parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-wait", action="store_true", help="exit with code 3 if another sync is running")
    parser.add_argument("--watch", action="store_true", help="keep running; sync whenever the folder changes")
    parser.add_argument(
        "--switch-folder",
        action="store_true",
        help="let this index hold FOLDER instead of the folder it holds now (whose articles leave it)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="check that dense search finds every stored passage; re-index the articles that lost some",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.watch and args.dry_run:
        parser.error("--watch and --dry-run cannot be combined")

    from ingest.sync import sync

    env = dict(os.environ)
    if args.folder:
        env["NEWSDESK_ARTICLES_DIR"] = args.folder
    try:
        settings = Settings.from_env(env)

        def run_once() -> None:
            report = sync(
                settings,
                dry_run=args.dry_run,
                wait=not args.no_wait,
                progress=not (args.quiet or args.json) and sys.stderr.isatty(),
                switch_folder=args.switch_folder,
            )
            if args.json:
                print(json.dumps(report.to_dict(), indent=None if args.watch else 2), flush=True)
            else:
                print(f"Synced {settings.articles_dir} into {settings.data_dir}: {report}", flush=True)

        if args.check:
            from ingest.check import check

            result = check(settings)
            print(json.dumps(asdict(result)) if args.json else str(result), flush=True)
            return 1 if result.unrepaired else 0
        if args.watch:
            _watch(settings, run_once)
        else:
            run_once()
    except SyncBusyError as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except NewsdeskError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def _watch(settings: Settings, run_once: Callable[[], None], debounce_ms: int = 1000) -> None:
    """Sync now and after every burst of changes in the articles folder, until interrupted.

    The first sync runs once the watcher is registered (its first timeout), so a file that
    arrives while that sync runs is not missed.
    """
    from watchfiles import watch

    print(f"Watching {settings.articles_dir} for changes (Ctrl-C to stop)…", file=sys.stderr, flush=True)
    first = True
    changes_seen = watch(
        settings.articles_dir,
        debounce=debounce_ms,
        step=100,
        recursive=True,
        yield_on_timeout=True,
        rust_timeout=500,
    )
    for changes in changes_seen:
        if not (changes or first):
            continue
        first = False
        try:
            run_once()
        except NewsdeskError as e:  # keep watching: the next change may fix it
            print(f"error: {e}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
