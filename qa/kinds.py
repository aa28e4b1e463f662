"""Answers by kind of question: the evidence each kind needs, composed and cited.

``qa.answer`` understands the question (``qa.question``) and hands it here. Every answer
quotes articles verbatim with ``[n]`` markers; the only words added are dates, story labels
and the short frames that say what is shown ("As of 25 July 2025:"). What each kind gathers
is described in ``qa.gather``; the fact kinds (fact, who, when, how many, why) keep the
sentence ranking of ``qa.evidence`` with two additions measured on the news-reader benchmark
(``bench/newsroom.py``):

- the sentence that holds an answer of the asked kind (a name for "who", a date for "when", a
  number, best with the asked unit, for "how many", a cause for "why") is preferred over one
  that only repeats the question's words, and it comes first;
- when the evidence holds no answer of the asked kind, or none for the asked year, or never
  names who or what the question is about, the answer says the articles don't cover it and
  shows what they do cover (``answered`` is False).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from qa.catalog import ArticleRecord, Catalog
from qa.compose import extractive
from qa.evidence import ScoredSentence, content_words, rank_sentences
from qa.filters import Filters
from qa.gather import (
    article_passages,
    format_day,
    in_period,
    intent_subject,
    lede_lines,
    records_of,
    resolve_event,
    story_candidates,
)
from qa.passage import Passage
from qa.periods import Period
from qa.retrieve import retrieve
from qa.stories import Story, build_stories

if TYPE_CHECKING:
    from qa.index import Index
    from qa.question import Question

__all__ = ["Draft", "compose"]

NOT_ENGLISH = (
    "Please ask in English: Newsdesk reads English articles and answers questions in English. "
    "(Veuillez poser votre question en anglais · Por favor, pregunte en inglés · Bitte auf Englisch fragen.)"
)
# A sentence holding the asked kind of answer gains this much when sentences are ordered.
KIND_BONUS = 0.1
UNIT_BONUS = 0.08
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half)\b",
    re.I,
)
_DATEISH = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|march|april|may|june|july|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|"
    r"dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|"
    r"tonight|next (week|month|year|season)|(in|within|after) (a|one|two|three|four|five|six|\d+) "
    r"(days?|weeks?|months?|years?)|(19|20)\d\d|spring|summer|autumn|winter|weekend)\b",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b")
_CAUSE = re.compile(
    r"\b(because|due to|owing to|as a result|result of|driven by|caused by|blamed|citing|cited|reason|"
    r"after|amid|following|since|so that|in order to|led to|prompted|triggered|sparked|in response to|"
    r"fuell?ed|stemm(ed|ing) from|attributed)\b",
    re.I,
)
_UNIT = re.compile(r"\bhow (?:many|much)\s+(\w+)", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_QUESTION_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b([A-Z][a-z]{2,}(?:[-'’][A-Z]?[a-z]+)?)\b")
_COMMON_CAPS = frozenset(
    """What Who When Where Why How Which Did Does Do Is Are Was Were Will Would Can Could Should The A An
    In On At Of For And Or But If Has Have Had Give Tell Show List Name Summarize Summarise Compare""".split()
)
_SPLIT = re.compile(
    r"\bcompare[sd]?\s+(?P<a>.+?)\s+(?:with|to|and|against)\s+(?P<b>.+)"
    r"|^(?P<c>.+?)\s+(?:compare[sd]?|stack up)\s+(?:with|to|against)\s+(?P<d>.+)"
    r"|\bdifference between\s+(?P<e>.+?)\s+and\s+(?P<f>.+)"
    r"|^(?P<g>.+?)\s+(?:versus|vs\.?|as opposed to|rather than)\s+(?P<h>.+)"
    r"|^(?P<i>.+?)\s+or\s+(?:only|just|merely)?\s*(?P<j>.+)",
    re.I,
)


@dataclass(frozen=True)
class Draft:
    """What a kind's composer produced: the text, the cited passages, and whether it answers."""

    text: str
    citations: list[Passage]
    answered: bool


