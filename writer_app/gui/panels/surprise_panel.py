"""The Surprise lens: how predictable each word of the current chapter (or selection) is to the writing model.

Words at or above the threshold are tinted warm, more strongly the more
surprising; predictable runs (stock phrases) are tinted cool. Hovering a
tinted word shows its probability and what the model expected instead. The
tints go as soon as the text changes: they describe the text that was read.
"""

from __future__ import annotations

import bisect
import html
import math

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSlider,
    QTextEdit,
    QToolTip,
    QWidget,
)

from writer_app.core.codex import chapter_at
from writer_app.core.requests import SurpriseRequest
from writer_app.core.results import SurpriseResult
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.request_panel import RequestPanel
from writer_app.gui.panels.scrolling import scroll_contents

DEFAULT_THRESHOLD_BITS = 12
WARM = QColor(230, 120, 40)
COOL = QColor(60, 130, 220)
SPAN_ROLE = Qt.ItemDataRole.UserRole


def document_positions(text: str, indices: list[int]) -> dict[int, int]:
    """Python string indices of *text* as QTextDocument positions (UTF-16 code units), in one pass."""
    if text.isascii():
        return {index: index for index in indices}
    positions, position, done = {}, 0, 0
    for index in sorted(set(indices)):
        position += len(text[done:index].encode("utf-16-le")) // 2
        done = index
        positions[index] = position
    return positions


