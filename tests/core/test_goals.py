"""Word-count goals: words a day to a deadline, the status line, and the goal kept with the manuscript."""

from __future__ import annotations

import datetime as dt

import pytest

from writer_app.core.goals import GoalStore, ManuscriptGoal, goal_summary, words_per_day

pytestmark = pytest.mark.core
TODAY = dt.date(2026, 12, 2)


def test_words_a_day_count_today_and_the_deadline_day():
    goal = ManuscriptGoal(90000, "2026-12-11")  # ten days, today included
    assert words_per_day(80000, goal, TODAY) == 1000
    assert words_per_day(80001, goal, TODAY) == 1000 and words_per_day(79999, goal, TODAY) == 1001
    assert words_per_day(95000, goal, TODAY) == 0
    assert words_per_day(80000, ManuscriptGoal(90000), TODAY) is None
    assert words_per_day(80000, ManuscriptGoal(90000, "not a date"), TODAY) is None
    assert words_per_day(80000, ManuscriptGoal(90000, "2026-11-30"), TODAY) == 10000  # past: all of it


def test_the_status_line_says_only_what_was_set():
    assert goal_summary(500, 100, 0, ManuscriptGoal(), TODAY) == ""
    assert goal_summary(500, 250, 500, ManuscriptGoal(), TODAY) == "Session 250 of 500"
    line = goal_summary(80000, -20, 500, ManuscriptGoal(90000, "2026-12-11"), TODAY)
    assert line == "Session 0 of 500 · 80,000 of 90,000 · 1,000 a day until 11 Dec"
    assert goal_summary(80000, 0, 0, ManuscriptGoal(90000, "2027-03-01"), TODAY).endswith("until 1 Mar 2027")
    assert goal_summary(91000, 0, 0, ManuscriptGoal(90000, "2027-03-01"), TODAY).endswith("goal reached")
    assert "has passed" in goal_summary(1, 0, 0, ManuscriptGoal(90000, "2026-11-01"), TODAY)


def test_the_goal_is_kept_with_the_manuscript(tmp_path):
    store = GoalStore(tmp_path / "goals")
    book = tmp_path / "book.md"
    book.write_text("x", encoding="utf-8")
    assert store.load(book) == ManuscriptGoal()
    store.save(book, ManuscriptGoal(90000, "2027-03-01"))
    assert store.load(book) == ManuscriptGoal(90000, "2027-03-01")
