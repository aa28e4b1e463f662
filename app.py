"""Newsdesk chat: ask questions about the articles and get answers that cite them.

``demo`` is built at import so tests and other programs can mount or launch it; it is launched
only when this file is run (``python app.py``), on 127.0.0.1:7860 unless ``NEWSDESK_HOST`` /
``NEWSDESK_PORT`` say otherwise. The embedder and store are warmed up in the background at
launch, so the first question does not pay for loading them. Started over a folder of articles
with nothing indexed, it indexes them first (``FirstIndexing``), and the page says so.

While it runs, the app owns the index (see ``ingest.owner``): uploads, the Re-sync button and
syncs started elsewhere (``python -m ingest`` calls the ``/sync`` API) all run here, so
questions keep being answered during a sync and new articles are answerable right after it.

The page is a Gradio ``Blocks`` rather than ``gr.ChatInterface``: the reader's conversations are
kept in the browser (``gr.BrowserState``), empty questions never post, filters show as chips
beside the question box, and every answer carries its own source anchors, copy text and
follow-ups, which ``ChatInterface`` has no hooks for. The small script in ``HEAD`` opens a cited
source when its ``[n]`` is clicked, copies clean text, and counts characters as the reader types.
"""

from __future__ import annotations

import contextvars
import hmac
import html
import ipaddress
import logging
import os
import re
import signal
import sys
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
from starlette.middleware import Middleware

import ingest
import qa
from ingest.load import SUFFIXES
from ingest.owner import SYNC_API, claim, release
from ingest.sync import IndexStatus, article_files
from ingest.upload import save_uploads
from ingest.worker import SyncWorker
from qa.embedder import set_threads
from qa.errors import NewsdeskError, StoreMissingError
from qa.question import MAX_QUESTION_CHARS, problem, speller_for

__all__ = ["demo", "plain_text", "render", "respond"]

log = logging.getLogger("newsdesk.app")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))([.)]?)", re.MULTILINE)
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")
_MARKER = re.compile(r"\s*\[(\d+)\]")
# A sentence of an answer with the markers that follow it: "Text. [1] [2]".
_CITED_SENTENCE = re.compile(r"\s*(.+?(?:\s*\[\d+\])+)(?=\s|$)", re.S)
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")
# Bounds on what one API request can make the server do (the page's widgets stay within them).
_MAX_K = 50
_MAX_HISTORY = 20  # messages of history read; a follow-up only needs the last turns
_MAX_SOURCES = 1000
_MAX_FIELD = 1000  # characters of a filter value (a path, a date)
MAX_CHATS = 50  # conversations kept in the browser; the oldest go first
CHAT_PLACEHOLDER = "Ask about the articles, or start with one of these questions."
# The chat's height: the screen's, less what stands above it (the title, its line, the status and
# the tabs: 211 px on a desktop, 221 px on a phone) and the question box below it, so that the
# chat and its question box fit the first screen. A fixed 560 px read a long answer (a timeline,
# the main stories: 1,000 to 3,000 px) through a small window on a tall screen, and at 1280x800
# pushed the question box below the fold. ``svh``: the height a phone gives with its address bar
# shown, which does not change as the page scrolls. Gradio's own ``height`` and ``min_height``
# (CSS strings allowed) set it; below 620 px of screen the chat keeps 320 px and the page scrolls.
CHAT_HEIGHT = "calc(100svh - 300px)"
CHAT_MIN_HEIGHT = 320
NO_ARTICLES = "No articles to ask about yet: add some under **Articles**."
EXAMPLE_COUNT = 3

_opened: qa.Index | None = None  # set by main(): the one index this app serves


def _index() -> qa.Index:
    """The index ``main()`` opened; else (tests, an app mounted elsewhere) the environment's.

    Raises:
        ConfigError: when the environment's settings are bad (the message names the variable).
    """
    return _opened or qa.open_index()


def escape_markdown(text: str) -> str:
    """Article text shown as text: markdown and HTML in it are not interpreted."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A line opening with "-", "+", "=" or "1." would become a list or heading.
    return _LINE_START.sub(lambda m: m[1] + (m[2] + "\\" + m[3] if m[3] else "\\" + m[2]), escaped)


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]<>#|~&+=.)-])")


def unescape_markdown(text: str) -> str:
    """The text ``escape_markdown`` was given back (for what the reader typed, kept escaped)."""
    return _ESCAPED.sub(r"\1", text)


def _attr(text: str) -> str:
    """``text`` as an HTML attribute value that survives markdown (no blank lines in a block)."""
    return html.escape(text, quote=True).replace("\n", "&#10;")


def _highlighted(passage: qa.Passage) -> str:
    """The passage as escaped HTML, its quoted (supporting) spans in ``<mark>``."""
    spans = sorted((a - passage.start, b - passage.start) for a, b in passage.quotes)
    parts, cursor = [], 0
    for a, b in spans:
        a, b = max(a, cursor), min(b, len(passage.text))
        if a >= b:
            continue
        parts += [html.escape(passage.text[cursor:a]), "<mark>" + html.escape(passage.text[a:b]) + "</mark>"]
        cursor = b
    parts.append(html.escape(passage.text[cursor:]))
    return "".join(parts).replace("\n", "<br>")


def _nice_date(day: str, month: str = "%b") -> str:
    """``2025-05-03`` as ``3 May 2025`` (anything else unchanged); ``month="%B"`` spells the month
    in full, as the answers' own dates are."""
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{d.day} {d.strftime(month)} {d.year}"


def _source_line(p: qa.Passage) -> str:
    """What a source's one-line summary shows beside its title: the outlet and the date."""
    details = [x for x in (p.outlet, _nice_date(p.published) if p.published else "") if x]
    return " · ".join(html.escape(x) for x in details)


def _source_where(p: qa.Passage) -> str:
    """Where the article is, shown under its opened passages: the file, and its URL when safe."""
    path = f'<code class="newsdesk-path">{html.escape(p.source)}</code>'
    if not _SAFE_URL.match(p.url):
        return path
    return f'{path} · <a href="{html.escape(p.url)}">{html.escape(p.url)}</a>'


def _label(numbers: Sequence[int]) -> str:
    """The markers of one article's passages as its sources entry shows them: "[1]", "[1, 2]".

    "[1] [2] Lumora fined …" read as two sources, or as a numbering mistake; one bracket says
    one article, quoted at both markers.
    """
    return "[" + ", ".join(str(n) for n in numbers) + "]"


def _reference(numbers: Sequence[int], p: qa.Passage) -> str:
    """One article's reference in plain text: its numbers, title, outlet, date, then URL or path."""
    parts = [p.title or p.source] + [x for x in (p.outlet, p.published) if x]
    return f"{_label(numbers)} " + ". ".join(parts) + ". " + (p.url if _SAFE_URL.match(p.url) else p.source)


def by_article(citations: Sequence[qa.Passage]) -> list[list[tuple[int, qa.Passage]]]:
    """The numbered citations grouped by article, in order of each article's first citation.

    ``Answer.citations`` holds passages, and an answer may quote two passages of one article
    (the lede and a figure further down); a reader counts sources by article, so the list under
    an answer gives one entry per article, its passages inside, each still with its own ``[n]``.
    """
    groups: dict[str, list[tuple[int, qa.Passage]]] = {}
    for n, p in enumerate(citations, start=1):
        groups.setdefault(p.source, []).append((n, p))
    return list(groups.values())


def _without_overlap(group: list[tuple[int, qa.Passage]]) -> list[tuple[int, qa.Passage, str]]:
    """One article's passages for display, in the article's order (an answer that quotes a
    later chunk first showed it above the lede, and the text they share twice): each without the
    text an earlier one already shows.

    Neighbouring chunks share about 32 tokens, so two cited passages of one article repeated a
    sentence or two; a passage read whole for the answer holds a chunk cited beside it. A
    passage keeps what follows the end of the previous one (``"cut"``: shown after "…"), or is
    shown whole (``"whole"``), or, when an earlier one already shows all of it, not again
    (``"inside"``: its marker says so); every piece highlights all the article's quoted spans,
    so a quote in the shared text is marked where it is shown.
    """
    quotes = tuple(sorted({span for _, p in group for span in p.quotes}))
    out: list[tuple[int, qa.Passage, str]] = []
    shown: list[tuple[int, int]] = []
    for n, p in sorted(group, key=lambda item: (item[1].start, -item[1].end)):
        end = max((b for a, b in shown if a <= p.start < b), default=p.start)
        cut = end - p.start
        shown.append((p.start, p.end))
        if cut >= len(p.text.rstrip()) > 0:
            out.append((n, replace(p, text="", quotes=()), "inside"))
            continue
        if cut > 0:
            cut += len(p.text[cut:]) - len(p.text[cut:].lstrip())  # no blank line after "…"
            p = replace(p, text=p.text[cut:], start=p.start + cut)
        out.append((n, replace(p, quotes=quotes), "cut" if cut > 0 else "whole"))
    return out


def _anchor(key: str, n: int) -> str:
    return f' id="{key}-source-{n}"'


def plain_text(answer: qa.Answer) -> str:
    """The answer as clean text for the clipboard: the text, then its references, one per article."""
    if not answer.citations:
        return answer.text
    refs = [_reference([n for n, _ in group], group[0][1]) for group in by_article(answer.citations)]
    return answer.text + "\n\nReferences\n" + "\n".join(refs)


# Kinds whose answer text carries no dates of its own (``qa.kinds`` dates the others itself).
_UNDATED_KINDS = frozenset({"fact", "who", "when", "how_many", "why"})
# A fact answer whose figures changed dates them itself ("As of 8 August 2025: ... Earlier, on
# 15 July 2025: ...", "At first, on 12 March 2025: ... Later, on 21 March 2025: ..."): a date
# before each line would say it twice.
# So does a "when" answer that leads with the day its "on Friday" stands for ("Friday 21 March
# 2025: ... reached a tentative agreement on Friday"): "21 March 2025: Friday 21 March 2025:".
_SELF_DATED = re.compile(
    r"^(As of|Earlier, on|Before that, on|At first, on|Later, on|Then, on) \d"
    r"|^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}: ",
    re.M,
)


def _dated_groups(answer: qa.Answer) -> list[tuple[str, str]] | None:
    """(date, sentences) groups of an answer quoting articles of several dates, else None.

    Consecutive sentences citing articles of the same date form one group, so a reader sees
    when each part was reported without a date on every line.
    """
    days = {p.published for p in answer.citations if p.published}
    if len(days) < 2 or answer.kind not in _UNDATED_KINDS or _SELF_DATED.search(answer.text):
        return None  # the answers of the story kinds, latest and compare state their own dates
    if any(part.strip() and not _MARKER.search(part) for part in answer.text.split("\n\n")):
        return None  # two questions answered under their own headings: each part as written
    groups: list[tuple[str, str]] = []
    for match in _CITED_SENTENCE.finditer(answer.text):
        sentence = match.group(1)
        cited = [int(n) for n in _MARKER.findall(sentence) if 0 < int(n) <= len(answer.citations)]
        dated = sorted({answer.citations[n - 1].published for n in cited} - {""})
        day = dated[-1] if dated else ""
        if groups and groups[-1][0] == day:
            groups[-1] = (day, groups[-1][1] + " " + sentence)
        else:
            groups.append((day, sentence))
    covered = sum(len(s) for _, s in groups)
    return groups if groups and covered >= len(re.sub(r"\s+", "", answer.text)) * 0.9 else None


