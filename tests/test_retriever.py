"""The LangChain retriever: LangChain's standard retriever test suite, plus filters."""

from __future__ import annotations

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from qa.retriever import NewsdeskRetriever
from qa.settings import Settings
from tests.conftest import RUSSIA_UN, US_WITHDRAWS

pytestmark = pytest.mark.slow


class TestNewsdeskRetrieverStandard(RetrieversIntegrationTests):
    """LangChain's own conformance tests, run against the real seed index."""

    @pytest.fixture(autouse=True)
    def _index(self, use_seeded: Settings) -> None:
        """Every test reads the seeded index through the environment."""

    @property
    def retriever_constructor(self) -> type[NewsdeskRetriever]:
        return NewsdeskRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, object]:
        return {"k": 2}

    @property
    def retriever_query_example(self) -> str:
        return "Who is Russia's ambassador to the UN?"


def test_documents_carry_provenance_and_filters_apply(use_seeded: Settings) -> None:
    docs = NewsdeskRetriever(k=3).invoke("Who is Russia's ambassador to the UN?")
    assert docs[0].metadata["source"] == RUSSIA_UN
    assert {"title", "score", "start", "end", "chunk_index"} <= set(docs[0].metadata)
    only = NewsdeskRetriever(k=3, sources=[US_WITHDRAWS]).invoke("Who is Russia's ambassador to the UN?")
    assert only and {d.metadata["source"] for d in only} == {US_WITHDRAWS}
    assert len(NewsdeskRetriever(k=3).invoke("peace talks", k=1)) == 1
