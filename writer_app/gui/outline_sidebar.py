"""The Outline sidebar: chapters and scenes with their word counts, the one at the cursor highlighted.

The outline is worked out on a thread after the writer pauses (a long novel
takes most of a second), so typing never waits for it; clicking an item
puts the cursor at its start.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from writer_app.core.outline import OutlineItem, item_at, outline
from writer_app.gui.editor import ManuscriptEditor

PAUSE_MS = 400
START_ROLE = Qt.ItemDataRole.UserRole


class _OutlineWorker(QObject):
    sig_done = Signal(int, list)  # the generation it was asked for, the items

    def run(self, generation: int, text: str) -> None:
        threading.Thread(
            target=lambda: self.sig_done.emit(generation, outline(text)), name="inkwell-outline", daemon=True
        ).start()


class OutlineSidebar(QWidget):
    sig_jump_requested = Signal(int)  # a Python index into the text

    def __init__(self, editor: ManuscriptEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.items: list[OutlineItem] = []
        self._generation = 0  # bumped at every change: older outlines are dropped
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Chapter"), self.tr("Words")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._jump)
        self.total = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.total)
        self._worker = _OutlineWorker(self)
        self._worker.sig_done.connect(self._show)
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        editor.document().contentsChanged.connect(self._on_changed)
        editor.cursorPositionChanged.connect(self._follow_cursor)

    def _on_changed(self) -> None:
        self._generation += 1
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        self._worker.run(self._generation, self.editor.text())

    def _show(self, generation: int, items: list) -> None:
        if generation != self._generation:
            return  # the text changed since: a newer outline is on its way
        expanded = {
            self.tree.topLevelItem(i).text(0)
            for i in range(self.tree.topLevelItemCount())
            if self.tree.topLevelItem(i).isExpanded()
        }
        self.items = items
        self.tree.clear()
        for item in items:
            row = self._row(item)
            self.tree.addTopLevelItem(row)
            for scene in item.scenes:
                row.addChild(self._row(scene))
            row.setExpanded(item.title in expanded)
        words = sum(item.words for item in items)
        self.total.setText(self.tr("{chapters} chapters · {words:,} words").format(chapters=len(items), words=words))
        self._follow_cursor()

    def _row(self, item: OutlineItem) -> QTreeWidgetItem:
        row = QTreeWidgetItem([item.title, f"{item.words:,}"])
        row.setData(0, START_ROLE, item.start)
        row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.setToolTip(0, item.title)
        return row

    def current_item(self) -> QTreeWidgetItem | None:
        chapter, scene = item_at(self.items, self.editor.index_of(self.editor.textCursor().position()))
        if chapter < 0 or chapter >= self.tree.topLevelItemCount():
            return None
        row = self.tree.topLevelItem(chapter)
        return row.child(scene) if 0 <= scene < row.childCount() and row.isExpanded() else row

    def _follow_cursor(self) -> None:
        if not self.isVisible() or not self.items:
            return
        row = self.current_item()
        if row is not None and row is not self.tree.currentItem():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(row)
            self.tree.blockSignals(False)

    def _jump(self, row: QTreeWidgetItem) -> None:
        self.sig_jump_requested.emit(int(row.data(0, START_ROLE)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.items:
            self.refresh()
