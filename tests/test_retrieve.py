"""Hybrid retrieval: fusion, filters on both sides, recency, MMR and reranking with the fake
embedder (fast); what depends on the real model's judgement (cues against near misses, hybrid
against dense) with MiniLM, marked slow."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from ingest import sync
from qa import retrieve
from qa.embedder import FakeEmbedder
from qa.index import Index, open_index
from qa.settings import Settings
from tests.conftest import RUSSIA_UN, settings_for

STORIES = {
    "2024/flood-jan.md": (
        "2024-01-10",
        "River Aire floods Leeds",
        "The River Aire burst its banks in Leeds on Tuesday, flooding 300 homes.",
    ),
    "2024/flood-jun.md": (
        "2024-06-20",
        "River Aire floods again",
        "The River Aire flooded Leeds again in June, the council's flood warden Priya Natt said.",
    ),
    "2025/flood-mar.md": (
        "2025-03-02",
        "Leeds flood defences finished",
        "New flood defences on the River Aire in Leeds were finished in March.",
    ),
    "2025/budget.md": (
        "2025-03-05",
        "Council passes budget",
        "Leeds council passed its budget with 12 million pounds for roads and schools.",
    ),
    "undated.md": (
        "",
        "Flood insurance costs rise",
        "Flood insurance premiums in Yorkshire rose by a fifth.",
    ),
}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Index:
    base = tmp_path_factory.mktemp("dated")
    for name, (day, title, text) in STORIES.items():
        path = base / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"Title: {title}\nPublished: {day}\n\n" if day else f"{title}\n\n"
        path.write_text(header + text + "\n")
    index = open_index(settings_for(base / "articles", base / "data"), embedder=FakeEmbedder())
    sync(index=index)
    return index


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_source_filter_applies_on_every_side(dated: Index, mode: str) -> None:
    passages = retrieve(
        "River Aire floods", 5, sources=["2024/flood-jun.md", "undated.md"], mode=mode, index=dated
    )
    assert passages and {p.source for p in passages} <= {"2024/flood-jun.md", "undated.md"}


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_date_range_applies_on_every_side(dated: Index, mode: str) -> None:
    passages = retrieve(
        "floods in Leeds",
        5,
        published_after="2024-06-01",
        published_before="2025-03-03",
        mode=mode,
        index=dated,
    )
    assert {p.source for p in passages} <= {"2024/flood-jun.md", "2025/flood-mar.md"}
    assert "2024/flood-jun.md" in {p.source for p in passages}
    assert all("2024-06-01" <= p.published <= "2025-03-03" for p in passages)


def test_bad_date_is_a_clear_error(dated: Index) -> None:
    with pytest.raises(ValueError, match="published_after='last week' is not a date"):
        retrieve("floods", 3, published_after="last week", index=dated)


def test_latest_questions_prefer_newer_articles(dated: Index) -> None:
    plain = retrieve("River Aire flooding in Leeds", 3, recency=False, index=dated)
    latest = retrieve("What is the latest on River Aire flooding in Leeds?", 3, index=dated)
    assert plain[0].source.startswith("2024/")
    assert latest[0].source == "2025/flood-mar.md"


def test_exact_names_are_found_by_the_bm25_side(dated: Index) -> None:
    top = retrieve("Priya Natt", 1, index=dated)[0]
    assert top.source == "2024/flood-jun.md"
    assert retrieve("Priya Natt", 1, mode="bm25", index=dated)[0].source == "2024/flood-jun.md"


@pytest.mark.slow
@pytest.mark.parametrize(("question", "name"), [("Wayne DuPree", "DuPree")])
def test_hybrid_finds_what_dense_alone_misses(use_seeded: Settings, question: str, name: str) -> None:
    assert name not in retrieve(question, 1, mode="dense")[0].text
    assert name in retrieve(question, 1)[0].text


@pytest.fixture
def seeds(articles: Path, tmp_path: Path) -> Index:
    """The seed articles indexed with the fake embedder."""
    index = open_index(settings_for(articles, tmp_path / "data"), embedder=FakeEmbedder())
    sync(index=index)
    return index


def test_mmr_returns_distinct_passages(seeds: Index) -> None:
    plain = retrieve("peace talks mediation", 4, mmr=False, index=seeds)
    diverse = retrieve("peace talks mediation", 4, mmr=True, index=seeds)
    assert len({p.id for p in diverse}) == 4
    assert [p.id for p in diverse] != [p.id for p in plain]


NEAR_MISSES = {
    "q2-2020.md": (
        "2020-07-22",
        "Acme results",
        "Acme's revenue was flat in Q2 2020, and the company's revenue outlook for the next quarter "
        "stayed cautious.",
    ),
    "q1-2023.md": (
        "2023-04-21",
        "Acme first quarter",
        "Acme's revenue in Q1 2023 beat forecasts as deliveries rose.",
    ),
    "q1-2021.md": (
        "2022-04-20",
        "Acme growth",
        "That is up 81 percent on the $10.4 billion Acme took in the first quarter of 2021.",
    ),
    "gizmo-review.md": (
        "2014-03-03",
        "Gizmo 3 review",
        "Gizmo 3 was a mess when it was released: servers failed and players could not log in.",
    ),
    "gizmo-launch.md": ("2012-05-16", "Launch day", "Gizmo 3 went on sale on May 15, 2012 at midnight."),
}


@pytest.fixture(scope="module")
def near_misses(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    base = tmp_path_factory.mktemp("near")
    (base / "articles").mkdir()
    for name, (day, title, text) in NEAR_MISSES.items():
        (base / "articles" / name).write_text(f"Title: {title}\nPublished: {day}\n\n{text}\n")
    settings = settings_for(base / "articles", base / "data")
    sync(settings)
    return settings


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_the_asked_quarter_beats_near_misses(near_misses: Settings, mode: str) -> None:
    question = "What was Acme's revenue in Q1 2021?"
    plain = retrieve(question, 3, mode=mode, cues=False, settings=near_misses)
    cued = retrieve(question, 3, mode=mode, settings=near_misses)
    assert plain[0].source != "q1-2021.md"  # every word but the quarter matches the others too
    assert cued[0].source == "q1-2021.md"


@pytest.mark.slow
def test_when_questions_prefer_passages_with_a_date(near_misses: Settings) -> None:
    from qa.cues import ANSWER_WEIGHT

    plain = {
        p.source: p.score for p in retrieve("When was Gizmo 3 released?", 2, cues=False, settings=near_misses)
    }
    cued = {p.source: p.score for p in retrieve("When was Gizmo 3 released?", 2, settings=near_misses)}
    assert cued["gizmo-launch.md"] == pytest.approx(plain["gizmo-launch.md"] + ANSWER_WEIGHT, abs=1e-5)
    assert cued["gizmo-review.md"] == pytest.approx(plain["gizmo-review.md"], abs=1e-5)


class LengthScorer:
    """A scripted scorer standing in for a cross-encoder: prefers shorter passages."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def score(self, question: str, texts: Sequence[str]) -> list[float]:
        self.calls.append((question, len(texts)))
        return [-float(len(t)) for t in texts]


