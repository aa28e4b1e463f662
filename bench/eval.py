"""Retrieval evaluation: ``python -m bench.eval scifact|rgb|FOLDER [--questions Q.jsonl]``.

For each retriever configuration (dense only, BM25 only, hybrid, hybrid + MMR, and hybrid
without the question cues) it reports nDCG@10, Recall@10, Recall@100 (where the dataset
allows), MRR@10 and query latency p50/p95 (and Answer@5 where questions come with answers),
prints a markdown table and writes ``results.json`` and ``results.md``.

Datasets (read from ``--datasets``, default ``NEWSDESK_DATASETS`` or ``../shared/datasets``):
- ``scifact``: BEIR SciFact, the standard protocol: one article per abstract (title + text),
  the 300 test queries (``--split train`` for the 809 train queries, used for tuning).
- ``rgb``: RGB en_fact; the distinct positive and negative passages are the corpus, and a
  question is answered when a retrieved passage is one of its positives (Hit@5, RGB's rule;
  RGB asks one question twice, up to case, with different positives: either set counts for
  both). Answer@5: one of the five passages ``qa.retrieve`` returns contains an accepted answer.
- a folder of your own articles with ``--questions`` JSONL lines of ``question``, ``source``
  (the article that answers it, relative to the folder) and optionally ``answers`` (strings
  that a retrieved passage should contain).

Passages are chunks; document-level metrics take each article's best chunk (3 × the cutoff
chunks are retrieved to rank the cutoff's documents). Corpora are written out as article files
and ingested with the normal pipeline once, cached under ``<data_dir>/eval/<name>``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.common import write_scifact
from ingest import sync
from qa.embedder import embed_query
from qa.retrieve import retrieve
from qa.settings import Settings

__all__ = ["Question", "evaluate", "main"]

# "hybrid" is what qa.retrieve does by default; "hybrid-cues" leaves out the question cues
# (qa/cues.py) to show what they add; "dense" is plain MiniLM, comparable to published figures.
CONFIGS: dict[str, dict[str, Any]] = {
    "dense": {"mode": "dense", "mmr": False, "cues": False},
    "bm25": {"mode": "bm25", "mmr": False},
    "hybrid": {"mode": "hybrid", "mmr": False},
    "hybrid+mmr": {"mode": "hybrid", "mmr": True},
    "hybrid-cues": {"mode": "hybrid", "mmr": False, "cues": False},
}


@dataclass(frozen=True)
class Question:
    """A query and what counts as a hit: relevant article paths (with grades), and the answer.

    ``answers`` holds the answer's required parts, each a tuple of accepted variants: a passage
    contains the answer when it contains one variant of every part.
    """

    text: str
    relevant: dict[str, int]
    answers: tuple[tuple[str, ...], ...] = ()

    def answered_by(self, texts: Sequence[str]) -> bool:
        """Whether ``texts`` together contain the answer (case-insensitive)."""
        joined = "\n".join(texts).lower()
        return bool(self.answers) and all(any(v.lower() in joined for v in part) for part in self.answers)


def default_datasets() -> Path:
    """``NEWSDESK_DATASETS``, else ``shared/datasets`` beside the project folder."""
    if os.environ.get("NEWSDESK_DATASETS"):
        return Path(os.environ["NEWSDESK_DATASETS"])
    return Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def _write_articles(folder: Path, articles: Sequence[tuple[str, str]]) -> None:
    """Write (name, text) articles once; an existing complete folder is reused."""
    done = folder / ".complete"
    if done.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles:
        (folder / name).write_text(text, encoding="utf-8")
    done.write_text(str(len(articles)))


def scifact(datasets: Path, work: Path, split: str) -> tuple[Path, list[Question]]:
    """SciFact as one article per abstract, and the split's queries with their qrels."""
    root = datasets / "scifact"
    folder = work / "articles"
    write_scifact(root / "corpus.jsonl", folder)
    queries = {}
    with (root / "queries.jsonl").open(encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            queries[q["_id"]] = q["text"]
    relevant: dict[str, dict[str, int]] = {}
    with (root / "qrels" / f"{split}.tsv").open(encoding="utf-8") as f:
        next(f)
        for line in f:
            qid, doc, score = line.rstrip("\n").split("\t")
            relevant.setdefault(qid, {})[f"{doc}.txt"] = int(score)
    return folder, [Question(queries[q], rel) for q, rel in relevant.items()]


def rgb(datasets: Path, work: Path) -> tuple[Path, list[Question]]:
    """RGB en_fact: its distinct positive and negative passages, one article each."""
    records = [
        json.loads(line) for line in (datasets / "rgb" / "en_fact.json").read_text().splitlines() if line
    ]
    names: dict[str, str] = {}
    for r in records:
        for passage in [*r["positive"], *r["negative"]]:
            names.setdefault(passage, hashlib.sha1(passage.encode()).hexdigest()[:16] + ".txt")
    folder = work / "articles"
    _write_articles(folder, [(name, text + "\n") for text, name in names.items()])
    # RGB asks one question twice (up to case) with different positives: either set answers both.
    positives: dict[str, set[str]] = {}
    for r in records:
        positives.setdefault(_same(r["query"]), set()).update(names[p] for p in r["positive"])
    questions = [
        Question(r["query"], dict.fromkeys(sorted(positives[_same(r["query"])]), 1), _answers(r["answer"]))
        for r in records
    ]
    return folder, questions


def _same(query: str) -> str:
    return " ".join(query.lower().split())


def _answers(answer: str | list[Any]) -> tuple[tuple[str, ...], ...]:
    """RGB answers: a string, or a list of parts each listing accepted variants."""
    if isinstance(answer, str):
        return ((answer,),)
    return tuple(tuple(str(v) for v in part) if isinstance(part, list) else (str(part),) for part in answer)


def own(folder: Path, questions_file: Path) -> list[Question]:
    """A user's questions: JSONL of question, source, answers."""
    out = []
    for line in questions_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            out.append(
                Question(
                    q["question"],
                    {q["source"]: 1} if q.get("source") else {},
                    (tuple(q["answers"]),) if q.get("answers") else (),
                )
            )
    return out


def _ndcg(ranked: Sequence[str], relevant: dict[str, int], cutoff: int) -> float:
    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:cutoff]))
    ideal = sorted(relevant.values(), reverse=True)[:cutoff]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def _recall(ranked: Sequence[str], relevant: dict[str, int], cutoff: int) -> float:
    return len(set(ranked[:cutoff]) & set(relevant)) / len(relevant) if relevant else 0.0


