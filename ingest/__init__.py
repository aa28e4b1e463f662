"""Ingestion: load the articles folder, chunk, embed and upsert into the Chroma store.

``ingest.sync()`` brings the index in step with the folder; ``python -m ingest`` does the same
from the shell. ``ingest.status()`` says what is indexed (the app's status line).
"""

from ingest.sync import IndexStatus, SyncReport, status, sync

__all__ = ["IndexStatus", "SyncReport", "status", "sync"]
