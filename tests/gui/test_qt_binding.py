"""The Qt binding itself must not corrupt Python's reference counts.

PySide6 6.12.0 released one reference to ``None`` on every call of a Qt
method that returns nothing. Python 3.12+ never frees ``None``; under 3.11
the count reaches zero after some thousands of calls and the app dies with
"Fatal Python error: none_dealloc" — losing whatever was typed since the last
recovery copy. pyproject.toml keeps that version out; this test notices if
another one does the same.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPlainTextEdit

pytestmark = [pytest.mark.gui, pytest.mark.reliability]


class Sender(QObject):
    sig_changed = Signal(str)


def test_calling_qt_methods_keeps_the_counts_of_none_true_and_false(qapp):
    editor = QPlainTextEdit()
    document = editor.document()
    sender = Sender()
    heard = []
    before = [sys.getrefcount(value) for value in (None, True, False)]
    for _ in range(500):
        document.setModified(False)
        editor.setReadOnly(True)
        editor.isReadOnly()
        document.isModified()
        sender.sig_changed.connect(heard.append)
        sender.sig_changed.emit("x")
        sender.sig_changed.disconnect(heard.append)
    after = [sys.getrefcount(value) for value in (None, True, False)]
    # A few references may come and go with the interpreter's own caches; 500 lost ones may not.
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)
    assert len(heard) == 500
    editor.deleteLater()
