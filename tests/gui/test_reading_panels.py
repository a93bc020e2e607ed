"""Summarise and Ask panels on the real window and engine, with tiny random models."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.conftest import DATA_DIR
from tests.gui.conftest import type_text
from writer_app.core.results import IndexResult

pytestmark = pytest.mark.gui

MANUSCRIPT = (DATA_DIR / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")


def wait_idle(qtbot, panel, timeout=120000):
    qtbot.waitUntil(lambda: not panel.busy, timeout=timeout)


def test_key_sentences_are_real_and_clicking_one_finds_it(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["summarise"].widget()
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("all"))
    panel.key_only.setChecked(True)
    qtbot.mouseClick(panel.summarise_button, Qt.MouseButton.LeftButton)
    assert panel.stop_button.isEnabled() and panel.progress.isVisible()
    wait_idle(qtbot, panel)
    assert panel.key_list.count() > 0, panel.status_label.text()
    for row in range(panel.key_list.count()):
        item = panel.key_list.item(row)
        start, end = item.data(Qt.ItemDataRole.UserRole)
        assert " ".join(MANUSCRIPT[start:end].split()) == item.text()  # shown unwrapped
        assert item.toolTip().startswith("Chapter ")  # which chapter it comes from
    item = panel.key_list.item(panel.key_list.count() - 1)
    start, end = item.data(Qt.ItemDataRole.UserRole)
    panel.key_list.itemClicked.emit(item)
    assert window.editor.textCursor().selectedText() == MANUSCRIPT[start:end].replace("\n", "\u2029")
    assert panel.summary_text and panel.copy_button.isEnabled()
    panel.copy_button.click()
    assert QApplication.clipboard().text() == panel.summary_text


def test_chapter_scope_and_abstractive_summary_go_to_the_notes(app_window, qtbot, monkeypatch):
    app, window = app_window
    panel = window.panel_docks["summarise"].widget()
    chapter_two = MANUSCRIPT.index("# Chapter 2")
    chapter_three = MANUSCRIPT.index("# Chapter 3")
    cursor = window.editor.textCursor()
    cursor.setPosition(chapter_two + 200)
    window.editor.setTextCursor(cursor)
    sent = []
    service = app.models.service
    real_submit = service.submit
    monkeypatch.setattr(service, "submit", lambda request: sent.append(request) or real_submit(request))
    panel.length_combo.setCurrentIndex(panel.length_combo.findData("short"))
    panel.summarise()
    wait_idle(qtbot, panel)
    request = sent[-1]
    assert (request.start, request.end) == (chapter_two, chapter_three)
    assert request.mode == "abstractive" and request.length == "short"
    assert all(
        chapter_two <= s[0] and s[1] <= chapter_three
        for s in (panel.key_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.key_list.count()))
    )
    panel.note_button.click()
    notes = window.panel_docks["continue"].widget().notes_edit.toPlainText()
    assert notes.startswith("Summary: ") and notes.endswith(panel.summary_text)


def test_selection_scope_needs_a_selection(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["summarise"].widget()
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("selection"))
    assert panel.summarise() is None
    assert "Select some text" in panel.status_label.text()


def test_ask_shows_sources_that_jump_to_the_passage_and_keeps_history(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["ask"].widget()
    qtbot.keyClicks(panel.question_edit, "Who has taken Netherfield Park?")
    qtbot.keyClick(panel.question_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, panel)
    result = panel.history[0]
    assert result.question == "Who has taken Netherfield Park?"
    assert result.answer
    sources = result.citations if result.found else result.closest
    assert sources
    source = sources[0]
    assert MANUSCRIPT[source.start : source.end] == source.text
    assert f"passage:{source.start}:{source.end}" in panel.answer_view.toHtml()
    panel.answer_view.anchorClicked.emit(QUrl(f"passage:{source.start}:{source.end}"))
    cursor = window.editor.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (source.start, source.end)
    assert window.editor.extraSelections()

    panel.ask("What did Mr. Bennet reply?")
    wait_idle(qtbot, panel)
    assert [panel.history_list.item(i).text() for i in range(2)] == [
        "What did Mr. Bennet reply?",
        "Who has taken Netherfield Park?",
    ]
    panel.history_list.setCurrentRow(1)
    assert "Who has taken Netherfield Park?" in panel.answer_view.toPlainText()


def test_ask_about_someone_the_manuscript_never_names_says_so(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["ask"].widget()
    panel.ask("Who is the captain of the Pequod?")
    wait_idle(qtbot, panel)
    result = panel.history[0]
    assert not result.found and result.unmentioned == ("Pequod",)
    shown = panel.answer_view.toPlainText()
    assert "couldn't find this in your text" in shown and "never mentions “Pequod”" in shown
    assert "closest passages" not in shown  # nothing was searched, so nothing is offered as close
    assert panel.status_label.text() == "No search needed."


def test_a_new_document_drops_a_pending_answer(app_window, qtbot, tmp_path):
    app, window = app_window
    panel = window.panel_docks["ask"].widget()
    panel.ask("Who is Mrs. Long?")
    other = tmp_path / "other.md"
    other.write_text("A different story entirely.", encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(other)
    assert not panel.busy
    qtbot.wait(1500)
    assert panel.history == [] and panel.answer_view.toPlainText() == ""


def test_the_manuscript_is_indexed_in_the_background_and_ask_reuses_it(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["ask"].widget()
    qtbot.waitUntil(lambda: panel.indexer.state[0] == "ready", timeout=60000)
    assert panel.index_label.text().startswith("Manuscript index: ready")
    panel.ask("Who has taken Netherfield Park?")
    wait_idle(qtbot, panel)
    assert panel.history[0].embedded_now == 0


def test_edits_are_indexed_again_after_a_pause(app_window, qtbot, monkeypatch):
    from writer_app.gui.panels import manuscript_index

    app, window = app_window
    panel = window.panel_docks["ask"].widget()
    qtbot.waitUntil(lambda: panel.indexer.state[0] == "ready", timeout=60000)
    monkeypatch.setattr(manuscript_index, "IDLE_DELAY_MS", 300)
    results = []
    service = app.models.service
    real_submit = service.submit

    def submit(request):
        handle = real_submit(request)
        handle.sig_finished.connect(lambda result: results.append(result) if isinstance(result, IndexResult) else None)
        return handle

    monkeypatch.setattr(service, "submit", submit)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    type_text(qtbot, window, "The vicar of Meryton kept bees behind the church.")
    assert not panel.indexer.up_to_date
    qtbot.waitUntil(lambda: panel.indexer.up_to_date and panel.indexer.state[0] == "ready", timeout=60000)
    assert results and results[-1].embedded_now >= 1 and results[-1].reused > 0


def test_continue_does_not_wait_behind_the_index(app_window, qtbot, tmp_path):
    app, window = app_window
    indexer = window.panel_docks["ask"].widget().indexer
    path = tmp_path / "novel.txt"
    path.write_text((DATA_DIR / "pride_and_prejudice.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=30000):
        window.open_path(path)
    qtbot.waitUntil(lambda: indexer.state[0] == "indexing" and indexer.state[1] > 0, timeout=60000)
    index_request = indexer.handle
    states = []
    indexer.sig_state_changed.connect(lambda state, fraction, text: states.append(state))
    continue_panel = window.panel_docks["continue"].widget()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not continue_panel.busy, timeout=60000)
    assert window.editor.preview.active
    assert "waiting" in states and "ready" not in states and not indexer.up_to_date  # paused, not finished
    qtbot.waitUntil(lambda: indexer.state[0] == "ready", timeout=120000)
    assert indexer.handle is not index_request


def menu_action(window, section: str, model_id: str):
    """The Models menu's action for *model_id* in the section titled *section*."""
    window.models_menu.fill()
    in_section = False
    for action in window.models_menu.actions():
        if action.isSeparator():
            in_section = action.text() == section
        elif in_section and action.data() == model_id:
            return action
    raise AssertionError(f"{model_id} is not offered under {section!r}")