def _filtered(records: Sequence[ArticleRecord], filters: Filters) -> list[ArticleRecord]:
    out = []
    for r in records:
        if filters.sources and r.source not in filters.sources and r.file not in filters.sources:
            continue
        if filters.published_after or filters.published_before:
            period = Period(filters.published_after, filters.published_before)
            if not in_period(r, period):
                continue
        out.append(r)
    return out


def _story_by_id(catalog: Catalog, story_id: str) -> Story | None:
    return next((s for s in build_stories(catalog) if s.id == story_id), None)


def _mentions(words: set[str], catalog_words: set[str]) -> bool:
    """Whether any of the question's content words (stemmed) occurs among the story's words."""
    if not words:
        return True
    return bool(words & content_words(" ".join(catalog_words)))


# ---------------------------------------------------------------------------------- chat


def chat_reply(catalog: Catalog) -> Draft:
    """A greeting, thanks or a request for help: what Newsdesk does, with questions to try."""
    stories = build_stories(catalog)
    n = len(catalog.articles)
    if not n:
        return Draft(
            "Hello! I'm Newsdesk. No articles are indexed yet: add some to the articles folder and sync, "
            "then ask me about them.",
            [],
            False,
        )
    examples = ["What are the main stories?"]
    for story in stories[:2]:
        label = _short(story.title)
        examples += [f"What's the latest on {label}?", f"Give me a timeline of {label}"]
    lines = [
        f"Hello! I'm Newsdesk. I answer questions about the {n} article{'s' if n != 1 else ''} "
        f"({len(stories)} stor{'ies' if len(stories) != 1 else 'y'}) in this collection, quoting them "
        "with [n] citations. Ask for the main stories, the latest on a story, a summary or a timeline, "
        "what happened in a period, which stories mention something, or a single fact. For example:",
        "",
        *(f"- {e}" for e in examples[:5]),
    ]
    return Draft("\n".join(lines), [], False)


def _short(title: str) -> str:
    words = title.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


# ------------------------------------------------------------------------- whole stories


def main_stories(catalog: Catalog, index: Index, filters: Filters) -> Draft:
    """One line per story, newest first: its label, span and its newest article's lede."""
    records = {r.source: r for r in _filtered(list(catalog.articles.values()), filters)}
    stories = [s for s in build_stories(catalog) if any(a.source in records for a in s.articles)]
    latest = [records[next(a.source for a in reversed(s.articles) if a.source in records)] for s in stories[:8]]
    passages = article_passages(catalog, latest, index.settings)
    lines, cited = [], []
    for story, record in zip(stories, latest, strict=False):
        if record.source not in passages or not record.lede:
            continue
        cited.append(passages[record.source])
        span = f"{format_day(story.first)} to {format_day(story.last)}" if story.first != story.last else format_day(story.last)
        count = f"{story.count} article{'s' if story.count != 1 else ''}"
        lines.append(f"{story.title} ({count}, {span}): {record.lede} [{len(cited)}]")
    if not lines:
        return Draft("No articles are indexed yet, so there are no stories to list.", [], False)
    head = f"The main stories, newest first ({len(stories)} in all):" if len(stories) > 1 else "The one story:"
    return Draft("\n\n".join([head, *lines]), cited, True)


def story_summary(story: Story, catalog: Catalog, index: Index, filters: Filters, *, timeline: bool) -> Draft:
    """A story's ledes in date order: a summary (near-repeats dropped) or a timeline (all)."""
    records = _filtered(records_of(story, catalog), filters)
    passages = article_passages(catalog, records, index.settings)
    lines, cited = lede_lines(records, passages, dedupe=not timeline, limit=12 if timeline else 6)
    if not lines:
        return Draft("The articles of that story have no text to quote.", [], False)
    span = f"{format_day(story.first)} to {format_day(story.last)}" if story.first != story.last else format_day(story.last)
    head = f"{story.title}: {story.count} article{'s' if story.count != 1 else ''}, {span}."
    if timeline:
        head = f"Timeline of {story.title} ({span}):"
    return Draft("\n\n".join([head, *lines]), cited, True)


