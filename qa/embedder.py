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
torch.fx (3.1 s of CPU to load, measured): the trace is the fast path while torch keeps it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
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
    "SentenceEmbedder",
    "TracedModel",
    "count_tokens",
    "embed",
    "embed_query",
    "export_traced",
    "load_model",
    "max_tokens",
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
        return np.zeros((0, model.get_sentence_embedding_dimension() or 0), dtype=np.float32)
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


def set_threads(threads: int) -> None:
    """Use ``threads`` intra-op threads for every torch call of this process (0: torch's default).

    A server that runs requests concurrently sets 1: with two cores and eight requests, each
    torch call using both cores oversubscribes them (``NEWSDESK_SERVE_THREADS``).
    """
    if threads > 0:
        import torch

        torch.set_num_threads(threads)


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


# --- the traced copy: questions embedded without importing sentence-transformers ---------------

_TRACE_FORMAT = "1"  # bump when what a trace holds changes
_TRACE_TOLERANCE = 1e-4  # largest difference from sentence-transformers a saved trace may show
_TRACE_CHECK = [
    "Who is Russia's ambassador to the UN?",
    "x",
    "  Leading and trailing spaces.  ",
    "Zelensky's truce: “quoted” naïve café, 2025-05-03, $1.2bn.",
    "word " * 400,  # truncated at the model's longest input
]


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


