"""Autosave of unsaved work to the recovery folder.

A snapshot is written at most ``AUTOSAVE_DELAY_MS`` after the first change
that is not yet in a snapshot (the timer is not restarted by later keys, so
continuous typing is still saved), and at once when the editor or the app
loses focus.

The snapshot source gives the text as a ``str`` or as the ``QTextDocument``
itself. A document is read in slices of ``SLICE_CHARS`` between event-loop
turns, since copying a 50 MB document at once stalls the window for about a
second; edits made while it is read are patched into what was already read,
so the snapshot is the document as it stood when its last slice was read.

Files are written on one background thread, which also turns the text into
JSON a piece at a time. Only the newest snapshot of a document waits for it:
a newer one replaces it, so at most one write is in flight and one pending.
"""

from __future__ import annotations

import atexit
import logging
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from writer_app.core.recovery import RecoverySession, new_document_id
from writer_app.core.textfile import describe_os_error

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1500
# About 6 ms of the GUI thread per slice of prose (bench/autosave.py).
SLICE_CHARS = 512 * 1024

# (text or the QTextDocument, path or None, encoding, newline, base fingerprint or None, errors);
# shorter tuples of earlier versions are still accepted (no base, errors "strict").
SnapshotSource = Callable[[], tuple]


class _DocumentReader(QObject):
    """Copies a QTextDocument's raw text (``\\u2029`` between blocks) in slices between event-loop turns."""

    def __init__(self, document: QTextDocument, on_done: Callable[[list[str]], None], parent: QObject):
        super().__init__(parent)
        self.document = document
        self._on_done = on_done
        self._cursor = QTextCursor(document)
        self._pieces: list[str] = []
        self._starts: list[int] = []  # the document position (UTF-16 units) of each piece
        self._frontier = 0  # everything before this position is in _pieces
        self._active = False
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._read_slice)

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        if self._active:
            return
        self._reset()
        self._active = True
        self.document.contentsChange.connect(self._on_contents_change)
        self._timer.start()

    def cancel(self) -> None:
        if self._active:
            self._active = False
            self._timer.stop()
            self.document.contentsChange.disconnect(self._on_contents_change)
        self._reset()

    def read_all_now(self) -> list[str]:
        """Finish the read in progress (or read everything) without returning to the event loop."""
        self.start()
        while self._active:
            self._read_slice(notify=False)
        pieces, self._pieces = self._pieces, []
        self._reset()
        return pieces

    def _reset(self) -> None:
        self._pieces, self._starts, self._frontier = [], [], 0

    def _end(self) -> int:
        return self.document.characterCount() - 1  # the last position is the final block's end, not text

    def _read(self, start: int, end: int) -> str:
        self._cursor.setPosition(start)
        self._cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return self._cursor.selectedText()

    def _read_slice(self, notify: bool = True) -> None:
        end_of_text = self._end()
        end = min(self._frontier + SLICE_CHARS, end_of_text)
        if end < end_of_text and "\ud800" <= self.document.characterAt(end - 1) <= "\udbff":
            end -= 1  # keep a surrogate pair in one piece
        if end > self._frontier:
            self._pieces.append(self._read(self._frontier, end))
            self._starts.append(self._frontier)
            self._frontier = end
        if self._frontier >= end_of_text:
            self._active = False
            self._timer.stop()
            self.document.contentsChange.disconnect(self._on_contents_change)
            if notify:
                pieces = self._pieces
                self._reset()
                self._on_done(pieces)

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if position >= self._frontier:
            return  # not read yet: the slices to come will see the change
        if position + removed > self._frontier or added > SLICE_CHARS or position + added > self._end():
            self._truncate(position)
            return
        # Text before the change and after its old end is unchanged: keep both, read what is new.
        frontier = self._frontier
        tail_pieces, tail_starts = self._pieces_from(position + removed)
        self._truncate(position)
        if added:
            self._pieces.append(self._read(position, position + added))
            self._starts.append(position)
        shift = added - removed
        self._pieces.extend(tail_pieces)
        self._starts.extend(start + shift for start in tail_starts)
        self._frontier = frontier + shift

    def _pieces_from(self, position: int) -> tuple[list[str], list[int]]:
        """Copies of what was read from *position* to the frontier, as pieces and their starts."""
        index = self._piece_at(position)
        if index == len(self._pieces):
            return [], []
        _head, rest = _split_utf16(self._pieces[index], position - self._starts[index])
        pieces = ([rest] if rest else []) + self._pieces[index + 1 :]
        starts = ([position] if rest else []) + self._starts[index + 1 :]
        return pieces, starts

    def _truncate(self, position: int) -> None:
        """Forget what was read from *position* on."""
        index = self._piece_at(position)
        if index < len(self._pieces):
            start = self._starts[index]
            head, _rest = _split_utf16(self._pieces[index], position - start)
            del self._pieces[index:], self._starts[index:]
            if head:
                self._pieces.append(head)
                self._starts.append(start)
        self._frontier = position

    def _piece_at(self, position: int) -> int:
        """The index of the piece holding *position*; len(pieces) at the frontier."""
        low, high = 0, len(self._starts)
        while low < high:  # after this, low - 1 is the last piece starting at or before position
            middle = (low + high) // 2
            if self._starts[middle] <= position:
                low = middle + 1
            else:
                high = middle
        index = max(low - 1, 0)
        if index < len(self._pieces) and position >= self._starts[index] + _utf16_len(self._pieces[index]):
            index += 1
        return index


