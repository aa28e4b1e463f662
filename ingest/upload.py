"""Saving uploaded article files into the articles folder, safely.

Upload names come from a browser and cannot be trusted: only the final name component is
kept, characters outside letters, digits, ``.``, ``-`` and ``_`` become ``_``, and the file
must have an article suffix and fit the size limit. Nothing is ever written outside the
articles folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePosixPath, PureWindowsPath

from ingest.load import SUFFIXES
from qa.settings import Settings

__all__ = ["safe_name", "save_uploads"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 120


def safe_name(name: str) -> str | None:
    """A file name that is safe to create in the articles folder, or None when there is none."""
    base = PureWindowsPath(PurePosixPath(name).name).name  # drop folders in either style
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = _UNSAFE.sub("_", base).strip("._-")
    stem, suffix = os.path.splitext(base)
    stem = stem.strip("._-")
    if not stem or suffix.lower() not in SUFFIXES:
        return None
    return stem[: _MAX_NAME - len(suffix)] + suffix.lower()


def save_uploads(
    settings: Settings, files: Iterable[tuple[str, bytes]]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Write uploaded ``(name, data)`` files into the articles folder.

    Returns:
        The names saved (relative to the folder), and (name, reason) for each file refused.
    """
    root = settings.articles_dir.resolve()
    saved: list[str] = []
    refused: list[tuple[str, str]] = []
    for name, data in files:
        clean = safe_name(name)
        if clean is None:
            refused.append((name, f"is not an article file (use {', '.join(sorted(SUFFIXES))})"))
            continue
        if len(data) > settings.max_file_bytes:
            refused.append((name, f"is over the {settings.max_file_mb:g} MB limit (NEWSDESK_MAX_FILE_MB)"))
            continue
        target = (root / clean).resolve()
        if target.parent != root:  # cannot happen after safe_name; checked because it matters
            refused.append((name, "would be written outside the articles folder"))
            continue
        tmp = target.with_name(f".{clean}.upload")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        saved.append(clean)
    return saved, refused
