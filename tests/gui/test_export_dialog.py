"""File ▸ Export… on the real window: written off the GUI thread, remembered per manuscript, failures said."""

from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.gui


def test_export_writes_the_file_and_remembers_the_choices(app_window, qtbot, tmp_path):
    app, window = app_window
    dialog = window.export()
    assert dialog.title_edit.text() == "Pp"  # from the file's name, until the writer sets one
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("epub"))
    assert not dialog.font_box.isEnabled()  # a reader app chooses its own font
    out = tmp_path / "book.epub"
    dialog.out_edit.setText(str(out))
    dialog.title_edit.setText("Pride and Prejudice")
    dialog.author_edit.setText("Jane Austen")
    with qtbot.waitSignal(dialog.finished, timeout=60000):
        dialog.export_button.click()
    assert dialog.written == str(out)
    with zipfile.ZipFile(out) as archive:
        assert any(name.startswith("EPUB/chapter-") for name in archive.namelist())
    assert "Exported book.epub" in window.statusBar().currentMessage()
    # Remembered with the manuscript: the next export starts from these.
    assert window.exports.flush()
    window.exports.load_for(window.path)
    assert (window.exports.format, window.exports.options.author, window.exports.out) == (
        "epub",
        "Jane Austen",
        str(out),
    )
    again = window.export()
    assert again.fmt() == "epub" and again.title_edit.text() == "Pride and Prejudice"
    again.reject()


def test_an_export_that_cannot_be_written_says_why_and_leaves_nothing(app_window, qtbot, tmp_path):
    app, window = app_window
    dialog = window.export()
    blocker = tmp_path / "a file"
    blocker.write_text("x", encoding="utf-8")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("docx"))
    dialog.out_edit.setText(str(blocker / "book.docx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=60000)
    assert "Could not write" in dialog.status.text() and dialog.isVisible()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file", "pp.md"]
    dialog.reject()
