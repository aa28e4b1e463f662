"""The BM25 side of hybrid retrieval: a tantivy index over every stored chunk, updated in place.

The index lives in ``<data_dir>/lexical`` next to the Chroma store. A sync deletes and adds the
chunks it wrote or removed and commits (``update``), so one changed article costs tens of
milliseconds whatever the size of the archive; the bm25s index it replaces had to be rebuilt
whole on every sync that changed anything (4-9 s at 12k chunks, 7-24 s at 50k). Measured by
``python -m bench.lexical_bench`` on SciFact (``docs/architecture.md`` has the table and the
reasons): tantivy updated one article in 0.08-0.16 s at 50k chunks and answered a question in
0.5 ms; SQLite FTS5 updated faster (0.01 s) but scored every matching row, 67-79 ms a question
at 50k and growing with the archive; bm25s segments would need a merge that is a full rebuild.

Each chunk is indexed as its title plus text, tokenised exactly as before: bm25s's tokeniser
(lower-cased words of two or more characters, English stopwords removed, Snowball-stemmed).
The stems are stored space-separated and tantivy's whitespace tokeniser splits only there, so
both engines see the same terms; tantivy's BM25 (k1 = 1.2, b = 0.75) gave the same SciFact
BM25-only nDCG@10 as bm25s's (0.682 against 0.683). bm25s used k1 = 1.5; that constant, not the
one-byte document lengths, is what moved one RGB question from rank 5 to 6 (``docs/benchmarks.md``).
Deleted chunks count in tantivy's statistics until their segment is merged.

Each document also holds the chunk's id, article path, file and publication day (for the same
source and date filters as on the dense side) and a copy of its vector (read for the
candidates of a question only, so fusion and MMR need no second round trip to the store).
A commit is atomic: a sync killed mid-write leaves the last commit, and the next sync
reconciles it with the store. Readers, in this process or another (app replicas sharing a
data directory), reload when the index's ``meta.json`` changes.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.settings import Settings
from qa.store import LEXICAL_LEGACY, LEXICAL_VERSION_FILE, lexical_path, lexical_published
from qa.text import stemmer as _stemmer  # the one Snowball stemmer, shared with content words

if TYPE_CHECKING:
    import tantivy

__all__ = ["LexicalIndex", "build", "load", "tokenize", "update"]

_HEAP = 64_000_000  # bytes the writer buffers before flushing a segment

Row = tuple[str, str, dict[str, Any]]  # (chunk id, text, metadata)


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """BM25 tokens: lower-cased words of two or more characters, no stopwords, stemmed."""
    import bm25s

    return bm25s.tokenize(  # type: ignore[no-any-return]
        list(texts), stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


def path(settings: Settings) -> Path:
    """The index folder in the data directory."""
    return lexical_path(settings)


@lru_cache(maxsize=1)
def _schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("file", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    builder.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    builder.add_bytes_field("vector", stored=True)
    return builder.build()


def _open(folder: Path) -> tantivy.Index:
    import tantivy

    folder.mkdir(parents=True, exist_ok=True)
    return tantivy.Index(_schema(), path=str(folder), reuse=True)


def exists(settings: Settings) -> bool:
    """Whether an index has been built in this data directory."""
    return lexical_published(settings)


# ── writing (the sync) ────────────────────────────────────────────────────────


def build(settings: Settings, rows: Sequence[Row], vectors: Any = None) -> None:
    """Replace the whole index with ``rows`` and their vectors (a first build or a rebuild)."""
    _write(settings, rows, (), vectors, everything=True)
    for name in LEXICAL_LEGACY:
        old = settings.data_dir / name
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        elif old.exists():
            old.unlink()


def update(settings: Settings, added: Sequence[Row], removed: Iterable[str], vectors: Any = None) -> None:
    """Remove the chunks ``removed`` and add (or replace) ``added``, in one commit.

    ``vectors`` is row-aligned with ``added`` (or None). Ids that are not indexed are ignored,
    so replaying an update after a crash is harmless.
    """
    _write(settings, added, removed, vectors, everything=False)


def _write(
    settings: Settings, rows: Sequence[Row], removed: Iterable[str], vectors: Any, everything: bool
) -> None:
    import tantivy

    writer = _open(path(settings)).writer(heap_size=_HEAP, num_threads=1)
    try:
        if everything:
            writer.delete_all_documents()
        else:
            for ident in {*removed, *(i for i, _, _ in rows)}:
                writer.delete_documents_by_term("id", ident)
        matrix = None if vectors is None or not len(rows) else np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(rows), 2000):
            part = rows[start : start + 2000]
            tokens = tokenize([f"{meta.get('title', '')}\n{text}" for _, text, meta in part])
            for n, ((ident, _, meta), words) in enumerate(zip(part, tokens, strict=True)):
                doc = tantivy.Document()
                doc.add_text("id", ident)
                doc.add_text("source", str(meta.get("source", "")))
                doc.add_text("file", str(meta.get("file", meta.get("source", ""))))
                doc.add_integer("day", int(meta.get("published_day", 0) or 0))
                doc.add_text("terms", " ".join(words))
                if matrix is not None:
                    doc.add_bytes("vector", matrix[start + n].tobytes())
                writer.add_document(doc)
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    # Small segments are merged in the background; waiting keeps their number bounded.
    writer.wait_merging_threads()


def indexed_ids(settings: Settings) -> set[str]:
    """Every chunk id in the index (for reconciling it with the store after a crash)."""
    if not exists(settings):
        return set()
    import tantivy

    index = _open(path(settings))
    index.reload()
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit=max(searcher.num_docs, 1)).hits
    return {str(searcher.doc(address)["id"][0]) for _, address in hits}


# ── reading (retrieval) ───────────────────────────────────────────────────────


@dataclass(frozen=True)
class LexicalIndex:
    """An opened index at one commit: BM25 search with filters, and stored fields by chunk id."""

    index: tantivy.Index
    searcher: tantivy.Searcher
    version: tuple[int, int]  # (inode, mtime) of meta.json at that commit

    @property
    def size(self) -> int:
        """Number of indexed chunks."""
        return int(self.searcher.num_docs)

    def search(
        self,
        question: str,
        limit: int,
        sources: Sequence[str] | None = None,
        after: int = 0,
        before: int = 0,
        ids: Sequence[str] | None = None,
        undated: bool = False,
    ) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) of the best ``limit`` chunks matching a word of ``question``.

        ``sources`` (article paths or feed files), ``after`` and ``before`` (YYYYMMDD,
        inclusive; 0 for none) filter as on the dense side; ``ids`` restricts the search to
        those chunks (to score the dense side's candidates). With ``undated``, articles without
        a date pass the date bounds too.
        """
        import tantivy

        words = tokenize([question])[0]
        if not words or limit <= 0 or ids == []:
            return []
        schema = _schema()
        text = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "terms", w)) for w in words]
        )
        filters: list[Any] = []
        if sources:
            wanted = list(sources)
            filters.append(
                tantivy.Query.boolean_query(
                    [
                        (tantivy.Occur.Should, tantivy.Query.term_set_query(schema, "source", wanted)),
                        (tantivy.Occur.Should, tantivy.Query.term_set_query(schema, "file", wanted)),
                    ]
                )
            )
        if after or before:  # an undated chunk (day 0) passes neither bound, unless asked for
            lower = after if after else 1
            dated = tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, lower, before or None)
            if undated:
                none = tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, 0, 0)
                either = [(tantivy.Occur.Should, dated), (tantivy.Occur.Should, none)]
                dated = tantivy.Query.boolean_query(either)
            filters.append(dated)
        if ids is not None:
            filters.append(tantivy.Query.term_set_query(schema, "id", list(ids)))
        query = text
        if filters:
            clauses = [(tantivy.Occur.Must, text)]
            clauses += [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
            query = tantivy.Query.boolean_query(clauses)
        hits = self.searcher.search(query, limit, count=False).hits
        return [(str(self.searcher.doc(address)["id"][0]), float(score)) for score, address in hits]

    def fetch(self, ids: Sequence[str]) -> dict[str, tuple[np.ndarray[Any, Any] | None, int]]:
        """(vector or None, publication day) of those of ``ids`` that are indexed."""
        import tantivy

        if not ids:
            return {}
        query = tantivy.Query.term_set_query(_schema(), "id", list(ids))
        found: dict[str, tuple[np.ndarray[Any, Any] | None, int]] = {}
        for _, address in self.searcher.search(query, len(ids), count=False).hits:
            doc = self.searcher.doc(address)
            blobs = doc.to_dict().get("vector") or [None]
            vector = np.frombuffer(bytes(blobs[0]), dtype=np.float32) if blobs[0] is not None else None
            found[str(doc["id"][0])] = (vector, int(doc["day"][0]))
        return found


_LOCK = threading.Lock()
_LOADED: dict[str, LexicalIndex] = {}


def _stamp(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder / LEXICAL_VERSION_FILE)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def load(settings: Settings) -> LexicalIndex | None:
    """The index at its last commit (reloaded when a sync commits), or None when there is none."""
    folder = path(settings)
    stamp = _stamp(folder)
    if stamp is None:
        return None
    key = str(folder.resolve())
    with _LOCK:
        cached = _LOADED.get(key)
        if cached is not None and cached.version == stamp:
            return cached
        if cached is not None:
            index = cached.index
            index.reload()
        else:
            import tantivy

            index = tantivy.Index.open(str(folder))
        loaded = LexicalIndex(index, index.searcher(), stamp)
        _LOADED[key] = loaded
        return loaded
