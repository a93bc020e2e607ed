"""Put a manuscript into the editor without freezing the window.

The file is read and decoded on a background thread; its text then goes into
the editor in slices between event-loop turns (a 50 MB file in one
``setPlainText`` would block for seconds). Undo is off while loading, so the
loaded text is the bottom of the undo stack.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from writer_app.core.disk_state import FileFingerprint
from writer_app.core.textfile import TextFileError, read_text_file

# Slices of about 50 ms each on a slow laptop.
SLICE_CHARS = 256 * 1024
# Up to one slice the whole text goes in at once; a novel (700 KB) goes in three slices, so
# the window never stops answering for long (one setPlainText of it held it about 60 ms).
DIRECT_CHARS = SLICE_CHARS


class FileReader(QObject):
    """Reads one file on a thread; exactly one of the two signals follows ``start``."""

    sig_read = Signal(object, object)  # TextFileContent, FileFingerprint of what was read
    sig_failed = Signal(object)  # TextFileError

    def __init__(self, path: Path, encoding: str | None, errors: str, parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        self._args = (path, encoding, errors)

    def start(self) -> None:
        threading.Thread(target=self._run, name="inkwell-read", daemon=True).start()

    def _run(self) -> None:
        try:
            # Taken before the read: a change in between shows up as a change on disk (never as none).
            try:
                base = FileFingerprint.of(self.path)
            except OSError:
                base = None  # the read below says why
            content = read_text_file(*self._args)
        except TextFileError as exc:
            self.sig_failed.emit(exc)
        except Exception as exc:  # never lose the error on the thread
            self.sig_failed.emit(TextFileError(f"The file could not be read: {exc}"))
        else:
            self.sig_read.emit(content, base)


class TextFeeder(QObject):
    """Replaces the editor's text with *text*, slice by slice."""

    sig_progress = Signal(int)  # percent
    sig_done = Signal()

    def __init__(self, editor: QPlainTextEdit, text: str, parent: QObject | None = None):
        super().__init__(parent)
        self._editor = editor
        self._text = text
        self._offset = 0
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._feed)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        document = self._editor.document()
        document.setUndoRedoEnabled(False)
        if len(self._text) <= DIRECT_CHARS:
            self._editor.setPlainText(self._text)
            self._finish()
            return
        self._editor.setReadOnly(True)
        document.clear()
        self._timer.start()

    def cancel(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._editor.setReadOnly(False)
            self._editor.document().setUndoRedoEnabled(True)

    def _feed(self) -> None:
        cursor = QTextCursor(self._editor.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        end = min(len(self._text), self._offset + SLICE_CHARS)
        cursor.insertText(self._text[self._offset : end])
        self._offset = end
        self.sig_progress.emit(int(100 * end / len(self._text)))
        if end >= len(self._text):
            self._timer.stop()
            self._editor.setReadOnly(False)
            self._finish()

    def _finish(self) -> None:
        document = self._editor.document()
        document.setUndoRedoEnabled(True)
        document.setModified(False)
        self._editor.moveCursor(QTextCursor.MoveOperation.Start)
        self._text = ""
        self.sig_done.emit()
