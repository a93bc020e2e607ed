from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from writer_app.gui.application import InkwellApplication
from writer_app.paths import AppPaths


class ModalAnswerer:
    """Answers the next modal dialogs by clicking a button with the given text.

    Each dialog's text is kept in ``seen`` so tests can assert what the writer was told.
    """

    def __init__(self):
        self._answers: list[str] = []
        self.seen: list[str] = []
        self._timer = QTimer(interval=20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def queue(self, *button_texts: str) -> None:
        self._answers.extend(button_texts)

    @property
    def pending(self) -> int:
        return len(self._answers)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not self._answers or not dialog.isVisible():
            return
        wanted = self._answers[0]
        if isinstance(dialog, QMessageBox):
            self.seen.append(f"{dialog.text()}\n{dialog.informativeText()}")
        else:
            self.seen.append(dialog.windowTitle())
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisible() and button.text().replace("&", "") == wanted:
                self._answers.pop(0)
                button.click()
                return
        labels = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        self._answers.pop(0)
        dialog.reject()
        raise AssertionError(f"No button {wanted!r} in dialog; buttons: {labels}")

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def answer_dialogs(qapp):
    answerer = ModalAnswerer()
    yield answerer
    answerer.stop()
    assert not answerer.pending, f"dialogs expected but never shown: {answerer._answers}"


@pytest.fixture
def controller(qapp):
    app = InkwellApplication(qapp, AppPaths.from_environment())
    yield app
    app.shutdown()
    app.setParent(None)
    app.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def window(controller, qtbot):
    win = controller.new_window()
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    win.close()


def type_text(qtbot, window, text: str) -> None:
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, text)
