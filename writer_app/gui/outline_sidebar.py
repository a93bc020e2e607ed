"""The Outline sidebar: chapters and scenes with their word counts, the one at the cursor highlighted.

The outline is worked out on a thread once the word count of a pause in
typing is done (a long novel takes most of a second), so typing never waits
for it; clicking an item puts the cursor at its start.
"""

from __future__ import annotations

import bisect
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from writer_app.core.outline import OutlineItem, outline
from writer_app.gui.editor import ManuscriptEditor
from writer_app.gui.text_positions import document_positions

CURSOR_PAUSE_MS = 120  # the highlight follows the cursor once it rests
START_ROLE = Qt.ItemDataRole.UserRole


class _OutlineWorker(QObject):
    sig_done = Signal(int, object, object)  # the generation asked for, the items, {start: document position}

    def run(self, generation: int, text: str) -> None:
        def work() -> None:
            items = outline(text)
            starts = [i.start for item in items for i in (item, *item.scenes)]
            self.sig_done.emit(generation, items, document_positions(text, starts))

        threading.Thread(target=work, name="inkwell-outline", daemon=True).start()


class OutlineSidebar(QWidget):
    sig_jump_requested = Signal(int)  # a Python index into the text

    def __init__(self, editor: ManuscriptEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.items: list[OutlineItem] = []
        self._generation = 0  # bumped at every change: older outlines are dropped
        self._shown_generation = -1
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
        self._cursor_timer = QTimer(self, singleShot=True, interval=CURSOR_PAUSE_MS)
        self._cursor_timer.timeout.connect(self._update_current)
        self._chapter_positions: list[int] = []
        self._scene_positions: list[list[int]] = []
        editor.document().contentsChanged.connect(self._on_changed)
        editor.cursorPositionChanged.connect(self._follow_cursor)

    def _on_changed(self) -> None:
        self._generation += 1

    def refresh_if_changed(self) -> None:
        """After the word count of the same pause (``WordCounter.sig_counted``): a thread working out the
        outline meanwhile would slow the count's many short Qt calls, each waiting for the interpreter."""
        if self._generation != self._shown_generation and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._worker.run(self._generation, self.editor.text())

    def _show(self, generation: int, items: list, positions: dict) -> None:
        if generation != self._generation:
            return  # the text changed since: a newer outline is on its way
        self._shown_generation = generation
        # Chapter and scene starts as document positions: following the cursor needs no copy of the text.
        self._chapter_positions = [positions[item.start] for item in items]
        self._scene_positions = [[positions[scene.start] for scene in item.scenes] for item in items]
        if items == self.items:
            return  # nothing to redraw
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
        self._update_current()

    def _row(self, item: OutlineItem) -> QTreeWidgetItem:
        row = QTreeWidgetItem([item.title, f"{item.words:,}"])
        row.setData(0, START_ROLE, item.start)
        row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.setToolTip(0, item.title)
        return row

    def current_item(self) -> QTreeWidgetItem | None:
        position = self.editor.textCursor().position()
        chapter = bisect.bisect_right(self._chapter_positions, position) - 1
        if chapter < 0 or chapter >= self.tree.topLevelItemCount():
            return None
        row = self.tree.topLevelItem(chapter)
        scene = bisect.bisect_right(self._scene_positions[chapter], position) - 1
        return row.child(scene) if 0 <= scene < row.childCount() and row.isExpanded() else row

    def _follow_cursor(self) -> None:
        if self.isVisible() and self.items:
            self._cursor_timer.start()

    def _update_current(self) -> None:
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
        if self._generation != self._shown_generation:
            self.refresh()
