"""The Codex panel on the real window: suggestions, entries kept per manuscript, entries sent with Continue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import MANUSCRIPT
from writer_app.core.codex import CodexEntry

pytestmark = pytest.mark.gui


def wait_idle(qtbot, panel, timeout=120000):
    qtbot.waitUntil(lambda: not panel.busy, timeout=timeout)


def suggestion_rows(panel) -> dict[str, int]:
    return {s["name"]: row for row, s in enumerate(panel._suggestions)}


def select_rows(panel, *rows):
    panel.suggestion_list.clearSelection()
    for row in rows:
        panel.suggestion_list.item(row).setSelected(True)


def test_suggestions_are_read_from_the_manuscript_and_accepted_merged_or_rejected(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["codex"].widget()
    assert not panel.suggestions_box.isVisible() or not panel._suggestions
    qtbot.mouseClick(panel.primary_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    names = suggestion_rows(panel)
    assert {"Mr. Bennet", "Mrs. Bennet", "Mr. Bingley"} <= set(names), panel.status_label.text()
    assert panel.suggestions_box.isVisibleTo(panel)

    # The details: mentions, a clickable first appearance and describing sentences.
    select_rows(panel, names["Mrs. Bennet"])
    shown = panel.suggestion_view.toHtml()
    assert "First appearance" in shown and "mentions" in shown
    suggestion = panel._suggestions[names["Mrs. Bennet"]]
    panel._open_link(QUrl(f"span:{suggestion['first']['start']}:{suggestion['first']['end']}"))
    assert "Bennet" in window.editor.textCursor().selectedText()

    # Accept one: it becomes an entry and leaves the suggestions.
    select_rows(panel, names["Mrs. Bennet"])
    panel.accept_button.click()
    assert [e.name for e in window.codex.entries] == ["Mrs. Bennet"]
    assert "Mrs. Bennet" not in suggestion_rows(panel)
    assert panel.selected_entry_ids() == [window.codex.entries[0].id]  # ready to edit

    # Merge two: one entry, the other's name an alias.
    names = suggestion_rows(panel)
    pair = ["Mr. Bingley", next(n for n in names if n not in ("Mr. Bingley",))]
    select_rows(panel, *(names[n] for n in pair))
    panel.merge_suggestions_button.click()
    merged = window.codex.entries[-1]
    assert len(window.codex.entries) == 2 and set(merged.names()) >= set(pair)

    # Reject one: gone, and not in the Codex.
    names = suggestion_rows(panel)
    rejected = next(iter(names))
    select_rows(panel, names[rejected])
    panel.reject_button.click()
    assert rejected not in suggestion_rows(panel)
    assert rejected not in [n for e in window.codex.entries for n in e.names()]

    # Suggesting again leaves out what the Codex holds already.
    panel.suggest()
    wait_idle(qtbot, panel)
    assert "Mrs. Bennet" not in suggestion_rows(panel) and "Mr. Bingley" not in suggestion_rows(panel)


def test_entries_are_edited_kept_per_manuscript_and_follow_save_as(app_window, qtbot, tmp_path):
    app, window = app_window
    panel = window.panel_docks["codex"].widget()
    panel.new_entry()
    entry_id = panel.selected_entry_ids()[0]
    panel.name_edit.clear()
    qtbot.keyClicks(panel.name_edit, "Longbourn")
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("place"))
    qtbot.keyClicks(panel.description_edit, "The Bennets' house in Hertfordshire.")
    panel.always_check.setChecked(True)
    qtbot.waitUntil(lambda: window.codex.entry(entry_id).description.endswith("Hertfordshire."), timeout=3000)
    entry = window.codex.entry(entry_id)
    assert (entry.name, entry.kind, entry.always) == ("Longbourn", "place", True)
    assert window.codex.flush()

    # Another document, then this one again: the entries come back with it.
    original = window.path
    with qtbot.waitSignal(window.sig_document_loaded):
        other = tmp_path / "other.md"
        other.write_text("A different story entirely.\n", encoding="utf-8")
        window.open_path(other)
    assert window.codex.entries == []
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(original)
    assert [e.name for e in window.codex.entries] == ["Longbourn"]

    # Saved under a new name: the Codex goes with it.
    target = tmp_path / "renamed.md"
    window._write(target, window.text_format)
    assert app.codex.load(target)[0].description == "The Bennets' house in Hertfordshire."


def test_a_later_version_starts_at_the_cursors_chapter_and_merging_entries(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["codex"].widget()
    window.codex.set_entries([CodexEntry("Jane", description="Eldest daughter."), CodexEntry("Miss Bennet")])
    cursor = window.editor.textCursor()
    cursor.setPosition(MANUSCRIPT.index("# Chapter 3") + 40)
    window.editor.setTextCursor(cursor)
    panel.select_entry(window.codex.entries[0].id)
    panel.later_button.click()
    first, later, _ = window.codex.entries
    assert (first.from_chapter, later.from_chapter, later.name) == (0, 3, "Jane")
    assert "from chapter 3" in panel.entry_list.item(1).text()
    # Two entries for one person: merged into the first selected.
    panel.entry_list.clearSelection()
    panel.entry_list.item(1).setSelected(True)
    panel.entry_list.item(2).setSelected(True)
    panel.merge_entries_button.click()
    assert [e.name for e in window.codex.entries] == ["Jane", "Jane"]
    assert "Miss Bennet" in window.codex.entries[1].aliases
    panel.entry_list.clearSelection()
    panel.entry_list.item(0).setSelected(True)
    panel.delete_button.click()
    assert [e.from_chapter for e in window.codex.entries] == [3]


def test_continue_sends_the_entries_named_near_the_cursor_and_shows_the_prompt(app_window, qtbot):
    app, window = app_window
    continue_panel = window.panel_docks["continue"].widget()
    window.codex.set_entries(
        [
            CodexEntry("Mr. Bingley", aliases=("Bingley",), description="A rich young man who took Netherfield."),
            CodexEntry("Pemberley", kind="place", description="Never named in these chapters."),
        ]
    )
    position = MANUSCRIPT.index("Bingley") + 200
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    window.editor.setTextCursor(cursor)
    line = continue_panel.codex_line
    qtbot.waitUntil(lambda: "Mr. Bingley" in line.label.text(), timeout=3000)
    assert "Pemberley" not in line.label.text() and "tokens" in line.label.text()
    assert not line.show_prompt_button.isEnabled()
    handle = continue_panel.continue_at_cursor()
    with qtbot.waitSignal(handle.sig_ended, timeout=120000):
        pass
    assert "A rich young man who took Netherfield." in line.last_prompt
    assert "Never named" not in line.last_prompt
    assert handle.result.codex_names == ("Mr. Bingley",)
    line.show_prompt_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "promptDialog" and w.isVisible())
    assert "A rich young man" in dialog.findChild(type(continue_panel.notes_edit)).toPlainText()
    dialog.close()
    continue_panel.reject()
    # No entry named near the cursor: the line says so, and nothing is sent.
    window.codex.set_entries([CodexEntry("Pemberley", kind="place", description="An estate.")])
    line.refresh()
    assert line.label.text() == "Codex: no entry is named here."
    assert continue_panel._codex_at(MANUSCRIPT[:position]) == ()


def test_the_text_panels_read_is_never_stale(window, qtbot):
    context = window.panel_context
    window.editor.insertPlainText("Chapter 1\n\nAnna waited.")
    assert context.text() == window.editor.text() and context.chapter_starts() == [0]
    window.editor.insertPlainText(" Then Chapter 2 began.\n\nChapter 2\n\nRain.")
    assert context.text() == window.editor.text() and len(context.chapter_starts()) == 2
    document = window.editor.document()
    document.setUndoRedoEnabled(False)  # as while a document loads or is cleared
    window.editor.setPlainText("Someone else's story.")
    document.setUndoRedoEnabled(True)
    assert context.text() == "Someone else's story." and context.chapter_starts() == [0]
