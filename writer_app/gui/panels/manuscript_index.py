"""Keeps the manuscript's Ask index up to date in the background.

After the document opens, and a few seconds after the writer stops typing,
an ``IndexRequest(background=True)`` embeds the passages not yet cached. The
service has one worker thread, so a background index gives way to every other
request (Continue must never wait behind it); it is taken up again, from
what the cache already holds, once the models are idle.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from writer_app.core.requests import IndexRequest
from writer_app.core.results import Failure, IndexResult, Progress, StopOutcome
from writer_app.gui.panels.context import PanelContext
from writer_app.service.handle import RequestHandle

OPEN_DELAY_MS = 1500  # after a document opens: let the window settle first
IDLE_DELAY_MS = 4000  # after the last edit
RESUME_DELAY_MS = 500  # after the models become idle again
# Longer manuscripts (several novels' worth) are not read in the background: copying the text
# alone holds the window for a second after every pause in typing, and embedding it takes hours
# on a laptop. Ask still reads them when the writer asks.
BACKGROUND_MAX_CHARS = 8_000_000


class ManuscriptIndexer(QObject):
    # state: "waiting", "indexing", "ready", "problem"; fraction of passages or -1; text for the writer
    sig_state_changed = Signal(str, float, str)

    def __init__(self, context: PanelContext, parent: QObject | None = None):
        super().__init__(parent)
        self._context = context
        self.handle: RequestHandle | None = None
        self.state = ("waiting", -1.0, "")
        self._revision = 0  # edits since the document opened
        self._submitted_revision = -1
        self._ready_revision = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        context.sig_document_replaced.connect(self._on_document_replaced)
        context.sig_models_idle.connect(self._on_models_idle)
        context.editor.document().contentsChanged.connect(self._on_contents_changed)
        self.schedule(OPEN_DELAY_MS)

    @property
    def up_to_date(self) -> bool:
        return self._ready_revision == self._revision

    def schedule(self, delay_ms: int) -> None:
        self._timer.start(delay_ms)

    def _set_state(self, state: str, fraction: float, text: str) -> None:
        self.state = (state, fraction, text)
        self.sig_state_changed.emit(state, fraction, text)

    def _on_document_replaced(self) -> None:
        if self.handle is not None:
            self.handle.abandon()
            self.handle = None
        self._revision += 1
        self.schedule(OPEN_DELAY_MS)

    def _on_contents_changed(self) -> None:
        self._revision += 1
        if self.handle is None:
            self.schedule(IDLE_DELAY_MS)
        # A running index carries on with its snapshot; it is redone once it ends.

    def _start(self) -> None:
        context = self._context
        if self.handle is not None or self.up_to_date or context.loading:
            return
        if context.models_busy:
            return  # resumed from _on_models_idle
        if context.editor.document().characterCount() > BACKGROUND_MAX_CHARS:
            self._set_state("waiting", -1.0, self.tr("read when you ask (a very long manuscript)"))
            return
        text = context.text()
        if not text.strip():
            self._ready_revision = self._revision
            self._set_state("waiting", -1.0, "")
            return
        handle = context.submit(IndexRequest(embed_model_id=context.settings.embed_model, text=text, background=True))
        if handle is None:
            return  # the models have not started: retried once they are idle
        self._submitted_revision = self._revision
        self.handle = handle
        handle.sig_progress.connect(self._on_progress)
        handle.sig_finished.connect(self._on_finished)
        handle.sig_stopped.connect(self._on_stopped)
        handle.sig_failed.connect(self._on_failed)
        if self.state[0] != "indexing":
            self._set_state("indexing", -1.0, self.tr("reading your manuscript…"))

    def _on_models_idle(self) -> None:
        if self.handle is None and not self.up_to_date and not self._timer.isActive():
            self.schedule(RESUME_DELAY_MS)

    def _on_progress(self, progress: Progress) -> None:
        if progress.stage == "indexing":
            fraction = -1.0 if progress.fraction is None else progress.fraction
            text = self.tr("reading your manuscript… {percent:.0%}").format(percent=fraction) if fraction >= 0 else ""
            self._set_state("indexing", fraction, text)

    def _on_finished(self, result: IndexResult) -> None:
        self.handle = None
        if self._submitted_revision == self._revision:
            self._ready_revision = self._revision
            self._set_state("ready", 1.0, self.tr("ready · {count:,} passages").format(count=result.passages))
        else:
            self.schedule(IDLE_DELAY_MS)

    def _on_stopped(self, outcome: StopOutcome) -> None:
        self.handle = None
        if outcome.preempted:
            self._set_state("waiting", self.state[1], self.tr("paused while the model works"))
            # _on_models_idle picks it up again.

    def _on_failed(self, failure: Failure) -> None:
        self.handle = None
        self._ready_revision = self._revision  # not retried until the text changes
        self._set_state("problem", -1.0, failure.message)
