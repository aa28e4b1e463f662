"""Query latency at 5k and 50k chunks against its floor, and the app's memory at 50k.

The indexes are built from the SciFact index that ``python -m bench.eval scifact`` leaves in the
data directory: its chunks are copied (5k: the first 5,000; 50k: all of them repeated with
varied ids) together with their vectors, so no embedding is redone; the BM25 index is built
over the copies. For each size, in the same run and on the same 200 SciFact queries:

- floor: embedding the query + a raw Chroma query for 5 neighbours;
- ``qa.retrieve`` (hybrid, default settings) and the extractive ``qa.answer``.

Then ``python app.py`` serves the 50k index, answers 20 questions, and its peak RSS is read.

    python -m bench.eval scifact --configs dense   # once, builds the SciFact index
    python -m bench.query_bench
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import BENCH_DIR, DATASETS, ROOT
from qa import lexical
from qa.answer import answer
from qa.embedder import embed, embed_query, sentence_embedder
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.store import batched, manifest_path, open_collection, reset_collection


def _copy_index(source: Settings, target: Settings, size: int) -> None:
    """A ``size``-chunk index made of ``source``'s chunks (repeated, with new ids) and vectors."""
    done = target.data_dir / ".complete"
    if done.exists():
        return
    got = open_collection(source).get(include=["documents", "metadatas", "embeddings"])
    n = len(got["ids"])
    collection = reset_collection(target)
    rows: list[tuple[str, str, dict[str, Any]]] = []
    vectors: list[Any] = []
    order = [(copy, i) for copy in range((size + n - 1) // n) for i in range(n)][:size]
    for part in batched(order, 2000):
        ids = [f"{got['ids'][i]}-r{copy}" for copy, i in part]
        docs = [got["documents"][i] for _, i in part]
        metas = [
            dict(got["metadatas"][i], source=f"r{copy}/{got['metadatas'][i]['source']}") for copy, i in part
        ]
        collection.add(
            ids=ids,
            documents=docs,
            metadatas=metas,
            embeddings=[got["embeddings"][i].tolist() for _, i in part],
        )
        rows += list(zip(ids, docs, metas, strict=True))
        vectors += [got["embeddings"][i] for _, i in part]
    lexical.build(target, rows, vectors)
    done.write_text(str(size))


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return 1000 * statistics.median(ordered), 1000 * ordered[int(0.95 * (len(ordered) - 1))]


def _cold(settings: Settings) -> None:
    """Forget cached question and sentence vectors, so every measured question is new."""
    embed_query.cache_clear()
    sentence_embedder(settings.embedding_model).forget()


def _measure(settings: Settings, queries: list[str]) -> dict[str, tuple[float, float]]:
    collection = open_collection(settings)
    retrieve(queries[0], 5, settings=settings)  # warm: model, store, BM25 index
    answer(queries[0], settings=settings)
    floor, hybrid, answers = [], [], []
    _cold(settings)
    for q in queries:
        start = time.perf_counter()
        vector = embed(settings.embedding_model, [q])[0]
        collection.query(query_embeddings=[vector.tolist()], n_results=5)
        floor.append(time.perf_counter() - start)
    _cold(settings)
    for q in queries:
        start = time.perf_counter()
        retrieve(q, 5, settings=settings)
        hybrid.append(time.perf_counter() - start)
    _cold(settings)
    for q in queries:
        start = time.perf_counter()
        answer(q, settings=settings)
        answers.append(time.perf_counter() - start)
    return {"floor": _percentiles(floor), "retrieve": _percentiles(hybrid), "answer": _percentiles(answers)}


def _app_memory(settings: Settings, queries: list[str]) -> float:
    """Peak RSS (MiB) of ``python app.py`` serving ``settings``' index after answering questions."""
    import os
    import subprocess

    from gradio_client import Client

    from bench.common import free_port, wait_for_http

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | {
        "NEWSDESK_ARTICLES_DIR": str(settings.articles_dir),
        "NEWSDESK_DATA_DIR": str(settings.data_dir),
        "NEWSDESK_PORT": str(port),
    }
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", 120, proc)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for q in queries[:20]:
            client.predict(message=q, api_name="/chat")
        status = Path(f"/proc/{proc.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    """Build the derived indexes if needed, measure, print a markdown table."""
    base = Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(ROOT / "seeds")})
    source = replace(base, data_dir=base.data_dir / "eval" / "scifact" / "data")
    if not manifest_path(source).exists() and not (source.data_dir / "manifest.json").exists():
        raise SystemExit("Build the SciFact index first: python -m bench.eval scifact --configs dense")
    queries = [json.loads(line)["text"] for line in (DATASETS / "scifact" / "queries.jsonl").open()][:200]
    print(
        "| chunks | floor p50 / p95 ms | retrieve (hybrid) p50 / p95 ms | answer (extractive) p50 / p95 ms |"
    )
    print("|---|---|---|---|")
    big = source
    for size in (5_000, 50_000):
        target = replace(base, data_dir=BENCH_DIR / f"chunks-{size}")
        _copy_index(source, target, size)
        m = _measure(target, queries)
        cells = " | ".join(f"{m[k][0]:.1f} / {m[k][1]:.1f}" for k in ("floor", "retrieve", "answer"))
        print(f"| {size:,} | {cells} |", flush=True)
        big = target
    chunks = open_collection(big).count()
    print(f"\nPeak RSS of the app serving {chunks:,} chunks: {_app_memory(big, queries):.0f} MiB")


if __name__ == "__main__":
    main()
