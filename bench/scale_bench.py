"""The archive at scale: SciFact copied up to ``--size`` chunks, then built, searched and synced.

The index is made of SciFact's chunks repeated as new articles (``r<copy>/<id>.txt``, the same
text under another path and ``copy`` trailing newlines, so each copy's chunk ids are exactly
what ingest would give them and the sync does not take it for a duplicate file) with
their vectors perturbed by a little noise and re-normalised, so the copies are not exact
duplicates in the vector index. The article files, the manifest (with each file's size and
mtime) and the catalog (each copy keeps its original's story) are written too, so the
one-article sync at the end is the real ``ingest.sync``: stat the folder, compare with the
manifest, chunk and embed the changed article, write the store, the lexical index and the
catalog (placing the article in a story: SciFact is undated, so it is compared with every
article, the worst case).

Measured: build time (Chroma, lexical index), disk, ``qa.retrieve`` p50/p95 and ``qa.answer``
p50 in a fresh process (with that process's peak RSS), and the one-article sync, with the
embedding of its chunks timed on its own. A bench, not a test: minutes to build.

    python -m bench.scale_bench --base .bench/scifact/data --size 200000
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import BENCH_DIR, DATASETS, ROOT
from ingest.manifest import Entry, Manifest
from qa import lexical
from qa.catalog import Catalog, CatalogWriter
from qa.settings import Settings
from qa.store import catalog_path, manifest_path, open_collection, reset_collection


def _settings(root: Path) -> Settings:
    return Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(root / "articles"), "NEWSDESK_DATA_DIR": str(root / "data")}
    )


def _du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e9


def _base_meta(base: Settings, root: Path) -> tuple[Manifest, Catalog]:
    """The base index's manifest and catalog, read from copies (an older base holds JSON files,
    which opening migrates: the base's own data folder is left as it is)."""
    copy = root / "base-meta"
    copy.mkdir(parents=True, exist_ok=True)
    for name in ("manifest.json", "catalog.json", "manifest.db", "catalog.db"):
        if (base.data_dir / name).exists():
            shutil.copy(base.data_dir / name, copy / name)
    return Manifest.load(copy / "manifest.db"), Catalog.read(copy / "catalog.db")


def build(base: Settings, root: Path, size: int) -> dict[str, float]:
    """Write the copies, their manifest, catalog, store and lexical index; seconds for each part."""
    got = open_collection(base).get(include=["documents", "metadatas", "embeddings"])
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(parents=True, exist_ok=True)
    base_manifest, base_catalog = _base_meta(base, root)
    by_id = {i: n for n, i in enumerate(got["ids"])}
    articles = [(p, e) for p, e in base_manifest.articles.items() if e.ids]
    base_manifest.close()
    by_file: dict[str, list[Any]] = {}
    for record in base_catalog.articles.values():
        by_file.setdefault(record.file, []).append(record)
    settings = _settings(root)
    manifest = Manifest.load(manifest_path(settings))
    manifest.fingerprint = base_manifest.fingerprint
    manifest.folder = str(settings.articles_dir.resolve())
    catalog = CatalogWriter(catalog_path(settings))
    catalog.label(base_catalog.stories)
    collection = reset_collection(settings)
    lexical.build(settings, [])
    rng = np.random.default_rng(0)
    times = {"chroma": 0.0, "lexical": 0.0, "files": 0.0, "manifest": 0.0}
    total, copy = 0, 0
    while total < size:
        copy += 1
        batch_rows: list[tuple[str, str, dict[str, Any]]] = []
        batch_vectors: list[np.ndarray[Any, Any]] = []
        entries: dict[str, tuple[Entry, tuple[int, int]]] = {}
        records = []
        start = time.perf_counter()
        for rel, entry in articles:
            if total >= size:
                break
            new_rel = f"r{copy}/{rel}"
            # Trailing newlines make each copy's bytes differ (sync indexes identical files
            # once) without changing its text, chunks or chunk ids.
            data = (base.articles_dir / rel).read_bytes() + b"\n" * copy
            target = root / "articles" / new_rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            prefix = hashlib.sha1(new_rel.encode()).hexdigest()[:12]
            ids = []
            for old in entry.ids:
                n = by_id[old]
                ident = f"{prefix}-{old.split('-', 1)[1]}"
                meta = dict(got["metadatas"][n], source=new_rel, file=new_rel)
                vector = got["embeddings"][n] + rng.normal(0, 0.01, 384).astype(np.float32)
                batch_rows.append((ident, got["documents"][n], meta))
                batch_vectors.append(vector / np.linalg.norm(vector))
                ids.append(ident)
            info = target.stat()
            entries[new_rel] = (
                Entry(hashlib.sha256(data).hexdigest(), tuple(ids), entry.title),
                (info.st_size, info.st_mtime_ns),
            )
            for record in by_file.get(rel, []):  # the copy's record: its own source, chunk and vector
                first = ids[[i.split("-", 1)[1] for i in ids].index(record.chunk.split("-", 1)[1])]
                vector = batch_vectors[len(batch_vectors) - len(ids) + ids.index(first)]
                records.append(
                    replace(record, source=new_rel, file=new_rel, chunk=first, vector=tuple(vector.tolist()))
                )
            total += len(ids)
        times["files"] += time.perf_counter() - start
        start = time.perf_counter()
        for i in range(0, len(batch_rows), 5000):
            part = batch_rows[i : i + 5000]
            collection.add(
                ids=[r[0] for r in part],
                documents=[r[1] for r in part],
                metadatas=[r[2] for r in part],  # type: ignore[misc]
                embeddings=np.asarray(batch_vectors[i : i + 5000]),
            )
        times["chroma"] += time.perf_counter() - start
        start = time.perf_counter()
        lexical.update(settings, batch_rows, [], batch_vectors)
        times["lexical"] += time.perf_counter() - start
        start = time.perf_counter()
        for rel, (entry, _) in entries.items():
            manifest.articles[rel] = entry
        manifest.record_stat({rel: info for rel, (_, info) in entries.items()})
        manifest.commit()
        catalog.add(records)
        catalog.commit()
        times["manifest"] += time.perf_counter() - start
        print(f"  {total} chunks ({times})", file=sys.stderr, flush=True)
    manifest.close()
    catalog.close()
    (root / ".complete").write_text(json.dumps({"size": total, **times}))
    return times


