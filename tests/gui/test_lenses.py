"""The Surprise lens and Next word on the real window with tiny models."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from tests.gui.conftest import MANUSCRIPT
from writer_app.gui.next_word import joined
from writer_app.gui.panels.surprise_panel import document_positions

pytestmark = pytest.mark.gui


def put_cursor(window, index):
    cursor = window.editor.textCursor()
    cursor.setPosition(index)
    window.editor.setTextCursor(cursor)


def test_surprise_tints_the_chapter_lists_its_marks_and_forgets_them_on_edit(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["surprise"].widget()
    chapter_two, chapter_three = MANUSCRIPT.index("# Chapter 2"), MANUSCRIPT.index("# Chapter 3")
    put_cursor(window, chapter_two + 300)
    assert panel.scope() == (chapter_two, chapter_three)
    window.action_surprise.trigger()
    qtbot.waitUntil(lambda: not panel.busy, timeout=120000)
    result = panel.result
    assert result is not None and result.words, panel.status_label.text()
    assert all(chapter_two <= w.start and w.end <= chapter_three for w in result.words)
    assert "Perplexity" in panel.status_label.text()
    # Tints: every word at or above the threshold, and every predictable run.
    panel.threshold.setValue(4)
    marked = sum(w.bits >= 4 for w in result.words) + len(result.predictable_runs)
    assert len(window.editor._layers["surprise"]) == marked > 0
    panel.threshold.setValue(24)
    high = sum(w.bits >= 24 for w in result.words) + len(result.predictable_runs)
    assert len(window.editor._layers["surprise"]) == high
    # A listed word is shown in the text when clicked, and can be set aside.
    if panel.surprising_list.count():
        item = panel.surprising_list.item(0)
        panel._show_item(item)
        start, end = item.data(Qt.ItemDataRole.UserRole)
        assert window.editor.textCursor().selectedText() == MANUSCRIPT[start:end]
        item.setSelected(True)
        before = panel.surprising_list.count()
        panel.ignore_selected()
        assert panel.surprising_list.count() == before - 1
    # Hovering a word tells its bits and what was expected.
    word = result.words[len(result.words) // 2]
    cursor = window.editor.textCursor()
    cursor.setPosition(word.start + 1)
    window.editor.setTextCursor(cursor)
    window.editor.ensureCursorVisible()
    rect = window.editor.cursorRect()
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), window.editor.viewport().mapToGlobal(rect.center()))
    assert panel.eventFilter(window.editor.viewport(), event)
    assert "bits" in QToolTip.text()
    QToolTip.hideText()
    # An edit makes the tints stale: they go.
    cursor.insertText("x")
    assert window.editor._layers["surprise"] == [] and panel.result is None
    assert "changed" in panel.status_label.text()


def test_next_word_offers_choices_at_the_cursor_and_types_the_chosen_one(app_window, qtbot):
    app, window = app_window
    at = MANUSCRIPT.index("single man") + len("single")
    put_cursor(window, at)
    handle = window.next_word.ask()
    with qtbot.waitSignal(handle.sig_ended, timeout=120000):
        pass
    menu = window.next_word.menu
    assert menu is not None and 0 < len(menu.actions()) <= 12
    word = menu.actions()[0].text().split("\t")[0]
    menu.close()
    window.next_word.choose(word)
    assert window.editor.text()[at:].startswith(joined(MANUSCRIPT[:at], word))
    window.editor.undo()
    assert window.editor.text() == MANUSCRIPT  # one undo step
    if window.next_word.handle is not None:
        window.next_word.handle.abandon()


def test_joining_and_positions():
    assert joined("a single", "man") == " man" and joined("a single ", "man") == "a single "[:0] + "man"
    assert joined("said", ",") == ","
    assert document_positions("aé😀b", [0, 2, 3, 4]) == {0: 0, 2: 2, 3: 4, 4: 5}
