"""Per-manuscript story notes (characters, setting, style), kept in Inkwell's data folder.

Notes belong to a manuscript file but are not written next to it: the
writer's folders only ever hold what they saved themselves. The notes folder
and files are readable by this user only.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from writer_app.core.atomic import atomic_write_bytes, ensure_private_dir

log = logging.getLogger(__name__)


class StoryNotesStore:
    def __init__(self, folder: Path):
        self.folder = folder

    def _file(self, manuscript: Path) -> Path:
        key = hashlib.sha1(str(manuscript.resolve()).encode("utf-8")).hexdigest()[:20]
        return self.folder / f"{key}.json"

    def load(self, manuscript: Path | None) -> str:
        if manuscript is None:
            return ""
        try:
            return str(json.loads(self._file(manuscript).read_text(encoding="utf-8")).get("notes", ""))
        except FileNotFoundError:
            return ""
        except (OSError, ValueError) as exc:
            log.warning("Story notes for %s are unreadable: %s", manuscript, exc)
            return ""

    def save(self, manuscript: Path, notes: str) -> None:
        """Raises OSError (e.g. a full disk); an empty note removes the file."""
        target = self._file(manuscript)
        if not notes.strip():
            target.unlink(missing_ok=True)
            return
        ensure_private_dir(self.folder)
        record = {"manuscript": str(manuscript), "notes": notes}
        atomic_write_bytes(target, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"), private=True)
