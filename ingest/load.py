"""Finding article files and turning their bytes into ``Article`` records.

An article is a ``.txt`` or ``.md`` file. It may open with a header block of ``Key: value``
lines (Title, URL, Published, Source, Author) ended by a blank line; the title is otherwise
the first non-empty line. Offsets everywhere refer to the decoded file text, so a cited
span can be found again in the file itself.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

__all__ = ["SUFFIXES", "Article", "ArticleError", "decode", "find_files", "parse_article"]

SUFFIXES = frozenset({".txt", ".md"})
HEADER_KEYS = {"title", "url", "published", "date", "source", "author"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)[ \t]*$")
_MAX_TITLE = 200


class ArticleError(Exception):
    """An article file that cannot be ingested; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Article:
    """One article: its decoded text and the metadata found in it.

    Attributes:
        path: Path relative to the articles folder, with forward slashes.
        text: The whole decoded file.
        body_start: Offset where the body starts (after the header block, if any).
        title: Header ``Title``, else the first non-empty line.
        url, published, outlet, author: From the header, empty when absent;
            ``published`` is an ISO date (YYYY-MM-DD) when it could be read.
        sha256: Hash of the file's bytes, for change detection.
    """

    path: str
    text: str
    body_start: int
    title: str
    sha256: str
    url: str = ""
    published: str = ""
    outlet: str = ""
    author: str = ""

    @property
    def body(self) -> str:
        """The text that is chunked and searched."""
        return self.text[self.body_start :]


def find_files(root: Path) -> Iterator[Path]:
    """Article files under ``root``, sorted, skipping hidden files and folders."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(dirpath) / name


def decode(data: bytes) -> str:
    """Text of ``data``: UTF-8 when it is, else the encoding charset-normalizer detects.

    Raises:
        ArticleError: for binary data or text in no recognisable encoding.
    """
    if b"\x00" in data[:8192]:
        raise ArticleError("looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ArticleError("is not text in any encoding that could be detected")
    # Short Western European texts fit several code pages equally well (cp775 turns "é" into
    # "ķ"); on a tie, prefer cp1252, by far the most common legacy encoding of English news.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            return str(match)
    return str(best)


def _iso_date(raw: str) -> str:
    """``raw`` as YYYY-MM-DD, or empty when it is no recognisable date."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    from dateutil import parser

    try:
        parsed = parser.parse(raw, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return ""
    return date(parsed.year, parsed.month, parsed.day).isoformat()


def _header(text: str) -> tuple[dict[str, str], int]:
    """The header block's fields and the offset where the body starts (0 when no header)."""
    lines = text.split("\n")
    fields: dict[str, str] = {}
    offset = 0
    for line in lines:
        if not line.strip():
            if fields and any(k in HEADER_KEYS for k in fields):
                return fields, offset + len(line) + 1
            return {}, 0
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if not match:
            return {}, 0
        fields[match.group(1).strip().lower()] = match.group(2)
        offset += len(line) + 1
    return {}, 0  # a file of header lines only has no body: treat it all as body


def parse_article(path: str, data: bytes) -> Article:
    """Decode and parse one article file's bytes.

    Raises:
        ArticleError: when the file is binary, undecodable, empty or whitespace only.
    """
    if not data:
        raise ArticleError("is empty")
    text = decode(data)
    if not text.strip():
        raise ArticleError("has only whitespace, no text")
    fields, body_start = _header(text)
    body = text[body_start:]
    if not body.strip():
        raise ArticleError("has a header but no article text")
    first_line = next(line.strip() for line in body.splitlines() if line.strip())
    title = (fields.get("title") or first_line).strip()
    if len(title) > _MAX_TITLE:
        title = title[: _MAX_TITLE - 1].rstrip() + "…"
    return Article(
        path=path,
        text=text,
        body_start=body_start,
        title=title,
        sha256=hashlib.sha256(data).hexdigest(),
        url=fields.get("url", ""),
        published=_iso_date(fields.get("published") or fields.get("date", "")),
        outlet=fields.get("source", ""),
        author=fields.get("author", ""),
    )
