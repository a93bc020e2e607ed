"""Crash recovery: snapshots of unsaved documents, and finding them after a crash.

Each running Inkwell owns one *session* folder under the recovery folder,
holding a lock file, an owner marker and one JSON snapshot per unsaved
document. The lock is an OS file lock, released by the OS when the process
dies, so on the next start a session folder whose lock can be taken belonged
to a process that crashed (or was killed): its snapshots are offered back to
the writer.

A new session takes its lock *before* it writes the owner marker, and other
instances only probe the lock of folders that have a marker (or snapshots,
from versions before the marker). So a folder another instance has just
created, and not yet locked, is never mistaken for an orphan. Folders are
removed only while holding their lock, marker and snapshots first, so a
scanner that comes later sees an ordinary empty folder it leaves alone.

Recovery folders and files are private (0700 folders, 0600 files): they hold
the writer's text.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from filelock import FileLock, Timeout

from writer_app.core.atomic import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, atomic_write_bytes, ensure_private_dir
from writer_app.core.disk_state import FileFingerprint

log = logging.getLogger(__name__)

_LOCK_NAME = "session.lock"
_MARKER_NAME = "session.owner"  # written once the lock is held; not *.json, so never taken for a snapshot
_PREVIEW_LINES = 3
_RECORD_VERSION = 2  # 2 added "base"
# How long the owner waits for its own new lock (only a scanner removing an
# unmarked leftover could hold it, for a moment).
_OWN_LOCK_TIMEOUT_S = 5.0
# An unmarked folder without snapshots this old is a leftover of a start that
# died before its marker was written (that window is microseconds long).
_UNMARKED_LEFTOVER_AGE_S = 3600.0
# JSON-encoding a long text in pieces lets other threads (the GUI) run in between.
_ENCODE_PIECE_CHARS = 256 * 1024


@dataclass(frozen=True)
class RecoveredDocument:
    snapshot_file: Path
    text: str
    path: str | None  # the file the document belonged to, None for an untitled one
    saved_at: float  # time.time() of the snapshot
    encoding: str
    newline: str
    # The snapshot source's fingerprint of the file on disk as the document
    # last loaded or saved it; None for an untitled document or an old record.
    base: dict | None = None
    errors: str = "strict"  # "replace" when the text holds U+FFFD for bytes of the file that were not text
    extras: dict | None = None  # an untitled manuscript's story notes and Codex ({"notes", "codex"})

    @property
    def title(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    def preview(self, max_chars: int = 240) -> str:
        lines = [line for line in self.text.splitlines() if line.strip()][:_PREVIEW_LINES]
        text = "\n".join(lines)
        return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def new_document_id() -> str:
    return uuid.uuid4().hex


def encode_snapshot(
    text: str | Iterable[str],
    path: str | None,
    encoding: str,
    newline: str,
    base: dict | None,
    saved_at: float | None = None,
    errors: str = "strict",
    extras: dict | None = None,
) -> bytes:
    """The snapshot record as UTF-8 JSON bytes; *text* may come in pieces, stored joined.

    The text is encoded a piece at a time so that a 50 MB text never holds
    the interpreter for long. A lone surrogate is stored as a JSON escape.
    """
    head = {
        "version": _RECORD_VERSION,
        "path": path,
        "saved_at": time.time() if saved_at is None else saved_at,
        "encoding": encoding,
        "newline": newline,
        "base": base,
        # "replace": the file had bytes that are not text, shown as U+FFFD; saving over it must ask first.
        "errors": errors,
        "extras": extras,
    }
    # A path from the file system may hold lone surrogates (undecodable bytes): stored as escapes too.
    parts = [json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8", "backslashreplace"), b', "text": "']
    for piece in [text] if isinstance(text, str) else text:
        for start in range(0, len(piece), _ENCODE_PIECE_CHARS):
            chunk = json.dumps(piece[start : start + _ENCODE_PIECE_CHARS], ensure_ascii=False)[1:-1]
            parts.append(chunk.encode("utf-8", "backslashreplace"))
    parts.append(b'"}')
    return b"".join(parts)


class RecoverySession:
    """This process's recovery folder. Thread-safe for distinct document ids.

    Raises OSError (PermissionError for a recovery folder owned by another
    user) when the folder cannot be created or locked.
    """

    def __init__(self, recovery_root: Path):
        self.root = ensure_private_dir(recovery_root)
        self.folder = self.root / f"session-{uuid.uuid4().hex}"
        self.folder.mkdir(mode=PRIVATE_DIR_MODE)
        try:
            os.chmod(self.folder, PRIVATE_DIR_MODE)  # mkdir's mode is masked by the umask
            self._lock = FileLock(self.folder / _LOCK_NAME, mode=PRIVATE_FILE_MODE)
            self._lock.acquire(timeout=_OWN_LOCK_TIMEOUT_S)
            marker = json.dumps({"pid": os.getpid(), "started": time.time()}).encode("utf-8")
            atomic_write_bytes(self.folder / _MARKER_NAME, marker, private=True)
        except BaseException:
            with contextlib.suppress(Exception):
                self._lock.release()
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def snapshot_path(self, document_id: str) -> Path:
        return self.folder / f"{document_id}.json"

    def write(
        self,
        document_id: str,
        text: str | Iterable[str],
        path: str | None,
        encoding: str = "utf-8",
        newline: str = "\n",
        base: dict | None = None,
        errors: str = "strict",
        extras: dict | None = None,
    ) -> Path:
        """Store the document's current text (a str, or pieces to join); raises OSError (e.g. disk full).

        *base* is the JSON-able fingerprint of the file on disk the text was
        edited from, given back as :attr:`RecoveredDocument.base`.
        """
        target = self.snapshot_path(document_id)
        record = encode_snapshot(text, path, encoding, newline, base, errors=errors, extras=extras)
        atomic_write_bytes(target, record, private=True)
        return target

    def discard(self, document_id: str) -> None:
        try:
            self.snapshot_path(document_id).unlink()
        except FileNotFoundError:
            pass

    def has_snapshots(self) -> bool:
        return any(self.folder.glob("*.json"))

    def close(self) -> None:
        """A clean exit: remove every snapshot and the session folder."""
        with contextlib.suppress(OSError):
            (self.folder / _MARKER_NAME).unlink()
        self._lock.release()
        shutil.rmtree(self.folder, ignore_errors=True)


def _owned_by_me(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return True
    try:
        return path.lstat().st_uid == os.getuid()
    except OSError:
        return False


def _session_folders(recovery_root: Path) -> list[Path]:
    # Another user's folder (a planted one in a shared temp folder) is never read.
    if not recovery_root.is_dir() or not _owned_by_me(recovery_root):
        return []
    return [
        folder
        for folder in sorted(recovery_root.glob("session-*"))
        if folder.is_dir() and not folder.is_symlink() and _owned_by_me(folder)
    ]


def _is_marked(folder: Path) -> bool:
    """True once a session holds the folder's lock (or a pre-marker session left snapshots)."""
    return (folder / _MARKER_NAME).exists() or any(folder.glob("*.json"))


