"""The sentence-transformers embedder and its tokenizer, each loaded lazily and once.

``Embedder`` is what the rest of Newsdesk sees: an identity (part of the sync fingerprint),
``embed``, ``embed_query``, ``embed_sentences`` (cached) and token counting.
``SentenceEmbedder`` is the real one over the functions below; ``FakeEmbedder`` hashes words
into unit vectors, deterministic and instant, for tests of logic that only needs texts sharing
words to be near each other (sync, fusion, filters, MMR, composition). Quality tests use the
real model.

Precision: on a CPU with native bf16 arithmetic (``avx512_bf16`` or AMX in ``/proc/cpuinfo``)
ingest encodes under ``torch.autocast("cpu", dtype=torch.bfloat16)``, elsewhere in fp32;
``NEWSDESK_PRECISION=auto|fp32|bf16`` overrides the choice. bf16 vectors are returned as
float32 and stay within cosine 0.999 of the fp32 ones (``bench/ingest_bench.py``), so a
store built at one precision is searched and extended at the other: precision is not part
of the index fingerprint. Texts are sorted by token count before batching, so each batch
pads to its own longest text, not the corpus's.

Token counting (used by the chunker on every sync that has work to do) reads the model's
``tokenizer.json`` with the small ``tokenizers`` library instead of importing torch and
sentence-transformers, so a sync that only re-chunks stays light. Vectors are L2-normalised,
so Chroma's cosine distance and a plain dot product agree.

The traced copy (``export_traced``, ``TracedModel``): importing sentence-transformers 6 costs
more than everything else a chat server starts with (it imports transformers, scikit-learn and
SciPy: 3.4 s of CPU on top of torch's 1.1 s, against 2.3 s for Gradio, measured on this
machine). A TorchScript trace of the same modules (transformer, pooling, normalisation) loads
with torch alone, so the app traces the model once into its data folder and later starts (and
any process that opens that index) load that: torch, the trace and the tokenizer take 1.6 s of
CPU instead of 5.2 s. A trace is saved
only after it has given the vectors sentence-transformers gives on padded batches, single texts
and truncated long ones (within 1e-4; measured 2e-7); anything unusual (a model that cannot be
traced, a torch without TorchScript, an unreadable file) falls back to sentence-transformers.
Tracing is deprecated in torch in favour of ``torch.export``, whose loader imports SymPy and
torch.fx (3.1 s of CPU to load, measured).

The ONNX copy (``export_onnx``, ``OnnxModel``): with the trace, torch's own import (1.4-1.6 s
of CPU) was the largest part of a start left above Gradio's. The same modules exported to ONNX
and run by onnxruntime (already installed: chromadb depends on it) need no torch at all:
onnxruntime, the ONNX copy and its first vector take 0.27 s of CPU against 1.8-2.1 s for torch
and the trace, and a question embeds in 8 ms of CPU against 15 ms (one thread each, measured on
this loaded machine). So the app exports the model once into its data folder (where the first start has
loaded torch anyway) and every later start, and any process that opens that index, embeds
questions and answer sentences with it. The copy is kept only after it has given
sentence-transformers' vectors (cosine 0.99999 or more on ``_ONNX_CHECK``; measured 1.0000000,
largest difference 2e-7); where onnxruntime is missing, or the export fails, the trace stands in,
and sentence-transformers where there is neither. Ingest (``SentenceEmbedder.embed``) keeps
torch: on a CPU with native bf16 it embeds passages 2.47x as fast as fp32 (``docs/benchmarks.md``),
and even at fp32 torch runs batches of long passages faster than onnxruntime (3.9 s of CPU
against 5.6 s for 64 passages of 230 word pieces; the ONNX graph optimised with onnxruntime's
BERT fusions, attention included, still took 4.8 s).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from qa.settings import PRECISIONS

if TYPE_CHECKING:
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

log = logging.getLogger("newsdesk.embedder")

__all__ = [
    "Embedder",
    "FakeEmbedder",
    "OnnxModel",
    "SentenceEmbedder",
    "TracedModel",
    "apply_threads",
    "count_tokens",
    "embed",
    "embed_query",
    "export_onnx",
    "export_traced",
    "load_model",
    "max_tokens",
    "onnx_file",
    "resolve_precision",
    "sentence_embedder",
    "set_threads",
    "traced_file",
]

# No model hub here: weights come from local paths (the packaged MiniLM by default).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


_LOAD_LOCK = threading.Lock()


def load_model(name: str) -> SentenceTransformer:
    """Load a sentence-transformers model once per process, on the CPU (thread-safe)."""
    with _LOAD_LOCK:
        return _load_model(name)


@lru_cache(maxsize=4)
def _load_model(name: str) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # "Loading weights" bars would clutter every start
    apply_threads()
    return SentenceTransformer(name, device="cpu")


@lru_cache(maxsize=4)
def _tokenizer(name: str) -> Tokenizer | None:
    path = Path(name) / "tokenizer.json"
    if not path.is_file():
        return None
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()
    return tok


def count_tokens(name: str, text: str) -> int:
    """Number of the model's word pieces in ``text``, special tokens excluded."""
    tok = _tokenizer(name)
    if tok is not None:
        return len(tok.encode(text, add_special_tokens=False).ids)
    return len(load_model(name).tokenizer.tokenize(text))


