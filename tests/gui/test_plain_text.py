"""File names, chapter titles, model output and error texts are shown literally, never rendered as HTML."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import Qt as GuiQt  # the Qt namespace with QtGui's functions (mightBeRichText)
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from writer_app.core.results import (
    Alternative,
    AlternativesResult,
    AskResult,
    Citation,
    Evidence,
    Failure,
    KeySentence,
    Progress,
    SummaryResult,
)
from writer_app.gui.dialogs import ask_choice, ask_save_changes, show_error

pytestmark = pytest.mark.gui

MARKUP = '<b>bold</b><img src="x.png">'
NAME_MARKUP = '<b>bold<img src="x.png">'  # a file name cannot hold "/"


def shown_literally(label: QLabel) -> bool:
    """Qt's own rule: a label renders HTML when it is RichText, or AutoText and the text looks like HTML."""
    text_format = label.textFormat()
    if text_format == Qt.TextFormat.PlainText:
        return True
    if text_format == Qt.TextFormat.AutoText:
        return not GuiQt.mightBeRichText(label.text())
    return False


class MessageBoxWatcher(QObject):
    """Records each message box's labels as it is shown, before anything can answer it."""

    def __init__(self):
        super().__init__()
        self.boxes: list[dict[str, bool]] = []  # label text -> shown literally

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
            self.boxes.append({label.text(): shown_literally(label) for label in watched.findChildren(QLabel)})
        return False

    def labels_with(self, text: str) -> dict[str, bool]:
        return {label: literal for box in self.boxes for label, literal in box.items() if text in label}


@pytest.fixture
def message_boxes(qapp):
    watcher = MessageBoxWatcher()
    qapp.installEventFilter(watcher)
    yield watcher
    qapp.removeEventFilter(watcher)


def assert_all_literal(message_boxes: MessageBoxWatcher, text: str) -> None:
    labels = message_boxes.labels_with(text)
    assert labels, f"{text!r} not shown; boxes: {message_boxes.boxes}"
    assert all(labels.values()), f"rendered as rich text: {[label for label, ok in labels.items() if not ok]}"


@pytest.mark.reliability
def test_error_and_question_dialogs_show_markup_literally(qapp, answer_dialogs, message_boxes):
    answer_dialogs.queue("OK")
    show_error(None, "Cannot open file", f"“{MARKUP}” could not be opened.", details=f"trace {MARKUP}")
    assert_all_literal(message_boxes, f"“{MARKUP}” could not be opened.")

    answer_dialogs.queue("Open")
    choice = ask_choice(
        None,
        "Not UTF-8 text",
        f"main {MARKUP}",
        f'informative <a href="https://example.com">{MARKUP}</a>',
        [("open", "Open")],
    )
    assert choice == "open"
    assert_all_literal(message_boxes, f"main {MARKUP}")
    assert_all_literal(message_boxes, f'informative <a href="https://example.com">{MARKUP}</a>')

    answer_dialogs.queue("Cancel")
    assert ask_save_changes(None, MARKUP) == "cancel"
    assert_all_literal(message_boxes, f"“{MARKUP}”")


@pytest.mark.reliability
def test_a_file_named_with_markup_is_named_literally(window, qtbot, tmp_path, answer_dialogs, message_boxes):
    legacy = tmp_path / f"{NAME_MARKUP}.md"
    legacy.write_bytes(b"caf\xe9")
    answer_dialogs.queue("Cancel")
    window.open_path(legacy)
    qtbot.waitUntil(lambda: answer_dialogs.pending == 0, timeout=5000)
    assert "not UTF-8" in answer_dialogs.seen[0]
    assert_all_literal(message_boxes, f"“{NAME_MARKUP}.md” is not UTF-8 text.")

    readable = tmp_path / f"{NAME_MARKUP} two.md"
    readable.write_text("Some words.", encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=5000):
        window.open_path(readable)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" More.")
    answer_dialogs.queue("Cancel")
    window.new_document()
    assert_all_literal(message_boxes, f"“{NAME_MARKUP} two.md”")
    assert window.editor.text() == "Some words. More."


