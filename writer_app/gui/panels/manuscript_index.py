"""Keeps the manuscript's Ask index up to date in the background.

After the document opens, and a few seconds after the writer stops typing,
an ``IndexRequest(background=True)`` embeds the passages not yet cached. The
engine has one worker thread, so a background index gives way to every other
request (Continue must never wait behind it); it is taken up again, from
what the cache already holds, once the engine is idle.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from writer_app.engine.requests import IndexRequest

OPEN_DELAY_MS = 1500  # after a document opens: let the window settle first
IDLE_DELAY_MS = 4000  # after the last edit
RESUME_DELAY_MS = 500  # after the engine becomes idle again


class ManuscriptIndexer(QObject):
    # state: "waiting", "indexing", "ready", "problem"; fraction of passages or -1; text for the writer
    sig_state_changed = Signal(str, float, str)

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._app = window.app
        self._editor = window.editor
        self.request_id: int | None = None
        self.state = ("waiting", -1.0, "")
        self._revision = 0  # edits since the document opened
        self._submitted_revision = -1
        self._ready_revision = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        hub = self._app.engine_hub
        hub.sig_engine_started.connect(self._connect_engine)
        if hub.engine is not None:
            self._connect_engine()
        window.sig_document_loaded.connect(self._on_document_loaded)
        self._editor.document().contentsChanged.connect(self._on_contents_changed)
        self.schedule(OPEN_DELAY_MS)

    @property
    def up_to_date(self) -> bool:
        return self._ready_revision == self._revision

    def schedule(self, delay_ms: int) -> None:
        self._timer.start(delay_ms)

    def _connect_engine(self) -> None:
        engine = self._app.engine_hub.engine
        engine.sig_progress.connect(self._on_progress)
        engine.sig_finished.connect(self._on_finished)
        engine.sig_stopped.connect(self._on_stopped)
        engine.sig_failed.connect(self._on_failed)
        engine.sig_idle.connect(self._on_engine_idle)
        if not self.up_to_date and self.request_id is None:
            self.schedule(OPEN_DELAY_MS)

    def _set_state(self, state: str, fraction: float, text: str) -> None:
        self.state = (state, fraction, text)
        self.sig_state_changed.emit(state, fraction, text)

    def _on_document_loaded(self, _path: str) -> None:
        self._cancel()
        self._revision += 1
        self.schedule(OPEN_DELAY_MS)

    def _on_contents_changed(self) -> None:
        self._revision += 1
        if self.request_id is None:
            self.schedule(IDLE_DELAY_MS)
        # A running index carries on with its snapshot; it is redone once it ends.

    def _cancel(self) -> None:
        engine = self._app.engine_hub.engine
        if self.request_id is not None and engine is not None:
            engine.stop(self.request_id)
        self.request_id = None

    def _start(self) -> None:
        engine = self._app.engine_hub.engine
        if engine is None or self.request_id is not None or self.up_to_date:
            return
        if engine.busy:
            return  # resumed from _on_engine_idle
        text = self._editor.text()
        if not text.strip():
            self._ready_revision = self._revision
            self._set_state("waiting", -1.0, "")
            return
        self._submitted_revision = self._revision
        request = IndexRequest(embed_model_id=self._app.settings.embed_model, text=text, background=True)
        self.request_id = engine.submit(request)
        if self.state[0] != "indexing":
            self._set_state("indexing", -1.0, self.tr("reading your manuscript…"))

    def _on_engine_idle(self) -> None:
        if self.request_id is None and not self.up_to_date and not self._timer.isActive():
            self.schedule(RESUME_DELAY_MS)

    def _on_progress(self, request_id: int, stage: str, fraction: float, _message: str) -> None:
        if request_id == self.request_id and stage == "indexing":
            text = self.tr("reading your manuscript… {percent:.0%}").format(percent=fraction) if fraction >= 0 else ""
            self._set_state("indexing", fraction, text)

    def _on_finished(self, request_id: int, result: dict) -> None:
        if request_id != self.request_id:
            return
        self.request_id = None
        if self._submitted_revision == self._revision:
            self._ready_revision = self._revision
            self._set_state("ready", 1.0, self.tr("ready · {count:,} passages").format(count=result.get("passages", 0)))
        else:
            self.schedule(IDLE_DELAY_MS)

    def _on_stopped(self, request_id: int, result: dict) -> None:
        if request_id != self.request_id:
            return
        self.request_id = None
        if result.get("preempted"):
            self._set_state("waiting", self.state[1], self.tr("paused while the model works"))
            # _on_engine_idle picks it up again.

    def _on_failed(self, request_id: int, message: str, _info: dict) -> None:
        if request_id != self.request_id:
            return
        self.request_id = None
        self._ready_revision = self._revision  # not retried until the text changes
        self._set_state("problem", -1.0, message)
