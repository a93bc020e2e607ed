"""Models ▸ Get Models…: the catalogue's downloadable models, whether each fits this computer, and their downloads.

A download runs on a Python thread (``engine/downloads.py``: no torch) and
reports bytes through a queued signal; Pause stops it between chunks and
keeps the part for later (closing the dialog or Inkwell pauses too), Cancel
removes the part, Remove deletes a downloaded model. The licence is shown
before a model's first download.
"""

from __future__ import annotations

import os
import threading
import time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.errors import Stopped
from writer_app.engine.catalog import ModelEntry, ModelUnavailable
from writer_app.engine.downloads import (
    discard_partial,
    fetch,
    has_partial,
    partial_bytes,
    plan_download,
    remove_download,
)
from writer_app.gui.app_settings import AppSettings
from writer_app.gui.dialogs import ask_choice, show_error
from writer_app.gui.models.hub import MODEL_KEYS, ModelHub

COLUMNS = ("name", "size", "licence", "good_for", "fits", "state")


class DownloadJob(QObject):
    """One model's download on a Python thread; exactly one of finished, paused or failed ends it."""

    sig_progress = Signal(int, int)  # bytes done, bytes in all
    sig_finished = Signal()
    sig_paused = Signal()
    sig_failed = Signal(str)

    def __init__(self, entry: ModelEntry, hf_cache, parent: QObject | None = None):
        super().__init__(parent)
        self.entry = entry
        self.stop = threading.Event()
        self.cancelled = False  # stopped to throw the part away, not to resume later
        self._hf_cache = hf_cache
        self._thread = threading.Thread(target=self._run, name=f"download-{entry.id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self, timeout_s: float) -> bool:
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            plan = plan_download(self.entry)
            fetch(plan, self._hf_cache, self.sig_progress.emit, self.stop)
        except Stopped:
            self.sig_paused.emit()
        except ModelUnavailable as exc:
            self.sig_failed.emit(str(exc))
        except Exception as exc:  # the thread must always end with an answer
            self.sig_failed.emit(f"{self.entry.name} could not be downloaded: {exc}")
        else:
            self.sig_finished.emit()


class GetModelsDialog(QDialog):
    def __init__(self, hub: ModelHub, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Get Models"))
        self.resize(1040, 460)
        self._hub = hub
        self._settings = settings
        self._hf_cache = hub.config.hf_cache
        self.entries = [entry for entry in hub.catalog if entry.source == "hf"]
        self.job: DownloadJob | None = None
        self._speed = (0.0, 0)  # (time, bytes) of the last speed sample
        self._rate = 0.0

        intro = QLabel(
            self.tr(
                "These models are downloaded from the Hugging Face Hub at a fixed version, and every file is checked "
                "before Inkwell uses it. Inkwell goes online only while a download runs."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.entries), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Size"),
                self.tr("Licence"),
                self.tr("Good for"),
                self.tr("Fits this computer"),
                self.tr("State"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.download_button = QPushButton(self.tr("&Download"), self)
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.cancel_button = QPushButton(self.tr("&Cancel Download"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        row = QHBoxLayout()
        for button in (self.download_button, self.pause_button, self.cancel_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(close)

        self.download_button.clicked.connect(self.download)
        self.pause_button.clicked.connect(self.pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.remove_button.clicked.connect(self.remove)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for row_index, entry in enumerate(self.entries):
            self._fill_row(row_index, entry)
        if self.entries:
            self.table.selectRow(0)
        self._update_buttons()

    # ------------------------------------------------------------------ rows
    def selected(self) -> ModelEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _fill_row(self, row: int, entry: ModelEntry) -> None:
        values = {
            "name": entry.name,
            "size": _megabytes(entry.size_mb),
            "licence": entry.licence,
            "good_for": self._good_for(entry),
            "fits": self._fits(entry),
            "state": self._state(entry),
        }
        for column, key in enumerate(COLUMNS):
            item = QTableWidgetItem(values[key])
            item.setToolTip(entry.hardware if key in ("fits", "good_for") else values[key])
            self.table.setItem(row, column, item)

    def _good_for(self, entry: ModelEntry) -> str:
        if entry.has_role("instruct"):
            return self.tr("Writing, summaries and answers")
        if entry.has_role("summarise"):
            return self.tr("Summaries")
        if entry.has_role("qa"):
            return self.tr("Answers picked out of your text")
        if entry.has_role("embed"):
            return self.tr("Finding passages for Ask")
        return self.tr("Continuing prose")

    def _fits(self, entry: ModelEntry) -> str:
        """Against the memory Inkwell allows models (half the RAM), at the precision it would load them."""
        budget = _memory_mb() / 2
        needed = entry.size_mb * 1.2  # weights as downloaded, and room to work
        if needed <= budget * 0.6:
            return self.tr("Yes")
        if needed <= budget:
            return self.tr("Tight: close other programs")
        return self.tr("No: needs about {size} of memory").format(size=_megabytes(int(needed * 2)))

    def _state(self, entry: ModelEntry) -> str:
        if self.job is not None and self.job.entry.id == entry.id:
            return self.tr("Downloading…")
        if self._hub.availability(entry) == "ready":
            return self.tr("Downloaded")
        if has_partial(entry, self._hf_cache) or partial_bytes(entry, self._hf_cache):
            done = partial_bytes(entry, self._hf_cache) / max(1, entry.size_mb * 2**20)
            return self.tr("Paused at {percent:.0%}").format(percent=min(done, 0.99))
        return self.tr("Not downloaded")

    def _refresh(self, entry: ModelEntry) -> None:
        self._fill_row(self.entries.index(entry), entry)
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected()
        busy = self.job is not None
        ready = entry is not None and self._hub.availability(entry) == "ready"
        partial = entry is not None and has_partial(entry, self._hf_cache)
        self.download_button.setEnabled(entry is not None and not busy and not ready)
        self.download_button.setText(self.tr("&Resume") if partial else self.tr("&Download"))
        self.pause_button.setEnabled(busy)
        self.cancel_button.setEnabled(busy or partial)
        self.remove_button.setEnabled(entry is not None and ready and not busy)

    # ------------------------------------------------------------------ actions
    def download(self) -> None:
        entry = self.selected()
        if entry is None or self.job is not None:
            return
        if not has_partial(entry, self._hf_cache) and not self._licence_accepted(entry):
            return
        self.job = DownloadJob(entry, self._hf_cache, self)
        self.job.sig_progress.connect(self._on_progress)
        self.job.sig_finished.connect(lambda: self._on_ended(self.tr("{name} is ready.").format(name=entry.name)))
        self.job.sig_paused.connect(self._on_paused)
        self.job.sig_failed.connect(self._on_ended)
        self._speed, self._rate = (time.monotonic(), partial_bytes(entry, self._hf_cache)), 0.0
        self.message.setText(self.tr("Asking the Hub about {name}…").format(name=entry.name))
        self.job.start()
        self._refresh(entry)

    def pause(self) -> None:
        if self.job is not None:
            self.job.stop.set()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancelled = True
            self.job.stop.set()  # the part is removed once the thread has let go of it
            return
        entry = self.selected()
        if entry is not None:
            discard_partial(entry, self._hf_cache)
            self.message.setText(self.tr("The download of {name} was cancelled.").format(name=entry.name))
            self._refresh(entry)

    def remove(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        in_use = [key for key in MODEL_KEYS if getattr(self._settings, key) == entry.id]
        if in_use:
            show_error(
                self,
                self.tr("Model in use"),
                self.tr("{name} is one of the models you chose in the Models menu; choose another first.").format(
                    name=entry.name
                ),
            )
            return
        choice = ask_choice(
            self,
            self.tr("Remove {name}?").format(name=entry.name),
            self.tr("Its files ({size}) are deleted from this computer.").format(size=_megabytes(entry.size_mb)),
            self.tr("You can download it again later."),
            [("remove", self.tr("Remove"))],
            cancel_is_default=True,
        )
        if choice == "remove":
            remove_download(entry, self._hf_cache)
            self._refresh(entry)

    def _licence_accepted(self, entry: ModelEntry) -> bool:
        choice = ask_choice(
            self,
            self.tr("Download {name}?").format(name=entry.name),
            self.tr("{name} is published under this licence: {licence}.").format(
                name=entry.name, licence=entry.licence
            ),
            self.tr(
                "By downloading it you agree to its licence (see the model's page on huggingface.co, {repo}). "
                "It takes about {size} of disk space."
            ).format(repo=entry.repo, size=_megabytes(entry.size_mb)),
            [("download", self.tr("Download"))],
        )
        return choice == "download"

    def _on_progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        last_time, last_bytes = self._speed
        if now - last_time >= 1.0:
            self._rate = (done - last_bytes) / (now - last_time)
            self._speed = (now, done)
        entry = self.job.entry if self.job is not None else None
        if entry is None:
            return
        text = self.tr("Downloading {percent:.0%} · {done} of {total}").format(
            percent=done / max(1, total), done=_megabytes(done // 2**20), total=_megabytes(total // 2**20)
        )
        if self._rate > 0:
            text += f" · {self._rate / 2**20:.1f} MB/s"
        self.table.item(self.entries.index(entry), COLUMNS.index("state")).setText(text)
        self.message.setText(text)

    def _on_paused(self) -> None:
        entry = self.job.entry
        if self.job.cancelled:
            discard_partial(entry, self._hf_cache)
            self._on_ended(self.tr("The download of {name} was cancelled.").format(name=entry.name))
        else:
            self._on_ended(self.tr("Paused. Resume whenever you like; the part downloaded is kept."))

    def _on_ended(self, message: str) -> None:
        entry = self.job.entry
        self.job = None
        self.message.setText(message)
        self._refresh(entry)

    def done(self, result: int) -> None:
        """Closing the dialog pauses a running download (its part is kept)."""
        if self.job is not None:
            self.job.stop.set()
            self.job.wait(5)
        super().done(result)


def _memory_mb() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20)
    except (ValueError, OSError, AttributeError):
        return 8192


def _megabytes(count_mb: int) -> str:
    return f"{count_mb / 1024:.1f} GB" if count_mb >= 1024 else f"{count_mb:,} MB"
