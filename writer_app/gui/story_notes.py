"""The story notes of the manuscript in one window: one model that every panel reads and writes.

Notes belong to a manuscript file (kept in Inkwell's data folder by
``core.story_notes.StoryNotesStore``); an untitled manuscript's notes wait in
memory until its first save. Edits are saved shortly after the writer pauses,
and at once when the manuscript is saved, replaced or closed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from writer_app.core.story_notes import StoryNotesStore

SAVE_DELAY_MS = 800


class StoryNotes(QObject):
    sig_changed = Signal(str)  # the whole text, after any change
    sig_save_failed = Signal(str)  # why the notes could not be saved

    def __init__(self, store: StoryNotesStore, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._path: Path | None = None  # the manuscript these notes belong to
        self._text = ""
        self._dirty = False  # edited since the last save
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def text(self) -> str:
        return self._text

    @property
    def path(self) -> Path | None:
        return self._path

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._dirty = True
        self._timer.start()
        self.sig_changed.emit(text)

    def append(self, paragraph: str) -> None:
        """Add a paragraph at the end (e.g. a summary)."""
        existing = self._text.rstrip()
        self.set_text((existing + "\n\n" if existing else "") + paragraph)

    def load_for(self, manuscript: Path | None) -> None:
        """Switch to *manuscript*'s notes, saving the current ones first."""
        self.flush()
        self._path = manuscript
        self._text = self._store.load(manuscript)
        self._dirty = False
        self.sig_changed.emit(self._text)

    def attach_to(self, manuscript: Path) -> None:
        """The manuscript was saved as *manuscript*: the notes go with it (an untitled one's included)."""
        self._path = manuscript
        self.flush(force=True)

    def flush(self, force: bool = False) -> bool:
        """Save pending edits now; False (and ``sig_save_failed``) when that failed."""
        self._timer.stop()
        if self._path is None or not (self._dirty or force):
            return True  # an untitled manuscript's notes are kept until its first save
        try:
            self._store.save(self._path, self._text)
        except OSError as exc:
            self.sig_save_failed.emit(exc.strerror or str(exc))
            return False
        self._dirty = False
        return True