# The frame ``qa.kinds`` puts before a quoted sentence, ending in a year or a count of articles:
# "14 July 2025: ", "As of 8 August 2025: ", "Consumer Wire, 14 May 2025: ", "<headline> (7 March
# 2025): ", "<headline> (6 articles, 14 September 2025 to 20 November 2025): ", "<headline> (2
# articles): " (an undated story).
_FRAME = re.compile(r"^([^\[\n]{1,240}?(?:\d{4}\)?|\d+ articles?\))):[ \t]")
# A sentence ending inside a would-be frame: a refusal's "(they give no figure). The closest ...".
_SENTENCE_END = re.compile(r"[a-z0-9)”\"']\. [A-Z]")


def _framed(paragraph: str, cite: Callable[[str], str], titles: Sequence[str] = ()) -> str:
    """One paragraph of an answer as markdown, with the frame ``qa`` added to it in bold.

    A timeline, a period, a summary or the latest is a column of quoted sentences, each behind
    a date or a headline; in plain text the dates ran into the sentences and the eye could not
    find them. The frame is bold: a paragraph's leading label that ends in a year, or a whole
    paragraph that quotes nothing (a heading such as "Timeline of ... (6 May 2025 to 2 July
    2025):"). The words stay exactly as ``qa`` wrote them; ``cite`` escapes the rest and links
    its markers.

    A refusal's frame follows a sentence of its own ("The articles don't answer this for 2026
    (they cover 2025). The closest they come is <headline> (25 July 2025): ..."): there the
    headline of a cited article (one of ``titles``) and its date are bold, so the headline does
    not run into the sentences around it.
    """
    frame = _FRAME.match(paragraph)
    if frame and _MARKER.search(paragraph[frame.end() :]):
        if not _SENTENCE_END.search(frame[1]):
            return f"**{escape_markdown(frame[1])}**: " + cite(paragraph[frame.end() :])
        for title in titles:
            if title and re.search(re.escape(title) + r" \([^()]*\d{4}\)$", frame[1]):
                at = frame[1].rindex(title)
                label = f"**{escape_markdown(frame[1][at:])}**: "
                return cite(paragraph[:at]) + label + cite(paragraph[frame.end() :])
    heading = paragraph.strip()
    if heading and "\n" not in heading and not _MARKER.search(heading) and len(heading) <= 240:
        end = heading[-1] if heading[-1] in ":." else ""
        return f"**{escape_markdown(heading[: len(heading) - len(end)])}**{end}"
    return cite(paragraph)


def _one_per_frame(paragraphs: Sequence[str]) -> list[str]:
    """Paragraphs with a paragraph that repeats the previous one's frame joined to it.

    A comparison quoted two passages of one article as two sides, each behind the same
    "Harbour City Ledger, 21 March 2025:", and a timeline two articles of one day behind the
    same date: the repeated label read as a mistake. The sentences stay, in order, behind one.
    """
    out: list[str] = []
    last = ""
    for paragraph in paragraphs:
        frame = _FRAME.match(paragraph)
        label, rest = "", paragraph
        if frame and not _SENTENCE_END.search(frame[1]) and _MARKER.search(paragraph[frame.end() :]):
            label, rest = frame[1], paragraph[frame.end() :]
        if out and label and label == last:
            out[-1] += " " + rest
        else:
            out.append(paragraph)
        last = label
    return out


def render(answer: qa.Answer, key: str = "a1") -> str:
    """An answer as chat markdown: the text with ``[n]`` markers that open its own sources.

    ``key`` makes the anchors of this answer unique in the conversation (``#a3-source-1`` is
    the first source of the third answer), so ``[1]`` never opens another answer's source.
    Everything that comes from an article is escaped (markdown in the answer text, HTML in the
    sources), so an article's markup is shown as text and never runs.
    """
    corrected = str(getattr(answer, "corrected", "") or "")
    shown = f"*Showing results for “{escape_markdown(corrected)}”*\n\n" if corrected else ""
    if not answer.final:
        return shown + escape_markdown(answer.text) + " …"
    if not answer.citations:
        if getattr(answer, "kind", "") == "chat":  # the examples of a greeting are a real list
            return shown + "\n".join(
                "- " + escape_markdown(line[2:]) if line.startswith("- ") else escape_markdown(line)
                for line in answer.text.split("\n")
            )
        return shown + escape_markdown(answer.text)

    def marker(match: re.Match[str]) -> str:
        n = int(match.group(1))
        p = answer.citations[n - 1] if 0 < n <= len(answer.citations) else None
        if p is None:
            return match.group(0)
        hint = f"{p.title} · {p.source}".replace('"', "'").replace("\\", "/")
        return f'[\\[{n}\\]](#{key}-source-{n} "{escape_markdown(hint)}")'

    def cite(text: str) -> str:
        return _ESCAPED_MARKER.sub(marker, escape_markdown(text))

    groups = _dated_groups(answer)
    if groups is None:
        titles = [p.title for p in answer.citations]
        paragraphs = _one_per_frame(answer.text.split("\n\n"))
        body = "\n\n".join(_framed(paragraph, cite, titles) for paragraph in paragraphs)
    else:
        body = "\n".join(f"- **{_nice_date(day, '%B') or 'Undated'}**: " + cite(text) for day, text in groups)
    lines = [shown + body, "", "**Sources**", ""]
    for group in by_article(answer.citations):
        (n, p), rest = group[0], group[1:]
        numbers = _label([m for m, _ in group])
        # The entry holds the anchor of its first passage; each further passage holds its own.
        quoted = (
            [f"<blockquote>{_highlighted(p)}</blockquote>"]
            if not rest
            else [
                f'<blockquote class="newsdesk-passage"{_anchor(key, m) if m != n else ""}>'
                f"<b>[{m}]</b> "
                + (
                    '<span class="newsdesk-meta">in the text above</span>'
                    if shown == "inside"
                    else f"{'…' if shown == 'cut' else ''}{_highlighted(q)}"
                )
                + "</blockquote>"
                for m, q, shown in _without_overlap(group)
            ]
        )
        lines.append(
            f'<details class="newsdesk-source" id="{key}-source-{n}"><summary><b>{numbers} '
            f"{html.escape(p.title)}</b>"
            + (f' <span class="newsdesk-meta">· {meta}</span>' if (meta := _source_line(p)) else "")
            + "</summary>"
            + "".join(quoted)
            + f'<p class="newsdesk-where">{_source_where(p)}</p></details>'
        )
    # The clean text travels in a hidden element: the chat's sanitizer drops data attributes.
    lines.append(
        f'\n<div class="newsdesk-plain">{_attr(plain_text(answer))}</div>'
        '<button type="button" class="newsdesk-copy">Copy answer</button>'
    )
    return "\n".join(lines)


ANSWERERS = {"Extractive (quotes the articles)": "extractive", "LLM (configured model, verified)": "llm"}


def _friendly(error: Exception) -> str:
    """What to tell the user about an unexpected failure (the details go to the log)."""
    if any(word in type(error).__name__ for word in ("Connection", "Connect", "Timeout")):
        try:
            url = _index().settings.llm_base_url
        except NewsdeskError:
            url = "the configured address"
        return (
            f"⚠️ The language model server at {url} is not reachable. Start it, or choose the "
            "extractive answerer under Settings."
        )
    return "⚠️ Something went wrong while answering; the details are in the server log. Please try again."


# ---------------------------------------------------------------------------------------------
# Filters


@dataclass(frozen=True)
class ChatFilters:
    """What the reader set under Settings, checked: the bad dates are named, not raised."""

    sources: tuple[str, ...] = ()
    published_after: str = ""
    published_before: str = ""
    include_undated: bool = False
    errors: tuple[tuple[str, str], ...] = ()  # (field, message)

    @classmethod
    def of(
        cls,
        sources: Sequence[str] | None,
        after: str | None,
        before: str | None,
        include_undated: bool = False,
    ) -> ChatFilters:
        """Filters from the Settings fields; a malformed date is kept as an error, not applied."""
        errors = []
        days = []
        for field, raw in (("from", after), ("until", before)):
            value = (raw or "").strip()
            if value and not _is_day(value):
                errors.append((field, f"“{value}” is not a date: write it as YYYY-MM-DD, e.g. 2025-05-03."))
                value = ""
            days.append(value)
        if days[0] and days[1] and days[0] > days[1]:
            errors.append(("until", f"“Published until” ({days[1]}) is before “Published from” ({days[0]})."))
        return cls(tuple(sources or ()), days[0], days[1], bool(include_undated), tuple(errors))

    @property
    def dated(self) -> bool:
        return bool(self.published_after or self.published_before)

    def __bool__(self) -> bool:
        return bool(self.sources or self.dated)

    def to_qa(self) -> qa.Filters:
        """The checked filters as ``qa.Filters`` (bad dates were already left out)."""
        return qa.Filters.of(
            self.sources, self.published_after, self.published_before, include_undated=self.include_undated
        )


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _filter_note(filters: ChatFilters, titles: dict[str, str]) -> str:
    """Why a refusal under a filter may be the filter's doing, and how to lift it.

    A sentence with a subject ("Only articles published from 1 Sep 2025 were searched"), not
    the chips' words run together ("Only published from 1 Sep 2025 were searched").
    """
    names = [titles.get(s, s) for s in filters.sources]
    if len(names) == 1:
        searched = f"the article “{names[0]}”"
    else:
        searched = f"the {_plural(len(names), 'chosen article')}" if names else "articles"
    days = [
        f"{word} {_nice_date(day)}"
        for word, day in (("from", filters.published_after), ("until", filters.published_before))
        if day
    ]
    if days:
        searched += (", " if len(names) == 1 else " ") + "published " + " ".join(days)
        searched += "," if len(names) == 1 else ""
    verb = "was" if len(names) == 1 else "were"
    note = (
        f"Only {searched} {verb} searched, so the filter may be why. "
        "Remove it (✕ beside the question box) to search every article."
    )
    if filters.dated and not filters.include_undated:
        note += " Articles without a date are left out by a date filter."
    return note


# ---------------------------------------------------------------------------------------------
# Answering


def respond(
    message: str,
    history: Sequence[Any],
    answerer: str | None = None,
    k: float | None = None,
    sources: list[str] | None = None,
    published_after: str | None = None,
    published_before: str | None = None,
) -> Iterator[str]:
    """Chat handler: stream the answer with citations, or explain what went wrong."""
    if not isinstance(message, str):
        yield "⚠️ Please ask a question about the articles."
        return
    if len(message) > MAX_QUESTION_CHARS:  # checked first: nothing else of the request is read
        yield f"⚠️ {problem(message)}"
        return
    # Bounds on what one API request can ask for (the page's widgets stay within them).
    bounded_sources = [str(x)[:_MAX_FIELD] for x in (sources or [])[:_MAX_SOURCES]]
    recent = list(history or [])[-_MAX_HISTORY:]
    filters = ChatFilters.of(
        bounded_sources, (published_after or "")[:_MAX_FIELD], (published_before or "")[:_MAX_FIELD]
    )
    if filters.errors:
        yield "⚠️ " + " ".join(message for _, message in filters.errors)
        return
    for item in _answers(message, _qa_history(recent), answerer, k, filters):
        yield item if isinstance(item, str) else render(item)


