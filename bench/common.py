"""Helpers shared by the benchmarks: the SciFact corpus as article files, timing, subprocesses, servers."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATASETS = Path(os.environ.get("NEWSDESK_DATASETS", ROOT.parent / "shared" / "datasets"))
BENCH_DIR = Path(os.environ.get("NEWSDESK_BENCH_DIR", ROOT / ".bench"))


def write_scifact(corpus: Path, folder: Path, limit: int | None = None) -> None:
    """SciFact's ``corpus.jsonl`` as one ``<id>.txt`` article per abstract (title, blank line, text).

    The only SciFact writer (the benchmarks and ``bench.eval`` share it). A folder that holds
    some articles already is reused as it is.
    """
    if folder.is_dir() and any(folder.iterdir()):
        return
    folder.mkdir(parents=True, exist_ok=True)
    with corpus.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            doc = json.loads(line)
            (folder / f"{doc['_id']}.txt").write_text(f"{doc['title']}\n\n{doc['text']}\n", encoding="utf-8")


def scifact_folder(limit: int | None = None) -> Path:
    """SciFact written out under ``BENCH_DIR`` (the first ``limit`` abstracts, or all)."""
    folder = BENCH_DIR / ("scifact" if limit is None else f"scifact-{limit}") / "articles"
    corpus = DATASETS / "scifact" / "corpus.jsonl"
    if not corpus.is_file():
        sys.exit(f"SciFact is not at {corpus}: set NEWSDESK_DATASETS to the datasets folder.")
    write_scifact(corpus, folder, limit)
    return folder


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_http(url: str, timeout: float = 120, proc: subprocess.Popen[Any] | None = None) -> None:
    """Wait until ``url`` answers 200; fail early if ``proc`` (the server) exits."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"the server exited: {str(out)[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


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
