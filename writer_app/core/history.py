"""Everything the model wrote for a manuscript, accepted or not: the history, and the AI report drawn from it.

Entries are kept per manuscript (``core.manuscript_records``), newest last,
at most ``MAX_ENTRIES``: past that, the oldest entries the writer never
accepted go first. An accepted entry remembers where it went; the AI report
finds each accepted passage in the text as it is now and says how much it
was edited since.
"""

from __future__ import annotations

import difflib
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from typing import Iterable, Sequence

MAX_ENTRIES = 500
PROMPT_END_CHARS = 200
KINDS = ("continue", "alternative", "rewrite")


@dataclass(frozen=True)
class HistoryEntry:
    kind: str  # one of KINDS
    text: str
    model_id: str = ""
    settings: dict = field(default_factory=dict)
    prompt_end: str = ""  # the last characters of what the model read (the text before the cursor, or the passage)
    created: float = field(default_factory=time.time)
    accepted_at: int | None = None  # where in the text it went, when the writer took it
    accepted_time: float | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict) -> "HistoryEntry":
        """Raises ValueError (or TypeError) for a record that is not an entry."""
        if not isinstance(record, dict) or record.get("kind") not in KINDS or not isinstance(record.get("text"), str):
            raise ValueError("not a history entry")
        known = {name: record[name] for name in cls.__dataclass_fields__ if name in record}
        return cls(**known)


def added(entries: Sequence[HistoryEntry], new: Iterable[HistoryEntry], limit: int = MAX_ENTRIES) -> list[HistoryEntry]:
    """*entries* with *new* at the end, pruned to *limit*: the oldest unaccepted go first, then the oldest."""
    result = [*entries, *new]
    excess = len(result) - limit
    if excess <= 0:
        return result
    drop = [entry.id for entry in result if not entry.accepted][:excess]
    if len(drop) < excess:  # all the rest were accepted: the oldest of them go
        dropped = set(drop)
        drop += [entry.id for entry in result if entry.id not in dropped][: excess - len(drop)]
    gone = set(drop)
    return [entry for entry in result if entry.id not in gone]


def marked_accepted(entry: HistoryEntry, at: int) -> HistoryEntry:
    return replace(entry, accepted_at=at, accepted_time=time.time())


def matching(entries: Sequence[HistoryEntry], query: str) -> list[HistoryEntry]:
    """Entries whose text or prompt holds *query* (case ignored), newest first."""
    wanted = query.casefold().strip()
    found = [e for e in entries if not wanted or wanted in e.text.casefold() or wanted in e.prompt_end.casefold()]
    return sorted(found, key=lambda entry: -entry.created)


def entries_from_records(records: object) -> list[HistoryEntry]:
    entries = []
    for record in records if isinstance(records, list) else []:
        try:
            entries.append(HistoryEntry.from_dict(record))
        except (ValueError, TypeError):
            continue
    return entries


@dataclass(frozen=True)
class Provenance:
    entry: HistoryEntry
    start: int | None  # where the passage is now (None: not found any more)
    end: int | None
    similarity: float  # of the passage now to what the model wrote (1.0: untouched)


def locate(text: str, entry: HistoryEntry, slack: int = 400) -> Provenance:
    """Where an accepted entry's text is now, and how much of it survives, looking near where it went first."""
    wanted = entry.text.strip()
    if not wanted:
        return Provenance(entry, None, None, 0.0)
    exact = text.find(wanted, max(0, (entry.accepted_at or 0) - slack))
    if exact < 0:
        exact = text.find(wanted)
    if exact >= 0:
        return Provenance(entry, exact, exact + len(wanted), 1.0)
    # Edited since: the window of the same length around the first place that matches best.
    origin = min(max(0, entry.accepted_at or 0), len(text))
    low, high = max(0, origin - slack), min(len(text), origin + len(wanted) + slack)
    region = text[low:high]
    matcher = difflib.SequenceMatcher(None, region, wanted, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return Provenance(entry, None, None, 0.0)
    start = max(0, blocks[0].a - blocks[0].b)
    end = min(len(region), start + len(wanted))
    # Compared word by word: any two texts share letters, few unrelated ones share words in order.
    similarity = difflib.SequenceMatcher(None, region[start:end].split(), wanted.split(), autojunk=False).ratio()
    if similarity < 0.3:
        return Provenance(entry, None, None, round(similarity, 3))
    return Provenance(entry, low + start, low + end, round(similarity, 3))


def ai_report(text: str, entries: Sequence[HistoryEntry], title: str) -> str:
    """A Markdown report of the passages that came from the model and how much each was edited since."""
    accepted = sorted((e for e in entries if e.accepted), key=lambda e: e.accepted_time or e.created)
    found = [locate(text, entry) for entry in accepted]
    kept = [p for p in found if p.start is not None]
    model_chars = sum((p.end - p.start) for p in kept)
    total_words = len(text.split())
    model_words = sum(len(text[p.start : p.end].split()) for p in kept)
    lines = [
        f"# AI report: {title}",
        "",
        f"Generated {time.strftime('%Y-%m-%d %H:%M')}. The manuscript has {total_words:,} words; "
        f"{model_words:,} of them ({model_words / max(1, total_words):.1%}) are in passages the model wrote "
        f"and the writer accepted ({len(kept)} passages, {model_chars:,} characters).",
        f"The model wrote {len(entries)} suggestions in all; {len(accepted)} were accepted.",
        "",
        "| # | accepted | model | kind | words | edited since | opening |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for number, place in enumerate(found, start=1):
        entry = place.entry
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.accepted_time or entry.created))
        if place.start is None:
            state = "removed"
        elif place.similarity >= 0.999:
            state = "unchanged"
        else:
            state = f"{1 - place.similarity:.0%} changed"
        opening = " ".join(entry.text.split()[:8]).replace("|", "\\|")
        words = len(entry.text.split())
        lines.append(f"| {number} | {when} | {entry.model_id} | {entry.kind} | {words} | {state} | {opening}… |")
    return "\n".join(lines) + "\n"


class HistoryStore:
    """Each manuscript's history in Inkwell's data folder (``core.manuscript_records``)."""

    def __init__(self, folder):
        from writer_app.core.manuscript_records import ManuscriptRecords

        self.folder = folder
        self._records = ManuscriptRecords(folder)

    def load(self, manuscript, opening: str = "") -> list[HistoryEntry]:
        return entries_from_records(self._records.load(manuscript, opening).get("entries"))

    def save(self, manuscript, entries: Sequence[HistoryEntry], opening: str = "") -> None:
        """Raises OSError (e.g. a full disk); no entries removes the file."""
        record = {"version": 1, "entries": [entry.to_dict() for entry in entries]} if entries else {}
        self._records.save(manuscript, record, opening)
