"""The export options of the manuscript in this window (``documents.options.ExportOptionsStore``)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject

from writer_app.documents.options import ExportOptions, ExportOptionsStore
from writer_app.gui.manuscript_record import ManuscriptRecord


class ExportRecord(ManuscriptRecord):
    def __init__(
        self, store: ExportOptionsStore, parent: QObject | None = None, opening: Callable[[], str] | None = None
    ):
        super().__init__(opening, parent)
        self._store = store
        self.options = ExportOptions()
        self.format = "docx"
        self.out = ""  # the file last exported to

    def remember(self, options: ExportOptions, fmt: str, out: str) -> None:
        self.options, self.format, self.out = options, fmt, out
        self._edited()

    def _read(self, manuscript: Path | None, opening: str) -> None:
        self.options, self.format, self.out = self._store.load(manuscript, opening)

    def _write(self, manuscript: Path, opening: str) -> None:
        self._store.save(manuscript, self.options, self.format, self.out, opening)