def test_distilled_models_chosen_in_the_menu_do_their_one_job(app_window, qtbot, isolated_dirs):
    app, window = app_window
    with pytest.raises(AssertionError):
        menu_action(window, "Summarise with", "tiny-qa")  # a QA model cannot summarise
    menu_action(window, "Summarise with", "tiny-bart").trigger()
    menu_action(window, "Answer questions with", "tiny-qa").trigger()
    assert menu_action(window, "Answer questions with", "tiny-qa").isChecked()
    saved = json.loads((isolated_dirs["config"] / "settings.json").read_text(encoding="utf-8"))
    assert (saved["summarise_model"], saved["ask_model"], saved["continue_model"]) == (
        "tiny-bart",
        "tiny-qa",
        "tiny-chat",
    )

    summarise = window.panel_docks["summarise"].widget()
    summarise.scope_combo.setCurrentIndex(summarise.scope_combo.findData("all"))
    summarise.summarise()
    wait_idle(qtbot, summarise)
    assert summarise.summary_text and summarise.key_list.count() > 0, summarise.status_label.text()

    ask = window.panel_docks["ask"].widget()
    ask.ask("Who has taken Netherfield Park?")
    wait_idle(qtbot, ask)
    result = ask.history[0]
    assert result.model_id == "tiny-qa" and result.found
    [citation] = result.citations
    assert MANUSCRIPT[citation.start : citation.end] == citation.text == result.answer  # the exact span


