"""The History panel: every continuation, alternative and rewrite the model wrote for this manuscript.

Searchable; any entry can be copied or inserted at the cursor. "Export AI
report" writes a Markdown list of the passages that came from the model and
how much each was edited since (``core.history.ai_report``).
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from writer_app.core.atomic import atomic_write_bytes
from writer_app.core.history import ai_report, matching
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.scrolling import scroll_contents

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_LABELS = {"continue": "Continue", "alternative": "Alternative", "rewrite": "Rewrite"}


class HistoryPanel(QWidget):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.history = context.history
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search what the model wrote"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(lambda *_: self._show())
        self.view = QTextBrowser(self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.clicked.connect(self.copy)
        self.insert_button = QPushButton(self.tr("Insert at cursor"), self)
        self.insert_button.clicked.connect(self.insert)
        self.report_button = QPushButton(self.tr("Export AI report…"), self)
        self.report_button.setToolTip(self.tr("Which passages came from the model, and how much each was edited since"))
        self.report_button.clicked.connect(lambda: self.export_report())
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.insert_button)
        layout = scroll_contents(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.report_button)
        layout.addWidget(self.status_label)
        if self.history is not None:
            self.history.sig_changed.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        current = self.list.currentItem().data(ID_ROLE) if self.list.currentItem() else None
        self.list.clear()
        entries = matching(self.history.entries, self.search.text()) if self.history is not None else []
        for entry in entries:
            when = time.strftime("%d %b %H:%M", time.localtime(entry.created))
            mark = " ✓" if entry.accepted else ""
            kind = self.tr(KIND_LABELS.get(entry.kind, entry.kind))
            item = QListWidgetItem(f"{when} · {kind}{mark} · {' '.join(entry.text.split())[:80]}")
            item.setData(ID_ROLE, entry.id)
            self.list.addItem(item)
            if entry.id == current:
                self.list.setCurrentItem(item)
        self.status_label.setText(
            self.tr("{shown} of {total} suggestions; ✓ marks those you kept.").format(
                shown=len(entries), total=len(self.history.entries) if self.history is not None else 0
            )
        )
        self._show()

    def current_entry(self):
        item = self.list.currentItem()
        if item is None or self.history is None:
            return None
        return next((entry for entry in self.history.entries if entry.id == item.data(ID_ROLE)), None)

    def _show(self) -> None:
        entry = self.current_entry()
        self.copy_button.setEnabled(entry is not None)
        self.insert_button.setEnabled(entry is not None and not self.context.loading)
        if entry is None:
            self.view.clear()
            return
        settings = ", ".join(f"{key} {value}" for key, value in entry.settings.items() if value is not None)
        parts = [
            f"<p><b>{html.escape(self.tr(KIND_LABELS.get(entry.kind, entry.kind)))}</b> · "
            f"{html.escape(entry.model_id)} · {time.strftime('%Y-%m-%d %H:%M', time.localtime(entry.created))}</p>",
        ]
        if settings:
            parts.append(f"<p><small>{html.escape(settings)}</small></p>")
        if entry.prompt_end:
            parts.append(f"<p><small>…{html.escape(' '.join(entry.prompt_end.split()))}</small></p>")
        parts.append(f"<p>{html.escape(entry.text).replace(chr(10), '<br>')}</p>")
        if entry.accepted:
            parts.append(f"<p><i>{html.escape(self.tr('Kept in the text.'))}</i></p>")
        self.view.setHtml("".join(parts))

    def copy(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            QApplication.clipboard().setText(entry.text)

    def insert(self) -> None:
        entry = self.current_entry()
        if entry is None or self.context.loading:
            return
        cursor = self.context.editor.textCursor()
        self.context.accepted(entry.id, self.context.cursor_index())
        cursor.beginEditBlock()
        cursor.insertText(entry.text)
        cursor.endEditBlock()

    def export_report(self, target: Path | None = None) -> Path | None:
        """Write the AI report (asks where unless *target*); the path written, or None."""
        if self.history is None:
            return None
        name = self.history.path.stem if self.history.path else self.tr("Untitled")
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export AI Report"), f"{name} - AI report.md", self.tr("Markdown (*.md)")
            )
            if not chosen:
                return None
            target = Path(chosen)
        report = ai_report(self.context.text(), self.history.entries, name)
        try:
            atomic_write_bytes(target, report.encode("utf-8"))
        except OSError as exc:
            self.status_label.setText(self.tr("The report could not be written: {reason}").format(reason=exc.strerror))
            return None
        self.status_label.setText(self.tr("AI report written to {path}.").format(path=target))
        return target
