"""The tantivy index scores as textbook BM25: k1 = 1.2, b = 0.75, Lucene's IDF.

bm25s, the engine it replaced, used its default k1 = 1.5; that constant is what moved RGB's
hybrid Hit@5 (``docs/benchmarks.md``, "Lexical index: update in place"). The other difference,
tantivy's one-byte document lengths, is exact up to 40 stems (all even lengths up to 56) and
off by under 1% beyond. These tests pin tantivy against bm25s at k1 = 1.2, after a build and
after an in-place update.
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import pytest

from qa import lexical
from qa.settings import Settings

WORDS = "walking dead season premiere date eleven august final series horror television network".split()


def _rows(n: int, tag: str = "") -> list[tuple[str, str, dict[str, str]]]:
    """Chunks of 3 to 60 words with uneven term frequencies (lengths up to 60 stems)."""
    rows = []
    for i in range(n):
        words = [WORDS[(i * 7 + j * j) % len(WORDS)] for j in range(3 + (i * 13) % 58)]
        rows.append((f"c{i}", " ".join(words) + tag, {"title": "", "source": f"a{i}.md"}))
    return rows


def _bm25s_scores(rows: list[tuple[str, str, dict[str, str]]], question: str, k1: float) -> dict[str, float]:
    retriever = bm25s.BM25(k1=k1, b=0.75)
    retriever.index(lexical.tokenize([f"\n{text}" for _, text, _ in rows]), show_progress=False)
    words = [w for w in lexical.tokenize([question])[0] if w in retriever.vocab_dict]
    scores = retriever.get_scores(words)
    return {ident: float(s) for (ident, _, _), s in zip(rows, scores, strict=True) if s > 0}


def _check(got: dict[str, float], want: dict[str, float], lengths: dict[str, int]) -> None:
    assert got.keys() == want.keys()
    for ident, score in want.items():  # tantivy multiplies every term by (k1 + 1) = 2.2
        close = 1e-4 if lengths[ident] <= 40 else 1e-2  # one-byte lengths beyond 40 stems
        assert got[ident] == pytest.approx(2.2 * score, rel=close), (ident, lengths[ident])


def _lengths(rows: list[tuple[str, str, dict[str, str]]]) -> dict[str, int]:
    return {r[0]: len(t) for r, t in zip(rows, lexical.tokenize([r[1] for r in rows]), strict=True)}


def _tantivy_scores(settings: Settings, question: str) -> dict[str, float]:
    index = lexical.load(settings)
    assert index is not None
    return dict(index.search(question, 1000))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(articles_dir=tmp_path, data_dir=tmp_path / "data", embedding_model="unused")


QUESTION = "What is the premiere date of The Walking Dead season eleven?"


def test_tantivy_scores_are_bm25_at_k1_1_2_times_k1_plus_one(settings: Settings) -> None:
    rows = _rows(80)
    lexical.build(settings, rows)
    got = _tantivy_scores(settings, QUESTION)
    _check(got, _bm25s_scores(rows, QUESTION, k1=1.2), _lengths(rows))
    old = _bm25s_scores(rows, QUESTION, k1=1.5)
    assert any(abs(got[i] / max(got.values()) - old[i] / max(old.values())) > 1e-3 for i in old)


@pytest.mark.xfail(
    strict=True,
    reason="tantivy counts deleted chunks in N, document frequencies and the average length until "
    "their segment is merged (5% off here, 20 of 80 chunks deleted); tantivy-py exposes neither a "
    "merge nor a statistics provider",
)
def test_scores_after_an_in_place_update_match_a_rebuild(settings: Settings) -> None:
    rows = _rows(80)
    lexical.build(settings, rows)
    changed = [(ident, text + " premiere premiere", meta) for ident, text, meta in rows[:10]]
    lexical.update(settings, changed, [r[0] for r in rows[70:]])
    live = changed + rows[10:70]
    got = _tantivy_scores(settings, QUESTION)
    _check(got, _bm25s_scores(live, QUESTION, k1=1.2), _lengths(live))