def measure(root: Path, queries: int) -> dict[str, float]:
    """Retrieve and answer latency in this (fresh) process, and its peak RSS."""
    import qa

    settings = _settings(root)
    texts = [json.loads(line)["text"] for line in (DATASETS / "scifact" / "queries.jsonl").open()][:queries]
    qa.retrieve(texts[0], 5, settings=settings)  # warm: model, store, lexical index
    retrieve_ms, answer_ms = [], []
    for q in texts:
        start = time.perf_counter()
        qa.retrieve(q, 5, settings=settings)
        retrieve_ms.append(1000 * (time.perf_counter() - start))
    for q in texts[:30]:
        start = time.perf_counter()
        qa.answer(q, settings=settings)
        answer_ms.append(1000 * (time.perf_counter() - start))
    ordered = sorted(retrieve_ms)
    return {
        "retrieve_p50_ms": statistics.median(ordered),
        "retrieve_p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
        "answer_p50_ms": statistics.median(answer_ms),
        "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
    }


def one_article(root: Path, feed: bool = False) -> dict[str, float]:
    """A real sync after one article changed, and the embedding of its chunks on its own.

    With ``feed`` the sync is told the changed path (``ingest.sync(changed=...)``, what the
    change feed passes) instead of scanning the folder.

    The model is loaded and run once first, so neither timing includes torch's first call.
    ``inside_s`` is the time the sync itself spent in the embedder, so ``sync_s - inside_s`` is
    the sync's own cost measured in the same call, whatever the machine's load did to the
    embedding; ``embed_s`` embeds the same chunks again on their own, as a floor.
    """
    from ingest import sync
    from ingest.chunk import chunk_article
    from ingest.load import load_file
    from qa.embedder import SentenceEmbedder, embed, load_model

    settings = _settings(root)
    load_model(settings.embedding_model)
    embed(
        settings.embedding_model, ["A warm-up sentence."], settings.batch_size, precision=settings.precision
    )
    target = sorted((root / "articles" / "r1").iterdir())[100]
    rel = target.relative_to(root / "articles").as_posix()
    original = target.read_bytes()
    # A new sentence each run: the index holds the last run's edit, not the restored original.
    target.write_bytes(original + f"\nA sentence added at {time.time_ns()} to measure an update.\n".encode())
    try:
        inside = [0.0, 0.0]  # wall and CPU seconds in the embedder
        original_embed = SentenceEmbedder.embed

        def timed(self: SentenceEmbedder, *args: Any, **kwargs: Any) -> Any:
            began, cpu = time.perf_counter(), time.process_time()
            try:
                return original_embed(self, *args, **kwargs)
            finally:
                inside[0] += time.perf_counter() - began
                inside[1] += time.process_time() - cpu

        SentenceEmbedder.embed = timed  # type: ignore[method-assign]
        try:
            start, cpu = time.perf_counter(), time.process_time()
            report = sync(settings, changed=[rel]) if feed else sync(settings)
            seconds, sync_cpu = time.perf_counter() - start, time.process_time() - cpu
        finally:
            SentenceEmbedder.embed = original_embed  # type: ignore[method-assign]
        chunks = [c for a in load_file(rel, target.read_bytes()).articles for c in chunk_article(a, settings)]
        fresh = [c.embedding_text() for c in chunks][-report.chunks_embedded :]
        start = time.perf_counter()
        embed(settings.embedding_model, fresh, settings.batch_size, precision=settings.precision)
        embedding = time.perf_counter() - start
    finally:
        target.write_bytes(original)
    assert report.updated == (rel,), report
    return {
        "sync_s": seconds,
        "embed_s": embedding,
        "inside_s": inside[0],
        "sync_cpu_s": sync_cpu,
        "inside_cpu_s": inside[1],
        "chunks_embedded": report.chunks_embedded,
    }


