"""Embedding precision and batching (detection from CPU flags, what bf16 changes), and the
copies of the model a server starts from: ONNX (run by onnxruntime, no torch), else traced."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest

import qa.embedder
from qa.embedder import (
    OnnxModel,
    SentenceEmbedder,
    TracedModel,
    cpu_flags,
    embed,
    export_onnx,
    export_traced,
    onnx_file,
    resolve_precision,
    set_threads,
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
    monkeypatch.setattr(qa.embedder, "export_onnx", lambda name, p: False)  # as without onnx
    embedder.keep_traces_in(cache)
    embedder.warm_up()
    assert embedder.fast_copy() is None and not path.exists(), "the damaged file is not used"
    assert embedder.embed_query("a question").shape == (4,), "questions are embedded meanwhile"
    assert embedder.save_trace() and exported == [path], "the model is traced again"


@pytest.mark.slow
def test_the_traced_copy_gives_the_models_vectors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
    monkeypatch.setattr(qa.embedder, "export_onnx", lambda name, p: False)  # as without onnx
    embedder = SentenceEmbedder(name)
    embedder.keep_traces_in(tmp_path)
    assert isinstance(embedder.fast_copy(), TracedModel) and embedder.save_trace()
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


# --- the ONNX copy ------------------------------------------------------------------------------


def test_an_onnx_copy_is_keyed_by_the_model_and_the_libraries(tmp_path: Path) -> None:
    name = default_embedding_model()
    path = onnx_file(tmp_path, name, "identity-a")
    assert path is not None and path.parent == tmp_path and path.suffix == ".onnx"
    assert path == onnx_file(tmp_path, name, "identity-a")
    assert path != onnx_file(tmp_path, name, "identity-b"), "another model, another file"
    assert path.stem != traced_file(tmp_path, name, "identity-a").stem  # type: ignore[union-attr]
    assert onnx_file(tmp_path, "sentence-transformers/all-MiniLM-L6-v2", "x") is None, "no local tokenizer"


def _fake_model(tmp_path: Path) -> str:
    """A model folder of its own (the question-vector cache is keyed by name); never loaded."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "tokenizer.json").write_text("{}")
    return str(model)


def _kept_copies(
    tmp_path: Path, onnx: bytes, trace: bytes | None = None
) -> tuple[SentenceEmbedder, Path, Path]:
    """An embedder of a fake model whose data folder holds these bytes as its ONNX copy (and trace).

    Returns the embedder, the models folder and the ONNX copy's path.
    """
    name, cache = _fake_model(tmp_path), tmp_path / "models"
    embedder = SentenceEmbedder(name)
    copy, traced = onnx_file(cache, name, embedder.identity()), traced_file(cache, name, embedder.identity())
    assert copy is not None and traced is not None
    cache.mkdir()
    copy.write_bytes(onnx)
    if trace is not None:
        traced.write_bytes(trace)
    return embedder, cache, copy


def test_a_damaged_onnx_copy_is_not_used_and_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder, cache, path = _kept_copies(tmp_path, b"not an ONNX model")
    exported: list[Path] = []
    monkeypatch.setattr(qa.embedder, "embed", lambda name, texts, *a, **k: np.ones((len(texts), 4), "f4"))
    monkeypatch.setattr(qa.embedder, "export_onnx", lambda name, p: exported.append(p) or True)
    embedder.keep_traces_in(cache)
    embedder.warm_up()
    assert embedder.fast_copy() is None and not path.exists(), "the damaged file is not used"
    assert embedder.embed_query("a question").shape == (4,), "questions are embedded meanwhile"
    assert embedder.save_trace() and exported == [path], "the model is exported again"


class _FakeTrace:
    """Stands in for a loaded trace: the fallback's choice is what is tested, not torch."""

    loaded: ClassVar[list[Path]] = []

    @classmethod
    def load(cls, path: Path, name: str) -> _FakeTrace:
        cls.loaded.append(path)
        return cls()

    def embed(self, texts: Any, batch_size: int = 32) -> np.ndarray[Any, Any]:
        return np.full((len(texts), 4), 0.5, "f4")


def test_without_onnxruntime_the_trace_stands_in_and_the_onnx_copy_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # `import onnxruntime` fails, as when missing
    embedder, cache, copy = _kept_copies(tmp_path, b"an ONNX copy, for when onnxruntime is back", b"a trace")
    trace = traced_file(cache, embedder.name, embedder.identity())
    monkeypatch.setattr(qa.embedder, "TracedModel", _FakeTrace)
    monkeypatch.setattr(qa.embedder, "export_onnx", lambda name, p: pytest.fail("no onnxruntime to check it"))
    embedder.keep_traces_in(cache)
    assert isinstance(embedder.fast_copy(), _FakeTrace) and _FakeTrace.loaded == [trace]
    assert copy.exists(), "a copy that could not be loaded for want of onnxruntime is not deleted"
    assert embedder.embed_query("a question").tolist() == [0.5] * 4
    assert embedder.save_trace(), "the trace is the copy kept"


