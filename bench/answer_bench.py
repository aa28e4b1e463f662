"""Answer quality and speed on RGB en_fact, extractive and GGUF (SmolLM2-135M) answerers.

- accuracy: the answer contains an accepted answer (for multi-part answers, one variant of
  every part), the RGB paper's rule;
- citation precision: the share of citations that are one of the question's positive passages;
- cited: the share of answers that carry at least one citation (RGB questions are all answerable);
- first sentence: the share of answers whose first sentence (up to its first ``[n]``) already
  holds the accepted answer, i.e. the answer leads instead of following sentences that only
  repeat the question's words;
- speed: p50 of the whole answer and, for the LLM, of the time to its first token.

The index is the one ``python -m bench.eval rgb`` builds (it is built here if missing). The GGUF
answerer runs on the first ``--llm-questions`` questions (default 30; 0 skips it): on two cores
each answer takes seconds.

    python -m bench.answer_bench
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

from bench.common import DATASETS
from bench.eval import Question, rgb
from ingest import sync
from qa.answer import Answer, answer_stream
from qa.settings import Settings


def _run(questions: list[Question], settings: Settings, answerer: str) -> dict[str, float]:
    correct = cited = leads = 0
    precision: list[float] = []
    totals: list[float] = []
    first_tokens: list[float] = []
    for q in questions:
        start = time.perf_counter()
        first = None
        final: Answer | None = None
        for step in answer_stream(q.text, answerer=answerer, settings=settings):
            if first is None and step.text:
                first = time.perf_counter() - start
            final = step
        assert final is not None
        totals.append(time.perf_counter() - start)
        first_tokens.append(first or totals[-1])
        correct += q.answered_by([final.text])
        leads += q.answered_by([final.text.split("[1]")[0]])
        if final.citations:
            cited += 1
            precision.append(sum(c.source in q.relevant for c in final.citations) / len(final.citations))
    n = len(questions)
    return {
        "questions": n,
        "accuracy": correct / n,
        "citation precision": statistics.fmean(precision) if precision else 0.0,
        "cited": cited / n,
        "first sentence": leads / n,
        "p50 s": statistics.median(totals),
        "first token p50 s": statistics.median(first_tokens),
    }


def main() -> None:
    """Measure both answerers and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--llm-questions", type=int, default=30)
    args = parser.parse_args()
    base = Settings.from_env({"NEWSDESK_ARTICLES_DIR": "."})
    work = base.data_dir / "eval" / "rgb"
    folder, questions = rgb(DATASETS, work)
    settings = replace(base, articles_dir=folder, data_dir=work / "data")
    sync(settings)
    rows = {"extractive": _run(questions, settings, "extractive")}
    if args.llm_questions > 0:
        gguf = replace(settings, llm="gguf", llm_max_tokens=96)
        rows["gguf (SmolLM2-135M)"] = _run(questions[: args.llm_questions], gguf, "llm")
    columns = list(next(iter(rows.values())))
    print("| answerer | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for label, row in rows.items():
        print(
            f"| {label} | "
            + " | ".join(f"{row[c]:.0f}" if c == "questions" else f"{row[c]:.2f}" for c in columns)
            + " |"
        )


if __name__ == "__main__":
    main()
