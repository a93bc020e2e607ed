"""The Continue panel: streamed continuation at the cursor, alternatives, sampling, story notes and the Codex sent."""

from __future__ import annotations

import random
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.requests import AlternativesRequest, ContinueRequest, GenerationSettings
from writer_app.core.results import AlternativesResult, ContinueResult, Failure, Progress, StopOutcome
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.scrolling import scroll_contents
from writer_app.gui.panels.story_context import CodexLine
from writer_app.service.handle import RequestHandle

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # an alternative's history entry

PRESETS: dict[str, GenerationSettings] = {
    "focused": GenerationSettings(
        max_new_tokens=80,
        temperature=0.5,
        top_k=40,
        top_p=0.9,
        min_p=0.05,
        repetition_penalty=1.2,
        no_repeat_ngram_size=4,
    ),
    "balanced": GenerationSettings(),
    "creative": GenerationSettings(
        max_new_tokens=160,
        temperature=1.05,
        top_k=0,
        top_p=0.98,
        min_p=0.08,
        repetition_penalty=1.1,
        no_repeat_ngram_size=3,
    ),
}


class ContinuePanel(QWidget):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.editor = context.editor
        self.preview = self.editor.preview
        self._continuation: RequestHandle | None = None  # streaming into the preview
        self._request_context = ""
        self._preview_entry: str | None = None  # the history entry of the text in the preview
        self._alternatives: RequestHandle | None = None
        self._alternatives_anchor: QTextCursor | None = None
        self._loading_settings = False

        self._build()
        self._load_settings()
        self._connect()
        self._update_buttons()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.continue_button = QPushButton(self.tr("Continue"), self)
        self.continue_button.setToolTip(self.tr("Write on from the cursor (Ctrl+Enter)"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setToolTip(self.tr("Keep the grey text (Tab)"))
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.reject_button.setToolTip(self.tr("Remove the grey text (Esc)"))
        self.regenerate_button = QPushButton(self.tr("Regenerate"), self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # model and error texts, never HTML
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("continueStatus")

        row1 = QHBoxLayout()
        row1.addWidget(self.continue_button, 1)
        row1.addWidget(self.stop_button)
        row2 = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.regenerate_button):
            row2.addWidget(button)

        alternatives = QGroupBox(self.tr("Alternatives"), self)
        self.alternatives_count = QSpinBox(alternatives)
        self.alternatives_count.setRange(2, 6)
        self.alternatives_count.setValue(3)
        self.alternatives_button = QPushButton(self.tr("Write alternatives"), alternatives)
        self.alternatives_list = QListWidget(alternatives)
        self.alternatives_list.setWordWrap(True)
        self.alternatives_list.setToolTip(
            self.tr(
                "Score: the model's average log-probability per word piece. Near 0 is predictable; lower is more surprising."  # noqa: E501 (one string for translators)
            )
        )
        self.insert_alternative_button = QPushButton(self.tr("Insert selected"), alternatives)
        alt_row = QHBoxLayout()
        alt_row.addWidget(self.alternatives_button, 1)
        alt_row.addWidget(self.alternatives_count)
        alt_layout = QVBoxLayout(alternatives)
        alt_layout.addLayout(alt_row)
        alt_layout.addWidget(self.alternatives_list, 1)
        alt_layout.addWidget(self.insert_alternative_button)

        sampling = QGroupBox(self.tr("Sampling"), self)
        self.preset_combo = QComboBox(sampling)
        for key, label in (
            ("focused", self.tr("Focused")),
            ("balanced", self.tr("Balanced")),
            ("creative", self.tr("Creative")),
            ("custom", self.tr("Custom")),
        ):
            self.preset_combo.addItem(label, key)
        self.max_new_tokens = self._spin(QSpinBox(sampling), 8, 1024, 1)
        self.temperature = self._spin(QDoubleSpinBox(sampling), 0.0, 2.0, 0.05)
        self.top_k = self._spin(QSpinBox(sampling), 0, 500, 5)
        self.top_p = self._spin(QDoubleSpinBox(sampling), 0.05, 1.0, 0.01)
        self.min_p = self._spin(QDoubleSpinBox(sampling), 0.0, 0.5, 0.01)
        self.repetition_penalty = self._spin(QDoubleSpinBox(sampling), 1.0, 2.0, 0.05)
        self.no_repeat_ngram = self._spin(QSpinBox(sampling), 0, 8, 1)
        self.seed = self._spin(QSpinBox(sampling), 0, 2**31 - 1, 1)
        self.seed.setSpecialValueText(self.tr("random"))
        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.preset_combo)
        form.addRow(self.tr("Length (tokens)"), self.max_new_tokens)
        # The individual samplers are for the curious: out of sight until asked for.
        self.advanced_button = QToolButton(sampling)
        self.advanced_button.setText(self.tr("Advanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setAutoRaise(True)
        self.advanced = QWidget(sampling)
        advanced = QFormLayout(self.advanced)
        advanced.setContentsMargins(0, 0, 0, 0)
        advanced.addRow(self.tr("Temperature"), self.temperature)
        advanced.addRow(self.tr("Top-k"), self.top_k)
        advanced.addRow(self.tr("Top-p"), self.top_p)
        advanced.addRow(self.tr("Min-p"), self.min_p)
        advanced.addRow(self.tr("Repetition penalty"), self.repetition_penalty)
        advanced.addRow(self.tr("No-repeat n-gram"), self.no_repeat_ngram)
        advanced.addRow(self.tr("Seed"), self.seed)
        self.advanced.setVisible(False)
        self.advanced_button.toggled.connect(self._show_advanced)
        sampling_layout = QVBoxLayout(sampling)
        sampling_layout.addLayout(form)
        sampling_layout.addWidget(self.advanced_button)
        sampling_layout.addWidget(self.advanced)

        notes = QGroupBox(self.tr("Story notes"), self)
        self.notes_edit = QPlainTextEdit(notes)
        self.notes_edit.setPlaceholderText(
            self.tr("Characters, setting, style… Sent with every continuation of this manuscript.")
        )
        self.notes_edit.setMaximumHeight(140)
        QVBoxLayout(notes).addWidget(self.notes_edit)

        self.codex_line = CodexLine(self.context, lambda: (self.context.cursor_index(),) * 2, self)

        layout = scroll_contents(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.status_label)
        layout.addWidget(self.codex_line)
        layout.addWidget(notes)
        layout.addWidget(alternatives, 1)
        layout.addWidget(sampling)

    @staticmethod
    def _spin(spin, low, high, step):
        spin.setRange(low, high)
        spin.setSingleStep(step)
        if hasattr(spin, "setDecimals"):
            spin.setDecimals(2)
        return spin

    def _connect(self) -> None:
        self.continue_button.clicked.connect(lambda: self.continue_at_cursor())
        self.stop_button.clicked.connect(self.stop)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.reject)
        self.regenerate_button.clicked.connect(self.regenerate)
        self.alternatives_button.clicked.connect(lambda: self.write_alternatives())
        self.insert_alternative_button.clicked.connect(self.insert_selected_alternative)
        self.alternatives_list.itemDoubleClicked.connect(lambda _item: self.insert_selected_alternative())
        self.alternatives_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.preset_combo.currentIndexChanged.connect(self._on_preset_chosen)
        for spin in self._spins():
            spin.valueChanged.connect(self._on_sampling_edited)
        self.notes_edit.textChanged.connect(lambda: self.context.notes.set_text(self.notes_edit.toPlainText()))
        self.context.notes.sig_changed.connect(self._show_notes)
        self.context.notes.sig_save_failed.connect(
            lambda reason: self._say(self.tr("Story notes could not be saved: {reason}").format(reason=reason))
        )
        self.preview.sig_changed.connect(self._update_buttons)
        self.editor.sig_preview_accept_requested.connect(self.accept)
        self.editor.sig_preview_reject_requested.connect(self.reject)
        self.context.sig_document_replaced.connect(self._on_document_replaced)

    def _spins(self):
        return (
            self.max_new_tokens,
            self.temperature,
            self.top_k,
            self.top_p,
            self.min_p,
            self.repetition_penalty,
            self.no_repeat_ngram,
            self.seed,
        )

    # ------------------------------------------------------------------ sampling settings
    def _load_settings(self) -> None:
        settings = self.context.settings
        try:
            values = GenerationSettings.from_dict(settings.continue_settings)
        except (TypeError, ValueError):
            values = PRESETS["balanced"]
        self._show_settings(values)
        index = self.preset_combo.findData(settings.continue_preset)
        self._loading_settings = True
        self.preset_combo.setCurrentIndex(max(0, index))
        self._loading_settings = False

    def _show_settings(self, values: GenerationSettings) -> None:
        self._loading_settings = True
        self.max_new_tokens.setValue(values.max_new_tokens)
        self.temperature.setValue(values.temperature)
        self.top_k.setValue(values.top_k)
        self.top_p.setValue(values.top_p)
        self.min_p.setValue(values.min_p)
        self.repetition_penalty.setValue(values.repetition_penalty)
        self.no_repeat_ngram.setValue(values.no_repeat_ngram_size)
        self.seed.setValue(values.seed or 0)
        self._loading_settings = False

    def generation_settings(self) -> GenerationSettings:
        return GenerationSettings(
            max_new_tokens=self.max_new_tokens.value(),
            temperature=round(self.temperature.value(), 2),
            top_k=self.top_k.value(),
            top_p=round(self.top_p.value(), 2),
            min_p=round(self.min_p.value(), 2),
            repetition_penalty=round(self.repetition_penalty.value(), 2),
            no_repeat_ngram_size=self.no_repeat_ngram.value(),
            seed=self.seed.value() or None,
        )

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _on_preset_chosen(self) -> None:
        if self._loading_settings:
            return
        key = self.preset_combo.currentData()
        if key in PRESETS:
            self._show_settings(PRESETS[key])
        self._remember_settings()

    def _on_sampling_edited(self) -> None:
        if self._loading_settings:
            return
        current = self.generation_settings()
        matching = next((key for key, preset in PRESETS.items() if preset == current), "custom")
        self._loading_settings = True
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(matching))
        self._loading_settings = False
        self._remember_settings()

    def _remember_settings(self) -> None:
        self.context.settings.set(
            continue_preset=self.preset_combo.currentData(), continue_settings=self.generation_settings().to_dict()
        )

    # ------------------------------------------------------------------ story notes
    def _show_notes(self, text: str) -> None:
        if text != self.notes_edit.toPlainText():
            self.notes_edit.blockSignals(True)
            self.notes_edit.setPlainText(text)
            self.notes_edit.blockSignals(False)

    # ------------------------------------------------------------------ actions
    @property
    def busy(self) -> bool:
        return self._continuation is not None or self._alternatives is not None

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    def _text_before(self, position: int) -> str:
        """The manuscript up to a document position (which counts UTF-16 code units)."""
        text = self.editor.text()
        return text[: self.editor.index_of(position, text)]

    def _codex_at(self, context: str):
        """The Codex entries that matter at the end of *context* (the text before the cursor)."""
        # The whole text gives the same choice (only what precedes the cursor counts) from cached chapters.
        return self.context.codex_snippets(len(context), len(context))

    def _submit(self, request) -> RequestHandle | None:
        handle = self.context.submit(request)
        if handle is None:
            self._say(self.context.starting_message())
        return handle

    def continue_at_cursor(
        self, position: int | None = None, settings: GenerationSettings | None = None
    ) -> RequestHandle | None:
        """Stream a continuation into a preview at the cursor (or the document *position*)."""
        if self.context.loading:
            return None
        self.stop()
        self.preview.reject()
        if position is None:
            position = self.editor.textCursor().selectionEnd()
        context = self._text_before(position)
        notes = self.context.notes.text
        if not context.strip() and not notes.strip():
            self._say(self.tr("Write a few words first (or some story notes): Continue writes on from them."))
            return None
        request = ContinueRequest(
            model_id=self.context.settings.continue_model,
            text=context,
            notes=notes,
            codex=self._codex_at(context),
            settings=settings or self.generation_settings(),
        )
        handle = self._submit(request)
        if handle is None:
            return None
        self.preview.begin(position)
        self._request_context = context
        self._continuation = handle
        handle.sig_token.connect(self.preview.append)
        handle.sig_progress.connect(self._on_progress)
        handle.sig_finished.connect(self._on_continuation_finished)
        handle.sig_stopped.connect(self._on_continuation_stopped)
        handle.sig_failed.connect(self._on_continuation_failed)
        self._say(self.tr("Writing…"))
        self._update_buttons()
        return handle

    def stop(self) -> None:
        for handle in (self._continuation, self._alternatives):
            if handle is not None:
                handle.stop()

    def accept(self) -> None:
        if self._continuation is not None:
            self._continuation.abandon()  # what was streamed so far is what the writer keeps
            self._continuation = None
            self._remember_preview(None)
        if self.preview.active:
            at = self.editor.index_of(self.preview.position)
            text = self.preview.accept()
            if text:
                self.context.accepted(self._preview_entry, at)
            self._preview_entry = None
            self._say(self.tr("Kept {words} words.").format(words=len(text.split())) if text else "")
        self._update_buttons()

    def reject(self) -> None:
        if self._continuation is not None:
            self._continuation.abandon()
            self._continuation = None
        self.preview.reject()
        self._say("")
        self._update_buttons()

    def regenerate(self) -> None:
        position = self.preview.position if self.preview.active else self.editor.textCursor().selectionEnd()
        settings = self.generation_settings()
        if settings.seed is not None:
            settings = replace(settings, seed=random.randrange(1, 2**31 - 1))
        self.reject()
        self.continue_at_cursor(position, settings)

    def write_alternatives(self, starts: tuple[str, ...] = ()) -> RequestHandle | None:
        """Alternatives at the cursor; with *starts*, one short branch beginning with each (Next word ▸ Branch)."""
        if self.context.loading:
            return None
        self.reject()
        position = self.editor.textCursor().selectionEnd()
        context = self._text_before(position)
        if not context.strip():
            self._say(self.tr("Write a few words first: alternatives continue from them."))
            return None
        request = AlternativesRequest(
            model_id=self.context.settings.continue_model,
            text=context,
            notes=self.context.notes.text,
            codex=self._codex_at(context),
            count=len(starts) or self.alternatives_count.value(),
            settings=self.generation_settings(),
            starts=tuple(starts),
        )
        handle = self._submit(request)
        if handle is None:
            return None
        if self._alternatives is not None:
            self._alternatives.abandon()
        self._alternatives_anchor = QTextCursor(self.editor.document())
        self._alternatives_anchor.setPosition(position)
        self.alternatives_list.clear()
        self._alternatives = handle
        handle.sig_progress.connect(self._on_progress)
        handle.sig_finished.connect(self._on_alternatives_finished)
        handle.sig_stopped.connect(self._on_alternatives_ended)
        handle.sig_failed.connect(self._on_alternatives_ended)
        self._say(self.tr("Writing {count} alternatives…").format(count=request.count))
        self._update_buttons()
        return handle

    def insert_selected_alternative(self) -> None:
        item = self.alternatives_list.currentItem()
        if item is None or self._alternatives_anchor is None:
            return
        text = item.data(Qt.ItemDataRole.UserRole)
        cursor = QTextCursor(self._alternatives_anchor)
        self.context.accepted(item.data(ENTRY_ROLE), self.editor.index_of(cursor.position()))
        cursor.beginEditBlock()  # one undo step, never merged with earlier typing
        cursor.insertText(text)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self._say(self.tr("Inserted alternative {number}.").format(number=self.alternatives_list.currentRow() + 1))

    # ------------------------------------------------------------------ results
    def _on_progress(self, progress: Progress) -> None:
        if progress.message:
            self._say(progress.message)

    def _context_note(self, result: ContinueResult) -> str:
        used = result.used_chars
        used_words = len(self._request_context[len(self._request_context) - used :].split()) if used else 0
        if result.trimmed_chars:
            return self.tr(
                "Read the last {words} words before the cursor (the model's window ends there, at a sentence)."
            ).format(words=used_words)
        return self.tr("Read all {words} words before the cursor.").format(words=used_words)

    def _remember_preview(self, result) -> None:
        if self.preview.text.strip():
            settings = self.generation_settings().to_dict()
            entry = self.context.history_entry("continue", self.preview.text, result, settings, self._request_context)
            if result is None:
                entry = replace(entry, model_id=self.context.settings.continue_model)
            self._preview_entry = self.context.remember(entry)[0]

    def _on_continuation_finished(self, result: ContinueResult) -> None:
        self._continuation = None
        self.codex_line.remember(result)
        self._remember_preview(result)
        if not self.preview.text.strip():
            self.preview.reject()
            self._say(self.tr("The model had nothing to add here. Try Regenerate or another preset."))
        else:
            self._say(self._context_note(result) + " " + self.tr("Tab keeps it, Esc removes it."))
        self._update_buttons()

    def _on_continuation_stopped(self, outcome: StopOutcome) -> None:
        self._continuation = None
        self._remember_preview(outcome.partial)
        self._say(self.tr("Stopped. Tab keeps what was written, Esc removes it.") if self.preview.text else "")
        if not self.preview.text:
            self.preview.reject()
        self._update_buttons()

    def _on_continuation_failed(self, failure: Failure) -> None:
        self._continuation = None
        self.preview.reject()
        self._say(failure.message)
        self._update_buttons()

    def _on_alternatives_finished(self, result: AlternativesResult) -> None:
        self._alternatives = None
        self.codex_line.remember(result)
        self.alternatives_list.clear()
        settings = self.generation_settings().to_dict()
        read = self._text_before(self._alternatives_anchor.position()) if self._alternatives_anchor else ""
        entries = [
            self.context.history_entry("alternative", a.text, result, settings, read) for a in result.alternatives
        ]
        ids = self.context.remember(*entries)
        for number, (alternative, entry_id) in enumerate(zip(result.alternatives, ids), start=1):
            text = alternative.text
            item = QListWidgetItem(f"{number}. [{alternative.avg_logprob:.2f}] {text.strip()}")
            item.setData(Qt.ItemDataRole.UserRole, text)
            item.setData(ENTRY_ROLE, entry_id)
            item.setToolTip(
                self.tr("Average log-probability per token: {score:.3f}").format(score=alternative.avg_logprob)
            )
            self.alternatives_list.addItem(item)
        if self.alternatives_list.count():
            self.alternatives_list.setCurrentRow(0)
            self._say(self.tr("Most predictable first. Double-click one to insert it."))
        self._update_buttons()

    def _on_alternatives_ended(self, outcome: StopOutcome | Failure) -> None:
        self._alternatives = None
        self._say(outcome.message if isinstance(outcome, Failure) else self.tr("Stopped."))
        self._update_buttons()

    def _on_document_replaced(self) -> None:
        # Results for the previous document are stale: drop them.
        for handle in (self._continuation, self._alternatives):
            if handle is not None:
                handle.abandon()
        self._continuation = None
        self._alternatives = None
        self.preview.reject()
        self.alternatives_list.clear()
        self._alternatives_anchor = None
        self._say("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        streaming = self._continuation is not None
        self.continue_button.setEnabled(not self.busy)
        self.alternatives_button.setEnabled(not self.busy)
        self.stop_button.setEnabled(self.busy)
        self.accept_button.setEnabled(self.preview.active and bool(self.preview.text))
        self.reject_button.setEnabled(self.preview.active)
        self.regenerate_button.setEnabled(self.preview.active and not streaming)
        self.insert_alternative_button.setEnabled(self.alternatives_list.currentItem() is not None)