def _mrr(ranked: Sequence[str], relevant: dict[str, int], cutoff: int) -> float:
    return next((1.0 / (i + 1) for i, d in enumerate(ranked[:cutoff]) if d in relevant), 0.0)


def _documents(
    question: str, cutoff: int, settings: Settings, **options: Any
) -> tuple[list[str], list[str], float]:
    """Article paths ranked by their best chunk, the chunk texts, and the call's seconds."""
    start = time.perf_counter()
    passages = retrieve(question, cutoff * 3, settings=settings, **options)
    seconds = time.perf_counter() - start
    ranked: list[str] = []
    for p in passages:
        if p.source not in ranked:
            ranked.append(p.source)
    return ranked, [p.text for p in passages], seconds


def evaluate(
    questions: Sequence[Question],
    settings: Settings,
    configs: dict[str, dict[str, Any]],
    recall100: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict[str, dict[str, float]]:
    """Metrics per configuration over ``questions`` (retrieval only).

    Each configuration starts with an empty question-embedding cache, so that every one's
    latency includes embedding the question, as a user's first asking of it would.
    """
    results: dict[str, dict[str, float]] = {}
    for name, options in configs.items():
        if progress:
            progress(name)
        embed_query.cache_clear()
        ndcg, r10, r5, mrr, hit5, answer5, latencies, r100 = [], [], [], [], [], [], [], []
        for q in questions:
            docs, texts, seconds = _documents(q.text, 10, settings, **options)
            latencies.append(seconds)
            ndcg.append(_ndcg(docs, q.relevant, 10))
            r10.append(_recall(docs, q.relevant, 10))
            r5.append(_recall(docs, q.relevant, 5))
            mrr.append(_mrr(docs, q.relevant, 10))
            answered = q.answered_by(texts[:5])
            hit5.append(float(bool(set(docs[:5]) & set(q.relevant)) if q.relevant else answered))
            if q.answers:
                answer5.append(float(answered))
        row = {
            "nDCG@10": statistics.fmean(ndcg),
            "Recall@5": statistics.fmean(r5),
            "Recall@10": statistics.fmean(r10),
            "Hit@5": statistics.fmean(hit5),
            "MRR@10": statistics.fmean(mrr),
            **({"Answer@5": statistics.fmean(answer5)} if answer5 else {}),
            "p50 ms": 1000 * statistics.median(latencies),
            "p95 ms": 1000 * sorted(latencies)[int(0.95 * (len(latencies) - 1))],
        }
        if recall100:
            wide = replace(settings, candidates=300)
            for q in questions:
                docs, _, _ = _documents(q.text, 100, wide, **options)
                r100.append(_recall(docs, q.relevant, 100))
            row["Recall@100"] = statistics.fmean(r100)
        results[name] = row
    return results


def table(results: dict[str, dict[str, float]]) -> str:
    """Results as a markdown table."""
    columns = list(next(iter(results.values())))
    lines = ["| retriever | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, row in results.items():
        cells = [f"{row[c]:.1f}" if c.endswith("ms") else f"{row[c]:.3f}" for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", help="scifact, rgb, or a folder of articles")
    parser.add_argument("--questions", type=Path, help="JSONL questions, for a folder of articles")
    parser.add_argument("--datasets", type=Path, default=None, help="where scifact/ and rgb/ are")
    parser.add_argument("--split", default="test", help="SciFact qrels split: test or train")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated: " + ", ".join(CONFIGS))
    parser.add_argument("--alpha", type=float, action="append", help="hybrid weight(s) to try (tuning)")
    parser.add_argument("--out", type=Path, default=None, help="folder for results.json and results.md")
    parser.add_argument("--no-recall100", action="store_true", help="skip Recall@100 (its wide pass is slow)")
    args = parser.parse_args(argv)

    base = Settings.from_env()
    datasets = args.datasets or default_datasets()
    if args.dataset in ("scifact", "rgb"):
        work = base.data_dir / "eval" / args.dataset
        folder, questions = (
            scifact(datasets, work, args.split) if args.dataset == "scifact" else rgb(datasets, work)
        )
    else:
        folder = Path(args.dataset)
        if not args.questions:
            parser.error("a folder of articles needs --questions")
        work = base.data_dir / "eval" / hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:12]
        questions = own(folder, args.questions)
    settings = replace(base, articles_dir=folder, data_dir=work / "data")
    report = sync(settings, progress=sys.stderr.isatty())
    print(
        f"Index of {folder}: {len(report.unchanged) + len(report.added) + len(report.updated)} articles "
        f"({report.chunks_embedded} chunks embedded now); {len(questions)} questions",
        file=sys.stderr,
    )
    configs = {name: CONFIGS[name] for name in args.configs.split(",")}
    retrieve(questions[0].text, 5, settings=settings)  # warm up the model and the indexes
    if args.alpha:
        configs = {f"hybrid a={a:g}": {"mode": "hybrid", "mmr": False, "_alpha": a} for a in args.alpha}
    results: dict[str, dict[str, float]] = {}
    for name, options in configs.items():
        alpha = options.pop("_alpha", None)
        run_settings = replace(settings, hybrid_alpha=alpha) if alpha is not None else settings
        results |= evaluate(
            questions,
            run_settings,
            {name: options},
            recall100=args.dataset == "scifact" and not args.no_recall100,
            progress=lambda n: print(f"evaluating {n}…", file=sys.stderr),
        )
        print(
            f"{name}: " + ", ".join(f"{k} {v:.3f}" for k, v in results[name].items()),
            file=sys.stderr,
            flush=True,
        )
    split = args.split if args.dataset == "scifact" else "all"
    markdown = f"{args.dataset} ({split}, {len(questions)} questions)\n\n"
    markdown += table(results)
    print(markdown)
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "results.md").write_text(markdown + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
