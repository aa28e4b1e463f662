"""The same questions in other words of form: how much an answer depends on how a reader types it.

Each rewording keeps a question's meaning and changes only its form, the ways readers type the
same question: in lower case, after "can you tell me" or "hey,", with "exactly?" or "- thanks!"
after it, with one letter slipped, opened with "what number of" for "how many", "what made"
for "why did", "list the stories that" for "which stories". Every dev question (of the split
asked, without history; with ``--follow-ups``, only those asked after others, with their
history) that a rewording applies to is asked as written and reworded, in one run; the table
gives, per rewording, how many the answerer got right each way. A rewording that loses answers
points at a step that reads the question by its form, not its meaning.

    python -m bench.wording [--split dev|test|fresh|blind] [--only NAME ...] [--per N] [--show]
    python -m bench.wording --two [--split ...] [--per N] [--show]
    python -m bench.wording --follow-ups [--split ...] [--only NAME ...] [--per N] [--show]

``--two`` asks two questions of one story in one message instead ("Who won the election? And
what was the turnout?", "how many homes burned, and how many people died?"): each pair of
questions answered right one at a time, asked together, counts right when the one answer holds
what both ask for.

At most ``--per`` questions a rewording (120), drawn with a fixed seed, as the typos are, so
runs compare. Scored as ``bench.newsroom``.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bench.newsroom import SPLITS, Question, find_parts, is_correct, load_questions, run

__all__ = ["REWORDINGS", "reworded"]

_NO_ENDING = re.compile(r"[?.!]\s*$")


_FOLLOW_LEAD = re.compile(r"^\s*(?:(?:and|so|ok(?:ay)?|but|then)\b[\s,]*)+", re.I)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _bare(text: str) -> str:
    return _NO_ENDING.sub("", text)


def _typo(text: str, rng: random.Random) -> str | None:
    """``text`` with one letter of a word of five letters or more dropped, swapped or changed."""
    words = list(re.finditer(r"[A-Za-z]{5,}", text))
    if not words:
        return None
    m = rng.choice(words)
    word, at = m.group(), rng.randrange(1, len(m.group()) - 1)
    slip = rng.choice("dst")
    if slip == "d":
        typed = word[:at] + word[at + 1 :]
    elif slip == "t":
        typed = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        typed = word[:at] + rng.choice("aeiourstnl") + word[at + 1 :]
    return text[: m.start()] + typed + text[m.end() :]


def _opening(pattern: str, plain: str) -> Callable[[str], str | None]:
    compiled = re.compile(pattern, re.I)
    return lambda text: compiled.sub(plain, text, count=1) if compiled.match(text) else None


# British spellings as an American reader types them ("harbor city", "neighboring counties")
_AMERICAN = (
    (r"\b(labo|neighbo|harbo|colo|favo|hono|behavio|rumo)ur", r"\1r"),
    (r"\b(cent|met|kilomet|millimet|theat)re(s?)\b", r"\1er\2"),
    (
        r"\b(organi|recogni|reali|apologi|authori|critici|summari|privati)s(e|es|ed|er|ers|ing|ation)\b",
        r"\1z\2",
    ),
    (r"\bdefence\b", "defense"),
    (r"\bprogramme(s?)\b", r"program\1"),
    (r"\btravell(ed|ing)\b", r"travel\1"),
)


def _american(text: str) -> str | None:
    for pattern, us in _AMERICAN:
        text = re.sub(pattern, us, text, flags=re.I)
    return text


# name -> what it does to a question's text (None where it does not apply)
REWORDINGS: dict[str, Callable[[str], str | None]] = {
    "lower case": lambda t: t.lower() if t != t.lower() else None,
    "can you tell me": lambda t: "can you tell me " + _lower_first(t),
    "i'd like to know": lambda t: "i'd like to know " + _lower_first(t),
    "hey,": lambda t: "hey, " + _lower_first(t),
    "according to the articles,": lambda t: "according to the articles, " + _lower_first(t),
    "Newsdesk,": lambda t: "Newsdesk, " + _lower_first(t),
    "so / and": lambda t: "so " + _lower_first(t),
    "... exactly?": lambda t: _bare(t) + " exactly?",
    "... in the articles?": lambda t: _bare(t) + " in the articles?",
    "... - thanks!": lambda t: _bare(t) + " - thanks!",
    "what number of": _opening(r"^how many\b", "What number of"),
    "what amount": _opening(r"^how much\b", "What amount"),
    "for what reason did": _opening(r"^why did\b", "For what reason did"),
    "what made": _opening(r"^why did\b", "What made"),
    "at what point": _opening(r"^when (is|was|will)\b", r"At what point \1"),
    "in what month": _opening(r"^when (did|does|will|is|was)\b", r"In what month \1"),
    "how soon": _opening(r"^when (will|does|is)\b", r"How soon \1"),
    "which person": _opening(r"^who (\w+ed)\b", r"Which person \1"),
    "what's": _opening(r"^what (is|was)\b", "What's"),
    "list the stories that": _opening(r"^which stor(?:y|ies)\s+", "List the stories that "),
    "are there any stories that": _opening(r"^which stor(?:y|ies)\s+", "Are there any stories that "),
    "no question mark": lambda t: _bare(t) if _bare(t) != t else None,
    "no apostrophes": lambda t: re.sub(r"['’]", "", t) if re.search(r"\w['’]\w?", t) else None,
    "do you know": lambda t: "do you know " + _lower_first(t),
    "tell me": lambda t: "tell me " + _lower_first(_bare(t)),
    "quick question:": lambda t: "quick question: " + _lower_first(t),
    "i was wondering": lambda t: "i was wondering " + _lower_first(t),
    "i'm curious,": lambda t: "i'm curious, " + _lower_first(t),
    "and ...": lambda t: "and " + _lower_first(t),
    "..., please?": lambda t: _bare(t) + ", please?",
    "... ??": lambda t: _bare(t) + "??",
    "on what date": _opening(r"^when (did|was|were|will|is)\b", r"On what date \1"),
    "who's": _opening(r"^who is\b", "Who's"),
    "american spelling": lambda t: _american(t) if _american(t) != t else None,
    "... ?": lambda t: _bare(t) + " ?",
    "... .": lambda t: _bare(t) + ".",
    "... 🙂": lambda t: t + " 🙂",
    "all capitals": lambda t: t.upper(),
    "spaces doubled": lambda t: t.replace(" ", "  "),
}


def reworded(
    questions: Sequence[Question], names: Sequence[str], per: int = 120, seed: int = 3
) -> list[tuple[str, Question]]:
    """(rewording, reworded question) for at most ``per`` questions (a seeded sample) of those each
    named rewording applies to; "typo" puts one slip in a word of each (seeded too)."""
    rng = random.Random(seed)
    out = []
    for name in names:
        applied = []
        for q in questions:
            if name == "typo":
                text = _typo(q.question, rng)
            elif name == "two typos":
                once = _typo(q.question, rng)
                text = _typo(once, rng) if once else None
            else:
                # a follow-up's opening "and" or "ok so" stays in front: "and can you tell me ..."
                lead = _FOLLOW_LEAD.match(q.question) if q.history else None
                head = lead.group() if lead else ""
                changed = REWORDINGS[name](q.question[len(head) :])
                text = head + changed if changed else None
            if text and text != q.question:
                applied.append((name, replace(q, question=text)))
        out += rng.sample(applied, per) if len(applied) > per else applied
    return out


_ONE_AT_A_TIME_KINDS = ("fact", "who", "when", "how_many", "why")


def paired(questions: Sequence[Question], per: int = 120, seed: int = 3) -> list[tuple[Question, Question]]:
    """At most ``per`` pairs of answerable questions about the same story (the first gold article's
    story), drawn with a fixed seed."""
    rng = random.Random(seed)
    stories: dict[str, list[Question]] = {}
    for q in questions:
        if q.expect == "answer" and q.kind in _ONE_AT_A_TIME_KINDS and q.gold and q.answers:
            stories.setdefault(q.gold[0].split("-")[0], []).append(q)
    pairs = []
    for story in sorted(stories):
        group = stories[story]
        rng.shuffle(group)
        pairs += [(a, b) for a, b in zip(group[::2], group[1::2], strict=False) if a.id != b.id]
    return rng.sample(pairs, per) if len(pairs) > per else pairs


def joined(first: Question, second: Question, i: int) -> Question:
    """One message asking both, in one of two forms readers use, with what both ask for."""
    if i % 2:
        text = f"{_bare(first.question)}, and {_lower_first(second.question)}"
    else:
        text = f"{_bare(first.question)}? And {_lower_first(second.question)}"
    return replace(first, id=f"{first.id}+{second.id}", question=text, answers=first.answers + second.answers)


def two_in_one(questions: Sequence[Question], per: int, show: bool) -> None:
    """Ask pairs of questions one at a time and in one message; print how many were answered."""
    pairs = paired(questions, per)
    singles = list({q.id: q for pair in pairs for q in pair}.values())
    results, _ = run([*singles, *(joined(a, b, i) for i, (a, b) in enumerate(pairs))])
    right = {r.question.id: is_correct(r.question, r.answer) for r in results[: len(singles)]}
    both_alone = [(a, b) for a, b in pairs if right[a.id] and right[b.id]]
    counts = {"first": 0, "second": 0, "both": 0}
    lost = []
    for (a, b), result in zip(pairs, results[len(singles) :], strict=True):
        if not (right[a.id] and right[b.id]):
            continue
        text = result.answer.text if result.answer.answered else ""
        first, second = find_parts(text, a.answers), find_parts(text, b.answers)
        counts["first"] += first
        counts["second"] += second
        counts["both"] += first and second
        if not (first and second):
            lost.append(f"{result.question.question}\n  got: {result.answer.text[:300]}")
    n = len(both_alone)
    print("| pairs of questions answered right one at a time, asked in one message | count |\n|---|---|")
    print(f"| pairs | {n} |")
    for name, count in counts.items():
        print(f"| {name} answered | {count} ({count / max(n, 1):.0%}) |")
    if show:
        print(f"\n{len(lost)} not both\n\n" + "\n\n".join(lost))


def main(argv: Sequence[str] | None = None) -> None:
    """Ask each question as written and reworded; print the table (and the losses with ``--show``)."""
    names = [*REWORDINGS, "typo", "two typos"]
    parser = argparse.ArgumentParser(description="The same questions in other words of form.")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="default: dev")
    parser.add_argument("--only", nargs="+", choices=names, help="only these rewordings")
    parser.add_argument("--per", type=int, default=120, help="questions per rewording (default 120)")
    parser.add_argument("--show", action="store_true", help="print each question a rewording lost")
    parser.add_argument("--two", action="store_true", help="two questions of one story in one message")
    parser.add_argument(
        "--follow-ups", action="store_true", help="reword the follow-ups (questions asked after others)"
    )
    args = parser.parse_args(argv)
    asked = [
        q
        for q in load_questions(split=args.split)
        if bool(q.history) == args.follow_ups
        and q.kind not in ("greeting", "non_english", "off_topic", "typo")
    ]
    if args.two:
        two_in_one(asked, args.per, args.show)
        return
    pairs = reworded(asked, args.only or names, args.per)
    originals = {q.id: q for q in asked if any(q.id == r.id for _, r in pairs)}
    results, _ = run([*originals.values(), *(r for _, r in pairs)])
    right = {r.question.id: is_correct(r.question, r.answer) for r in results[: len(originals)]}
    rows: dict[str, list[int]] = {}
    lost = []
    for (name, _), result in zip(pairs, results[len(originals) :], strict=True):
        now = is_correct(result.question, result.answer)
        row = rows.setdefault(name, [0, 0, 0])
        row[0] += 1
        row[1] += right[result.question.id]
        row[2] += now
        if right[result.question.id] and not now:
            lost.append(f"[{name}] {result.question.question}\n  got: {result.answer.text[:200]}")
    print("| rewording | questions | right as written | right reworded |\n|---|---|---|---|")
    for name, (n, before, after) in rows.items():
        print(f"| {name} | {n} | {before} | {after} |")
    total = [sum(r[i] for r in rows.values()) for i in range(3)]
    print(f"| all | {total[0]} | {total[1]} | {total[2]} |")
    if args.show:
        print(f"\n{len(lost)} lost\n\n" + "\n\n".join(lost))


if __name__ == "__main__":
    main()
