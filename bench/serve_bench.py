"""Serving: cold start, and a bounded load test with concurrent ``gradio_client`` users.

- Cold start: from spawning ``python app.py`` until the page has answered its first question
  (median of 3, each run listed), against the floor of a bare ``python -c "import gradio"`` in
  the same run (median of 3 too, taken in turns with the starts). The first start on a new data
  folder is timed on its own: it loads sentence-transformers, and exports the model to ONNX in
  the data folder once it has answered (``qa.embedder.export_onnx``; the trace where it cannot),
  which the later starts load. The
  load average before and after is printed: wall times mean little on a busy machine, so the CPU
  time each process used (the app's until its first answer) is printed beside them.
- Load: ``--users`` clients (default 20) ask questions about the seeds for ``--seconds``
  (default 60) against the app on 127.0.0.1; errors, p50/p95 latency and throughput, and the
  same for one user alone (the floor, in the same run). Bounded in count and time, loopback only.
  Run twice, with torch's default intra-op threads (``NEWSDESK_SERVE_THREADS=0``: before) and
  one per request (``=1``: the default since, after), so the two compare under the same load.

    python -m bench.serve_bench               # cold start and load
    python -m bench.serve_bench --cold-only   # cold start only (about a minute)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT, free_port, wait_for_http

QUESTIONS = [
    "Who is Russia's ambassador to the UN?",
    "What did Zelensky call for instead of Putin's three-day truce?",
    "Why did the U.S. step back from mediating?",
    "Who did Trump send to Moscow?",
    "How did Vance describe the war?",
    "How do I bake sourdough bread?",
]


def _env(data: Path, articles: Path, port: int, **extra: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | {
        "NEWSDESK_ARTICLES_DIR": str(articles),
        "NEWSDESK_DATA_DIR": str(data),
        "NEWSDESK_PORT": str(port),
        **extra,
    }


def _start(data: Path, articles: Path, **extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=ROOT,
        env=_env(data, articles, port, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, f"http://127.0.0.1:{port}/"


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) process ``pid`` has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _floor() -> tuple[float, float]:
    """Wall and CPU seconds of ``python -c "import gradio"``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import gradio"], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _first_answer_seconds(data: Path, articles: Path, *, first: bool = False) -> tuple[float, float]:
    """Wall seconds from spawning the app to its first answer, and the app's CPU seconds by then.
    The ``first`` start on a data folder then runs on until it has traced the model, as an app
    left running does."""
    from gradio_client import Client

    start = time.perf_counter()
    proc, url = _start(data, articles)
    try:
        wait_for_http(url, 120, proc)
        reply = Client(url, verbose=False).predict(message=QUESTIONS[0], api_name="/chat")
        assert "Nebenzia" in reply, reply
        seconds, cpu = time.perf_counter() - start, _cpu_seconds(proc.pid)
        deadline = time.monotonic() + 300
        while first and not _has_copy(data) and time.monotonic() < deadline:
            time.sleep(0.5)
        return seconds, cpu
    finally:
        proc.terminate()
        proc.wait()


def _has_copy(data: Path) -> bool:
    """Whether the app has saved the model's copy (ONNX, or the trace) in ``data``."""
    return any(p.suffix in (".onnx", ".torchscript") for p in (data / "models").glob("*"))


def _load(url: str, users: int, seconds: float) -> tuple[int, int, list[float], float]:
    from gradio_client import Client

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(n: int) -> None:
        client = Client(url, verbose=False)
        i = n
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                client.predict(message=QUESTIONS[i % len(QUESTIONS)], api_name="/chat")
                with lock:
                    latencies.append(time.perf_counter() - start)
            except Exception:
                with lock:
                    errors[0] += 1
            i += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), errors[0], latencies, time.perf_counter() - began


def main() -> None:
    """Measure and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--cold-only", action="store_true", help="measure the cold start only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        articles, data = Path(tmp) / "articles", Path(tmp) / "data"
        shutil.copytree(ROOT / "seeds", articles)
        subprocess.run(
            [sys.executable, "-m", "ingest", "--quiet"],
            cwd=ROOT,
            env=_env(data, articles, free_port()),
            check=True,
            capture_output=True,
        )
        load = os.getloadavg()[0]
        fresh, fresh_cpu = _first_answer_seconds(data, articles, first=True)
        floors, colds = [], []
        for _ in range(3):
            floors.append(_floor())
            colds.append(_first_answer_seconds(data, articles))
        floor, floor_cpu = (statistics.median(x) for x in zip(*floors, strict=True))
        cold, cold_cpu = (statistics.median(x) for x in zip(*colds, strict=True))
        runs = ", ".join(f"{c:.1f}" for c, _ in colds)
        print("| measurement | wall | CPU |\n|---|---|---|")
        label = f"cold start: `python app.py` to first answer (median of 3: {runs})"
        print(f"| {label} | {cold:.1f} s | {cold_cpu:.1f} s |")
        print(f"| floor: `python -c 'import gradio'` (median of 3) | {floor:.1f} s | {floor_cpu:.1f} s |")
        print(f"| cold start / floor | {cold / floor:.1f} | {cold_cpu / floor_cpu:.1f} |")
        label = "first start on a new data folder (exports the model afterwards)"
        print(f"| {label} | {fresh:.1f} s | {fresh_cpu:.1f} s |")
        print(
            f"| load average (1 min) before / after | {load:.1f} / {os.getloadavg()[0]:.1f} | |", flush=True
        )
        if args.cold_only:
            return
        for threads in ("0", "1"):
            proc, url = _start(data, articles, NEWSDESK_SERVE_THREADS=threads)
            try:
                wait_for_http(url, 120, proc)
                for users, seconds in ((1, min(20.0, args.seconds)), (args.users, args.seconds)):
                    done, errors, latencies, wall = _load(url, users, seconds)
                    p50 = 1000 * statistics.median(latencies)
                    p95 = 1000 * sorted(latencies)[int(0.95 * (len(latencies) - 1))]
                    print(
                        f"| NEWSDESK_SERVE_THREADS={threads}: {users} user(s), {seconds:.0f} s | "
                        f"{done} answers, {errors} errors, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
                        f"{done / wall:.1f} answers/s |",
                        flush=True,
                    )
            finally:
                proc.terminate()
                proc.wait()


if __name__ == "__main__":
    main()