def _utf16_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def _split_utf16(text: str, units: int) -> tuple[str, str]:
    """*text* split after *units* UTF-16 code units (document positions count those)."""
    if text.isascii():
        return text[:units], text[units:]
    # A split inside a surrogate pair leaves one half on each side; the snapshot's JSON joins them again.
    encoded = text.encode("utf-16-le", "surrogatepass")
    return (
        encoded[: units * 2].decode("utf-16-le", "surrogatepass"),
        encoded[units * 2 :].decode("utf-16-le", "surrogatepass"),
    )


def _plain_pieces(raw_pieces: Iterable[str]) -> Iterator[str]:
    # On the writer thread: the document's paragraph and line separators become "\n", as in editor.text().
    for piece in raw_pieces:
        yield piece.replace("\u2029", "\n").replace("\u2028", "\n")


@dataclass(eq=False)
class _Job:
    document_id: str
    action: Callable[[], object]
    report: bool = True  # emit written/failed signals
    done: threading.Event = field(default_factory=threading.Event)
    ok: bool = False


class _SnapshotWriter:
    """One background thread; per document only the newest job waits (a newer one replaces it)."""

    def __init__(self, on_result: Callable[[_Job, BaseException | None, object], None]):
        self._on_result = on_result
        self._condition = threading.Condition()
        self._pending: dict[str, _Job] = {}  # by document id, oldest first
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None

    @property
    def queued(self) -> int:
        """Jobs pending or in flight."""
        with self._condition:
            return len(self._pending) + self._busy

    def submit(self, job: _Job) -> bool:
        with self._condition:
            if self._closed:
                return False
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="inkwell-autosave", daemon=True)
                self._thread.start()
                # Like a ThreadPoolExecutor: what is queued is written before the interpreter exits.
                atexit.register(self.close)
            replaced = self._pending.pop(job.document_id, None)
            self._pending[job.document_id] = job
            self._condition.notify_all()
        if replaced is not None:
            replaced.done.set()  # superseded: its text is older than the new job's
        return True

    def wait_idle(self) -> None:
        with self._condition:
            self._condition.wait_for(lambda: not self._pending and not self._busy)

    def close(self) -> None:
        """Finish what is queued, then stop the thread."""
        atexit.unregister(self.close)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                document_id = next(iter(self._pending))
                job = self._pending.pop(document_id)
                self._busy = True
            error, result = None, None
            try:
                result = job.action()
            except BaseException as exc:  # reported, never lost on the thread
                error = exc
            job.ok = error is None
            with self._condition:
                self._busy = False
                self._condition.notify_all()
            try:
                self._on_result(job, error, result)
            except Exception:  # e.g. the window is gone: the thread must go on for the other jobs
                log.exception("Could not report a recovery snapshot")
            finally:
                job.done.set()


