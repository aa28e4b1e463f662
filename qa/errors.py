"""Errors Newsdesk raises at its edges, each with a message that tells the user the fix."""

from __future__ import annotations

__all__ = ["ConfigError", "NewsdeskError", "StoreMissingError", "StoreUnreachableError", "SyncBusyError"]


class NewsdeskError(Exception):
    """Base class: anything Newsdesk reports to a user as a clean message."""


class ConfigError(NewsdeskError, ValueError):
    """A ``NEWSDESK_*`` setting has a bad value; the message names the variable."""


class StoreMissingError(NewsdeskError):
    """Questions were asked before any article was ingested."""

    def __init__(self, data_dir: str) -> None:
        super().__init__(
            f"No article index in {data_dir}. Ingest your articles first: "
            "`python -m ingest` (or `make run`), or point NEWSDESK_DATA_DIR at an existing index."
        )


class SyncBusyError(NewsdeskError):
    """Another sync holds the lock on the data directory."""

    def __init__(self, lock_path: str) -> None:
        super().__init__(
            f"Another sync is running on this index (lock {lock_path}). "
            "Wait for it to finish and run the sync again."
        )


class StoreUnreachableError(NewsdeskError):
    """The configured Chroma server does not answer."""

    def __init__(self, host: str, port: int, cause: Exception) -> None:
        super().__init__(
            f"The Chroma server at {host}:{port} does not answer ({cause}). Start it "
            f"(chroma run --path <folder> --host {host} --port {port}) or unset NEWSDESK_CHROMA_HOST "
            "to use the embedded store."
        )
