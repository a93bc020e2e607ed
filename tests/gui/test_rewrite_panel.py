"""The Rewrite panel on the real window with tiny models: diffs, one undo step, no trace on discard."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from tests.gui.conftest import MANUSCRIPT
from writer_app.core.codex import CodexEntry
from writer_app.gui.panels.rewrite_panel import diff_html

pytestmark = pytest.mark.gui

PASSAGE = "It is a truth universally acknowledged"


def select(window, start: int, end: int) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def rewrite_selection(window, qtbot, mode="rephrase"):
    start = MANUSCRIPT.index(PASSAGE)
    end = MANUSCRIPT.index(".", start) + 1
    select(window, start, end)
    panel = window.panel_docks["rewrite"].widget()
    handle = panel.rewrite(mode)
    assert handle is not None, panel.status_label.text()
    assert panel.stop_button.isEnabled()
    with qtbot.waitSignal(handle.sig_ended, timeout=120000):
        pass
    return panel, start, end


def test_alternatives_side_by_side_and_accepting_one_is_one_undo_step(app_window, qtbot):
    app, window = app_window
    window.codex.set_entries(
        [
            CodexEntry("truth", kind="lore", description="Irony: the narrator means the opposite."),
            CodexEntry("Pemberley", kind="place", description="Derbyshire estate."),
        ]
    )
    panel, start, end = rewrite_selection(window, qtbot, "shorten")
    assert panel.mode == "shorten"
    assert len(panel.cards) == 3, panel.status_label.text()
    for card in panel.cards:
        header = card.header.text()
        # A usable card says so; a rejected one says "not usable" and why.
        assert ("· usable ·" in header) == card.alternative.passed
        assert ("not usable" in header) != card.alternative.passed
        if not card.alternative.passed:
            assert any(reason.split(" (")[0] in header for reason in card.alternative.reasons)
    assert panel.regenerate_button.isEnabled() and panel.discard_button.isEnabled()
    # The entry named in the selection went with it; the other did not.
    assert "the narrator means the opposite" in panel.codex_line.last_prompt
    assert "Derbyshire" not in panel.codex_line.last_prompt
    original = window.editor.text()
    card = next((c for c in panel.cards if c.alternative.text.strip()), panel.cards[0])
    assert panel.accept(card)
    text = window.editor.text()
    assert text == original[:start] + card.alternative.text + original[end:]
    assert panel.cards == []
    window.editor.undo()
    assert window.editor.text() == original  # one step back to the writer's words


def test_discard_leaves_no_trace_and_a_changed_passage_is_not_replaced(app_window, qtbot):
    app, window = app_window
    before = window.editor.text()
    undo_steps = window.editor.document().availableUndoSteps()
    panel, start, end = rewrite_selection(window, qtbot)
    panel.discard()
    assert window.editor.text() == before and panel.cards == []
    assert window.editor.document().availableUndoSteps() == undo_steps
    assert not window.editor.document().isModified()

    panel, start, end = rewrite_selection(window, qtbot)
    cursor = window.editor.textCursor()
    cursor.setPosition(start + 3)
    cursor.insertText("XX")  # the writer edits the passage meanwhile
    edited = window.editor.text()
    assert not panel.accept(panel.cards[0])
    assert window.editor.text() == edited and "changed" in panel.status_label.text()


def test_regenerate_stop_and_what_a_request_needs(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["rewrite"].widget()
    cursor = window.editor.textCursor()
    cursor.clearSelection()
    window.editor.setTextCursor(cursor)
    assert panel.rewrite() is None and "Select" in panel.status_label.text()
    select(window, 0, 40)
    panel.set_mode("custom")
    assert panel.instruction_edit.isVisibleTo(panel) and not panel.detail_combo.isVisibleTo(panel)
    assert panel.rewrite() is None and "instruction" in panel.status_label.text()
    panel.set_mode("describe")
    assert panel.detail_combo.isVisibleTo(panel) and panel.detail() == "sight, sound and smell"

    panel, start, end = rewrite_selection(window, qtbot)
    handle = panel.regenerate()
    assert handle is not None and panel.busy
    panel.stop()
    with qtbot.waitSignal(handle.sig_ended, timeout=120000):
        pass
    assert handle.state in ("stopped", "finished")
    if handle.state == "stopped":
        assert panel.status_label.text() == "Stopped."


def test_the_context_menu_and_write_menu_offer_every_mode(app_window):
    app, window = app_window
    labels = [action.text() for action in window.rewrite_mode_actions]
    assert labels == [
        "Rephrase",
        "Shorten",
        "Expand",
        "Describe (senses)",
        "Change tone",
        "Fix grammar",
        "Custom instruction",
    ]
    assert window.action_rewrite.shortcut().toString() == "Ctrl+Shift+R"


def test_the_diff_marks_added_and_removed_words():
    shown = diff_html("The rain fell <hard>.", "The cold rain fell.")
    assert "line-through" in shown and "&lt;hard&gt;" in shown  # removed, and escaped
    assert "cold" in shown.split("rgba(46, 160, 67")[1]


def test_a_mostly_new_wording_is_shown_without_the_removed_words():
    shown = diff_html("The rain fell on the roof all night.", "Storms battered every tile until dawn.")
    assert "line-through" not in shown and "Storms" in shown
