"""The Rewrite panel: alternatives for the selected passage, side by side, each with its changes marked.

Every alternative was checked by the task (meaning kept, length, not a copy,
no talk about itself); usable ones come first, the others are shown with why
they failed. Accepting one replaces the passage as one undo step; discarding
leaves no trace.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.requests import RewriteRequest
from writer_app.core.results import Failure, RewriteAlternative, RewriteResult
from writer_app.core.rewrite import word_diff
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.request_panel import RequestPanel
from writer_app.gui.panels.scrolling import scroll_contents
from writer_app.gui.panels.story_context import CodexLine

MODE_LABELS = (
    ("rephrase", QT_TRANSLATE_NOOP("RewritePanel", "Rephrase")),
    ("shorten", QT_TRANSLATE_NOOP("RewritePanel", "Shorten")),
    ("expand", QT_TRANSLATE_NOOP("RewritePanel", "Expand")),
    ("describe", QT_TRANSLATE_NOOP("RewritePanel", "Describe (senses)")),
    ("tone", QT_TRANSLATE_NOOP("RewritePanel", "Change tone")),
    ("grammar", QT_TRANSLATE_NOOP("RewritePanel", "Fix grammar")),
    ("custom", QT_TRANSLATE_NOOP("RewritePanel", "Custom instruction")),
)
DETAILS = {
    "describe": (
        QT_TRANSLATE_NOOP("RewritePanel", "sight, sound and smell"),
        QT_TRANSLATE_NOOP("RewritePanel", "sight"),
        QT_TRANSLATE_NOOP("RewritePanel", "sound"),
        QT_TRANSLATE_NOOP("RewritePanel", "smell"),
        QT_TRANSLATE_NOOP("RewritePanel", "touch"),
        QT_TRANSLATE_NOOP("RewritePanel", "taste"),
    ),
    "tone": (
        QT_TRANSLATE_NOOP("RewritePanel", "more formal"),
        QT_TRANSLATE_NOOP("RewritePanel", "more casual"),
        QT_TRANSLATE_NOOP("RewritePanel", "tenser"),
        QT_TRANSLATE_NOOP("RewritePanel", "warmer"),
        QT_TRANSLATE_NOOP("RewritePanel", "darker"),
    ),
}
# Inserted and removed words in the diff: colours legible on light and dark themes.
INSERTED_STYLE = "background-color: rgba(46, 160, 67, 0.28);"
DELETED_STYLE = "background-color: rgba(218, 54, 51, 0.22); text-decoration: line-through;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RewritePanel", text)


def diff_html(original: str, rewritten: str) -> str:
    """The alternative with inserted words marked and removed ones struck through.

    When most of the wording is new, the removed words are left out: struck
    through between the new ones they would make the alternative unreadable.
    """
    pieces = word_diff(original, rewritten)
    kept = sum(len(text.split()) for op, text in pieces if op == "equal")
    show_removed = kept >= 0.5 * max(1, len(rewritten.split()))
    parts = []
    for op, text in pieces:
        if op == "delete" and not show_removed:
            continue
        escaped = html.escape(text).replace("\n", "<br>")
        if op == "insert":
            parts.append(f'<span style="{INSERTED_STYLE}">{escaped}</span>')
        elif op == "delete":
            parts.append(f'<span style="{DELETED_STYLE}">{escaped}</span>')
        else:
            parts.append(escaped)
    return "".join(parts)


class AlternativeCard(QFrame):
    def __init__(self, number: int, original: str, alternative: RewriteAlternative, parent: QWidget | None = None):
        super().__init__(parent)
        self.alternative = alternative
        self.entry_id: str | None = None  # in the manuscript's history
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("rewriteAlternative")
        if alternative.passed:
            verdict = _tr("{number} · usable · meaning kept {similarity:.0%}").format(
                number=number, similarity=max(0.0, alternative.similarity)
            )
        else:
            reasons = "; ".join(alternative.reasons)
            verdict = _tr("{number} · not usable: {reasons}").format(number=number, reasons=reasons)
        self.header = QLabel(verdict, self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.view = QTextBrowser(self)
        self.view.setHtml(diff_html(original, alternative.text))
        self.view.setToolTip(_tr("Green: words added. Struck through: words removed."))
        self.accept_button = QPushButton(_tr("Use this one"), self)
        self.accept_button.setToolTip(_tr("Replace the passage with this alternative (Undo brings the passage back)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.accept_button)
        if not alternative.passed:
            self.header.setStyleSheet("color: palette(placeholder-text);")
        self.setMinimumWidth(240)


class RewritePanel(RequestPanel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._target: QTextCursor | None = None  # the passage being rewritten, kept in step with edits
        self._original = ""
        self._last_request: RewriteRequest | None = None
        self.cards: list[AlternativeCard] = []
        self._build()
        self.on_busy_changed(False)
        context.editor.selectionChanged.connect(self._show_selection)
        self._show_selection()

    def _build(self) -> None:
        self.selection_label = QLabel(self)
        self.selection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.selection_label.setWordWrap(True)
        self.mode_combo = QComboBox(self)
        for key, label in MODE_LABELS:
            self.mode_combo.addItem(QCoreApplication.translate("RewritePanel", label), key)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.detail_combo = QComboBox(self)
        self.instruction_edit = QLineEdit(self)
        self.instruction_edit.setPlaceholderText(self.tr("e.g. Make it sound like a letter"))
        self.instruction_edit.returnPressed.connect(lambda: self.rewrite())
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(1, 5)
        self.count_spin.setValue(3)
        form = QFormLayout()
        form.addRow(self.tr("Mode"), self.mode_combo)
        self.detail_row = QLabel(self.tr("Focus"), self)
        form.addRow(self.detail_row, self.detail_combo)
        self.instruction_row = QLabel(self.tr("Instruction"), self)
        form.addRow(self.instruction_row, self.instruction_edit)
        form.addRow(self.tr("Alternatives"), self.count_spin)
        self.primary_button = QPushButton(self.tr("Rewrite"), self)
        self.primary_button.setToolTip(self.tr("Rewrite the selected passage (Ctrl+Shift+R)"))
        self.primary_button.clicked.connect(lambda: self.rewrite())
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.clicked.connect(self.stop)
        self.regenerate_button = QPushButton(self.tr("Regenerate"), self)
        self.regenerate_button.setToolTip(self.tr("New alternatives for the same passage"))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setToolTip(self.tr("Keep the passage as it is"))
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.primary_button, 1)
        buttons.addWidget(self.stop_button)
        self.progress = QProgressBar(self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.codex_line = CodexLine(self.context, self._request_span, self)

        # The alternatives, side by side; scroll sideways when the dock is narrow.
        self.cards_host = QWidget(self)
        self.cards_layout = QHBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_scroll = QScrollArea(self)
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setWidget(self.cards_host)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setMinimumHeight(240)
        after = QHBoxLayout()
        after.addWidget(self.regenerate_button)
        after.addWidget(self.discard_button)
        after.addStretch(1)

        layout = scroll_contents(self)
        layout.addWidget(self.selection_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.codex_line)
        layout.addWidget(self.cards_scroll, 1)
        layout.addLayout(after)
        self._mode_changed()
        self._update_result_buttons()

    # ------------------------------------------------------------------ choices
    @property
    def mode(self) -> str:
        return self.mode_combo.currentData()

    def set_mode(self, mode: str) -> None:
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(mode)))

    def _mode_changed(self) -> None:
        mode = self.mode
        details = DETAILS.get(mode, ())
        self.detail_combo.clear()
        for detail in details:
            self.detail_combo.addItem(QCoreApplication.translate("RewritePanel", detail), detail)
        for widget in (self.detail_combo, self.detail_row):
            widget.setVisible(bool(details))
        for widget in (self.instruction_edit, self.instruction_row):
            widget.setVisible(mode == "custom")

    def detail(self) -> str:
        if self.mode == "custom":
            return self.instruction_edit.text().strip()
        return self.detail_combo.currentData() or ""

    def _request_span(self) -> tuple[int, int]:
        return self.context.selection() or (self.context.cursor_index(),) * 2

    def _show_selection(self) -> None:
        span = self.context.selection()
        if span is None:
            self.selection_label.setText(self.tr("Select a passage in the manuscript to rewrite it."))
            return
        words = len(self.context.text()[span[0] : span[1]].split())
        self.selection_label.setText(self.tr("Selected: {words} words.").format(words=words))

    # ------------------------------------------------------------------ actions
    def rewrite(self, mode: str | None = None):
        """Alternatives for the selected passage, in *mode* (the chosen one by default)."""
        if mode is not None:
            self.set_mode(mode)
        if self.context.loading:
            return None
        span = self.context.selection()
        text = self.context.text()
        if span is None or not text[span[0] : span[1]].strip():
            self.status_label.setText(self.tr("Select the words to rewrite first."))
            return None
        if self.mode == "custom" and not self.detail():
            self.status_label.setText(self.tr("Write the instruction first: what should change?"))
            self.instruction_edit.setFocus()
            return None
        start, end = span
        request = RewriteRequest(
            model_id=self.context.settings.ask_model,
            embed_model_id=self.context.settings.embed_model,
            text=text,
            start=start,
            end=end,
            mode=self.mode,
            detail=self.detail(),
            notes=self.context.notes.text,
            codex=self.context.codex_snippets(start, end, text),
            count=self.count_spin.value(),
        )
        cursor = self.context.editor.textCursor()
        target = QTextCursor(self.context.editor.document())
        target.setPosition(cursor.selectionStart())
        target.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        return self._run(request, target)

    def regenerate(self):
        if self._last_request is None or self._target is None:
            return None
        if self._current_passage() != self._original:
            self.status_label.setText(self.tr("The passage has changed since: select it and rewrite it again."))
            return None
        return self._run(self._last_request, self._target)

    def _run(self, request: RewriteRequest, target: QTextCursor):
        """Submit *request* for the passage *target* (a cursor the document keeps in step with edits)."""
        handle = self.submit(request)
        if handle is None:
            return None
        self._target = target
        self._original = request.text[request.start : request.end]
        self._last_request = request
        self._clear_cards()
        self.status_label.setText(self.tr("Rewriting…"))
        return handle

    def _current_passage(self) -> str:
        if self._target is None:
            return ""
        text = self.context.text()
        start = self.context.editor.index_of(self._target.selectionStart(), text)
        return text[start : self.context.editor.index_of(self._target.selectionEnd(), text)]

    def accept(self, card: AlternativeCard) -> bool:
        """Put *card*'s text in place of the passage: one undo step."""
        if self._target is None or self._current_passage() != self._original:
            self.status_label.setText(
                self.tr("The passage changed after it was rewritten; nothing was replaced. Select it and try again.")
            )
            return False
        cursor = QTextCursor(self._target)
        self.context.accepted(card.entry_id, self.context.editor.index_of(cursor.selectionStart()))
        cursor.beginEditBlock()
        cursor.insertText(card.alternative.text)
        cursor.endEditBlock()
        self.context.editor.setTextCursor(cursor)
        self._forget()
        self.status_label.setText(self.tr("Replaced. Undo (Ctrl+Z) brings the passage back."))
        return True

    def discard(self) -> None:
        self.stop()
        self._forget()
        self.status_label.clear()

    def _forget(self) -> None:
        self._target = None
        self._original = ""
        self._last_request = None
        self._clear_cards()

    def _clear_cards(self) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        self._update_result_buttons()

    def _update_result_buttons(self) -> None:
        self.regenerate_button.setEnabled(self._last_request is not None and not self.busy)
        self.discard_button.setEnabled(bool(self.cards) or self.busy)

    # ------------------------------------------------------------------ results
    def on_finished(self, result: RewriteResult) -> None:
        self.codex_line.remember(result)
        self._clear_cards()
        entries = [
            self.context.history_entry("rewrite", a.text, result, {"mode": result.mode}, self._original)
            for a in result.alternatives
        ]
        ids = self.context.remember(*entries)
        for number, (alternative, entry_id) in enumerate(zip(result.alternatives, ids), start=1):
            card = AlternativeCard(number, self._original, alternative, self.cards_host)
            card.entry_id = entry_id
            card.accept_button.clicked.connect(lambda _checked=False, c=card: self.accept(c))
            self.cards_layout.addWidget(card, 1)
            self.cards.append(card)
        usable = sum(a.passed for a in result.alternatives)
        if not result.alternatives:
            self.status_label.setText(self.tr("The model gave nothing back. Try Regenerate."))
        elif usable == 0:
            self.status_label.setText(
                self.tr(
                    "None of the {count} alternatives passed the checks; they are shown greyed with the reasons. "
                    "Regenerate, try another mode, or use a larger model (Models menu)."
                ).format(count=len(result.alternatives))
            )
        else:
            self.status_label.setText(
                self.tr("{usable} of {count} alternatives are usable. Pick one, or Discard.").format(
                    usable=usable, count=len(result.alternatives)
                )
            )
        self._update_result_buttons()

    def on_failed(self, failure: Failure) -> None:
        super().on_failed(failure)
        self._update_result_buttons()

    def on_busy_changed(self, busy: bool) -> None:
        super().on_busy_changed(busy)
        if hasattr(self, "regenerate_button"):
            self._update_result_buttons()

    def on_document_replaced(self) -> None:
        self._forget()
        self.status_label.clear()
