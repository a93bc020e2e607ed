"""The window never saves text that is not the writer's whole document, and never overwrites
a newer file silently: partial loads, Save As onto an existing file, files changed on disk,
the same file in two windows, replacement characters and restored crash copies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from tests.gui.conftest import type_text

pytestmark = [pytest.mark.gui, pytest.mark.reliability]

BIG_LINE = "It was the best of times, it was the worst of times, it was the age of wisdom.\n"


class DefaultAnswerer:
    """Records every modal question and presses its default button, as a hurried writer would."""

    def __init__(self, qtbot):
        from PySide6.QtCore import QTimer

        self.seen: list[str] = []
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QMessageBox) or not dialog.isVisible():
            return
        self.seen.append(f"{dialog.text()}\n{dialog.informativeText()}")
        button = dialog.defaultButton() or next(b for b in dialog.findChildren(QAbstractButton) if b.isVisible())
        button.click()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def hurried_writer(qtbot):
    answerer = DefaultAnswerer(qtbot)
    yield answerer
    answerer.stop()


def big_file(tmp_path, megabytes: int = 4):
    path = tmp_path / "big.txt"
    text = BIG_LINE * (megabytes * 1_000_000 // len(BIG_LINE))
    path.write_text(text, encoding="utf-8")
    return path, text


def start_loading(window, qtbot, path) -> None:
    """Open *path* and wait until part, not all, of it is in the editor."""
    window.open_path(path, ask=False)
    qtbot.waitUntil(lambda: window.progress_bar.isVisible() and 0 < window.progress_bar.value() < 100, timeout=20000)
    assert window.loading


def snapshot_records(isolated_dirs) -> list[dict]:
    recovery = isolated_dirs["data"] / "recovery"
    return [json.loads(p.read_text(encoding="utf-8")) for p in recovery.glob("session-*/*.json")]


# ---------------------------------------------------------------- 1. partial loads
@pytest.mark.parametrize("action", ["close", "new", "open", "open_recent"])
def test_leaving_a_file_while_it_loads_never_saves_the_partial_text(
    controller, qtbot, tmp_path, hurried_writer, monkeypatch, action
):
    window = controller.new_window_shown()
    path, text = big_file(tmp_path)
    original = path.read_bytes()
    other = tmp_path / "other.md"
    other.write_text("Another story.", encoding="utf-8")
    monkeypatch.setattr("writer_app.gui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(other), ""))
    start_loading(window, qtbot, path)

    if action == "close":
        window.close()
    elif action == "new":
        window.action_new.trigger()
    elif action == "open":
        window.action_open.trigger()
    else:
        window.open_recent(str(other))
    QApplication.processEvents()

    assert path.read_bytes() == original, "the partial text was written over the file"
    assert hurried_writer.seen == [], "nothing the writer typed was at stake: no question"
    if action in ("open", "open_recent"):
        qtbot.waitUntil(lambda: window.path == other, timeout=5000)
        assert window.editor.text() == "Another story."
    if action != "close":
        assert not window.loading
        assert window.path != path
        assert not window.editor.document().isModified()
        window.shutdown()


def test_a_system_quit_during_a_load_keeps_no_partial_recovery_copy(controller, qtbot, tmp_path, isolated_dirs):
    window = controller.new_window_shown()
    path, _text = big_file(tmp_path)
    start_loading(window, qtbot, path)
    controller.shutdown()
    assert snapshot_records(isolated_dirs) == []


def test_save_is_refused_until_the_load_has_finished(controller, qtbot, tmp_path):
    window = controller.new_window_shown()
    path, text = big_file(tmp_path)
    start_loading(window, qtbot, path)
    path.write_text("changed meanwhile", encoding="utf-8")
    assert window.save() is False
    assert path.read_text(encoding="utf-8") == "changed meanwhile"
    window.shutdown()


def test_results_for_the_previous_document_are_dropped_when_a_load_starts(controller, qtbot, tmp_path):
    window = controller.new_window_shown()
    path, _text = big_file(tmp_path)
    replaced_while_loading = []
    window.panel_context.sig_document_replaced.connect(lambda: replaced_while_loading.append(window.loading))
    start_loading(window, qtbot, path)
    assert replaced_while_loading[:1] == [True], "panels must drop previews as soon as another document starts"
    window.shutdown()


# ---------------------------------------------------------------- 2. Save As with an added suffix
def test_save_as_asks_before_replacing_a_file_the_added_suffix_lands_on(
    window, qtbot, monkeypatch, tmp_path, answer_dialogs
):
    existing = tmp_path / "draft.md"
    existing.write_text("My earlier draft.", encoding="utf-8")
    type_text(qtbot, window, "A new story.")
    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(tmp_path / "draft"), "Markdown (*.md *.markdown)"),
    )
    answer_dialogs.queue("Cancel")
    assert window.save_as() is False
    assert "draft.md" in answer_dialogs.seen[0] and "already exists" in answer_dialogs.seen[0]
    assert existing.read_text(encoding="utf-8") == "My earlier draft."
    assert window.isWindowModified()

    answer_dialogs.queue("Replace")
    assert window.save_as() is True
    assert existing.read_text(encoding="utf-8") == "A new story."


# ---------------------------------------------------------------- 3. changed on disk
def write_from_another_program(path, text: str) -> None:
    """Another process (an editor, a sync client) rewrites the file."""
    code = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(sys.argv[2], encoding='utf-8')"
    subprocess.run([sys.executable, "-c", code, str(path), text], check=True)


def open_file(window, qtbot, path) -> None:
    with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
        window.open_path(path, ask=False)


def change_on_disk(window, qtbot, path, text: str, theirs: str, typed: str = ""):
    """Open *path* holding *text*, type *typed*, let another program write *theirs*; the bar that appears."""
    path.write_text(text, encoding="utf-8")
    open_file(window, qtbot, path)
    if typed:
        type_text(qtbot, window, typed)
    write_from_another_program(path, theirs)
    bar = window.disk_change_bar
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=5000)
    return bar


def test_saving_over_a_file_changed_by_another_program_asks_first(window, qtbot, tmp_path, answer_dialogs):
    path = tmp_path / "novel.md"
    path.write_text("Chapter one.", encoding="utf-8")
    open_file(window, qtbot, path)
    type_text(qtbot, window, "Mine. ")
    write_from_another_program(path, "Chapter one, edited on the laptop.")

    answer_dialogs.queue("Cancel")
    assert window.save() is False
    assert "changed" in answer_dialogs.seen[0]
    assert path.read_text(encoding="utf-8") == "Chapter one, edited on the laptop."
    assert window.editor.text() == "Mine. Chapter one."

    answer_dialogs.queue("Overwrite")
    assert window.save() is True
    assert path.read_text(encoding="utf-8") == "Mine. Chapter one."
    # Saved: the next save has nothing newer to protect.
    type_text(qtbot, window, "More. ")
    assert window.save() is True


def test_a_change_with_the_same_size_and_time_is_still_caught(window, qtbot, tmp_path, answer_dialogs):
    path = tmp_path / "novel.md"
    path.write_text("Chapter one.", encoding="utf-8")
    open_file(window, qtbot, path)
    info = path.stat()
    path.write_text("Chapter two.", encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    type_text(qtbot, window, "Mine. ")
    answer_dialogs.queue("Cancel")
    assert window.save() is False
    assert path.read_text(encoding="utf-8") == "Chapter two."


def test_a_change_on_disk_is_offered_for_reload_and_undo_brings_the_writers_text_back(window, qtbot, tmp_path):
    path = tmp_path / "novel.md"
    bar = change_on_disk(window, qtbot, path, "Chapter one.", "Their version.", typed="Mine. ")
    assert "novel.md" in bar.message.text()

    bar.reload_button.click()
    assert window.editor.text() == "Their version."
    assert not window.isWindowModified()
    assert not bar.isVisible()
    window.editor.undo()
    assert window.editor.text() == "Mine. Chapter one.", "reloading is one undoable step"
    assert window.isWindowModified()


def test_keep_mine_saves_without_asking_again(window, qtbot, tmp_path, answer_dialogs):
    path = tmp_path / "novel.md"
    bar = change_on_disk(window, qtbot, path, "Chapter one.", "Their version.")
    bar.keep_button.click()
    assert window.isWindowModified(), "the writer's version is now unsaved"
    assert window.save() is True
    assert path.read_text(encoding="utf-8") == "Chapter one."


def test_compare_shows_what_differs(window, qtbot, tmp_path):
    path = tmp_path / "novel.md"
    bar = change_on_disk(window, qtbot, path, "Chapter one.\nThe end.\n", "Chapter one.\nA new ending.\n")
    bar.compare_button.click()
    dialog = window.compare_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=2000)
    diff = dialog.diff_view.toPlainText()
    assert "-The end." in diff
    assert "+A new ending." in diff
    dialog.close()


def test_a_file_deleted_on_disk_is_reported_and_saving_recreates_it(window, qtbot, tmp_path):
    path = tmp_path / "novel.md"
    path.write_text("Chapter one.", encoding="utf-8")
    open_file(window, qtbot, path)
    path.unlink()
    bar = window.disk_change_bar
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=5000)
    assert "deleted" in bar.message.text() or "moved" in bar.message.text()
    assert window.isWindowModified(), "the text now exists only in the editor"
    assert window.save() is True
    assert path.read_text(encoding="utf-8") == "Chapter one."


def test_the_same_file_is_not_opened_in_two_windows(controller, qtbot, tmp_path):
    path = tmp_path / "novel.md"
    path.write_text("Chapter one.", encoding="utf-8")
    first = controller.new_window_shown()
    open_file(first, qtbot, path)
    second = controller.new_window_shown()
    second.open_path(tmp_path / "." / "novel.md")
    qtbot.wait(500)
    assert second.path is None, "the file is already open in the first window"
    assert first.path == path
    first.shutdown()
    second.shutdown()


# ---------------------------------------------------------------- replacement characters
def test_saving_text_opened_with_replacement_characters_asks_first(window, qtbot, tmp_path, answer_dialogs):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"caf\xe9 noir")
    answer_dialogs.queue("Open with �")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=5000):
        window.open_path(legacy)
    type_text(qtbot, window, "Le ")
    answer_dialogs.queue("Cancel")
    assert window.save() is False
    assert "�" in answer_dialogs.seen[-1]
    assert legacy.read_bytes() == b"caf\xe9 noir"

    answer_dialogs.queue("Save with �")
    assert window.save() is True
    assert legacy.read_text(encoding="utf-8") == "Le caf� noir"
    type_text(qtbot, window, "x")
    assert window.save() is True, "asked once: the file now holds the replacement characters"


# ---------------------------------------------------------------- restored crash copies
def test_a_restored_copy_does_not_silently_replace_a_file_edited_after_the_crash(
    window, qtbot, tmp_path, answer_dialogs, isolated_dirs
):
    path = tmp_path / "novel.md"
    path.write_text("Chapter one.", encoding="utf-8")
    open_file(window, qtbot, path)
    type_text(qtbot, window, "Unsaved. ")
    window.autosaver.snapshot(wait=True)
    from writer_app.core.recovery import load_recovered_documents

    session = window.autosaver._session
    record = json.loads(session.snapshot_path(window.autosaver.document_id).read_text(encoding="utf-8"))
    # The crash: the lock goes with the process, the snapshot stays.
    session._lock.release()
    documents = [d for d in load_recovered_documents(isolated_dirs["data"] / "recovery") if d.text == record["text"]]
    assert documents, "the snapshot is offered back"
    time.sleep(0.01)
    write_from_another_program(path, "Chapter one, edited on another computer after the crash.")

    restored = window._app.new_window_shown()
    with qtbot.waitSignal(restored.sig_document_loaded, timeout=10000):
        restored.restore_document(documents[0])
    assert "changed" in restored.statusBar().currentMessage() or restored.disk_change_bar.isVisible()
    answer_dialogs.queue("Cancel")
    assert restored.save() is False
    assert path.read_text(encoding="utf-8") == "Chapter one, edited on another computer after the crash."
    restored.shutdown()
    window.shutdown()


def test_the_recovery_copy_is_exactly_the_editors_text(window, qtbot, isolated_dirs):
    # Read from the document in slices: separators, no-break spaces and emoji must come through unchanged.
    window.editor.setPlainText("First line\u00a0with a no-break space\n\nEmoji 👩‍💻 here\r\nand a tab\tend")
    type_text(qtbot, window, "x")
    assert window.autosaver.snapshot(wait=True)
    assert [record["text"] for record in snapshot_records(isolated_dirs)] == [window.editor.text()]


def test_a_very_long_manuscript_is_not_copied_for_the_index_after_every_pause(window, qtbot, monkeypatch):
    # Copying the text of a 50 MB manuscript holds the window for about a second.
    import writer_app.gui.panels.manuscript_index as manuscript_index

    monkeypatch.setattr(manuscript_index, "BACKGROUND_MAX_CHARS", 1000)
    indexer = window.panel_docks["ask"].widget().indexer
    copies = []
    monkeypatch.setattr(window.panel_context, "text", lambda: copies.append(1) or window.editor.text())
    window.editor.setPlainText("word " * 400)
    indexer._start()
    assert copies == [] and indexer.handle is None
    assert "when you ask" in indexer.state[2]


def crash_and_recover(window, isolated_dirs, text: str):
    """The window's session dies (its lock goes with the process); its snapshot holding *text* is offered."""
    from writer_app.core.recovery import load_recovered_documents

    assert window.autosaver.snapshot(wait=True)
    window.autosaver._session._lock.release()
    return [d for d in load_recovered_documents(isolated_dirs["data"] / "recovery") if d.text == text]


