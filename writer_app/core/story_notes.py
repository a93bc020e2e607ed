"""Per-manuscript story notes (characters, setting, style), kept in Inkwell's data folder.

Stored as ``core.manuscript_records`` records, so they follow a manuscript
that is renamed or moved.
"""

from __future__ import annotations

from pathlib import Path

from writer_app.core.manuscript_records import ManuscriptRecords


class StoryNotesStore:
    def __init__(self, folder: Path):
        self.folder = folder
        self._records = ManuscriptRecords(folder)

    def load(self, manuscript: Path | None, opening: str = "") -> str:
        return str(self._records.load(manuscript, opening).get("notes", ""))

    def save(self, manuscript: Path, notes: str, opening: str = "") -> None:
        """Raises OSError (e.g. a full disk); an empty note removes the file."""
        self._records.save(manuscript, {"notes": notes} if notes.strip() else {}, opening)
