"""Newsdesk retrieval as a LangChain ``BaseRetriever``, for use in LangChain chains and agents.

    from qa.retriever import NewsdeskRetriever

    retriever = NewsdeskRetriever(k=4, sources=["world/ukraine.md"])
    docs = retriever.invoke("Who is Russia's ambassador to the UN?")
    docs[0].metadata["source"], docs[0].metadata["score"]

``invoke(query, k=...)`` and the other ``retrieve`` options as keyword arguments override the
constructor's values for one call. ``filters=Filters(...)`` may replace ``sources``,
``published_after`` and ``published_before``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from qa.filters import Filters
from qa.passage import Passage
from qa.retrieve import retrieve
from qa.settings import Settings

__all__ = ["NewsdeskRetriever", "to_document"]

_FILTERS = ("sources", "published_after", "published_before")
_OPTIONS = ("recency", "mode", "mmr")


def to_document(passage: Passage) -> Document:
    """A passage as a LangChain ``Document``; provenance and score go to the metadata."""
    metadata = {k: v for k, v in asdict(passage).items() if k not in ("text", "sentences")}
    return Document(page_content=passage.text, metadata=metadata, id=passage.id or None)


class NewsdeskRetriever(BaseRetriever):
    """Hybrid retrieval over the Newsdesk index (see ``qa.retrieve``)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    k: int = 5
    sources: list[str] | None = None
    published_after: str | None = None
    published_before: str | None = None
    recency: bool | None = None
    mode: str | None = None
    mmr: bool | None = None
    filters: Filters | None = None
    settings: Settings | None = None
    index: Any = None  # a qa.Index (Any: pydantic cannot check its Protocol-typed embedder)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        options = {name: kwargs.get(name, getattr(self, name)) for name in _OPTIONS}
        k = int(kwargs.get("k", self.k))
        filters = kwargs.get("filters", self.filters)
        if filters is None:
            filters = Filters.of(*(kwargs.get(name, getattr(self, name)) for name in _FILTERS))
        return [
            to_document(p)
            for p in retrieve(query, k, filters=filters, settings=self.settings, index=self.index, **options)
        ]
