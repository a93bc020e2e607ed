"""The calm bar above the manuscript that says the file changed on disk, and the comparison it offers."""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Beyond this many differing lines the comparison stops listing them.
MAX_DIFF_LINES = 20_000


class DiskChangeBar(QFrame):
    """Shown when another program changed or deleted the open file; the writer decides."""

    sig_reload_requested = Signal()
    sig_keep_requested = Signal()
    sig_compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("diskChangeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("&Reload"), self)
        self.reload_button.setToolTip(self.tr("Show the version on disk; Undo brings yours back"))
        self.keep_button = QPushButton(self.tr("&Keep Mine"), self)
        self.keep_button.setToolTip(self.tr("Keep your text; the next save replaces the version on disk"))
        self.compare_button = QPushButton(self.tr("Com&pare…"), self)
        # Through a slot: clicked(bool) forwarded to an argument-less signal upsets PySide's reference counts.
        self.reload_button.clicked.connect(lambda: self.sig_reload_requested.emit())
        self.keep_button.clicked.connect(lambda: self.sig_keep_requested.emit())
        self.compare_button.clicked.connect(lambda: self.sig_compare_requested.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        for button in (self.compare_button, self.keep_button, self.reload_button):
            layout.addWidget(button)
        self.hide()

    def show_changed(self, name: str) -> None:
        self.message.setText(
            self.tr("“{name}” was changed by another program. Your text here is untouched.").format(name=name)
        )
        self.reload_button.setVisible(True)
        self.compare_button.setVisible(True)
        self.show()

    def show_deleted(self, name: str) -> None:
        self.message.setText(
            self.tr(
                "“{name}” was deleted or moved by another program. Your text is still here; save to keep it."
            ).format(name=name)
        )
        self.reload_button.setVisible(False)
        self.compare_button.setVisible(False)
        self.show()


def describe_differences(mine: str, theirs: str) -> str:
    """A unified diff: lines with "-" are only in the writer's text, "+" only in the file on disk."""
    lines = difflib.unified_diff(
        mine.splitlines(), theirs.splitlines(), "In Inkwell (yours)", "On disk", n=2, lineterm=""
    )
    out = []
    for count, line in enumerate(lines):
        if count >= MAX_DIFF_LINES:
            out.append("…")
            break
        out.append(line)
    return "\n".join(out)


class CompareDialog(QDialog):
    """Your text against the file on disk, line by line; read-only."""

    def __init__(self, name: str, mine: str, theirs: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with the File on Disk"))
        self.resize(760, 520)
        intro = QLabel(
            self.tr(
                "“{name}”: lines starting with − are only in your text in Inkwell, "
                "lines starting with + only in the file on disk."
            ).format(name=name),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.diff_view = QPlainTextEdit(self)
        self.diff_view.setReadOnly(True)
        self.diff_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        diff = describe_differences(mine, theirs)
        self.diff_view.setPlainText(diff or self.tr("The texts are the same."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.diff_view, 1)
        layout.addWidget(buttons)
