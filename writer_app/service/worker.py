"""The inference worker: a QObject living on the service's QThread.

Every request ends with exactly one terminal event: finished, stopped or
failed. Exceptions never escape: they become "failed" and the thread keeps
serving. Models are loaded (and torch imported) here, on the worker thread.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QObject, Signal, Slot

from writer_app.core.collector import collector_paused
from writer_app.core.errors import Stopped, TaskFailed
from writer_app.core.requests import ConfigureRequest, InferenceRequest
from writer_app.core.results import Failure, StopOutcome
from writer_app.engine.config import EngineConfig
from writer_app.engine.local_models import LocalModels
from writer_app.engine.model_router import ModelRouter
from writer_app.engine.server_models import ServerModels
from writer_app.service.stops import StopRegistry
from writer_app.tasks.context import TaskContext

log = logging.getLogger(__name__)


class InferenceWorker(QObject):
    # request id, kind ("token", "progress", "finished", "stopped", "failed"), payload
    sig_event = Signal(int, str, object)
    sig_model_ready = Signal(object)  # ModelInfo

    def __init__(self, config: EngineConfig, stops: StopRegistry):
        super().__init__()
        self.models = ModelRouter(
            LocalModels(config, on_model_ready=self.sig_model_ready.emit),
            ServerModels(config.servers),
            on_model_ready=self.sig_model_ready.emit,
        )
        self._stops = stops

    @Slot(object)
    def handle(self, request: InferenceRequest) -> None:
        request_id = request.request_id
        stop = self._stops.create(request_id)
        if not self._stops.claim(request_id):  # withdrawn while queued: its handle has already ended
            self._stops.forget(request_id)
            return

        def emit(kind: str, payload: object) -> None:
            self.sig_event.emit(request_id, kind, payload)

        try:
            if stop.is_set():
                raise Stopped()
            if isinstance(request, ConfigureRequest):
                result = self.models.configure(
                    request.device, request.quantization, request.accepted_terms, request.servers
                )
            else:
                context = TaskContext(
                    self.models,
                    stop,
                    cache_dir=self.models.config.cache_dir,
                    on_token=lambda text: emit("token", text),
                    on_progress=lambda progress: emit("progress", progress),
                )
                result = _run_task()(request, context)
        except Stopped as exc:
            emit("stopped", StopOutcome(partial=exc.partial, preempted=self._stops.was_preempted(request_id)))
        except TaskFailed as exc:
            details = exc.details or (traceback.format_exc() if exc.__cause__ else "")
            emit("failed", Failure(str(exc), exc.kind, details))
        except Exception as exc:  # the worker must survive anything
            log.exception("Request %s failed", request_id)
            emit("failed", Failure(f"Something went wrong: {exc}", "error", traceback.format_exc()))
        else:
            if getattr(result, "stopped", False):
                emit("stopped", StopOutcome(partial=result, preempted=self._stops.was_preempted(request_id)))
            else:
                emit("finished", result)
        finally:
            self._stops.forget(request_id)

    def release(self) -> None:
        """Free every model (called after the thread has stopped)."""
        self.models.release()


def _run_task():
    """``tasks.registry.run_task``, imported on the worker thread the first time.

    The tasks bring numpy, which the window need not wait for before it paints;
    the collector stays paused while they are imported (``collector_paused``).
    """
    if "writer_app.tasks.registry" not in sys.modules:
        with collector_paused():
            import writer_app.tasks.registry  # noqa: F401
    return sys.modules["writer_app.tasks.registry"].run_task