def _answers(
    message: str, history: Sequence[Any], answerer: str | None, k: float | None, filters: ChatFilters
) -> Iterator[qa.Answer | str]:
    """The drafts and the final answer, or one friendly error message."""
    try:
        yield from qa.answer_stream(
            message,
            history,
            answerer=ANSWERERS.get(answerer or ""),
            k=max(1, min(int(k), _MAX_K)) if k else None,
            filters=filters.to_qa(),
            index=_index(),
        )
    except StoreMissingError as e:  # nothing ingested yet: the chat's reader adds articles here
        log.warning("answer failed: %s", e)
        yield "⚠️ " + (escape_markdown(_first.line()) if _first.found else NO_ARTICLES)
    except (NewsdeskError, ValueError) as e:
        log.warning("answer failed: %s", e)
        yield f"⚠️ {e}"
    except Exception as e:
        log.exception("answer failed")
        yield _friendly(e)


def _text_of(message: dict[str, Any]) -> str:
    """The text of a chat message, whether its content is a string or Gradio's list of parts."""
    content = message.get("content", "")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(c.get("text", "")) for c in content if isinstance(c, dict))
    return ""


def _qa_history(history: Sequence[Any]) -> list[dict[str, str]]:
    """Earlier turns for ``qa.answer``: answer text only, without the sources and the buttons."""
    turns = []
    for m in history:
        if isinstance(m, dict):
            text = _text_of(m)
            if m.get("role") == "assistant":
                text = text.split("\n\n**Sources**", 1)[0]
                text = re.sub(r"^\*Showing results for “.*?”\*\n\n", "", text, flags=re.S)
                text = re.sub(r"\[\\\[(\d+)\\\]\]\([^)]*\)", r"[\1]", text)
                text = re.sub(r"(?<!\\)\*\*", "", text)  # the bold of dates and headings
            text = unescape_markdown(text)
            turns.append({"role": str(m.get("role", "user")), "content": text})
        else:
            turns.append(m)
    return turns


def _turn_key(history: Sequence[Any]) -> str:
    """A key unique to the next answer in this conversation, for its source anchors."""
    answers = sum(1 for m in history if isinstance(m, dict) and m.get("role") == "assistant")
    return f"a{answers + 1}-{uuid.uuid4().hex[:6]}"


def _message(role: str, content: str, options: Sequence[str] = ()) -> dict[str, Any]:
    message: dict[str, Any] = {"role": role, "content": content}
    if options:
        message["options"] = [{"value": o, "label": _short(o)} for o in options]
    return message


def _short(question: str, limit: int = 72) -> str:
    """A follow-up's label: long titles cut, so the buttons stay small on a phone.

    A title is cut after a whole word, and without the punctuation it ended on: "…against
    Dun…”" and "…88 seats;…”" read as mistakes.
    """
    if len(question) <= limit:
        return question

    def keep(m: re.Match[str]) -> str:
        room = max(12, limit - 1 - (len(question) - len(m[1])))
        words = m[1][: room + 1].rsplit(" ", 1)[0] if len(m[1]) > room else m[1]
        return "“" + words.rstrip(" ,;:·-–—") + "…”"

    cut = re.sub(r"“([^”]*)”", keep, question)
    return cut if len(cut) <= limit else cut[: limit - 1].rstrip() + "…"


def _plain_history(history: Sequence[Any]) -> list[dict[str, Any]]:
    """Chat messages as plain dicts (role, text content, options), as they are kept in the browser."""
    out = []
    for m in history or []:
        if isinstance(m, dict):
            message = _message(str(m.get("role", "user")), _text_of(m))
            if m.get("options"):
                message["options"] = [dict(o) for o in m["options"]]
            out.append(message)
    return out


def accept_question(
    question: str, history: Sequence[Any], answerer: str | None, after: str, before: str
) -> tuple[Any, ...]:
    """Step 1 of a question: check it, show it in the chat at once, clear the box.

    An empty question posts nothing; a bad date in Settings is shown next to its field (the
    Settings panel opens) and nothing is asked. Returns updates for the question box, the chat,
    the pending question, the notice under the box, the Settings panel and the two date errors.
    """
    question = (question or "").strip()
    filters = ChatFilters.of((), after, before)
    errors = dict(filters.errors)
    date_updates = (_field_error(errors.get("from")), _field_error(errors.get("until")))
    if not question:
        return (gr.skip(), gr.skip(), "", _notice("Type a question first."), gr.skip(), *date_updates)
    if len(question) > MAX_QUESTION_CHARS:
        return (
            gr.skip(),
            gr.skip(),
            "",
            _notice(f"Please keep the question under {MAX_QUESTION_CHARS:,} characters."),
            gr.skip(),
            *date_updates,
        )
    if errors:
        return (
            gr.skip(),
            gr.skip(),
            "",
            _notice("Fix the date under Settings first."),
            gr.Accordion(open=True),
            *date_updates,
        )
    chat = [*_plain_history(history), _message("user", escape_markdown(question))]
    return ("", chat, question, _notice(""), gr.skip(), *date_updates)


def _notice(text: str) -> Any:
    return gr.Markdown(value=text, visible=bool(text))


def _field_error(text: str | None) -> Any:
    return gr.Markdown(value=f"⚠️ {text}" if text else "", visible=bool(text))


def pick_question(history: Sequence[Any], after: str, before: str, evt: gr.SelectData) -> tuple[Any, ...]:
    """An example or a follow-up clicked: ask it as if it were typed."""
    value = evt.value
    text = value.get("text", "") if isinstance(value, dict) else str(value or "")
    return accept_question(text, history, None, after, before)


def reply(
    question: str,
    history: Sequence[Any],
    answerer: str | None,
    k: float | None,
    sources: list[str] | None,
    after: str,
    before: str,
    include_undated: bool,
) -> Iterator[Any]:
    """Step 2: stream the answer into the chat, then add follow-up questions under it.

    With no question pending (step 1 refused an empty or too long one, or a bad date) the chat
    is left as it is: a generator that yields nothing makes Gradio clear its output, and the
    empty chat was then saved over the conversation (step 3), which vanished for good.
    """
    if not question:
        yield gr.skip()
        return
    chat = _plain_history(history)
    earlier = chat[:-1] if chat and chat[-1]["role"] == "user" else chat
    key = _turn_key(earlier)
    filters = ChatFilters.of(sources, after, before, include_undated)
    final: qa.Answer | None = None
    for item in _answers(question, _qa_history(earlier), answerer, k, filters):
        if isinstance(item, str):
            yield [*chat, _message("assistant", item)]
            return
        final = item
        yield [*chat, _message("assistant", render(item, key))]
    if final is None:
        return
    text = render(final, key)
    if not final.answered and final.question and filters:
        text += "\n\n" + escape_markdown(_filter_note(filters, _titles()))
    yield [*chat, _message("assistant", text, follow_ups(final))]


def chat(
    message: str,
    answerer: str | None = None,
    k: float | None = None,
    sources: list[str] | None = None,
    published_after: str | None = None,
    published_before: str | None = None,
) -> str:
    """The answer to ``message`` as markdown with its sources (the /chat API)."""
    *_, final = respond(message, [], answerer, k, sources, published_after, published_before)
    return final


# ---------------------------------------------------------------------------------------------
# Conversations kept in the browser


def _title_of(messages: Sequence[dict[str, Any]]) -> str:
    """A chat's name in the list: its first question answered from the articles, else its first.

    A conversation opened with "Hi" was listed as "Hi"; its first cited answer says what it is about.
    """
    asked = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    answered = (
        i
        for i in asked
        if i + 1 < len(messages)
        and messages[i + 1].get("role") == "assistant"
        and "\n**Sources**\n" in _text_of(messages[i + 1])
    )
    pick = next(answered, asked[0] if asked else None)
    first = "New chat" if pick is None else unescape_markdown(_text_of(messages[pick]))
    return first if len(first) <= 48 else first[:47] + "…"


def save_chat(
    chat_id: str, history: Sequence[Any], conversations: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]], Any]:
    """Step 3: keep the conversation in the browser, newest first, and list it.

    An empty chat saves nothing and deletes nothing: a conversation is deleted only by its bin
    icon (``forget_chat``), never because the chat was empty when a step ended.
    """
    messages = _plain_history(history)
    if not messages:
        kept = [c for c in (conversations or []) if isinstance(c, dict)]
        return chat_id, kept, _chat_list(kept, chat_id)
    saved = [c for c in (conversations or []) if isinstance(c, dict) and c.get("id") != chat_id]
    chat_id = chat_id or uuid.uuid4().hex[:12]
    saved.insert(
        0, {"id": chat_id, "title": _title_of(messages), "updated": time.time(), "messages": messages}
    )
    saved = saved[:MAX_CHATS]
    return chat_id, saved, _chat_list(saved, chat_id)


def _chat_list(conversations: Sequence[dict[str, Any]], current: str) -> Any:
    choices = [(str(c.get("title", "Chat")), str(c.get("id"))) for c in conversations if c.get("id")]
    return gr.Radio(choices=choices, value=current if current else None, visible=bool(choices))


def restore_chats(conversations: list[dict[str, Any]] | None) -> tuple[str, list[dict[str, Any]], Any]:
    """On page load: reopen the most recent conversation and list the others."""
    saved = [c for c in (conversations or []) if isinstance(c, dict) and c.get("id")]
    if not saved:
        return "", [], _chat_list([], "")
    newest = saved[0]
    return str(newest["id"]), list(newest.get("messages", [])), _chat_list(saved, str(newest["id"]))


def open_chat(
    chat_id: str | None, conversations: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """A past chat picked from the list."""
    for c in conversations or []:
        if isinstance(c, dict) and c.get("id") == chat_id:
            return str(chat_id), list(c.get("messages", []))
    return "", []


def forget_chat(
    chat_id: str, conversations: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]], Any]:
    """The chat's bin icon: the conversation is deleted from the browser too."""
    saved = [c for c in (conversations or []) if isinstance(c, dict) and c.get("id") != chat_id]
    return "", saved, _chat_list(saved, "")


def new_chat() -> tuple[str, list[dict[str, Any]], Any]:
    return "", [], gr.Radio(value=None)


# ---------------------------------------------------------------------------------------------
# Articles and stories


@dataclass(frozen=True)
class ArticleInfo:
    """One indexed article as the library lists it."""

    source: str
    title: str
    published: str
    outlet: str
    url: str


