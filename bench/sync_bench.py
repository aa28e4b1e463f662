"""Sync speed on SciFact written out as 5,183 article files.

Measures, in one run: the first full sync (with the raw ``SentenceTransformer.encode`` throughput
on a sample of the same chunks as its floor), a no-op re-sync (in-process, and as a
``python -m ingest`` command including interpreter start), syncing one changed article, and
what a no-op sync costs with LangChain's ``index()`` design (every article loaded and chunked,
then each chunk's hash looked up in a record manager).

    python -m bench.sync_bench            # the full corpus (the first run embeds it: minutes)
    python -m bench.sync_bench --limit 500
"""

from __future__ import annotations

import argparse
import time

from bench.common import BENCH_DIR, run_cli, scifact_folder, timed
from ingest import sync
from ingest.chunk import chunk_article
from ingest.load import find_files, load_file
from qa.embedder import load_model
from qa.settings import Settings


def main() -> None:
    """Run the measurements and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="use the first N abstracts only")
    args = parser.parse_args()
    folder = scifact_folder(args.limit)
    data = folder.parent / "data"
    env = {"NEWSDESK_ARTICLES_DIR": str(folder), "NEWSDESK_DATA_DIR": str(data)}
    settings = Settings.from_env(env)
    files = sorted(find_files(folder))
    rows: list[tuple[str, str]] = [("articles", f"{len(files)}")]

    first = sync(settings)
    if first.chunks_embedded:
        rate = first.chunks_embedded / first.seconds
        rows.append(
            ("first sync", f"{first.seconds:.1f} s, {first.chunks_embedded} chunks, {rate:.1f} chunks/s")
        )
        sample = [
            c.embedding_text()
            for p in files[:150]
            for a in load_file(p.name, p.read_bytes()).articles
            for c in chunk_article(a, settings)
        ]
        model = load_model(settings.embedding_model)
        raw = timed(lambda: model.encode(sample, batch_size=settings.batch_size), repeat=1)
        rows.append(
            (
                "raw encode of a sample of the same chunks",
                f"{len(sample) / raw:.1f} chunks/s (pipeline/raw = {rate / (len(sample) / raw):.2f})",
            )
        )
    else:
        rows.append(("first sync", f"already built in {data} (delete it to measure again)"))

    rows.append(("no-op re-sync, in-process (median of 3)", f"{timed(lambda: sync(settings)) * 1000:.0f} ms"))
    cli = sorted(run_cli(env) for _ in range(3))[1]
    rows.append(
        ("no-op re-sync, `python -m ingest` wall incl. interpreter start (median of 3)", f"{cli:.2f} s")
    )

    target = files[len(files) // 2]
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\nA sentence added to measure a one-article update.\n")
        changed = run_cli(env)
        rows.append(("one changed article, `python -m ingest` wall", f"{changed:.2f} s"))
        target.write_bytes(original)
        start = time.perf_counter()
        report = sync(settings)
        rows.append(
            (
                "one changed article, in-process sync",
                f"{(time.perf_counter() - start) * 1000:.0f} ms "
                f"({report.chunks_embedded} embedded, {report.chunks_reused} reused)",
            )
        )
    finally:
        target.write_bytes(original)
        sync(settings)

    rows.append(
        (
            "no-op with LangChain `index()`: load and chunk every article",
            f"{_index_noop(settings, files):.2f} s",
        )
    )
    print(f"\nSync benchmark ({BENCH_DIR}):\n")
    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


def _index_noop(settings: Settings, files: list) -> float:  # type: ignore[type-arg]
    """Seconds of a no-op ``index()`` pass: load + chunk all articles, then the record-manager lookups."""
    from langchain_core.documents import Document
    from langchain_core.embeddings import DeterministicFakeEmbedding
    from langchain_core.indexing import InMemoryRecordManager, index
    from langchain_core.vectorstores import InMemoryVectorStore

    def documents() -> list[Document]:
        docs = []
        for path in files:
            for article in load_file(path.name, path.read_bytes()).articles:
                docs += [
                    Document(c.text, metadata={"source": c.source}) for c in chunk_article(article, settings)
                ]
        return docs

    manager = InMemoryRecordManager("bench")
    manager.create_schema()
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=8))
    index(documents(), manager, store, cleanup="full", source_id_key="source")  # the first pass fills it
    start = time.perf_counter()
    result = index(documents(), manager, store, cleanup="full", source_id_key="source")
    seconds = time.perf_counter() - start
    assert result["num_added"] == 0 and result["num_deleted"] == 0, result
    return seconds


if __name__ == "__main__":
    main()
