"""Follow-ups over the news-reader articles (real MiniLM, real Chroma): one that found nothing
alone is asked again with the previous question's words, and an off-topic one is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.index import Index
from tests.conftest import newsroom_index

pytestmark = pytest.mark.slow

ROVERS_DENY = (
    "Ashbury Rovers on Friday denied a report that injured striker Kwame Mensah had agreed to join the "
    "Spanish club Castellano CF in the January transfer window. [1]"
)
LUMORA_FINED = (
    "The National Product Safety Commission fined Lumora Home 12 million on Tuesday for failing to report "
    "its heater defect in time, and the company's chief executive told lawmakers the fault lay with a "
    "switch made by one of its suppliers. [1]"
)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the striker's and the heater recall's 12 articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("follow")), ("football-", "lumora-"))


@pytest.mark.parametrize(
    ("previous", "told", "follow_up", "expected"),
    [
        # a short follow-up: the name the earlier answer left out
        (
            "What did Rovers say about the Castellano report?",
            ROVERS_DENY,
            "which newspaper?",
            "Diario Continental",
        ),
        # no reference word, but nothing found alone: asked again with the previous question's words
        (
            "Which club was Mensah supposedly joining?",
            ROVERS_DENY,
            "how much was the fee supposed to be",
            "40 million",
        ),
    ],
)
def test_a_follow_up_is_answered_from_the_conversations_story(
    newsroom: Index, previous: str, told: str, follow_up: str, expected: str
) -> None:
    got = answer(follow_up, [(previous, told)], index=newsroom)
    assert got.answered
    assert expected in got.text, got.text
    assert got.citations


def test_an_off_topic_follow_up_is_still_refused(newsroom: Index) -> None:
    got = answer(
        "What's the weather like on the weekend?",
        [("Why was Lumora fined in June?", LUMORA_FINED)],
        index=newsroom,
    )
    assert not got.answered
    assert not got.citations