def _sync_only(root: Path, runs: int) -> None:
    """The one-article sync ``runs`` times in this process, then once under cProfile.

    Each run is a full-scan sync and then, interleaved in the same process, a sync told the
    changed path (the change feed's), so the two are compared under the same load.

    torch runs on one thread here: with its default threads spinning on a loaded 2-core machine
    one chunk's embedding took 0.1 to 4 s of wall time and inflated everything around it. Each
    run reports wall and CPU seconds of the sync beyond the time it spent in the embedder; the
    first run also pays the imports and the store's opening (chromadb, the HNSW index).
    """
    import cProfile
    import pstats

    import torch

    from ingest import sync

    torch.set_num_threads(1)
    rests: dict[bool, list[float]] = {}
    cpus: dict[bool, list[float]] = {}
    fed = "changed" in inspect.signature(sync).parameters
    for feed in (False, True) if fed else (False,):
        rests[feed], cpus[feed] = [], []
    for _ in range(runs):
        for feed in rests:
            synced = one_article(root, feed)
            rests[feed].append(synced["sync_s"] - synced["inside_s"])
            cpus[feed].append(synced["sync_cpu_s"] - synced["inside_cpu_s"])
            print(
                f"{'changed path' if feed else 'full scan'}: sync {synced['sync_s']:.2f} s, of which "
                f"embedding {synced['inside_s']:.2f} s: {rests[feed][-1]:.2f} s beyond it "
                f"({cpus[feed][-1]:.2f} s CPU)",
                flush=True,
            )
    for feed, rest in rests.items():
        rest_cpu = cpus[feed]
        if runs > 1:
            print(
                f"{'changed path' if feed else 'full scan'}: beyond the embedding, runs 2 to {runs}: "
                f"median {statistics.median(rest[1:]):.2f} s (min {min(rest[1:]):.2f} s), CPU median "
                f"{statistics.median(rest_cpu[1:]):.2f} s; "
                f"first run {rest[0]:.2f} s ({rest_cpu[0]:.2f} s CPU)",
                flush=True,
            )
    profile = cProfile.Profile()
    profile.runcall(one_article, root, fed)
    pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def main() -> None:
    """Build (once per size), measure, print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, default=BENCH_DIR / "scifact" / "data", help="a SciFact index")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the fresh query process
    parser.add_argument(
        "--sync-only",
        type=int,
        metavar="N",
        help="after the build, only time the one-article sync N times (no queries), then profile it",
    )
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.queries)))
        return
    base = Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(args.base.parent / "articles"), "NEWSDESK_DATA_DIR": str(args.base)}
    )
    root = BENCH_DIR / f"scale-{args.size}"
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        start = time.perf_counter()
        build(base, root, args.size)
        print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    built = json.loads((root / ".complete").read_text())
    if args.sync_only:
        _sync_only(root, args.sync_only)
        return
    out = subprocess.run(
        [sys.executable, "-m", "bench.scale_bench", "--measure", str(root), "--queries", str(args.queries)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    served = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"served: {served}", file=sys.stderr, flush=True)
    synced = one_article(root)
    print(f"synced: {synced}", file=sys.stderr, flush=True)
    data = root / "data"
    rows = [
        ("chunks (articles)", f"{built['size']} ({sum(1 for _ in (root / 'articles').rglob('*.txt'))})"),
        (
            "build: Chroma add / lexical index / manifest and catalog",
            f"{built['chroma']:.0f} s / {built['lexical']:.0f} s / {built.get('manifest', 0):.0f} s",
        ),
        (
            "disk: Chroma / lexical / manifest / catalog",
            f"{_du(data / 'chroma'):.2f} GB / {_du(data / 'lexical'):.2f} GB / "
            f"{(data / 'manifest.db').stat().st_size / 1e6:.0f} MB / "
            f"{(data / 'catalog.db').stat().st_size / 1e6:.0f} MB",
        ),
        ("`qa.retrieve` p50 / p95", f"{served['retrieve_p50_ms']:.0f} / {served['retrieve_p95_ms']:.0f} ms"),
        ("`qa.answer` p50", f"{served['answer_p50_ms']:.0f} ms"),
        ("peak RSS of the querying process", f"{served['peak_rss_gb']:.2f} GB"),
        (
            "one changed article: `ingest.sync` / embedding its chunks",
            f"{synced['sync_s']:.2f} s / {synced['embed_s']:.2f} s "
            f"({synced['chunks_embedded']:.0f} embedded; the sync spent {synced['inside_s']:.2f} s "
            f"embedding, {synced['sync_s'] - synced['inside_s']:.2f} s beyond it)",
        ),
    ]
    print(f"\nScale benchmark ({root}):\n\n| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