def test_a_restored_copy_still_asks_before_writing_replacement_characters(
    window, qtbot, tmp_path, answer_dialogs, isolated_dirs
):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"caf\xe9 noir")
    answer_dialogs.queue("Open with �")
    with qtbot.waitSignal(window.sig_document_loaded, timeout=5000):
        window.open_path(legacy)
    type_text(qtbot, window, "Le ")
    documents = crash_and_recover(window, isolated_dirs, "Le caf� noir")
    assert documents and documents[0].errors == "replace"

    restored = window._app.new_window_shown()
    with qtbot.waitSignal(restored.sig_document_loaded, timeout=10000):
        restored.restore_document(documents[0])
    answer_dialogs.queue("Cancel")
    assert restored.save() is False
    assert "�" in answer_dialogs.seen[-1]
    assert legacy.read_bytes() == b"caf\xe9 noir"
    restored.shutdown()


def test_reloading_keeps_a_recovery_copy_of_the_unsaved_version_until_the_next_save(
    window, qtbot, tmp_path, isolated_dirs
):
    path = tmp_path / "novel.md"
    bar = change_on_disk(window, qtbot, path, "Chapter one.", "Their version.", typed="Mine. ")
    bar.reload_button.click()
    qtbot.waitUntil(lambda: "Mine. Chapter one." in [r["text"] for r in snapshot_records(isolated_dirs)], timeout=5000)
    assert window.save() is True
    qtbot.waitUntil(lambda: snapshot_records(isolated_dirs) == [], timeout=5000)