class SurprisePanel(RequestPanel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.result: SurpriseResult | None = None
        self._text = ""  # the text the result describes
        self._starts: list[int] = []
        self.ignored: set[tuple[int, int, str]] = set()  # (start, end, text) the writer set aside
        self._build()
        self.on_busy_changed(False)
        context.editor.document().contentsChange.connect(self._on_text_changed)
        context.editor.viewport().installEventFilter(self)

    def _build(self) -> None:
        self.primary_button = QPushButton(self.tr("Look at this chapter"), self)
        self.primary_button.setToolTip(
            self.tr("Tint each word of the chapter at the cursor (or the selection) by how surprising it is")
        )
        self.primary_button.clicked.connect(lambda: self.look())
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.clicked.connect(self.stop)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.clear)
        self.progress = QProgressBar(self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.threshold = QSlider(Qt.Orientation.Horizontal, self)
        self.threshold.setRange(4, 24)
        self.threshold.setValue(DEFAULT_THRESHOLD_BITS)
        self.threshold.valueChanged.connect(self._tint)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.surprising_list = QListWidget(self)
        self.runs_list = QListWidget(self)
        for widget in (self.surprising_list, self.runs_list):
            widget.itemClicked.connect(self._show_item)
            widget.setWordWrap(True)
        self.ignore_button = QPushButton(self.tr("Ignore"), self)
        self.ignore_button.setToolTip(self.tr("Leave the selected item unmarked from now on"))
        self.ignore_button.clicked.connect(self.ignore_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.primary_button, 1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.clear_button)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(QLabel(self.tr("Mark from"), self))
        threshold_row.addWidget(self.threshold, 1)
        self.threshold_label = QLabel(self)
        threshold_row.addWidget(self.threshold_label)
        layout = scroll_contents(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addLayout(threshold_row)
        layout.addWidget(self.legend)
        layout.addWidget(QLabel(self.tr("Surprising words"), self))
        layout.addWidget(self.surprising_list, 1)
        layout.addWidget(QLabel(self.tr("Predictable runs"), self))
        layout.addWidget(self.runs_list, 1)
        layout.addWidget(self.ignore_button)
        self._show_threshold()

    # ------------------------------------------------------------------ asking
    def scope(self) -> tuple[int, int]:
        """The selection, else the chapter at the cursor (the whole text when it has no chapters)."""
        selection = self.context.selection()
        if selection is not None:
            return selection
        text = self.context.text()
        starts = self.context.chapter_starts()
        if not starts:
            return 0, len(text)
        number = max(1, chapter_at(starts, self.context.cursor_index()))
        end = starts[number] if number < len(starts) else len(text)
        return starts[number - 1], end

    def look(self):
        if self.context.loading:
            return None
        text = self.context.text()
        start, end = self.scope()
        if not text[start:end].strip():
            self.status_label.setText(self.tr("There is nothing to look at here yet."))
            return None
        self._text = text
        model = self.context.settings.continue_model
        handle = self.submit(SurpriseRequest(model_id=model, text=text, start=start, end=end))
        if handle is not None:
            self.status_label.setText(self.tr("Reading {words} words…").format(words=len(text[start:end].split())))
        return handle

    # ------------------------------------------------------------------ showing
    def on_finished(self, result: SurpriseResult) -> None:
        if self.context.text() != self._text:
            self.status_label.setText(self.tr("The text changed while it was read: look again."))
            return
        self.result = result
        self._starts = [word.start for word in result.words]
        self._tint()
        self._fill_lists()
        self.status_label.setText(
            self.tr(
                "Perplexity {perplexity:.1f} over {words} words. Hover a marked word to see what was expected."
            ).format(perplexity=result.perplexity, words=len(result.words))
        )

    def _show_threshold(self) -> None:
        bits = self.threshold.value()
        self.threshold_label.setText(self.tr("{bits} bits").format(bits=bits))
        self.legend.setText(
            self.tr(
                "Warm: words the model gave less than 1 in {odds:,} (at least {bits} bits). Cool: predictable runs."
            ).format(odds=2**bits, bits=bits)
        )

    def _tint(self) -> None:
        self._show_threshold()
        editor = self.context.editor
        if self.result is None:
            editor.set_extra_layer("surprise", [])
            return
        floor = self.threshold.value()
        words = [w for w in self.result.words if w.bits >= floor and not self._is_ignored(w.start, w.end)]
        runs = [r for r in self.result.predictable_runs if not self._is_ignored(r.start, r.end)]
        positions = document_positions(self._text, [i for item in (*words, *runs) for i in (item.start, item.end)])
        selections = []
        for item, color, strength in [
            *((w, WARM, min(1.0, (w.bits - floor + 4) / 16)) for w in words),
            *((r, COOL, 0.35) for r in runs),
        ]:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(editor.document())
            cursor.setPosition(positions[item.start])
            cursor.setPosition(positions[item.end], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            tint = QColor(color)
            tint.setAlphaF(0.15 + 0.45 * strength)
            fmt.setBackground(tint)
            selection.format = fmt
            selections.append(selection)
        editor.set_extra_layer("surprise", selections)

    def _fill_lists(self) -> None:
        self.surprising_list.clear()
        self.runs_list.clear()
        if self.result is None:
            return
        for word in self.result.surprising:
            if self._is_ignored(word.start, word.end):
                continue
            expected = ", ".join(repr(text.strip()) for text, _ in word.alternatives[:3] if text.strip())
            label = self.tr("{word} · {bits:.0f} bits").format(word=self._text[word.start : word.end], bits=word.bits)
            item = QListWidgetItem(label + (f" · {self.tr('expected')} {expected}" if expected else ""))
            item.setData(SPAN_ROLE, (word.start, word.end))
            self.surprising_list.addItem(item)
        for run in self.result.predictable_runs:
            if self._is_ignored(run.start, run.end):
                continue
            item = QListWidgetItem(" ".join(self._text[run.start : run.end].split()))
            item.setData(SPAN_ROLE, (run.start, run.end))
            item.setToolTip(self.tr("{bits:.2f} bits a word on average").format(bits=run.mean_bits))
            self.runs_list.addItem(item)

    def _show_item(self, item: QListWidgetItem) -> None:
        start, end = item.data(SPAN_ROLE)
        self.context.show_passage(start, end)

    def _is_ignored(self, start: int, end: int) -> bool:
        return (start, end, self._text[start:end]) in self.ignored

    def ignore_selected(self) -> None:
        for widget in (self.surprising_list, self.runs_list):
            for item in widget.selectedItems():
                start, end = item.data(SPAN_ROLE)
                self.ignored.add((start, end, self._text[start:end]))
        self._tint()
        self._fill_lists()

    def clear(self) -> None:
        self.result = None
        self._tint()
        self._fill_lists()
        self.status_label.clear()

    def _on_text_changed(self, _position: int, removed: int, added: int) -> None:
        if self.result is not None and (removed or added):
            self.clear()  # stale tints would mark the wrong words
            self.status_label.setText(self.tr("The text changed: look again to see it anew."))

    def on_document_replaced(self) -> None:
        self.ignored.clear()
        self.clear()

    # ------------------------------------------------------------------ hovering
    def word_at(self, index: int):
        if self.result is None:
            return None
        i = bisect.bisect_right(self._starts, index) - 1
        if i >= 0 and self.result.words[i].start <= index < self.result.words[i].end:
            return self.result.words[i]
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.result is not None:
            editor = self.context.editor
            cursor = editor.cursorForPosition(event.pos())
            word = self.word_at(editor.index_of(cursor.position(), self._text))
            if word is not None:
                expected = "".join(f"<br>{html.escape(repr(text))} {p:.1%}" for text, p in word.alternatives[:5])
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("<b>{word}</b>: {bits:.1f} bits (p = {p:.2g})").format(
                        word=html.escape(self._text[word.start : word.end]), bits=word.bits, p=math.pow(2, -word.bits)
                    )
                    + (f"<br>{self.tr('Expected:')}{expected}" if expected else ""),
                    editor,
                )
                return True
        return super().eventFilter(watched, event)
