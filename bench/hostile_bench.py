"""Chunking cost of text that is not prose, against ordinary prose of the same size.

The floor is chunking ``--mb`` megabytes of ordinary prose (seed sentences, one per line); the
same run chunks the same amount as one line of words with no sentence end, and as one "word"
of hex digits with no space. Before chunking was bounded a 5 MB single line took 8 min 42 s
and a line with no spaces became a single chunk of its whole length.

    python -m bench.hostile_bench            # 1 MB of each
    python -m bench.hostile_bench --mb 0.3
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time

from bench.common import ROOT
from ingest.chunk import chunk_article
from ingest.load import parse_article
from qa.settings import Settings
from qa.text import sentence_spans


def _texts(size: int) -> dict[str, str]:
    sentences = []
    for f in sorted((ROOT / "seeds").iterdir()):
        text = f.read_text()
        sentences += [text[a:b] for a, b in sentence_spans(text) if len(text[a:b].split()) > 6]
    rng = random.Random(0)
    prose: list[str] = []
    while sum(map(len, prose)) < size:
        prose.append(" ".join(rng.sample(sentences, 5)))
    words = " ".join(prose).replace(".", "").replace("\n", " ")
    blob = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(size // 64 + 1))
    return {
        "prose, a paragraph a line (floor)": "\n".join(prose),
        "one line, no sentence end": words,
        "one line, no space": blob,
    }


def main() -> None:
    """Chunk each text once and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of each kind of text")
    args = parser.parse_args()
    settings = Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(ROOT / "seeds")})
    chunk_article(parse_article("warm.txt", b"Warm up\n\nA sentence."), settings)
    print(f"| text ({args.mb:g} MB) | chunks | longest chunk (chars) | seconds | vs floor |")
    print("|---|---|---|---|---|")
    floor = 0.0
    for label, text in _texts(int(args.mb * 1e6)).items():
        article = parse_article("bench.txt", f"Bench\n\n{text}\n".encode())
        started = time.perf_counter()
        chunks = chunk_article(article, settings)
        seconds = time.perf_counter() - started
        floor = floor or seconds
        longest = max(len(c.text) for c in chunks)
        print(f"| {label} | {len(chunks)} | {longest:,} | {seconds:.2f} | {seconds / floor:.1f}× |")


if __name__ == "__main__":
    main()