@pytest.fixture(scope="module")
def onnx_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MiniLM exported to ONNX once, where a data folder keeps it."""
    name = default_embedding_model()
    folder = tmp_path_factory.mktemp("models")
    path = onnx_file(folder, name, SentenceEmbedder(name).identity())
    assert path is not None and export_onnx(name, path) and path.is_file()
    assert not list(folder.glob(".*")), "no temporary file is left"
    return path


LONG = (
    "Firefighters said on Tuesday that the Cedar Ridge Fire had destroyed 412 homes and forced "
    "the evacuation of about 9,000 residents, as dry winds pushed the flames across the ridge. "
) * 6  # 270 word pieces: cut at 256, as sentence-transformers cuts it


@pytest.mark.slow
def test_the_onnx_copy_gives_sentence_transformers_vectors(
    onnx_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = default_embedding_model()
    texts = [*TEXTS, LONG, LONG[:700], "word " * 400, "  padded  ", "x", "Ünïcödé café: “quoted”"]
    assert max(SentenceEmbedder(name).count_tokens(t) for t in texts) > 256
    expected = embed(name, texts, batch_size=3, precision="fp32")
    model = OnnxModel.load(onnx_copy, name)
    together = model.embed(texts, batch_size=3)
    alone = np.vstack([model.embed([t]) for t in texts])
    for got in (together, alone):
        assert got.dtype == np.float32 and got.shape == expected.shape
        assert np.sum(got * expected, axis=1).min() >= 0.99999
    monkeypatch.setattr(qa.embedder, "_THREADS", [0])
    set_threads(1)
    assert "torch" in sys.modules, "loaded by sentence-transformers above"
    one = OnnxModel.load(onnx_copy, name)
    assert one._session.get_session_options().intra_op_num_threads == 1, "NEWSDESK_SERVE_THREADS"
    embedder = SentenceEmbedder(name)
    embedder.keep_traces_in(onnx_copy.parent)
    assert isinstance(embedder.fast_copy(), OnnxModel)
    monkeypatch.setattr(qa.embedder, "export_onnx", lambda name, p: pytest.fail("it is there"))
    assert embedder.save_trace()
    assert float(embedder.embed_query(texts[1]) @ expected[1]) >= 0.99999


@pytest.mark.slow
def test_an_onnx_copy_that_gives_other_vectors_is_made_again(onnx_copy: Path, tmp_path: Path) -> None:
    import onnx

    name = default_embedding_model()
    proto = onnx.load(str(onnx_copy))
    onnx.helper.set_model_props(proto, {"newsdesk_check": "[" + ", ".join(["0.05"] * 384) + "]"})
    path = tmp_path / onnx_copy.name
    onnx.save(proto, str(path))
    with pytest.raises(ValueError, match="other vectors"):
        OnnxModel.load(path, name)
    embedder = SentenceEmbedder(name)
    embedder.keep_traces_in(tmp_path)
    assert embedder.fast_copy() is None and not path.exists(), "a mismatched copy is dropped"


@pytest.mark.slow
def test_a_server_with_an_onnx_copy_answers_without_importing_torch(
    seeded: Settings, tmp_path: Path, onnx_copy: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(seeded.data_dir, data)
    settings = Settings.from_env(env_for(seeded.articles_dir, data))
    models_path(settings).mkdir(parents=True, exist_ok=True)
    shutil.copy(onnx_copy, models_path(settings) / onnx_copy.name)
    code = (
        "import sys, app, qa\n"
        "app._warm_up()  # as `python app.py` does: threads, model, store, BM25, spelling, copies\n"
        "index = app._index()\n"
        'answer = qa.answer("Who is Russia\'s ambassador to the UN?", index=index)\n'
        "model = type(index.embedder.fast_copy()).__name__\n"
        "print('Nebenzia' in answer.text, model, 'torch' in sys.modules, 'onnxruntime' in sys.modules)\n"
    )
    done = run_python(code, env_for(seeded.articles_dir, data))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-2] == "True OnnxModel False True", done.stdout + done.stderr[-2000:]


class _FakeOnnx(_FakeTrace):
    """Stands in for a loaded ONNX copy."""

    loaded: ClassVar[list[Path]] = []

    def embed(self, texts: Any, batch_size: int = 32) -> np.ndarray[Any, Any]:
        return np.full((len(texts), 4), 0.25, "f4")


def test_passages_are_embedded_with_torch_and_answers_with_the_onnx_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder, cache, copy = _kept_copies(tmp_path, b"an ONNX copy")
    monkeypatch.setattr(qa.embedder, "OnnxModel", _FakeOnnx)
    monkeypatch.setattr(qa.embedder, "embed", lambda name, texts, *a, **k: np.ones((len(texts), 4), "f4"))
    embedder.keep_traces_in(cache)
    assert embedder.embed(["a passage"], precision="fp32").tolist() == [[1.0] * 4], "torch, as ingest"
    assert embedder.embed(["a passage"], precision="bf16").tolist() == [[1.0] * 4]
    assert [v.tolist() for v in embedder.embed_sentences(["a sentence"])] == [[0.25] * 4]
    assert embedder.embed_query("a question").tolist() == [0.25] * 4
    assert _FakeOnnx.loaded == [copy]
