"""Per-manuscript memory of the lenses, kept in Inkwell's data folder (``core.manuscript_records``).

- ``ignored``: passages the writer set aside in Surprise (``core.surprise.ignore_key``),
- ``chapters``: each chapter's perplexity per word, by model and a hash of the chapter's text,
  so the manuscript's curve is measured once and only changed chapters again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from writer_app.core.manuscript_records import ManuscriptRecords

# Chapter measures kept per manuscript; old ones go first (a chapter rewritten many times).
MAX_CHAPTER_MEASURES = 2000


def chapter_key(model_id: str, chapter_text: str) -> str:
    return model_id + ":" + hashlib.sha1(chapter_text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class LensStore:
    def __init__(self, folder: Path):
        self.folder = folder
        self._records = ManuscriptRecords(folder)

    def load(self, manuscript: Path | None, opening: str = "") -> tuple[set[str], dict[str, float]]:
        record = self._records.load(manuscript, opening)
        ignored = {str(item) for item in record.get("ignored", []) if isinstance(item, str)}
        chapters = {
            str(key): float(value)
            for key, value in (record.get("chapters") or {}).items()
            if isinstance(value, (int, float))
        }
        return ignored, chapters

    def save(self, manuscript: Path, ignored: set[str], chapters: dict[str, float], opening: str = "") -> None:
        """Raises OSError (e.g. a full disk); nothing to keep removes the file."""
        measures = dict(list(chapters.items())[-MAX_CHAPTER_MEASURES:])
        record = {"ignored": sorted(ignored), "chapters": measures} if ignored or measures else {}
        self._records.save(manuscript, record, opening)
