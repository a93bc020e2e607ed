"""The Codex panel: the manuscript's characters, places, objects, groups, lore and style rules.

The writer keeps entries by hand, or asks for suggestions read from the
whole manuscript (``CodexRequest``, model-free) and accepts, merges or
rejects each. Entries named near the cursor travel with Continue and
Rewrite (``core.codex.snippets_for``).
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.codex import KINDS, CodexEntry, chapter_at, chapter_starts, entry_from_suggestion, split_aliases
from writer_app.core.names import fold
from writer_app.core.requests import CodexRequest
from writer_app.core.results import CodexResult
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.request_panel import RequestPanel
from writer_app.gui.panels.scrolling import scroll_contents

KIND_LABELS = {
    "character": QT_TRANSLATE_NOOP("CodexPanel", "Character"),
    "place": QT_TRANSLATE_NOOP("CodexPanel", "Place"),
    "object": QT_TRANSLATE_NOOP("CodexPanel", "Object"),
    "group": QT_TRANSLATE_NOOP("CodexPanel", "Group"),
    "lore": QT_TRANSLATE_NOOP("CodexPanel", "Lore"),
    "style": QT_TRANSLATE_NOOP("CodexPanel", "Style rule"),
    "other": QT_TRANSLATE_NOOP("CodexPanel", "Name"),  # a suggestion whose use tells no kind
}
# Edits in the form are written to the Codex after the writer pauses typing.
EDIT_DELAY_MS = 400
ID_ROLE = Qt.ItemDataRole.UserRole


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("CodexPanel", KIND_LABELS.get(kind, KIND_LABELS["lore"]))


class CodexPanel(RequestPanel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.codex = context.codex
        self._suggestions: list[dict] = []
        self._suggested_text = ""  # the text the suggestions' offsets point into
        self._showing_id: str | None = None  # the entry in the form
        self._filling = False
        self._edit_timer = QTimer(self, singleShot=True, interval=EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self._apply_form)
        self._build()
        self.codex.sig_changed.connect(self._show_entries)
        self.codex.sig_save_failed.connect(self._say_save_failed)
        self._show_entries()
        self.on_busy_changed(False)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.primary_button = QPushButton(self.tr("Suggest entries"), self)
        self.primary_button.setToolTip(
            self.tr("Read the whole manuscript and suggest its characters, places and other recurring names")
        )
        self.primary_button.clicked.connect(self.suggest)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.clicked.connect(self.stop)
        self.new_button = QPushButton(self.tr("New entry"), self)
        self.new_button.clicked.connect(self.new_entry)
        self.progress = QProgressBar(self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.primary_button, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.stop_button)

        # Suggestions: shown once the manuscript has been read.
        self.suggestions_box = QGroupBox(self.tr("Suggestions"), self)
        self.suggestion_list = QListWidget(self.suggestions_box)
        self.suggestion_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.suggestion_list.itemSelectionChanged.connect(self._show_suggestion)
        self.suggestion_view = QTextBrowser(self.suggestions_box)
        self.suggestion_view.setOpenLinks(False)
        self.suggestion_view.anchorClicked.connect(self._open_link)
        self.accept_button = QPushButton(self.tr("Accept"), self.suggestions_box)
        self.accept_button.setToolTip(self.tr("Add the selected suggestions to the Codex (then edit them below)"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.merge_suggestions_button = QPushButton(self.tr("Merge"), self.suggestions_box)
        self.merge_suggestions_button.setToolTip(self.tr("The selected suggestions are one: add them as one entry"))
        self.merge_suggestions_button.clicked.connect(self.merge_selected_suggestions)
        self.reject_button = QPushButton(self.tr("Reject"), self.suggestions_box)
        self.reject_button.clicked.connect(self.reject_selected)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.merge_suggestions_button, self.reject_button):
            buttons.addWidget(button)
        split = QSplitter(Qt.Orientation.Vertical, self.suggestions_box)
        split.addWidget(self.suggestion_list)
        split.addWidget(self.suggestion_view)
        box = QVBoxLayout(self.suggestions_box)
        box.addWidget(split, 1)
        box.addLayout(buttons)
        self.suggestions_box.setVisible(False)

        # The Codex itself.
        entries = QGroupBox(self.tr("Entries"), self)
        self.filter_edit = QLineEdit(entries)
        self.filter_edit.setPlaceholderText(self.tr("Filter by name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._show_entries)
        self.entry_list = QListWidget(entries)
        self.entry_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.entry_list.itemSelectionChanged.connect(self._show_entry)
        self.name_edit = QLineEdit(entries)
        self.kind_combo = QComboBox(entries)
        for kind in KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.aliases_edit = QLineEdit(entries)
        self.aliases_edit.setPlaceholderText(self.tr("Other names, separated by commas"))
        self.description_edit = QPlainTextEdit(entries)
        self.description_edit.setPlaceholderText(self.tr("What the model should know. Keep it short."))
        self.description_edit.setMaximumHeight(110)
        self.from_chapter = QSpinBox(entries)
        self.from_chapter.setRange(0, 9999)
        self.from_chapter.setSpecialValueText(self.tr("the start"))
        self.from_chapter.setToolTip(
            self.tr("This version of the entry holds from this chapter on; an earlier version holds before it.")
        )
        self.always_check = QCheckBox(self.tr("Always include"), entries)
        self.always_check.setToolTip(self.tr("Send with every request, named nearby or not"))
        for signal in (
            self.name_edit.textEdited,
            self.aliases_edit.textEdited,
            self.description_edit.textChanged,
            self.kind_combo.currentIndexChanged,
            self.from_chapter.valueChanged,
            self.always_check.toggled,
        ):
            signal.connect(self._form_edited)
        self.later_button = QPushButton(self.tr("Later version"), entries)
        self.later_button.setToolTip(
            self.tr("Describe this entry differently from the chapter at the cursor on (a marriage, a move…)")
        )
        self.later_button.clicked.connect(self.add_later_version)
        self.merge_entries_button = QPushButton(self.tr("Merge"), entries)
        self.merge_entries_button.setToolTip(self.tr("Fold the selected entries into the first"))
        self.merge_entries_button.clicked.connect(self.merge_selected_entries)
        self.delete_button = QPushButton(self.tr("Delete"), entries)
        self.delete_button.clicked.connect(self.delete_selected)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Aliases"), self.aliases_edit)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("From chapter"), self.from_chapter)
        form.addRow("", self.always_check)
        entry_buttons = QHBoxLayout()
        for button in (self.later_button, self.merge_entries_button, self.delete_button):
            entry_buttons.addWidget(button)
        self.form = QWidget(entries)
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(form)
        entries_layout = QVBoxLayout(entries)
        entries_layout.addWidget(self.filter_edit)
        entries_layout.addWidget(self.entry_list, 1)
        entries_layout.addLayout(entry_buttons)
        entries_layout.addWidget(self.form)

        layout = scroll_contents(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.suggestions_box, 1)
        layout.addWidget(entries, 1)

    def _say_save_failed(self, reason: str) -> None:
        self.status_label.setText(self.tr("The Codex could not be saved: {reason}").format(reason=reason))

    # ------------------------------------------------------------------ entries
    def _show_entries(self) -> None:
        wanted = fold(self.filter_edit.text().strip())
        selected = set(self.selected_entry_ids())
        self.entry_list.blockSignals(True)
        self.entry_list.clear()
        for entry in self.codex.entries:
            if wanted and not any(wanted in fold(name) for name in entry.names()):
                continue
            label = entry.name + (" ★" if entry.always else "")
            detail = kind_label(entry.kind)
            if entry.from_chapter:
                detail += " · " + self.tr("from chapter {number}").format(number=entry.from_chapter)
            item = QListWidgetItem(f"{label}  —  {detail}")
            item.setData(ID_ROLE, entry.id)
            item.setToolTip(entry.description or entry.name)
            self.entry_list.addItem(item)
            item.setSelected(entry.id in selected)
        self.entry_list.blockSignals(False)
        self._show_entry()
        count = len(self.codex.entries)
        self.entry_list.setToolTip(self.tr("{count} entries").format(count=count) if count else "")

    def selected_entry_ids(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self.entry_list.selectedItems()]

    def select_entry(self, entry_id: str) -> None:
        for row in range(self.entry_list.count()):
            item = self.entry_list.item(row)
            item.setSelected(item.data(ID_ROLE) == entry_id)
            if item.data(ID_ROLE) == entry_id:
                self.entry_list.setCurrentItem(item)
                self.entry_list.scrollToItem(item)

    def _show_entry(self) -> None:
        ids = self.selected_entry_ids()
        entry = self.codex.entry(ids[0]) if len(ids) == 1 else None
        if self._edit_timer.isActive():
            self._apply_form()  # the last edits belong to the entry that was shown
        self._showing_id = entry.id if entry else None
        self.form.setEnabled(entry is not None)
        self.merge_entries_button.setEnabled(len(ids) > 1)
        self.delete_button.setEnabled(bool(ids))
        self.later_button.setEnabled(entry is not None)
        self._filling = True
        self.name_edit.setText(entry.name if entry else "")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(entry.kind if entry else "character")))
        self.aliases_edit.setText(", ".join(entry.aliases) if entry else "")
        self.description_edit.setPlainText(entry.description if entry else "")
        self.from_chapter.setValue(entry.from_chapter if entry else 0)
        self.always_check.setChecked(entry.always if entry else False)
        self._filling = False
        self.merge_entries_button.setEnabled(len(ids) > 1)

    def _form_edited(self) -> None:
        if not self._filling and self._showing_id is not None:
            self._edit_timer.start()

    def _apply_form(self) -> None:
        self._edit_timer.stop()
        entry = self.codex.entry(self._showing_id) if self._showing_id else None
        name = self.name_edit.text().strip()
        if entry is None or not name:
            return
        edited = replace(
            entry,
            name=name,
            kind=self.kind_combo.currentData(),
            aliases=tuple(a for a in split_aliases(self.aliases_edit.text()) if a != name),
            description=self.description_edit.toPlainText().strip(),
            from_chapter=self.from_chapter.value(),
            always=self.always_check.isChecked(),
        )
        if edited != entry:
            self.codex.update(edited)

    def new_entry(self) -> None:
        self._apply_form()
        entry = CodexEntry(self.tr("New entry"))
        self.filter_edit.clear()
        self.codex.add(entry)
        self.select_entry(entry.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def add_later_version(self) -> None:
        self._apply_form()
        entry = self.codex.entry(self._showing_id) if self._showing_id else None
        if entry is None:
            return
        chapter = chapter_at(chapter_starts(self.context.text()), self.context.cursor_index())
        later = entry.later_version(max(chapter, entry.from_chapter + 1))
        self.codex.add(later, after=entry.id)
        self.select_entry(later.id)
        self.status_label.setText(
            self.tr("A later version of {name}, from chapter {number}: describe it as it is then.").format(
                name=entry.name, number=later.from_chapter
            )
        )

    def merge_selected_entries(self) -> None:
        self._apply_form()
        ids = self.selected_entry_ids()
        if len(ids) > 1:
            self.codex.merge(ids[0], ids[1:])
            self.select_entry(ids[0])

    def delete_selected(self) -> None:
        self._edit_timer.stop()
        for entry_id in self.selected_entry_ids():
            self.codex.remove(entry_id)

    # ------------------------------------------------------------------ suggestions
    def suggest(self):
        if self.context.loading:
            return None
        text = self.context.text()
        if not text.strip():
            self.status_label.setText(self.tr("The manuscript is empty: there is nothing to read yet."))
            return None
        self._suggested_text = text
        handle = self.submit(CodexRequest(text=text))
        if handle is not None:
            self.status_label.setText(self.tr("Reading the names in your manuscript…"))
        return handle

    def on_finished(self, result: CodexResult) -> None:
        known = {fold(name) for entry in self.codex.entries for name in entry.names()}
        self._suggestions = [s for s in result.entries if fold(s["name"]) not in known]
        self._fill_suggestions()
        already = len(result.entries) - len(self._suggestions)
        message = self.tr("{count} suggestions, most mentioned first.").format(count=len(self._suggestions))
        if already:
            message += " " + self.tr("{count} more are in the Codex already.").format(count=already)
        if not result.entries:
            message = self.tr("No name recurs often enough to suggest.")
        self.status_label.setText(message)

    def _fill_suggestions(self) -> None:
        self.suggestion_list.clear()
        for number, suggestion in enumerate(self._suggestions):
            item = QListWidgetItem(
                self.tr("{name} · {kind} · {mentions} mentions").format(
                    name=suggestion["name"], kind=kind_label(suggestion["kind"]), mentions=suggestion["mentions"]
                )
            )
            item.setData(ID_ROLE, number)
            self.suggestion_list.addItem(item)
        self.suggestions_box.setVisible(bool(self._suggestions))
        if self._suggestions:
            self.suggestion_list.setCurrentRow(0)
        self._show_suggestion()

    def selected_suggestions(self) -> list[dict]:
        rows = sorted(item.data(ID_ROLE) for item in self.suggestion_list.selectedItems())
        return [self._suggestions[row] for row in rows]

    def _show_suggestion(self) -> None:
        chosen = self.selected_suggestions()
        self.accept_button.setEnabled(bool(chosen))
        self.reject_button.setEnabled(bool(chosen))
        self.merge_suggestions_button.setEnabled(len(chosen) > 1)
        self.suggestion_view.setHtml(self._suggestion_html(chosen[0]) if len(chosen) == 1 else "")

    def _suggestion_html(self, suggestion: dict) -> str:
        def link(span: dict | list, label: str) -> str:
            start, end = (span["start"], span["end"]) if isinstance(span, dict) else span
            return f'<a href="span:{start}:{end}">{html.escape(label)}</a>'

        text = self._suggested_text
        parts = [f"<b>{html.escape(suggestion['name'])}</b> — {html.escape(kind_label(suggestion['kind']))}"]
        if suggestion.get("aliases"):
            parts.append(html.escape(self.tr("Also: {names}").format(names=", ".join(suggestion["aliases"]))))
        first = suggestion["first"]
        chapters = suggestion.get("chapters") or []
        where = (
            self.tr("chapters {first}–{last} ({count})").format(
                first=chapters[0], last=chapters[-1], count=len(chapters)
            )
            if len(chapters) > 1
            else self.tr("one chapter")
        )
        parts.append(
            html.escape(self.tr("{mentions} mentions in {where}.").format(mentions=suggestion["mentions"], where=where))
            + " "
            + link(first, self.tr("First appearance"))
        )
        if suggestion.get("appears_with"):
            names = ", ".join(suggestion["appears_with"])
            parts.append(html.escape(self.tr("Appears with: {names}").format(names=names)))
        for span in suggestion.get("evidence") or []:
            start, end = (span["start"], span["end"]) if isinstance(span, dict) else span
            sentence = " ".join(text[start:end].split())
            parts.append("“" + link(span, sentence) + "”")
        return "<p>" + "</p><p>".join(parts) + "</p>"

    def _open_link(self, url: QUrl) -> None:
        kind, _, span = url.toString().partition(":")
        if kind != "span":
            return
        start, end = (int(n) for n in span.split(":"))
        if self.context.text() != self._suggested_text:
            self.status_label.setText(self.tr("The text has changed since it was read: the place shown may be off."))
        self.context.show_passage(start, end)

    def accept_selected(self) -> None:
        chosen = self.selected_suggestions()
        added = [self._add_suggestion(suggestion) for suggestion in chosen]
        self._drop_suggestions(chosen)
        if added:
            self.select_entry(added[-1])
            self.status_label.setText(self.tr("Added to the Codex: edit the description below if you like."))

    def merge_selected_suggestions(self) -> None:
        chosen = self.selected_suggestions()
        if len(chosen) < 2:
            return
        head = max(chosen, key=lambda suggestion: suggestion["mentions"])
        entry_id = self._add_suggestion(head)
        others = [entry_from_suggestion(s) for s in chosen if s is not head]
        for other in others:
            self.codex.add(other)
        self.codex.merge(entry_id, [other.id for other in others])
        self._drop_suggestions(chosen)
        self.select_entry(entry_id)

    def reject_selected(self) -> None:
        self._drop_suggestions(self.selected_suggestions())

    def _add_suggestion(self, suggestion: dict) -> str:
        entry = entry_from_suggestion(suggestion)
        self.codex.add(entry)
        return entry.id

    def _drop_suggestions(self, chosen: list[dict]) -> None:
        gone = {id(suggestion) for suggestion in chosen}
        self._suggestions = [s for s in self._suggestions if id(s) not in gone]
        row = self.suggestion_list.currentRow()
        self._fill_suggestions()
        if self._suggestions:
            self.suggestion_list.setCurrentRow(min(max(0, row), len(self._suggestions) - 1))

    def on_document_replaced(self) -> None:
        self._suggestions = []
        self._fill_suggestions()
        self.status_label.clear()

    def on_busy_changed(self, busy: bool) -> None:
        super().on_busy_changed(busy)
        self.new_button.setEnabled(True)
