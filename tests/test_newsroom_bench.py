"""The news-reader benchmark's scoring rules and data files (bench/newsroom.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench import newsroom
from bench.newsroom import (
    ARTICLES,
    BLIND,
    FRESH,
    KINDS,
    QUESTIONS,
    UNSEEN,
    UNSEEN2,
    UNSEEN3,
    Question,
    Result,
    cites_gold,
    find_parts,
    first_sentence,
    is_correct,
    leads_with_answer,
    load_questions,
    markdown,
    parse_question,
    score,
)
from qa.answer import NOT_COVERED, Answer
from qa.retrieve import Passage


def _passage(source: str) -> Passage:
    text = "The fire was 95% contained."
    return Passage(text=text, source=source, title="Fire", score=1.0, start=0, end=len(text))


def _answer(text: str, answered: bool = True, sources: tuple[str, ...] = ()) -> Answer:
    return Answer("q", text, [_passage(s) for s in sources], answered)


def _question(expect: str = "answer", **fields: object) -> Question:
    base: dict[str, object] = {
        "id": "x-1",
        "question": "How contained is the fire?",
        "kind": "latest",
        "expect": expect,
        "split": "dev",
        "answers": (("95%", "95 percent"),) if expect == "answer" else (),
        "gold": ("wildfire-05.txt",),
    }
    return Question(**(base | fields))  # type: ignore[arg-type]


# --- matching answer parts -------------------------------------------------------------------


def test_find_parts_accepts_any_variant_case_insensitively() -> None:
    parts = [["95%", "95 percent"], ["Northvale Power"]]
    assert find_parts("It was 95 PERCENT contained; northvale power is blamed.", parts)
    assert not find_parts("It was 95 percent contained.", parts)  # the second part is missing


def test_find_parts_ordered_needs_the_parts_in_order() -> None:
    parts = [["15%"], ["40%"], ["95%"]]
    assert find_parts("15% on 15 July, 40% on 18 July, 95% on 25 July", parts, ordered=True)
    assert not find_parts("95% on 25 July, 40% on 18 July, 15% on 15 July", parts, ordered=True)
    assert find_parts("95% on 25 July, 40% on 18 July, 15% on 15 July", parts, ordered=False)


def test_find_parts_ordered_takes_the_earliest_variant_of_each_part() -> None:
    # "ratified" comes last, but "vote" must match its first mention, not the later "voted".
    text = "Members vote to strike; the authority sues; a 6.5% deal; members voted and ratified it."
    assert find_parts(text, [["vote"], ["sue"], ["6.5%"], ["ratif"]], ordered=True)
    assert not find_parts(text, [["6.5%"], ["sue"]], ordered=True)


def test_first_sentence_keeps_numbers_whole_and_skips_the_correction_line() -> None:
    assert first_sentence("Rate: 4.25% now [1]. It was 4.5% in April [2].") == "Rate: 4.25% now [1]."
    assert first_sentence("Quillon sought 1.2 billion. The jury gave less.") == "Quillon sought 1.2 billion."
    text = "Showing results for: how many homes burned\nThe fire destroyed 340 homes [1]. More."
    assert first_sentence(text) == "The fire destroyed 340 homes [1]."
    assert first_sentence("") == ""


# --- what counts as correct, per expect ------------------------------------------------------


def test_answer_needs_answered_and_every_part() -> None:
    q = _question()
    assert is_correct(q, _answer("It is 95% contained [1].", sources=("wildfire-05.txt",)))
    assert not is_correct(q, _answer("It is 95% contained.", answered=False))
    assert not is_correct(q, _answer("It is 40% contained [1]."))


def test_answer_with_ordered_parts() -> None:
    q = _question(kind="timeline", answers=(("15%",), ("95%",)), ordered=True)
    assert is_correct(q, _answer("15% on 15 July [1]; 95% on 25 July [2]."))
    assert not is_correct(q, _answer("95% on 25 July [1]; 15% on 15 July [2]."))


def test_refuse_needs_no_answer_and_no_citations() -> None:
    q = _question("refuse", kind="off_topic")
    assert is_correct(q, _answer(NOT_COVERED, answered=False))
    assert not is_correct(q, _answer(NOT_COVERED, answered=False, sources=("museum.txt",)))
    assert not is_correct(q, _answer("Canberra [1].", sources=("museum.txt",)))


def test_not_covered_needs_answered_false() -> None:
    q = _question("not_covered", kind="unanswerable")
    assert is_correct(q, _answer("The articles cover 2025 but not 2026 [1].", False, ("rates-05.txt",)))
    assert not is_correct(q, _answer("The rate is 4.25% [1].", True, ("rates-05.txt",)))


def test_chat_needs_no_citations_and_not_the_refusal() -> None:
    q = _question("chat", kind="greeting")
    assert is_correct(q, _answer("Hello! Ask me about the wildfire or the election.", answered=False))
    assert not is_correct(q, _answer(NOT_COVERED, answered=False))
    assert not is_correct(q, _answer("Hello [1].", sources=("museum.txt",)))


def test_not_english_needs_a_refusal_that_names_english() -> None:
    q = _question("not_english", kind="non_english")
    assert is_correct(q, _answer("Please ask your question in English.", answered=False))
    assert not is_correct(q, _answer(NOT_COVERED, answered=False))
    assert not is_correct(q, _answer("In English: 340 homes [1].", sources=("wildfire-05.txt",)))


def test_gold_citation_and_first_sentence() -> None:
    q = _question()
    good = _answer("It was 95% contained [1]. Earlier 40% [2].", sources=("wildfire-05.txt", "w-3.txt"))
    late = _answer("On 18 July it was 40% [1]. Now 95% [2].", sources=("w-3.txt",))
    assert cites_gold(q, good) and leads_with_answer(q, good)
    assert not cites_gold(q, late) and not leads_with_answer(q, late)


def test_score_per_kind_and_overall() -> None:
    answerable = _question()
    unanswerable = _question("not_covered", id="u-1", kind="unanswerable")
    results = [
        Result(answerable, _answer("It is 95% contained [1].", sources=("wildfire-05.txt",)), 0.010),
        Result(answerable, _answer(NOT_COVERED, answered=False), 0.030),
        Result(unanswerable, _answer(NOT_COVERED, answered=False), 0.020),
        Result(unanswerable, _answer("It is 95% [1].", sources=("wildfire-05.txt",)), 0.050),
    ]
    report = score(results)
    assert list(report["kinds"]) == ["latest", "unanswerable"]  # KINDS order
    latest, unanswerable_row = report["kinds"]["latest"], report["kinds"]["unanswerable"]
    assert [latest[c] for c in ("n", "accuracy", "gold cited", "first sentence")] == [2, 0.5, 0.5, 0.5]
    assert unanswerable_row["gold cited"] is None  # only answerable questions count
    o = report["overall"]
    assert (o["accuracy"], o["false refusals"], o["refused when due"]) == (0.5, 0.5, 0.5)
    assert o["p50 ms"] == pytest.approx(25.0)
    assert o["p95 ms"] == pytest.approx(47.0)  # statistics.quantiles, inclusive
    table = markdown(report)
    assert "| latest | 2 | 0.50 | 0.50 | 0.50 |" in table
    assert "| unanswerable | 2 | 0.50 | – | – |" in table
    assert "| 4 | 0.50 | 0.50 | 0.50 | 25 / 47 |" in table
    report["overall"] |= {"floor p50 ms": 5.0, "floor p95 ms": 9.0}
    assert "| 25 / 47 (floor 5 / 9) |" in markdown(report)


def test_a_malformed_question_is_named() -> None:
    record = {"id": "wf-9", "question": "?", "kind": "weather", "expect": "answer", "split": "dev"}
    with pytest.raises(ValueError, match=r"wf-9.*unknown kind 'weather'"):
        parse_question(record)
    record |= {"kind": "fact", "answers": []}
    with pytest.raises(ValueError, match=r"wf-9.*needs answer parts"):
        parse_question(record)


# --- the data files --------------------------------------------------------------------------


def test_the_corpus_is_dated_articles_on_running_stories() -> None:
    files = sorted(ARTICLES.glob("*.txt"))
    assert len(files) >= 42
    stories = Counter(f.name.split("-")[0] for f in files)
    running = [s for s, n in stories.items() if n >= 4]
    assert len(running) >= 7, stories
    for f in files:
        text = f.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        assert header.startswith("Title: ") and "\nPublished: 2025-" in header, f.name
        assert 200 <= len(body.split()) <= 500, f.name


@pytest.mark.parametrize(("folder", "year"), [(UNSEEN, "2026"), (UNSEEN2, "2027"), (UNSEEN3, "2028")])
def test_the_unseen_corpora_are_other_worlds_of_dated_articles(folder: Path, year: str) -> None:
    files = sorted((folder / "articles").glob("*.txt"))
    assert len(files) >= 24
    stories = Counter(f.name.split("-")[0] for f in files)
    assert len([s for s, n in stories.items() if n >= 4]) >= 5, stories
    assert not {f.name for f in files} & {f.name for f in ARTICLES.glob("*.txt")}
    for f in files:
        header, _, body = f.read_text(encoding="utf-8").partition("\n\n")
        assert header.startswith("Title: ") and f"\nPublished: {year}-" in header, f.name
        assert 200 <= len(body.split()) <= 500, f.name


@pytest.mark.parametrize(
    ("path", "splits", "least", "absent"),
    [
        (QUESTIONS, {"dev", "test"}, 8, set()),
        (FRESH, {"fresh"}, 6, set()),
        (BLIND, {"blind"}, 2, {"when"}),
        (UNSEEN / "questions.jsonl", {"test"}, 4, set()),
        (UNSEEN2 / "questions.jsonl", {"test"}, 4, set()),
        (UNSEEN3 / "questions.jsonl", {"test"}, 4, set()),
    ],
)
def test_the_questions_are_well_formed(path: Path, splits: set[str], least: int, absent: set[str]) -> None:
    questions = load_questions(path)
    assert len(questions) >= 130
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    kinds = Counter(q.kind for q in questions)
    assert set(kinds) == set(KINDS) - absent
    assert min(kinds.values()) >= least, kinds
    assert kinds["unanswerable"] >= 20
    for kind in set(KINDS) - absent:
        assert {q.split for q in questions if q.kind == kind} == splits, kind
    folder = path.parent / "articles" if path.parent in (UNSEEN, UNSEEN2, UNSEEN3) else ARTICLES
    articles = {p.name: p.read_text(encoding="utf-8").lower() for p in folder.glob("*.txt")}
    for q in questions:
        assert set(q.gold) <= set(articles), (q.id, set(q.gold) - set(articles))
        if q.expect == "answer":
            assert q.gold, q.id
            gold_text = " ".join(articles[g] for g in q.gold)
            for part in q.answers:  # an accepted answer must be something the articles say
                assert any(v.lower() in gold_text for v in part), (q.id, part)
        if q.kind == "followup":
            assert q.history, q.id


def test_load_questions_filters_by_split_and_names_the_bad_line(tmp_path: Path) -> None:
    dev, test = load_questions(split="dev"), load_questions(split="test")
    assert dev and test and {q.split for q in dev} == {"dev"} and {q.split for q in test} == {"test"}
    assert {q.split for q in load_questions(split="fresh")} == {"fresh"}  # from its own file
    assert not {q.id for q in load_questions(split="all")} & {q.id for q in load_questions(split="fresh")}
    bad = tmp_path / "q.jsonl"
    bad.write_text(json.dumps({"id": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"q\.jsonl:1: question a: 'question'"):
        newsroom.load_questions(bad)


def test_a_filter_that_matches_no_question_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        newsroom.main(["--kind", "greeting", "--id", "no-such-id"])
    assert "no question" in capsys.readouterr().err


def test_rewordings_keep_the_question_and_change_its_form() -> None:
    from bench.wording import REWORDINGS, reworded

    how_many = Question("q1", "How many homes burned?", "how_many", "answer", "dev", (("340",),))
    which = Question("q2", "Which stories involve a fine?", "which", "answer", "dev", (("Lumora",),))
    pairs = reworded([how_many, which], ["lower case", "what number of", "list the stories that", "typo"])
    got = {(name, q.id): q.question for name, q in pairs}
    assert got[("lower case", "q1")] == "how many homes burned?"
    assert got[("what number of", "q1")] == "What number of homes burned?"
    assert ("what number of", "q2") not in got  # it applies to "how many" questions only
    assert got[("list the stories that", "q2")] == "List the stories that involve a fine?"
    typo = got[("typo", "q2")]
    assert typo != which.question and len(typo) in (len(which.question) - 1, len(which.question))
    assert all(q.answers == {"q1": how_many, "q2": which}[q.id].answers for _, q in pairs)
    assert reworded([how_many, which], ["typo"]) == reworded([how_many, which], ["typo"])  # seeded
    assert REWORDINGS["hey,"]("Who won?") == "hey, who won?"


def test_the_readers_questions_of_another_world_are_well_formed() -> None:
    """``bench/unseen/readers.jsonl``: 120 more questions of ``bench/unseen``'s articles (who, why,
    how many, fact, when and not covered), a tuning set for that world."""
    questions = load_questions(UNSEEN / "readers.jsonl")
    assert len(questions) >= 100
    assert len({q.id for q in questions}) == len(questions)
    assert sum(q.expect == "not_covered" for q in questions) >= 30
    articles = {p.name: p.read_text(encoding="utf-8").lower() for p in (UNSEEN / "articles").glob("*.txt")}
    for q in questions:
        assert set(q.gold) <= set(articles), q.id
        if q.expect == "answer":
            gold_text = " ".join(articles[g] for g in q.gold)
            for part in q.answers:
                assert any(v.lower() in gold_text for v in part), (q.id, part)
