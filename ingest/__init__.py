"""Ingestion: load the articles folder, chunk, embed and upsert into the Chroma store.

``ingest.sync()`` brings the index in step with the folder; ``python -m ingest`` does the same
from the shell.
"""

from ingest.sync import SyncReport, sync

__all__ = ["SyncReport", "sync"]
