"""The news-reader benchmark: every kind of question a news reader asks, scored per kind.

The corpus (``bench/newsroom/articles``) is 44 articles written for this benchmark: seven running
stories with dated follow-ups (a transit strike, a wildfire, interest rates, the Lumora heater
recall, a striker's injury, an election, a patent lawsuit) and three one-offs. Figures change
over time, people recur, some claims are later denied. ``bench/newsroom/questions.jsonl`` holds
the questions, one JSON object a line:

- ``kind``: what is asked (``fact``, ``latest``, ``timeline``, ``unanswerable``, ...; ``KINDS``);
- ``expect``: ``answer``, ``not_covered`` (on topic, but the articles hold no answer),
  ``refuse`` (off topic), ``chat`` (greetings, thanks, help) or ``not_english``;
- ``answers``: every required part of a correct answer, each a list of accepted variants,
  matched case-insensitively as substrings; ``ordered`` parts must appear in that order;
- ``gold``: the article files that hold the answer; ``history``: earlier (question, answer)
  turns for follow-ups; ``split``: ``dev`` to look at while building, ``test`` held out.

``bench/newsroom/fresh.jsonl`` is a second held-out set (``--split fresh``, 173 questions, at
least 6 a kind and 32 unanswerable), written later from the articles alone by someone who had
not seen the answerer's code or run it on them; its failures are never read while building.
``bench/newsroom/blind.jsonl`` is a third (``--split blind``, 202 questions, 48 unanswerable,
weighted to the kinds the other two score worst; no "when" questions), written the same way
by two more writers and run once on the code before and after the round that added it.

``bench/unseen`` is another world (``--corpus bench/unseen``): 24 articles on five other
running stories and four one-offs, dated 2026, with 200 questions, all written by someone who
had seen neither the answerer nor these articles' questions; it measures what the rules tuned
here carry to articles they were not tuned on (its README). ``bench/unseen2`` is a third world
(2027, 199 questions), read neither while building nor by the writers of the others: it is run
on the code before a round and after it; ``bench/unseen3`` is a fourth (2028, 200 questions),
held out the same way.

Scores, per kind and overall: accuracy, the share of answerable questions that cite a gold
article, the share whose first sentence holds the answer's first part, false refusals on
answerable questions, refusals on ``not_covered`` and ``refuse`` questions, and latency p50/p95
of ``qa.answer`` (after one untimed question, so loading the model is not counted) beside a
floor timed in the same run: embedding the question and a raw Chroma query.

    python -m bench.newsroom [--split dev|test|all|fresh|blind] [--json] [--show]
                             [--kind K ...] [--id PREFIX ...] [--file QUESTIONS.jsonl]
                             [--corpus FOLDER]

The index lives in ``.bench/newsroom`` (``.bench/newsroom-<folder>`` for ``--corpus``) and is
synced before each run (unchanged articles are skipped). The scoring is plain functions over
``Question`` and ``qa.Answer``, tested in ``tests/test_newsroom_bench.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import BENCH_DIR
from qa.answer import NOT_COVERED, Answer

HERE = Path(__file__).resolve().parent / "newsroom"
ARTICLES = HERE / "articles"
QUESTIONS = HERE / "questions.jsonl"
FRESH = HERE / "fresh.jsonl"
BLIND = HERE / "blind.jsonl"
# Other worlds: 24 articles each on five other running stories and four one-offs, with questions.
UNSEEN = HERE.parent / "unseen"
UNSEEN2 = HERE.parent / "unseen2"
UNSEEN3 = HERE.parent / "unseen3"

KINDS = (
    "fact",
    "who",
    "when",
    "how_many",
    "why",
    "latest",
    "summary",
    "main_stories",
    "timeline",
    "period",
    "which",
    "compare",
    "followup",
    "typo",
    "paraphrase",
    "greeting",
    "non_english",
    "off_topic",
    "unanswerable",
)
EXPECTS = ("answer", "not_covered", "refuse", "chat", "not_english")
SPLITS = ("dev", "test", "fresh", "blind")

# A sentence ends at . ! or ? followed by space (so "1.2 billion" and "4.25%" stay whole).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A line the answerer may put before the answer itself, e.g. after correcting a typo.
_PREAMBLE = re.compile(r"^\s*showing results for\b[^\n]*\n", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """One benchmark question and what a correct reply holds."""

    id: str
    question: str
    kind: str
    expect: str
    split: str
    answers: tuple[tuple[str, ...], ...] = ()
    ordered: bool = False
    gold: tuple[str, ...] = ()
    history: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Result:
    """A question, the product's answer and how long it took."""

    question: Question
    answer: Answer
    seconds: float


