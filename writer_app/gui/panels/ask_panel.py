"""The Ask panel: questions about the manuscript, answered from its passages with clickable sources."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.ask_prompts import quoted_answer
from writer_app.core.requests import AskRequest
from writer_app.core.results import AskResult
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.manuscript_index import ManuscriptIndexer
from writer_app.gui.panels.request_panel import RequestPanel
from writer_app.service.handle import RequestHandle

HISTORY_SIZE = 20
_SNIPPET_CHARS = 220


class AskPanel(RequestPanel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.history: list[AskResult] = []

        self.question_edit = QLineEdit(self)
        self.question_edit.setPlaceholderText(self.tr("Ask about your manuscript, e.g. Who rented Netherfield?"))
        self.ask_button = QPushButton(self.tr("Ask"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.primary_button = self.ask_button
        self.progress = QProgressBar(self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # model and error texts, never HTML
        self.status_label.setWordWrap(True)
        self.answer_view = QTextBrowser(self)
        self.answer_view.setOpenLinks(False)
        self.answer_view.setPlaceholderText(self.tr("Answers appear here."))
        self.history_list = QListWidget(self)
        self.history_list.setWordWrap(True)
        self.history_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history_list.setToolTip(self.tr("This session's questions; click one to see its answer again."))
        self.index_label = QLabel(self)
        self.index_label.setObjectName("indexStatus")
        self.index_label.setTextFormat(Qt.TextFormat.PlainText)
        self.index_label.setToolTip(
            self.tr("Inkwell reads your manuscript in the background so that answers come quickly.")
        )
        self.indexer = ManuscriptIndexer(context, self)
        self.indexer.sig_state_changed.connect(self._on_index_state_changed)

        row = QHBoxLayout()
        row.addWidget(self.ask_button, 1)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question_edit)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.answer_view, 3)
        layout.addWidget(QLabel(self.tr("Earlier questions"), self))
        layout.addWidget(self.history_list, 1)
        layout.addWidget(self.index_label)

        self.ask_button.clicked.connect(lambda: self.ask())
        self.question_edit.returnPressed.connect(lambda: self.ask())
        self.stop_button.clicked.connect(self.stop)
        self.answer_view.anchorClicked.connect(self._on_source_clicked)
        self.history_list.currentRowChanged.connect(self._on_history_row_changed)
        self.on_busy_changed(False)

    def ask(self, question: str | None = None) -> RequestHandle | None:
        question = (question if question is not None else self.question_edit.text()).strip()
        if not question:
            self.status_label.setText(self.tr("Type a question first."))
            return None
        if self.context.loading:
            self.status_label.setText(self.tr("Wait until the file has finished opening."))
            return None
        text = self.context.text()
        if not text.strip():
            self.status_label.setText(self.tr("The manuscript is empty: there is nothing to answer from."))
            return None
        settings = self.context.settings
        request = AskRequest(
            model_id=settings.ask_model, embed_model_id=settings.embed_model, text=text, question=question
        )
        self.answer_view.clear()
        self.status_label.setText(self.tr("Reading your manuscript…"))
        return self.submit(request)

    # ------------------------------------------------------------------ results

    def on_finished(self, result: AskResult) -> None:
        self.history.insert(0, result)
        del self.history[HISTORY_SIZE:]
        self.history_list.blockSignals(True)
        self.history_list.insertItem(0, QListWidgetItem(result.question))
        while self.history_list.count() > HISTORY_SIZE:
            self.history_list.takeItem(self.history_list.count() - 1)
        self.history_list.setCurrentRow(0)
        self.history_list.blockSignals(False)
        self.show_result(result)
        if result.unmentioned:
            self.status_label.setText(self.tr("No search needed."))
        else:
            self.status_label.setText(self.tr("Searched {count} passages.").format(count=result.passages))

    def show_result(self, result: AskResult) -> None:
        parts = [f"<p><b>{html.escape(result.question)}</b></p>"]
        # The quoted sentences follow as links; the model's own words (if any) come first.
        quotes = [quote for quote in (result.evidence, *result.more_evidence) if quote is not None]
        shown = result.reply or ("" if result.answer == quoted_answer("", quotes) else result.answer)
        if shown:
            parts.append(f"<p>{html.escape(shown)}</p>")
        if result.unmentioned:
            names = ", ".join(f"“{name}”" for name in result.unmentioned)
            message = self.tr("Your text never mentions {names}.").format(names=names)
            parts.append(f"<p>{html.escape(message)}</p>")
        for number, quote in enumerate(quotes):
            # One paragraph a quote, so that two read as two places in the text.
            label = f"<small>{self.tr('In your text:')}</small><br>" if number == 0 else ""
            text = html.escape(" ".join(quote.text.split()))
            parts.append(f'<p>{label}<a href="passage:{quote.start}:{quote.end}">“{text}”</a></p>')
        sources = result.citations if result.found else result.closest
        if sources:
            heading = self.tr("Sources") if result.found else self.tr("The closest passages")
            parts.append(f"<p><b>{heading}</b></p><ol>")
            for source in sources:
                snippet = source.text[:_SNIPPET_CHARS].replace("\n", " ")
                link = f"passage:{source.start}:{source.end}"
                score = self.tr("match {score:.2f}").format(score=source.score)
                parts.append(f'<li><a href="{link}">{html.escape(snippet)}…</a> <small>({score})</small></li>')
            parts.append("</ol>")
        self.answer_view.setHtml("".join(parts))

    def on_document_replaced(self) -> None:
        self.answer_view.clear()
        self.status_label.clear()
        self.history.clear()
        self.history_list.clear()

    def _on_index_state_changed(self, state: str, _fraction: float, text: str) -> None:
        self.index_label.setText(self.tr("Manuscript index: {state}").format(state=text) if text else "")
        self.index_label.setProperty("indexState", state)

    def _on_source_clicked(self, url: QUrl) -> None:
        kind, _, span = url.toString().partition(":")
        if kind == "passage":
            start, end = (int(value) for value in span.split(":"))
            self.context.show_passage(start, end)

    def _on_history_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.history):
            self.show_result(self.history[row])
