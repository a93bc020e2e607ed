"""Autosave and crash recovery, including a real SIGKILL of a running Inkwell."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit

from tests.gui.conftest import type_text
from writer_app.core.recovery import RecoverySession, load_recovered_documents
from writer_app.gui import autosave
from writer_app.gui.application import InkwellApplication
from writer_app.gui.autosave import Autosaver
from writer_app.gui.recovery_dialog import RecoveryDialog
from writer_app.paths import AppPaths

pytestmark = pytest.mark.gui


def snapshots(isolated_dirs) -> list[Path]:
    return sorted((isolated_dirs["data"] / "recovery").glob("session-*/*.json"))


def wait_for_snapshot(isolated_dirs, text: str, timeout: float = 20.0, qtbot=None) -> Path:
    """Poll for a snapshot holding *text*; with *qtbot*, keep this process's event loop running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in snapshots(isolated_dirs):
            try:
                if json.loads(path.read_text(encoding="utf-8"))["text"] == text:
                    return path
            except (OSError, ValueError):
                pass  # being replaced right now
        qtbot.wait(50) if qtbot else time.sleep(0.05)
    raise AssertionError(f"no recovery snapshot with {text!r} after {timeout} s")


def test_autosave_delay_keeps_the_two_second_promise():
    assert autosave.AUTOSAVE_DELAY_MS <= 2000


def test_typing_is_snapshotted_and_saving_removes_the_snapshot(window, qtbot, tmp_path, isolated_dirs, monkeypatch):
    type_text(qtbot, window, "Unsaved thought")
    path = wait_for_snapshot(isolated_dirs, "Unsaved thought", timeout=5, qtbot=qtbot)
    qtbot.waitUntil(lambda: "recovery copy kept" in window.state_label.text(), timeout=3000)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["path"] is None

    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "kept.md"), "")
    )
    assert window.save()
    qtbot.waitUntil(lambda: snapshots(isolated_dirs) == [], timeout=3000)


def test_continuous_typing_is_snapshotted_before_a_pause(window, qtbot, isolated_dirs):
    window.autosaver._timer.setInterval(300)
    started = time.monotonic()
    typed = ""
    while time.monotonic() - started < 1.2:  # keep typing, never pausing 300 ms
        qtbot.keyClicks(window.editor, "a")
        typed += "a"
        qtbot.wait(40)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in snapshots(isolated_dirs)]
    assert texts and texts[0].startswith("a") and len(texts[0]) >= 3


def test_focus_loss_snapshots_at_once(window, qtbot, isolated_dirs):
    window.autosaver._timer.setInterval(60_000)
    type_text(qtbot, window, "Before lunch")
    assert snapshots(isolated_dirs) == []
    window.editor.sig_focus_lost.emit()
    wait_for_snapshot(isolated_dirs, "Before lunch", timeout=5, qtbot=qtbot)


def test_app_deactivation_snapshots_every_window(controller, qtbot, isolated_dirs):
    first = controller.new_window_shown()
    first.autosaver._timer.setInterval(60_000)
    type_text(qtbot, first, "Window one")
    controller._on_application_state_changed(Qt.ApplicationState.ApplicationInactive)
    wait_for_snapshot(isolated_dirs, "Window one", timeout=5, qtbot=qtbot)


def test_clean_exit_removes_recovery_files(controller, qtbot, isolated_dirs, answer_dialogs):
    window = controller.new_window_shown()
    type_text(qtbot, window, "Draft")
    window.autosaver.snapshot(wait=True)
    assert len(snapshots(isolated_dirs)) == 1
    answer_dialogs.queue("Discard")
    assert window.close()
    controller.shutdown()
    assert list((isolated_dirs["data"] / "recovery").iterdir()) == []