def articles() -> list[ArticleInfo]:
    """Every indexed article (title, date, outlet), newest first; empty when none is indexed.

    Read from the article catalog (one record per article, feed records included), which every
    sync brings in step before it returns. Reading the first chunk of every article from the
    store instead read a row per article from Chroma for every status line (434,525 of them at
    a million chunks), and opened it while the page was built (the warm-up opens it now; the
    cold start measured the same, 5.2–5.4 s, since the first answer needs it either way).
    """
    try:
        records = list(_index().catalog().articles.values())
    except Exception as e:  # no index yet, or it cannot be opened: the status line says so
        log.info("no article list: %s", e)
        return []
    found = [ArticleInfo(r.source, r.title or r.source, r.published, r.outlet, r.url) for r in records]
    return sorted(found, key=lambda a: (a.published, a.title), reverse=True)


def _titles() -> dict[str, str]:
    return {a.source: a.title for a in articles()}


def stories() -> list[Any]:
    """The indexed stories, newest first (``qa.stories``); empty where it is not available."""
    find = getattr(qa, "stories", None)
    if find is None:
        return []
    try:
        return list(find(index=_index()))
    except Exception as e:
        log.warning("stories unavailable: %s", e)
        return []


def story_of(source: str) -> Any:
    """The story an article belongs to, or None."""
    find = getattr(qa, "story_of", None)
    if find is None:
        return None
    try:
        return find(source, index=_index())
    except Exception as e:
        log.warning("story unavailable: %s", e)
        return None


def _story_label(story: Any) -> str:
    """A story's name wherever the library shows one (its column, the story picker, the
    timeline's heading): its topic when it has several articles ("The harbour festival"), else
    its headline. The column named the topic while the picker and heading gave the newest
    headline, so one story went by two names on one screen."""
    topic = getattr(story, "topic", "")
    name = str(topic if topic and getattr(story, "count", 0) > 1 else story.title)
    return name[:1].upper() + name[1:]


def _about(story: Any) -> str:
    """How a question names a story: its topic ("Cedar Ridge Fire"), else its label."""
    return str(getattr(story, "topic", "") or story.title)


def _article_question(title: str) -> str:
    """A question about one article that is answered from that article.

    "What happened in “<headline>”?" asked for a period or a story, so it came back as the whole
    story's summary; "What does the article “<headline>” say?" is a fact question whose words
    are the headline's, and is answered by that article's sentences first (39 of the 44
    news-reader articles; "What does “<headline>” report?", 37, read "report ... report?" under
    headlines such as "Rovers deny report that ...").
    """
    return f"What does the article “{title}” say?"


def example_questions() -> list[str]:
    """Questions that work on this index: about its latest stories, else its newest articles."""
    found = [f"What's the latest on {_about(s)}?" for s in stories()[:EXAMPLE_COUNT]]
    for a in articles():
        if len(found) >= EXAMPLE_COUNT:
            break
        question = _article_question(a.title)
        if a.title != a.source and question not in found:
            found.append(question)
    return found


def follow_ups(answer: qa.Answer) -> list[str]:
    """Two or three next questions: another article of the story, its timeline, the latest.

    Each names an article or story of the index, so following it does not end in a refusal;
    none asks again for what the answer just gave (no timeline under a timeline).
    """
    kind = str(getattr(answer, "kind", "") or "")
    if kind == "chat":  # a greeting's example questions, to click rather than retype
        return [line[2:].strip() for line in answer.text.split("\n") if line.startswith("- ")][:3]
    if not answer.answered:
        return _after_refusal(answer)
    if not answer.citations:
        return []
    out: list[str] = []
    cited = {p.source for p in answer.citations}
    story = story_of(answer.citations[0].source)
    if story is not None:
        others = [a for a in reversed(story.articles) if a.source not in cited]
        out += [_article_question(a.title) for a in others[:1]]
        if story.count > 1 and kind not in ("timeline", "summary"):  # a summary is its ledes in order too
            out.append(f"Give me a timeline of {_about(story)}.")
        if story.count > 1 and kind != "latest":
            out.append(f"What's the latest on {_about(story)}?")
    for p in answer.citations:
        question = f"What else does the article “{p.title}” say?"
        if p.title and question not in out:
            out.append(question)
    if len(out) < 2:  # no story to draw on: articles whose titles share words with the cited one
        words = _title_words(answer.citations[0].title)
        related = sorted(
            (a for a in articles() if a.source not in cited and a.title != a.source),
            key=lambda a: (-len(words & _title_words(a.title)), a.published),
        )
        out += [_article_question(a.title) for a in related[:2] if words & _title_words(a.title)]
    asked = _same_question(answer.question)
    return [q for q in out if _same_question(q) != asked][:3]


def _after_refusal(answer: qa.Answer) -> list[str]:
    """Where to go when the articles don't cover a question: what they do cover.

    A refusal ended the conversation with no button under it, so the reader was left to guess
    what could be asked. The closest passage's story, when the refusal quotes one, comes first
    ("How many homes did the fire destroy in 2026?": the latest on the fire), then the main
    stories and the latest of the newest ones, the questions the empty chat starts with.
    """
    out: list[str] = []
    story = story_of(answer.citations[0].source) if answer.citations else None
    if story is not None and story.count > 1:
        out.append(f"What's the latest on {_about(story)}?")
    examples = example_questions()
    if examples:
        out += ["What are the main stories?", *examples]
    asked = _same_question(answer.question)
    unique = [q for q in dict.fromkeys(out) if _same_question(q) != asked]
    return unique[:3]


def _same_question(question: str) -> str:
    return re.sub(r"[\s?.!]+$", "", question.strip().lower())


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", title.lower())} - {"said", "says", "with", "from", "after"}


