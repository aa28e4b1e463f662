"""Embedding precision and batching: detection from CPU flags, and what bf16 changes."""

from __future__ import annotations

import numpy as np
import pytest

from qa.embedder import cpu_flags, embed, resolve_precision
from qa.settings import default_embedding_model

CPUINFO = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f {extra}\nbogomips\t: 4000\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [("avx512_bf16", "bf16"), ("amx_bf16 amx_tile", "bf16"), ("", "fp32"), ("avx512_vnni", "fp32")],
)
def test_auto_picks_bf16_only_where_the_cpu_does_it_natively(extra: str, expected: str) -> None:
    flags = cpu_flags(CPUINFO.format(extra=extra))
    assert "avx2" in flags
    assert resolve_precision("auto", flags) == expected
    assert resolve_precision("", flags) == expected


def test_an_explicit_precision_wins_and_a_bad_one_is_named() -> None:
    assert resolve_precision("fp32", frozenset({"avx512_bf16"})) == "fp32"
    assert resolve_precision("bf16", frozenset()) == "bf16"
    with pytest.raises(ValueError, match="NEWSDESK_PRECISION='int8'"):
        resolve_precision("int8")


def test_cpu_flags_of_a_machine_without_them_are_empty() -> None:
    assert cpu_flags("processor\t: 0\n") == frozenset()


TEXTS = [
    "Short.",
    "A much longer passage about the ceasefire talks in Istanbul, where delegations met for a third "
    "day and agreed on an exchange of prisoners, but not on a truce.",
    "Rovers beat United 3-1 in the cup final.",
    "The central bank held rates at 4.5 percent, citing sticky services inflation and a weak pound.",
] * 5


@pytest.mark.slow
def test_length_sorted_batches_keep_the_input_order() -> None:
    name = default_embedding_model()
    together = embed(name, TEXTS, batch_size=3, precision="fp32")
    one_by_one = np.vstack([embed(name, [t], precision="fp32") for t in TEXTS])
    assert together.shape == (len(TEXTS), 384)
    assert np.allclose(together, one_by_one, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_bf16_vectors_stay_within_cosine_0999_of_fp32() -> None:
    name = default_embedding_model()
    fp32 = embed(name, TEXTS, precision="fp32")
    bf16 = embed(name, TEXTS, precision="bf16")
    cosine = np.sum(fp32 * bf16, axis=1)
    assert cosine.min() >= 0.999
    assert not np.allclose(fp32, bf16, atol=1e-6), "bf16 really ran"
    assert bf16.dtype == np.float32
    assert embed(name, [], precision="bf16").shape == (0, 384)
