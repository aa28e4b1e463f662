"""RGB hybrid Hit@5 per question with each lexical engine: which questions the engine moves.

``qa.retrieve`` in hybrid mode is run over the RGB store that ``python -m bench.eval rgb``
builds (run that first, with the same ``NEWSDESK_DATA_DIR`` and ``NEWSDESK_PRECISION``), once
with the tantivy index (``qa.lexical``) and once for each bm25s scorer fed the same stems:
k1 = 1.5 (bm25s's default, the engine before issue 14) and k1 = 1.2 (tantivy's built-in
constant; both use b = 0.75 and Lucene's IDF). Only the BM25 side changes between runs.

    python -m bench.eval rgb --configs hybrid && python -m bench.lexical_rgb

Prints Hit@5 per engine, then every question whose hit or first-positive rank differs
between engines (its number, text and that rank per engine, ``-`` when not in the top 10).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import replace
from typing import Any
from unittest import mock

from bench.eval import _documents, default_datasets, rgb
from qa import lexical
from qa.index import open_index
from qa.lexical import LexicalIndex
from qa.settings import Settings

Search = Callable[..., list[tuple[str, float]]]


def bm25s_search(rows: Sequence[tuple[str, list[str]]], k1: float) -> Search:
    """A ``LexicalIndex.search`` stand-in scoring (id, stems) ``rows`` with bm25s at ``k1``."""
    import bm25s

    retriever = bm25s.BM25(k1=k1, b=0.75)
    retriever.index([stems for _, stems in rows], show_progress=False)
    row_of = {ident: n for n, (ident, _) in enumerate(rows)}

    def search(
        _self: Any, question: str, limit: int, *_limits: Any, ids: Sequence[str] | None = None, **_: Any
    ) -> list[tuple[str, float]]:
        words = [w for w in lexical.tokenize([question])[0] if w in retriever.vocab_dict]
        if not words or limit <= 0 or ids == []:
            return []
        scores = retriever.get_scores(words)
        pool = range(len(rows)) if ids is None else [row_of[i] for i in ids if i in row_of]
        ranked = sorted((n for n in pool if scores[n] > 0), key=lambda n: -scores[n])
        return [(rows[n][0], float(scores[n])) for n in ranked[:limit]]

    return search


def main() -> int:
    """The command line."""
    base = Settings.from_env()
    work = base.data_dir / "eval" / "rgb"
    folder, questions = rgb(default_datasets(), work)
    settings = replace(base, articles_dir=folder, data_dir=work / "data")
    if not lexical.exists(settings):
        print(
            f"No RGB index in {work}: run `python -m bench.eval rgb --configs hybrid` first.", file=sys.stderr
        )
        return 1
    ids = sorted(lexical.indexed_ids(settings))
    records = open_index(settings).store.records(ids)
    texts = [f"{records[i][1].get('title', '')}\n{records[i][0]}" for i in ids]
    rows = list(zip(ids, lexical.tokenize(texts), strict=True))

    engines: dict[str, Search | None] = {
        "tantivy (qa.lexical)": None,
        "bm25s k1=1.5 (before)": bm25s_search(rows, 1.5),
        "bm25s k1=1.2": bm25s_search(rows, 1.2),
    }
    ranks: dict[str, list[int | None]] = {}
    for name, search in engines.items():
        with mock.patch.object(LexicalIndex, "search", search) if search else nullcontext():
            found = []
            for q in questions:
                docs = _documents(q.text, 10, settings, mode="hybrid")[0]
                found.append(next((n + 1 for n, d in enumerate(docs) if d in q.relevant), None))
        ranks[name] = found
        hits = sum(1 for r in found if r is not None and r <= 5)
        print(f"{name}: Hit@5 {hits / len(questions):.3f}")
    print("\n| # | question | " + " | ".join(ranks) + " |\n|---|---|" + "---|" * len(ranks))
    for n, q in enumerate(questions):
        row = [ranks[name][n] for name in ranks]
        if len(set(row)) > 1:
            cells = " | ".join("-" if r is None else str(r) for r in row)
            print(f"| {n} | {q.text} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
