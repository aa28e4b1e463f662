"""Ingest throughput against the fp32 floor of this hardware, on the same chunks, in one run.

1. A first sync of SciFact (``--limit`` articles; all 5,183 by default) into a fresh data
   directory at ``NEWSDESK_PRECISION`` (auto: bf16 where the CPU does it natively): chunks/s
   of the whole pipeline (load, chunk, embed, write to Chroma and the lexical index).
2. The floor: plain ``SentenceTransformer.encode`` in fp32, batch 64 (what ingest did before),
   on every chunk that sync embedded (not a sample).

   Both are measured in ``--rounds`` interleaved rounds (default 6): each round adds the next
   slice of the articles to the folder, syncs (timed), then encodes exactly the chunks that sync
   embedded with the floor (timed). On a shared machine the load changes over minutes; one
   pipeline run followed by one floor run gave 1.32× in one run and 6.6× in another (the floor
   ran while other work started). Interleaving exposes both to the same load, and the per-round
   ratios show how much it moved.
3. Quality guard: cosine of each stored vector to its fp32 floor vector (min and mean).
4. Batch size: ``qa.embedder.embed`` at each precision and batch size on the first
   ``--sweep`` chunks, length-sorted, so the default batch is chosen by measurement.

The CPU flags that decide the precision are printed with the figures.

    python -m bench.ingest_bench                  # all of SciFact (tens of minutes on 2 cores)
    python -m bench.ingest_bench --limit 1500
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import time

import numpy as np

from bench.common import BENCH_DIR, scifact_folder
from ingest import sync
from ingest.chunk import chunk_article
from ingest.load import find_files, load_file
from qa.embedder import cpu_flags, embed, load_model, resolve_precision
from qa.settings import Settings
from qa.store import open_collection


def main() -> None:
    """Run the measurements and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="use the first N abstracts only")
    parser.add_argument("--sweep", type=int, default=600, help="chunks for the batch-size sweep")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved pipeline/floor rounds")
    args = parser.parse_args()
    source = scifact_folder(args.limit)
    folder = source.parent / "ingest-rounds"
    data = source.parent / "ingest-data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    settings = Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(folder), "NEWSDESK_DATA_DIR": str(data)})
    flags = sorted(cpu_flags() & {"avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile", "amx_int8"})
    precision = resolve_precision(settings.precision)
    rows = [
        (
            "CPU",
            f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, flags: {' '.join(flags)}",
        ),
        ("precision (NEWSDESK_PRECISION)", f"{settings.precision} → {precision}"),
    ]
    model = load_model(settings.embedding_model)  # loading the model is not ingest throughput

    files = sorted(find_files(source))
    texts: dict[str, str] = {}
    ids: list[str] = []  # the floor's rows, in the order they were encoded
    floor_parts: list[np.ndarray] = []
    pipe_s = floor_s = pipe_cpu = floor_cpu = 0.0
    embedded = 0
    ratios: list[float] = []
    for r in range(args.rounds):
        part = files[r * len(files) // args.rounds : (r + 1) * len(files) // args.rounds]
        for path in part:
            shutil.copyfile(path, folder / path.name)
        cpu = time.process_time()
        report = sync(settings)
        pipe_cpu += time.process_time() - cpu
        pipe_s += report.seconds
        embedded += report.chunks_embedded
        round_texts = {
            c.id: c.embedding_text()
            for path in part
            for a in load_file(path.name, path.read_bytes()).articles
            for c in chunk_article(a, settings)
        }
        round_ids = sorted(round_texts)
        texts.update(round_texts)
        ids += round_ids
        start, cpu = time.perf_counter(), time.process_time()
        floor_parts.append(
            model.encode([round_texts[i] for i in round_ids], batch_size=64, normalize_embeddings=True)
        )
        spent = time.perf_counter() - start
        floor_cpu += time.process_time() - cpu
        floor_s += spent
        ratios.append((report.chunks_embedded / report.seconds) / (len(round_ids) / spent))
    rate = embedded / pipe_s
    rows.append(
        (
            f"first sync, whole pipeline, in {args.rounds} rounds",
            f"{embedded} chunks in {pipe_s:.1f} s: **{rate:.1f} chunks/s**",
        )
    )
    floor = np.vstack(floor_parts)
    floor_rate = len(ids) / floor_s
    rows.append(
        (
            "floor: fp32 `SentenceTransformer.encode`, batch 64, the same chunks, interleaved",
            f"{len(ids)} chunks: {floor_rate:.1f} chunks/s; pipeline / floor = **{rate / floor_rate:.2f}×**",
        )
    )
    rows.append(("pipeline / floor by round", ", ".join(f"{x:.2f}×" for x in ratios)))
    rows.append(
        (
            "CPU seconds per 1,000 chunks: pipeline / floor (all threads of this process)",
            f"{1000 * pipe_cpu / embedded:.1f} / {1000 * floor_cpu / len(ids):.1f} = "
            f"floor uses **{floor_cpu / len(ids) / (pipe_cpu / embedded):.2f}×** the CPU time",
        )
    )

    stored = open_collection(settings).get(ids=ids, include=["embeddings"])
    by_id = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    cosine = np.sum(np.asarray([by_id[i] for i in ids]) * floor, axis=1)
    rows.append(
        (
            "cosine of stored vectors to fp32",
            f"min {cosine.min():.6f}, mean {cosine.mean():.6f} ({len(ids)} chunks)",
        )
    )

    sample = [texts[i] for i in ids[: args.sweep]]
    for mode in ("fp32", "bf16"):
        cells = []
        for batch in (16, 32, 64, 128):
            start = time.perf_counter()
            embed(settings.embedding_model, sample, batch, precision=mode)
            cells.append(f"{batch}: {len(sample) / (time.perf_counter() - start):.1f}")
        rows.append((f"`embed` {mode}, length-sorted, chunks/s by batch size", ", ".join(cells)))

    print(f"\nIngest benchmark ({BENCH_DIR}):\n")
    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
