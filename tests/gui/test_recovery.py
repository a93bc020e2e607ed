"""Autosave and crash recovery, including a real SIGKILL of a running Inkwell."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import type_text
from writer_app.gui import autosave

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
    answer_dialogs.queue("Discard all")
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
