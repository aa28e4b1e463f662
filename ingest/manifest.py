"""The ingest manifest: what is in the index, per article, and under which pipeline.

A small JSON file in the data directory maps each article path to the hash of its bytes and
the ids of its chunks. Comparing file hashes against it tells a sync what changed without
chunking, embedding, or even importing Chroma, so a no-op sync over thousands of articles
takes a fraction of a second. (LangChain's ``index()`` keeps per-chunk hashes instead, which
means loading and re-chunking every article on every sync just to learn that nothing changed.)

It is written atomically (temp file + rename). ``dirty`` is set before a sync touches the
store and cleared when it finishes, so a sync that was killed half-way is detected and the
next one removes whatever the killed one left behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qa.store import write_json

__all__ = ["Entry", "Manifest"]

VERSION = 1


@dataclass(frozen=True)
class Entry:
    """One article file: the hash of its bytes, the ids of its chunks, and what was skipped.

    ``skipped`` holds (path, reason) for the file itself when it yielded nothing, or for
    records of a feed, so an unchanged bad file is reported again without re-reading it.
    """

    sha256: str
    ids: tuple[str, ...]
    title: str = ""
    skipped: tuple[tuple[str, str], ...] = ()


@dataclass
class Manifest:
    """The index's record of itself. Mutable: a sync updates it as it goes."""

    fingerprint: str = ""
    dirty: bool = False
    articles: dict[str, Entry] = field(default_factory=dict)
    folder: str = ""  # the resolved articles folder this index holds; empty before it is known

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read the manifest, or an empty one when there is none (or it is unreadable)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(dirty=path.exists())
        if raw.get("version") != VERSION:
            return cls(dirty=True)
        return cls(
            fingerprint=raw.get("fingerprint", ""),
            dirty=bool(raw.get("dirty", False)),
            folder=str(raw.get("folder", "")),
            articles={
                k: Entry(
                    v["sha256"],
                    tuple(v["ids"]),
                    v.get("title", ""),
                    tuple((str(p), str(r)) for p, r in v.get("skipped", [])),
                )
                for k, v in raw.get("articles", {}).items()
            },
        )

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old manifest or the new one, never half."""
        raw = {
            "version": VERSION,
            "fingerprint": self.fingerprint,
            "dirty": self.dirty,
            "folder": self.folder,
            "articles": {
                k: {
                    "sha256": e.sha256,
                    "ids": list(e.ids),
                    "title": e.title,
                    "skipped": [list(x) for x in e.skipped],
                }
                for k, e in sorted(self.articles.items())
            },
        }
        write_json(path, raw)

    def all_ids(self) -> set[str]:
        """Every chunk id the index should hold."""
        return {i for e in self.articles.values() for i in e.ids}
