"""Offers the documents a crashed session left behind."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.recovery import RecoveredDocument


class RecoveryDialog(QDialog):
    """Result: ``choice`` is "restore", "discard" or "later"; ``selected()`` lists the ticked documents.

    Nothing is deleted by "restore" or "later": unticked documents are offered
    again at the next start. "Discard all" deletes them all, after the writer confirms.
    """

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
        intro.setTextFormat(Qt.TextFormat.PlainText)

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

        self.outcome_label = QLabel(self)
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore selected"), self)
        self.discard_button = QPushButton(self.tr("&Discard all"), self)
        self.later_button = QPushButton(self.tr("Decide &later"), self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._finish("restore"))
        # Asked after the click has returned, so the question is not nested inside the button's signal.
        self.discard_button.clicked.connect(lambda: QTimer.singleShot(0, self._confirm_discard))
        self.later_button.clicked.connect(lambda: self._finish("later"))
        self.document_list.itemChanged.connect(self._update_outcome)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.document_list, 1)
        layout.addWidget(self.outcome_label)
        layout.addWidget(buttons)
        self._update_outcome()

    def _update_outcome(self) -> None:
        """Say what each button will do with the documents, as the ticks are now."""
        ticked = len(self.selected())
        unticked = len(self._documents) - ticked
        self.restore_button.setEnabled(ticked > 0)
        if unticked == 0:
            keep = self.tr("Decide later keeps them all for the next time Inkwell starts.")
        else:
            keep = self.tr(
                "Unticked documents are not deleted: they are kept and offered again the next time Inkwell starts."
            )
        self.outcome_label.setText(keep + " " + self.tr("Discard all deletes every one of them for good."))

    def _confirm_discard(self) -> None:
        count = len(self._documents)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Discard recovered work?"),
            self.tr("Delete all {count} recovered documents?").format(count=count)
            if count > 1
            else self.tr("Delete the recovered document?"),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Their unsaved changes will be gone for good. This cannot be undone."))
        box.setTextFormat(Qt.TextFormat.PlainText)
        discard = box.addButton(self.tr("Discard permanently"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is discard:
            self._finish("discard")

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "later" else self.reject()

    def selected(self) -> list[RecoveredDocument]:
        return [
            document
            for row, document in enumerate(self._documents)
            if self.document_list.item(row).checkState() == Qt.CheckState.Checked
        ]
