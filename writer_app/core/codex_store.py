"""Per-manuscript Codex entries, kept in Inkwell's data folder (``core.manuscript_records``)."""

from __future__ import annotations

from pathlib import Path

from writer_app.core.codex import CodexEntry, entries_from_records, entries_to_records
from writer_app.core.manuscript_records import ManuscriptRecords

RECORD_VERSION = 1


class CodexStore:
    def __init__(self, folder: Path):
        self.folder = folder
        self._records = ManuscriptRecords(folder)

    def load(self, manuscript: Path | None, opening: str = "") -> list[CodexEntry]:
        return entries_from_records(self._records.load(manuscript, opening).get("entries"))

    def save(self, manuscript: Path, entries: list[CodexEntry], opening: str = "") -> None:
        """Raises OSError (e.g. a full disk); no entries removes the file."""
        record = {"version": RECORD_VERSION, "entries": entries_to_records(entries)} if entries else {}
        self._records.save(manuscript, record, opening)