@lru_cache(maxsize=4)
def max_tokens(name: str) -> int:
    """Longest input the model embeds without truncation, special tokens excluded."""
    config = Path(name) / "sentence_bert_config.json"
    if config.is_file():
        length = int(json.loads(config.read_text())["max_seq_length"])
    else:
        length = int(load_model(name).max_seq_length)
    return length - 2  # [CLS] and [SEP]


_NATIVE_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU feature flags Linux reports (empty where ``/proc/cpuinfo`` is missing)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return frozenset()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def resolve_precision(requested: str | None = None, flags: frozenset[str] | None = None) -> str:
    """The precision to encode at: ``fp32`` or ``bf16``.

    ``requested`` is ``auto`` (the default, also when empty), ``fp32`` or ``bf16``; auto
    picks bf16 only where the CPU does bf16 natively (``avx512_bf16`` or AMX): emulated bf16
    is slower than fp32.

    Raises:
        ValueError: for any other value, naming the accepted ones.
    """
    choice = (requested or "auto").strip().lower()
    if choice not in PRECISIONS:
        raise ValueError(f"NEWSDESK_PRECISION={choice!r} is not one of {', '.join(PRECISIONS)}.")
    if choice != "auto":
        return choice
    return "bf16" if _NATIVE_BF16_FLAGS & (cpu_flags() if flags is None else flags) else "fp32"


def _token_lengths(name: str, texts: Sequence[str]) -> list[int]:
    tok = _tokenizer(name)
    if tok is None:
        return [len(t) for t in texts]  # characters: what sentence-transformers sorts by
    return [len(e.ids) for e in tok.encode_batch(list(texts), add_special_tokens=False)]


def embed(
    name: str, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
) -> np.ndarray[Any, Any]:
    """Unit-length embeddings of ``texts`` as a float32 array, one row per text.

    Texts are encoded longest first in batches of similar token counts. ``precision`` is
    ``fp32``, ``bf16`` or ``auto`` (``resolve_precision``). Ingest passes the configured
    ``NEWSDESK_PRECISION``; questions and answer sentences stay fp32, because one short
    text encodes faster in fp32 (9 ms against 13 ms under bf16 autocast, measured here).
    """
    import numpy as np

    model = load_model(name)
    items = list(texts)
    if not items:
        # sentence-transformers 6.3 renamed get_sentence_embedding_dimension (a FutureWarning).
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return np.zeros((0, dimension() or 0), dtype=np.float32)
    lengths = _token_lengths(name, items)
    order = sorted(range(len(items)), key=lambda i: -lengths[i])
    out = np.empty((len(items), 0), dtype=np.float32)
    with _autocast(resolve_precision(precision)):
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            vectors = model.encode(
                [items[i] for i in batch],
                batch_size=batch_size,
                normalize_embeddings=False,  # normalised below, in fp32
                convert_to_tensor=True,
                show_progress_bar=False,
            )
            matrix = vectors.float().numpy()
            if not out.shape[1]:
                out = np.empty((len(items), matrix.shape[1]), dtype=np.float32)
            out[batch] = matrix
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


_THREADS = [0]  # intra-op threads per model call asked for by ``set_threads`` (0: the library's default)