def period_summary(period: Period, subject: str, catalog: Catalog, index: Index, filters: Filters) -> Draft:
    """The ledes of the articles published in ``period`` (of one story when ``subject`` names one)."""
    period = resolve_event(period, index.settings)
    records = [r for r in _filtered(list(catalog.articles.values()), filters) if in_period(r, period)]
    if not period or not records:
        first = min((r.published for r in catalog.articles.values() if r.published), default="")
        last = max((r.published for r in catalog.articles.values() if r.published), default="")
        span = f" The articles run from {format_day(first)} to {format_day(last)}." if first else ""
        when = period.describe().lower() if period else "in that period"
        return Draft(f"No articles were published {when}.{span}", [], False)
    story_ids = {r.story for r in records}
    words = content_words(subject)
    if subject and words:
        votes = story_candidates(subject, index.settings, k=10)
        chosen = next((s for s, _ in votes if s in story_ids), "")
        story = _story_by_id(catalog, chosen) if chosen else None
        if story is not None and _mentions(words, {w for r in records_of(story, catalog) for w in r.words}):
            records = [r for r in records if r.story == chosen]
    records.sort(key=lambda r: (r.published, r.source))
    passages = article_passages(catalog, records, index.settings)
    labels = {r.source: _short(catalog.stories.get(r.story, "")) for r in records} if len({r.story for r in records}) > 1 else None
    lines, cited = lede_lines(records, passages, limit=10, label=labels)
    head = f"{period.describe()}, {len(records)} article{'s' if len(records) != 1 else ''}:"
    return Draft("\n\n".join([head, *lines]), cited, bool(lines))


# ----------------------------------------------------------------------------- latest


def latest(query: str, story: Story, catalog: Catalog, index: Index, filters: Filters, k: int) -> Draft | None:
    """The best sentence of the story's newest article, dated; an older, different figure after it."""
    records = [r for r in _filtered(records_of(story, catalog), filters) if r.published]
    if not records:
        return None
    newest = records[-1]
    best_new = _best_in(query, [newest.source], index, k, "latest")
    if best_new is None:
        return None
    lines = [f"As of {format_day(newest.published)}: {best_new.text} [1]"]
    cited = [_quoted(best_new)]
    older = [r.source for r in records[:-1]]
    if older and _NUMBER.search(best_new.text):
        best_old = _best_in(query, older, index, k, "latest")
        if best_old is not None and _numbers(best_old.text) and _numbers(best_old.text) != _numbers(best_new.text):
            when = format_day(best_old.passage.published)
            lines.append(f"Earlier, on {when}: {best_old.text} [2]")
            cited.append(_quoted(best_old))
    return Draft(" ".join(lines) if len(lines) == 1 else "\n\n".join(lines), cited, True)


def _numbers(text: str) -> set[str]:
    return {m.group().lower().strip(".,") for m in _NUMBER.finditer(text)} - {str(y) for y in range(1990, 2040)}


def _best_in(query: str, sources: Sequence[str], index: Index, k: int, kind: str) -> ScoredSentence | None:
    passages = retrieve(query, k, filters=Filters(sources=tuple(sources)), index=index)
    ranked = prefer_answers(query, kind, rank_sentences(query, passages=passages, index=index))
    return ranked[0] if ranked else None


def _quoted(s: ScoredSentence) -> Passage:
    return replace(s.passage, quotes=((s.start, s.start + len(s.text)),))


# ------------------------------------------------------------------------------ which


