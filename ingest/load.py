"""Finding article files and turning their bytes into ``Article`` records.

Formats:
- ``.txt`` / ``.md``: one article. It may open with a header block of ``Key: value`` lines
  (Title, URL, Published, Source, Author) ended by a blank line; the title is otherwise the
  first non-empty line. Offsets refer to the decoded file, so a cited span can be found in it.
- ``.html`` / ``.htm``: one article, its main text extracted by trafilatura (navigation,
  scripts and boilerplate dropped); title, date, author, site and canonical URL come from the
  page's metadata. Offsets refer to the extracted text.
- ``.jsonl`` (one record a line) and ``.json`` (a record or a list of records): a feed, each
  record an article with ``title``, ``text`` or ``content``, ``url``, ``published``, ``source``,
  ``author``. Its articles are ``<file>#<n>`` (n counts records from 1); offsets refer to the
  record's text. A malformed record is reported and the others are still loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "SUFFIXES",
    "Article",
    "ArticleError",
    "Loaded",
    "decode",
    "display_path",
    "find_files",
    "load_file",
    "read_file",
    "walk_files",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".json", ".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
HEADER_KEYS = {"title", "url", "published", "date", "source", "author"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)[ \t]*$")
_MAX_TITLE = 200
_MIN_HTML_WORDS = 8


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
    for _, path in walk_files(root):
        yield Path(path)


def walk_files(root: Path) -> Iterator[tuple[str, str]]:
    """(path relative to ``root`` with ``/``, full path) of ``find_files``' files, in its order.

    Plain strings: a sync stats every file of the folder, and making two ``Path`` objects per
    file (one for ``relative_to``) cost 2.5 of the 3 s of a 21,738-file scan (cProfile).
    """
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        prefix = os.path.relpath(dirpath, top).replace(os.sep, "/") + "/" if dirpath != top else ""
        folder = os.path.join(dirpath, "")
        for name in sorted(filenames):
            dot = name.rfind(".")  # the suffix as Path.suffix has it
            if dot > 0 and not name.startswith(".") and name[dot:].lower() in SUFFIXES:
                yield prefix + name, folder + name


# Formats that are never text, by their first bytes. A short list rather than a library
# (filetype, puremagic): it names the common impostors (an image or a PDF renamed .txt), and
# whatever else is binary fails the control-character rule below after decoding.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Text has almost no control characters besides tab and line breaks; decoded binary data has
# many (about one in eight of random bytes). More than 1 in 100 means binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_CONTROL_SHARE = 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of BOM-less UTF-16 (NUL in every other byte of mostly-ASCII text), else None."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > 0.3 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                return data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _wide_detected(data: bytes) -> str | None:
    """The text of UTF-16 or UTF-32 that charset-normalizer recognises (other scripts than
    Latin have no NUL high bytes), else None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError:
        return None


def _legacy(data: bytes) -> str:
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


