"""Next word: the model's likeliest next words at the cursor, as a menu; choosing one types it and asks again."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QMenu, QWidget

from writer_app.core.requests import NextWordRequest
from writer_app.core.results import Failure, NextWordResult
from writer_app.gui.panels.context import PanelContext
from writer_app.service.handle import RequestHandle

CHOICES = 20
BRANCHES = 3


def joined(before: str, word: str) -> str:
    """*word* as typed after *before*: a space first when it starts a new word."""
    if not before or before[-1].isspace() or not word[:1].isalnum():
        return word
    return " " + word


class NextWord(QObject):
    sig_branch_requested = Signal(tuple)  # the texts to type, one branch each (Continue writes them)

    def __init__(self, context: PanelContext, parent: QWidget):
        super().__init__(parent)
        self.context = context
        self.handle: RequestHandle | None = None
        self.menu: QMenu | None = None
        self._say = lambda _message: None

    def set_reporter(self, say) -> None:
        """*say(message)* tells the writer why no choices came (the status bar)."""
        self._say = say

    def ask(self) -> RequestHandle | None:
        if self.context.loading:
            return None
        if self.handle is not None:
            self.handle.abandon()
        at = self.context.cursor_index()
        request = NextWordRequest(
            model_id=self.context.settings.continue_model,
            text=self.context.text(),
            at=at,
            notes=self.context.notes.text,
            codex=self.context.codex_snippets(at, at),
        )
        handle = self.context.submit(request)
        if handle is None:
            self._say(self.context.starting_message())
            return None
        self.handle = handle
        handle.sig_finished.connect(lambda result: self._show(result, at))
        handle.sig_failed.connect(lambda failure: self._failed(failure))
        return handle

    def _failed(self, failure: Failure) -> None:
        self.handle = None
        self._say(failure.message)

    def _show(self, result: NextWordResult, at: int) -> None:
        self.handle = None
        if self.context.cursor_index() != at or not result.choices:
            return  # the writer moved on meanwhile
        editor = self.context.editor
        menu = QMenu(editor)
        menu.setObjectName("nextWordMenu")
        for word, probability in result.choices[:CHOICES]:
            action = menu.addAction(f"{word}\t{probability:.0%}")
            action.triggered.connect(lambda _checked=False, word=word: self.choose(word))
        before = self.context.text()[:at]
        starts = tuple(joined(before, word) for word, _p in result.choices[:BRANCHES])
        menu.addSeparator()
        branch = menu.addAction(self.tr("Branch: a sentence from each of the first {count}").format(count=len(starts)))
        branch.setToolTip(self.tr("Write a short continuation from each, side by side in the Continue panel"))
        branch.triggered.connect(lambda _checked=False: self.sig_branch_requested.emit(starts))
        self.menu = menu
        rect = editor.cursorRect()
        menu.popup(editor.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom())))

    def choose(self, word: str) -> None:
        """Type *word* at the cursor (one undo step) and offer the next choices."""
        editor = self.context.editor
        before = self.context.text()[: self.context.cursor_index()]
        cursor = editor.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(joined(before, word))
        cursor.endEditBlock()
        editor.setTextCursor(cursor)
        self.ask()
