"""What the lenses remember about the manuscript in this window (``core.lens_store``): ignored passages
and measured chapters. Saving follows ``gui.manuscript_record.ManuscriptRecord``."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from writer_app.core.lens_store import LensStore, chapter_key
from writer_app.gui.manuscript_record import ManuscriptRecord


class LensRecord(ManuscriptRecord):
    sig_changed = Signal()

    def __init__(self, store: LensStore, parent: QObject | None = None, opening: Callable[[], str] | None = None):
        super().__init__(opening, parent)
        self._store = store
        self.ignored: set[str] = set()
        self._chapters: dict[str, float] = {}

    def ignore(self, keys: set[str]) -> None:
        if keys - self.ignored:
            self.ignored |= keys
            self._edited()
            self.sig_changed.emit()

    def chapter_measure(self, model_id: str, chapter_text: str) -> float | None:
        return self._chapters.get(chapter_key(model_id, chapter_text))

    def set_chapter_measure(self, model_id: str, chapter_text: str, value: float) -> None:
        key = chapter_key(model_id, chapter_text)
        self._chapters.pop(key, None)  # re-inserted last: the newest measure is kept longest
        self._chapters[key] = round(value, 3)
        self._edited()

    def _read(self, manuscript: Path | None, opening: str) -> None:
        self.ignored, self._chapters = self._store.load(manuscript, opening)
        self.sig_changed.emit()

    def _write(self, manuscript: Path, opening: str) -> None:
        self._store.save(manuscript, self.ignored, self._chapters, opening)
