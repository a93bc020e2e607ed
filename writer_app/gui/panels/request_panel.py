"""A panel that runs one request at a time (Summarise, Ask): Stop, progress, and stale results dropped."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from writer_app.core.requests import InferenceRequest
from writer_app.core.results import Failure, Progress, StopOutcome
from writer_app.gui.panels.context import PanelContext
from writer_app.service.handle import RequestHandle


class RequestPanel(QWidget):
    """Subclasses build ``primary_button``, ``stop_button``, ``progress`` (a QProgressBar) and
    ``status_label`` (a plain-text QLabel: it shows model and error texts), then override
    ``on_finished`` (and the other ``on_*`` as they need)."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.handle: RequestHandle | None = None
        context.sig_document_replaced.connect(self._on_document_replaced)

    @property
    def busy(self) -> bool:
        return self.handle is not None

    def submit(self, request: InferenceRequest) -> RequestHandle | None:
        """Run *request* instead of the current one (which is stopped and forgotten)."""
        handle = self.context.submit(request)
        if handle is None:
            self.on_failed(Failure(self.context.starting_message()))
            return None
        self._drop_handle()
        self.handle = handle
        handle.sig_progress.connect(self.on_progress)
        handle.sig_finished.connect(self.on_finished)
        handle.sig_stopped.connect(self.on_stopped)
        handle.sig_failed.connect(self.on_failed)
        handle.sig_ended.connect(self._on_ended)
        self.on_busy_changed(True)
        return handle

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.stop()

    def _on_ended(self) -> None:
        self.handle = None
        self.on_busy_changed(False)

    def _drop_handle(self) -> None:
        if self.handle is not None:
            self.handle.abandon()
            self.handle = None
            self.on_busy_changed(False)

    def _on_document_replaced(self) -> None:
        # A different document now: whatever comes back belongs to the old one.
        self._drop_handle()
        self.on_document_replaced()

    # Panels extend or override these.
    def on_progress(self, progress: Progress) -> None:
        if progress.fraction is not None:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(progress.fraction * 100))
        else:
            self.progress.setRange(0, 0)  # busy indicator
        if progress.message:
            self.status_label.setText(progress.message)

    def on_finished(self, result) -> None: ...

    def on_stopped(self, _outcome: StopOutcome) -> None:
        self.status_label.setText(self.tr("Stopped."))

    def on_failed(self, failure: Failure) -> None:
        self.status_label.setText(failure.message)

    def on_busy_changed(self, busy: bool) -> None:
        self.primary_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def on_document_replaced(self) -> None: ...
