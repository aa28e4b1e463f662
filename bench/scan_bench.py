"""What a sync's comparison of the folder with the manifest costs, part by part, on a built scale index.

Parts (each the median CPU and wall seconds of ``--runs`` warm runs, in this process): listing
the folder (the old ``os.walk`` listing and the ``scandir`` walk), one ``lstat`` per file, the
manifest's rows (as ``Stat`` objects and as plain tuples), the whole plan of a full scan, and the plan of
one changed path (``changed=``). The module works on older checkouts too (parts they lack are
left out), so the same command gives the before and after:

    python -m bench.scan_bench .bench/scale-250000
    PYTHONPATH=<old checkout> python bench/scan_bench.py .bench/scale-250000
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.load import walk_files
from ingest.manifest import Manifest
from qa.settings import Settings
from qa.store import manifest_path


def _timed(fn: Callable[[], Any], runs: int) -> tuple[tuple[float, float], Any]:
    """Median CPU seconds (user and system: steadier than wall time on a shared machine) and wall."""
    cpu, wall, result = [], [], None
    for _ in range(runs):
        gc.collect()
        start, began = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - began)
    return (statistics.median(cpu), statistics.median(wall)), result


def main() -> None:
    """Print each part's seconds as JSON lines, then a summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path, help="a folder built by bench.scale_bench (articles/, data/)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(args.root / "articles"), "NEWSDESK_DATA_DIR": str(args.root / "data")}
    )
    sync_module = importlib.import_module("ingest.sync")
    manifest = Manifest.load(manifest_path(settings), create=False)
    top = os.fspath(settings.articles_dir)
    parts: dict[str, tuple[float, float]] = {}
    parts["walk (os.walk listing)"], files = _timed(
        lambda: list(walk_files(settings.articles_dir)), args.runs
    )
    if hasattr(sync_module, "_scan"):
        parts["walk (scandir)"], _ = _timed(lambda: list(sync_module._scan(top)), args.runs)
        parts["walk (scandir) + lstat through its entries"], _ = _timed(
            lambda: [e.stat(follow_symlinks=False) for _, e in sync_module._scan(top)], args.runs
        )
    parts["lstat of every file"], _ = _timed(lambda: [os.lstat(full) for _, full in files], args.runs)
    parts["manifest rows as Stat"], _ = _timed(manifest.stats, args.runs)
    if hasattr(manifest, "quick_stats"):
        parts["manifest rows as tuples"], _ = _timed(manifest.quick_stats, args.runs)
    gc.disable()  # as the sync runs the plan (_collector_paused)
    parts["full plan"], plan = _timed(lambda: sync_module._plan(settings, manifest, False), args.runs)
    if hasattr(sync_module, "_plan_changes"):
        one = files[len(files) // 2][0]
        parts["plan of one changed path"], _ = _timed(
            lambda: sync_module._plan(settings, manifest, False, [one]), args.runs
        )
    gc.enable()
    for name, (cpu, wall) in parts.items():
        print(json.dumps({"part": name, "cpu_s": round(cpu, 4), "wall_s": round(wall, 4)}))
    print(
        json.dumps(
            {"files": len(files), "manifest rows": len(manifest.articles), "unchanged": len(plan.unchanged)}
        )
    )


if __name__ == "__main__":
    main()
