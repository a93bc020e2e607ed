"""The story notes of the manuscript in one window: one model that every panel reads and writes.

Stored per manuscript by ``core.story_notes.StoryNotesStore``; saving follows
``gui.manuscript_record.ManuscriptRecord``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from writer_app.core.story_notes import StoryNotesStore
from writer_app.gui.manuscript_record import ManuscriptRecord


class StoryNotes(ManuscriptRecord):
    sig_changed = Signal(str)  # the whole text, after any change

    def __init__(self, store: StoryNotesStore, parent: QObject | None = None, opening: Callable[[], str] | None = None):
        super().__init__(opening, parent)
        self._store = store
        self._text = ""

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._edited()
        self.sig_changed.emit(text)

    def append(self, paragraph: str) -> None:
        """Add a paragraph at the end (e.g. a summary)."""
        existing = self._text.rstrip()
        self.set_text((existing + "\n\n" if existing else "") + paragraph)

    def _read(self, manuscript: Path | None, opening: str) -> None:
        self._text = self._store.load(manuscript, opening)
        self.sig_changed.emit(self._text)

    def _write(self, manuscript: Path, opening: str) -> None:
        self._store.save(manuscript, self._text, opening)