class Autosaver(QObject):
    sig_snapshot_written = Signal(str)  # snapshot file path
    sig_snapshot_failed = Signal(str)  # a message for the writer

    def __init__(self, session: RecoverySession | None, snapshot_source: SnapshotSource, parent: QObject):
        """*snapshot_source* returns (text or QTextDocument, path or None, encoding, newline, base or None,
        errors, extras or None); the last three may be left out.

        Without a *session* (no recovery folder could be made) nothing is
        written: the first change of each document reports that recovery
        copies are off, and ``snapshot(wait=True)`` returns False.
        """
        super().__init__(parent)
        self._session = session
        self._source = snapshot_source
        self.document_id = new_document_id()
        self._dirty = False
        self._enabled = True
        self._told_off = False
        self._closed = False
        self._reader: _DocumentReader | None = None
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.snapshot)
        self._writer = _SnapshotWriter(self._report)

    @property
    def available(self) -> bool:
        """False when recovery copies are off for this run."""
        return self._session is not None

    @property
    def reading(self) -> bool:
        """True while the document is being read for a snapshot."""
        return self._reader is not None and self._reader.active

    @property
    def queued_writes(self) -> int:
        """Snapshot writes and discards pending or in flight (at most two per document)."""
        return self._writer.queued

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if not enabled:
            self._timer.stop()
            self._cancel_read()

    def note_change(self) -> None:
        if not self._enabled:
            return
        if self._session is None:
            if not self._told_off:
                self._told_off = True
                self.sig_snapshot_failed.emit(
                    self.tr("Recovery copies are off for this session because no recovery folder could be created.")
                )
            return
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Write a pending snapshot now (focus loss)."""
        if self._dirty:
            self.snapshot()

    def snapshot(self, wait: bool = False) -> bool:
        """Snapshot the document's current text.

        Without *wait* the text is read (a document in slices) and written in
        the background; returns True when a snapshot was started. With *wait*
        the text is read at once and written before this returns: True when
        the recovery copy now holds exactly the current text, False when it
        could not be written (sig_snapshot_failed says why), recovery copies
        are off, or autosave is disabled.
        """
        self._timer.stop()
        if not self._enabled or self._session is None or self._closed:
            return False
        self._dirty = False
        content = self._source()[0]
        if isinstance(content, QTextDocument):
            reader = self._reader_for(content)
            if not wait:
                reader.start()
                return True
            content = reader.read_all_now()
        else:
            self._cancel_read()
        job = self._write_job(content)
        if not self._writer.submit(job):
            return False
        if wait:
            job.done.wait()
        return job.ok if wait else True

    def discard(self) -> None:
        """The document is saved (or deliberately dropped): forget its snapshot."""
        self._timer.stop()
        self._dirty = False
        self._cancel_read()
        if self._session is not None:
            self._writer.submit(_Job(self.document_id, lambda s=self._session, d=self.document_id: s.discard(d), False))

    def restart_document(self) -> None:
        """A different document now lives in the window."""
        self.discard()
        self.document_id = new_document_id()
        self._told_off = False

    def wait_idle(self) -> None:
        """Block until every queued write is done (tests, benchmarks)."""
        self._writer.wait_idle()

    def shutdown(self) -> None:
        """Stop autosaving; whatever is queued is written first."""
        self._closed = True
        self._timer.stop()
        self._cancel_read()
        self._writer.close()

    # ------------------------------------------------------------------ internals
    def _reader_for(self, document: QTextDocument) -> _DocumentReader:
        if self._reader is None or self._reader.document is not document:
            self._cancel_read()
            self._reader = _DocumentReader(document, self._on_document_read, self)
        return self._reader

    def _cancel_read(self) -> None:
        if self._reader is not None:
            self._reader.cancel()

    def _on_document_read(self, raw_pieces: list[str]) -> None:
        if self._enabled and self._session is not None:
            self._writer.submit(self._write_job(raw_pieces))

    def _write_job(self, content: str | list[str]) -> _Job:
        """A job writing *content* (a str, or raw document pieces) with the source's other fields as they are now."""
        source = self._source()
        path, encoding, newline = source[1:4]
        base = source[4] if len(source) > 4 else None
        errors = source[5] if len(source) > 5 else "strict"
        extras = source[6] if len(source) > 6 else None
        text = content if isinstance(content, str) else _plain_pieces(content)
        session, document_id = self._session, self.document_id
        return _Job(
            document_id,
            lambda: session.write(document_id, text, path, encoding, newline, base=base, errors=errors, extras=extras),
        )

    def _report(self, job: _Job, error: BaseException | None, result) -> None:
        # Runs on the writer thread; the signals are queued to the GUI thread.
        if not job.report:
            if error is not None:
                log.warning("Could not remove a recovery snapshot: %s", error)
        elif error is None:
            self.sig_snapshot_written.emit(str(result))
        elif isinstance(error, OSError):
            log.warning("Recovery snapshot failed: %s", error)
            self.sig_snapshot_failed.emit(describe_os_error(error))
        else:
            log.error("Recovery snapshot failed", exc_info=error)
            self.sig_snapshot_failed.emit(str(error))
