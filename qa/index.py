"""The opened index: one handle on everything a question (or a sync) needs.

``open_index(settings)`` gives the ``Index`` of a ``Settings`` value: its ``Store`` (the Chroma
collection), its ``Embedder`` and its BM25 index, reloaded when a sync publishes a new version.
There is one per ``Settings`` value (and embedder) per process, so callers that hold one (the
app) and callers that don't (``qa.retrieve(question)``) share the same loaded model, client and
caches. Nothing heavy happens here: the model loads on the first embedding, the client on the
first store call. Tests pass ``embedder=FakeEmbedder()`` to run the real pipeline without MiniLM.
The model is read from its traced copy in the data folder where there is one (``store.models_path``,
``qa.embedder.TracedModel``): torch alone loads it, where sentence-transformers also imports
transformers, scikit-learn and SciPy.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.catalog import Catalog, load_catalog
from qa.embedder import Embedder, sentence_embedder
from qa.settings import Settings
from qa.store import Store, catalog_path, models_path

if TYPE_CHECKING:
    from qa.lexical import LexicalIndex

__all__ = ["Index", "open_index"]


@dataclass(frozen=True)
class Index:
    """Settings, store and embedder of one index, opened once.

    Attributes:
        settings: What it was opened with.
        store: The chunk collection.
        embedder: The model that embedded the chunks and embeds the questions.
    """

    settings: Settings
    store: Store
    embedder: Embedder

    def catalog(self) -> Catalog:
        """The article catalog (articles, ledes, stories), reloaded after a sync rewrote it."""
        return load_catalog(catalog_path(self.settings))

    def lexical(self) -> LexicalIndex | None:
        """The current BM25 index (reloaded after a sync published a new one), or None."""
        from qa import lexical  # numpy and bm25s: loaded with the first query, not by ``import qa``

        return lexical.load(self.settings)


_LOCK = threading.Lock()
_OPENED: dict[tuple[Settings, Embedder | None], Index] = {}
_MAX_OPENED = 16  # tests open one per temporary folder; an app opens one


def open_index(settings: Settings | None = None, *, embedder: Embedder | None = None) -> Index:
    """The ``Index`` of ``settings`` (default: ``Settings.from_env()``), the same one on every call.

    Args:
        settings: Which index; two equal values give the same ``Index``.
        embedder: Instead of the sentence-transformers model named by
            ``settings.embedding_model`` (a ``FakeEmbedder`` in logic tests). It must be hashable.
    """
    settings = settings or Settings.from_env()
    key = (settings, embedder)
    with _LOCK:
        index = _OPENED.get(key)
        if index is None:
            if embedder is None:
                embedder = sentence_embedder(settings.embedding_model)
                embedder.keep_traces_in(models_path(settings))  # the model's traced copy, if any
            index = Index(settings, Store(settings), embedder)
            if len(_OPENED) >= _MAX_OPENED:
                _OPENED.pop(next(iter(_OPENED)))
            _OPENED[key] = index
        return index
