from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from tests.conftest import DATA_DIR
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


MANUSCRIPT = (DATA_DIR / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")


@pytest.fixture
def app_window(
    qapp, qtbot, isolated_dirs, tiny_llama_chat_dir, tiny_bert_dir, tiny_bart_dir, tiny_distilbert_qa_dir, tmp_path
):
    """The app with tiny random models in every role, and a window showing three chapters of a novel."""
    models = [
        ("tiny-chat", "Tiny Chat", '"continue", "instruct"', tiny_llama_chat_dir),
        ("tiny-embed", "Tiny Embed", '"embed"', tiny_bert_dir),
        ("tiny-bart", "Tiny Summariser", '"summarise"', tiny_bart_dir),
        ("tiny-qa", "Tiny Reader", '"qa"', tiny_distilbert_qa_dir),
        ("tiny-loose", "Tiny Loose", '"instruct"', tiny_llama_chat_dir),
    ]
    (isolated_dirs["config"] / "models.toml").write_text(
        "".join(
            f'[[model]]\nid = "{i}"\nname = "{n}"\nroles = [{r}]\nsource = "path"\npath = "{d}"\n\n'
            for i, n, r, d in models
        )
        + "loose_rewrites = true\n",  # for the last one
        encoding="utf-8",
    )
    settings = {
        "continue_model": "tiny-chat",
        "summarise_model": "tiny-chat",
        "ask_model": "tiny-chat",
        "embed_model": "tiny-embed",
        "device": "cpu",
    }
    (isolated_dirs["config"] / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    app = InkwellApplication(qapp, AppPaths.from_environment())
    window = app.start(offer_recovery=False)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
    path = tmp_path / "pp.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    with qtbot.waitSignal(window.sig_document_loaded):
        window.open_path(path)
    yield app, window
    window.shutdown()
    app.shutdown()
    app.setParent(None)
    QApplication.processEvents()
