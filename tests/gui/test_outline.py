"""The Outline sidebar on the real window: chapters and scenes with counts, current one followed, click to jump."""

from __future__ import annotations

import pytest

from tests.gui.conftest import MANUSCRIPT
from writer_app.core.outline import outline

pytestmark = pytest.mark.gui


def test_the_outline_lists_chapters_with_counts_follows_the_cursor_and_jumps(app_window, qtbot):
    app, window = app_window
    sidebar = window.outline
    window.outline_dock.show()
    sidebar.refresh()
    qtbot.waitUntil(lambda: sidebar.tree.topLevelItemCount() > 0, timeout=10000)
    expected = outline(MANUSCRIPT)
    assert [sidebar.tree.topLevelItem(i).text(0) for i in range(sidebar.tree.topLevelItemCount())] == [
        item.title for item in expected
    ]
    assert sidebar.tree.topLevelItem(1).text(1) == f"{expected[1].words:,}"
    # Clicking the third chapter puts the cursor at its start; the highlight follows the cursor.
    third = sidebar.tree.topLevelItem(2)
    sidebar.tree.itemClicked.emit(third, 0)
    assert window.editor.index_of(window.editor.textCursor().position()) == expected[2].start
    qtbot.waitUntil(lambda: sidebar.tree.currentItem() is third, timeout=5000)
    # Typing updates the counts once the writer pauses, never while a key is handled.
    cursor = window.editor.textCursor()
    cursor.setPosition(expected[1].start + 40)
    window.editor.setTextCursor(cursor)
    cursor.insertText("three more words ")
    assert sidebar.tree.topLevelItem(1).text(1) == f"{expected[1].words:,}"  # not yet
    qtbot.waitUntil(lambda: sidebar.tree.topLevelItem(1).text(1) == f"{expected[1].words + 3:,}", timeout=10000)
    qtbot.waitUntil(lambda: sidebar.tree.currentItem() is sidebar.tree.topLevelItem(1), timeout=5000)


def test_goals_show_in_the_status_bar_and_count_this_sessions_words(app_window, qtbot):
    from writer_app.core.goals import ManuscriptGoal

    app, window = app_window
    qtbot.waitUntil(lambda: window._session_start is not None, timeout=10000)  # the opening count
    assert not window.goals_label.isVisible()  # no goals: nothing shown
    dialog = window.edit_goals()
    dialog.session_spin.setValue(500)
    dialog.target_spin.setValue(90000)
    dialog.deadline_check.setChecked(False)
    dialog.accept()
    assert app.settings.session_goal == 500 and window.goals.goal == ManuscriptGoal(90000, "")
    assert window.goals_label.text().startswith("Session 0 of 500 · ")
    window.editor.textCursor().insertText("Four more new words ")
    qtbot.waitUntil(lambda: window.goals_label.text().startswith("Session 4 of 500 · "), timeout=10000)
    window.editor.undo()
