"""Autosave of unsaved work to the recovery folder.

A snapshot is written at most ``AUTOSAVE_DELAY_MS`` after the first change
that is not yet in a snapshot (the timer is not restarted by later keys, so
continuous typing is still saved), and at once when the editor or the app
loses focus. Files are written on one background thread, in order.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from writer_app.core.recovery import RecoverySession, new_document_id
from writer_app.core.textfile import describe_os_error

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1500


class Autosaver(QObject):
    sig_snapshot_written = Signal(str)  # snapshot file path
    sig_snapshot_failed = Signal(str)  # a message for the writer

    def __init__(
        self, session: RecoverySession, snapshot_source: Callable[[], tuple[str, str | None, str, str]], parent: QObject
    ):
        """*snapshot_source* returns (text, path or None, encoding, newline)."""
        super().__init__(parent)
        self._session = session
        self._source = snapshot_source
        self.document_id = new_document_id()
        self._dirty = False
        self._enabled = True
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.snapshot)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inkwell-autosave")

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if not enabled:
            self._timer.stop()

    def note_change(self) -> None:
        if not self._enabled:
            return
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Write a pending snapshot now (focus loss)."""
        if self._dirty:
            self.snapshot()

    def snapshot(self, wait: bool = False) -> None:
        self._timer.stop()
        if not self._enabled:
            return
        self._dirty = False
        text, path, encoding, newline = self._source()
        future = self._writer.submit(self._session.write, self.document_id, text, path, encoding, newline)
        future.add_done_callback(self._report)
        if wait:
            future.exception()

    def discard(self) -> None:
        """The document is saved (or deliberately dropped): forget its snapshot."""
        self._timer.stop()
        self._dirty = False
        self._writer.submit(self._session.discard, self.document_id)

    def restart_document(self) -> None:
        """A different document now lives in the window."""
        self.discard()
        self.document_id = new_document_id()

    def shutdown(self) -> None:
        self._timer.stop()
        self._writer.shutdown(wait=True)

    def _report(self, future) -> None:
        # Runs on the writer thread; the signals are queued to the GUI thread.
        exc = future.exception()
        if exc is None:
            self.sig_snapshot_written.emit(str(future.result()))
        elif isinstance(exc, OSError):
            log.warning("Recovery snapshot failed: %s", exc)
            self.sig_snapshot_failed.emit(describe_os_error(exc))
        else:
            log.exception("Recovery snapshot failed", exc_info=exc)
            self.sig_snapshot_failed.emit(str(exc))