def test_reranker_reorders_the_candidates(seeds: Index) -> None:
    scorer = LengthScorer()
    passages = retrieve("Russia Ukraine peace", 4, reranker=scorer, index=seeds)
    assert scorer.calls and scorer.calls[0][0] == "Russia Ukraine peace"
    assert [len(p.text) for p in passages] == sorted(len(p.text) for p in passages)
    assert [p.score for p in passages] == [-float(len(p.text)) for p in passages]


def test_reranker_setting_must_point_at_a_model(tmp_path: Path) -> None:
    from qa.errors import ConfigError

    with pytest.raises(ConfigError, match="NEWSDESK_RERANKER"):
        Settings.from_env(
            {"NEWSDESK_ARTICLES_DIR": str(tmp_path), "NEWSDESK_RERANKER": str(tmp_path / "none")}
        )


def test_bm25_index_follows_every_sync(seeds: Index, articles: Path) -> None:
    assert retrieve("Nebenzia", 1, mode="bm25", index=seeds)[0].source == RUSSIA_UN
    (articles / RUSSIA_UN).unlink()
    sync(index=seeds)
    assert all(p.source != RUSSIA_UN for p in retrieve("Nebenzia", 5, mode="bm25", index=seeds))
    (articles / "new.md").write_text("Zanzibar ferry\n\nA new ferry to Zanzibar launched on Friday.\n")
    sync(index=seeds)
    assert retrieve("Zanzibar", 1, mode="bm25", index=seeds)[0].source == "new.md"
