"""The evaluation harness on a user's own folder of articles and questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.eval import Question, _answers, _mrr, _ndcg, _recall, main
from tests.conftest import RUSSIA_UN, US_WITHDRAWS


def test_metrics() -> None:
    relevant = {"a": 1, "b": 1}
    assert _ndcg(["a", "x", "b"], relevant, 10) == pytest.approx((1 + 1 / 2) / (1 + 1 / 1.5849625), rel=1e-6)
    assert _recall(["x", "a"], relevant, 10) == 0.5 and _recall(["x", "a"], relevant, 1) == 0.0
    assert _mrr(["x", "y", "b"], relevant, 10) == pytest.approx(1 / 3)
    assert _ndcg(["x"], relevant, 10) == 0.0


def test_an_answer_needs_one_variant_of_every_part() -> None:
    two_parts = Question("Who won?", {}, _answers([["Joe Burrow", "Burrow"], ["LSU", "Louisiana State"]]))
    assert two_parts.answered_by(["Joe Burrow of", "Louisiana State University"])
    assert not two_parts.answered_by(["Joe Burrow of Alabama"])
    assert Question("When?", {}, _answers("May 15, 2012")).answered_by(["on MAY 15, 2012."])
    assert not Question("No answers", {}).answered_by(["anything"])


@pytest.mark.slow
def test_harness_on_a_users_folder(
    articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(q)
            for q in [
                {
                    "question": "Who is Russia's ambassador to the UN?",
                    "source": RUSSIA_UN,
                    "answers": ["Nebenzia"],
                },
                {
                    "question": "How long a ceasefire did Zelensky call for?",
                    "source": US_WITHDRAWS,
                    "answers": ["30 days"],
                },
            ]
        )
    )
    out = tmp_path / "results"
    assert main([str(articles), "--questions", str(questions), "--out", str(out)]) == 0
    results = json.loads((out / "results.json").read_text())
    assert set(results) == {"dense", "bm25", "hybrid", "hybrid+mmr", "hybrid-cues"}
    for row in results.values():
        assert 0.0 <= row["nDCG@10"] <= 1.0 and row["p50 ms"] > 0
    assert results["hybrid"]["Hit@5"] == 1.0
    assert results["hybrid"]["Answer@5"] == 1.0
    assert "| hybrid |" in (out / "results.md").read_text() and "| retriever |" in capsys.readouterr().out
