"""The history of the manuscript in one window: everything the model wrote for it, shared by the writing panels.

Stored per manuscript by ``core.history.HistoryStore``; saving follows
``gui.manuscript_record.ManuscriptRecord``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from writer_app.core.history import HistoryEntry, HistoryStore, added, marked_accepted
from writer_app.gui.manuscript_record import ManuscriptRecord


class History(ManuscriptRecord):
    sig_changed = Signal()

    def __init__(self, store: HistoryStore, parent: QObject | None = None, opening: Callable[[], str] | None = None):
        super().__init__(opening, parent)
        self._store = store
        self._entries: list[HistoryEntry] = []

    @property
    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def set_entries(self, entries) -> None:
        self._entries = list(entries)
        self._edited()
        self.sig_changed.emit()

    def record(self, *entries: HistoryEntry) -> list[str]:
        """Keep what the model wrote; the entries' ids, to mark them accepted later."""
        kept = [entry for entry in entries if entry.text.strip()]
        if kept:
            self.set_entries(added(self._entries, kept))
        return [entry.id for entry in kept]

    def accept(self, entry_id: str | None, at: int) -> None:
        """The writer took entry *entry_id*, at *at* in the text."""
        if entry_id and any(entry.id == entry_id for entry in self._entries):
            self.set_entries(marked_accepted(e, at) if e.id == entry_id else e for e in self._entries)

    def _read(self, manuscript: Path | None, opening: str) -> None:
        self._entries = self._store.load(manuscript, opening)
        self.sig_changed.emit()

    def _write(self, manuscript: Path, opening: str) -> None:
        self._store.save(manuscript, self._entries, opening)
