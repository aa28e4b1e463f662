"""Embedding precision and batching (detection from CPU flags, what bf16 changes), and the
traced copy a server starts from."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import qa.embedder
from qa.embedder import (
    SentenceEmbedder,
    TracedModel,
    cpu_flags,
    embed,
    export_traced,
    resolve_precision,
    traced_file,
)
from qa.settings import Settings, default_embedding_model
from qa.store import models_path
from tests.conftest import env_for, run_python

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


def test_a_trace_is_keyed_by_the_model_and_needs_its_tokenizer(tmp_path: Path) -> None:
    name = default_embedding_model()
    path = traced_file(tmp_path, name, "identity-a")
    assert path is not None and path.parent == tmp_path and path.suffix == ".torchscript"
    assert path == traced_file(tmp_path, name, "identity-a")
    assert path != traced_file(tmp_path, name, "identity-b"), "another model, another file"
    assert traced_file(tmp_path, "sentence-transformers/all-MiniLM-L6-v2", "x") is None, "no local tokenizer"


def test_a_damaged_trace_is_not_used_and_is_traced_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "model"  # a model of its own: the question-vector cache is keyed by name
    model.mkdir()
    (model / "tokenizer.json").write_text("{}")
    name, cache = str(model), tmp_path / "models"
    embedder = SentenceEmbedder(name)
    path = traced_file(cache, name, embedder.identity())
    assert path is not None
    cache.mkdir()
    path.write_bytes(b"not a TorchScript archive")
    exported: list[Path] = []
    monkeypatch.setattr(qa.embedder, "embed", lambda name, texts, *a, **k: np.ones((len(texts), 4), "f4"))
    monkeypatch.setattr(qa.embedder, "export_traced", lambda name, p: exported.append(p) or True)
    embedder.keep_traces_in(cache)
    embedder.warm_up()
    assert embedder.traced() is None and not path.exists(), "the damaged file is not used"
    assert embedder.embed_query("a question").shape == (4,), "questions are embedded meanwhile"
    assert embedder.save_trace() and exported == [path], "the model is traced again"


@pytest.mark.slow
def test_the_traced_copy_gives_the_models_vectors(tmp_path: Path) -> None:
    name = default_embedding_model()
    path = traced_file(tmp_path, name, SentenceEmbedder(name).identity())
    assert path is not None
    assert export_traced(name, path) and path.is_file()
    assert not list(tmp_path.glob(".*")), "no temporary file is left"
    traced = TracedModel.load(path, name)
    texts = [*TEXTS, "word " * 400, "  padded  ", "x"]
    expected = embed(name, texts, batch_size=3, precision="fp32")
    assert np.allclose(traced.embed(texts, batch_size=3), expected, atol=1e-5)
    assert np.allclose(traced.embed([texts[1]]), expected[1:2], atol=1e-5)
    embedder = SentenceEmbedder(name)
    embedder.keep_traces_in(tmp_path)
    assert embedder.traced() is not None and embedder.save_trace()
    assert np.allclose(embedder.embed_query(texts[0]), expected[0], atol=1e-5)


@pytest.mark.slow
def test_a_server_with_a_trace_answers_without_sentence_transformers(
    seeded: Settings, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(seeded.data_dir, data)
    settings = Settings.from_env(env_for(seeded.articles_dir, data))
    name = settings.embedding_model
    path = traced_file(models_path(settings), name, SentenceEmbedder(name).identity())
    assert path is not None and export_traced(name, path)
    code = (
        "import sys, qa\n"
        "index = qa.open_index()\n"
        'answer = qa.answer("Who is Russia\'s ambassador to the UN?", index=index)\n'
        "heavy = {'transformers', 'sentence_transformers'} & set(sys.modules)\n"
        "print('Nebenzia' in answer.text, sorted(heavy))\n"
    )
    done = run_python(code, env_for(seeded.articles_dir, data))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-2] == "True []", done.stdout
