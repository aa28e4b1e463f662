"""Bringing the index in step with the articles folder: add, replace, remove, skip.

A sync hashes every article file and compares it with the manifest. Only new and changed
articles are parsed, chunked and embedded; chunks whose id (a hash of their content) is
already stored keep their vectors. Nothing heavy is imported when nothing changed. Bad
files are reported with a reason and skipped, and the rest of the folder is still synced.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.chunk import Chunk, chunk_article
from ingest.load import ArticleError, Loaded, display_path, find_files, load_file, read_file
from ingest.manifest import Entry, Manifest
from ingest.owner import owner, remote_sync
from qa.errors import ConfigError, NewsdeskError, SyncBusyError
from qa.settings import Settings
from qa.store import (
    StoreDamagedError,
    batched,
    open_collection,
    reset_collection,
    set_aside_damaged_store,
    stored_count,
    sweep_staging,
)

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

__all__ = ["SyncReport", "fingerprint", "sync"]

# Bump when chunking or metadata change in a way that needs every article re-indexed.
PIPELINE_VERSION = 3
_GROUP = 256  # articles per write: the manifest is saved after each, so a crash loses little
_WRITE_BATCH = 2000


@dataclass(frozen=True)
class SyncReport:
    """What a sync did (or, with ``dry_run``, would do), by article path."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    rebuilt: bool = False
    delegated_to: str = ""  # URL of the running app that did the sync, if another process did
    repaired: tuple[str, ...] = ()  # unchanged articles re-indexed because the store lacked them
    damage: str = ""  # what was found wrong with the store, when something was

    @property
    def changed(self) -> bool:
        """Whether the index was (or would be) modified."""
        return bool(self.added or self.updated or self.removed or self.repaired)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SyncReport:
        """The inverse of ``to_dict`` (a report that came back from the app's API)."""
        fields = {k: tuple(data.get(k, ())) for k in ("added", "updated", "removed", "unchanged")}
        return cls(
            **fields,
            skipped=tuple((s["path"], s["reason"]) for s in data.get("skipped", ())),
            chunks_embedded=int(data.get("chunks_embedded", 0)),
            chunks_reused=int(data.get("chunks_reused", 0)),
            seconds=float(data.get("seconds", 0.0)),
            dry_run=bool(data.get("dry_run", False)),
            rebuilt=bool(data.get("rebuilt", False)),
            delegated_to=str(data.get("delegated_to", "")),
            repaired=tuple(data.get("repaired", ())),
            damage=str(data.get("damage", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for ``--json`` and for scripts."""
        data = asdict(self)
        data["skipped"] = [{"path": p, "reason": r} for p, r in self.skipped]
        return data

    def __str__(self) -> str:
        verb = "would be " if self.dry_run else ""
        lines = [
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped "
            f"({self.chunks_embedded} chunks embedded, {self.chunks_reused} reused, "
            f"{self.seconds:.2f} s)" + (" [dry run: nothing was changed]" if self.dry_run else "")
        ]
        if self.delegated_to:
            lines.append(f"The running app at {self.delegated_to} did this sync (it owns the index).")
        if self.damage:
            lines.append(f"The store was damaged: {self.damage}")
        if self.rebuilt:
            lines.append("The embedding model or chunk settings changed: every article was re-indexed.")
        for label, paths in (
            ("added", self.added),
            ("updated", self.updated),
            ("removed", self.removed),
            ("repaired", self.repaired),
        ):
            lines += [f"  {verb}{label}: {p}" for p in paths]
        lines += [f"  skipped: {p}: {reason}" for p, reason in self.skipped]
        return "\n".join(lines)


def fingerprint(settings: Settings) -> str:
    """Identity of everything that shapes stored chunks and vectors.

    A local model folder is identified by its configuration and weight size, not its path,
    so moving the virtual environment does not force a rebuild.
    """
    model = Path(settings.embedding_model)
    if model.is_dir():
        parts = [
            (model / name).read_text(encoding="utf-8")
            for name in ("config.json", "modules.json")
            if (model / name).is_file()
        ]
        parts += [str(p.stat().st_size) for p in sorted(model.glob("*.safetensors"))]
        model_id = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    else:
        model_id = settings.embedding_model
    raw = json.dumps(
        [PIPELINE_VERSION, model_id, settings.chunk_size, settings.chunk_overlap], separators=(",", ":")
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass
class _Plan:
    """Files to process, found by comparing the folder with the manifest."""

    work: list[tuple[str, bytes]] = field(default_factory=list)  # (path, data): new or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    gone_unindexed: set[str] = field(default_factory=set)  # removed files that were never indexed


def _plan(settings: Settings, manifest: Manifest, rebuild: bool) -> _Plan:
    root = settings.articles_dir
    plan = _Plan()
    seen: dict[str, str] = {}  # content hash -> first path with that content
    present: set[str] = set()
    for path in find_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            data = read_file(path, settings.max_file_bytes, root=None if settings.follow_links else root)
        except ArticleError as e:
            plan.skipped.append((display_path(rel), str(e)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            plan.skipped.append((rel, f"has the same text as {seen[digest]}, which is indexed once"))
            continue
        seen[digest] = rel
        present.add(rel)
        entry = manifest.articles.get(rel)
        if entry is not None and entry.sha256 == digest and not rebuild:
            plan.skipped += entry.skipped
            if entry.ids or not entry.skipped:
                plan.unchanged.append(rel)
        else:
            plan.work.append((rel, data))
    plan.removed = sorted(set(manifest.articles) - present)
    plan.gone_unindexed = {p for p in plan.removed if not manifest.articles[p].ids}
    return plan


def _lock(settings: Settings, wait: bool) -> Any:
    from filelock import FileLock, Timeout

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.data_dir / "sync.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise SyncBusyError(lock.lock_file) from None
        print(f"Another sync is running (lock {lock.lock_file}); waiting for it…", file=sys.stderr)
        lock.acquire()
    return lock


def sync(
    settings: Settings | None = None,
    *,
    dry_run: bool = False,
    wait: bool = True,
    progress: bool = False,
    switch_folder: bool = False,
) -> SyncReport:
    """Bring the index in step with ``settings.articles_dir``.

    Args:
        settings: Defaults to ``Settings.from_env()``.
        dry_run: Work out and return the plan, changing nothing.
        wait: When another sync holds the lock, wait for it (else raise ``SyncBusyError``).
        progress: Show a progress bar on standard error.
        switch_folder: Let this index hold ``articles_dir`` although it holds another folder's
            articles now (they leave the index). Without it such a sync raises ``ConfigError``.

    Returns:
        The report: added, updated, removed, unchanged and skipped articles.

    Raises:
        ConfigError: for a folder other than the one this index holds, without ``switch_folder``.
        NewsdeskError: when the data folder cannot be written (read-only, full), with the fix.
    """
    started = time.perf_counter()
    settings = settings or Settings.from_env()
    folder = str(settings.articles_dir.resolve())
    # A Chroma server takes writes from many processes; the embedded store has one owner.
    app = None if settings.chroma_host else owner(settings)
    if app is not None:
        if switch_folder or (app.folder and app.folder != folder):
            raise ConfigError(
                f"The Newsdesk app at {app.url} owns this index and syncs {app.folder or 'its folder'}; "
                f"it cannot sync {folder}. Give that folder its own index (NEWSDESK_DATA_DIR), or stop "
                "the app first to switch this index to it."
            )
        answer = remote_sync(app.url, dry_run=dry_run, auth=settings.auth)
        return SyncReport.from_dict(answer | {"delegated_to": app.url})
    manifest_path = settings.data_dir / "manifest.json"
    try:
        lock = None if dry_run else _lock(settings, wait)
    except OSError as e:
        raise _write_error(settings, e) from e
    try:
        if lock is not None:
            sweep_staging(settings)
        manifest = Manifest.load(manifest_path)
        _check_folder(settings, manifest, folder, switch_folder)
        current = fingerprint(settings)
        rebuild = bool(manifest.articles) and manifest.fingerprint != current
        plan = _plan(settings, manifest, rebuild)
        damage, repaired = ("", []) if dry_run or rebuild else _verify_store(settings, manifest, plan)
        new = [p for p, _ in plan.work if p not in manifest.articles or rebuild]
        changed = [p for p, _ in plan.work if p in manifest.articles and not rebuild and p not in repaired]
        removed = plan.removed + ([p for p in manifest.articles if p not in plan.removed] if rebuild else [])
        if dry_run:
            for rel, data in plan.work:
                plan.skipped += _load(rel, data).skipped
            bad = {p for p, _ in plan.skipped}
            return SyncReport(
                added=tuple(p for p in new if p not in bad),
                updated=tuple(p for p in changed if p not in bad),
                removed=tuple(p for p in plan.removed if p not in plan.gone_unindexed),
                unchanged=tuple(plan.unchanged),
                skipped=tuple(sorted(plan.skipped)),
                seconds=time.perf_counter() - started,
                dry_run=True,
                rebuilt=rebuild,
            )
        lexical_missing = bool(manifest.all_ids()) and not (settings.data_dir / "bm25" / "version").exists()
        if lexical_missing and not plan.work and not plan.removed:
            _rebuild_lexical(settings, open_collection(settings, create=True))
        if not plan.work and not plan.removed and not manifest.dirty and manifest.fingerprint == current:
            if manifest.folder != folder:  # an index from before folders were recorded
                manifest.folder = folder
                manifest.save(manifest_path)
            return SyncReport(
                unchanged=tuple(plan.unchanged),
                skipped=tuple(sorted(plan.skipped)),
                seconds=time.perf_counter() - started,
            )
        manifest.folder = folder
        applied = _apply(
            settings, manifest, manifest_path, plan, new, changed, removed, rebuild, progress, started
        )
        return replace(applied, repaired=tuple(repaired), damage=(damage + " " + applied.damage).strip())
    except OSError as e:
        raise _write_error(settings, e) from e
    except Exception as e:
        if not type(e).__module__.startswith("chromadb"):
            raise
        raise _write_error(settings, e) from e
    finally:
        if lock is not None:
            lock.release()


def _check_folder(settings: Settings, manifest: Manifest, folder: str, switch_folder: bool) -> None:
    """Refuse to sync a folder other than the one this index holds, unless asked to switch."""
    if not manifest.folder or manifest.folder == folder or not manifest.articles or switch_folder:
        return
    raise ConfigError(
        f"The index in {settings.data_dir} holds the articles of {manifest.folder}, not {folder}. "
        f"To keep both, give {folder} its own index (NEWSDESK_DATA_DIR=...). To replace the index "
        "with this folder (the other folder's articles leave it), run again with --switch-folder "
        "(ingest.sync(switch_folder=True))."
    )


def _write_error(settings: Settings, error: Exception) -> NewsdeskError:
    """A clean message for a data folder that cannot be written (read-only, full, no permission)."""
    if isinstance(error, OSError):
        what = f"{error.strerror or error}" + (f" ({error.filename})" if error.filename else "")
    else:  # Chroma reports a failed write without its cause
        what = f"the store refused the write ({error})"
    try:
        free = shutil.disk_usage(settings.data_dir).free
        room = f"; {free / 1e6:.1f} MB free on its disk" if free < 200e6 else ""
    except OSError:
        room = ""
    return NewsdeskError(
        f"The sync could not write to {settings.data_dir}: {what}{room}. Free some space or make "
        "the folder writable (or point NEWSDESK_DATA_DIR elsewhere), then run the sync again: "
        "what was indexed before stays, and the next sync finishes the job."
    )


def _load(rel: str, data: bytes) -> Loaded:
    """The articles of one file; any failure to read it becomes a skipped file with the reason."""
    try:
        return load_file(rel, data)
    except ArticleError as e:
        return Loaded([], [(rel, str(e))])
    except RecursionError:
        return Loaded([], [(rel, "nests too deeply to be read (thousands of levels)")])
    except MemoryError:
        return Loaded([], [(rel, "needs more memory to read than is available")])
    except Exception as e:  # a bug or a parser's limit: this file is skipped, the sync goes on
        return Loaded([], [(rel, f"could not be read ({type(e).__name__}: {e})")])


def _verify_store(settings: Settings, manifest: Manifest, plan: _Plan) -> tuple[str, list[str]]:
    """Check the store holds the chunks the manifest lists; plan the re-indexing of what it lacks.

    Counting costs a millisecond (``qa.store.stored_count``). When the count is off, the ids
    are compared: unchanged articles whose chunks are missing go back into the plan's work (they
    are reported as repaired), and chunks no article owns are removed as after a killed sync.
    A store whose database cannot be read is moved aside and rebuilt from the folder.

    Returns:
        What was wrong (empty when nothing was), and the articles that will be re-indexed.
    """
    expected = manifest.all_ids()
    if not expected:
        return "", []
    damage = ""
    try:
        count = stored_count(settings)
    except StoreDamagedError as e:
        moved = set_aside_damaged_store(settings)
        damage, count = f"{e}; it was moved to {moved} and rebuilt from the articles folder. ", -1
    if count == len(expected):
        return "", []
    present = set(open_collection(settings, create=True).get(include=[])["ids"])
    lost = expected - present
    if present - expected:
        manifest.dirty = True  # the next write removes chunks no article owns
    if not lost:
        return damage + f"it held {len(present - expected)} passages no article owns; they were removed.", []
    repaired = [p for p in plan.unchanged if not lost.isdisjoint(manifest.articles[p].ids)]
    for rel in repaired:
        try:
            plan.work.append((rel, read_file(settings.articles_dir / rel, settings.max_file_bytes)))
        except ArticleError as e:
            plan.skipped.append((rel, str(e)))
    plan.unchanged = [p for p in plan.unchanged if p not in set(repaired)]
    damage += (
        f"it lacked {len(lost)} of the {len(expected)} passages the manifest lists "
        f"(of {len(repaired)} articles); they were re-indexed."
    )
    return damage, repaired


def _apply(
    settings: Settings,
    manifest: Manifest,
    manifest_path: Path,
    plan: _Plan,
    new: list[str],
    changed: list[str],
    removed: list[str],
    rebuild: bool,
    progress: bool,
    started: float,
) -> SyncReport:
    was_dirty = manifest.dirty
    collection = (
        reset_collection(settings)
        if rebuild or not manifest.fingerprint
        else open_collection(settings, create=True)
    )
    if rebuild:
        manifest.articles.clear()
    manifest.fingerprint = fingerprint(settings)
    manifest.dirty = True
    manifest.save(manifest_path)

    skipped = list(plan.skipped)
    embedded = reused = 0
    from tqdm import tqdm

    bar = tqdm(total=len(plan.work), unit="article", disable=not progress, desc="Syncing", file=sys.stderr)
    for group in batched(plan.work, _GROUP):
        n_embedded, n_reused, group_skipped = _write_group(settings, collection, manifest, group)
        embedded, reused = embedded + n_embedded, reused + n_reused
        skipped += group_skipped
        manifest.save(manifest_path)
        bar.update(len(group))
    bar.close()

    for rel in plan.removed:
        entry = manifest.articles.pop(rel, None)
        if entry is not None and entry.ids:
            for ids in batched(list(entry.ids), _WRITE_BATCH):
                collection.delete(ids=list(ids))
    if was_dirty:
        _remove_orphans(collection, manifest.all_ids())
    from ingest.check import check_store

    # After a killed sync every chunk is checked (a kill can cost vectors of chunks it wrote
    # before its last manifest save); otherwise the chunks this sync wrote.
    checked = check_store(settings, collection, manifest, None if was_dirty else [r for r, _ in plan.work])
    _rebuild_lexical(settings, collection)
    manifest.dirty = False
    manifest.save(manifest_path)

    bad = {p for p, _ in skipped}
    return SyncReport(
        added=tuple(p for p in new if p not in bad),
        updated=tuple(p for p in changed if p not in bad),
        removed=tuple(p for p in removed if p not in new and p not in plan.gone_unindexed),
        unchanged=tuple(plan.unchanged),
        skipped=tuple(sorted(skipped)),
        chunks_embedded=embedded,
        chunks_reused=reused,
        seconds=time.perf_counter() - started,
        rebuilt=rebuild,
        damage=(
            f"{checked.lost} passages just written could not be found by dense search; they were "
            f"written again ({', '.join(checked.repaired)})."
            if checked.lost
            else ""
        ),
    )


def _write_group(
    settings: Settings, collection: Collection, manifest: Manifest, group: Sequence[tuple[str, bytes]]
) -> tuple[int, int, list[tuple[str, str]]]:
    """Load, chunk, embed and store one group of files; returns (embedded, reused, skipped)."""
    skipped: list[tuple[str, str]] = []
    per_file: dict[str, tuple[str, str, list[Chunk]]] = {}
    loaded_skips: dict[str, list[tuple[str, str]]] = {}
    for rel, data in group:
        loaded = _load(rel, data)
        if not loaded.articles and [p for p, _ in loaded.skipped] == [rel]:
            reason = loaded.skipped[0][1]
            old = manifest.articles.get(rel)
            if old is not None and old.ids:
                reason += "; its previous version was removed from the index"
                _delete(collection, old.ids)
            skipped.append((rel, reason))
            # Remembered, so the unchanged bad file is reported again without being re-read.
            manifest.articles[rel] = Entry(hashlib.sha256(data).hexdigest(), (), "", tuple(loaded.skipped))
            continue
        skipped += loaded.skipped
        loaded_skips[rel] = loaded.skipped
        chunks = [c for article in loaded.articles for c in chunk_article(article, settings)]
        title = loaded.articles[0].title if len(loaded.articles) == 1 else f"{len(loaded.articles)} articles"
        per_file[rel] = (hashlib.sha256(data).hexdigest(), title, chunks)

    chunks = [c for _, _, cs in per_file.values() for c in cs]
    stored = _stored_embeddings(collection, [c.id for c in chunks])
    fresh = [c for c in chunks if c.id not in stored]
    vectors: dict[str, Sequence[float]] = dict(stored)
    if fresh:
        from qa.embedder import embed

        matrix = embed(settings.embedding_model, [c.embedding_text() for c in fresh], settings.batch_size)
        vectors.update({c.id: row.tolist() for c, row in zip(fresh, matrix, strict=True)})
    for part in batched(chunks, _WRITE_BATCH):
        collection.upsert(
            ids=[c.id for c in part],
            embeddings=[vectors[c.id] for c in part],  # type: ignore[misc]
            documents=[c.text for c in part],
            metadatas=[c.metadata() for c in part],  # type: ignore[misc]
        )
    for rel, (digest, title, cs) in per_file.items():
        new_ids = tuple(c.id for c in cs)
        old = manifest.articles.get(rel)
        if old is not None:
            _delete(collection, set(old.ids) - set(new_ids))
        manifest.articles[rel] = Entry(digest, new_ids, title, tuple(loaded_skips.get(rel, ())))
    return len(fresh), len(chunks) - len(fresh), skipped


def _stored_embeddings(collection: Collection, ids: list[str]) -> dict[str, Sequence[float]]:
    """Vectors already in the store for any of ``ids`` (unchanged passages of edited articles)."""
    found: dict[str, Sequence[float]] = {}
    for part in batched(ids, _WRITE_BATCH):
        found.update(_readable_vectors(collection, list(part)))
    return found


def _readable_vectors(collection: Collection, ids: list[str]) -> dict[str, Sequence[float]]:
    """The stored vectors of ``ids``; chunks whose vector Chroma lost are deleted, to be rewritten.

    A SIGKILL right after an upsert returned can leave chunks that Chroma lists but whose
    vector its HNSW index never persisted: reading them fails with "Error finding id" (the
    crash matrix in tests/test_crash_matrix.py reproduces it at every run). Such a chunk is
    found by halving the batch, deleted, and then embedded and written again like a new one.
    """
    try:
        got = collection.get(ids=ids, include=["embeddings"])  # type: ignore[list-item]
    except Exception as e:
        if not type(e).__module__.startswith("chromadb"):
            raise
        if len(ids) == 1:
            collection.delete(ids=ids)
            return {}
        half = len(ids) // 2
        return {**_readable_vectors(collection, ids[:half]), **_readable_vectors(collection, ids[half:])}
    embeddings = got.get("embeddings")
    if embeddings is None:
        return {}
    return {ident: list(vector) for ident, vector in zip(got["ids"], embeddings, strict=True)}


def _delete(collection: Collection, ids: Sequence[str] | set[str]) -> None:
    for part in batched(sorted(ids), _WRITE_BATCH):
        collection.delete(ids=list(part))


def _rebuild_lexical(settings: Settings, collection: Collection) -> None:
    """Rebuild the BM25 index from everything in the store, so both sides hold the same chunks."""
    from qa import lexical

    rows: list[tuple[str, str, dict[str, Any]]] = []
    vectors: list[Any] = []
    page = 5000
    while True:
        got = collection.get(
            include=["documents", "metadatas", "embeddings"],  # type: ignore[list-item]
            limit=page,
            offset=len(rows),
        )
        docs, metas = got.get("documents") or [], got.get("metadatas") or []
        rows += [(i, d, dict(m or {})) for i, d, m in zip(got["ids"], docs, metas, strict=True)]
        embeddings = got.get("embeddings")
        vectors += list(embeddings) if embeddings is not None else []
        if len(got["ids"]) < page:
            break
    lexical.build(settings, rows, vectors if len(vectors) == len(rows) else None)


def _remove_orphans(collection: Collection, expected: set[str]) -> None:
    """Delete chunks no manifest entry owns: leftovers of a sync that was killed."""
    stored = set(collection.get(include=[])["ids"])
    _delete(collection, stored - expected)