def start_inkwell(*args: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "writer_app", "--no-recovery", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def crashed_session(isolated_dirs):
    """A real Inkwell process that typed text, was autosaved, then got SIGKILL."""
    text = "It was a dark and stormy night; the rain fell in torrents."
    process = start_inkwell("--test-type", text)
    try:
        wait_for_snapshot(isolated_dirs, text)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    return text


def test_killed_app_offers_its_text_back_and_restores_it(
    crashed_session, controller, qtbot, answer_dialogs, isolated_dirs
):
    old_snapshot = snapshots(isolated_dirs)[0]
    answer_dialogs.queue("Restore selected")
    window = controller.new_window_shown()
    with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
        assert controller.offer_recovery(window) == "restore"
    assert window.editor.text() == crashed_session
    assert window.isWindowModified(), "restored text is unsaved until the writer saves it"
    assert not old_snapshot.exists()
    # The restored text is protected again, now by this session.
    current = snapshots(isolated_dirs)
    assert len(current) == 1 and current[0].parent == controller.recovery.folder
    assert json.loads(current[0].read_text(encoding="utf-8"))["text"] == crashed_session


def test_recovery_dialog_shows_time_and_first_lines(crashed_session, controller, qtbot, answer_dialogs):
    from writer_app.core.recovery import load_recovered_documents
    from writer_app.gui.recovery_dialog import RecoveryDialog

    documents = load_recovered_documents(controller.paths.recovery_dir)
    dialog = RecoveryDialog(documents)
    item = dialog.document_list.item(0).text()
    assert "Untitled" in item
    assert time.strftime("%Y-%m-%d") in item
    assert crashed_session[:40] in item
    dialog.deleteLater()


def test_discard_all_deletes_recovered_text(crashed_session, controller, qtbot, answer_dialogs, isolated_dirs):
    answer_dialogs.queue("Discard all", "Discard permanently")
    window = controller.new_window_shown()
    assert controller.offer_recovery(window) == "discard"
    assert snapshots(isolated_dirs) == []
    assert window.editor.text() == ""


def test_decide_later_keeps_recovered_text(crashed_session, controller, qtbot, answer_dialogs, isolated_dirs):
    answer_dialogs.queue("Decide later")
    window = controller.new_window_shown()
    assert controller.offer_recovery(window) == "later"
    assert len(snapshots(isolated_dirs)) == 1


def test_second_running_instance_is_not_mistaken_for_a_crash(isolated_dirs, controller):
    text = "Still being written"
    process = start_inkwell("--test-type", text)
    try:
        wait_for_snapshot(isolated_dirs, text)
        from writer_app.core.recovery import load_recovered_documents

        assert load_recovered_documents(controller.paths.recovery_dir) == []
    finally:
        process.kill()
        process.wait(timeout=10)


# ---------------------------------------------------------------- never lose text, part 2
def crash_with(root: Path, *texts: str) -> None:
    """Leave *texts* behind in *root* as a crashed session does: snapshots kept, lock released by the OS."""
    session = RecoverySession(root)
    for number, text in enumerate(texts):
        session.write(f"doc{number}", text, None)
    session._lock.release()


def record_of(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.mark.reliability
def test_waited_snapshot_says_whether_the_copy_was_written(window, qtbot, monkeypatch):
    session = window.autosaver._session
    real_write = session.write

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    type_text(qtbot, window, "Only in the editor")
    monkeypatch.setattr(session, "write", disk_full)
    assert window.autosaver.snapshot(wait=True) is False
    monkeypatch.setattr(session, "write", real_write)
    assert window.autosaver.snapshot(wait=True) is True
    assert record_of(session.snapshot_path(window.autosaver.document_id))["text"] == "Only in the editor"


@pytest.mark.reliability
def test_restoring_keeps_the_crashed_copy_when_the_new_copy_cannot_be_written(
    controller, qtbot, answer_dialogs, isolated_dirs, monkeypatch
):
    crash_with(controller.paths.recovery_dir, "Written before the crash")
    [crashed] = snapshots(isolated_dirs)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(controller.recovery, "write", disk_full)
    answer_dialogs.queue("Restore selected")
    window = controller.new_window_shown()
    with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
        controller.offer_recovery(window)
    assert window.editor.text() == "Written before the crash"
    assert crashed.exists(), "the only copy on disk must stay until a new one is written"


def untick_then_answer(answer_dialogs, keep_ticked: set[str], *answers: str) -> None:
    """Once the recovery dialog shows, untick every document whose text is not in *keep_ticked*, then answer."""

    def untick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(10, untick)
            return
        for row, document in enumerate(dialog._documents):
            if document.text not in keep_ticked:
                dialog.document_list.item(row).setCheckState(Qt.CheckState.Unchecked)
        answer_dialogs.queue(*answers)

    QTimer.singleShot(0, untick)


@pytest.mark.reliability
def test_unticked_documents_are_kept_and_offered_again(controller, qtbot, answer_dialogs, isolated_dirs):
    crash_with(controller.paths.recovery_dir, "Restore this one", "Not now, maybe later")
    untick_then_answer(answer_dialogs, {"Restore this one"}, "Restore selected")
    window = controller.new_window_shown()
    with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
        assert controller.offer_recovery(window) == "restore"
    assert window.editor.text() == "Restore this one"
    # The next start offers the unticked one again, and only that one.
    assert [d.text for d in load_recovered_documents(controller.paths.recovery_dir)] == ["Not now, maybe later"]


@pytest.mark.reliability
def test_the_dialog_says_what_happens_to_unticked_documents(qtbot, isolated_dirs):
    root = isolated_dirs["data"] / "recovery"
    crash_with(root, "First", "Second")
    dialog = RecoveryDialog(load_recovered_documents(root))
    qtbot.addWidget(dialog)

    def shown() -> str:
        return " ".join(label.text() for label in dialog.findChildren(QLabel))

    dialog.document_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert "kept and offered again the next time" in shown()
    assert "for good" in shown()
    dialog.document_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.restore_button.isEnabled(), "restoring nothing is not offered"


@pytest.mark.reliability
def test_discard_all_asks_before_deleting(controller, qtbot, answer_dialogs, isolated_dirs):
    crash_with(controller.paths.recovery_dir, "Precious draft", "Another")
    window = controller.new_window_shown()
    answer_dialogs.queue("Discard all", "Cancel", "Decide later")
    assert controller.offer_recovery(window) == "later"
    assert len(snapshots(isolated_dirs)) == 2
    assert "cannot be undone" in answer_dialogs.seen[1]

    answer_dialogs.queue("Discard all", "Discard permanently")
    assert controller.offer_recovery(window) == "discard"
    assert snapshots(isolated_dirs) == []


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """A temp folder of this test's own, where the fallback recovery folder goes."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def block_recovery_folder(isolated_dirs) -> None:
    # A file where the recovery folder should be: it cannot be created, whoever runs the tests.
    (isolated_dirs["data"] / "recovery").write_text("not a folder")


def started(qapp) -> InkwellApplication:
    return InkwellApplication(qapp, AppPaths.from_environment())


def finished(controller: InkwellApplication) -> None:
    controller.shutdown()
    controller.setParent(None)
    QApplication.processEvents()


@pytest.mark.reliability
def test_the_fallback_recovery_folder_is_private_and_per_user(qapp, isolated_dirs, private_temp):
    block_recovery_folder(isolated_dirs)
    controller = started(qapp)
    try:
        root = controller.recovery.root
        assert root.parent == private_temp
        assert str(os.getuid()) in root.name, "one fallback folder per user"
        assert stat.S_IMODE(root.stat().st_mode) == 0o700
        assert stat.S_IMODE(controller.recovery.folder.stat().st_mode) == 0o700
        assert any(str(root) in warning for warning in controller.startup_warnings)
    finally:
        finished(controller)


@pytest.mark.reliability
def test_copies_left_in_the_fallback_folder_are_offered_at_the_next_start(
    qapp, qtbot, isolated_dirs, private_temp, answer_dialogs
):
    fallback = AppPaths.from_environment().recovery_fallback_dir
    crash_with(fallback, "Saved to the temp folder before the crash")
    controller = started(qapp)  # the recovery folder works again this time
    try:
        assert controller.recovery.root == AppPaths.from_environment().recovery_dir
        window = controller.new_window_shown()
        answer_dialogs.queue("Restore selected")
        with qtbot.waitSignal(window.sig_document_loaded, timeout=10000):
            assert controller.offer_recovery(window) == "restore"
        assert window.editor.text() == "Saved to the temp folder before the crash"
    finally:
        finished(controller)


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (chown)")


@pytest.mark.reliability
@pytest.mark.parametrize("blocker", ["a file", pytest.param("another user's folder", marks=needs_root)])
def test_startup_survives_when_no_recovery_folder_can_be_made(qapp, qtbot, isolated_dirs, private_temp, blocker):
    block_recovery_folder(isolated_dirs)
    fallback = AppPaths.from_environment().recovery_fallback_dir
    if blocker == "a file":
        fallback.write_text("in the way")
    else:
        fallback.mkdir(mode=0o700)
        os.chown(fallback, 65534, 65534)
    controller = started(qapp)
    try:
        assert controller.recovery is None
        assert any("Recovery copies are off" in warning for warning in controller.startup_warnings)
        window = controller.new_window_shown()
        with qtbot.waitSignal(window.autosaver.sig_snapshot_failed, timeout=3000) as failure:
            type_text(qtbot, window, "Still works")
        assert "off" in failure.args[0]
        assert window.autosaver.snapshot(wait=True) is False, "no copy was written, and the window knows it"
        assert window.editor.text() == "Still works"
        window.editor.document().setModified(False)
    finally:
        finished(controller)


@pytest.mark.reliability
def test_only_the_newest_pending_snapshot_is_written(window, qtbot, monkeypatch):
    session = window.autosaver._session
    real_write = session.write
    release = threading.Event()
    written: list[str] = []

    def slow_disk(document_id, text, *args, **kwargs):
        release.wait(10)
        text = text if isinstance(text, str) else "".join(text)
        written.append(text)
        return real_write(document_id, text, *args, **kwargs)

    monkeypatch.setattr(session, "write", slow_disk)
    window.autosaver._timer.setInterval(60_000)
    for letter in "abcdef":
        type_text(qtbot, window, letter)
        window.autosaver.snapshot()
        qtbot.wait(20)  # the first write is now in flight, blocked
    release.set()
    qtbot.waitUntil(lambda: len(written) >= 2 and not window.autosaver.queued_writes, timeout=10000)
    qtbot.wait(100)
    assert written == ["a", "abcdef"], "the first write was in flight; only the newest of the rest is written"
    assert record_of(session.snapshot_path(window.autosaver.document_id))["text"] == "abcdef"


@pytest.mark.reliability
def test_the_snapshot_keeps_the_base_given_by_the_source(controller, qtbot):
    base = {"size": 12, "mtime_ns": 1_700_000_000_123_456_789}
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("Edited text")
    autosaver = Autosaver(
        controller.recovery, lambda: (editor.toPlainText(), "/b/novel.md", "utf-8", "\n", base), editor
    )
    try:
        assert autosaver.snapshot(wait=True) is True
        record = record_of(controller.recovery.snapshot_path(autosaver.document_id))
        assert record["base"] == base and record["text"] == "Edited text"
    finally:
        autosaver.shutdown()


def document_autosaver(controller, editor, written: list[str]) -> Autosaver:
    autosaver = Autosaver(controller.recovery, lambda: (editor.document(), None, "utf-8", "\n", None), editor)
    autosaver.sig_snapshot_written.connect(written.append)
    return autosaver


def random_edit(editor: QPlainTextEdit, rng: random.Random) -> None:
    cursor = QTextCursor(editor.document())
    end = editor.document().characterCount() - 1
    start = rng.randint(0, end)
    cursor.setPosition(start)
    # Selecting may not end inside a surrogate pair: move by whole characters.
    for _ in range(rng.choice([0, 0, 1, 3, 40])):
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(rng.choice(["", "x", "new line\nhere", "😀", "café\u00a0noir", "\n\n", "long " * 50]))


@pytest.mark.reliability
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_document_read_in_slices_is_snapshotted_exactly_despite_edits(controller, qtbot, monkeypatch, seed):
    monkeypatch.setattr(autosave, "SLICE_CHARS", 997)
    rng = random.Random(seed)
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    lines = [f"Line {n} 😀 café\u00a0{'word ' * rng.randint(0, 30)}" for n in range(400)]
    editor.setPlainText("\n".join(lines))
    written: list[str] = []
    autosaver = document_autosaver(controller, editor, written)
    try:
        assert autosaver.snapshot() is True
        edits = 0
        while not written and not autosaver.queued_writes:
            assert edits < 500, "the read never finishes"
            random_edit(editor, rng)
            edits += 1
            QApplication.processEvents()
        expected = editor.document().toRawText().replace("\u2029", "\n")  # toPlainText would drop no-break spaces
        qtbot.waitUntil(lambda: bool(written), timeout=10000)
        assert edits > 20, "the edits happened while the document was being read"
        assert record_of(written[-1])["text"] == expected
    finally:
        autosaver.shutdown()


@pytest.mark.reliability
def test_waiting_for_a_snapshot_finishes_a_read_in_progress(controller, qtbot, monkeypatch):
    monkeypatch.setattr(autosave, "SLICE_CHARS", 500)
    rng = random.Random(7)
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("\n".join(f"Paragraph {n}\u2028with a line break" for n in range(500)))
    written: list[str] = []
    autosaver = document_autosaver(controller, editor, written)
    try:
        autosaver.snapshot()
        for _ in range(10):
            random_edit(editor, rng)
            QApplication.processEvents()
        assert not written, "still reading"
        assert autosaver.snapshot(wait=True) is True
        text = record_of(controller.recovery.snapshot_path(autosaver.document_id))["text"]
        assert text == editor.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")
    finally:
        autosaver.shutdown()


@pytest.mark.reliability
def test_saving_while_a_document_is_read_leaves_no_stale_copy(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(autosave, "SLICE_CHARS", 100)
    window.editor.setPlainText("A long story. " * 1000)
    type_text(qtbot, window, "!")
    window.autosaver._timer.setInterval(60_000)
    window.autosaver.snapshot()
    QApplication.processEvents()
    monkeypatch.setattr(
        "writer_app.gui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "saved.md"), "")
    )
    assert window.save()
    qtbot.wait(200)
    window.autosaver.wait_idle()
    assert not window.autosaver._session.snapshot_path(window.autosaver.document_id).exists()


@pytest.mark.reliability
def test_a_piece_split_inside_a_surrogate_pair_is_stored_whole(tmp_path):
    from writer_app.core.recovery import encode_snapshot

    head, rest = autosave._split_utf16("a😀b", 2)  # position 2 is between the pair's halves
    assert (head, rest) == ("a\ud83d", "\ude00b")
    record = json.loads(encode_snapshot([head, rest], None, "utf-8", "\n", None).decode("utf-8"))
    assert record["text"] == "a😀b"


@pytest.mark.reliability
def test_an_untitled_manuscripts_notes_and_codex_travel_in_its_recovery_copy(
    window, controller, qtbot, answer_dialogs, isolated_dirs
):
    from writer_app.core.codex import CodexEntry

    type_text(qtbot, window, "Anna waited at the quay.")
    window.story_notes.set_text("Set in 1850.")
    window.codex.set_entries([CodexEntry("Anna", description="A sailor's daughter.")])
    assert window.autosaver.snapshot(wait=True)
    [copy] = snapshots(isolated_dirs)
    extras = record_of(copy)["extras"]
    assert extras["notes"] == "Set in 1850." and extras["codex"][0]["name"] == "Anna"

    # As after a crash: the copy is offered at the next start and brings them back.
    crash_root = controller.paths.recovery_fallback_dir
    session = RecoverySession(crash_root)
    session.write("doc0", "Anna waited at the quay.", None, extras=extras)
    session._lock.release()
    answer_dialogs.queue("Restore selected")
    second = controller.new_window_shown()
    with qtbot.waitSignal(second.sig_document_loaded, timeout=10000):
        assert controller.offer_recovery(second) == "restore"
    assert second.editor.text() == "Anna waited at the quay."
    assert second.story_notes.text == "Set in 1850."
    assert [e.description for e in second.codex.entries] == ["A sailor's daughter."]
    # Restored, they are protected again by this session's copy.
    assert second.autosaver.snapshot(wait=True)
    assert record_of(second.autosaver._session.snapshot_path(second.autosaver.document_id))["extras"]["notes"]
    second.shutdown()
    second.close()