def which(topic: str, catalog: Catalog, index: Index, filters: Filters) -> Draft | None:
    """Every story with a passage on ``topic``, one supporting sentence each."""
    passages = retrieve(topic, 30, filters=filters, index=index)
    if not passages:
        return None
    ranked = rank_sentences(topic, passages=passages, index=index)
    if not ranked or ranked[0].score < index.settings.min_score:
        return None
    floor = max(index.settings.min_score - 0.05, ranked[0].score * 0.8)
    per_story: dict[str, ScoredSentence] = {}
    for s in ranked:
        record = catalog.articles.get(s.passage.source)
        story = record.story if record is not None else s.passage.source
        if s.score >= floor and story not in per_story:
            per_story[story] = s
    lines, cited = [], []
    for story, s in per_story.items():
        cited.append(_quoted(s))
        label = catalog.stories.get(story, s.passage.title)
        lines.append(f"{label} ({format_day(s.passage.published) or 'undated'}): {s.text} [{len(cited)}]")
    head = f"{len(lines)} stor{'ies' if len(lines) != 1 else 'y'}:"
    return Draft("\n\n".join([head, *lines]), cited, True)


# ---------------------------------------------------------------------------- compare


def sides(question: str) -> tuple[str, str] | None:
    """The two things a comparison question sets side by side, if it names both."""
    q = question.strip().rstrip("?")
    m = _SPLIT.search(q)
    if not m:
        return None
    parts = [g for g in m.groups() if g]
    if len(parts) != 2:
        return None
    return parts[0].strip(), parts[1].strip()


def compare(query: str, index: Index, filters: Filters, k: int) -> Draft | None:
    """The best sentence for each side of the comparison, side by side, each dated."""
    found = sides(query)
    picks: list[ScoredSentence] = []
    if found:
        context = " ".join(w for w in _QUESTION_NAME.findall(query) if w not in _COMMON_CAPS)
        for side in found:
            q = f"{side} {context}".strip()
            ranked = rank_sentences(q, passages=retrieve(q, k, filters=filters, index=index), index=index)
            pick = next((s for s in ranked if all(s.text != p.text for p in picks)), None)
            if pick is not None:
                picks.append(pick)
    if len(picks) < 2:
        ranked = rank_sentences(query, passages=retrieve(query, k * 2, filters=filters, index=index), index=index)
        if not ranked or ranked[0].score < index.settings.min_score:
            return None
        picks = [ranked[0]]
        for s in ranked[1:]:
            if s.passage.source != picks[0].passage.source or s.passage.published != picks[0].passage.published:
                picks.append(s)
                break
    if not picks or max(p.score for p in picks) < index.settings.min_score:
        return None
    picks.sort(key=lambda s: (s.passage.published or "9999", s.start))
    lines, cited = [], []
    for s in picks:
        cited.append(_quoted(s))
        who = ", ".join(x for x in (s.passage.outlet, format_day(s.passage.published)) if x)
        lines.append(f"{who or s.passage.title}: {s.text} [{len(cited)}]")
    differ = len(picks) == 2 and _numbers(picks[0].text) and _numbers(picks[1].text) and _numbers(picks[0].text) != _numbers(picks[1].text)
    head = "Side by side (the figures differ):" if differ else "Side by side:"
    return Draft("\n\n".join([head, *lines]), cited, True)


# ------------------------------------------------------------------------- fact kinds


def holds_answer(kind: str, text: str, question: str) -> bool:
    """Whether ``text`` holds an answer of the kind ``question`` asks for."""
    if kind == "how_many":
        return bool(_NUMBER.search(text))
    if kind == "when":
        return bool(_DATEISH.search(text))
    if kind == "who":
        asked = set(question.lower().split())
        return any(not set(n.lower().split()) <= asked for n in _NAME.findall(text))
    if kind == "why":
        return bool(_CAUSE.search(text))
    return True


def prefer_answers(question: str, kind: str, ranked: list[ScoredSentence]) -> list[ScoredSentence]:
    """Re-order sentences so those holding the asked kind of answer come first (see module doc)."""
    if kind not in ("how_many", "when", "who", "why", "latest"):
        return ranked
    unit = _UNIT.search(question)
    unit_stem = content_words(unit.group(1)) if unit else set()
    out = []
    for s in ranked:
        bonus = 0.0
        check = "how_many" if kind == "latest" else kind
        if kind != "latest" and holds_answer(check, s.text, question):
            bonus += KIND_BONUS
        if unit_stem and _NUMBER.search(s.text) and unit_stem & content_words(s.text):
            bonus += UNIT_BONUS
        out.append(replace(s, score=s.score + bonus))
    return sorted(out, key=lambda s: s.score, reverse=True)