@pytest.mark.reliability
def test_ask_panel_shows_model_output_and_errors_literally(window):
    panel = window.panel_docks["ask"].widget()
    result = AskResult(
        answer=f"It was {MARKUP}.",
        found=True,
        citations=(Citation(0, 10, 0.9, f"cited {MARKUP}", 1),),
        evidence=Evidence(0, 10, f"evidence {MARKUP}", 0.8),
        more_evidence=(Evidence(20, 30, f"more {MARKUP}", 0.7),),
        question=f"Who wrote {MARKUP}?",
        passages=3,
    )
    panel.on_finished(result)
    shown = panel.answer_view.toPlainText()
    for text in (
        f"It was {MARKUP}.",
        f"cited {MARKUP}",
        f"evidence {MARKUP}",
        f"more {MARKUP}",
        f"Who wrote {MARKUP}?",
    ):
        assert text in shown
    page = panel.answer_view.toHtml()
    assert "<img" not in page and "passage:0:10" in page and "passage:20:30" in page
    assert panel.history_list.item(0).text() == f"Who wrote {MARKUP}?"

    panel.on_failed(Failure(f"The model failed: {MARKUP}"))
    assert panel.status_label.text() == f"The model failed: {MARKUP}" and shown_literally(panel.status_label)
    panel.on_progress(Progress("reading", None, f"Reading {MARKUP}"))
    assert shown_literally(panel.status_label)
    panel.indexer.sig_state_changed.emit("problem", -1.0, f"Index failed: {MARKUP}")
    assert MARKUP in panel.index_label.text() and shown_literally(panel.index_label)


@pytest.mark.reliability
def test_summarise_panel_shows_chapter_titles_and_summaries_literally(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "story.md"
    path.write_text(f"# Chapter {MARKUP}\n\nIt was a dark and stormy night.\n", encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=5000):
        window.open_path(path)
    panel = window.panel_docks["summarise"].widget()
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("chapter"))
    monkeypatch.setattr(panel, "submit", lambda request: None)  # no model: only what the panel says first
    panel.summarise()
    assert MARKUP in panel.status_label.text() and shown_literally(panel.status_label)

    sentence = KeySentence(0, 10, f"key {MARKUP}", 1.0)
    panel.on_finished(SummaryResult(f"A summary {MARKUP}\nsecond line", (sentence,), 1, "abstractive"))
    assert f"A summary {MARKUP}\nsecond line" in panel.result_view.toPlainText()
    assert "<img" not in panel.result_view.toHtml()
    assert panel.key_list.item(0).text() == f"key {MARKUP}"
    panel.on_failed(Failure(MARKUP))
    assert shown_literally(panel.status_label)


@pytest.mark.reliability
def test_continue_panel_shows_errors_and_alternatives_literally(window):
    panel = window.panel_docks["continue"].widget()
    panel._on_continuation_failed(Failure(f"Out of memory {MARKUP}"))
    assert MARKUP in panel.status_label.text() and shown_literally(panel.status_label)

    window.story_notes.sig_save_failed.emit(f"disk full {MARKUP}")
    assert MARKUP in panel.status_label.text() and shown_literally(panel.status_label)

    result = AlternativesResult(
        alternatives=(Alternative(f" and then {MARKUP}", 5, -0.5),),
        stopped=False,
        used_chars=10,
        trimmed_chars=0,
        prompt_tokens=5,
    )
    panel._on_alternatives_finished(result)
    item = panel.alternatives_list.item(0)
    assert item.text() == f"1. [-0.50] and then {MARKUP}"
    assert MARKUP not in item.toolTip()


@pytest.mark.reliability
def test_find_says_not_found_with_the_searched_text_literally(window, qtbot):
    window.show_find()
    dialog = window.find_dialog
    dialog.find_edit.setText(MARKUP)
    assert not dialog.find_next()
    assert MARKUP in dialog.status_label.text() and shown_literally(dialog.status_label)
    dialog.hide()
    QApplication.processEvents()