def decode(data: bytes) -> str:
    """Text of ``data``: by its BOM, as UTF-8 when it is, as UTF-16 when it looks it, else in
    the encoding charset-normalizer detects.

    Raises:
        ArticleError: for binary data (a known binary format, NUL bytes that are not UTF-16, or
            more than 1% control characters once decoded) or text in no recognisable encoding.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"looks like a binary file ({what}), not text")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ArticleError(f"starts as {encoding.upper()} text but is not") from None
            break
    if text is None and b"\x00" in data[:8192]:
        text = _utf16_without_bom(data) or _wide_detected(data)
        if text is None:
            raise ArticleError("looks like a binary file, not text")
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _legacy(data)
    if len(_CONTROL.findall(text[:100_000])) > max(1, _MAX_CONTROL_SHARE * min(len(text), 100_000)):
        raise ArticleError("looks like a binary file, not text (it is full of control characters)")
    return text


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


def _short_title(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= _MAX_TITLE else title[: _MAX_TITLE - 1].rstrip() + "…"


# The embedder's tokenizer reads a "word" of over 100 characters as one unknown token, so text
# made mostly of such runs (base64, hex, minified data) has nothing to embed or quote; chunking
# it would still cost 46 s a megabyte (bench/hostile_bench.py).
_LONG_RUN = re.compile(r"\S{101,}")
_MAX_LONG_RUN_SHARE = 0.5


def _unreadable(text: str) -> str | None:
    """Why ``text`` is no prose (mostly runs of over 100 characters without a space), else None.

    A short note holding one long link is still an article: only 2,000 such characters or more count.
    """
    sample = text[:1_000_000]
    long_chars = sum(len(m) for m in _LONG_RUN.findall(sample))
    if long_chars > 2000 and long_chars > _MAX_LONG_RUN_SHARE * len(sample.strip()):
        share = 100 * long_chars / max(len(sample), 1)
        return (
            f"has no readable words: {share:.0f}% of it is in runs of over 100 characters "
            "without a space (encoded data?)"
        )
    return None


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
    why = _unreadable(text)
    if why:
        raise ArticleError(why)
    fields, body_start = _header(text)
    body = text[body_start:]
    if not body.strip():
        raise ArticleError("has a header but no article text")
    first_line = next(line.strip() for line in body.splitlines() if line.strip())
    title = _short_title(fields.get("title") or first_line)
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


@dataclass(frozen=True)
class Loaded:
    """What one file yielded: its articles, and the records in it that were skipped (with why)."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def display_path(rel: str) -> str:
    """``rel`` as it can be printed: bytes that are not UTF-8 in a file name shown as ``\\xe9``."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def read_file(path: Path, max_bytes: int, *, root: Path | None = None) -> bytes:
    """The bytes of an article file.

    Args:
        root: When given, a file that is a link resolving outside ``root`` is refused: a link
            such as ``passwd.txt -> /etc/passwd`` in a shared folder must not make the file's
            contents quotable to every reader of the index.

    Raises:
        ArticleError: when it is no regular file, is over ``max_bytes``, cannot be read, has a
            name that is not UTF-8, or links outside ``root``.
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise ArticleError(
            "has a file name that is not valid UTF-8 (from another system's encoding); rename it to ingest it"
        ) from None
    if root is not None:
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as e:  # a broken symlink, a symlink loop
            raise ArticleError(f"could not be read: {getattr(e, 'strerror', None) or e}") from None
        if not target.is_relative_to(root.resolve()):
            raise ArticleError(
                "is a link to a file outside the articles folder, which is not ingested "
                "(set NEWSDESK_FOLLOW_LINKS=1 to allow links out of the folder)"
            )
        path = target
    try:
        info = path.stat()
    except OSError as e:  # a broken symlink, a symlink loop, a file removed meanwhile
        raise ArticleError(f"could not be read: {e.strerror or e}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError("is not a regular file")
    if info.st_size > max_bytes:
        raise ArticleError(
            f"is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1024 / 1024:g} MB limit "
            "(raise NEWSDESK_MAX_FILE_MB to ingest it)"
        )
    try:
        return path.read_bytes()
    except OSError as e:
        raise ArticleError(f"could not be read: {e.strerror or e}") from None


def load_file(path: str, data: bytes) -> Loaded:
    """The articles in one file's bytes, by its suffix.

    Raises:
        ArticleError: when the file as a whole yields nothing (empty, binary, no article text).
    """
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return Loaded([parse_html(path, data)])
    if suffix in FEED_SUFFIXES:
        return parse_feed(path, data)
    return Loaded([parse_article(path, data)])


def parse_html(path: str, data: bytes) -> Article:
    """The main text and metadata of an HTML page.

    Raises:
        ArticleError: when the page is empty, binary, or has no article text.
    """
    if not data.strip():
        raise ArticleError("is empty")
    html = decode(data)
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # With no article on the page, extraction falls back to stray link text ("Home").
    if len(text.split()) < _MIN_HTML_WORDS:
        raise ArticleError("is an HTML page with no article text that could be extracted")
    why = _unreadable(text)
    if why:
        raise ArticleError(why)
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    return Article(
        path=path,
        text=text,
        body_start=0,
        title=_short_title(getattr(doc, "title", None) or first_line),
        sha256=hashlib.sha256(data).hexdigest(),
        url=getattr(doc, "url", None) or "",
        published=_iso_date(getattr(doc, "date", None) or ""),
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or "",
        author=getattr(doc, "author", None) or "",
    )


def _records(path: str, text: str) -> tuple[list[tuple[int, Any]], list[tuple[str, str]]]:
    """(record number, value) for each record of a feed, and the lines that are not JSON."""
    if Path(path).suffix.lower() == ".json":
        try:
            value = json.loads(text)
        except ValueError as e:
            raise ArticleError(f"is not valid JSON: {e}") from None
        except RecursionError:
            raise ArticleError("nests too deeply to be read (thousands of levels)") from None
        items = (
            value
            if isinstance(value, list)
            else value.get("articles", [value])
            if isinstance(value, dict)
            else []
        )
        return list(enumerate(items, start=1)), []
    records: list[tuple[int, Any]] = []
    bad: list[tuple[str, str]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            bad.append((f"{path}#{n}", f"line {n} is not valid JSON ({e.msg}); the other lines were loaded"))
        except RecursionError:
            bad.append((f"{path}#{n}", f"line {n} nests too deeply to be read; the other lines were loaded"))
    return records, bad


def parse_feed(path: str, data: bytes) -> Loaded:
    """Articles of a JSON or JSON Lines feed; bad records are skipped with a reason.

    Raises:
        ArticleError: when the file is empty, binary, or not JSON at all.
    """
    if not data.strip():
        raise ArticleError("is empty")
    records, skipped = _records(path, decode(data))
    articles: list[Article] = []
    for n, record in records:
        name = f"{path}#{n}"
        if not isinstance(record, dict):
            skipped.append((name, f"record {n} is not a JSON object"))
            continue
        body = record.get("text") or record.get("content") or record.get("body") or ""
        if not isinstance(body, str) or not body.strip():
            skipped.append((name, f"record {n} has no 'text' or 'content'"))
            continue
        why = _unreadable(body)
        if why:
            skipped.append((name, f"record {n} {why}"))
            continue
        title = str(record.get("title") or "").strip()
        text = f"{title}\n\n{body.strip()}" if title and not body.lstrip().startswith(title) else body.strip()
        first_line = next(line.strip() for line in text.splitlines() if line.strip())
        articles.append(
            Article(
                path=name,
                text=text,
                body_start=0,
                title=_short_title(title or first_line),
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                url=str(record.get("url") or record.get("link") or ""),
                published=_iso_date(str(record.get("published") or record.get("date") or "")),
                outlet=str(record.get("source") or record.get("outlet") or ""),
                author=str(record.get("author") or ""),
            )
        )
    if not articles and not skipped:
        raise ArticleError("holds no records")
    return Loaded(articles, skipped)
