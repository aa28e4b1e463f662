"""The opened index and the embedder seam: one Index per settings value, a deterministic fake."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import qa.embedder
from qa.embedder import FakeEmbedder, SentenceEmbedder
from qa.index import open_index
from tests.conftest import settings_for


def test_one_index_per_settings_value(tmp_path: Path) -> None:
    first = open_index(settings_for(tmp_path, tmp_path / "data"))
    assert open_index(settings_for(tmp_path, tmp_path / "data")) is first, "an equal value, the same Index"
    assert open_index(settings_for(tmp_path, tmp_path / "other")) is not first
    fake = open_index(first.settings, embedder=FakeEmbedder())
    assert fake is not first and fake.embedder == FakeEmbedder() and fake.store == first.store
    assert first.embedder is open_index(settings_for(tmp_path, tmp_path / "other")).embedder, "one model"


def test_fake_embedder_is_deterministic_unit_length_and_word_based() -> None:
    fake = FakeEmbedder()
    a, b, c, empty = fake.embed(["River floods Leeds", "Leeds river FLOODS", "Budget passes", ""])
    assert np.allclose([np.linalg.norm(v) for v in (a, b, c, empty)], 1.0)
    assert a @ b == pytest.approx(1.0) and a @ c == pytest.approx(0.0)
    assert np.array_equal(fake.embed_query("River floods Leeds"), a)
    assert fake.count_tokens("River floods Leeds.") == 3
    assert fake.identity() != SentenceEmbedder("x").identity()


def test_sentence_vectors_are_embedded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def counting(name: str, texts: Sequence[str], batch_size: int = 64) -> Any:
        calls.append(list(texts))
        return FakeEmbedder().embed(texts)

    monkeypatch.setattr(qa.embedder, "embed", counting)
    embedder = SentenceEmbedder("any-model")
    first = embedder.embed_sentences(["One.", "Two.", "One."])
    again = embedder.embed_sentences(["Two.", "Three."])
    assert calls == [["One.", "Two."], ["Three."]]
    assert np.array_equal(first[1], again[0]) and len(first) == 3