def set_threads(threads: int) -> None:
    """Use ``threads`` intra-op threads for every model call of this process (0: the library's default).

    A server that runs requests concurrently sets 1: with two cores and eight requests, each
    call using both cores oversubscribes them (``NEWSDESK_SERVE_THREADS``). It applies to torch
    (now where it is loaded, else when it loads) and to the ONNX copy's onnxruntime session,
    which is made with that many threads: call it before the model loads. It never imports
    torch itself, so a process that embeds with the ONNX copy never loads it.
    """
    _THREADS[0] = max(threads, 0)
    if "torch" in sys.modules:
        apply_threads()


def _importable(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # ValueError: set to None in sys.modules (as tests do)
        return False


def apply_threads() -> None:
    """Give torch the count of threads ``set_threads`` asked for (each loader of a torch model
    calls it: ``set_threads`` does not import torch)."""
    import torch

    if _THREADS[0] and torch.get_num_threads() != _THREADS[0]:
        torch.set_num_threads(_THREADS[0])


def _autocast(mode: str) -> Any:
    """bf16 autocast on the CPU, or nothing for fp32 (the model's own dtype)."""
    import contextlib

    if mode != "bf16":
        return contextlib.nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


@lru_cache(maxsize=4096)
def embed_query(name: str, text: str) -> np.ndarray[Any, Any]:
    """The unit-length embedding of one question, cached: retrieval and answer scoring both need it."""
    vector: np.ndarray[Any, Any] = embed(name, [text])[0]
    vector.setflags(write=False)  # shared by every caller of the cache
    return vector


# --- the fast copies: questions embedded without importing sentence-transformers (or torch) ---

_TRACE_FORMAT = "1"  # bump when what a trace holds changes
_TRACE_TOLERANCE = 1e-4  # largest difference from sentence-transformers a saved trace may show
_TRACE_CHECK = [
    "Who is Russia's ambassador to the UN?",
    "x",
    "  Leading and trailing spaces.  ",
    "Zelensky's truce: “quoted” naïve café, 2025-05-03, $1.2bn.",
    "word " * 400,  # truncated at the model's longest input
]
_ONNX_FORMAT = "1"  # bump when what an ONNX copy holds changes
_ONNX_OPSET = 17  # the first with LayerNormalization as one operator
_ONNX_MIN_COSINE = 0.99999  # least cosine to sentence-transformers' vector a kept ONNX copy may give
_ONNX_CHECK = [
    *_TRACE_CHECK,
    # A passage as long as the chunks (200 word pieces and more): the longest inputs in use.
    "The transit authority and the drivers' union reached a tentative agreement early on Sunday, "
    "ending a strike that had shut down buses and trams across the city for eleven days. Under the "
    "deal, drivers will receive a 14 percent raise over three years, new limits on split shifts and "
    "a review of the scheduling software that the union blamed for unpaid overtime. The authority's "
    "chair, Maria Okafor, said service would resume on Monday morning, although some routes could "
    "run on reduced timetables until maintenance checks are complete. Commuters, who had crowded "
    "onto regional trains and ride-sharing services, greeted the news with relief, while business "
    "groups estimated that the walkout had cost downtown shops more than $40 million in lost sales. "
    "Members will vote on the agreement next week; union leaders said they expected it to pass by "
    "a wide margin, but warned that talks on pensions, which were set aside to end the strike, "
    "would resume in the spring and could lead to further action if the authority did not move. "
    "Transport officials in two neighbouring counties said they would watch the vote closely, since "
    "their own contracts with the same union expire in June and include similar scheduling terms.",
]
_ONNX_META = "newsdesk_check"  # the ONNX copy's metadata key: its vector of ``_ONNX_CHECK[0]``


def _model_config(name: str) -> dict[str, Any]:
    path = Path(name) / "sentence_bert_config.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else {}


@lru_cache(maxsize=4)
def _padded_tokenizer(name: str) -> tuple[Tokenizer, bool]:
    """The model's tokenizer as sentence-transformers applies it (cut at the longest input,
    padded to the batch's longest text), and whether texts are lower-cased first."""
    from tokenizers import Tokenizer

    config = _model_config(name)
    tok = Tokenizer.from_file(str(Path(name) / "tokenizer.json"))
    tok.enable_truncation(max_length=int(config.get("max_seq_length", 512)))
    tok.enable_padding()
    return tok, bool(config.get("do_lower_case", False))


def _token_arrays(name: str, texts: Sequence[str]) -> tuple[np.ndarray[Any, Any], ...]:
    """Token ids, attention mask and token types of ``texts`` (int64 arrays, padded to the
    longest), stripped and lower-cased as sentence-transformers does it for the model."""
    import numpy as np

    tok, lower = _padded_tokenizer(name)
    encodings = tok.encode_batch([t.strip().lower() if lower else t.strip() for t in texts])
    return tuple(
        np.array([getattr(e, field) for e in encodings], dtype=np.int64)
        for field in ("ids", "attention_mask", "type_ids")
    )


def _features(name: str, texts: Sequence[str]) -> tuple[torch.Tensor, ...]:
    """``_token_arrays`` as torch tensors."""
    import torch

    return tuple(torch.from_numpy(a) for a in _token_arrays(name, texts))


def _embed_in_batches(
    name: str,
    texts: Sequence[str],
    batch_size: int,
    run: Callable[[tuple[np.ndarray[Any, Any], ...]], np.ndarray[Any, Any]],
) -> np.ndarray[Any, Any]:
    """Unit-length float32 vectors of ``texts`` from ``run`` (token arrays -> vectors), longest
    first in batches of ``batch_size``, as ``embed`` batches them; rows in the input order."""
    import numpy as np

    items = list(texts)
    out = np.zeros((len(items), 0), dtype=np.float32)
    lengths = _token_lengths(name, items)
    order = sorted(range(len(items)), key=lambda i: -lengths[i])
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        matrix = np.asarray(run(_token_arrays(name, [items[i] for i in batch])), dtype=np.float32)
        if not out.shape[1]:
            out = np.zeros((len(items), matrix.shape[1]), dtype=np.float32)
        out[batch] = matrix
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)  # type: ignore[no-any-return]


