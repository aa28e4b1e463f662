"""Lexical engines compared on SciFact chunks: what one changed article costs, and quality.

For bm25s (the full rebuild every sync used to do), SQLite FTS5 (updated in place) and
tantivy (``qa.lexical``, updated in place), all fed the same pre-tokenised stems, on
SciFact's chunks and on copies of them with new ids up to ``--size``: the time to build, to
replace one article's chunks, and to score a question (p50 over the 300 test queries), and
BM25-only nDCG@10 on SciFact's test split (each article's best chunk, as ``qa.eval`` does).

    python -m bench.lexical_bench                 # 12k (SciFact) and 50k chunks
    python -m bench.lexical_bench --size 50000
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import DATASETS, scifact_folder
from ingest.chunk import chunk_article
from ingest.load import find_files, load_file
from qa import lexical
from qa.settings import Settings

Row = tuple[str, str, dict[str, Any]]


def _rows(settings: Settings, folder: Path) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(find_files(folder)):
        for article in load_file(path.name, path.read_bytes()).articles:
            rows += [(c.id, c.text, dict(c.metadata())) for c in chunk_article(article, settings)]
    return rows


def _copies(rows: list[Row], size: int) -> list[Row]:
    out = list(rows)
    copy = 1
    while len(out) < size:
        out += [(f"{i}-r{copy}", t, dict(m, source=f"r{copy}/{m['source']}")) for i, t, m in rows]
        copy += 1
    return out[:size]


def _queries() -> tuple[list[str], list[dict[str, int]]]:
    import json

    root = DATASETS / "scifact"
    texts = {}
    for line in (root / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        texts[q["_id"]] = q["text"]
    relevant: dict[str, dict[str, int]] = {}
    for line in (root / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        qid, doc, score = line.split("\t")
        relevant.setdefault(qid, {})[f"{doc}.txt"] = int(score)
    return [texts[q] for q in relevant], list(relevant.values())


def _ndcg(ranked_sources: list[str], relevant: dict[str, int]) -> float:
    seen: list[str] = []
    for s in ranked_sources:
        if s not in seen:
            seen.append(s)
        if len(seen) == 10:
            break
    dcg = sum(relevant.get(s, 0) / math.log2(i + 2) for i, s in enumerate(seen))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    return dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


def _p50(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


def bm25s_engine(rows: list[Row], queries: list[str]) -> dict[str, Any]:
    import bm25s
    import numpy as np

    start = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(lexical.tokenize([f"{m['title']}\n{t}" for _, t, m in rows]), show_progress=False)
    build = time.perf_counter() - start
    ranked, times = [], []
    for q in queries:
        start = time.perf_counter()
        tokens = [t for t in lexical.tokenize([q])[0] if t in retriever.vocab_dict]
        scores = retriever.get_scores(tokens) if tokens else np.zeros(len(rows))
        top = np.argsort(-scores)[:30]
        times.append(time.perf_counter() - start)
        ranked.append([rows[r][2]["source"] for r in top])
    # No update in place: one changed article means building it all again.
    return {"build": build, "update": build, "query": _p50(times), "ranked": ranked}


def fts5_engine(rows: list[Row], queries: list[str], work: Path) -> dict[str, Any]:
    """SQLite FTS5 over the same stems, with its bm25() ranking (the candidate not chosen)."""
    import sqlite3

    db = sqlite3.connect(work / "fts5.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE chunks(row INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, source TEXT)")
    db.execute("CREATE VIRTUAL TABLE terms USING fts5(tokens, tokenize=\"unicode61 tokenchars '_'\")")

    def add(part: list[Row]) -> None:
        tokens = lexical.tokenize([f"{m['title']}\n{t}" for _, t, m in part])
        for (ident, _, meta), words in zip(part, tokens, strict=True):
            row = db.execute(
                "INSERT INTO chunks(id, source) VALUES (?, ?)", (ident, meta["source"])
            ).lastrowid
            db.execute("INSERT INTO terms(rowid, tokens) VALUES (?, ?)", (row, " ".join(words)))

    start = time.perf_counter()
    db.execute("BEGIN")
    add(rows)
    db.execute("COMMIT")
    build = time.perf_counter() - start
    sources = dict(db.execute("SELECT row, source FROM chunks"))
    ranked, times = [], []
    for q in queries:
        start = time.perf_counter()
        expression = " OR ".join(f'"{t}"' for t in lexical.tokenize([q])[0])
        hits = db.execute(
            "SELECT rowid, bm25(terms) FROM terms WHERE terms MATCH ?", (expression,)
        ).fetchall()
        top = sorted(hits, key=lambda h: h[1])[:30]  # scores every matching row, then sorts
        times.append(time.perf_counter() - start)
        ranked.append([sources[r] for r, _ in top])
    updates = []
    for n in range(5):
        old = _article(rows, n)
        start = time.perf_counter()
        db.execute("BEGIN")
        for ident, _, _ in old:
            (row,) = db.execute("SELECT row FROM chunks WHERE id = ?", (ident,)).fetchone()
            db.execute("DELETE FROM terms WHERE rowid = ?", (row,))
            db.execute("DELETE FROM chunks WHERE row = ?", (row,))
        add([(f"{i}-e{n}", t + " edited", m) for i, t, m in old])
        db.execute("COMMIT")
        updates.append(time.perf_counter() - start)
        rows = [r for r in rows if r not in old] + [(f"{i}-e{n}", t, m) for i, t, m in old]
    db.close()
    return {"build": build, "update": statistics.median(updates), "query": _p50(times), "ranked": ranked}


def _article(rows: list[Row], n: int) -> list[Row]:
    """The chunks of the n-th article edited by the update measurements."""
    source = rows[len(rows) // 2 + n * 7][2]["source"]
    return [r for r in rows if r[2]["source"] == source]


def tantivy_engine(rows: list[Row], queries: list[str], work: Path) -> dict[str, Any]:
    """``qa.lexical``: tantivy, updated in place."""
    settings = Settings(articles_dir=work, data_dir=work / "tantivy", embedding_model="unused")
    start = time.perf_counter()
    lexical.build(settings, rows)
    build = time.perf_counter() - start
    index = lexical.load(settings)
    assert index is not None
    source = {ident: meta["source"] for ident, _, meta in rows}
    ranked, times = [], []
    for q in queries:
        start = time.perf_counter()
        hits = index.search(q, 30)
        times.append(time.perf_counter() - start)
        ranked.append([source[i] for i, _ in hits])
    updates, reloads = [], []
    for n in range(5):  # replace one article's chunks with edited ones, as a sync does
        old = _article(rows, n)
        new = [(f"{i}-e{n}", t + " edited", m) for i, t, m in old]
        start = time.perf_counter()
        lexical.update(settings, new, [i for i, _, _ in old])
        updates.append(time.perf_counter() - start)
        start = time.perf_counter()
        lexical.load(settings)
        reloads.append(time.perf_counter() - start)
        rows = [r for r in rows if r not in old] + new
    return {
        "build": build,
        "update": statistics.median(updates),
        "reload": statistics.median(reloads),
        "query": _p50(times),
        "ranked": ranked,
    }


def main() -> None:
    """Run the comparison and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, action="append", help="index sizes in chunks (default 12k, 50k)")
    args = parser.parse_args()
    folder = scifact_folder()
    settings = replace(Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(folder)}), data_dir=folder.parent)
    base = _rows(settings, folder)
    queries, relevant = _queries()
    print(f"{len(base)} SciFact chunks, {len(queries)} test queries", file=sys.stderr)
    lines = [
        "| engine | chunks | build s | one changed article s | question p50 ms | nDCG@10 (SciFact) |",
        "|---|---|---|---|---|---|",
    ]
    for size in args.size or [len(base), 50_000]:
        rows = _copies(base, size)
        with tempfile.TemporaryDirectory() as tmp:
            engines: dict[str, Callable[[list[Row]], dict[str, Any]]] = {
                "bm25s (rebuild)": lambda r: bm25s_engine(r, queries),
                "SQLite FTS5 (update in place)": lambda r: fts5_engine(r, queries, Path(tmp)),
                "tantivy, qa.lexical (update in place)": lambda r: tantivy_engine(r, queries, Path(tmp)),
            }
            for name, run in engines.items():
                result = run(rows)
                quality = (
                    statistics.mean(_ndcg(r, rel) for r, rel in zip(result["ranked"], relevant, strict=True))
                    if size == len(base)
                    else float("nan")
                )
                extra = f" (+ {result['reload'] * 1000:.0f} ms reader catch-up)" if "reload" in result else ""
                lines.append(
                    f"| {name} | {size} | {result['build']:.1f} | {result['update']:.3f}{extra} | "
                    f"{result['query']:.1f} | {quality:.3f} |"
                )
                print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
