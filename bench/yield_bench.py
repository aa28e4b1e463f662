"""How long a small upload waits behind a large file's sync in the app, before and after syncs gave way.

The app runs one sync at a time (``ingest.worker.SyncWorker``). Each run starts the sync of a
``--mb`` MB article (SciFact abstracts one after another, a paragraph each; prose made of seed
sentences repeats them so much that dense search confuses its passages), and once the first slice
of its passages is embedded, adds a one-paragraph article and asks for a sync, as a second upload
does. "before" is the worker with syncs that never give way (the app before this change: the
small upload waits for the whole large file); "after" lets them give way. The floor is the small
upload's sync with nothing else running, in the same run. Every run starts from the seeds indexed
in a fresh data folder, with the real model.

    python -m bench.yield_bench            # 2 MB
    python -m bench.yield_bench --mb 1
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ingest
from bench.common import DATASETS, ROOT
from ingest.worker import SyncWorker
from qa.embedder import Embedder
from qa.index import Index, open_index
from qa.settings import Settings

SMALL = "Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days, said union leader Mira Okafor.\n"


class _Counting:
    """The real embedder, counting the passages it embeds (the small upload waits for the first slice)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.calls = 0
        self.texts = 0

    def identity(self) -> str:
        return self.inner.identity()

    def embed(self, texts: Sequence[str], batch_size: int = 32, *, precision: str = "fp32") -> Any:
        out = self.inner.embed(texts, batch_size, precision=precision)
        self.calls, self.texts = self.calls + 1, self.texts + len(texts)
        return out

    def embed_query(self, text: str) -> Any:
        return self.inner.embed_query(text)

    def embed_sentences(self, texts: Sequence[str], batch_size: int = 32) -> list[Any]:
        return self.inner.embed_sentences(texts, batch_size)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def max_tokens(self) -> int:
        return self.inner.max_tokens()

    def warm_up(self) -> None:
        self.inner.warm_up()

    def save_trace(self) -> bool:
        return self.inner.save_trace()


def _fresh(base: Path, name: str, inner: Embedder) -> tuple[Index, _Counting]:
    """The seeds indexed in a data folder of their own."""
    folder = base / name / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    settings = Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(folder), "NEWSDESK_DATA_DIR": str(base / name / "data")}
    )
    counting = _Counting(inner)
    index = open_index(settings, embedder=counting)
    ingest.sync(index=index)
    counting.calls = counting.texts = 0
    return index, counting


def _wait(condition: Any, what: str, timeout: float = 3600) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.05)


def _run(base: Path, mode: str, large: str, inner: Embedder) -> tuple[float, float, int]:
    """(seconds the small upload waited, seconds until the large file was indexed, passages embedded)."""
    index, counting = _fresh(base, mode, inner)
    worker = SyncWorker(lambda: index)
    if mode == "before":

        def never_yield(covers: int, progress: bool, *, eager: bool) -> ingest.SyncReport:
            return ingest.sync(progress=progress, index=index)

        worker._sync = never_yield  # type: ignore[method-assign]
    folder = index.settings.articles_dir
    (folder / "large.txt").write_text(large)
    started = time.perf_counter()
    first = threading.Thread(target=worker.sync)
    first.start()
    _wait(lambda: counting.calls >= 1, "the large file's first slice")
    (folder / "small.txt").write_text(SMALL)
    asked = time.perf_counter()
    report = worker.sync()
    waited = time.perf_counter() - asked
    if "small.txt" not in report.added:
        raise RuntimeError(f"the small upload was not indexed: {report}")
    first.join()
    _wait(lambda: not worker.pending()[0], "the large file, finished in the background")
    done = time.perf_counter() - started
    if "large.txt" not in ingest.status(index.settings).articles:
        raise RuntimeError("the large file was not indexed")
    return waited, done, counting.texts


def _large(size: int) -> str:
    """``size`` bytes of SciFact abstracts, a paragraph each, as one article."""
    corpus = DATASETS / "scifact" / "corpus.jsonl"
    if not corpus.is_file():
        raise SystemExit(f"SciFact is not at {corpus}: set NEWSDESK_DATASETS to the datasets folder.")
    paragraphs: list[str] = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            paragraphs.append(str(json.loads(line)["text"]))
            if sum(map(len, paragraphs)) >= size:
                break
    return "A large article\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> None:
    """Run the floor, before and after, and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of the large article")
    args = parser.parse_args()
    large = _large(int(args.mb * 1e6))
    inner = open_index(Settings.from_env({"NEWSDESK_ARTICLES_DIR": str(ROOT / "seeds")})).embedder
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        index, _ = _fresh(base, "floor", inner)
        (index.settings.articles_dir / "small.txt").write_text(SMALL)
        started = time.perf_counter()
        SyncWorker(lambda: index).sync()
        floor = time.perf_counter() - started
        print(
            f"| run ({args.mb:g} MB article, then a small one) | small upload waited (s) | vs floor "
            "| large article indexed after (s) | passages embedded |"
        )
        print("|---|---|---|---|---|")
        print(f"| floor: the small upload alone | {floor:.2f} | 1.0× | | |")
        for mode in ("before", "after"):
            waited, done, texts = _run(base, mode, large, inner)
            print(f"| {mode} | {waited:.2f} | {waited / floor:.1f}× | {done:.1f} | {texts} |", flush=True)


if __name__ == "__main__":
    main()