def _copy_file(
    folder: Path, name: str, parts: Sequence[str], packages: Sequence[str], suffix: str
) -> Path | None:
    """``folder``/<hash of ``parts`` and the installed versions of ``packages``>``suffix``; None
    for a model that is not a local folder with a ``tokenizer.json`` (the copies are tokenized
    with the small ``tokenizers`` library)."""
    if not (Path(name) / "tokenizer.json").is_file():
        return None
    from importlib.metadata import PackageNotFoundError, version

    keyed = list(parts)
    for package in packages:
        try:
            keyed.append(version(package))
        except PackageNotFoundError:
            keyed.append("-")
    return folder / (hashlib.sha256("\n".join(keyed).encode()).hexdigest()[:16] + suffix)


_MODEL_PACKAGES = ("torch", "transformers", "sentence-transformers", "tokenizers")


def traced_file(folder: Path, name: str, identity: str) -> Path | None:
    """Where the trace of model ``name`` lives in ``folder``; None for a model that is not a local
    folder with a ``tokenizer.json`` (the trace is tokenized with the small ``tokenizers`` library).

    The file name is keyed by the model's identity and the versions of the libraries that made
    the trace, so an upgrade traces again instead of loading a stale copy.
    """
    return _copy_file(folder, name, [_TRACE_FORMAT, identity], _MODEL_PACKAGES, ".torchscript")


def onnx_file(folder: Path, name: str, identity: str) -> Path | None:
    """Where the ONNX copy of model ``name`` lives in ``folder``; None as for ``traced_file``.

    Keyed by the model's identity and the versions of the libraries that made it (and of
    onnxruntime, which runs it and was checked against sentence-transformers with it), so an
    upgrade of any of them makes and checks a new copy.
    """
    packages = (*_MODEL_PACKAGES, "onnx", "onnxruntime")
    return _copy_file(folder, name, ["onnx", _ONNX_FORMAT, identity], packages, ".onnx")


