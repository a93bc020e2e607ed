"""The Codex of the manuscript in one window: its entries, shared by the Codex panel and every writing panel.

Stored per manuscript by ``core.codex_store.CodexStore``; saving follows
``gui.manuscript_record.ManuscriptRecord``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from writer_app.core.codex import CodexEntry, merged
from writer_app.core.codex_store import CodexStore
from writer_app.gui.manuscript_record import ManuscriptRecord


class Codex(ManuscriptRecord):
    sig_changed = Signal()  # entries added, edited, removed or replaced

    def __init__(self, store: CodexStore, parent: QObject | None = None, opening: Callable[[], str] | None = None):
        super().__init__(opening, parent)
        self._store = store
        self._entries: list[CodexEntry] = []

    @property
    def entries(self) -> list[CodexEntry]:
        return list(self._entries)

    def entry(self, entry_id: str) -> CodexEntry | None:
        return next((entry for entry in self._entries if entry.id == entry_id), None)

    def set_entries(self, entries: Iterable[CodexEntry]) -> None:
        self._entries = list(entries)
        self._edited()
        self.sig_changed.emit()

    def add(self, entry: CodexEntry, after: str | None = None) -> None:
        """Add *entry* at the end (or just after the entry *after*: a later version sits by its first)."""
        entries = self.entries
        position = next((i + 1 for i, e in enumerate(entries) if e.id == after), len(entries))
        entries.insert(position, entry)
        self.set_entries(entries)

    def update(self, entry: CodexEntry) -> None:
        self.set_entries(entry if e.id == entry.id else e for e in self._entries)

    def remove(self, entry_id: str) -> None:
        self.set_entries(e for e in self._entries if e.id != entry_id)

    def merge(self, keep_id: str, other_ids: Iterable[str]) -> None:
        """Fold the entries *other_ids* into *keep_id*: their names become its aliases."""
        others = [e for e in self._entries if e.id in set(other_ids) and e.id != keep_id]
        keep = self.entry(keep_id)
        if keep is None or not others:
            return
        folded = merged(keep, others)
        gone = {e.id for e in others}
        self.set_entries(folded if e.id == keep_id else e for e in self._entries if e.id not in gone)

    def _read(self, manuscript: Path | None, opening: str) -> None:
        self._entries = self._store.load(manuscript, opening)
        self.sig_changed.emit()

    def _write(self, manuscript: Path, opening: str) -> None:
        self._store.save(manuscript, self._entries, opening)