def _features(name: str, texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Token ids, attention mask and token types of ``texts``, stripped as sentence-transformers
    strips them."""
    import torch

    tok, lower = _padded_tokenizer(name)
    encodings = tok.encode_batch([t.strip().lower() if lower else t.strip() for t in texts])
    ids, mask, types = (
        torch.tensor([getattr(e, field) for e in encodings], dtype=torch.long)
        for field in ("ids", "attention_mask", "type_ids")
    )
    return ids, mask, types


def traced_file(folder: Path, name: str, identity: str) -> Path | None:
    """Where the trace of model ``name`` lives in ``folder``; None for a model that is not a local
    folder with a ``tokenizer.json`` (the trace is tokenized with the small ``tokenizers`` library).

    The file name is keyed by the model's identity and the versions of the libraries that made
    the trace, so an upgrade traces again instead of loading a stale copy.
    """
    if not (Path(name) / "tokenizer.json").is_file():
        return None
    from importlib.metadata import PackageNotFoundError, version

    parts = [_TRACE_FORMAT, identity]
    for package in ("torch", "transformers", "sentence-transformers", "tokenizers"):
        try:
            parts.append(version(package))
        except PackageNotFoundError:
            parts.append("-")
    return folder / (hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16] + ".torchscript")


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

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the TorchScript deprecation notice
            module = torch.jit.load(str(path), map_location="cpu")  # type: ignore[no-untyped-call]
        return cls(module.eval(), name)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray[Any, Any]:
        """Unit-length float32 vectors of ``texts``, longest first in batches, as ``embed`` does."""
        import numpy as np
        import torch

        items = list(texts)
        out = np.zeros((len(items), 0), dtype=np.float32)
        lengths = _token_lengths(self._name, items)
        order = sorted(range(len(items)), key=lambda i: -lengths[i])
        # The plain interpreter: TorchScript's optimising executor re-profiles the graph for each
        # new input shape, and every question and passage has its own length.
        with torch.inference_mode(), torch.jit.optimized_execution(False):  # type: ignore[attr-defined]
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                matrix = self._module(*_features(self._name, [items[i] for i in batch])).float().numpy()
                if not out.shape[1]:
                    out = np.zeros((len(items), matrix.shape[1]), dtype=np.float32)
                out[batch] = matrix
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)  # type: ignore[no-any-return]


def export_traced(name: str, path: Path) -> bool:
    """Trace the sentence-transformers model ``name`` into ``path``; False when it cannot be.

    The trace is kept only when it gives sentence-transformers' vectors (``_TRACE_CHECK``, as a
    padded batch and one by one); it is written to a temporary file and renamed, so a reader
    never sees half of one.
    """
    import warnings

    import numpy as np
    import torch

    class _Wrapped(torch.nn.Module):
        """The model's modules as one function of plain tensors (what tracing needs)."""

        def __init__(self) -> None:
            super().__init__()
            self.model = load_model(name)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
            features = {"input_ids": ids, "attention_mask": mask}
            if with_types:
                features["token_type_ids"] = types
            return self.model(features)["sentence_embedding"]  # type: ignore[no-any-return]

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        model = load_model(name)
        tokenize = getattr(model, "preprocess", None) or model.tokenize  # the name before 6.0
        with_types = "token_type_ids" in tokenize(["x"])  # a BERT's; other models have none
        reference = embed(name, _TRACE_CHECK, precision="fp32")
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about Python branches it fixed
            # A padded batch, so the attention mask is part of the graph and not dropped.
            example = _features(name, _TRACE_CHECK[:2])
            module = torch.jit.trace(_Wrapped().eval(), example, check_trace=False)  # type: ignore[no-untyped-call]
        traced = TracedModel(module, name)
        together = traced.embed(_TRACE_CHECK)
        alone = np.vstack([traced.embed([t]) for t in _TRACE_CHECK])
        error = float(max(np.abs(together - reference).max(), np.abs(alone - reference).max()))
        if error > _TRACE_TOLERANCE:
            log.warning("not using a traced %s: its vectors differ by %.1e", name, error)
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(".*.tmp"):  # left by a process killed while saving
            stale.unlink(missing_ok=True)
        module.save(str(tmp))
        os.replace(tmp, path)
        return True
    except Exception as e:  # any model, torch or disk problem leaves sentence-transformers in use
        log.warning("could not trace %s into %s: %s", name, path, e)
        tmp.unlink(missing_ok=True)
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
        """Unit-length float32 vectors of ``texts``, one row per text.

        ``precision`` (``fp32``, ``bf16`` or ``auto``) is a request an embedder may ignore;
        ingest passes ``NEWSDESK_PRECISION``.
        """
        ...

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        """The (cached, read-only) vector of one question."""
        ...

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[np.ndarray[Any, Any]]:
        """Vectors of passage sentences, cached: follow-up questions reuse the same passages."""
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
    embeds with the model's traced copy there; where there is none, ``save_trace`` makes one
    (the app does, once it has started).
    ``embed`` at bf16 (ingest on CPUs that do bf16) always uses sentence-transformers.

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
        self._traced: TracedModel | None = None
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
        """Embed with the traced copy of the model in ``folder`` (when there is one); the first
        folder named is kept (``open_index`` names its data folder's)."""
        with self._load_lock:
            if self._folder is None:
                self._folder = folder

    def traced(self) -> TracedModel | None:
        """The traced copy in the folder named, loaded on the first call; None where there is none.

        A thread that asks while another loads it waits, rather than load sentence-transformers.
        """
        with self._load_lock:
            if self._folder is not None and not self._tried:
                self._tried = True
                path = traced_file(self._folder, self.name, self.identity())
                if path is not None and path.is_file():
                    try:
                        self._traced = TracedModel.load(path, self.name)
                    except Exception as e:  # a damaged or foreign file: save_trace makes it again
                        log.warning("not using the traced model %s: %s", path, e)
                        path.unlink(missing_ok=True)
            return self._traced

    def warm_up(self) -> None:
        """Load the model now: its traced copy where there is one, else sentence-transformers."""
        self.embed_query("warm up")

    def save_trace(self) -> bool:
        """Trace the model into the folder ``keep_traces_in`` named, unless a trace of it is there.

        Returns:
            Whether the folder holds a trace of the model now.
        """
        path = None if self._folder is None else traced_file(self._folder, self.name, self.identity())
        if path is None:
            return False
        return path.is_file() or export_traced(self.name, path)

    def embed(
        self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32"
    ) -> np.ndarray[Any, Any]:
        if resolve_precision(precision) != "fp32":
            return embed(self.name, texts, batch_size, precision=precision)
        return self._embed(texts, batch_size)

    def _embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray[Any, Any]:
        """fp32 vectors: from the traced copy once loaded, else from sentence-transformers."""
        traced = self.traced()
        return traced.embed(texts, batch_size) if traced is not None else embed(self.name, texts, batch_size)

    def embed_query(self, text: str) -> np.ndarray[Any, Any]:
        if self.traced() is None:
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
