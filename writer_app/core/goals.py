"""Word-count goals: one per writing session (all manuscripts) and one per manuscript, with an optional deadline.

Model-free; counts are ``core.text_stats.count_words`` of the text, in which
Markdown marks are no words. The manuscript's goal is kept with it
(``core.manuscript_records``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.manuscript_records import ManuscriptRecords


@dataclass(frozen=True)
class ManuscriptGoal:
    words: int = 0  # 0: none
    deadline: str = ""  # ISO date, "" for none

    @property
    def deadline_date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.deadline) if self.deadline else None
        except ValueError:
            return None


def words_per_day(total: int, goal: ManuscriptGoal, today: dt.date) -> int | None:
    """Words a day, today included, to reach the goal by its deadline (None without both; 0 when reached)."""
    deadline = goal.deadline_date
    if not goal.words or deadline is None:
        return None
    left = max(0, goal.words - total)
    days = (deadline - today).days + 1
    return left if days <= 0 else math.ceil(left / days)


def goal_summary(total: int, session: int, session_goal: int, goal: ManuscriptGoal, today: dt.date) -> str:
    """The status bar's line, e.g. "Session 250 of 500 · 61,200 of 90,000 · 412 a day until 1 Mar"."""
    parts = []
    if session_goal:
        parts.append(f"Session {max(0, session):,} of {session_goal:,}")
    if goal.words:
        parts.append(f"{total:,} of {goal.words:,}")
        per_day = words_per_day(total, goal, today)
        deadline = goal.deadline_date
        if per_day is not None and deadline is not None:
            when = f"{deadline.day} {deadline:%b}" + ("" if deadline.year == today.year else f" {deadline.year}")
            if total >= goal.words:
                parts.append("goal reached")
            elif deadline < today:
                parts.append(f"{goal.words - total:,} to go (the deadline, {when}, has passed)")
            else:
                parts.append(f"{per_day:,} a day until {when}")
    return " · ".join(parts)


class GoalStore:
    def __init__(self, folder: Path):
        self.folder = folder
        self._records = ManuscriptRecords(folder)

    def load(self, manuscript: Path | None, opening: str = "") -> ManuscriptGoal:
        record = self._records.load(manuscript, opening)
        words = record.get("words", 0)
        return ManuscriptGoal(words if isinstance(words, int) and words > 0 else 0, str(record.get("deadline", "")))

    def save(self, manuscript: Path, goal: ManuscriptGoal, opening: str = "") -> None:
        """Raises OSError (e.g. a full disk); no goal removes the file."""
        record = {"words": goal.words, "deadline": goal.deadline} if goal.words or goal.deadline else {}
        self._records.save(manuscript, record, opening)