@contextlib.contextmanager
def _orphan_lock(folder: Path):
    """Yields True holding *folder*'s lock when its process is gone; False when it is held or unreadable."""
    lock = FileLock(folder / _LOCK_NAME, mode=PRIVATE_FILE_MODE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        yield False  # another Inkwell is running and owns it
        return
    except OSError as exc:
        log.warning("Cannot check recovery folder %s: %s", folder, exc)
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def find_orphaned_sessions(recovery_root: Path) -> list[Path]:
    """Session folders whose process is gone (their lock is free)."""
    orphans = []
    for folder in _session_folders(recovery_root):
        if not _is_marked(folder):
            continue  # being created right now, or an empty leftover
        with _orphan_lock(folder) as orphaned:
            if orphaned:
                orphans.append(folder)
    return orphans


def _read_snapshot(snapshot: Path) -> RecoveredDocument:
    record = json.loads(snapshot.read_text(encoding="utf-8"))
    base = record.get("base")
    if isinstance(base, dict):
        try:
            FileFingerprint.from_dict(base)
        except ValueError:
            base = None  # damaged: treated like a record without one
    return RecoveredDocument(
        snapshot_file=snapshot,
        text=str(record["text"]),
        path=record.get("path"),
        saved_at=float(record.get("saved_at", snapshot.stat().st_mtime)),
        encoding=str(record.get("encoding", "utf-8")),
        newline=str(record.get("newline", "\n")),
        base=base if isinstance(base, dict) else None,
        errors="replace" if record.get("errors") == "replace" else "strict",
        extras=record["extras"] if isinstance(record.get("extras"), dict) else None,
    )


def load_recovered_documents(recovery_root: Path) -> list[RecoveredDocument]:
    """Every snapshot left by crashed sessions, newest first. Unreadable ones are skipped."""
    documents = []
    for folder in find_orphaned_sessions(recovery_root):
        for snapshot in folder.glob("*.json"):
            try:
                documents.append(_read_snapshot(snapshot))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("Skipping unreadable recovery snapshot %s: %s", snapshot, exc)
    documents.sort(key=lambda doc: doc.saved_at, reverse=True)
    return documents


def _remove_if_orphaned_and_empty(folder: Path) -> bool:
    """Remove *folder* if its process is gone and it holds no snapshot; True when removed."""
    with _orphan_lock(folder) as orphaned:
        if not orphaned or any(folder.glob("*.json")):
            return False
        # Unmarked first: from now on scanners leave the folder alone.
        with contextlib.suppress(FileNotFoundError):
            (folder / _MARKER_NAME).unlink()
    shutil.rmtree(folder, ignore_errors=True)
    return True


def forget_recovered(document: RecoveredDocument) -> None:
    """Delete a handled snapshot, and its session folder once it holds no other and its lock is free."""
    try:
        document.snapshot_file.unlink()
    except FileNotFoundError:
        pass
    folder = document.snapshot_file.parent
    if folder.is_dir() and folder.name.startswith("session-"):
        _remove_if_orphaned_and_empty(folder)


def remove_empty_orphans(recovery_root: Path) -> None:
    """Remove the folders of finished sessions that left no snapshot (and old leftovers of failed starts)."""
    now = time.time()
    for folder in _session_folders(recovery_root):
        if _is_marked(folder):
            _remove_if_orphaned_and_empty(folder)
            continue
        try:
            age = now - folder.stat().st_mtime
        except OSError:
            continue
        if age > _UNMARKED_LEFTOVER_AGE_S:
            _remove_if_orphaned_and_empty(folder)
