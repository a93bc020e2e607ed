"""Typing, undo/redo, status bar and clipboard actions on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui


def test_typing_marks_document_unsaved_and_counts_words(window, qtbot):
    assert window.state_label.text() == "New"
    type_text(qtbot, window, "Call me Ishmael. Some years ago")
    assert window.editor.text() == "Call me Ishmael. Some years ago"
    assert window.isWindowModified()
    assert window.state_label.text().startswith("Unsaved")
    qtbot.waitUntil(lambda: window.words_label.text() == "6 words", timeout=3000)
    assert window.position_label.text() == "Ln 1, Col 32"


def test_selection_shows_partial_word_count(window, qtbot):
    type_text(qtbot, window, "one two three four")
    qtbot.waitUntil(lambda: window.words_label.text() == "4 words", timeout=3000)
    qtbot.keyClick(
        window.editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.words_label.text() == "1 of 4 words"


def test_undo_and_redo_through_actions(window, qtbot):
    type_text(qtbot, window, "First line")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    type_text(qtbot, window, "Second")
    assert window.action_undo.isEnabled()
    while window.action_undo.isEnabled():
        window.action_undo.trigger()
    assert window.editor.text() == ""
    assert not window.isWindowModified()
    assert window.action_redo.isEnabled()
    while window.action_redo.isEnabled():
        window.action_redo.trigger()
    assert window.editor.text() == "First line\nSecond"


def test_undo_shortcut_reverts_typing(window, qtbot):
    type_text(qtbot, window, "abc")
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == ""


def test_cut_and_paste_move_text(window, qtbot):
    type_text(qtbot, window, "alpha beta")
    assert not window.action_cut.isEnabled()
    window.action_select_all.trigger()
    assert window.action_cut.isEnabled()
    window.action_cut.trigger()
    assert window.editor.text() == ""
    assert QApplication.clipboard().text() == "alpha beta"
    window.action_paste.trigger()
    window.action_paste.trigger()
    assert window.editor.text() == "alpha betaalpha beta"


def test_non_breaking_spaces_survive(window, qtbot):
    type_text(qtbot, window, "Mais oui\u00a0!")
    assert window.editor.text() == "Mais oui\u00a0!"


def test_go_to_line(window, qtbot, monkeypatch):
    window.editor.setPlainText("\n".join(f"line {n}" for n in range(1, 51)))
    asked = {}

    def fake_get_int(parent, title, label, value, minimum, maximum):
        asked.update(label=label, maximum=maximum)
        return 37, True

    monkeypatch.setattr("writer_app.gui.main_window.QInputDialog.getInt", fake_get_int)
    window.action_go_to_line.trigger()
    assert asked["maximum"] == 50
    assert window.editor.textCursor().block().text() == "line 37"
    assert window.position_label.text() == "Ln 37, Col 1"


def test_panels_live_in_the_right_dock(window):
    assert set(window.panel_docks) == {"continue", "rewrite", "codex", "summarise", "ask", "surprise", "history"}
    for dock in window.panel_docks.values():
        assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
