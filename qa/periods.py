"""Time expressions in a question, turned into a date range.

"What happened in March 2025?", "since July", "last week", "between 10 and 20 July", "before
the election": each narrows the articles to a period. This module finds the expression with a
few patterns and lets ``dateparser`` (a maintained parser: month names, ordinals, relative
phrases) turn its date into a day; the range then follows from the expression's granularity
(a month name covers the whole month, a year the whole year). Relative phrases ("last week",
"this month") count back from a reference day, which the caller sets to the newest article's
date: an archive's "now" is its latest news, not the clock.

An expression anchored on an event rather than a date ("before the election") comes back with
the event's words in ``event``; the evidence step looks the event up in the articles and fixes
the date from them. A window said before the event is the event's, not the calendar's: "the last
week before the vote", "the first week or so after the recall" (not "last week" counted back).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "find_period"]

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# A date in figures: "7/15", "15/07/2025", "15.7.2025" (day first where the figures say so)
_NUMERIC = re.compile(
    r"\b(?:on|of|from|since|until|before|after)\s+(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?\b", re.I
)
# A date as people write it: "15 July 2025", "July 15", "July 2025", "March", "2025", "2025-07-15".
_DATE = (
    rf"(?:{_YEAR}-\d\d-\d\d|{_DAY}\s+(?:of\s+)?{_MONTHS}\.?(?:,?\s+{_YEAR})?|{_MONTHS}\.?\s+{_DAY}(?:,?\s+{_YEAR})?"
    rf"|{_MONTHS}\.?(?:\s+{_YEAR})?|{_YEAR})"
)
_RELATIVE = re.compile(
    r"\b(?:(last|past|previous|this|the last|the past)\s+"
    r"(\d+\s+|(?:two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s+)?"
    r"(day|days|week|weeks|month|months|year|fortnight)"
    r"|(today|yesterday|this morning|tonight))\b",
    re.I,
)
# "two weeks ago", "a month ago": the stretch of that unit that far back.
_AGO = re.compile(
    r"\b(a|an|one|two|three|four|five|six|\d+|a\s+couple\s+of|a\s+few)\s+(day|days|week|weeks|month|months)\s+ago\b",
    re.I,
)
_NUMBER_WORDS = {
    w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)
}
# How many units back "two weeks ago" or "the last few days" counts.
_AGO_COUNTS = {"a": 1, "an": 1, **_NUMBER_WORDS, "few": 3, "a few": 3, "couple of": 2, "a couple of": 2}
_BETWEEN = re.compile(
    rf"\b(?:between|from)\s+({_DATE}|{_DAY})\s+(?:and|to|until|till|through|thru|-|–)\s+({_DATE})\b", re.I
)
# "from June on" opens a period; "news from June" is of June (``_IN``), as "from last summer" is.
_SINCE = re.compile(
    rf"\b(since|after|from(?=\s+{_DATE}\s+(?:on|onwards?|forward)\b)|starting)\s+(?:the\s+)?({_DATE})\b", re.I
)
_BEFORE = re.compile(rf"\b(before|until|till|up to|prior to|by)\s+(?:the\s+)?({_DATE})\b", re.I)
_IN = re.compile(
    rf"\b(?P<prep>in|during|on|of|for|from|throughout|around|early|mid|late)\s+(?:the\s+)?({_DATE})\b", re.I
)
_BARE = re.compile(rf"\b({_YEAR}-\d\d-\d\d|{_MONTHS}\s+{_YEAR}|{_DAY}\s+{_MONTHS}(?:\s+{_YEAR})?)\b", re.I)
_EVENT = re.compile(
    r"\b(?:(?:in\s+|over\s+|during\s+)?the\s+(?:(?:first|next|last|final|few|couple of)\s+)*"
    r"(week|weeks|month|months|days?|fortnight)\s+(?:or\s+so\s+)?)?"
    r"(before|after|since|ahead of|following|leading up to|(?:the\s+)?(?:run|lead|build)[- ]up\s+to)\s+"
    # The event: "the election", and as readers also say it, "election day", "his injury",
    # "it was fully contained", "their striker got hurt"; not a bare "then" or "that".
    r"((?!(?:then|now|that|this|it|them|him|her|when|which)\s*(?:[?.!,]|$))[a-z][\w\s'’-]{2,40}?)"
    r"(?=[?.!,]|$)",
    re.I,
)
# Between two events: "between his injury and his comeback", "between the first recall and the
# fine". Each side opens with a determiner, so "between Quillon and Brightwave" is no period.
_EVENTS_BETWEEN = re.compile(
    r"\bbetween\s+((?:the|his|her|its|their)\s+[\w\s'’-]{2,40}?)\s+and\s+"
    r"((?:the|his|her|its|their)\s+[\w\s'’-]{2,40}?)(?=[?.!,]|$)",
    re.I,
)
# The opening or closing stretch of an event: "the first week of the Cedar Ridge blaze", "the
# last days of the campaign" (a month's first week is ``_WEEK``'s).
_EVENT_EDGE = re.compile(
    r"\bthe\s+(first|opening|early|last|final|closing)\s+(?:few\s+|couple of\s+)?"
    r"(days?|week|weeks|month|months|fortnight)\s+(?:of|in)\s+"
    r"((?:the|his|her|its|their)\s+[\w\s'’-]{2,40}?)"
    r"(?=\s+(?:go|went|going|gone|unfold\w*|develop\w*|progress\w*|(?:pan|turn|play)\w*\s+out)\b|[?.!,]|$)",
    re.I,
)
_WINDOW_DAYS = {"day": 1, "days": 3, "week": 7, "weeks": 28, "fortnight": 14, "month": 30, "months": 90}
# Lower-case, these are ordinary words ("what may happen", "who will march"), and months after a
# preposition that opens a time ("in may", "since march", "early may", "the end of march"): readers
# type questions in lower case. After "of", "for" or "on" alone they stay words.
_FAKE_MONTH = re.compile(r"^(may|march)$")
_WORD_PREPOSITIONS = frozenset({"of", "for", "on"})
# A named stretch of the calendar that dateparser does not read: a season ("over the summer",
# "last autumn"), a half or quarter of a year ("the first half of 2025", "Q3"), or a part of a
# month or year ("early March", "around mid-July", "late 2025"). The words before it say whether
# it is the period itself ("in", "over") or where an open one starts or ends ("since", "before").
_LEAD_IN = (
    r"(?:(?P<prep>in|during|over|around|throughout|through|for|of|at|since|after|from|between|starting|before|until|"
    r"till|up to|prior to|by)\s+)?(?:the\s+)?"
)
_SEASON = re.compile(
    rf"\b{_LEAD_IN}(?:(?P<which>this|last|past|previous|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
    rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b",
    re.I,
)
_PART = re.compile(
    rf"\b{_LEAD_IN}(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>half|quarter)"
    rf"|(?P<code>[hq][1-4]))(?:\s+(?:of\s+)?(?:(?P<which>this|last)\s+year|(?:the\s+year\s+)?(?P<year>{_YEAR})))?\b",
    re.I,
)
_EDGE = re.compile(
    rf"\b{_LEAD_IN}(?P<part>early|mid|late|(?:the\s+)?(?:start|beginning|middle|end|close)\s+of)[\s-]*(?:the\s+)?"
    rf"(?:month\s+of\s+)?"
    rf"(?:(?P<month>{_MONTHS})\.?(?:\s+(?P<my>{_YEAR}))?|(?P<year>{_YEAR}))\b",
    re.I,
)
_WEEK = re.compile(
    rf"\b{_LEAD_IN}(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+week\s+(?P<so>or\s+so\s+)?(?:of|in)\s+"
    rf"(?P<month>{_MONTHS})\.?(?:\s+(?P<my>{_YEAR}))?\b",
    re.I,
)
# A stretch at one end of a month, by its length: "the second half of March", "the last two weeks
# of July", "the first ten days of July 2025", "the closing days of September".
_SPAN_EDGE = re.compile(
    rf"\b{_LEAD_IN}(?P<edge>first|opening|early|earlier|second|latter|later|last|final|closing)\s+"
    r"(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s+)?"
    r"(?P<unit>half|days|weeks|fortnight)\s+(?:of|in)\s+(?:the\s+month\s+of\s+)?"
    rf"(?P<month>{_MONTHS})\.?(?:\s+(?P<my>{_YEAR}))?\b",
    re.I,
)
_SPAN_COUNTS = {**_NUMBER_WORDS, "few": 5, "couple of": 3}  # days of "the first few days of July"
# A week named by its first day: "the week of March 10", "the week beginning 10 March".
_WEEK_OF = re.compile(
    rf"\b(?:in\s+|during\s+|over\s+)?the\s+week\s+(?:of|beginning|starting|commencing|from)\s+"
    rf"(?P<day>{_DAY}\s+(?:of\s+)?{_MONTHS}\.?(?:,?\s+{_YEAR})?|{_MONTHS}\.?\s+{_DAY}(?:,?\s+{_YEAR})?)\b",
    re.I,
)
_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_OPENS = ("since", "after", "starting")  # "news from last summer" is of it, not since it
_CLOSES = ("before", "until", "till", "up to", "prior to", "by")


@dataclass(frozen=True)
class Period:
    """A date range asked about (inclusive, either end open), and the words that said it.

    ``event`` is set instead of the dates for an event-anchored phrase ("before the
    election"): ``relation`` is ``before``, ``after``, ``since`` (from the event's own report on),
    ``between`` (up to ``until``, a second event), ``start`` or ``end`` (the first or last
    ``span_days`` of the event's story), and ``span_days`` the window ("the week before" is 7; 0
    for open-ended).
    """

    after: date | None = None
    before: date | None = None
    text: str = ""
    event: str = ""
    relation: str = ""
    span_days: int = 0
    until: str = ""

    def __bool__(self) -> bool:
        return bool(self.after or self.before or self.event)

    def describe(self) -> str:
        """The period in words, for an answer's opening ("Between 1 and 31 March 2025")."""
        if self.after and self.before:
            if self.after == self.before:
                return f"On {_day(self.after)}"
            return f"Between {_day(self.after)} and {_day(self.before)}"
        if self.after:
            return f"Since {_day(self.after)}"
        if self.before:
            return f"Up to {_day(self.before)}"
        return ""


def _day(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _parse(text: str, reference: date) -> tuple[date, date] | None:
    """The first and last day that ``text`` (one date expression) covers."""
    import dateparser
    from dateparser.date import DateDataParser

    clean = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I)
    clean = re.sub(r"\bof\s+", "", clean, flags=re.I)
    if re.fullmatch(_YEAR, clean):
        year = int(clean)
        return date(year, 1, 1), date(year, 12, 31)
    parser = DateDataParser(
        languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": _as_datetime(reference)},
    )
    data = parser.get_date_data(clean)
    if data.date_obj is None:
        parsed = dateparser.parse(clean, languages=["en"])
        if parsed is None:
            return None
        return parsed.date(), parsed.date()
    day = data.date_obj.date()
    if data.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if data.period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last)
    return day, day


