"""Test hooks for ``bench/kill_trials.py``, reached only through hidden command-line flags (see ``app.py``).

- ``--test-type TEXT --test-type-rate CHARS_PER_S [--test-type-log PATH]``: once the window
  (and the file given on the command line, if any) is ready, type TEXT at the end of the
  document one real key event at a time, at a steady pace. Each key is logged *before* it
  is sent, so a logged key may be missing from the editor but an editor key is never
  missing from the log. The log is plain text, one line per event, written with
  ``os.write`` to a file opened for appending, so every line that was written survives a
  SIGKILL::

      start <time.time()>        typing begins
      <index> <time.time()>      the key TEXT[index] is pressed now
      end <time.time()>          TEXT is all typed

- ``--test-restore PATH``: answer the recovery dialog that start-up shows by clicking its
  "Restore selected" button, wait for the restored windows to finish loading, write what
  they hold to PATH as JSON, then close down cleanly (the restored text stays in this
  session's recovery folder, as on any exit with unsaved work).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from writer_app.core.recovery import load_recovered_documents
from writer_app.gui.recovery_dialog import RecoveryDialog

POLL_MS = 50
# Start-up settles (first paint, recovery, the engine's status) before the first key.
TYPE_START_DELAY_S = 0.3
RESTORE_TIMEOUT_S = 45.0
SETTLE_S = 3.0


def install_trial_hooks(controller, args: argparse.Namespace) -> None:
    """Set up the hooks the flags ask for; they live as long as the application."""
    qapp = QApplication.instance()
    if args.test_type is not None and args.test_type_rate:
        SteadyTyper(controller, args.test_type, args.test_type_rate, args.test_type_log, bool(args.files), qapp)
    if args.test_restore:
        RecoveryAnswerer(controller, Path(args.test_restore), qapp)


class SteadyTyper(QObject):
    """Types *text* into the editor at *rate* keys per second, logging each key."""

    def __init__(self, controller, text: str, rate: float, log_path: str | None, wait_for_file: bool, parent):
        super().__init__(parent)
        self._controller = controller
        self._text = text
        self._wait_for_file = wait_for_file
        self._fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) if log_path else None
        self._index = 0
        self._window = None
        self._created = time.monotonic()
        self._ready = QTimer(self, interval=POLL_MS)
        self._ready.timeout.connect(self._begin_when_ready)
        self._ready.start()
        self._keys = QTimer(self, interval=max(1, round(1000 / rate)))
        self._keys.setTimerType(Qt.TimerType.PreciseTimer)
        self._keys.timeout.connect(self._type_next)

    def _log(self, what: str) -> None:
        if self._fd is not None:
            # One write per line, no Python buffer: what was written is on disk for the reader at once.
            os.write(self._fd, f"{what} {time.time():.6f}\n".encode("ascii"))

    def _begin_when_ready(self) -> None:
        if time.monotonic() - self._created < TYPE_START_DELAY_S:
            return
        ready = [window for window in self._controller.windows if not window.loading]
        if self._wait_for_file:
            ready = [window for window in ready if window.path is not None]
        if not ready:
            return
        self._ready.stop()
        self._window = ready[0]
        editor = self._window.editor
        editor.setFocus()
        # Type after whatever the opened file holds, as a writer adding to a manuscript would.
        QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        self._log("start")
        self._keys.start()
        self._type_next()

    def _type_next(self) -> None:
        if self._index >= len(self._text):
            self._keys.stop()
            self._log("end")
            return
        self._log(str(self._index))
        QTest.keyClicks(self._window.editor, self._text[self._index])
        self._index += 1


class RecoveryAnswerer(QObject):
    """Clicks "Restore selected" in the recovery dialog, then reports the restored windows and quits."""

    def __init__(self, controller, out_path: Path, parent):
        super().__init__(parent)
        self._controller = controller
        self._out_path = out_path
        self._offered = 0
        self._clicked = False
        self._choice: str | None = None
        self._deadline = time.monotonic() + RESTORE_TIMEOUT_S
        self._loaded_at: float | None = None
        # Hear what the real start-up path decided; the dialog itself is answered by the poll below.
        original = controller.offer_recovery

        def observed(parent_window):
            choice = original(parent_window)
            self._choice = choice
            return choice

        controller.offer_recovery = observed
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self._poll.start()

    def _on_poll(self) -> None:
        windows = list(self._controller.windows)
        if time.monotonic() > self._deadline:
            if self._choice is not None:
                state = "restored windows still loading"
            elif self._clicked:
                state = "the recovery dialog did not close after Restore selected"
            else:
                state = "offer_recovery never returned"
            self._finish(self._report(windows, f"timed out after {RESTORE_TIMEOUT_S:.0f} s: {state}"))
            return
        dialog = _visible_recovery_dialog()
        if dialog is not None:
            if not self._clicked:
                self._click_restore(dialog)
            return
        if self._choice is None or any(window.loading for window in windows):
            return
        # Loaded. Give this session's own copy of the restored text, and the forgetting of the
        # crashed session's copy, a moment if they happen in the background; the report says if not.
        if self._loaded_at is None:
            self._loaded_at = time.monotonic()
        report = self._report(windows)
        settled = report["offers_left"] == 0 and all(doc["snapshot_kept"] for doc in report["documents"])
        if settled or time.monotonic() - self._loaded_at > SETTLE_S:
            self._finish(report)

    def _click_restore(self, dialog: RecoveryDialog) -> None:
        self._clicked = True
        self._offered = dialog.document_list.count()
        button = getattr(dialog, "restore_button", None) or _button_with_text(dialog, "Restore selected")
        if button is None:
            return  # the timeout reports it
        # The poll runs inside the dialog's own event loop; clicking ends that loop once this slot returns.
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def _report(self, windows, error: str | None = None) -> dict:
        session = self._controller.recovery  # None when recovery copies are off
        session_folder = session.folder if session is not None else None
        documents = [
            {
                "text": window.editor.text(),
                "path": str(window.path) if window.path else None,
                "modified": window.editor.document().isModified(),
                "snapshot_kept": _snapshot_holds(session_folder, window.editor.text()),
            }
            for window in windows
            if window.path is not None or not window.editor.document().isEmpty()
        ]
        # Copies from crashed sessions still on offer after the restore (the next start would show them again).
        left = 0
        for root in getattr(self._controller, "recovery_roots", [self._controller.paths.recovery_dir]):
            try:
                left += len(load_recovered_documents(root))
            except OSError:
                pass
        return {
            "offered": self._offered,
            "clicked": self._clicked,
            "choice": self._choice,
            "documents": documents,
            "offers_left": left,
            "error": error,
        }

    def _finish(self, report: dict) -> None:
        self._poll.stop()
        partial = self._out_path.with_name(self._out_path.name + ".part")
        partial.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self._out_path)
        self._controller.shutdown()
        QApplication.instance().exit(0 if report["error"] is None else 3)


def _visible_recovery_dialog() -> RecoveryDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, RecoveryDialog) and widget.isVisible():
            return widget
    return None


def _button_with_text(dialog: QObject, label: str) -> QPushButton | None:
    for button in dialog.findChildren(QPushButton):
        if button.text().replace("&", "") == label:
            return button
    return None


def _snapshot_holds(folder: Path | None, text: str) -> bool:
    """True when this session's recovery folder has a snapshot of *text*."""
    for snapshot in folder.glob("*.json") if folder is not None else []:
        try:
            if json.loads(snapshot.read_text(encoding="utf-8")).get("text") == text:
                return True
        except (OSError, ValueError, AttributeError):
            continue
    return False
