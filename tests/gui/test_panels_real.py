"""The three panels on the real window with the real packaged models (marked ``model``; CI runs them).

SmolLM2-135M writes, all-MiniLM-L6-v2 reads. The manuscript is chapters 1–3
of Pride and Prejudice with one planted fact the novel does not hold.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.conftest import DATA_DIR
from writer_app.gui.application import InkwellApplication
from writer_app.paths import AppPaths

pytestmark = [pytest.mark.gui, pytest.mark.model]

PLANTED = "Mrs. Bennet kept her emerald brooch in the blue tea caddy."
ANCHOR = "Mr. Bennet was among the earliest"
MANUSCRIPT = (
    (DATA_DIR / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8").replace(ANCHOR, f"{PLANTED} {ANCHOR}", 1)
)


@pytest.fixture
def real_window(qapp, qtbot, model_cache, monkeypatch, tmp_path):
    monkeypatch.setenv("INKWELL_CACHE_DIR", str(model_cache))  # converted once per run (or across runs)
    app = InkwellApplication(qapp, AppPaths.from_environment())
    window = app.start(offer_recovery=False)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: app.models.status[0] in ("ready", "problem"), timeout=600_000)
    assert app.models.status[0] == "ready", app.models.status
    path = tmp_path / "pride.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(path)
    yield app, window
    window.editor.document().setModified(False)
    window.shutdown()
    app.shutdown()
    app.setParent(None)
    QApplication.processEvents()


def test_ask_answers_the_planted_fact_and_cites_its_passage(real_window, qtbot):
    app, window = real_window
    panel = window.panel_docks["ask"].widget()
    qtbot.waitUntil(lambda: panel.indexer.state[0] == "ready", timeout=300_000)
    qtbot.keyClicks(panel.question_edit, "Where did Mrs. Bennet keep her emerald brooch?")
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=300_000)
    result = panel.history[0]
    assert result.found, result
    # The answer quotes the planted sentence; the model's own words come first only when the text holds them.
    assert result.answer.endswith(f"“{PLANTED}”"), result.answer
    assert result.evidence.text == PLANTED and "In your text:" in panel.answer_view.toPlainText()
    assert result.reply in panel.answer_view.toPlainText()
    citation = result.citations[0]
    assert PLANTED in citation.text and MANUSCRIPT[citation.start : citation.end] == citation.text
    panel.answer_view.anchorClicked.emit(QUrl(f"passage:{citation.start}:{citation.end}"))
    assert PLANTED in window.editor.textCursor().selectedText()

    panel.ask("What is the boiling point of mercury?")
    qtbot.waitUntil(lambda: not panel.busy, timeout=300_000)
    assert panel.history[0].found is False
    assert "couldn't find" in panel.answer_view.toPlainText()


def test_summarise_the_current_chapter(real_window, qtbot):
    app, window = real_window
    panel = window.panel_docks["summarise"].widget()
    chapter_two, chapter_three = MANUSCRIPT.index("# Chapter 2"), MANUSCRIPT.index("# Chapter 3")
    cursor = window.editor.textCursor()
    cursor.setPosition(chapter_two + 100)
    window.editor.setTextCursor(cursor)
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("chapter"))
    panel.length_combo.setCurrentIndex(panel.length_combo.findData("short"))
    qtbot.mouseClick(panel.summarise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=600_000)
    spans = [panel.key_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.key_list.count())]
    assert spans and all(chapter_two <= start < end <= chapter_three for start, end in spans)
    summary = panel.summary_text
    assert len(summary.split()) >= 8, panel.status_label.text()
    # Chapter 2 is Mr. Bennet's visit to Mr. Bingley: the summary names someone in it.
    assert any(name in summary for name in ("Bennet", "Bingley", "Lizzy", "Kitty", "Lydia")), summary


def test_continue_streams_prose_that_tab_keeps(real_window, qtbot):
    app, window = real_window
    panel = window.panel_docks["continue"].widget()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    before = window.editor.text()
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy, timeout=300_000)
    written = window.editor.preview.text
    assert len(written.split()) >= 5 and window.editor.text() == before
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert window.editor.text() == before + written
