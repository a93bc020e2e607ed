"""Open, save, the unsaved-changes prompt and every kind of bad file, on the real window."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from tests.gui.conftest import type_text
from writer_app.core.textfile import normalise_newlines

pytestmark = pytest.mark.gui


def open_via_dialog(window, qtbot, monkeypatch, path):
    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getOpenFileName", lambda *args, **kwargs: (str(path), "")
    )
    with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
        window.action_open.trigger()


def snapshot_texts(isolated_dirs) -> list[str]:
    recovery = isolated_dirs["data"] / "recovery"
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in recovery.glob("session-*/*.json")]


def test_open_edit_save_keeps_crlf_line_endings(window, qtbot, monkeypatch, data_file):
    path = data_file("moby_dick_opening_crlf.txt")
    original = path.read_bytes()
    open_via_dialog(window, qtbot, monkeypatch, path)

    assert window.editor.text() == normalise_newlines(original.decode("utf-8"))
    assert "\r" not in window.editor.text()
    assert window.format_label.text() == "UTF-8 · CRLF"
    assert window.windowTitle().startswith("moby_dick_opening_crlf.txt")
    assert not window.action_undo.isEnabled(), "loading must not be an undoable step"

    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window, "THE END")
    window.action_save.trigger()

    saved = path.read_bytes()
    assert saved == original + b"THE END"
    assert saved.count(b"\n") == saved.count(b"\r\n")
    assert not window.isWindowModified()
    assert window.state_label.text() == "Saved"
    assert list(path.parent.glob(".*.tmp")) == []


def test_save_as_adds_markdown_suffix_and_records_recent_file(
    window, controller, qtbot, monkeypatch, tmp_path, isolated_dirs
):
    type_text(qtbot, window, "A new story.")
    target = tmp_path / "draft"
    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (str(target), "Markdown (*.md *.markdown)"),
    )
    with qtbot.waitSignal(window.sig_document_saved):
        window.action_save.trigger()  # untitled: Save asks where
    saved = tmp_path / "draft.md"
    assert saved.read_text(encoding="utf-8") == "A new story."
    assert window.path == saved
    settings = json.loads((isolated_dirs["config"] / "settings.json").read_text())
    assert settings["recent_files"][0] == str(saved)

    window._fill_recent_menu()
    labels = [action.text() for action in window.recent_menu.actions()]
    assert any("draft.md" in label for label in labels)


def test_recent_menu_reopens_file(window, controller, qtbot, monkeypatch, data_file):
    path = data_file("pride_and_prejudice_ch1-3.md")
    controller.settings.add_recent_file(str(path))
    window._fill_recent_menu()
    entry = next(a for a in window.recent_menu.actions() if "pride_and_prejudice" in a.text())
    with qtbot.waitSignal(window.sig_document_loaded):
        entry.trigger()
    assert window.editor.text().startswith("# Chapter 1")


def test_cancel_in_save_dialog_keeps_document_unsaved(window, qtbot, monkeypatch):
    type_text(qtbot, window, "Keep me")
    monkeypatch.setattr("writer_app.gui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: ("", ""))
    assert window.save() is False
    assert window.isWindowModified()
    assert window.editor.text() == "Keep me"


def test_new_with_unsaved_changes_asks_and_cancel_keeps_text(window, qtbot, answer_dialogs):
    type_text(qtbot, window, "Precious words")
    answer_dialogs.queue("Cancel")
    window.action_new.trigger()
    assert window.editor.text() == "Precious words"
    assert "save the changes to “Untitled”" in answer_dialogs.seen[0]


def test_new_with_discard_clears_document(window, qtbot, answer_dialogs):
    type_text(qtbot, window, "Throwaway")
    answer_dialogs.queue("Discard")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.action_new.trigger()
    assert window.editor.text() == ""
    assert not window.isWindowModified()


def test_close_with_unsaved_changes_save_writes_file(controller, qtbot, monkeypatch, answer_dialogs, tmp_path):
    window = controller.new_window_shown()
    type_text(qtbot, window, "Saved on close")
    target = tmp_path / "closing.txt"
    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), "Plain text (*.txt *.text)"),
    )
    answer_dialogs.queue("Save")
    assert window.close() is True
    assert target.read_text(encoding="utf-8") == "Saved on close"
    assert window not in controller.windows


def test_close_with_cancel_keeps_window_open(controller, qtbot, answer_dialogs):
    window = controller.new_window_shown()
    type_text(qtbot, window, "Not yet")
    answer_dialogs.queue("Cancel")
    assert window.close() is False
    assert window.isVisible()
    assert window in controller.windows
    window.shutdown()
    window.close()


def test_quit_asks_for_every_unsaved_window(controller, qtbot, answer_dialogs, monkeypatch):
    first = controller.new_window_shown()
    second = controller.new_window_shown()
    type_text(qtbot, first, "one")
    type_text(qtbot, second, "two")
    quits = []
    monkeypatch.setattr(controller.qapp, "quit", lambda: quits.append(True))
    answer_dialogs.queue("Discard", "Cancel")
    controller.quit()
    assert len(answer_dialogs.seen) == 2
    assert quits == [], "quitting must stop when the writer cancels"
    assert second in controller.windows and second.editor.text() == "two"


def test_binary_file_is_refused_and_document_untouched(window, qtbot, monkeypatch, tmp_path, answer_dialogs):
    type_text(qtbot, window, "My chapter")
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    answer_dialogs.queue("Discard", "OK")
    monkeypatch.setattr("writer_app.gui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(binary), ""))
    window.action_open.trigger()
    qtbot.waitUntil(lambda: len(answer_dialogs.seen) == 2, timeout=5000)
    assert "binary file" in answer_dialogs.seen[1]
    assert window.editor.text() == "My chapter"
    assert window.path is None


@pytest.mark.parametrize(
    ("button", "expected"),
    [("Open as Western", "Café “naïve” — 5€"), ("Open with �", "Caf� �na�ve� � 5�")],
)
def test_invalid_utf8_offers_western_or_replacement(
    window, qtbot, monkeypatch, tmp_path, answer_dialogs, button, expected
):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café “naïve” — 5€".encode("cp1252"))
    answer_dialogs.queue(button)
    with qtbot.waitSignal(window.sig_document_loaded, timeout=5000):
        window.open_path(legacy)
    assert "not UTF-8" in answer_dialogs.seen[0]
    assert "line 1" in answer_dialogs.seen[0]
    assert window.editor.text() == expected
    assert legacy.read_bytes() == "Café “naïve” — 5€".encode("cp1252"), "nothing changes on disk"


def test_western_file_saves_back_in_its_encoding(window, qtbot, tmp_path, answer_dialogs):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café".encode("cp1252"))
    answer_dialogs.queue("Open as Western")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=5000):
        window.open_path(legacy)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window, " noir")
    assert window.save()
    assert legacy.read_bytes() == "Café noir".encode("cp1252")

    window.editor.insertPlainText(" ☕")  # pasted: not in Windows-1252
    answer_dialogs.queue("Save as UTF-8")
    assert window.save()
    assert legacy.read_text(encoding="utf-8") == "Café noir ☕"
    assert window.format_label.text().startswith("UTF-8")


def test_invalid_utf8_cancel_keeps_current_document(window, qtbot, tmp_path, answer_dialogs):
    type_text(qtbot, window, "Stay")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"caf\xe9")
    answer_dialogs.queue("Discard", "Cancel")
    window.open_path(legacy)
    qtbot.waitUntil(lambda: answer_dialogs.pending == 0, timeout=5000)
    assert window.editor.text() == "Stay"


def test_empty_file_opens_with_a_note(window, qtbot, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(empty)
    assert window.editor.text() == ""
    assert window.path == empty
    assert "empty" in window.statusBar().currentMessage()


def test_missing_file_from_recent_list_is_explained_and_forgotten(window, controller, qtbot, tmp_path, answer_dialogs):
    gone = tmp_path / "gone.md"
    controller.settings.add_recent_file(str(gone))
    answer_dialogs.queue("OK")
    window.open_recent(str(gone))
    qtbot.waitUntil(lambda: answer_dialogs.pending == 0, timeout=5000)
    assert "does not exist" in answer_dialogs.seen[0]
    assert str(gone) not in controller.settings.recent_files


def test_read_only_file_is_not_overwritten(window, qtbot, tmp_path, answer_dialogs, isolated_dirs):
    protected = tmp_path / "protected.txt"
    protected.write_text("Original", encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(protected)
    os.chmod(protected, stat.S_IRUSR | stat.S_IRGRP)
    type_text(qtbot, window, "Edited ")
    answer_dialogs.queue("OK")
    assert window.save() is False
    assert "read-only" in answer_dialogs.seen[0]
    assert "still here in the editor" in answer_dialogs.seen[0]
    assert protected.read_text(encoding="utf-8") == "Original"
    assert window.editor.text() == "Edited Original"
    assert window.isWindowModified()
    assert snapshot_texts(isolated_dirs) == ["Edited Original"]


def test_missing_folder_on_save_is_explained(window, qtbot, monkeypatch, tmp_path, answer_dialogs):
    type_text(qtbot, window, "Lost folder")
    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(tmp_path / "no" / "such" / "dir" / "x.md"), ""),
    )
    answer_dialogs.queue("OK")
    assert window.save() is False
    assert "folder does not exist" in answer_dialogs.seen[0]
    assert window.editor.text() == "Lost folder"


def test_full_disk_keeps_text_in_editor_and_recovery(
    window, qtbot, monkeypatch, tmp_path, answer_dialogs, isolated_dirs
):
    manuscript = tmp_path / "novel.md"
    manuscript.write_text("Chapter one.", encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(manuscript)
    type_text(qtbot, window, "More. ")

    import writer_app.core.atomic as atomic

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self._handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        # Only the manuscript's temp file hits the "full disk".
        return FullDisk(handle) if os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path / ".novel")) else handle

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    answer_dialogs.queue("OK")
    assert window.save() is False
    assert "disk is full" in answer_dialogs.seen[0]
    assert manuscript.read_text(encoding="utf-8") == "Chapter one."
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".novel")] == []
    assert window.editor.text() == "More. Chapter one."
    assert snapshot_texts(isolated_dirs) == ["More. Chapter one."]


def test_fifty_megabyte_file_opens_in_slices(window, qtbot, tmp_path):
    source = "It was the best of times, it was the worst of times, it was the age of wisdom.\n" * 20 + "\n"
    big = tmp_path / "big.txt"
    text = (source * (50_000_000 // len(source) + 1))[:50_000_000]
    big.write_text(text, encoding="utf-8")

    saw_read_only = []
    window.progress_bar.valueChanged.connect(lambda value: value and saw_read_only.append(window.editor.isReadOnly()))
    with qtbot.waitSignal(window.sig_document_loaded, timeout=120000):
        window.open_path(big)
    assert saw_read_only and all(saw_read_only), "the editor is read-only while the text streams in"
    assert not window.editor.isReadOnly()
    assert window.editor.document().characterCount() == len(text) + 1
    assert window.editor.text() == text
    assert not window.isWindowModified()
    assert not window.action_undo.isEnabled()
    assert not window.progress_bar.isVisible()


def test_files_opened_from_the_desktop_while_running_open_in_windows(window, controller, qtbot, data_file):
    # macOS's Finder and Dock send these instead of command-line arguments.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    first, second = data_file("moby_dick_opening_crlf.txt"), data_file("pride_and_prejudice_ch1-3.md")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
        QCoreApplication.postEvent(controller.qapp, QFileOpenEvent(str(first)))
    assert window.path == first  # the empty window takes the first file
    QCoreApplication.postEvent(controller.qapp, QFileOpenEvent(str(second)))
    qtbot.waitUntil(lambda: len(controller.windows) == 2 and controller.windows[1].path == second, timeout=10000)
    assert window.path == first


def test_files_named_at_start_open_one_window_each(controller, qtbot, data_file):
    first, second = data_file("moby_dick_opening_crlf.txt"), data_file("pride_and_prejudice_ch1-3.md")
    window = controller.start([str(first), str(second)], offer_recovery=False, start_engine=False)
    qtbot.waitUntil(lambda: [w.path for w in controller.windows] == [first, second], timeout=10000)
    assert controller.windows[0] is window
