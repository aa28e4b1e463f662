"""Saving uploaded article files into the articles folder, safely.

Upload names come from a browser and cannot be trusted: only the final name component is
kept, characters outside letters, digits, ``.``, ``-`` and ``_`` become ``_``, and the file
must have an article suffix and fit the size limit. Nothing is ever written outside the
articles folder, and nothing in it is ever replaced:

- The bytes go to a fresh temp file made by ``tempfile.mkstemp`` in the folder (``O_CREAT |
  O_EXCL``, a random name, so a link planted under a guessable temp name is never followed),
  then the file gets its name with ``os.link``, which fails when anything (a file, a link, even
  a dangling one) has that name: the upload then takes the next free ``name-2.txt``. Concurrent
  uploads of one name all survive, each under its own name.
- An upload that would add nothing is refused and not written: one that the loader rejects
  (empty, binary, no article text) or one with the same bytes as a file already in the folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ingest.load import SUFFIXES, ArticleError, find_files, load_file
from qa.settings import Settings

__all__ = ["Uploaded", "safe_name", "save_uploads"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 120
_MAX_COPIES = 1000  # name-2 … name-1000: beyond that, someone is flooding the folder


def safe_name(name: str) -> str | None:
    """A file name that is safe to create in the articles folder, or None when there is none."""
    base = PureWindowsPath(PurePosixPath(name).name).name  # drop folders in either style
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = _UNSAFE.sub("_", base).strip("._-")
    stem, suffix = os.path.splitext(base)
    stem = stem.strip("._-")
    if not stem or suffix.lower() not in SUFFIXES:
        return None
    return stem[: _MAX_NAME - len(suffix) - 5] + suffix.lower()


@dataclass(frozen=True)
class Uploaded:
    """What happened to a batch of uploads.

    Attributes:
        saved: (name written, note) per file saved; the note says when the upload got another
            name because its own was taken (both files are kept), else it is empty.
        refused: (uploaded name, reason) per file that was not written.
    """

    saved: tuple[tuple[str, str], ...] = ()
    refused: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> list[str]:
        """The names written, relative to the articles folder."""
        return [name for name, _ in self.saved]


def _same_bytes(root: Path, data: bytes) -> str | None:
    """The path (relative to ``root``) of an article file holding exactly ``data``, if any."""
    digest = hashlib.sha256(data).hexdigest()
    for path in find_files(root):
        try:
            if path.is_symlink() or path.stat().st_size != len(data):
                continue
            if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
                return path.relative_to(root).as_posix()
        except OSError:
            continue
    return None


def _rejection(name: str, data: bytes) -> str | None:
    """Why the loader would skip this file, or None when it yields at least one article."""
    try:
        loaded = load_file(name, data)
    except ArticleError as e:
        return str(e)
    except Exception as e:  # a loader failure is a rejected upload, never a crashed request
        return f"could not be read as an article ({type(e).__name__})"
    if not loaded.articles:
        return "holds no article with text" + (f" ({loaded.skipped[0][1]})" if loaded.skipped else "")
    return None


def _write_new(root: Path, name: str, data: bytes) -> str:
    """Write ``data`` under ``name`` or the first free ``stem-n`` name; never replaces anything."""
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=root)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        stem, suffix = os.path.splitext(name)
        for n in range(1, _MAX_COPIES + 1):
            candidate = name if n == 1 else f"{stem}-{n}{suffix}"
            try:
                os.link(tmp, root / candidate)  # EEXIST when the name is taken, by anything
            except FileExistsError:
                continue
            except OSError as e:
                if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                    raise
                # No hard links on this file system: create exclusively, never following a link.
                try:
                    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                    out = os.open(root / candidate, flags, 0o644)
                except FileExistsError:
                    continue
                with os.fdopen(out, "wb") as f:
                    f.write(data)
            return candidate
        raise FileExistsError(f"{_MAX_COPIES} files named like {name} already exist")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def save_uploads(settings: Settings, files: Iterable[tuple[str, bytes]]) -> Uploaded:
    """Write uploaded ``(name, data)`` files into the articles folder, never replacing a file.

    Returns:
        The names saved (with a note when an upload was renamed to keep an existing file) and
        the uploads refused, each with the reason.
    """
    root = settings.articles_dir.resolve()
    saved: list[tuple[str, str]] = []
    refused: list[tuple[str, str]] = []
    for name, data in files:
        clean = safe_name(name)
        if clean is None:
            refused.append((name, f"is not an article file (use {', '.join(sorted(SUFFIXES))})"))
            continue
        if len(data) > settings.max_file_bytes:
            refused.append((name, f"is over the {settings.max_file_mb:g} MB limit (NEWSDESK_MAX_FILE_MB)"))
            continue
        if (root / clean).parent != root or clean in (".", ".."):  # cannot happen after safe_name
            refused.append((name, "would be written outside the articles folder"))
            continue
        why = _rejection(clean, data)
        if why is not None:
            refused.append((name, f"{why}; nothing was written"))
            continue
        twin = _same_bytes(root, data)
        if twin is not None:
            why = f"adds nothing new: {twin} already holds the same text; nothing was written"
            refused.append((name, why))
            continue
        try:
            written = _write_new(root, clean, data)
        except OSError as e:
            refused.append((name, f"could not be written to the articles folder ({e.strerror or e})"))
            continue
        note = "" if written == clean else f"an article named {clean} already exists; both are kept"
        saved.append((written, note))
    return Uploaded(tuple(saved), tuple(refused))
