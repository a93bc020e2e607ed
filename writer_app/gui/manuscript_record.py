"""Something kept per manuscript in Inkwell's data folder (story notes, the Codex), saved soon after each change.

It belongs to a manuscript file; an untitled manuscript's copy waits in
memory (and in the recovery copy) until the first save. Edits are saved
shortly after the writer pauses, and at once when the manuscript is saved,
replaced or closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

SAVE_DELAY_MS = 800


class ManuscriptRecord(QObject):
    """Subclasses implement ``_read(path, opening)`` (into memory) and ``_write(path, opening)``."""

    sig_save_failed = Signal(str)  # why it could not be saved

    def __init__(self, opening: Callable[[], str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._opening = opening or (lambda: "")  # core.manuscript_records.opening_signature of the text
        self._path: Path | None = None  # the manuscript this belongs to
        self._dirty = False  # edited since the last save
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def path(self) -> Path | None:
        return self._path

    def _edited(self) -> None:
        self._dirty = True
        self._timer.start()

    def load_for(self, manuscript: Path | None) -> None:
        """Switch to *manuscript*'s copy, saving the current one first."""
        self.flush()
        self._path = manuscript
        self._dirty = False
        self._read(manuscript, self._opening() if manuscript is not None else "")

    def attach_to(self, manuscript: Path) -> None:
        """The manuscript was saved as *manuscript*: this goes with it (an untitled one's included)."""
        self._path = manuscript
        self.flush(force=True)

    def flush(self, force: bool = False) -> bool:
        """Save pending edits now; False (and ``sig_save_failed``) when that failed."""
        self._timer.stop()
        if self._path is None or not (self._dirty or force):
            return True  # an untitled manuscript's copy is kept until its first save
        try:
            self._write(self._path, self._opening())
        except OSError as exc:
            self.sig_save_failed.emit(exc.strerror or str(exc))
            return False
        self._dirty = False
        return True

    def _read(self, manuscript: Path | None, opening: str) -> None:
        raise NotImplementedError

    def _write(self, manuscript: Path, opening: str) -> None:
        raise NotImplementedError