def not_covered(question: str, kind: str, ranked: list[ScoredSentence], passages: Sequence[Passage]) -> str:
    """Why the evidence does not answer ``question`` ("" when it may): the reason in words."""
    years = set(_YEAR.findall(question))
    if years:
        seen = set()
        for p in passages:
            seen |= set(_YEAR.findall(p.text)) | ({p.published[:4]} if p.published else set())
        if not years & seen:
            covered = sorted(seen)
            return f"for {' or '.join(sorted(years))}" + (f" (they cover {', '.join(covered[-3:])})" if covered else "")
    text = " ".join(p.title + " " + p.text for p in passages).lower()
    missing = [n for n in _QUESTION_NAME.findall(question) if n not in _COMMON_CAPS and n.lower() not in text]
    if missing:
        return f"about {', '.join(missing)} (the articles never mention {'them' if len(missing) > 1 else 'this name'})"
    if kind in ("how_many", "when", "who") and not any(holds_answer(kind, s.text, question) for s in ranked[:4]):
        what = {"how_many": "figure", "when": "date", "who": "name"}[kind]
        return f"(they give no {what} for it)"
    return ""


def not_covered_draft(reason: str, ranked: list[ScoredSentence]) -> Draft:
    """The refusal that says what the articles do cover, citing the closest passage."""
    best = ranked[0]
    when = format_day(best.passage.published)
    where = f"{best.passage.title}" + (f" ({when})" if when else "")
    text = (
        f"The articles don't answer this {reason}. The closest they come is {where}: {best.text} [1]"
        if reason.startswith(("for", "about"))
        else f"The articles don't answer this {reason}. The closest they come is {where}: {best.text} [1]"
    )
    return Draft(text, [_quoted(best)], False)


def fact(question: str, kind: str, ranked: list[ScoredSentence], passages: Sequence[Passage]) -> Draft:
    """A fact question from ranked sentences: the answer-holding sentence first, or a refusal."""
    reason = not_covered(question, kind, ranked, passages)
    if reason:
        return not_covered_draft(reason, ranked)
    ordered = prefer_answers(question, kind, ranked)
    text, citations = extractive(ordered)
    return Draft(text, citations, True)


def today() -> date:
    """Today's date (a seam for tests)."""
    return date.today()


def compose(
    question: Question, catalog: Catalog, index: Index, filters: Filters, k: int
) -> Draft | None:
    """The answer for the kinds that need more than the best sentences; None for the fact kinds.

    None also when the kind's evidence is missing (no story found): the caller then answers
    as for a fact question, so a question is never refused only for being classified wrongly.
    """
    kind = question.kind
    if kind == "chat":
        return chat_reply(catalog)
    if kind == "not_english":
        return Draft(NOT_ENGLISH, [], False)
    if kind == "main_stories":
        return main_stories(catalog, index, filters)
    if kind == "period":
        return period_summary(question.period, intent_subject(question.intent, question.period), catalog, index, filters)
    if kind == "which":
        topic = intent_subject(question.intent, question.period) or question.query
        return which(topic, catalog, index, filters)
    if kind == "compare":
        return compare(question.query, index, filters, k)
    if kind in ("summary", "timeline", "latest"):
        subject = intent_subject(question.intent, question.period)
        probe = question.query if not subject or len(subject.split()) < 1 else f"{subject} {question.query}"
        votes = story_candidates(probe, index.settings, k=10, filters=filters)
        if not votes:
            return None
        story = _story_by_id(catalog, votes[0][0])
        if story is None:
            return None
        words = content_words(subject or question.query)
        if not _mentions(words, {w for r in records_of(story, catalog) for w in r.words}):
            return None  # the subject is not in the story: answer as a fact (and refuse if off-topic)
        if kind == "latest":
            return latest(question.query, story, catalog, index, filters, k)
        return story_summary(story, catalog, index, filters, timeline=kind == "timeline")
    return None