def _as_datetime(d: date):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(d.year, d.month, d.day, 12)


def _relative(match: re.Match[str], reference: date) -> tuple[date, date]:
    which, count, unit, single = match.groups()
    if single:
        word = single.lower()
        day = reference - timedelta(days=1) if word == "yesterday" else reference
        return day, day
    n = _count_of(count) if count else 1
    unit = unit.lower().rstrip("s")
    days = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}[unit] * n
    if which.lower() == "this":
        if unit == "month":
            return reference.replace(day=1), reference
        if unit == "year":
            return reference.replace(month=1, day=1), reference
        return reference - timedelta(days=reference.weekday()), reference
    return reference - timedelta(days=days), reference


def _count_of(said: str) -> int:
    """The number "3", "two", "a few" or "a couple of" says (``_AGO_COUNTS``)."""
    said = " ".join(said.lower().split())
    return int(said) if said.isdigit() else _AGO_COUNTS[said]


def _months(first_month: int, count: int, year: int) -> tuple[date, date]:
    """The days of ``count`` months from ``first_month`` of ``year`` (running into the next year)."""
    end_month = first_month + count - 1
    end_year = year + (end_month - 1) // 12
    end_month = (end_month - 1) % 12 + 1
    return date(year, first_month, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def _latest_start(first_month: int, count: int, reference: date, which: str) -> tuple[date, date]:
    """The stretch of ``count`` months from ``first_month`` meant without a year: the last one that
    began by ``reference`` ("this summer", "in Q3"), the last one over before it ("last summer"),
    or the next one to begin ("next winter")."""
    years = range(reference.year + 1, reference.year - 3, -1)
    spans = [_months(first_month, count, y) for y in years]
    if which == "next":
        return next(s for s in reversed(spans) if s[0] > reference)
    if which in ("last", "past", "previous"):
        return next(s for s in spans if s[1] < reference)
    return next(s for s in spans if s[0] <= reference)


def _named(question: str, reference: date) -> tuple[tuple[date, date], re.Match[str]] | None:
    """The days of the first season, half, quarter or part of a month or year ``question`` names."""
    found: list[tuple[tuple[date, date], re.Match[str]]] = []
    for m in _SEASON.finditer(question):
        season = m.group("season").lower()
        if season == "fall" and not (
            m.group("which") or m.group("year") or re.search(r"\bthe\s", m.group(0), re.I)
        ):
            continue  # "did shares fall": a verb
        first = _SEASON_MONTHS[season]
        if m.group("year"):
            year = int(m.group("year")) - (1 if first == 12 else 0)  # winter 2025 holds January 2025
            found.append((_months(first, 3, year), m))
        else:
            found.append((_latest_start(first, 3, reference, (m.group("which") or "").lower()), m))
        break
    for m in _PART.finditer(question):
        if m.group("code"):
            letter, n = m.group("code")[0].lower(), int(m.group("code")[1])
            if letter == "h" and n > 2:
                continue
            count = 6 if letter == "h" else 3
        else:
            n, count = _ORDINALS[m.group("ord").lower()], 6 if m.group("unit").lower() == "half" else 3
            if count == 6 and n > 2:
                continue
        first = 1 + (n - 1) * count
        which = (m.group("which") or "").lower()
        if m.group("year"):
            found.append((_months(first, count, int(m.group("year"))), m))
        elif which == "last":
            found.append((_months(first, count, reference.year - 1), m))
        else:
            found.append((_latest_start(first, count, reference, ""), m))
        break
    for m in _WEEK.finditer(question):
        month = _MONTH_NUMBERS[m.group("month").lower()[:3]]
        year = int(m.group("my")) if m.group("my") else _year_of(month, reference)
        last = calendar.monthrange(year, month)[1]
        nth = m.group("ord").lower()
        first = last - 6 if nth in ("last", "final") else 1 + 7 * (_ORDINALS[nth] - 1)
        # "the first week or so of August": a few days past the week (the 2nd, 4th and 8th's news)
        end = min(last, first + (9 if m.group("so") else 6))
        found.append(((date(year, month, first), date(year, month, end)), m))
        break
    for m in _SPAN_EDGE.finditer(question):
        month = _MONTH_NUMBERS[m.group("month").lower()[:3]]
        year = int(m.group("my")) if m.group("my") else _year_of(month, reference)
        last = calendar.monthrange(year, month)[1]
        unit, said = m.group("unit").lower(), " ".join((m.group("n") or "").lower().split())
        count = int(said) if said.isdigit() else _SPAN_COUNTS.get(said, 0)
        at_start = m.group("edge").lower() in ("first", "opening", "early", "earlier")
        # a half: to or from the 15th; "the last two weeks": fourteen days; "the closing days": ten
        if unit == "half":
            days = 15 if at_start else last - 15
        else:
            days = {"fortnight": 14, "weeks": (count or 2) * 7}.get(unit, count or 10)
        length = min(days, last)
        first = 1 if at_start else last - length + 1
        found.append(((date(year, month, first), date(year, month, first + length - 1)), m))
        break
    for m in _EDGE.finditer(question):
        part = m.group("part").lower()
        third = (
            0
            if ("early" in part or "start" in part or "beginning" in part)
            else 2
            if ("late" in part or "end" in part or "close" in part)
            else 1
        )
        if m.group("month"):
            month = _MONTH_NUMBERS[m.group("month").lower()[:3]]
            year = int(m.group("my")) if m.group("my") else _year_of(month, reference)
            last = calendar.monthrange(year, month)[1]
            # The edges of "early", "mid" and "late" are fuzzy, so the parts overlap a little: a
            # report of the 12th is one a reader of "early April" wants more often than not.
            start, end = ((1, 15), (11, 20), (16, last))[third]
            found.append(((date(year, month, start), date(year, month, end)), m))
        else:
            found.append((_months(1 + 4 * third, 4, int(m.group("year"))), m))
        break
    if not found:
        return None
    return min(found, key=lambda f: (f[1].start(), -len(f[1].group(0))))  # the longest of the first


def _year_of(month: int, reference: date) -> int:
    """The year of a month named without one: the last such month up to ``reference``."""
    return reference.year if month <= reference.month else reference.year - 1


_MONTH_NUMBERS = {
    m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}


def _named_period(question: str, reference: date) -> Period | None:
    """A ``Period`` for a named stretch (``_named``), open-ended after "since" or "before"."""
    got = _named(question, reference)
    if got is None:
        return None
    (first, last), m = got
    prep = (m.group("prep") or "").lower()
    if prep in _OPENS:
        return Period(first if prep != "after" else last + timedelta(days=1), None, m.group(0))
    if prep in _CLOSES:
        return Period(
            None, last if prep in ("until", "till", "up to", "by") else first - timedelta(days=1), m.group(0)
        )
    # "from mid-July to the end of July 2025": up to the end of what follows "to".
    if prep in ("from", "between") and (to := _TO.match(question, m.end())):
        end = find_period(f"in {to.group(1)}", reference)
        if end.before is not None and end.before >= first:
            return Period(first, end.before, question[m.start() : to.end(1)])
    return Period(first, last, m.group(0))


_TO = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s+([^?.!,;]+)", re.I)


def find_period(question: str, reference: date | None = None) -> Period:
    """The period ``question`` asks about; an empty (false) ``Period`` when it names none.

    Args:
        question: The question.
        reference: The day relative phrases count from (default: today).
    """
    reference = reference or date.today()
    if m := _BETWEEN.search(question):
        start, end = m.group(1), m.group(2)
        if re.fullmatch(_DAY, start.strip()):  # "between 10 and 20 July": the month comes last
            start = f"{start} {re.sub(_DAY, '', end, count=1).strip()}"
        first, second = _parse(start, reference), _parse(end, reference)
        if first and second:
            return Period(first[0], second[1], m.group(0))
    if m := _NUMERIC.search(question):
        day = _numeric_day(m, reference)
        if day is not None:
            word = m.group(0).split()[0].lower()
            if word in ("since", "after", "from"):
                return Period(day + timedelta(days=1) if word == "after" else day, None, m.group(0))
            if word in ("until", "before"):
                return Period(None, day if word == "until" else day - timedelta(days=1), m.group(0))
            return Period(day, day, m.group(0))
    if m := _WEEK_OF.search(question):
        got = _parse(m.group("day"), reference)
        if got:
            return Period(got[0], got[0] + timedelta(days=6), m.group(0))
    if named := _named_period(question, reference):  # before "the last week": "the last week of July"
        return named
    # before "the last days": "the last days of the campaign"
    if m := _EVENT_EDGE.search(question):
        edge, window, event = m.groups()
        relation = "start" if edge.lower() in ("first", "opening", "early") else "end"
        return Period(
            text=m.group(0), event=event.strip(), relation=relation, span_days=_WINDOW_DAYS[window.lower()]
        )
    # before "the last week": "the last week before the vote" is a window on the event's side
    if (m := _EVENT.search(question)) and m.group(1) and not re.match(_DATE, m.group(3), re.I):
        return _event_period(m)
    if m := _RELATIVE.search(question):
        after, before = _relative(m, reference)
        this_year = (m.group(1) or "").lower() == "this" and (m.group(3) or "").lower() == "year"
        inner = _in_period(question, reference) if this_year else None
        if (
            inner is not None
            and inner.after
            and inner.before
            and after <= inner.after <= inner.before <= before
        ):
            # "what did the governor say in september about more cuts this year": September
            return inner
        return Period(after, before, m.group(0))
    if m := _AGO.search(question):
        n = _count_of(m.group(1))
        unit = {"day": 1, "week": 7, "month": 30}[m.group(2).lower().rstrip("s")]
        return Period(
            reference - timedelta(days=n * unit), reference - timedelta(days=(n - 1) * unit), m.group(0)
        )
    if m := _SINCE.search(question):
        got = _parse(m.group(2), reference)
        if got:
            start = (
                got[0] + timedelta(days=1) if m.group(1).lower() == "after" and got[0] == got[1] else got[0]
            )
            return Period(start, None, m.group(0))
    if m := _BEFORE.search(question):
        got = _parse(m.group(2), reference)
        if got:
            inclusive = m.group(1).lower() in ("until", "till", "up to", "by")  # "by 20 July" includes it
            return Period(None, got[1] if inclusive else got[0] - timedelta(days=1), m.group(0))
    if inner := _in_period(question, reference):
        return inner
    if m := _EVENTS_BETWEEN.search(question):
        return Period(text=m.group(0), event=m.group(1).strip(), relation="between", until=m.group(2).strip())
    if m := _EVENT.search(question):
        return _event_period(m)
    return Period()


def _in_period(question: str, reference: date) -> Period | None:
    """The month, day or year ``question`` names with "in" or on its own ("in March", "March
    2025"), or None."""
    for pattern in (_IN, _BARE):
        for m in pattern.finditer(question):
            text = m.group(m.lastindex or 1)
            prep = (m.groupdict().get("prep") or "").lower()
            if _FAKE_MONTH.match(text) and (pattern is _BARE or prep in _WORD_PREPOSITIONS):
                continue
            got = _parse(text, reference)
            if got:
                return Period(got[0], got[1], m.group(0))
    return None


def _numeric_day(m: re.Match[str], reference: date) -> date | None:
    """The day of a ``_NUMERIC`` date: day first when the first figure can only be a day
    ("15/07"), else month first as most readers who write a month first type it ("7/15");
    without a year, the last such day up to ``reference``."""
    a, b = int(m.group(1)), int(m.group(2))
    month, day = (b, a) if a > 12 else (a, b)
    if month > 12:
        return None
    year = m.group(3)
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(reference.year, month, day)
        return found if found <= reference else date(reference.year - 1, month, day)
    except ValueError:
        return None


def _event_period(m: re.Match[str]) -> Period:
    """The ``Period`` of an ``_EVENT`` match: which side of the event, and the window's days."""
    window, relation, event = m.groups()
    word = relation.lower()
    run_up = bool(re.search(r"\bup\s+to$", word)) and not word.startswith("leading")
    relation = (
        "before"
        if word in ("before", "ahead of", "leading up to") or run_up
        else word
        if word == "since"
        else "after"
    )
    # "the run-up to the vote": the weeks before it, as "the last weeks before" would say
    span = _WINDOW_DAYS.get((window or "").lower(), _WINDOW_DAYS["weeks"] if run_up else 0)
    if re.search(r"\bfew\s+days\b", m.string[m.start() : m.start(2)], re.I):
        span = 7  # "the last few days before the vote" held the debate, five days before it
    return Period(text=m.group(0), event=event.strip(), relation=relation, span_days=span)
