"""Find and Replace, a non-modal dialog over the manuscript editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FindReplaceDialog(QDialog):
    sig_message = Signal(str)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find and Replace"))
        self.setModal(False)
        self._editor = editor

        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Text to find"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.match_case = QCheckBox(self.tr("Match &case"), self)
        self.whole_words = QCheckBox(self.tr("&Whole words"), self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("findStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what the writer searched for

        self.find_next_button = QPushButton(self.tr("Find &Next"), self)
        self.find_previous_button = QPushButton(self.tr("Find &Previous"), self)
        self.replace_button = QPushButton(self.tr("&Replace"), self)
        self.replace_all_button = QPushButton(self.tr("Replace &All"), self)
        self.find_next_button.setDefault(True)

        form = QFormLayout()
        form.addRow(self.tr("Find:"), self.find_edit)
        form.addRow(self.tr("Replace:"), self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.match_case)
        options.addWidget(self.whole_words)
        options.addStretch(1)
        buttons = QDialogButtonBox(self)
        for button in (self.find_next_button, self.find_previous_button, self.replace_button, self.replace_all_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.hide)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self.find_next_button.clicked.connect(self.find_next)
        self.find_previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)

    def open_for(self, replace: bool = False) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.status_label.clear()
        self.show()
        self.raise_()
        self.activateWindow()
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    # --- searching ---------------------------------------------------------
    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.whole_words.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _say(self, message: str) -> None:
        self.status_label.setText(message)
        self.sig_message.emit(message)

    def _search(self, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            self._say(self.tr("Type something to find."))
            return False
        document = self._editor.document()
        start = self._editor.textCursor()
        found = document.find(needle, start, self._flags(backward))
        wrapped = False
        if found.isNull():
            edge = QTextCursor(document)
            edge.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            found = document.find(needle, edge, self._flags(backward))
            wrapped = not found.isNull()
        if found.isNull():
            self._say(self.tr("“{text}” was not found.").format(text=needle))
            return False
        self._editor.setTextCursor(found)
        self._editor.ensureCursorVisible()
        if wrapped:
            self._say(self.tr("Search wrapped around the document."))
        else:
            self.status_label.clear()
        return True

    def find_next(self) -> bool:
        return self._search(backward=False)

    def find_previous(self) -> bool:
        return self._search(backward=True)

    def _selection_matches(self) -> bool:
        selected = self._editor.textCursor().selectedText()
        needle = self.find_edit.text()
        if not selected or not needle:
            return False
        if self.match_case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace_one(self) -> bool:
        """Replace the current match (if the selection is one), then go to the next."""
        if self._selection_matches():
            self._editor.textCursor().insertText(self.replace_edit.text())
        return self.find_next()

    def replace_all(self) -> int:
        needle = self.find_edit.text()
        if not needle:
            self._say(self.tr("Type something to find."))
            return 0
        document = self._editor.document()
        replacement = self.replace_edit.text()
        flags = self._flags()
        count = 0
        edit = QTextCursor(document)
        edit.beginEditBlock()  # one undo step for the whole replacement
        cursor = document.find(needle, QTextCursor(document), flags)
        while not cursor.isNull():
            cursor.insertText(replacement)
            count += 1
            cursor = document.find(needle, cursor, flags)
        edit.endEditBlock()
        self._say(self.tr("Replaced {count} occurrence(s).").format(count=count))
        return count
