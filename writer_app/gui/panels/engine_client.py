"""What the Summarise and Ask panels share: one engine request at a time, stale results dropped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget


def document_position(text: str, index: int) -> int:
    """A Python string index as a QTextDocument position (which counts UTF-16 code units)."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


def python_index(text: str, position: int) -> int:
    """A QTextDocument position (UTF-16 code units) as a Python string index."""
    if text.isascii():
        return position
    return len(text.encode("utf-16-le")[: position * 2].decode("utf-16-le", errors="ignore"))


def show_passage(editor: QPlainTextEdit, start: int, end: int) -> None:
    """Select and highlight ``text[start:end]`` in the editor and scroll it into view."""
    text = editor.text()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(document_position(text, start))
    cursor.setPosition(document_position(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
    highlight = QTextEdit.ExtraSelection()
    highlight.cursor = QTextCursor(cursor)
    fmt = QTextCharFormat()
    color = QColor(editor.palette().highlight().color())
    color.setAlpha(70)
    fmt.setBackground(color)
    highlight.format = fmt
    editor.setExtraSelections([highlight])
    editor.setTextCursor(cursor)
    editor.centerCursor()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)


class EngineClient:
    """Mixin for a panel widget: tracks its current request and ignores everything else.

    The panel provides ``primary_button``, ``stop_button``, ``progress`` (a
    QProgressBar) and ``status_label``; the default handlers drive them.
    """

    def _init_client(self, window) -> None:
        self._window = window
        self._app = window.app
        self.request_id: int | None = None
        hub = self._app.engine_hub
        hub.sig_engine_started.connect(self._connect_engine)
        if hub.engine is not None:
            self._connect_engine()
        window.sig_document_loaded.connect(self._drop_request)

    def _connect_engine(self) -> None:
        # Bound methods, not lambdas: Qt drops the connections when the panel is destroyed.
        engine = self._app.engine_hub.engine
        engine.sig_progress.connect(self._on_engine_progress)
        engine.sig_finished.connect(self._on_engine_finished)
        engine.sig_stopped.connect(self._on_engine_stopped)
        engine.sig_failed.connect(self._on_engine_failed)

    def _on_engine_progress(self, request_id: int, stage: str, fraction: float, message: str) -> None:
        if request_id == self.request_id:
            self.on_progress(stage, fraction, message)

    def _on_engine_finished(self, request_id: int, result: dict) -> None:
        self._finish(request_id, self.on_finished, result)

    def _on_engine_stopped(self, request_id: int, result: dict) -> None:
        self._finish(request_id, self.on_stopped, result)

    def _on_engine_failed(self, request_id: int, message: str, _info: dict) -> None:
        self._finish(request_id, self.on_failed, message)

    def _finish(self, request_id: int, handler, payload) -> None:
        if request_id == self.request_id:
            self.request_id = None
            handler(payload)
            self.on_busy_changed(False)

    def submit(self, request) -> int | None:
        engine = self._app.engine_hub.engine
        if engine is None:
            self.on_failed(QWidget.tr(self, "The models are still starting; try again in a moment."))
            return None
        self.stop()
        self.request_id = engine.submit(request)
        self.on_busy_changed(True)
        return self.request_id

    def stop(self) -> None:
        engine = self._app.engine_hub.engine
        if self.request_id is not None and engine is not None:
            engine.stop(self.request_id)

    def _drop_request(self, _path: str = "") -> None:
        # A different document now: whatever comes back belongs to the old one.
        self.stop()
        if self.request_id is not None:
            self.request_id = None
            self.on_busy_changed(False)
        self.on_document_replaced()

    # Panels extend or override these.
    def on_progress(self, stage: str, fraction: float, message: str) -> None:
        if fraction >= 0:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(fraction * 100))
        else:
            self.progress.setRange(0, 0)  # busy indicator
        if message:
            self.status_label.setText(message)

    def on_finished(self, result: dict) -> None: ...

    def on_stopped(self, _result: dict) -> None:
        self.status_label.setText(QWidget.tr(self, "Stopped."))

    def on_failed(self, message: str) -> None:
        self.status_label.setText(message)

    def on_busy_changed(self, busy: bool) -> None:
        self.primary_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def on_document_replaced(self) -> None: ...
