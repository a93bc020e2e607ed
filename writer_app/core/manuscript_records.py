"""A JSON record per manuscript in Inkwell's data folder (story notes, the Codex), following the file when it moves.

Records belong to a manuscript file but are not written next to it: the
writer's folders only ever hold what they saved themselves. A record is
found by the manuscript's full path; when the writer renamed or moved the
file outside Inkwell, a record whose file is gone is adopted by a manuscript
with the same opening words (or the same file name, for texts too short to
tell by their opening), so the notes and Codex follow it. The folder and files are readable by this user only.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from writer_app.core.atomic import atomic_write_bytes, ensure_private_dir

log = logging.getLogger(__name__)
# The opening that identifies a manuscript whose file moved: its first words, spacing ignored.
OPENING_CHARS = 600


def opening_signature(text: str) -> str:
    """A short hash of the text's opening words ("" for a text too short to tell apart)."""
    words = " ".join(text[: OPENING_CHARS * 2].split())[:OPENING_CHARS]
    if len(words) < 80:
        return ""
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]


class ManuscriptRecords:
    def __init__(self, folder: Path):
        self.folder = folder

    def file_for(self, manuscript: Path) -> Path:
        key = hashlib.sha1(str(manuscript.resolve()).encode("utf-8")).hexdigest()[:20]
        return self.folder / f"{key}.json"

    def load(self, manuscript: Path | None, opening: str = "") -> dict:
        """The manuscript's record ({} if none); *opening* (``opening_signature``) finds one left by a move."""
        if manuscript is None:
            return {}
        record = self._read(self.file_for(manuscript))
        if record is None:
            record = self._adopt(manuscript, opening)
        return record or {}

    def save(self, manuscript: Path, record: dict, opening: str = "") -> None:
        """Raises OSError (e.g. a full disk). An empty record removes the file."""
        target = self.file_for(manuscript)
        if not record:
            target.unlink(missing_ok=True)
            return
        ensure_private_dir(self.folder)
        full = {"manuscript": str(manuscript), "opening": opening, **record}
        atomic_write_bytes(target, json.dumps(full, ensure_ascii=False, indent=1).encode("utf-8"), private=True)

    def _read(self, path: Path) -> dict | None:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("%s is unreadable: %s", path, exc)
            return None
        return record if isinstance(record, dict) else None

    def _adopt(self, manuscript: Path, opening: str) -> dict | None:
        """A record whose manuscript no longer exists and that looks like this one, moved here."""
        if not self.folder.is_dir():
            return None
        matches = []
        for candidate in self.folder.glob("*.json"):
            record = self._read(candidate)
            if not record or not record.get("manuscript"):
                continue
            old = Path(record["manuscript"])
            if old.exists():
                continue  # still where it was: not this manuscript's
            same_opening = bool(opening) and record.get("opening") == opening
            # The same name alone only where an opening cannot tell (a short text): a deleted draft.md
            # must not hand its notes to an unrelated draft.md elsewhere.
            same_name = old.name == manuscript.name and not (opening and record.get("opening"))
            if same_opening or same_name:
                matches.append((same_opening, candidate, record))
        if not matches:
            return None
        matches.sort(key=lambda match: not match[0])  # the same opening beats the same name
        _, candidate, record = matches[0]
        try:
            self.save(manuscript, {k: v for k, v in record.items() if k not in ("manuscript", "opening")}, opening)
            candidate.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not move %s to %s: %s", candidate, manuscript, exc)
        log.info("Records of %s now follow %s", record["manuscript"], manuscript)
        return record
