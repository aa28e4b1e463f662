"""Fuzzing the loaders and the sync: random bytes, encodings, nesting and sizes.

Invariants: loading a file never raises (it yields articles or a reason); every article has
text and offsets that point into it; a sync of a folder of random files succeeds, every file
is indexed or reported, and the store equals a clean rebuild of the same folder (the sync runs
the real pipeline with ``FakeEmbedder``, so it is fast enough to run three seeds unmarked).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import sync
from ingest.load import SUFFIXES, find_files
from ingest.manifest import Manifest
from ingest.sync import _load
from qa.embedder import FakeEmbedder
from qa.index import open_index
from qa.store import manifest_path, open_collection
from tests.conftest import settings_for

ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "latin-1",
    "cp1252",
    "cp1251",
]
NAMES = sorted(f"fuzz{s}" for s in SUFFIXES)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(["title", "text", "x"]), inner)
    ),
    max_leaves=30,
)


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "json", "nested", "html"]))
    if kind == "bytes":
        return draw(st.binary(max_size=3000))
    if kind == "text":
        text = draw(st.text(max_size=2000))
        return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if kind == "json":
        value = draw(json_values)
        lines = [json.dumps(value) for _ in range(draw(st.integers(1, 3)))]
        return "\n".join(lines).encode()
    if kind == "nested":
        depth = draw(st.integers(1, 20_000))
        return b"[" * depth + b"]" * draw(st.integers(0, depth))
    body = draw(st.text(max_size=500))
    return f"<html><head><title>{body[:40]}</title></head><body><p>{body}</p></body></html>".encode(
        draw(st.sampled_from(ENCODINGS)), errors="replace"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), data=file_bytes())
def test_loading_any_bytes_yields_articles_or_reasons(name: str, data: bytes) -> None:
    loaded = _load(name, data)
    assert loaded.articles or loaded.skipped
    for path, reason in loaded.skipped:
        assert path.startswith(name) and reason
    for article in loaded.articles:
        assert article.body.strip() and article.title
        assert 0 <= article.body_start <= len(article.text)


def _hostile_folder(folder: Path, seed: int, count: int) -> None:
    """``count`` random files, about a third of them readable articles."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = [
        "ferry",
        "strike",
        "harbour",
        "council",
        "budget",
        "election",
        "storm",
        "court",
        "ruling",
        "market",
    ]
    for i in range(count):
        suffix = rng.choice(sorted(SUFFIXES))
        kind = rng.choice(["prose", "prose", "bytes", "encoded", "nested", "empty", "feed"])
        prose = " ".join(rng.choice(words) for _ in range(rng.randint(5, 120))) + "."
        if kind == "prose":
            data = f"Story {i}\n\n{prose}\n".encode()
        elif kind == "bytes":
            data = rng.randbytes(rng.randint(1, 4000))
        elif kind == "encoded":
            data = f"Story {i}\n\n{prose}\n".encode(rng.choice(ENCODINGS))
        elif kind == "nested":
            data = b"[" * rng.randint(1, 20_000)
        elif kind == "feed":
            data = "\n".join(
                json.dumps({"title": f"Record {i}.{n}", "text": prose}) if rng.random() < 0.7 else "{broken"
                for n in range(3)
            ).encode()
        else:
            data = b""
        (folder / f"f{i:03d}{suffix}").write_bytes(data)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_sync_of_random_files_matches_a_clean_rebuild(tmp_path: Path, seed: int) -> None:
    folder = tmp_path / "articles"
    _hostile_folder(folder, seed, 40)
    first = open_index(settings_for(folder, tmp_path / "data"), embedder=FakeEmbedder())
    sync(index=first)
    # Edit, delete and add a few files, then sync again: the result must not depend on history.
    files = sorted(folder.iterdir())
    for path in files[:3]:
        path.write_bytes(path.read_bytes() + b"\nA later correction.\n")
    for path in files[3:6]:
        path.unlink()
    _hostile_folder(folder / "late", seed + 100, 8)
    report = sync(index=first).to_dict()
    accounted = set(report["added"]) | set(report["updated"]) | set(report["unchanged"])
    accounted |= {s["path"].split("#", 1)[0] for s in report["skipped"]}
    present = {p.relative_to(folder).as_posix() for p in find_files(folder)}
    assert present <= accounted, "every file is indexed or reported"
    clean = open_index(settings_for(folder, tmp_path / "clean"), embedder=FakeEmbedder())
    sync(index=clean)
    stored = open_collection(first.settings).get(include=[])["ids"]
    assert len(stored) == len(set(stored))
    assert set(stored) == set(open_collection(clean.settings).get(include=[])["ids"]), (
        "equals a clean rebuild"
    )
    manifest = Manifest.load(manifest_path(first.settings))
    assert set(stored) == manifest.all_ids() and not manifest.dirty