def parse_question(record: dict[str, Any]) -> Question:
    """A ``Question`` from one JSON line; ``ValueError`` names the id and the bad field."""
    qid = str(record.get("id", "?"))
    for key in ("id", "question", "kind", "expect", "split"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise ValueError(f"question {qid}: {key!r} must be a non-empty string")
    if record["kind"] not in KINDS:
        raise ValueError(f"question {qid}: unknown kind {record['kind']!r}; one of {', '.join(KINDS)}")
    if record["expect"] not in EXPECTS:
        raise ValueError(f"question {qid}: unknown expect {record['expect']!r}; one of {', '.join(EXPECTS)}")
    if record["split"] not in SPLITS:
        raise ValueError(f"question {qid}: split must be one of {', '.join(SPLITS)}, not {record['split']!r}")
    answers = tuple(tuple(str(v) for v in part) for part in record.get("answers", []))
    if record["expect"] == "answer" and (not answers or not all(answers)):
        raise ValueError(f"question {qid}: an answerable question needs answer parts, each with a variant")
    history = tuple((str(q), str(a)) for q, a in record.get("history", []))
    return Question(
        id=qid,
        question=record["question"],
        kind=record["kind"],
        expect=record["expect"],
        split=record["split"],
        answers=answers,
        ordered=bool(record.get("ordered", False)),
        gold=tuple(str(g) for g in record.get("gold", [])),
        history=history,
    )


def load_questions(path: Path | None = None, split: str = "all") -> list[Question]:
    """The questions of ``split`` in file order: dev, test, all (dev and test), fresh or blind.

    ``fresh`` is a second held-out set in its own file (``FRESH``), written later and by a
    different hand than ``QUESTIONS``, from the articles alone: no rule was tuned on it.
    """
    if path is None:
        path = {"fresh": FRESH, "blind": BLIND}.get(split, QUESTIONS)
    questions = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                question = parse_question(json.loads(line))
            except (json.JSONDecodeError, ValueError) as e:
                raise ValueError(f"{path}:{n}: {e}") from e
            if split in ("all", question.split):
                questions.append(question)
    return questions


def find_parts(text: str, parts: Sequence[Sequence[str]], ordered: bool = False) -> bool:
    """Whether every part has a variant in ``text`` (case-insensitive substrings).

    When ``ordered``, each part must start after the end of the previous part's match; the
    earliest match of any variant is taken, so a later mention does not hide an earlier one.
    """
    haystack = text.lower()
    position = 0
    for part in parts:
        starts = [
            (found, found + len(variant))
            for variant in part
            if (found := haystack.find(variant.lower(), position if ordered else 0)) >= 0
        ]
        if not starts:
            return False
        if ordered:
            position = min(starts)[1]
    return True


def first_sentence(text: str) -> str:
    """The answer's first sentence, after a "Showing results for ..." line if there is one."""
    body = _PREAMBLE.sub("", text, count=1).strip()
    return _SENTENCE_END.split(body, maxsplit=1)[0] if body else ""


def is_correct(question: Question, answer: Answer) -> bool:
    """Whether ``answer`` is what ``question.expect`` asks for (see the module docstring)."""
    if question.expect == "answer":
        return answer.answered and find_parts(answer.text, question.answers, question.ordered)
    if question.expect == "refuse":
        return not answer.answered and not answer.citations
    if question.expect == "not_covered":
        return not answer.answered
    if question.expect == "chat":
        return not answer.citations and NOT_COVERED not in answer.text
    if question.expect == "not_english":
        return not answer.answered and "english" in answer.text.lower()
    raise ValueError(f"question {question.id}: unknown expect {question.expect!r}")


def cites_gold(question: Question, answer: Answer) -> bool:
    """Whether a cited passage comes from one of the question's gold articles."""
    return any(c.source in question.gold for c in answer.citations)


def leads_with_answer(question: Question, answer: Answer) -> bool:
    """Whether the answer's first sentence holds the first required part."""
    return bool(question.answers) and find_parts(first_sentence(answer.text), question.answers[:1])


def _rate(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], q: int) -> float:
    """The ``q``-th percentile (1-99) of ``values``, as ``statistics.quantiles`` interpolates it."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def kind_row(results: Sequence[Result]) -> dict[str, float | None]:
    """n, accuracy, gold-citation and first-sentence rates of one kind's results.

    The last two count only ``answer`` questions (None when the kind has none).
    """
    answerable = [r for r in results if r.question.expect == "answer"]
    return {
        "n": len(results),
        "accuracy": _rate(is_correct(r.question, r.answer) for r in results),
        "gold cited": _rate(cites_gold(r.question, r.answer) for r in answerable),
        "first sentence": _rate(leads_with_answer(r.question, r.answer) for r in answerable),
    }


def overall(results: Sequence[Result]) -> dict[str, float | None]:
    """Accuracy, false refusals, refusals where due, and latency p50/p95 in ms."""
    answerable = [r for r in results if r.question.expect == "answer"]
    refusable = [r for r in results if r.question.expect in ("not_covered", "refuse")]
    millis = [r.seconds * 1000 for r in results]
    return {
        "n": len(results),
        "accuracy": _rate(is_correct(r.question, r.answer) for r in results),
        "false refusals": _rate(not r.answer.answered for r in answerable),
        "refused when due": _rate(not r.answer.answered for r in refusable),
        "p50 ms": percentile(millis, 50),
        "p95 ms": percentile(millis, 95),
    }


def score(results: Sequence[Result]) -> dict[str, Any]:
    """Per-kind rows (in ``KINDS`` order, kinds with no results left out) and the overall row."""
    kinds = {k: [r for r in results if r.question.kind == k] for k in KINDS}
    return {
        "kinds": {k: kind_row(rs) for k, rs in kinds.items() if rs},
        "overall": overall(results),
    }


def _cell(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if digits == 0 else f"{value:.{digits}f}"


def markdown(report: dict[str, Any]) -> str:
    """The report as two markdown tables: per kind, then overall."""
    lines = ["| kind | n | accuracy | gold cited | first sentence |", "|---|---|---|---|---|"]
    for kind, row in report["kinds"].items():
        lines.append(
            f"| {kind} | {_cell(row['n'], 0)} | {_cell(row['accuracy'])} "
            f"| {_cell(row['gold cited'])} | {_cell(row['first sentence'])} |"
        )
    o = report["overall"]
    floor = ""
    if "floor p50 ms" in o:
        floor = f" (floor {_cell(o['floor p50 ms'], 0)} / {_cell(o['floor p95 ms'], 0)})"
    lines += [
        "",
        "| questions | accuracy | false refusals | refused when due | answer p50 / p95 ms |",
        "|---|---|---|---|---|",
        f"| {_cell(o['n'], 0)} | {_cell(o['accuracy'])} | {_cell(o['false refusals'])} "
        f"| {_cell(o['refused when due'])} | {_cell(o['p50 ms'], 0)} / {_cell(o['p95 ms'], 0)}{floor} |",
    ]
    return "\n".join(lines)


def failure(result: Result) -> str:
    """One failed question, what was expected and what came back, for debugging."""
    q, a = result.question, result.answer
    expected = q.expect
    if q.answers:
        joiner = " then " if q.ordered else " and "
        expected += ": " + joiner.join(" / ".join(part) for part in q.answers)
    sources = ", ".join(dict.fromkeys(c.source for c in a.citations)) or "none"
    history = "".join(f"\n  earlier: {u}" for u, _ in q.history)
    return (
        f"[{q.id}] {q.question}{history}\n  expected {expected} (gold: {', '.join(q.gold) or '-'})\n"
        f"  got answered={a.answered}, cited {sources}:\n  " + a.text.replace("\n", "\n  ")
    )


def run(
    questions: Sequence[Question], articles: Path = ARTICLES, data: Path | None = None
) -> tuple[list[Result], list[float]]:
    """Sync the corpus (``articles``) into ``data`` (``.bench/newsroom``) and ask the product
    every question.

    Returns the results and, per question, the floor's seconds: embedding the question and a
    raw Chroma query for 5 neighbours (as in ``bench/query_bench.py``), timed just before the
    answer so both see the same load on a shared machine.
    """
    from ingest import sync
    from qa import answer
    from qa.embedder import embed
    from qa.settings import Settings
    from qa.store import open_collection

    settings = Settings.from_env(
        {"NEWSDESK_ARTICLES_DIR": str(articles), "NEWSDESK_DATA_DIR": str(data or BENCH_DIR / "newsroom")}
    )
    sync(settings)
    answer("What are the main stories?", settings=settings)  # warm: load the model and the index
    collection = open_collection(settings)
    results, floor = [], []
    for q in questions:
        start = time.perf_counter()
        vector = embed(settings.embedding_model, [q.question])[0]
        collection.query(query_embeddings=[vector.tolist()], n_results=5)
        floor.append(time.perf_counter() - start)
        start = time.perf_counter()
        got = answer(q.question, q.history, settings=settings)
        results.append(Result(q, got, time.perf_counter() - start))
    return results, floor


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the tables (or JSON), and the failures with ``--show``."""
    parser = argparse.ArgumentParser(description="The news-reader benchmark, scored per kind of question.")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev", help="default: dev")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--show", action="store_true", help="print every failed question")
    parser.add_argument("--kind", nargs="+", choices=KINDS, help="ask only questions of these kinds")
    parser.add_argument("--id", nargs="+", default=(), help="ask only ids starting so")
    parser.add_argument(
        "--file", type=Path, help="read the questions from this JSONL file (every split in it) instead"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="another corpus: a folder with articles/ and questions.jsonl (every split), e.g. bench/unseen; "
        "with --file, that file's questions of its articles",
    )
    args = parser.parse_args(argv)
    if args.corpus and not (args.corpus / "articles").is_dir():
        parser.error(f"--corpus {args.corpus}: no articles/ folder there")
    # another file of that corpus's questions with both: "--corpus bench/unseen --file
    # bench/unseen/readers.jsonl"
    file = args.file or (args.corpus / "questions.jsonl" if args.corpus else None)
    questions = [
        q
        for q in (load_questions(file) if file else load_questions(split=args.split))
        if (not args.kind or q.kind in args.kind) and (not args.id or q.id.startswith(tuple(args.id)))
    ]
    if not questions:
        parser.error("no question of that split matches --kind/--id")
    if args.corpus:
        corpus = args.corpus.resolve()
        results, floor = run(questions, corpus / "articles", BENCH_DIR / f"newsroom-{corpus.name}")
    else:
        results, floor = run(questions)
    report = score(results)
    millis = [f * 1000 for f in floor]
    report["overall"] |= {"floor p50 ms": percentile(millis, 50), "floor p95 ms": percentile(millis, 95)}
    print(json.dumps(report, indent=2) if args.json else markdown(report))
    if args.show:
        failures = [r for r in results if not is_correct(r.question, r.answer)]
        print(f"\n{len(failures)} failures\n")
        print("\n\n".join(failure(r) for r in failures))


if __name__ == "__main__":
    main()
