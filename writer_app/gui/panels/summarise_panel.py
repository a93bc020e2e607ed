"""The Summarise panel: the selection, the current chapter or the whole manuscript."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.requests import SummariseRequest
from writer_app.core.results import StopOutcome, SummaryResult
from writer_app.engine.catalog import ModelUnavailable
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.request_panel import RequestPanel
from writer_app.service.handle import RequestHandle


class SummarisePanel(RequestPanel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.summary_text = ""

        self.scope_combo = QComboBox(self)
        for key, label in (
            ("selection", self.tr("Selection")),
            ("chapter", self.tr("Current chapter")),
            ("all", self.tr("Whole manuscript")),
        ):
            self.scope_combo.addItem(label, key)
        self.scope_combo.setCurrentIndex(1)
        self.length_combo = QComboBox(self)
        for key, label in (("short", self.tr("Short")), ("medium", self.tr("Medium")), ("long", self.tr("Long"))):
            self.length_combo.addItem(label, key)
        self.length_combo.setCurrentIndex(1)
        self.key_only = QCheckBox(self.tr("Key sentences only (no rewriting)"), self)
        self.summarise_button = QPushButton(self.tr("Summarise"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.primary_button = self.summarise_button
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # chapter titles, model and error texts
        self.status_label.setWordWrap(True)
        self.result_view = QTextBrowser(self)
        self.result_view.setPlaceholderText(self.tr("The summary appears here."))
        self.key_list = QListWidget(self)
        self.key_list.setWordWrap(True)
        self.key_list.setSpacing(3)  # wrapped sentences stay apart
        self.key_list.setToolTip(self.tr("Click a sentence to find it in the manuscript."))
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.note_button = QPushButton(self.tr("Add to story notes"), self)

        form = QFormLayout()
        form.addRow(self.tr("Summarise"), self.scope_combo)
        form.addRow(self.tr("Length"), self.length_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summarise_button, 1)
        buttons.addWidget(self.stop_button)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.note_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.key_only)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.result_view, 2)
        layout.addWidget(QLabel(self.tr("Key sentences"), self))
        layout.addWidget(self.key_list, 2)
        layout.addLayout(actions)

        self.summarise_button.clicked.connect(lambda: self.summarise())
        self.stop_button.clicked.connect(self.stop)
        self.key_list.itemClicked.connect(self._on_key_sentence_clicked)
        self.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(self.summary_text))
        self.note_button.clicked.connect(self.add_to_notes)
        context.settings.sig_changed.connect(self._on_setting_changed)
        self._on_setting_changed("summarise_model", context.settings.summarise_model)
        self.on_busy_changed(False)

    def _on_setting_changed(self, key: str, model_id) -> None:
        if key != "summarise_model":
            return
        try:
            loose = self.context.catalog.get(model_id).loose_rewrites
        except ModelUnavailable:
            return
        self.key_only.setChecked(loose)
        self.key_only.setToolTip(
            self.tr("This model is small and rewrites loosely: the key sentences are your own words, exactly.")
            if loose
            else ""
        )

    def scope_range(self, text: str) -> tuple[int, int, str] | None:
        """(start, end, description) of what to summarise, in Python string indices."""
        scope = self.scope_combo.currentData()
        if scope == "selection":
            selection = self.context.selection()
            if selection is None:
                return None
            return *selection, self.tr("the selection")
        if scope == "chapter":
            # Imported here: its patterns take a while to compile, and start-up is paint-critical.
            from writer_app.core.chapters import chapter_at, find_chapters

            chapters = find_chapters(text)
            if chapters:
                chapter = chapter_at(chapters, self.context.cursor_index())
                return chapter.start, chapter.end, chapter.title or self.tr("this chapter")
        return 0, len(text), self.tr("the whole manuscript")

    def summarise(self) -> RequestHandle | None:
        if self.context.loading:
            self.status_label.setText(self.tr("Wait until the file has finished opening."))
            return None
        text = self.context.text()
        scope = self.scope_range(text)
        if scope is None:
            self.status_label.setText(self.tr("Select some text first, or choose another scope."))
            return None
        start, end, description = scope
        if not text[start:end].strip():
            self.status_label.setText(self.tr("There is nothing to summarise in {what}.").format(what=description))
            return None
        settings = self.context.settings
        request = SummariseRequest(
            model_id=settings.summarise_model,
            embed_model_id=settings.embed_model,
            text=text,
            start=start,
            end=end,
            length=self.length_combo.currentData(),
            mode="extractive" if self.key_only.isChecked() else "abstractive",
        )
        self.result_view.clear()
        self.key_list.clear()
        self.summary_text = ""
        self.status_label.setText(self.tr("Summarising {what}…").format(what=description))
        return self.submit(request)

    # ------------------------------------------------------------------ results

    def on_finished(self, result: SummaryResult) -> None:
        self.summary_text = result.summary
        self.result_view.setPlainText(self.summary_text)
        for sentence in result.key_sentences:
            item = QListWidgetItem(sentence.text)
            if sentence.chapter:
                tip = self.tr("{chapter} · click to find it in the manuscript")
                item.setToolTip(tip.format(chapter=sentence.chapter))
            item.setData(Qt.ItemDataRole.UserRole, (sentence.start, sentence.end))
            self.key_list.addItem(item)
        chunks = result.chunks
        self.status_label.setText(
            self.tr("Done: {count} key sentences from {chunks} part(s).").format(
                count=self.key_list.count(), chunks=chunks
            )
        )

    def on_stopped(self, outcome: StopOutcome) -> None:
        if isinstance(outcome.partial, SummaryResult) and outcome.partial.summary:
            self.on_finished(outcome.partial)
            self.status_label.setText(self.tr("Stopped: this summary covers the parts read so far."))
        else:
            super().on_stopped(outcome)

    def on_busy_changed(self, busy: bool) -> None:
        super().on_busy_changed(busy)
        self.copy_button.setEnabled(not busy and bool(self.summary_text))
        self.note_button.setEnabled(not busy and bool(self.summary_text))

    def on_document_replaced(self) -> None:
        self.result_view.clear()
        self.key_list.clear()
        self.summary_text = ""
        self.status_label.clear()
        self.on_busy_changed(False)

    def _on_key_sentence_clicked(self, item: QListWidgetItem) -> None:
        start, end = item.data(Qt.ItemDataRole.UserRole)
        self.context.show_passage(start, end)

    def add_to_notes(self) -> None:
        self.context.notes.append(self.tr("Summary: ") + self.summary_text)
        self.status_label.setText(self.tr("Added to the story notes."))
