"""The calm bar above the manuscript that says the file changed on disk, and the comparison it offers."""

from __future__ import annotations

import difflib
import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
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
    """A unified diff: lines with "-" are only in the writer's text, "+" only in the file on disk.

    The lines both texts begin and end with are set aside first, so a small
    change in a long manuscript compares at once; a middle part too long to
    compare line by line is only located.
    """
    a, b = mine.splitlines(), theirs.splitlines()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    keep = 2  # lines of context on each side
    start = max(head - keep, 0)
    a_mid, b_mid = a[start : len(a) - max(tail - keep, 0)], b[start : len(b) - max(tail - keep, 0)]
    if len(a_mid) + len(b_mid) > MAX_DIFF_LINES:
        return QCoreApplication.translate(
            "CompareDialog",
            "The texts differ from line {first} to line {last} of yours (line {last_on_disk} on disk): "
            "too much to compare line by line.",
        ).format(first=head + 1, last=len(a) - tail, last_on_disk=len(b) - tail)
    lines = difflib.unified_diff(a_mid, b_mid, "In Inkwell (yours)", "On disk", n=keep, lineterm="")
    # Line numbers in the hunks count from the start of the texts.
    return "\n".join(_shift_hunk(line, start) for line in lines)


def _shift_hunk(line: str, offset: int) -> str:
    if not offset or not line.startswith("@@"):
        return line
    match = re.match(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", line)
    if match is None:
        return line
    old, old_len, new, new_len = match.groups()
    return f"@@ -{int(old) + offset}{old_len or ''} +{int(new) + offset}{new_len or ''} @@"


class CompareDialog(QDialog):
    """Your text against the file on disk, line by line; read-only."""

    def __init__(self, name: str, mine: str, theirs: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with the File on Disk"))
        self.resize(760, 520)
        intro = QLabel(
            self.tr(
                "“{name}”: paragraphs marked - (red) are only in your text in Inkwell, "
                "paragraphs marked + (green) only in the file on disk."
            ).format(name=name),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.diff_view = QPlainTextEdit(self)
        self.diff_view.setReadOnly(True)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        diff = describe_differences(mine, theirs)
        self.diff_view.setPlainText(diff or self.tr("The texts are the same."))
        self._mark_changes()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.diff_view, 1)
        layout.addWidget(buttons)

    def _mark_changes(self) -> None:
        # Translucent tints read on light and dark themes alike.
        tints = {"-": QColor(220, 50, 50, 60), "+": QColor(40, 170, 70, 60)}
        selections = []
        block = self.diff_view.document().firstBlock()
        while block.isValid():
            text = block.text()
            tint = tints.get(text[:1]) if not text.startswith(("---", "+++")) else None
            if tint is not None:
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(tint)
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selections.append(selection)
            block = block.next()
        self.diff_view.setExtraSelections(selections)
