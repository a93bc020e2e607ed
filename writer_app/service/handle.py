"""A handle per request: its own signals and its own Stop, like a QNetworkReply."""

from __future__ import annotations

import warnings
from typing import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from writer_app.core.requests import InferenceRequest

TERMINAL = ("finished", "stopped", "failed")


class RequestHandle(QObject):
    """What ``InferenceService.submit`` returns; lives on the GUI thread.

    Streams ``sig_token`` and ``sig_progress`` while the request runs, then
    exactly one of ``sig_finished(result)``, ``sig_stopped(StopOutcome)`` or
    ``sig_failed(Failure)``, then ``sig_ended``.
    """

    sig_token = Signal(str)
    sig_progress = Signal(object)  # Progress
    sig_finished = Signal(object)  # the request's typed result
    sig_stopped = Signal(object)  # StopOutcome
    sig_failed = Signal(object)  # Failure
    sig_ended = Signal()  # after any of the three above

    def __init__(self, request: InferenceRequest, stop: Callable[[], None]):
        super().__init__()
        self.request = request
        self._stop = stop
        self.state = "running"  # then "finished", "stopped" or "failed"
        self.result = None  # the result, the StopOutcome or the Failure, once ended

    @property
    def request_id(self) -> int:
        return self.request.request_id

    @property
    def done(self) -> bool:
        return self.state != "running"

    def stop(self) -> None:
        """Ask the request to stop: generation ends at the next token, long jobs between chunks."""
        if not self.done:
            self._stop()

    def forget(self) -> None:
        """Let nothing more arrive from this request; it carries on unless stopped."""
        self.blockSignals(True)

    def abandon(self) -> None:
        """Stop, and let nothing more arrive from this request (e.g. its results belong to a document that is gone)."""
        self.stop()
        self.forget()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Run an event loop until the request ends (for scripts and the command line); False on timeout."""
        if not self.done:
            loop = QEventLoop()
            self.sig_ended.connect(loop.quit)
            if timeout_s is not None:
                QTimer.singleShot(int(timeout_s * 1000), loop.quit)
            loop.exec()
            if not self.done:  # timed out (once ended, the handle has let go of every listener)
                self.sig_ended.disconnect(loop.quit)
        return self.done

    def deliver(self, kind: str, payload: object) -> None:
        """Called by the service on the GUI thread, in the order the worker sent them."""
        if self.done:
            return
        if kind == "token":
            self.sig_token.emit(payload)
        elif kind == "progress":
            self.sig_progress.emit(payload)
        elif kind in TERMINAL:
            self.state, self.result = kind, payload
            {"finished": self.sig_finished, "stopped": self.sig_stopped, "failed": self.sig_failed}[kind].emit(payload)
            self.sig_ended.emit()
            self._disconnect_all()

    def _disconnect_all(self) -> None:
        """Nothing more will be said: let go of every listener.

        A listener that refers back to the handle (a lambda, or a panel that
        keeps it) makes a reference cycle, and Python's collector may free
        a cycle on any thread, the worker's included, where deleting this
        GUI-thread object would crash. Dropping the connections breaks the
        cycle here, on the GUI thread.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a signal nobody listened to
            for signal in (
                self.sig_token,
                self.sig_progress,
                self.sig_finished,
                self.sig_stopped,
                self.sig_failed,
                self.sig_ended,
            ):
                try:
                    signal.disconnect()
                except (RuntimeError, TypeError, SystemError):
                    pass
