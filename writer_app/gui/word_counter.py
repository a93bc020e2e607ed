"""Word count for the status bar, kept off the typing path.

Counting waits for a pause in typing, then walks the document's blocks in
small slices between event-loop turns, so even a 50 MB manuscript never
stalls the window (copying its whole text at once would).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from writer_app.core.text_stats import count_words

_PAUSE_MS = 300
_SLICE_BLOCKS = 500  # a few ms of work, even while another thread holds the interpreter


class WordCounter(QObject):
    sig_counted = Signal(int)

    def __init__(self, editor: QPlainTextEdit):
        super().__init__(editor)
        self._document = editor.document()
        self._block: QTextBlock | None = None
        self._total = 0
        self._count = -1
        self._debounce = QTimer(self, singleShot=True, interval=_PAUSE_MS)
        self._debounce.timeout.connect(self._start)
        self._slicer = QTimer(self, interval=0)
        self._slicer.timeout.connect(self._count_slice)
        self._document.contentsChanged.connect(self.schedule)

    @property
    def count(self) -> int:
        """The last finished count (-1 before the first)."""
        return self._count

    def schedule(self) -> None:
        self._slicer.stop()
        self._debounce.start()

    def count_now(self) -> None:
        self._debounce.stop()
        self._start()
        while self._slicer.isActive():
            self._count_slice()

    def _start(self) -> None:
        self._block = self._document.firstBlock()
        self._total = 0
        self._slicer.start()

    def _count_slice(self) -> None:
        parts = []
        block = self._block
        while block.isValid() and len(parts) < _SLICE_BLOCKS:
            parts.append(block.text())
            block = block.next()
        self._block = block
        self._total += count_words("\n".join(parts))
        if not block.isValid():
            self._slicer.stop()
            self._block = None
            self._count = self._total
            self.sig_counted.emit(self._total)
