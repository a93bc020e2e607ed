"""The Surprise lens: how predictable each word of the current chapter (or selection) is to the writing model.

Words at or above the threshold are tinted warm, more strongly the more
surprising; predictable runs (stock phrases) are tinted cool. Hovering a
tinted word shows its probability and what the model expected instead.

An edit removes the tints of the words it touched at once and, when the
writer pauses, rescores the edited paragraph against the model's kept cache
of the text before it (about half a second); the words after it keep their
scores. A strip shows each paragraph's mean surprisal, and a curve each
chapter's perplexity per word, measured on its first ``MEASURE_CHARS``.
"""

from __future__ import annotations

import bisect
import html
import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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
from writer_app.core.results import Failure, StopOutcome, SurpriseResult
from writer_app.core.surprise import (
    WordSurprise,
    changed_span,
    ignore_key,
    mean_bits,
    paragraph_around,
    paragraph_spans,
    predictable_runs,
    shifted,
    spliced,
    surprising_words,
    word_perplexity,
)
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.measure_chart import MeasureChart
from writer_app.gui.panels.request_panel import RequestPanel
from writer_app.gui.panels.scrolling import scroll_contents
from writer_app.gui.text_positions import document_positions

DEFAULT_THRESHOLD_BITS = 12
WARM = QColor(230, 120, 40)
COOL = QColor(60, 130, 220)
SPAN_ROLE = Qt.ItemDataRole.UserRole
# The pause after typing before the edited paragraph is rescored.
RESCORE_DELAY_MS = 900
# The pause after a key or a cursor move before the marks and charts are redrawn.
REDRAW_DELAY_MS = 250
# A chapter's point on the curve is measured on its first this many characters (about 2,000 words),
# so that every chapter costs at most a few seconds and long ones are not favoured.
MEASURE_CHARS = 12000