class TracedModel:
    """A TorchScript trace of a sentence-transformers model and the model's own tokenizer.

    ``embed`` gives what ``embed(name, texts, precision="fp32")`` gives (within 1e-4), loading
    only torch and ``tokenizers``. Texts are stripped and, where the model says so, lower-cased
    before tokenizing, as sentence-transformers does; inputs are cut at the model's longest input.
    """

    def __init__(self, module: torch.jit.ScriptModule, name: str) -> None:
        self._module = module
        self._name = name

    @classmethod
    def load(cls, path: Path, name: str) -> TracedModel:
        """The trace saved at ``path`` (``export_traced``) for model ``name``."""
        import warnings

        import torch

        apply_threads()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the TorchScript deprecation notice
            module = torch.jit.load(str(path), map_location="cpu")  # type: ignore[no-untyped-call]
        return cls(module.eval(), name)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray[Any, Any]:
        """Unit-length float32 vectors of ``texts``, longest first in batches, as ``embed`` does."""
        import torch

        def run(arrays: tuple[np.ndarray[Any, Any], ...]) -> np.ndarray[Any, Any]:
            return self._module(*(torch.from_numpy(a) for a in arrays)).float().numpy()  # type: ignore[no-any-return]

        # The plain interpreter: TorchScript's optimising executor re-profiles the graph for each
        # new input shape, and every question and passage has its own length.
        with torch.inference_mode(), torch.jit.optimized_execution(False):  # type: ignore[attr-defined]
            return _embed_in_batches(self._name, texts, batch_size, run)


class OnnxModel:
    """The ONNX export of a sentence-transformers model, run by onnxruntime, and its tokenizer.

    ``embed`` gives what ``embed(name, texts, precision="fp32")`` gives (cosine 0.99999 or more,
    checked when the copy was made), loading only onnxruntime, numpy and ``tokenizers``: no
    torch. The graph holds the transformer, mean pooling and normalisation; tokenizing (strip,
    lower-case where the model says so, cut at the model's 256 word pieces) is
    ``_token_arrays``, as for the trace.
    """

    def __init__(self, session: Any, name: str) -> None:
        self._session = session
        self._name = name
        self._inputs = [i.name for i in session.get_inputs()]

    @classmethod
    def load(cls, path: Path, name: str, *, check: bool = True) -> OnnxModel:
        """The ONNX copy saved at ``path`` (``export_onnx``) for model ``name``.

        Its session runs each call on ``set_threads``'s count of threads (0: onnxruntime's
        default, one per core). With ``check``, the copy must give the vector it gave when it
        was made for ``_ONNX_CHECK[0]`` (kept in its metadata).

        Raises:
            ImportError: onnxruntime is not installed.
            ValueError: the file is not an ONNX copy ``export_onnx`` made of this model.
        """
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _THREADS[0]
        options.inter_op_num_threads = 1  # the graph is one chain of operators: nothing runs beside
        options.log_severity_level = 3  # errors only: not its notes about the graph's optimisation
        session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        model = cls(session, name)
        if check:
            import numpy as np

            kept = session.get_modelmeta().custom_metadata_map.get(_ONNX_META)
            if kept is None:
                raise ValueError(f"{path} has no {_ONNX_META} vector: not made by export_onnx")
            expected = np.asarray(json.loads(kept), dtype=np.float32)
            cosine = float(model.embed(_ONNX_CHECK[:1])[0] @ expected)
            if cosine < _ONNX_MIN_COSINE:
                raise ValueError(f"{path} gives other vectors than when it was made (cosine {cosine:.6f})")
        return model

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray[Any, Any]:
        """Unit-length float32 vectors of ``texts``, longest first in batches, as ``embed`` does."""

        def run(arrays: tuple[np.ndarray[Any, Any], ...]) -> np.ndarray[Any, Any]:
            feeds = dict(zip(_ONNX_INPUTS, arrays, strict=True))
            return self._session.run(None, {n: feeds[n] for n in self._inputs})[0]  # type: ignore[no-any-return]

        return _embed_in_batches(self._name, texts, batch_size, run)


_ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _plain_module(name: str) -> torch.nn.Module:
    """The sentence-transformers model ``name`` (transformer, pooling, normalisation) as one
    function of three int64 tensors, ``_ONNX_INPUTS``: what tracing and the ONNX export need."""
    import torch

    model = load_model(name)
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # the name before 6.0
    with_types = "token_type_ids" in tokenize(["x"])  # a BERT's; other models have none

    class _Plain(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
            features = {"input_ids": ids, "attention_mask": mask}
            if with_types:
                features["token_type_ids"] = types
            return self.model(features)["sentence_embedding"]  # type: ignore[no-any-return]

    return _Plain().eval()


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` a temporary file beside ``path``, then rename it: a reader never sees half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(".*.tmp"):  # left by a process killed while saving
        stale.unlink(missing_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def export_traced(name: str, path: Path) -> bool:
    """Trace the sentence-transformers model ``name`` into ``path``; False when it cannot be.

    The trace is kept only when it gives sentence-transformers' vectors (``_TRACE_CHECK``, as a
    padded batch and one by one); it is written to a temporary file and renamed, so a reader
    never sees half of one.
    """
    import warnings

    import numpy as np
    import torch

    try:
        reference = embed(name, _TRACE_CHECK, precision="fp32")
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about Python branches it fixed
            # A padded batch, so the attention mask is part of the graph and not dropped.
            example = _features(name, _TRACE_CHECK[:2])
            module = torch.jit.trace(_plain_module(name), example, check_trace=False)  # type: ignore[no-untyped-call]
        traced = TracedModel(module, name)
        together = traced.embed(_TRACE_CHECK)
        alone = np.vstack([traced.embed([t]) for t in _TRACE_CHECK])
        error = float(max(np.abs(together - reference).max(), np.abs(alone - reference).max()))
        if error > _TRACE_TOLERANCE:
            log.warning("not using a traced %s: its vectors differ by %.1e", name, error)
            return False
        _write_atomically(path, lambda tmp: module.save(str(tmp)))
        return True
    except Exception as e:  # any model, torch or disk problem leaves sentence-transformers in use
        log.warning("could not trace %s into %s: %s", name, path, e)
        return False


def export_onnx(name: str, path: Path) -> bool:
    """Export the sentence-transformers model ``name`` to ONNX at ``path``; False when it cannot be.

    torch's TorchScript-based exporter (``dynamo=False``) writes it: it needs the ``onnx``
    package only, where the default ``torch.export`` one also needs ``onnxscript`` and gives
    the same graph for this model (no control flow). Batch and length are dynamic axes. The copy is
    kept only when onnxruntime, running it, gives vectors within cosine ``_ONNX_MIN_COSINE`` of
    sentence-transformers' for every text of ``_ONNX_CHECK`` (short, one letter, accented, a
    passage of 232 word pieces, one cut at 256), as one padded batch and one by one (measured:
    1.0000000 to 7 places, largest difference 2e-7); its vector of the first one is kept in the
    file's metadata, so ``OnnxModel.load`` can tell a file that no longer gives it. Written to a
    temporary file and renamed, so a reader never sees half of one.
    """
    import warnings

    import numpy as np

    try:
        import onnx
        import torch

        reference = embed(name, _ONNX_CHECK, precision="fp32")

        def write(tmp: Path) -> None:
            with torch.inference_mode(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the exporter's deprecation and tracer notices
                torch.onnx.export(
                    _plain_module(name),
                    _features(name, _ONNX_CHECK[:2]),  # padded: the attention mask stays in the graph
                    str(tmp),
                    dynamo=False,
                    input_names=list(_ONNX_INPUTS),
                    output_names=["sentence_embedding"],
                    dynamic_axes={n: {0: "batch", 1: "tokens"} for n in _ONNX_INPUTS}
                    | {"sentence_embedding": {0: "batch"}},
                    opset_version=_ONNX_OPSET,
                )
            model = OnnxModel.load(tmp, name, check=False)
            together = model.embed(_ONNX_CHECK)
            alone = np.vstack([model.embed([t]) for t in _ONNX_CHECK])
            cosine = float(min(np.sum(v * reference, axis=1).min() for v in (together, alone)))
            error = float(max(np.abs(v - reference).max() for v in (together, alone)))
            if cosine < _ONNX_MIN_COSINE:
                raise ValueError(f"its vectors reach only cosine {cosine:.7f} to sentence-transformers'")
            proto = onnx.load(str(tmp))
            onnx.helper.set_model_props(proto, {_ONNX_META: json.dumps(together[0].tolist())})
            onnx.save(proto, str(tmp))
            log.info("kept an ONNX copy of %s (cosine %.7f, difference %.1e)", name, cosine, error)

        _write_atomically(path, write)
        return True
    except Exception as e:  # no onnx or onnxruntime, an export or disk problem: the trace stands in
        log.warning("could not export %s to ONNX in %s: %s", name, path, e)
        return False


class Embedder(Protocol):
    """What retrieval, answering and sync need from an embedding model (hashable: indexes are keyed by it)."""

    def __hash__(self) -> int: ...

    def identity(self) -> str:
        """A stable id of the model: vectors from two embedders with the same identity agree."""
        ...

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
        """Unit-length float32 vectors of passages (``texts``), one row per text: ingest's call.

        ``precision`` (``fp32``, ``bf16`` or ``auto``) is a request an embedder may ignore;
        ingest passes ``NEWSDESK_PRECISION``. Sentences embedded while answering go through
        ``embed_sentences`` (``SentenceEmbedder`` embeds passages with torch, them without).
        """
        ...

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        """The (cached, read-only) vector of one question."""
        ...

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
        """Vectors of sentences while answering, cached: follow-up questions reuse the same passages."""
        ...

    def count_tokens(self, text: str) -> int:
        """The model's word pieces in ``text``, special tokens excluded."""
        ...

    def max_tokens(self) -> int:
        """Longest input embedded without truncation, special tokens excluded."""
        ...

    def warm_up(self) -> None:
        """Load the model now (a server calls it while it starts)."""
        ...

    def save_trace(self) -> bool:
        """Keep a copy of the model that loads faster for the next start, where there is one."""
        ...


_SENTENCE_CACHE = 20_000
_QUERY_CACHE = 4096


class SentenceEmbedder:
    """A sentence-transformers model (by name or local path), loaded on first use, once.

    Once ``keep_traces_in`` has named a folder (``open_index`` names its data folder's), it
    embeds with the model's copy there: the ONNX copy run by onnxruntime (no torch), else the
    traced one (where onnxruntime is missing, or only a trace was made), else sentence-transformers;
    ``save_trace`` makes the copy where there is none (the app does, once it has started).
    ``embed`` (ingest's passages) always uses torch: sentence-transformers, or the trace.

    It owns the sentence- and question-vector caches (20,000 and 4,096 vectors, 30 MB and 6 MB
    for MiniLM, least recently added dropped first) under a lock: the chat's worker threads
    share them.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._folder: Path | None = None
        self._tried = False
        self._fast: OnnxModel | TracedModel | None = None
        self._sentences: OrderedDict[str, np.ndarray[Any, Any]] = OrderedDict()
        self._queries: OrderedDict[str, np.ndarray[Any, Any]] = OrderedDict()

    def __repr__(self) -> str:
        return f"SentenceEmbedder({self.name!r})"

    def identity(self) -> str:
        """A local model folder is identified by its configuration and weight size, not its path,
        so moving the virtual environment does not force a rebuild."""
        model = Path(self.name)
        if not model.is_dir():
            return self.name
        parts = [
            (model / name).read_text(encoding="utf-8")
            for name in ("config.json", "modules.json")
            if (model / name).is_file()
        ]
        parts += [str(p.stat().st_size) for p in sorted(model.glob("*.safetensors"))]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def keep_traces_in(self, folder: Path) -> None:
        """Embed with the model's copy in ``folder`` (when there is one: ONNX, else traced); the
        first folder named is kept (``open_index`` names its data folder's)."""
        with self._load_lock:
            if self._folder is None:
                self._folder = folder

    def fast_copy(self) -> OnnxModel | TracedModel | None:
        """The model's copy in the folder named, loaded on the first call; None where there is none.

        The ONNX copy where onnxruntime is installed, else the trace. A damaged or mismatched file
        is deleted (``save_trace`` makes it again). A thread that asks while another loads it
        waits, rather than load sentence-transformers.
        """
        with self._load_lock:
            if self._folder is not None and not self._tried:
                self._tried = True
                identity = self.identity()
                self._fast = self._load(onnx_file(self._folder, self.name, identity), OnnxModel.load)
                if self._fast is None:
                    self._fast = self._load(traced_file(self._folder, self.name, identity), TracedModel.load)
            return self._fast

    def _load(
        self, path: Path | None, load: Callable[[Path, str], OnnxModel | TracedModel]
    ) -> OnnxModel | TracedModel | None:
        if path is None or not path.is_file():
            return None
        try:
            return load(path, self.name)
        except ImportError as e:  # onnxruntime is not installed: the file stays for when it is
            log.info("not using the model's copy %s: %s", path, e)
        except Exception as e:  # a damaged or foreign file: save_trace makes it again
            log.warning("not using the model's copy %s: %s", path, e)
            path.unlink(missing_ok=True)
        return None

    def warm_up(self) -> None:
        """Load the model now: its ONNX or traced copy where there is one, else sentence-transformers."""
        self.embed_query("warm up")

    def save_trace(self) -> bool:
        """Make the copy of the model that later starts load, unless the folder has it: the ONNX
        copy where onnxruntime (and ``onnx``, to export it) are installed, else the trace.

        Returns:
            Whether the folder holds a copy this process can load now.
        """
        if self._folder is None:
            return False
        identity = self.identity()
        path = onnx_file(self._folder, self.name, identity)
        if (
            path is not None
            and _importable("onnxruntime")
            and (path.is_file() or export_onnx(self.name, path))
        ):
            return True
        path = traced_file(self._folder, self.name, identity)
        return path is not None and (path.is_file() or export_traced(self.name, path))

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
        """Passages, as ingest embeds them: with torch, never the ONNX copy. Batches of long
        texts run faster in torch (64 passages of 230 word pieces: 3.9 s of CPU against 5.6 s in
        onnxruntime, one thread each), where one question is the other way round (15 ms against
        8 ms). At fp32 the trace is used where it is the copy loaded, else sentence-transformers.
        """
        if resolve_precision(precision) == "fp32":
            fast = self.fast_copy()
            if isinstance(fast, TracedModel):
                return fast.embed(texts, batch_size)
        return embed(self.name, texts, batch_size, precision=precision)

    def _embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray[Any, Any]:
        """fp32 vectors: from the model's ONNX or traced copy once loaded, else from sentence-transformers."""
        fast = self.fast_copy()
        return fast.embed(texts, batch_size) if fast is not None else embed(self.name, texts, batch_size)

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        if self.fast_copy() is None:
            return embed_query(self.name, text)
        with self._lock:
            vector = self._queries.get(text)
        if vector is None:
            vector = self._embed([text])[0]
            vector.setflags(write=False)  # shared by every caller of the cache
            with self._lock:
                self._queries[text] = vector
                while len(self._queries) > _QUERY_CACHE:
                    self._queries.popitem(last=False)
        return vector

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._sentences]
        if missing:
            rows = self._embed(missing, batch_size)  # outside the lock: others keep reading
            with self._lock:
                for text, row in zip(missing, rows, strict=True):
                    row.setflags(write=False)
                    self._sentences[text] = row
                while len(self._sentences) > _SENTENCE_CACHE:
                    self._sentences.popitem(last=False)
                found = {t: self._sentences.get(t) for t in texts}
        else:
            with self._lock:
                found = {t: self._sentences.get(t) for t in texts}
        # A text evicted between the two steps (over 20,000 new ones meanwhile) is embedded again.
        lost = [t for t, v in found.items() if v is None]
        if lost:
            found.update(zip(lost, self._embed(lost, batch_size), strict=True))
        return [found[t] for t in texts]  # type: ignore[misc]

    def forget(self) -> None:
        """Empty the sentence- and question-vector caches (benchmarks of cold questions)."""
        with self._lock:
            self._sentences.clear()
            self._queries.clear()

    def count_tokens(self, text: str) -> int:
        return count_tokens(self.name, text)

    def max_tokens(self) -> int:
        return max_tokens(self.name)


@lru_cache(maxsize=4)
def sentence_embedder(name: str) -> SentenceEmbedder:
    """The one ``SentenceEmbedder`` of model ``name`` in this process."""
    return SentenceEmbedder(name)


_FAKE_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FakeEmbedder:
    """Hashed bag of words: each lower-cased word adds 1 to one of ``dim`` coordinates; unit length.

    Deterministic across processes (blake2b, not ``hash``), about 20 µs a text. Texts that share
    words have a positive cosine, texts that share none have zero (up to hash collisions), which
    is all that logic tests of sync, fusion, filters, MMR and composition need. A "token" is a word.
    """

    dim: int = 384  # as MiniLM, so a test may write a vector of either

    def identity(self) -> str:
        return f"fake-hashed-bag-of-words-{self.dim}"

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _FAKE_WORD.findall(text.lower()):
                slot = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
                out[row, slot % self.dim] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
            else:
                out[row, 0] = 1.0  # no words: still a unit vector
        return out

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        vector: np.ndarray[Any, Any] = self.embed([text])[0]
        vector.setflags(write=False)
        return vector

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
        return list(self.embed(texts))

    def count_tokens(self, text: str) -> int:
        return len(_FAKE_WORD.findall(text))

    def max_tokens(self) -> int:
        return 510

    def warm_up(self) -> None:
        pass

    def save_trace(self) -> bool:
        return False
