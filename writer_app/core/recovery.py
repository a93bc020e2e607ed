"""Crash recovery: snapshots of unsaved documents, and finding them after a crash.

Each running Inkwell owns one *session* folder under the recovery folder,
holding a lock file and one JSON snapshot per unsaved document. The lock is
an OS file lock, released by the OS when the process dies, so on the next
start a session folder whose lock can be taken belonged to a process that
crashed (or was killed): its snapshots are offered back to the writer.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from writer_app.core.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

_LOCK_NAME = "session.lock"
_PREVIEW_LINES = 3


@dataclass(frozen=True)
class RecoveredDocument:
    snapshot_file: Path
    text: str
    path: str | None  # the file the document belonged to, None for an untitled one
    saved_at: float  # time.time() of the snapshot
    encoding: str
    newline: str

    @property
    def title(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    def preview(self, max_chars: int = 240) -> str:
        lines = [line for line in self.text.splitlines() if line.strip()][:_PREVIEW_LINES]
        text = "\n".join(lines)
        return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def new_document_id() -> str:
    return uuid.uuid4().hex


class RecoverySession:
    """This process's recovery folder. Thread-safe for distinct document ids."""

    def __init__(self, recovery_root: Path):
        self.root = recovery_root
        self.folder = recovery_root / f"session-{uuid.uuid4().hex}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(self.folder / _LOCK_NAME)
        self._lock.acquire(timeout=0)

    def snapshot_path(self, document_id: str) -> Path:
        return self.folder / f"{document_id}.json"

    def write(
        self, document_id: str, text: str, path: str | None, encoding: str = "utf-8", newline: str = "\n"
    ) -> Path:
        """Store the document's current text; raises OSError (e.g. disk full)."""
        record = {
            "version": 1,
            "path": path,
            "saved_at": time.time(),
            "encoding": encoding,
            "newline": newline,
            "text": text,
        }
        target = self.snapshot_path(document_id)
        atomic_write_bytes(target, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        return target

    def discard(self, document_id: str) -> None:
        try:
            self.snapshot_path(document_id).unlink()
        except FileNotFoundError:
            pass

    def close(self) -> None:
        """A clean exit: remove every snapshot and the session folder."""
        self._lock.release()
        shutil.rmtree(self.folder, ignore_errors=True)


def find_orphaned_sessions(recovery_root: Path) -> list[Path]:
    """Session folders whose process is gone (their lock is free)."""
    if not recovery_root.is_dir():
        return []
    orphans = []
    for folder in sorted(recovery_root.glob("session-*")):
        if not folder.is_dir():
            continue
        lock = FileLock(folder / _LOCK_NAME)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # another Inkwell is running and owns it
        except OSError as exc:
            log.warning("Cannot check recovery folder %s: %s", folder, exc)
            continue
        lock.release()
        orphans.append(folder)
    return orphans


def load_recovered_documents(recovery_root: Path) -> list[RecoveredDocument]:
    """Every snapshot left by crashed sessions, newest first. Unreadable ones are skipped."""
    documents = []
    for folder in find_orphaned_sessions(recovery_root):
        for snapshot in folder.glob("*.json"):
            try:
                record = json.loads(snapshot.read_text(encoding="utf-8"))
                documents.append(
                    RecoveredDocument(
                        snapshot_file=snapshot,
                        text=str(record["text"]),
                        path=record.get("path"),
                        saved_at=float(record.get("saved_at", snapshot.stat().st_mtime)),
                        encoding=str(record.get("encoding", "utf-8")),
                        newline=str(record.get("newline", "\n")),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("Skipping unreadable recovery snapshot %s: %s", snapshot, exc)
    documents.sort(key=lambda doc: doc.saved_at, reverse=True)
    return documents


def forget_recovered(document: RecoveredDocument) -> None:
    """Delete a handled snapshot, and its session folder once it holds no other."""
    try:
        document.snapshot_file.unlink()
    except FileNotFoundError:
        pass
    folder = document.snapshot_file.parent
    if not any(folder.glob("*.json")):
        shutil.rmtree(folder, ignore_errors=True)


def remove_empty_orphans(recovery_root: Path) -> None:
    for folder in find_orphaned_sessions(recovery_root):
        if not any(folder.glob("*.json")):
            shutil.rmtree(folder, ignore_errors=True)
