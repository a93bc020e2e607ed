"""Offers the documents a crashed session left behind."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.recovery import RecoveredDocument


class RecoveryDialog(QDialog):
    """Result: ``choice`` is "restore", "discard" or "later"; ``selected()`` lists the ticked documents."""

    def __init__(self, documents: list[RecoveredDocument], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.setMinimumWidth(520)
        self._documents = documents
        self.choice = "later"

        intro = QLabel(
            self.tr(
                "Inkwell did not close normally last time. These documents had changes "
                "that were not saved. Tick the ones to restore; each opens in its own window."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.document_list = QListWidget(self)
        self.document_list.setWordWrap(True)
        self.document_list.setAlternatingRowColors(True)
        for document in documents:
            when = datetime.fromtimestamp(document.saved_at).strftime("%Y-%m-%d %H:%M:%S")
            location = document.path or self.tr("never saved")
            words = len(document.text.split())
            item = QListWidgetItem(
                self.tr("{title} — {when} — {words} words\n{location}\n{preview}").format(
                    title=document.title, when=when, words=words, location=location, preview=document.preview()
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.document_list.addItem(item)

        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore selected"), self)
        self.discard_button = QPushButton(self.tr("&Discard all"), self)
        self.later_button = QPushButton(self.tr("Decide &later"), self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._finish("restore"))
        self.discard_button.clicked.connect(lambda: self._finish("discard"))
        self.later_button.clicked.connect(lambda: self._finish("later"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.document_list, 1)
        layout.addWidget(buttons)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "later" else self.reject()

    def selected(self) -> list[RecoveredDocument]:
        return [
            document
            for row, document in enumerate(self._documents)
            if self.document_list.item(row).checkState() == Qt.CheckState.Checked
        ]
