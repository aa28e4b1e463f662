"""Helpers shared by the benchmarks: the SciFact corpus as article files, timing, subprocesses."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = Path(os.environ.get("NEWSDESK_DATASETS", ROOT.parent / "shared" / "datasets"))
BENCH_DIR = Path(os.environ.get("NEWSDESK_BENCH_DIR", ROOT / ".bench"))


def scifact_folder(limit: int | None = None) -> Path:
    """SciFact's corpus written out as one ``<id>.txt`` article per abstract (title, blank line, text)."""
    folder = BENCH_DIR / ("scifact" if limit is None else f"scifact-{limit}") / "articles"
    corpus = DATASETS / "scifact" / "corpus.jsonl"
    if not corpus.is_file():
        sys.exit(f"SciFact is not at {corpus}: set NEWSDESK_DATASETS to the datasets folder.")
    if not folder.is_dir() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        with corpus.open(encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                doc = json.loads(line)
                (folder / f"{doc['_id']}.txt").write_text(
                    f"{doc['title']}\n\n{doc['text']}\n", encoding="utf-8"
                )
    return folder


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median wall seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_cli(env: dict[str, str], *args: str) -> float:
    """Wall seconds of ``python -m ingest ARGS`` in a fresh interpreter, start-up included."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | env
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ingest", "--quiet", *args],
        env=full,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start
