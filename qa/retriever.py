"""Newsdesk retrieval as a LangChain ``BaseRetriever``, for use in LangChain chains and agents.

    from qa.retriever import NewsdeskRetriever

    retriever = NewsdeskRetriever(k=4, sources=["world/ukraine.md"])
    docs = retriever.invoke("Who is Russia's ambassador to the UN?")
    docs[0].metadata["source"], docs[0].metadata["score"]

``invoke(query, k=...)`` and the other ``retrieve`` options as keyword arguments override the
constructor's values for one call.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from qa.retrieve import Passage, retrieve
from qa.settings import Settings

__all__ = ["NewsdeskRetriever", "to_document"]

_OPTIONS = ("sources", "published_after", "published_before", "recency", "mode", "mmr")


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
    settings: Settings | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        options = {name: kwargs.get(name, getattr(self, name)) for name in _OPTIONS}
        k = int(kwargs.get("k", self.k))
        return [to_document(p) for p in retrieve(query, k, settings=self.settings, **options)]
