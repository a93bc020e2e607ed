"""The GUI's handle on the engine: owns the worker's QThread and forwards its signals.

Requests go to the worker as queued signals; results come back on the GUI
thread as this object's signals, each carrying the request id.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from writer_app.engine.config import EngineConfig, StopRegistry
from writer_app.engine.requests import EngineRequest
from writer_app.engine.worker import InferenceWorker

THREAD_NAME = "inkwell-engine"


class InferenceEngine(QObject):
    sig_token = Signal(int, str)
    sig_progress = Signal(int, str, float, str)
    sig_finished = Signal(int, object)
    sig_stopped = Signal(int, object)
    sig_failed = Signal(int, str, object)
    sig_model_ready = Signal(str, object)
    sig_idle = Signal()  # the last submitted request has ended
    _sig_submit = Signal(object)

    def __init__(self, config: EngineConfig, parent: QObject | None = None):
        super().__init__(parent)
        self.config = config
        self._stops = StopRegistry()
        self.thread = QThread(self)
        self.thread.setObjectName(THREAD_NAME)
        self.worker = InferenceWorker(config, self._stops)
        self.worker.moveToThread(self.thread)
        self._sig_submit.connect(self.worker.handle)
        self._pending: set[int] = set()
        for name in ("sig_token", "sig_progress", "sig_finished", "sig_stopped", "sig_failed", "sig_model_ready"):
            getattr(self.worker, name).connect(getattr(self, name))
        for name in ("sig_finished", "sig_stopped", "sig_failed"):
            # The first slot of each, so ``busy`` is right before anyone else hears of the ending.
            getattr(self, name).connect(self._on_request_ended)
        self.thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, request: EngineRequest) -> int:
        background = bool(getattr(request, "background", False))
        if not background:
            self._stops.preempt_background()
        self._stops.create(request.request_id, background=background)
        self._pending.add(request.request_id)
        self._sig_submit.emit(request)
        return request.request_id

    def _on_request_ended(self, request_id: int, *_payload) -> None:
        self._pending.discard(request_id)
        if not self._pending:
            # After every listener has heard of the ending (and maybe submitted more).
            QTimer.singleShot(0, self._announce_idle)

    def _announce_idle(self) -> None:
        if not self._pending:
            self.sig_idle.emit()

    def stop(self, request_id: int) -> None:
        """Ask a request to stop: generation ends at the next token, long jobs between chunks."""
        self._stops.stop(request_id)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop everything, join the thread, then free the models. True when the thread ended."""
        if not self.thread.isRunning():
            return True
        self._stops.stop_all()
        self.thread.quit()
        ended = self.thread.wait(timeout_ms)
        if ended:
            self.worker.release()
        return ended
