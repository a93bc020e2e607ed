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


def test_opening_a_docx_converts_it_to_markdown_beside_it_after_asking(app_window, qtbot, tmp_path, monkeypatch):
    import writer_app.gui.main_window as main_window
    from writer_app.documents.export import export_file
    from writer_app.documents.options import ExportOptions

    app, window = app_window
    source = export_file(
        "# One\n\nShe *walked* home.\n\n***\n\nAnd on.\n",
        "docx",
        tmp_path / "draft.docx",
        ExportOptions(layout="plain"),
    )
    original = source.read_bytes()
    asked = []
    monkeypatch.setattr(main_window, "ask_choice", lambda *args, **kwargs: asked.append(args[2]) or None)
    window.open_path(source, ask=False)
    assert asked and "draft.docx" in asked[0] and not (tmp_path / "draft.md").exists()  # declined: nothing written
    monkeypatch.setattr(main_window, "ask_choice", lambda *args, **kwargs: "import")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=30000):
        window.open_path(source, ask=False)
    assert window.path == tmp_path / "draft.md"
    assert "She *walked* home." in window.editor.text() and "***" in window.editor.text()
    assert source.read_bytes() == original  # the original is never written to
