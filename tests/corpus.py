"""Synthetic articles made from the seeds' sentences, for tests that need many files."""

from __future__ import annotations

import random
from pathlib import Path

from qa.text import sentence_spans
from tests.conftest import SEEDS


def _sentences() -> list[str]:
    out = []
    for f in sorted(SEEDS.iterdir()):
        text = f.read_text()
        out += [text[a:b] for a, b in sentence_spans(text) if len(text[a:b].split()) > 6]
    return out


def make_corpus(folder: Path, count: int, *, seed: int = 0, prefix: str = "gen") -> list[Path]:
    """Write ``count`` articles of six shuffled seed sentences each, with unique titles."""
    rng = random.Random(seed)
    sentences = _sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{prefix}-{i:04d}.txt"
        body = " ".join(rng.sample(sentences, 6))
        path.write_text(f"{prefix.title()} story {i} (seed {seed})\n\n{body} Story {prefix}-{i} ends here.\n")
        paths.append(path)
    return paths
