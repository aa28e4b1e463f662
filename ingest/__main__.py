"""``python -m ingest [FOLDER]`` (also ``newsdesk-ingest``): sync the articles folder into the index.

With ``--watch`` it keeps running and syncs again whenever files appear, change or disappear
(changes are debounced, so copying in a batch of files gives one sync); those syncs compare
only the paths that changed (``ingest.feed``), and the first one the whole folder. While the chat app
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
from collections.abc import Callable, Collection, Sequence
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

        def run_once(changed: Collection[str] | None = None) -> None:
            report = sync(
                settings,
                dry_run=args.dry_run,
                wait=not args.no_wait,
                progress=not (args.quiet or args.json) and sys.stderr.isatty(),
                switch_folder=args.switch_folder,
                changed=changed,
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


def _watch(
    settings: Settings, run_once: Callable[[Collection[str] | None], None], debounce: float = 1.0
) -> None:
    """Sync now and after every burst of changes in the articles folder, until interrupted.

    The change feed starts before the first sync (a full scan), so a file that arrives while
    that sync runs is not missed; each later sync compares only the paths the feed saw change
    (``ingest.feed``), or the whole folder again when the feed lost events.
    """
    from ingest.feed import ChangeFeed

    print(f"Watching {settings.articles_dir} for changes (Ctrl-C to stop)…", file=sys.stderr, flush=True)
    feed = ChangeFeed(settings.articles_dir)
    feed.start()
    try:
        while feed.wait(debounce):
            changed = feed.take()
            try:
                run_once(changed)
            except NewsdeskError as e:  # keep watching: the next change may fix it
                feed.lose("a sync failed")
                print(f"error: {e}", file=sys.stderr, flush=True)
    finally:
        feed.stop()


if __name__ == "__main__":
    sys.exit(main())
