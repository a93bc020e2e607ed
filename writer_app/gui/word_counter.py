"""Word count for the status bar, kept off the typing path.

Counting waits for a pause in typing; long manuscripts are counted in slices
between event-loop turns so the window never stalls on a 50 MB file.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from writer_app.core.text_stats import count_words

_PAUSE_MS = 300
_SLICE_CHARS = 400_000


class WordCounter(QObject):
    sig_counted = Signal(int)

    def __init__(self, editor: QPlainTextEdit, text_source):
        super().__init__(editor)
        self._text_source = text_source
        self._pending = ""
        self._offset = 0
        self._total = 0
        self._count = -1
        self._debounce = QTimer(self, singleShot=True, interval=_PAUSE_MS)
        self._debounce.timeout.connect(self._start)
        self._slicer = QTimer(self, interval=0)
        self._slicer.timeout.connect(self._count_slice)
        editor.document().contentsChanged.connect(self.schedule)

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
        self._pending = self._text_source()
        self._offset = 0
        self._total = 0
        self._slicer.start()

    def _count_slice(self) -> None:
        end = min(len(self._pending), self._offset + _SLICE_CHARS)
        if end < len(self._pending):
            # Do not cut a word in two: end the slice after its last whitespace.
            cut = max(self._pending.rfind(" ", self._offset, end), self._pending.rfind("\n", self._offset, end))
            if cut > self._offset:
                end = cut
        self._total += count_words(self._pending[self._offset : end])
        self._offset = end
        if self._offset >= len(self._pending):
            self._slicer.stop()
            self._pending = ""
            self._count = self._total
            self.sig_counted.emit(self._total)
