"""Calibrate the evidence threshold (NEWSDESK_MIN_SCORE) on the seed articles.

Builds a throw-away index of seeds/ with the real model, scores questions the articles answer
and questions they don't, and prints both ranges with the midpoint as the suggested threshold.

    python -m bench.calibrate
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.golden import GOLDEN, OFF_TOPIC
from ingest import sync
from qa.answer import rank_sentences
from qa.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

ANSWERABLE = [q for q, _, _ in GOLDEN] + [
    "Who is Tammy Bruce?",
    "Who is John Kelley?",
    "Who is Steve Witkoff?",
    "What happened in Kyiv in late February?",
    "Why did the US step back from mediation?",
    "Is the US still mediating peace talks?",
    "What did the State Department spokeswoman say?",
]
UNANSWERABLE = [
    *OFF_TOPIC,
    "What is the weather in Paris tomorrow?",
    "Who invented the telephone?",
    "Who is the president of France?",
    "What is the population of Ukraine?",
    "When is the next iPhone coming out?",
    "Who won the 2024 US election?",
    "What is the stock price of Tesla?",
]


def main() -> None:
    """Print each question's evidence score, both ranges and the suggested threshold."""
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        shutil.copytree(ROOT / "seeds", articles)
        settings = Settings.from_env(
            {"NEWSDESK_ARTICLES_DIR": str(articles), "NEWSDESK_DATA_DIR": f"{tmp}/data"}
        )
        sync(settings)
        scores: dict[str, list[float]] = {}
        for label, questions in (("answerable", ANSWERABLE), ("off-topic", UNANSWERABLE)):
            scores[label] = []
            for q in questions:
                ranked = rank_sentences(q, settings)
                score = ranked[0].score if ranked else 0.0
                scores[label].append(score)
                print(f"{label:10}  {score:.3f}  {q}")
    low, high = min(scores["answerable"]), max(scores["off-topic"])
    print(f"\nanswerable: min {low:.3f}; off-topic: max {high:.3f}; gap {low - high:.3f}")
    print(
        f"suggested NEWSDESK_MIN_SCORE (midpoint): {(low + high) / 2:.2f}; "
        f"current default: {Settings.min_score}"
    )


if __name__ == "__main__":
    main()