def test_a_file_still_loading_in_one_window_is_not_opened_in_another(controller, qtbot, tmp_path):
    path, _text = big_file(tmp_path)
    first = controller.new_window_shown()
    start_loading(first, qtbot, path)
    second = controller.new_window_shown()
    second.open_path(path)
    qtbot.wait(300)
    assert second.path is None and not second.loading
    first.shutdown()
    second.shutdown()


def test_quitting_saves_everything_even_when_a_model_call_outlasts_the_wait(qapp, qtbot, isolated_dirs, monkeypatch):
    from writer_app.gui.application import InkwellApplication
    from writer_app.paths import AppPaths

    app = InkwellApplication(qapp, AppPaths.from_environment())
    window = app.new_window_shown()
    type_text(qtbot, window, "Typed just before quitting.")
    waits = []
    monkeypatch.setattr(app.models, "shutdown", lambda timeout_ms=30000: waits.append(timeout_ms) or False)
    app.models_shutdown_ms = 1500
    app.settings.set(font_size=app.settings.font_size + 1)
    app.shutdown()
    assert waits == [1500]
    assert app.models_left_running, "the app must know to end the process without waiting for the worker"
    assert (isolated_dirs["config"] / "settings.json").exists()
    assert [r["text"] for r in snapshot_records(isolated_dirs)] == ["Typed just before quitting."]
