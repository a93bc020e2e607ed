"""Word-count goals in the window: the manuscript's goal (kept with it) and the Goals dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from writer_app.core.goals import GoalStore, ManuscriptGoal
from writer_app.gui.manuscript_record import ManuscriptRecord


class GoalRecord(ManuscriptRecord):
    sig_changed = Signal()

    def __init__(self, store: GoalStore, parent: QObject | None = None, opening: Callable[[], str] | None = None):
        super().__init__(opening, parent)
        self._store = store
        self.goal = ManuscriptGoal()

    def set_goal(self, goal: ManuscriptGoal) -> None:
        if goal != self.goal:
            self.goal = goal
            self._edited()
            self.sig_changed.emit()

    def _read(self, manuscript: Path | None, opening: str) -> None:
        self.goal = self._store.load(manuscript, opening)
        self.sig_changed.emit()

    def _write(self, manuscript: Path, opening: str) -> None:
        self._store.save(manuscript, self.goal, opening)


class GoalsDialog(QDialog):
    def __init__(self, session_goal: int, goal: ManuscriptGoal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Goals"))
        self.session_spin = QSpinBox(self)
        self.session_spin.setRange(0, 100000)
        self.session_spin.setSingleStep(100)
        self.session_spin.setSpecialValueText(self.tr("none"))
        self.session_spin.setSuffix(self.tr(" words"))
        self.session_spin.setValue(session_goal)
        self.target_spin = QSpinBox(self)
        self.target_spin.setRange(0, 2000000)
        self.target_spin.setSingleStep(1000)
        self.target_spin.setSpecialValueText(self.tr("none"))
        self.target_spin.setSuffix(self.tr(" words"))
        self.target_spin.setValue(goal.words)
        self.deadline_check = QCheckBox(self.tr("By"), self)
        self.deadline_edit = QDateEdit(self)
        self.deadline_edit.setCalendarPopup(True)
        deadline = goal.deadline_date
        self.deadline_check.setChecked(deadline is not None)
        self.deadline_edit.setDate(
            QDate(deadline.year, deadline.month, deadline.day) if deadline else QDate.currentDate().addMonths(3)
        )
        self.deadline_edit.setEnabled(deadline is not None)
        self.deadline_check.toggled.connect(self.deadline_edit.setEnabled)
        form = QFormLayout(self)
        form.addRow(self.tr("Each session"), self.session_spin)
        form.addRow(self.tr("This manuscript"), self.target_spin)
        form.addRow(self.deadline_check, self.deadline_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def goal(self) -> ManuscriptGoal:
        deadline = self.deadline_edit.date().toString("yyyy-MM-dd") if self.deadline_check.isChecked() else ""
        return ManuscriptGoal(self.target_spin.value(), deadline)
