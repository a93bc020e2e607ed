"""The inference service: owns the worker's QThread; ``submit`` returns a handle per request.

Requests go to the worker as queued signals; what the worker reports comes
back on the GUI thread and is handed to the request's own handle.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from writer_app.core.requests import InferenceRequest
from writer_app.core.results import StopOutcome
from writer_app.engine.config import EngineConfig
from writer_app.service.handle import TERMINAL, RequestHandle
from writer_app.service.stops import StopRegistry
from writer_app.service.worker import InferenceWorker

THREAD_NAME = "inkwell-inference"


class InferenceService(QObject):
    sig_model_ready = Signal(object)  # ModelInfo: a model was loaded (by any request)
    sig_idle = Signal()  # the last submitted request has ended
    _sig_submit = Signal(object)

    def __init__(self, config: EngineConfig, parent: QObject | None = None):
        super().__init__(parent)
        self.config = config
        self._stops = StopRegistry()
        self._handles: dict[int, RequestHandle] = {}
        self.thread = QThread(self)
        self.thread.setObjectName(THREAD_NAME)
        self.worker = InferenceWorker(config, self._stops)
        self.worker.moveToThread(self.thread)
        self._sig_submit.connect(self.worker.handle)
        self.worker.sig_event.connect(self._on_worker_event)
        self.worker.sig_model_ready.connect(self.sig_model_ready)
        self.thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._handles)

    def submit(self, request: InferenceRequest) -> RequestHandle:
        """Queue *request*; a foreground request makes running background ones give way."""
        if not request.background:
            self._stops.preempt_background()
        self._stops.create(request.request_id, background=request.background)
        handle = RequestHandle(request, lambda: self._stops.stop(request.request_id))
        self._handles[request.request_id] = handle
        self._sig_submit.emit(request)
        return handle

    def _on_worker_event(self, request_id: int, kind: str, payload: object) -> None:
        handle = self._handles.get(request_id)
        if handle is None:
            return
        if kind in TERMINAL:
            # Gone from the table first, so ``busy`` is right when the handle's listeners run.
            del self._handles[request_id]
        handle.deliver(kind, payload)
        if kind in TERMINAL and not self._handles:
            # After every listener has heard of the ending (and maybe submitted more).
            QTimer.singleShot(0, self._announce_idle)

    def _announce_idle(self) -> None:
        if not self._handles:
            self.sig_idle.emit()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop everything, join the thread, then free the models. True when the thread ended.

        Requests still queued end as stopped, so every handle hears its one terminal signal.
        """
        if not self.thread.isRunning():
            return True
        self._stops.stop_all()
        self.thread.quit()
        ended = self.thread.wait(timeout_ms)
        if ended:
            self.worker.release()
        for request_id in list(self._handles):
            self._on_worker_event(request_id, "stopped", StopOutcome())
        return ended