class SurprisePanel(RequestPanel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        # What the tints describe, always in the current text's indices.
        self.words: list[WordSurprise] = []
        self.runs: list = []  # core.surprise.Run
        self.surprising: list[WordSurprise] = []
        self._text = ""  # the text the words index (kept up to date as the writer types)
        self._starts: list[int] = []
        self._scope: tuple[int, int] | None = None
        self._context_start = 0  # where the reading's context began (rescoring reuses the cache from there)
        self._dirty: list[tuple[int, int]] = []  # edited paragraphs waiting to be rescored
        self._job: dict | None = None  # what the running request is for
        self._measure_queue: list[tuple[int, int]] = []  # chapters waiting to be measured
        self._ignored_here: set[str] = set()  # when the context keeps no lens record
        self._unsupported: dict[str, str] = {}  # model → why it cannot score text
        self._listed: tuple | None = None  # what the lists show, to skip redrawing them unchanged
        self._rescore_timer = QTimer(self, singleShot=True, interval=RESCORE_DELAY_MS)
        self._rescore_timer.timeout.connect(self._rescore)
        # While the writer types, only the scored words move with the text (their tints follow on their
        # own); marks, lists and the strip are redrawn once the typing pauses.
        self._derive_timer = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._derive_timer.timeout.connect(self._derive)
        self._cursor_timer = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._cursor_timer.timeout.connect(self._update_current)
        self._build()
        self.on_busy_changed(False)
        context.editor.document().contentsChange.connect(self._on_text_changed)
        context.editor.cursorPositionChanged.connect(self._follow_cursor)
        context.editor.viewport().installEventFilter(self)
        if context.lenses is not None:
            context.lenses.sig_changed.connect(self._on_memory_changed)

    def _build(self) -> None:
        self.primary_button = QPushButton(self.tr("Look at this chapter"), self)
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
        self.paragraph_strip = MeasureChart("strip", self)
        self.paragraph_strip.setToolTip(self.tr("Each paragraph's surprise: the warmer, the less predictable"))
        self.paragraph_strip.sig_clicked.connect(self._show_paragraph)
        self.chapter_curve = MeasureChart("curve", self)
        self.chapter_curve.sig_clicked.connect(self._show_chapter)
        self.measure_button = QPushButton(self.tr("Measure all chapters"), self)
        self.measure_button.setToolTip(
            self.tr("Draw each chapter's perplexity per word (from its first 2,000 words or so), in the background")
        )
        self.measure_button.clicked.connect(self.measure_chapters)
        self.surprising_list = QListWidget(self)
        self.runs_list = QListWidget(self)
        for widget in (self.surprising_list, self.runs_list):
            widget.itemClicked.connect(self._show_item)
            widget.setWordWrap(True)
        self.ignore_button = QPushButton(self.tr("Ignore"), self)
        self.ignore_button.setToolTip(
            self.tr("Leave the selected item unmarked from now on, wherever it recurs in this manuscript")
        )
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
        chapters_row = QHBoxLayout()
        chapters_row.addWidget(QLabel(self.tr("Chapters"), self), 1)
        chapters_row.addWidget(self.measure_button)
        layout = scroll_contents(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addLayout(threshold_row)
        layout.addWidget(self.legend)
        layout.addWidget(QLabel(self.tr("Paragraphs"), self))
        layout.addWidget(self.paragraph_strip)
        layout.addLayout(chapters_row)
        layout.addWidget(self.chapter_curve)
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
        return self._chapter_span(max(0, chapter_at(self.context.chapter_starts(), self.context.cursor_index()) - 1))

    def _chapters(self) -> list[tuple[int, int]]:
        text, starts = self.context.text(), self.context.chapter_starts()
        if not starts:
            return [(0, len(text))]
        return [(start, starts[i + 1] if i + 1 < len(starts) else len(text)) for i, start in enumerate(starts)]

    def _chapter_span(self, index: int) -> tuple[int, int]:
        chapters = self._chapters()
        return chapters[min(index, len(chapters) - 1)]

    def _model(self) -> str:
        return self.context.settings.continue_model

    def _submit(self, job: dict, **fields):
        if self.context.loading:
            return None
        self._rescore_timer.stop()
        handle = self.submit(SurpriseRequest(model_id=self._model(), text=job["text"], **fields))
        self._job = job if handle is not None else None
        return handle

    def look(self):
        """Read the scope afresh (drops the chapters still to be measured)."""
        text = self.context.text()
        start, end = self.scope()
        if not text[start:end].strip():
            self.status_label.setText(self.tr("There is nothing to look at here yet."))
            return None
        self._measure_queue.clear()
        handle = self._submit({"kind": "look", "text": text, "span": (start, end)}, start=start, end=end)
        if handle is not None:
            self.status_label.setText(self.tr("Reading {words} words…").format(words=len(text[start:end].split())))
        return handle

    def _rescore(self):
        """Rescore the edited paragraphs against the kept cache of the text before them."""
        if not self._dirty or self._scope is None:
            return None
        if self.busy:
            self._rescore_timer.start()  # after the running request
            return None
        start, end = min(s for s, _ in self._dirty), max(e for _, e in self._dirty)
        self._dirty = []
        if not self._text[start:end].strip():
            self._derive()
            return None
        return self._submit(
            {"kind": "rescore", "text": self._text, "span": (start, end)},
            start=start,
            end=end,
            context_start=min(self._context_start, start),
        )

    def measure_chapters(self):
        """Measure, one after another, the chapters the curve has no point for yet."""
        text, model = self.context.text(), self._model()
        lenses = self.context.lenses
        self._measure_queue = [
            (start, end)
            for start, end in self._chapters()
            if text[start:end].strip() and (lenses is None or lenses.chapter_measure(model, text[start:end]) is None)
        ]
        if not self._measure_queue:
            self._refresh_curve()
            self.status_label.setText(self.tr("Every chapter is measured."))
            return None
        return self._measure_next()

    def _measure_next(self):
        if not self._measure_queue:
            self.status_label.setText(self.tr("Chapters measured."))
            return None
        start, end = self._measure_queue.pop(0)
        text = self.context.text()
        handle = self._submit(
            {"kind": "measure", "text": text, "span": (start, end)}, start=start, end=min(end, start + MEASURE_CHARS)
        )
        if handle is not None:
            left = len(self._measure_queue)
            self.status_label.setText(self.tr("Measuring chapters: {left} to go after this one…").format(left=left))
        return handle

    # ------------------------------------------------------------------ results
    def on_finished(self, result: SurpriseResult) -> None:
        job, self._job = self._job, None
        if job is None:
            return
        words = list(result.words)
        start, end = job["span"]
        context_start = start - result.context_chars
        current = self.context.text()
        typed = None  # where the writer typed while it was read, in today's text
        if current != job["text"]:
            # Typed on while it was read: move what was read to where that text is now.
            change = changed_span(job["text"], current)
            words = shifted(words, *change)
            start, end = _moved_span(start, end, *change)
            context_start = _moved_span(context_start, context_start, *change)[0]
            if change[0] <= end and start <= change[2]:
                typed = paragraph_around(current, change[0], change[2], start, end)
        if job["kind"] == "measure":
            self._store_measure(job["text"], job["span"], list(result.words))
            self._refresh_curve()
            self._measure_next()
            return
        if job["kind"] == "look":
            self.words = words
            self._scope = (start, end)
            self._context_start = context_start
            self._dirty = [typed] if typed else []  # the words typed meanwhile are read next
            if self.context.selection() is None:
                self._store_measure(job["text"], job["span"], list(result.words))
        else:
            self.words = spliced(self.words, words, start, end)
        self._text = current
        self._derive()
        if job["kind"] == "look":
            self._refresh_curve()
        self.status_label.setText(self._summary())
        if self._dirty:
            self._rescore_timer.start()

    def on_stopped(self, outcome: StopOutcome) -> None:
        self._job = None
        self._measure_queue.clear()
        super().on_stopped(outcome)

    def on_failed(self, failure: Failure) -> None:
        self._job = None
        self._measure_queue.clear()
        super().on_failed(failure)
        if failure.kind == "unsupported":
            # This model cannot score text (e.g. a server without log-probabilities): greyed, and why.
            self._unsupported[self._model()] = failure.message
            self.on_busy_changed(self.busy)

    def on_busy_changed(self, busy: bool) -> None:
        super().on_busy_changed(busy)
        reason = self._unsupported.get(self._model())
        for button in (self.primary_button, self.measure_button):
            button.setEnabled(not busy and reason is None)
        self.primary_button.setToolTip(
            reason or self.tr("Tint each word of the chapter at the cursor (or the selection) by how surprising it is")
        )

    def _store_measure(self, text: str, span: tuple[int, int], words: list[WordSurprise]) -> None:
        lenses = self.context.lenses
        start, end = span
        sample = [w for w in words if w.end <= start + MEASURE_CHARS]
        if lenses is not None and sample and text[start:end].strip():
            lenses.set_chapter_measure(self._model(), text[start:end], word_perplexity(sample))

    def _summary(self) -> str:
        return self.tr(
            "Perplexity {perplexity:.1f} a word ({bits:.1f} bits) over {words} words. "
            "Hover a marked word to see what was expected."
        ).format(perplexity=word_perplexity(self.words), bits=mean_bits(self.words), words=len(self.words))

    def _derive(self) -> None:
        """Marks, lists, tints and strip from the words as they are now."""
        self._derive_timer.stop()
        self._starts = [word.start for word in self.words]
        self.runs = predictable_runs(self.words)
        self.surprising = surprising_words(self.words)
        self._tint()
        self._fill_lists()
        self._refresh_strip()

    # ------------------------------------------------------------------ showing
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
        floor = self.threshold.value()
        words = [w for w in self.words if w.bits >= floor and not self._is_ignored(w.start, w.end)]
        runs = [r for r in self.runs if not self._is_ignored(r.start, r.end)]
        if not words and not runs:
            editor.set_extra_layer("surprise", [])
            return
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
        listed = (
            [(w.start, self._text[w.start : w.end]) for w in self.surprising],
            [(r.start, self._text[r.start : r.end]) for r in self.runs],
            set(self._ignored()),
        )
        if listed == self._listed:
            return  # the same marks: nothing to redraw
        self._listed = listed
        self.surprising_list.clear()
        self.runs_list.clear()
        for word in self.surprising:
            if self._is_ignored(word.start, word.end):
                continue
            expected = ", ".join(repr(text.strip()) for text, _ in word.alternatives[:3] if text.strip())
            label = self.tr("{word} · {bits:.0f} bits").format(word=self._text[word.start : word.end], bits=word.bits)
            item = QListWidgetItem(label + (f" · {self.tr('expected')} {expected}" if expected else ""))
            item.setData(SPAN_ROLE, (word.start, word.end))
            self.surprising_list.addItem(item)
        for run in self.runs:
            if self._is_ignored(run.start, run.end):
                continue
            item = QListWidgetItem(" ".join(self._text[run.start : run.end].split()))
            item.setData(SPAN_ROLE, (run.start, run.end))
            item.setToolTip(self.tr("{bits:.2f} bits a word on average").format(bits=run.mean_bits))
            self.runs_list.addItem(item)

    def _paragraphs(self) -> list[tuple[int, int]]:
        return paragraph_spans(self._text, *self._scope) if self._scope is not None else []

    def _refresh_strip(self) -> None:
        values, labels = [], []
        for number, (start, end) in enumerate(self._paragraphs(), 1):
            inside = self.words[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]
            values.append(mean_bits(inside) if inside else None)
            labels.append(
                self.tr("Paragraph {number}: {bits:.1f} bits a word").format(number=number, bits=mean_bits(inside))
                if inside
                else self.tr("Paragraph {number}: not scored yet").format(number=number)
            )
        self.paragraph_strip.set_values(values, labels, self._paragraph_at_cursor())

    def _refresh_curve(self) -> None:
        lenses, text, model = self.context.lenses, self.context.text(), self._model()
        values, labels = [], []
        for number, (start, end) in enumerate(self._chapters(), 1):
            value = lenses.chapter_measure(model, text[start:end]) if lenses is not None else None
            values.append(value)
            title = " ".join(text[start : start + 60].split("\n", 1)[0].split())
            labels.append(
                self.tr("{title}: perplexity {value:.0f} a word").format(title=title, value=value)
                if value is not None
                else self.tr("{title}: not measured").format(title=title)
            )
        current = max(0, chapter_at(self.context.chapter_starts(), self.context.cursor_index()) - 1)
        self.chapter_curve.set_values(values, labels, current)

    def _paragraph_at_cursor(self) -> int:
        at = self.context.cursor_index()
        return next((i for i, (start, end) in enumerate(self._paragraphs()) if start <= at <= end), -1)

    def _follow_cursor(self) -> None:
        measured = any(value is not None for value in self.chapter_curve.values)
        if self.isVisible() and (self.words or measured):
            self._cursor_timer.start()

    def _update_current(self) -> None:
        if self.isVisible():
            self.paragraph_strip.set_current(self._paragraph_at_cursor())
            self.chapter_curve.set_current(
                max(0, chapter_at(self.context.chapter_starts(), self.context.cursor_index()) - 1)
            )

    def _show_paragraph(self, index: int) -> None:
        paragraphs = self._paragraphs()
        if 0 <= index < len(paragraphs):
            self.context.show_passage(*paragraphs[index])

    def _show_chapter(self, index: int) -> None:
        start, _end = self._chapter_span(index)
        self.context.show_passage(start, start)

    def _show_item(self, item: QListWidgetItem) -> None:
        start, end = item.data(SPAN_ROLE)
        self.context.show_passage(start, end)

    # ------------------------------------------------------------------ ignoring
    def _ignored(self) -> set[str]:
        return self.context.lenses.ignored if self.context.lenses is not None else self._ignored_here

    def _is_ignored(self, start: int, end: int) -> bool:
        return ignore_key(self._text[start:end]) in self._ignored()

    def ignore_selected(self) -> None:
        keys = {
            ignore_key(self._text[slice(*item.data(SPAN_ROLE))])
            for widget in (self.surprising_list, self.runs_list)
            for item in widget.selectedItems()
        }
        if self.context.lenses is not None:
            self.context.lenses.ignore(keys)  # remembered with the manuscript
        else:
            self._ignored_here |= keys
            self._on_memory_changed()

    def _on_memory_changed(self) -> None:
        self._tint()
        self._fill_lists()
        self._refresh_curve()

    # ------------------------------------------------------------------ editing
    def clear(self) -> None:
        self.words, self._dirty, self._scope = [], [], None
        self._rescore_timer.stop()
        self._derive()
        self.status_label.clear()

    def _on_text_changed(self, _position: int, removed: int, added: int) -> None:
        if not (removed or added) or (not self.words and self._scope is None):
            return
        text = self.context.text()
        change = changed_span(self._text, text)
        start, old_end, new_end = change
        if (start, old_end, new_end) == (len(text), len(text), len(text)):
            return  # nothing changed after all (e.g. a format change)
        self.words = shifted(self.words, *change)  # the touched words lose their tints at once
        self._dirty = [_moved_span(s, e, *change) for s, e in self._dirty]
        scope_start, scope_end = _moved_span(*self._scope, *change)
        if start < self._context_start:
            self._context_start = _moved_span(self._context_start, self._context_start, *change)[0]
        self._scope = (scope_start, scope_end)
        self._text = text
        if scope_start <= new_end and start <= scope_end:
            self._dirty.append(paragraph_around(text, start, new_end, scope_start, scope_end))
            self._rescore_timer.start()
        self._starts = [word.start for word in self.words]  # for hovering meanwhile
        self._derive_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.on_busy_changed(self.busy)  # the writing model may have changed meanwhile

    def on_document_replaced(self) -> None:
        self._ignored_here.clear()
        self._job = None
        self._measure_queue.clear()
        self.clear()
        self._refresh_curve()

    # ------------------------------------------------------------------ hovering
    def word_at(self, index: int) -> WordSurprise | None:
        i = bisect.bisect_right(self._starts, index) - 1
        if i >= 0 and self.words[i].start <= index < self.words[i].end:
            return self.words[i]
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.words:
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


def _moved_span(start: int, end: int, change_start: int, old_end: int, new_end: int) -> tuple[int, int]:
    """Where ``[start, end)`` is after ``[change_start, old_end)`` became ``[change_start, new_end)``
    (a span the change falls in grows or shrinks with it)."""
    delta = new_end - old_end

    def moved(index: int, is_end: bool) -> int:
        if index < change_start or (index == change_start and not is_end):
            return index
        if index >= old_end:
            return index + delta
        return new_end if is_end else change_start

    return moved(start, False), max(moved(start, False), moved(end, True))
