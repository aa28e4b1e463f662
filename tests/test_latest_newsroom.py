"""Latest questions over the news-reader articles (real MiniLM, real Chroma): the newest article's
sentence on the asked fact or thread follows its lede, not its next best on another thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import answer
from qa.evidence import ScoredSentence
from qa.index import Index
from qa.kinds import _rarest_asked_first
from qa.passage import Passage
from tests.conftest import newsroom_index


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """An index of the striker's and the heater recall's 12 articles."""
    return newsroom_index(Path(tmp_path_factory.mktemp("latest")), ("football-", "lumora-"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead", "expected"),
    [
        # the newest article's lede is on his contract; its recap of the injury says where it stands
        ("Is Mensah still injured?", "As of 20 November 2025:", "scored on his return"),
        (
            "Has Mensah recovered from his hamstring tear yet?",
            "As of 20 November 2025:",
            "scored on his return",
        ),
        # the newest article's best sentence is on Kestrel; the returns are the asked thread
        ("What's the status of the Lumora heater returns?", "As of 2 July 2025:", "190,000"),
        ("Where do things stand with the Lumora settlement hearing?", "As of 2 July 2025:", "September 9"),
        # where the whole story stands: the newest lede and two more of its sentences
        ("Where do things stand now with the Lumora heater recall?", "As of 2 July 2025:", "190,000"),
    ],
)
def test_the_newest_article_says_where_the_asked_thing_stands(
    newsroom: Index, question: str, lead: str, expected: str
) -> None:
    got = answer(question, index=newsroom)
    assert got.answered and got.kind == "latest"
    first = got.text.split("\n\n")[0]
    assert first.startswith(lead), got.text
    assert expected in first, got.text


def _said(text: str, score: float) -> ScoredSentence:
    return ScoredSentence(text, Passage(text, "a.txt", "A", 1.0, 0, len(text)), 0, 0, score)


def test_the_sentence_with_the_rarest_asked_word_leads() -> None:
    ranked = [
        _said("Lumora is pursuing Kestrel, which made the heaters' switch.", 0.87),
        _said("About 190,000 of the recalled heaters have been returned.", 0.80),
        _said("The heaters will be replaced by the Glow 4.", 0.70),
        _said("Lumora did not admit wrongdoing over its heaters.", 0.40),
    ]
    got = _rarest_asked_first("What's the status of the Lumora heater returns?", ranked)
    assert got[0].text.startswith("About 190,000")
    # a word every sentence uses says nothing; a best sentence that has the rare word stays
    assert _rarest_asked_first("What about the heaters?", ranked) == ranked
    assert _rarest_asked_first("Who makes the switch?", ranked) == ranked


def test_a_report_is_quoted_with_the_denial_and_the_quotation_after_it() -> None:
    from qa.kinds import _with_told_after

    report = "Some sites reported that Brightwave planned to withdraw the Nova chip."
    denial = "Brightwave denied this on Tuesday."
    quote = '"Nova is on sale today," a spokesperson said.'
    other = "Analysts said the ruling removed a risk."
    text = " ".join((report, denial, quote, other))
    spans, at = [], 0
    for sentence in (report, denial, quote, other):
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    passage = Passage(text, "tech.txt", "T", 1.0, 0, len(text), sentences=tuple(spans))
    told = _with_told_after(ScoredSentence(report, passage, 0, 0, 1.0))
    assert [s.text for s in told] == [report, denial, quote]
    alone = _with_told_after(ScoredSentence(other, passage, spans[3][0], 0, 1.0))
    assert [s.text for s in alone] == [other]


@pytest.mark.slow
def test_a_still_question_gets_the_last_report_where_the_newest_article_is_silent(tmp_path: Path) -> None:
    base = tmp_path / "tech"
    base.mkdir()
    index = newsroom_index(base, ("tech-",))
    got = answer("is brightwave still allowed to sell the nova chip", index=index)
    newest, earlier = got.text.split("\n\n")[:2]
    assert newest.startswith("As of 12 November 2025:")
    # the denial follows when the report's passage holds it (a chunk may end on the report)
    assert earlier.startswith("Earlier, on 29 October 2025:"), got.text
    assert "withdraw the Nova chip" in earlier, got.text
