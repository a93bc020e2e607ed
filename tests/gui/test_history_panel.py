"""Everything the model wrote is kept per manuscript: the History panel and the AI report, with tiny models."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import MANUSCRIPT

pytestmark = pytest.mark.gui


def test_continuations_are_kept_accepted_or_not_and_reported(app_window, qtbot, tmp_path):
    app, window = app_window
    panel = window.panel_docks["history"].widget()
    continue_panel = window.panel_docks["continue"].widget()
    cursor = window.editor.textCursor()
    cursor.setPosition(len(MANUSCRIPT))
    window.editor.setTextCursor(cursor)
    for keep in (False, True):
        handle = continue_panel.continue_at_cursor()
        with qtbot.waitSignal(handle.sig_ended, timeout=120000):
            pass
        if keep:
            written = window.editor.preview.text
            continue_panel.accept()
        else:
            continue_panel.reject()
    entries = window.history.entries
    assert len(entries) == 2 and [e.kind for e in entries] == ["continue", "continue"]
    assert [e.accepted for e in entries] == [False, True]
    assert entries[1].accepted_at == len(MANUSCRIPT) and entries[1].text == written
    assert entries[0].prompt_end == MANUSCRIPT[-200:] and entries[0].model_id == "tiny-chat"
    # Listed newest first, searchable, copied and inserted.
    assert panel.list.count() == 2
    panel.list.setCurrentRow(0)
    panel.copy_button.click()
    assert QApplication.clipboard().text() == entries[1].text
    panel.search.setText("no such words anywhere")
    assert panel.list.count() == 0
    panel.search.clear()
    # Kept with the manuscript in the data folder.
    assert window.history.flush()
    path = window.path
    report_path = panel.export_report(tmp_path / "report.md")
    report = report_path.read_text(encoding="utf-8")
    assert "2 suggestions in all; 1 were accepted" in report
    assert app.history.load(path)[1].accepted
