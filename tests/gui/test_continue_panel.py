"""The Continue panel on the real window and engine, with a tiny random model."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from writer_app.gui.application import InkwellApplication
from writer_app.paths import AppPaths

pytestmark = pytest.mark.gui

STORY = "The lamps were lit along the quay. Anna walked slowly towards the ship, and"


@pytest.fixture
def app_window(qapp, qtbot, isolated_dirs, tiny_gpt2_dir):
    (isolated_dirs["config"] / "models.toml").write_text(
        f'[[model]]\nid = "tiny"\nname = "Tiny Writer"\nroles = ["continue"]\n'
        f'source = "path"\npath = "{tiny_gpt2_dir}"\n',
        encoding="utf-8",
    )
    (isolated_dirs["config"] / "settings.json").write_text(
        json.dumps({"continue_model": "tiny", "device": "cpu"}), encoding="utf-8"
    )
    app = InkwellApplication(qapp, AppPaths.from_environment())
    window = app.start(offer_recovery=False)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
    panel = window.panel_docks["continue"].widget()
    panel.temperature.setValue(0)  # greedy: the tiny random model always writes something
    yield app, window, panel
    window.shutdown()
    app.shutdown()
    app.setParent(None)
    QApplication.processEvents()


def type_story(qtbot, window, text=STORY):
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, text)


def finish(qtbot, panel, timeout=60000):
    qtbot.waitUntil(lambda: not panel.busy, timeout=timeout)


def test_ctrl_enter_streams_a_grey_preview_that_tab_keeps_as_one_undo_step(app_window, qtbot):
    app, window, panel = app_window
    type_story(qtbot, window)
    undo_steps = window.editor.document().availableUndoSteps()
    panel.max_new_tokens.setValue(16)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.busy and window.editor.preview.active
    qtbot.waitUntil(lambda: window.editor.preview.text != "", timeout=60000)
    assert window.editor.text() == STORY, "the preview is not part of the document"
    finish(qtbot, panel)
    preview = window.editor.preview.text
    assert preview and window.editor.text() == STORY
    block = window.editor.document().lastBlock()
    assert block.layout().preeditAreaText() == preview.replace("\n", "\u2028")
    assert panel.status_label.text().startswith("Read all")

    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.text() == STORY + preview
    assert not window.editor.preview.active
    assert window.editor.document().availableUndoSteps() == undo_steps + 1
    window.action_undo.trigger()
    assert window.editor.text() == STORY


def test_escape_rejects_without_a_trace(app_window, qtbot):
    app, window, panel = app_window
    type_story(qtbot, window)
    undo_steps = window.editor.document().availableUndoSteps()
    panel.max_new_tokens.setValue(12)
    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)
    finish(qtbot, panel)
    assert window.editor.preview.text
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.editor.preview.active
    assert window.editor.text() == STORY
    assert window.editor.document().availableUndoSteps() == undo_steps
    assert window.editor.document().lastBlock().layout().preeditAreaText() == ""
    # Tab is an ordinary key again.
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.text() == STORY + "\t"


def test_stop_keeps_what_came_so_far_as_a_preview(app_window, qtbot):
    app, window, panel = app_window
    type_story(qtbot, window)
    panel.max_new_tokens.setValue(1000)
    panel.temperature.setValue(0)
    panel.continue_at_cursor()
    qtbot.waitUntil(lambda: window.editor.preview.text != "", timeout=60000)
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    finish(qtbot, panel)
    kept = window.editor.preview.text
    assert kept and window.editor.preview.active
    assert "Stopped" in panel.status_label.text()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert window.editor.text() == STORY + kept


def test_writer_can_type_elsewhere_while_it_streams(app_window, qtbot):
    app, window, panel = app_window
    type_story(qtbot, window)
    panel.max_new_tokens.setValue(40)
    panel.continue_at_cursor()
    qtbot.waitUntil(lambda: window.editor.preview.text != "", timeout=60000)
    cursor = QTextCursor(window.editor.document())
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "Chapter One. ")
    finish(qtbot, panel)
    preview = window.editor.preview.text
    panel.accept()
    assert window.editor.text() == "Chapter One. " + STORY + preview


def test_regenerate_replaces_the_preview(app_window, qtbot):
    app, window, panel = app_window
    type_story(qtbot, window)
    panel.max_new_tokens.setValue(10)
    panel.continue_at_cursor()
    finish(qtbot, panel)
    first = window.editor.preview.text
    position = window.editor.preview.position
    qtbot.mouseClick(panel.regenerate_button, Qt.MouseButton.LeftButton)
    finish(qtbot, panel)
    assert window.editor.preview.position == position
    assert window.editor.preview.text and window.editor.text() == STORY
    assert first  # both runs produced text; sampling may or may not repeat it


def test_alternatives_are_scored_and_one_can_be_inserted(app_window, qtbot):
    app, window, panel = app_window
    type_story(qtbot, window)
    panel.max_new_tokens.setValue(10)
    panel.alternatives_count.setValue(3)
    qtbot.mouseClick(panel.alternatives_button, Qt.MouseButton.LeftButton)
    finish(qtbot, panel)
    assert panel.alternatives_list.count() == 3
    scores = [float(panel.alternatives_list.item(i).text().split("[")[1].split("]")[0]) for i in range(3)]
    assert scores == sorted(scores, reverse=True)
    panel.alternatives_list.setCurrentRow(1)
    chosen = panel.alternatives_list.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(panel.insert_alternative_button, Qt.MouseButton.LeftButton)
    assert window.editor.text() == STORY + chosen
    window.action_undo.trigger()
    assert window.editor.text() == STORY


def test_presets_fill_the_controls_and_edits_become_custom(app_window, qtbot, isolated_dirs):
    app, window, panel = app_window
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData("creative"))
    assert panel.temperature.value() == pytest.approx(1.05)
    assert panel.generation_settings().top_k == 0
    panel.temperature.setValue(0.3)
    assert panel.preset_combo.currentData() == "custom"
    saved = json.loads((isolated_dirs["config"] / "settings.json").read_text())
    assert saved["continue_preset"] == "custom" and saved["continue_settings"]["temperature"] == 0.3
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData("focused"))
    assert panel.generation_settings().repetition_penalty == pytest.approx(1.2)


def test_the_samplers_sit_behind_advanced_and_the_presets_stay_in_view(app_window, qtbot):
    app, window, panel = app_window
    assert panel.preset_combo.isVisible() and panel.max_new_tokens.isVisible()
    assert not panel.temperature.isVisible() and not panel.seed.isVisible()
    qtbot.mouseClick(panel.advanced_button, Qt.MouseButton.LeftButton)
    assert panel.temperature.isVisible() and panel.top_k.isVisible() and panel.seed.isVisible()
    qtbot.mouseClick(panel.advanced_button, Qt.MouseButton.LeftButton)
    assert not panel.temperature.isVisible()


def test_story_notes_go_with_the_request_and_persist_per_manuscript(app_window, qtbot, tmp_path, monkeypatch):
    app, window, panel = app_window
    manuscript = tmp_path / "novel.md"
    manuscript.write_text(STORY, encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(manuscript)
    qtbot.keyClicks(panel.notes_edit, "Anna: a smuggler's daughter.")
    sent = []
    service = app.models.service
    real_submit = service.submit
    monkeypatch.setattr(service, "submit", lambda request: sent.append(request) or real_submit(request))
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    panel.max_new_tokens.setValue(4)
    panel.continue_at_cursor()
    finish(qtbot, panel)
    assert sent[-1].notes == "Anna: a smuggler's daughter."
    assert sent[-1].text == STORY
    qtbot.waitUntil(lambda: app.story_notes.load(manuscript) == "Anna: a smuggler's daughter.", timeout=5000)

    panel.reject()
    window.new_document()
    assert panel.notes_edit.toPlainText() == ""
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(manuscript)
    assert panel.notes_edit.toPlainText() == "Anna: a smuggler's daughter."


def test_opening_another_document_drops_a_running_continuation(app_window, qtbot, tmp_path):
    app, window, panel = app_window
    type_story(qtbot, window)
    panel.max_new_tokens.setValue(1000)
    panel.temperature.setValue(0)
    panel.continue_at_cursor()
    qtbot.waitUntil(lambda: window.editor.preview.text != "", timeout=60000)
    other = tmp_path / "other.md"
    other.write_text("Another book.", encoding="utf-8")
    window.editor.document().setModified(False)
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(other)
    assert not window.editor.preview.active
    qtbot.wait(300)
    assert window.editor.text() == "Another book."
    assert not window.editor.preview.active, "late tokens for the old document are ignored"
    finish(qtbot, panel)


def test_empty_document_asks_for_words_first(app_window, qtbot):
    app, window, panel = app_window
    assert panel.continue_at_cursor() is None
    assert "Write a few words first" in panel.status_label.text()


def test_the_text_before_the_cursor_is_cut_in_characters_not_utf16_units(app_window, qtbot, monkeypatch):
    app, window, panel = app_window
    story = "Anna laughed 😀😀 and waved. The ship left at noon"
    window.editor.insertPlainText(story)  # (key clicks cannot type characters outside the BMP)
    assert window.editor.textCursor().position() == len(story) + 2  # two UTF-16 units each
    sent = []
    service = app.models.service
    real_submit = service.submit
    monkeypatch.setattr(service, "submit", lambda request: sent.append(request) or real_submit(request))
    panel.max_new_tokens.setValue(4)
    panel.continue_at_cursor()
    finish(qtbot, panel)
    assert sent[-1].text == story  # every character before the cursor, none from past it


def test_story_notes_typed_just_before_closing_are_kept(app_window, qtbot, tmp_path):
    app, window, panel = app_window
    manuscript = tmp_path / "novel.md"
    manuscript.write_text(STORY, encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(manuscript)
    qtbot.keyClicks(panel.notes_edit, "Anna hates the sea.")
    window.shutdown()  # at once: well within the notes' save delay
    assert app.story_notes.load(manuscript) == "Anna hates the sea."


def test_summaries_and_notes_share_one_model(app_window, qtbot, tmp_path):
    app, window, panel = app_window
    window.story_notes.append("Summary: Anna sails.")
    assert panel.notes_edit.toPlainText() == "Summary: Anna sails."
    panel.notes_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.notes_edit, " She is afraid.")
    assert window.story_notes.text == "Summary: Anna sails. She is afraid."
