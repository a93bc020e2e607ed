"""What a writing panel tells the writer about the story context it sends: the Codex line, and "Show prompt"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.codex import codex_block
from writer_app.gui.panels.context import PanelContext

# How long the cursor must rest before the Codex line is worked out again.
UPDATE_DELAY_MS = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("StoryContext", text)


class CodexLine(QWidget):
    """ "Codex: Elizabeth, Darcy, Pemberley · ≈180 tokens", and a "Show prompt" button for the last request.

    *span* gives the ``(start, end)`` a request would be made for now (the cursor, or the selection).
    """

    def __init__(self, context: PanelContext, span, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._span = span
        self.last_prompt = ""
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the writer's names, never HTML
        self.label.setWordWrap(True)
        self.label.setObjectName("codexLine")
        self.show_prompt_button = QPushButton(_tr("Show prompt"), self)
        self.show_prompt_button.setToolTip(_tr("The exact prompt of the last request"))
        self.show_prompt_button.setEnabled(False)
        self.show_prompt_button.clicked.connect(self.show_prompt)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_prompt_button)
        self._timer = QTimer(self, singleShot=True, interval=UPDATE_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        context.editor.cursorPositionChanged.connect(self._timer.start)
        context.editor.selectionChanged.connect(self._timer.start)
        context.codex.sig_changed.connect(self._timer.start)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()  # a hidden line is not kept up to date

    def refresh(self) -> None:
        if not self.isVisible() and self.label.text():
            return  # worked out again when shown
        if self.context.loading or not self.context.codex.entries:
            self.label.setText(_tr("Codex: no entries yet (see the Codex panel)."))
            return
        start, end = self._span()
        _, names, tokens = codex_block(self.context.codex_snippets(start, end))
        if names:
            self.label.setText(_tr("Codex: {names} · ≈{tokens} tokens").format(names=", ".join(names), tokens=tokens))
        else:
            self.label.setText(_tr("Codex: no entry is named here."))

    def remember(self, result) -> None:
        """Keep the prompt of a finished request for "Show prompt"."""
        prompt = getattr(result, "prompt_text", "")
        if prompt:
            self.last_prompt = prompt
            self.show_prompt_button.setEnabled(True)

    def show_prompt(self) -> None:
        if self.last_prompt:
            show_prompt_dialog(self, self.last_prompt)


def show_prompt_dialog(parent: QWidget, prompt: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("promptDialog")
    dialog.setWindowTitle(_tr("The last prompt"))
    view = QPlainTextEdit(dialog)
    view.setReadOnly(True)
    view.setPlainText(prompt)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    note = QLabel(
        _tr("Exactly what the model read, its chat template included ({chars} characters).").format(chars=len(prompt)),
        dialog,
    )
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(note)
    layout.addWidget(view, 1)
    layout.addWidget(buttons)
    dialog.resize(720, 520)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
