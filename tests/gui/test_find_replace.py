"""Find and Replace through the dialog's real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

TEXT = "The cat sat. The Cat ran.\nA category of cats? The cat."


@pytest.fixture
def find(window, qtbot):
    window.editor.setPlainText(TEXT)
    window.action_find.trigger()
    dialog = window.find_dialog
    qtbot.waitExposed(dialog)
    return dialog


def selection(window) -> tuple[int, str]:
    cursor = window.editor.textCursor()
    return cursor.selectionStart(), cursor.selectedText()


def test_find_next_walks_matches_and_wraps(window, find, qtbot):
    qtbot.keyClicks(find.find_edit, "cat")
    qtbot.mouseClick(find.find_next_button, Qt.MouseButton.LeftButton)
    assert selection(window) == (4, "cat")
    qtbot.keyClick(find.find_edit, Qt.Key.Key_Return)
    assert selection(window) == (17, "Cat")
    for _ in range(3):
        find.find_next()
    assert selection(window) == (50, "cat")
    find.find_next()
    assert selection(window) == (4, "cat")
    assert "wrapped" in find.status_label.text()


def test_match_case_and_whole_words(window, find, qtbot):
    qtbot.keyClicks(find.find_edit, "Cat")
    find.match_case.setChecked(True)
    find.find_next()
    assert selection(window) == (17, "Cat")
    find.find_next()
    assert selection(window) == (17, "Cat"), "only one case-sensitive match"

    find.match_case.setChecked(False)
    find.whole_words.setChecked(True)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
    found = []
    for _ in range(4):
        find.find_next()
        found.append(selection(window)[0])
    assert found == [4, 17, 50, 4], "category and cats are not whole-word matches"


def test_find_previous_goes_backwards(window, find, qtbot):
    qtbot.keyClicks(find.find_edit, "the")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.mouseClick(find.find_previous_button, Qt.MouseButton.LeftButton)
    assert selection(window) == (46, "The")


def test_not_found_says_so(window, find, qtbot):
    qtbot.keyClicks(find.find_edit, "dog")
    assert find.find_next() is False
    assert find.status_label.text() == "“dog” was not found."


def test_replace_one_then_replace_all_is_one_undo_step(window, find, qtbot):
    qtbot.keyClicks(find.find_edit, "cat")
    find.whole_words.setChecked(True)
    qtbot.keyClicks(find.replace_edit, "dog")
    find.find_next()
    qtbot.mouseClick(find.replace_button, Qt.MouseButton.LeftButton)
    assert window.editor.text().startswith("The dog sat. The Cat ran.")
    assert selection(window) == (17, "Cat"), "replace moves on to the next match"

    qtbot.mouseClick(find.replace_all_button, Qt.MouseButton.LeftButton)
    assert window.editor.text() == "The dog sat. The dog ran.\nA category of cats? The dog."
    assert find.status_label.text() == "Replaced 2 occurrence(s)."
    window.action_undo.trigger()
    assert window.editor.text() == "The dog sat. The Cat ran.\nA category of cats? The cat."


def test_replacement_containing_the_needle_terminates(window, find, qtbot):
    qtbot.keyClicks(find.find_edit, "cat")
    qtbot.keyClicks(find.replace_edit, "cats")
    assert find.replace_all() == 5
    assert window.editor.text() == "The cats sat. The cats ran.\nA catsegory of catss? The cats."


def test_find_starts_from_selected_text(window, qtbot):
    window.editor.setPlainText("alpha beta gamma")
    cursor = window.editor.textCursor()
    cursor.setPosition(6)
    cursor.setPosition(10, cursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    window.action_replace.trigger()
    assert window.find_dialog.find_edit.text() == "beta"
    assert window.find_dialog.focusWidget() is window.find_dialog.replace_edit