def timeline_svg(story: Any) -> str:
    """A story's articles on a vertical time axis: dates left, headlines as labels.

    Drawn as inline SVG rather than with a chart library: none is installed (Gradio's own plots
    cannot label points with text), and an SVG timeline is a few dozen lines, scales to a phone,
    and keeps headlines as text a screen reader reads. Points are spaced by date, at least one
    label apart.
    """
    dated = [a for a in story.articles if a.published]
    if not dated:
        return "<p>None of this story's articles has a date.</p>"
    days = [date.fromisoformat(a.published) for a in dated]
    span = max((days[-1] - days[0]).days, 1)
    width, left, gap, top = 760, 120, 46, 28
    height_by_time = max(gap * (len(dated) - 1), 120)
    ys: list[float] = []
    for d in days:
        y = top + (d - days[0]).days / span * height_by_time
        ys.append(max(y, ys[-1] + gap) if ys else y)
    height = int(ys[-1] + top + 16)
    parts = [
        f'<svg class="newsdesk-timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Timeline of {_attr(_story_label(story))}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{top - 12}" x2="{left}" y2="{height - 8}" class="axis"/>',
    ]
    for a, y in zip(dated, ys, strict=True):
        title = a.title if len(a.title) <= 70 else a.title[:69] + "…"
        parts += [
            f'<circle cx="{left}" cy="{y:.0f}" r="6" class="dot"/>',
            f'<text x="{left - 14}" y="{y + 5:.0f}" text-anchor="end" class="day">'
            f"{html.escape(_nice_date(a.published))}</text>",
            f'<text x="{left + 16}" y="{y + 1:.0f}" class="headline">{html.escape(title)}</text>',
            f'<text x="{left + 16}" y="{y + 18:.0f}" class="outlet">{html.escape(a.outlet)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def timeline_list(story: Any) -> str:
    """The timeline as a list, shown instead of the SVG on a phone.

    The SVG is drawn 760 units wide for its headlines; scaled to a 326 px phone column its
    15-unit headlines came out 6.4 px high, too small to read. A list of date and headline
    wraps at any width.
    """
    items = [
        f"<li><time>{html.escape(_nice_date(a.published))}</time> {html.escape(a.title)}"
        + (f" <span>· {html.escape(a.outlet)}</span>" if a.outlet else "")
        + "</li>"
        for a in story.articles
        if a.published
    ]
    return f'<ol class="newsdesk-timeline-list">{"".join(items)}</ol>' if items else ""


def story_view(story_id: str | None) -> str:
    """The story picked in the library: its timeline and its articles."""
    story = next((s for s in stories() if s.id == story_id), None)
    if story is None:
        return ""
    undated = [a for a in story.articles if not a.published]
    lines = [
        f"<h3>{html.escape(_story_label(story))}</h3>",
        f"<p>{_plural(story.count, 'article')}"
        + (f", {_nice_date(story.first)} to {_nice_date(story.last)}" if story.first else "")
        + "</p>",
        timeline_svg(story),
        timeline_list(story),
    ]
    if undated:
        lines.append("<p>Undated: " + "; ".join(html.escape(a.title) for a in undated) + "</p>")
    return "\n".join(lines)


def article_text(source: str) -> str:
    """An indexed article's text, rebuilt from its stored passages (at their offsets)."""
    rows = _index().store.collection().get(where={"source": source}, include=["documents", "metadatas"])
    chunks = sorted(
        zip(rows.get("metadatas") or [], rows.get("documents") or [], strict=False),
        key=lambda r: int(r[0].get("start", 0)),
    )
    text = ""
    for meta, chunk in chunks:
        start = int(meta.get("start", 0))
        text = (text + " " * max(0, start - len(text)))[:start] + chunk
    return text


def library_rows(query: str = "") -> list[list[str]]:
    """The library table: date, title, outlet, story, file; filtered by ``query``.

    A story of several articles is named by its topic ("Cedar Ridge Fire", "the transit
    strike"), as the main stories are: its newest headline, repeated on each of its rows, read
    as a second title beside each article's own.
    """
    story_titles = {}
    for s in stories():
        name = _story_label(s)
        for a in s.articles:
            story_titles[a.source] = name
    rows = [[a.published, a.title, a.outlet, story_titles.get(a.source, ""), a.source] for a in articles()]
    words = (query or "").lower().split()
    return [r for r in rows if all(w in " ".join(r).lower() for w in words)]


def library_view(query: str = "") -> tuple[list[list[str]], Any]:
    """The library table for ``query``, and what to say when it has no row.

    An empty table showed only its headings: after a search that matched nothing, or before any
    article was added, a reader could not tell which.
    """
    query = (query or "").strip()
    rows = library_rows(query)
    if rows:
        return rows, gr.Markdown(visible=False)
    if query and articles():
        note = f"No article matches “{escape_markdown(query)}”: try another word or clear the search."
    else:
        note = NO_ARTICLES
    return rows, gr.Markdown(value=note, visible=True)


def preview(evt: gr.SelectData) -> tuple[str, str, Any, Any]:
    """A row picked in the library: show the article, its story, and offer to remove it."""
    row = evt.row_value or []
    source = str(row[4]) if len(row) > 4 else ""
    if not source:
        return "", "", gr.Button(visible=False), gr.skip()
    try:
        text = article_text(source)
    except Exception as e:
        log.warning("preview failed: %s", e)
        text = ""
    meta = " · ".join(html.escape(x) for x in (row[2], _nice_date(str(row[0]))) if x)
    body = html.escape(text[:4000]).replace("\n", "<br>") + ("…" if len(text) > 4000 else "")
    shown = (
        f"<h3>{html.escape(str(row[1]))}</h3><p>{meta} · <code>{html.escape(source)}</code></p><p>{body}</p>"
    )
    story = story_of(source)
    return (
        shown,
        source,
        gr.Button(value="Remove this article…", visible=True),
        gr.Dropdown(value=story.id) if story is not None else gr.skip(),
    )


def _story_choices() -> list[tuple[str, str]]:
    choices = []
    for s in stories():
        when = (
            f"{_nice_date(s.first)} – {_nice_date(s.last)}"
            if s.first and s.first != s.last
            else _nice_date(s.first)
        )
        choices.append(
            (f"{_story_label(s)} · {_plural(s.count, 'article')}" + (f" · {when}" if when else ""), s.id)
        )
    return choices


def ask_remove(source: str) -> tuple[Any, Any, str]:
    """First click on Remove: say exactly which file goes, and ask again."""
    if not source:
        return gr.skip(), gr.skip(), ""
    file = source.split("#", 1)[0]
    held = [a for a in articles() if a.source.split("#", 1)[0] == file]
    what = f"the file `{file}`" + (f", a feed of {_plural(len(held), 'article')}," if "#" in source else "")
    return (
        gr.Row(visible=True),
        gr.Button(visible=False),
        f"Delete {what} from the articles folder and the index? This cannot be undone.",
    )


def remove_article(source: str) -> tuple[Any, Any, str]:
    """Confirmed: delete the article's file from the articles folder and re-sync."""
    hidden = (gr.Row(visible=False), gr.Button(visible=False))
    try:
        index = _index()
        folder = index.settings.articles_dir.resolve()
        path = (folder / source.split("#", 1)[0]).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return (*hidden, f"⚠️ `{source}` is not a file in the articles folder; nothing was deleted.")
        path.unlink()
        report = _syncs.sync(changed=[path.relative_to(folder).as_posix()])
    except (NewsdeskError, OSError) as e:
        return (*hidden, f"⚠️ {e}")
    return (*hidden, f"Deleted `{path.relative_to(folder)}`.\n\n" + render_report(report))


def cancel_remove() -> tuple[Any, Any, str]:
    return gr.Row(visible=False), gr.Button(visible=True), ""


# ---------------------------------------------------------------------------------------------
# Status, sync, upload


def retrieve_passages(question: str, k: int = 5) -> list[dict[str, Any]]:
    """The passages that best match ``question``, best first (the /retrieve API).

    A question over the chat's limit gets the chat's message, before any work is done: eight
    10 MB questions used to hold the workers for 38 s and 2.3 GB.
    """
    if len(question) > MAX_QUESTION_CHARS:
        raise gr.Error(str(problem(question)))
    return [asdict(p) for p in qa.retrieve(question, k=max(1, min(int(k), _MAX_K)), index=_index())]


def _when(moment: float) -> str:
    """A past moment in a reader's words: "just now", "5 minutes ago", "3 May 2025, 14:05"."""
    seconds = time.time() - moment
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return _plural(int(seconds // 60), "minute") + " ago"
    if seconds < 86400:
        return _plural(int(seconds // 3600), "hour") + " ago"
    return datetime.fromtimestamp(moment).strftime("%-d %b %Y, %H:%M")


def status(indexed: IndexStatus | None = None) -> str:
    """One line on what can be asked about, in a reader's words; the details on hover.

    ``indexed``: the index's status when the caller has just read it (the status timer's tick).
    """
    try:
        settings = _index().settings
    except NewsdeskError as e:
        return f'<p class="newsdesk-status">⚠️ {html.escape(str(e))}</p>'
    indexed = indexed if indexed is not None else ingest.status(settings)
    files, passages = len(indexed.articles), indexed.passages
    pending, stopped = _syncs.pending()
    pending = pending or indexed.pending  # after a restart, from the manifest until a sync resumes
    if not files and _first.found:  # the first start's folder: being indexed, or waiting to be
        line = _first.line()
        pending = () if _first.running else pending  # the line says it is being indexed
    elif not files:
        line = "No articles yet: add some under Articles."
    else:
        listed = [a for a in articles() if a.source.split("#", 1)[0] not in pending]
        count = len(listed) or files  # a feed file holds several articles
        when = _when(indexed.synced.timestamp()) if indexed.synced else "never"
        line = f"{_plural(count, 'article')} to ask about · updated {when}"
    if pending:
        what = pending[0] if len(pending) == 1 else _plural(len(pending), "file")
        line += f" · ⚠️ indexing {what} stopped: {stopped}" if stopped else f" · {what} still being indexed"
    unsynced = _syncs.unsynced()
    if unsynced:  # files dropped into the folder: indexed at the next sync (Re-sync, an upload)
        line += f" · {_plural(unsynced, 'change')} in the folder not synced yet"
    model = Path(settings.embedding_model).name
    model = "all-MiniLM-L6-v2" if model == "model" else model
    answerer = (
        f"written by a language model ({settings.llm}: {_llm_name(settings)}), checked against the articles"
        if settings.llm
        else "quoted from the articles"
    )
    details = (
        f"{_plural(passages, 'passage')} in {_plural(files, 'file')}; search: keywords and meaning "
        f"({model}); answers: {answerer}."
    )
    if pending:
        details += f" Still being indexed (its passages so far can be asked about): {', '.join(pending)}."
    return f'<p class="newsdesk-status" title="{_attr(details)}">{html.escape(line)}</p>'


def _llm_name(settings: qa.Settings) -> str:
    if settings.llm == "openai":
        return settings.llm_model
    return Path(settings.llm_gguf).name if settings.llm_gguf else "SmolLM2-135M-Instruct"


def _default_k() -> int:
    try:
        return _index().settings.top_k
    except NewsdeskError:
        return 5


def _llm_configured() -> bool:
    try:
        return bool(_index().settings.llm)
    except NewsdeskError:
        return False


def render_report(report: ingest.SyncReport) -> str:
    """A sync report as markdown, paths shown as code."""
    counts = [
        f"**{len(report.added)}** added",
        f"**{len(report.updated)}** updated",
        f"**{len(report.removed)}** removed",
        f"**{len(report.unchanged)}** unchanged",
        f"**{len(report.skipped)}** skipped",
    ]
    if report.deferred:
        counts.append(f"**{len(report.deferred)}** still being indexed")
    lines = [" · ".join(counts) + f" ({report.seconds:.1f} s)"]
    if report.damage:
        lines.append(f"- ⚠️ The store was damaged: {escape_markdown(report.damage)}")
    for label, paths in (
        ("Added", report.added),
        ("Updated", report.updated),
        ("Removed", report.removed),
        ("Repaired", report.repaired),
    ):
        lines += [f"- {label}: `{p}`" for p in paths]
    lines += [f"- Skipped: `{p}`: {escape_markdown(reason)}" for p, reason in report.skipped]
    lines += [
        f"- Still being indexed: `{p}` (smaller files went first; it carries on in the background, "
        "and the line at the top says when it is done)"
        for p in report.deferred
    ]
    return "\n".join(lines)


_syncs = SyncWorker(_index)
SYNC_EVENTS = 8  # uploads, re-syncs and removals handled at once (they wait for the one sync)


class FirstIndexing:
    """The first start over a folder of articles with nothing indexed: what the page says of it.

    The app does not sync by itself when files appear (``ingest.worker``): a sync behind a
    reader's back would index half-copied batches and slow the answers. With nothing indexed
    there is nothing to slow and nothing to answer from, so ``main()`` indexes the folder at
    once (``start``) and the page says so ("Indexing 44 articles in …"), where it said "No
    articles yet" over a folder of 44 until the reader found Articles → Re-sync. With a Chroma
    server (``NEWSDESK_CHROMA_HOST``) the separate sync job fills the store, so the app only
    says how many articles wait to be indexed (``count``).
    """

    def __init__(self) -> None:
        self.found = 0  # article files in the folder when the app started over an empty index
        self.folder = ""
        self.running = False
        self.error = ""

    def count(self, settings: qa.Settings) -> int:
        """Note how many article files the folder holds (called only while nothing is indexed)."""
        self.folder = str(settings.articles_dir)
        self.found = article_files(settings)
        return self.found

    def start(self) -> None:
        """Index the folder in the background, then warm up what the first question needs."""
        self.running = True
        threading.Thread(target=self._run, name="newsdesk-first-sync", daemon=True).start()

    def _run(self) -> None:
        try:
            report = _syncs.sync(full=True)
            added, seconds = len(report.added), report.seconds
            log.info("first start: indexed %s: %d added (%.1f s)", self.folder, added, seconds)
        except Exception as e:  # the status line says so; Re-sync retries
            log.exception("first start: indexing %s failed", self.folder)
            self.error = str(e) if isinstance(e, NewsdeskError) else "see the server log"
        finally:
            self.running = False
        _warm_up()

    def line(self) -> str:
        """The status line while the index is empty and the folder is not: what is happening."""
        what = f"{_plural(self.found, 'article')} in {self.folder}"
        if self.running:
            return f"Indexing the {what}… Questions can be asked as soon as it is done."
        if self.error:
            return f"⚠️ Indexing the {what} failed: {self.error} Re-sync under Articles to try again."
        return f"{what[0].upper()}{what[1:]}, not indexed yet: Re-sync the articles folder under Articles."


_first = FirstIndexing()


def sync_articles(dry_run: bool = False) -> dict[str, Any]:
    """Bring the index in step with the articles folder and return the report (the /sync API)."""
    if dry_run:
        return ingest.sync(dry_run=True, index=_index()).to_dict()
    return _syncs.sync().to_dict()


def resync(progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, str]:  # noqa: B008
    """The Re-sync button: compare the whole folder (whatever the change feed saw), then show the report."""
    try:
        report = _syncs.sync(progress=True, full=True)
    except NewsdeskError as e:
        return f"⚠️ {e}", status()
    return render_report(report), status()


def add_articles(
    files: list[str] | None,
    progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008
) -> tuple[str, str]:
    """The upload box: save the files into the articles folder, then sync."""
    if not files:
        return "Choose one or more article files first.", status()
    try:
        uploaded = save_uploads(_index().settings, ((Path(f).name, Path(f).read_bytes()) for f in files))
        report = _syncs.sync(progress=True, changed=uploaded.names) if uploaded.saved else None
    except NewsdeskError as e:
        return f"⚠️ {e}", status()
    lines = [f"Saved `{name}`" + (f" ({note})" if note else "") for name, note in uploaded.saved]
    lines += [f"Refused `{n}`: {escape_markdown(why)}" for n, why in uploaded.refused]
    if not uploaded.saved:
        lines.append("Nothing new was added, and nothing was written to the articles folder.")
    if report is not None:
        lines += ["", render_report(report)]
    return "\n\n".join(lines), status()


# How often an open page re-reads its status line: every 5 s while a file is being finished in
# the background, else every minute, so that "updated 3 minutes ago" does not stay "just now"
# for as long as the page is open, and a sync made elsewhere (another reader's upload, the
# watcher) shows up. A tick reads the manifest and the catalog's cached list: about 12 ms.
STATUS_POLL_S = 5.0
STATUS_IDLE_S = 60.0


def poll_status() -> Any:
    """The status line's timer: every ``STATUS_POLL_S`` while a deferred file is being finished
    in the background, every ``STATUS_IDLE_S`` otherwise."""
    pending, stopped = _syncs.pending()
    busy = (pending and not stopped) or _first.running
    return gr.Timer(STATUS_POLL_S if busy else STATUS_IDLE_S, active=True)


def _indexed() -> IndexStatus | None:
    """The index's status (None when it cannot be read: the status line says why)."""
    try:
        return ingest.status(_index().settings)
    except NewsdeskError:
        return None


def indexed_count() -> int:
    """How many article files are indexed: the status timer refreshes the lists when it changes."""
    indexed = _indexed()
    return len(indexed.articles) if indexed else 0


def poll_status_line(known: int | None, query: str = "") -> tuple[Any, ...]:
    """A tick of the status line's timer: whether to keep polling, the indexed count, and the
    status line; with the examples, the library and the pickers too when the count changed (the
    first start's indexing done, a sync made elsewhere), else only the line."""
    indexed = _indexed()  # read once a tick, for the count and the line
    count = len(indexed.articles) if indexed else 0
    if known is None or count == known:
        return poll_status(), count, status(indexed), *(gr.skip() for _ in range(5))
    return poll_status(), count, *refresh(query)


def watch_status() -> tuple[Any, int]:
    """After a page load or a sync: the timer's pace and the indexed count it compares with."""
    return poll_status(), indexed_count()


def refresh(query: str = "") -> tuple[Any, ...]:
    """After a page load, a sync, an upload or a removal: everything that lists the articles."""
    listed = articles()
    examples = [{"text": q} for q in example_questions()]
    return (
        status(),
        gr.Dropdown(choices=[(a.title, a.source) for a in listed]),
        gr.Chatbot(examples=examples or None, placeholder=CHAT_PLACEHOLDER if listed else _no_articles()),
        *library_view(query),
        gr.Dropdown(choices=_story_choices(), value=None),
    )


def _no_articles() -> str:
    """The empty chat's line: no articles, or those of the folder being (or waiting to be) indexed."""
    if _first.found and not indexed_count():
        return escape_markdown(_first.line())
    return NO_ARTICLES


def filter_chips(
    sources: list[str] | None, after: str, before: str, include_undated: bool
) -> tuple[Any, ...]:
    """The chips beside the question box, one per active filter, each removable."""
    filters = ChatFilters.of(sources, after, before, include_undated)
    titles = _titles() if filters.sources else {}
    names = [titles.get(s, s) for s in filters.sources]
    label = f"Only “{names[0]}”" if len(names) == 1 else f"Only {_plural(len(names), 'chosen article')}"
    undated = " (and undated)" if filters.include_undated else " (undated left out)"
    return (
        gr.Button(value=f"{label} ✕", visible=bool(names)),
        gr.Button(
            value=f"From {_nice_date(filters.published_after)}{undated} ✕",
            visible=bool(filters.published_after),
        ),
        gr.Button(
            value=f"Until {_nice_date(filters.published_before)}{undated} ✕",
            visible=bool(filters.published_before),
        ),
        gr.Row(visible=bool(filters)),
    )


def check_date(value: str) -> Any:
    """A date field checked as the reader leaves it: the problem shows under the field."""
    return _field_error(dict(ChatFilters.of((), value, None).errors).get("from"))


def _warm_up() -> None:
    """Load what the first question needs before it arrives: the model (from its traced copy in
    the data folder, which the first start makes), the store, the BM25 index and the spelling
    index of the articles."""
    try:
        index = _index()
        set_threads(index.settings.serve_threads)  # before any request computes
        index.embedder.warm_up()
        qa.retrieve("warm up", k=1, index=index)  # the store and the BM25 index
        speller_for(index.catalog())
        index.embedder.save_trace()  # on the first start, for the next ones
    except StoreMissingError as e:  # nothing indexed yet: the first question's turn comes later
        log.info("warm-up stopped: %s", e)
    except Exception as e:  # the chat reports the same problem, with its fix, when asked
        log.warning("warm-up failed: %s", e)


# ---------------------------------------------------------------------------------------------
# The page

CSS = """
/* Gradio's SemiBold file of the page's font is a 5 KB stub holding a few letters ("A", "B"):
   every other letter of bold text (headings, source titles, dates) fell back to the system's
   DejaVu Sans Bold, wider and heavier, with a stray "B" of the real face. Its full Bold face,
   shipped beside it, draws 600 (declared after Gradio's, so it replaces the stub) and 700. */
@font-face { font-family: "Source Sans Pro"; font-style: normal; font-weight: 600;
  src: url("static/fonts/SourceSansPro/SourceSansPro-Bold.woff2") format("woff2"); }
@font-face { font-family: "Source Sans Pro"; font-style: normal; font-weight: 700;
  src: url("static/fonts/SourceSansPro/SourceSansPro-Bold.woff2") format("woff2"); }
/* Gradio's subdued text colour (#bbbbc2 on white: contrast 1.9) left the status line, the
   character count and each source's outlet and date hard to read; these meet WCAG AA (4.5). */
.gradio-container { --newsdesk-muted: #595966; }
.gradio-container.dark, .dark .gradio-container { --newsdesk-muted: #a8a8b3; }
.newsdesk-source summary { cursor: pointer; overflow-wrap: anywhere; }
.newsdesk-meta { color: var(--newsdesk-muted); }
/* The same grey in the fields' help lines ("A date filter leaves out ...", "Its articles on a
   timeline"). */
.gradio-container .info-text { color: var(--newsdesk-muted); }
.newsdesk-where { margin: 4px 0 8px; font-size: var(--text-sm); color: var(--newsdesk-muted);
  overflow-wrap: anywhere; }
#chat .placeholder { text-align: center; padding: 0 12px; }
/* Gradio's scroll-to-bottom arrow floated over the middle of the answer ("wo↓rs"): it sits in
   the chat's right margin, beside the answers, on a background of its own. */
#chat .scroll-down-button-container { left: auto; right: 4px; bottom: 8px; transform: none; }
#chat .scroll-down-button-container button { width: 28px; height: 28px; padding: 4px;
  background: var(--background-fill-primary); border: 1px solid var(--border-color-primary); }
/* The chat's bin (its Clear, top right: 23 px wide) and that arrow (4-32 px from the right)
   share a right-hand gutter; a question's bubble ended 20 px from the edge, under the bin
   (3 px over it, desktop) and under the arrow (phone): it now ends 36 px from the edge. */
#chat .bubble.user-row { margin-right: 36px; }
/* While an answer is on its way the chat shows its three dots; Gradio's timer beside them
   ("processing | 0.3/0.2s", its estimate overrun) said nothing a reader needs. */
#chat .progress-text { display: none; }
/* Up to 50 past chats: the list scrolls beside the chat (no longer than it: New chat stands
   above the list) instead of running down the page. */
#past-chats { max-height: max(240px, calc(100svh - 360px)); overflow-y: auto; }
.newsdesk-source mark { background: #fde047; color: #111827; padding: 0 2px; border-radius: 2px; }
.dark .newsdesk-source mark { background: #854d0e; color: #fef9c3; }
.newsdesk-source:target, .newsdesk-source.newsdesk-flash, .newsdesk-passage:target,
.newsdesk-passage.newsdesk-flash { outline: 2px solid var(--color-accent); }
.newsdesk-copy { margin-top: 6px; font-size: var(--text-sm); padding: 2px 10px; border-radius: 6px;
  border: 1px solid var(--border-color-primary); background: var(--button-secondary-background-fill); }
.newsdesk-status { margin: 0; color: var(--newsdesk-muted); }
.newsdesk-status[title] { text-decoration: underline dotted; cursor: help; width: fit-content; }
.newsdesk-plain { display: none; }
#question-count { font-size: var(--text-sm); color: var(--newsdesk-muted); text-align: right; }
#question-count.over { color: var(--error-text-color); }
.newsdesk-field-error { color: var(--error-text-color); font-size: var(--text-sm); }
#active-filters { gap: 6px; flex-wrap: wrap; }
#active-filters button { flex: 0 0 auto; min-width: 0; }
#library td, #library th, #library span { font-family: var(--font); }
.newsdesk-timeline { width: 100%; max-width: 760px; height: auto; }
.newsdesk-timeline .axis { stroke: var(--border-color-primary); stroke-width: 2; }
.newsdesk-timeline .dot { fill: var(--color-accent); }
.newsdesk-timeline .day, .newsdesk-timeline .outlet { fill: var(--newsdesk-muted); font-size: 13px; }
.newsdesk-timeline .headline { fill: var(--body-text-color); font-size: 15px; font-weight: 600; }
.newsdesk-timeline-list { display: none; list-style: none; padding-left: 0; }
.newsdesk-timeline-list li { border-left: 2px solid var(--color-accent); padding: 2px 0 8px 10px; }
.newsdesk-timeline-list time { display: block; font-size: var(--text-sm); font-weight: 600; }
.newsdesk-timeline-list span { color: var(--newsdesk-muted); font-size: var(--text-sm); }
@media (max-width: 640px) {
  /* A phone's 390 px: the page's 32 px sides and the bubbles' 20 px margins (and 60 px kept
     free beside them) left an answer 242 px of text, 62% of the screen. */
  h1 { font-size: 22px !important; margin-bottom: 4px !important; }
  #chat .bubble.bot-row { margin: 12px 4px 6px; max-width: calc(100% - 40px); }  /* the arrow */
  #chat .bubble.user-row { margin: 12px 36px 6px 4px; max-width: 85%; }  /* the bin is top right */
  #chat .message.bot { padding: 6px 10px; }
  /* Past chats below the chat and its question box, not above them. */
  #chats { min-width: 100% !important; order: 2; }
  /* New chat where a phone's reader looks for it: top right, beside the tabs, not under the
     chat and its Settings (a screen and a half down once a chat is long). */
  .tabs:has(#chats) { position: relative; }
  .tabitem:has(#chats), .tabitem:has(#chats) > .column, .row:has(> #chats), #chats { position: static; }
  #chats #new-chat { position: absolute; top: 2px; right: 0; width: auto; min-width: 0;
    padding: 4px 12px; z-index: 1; }
  /* A source's line wraps (two or three lines at 312 px): cut to one line with "…", its outlet
     and date were lost. The wrapped lines start under the title, clear of the triangle. */
  .newsdesk-source summary { font-size: var(--text-sm); padding-left: 1em; text-indent: -1em; }
  #past-chats { max-height: 7.5em; overflow-y: auto; }
  #chat .options button { font-size: var(--text-sm); padding: 4px 8px; }
  #story-view .newsdesk-timeline { display: none; }
  #story-view .newsdesk-timeline-list { display: block; }
  /* The library on a phone: date and title only, the title in at most two lines. Five wrapped
     columns in 326 px made each row 163 px tall (five rows to a screen); the outlet, story and
     file are in the article's preview, one tap away, and search still matches them. */
  #library [data-col="2"], #library [data-col="3"], #library [data-col="4"],
  #library th[data-heading="2"], #library th[data-heading="3"], #library th[data-heading="4"] {
    display: none !important; }
  #library [data-col="0"], #library th[data-heading="0"] { width: 92px !important;
    min-width: 92px !important; max-width: 92px !important; flex: 0 0 92px !important; }
  #library [data-col="1"] { width: calc(100vw - 164px) !important; min-width: 0 !important;
    max-width: calc(100vw - 164px) !important; flex: 0 0 calc(100vw - 164px) !important; }
  #library th[data-heading="1"] { width: auto !important; max-width: none !important; }
  #library [data-col="1"] span.wrap { display: -webkit-box; -webkit-line-clamp: 2;
    -webkit-box-orient: vertical; overflow: hidden; }
  #library table { width: 100% !important; min-width: 0 !important; }
}
"""

HEAD = r"""
<style>
/* The page's margins are outside the app's own elements, where Gradio scopes the rules of CSS
   that sit in a media query: this one is set here. 32 px a side was 16% of a phone's width. */
@media (max-width: 640px) { .gradio-container .main.app { padding: 8px 8px 16px !important; } }
</style>
<script>
(() => {
  // [n] opens this answer's own source: expand it and bring it into view.
  document.addEventListener("click", (event) => {
    const marker = event.target.closest && event.target.closest('a[href*="-source-"]');
    if (marker) {
      const id = decodeURIComponent(marker.getAttribute("href").split("#").pop());
      const source = document.getElementById(id);
      // The anchor is an article's entry, or one of its passages inside it (a second passage).
      const entry = source && source.closest("details");
      if (source && entry) {
        event.preventDefault();
        event.stopPropagation();
        entry.open = true;
        source.classList.add("newsdesk-flash");
        setTimeout(() => source.classList.remove("newsdesk-flash"), 1500);
        source.scrollIntoView({block: "center"});
        entry.querySelector("summary")?.focus({preventScroll: true});
      }
      return;
    }
    const copy = event.target.closest && event.target.closest("button.newsdesk-copy");
    if (copy) {
      event.preventDefault();
      const plain = copy.closest(".message-content, .message")?.querySelector(".newsdesk-plain");
      navigator.clipboard.writeText(plain ? plain.textContent : "").then(() => {
        copy.textContent = "Copied";
        setTimeout(() => { copy.textContent = "Copy answer"; }, 1500);
      });
    }
  }, true);
})();
</script>
"""

# The question's length, shown as it is typed (and reset when the box is cleared).
COUNT_CHARACTERS = (
    "(text) => { const counter = document.querySelector('#question-count');"
    " if (!counter) return; const n = (text || '').length;"
    f" counter.textContent = `${{n.toLocaleString('en')}} / {MAX_QUESTION_CHARS:,} characters`;"
    f" counter.classList.toggle('over', n >= {MAX_QUESTION_CHARS}); }}"
)

FOCUS_QUESTION = "() => { setTimeout(() => document.querySelector('#question textarea')?.focus(), 50); }"

# The question box has the focus when the page opens, without scrolling to it: Gradio's
# autofocus focused it while the chat was still being laid out, below the first screen, and the
# page opened scrolled down 111 to 205 px at 1280x800, the title and the status line cut off.
# On a touch screen the box is left alone: the focus would hold the keyboard over the chat.
FOCUS_ON_LOAD = """() => {
  if (matchMedia('(pointer: coarse)').matches) return;
  const focus = () => document.querySelector('#question textarea')?.focus({ preventScroll: true });
  focus();
  setTimeout(focus, 300);
}"""

# A question just posted: the chat scrolls to it. Gradio's Chatbot (``autoscroll``) follows new
# messages only while the chat is within 100 px of its bottom; a long answer is shown from its
# question (``SHOW_ANSWER``), and a reader may scroll up to read, so the next question and its
# answer arrived below the chat's fold (the newest answer's top at y=1223 in a chat ending at
# 770; on a phone a question seemed to get no answer). Scrolled to the bottom, the chat is where
# Gradio's autoscroll follows the answer as it streams. Only when the chat's last message is the
# reader's question: an empty question posts nothing and moves nothing.
BRING_QUESTION = """() => {
  const bring = () => {
    const wrap = document.querySelector('#chat .bubble-wrap');
    const rows = wrap ? wrap.querySelectorAll("[data-testid='user'], [data-testid='bot']") : [];
    const last = rows[rows.length - 1];
    if (!last || last.dataset.testid !== 'user') return false;
    wrap.scrollTop = wrap.scrollHeight;
    const box = wrap.getBoundingClientRect();
    if (box.bottom > innerHeight || box.top < 0) wrap.scrollIntoView({ block: 'nearest' });
    return true;
  };
  let tries = 0;
  const tick = () => { if (!bring() && ++tries < 20) setTimeout(tick, 50); };
  tick();
}"""

# After an answer: the chat keeps the bottom in view, which for an answer taller than the chat
# (the main stories, a timeline: 1,300 px in a 560 px chat) showed the end of its sources list
# and none of the answer, and on a phone an answer with its follow-ups left the question above
# the fold. When the question is cut off it is scrolled to the top instead, while the chat is
# still at the bottom: the chat itself scrolls to the bottom 300 ms after its last update, so it
# is done at 400 ms and checked again at 1 s; a reader who scrolled meanwhile is left alone.
# The question box gets the focus back, except on a touch screen, where it lets go of it: there
# the focus holds the keyboard open over half the screen, over the answer just given.
SHOW_ANSWER = """() => {
  const box = document.querySelector('#question textarea');
  if (!matchMedia('(pointer: coarse)').matches) box?.focus();
  else if (box && document.activeElement === box) box.blur();
  const show = () => {
    const wrap = document.querySelector('#chat .bubble-wrap');
    const bots = document.querySelectorAll("#chat [data-testid='bot']");
    const users = document.querySelectorAll("#chat [data-testid='user']");
    const answer = bots[bots.length - 1], asked = users[users.length - 1];
    if (!wrap || !answer) return;
    const top = (asked || answer).getBoundingClientRect().top - wrap.getBoundingClientRect().top;
    if (top >= 0 || wrap.scrollTop + wrap.clientHeight < wrap.scrollHeight - 100) return;
    wrap.scrollTop += top - 12;
  };
  setTimeout(show, 400);
  setTimeout(show, 1000);
}"""

with gr.Blocks(title="Newsdesk") as demo:
    conversations = gr.BrowserState([], storage_key="newsdesk-conversations")
    chat_id = gr.State("")
    pending = gr.State("")
    gr.Markdown(
        "# Newsdesk\nAsk about the articles. Every answer cites the passages it comes from, "
        "and says so when the articles don't cover the question."
    )
    status_line = gr.HTML(status, elem_id="status")
    with gr.Tab("Ask"), gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=200, elem_id="chats"):
            new_chat_button = gr.Button("New chat", size="sm", elem_id="new-chat")
            chat_list = gr.Radio([], label="Past chats", visible=False, elem_id="past-chats")
        with gr.Column(scale=5):
            chatbot = gr.Chatbot(
                height=CHAT_HEIGHT,
                min_height=CHAT_MIN_HEIGHT,
                resizable=True,  # a reader who wants a taller chat drags its bottom right corner
                sanitize_html=True,
                render_markdown=True,
                label="Newsdesk",
                show_label=False,  # its floating label covered the first line of a scrolled chat
                elem_id="chat",
                buttons=[],
                feedback_options=None,
                placeholder=CHAT_PLACEHOLDER,
            )
            with gr.Row(visible=False, elem_id="active-filters") as chips:
                sources_chip = gr.Button("", size="sm", visible=False)
                after_chip = gr.Button("", size="sm", visible=False)
                before_chip = gr.Button("", size="sm", visible=False)
            question = gr.Textbox(
                label="Question",
                show_label=False,
                placeholder="Ask a question about the articles…",
                max_length=MAX_QUESTION_CHARS,
                submit_btn="Ask",
                elem_id="question",
            )
            counter = gr.HTML(f"0 / {MAX_QUESTION_CHARS:,} characters", elem_id="question-count")
            notice = gr.Markdown(visible=False, elem_id="question-notice")
            with gr.Accordion("Settings", open=False) as settings_panel:
                choices = list(ANSWERERS)
                answerer_choice = gr.Radio(
                    choices,
                    value=choices[1] if _llm_configured() else choices[0],
                    label="Answerer",
                    visible=_llm_configured(),
                    info="The LLM's sentences are checked against the articles; unsupported ones go.",
                )
                top_k = gr.Slider(1, 20, value=_default_k(), step=1, label="Passages to read")
                only_sources = gr.Dropdown([], multiselect=True, label="Only these articles")
                with gr.Row():
                    with gr.Column(min_width=160):
                        after = gr.Textbox(
                            label="Published from",
                            placeholder="YYYY-MM-DD",
                            max_length=10,
                            elem_id="published-from",
                        )
                        after_error = gr.Markdown(visible=False, elem_classes="newsdesk-field-error")
                    with gr.Column(min_width=160):
                        before = gr.Textbox(
                            label="Published until",
                            placeholder="YYYY-MM-DD",
                            max_length=10,
                            elem_id="published-until",
                        )
                        before_error = gr.Markdown(visible=False, elem_classes="newsdesk-field-error")
                include_undated = gr.Checkbox(
                    label="Include articles without a date",
                    info="A date filter leaves out articles that have no date, unless this is ticked.",
                )
    with gr.Tab("Library"):
        gr.Markdown("Every indexed article, newest first. Search, sort by a column, pick one to read it.")
        library_search = gr.Textbox(
            label="Search the library", placeholder="A word of a title, an outlet, a story"
        )
        library_empty = gr.Markdown(visible=False, elem_id="library-empty")
        library = gr.Dataframe(
            headers=["Date", "Title", "Outlet", "Story", "File"],
            datatype=["str", "str", "str", "str", "str"],
            interactive=False,
            wrap=True,
            column_widths=["110px", "40%", "150px", "22%", "18%"],
            max_height=420,
            elem_id="library",
        )
        picked = gr.State("")
        article_view = gr.HTML(elem_id="article-preview")
        with gr.Row():
            remove_button = gr.Button("Remove…", variant="stop", size="sm", visible=False, scale=0)
        # The question ("Delete the file ...?") comes before its buttons, and the report after a
        # removal in the same place.
        library_report = gr.Markdown(elem_id="library-report")
        with gr.Row(visible=False) as confirm_row:
            confirm_button = gr.Button("Yes, delete the file", variant="stop", size="sm", scale=0)
            cancel_button = gr.Button("Keep it", size="sm", scale=0)
        story_choice = gr.Dropdown([], label="Story", info="Pick one to see its articles on a timeline")
        story_box = gr.HTML(elem_id="story-view")
    with gr.Tab("Articles"):
        gr.Markdown(
            f"Add articles ({', '.join(sorted(SUFFIXES))}) to the articles folder, or re-sync after "
            "changing files there. Only what changed is re-indexed."
        )
        uploads = gr.File(
            label="Add articles", file_count="multiple", file_types=sorted(SUFFIXES), type="filepath"
        )
        add_button = gr.Button("Add to the index", variant="primary")
        resync_button = gr.Button("Re-sync the articles folder")
        report_box = gr.Markdown()
    # Refreshes the status line: its "updated N minutes ago" and a sync made elsewhere.
    status_timer = gr.Timer(STATUS_IDLE_S)
    known = gr.State(None)  # the indexed count the page's lists show (None: not known yet)

    listings = [status_line, only_sources, chatbot, library, library_empty, story_choice]
    filter_inputs = [only_sources, after, before, include_undated]
    answer_inputs = [pending, chatbot, answerer_choice, top_k, *filter_inputs]
    accepted = [question, chatbot, pending, notice, settings_panel, after_error, before_error]
    # The page's own steps are not API endpoints: only /chat, /retrieve, /sync and the upload
    # and re-sync buttons are. (Removing an article, above all, is never callable from outside.)
    quick: dict[str, Any] = {"queue": False, "api_visibility": "private"}
    private: dict[str, Any] = {"api_visibility": "private"}

    def _ask(trigger: Any) -> Any:
        return (
            trigger.then(None, js=BRING_QUESTION, **quick)
            .then(reply, answer_inputs, chatbot, concurrency_limit=8, **private)
            .then(save_chat, [chat_id, chatbot, conversations], [chat_id, conversations, chat_list], **quick)
            .then(None, js=SHOW_ANSWER, **quick)
        )

    _ask(
        question.submit(
            accept_question, [question, chatbot, answerer_choice, after, before], accepted, **quick
        )
    )
    for picker in (chatbot.example_select, chatbot.option_select):
        _ask(picker(pick_question, [chatbot, after, before], accepted, **quick))
    question.change(None, question, None, js=COUNT_CHARACTERS, **quick)
    chatbot.clear(forget_chat, [chat_id, conversations], [chat_id, conversations, chat_list], **quick)
    new_chat_button.click(new_chat, None, [chat_id, chatbot, chat_list], **quick).then(
        None, js=FOCUS_QUESTION, **quick
    )
    chat_list.input(open_chat, [chat_list, conversations], [chat_id, chatbot], **quick)
    demo.load(restore_chats, conversations, [chat_id, chatbot, chat_list], **quick).then(
        None, js=FOCUS_ON_LOAD, **quick
    )

    for field in filter_inputs:
        field.change(filter_chips, filter_inputs, [sources_chip, after_chip, before_chip, chips], **quick)
    sources_chip.click(lambda: [], None, only_sources, **quick)
    after_chip.click(lambda: "", None, after, **quick)
    before_chip.click(lambda: "", None, before, **quick)
    after.blur(check_date, after, after_error, **quick)
    before.blur(check_date, before, before_error, **quick)

    library_search.change(library_view, library_search, [library, library_empty], **quick)
    library.select(preview, None, [article_view, picked, remove_button, story_choice], **private)
    story_choice.change(story_view, story_choice, story_box, **private)
    remove_button.click(ask_remove, picked, [confirm_row, remove_button, library_report], **quick)
    cancel_button.click(cancel_remove, None, [confirm_row, remove_button, library_report], **quick)
    # The sync worker runs one sync at a time; the events only wait for it. More than one may run
    # at once, so that an upload made during a large file's sync is saved and makes it give way.
    confirm_button.click(
        remove_article,
        picked,
        [confirm_row, remove_button, library_report],
        concurrency_id="sync",
        concurrency_limit=SYNC_EVENTS,
        **private,
    ).then(refresh, library_search, listings, **private).then(lambda: "", None, article_view, **quick)

    add_button.click(
        add_articles,
        uploads,
        [report_box, status_line],
        concurrency_id="sync",
        concurrency_limit=SYNC_EVENTS,
        api_name="add_articles",
    ).then(refresh, library_search, listings, **private).then(
        watch_status, None, [status_timer, known], **quick
    ).then(
        lambda: None,
        None,
        uploads,
        **quick,  # added: the box no longer offers the same files again
    )
    resync_button.click(
        resync,
        None,
        [report_box, status_line],
        concurrency_id="sync",
        concurrency_limit=SYNC_EVENTS,
        api_name="resync",
    ).then(refresh, library_search, listings, **private).then(
        watch_status, None, [status_timer, known], **quick
    )
    status_timer.tick(poll_status_line, [known, library_search], [status_timer, known, *listings], **quick)
    gr.api(chat, api_name="chat", concurrency_limit=8)
    # Many callers may wait at once: the sync worker runs one sync at a time and shares it.
    gr.api(sync_articles, api_name=SYNC_API, concurrency_limit=16)
    gr.api(retrieve_passages, api_name="retrieve", concurrency_limit=8)
    demo.load(refresh, library_search, listings, **private).then(
        watch_status, None, [status_timer, known], **quick
    )


# The address of the client whose request is being handled: Gradio hands the login check only
# the user name and password, so a middleware (``ClientAddress``) records it per request.
_client_address: contextvars.ContextVar[str] = contextvars.ContextVar("newsdesk_client", default="")


class ClientAddress:
    """ASGI middleware: makes the request's client address known to ``LoginThrottle``.

    It is the address uvicorn gives the request: the peer's, or, for a proxy on this machine,
    the one the proxy puts in ``X-Forwarded-For`` (uvicorn trusts that header only from the
    addresses in ``FORWARDED_ALLOW_IPS``, 127.0.0.1 and ::1 unless set).
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = _client_address.set(str(client[0]) if client else "")
        try:
            await self.app(scope, receive, send)
        finally:
            _client_address.reset(token)


def _network(address: str) -> str:
    """The unit an address counts as: itself, or its /64 for IPv6 (one host often has all of it)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6 and not ip.is_loopback:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class LoginThrottle:
    """Checks the login; after 3 failures in a row from one address for one user name, refuses
    that address's attempts at that name for a while.

    The wait doubles with each further failure, from 1 s up to 60 s, and a success resets it:
    300 guesses went through in 0.7 s without it; with it, 30 guesses take about 20 minutes.
    During the wait even the right password is refused (the login page says so again), which
    keeps guessing slow for parallel clients from one address too.

    Failures are counted per (client address, user name), not for everyone together: one
    counter let anyone who guessed lock the real user out. An address counts by its /64 for
    IPv6. The counters are bounded: at most ``capacity`` pairs are kept, ordered by their
    last failure; a new pair takes the place of the oldest one unless that one is still
    waiting, and then it shares one counter with every other new pair. So an attacker cycling
    thousands of addresses or user names holds a few hundred kilobytes, and while they all
    wait, new addresses (the real user's too, if it never failed) are throttled together.
    """

    _OVERFLOW = ("*", "*")  # the pair new failures share when every kept pair is waiting

    def __init__(
        self,
        auth: str,
        clock: Callable[[], float] = time.monotonic,
        address: Callable[[], str] = _client_address.get,
        capacity: int = 4096,
    ) -> None:
        self._user, _, self._password = auth.partition(":")
        self._clock = clock
        self._address = address
        self._capacity = capacity
        self._lock = threading.Lock()
        self._failures: OrderedDict[tuple[str, str], tuple[int, float]] = OrderedDict()

    def __call__(self, username: str, password: str) -> bool:
        with self._lock:
            now = self._clock()
            key = (_network(self._address()), str(username)[:64])
            if key not in self._failures and len(self._failures) >= self._capacity:
                oldest, (_, until) = next(iter(self._failures.items()))
                if until <= now:
                    del self._failures[oldest]
                else:
                    key = self._OVERFLOW
            failures, until = self._failures.get(key, (0, 0.0))
            if now < until:
                return False
            ok = hmac.compare_digest(str(username).encode(), self._user.encode()) & hmac.compare_digest(
                str(password).encode(), self._password.encode()
            )
            if ok:
                self._failures.pop(key, None)
                return True
            failures += 1
            until = now + min(2.0 ** (failures - 3), 60.0) if failures >= 3 else 0.0
            self._failures[key] = (failures, until)
            self._failures.move_to_end(key)
            log.warning("failed login for %r from %s (%d in a row)", key[1], key[0], failures)
            return False


def exposure_error(settings: qa.Settings, env: dict[str, str] | None = None) -> str | None:
    """Why the app must not start: it would serve beyond this machine with no login."""
    env = dict(os.environ) if env is None else env
    if settings.auth or env.get("NEWSDESK_ALLOW_NO_AUTH", "").strip() == "1":
        return None
    host = settings.host.strip("[]")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False  # a host name: it may resolve to any address
    if loopback:
        return None
    return (
        f"NEWSDESK_HOST={settings.host} would make the chat, its /sync and upload routes reachable "
        "from the network with no login. Set NEWSDESK_AUTH=user:password, or bind 127.0.0.1, or "
        "set NEWSDESK_ALLOW_NO_AUTH=1 if something in front of the app (a proxy) does the login."
    )


def main() -> None:
    """Launch the chat server; it owns the index until it stops."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    global _opened
    try:
        _opened = qa.open_index()  # settings read and the index opened once, for every request
    except NewsdeskError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    settings = _opened.settings
    refusal = exposure_error(settings)
    if refusal is not None:
        print(f"error: {refusal}", file=sys.stderr)
        sys.exit(2)
    if settings.host not in ("127.0.0.1", "localhost", "::1") and not settings.auth:
        log.warning("serving on %s with no login (NEWSDESK_ALLOW_NO_AUTH=1)", settings.host)
    indexed = ingest.status(settings)
    first = not indexed.articles and not indexed.pending and _first.count(settings) > 0
    # With a Chroma server the store is filled by its own sync job (or Re-sync): the page says
    # how many articles wait. Else the first page already says they are being indexed; the sync
    # starts once the app owns the index, and warms up the model when it is done.
    _first.running = first and not settings.chroma_host
    if not _first.running:
        threading.Thread(target=_warm_up, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the finally below on `kill`
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=True,
        max_file_size=settings.max_file_bytes,
        auth=LoginThrottle(settings.auth) if settings.auth else None,
        app_kwargs={"middleware": [Middleware(ClientAddress)]},
        css=CSS,
        head=HEAD,
        # No footer links: Gradio's "Settings" (language, theme) beside the chat's own Settings
        # panel named two different things alike; the theme follows the system's.
        footer_links=[],
    )
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    if not settings.chroma_host:  # the embedded store has one writer: this app, while it runs
        claim(settings, f"http://{host}:{settings.port}/")
    _syncs.resume(ingest.status(settings).pending)  # files a sync left part-way before a restart
    try:
        _syncs.watch(settings.articles_dir)  # later syncs compare only what changed (ingest.feed)
    except OSError as e:  # no inotify watches left, say: every sync compares the whole folder
        log.warning("not watching %s (%s); every sync compares the whole folder", settings.articles_dir, e)
    if _first.running:
        log.info("first start: indexing %d article files in %s", _first.found, settings.articles_dir)
        _first.start()
    elif first:
        log.info("%s: %d article files, not indexed yet", settings.articles_dir, _first.found)
    try:
        demo.block_thread()
    finally:
        _syncs.close()
        release(settings)


if __name__ == "__main__":
    main()
