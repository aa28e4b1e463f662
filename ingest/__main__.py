"""``python -m ingest [FOLDER]`` (also ``newsdesk-ingest``): sync the articles folder into the index.

Exit codes: 0 when every readable article is in sync (unreadable ones are listed as skipped),
2 for a configuration or usage error, 3 when another sync is running and ``--no-wait`` was
given, 1 for an unexpected failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

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
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)

    from ingest.sync import sync
    from qa.errors import ConfigError, NewsdeskError, SyncBusyError
    from qa.settings import Settings

    env = dict(os.environ)
    if args.folder:
        env["NEWSDESK_ARTICLES_DIR"] = args.folder
    try:
        settings = Settings.from_env(env)
        report = sync(
            settings,
            dry_run=args.dry_run,
            wait=not args.no_wait,
            progress=not (args.quiet or args.json) and sys.stderr.isatty(),
        )
    except SyncBusyError as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except NewsdeskError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(f"Synced {settings.articles_dir} into {settings.data_dir}: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
