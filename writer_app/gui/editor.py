"""The manuscript editor: a QPlainTextEdit with a comfortable reading column."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from writer_app.core.settings import MAX_FONT_SIZE, MIN_FONT_SIZE
from writer_app.gui.continuation_preview import ContinuationPreview
from writer_app.gui.text_positions import document_position, python_index

# Serif faces that read well for prose, in order of preference.
_PREFERRED_FAMILIES = (
    "Literata",
    "Charter",
    "Georgia",
    "Noto Serif",
    "DejaVu Serif",
    "Liberation Serif",
    "Times New Roman",
)
# The text column is at most this many average characters wide.
_COLUMN_CHARS = 76
_MIN_MARGIN = 24


def default_font_family() -> str:
    families = set(QFontDatabase.families())
    for family in _PREFERRED_FAMILIES:
        if family in families:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


class ManuscriptEditor(QPlainTextEdit):
    """Plain-text editing with Qt's own undo stack; all text goes in and out as ``\\n`` lines."""

    sig_focus_lost = Signal()
    sig_zoom_changed = Signal(int)
    sig_preview_accept_requested = Signal()  # Tab while a continuation preview shows
    sig_preview_reject_requested = Signal()  # Esc while a continuation preview shows

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("manuscriptEditor")
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(12)
        # The margin change counts as an edit and an undo step; start clean.
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)
        self._font_size = 13
        self.preview = ContinuationPreview(self)
        # Extra selections by layer ("passage": a shown passage; "surprise": the Surprise lens' tints).
        self._layers: dict[str, list] = {}

    # --- text in and out -------------------------------------------------
    def text(self) -> str:
        # toRawText keeps non-breaking spaces, which toPlainText turns into
        # plain spaces; paragraph and line separators become "\n".
        return self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def index_of(self, position: int, text: str | None = None) -> int:
        """The Python index in ``text()`` of a document position."""
        return python_index(self.text() if text is None else text, position)

    def show_span(self, start: int, end: int) -> None:
        """Select and highlight ``text()[start:end]`` (Python indices) and scroll it into view."""
        text = self.text()
        cursor = QTextCursor(self.document())
        cursor.setPosition(document_position(text, start))
        cursor.setPosition(document_position(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
        highlight = QTextEdit.ExtraSelection()
        highlight.cursor = QTextCursor(cursor)
        fmt = QTextCharFormat()
        color = QColor(self.palette().highlight().color())
        color.setAlpha(70)
        fmt.setBackground(color)
        highlight.format = fmt
        self.set_extra_layer("passage", [highlight])
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_extra_layer(self, name: str, selections: list) -> None:
        """Show *selections* (QTextEdit.ExtraSelection) as layer *name*, over the others' (an empty list clears it)."""
        self._layers[name] = list(selections)
        self.setExtraSelections([selection for layer in self._layers.values() for selection in layer])

    def cursor_line_column(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return cursor.blockNumber() + 1, cursor.positionInBlock() + 1

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()

    def line_count(self) -> int:
        return self.document().blockCount()

    # --- appearance ------------------------------------------------------
    def apply_font(self, family: str, size: int) -> None:
        self._font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        font = QFont(family or default_font_family())
        font.setPointSize(self._font_size)
        font.setStyleHint(QFont.StyleHint.Serif)
        self.setFont(font)
        self._update_column()

    def font_size(self) -> int:
        return self._font_size

    def zoom(self, steps: int) -> None:
        self.apply_font(self.font().family(), self._font_size + steps)
        self.sig_zoom_changed.emit(self._font_size)

    def set_word_wrap(self, enabled: bool) -> None:
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if enabled else QPlainTextEdit.LineWrapMode.NoWrap)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._update_column()

    def word_wrap(self) -> bool:
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def _update_column(self) -> None:
        # Centre a column of readable width, like a page on a desk.
        if not self.word_wrap():
            self.setViewportMargins(0, 0, 0, 0)
            return
        column = QFontMetricsF(self.font()).averageCharWidth() * _COLUMN_CHARS
        spare = self.width() - self.verticalScrollBar().sizeHint().width() - column
        margin = max(_MIN_MARGIN, int(spare / 2))
        self.setViewportMargins(margin, 0, margin, 0)

    # --- events ----------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_column()

    def keyPressEvent(self, event) -> None:
        if self.preview.active and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_Tab:
                self.sig_preview_accept_requested.emit()
                event.accept()
                return
            if event.key() == Qt.Key.Key_Escape:
                self.sig_preview_reject_requested.emit()
                event.accept()
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.sig_focus_lost.emit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
