"""The filters a question can carry: which articles, and a publication date range.

One frozen ``Filters`` is shared by ``qa.retrieve``, ``qa.answer``, ``NewsdeskRetriever`` and
the chat app, so adding a filter means one field here and its clause in ``qa/store.py``
(the dense side) and ``qa/lexical.py`` (the BM25 side). Dates are checked on construction, so a
malformed one fails with the fix before anything is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["Filters", "parse_day"]


def parse_day(value: str | date | None, name: str) -> date | None:
    """``value`` as a date (None for none); a string must start with ``YYYY-MM-DD``.

    Raises:
        ValueError: naming ``name`` and the expected format.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a date: use YYYY-MM-DD") from None


@dataclass(frozen=True)
class Filters:
    """What a search is limited to; the default limits nothing.

    Attributes:
        sources: Only these articles (paths relative to the articles folder; a feed file's
            path covers all its records). Empty for all.
        published_after, published_before: Only articles published in this range (inclusive);
            articles without a date are left out by either.
    """

    sources: tuple[str, ...] = ()
    published_after: date | None = None
    published_before: date | None = None

    @classmethod
    def of(
        cls,
        sources: Sequence[str] | None = None,
        published_after: str | date | None = None,
        published_before: str | date | None = None,
    ) -> Filters:
        """Filters from loose values (a list of paths, ISO date strings, empty for none)."""
        return cls(
            sources=tuple(sources or ()),
            published_after=parse_day(published_after, "published_after"),
            published_before=parse_day(published_before, "published_before"),
        )

    def __bool__(self) -> bool:
        return bool(self.sources or self.published_after or self.published_before)
