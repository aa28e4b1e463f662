"""What a querying process holds per article: the catalog, its stories, the spelling corrector.

Reads a ``catalog.db`` the way a question does (``load_catalog``, ``build_stories``,
``speller_for``) in this fresh process and counts the Python objects each step leaves alive
with tracemalloc, per article, and the bytes of each record's fields. tracemalloc's own
bookkeeping inflates the RSS, so the process's peak RSS is measured by ``bench.scale_bench``,
not here. The catalog is migrated on open when it was written by an earlier version: measure a
copy.

    python -m bench.catalog_memory .bench/scale-100000/data/catalog.db
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

FIELDS = ("source", "file", "title", "published", "outlet", "url", "lede", "chunk", "names", "words", "story")


def _deep(value: Any, seen: set[int]) -> int:
    """Bytes of ``value`` and of the strings in it, each object counted once."""
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, tuple | list | set | frozenset):
        size += sum(_deep(v, seen) for v in value)
    return size


def measure(path: Path) -> dict[str, Any]:
    """Bytes held after each step a question takes, per article, and seconds per step."""
    from qa.catalog import load_catalog
    from qa.question import speller_for
    from qa.stories import build_stories

    out: dict[str, Any] = {}
    gc.collect()
    tracemalloc.start()

    def step(name: str, run: Any) -> Any:
        before, start = tracemalloc.get_traced_memory()[0], time.perf_counter()
        result = run()
        gc.collect()
        out[f"{name}_bytes"] = tracemalloc.get_traced_memory()[0] - before
        out[f"{name}_s"] = round(time.perf_counter() - start, 2)
        return result

    catalog = step("catalog", lambda: load_catalog(path))
    stories = step("stories", lambda: build_stories(catalog))
    speller = step("speller", lambda: speller_for(catalog))
    tracemalloc.stop()
    n = max(1, len(catalog.articles))
    out["articles"] = len(catalog.articles)
    for name in ("catalog", "stories", "speller"):
        out[f"{name}_per_article"] = round(out[f"{name}_bytes"] / n)
    seen: set[int] = set()
    fields = dict.fromkeys(FIELDS, 0)
    for record in catalog.articles.values():
        for f in FIELDS:
            fields[f] += _deep(getattr(record, f), seen)
    out["field_bytes_per_article"] = {f: round(b / n) for f, b in fields.items()}
    del stories, speller  # held until here, as a question holds them
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("catalog", type=Path, help="a catalog.db (a copy: it may be migrated)")
    print(json.dumps(measure(parser.parse_args().catalog), indent=1))


if __name__ == "__main__":
    main()
