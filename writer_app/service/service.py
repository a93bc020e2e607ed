"""The inference service: owns the worker's QThread; ``submit`` returns a handle per request.

Requests go to the worker as queued signals; what the worker reports comes
back on the GUI thread and is handed to the request's own handle.
"""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal

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
        self._closing = False  # shutdown has begun: nothing new starts
        self._joining = False
        self._released = False
        self.thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._handles)

    def submit(self, request: InferenceRequest) -> RequestHandle:
        """Queue *request*; a foreground request makes running background ones give way.

        After shutdown has begun the request does not run: its handle ends as stopped.
        """
        request_id = request.request_id
        if self._closing:
            handle = RequestHandle(request, lambda: None)
            self._handles[request_id] = handle
            QTimer.singleShot(0, self, partial(self._end_unstarted, request_id))
            return handle
        if not request.background:
            self._stops.preempt_background()
        self._stops.create(request_id, background=request.background)
        handle = RequestHandle(request, partial(self._stop_request, request_id))
        self._handles[request_id] = handle
        self._sig_submit.emit(request)
        return handle

    def _stop_request(self, request_id: int) -> None:
        """A handle's Stop: a running request stops at its next check, a queued one ends now."""
        if self._stops.withdraw(request_id):
            # The worker will skip it, so it ends here, once the caller's own code has run.
            QTimer.singleShot(0, self, partial(self._end_unstarted, request_id))

    def _end_unstarted(self, request_id: int) -> None:
        self._on_worker_event(request_id, "stopped", StopOutcome())

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
        if not self._handles and not self._closing:
            self.sig_idle.emit()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop everything, join the thread, then free the models. True when the thread ended.

        Loading, the precision probe, conversion and every task check their
        stop flag between steps, so the thread usually ends within a second.
        While waiting, the GUI thread keeps painting and hands the worker's
        last events to their handles (input events wait). Requests still
        queued, and any submitted from now on, end as stopped, so every handle
        hears its one terminal signal.
        """
        self._closing = True
        if self._joining:  # called again from an event handled while waiting below
            return False
        ended = True
        if self.thread.isRunning():
            self._stops.stop_all()
            self.thread.quit()
            self._joining = True
            try:
                ended = self._join(timeout_ms)
            finally:
                self._joining = False
        if ended and not self._released:
            self._released = True
            self.worker.release()
        for request_id in list(self._handles):
            self._on_worker_event(request_id, "stopped", StopOutcome())
        return ended

    def _join(self, timeout_ms: int) -> bool:
        app = QCoreApplication.instance()
        on_gui_thread = app is not None and QThread.currentThread() is app.thread()
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if self.thread.wait(max(0, min(20, remaining_ms))):
                return True
            if remaining_ms <= 0:
                return False
            if on_gui_thread:
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