def test_summaries_start_as_key_sentences_with_a_model_that_rewrites_loosely(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["summarise"].widget()
    assert not panel.key_only.isChecked()  # tiny-chat rewrites faithfully enough
    menu_action(window, "Summarise with", "tiny-loose").trigger()
    assert panel.key_only.isChecked() and "loosely" in panel.key_only.toolTip()
    panel.summarise()
    wait_idle(qtbot, panel)
    # The key sentences, led by the chapter and the names it mentions most.
    lead, body = panel.summary_text.split("\n\n", 1)
    assert lead.startswith("Chapter 1 — ")
    assert body == " ".join(panel.key_list.item(i).text() for i in range(panel.key_list.count()))
    menu_action(window, "Summarise with", "tiny-chat").trigger()
    assert not panel.key_only.isChecked()


def test_stopping_a_summary_shows_the_parts_read_so_far(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["summarise"].widget()
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("all"))
    panel.key_only.setChecked(True)
    handle = panel.summarise()
    handle.sig_progress.connect(lambda progress: handle.stop() if progress.stage == "summarising" else None)
    wait_idle(qtbot, panel)
    assert handle.state == "stopped" and handle.result.partial.chunks > 1
    assert panel.key_list.count() > 0 and panel.summary_text
    assert "parts read so far" in panel.status_label.text()
    last = panel.key_list.item(panel.key_list.count() - 1).data(Qt.ItemDataRole.UserRole)
    assert last[1] < len(MANUSCRIPT) // 2  # only the first parts were read


@pytest.mark.reliability
def test_closing_a_window_stops_its_own_requests(app_window, qtbot):
    app, window = app_window
    second = app.new_window_shown()
    with qtbot.waitSignal(second.sig_document_loaded):
        second.load_text(MANUSCRIPT * 3, None, window.text_format)
    panel = second.panel_docks["summarise"].widget()
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("all"))
    panel.key_only.setChecked(False)
    running = panel.summarise()
    queued = window.panel_docks["summarise"].widget().summarise()  # the first window's request waits behind it
    qtbot.waitUntil(lambda: running.state == "running" and app.models.busy, timeout=10000)
    second.shutdown()
    qtbot.waitUntil(lambda: running.done, timeout=10000)
    assert running.state == "stopped", "the closed window's summary was left running"
    qtbot.waitUntil(lambda: queued.done, timeout=120000)
    assert queued.state == "finished", "the other window's request is not the closed window's to stop"
