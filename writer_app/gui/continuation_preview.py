"""Streamed text shown inline at the cursor without being part of the document.

The preview lives in the text layout's pre-edit area, the place input
methods use for text still being composed: Qt draws it inline, in its own
format, wrapping and pushing the following text along, yet the document,
its undo stack and the saved file never contain it. Accepting inserts it as
one undo step; rejecting just clears the pre-edit area, leaving no trace.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette, QTextBlock, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit


class ContinuationPreview(QObject):
    sig_changed = Signal()

    def __init__(self, editor: QPlainTextEdit):
        super().__init__(editor)
        self._editor = editor
        self._anchor: QTextCursor | None = None
        self._block: QTextBlock | None = None
        self._text = ""
        self._rendering = False
        editor.document().contentsChange.connect(self._on_contents_change)

    @property
    def active(self) -> bool:
        return self._anchor is not None

    @property
    def text(self) -> str:
        return self._text

    @property
    def position(self) -> int:
        return self._anchor.position() if self._anchor is not None else -1

    def begin(self, position: int) -> None:
        self.reject()
        self._anchor = QTextCursor(self._editor.document())
        self._anchor.setPosition(position)
        self._text = ""
        self._render()

    def append(self, text: str) -> None:
        if self._anchor is not None:
            self._text += text
            self._render()

    def set_text(self, text: str) -> None:
        if self._anchor is not None:
            self._text = text
            self._render()

    def accept(self) -> str:
        """Insert the preview as ordinary text, one undo step; returns what was inserted."""
        if self._anchor is None:
            return ""
        text, position = self._text, self._anchor.position()
        self._clear_layout()
        self._anchor = None
        self._text = ""
        if text:
            cursor = QTextCursor(self._editor.document())
            cursor.setPosition(position)
            # An edit block keeps Qt from merging it with the writer's typing
            # before it: one undo removes exactly the accepted text.
            cursor.beginEditBlock()
            cursor.insertText(text, QTextCharFormat())
            cursor.endEditBlock()
            self._editor.setTextCursor(cursor)
        self.sig_changed.emit()
        return text

    def reject(self) -> None:
        if self._anchor is None:
            return
        self._clear_layout()
        self._anchor = None
        self._text = ""
        self.sig_changed.emit()

    # ------------------------------------------------------------------ drawing
    def _format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        color = QColor(self._editor.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.55)
        fmt.setForeground(color)
        fmt.setFontItalic(True)
        return fmt

    def _clear_layout(self) -> None:
        if self._block is not None and self._block.isValid():
            layout = self._block.layout()
            layout.setPreeditArea(-1, "")
            layout.setFormats([])
            self._mark_dirty(self._block)
        self._block = None

    def _mark_dirty(self, block: QTextBlock) -> None:
        self._rendering = True
        try:
            self._editor.document().markContentsDirty(block.position(), block.length())
        finally:
            self._rendering = False
        self._editor.viewport().update()

    def _render(self) -> None:
        document = self._editor.document()
        block = document.findBlock(self._anchor.position())
        if self._block is not None and self._block != block:
            self._clear_layout()
        self._block = block
        # A pre-edit string lives inside one block: line breaks become line separators.
        shown = self._text.replace("\n", "\u2028")
        layout = block.layout()
        offset = self._anchor.position() - block.position()
        layout.setPreeditArea(offset, shown)
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = offset, len(shown), self._format()
        layout.setFormats([span])
        self._mark_dirty(block)
        self._keep_in_view(block)
        self.sig_changed.emit()

    def _keep_in_view(self, block: QTextBlock) -> None:
        """Scroll so the growing preview stays visible, if the writer is looking at it."""
        editor = self._editor
        rect = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
        height = editor.viewport().height()
        anchor_top = editor.cursorRect(self._anchor).top()
        overflow = rect.bottom() - height
        if overflow > 0 and 0 <= anchor_top < height:
            line = max(1.0, editor.fontMetrics().lineSpacing())
            bar = editor.verticalScrollBar()
            bar.setValue(bar.value() + int(overflow // line) + 1)

    def _on_contents_change(self, _position: int, _removed: int, _added: int) -> None:
        # The writer edited the document: the anchor moved with the text; redraw there.
        if self._anchor is not None and not self._rendering:
            self._render()
