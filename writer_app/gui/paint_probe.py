"""Calls back once a widget has been painted for the first time (start-up timing)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _FirstPaintFilter(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            callback()
        return False


def on_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    widget.installEventFilter(_FirstPaintFilter(widget, callback))
