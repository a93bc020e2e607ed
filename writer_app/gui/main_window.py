"""The main window: one manuscript, its menus, status bar and the panel dock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStyle,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from writer_app import APP_NAME, __version__
from writer_app.core.atomic import atomic_write_bytes
from writer_app.core.codex import entries_from_records, entries_to_records
from writer_app.core.disk_state import FileFingerprint
from writer_app.core.goals import goal_summary
from writer_app.core.history import entries_from_records as history_from_records
from writer_app.core.manuscript_records import OPENING_CHARS, opening_signature
from writer_app.core.recovery import RecoveredDocument, forget_recovered, new_document_id
from writer_app.core.text_stats import count_words
from writer_app.core.textfile import (
    BinaryFileError,
    EncodingError,
    TextFileContent,
    TextFileError,
    TextFormat,
    describe_os_error,
    encode_text,
    read_text_file,
)
from writer_app.documents.export import SUFFIXES
from writer_app.documents.importing import IMPORT_SUFFIXES, markdown_path_for
from writer_app.gui.autosave import Autosaver
from writer_app.gui.codex import Codex
from writer_app.gui.dialogs import ask_choice, ask_save_changes, show_error
from writer_app.gui.disk_change_bar import CompareDialog, DiskChangeBar
from writer_app.gui.disk_watch import DiskWatcher
from writer_app.gui.document_import import DocumentImport
from writer_app.gui.document_loader import FileReader, TextFeeder
from writer_app.gui.editor import ManuscriptEditor
from writer_app.gui.export_dialog import ExportDialog
from writer_app.gui.export_record import ExportRecord
from writer_app.gui.find_replace import FindReplaceDialog
from writer_app.gui.goals import GoalRecord, GoalsDialog
from writer_app.gui.history import History
from writer_app.gui.lens_record import LensRecord
from writer_app.gui.models.menu import ModelsMenu
from writer_app.gui.next_word import NextWord
from writer_app.gui.outline_sidebar import OutlineSidebar
from writer_app.gui.panels import PANELS
from writer_app.gui.panels.context import PanelContext
from writer_app.gui.panels.continue_panel import ContinuePanel
from writer_app.gui.panels.rewrite_panel import MODE_LABELS as REWRITE_MODES
from writer_app.gui.panels.rewrite_panel import RewritePanel
from writer_app.gui.story_notes import StoryNotes
from writer_app.gui.word_counter import WordCounter

if TYPE_CHECKING:
    from writer_app.gui.application import InkwellApplication

FILE_FILTERS = (
    "Manuscripts (*.md *.txt *.markdown *.text);;Markdown (*.md *.markdown);;Plain text (*.txt *.text);;All files (*)"
)
OPEN_FILTERS = (
    "Manuscripts (*.md *.txt *.markdown *.text *.docx *.odt *.epub);;Markdown (*.md *.markdown);;"
    "Plain text (*.txt *.text);;Documents to convert (*.docx *.odt *.epub);;All files (*)"
)


class MainWindow(QMainWindow):
    sig_document_loaded = Signal(str)  # path, "" for untitled
    sig_document_saved = Signal(str)
    sig_closed = Signal(object)

    def __init__(self, app: "InkwellApplication"):
        super().__init__()
        self._app = app
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path: Path | None = None
        self.text_format = TextFormat()
        self._feeder: TextFeeder | None = None
        self._loading_path: Path | None = None  # the file whose text is streaming into the editor
        self._reader: FileReader | None = None
        self._find_dialog: FindReplaceDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        self._replaced_copy_id: str | None = None  # recovery copy of unsaved text a reload replaced
        self._shut_down = False

        self.editor = ManuscriptEditor(self)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._show_editor_menu)
        self.disk_change_bar = DiskChangeBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.disk_change_bar)
        layout.addWidget(self.editor, 1)
        self.setCentralWidget(central)
        self.disk_watch = DiskWatcher(self)
        self.disk_watch.sig_changed.connect(self._on_file_changed_on_disk)
        self.disk_watch.sig_deleted.connect(self._on_file_deleted_on_disk)
        self.disk_change_bar.sig_reload_requested.connect(self.reload_from_disk)
        self.disk_change_bar.sig_keep_requested.connect(self.keep_mine)
        self.disk_change_bar.sig_compare_requested.connect(self.compare_with_disk)
        self.autosaver = Autosaver(app.recovery, self._snapshot_source, self)
        self.word_counter = WordCounter(self.editor)
        self.story_notes = StoryNotes(app.story_notes, self, opening=self._opening)
        self.codex = Codex(app.codex, self, opening=self._opening)
        self.codex.sig_changed.connect(self._on_side_records_changed)
        self.history = History(app.history, self, opening=self._opening)
        self.history.sig_changed.connect(self._on_side_records_changed)
        self.story_notes.sig_changed.connect(self._on_side_records_changed)
        self.lenses = LensRecord(app.lenses, self, opening=self._opening)
        self.exports = ExportRecord(app.exports, self, opening=self._opening)
        self.goals = GoalRecord(app.goals, self, opening=self._opening)
        self.goals.sig_changed.connect(self._update_word_label)
        self._session_start: int | None = None  # the word count when this manuscript was opened
        # Everything kept per manuscript beside its text: loaded, moved and saved with it.
        self._manuscript_records = (
            self.story_notes,
            self.codex,
            self.history,
            self.lenses,
            self.exports,
            self.goals,
        )
        for record in self._manuscript_records:
            record.sig_save_failed.connect(self._on_record_save_failed)
        self.panel_context = PanelContext(
            self.editor,
            self.story_notes,
            self.codex,
            app.settings,
            app.models,
            lambda: self.loading,
            self,
            history=self.history,
            lenses=self.lenses,
        )
        self.sig_document_loaded.connect(self._on_document_loaded)

        self._build_actions()
        self._build_panels()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._add_panel_toggles()
        self.apply_settings()
        self._restore_geometry()

        document = self.editor.document()
        document.contentsChanged.connect(self._on_document_contents_changed)
        document.modificationChanged.connect(self._on_document_modification_changed)
        document.undoAvailable.connect(self.action_undo.setEnabled)
        document.redoAvailable.connect(self.action_redo.setEnabled)
        self.editor.copyAvailable.connect(self.action_cut.setEnabled)
        self.editor.copyAvailable.connect(self.action_copy.setEnabled)
        self.editor.cursorPositionChanged.connect(self._update_position_label)
        self.editor.selectionChanged.connect(self._update_word_label)
        self.editor.sig_focus_lost.connect(self.autosaver.flush)
        self.editor.sig_zoom_changed.connect(lambda size: self._app.settings.set(font_size=size))
        self.word_counter.sig_counted.connect(self._on_words_counted)
        self.autosaver.sig_snapshot_written.connect(self._on_snapshot_written)
        self.autosaver.sig_snapshot_failed.connect(self._on_snapshot_failed)

        self._app.settings.sig_changed.connect(self._on_setting_changed)
        models = self._app.models
        models.sig_status.connect(self._on_models_status)
        self._on_models_status(*models.status)

        self._update_title()
        self._update_position_label()
        self.word_counter.count_now()

    # ------------------------------------------------------------------ building
    def _action(
        self, text: str, slot, shortcut=None, icon: QStyle.StandardPixmap | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(
                QKeySequence.keyBindings(shortcut)
                if isinstance(shortcut, QKeySequence.StandardKey)
                else [QKeySequence(shortcut)]
            )
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        pixmaps = QStyle.StandardPixmap
        editor = self.editor
        self.action_new = self._action(
            self.tr("&New"), self.new_document, keys.New, pixmaps.SP_FileIcon, self.tr("Start a new manuscript")
        )
        self.action_new_window = self._action(self.tr("New &Window"), self._app.new_window_shown, "Ctrl+Shift+N")
        self.action_open = self._action(
            self.tr("&Open…"),
            self.open_file_dialog,
            keys.Open,
            pixmaps.SP_DialogOpenButton,
            self.tr("Open a .txt or .md manuscript"),
        )
        self.action_save = self._action(
            self.tr("&Save"), self.save, keys.Save, pixmaps.SP_DialogSaveButton, self.tr("Save the manuscript")
        )
        self.action_save_as = self._action(self.tr("Save &As…"), self.save_as, keys.SaveAs)
        self.action_export = self._action(self.tr("&Export…"), self.export, "Ctrl+Shift+E")
        self.action_goals = self._action(self.tr("&Goals…"), self.edit_goals)
        self.action_close = self._action(self.tr("&Close Window"), self.close, keys.Close)
        self.action_quit = self._action(self.tr("&Quit"), self._app.quit, keys.Quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.action_undo = self._action(self.tr("&Undo"), editor.undo, keys.Undo)
        self.action_redo = self._action(self.tr("&Redo"), editor.redo, keys.Redo)
        self.action_cut = self._action(self.tr("Cu&t"), editor.cut, keys.Cut)
        self.action_copy = self._action(self.tr("&Copy"), editor.copy, keys.Copy)
        self.action_paste = self._action(self.tr("&Paste"), editor.paste, keys.Paste)
        self.action_select_all = self._action(self.tr("Select &All"), editor.selectAll, keys.SelectAll)
        self.action_find = self._action(self.tr("&Find…"), lambda: self.show_find(replace=False), keys.Find)
        self.action_replace = self._action(
            self.tr("Find and &Replace…"), lambda: self.show_find(replace=True), "Ctrl+H"
        )
        self.action_find_next = self._action(self.tr("Find &Next"), lambda: self.find_dialog.find_next(), keys.FindNext)
        self.action_find_previous = self._action(
            self.tr("Find Pre&vious"), lambda: self.find_dialog.find_previous(), keys.FindPrevious
        )
        self.action_go_to_line = self._action(self.tr("&Go to Line…"), self.go_to_line_dialog, "Ctrl+G")
        self.action_undo.setEnabled(editor.document().isUndoAvailable())
        self.action_redo.setEnabled(editor.document().isRedoAvailable())
        self.action_cut.setEnabled(False)
        self.action_copy.setEnabled(False)

        self.action_font = self._action(self.tr("&Font…"), self.choose_font)
        self.action_zoom_in = self._action(self.tr("Zoom &In"), lambda: editor.zoom(1), keys.ZoomIn)
        self.action_zoom_out = self._action(self.tr("Zoom &Out"), lambda: editor.zoom(-1), keys.ZoomOut)
        self.action_word_wrap = self._action(
            self.tr("&Word Wrap"), lambda checked: self._app.settings.set(word_wrap=bool(checked))
        )
        self.action_word_wrap.setCheckable(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for key, label in (
            ("system", self.tr("Follow &System")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = QAction(label, self.theme_group, checkable=True)
            action.setData(key)
            action.triggered.connect(lambda _checked=False, key=key: self._app.settings.set(theme=key))
            self.theme_actions[key] = action
        self.action_about = self._action(self.tr("&About Inkwell"), self.show_about)
        self.action_continue = self._action(
            self.tr("&Continue Writing"), lambda: self._continue_panel().continue_at_cursor(), "Ctrl+Return"
        )
        self.action_continue.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.action_alternatives = self._action(
            self.tr("Write &Alternatives"), lambda: self._continue_panel().write_alternatives(), "Ctrl+Shift+Return"
        )
        self.action_stop = self._action(self.tr("&Stop"), lambda: self._continue_panel().stop(), "Ctrl+.")
        self.action_rewrite = self._action(
            self.tr("&Rewrite Selection…"), lambda: self._rewrite_selection(), "Ctrl+Shift+R"
        )
        self.action_surprise = self._action(self.tr("&Surprise Lens"), self._look_with_surprise, "Ctrl+Shift+U")
        self.next_word = NextWord(self.panel_context, self)
        self.next_word.set_reporter(lambda message: self.statusBar().showMessage(message, 6000))
        self.next_word.sig_branch_requested.connect(lambda starts: self._continue_panel().write_alternatives(starts))
        self.action_next_word = self._action(self.tr("&Next Word"), self.next_word.ask, "Ctrl+Shift+Space")
        self.rewrite_mode_actions = []
        for mode, label in REWRITE_MODES:
            action = QAction(QCoreApplication.translate("RewritePanel", label), self)
            action.triggered.connect(lambda _checked=False, mode=mode: self._rewrite_selection(mode))
            self.rewrite_mode_actions.append(action)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.action_new, self.action_new_window, self.action_open])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.action_save, self.action_save_as, self.action_export])
        file_menu.addSeparator()
        file_menu.addActions([self.action_close, self.action_quit])

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.action_undo, self.action_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.action_cut, self.action_copy, self.action_paste, self.action_select_all])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [
                self.action_find,
                self.action_replace,
                self.action_find_next,
                self.action_find_previous,
                self.action_go_to_line,
            ]
        )

        view_menu = bar.addMenu(self.tr("&View"))
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        theme_menu.addActions(list(self.theme_actions.values()))
        view_menu.addActions([self.action_font, self.action_zoom_in, self.action_zoom_out, self.action_word_wrap])
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu(self.tr("&Panels"))
        view_menu.addAction(self.action_surprise)

        self.models_menu = ModelsMenu(self._app.models, self._app.settings, self)
        bar.addMenu(self.models_menu)

        write_menu = bar.addMenu(self.tr("&Write"))
        write_menu.addActions([self.action_continue, self.action_alternatives, self.action_stop])
        write_menu.addAction(self.action_next_word)
        write_menu.addSeparator()
        write_menu.addAction(self.action_goals)
        write_menu.addSeparator()
        write_menu.addAction(self.action_rewrite)
        rewrite_menu = write_menu.addMenu(self.tr("Rewrite &As"))
        rewrite_menu.addActions(self.rewrite_mode_actions)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action_about)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.action_new, self.action_open, self.action_save])

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setVisible(False)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("stateLabel")
        self.format_label = QLabel(self)
        self.position_label = QLabel(self)
        self.words_label = QLabel(self)
        self.words_label.setObjectName("wordsLabel")
        self.goals_label = QLabel(self)
        self.goals_label.setObjectName("goalsLabel")
        self.goals_label.setToolTip(self.tr("Your word-count goals (Write ▸ Goals…)"))
        self.models_label = QLabel(self)
        self.models_label.setObjectName("modelsLabel")
        self.models_label.setTextFormat(Qt.TextFormat.RichText)
        self.models_label.linkActivated.connect(self.show_models_details)
        status.addPermanentWidget(self.progress_bar)
        for label in (
            self.models_label,
            self.state_label,
            self.format_label,
            self.position_label,
            self.words_label,
            self.goals_label,
        ):
            status.addPermanentWidget(label)

    def _build_panels(self) -> None:
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.panel_docks: dict[str, QDockWidget] = {}
        previous = None
        for key, title, panel_class in PANELS:
            dock = QDockWidget(QCoreApplication.translate("Panels", title), self)
            dock.setObjectName(f"{key}Dock")
            dock.setWidget(panel_class(self.panel_context, dock))
            dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            if previous is not None:
                self.tabifyDockWidget(previous, dock)
            previous = dock
            self.panel_docks[key] = dock
        self.panel_docks["continue"].raise_()
        self.outline = OutlineSidebar(self.editor)
        self.outline.sig_jump_requested.connect(lambda index: self.editor.show_span(index, index))
        self.word_counter.sig_counted.connect(self.outline.refresh_if_changed)
        self.outline_dock = QDockWidget(self.tr("Outline"), self)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(self.outline)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.resizeDocks([self.panel_docks["continue"], self.outline_dock], [320, 200], Qt.Orientation.Horizontal)
        QTimer.singleShot(0, self._tidy_dock_tabs)

    def _tidy_dock_tabs(self) -> None:
        """Whole panel names on the dock's tabs, scrolling when they do not fit, rather than "Cont…", "Re…"."""
        for bar in self.findChildren(QTabBar):
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)
            bar.setExpanding(False)

    def _add_panel_toggles(self) -> None:
        toggle = self.outline_dock.toggleViewAction()
        toggle.setShortcut("Ctrl+Shift+O")
        self.panels_menu.addAction(toggle)
        self.panels_menu.addSeparator()
        for dock in self.panel_docks.values():
            self.panels_menu.addAction(dock.toggleViewAction())

    def _look_with_surprise(self) -> None:
        self.panel_docks["surprise"].show()
        self.panel_docks["surprise"].raise_()
        self.panel_docks["surprise"].widget().look()

    def _rewrite_panel(self) -> RewritePanel:
        self.panel_docks["rewrite"].show()
        self.panel_docks["rewrite"].raise_()
        return self.panel_docks["rewrite"].widget()

    def _rewrite_selection(self, mode: str | None = None) -> None:
        """Rewrite the selection in *mode*; with none, open the Rewrite panel to choose."""
        panel = self._rewrite_panel()
        if mode is not None or self.editor.textCursor().hasSelection():
            panel.rewrite(mode)

    def _show_editor_menu(self, position) -> None:
        menu = self.editor.createStandardContextMenu(position)
        menu.addSeparator()
        rewrite = menu.addMenu(self.tr("Rewrite"))
        rewrite.addActions(self.rewrite_mode_actions)
        rewrite.setEnabled(self.editor.textCursor().hasSelection() and not self.loading)
        menu.addAction(self.action_continue)
        menu.addAction(self.action_next_word)
        menu.exec(self.editor.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _continue_panel(self) -> ContinuePanel:
        self.panel_docks["continue"].show()
        self.panel_docks["continue"].raise_()
        return self.panel_docks["continue"].widget()

    # ------------------------------------------------------------------ settings
    def apply_settings(self) -> None:
        settings = self._app.settings
        self.editor.apply_font(settings.font_family, settings.font_size)
        self.editor.set_word_wrap(settings.word_wrap)
        self.action_word_wrap.setChecked(settings.word_wrap)
        self.theme_actions[settings.theme].setChecked(True)

    def _on_setting_changed(self, key: str, _value) -> None:
        if key in ("font_family", "font_size", "word_wrap", "theme"):
            self.apply_settings()

    def _restore_geometry(self) -> None:
        settings = self._app.settings
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
        else:
            available = self.screen().availableGeometry()
            self.resize(min(1180, int(available.width() * 0.9)), min(760, int(available.height() * 0.9)))
        if settings.window_state:
            self.restoreState(QByteArray.fromBase64(settings.window_state.encode()))

    def _remember_geometry(self) -> None:
        self._app.settings.set(
            window_geometry=bytes(self.saveGeometry().toBase64()).decode(),
            window_state=bytes(self.saveState().toBase64()).decode(),
        )

    # ------------------------------------------------------------------ state
    @property
    def loading(self) -> bool:
        return self._feeder is not None or self._reader is not None

    def document_name(self) -> str:
        return self.path.name if self.path else self.tr("Untitled")

    def is_pristine(self) -> bool:
        """An untitled, empty, unmodified window that a restored or opened document may take over."""
        return (
            self.path is None
            and not self.loading
            and self.editor.document().isEmpty()
            and not self.editor.document().isModified()
        )

    def _opening(self) -> str:
        """The signature of the text's opening words, which lets notes and Codex follow a moved file."""
        block, parts, size = self.editor.document().begin(), [], 0
        while block.isValid() and size < 2 * OPENING_CHARS:
            parts.append(block.text())
            size += len(parts[-1]) + 1
            block = block.next()
        return opening_signature("\n".join(parts))

    def _snapshot_source(self) -> tuple[QTextDocument, str | None, str, str, dict | None, str, dict | None]:
        base = self.disk_watch.base
        return (
            # The document, not its text: the autosaver reads it in slices (a 50 MB text at once stalls ~1 s).
            self.editor.document(),
            str(self.path) if self.path else None,
            self.text_format.encoding,
            self.text_format.newline,
            base.to_dict() if base is not None else None,
            self.text_format.errors,
            self._side_records(),
        )

    def _side_records(self) -> dict | None:
        """An untitled manuscript's story notes and Codex, which live nowhere else until its first save."""
        if self.path is not None:
            return None  # saved in the data folder already
        return {
            "notes": self.story_notes.text,
            "codex": entries_to_records(self.codex.entries),
            "history": [entry.to_dict() for entry in self.history.entries],
        }

    def _restore_side_records(self, extras: dict) -> None:
        if isinstance(extras.get("notes"), str) and extras["notes"].strip():
            self.story_notes.set_text(extras["notes"])
        entries = entries_from_records(extras.get("codex"))
        if entries:
            self.codex.set_entries(entries)
        history = history_from_records(extras.get("history"))
        if history:
            self.history.set_entries(history)

    def edit_goals(self) -> GoalsDialog:
        dialog = GoalsDialog(self._app.settings.session_goal, self.goals.goal, self)

        def accepted() -> None:
            self._app.settings.set(session_goal=dialog.session_spin.value())
            self.goals.set_goal(dialog.goal())
            self._update_word_label()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def export(self) -> ExportDialog | None:
        """File ▸ Export…: the manuscript as it is now, in the format and layout last used for it."""
        if self.loading:
            return None
        options, fmt, out = self.exports.options, self.exports.format, self.exports.out
        stem = self.path.stem if self.path is not None else self.tr("Untitled")
        if not options.title:
            options = replace(options, title=stem.replace("_", " ").replace("-", " ").title())
        if not out:
            folder = self.path.parent if self.path is not None else Path.home()
            out = str(folder / f"{stem}{SUFFIXES[fmt]}")
        dialog = ExportDialog(self.editor.text(), options, fmt, out, self)
        dialog.finished.connect(lambda _result: self._on_export_closed(dialog))
        dialog.open()
        return dialog

    def _on_export_closed(self, dialog: ExportDialog) -> None:
        self.exports.remember(dialog.options(), dialog.fmt(), dialog.out_edit.text().strip())
        if dialog.written:
            self.statusBar().showMessage(self.tr("Exported {name}.").format(name=Path(dialog.written).name), 6000)
        dialog.deleteLater()

    def _on_record_save_failed(self, reason: str) -> None:
        self.statusBar().showMessage(
            self.tr("Could not save the notes kept beside this manuscript: {reason}. They stay open here.").format(
                reason=reason
            ),
            10000,
        )

    def _on_side_records_changed(self) -> None:
        # An untitled manuscript's notes and Codex travel in its recovery copy.
        if self.path is None and self.editor.document().isModified() and not self.loading:
            self.autosaver.note_change()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.editor.document().isModified())
        self.format_label.setText(self.text_format.label)
        self._update_state_label()

    def _update_state_label(self, note: str = "") -> None:
        if self.editor.document().isModified():
            self.state_label.setText(note or self.tr("Unsaved"))
        else:
            self.state_label.setText(self.tr("Saved") if self.path else self.tr("New"))

    def _update_position_label(self) -> None:
        line, column = self.editor.cursor_line_column()
        self.position_label.setText(self.tr("Ln {line}, Col {column}").format(line=line, column=column))

    def _on_words_counted(self) -> None:
        if self._session_start is None and not self.loading:
            self._session_start = max(self.word_counter.count, 0)
        self._update_word_label()

    def _update_word_label(self) -> None:
        total = max(self.word_counter.count, 0)
        session = total - (self._session_start if self._session_start is not None else total)
        summary = goal_summary(total, session, self._app.settings.session_goal, self.goals.goal, date.today())
        self.goals_label.setText(summary)
        self.goals_label.setVisible(bool(summary))
        selected = self.editor.textCursor().selectedText()
        if selected:
            part = count_words(selected.replace("\u2029", "\n"))
            self.words_label.setText(self.tr("{part:,} of {total:,} words").format(part=part, total=total))
        else:
            self.words_label.setText(self.tr("{total:,} words").format(total=total))

    def _on_document_loaded(self, _path: str) -> None:
        self.panel_context.sig_document_replaced.emit()
        self._session_start = None  # the session's words count from the first count of this text
        self.word_counter.schedule()

    def _on_document_contents_changed(self) -> None:
        if self.editor.document().isModified():
            self.autosaver.note_change()

    def _on_document_modification_changed(self, modified: bool) -> None:
        self.setWindowModified(modified)
        self._update_state_label()
        if not modified:
            self.autosaver.discard()

    def _on_snapshot_written(self, _path: str) -> None:
        if self.editor.document().isModified():
            self._update_state_label(self.tr("Unsaved · recovery copy kept"))

    def _on_snapshot_failed(self, reason: str) -> None:
        self._update_state_label(self.tr("Unsaved · recovery copy failed"))
        if not self.autosaver.available:
            self.statusBar().showMessage(reason + " " + self.tr("Save your work often."))
            return
        self.statusBar().showMessage(
            self.tr("Inkwell could not keep a recovery copy: {reason} Save your work somewhere with space.").format(
                reason=reason
            )
        )

    # ------------------------------------------------------------------ file operations
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to replace or close the document.

        A document still streaming into the editor is dropped without a question:
        its file is whole on disk and the partial text must never be saved.
        """
        if self.loading:
            self._stop_loading()
        if not self.editor.document().isModified():
            return True
        answer = ask_save_changes(self, self.document_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_document(self) -> None:
        if self.maybe_save():
            self.load_text("", None, TextFormat())

    def _start_directory(self) -> str:
        if self.path:
            return str(self.path.parent)
        recent = self._app.settings.recent_files
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def open_file_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Manuscript"), self._start_directory(), OPEN_FILTERS)
        if path:
            self.open_path(path, ask=False)

    def open_path(
        self, path: str | Path, encoding: str | None = None, errors: str = "strict", ask: bool = True
    ) -> None:
        """Open *path* in this window; the current document stays until the new one is read.

        A file already open in another window is shown there instead: two windows
        saving one file would overwrite each other's work.
        """
        other = self._window_with(Path(path))
        if other is not None:
            other.show()
            other.raise_()
            other.activateWindow()
            other.statusBar().showMessage(self.tr("{name} is open in this window.").format(name=other.document_name()))
            return
        if Path(path).suffix.lower() in IMPORT_SUFFIXES:
            self.import_document(Path(path), ask)
            return
        if ask and not self.maybe_save():
            return
        self._stop_loading()
        reader = FileReader(Path(path), encoding, errors, self)
        reader.sig_read.connect(lambda content, base: self._on_file_read(reader, content, base))
        reader.sig_failed.connect(lambda exc: self._on_file_failed(reader, exc))
        self._reader = reader
        self.statusBar().showMessage(self.tr("Opening {name}…").format(name=Path(path).name))
        reader.start()

    def import_document(self, source: Path, ask: bool = True) -> DocumentImport | None:
        """Convert a DOCX, ODT or EPUB manuscript to Markdown beside it (the original untouched), then open that."""
        target = markdown_path_for(source)
        choice = ask_choice(
            self,
            self.tr("Import"),
            self.tr("Convert {name} to a Markdown manuscript?").format(name=source.name),
            self.tr(
                "Inkwell edits Markdown and plain text. The text of {name} (with its headings, italics and scene "
                "breaks) will be saved as {target} beside it and opened; {name} itself is not changed."
            ).format(name=source.name, target=target.name),
            [("import", self.tr("Convert and Open"))],
        )
        if choice != "import" or (ask and not self.maybe_save()):
            return None
        job = DocumentImport(source, target, self)
        job.sig_finished.connect(lambda path: self.open_path(path, ask=False))
        job.sig_failed.connect(lambda reason: show_error(self, self.tr("Import"), reason))
        self.statusBar().showMessage(self.tr("Converting {name}…").format(name=source.name))
        job.start()
        return job

    def _window_with(self, path: Path) -> "MainWindow | None":
        for window in self._app.windows:
            if window is not self and any(_same_file(own, path) for own in window.files_held()):
                return window
        return None

    def files_held(self) -> list[Path]:
        """The file this window has open, or is opening (while it reads, it still holds the previous one)."""
        held = [self.path] if self.path is not None else []
        if self._reader is not None:
            held.append(self._reader.path)
        if self._loading_path is not None:
            held = [self._loading_path]
        return held

    def _on_file_read(self, reader: FileReader, content: TextFileContent, base: FileFingerprint | None) -> None:
        if reader is not self._reader:
            return  # superseded
        self._reader = None
        if not content.text:
            self.statusBar().showMessage(self.tr("{name} is empty.").format(name=reader.path.name), 8000)
        elif content.format.errors == "replace":
            self.statusBar().showMessage(
                self.tr("Bytes that were not valid text are shown as �; saving writes them as such."), 15000
            )
        self.load_text(content.text, reader.path, content.format, base=base)

    def _on_file_failed(self, reader: FileReader, error: TextFileError) -> None:
        if reader is not self._reader:
            return
        self._reader = None
        self.statusBar().clearMessage()
        name = reader.path.name
        if isinstance(error, EncodingError):
            choice = ask_choice(
                self,
                self.tr("Not UTF-8 text"),
                self.tr("“{name}” is not UTF-8 text.").format(name=name),
                str(error)
                + "\n\n"
                + self.tr(
                    "It may come from an older program. Open it as Western (Windows-1252 / Latin-1) text, "
                    "or as UTF-8 with the invalid bytes shown as �? Nothing is changed on disk until you save."
                ),
                [("western", self.tr("Open as Western")), ("replace", self.tr("Open with �"))],
            )
            if choice == "western":
                self.open_path(reader.path, encoding=_western_encoding(reader.path), ask=False)
            elif choice == "replace":
                self.open_path(reader.path, encoding="utf-8", errors="replace", ask=False)
            return
        if isinstance(error, BinaryFileError):
            detail = self.tr("Inkwell opens plain-text manuscripts such as .txt and .md files.")
        else:
            detail = ""
            if not reader.path.exists():
                self._app.settings.remove_recent_file(str(reader.path))
        show_error(
            self,
            self.tr("Cannot open file"),
            self.tr("“{name}” could not be opened.").format(name=name)
            + "\n\n"
            + str(error)
            + ("\n" + detail if detail else ""),
        )

    def load_text(
        self,
        text: str,
        path: Path | None,
        fmt: TextFormat,
        recovered: RecoveredDocument | None = None,
        base: FileFingerprint | None = None,
    ) -> None:
        """Replace the document with *text* (sliced for big texts); recovered text stays unsaved.

        *base* is the file's fingerprint as *text* was read from it. The window
        takes on *path* only once all the text is in: until then nothing can
        save it, keep a recovery copy of it or accept a result into it.
        """
        self._stop_loading()
        self.autosaver.set_enabled(False)
        self.autosaver.restart_document()
        self.disk_change_bar.hide()
        self.disk_watch.stop()
        feeder = TextFeeder(self.editor, text, self)
        feeder.sig_progress.connect(lambda percent: self._on_load_progress(path, percent))
        feeder.sig_done.connect(lambda: self._on_text_loaded(feeder, path, fmt, recovered, base))
        self._feeder = feeder
        self._loading_path = path
        # The old document is gone from the editor now: the window holds no file until the new one is in.
        self.path = None
        # Previews and answers about the old text must not land in the new one.
        self.panel_context.sig_document_replaced.emit()
        if len(text) > 1_000_000:
            self.progress_bar.setValue(0)
            self.progress_bar.setVisible(True)
        feeder.start()

    def _on_load_progress(self, path: Path | None, percent: int) -> None:
        self.progress_bar.setValue(percent)
        name = path.name if path else self.tr("Untitled")
        self.statusBar().showMessage(self.tr("Opening {name}… {percent}%").format(name=name, percent=percent))

    def _on_text_loaded(
        self,
        feeder: TextFeeder,
        path: Path | None,
        fmt: TextFormat,
        recovered: RecoveredDocument | None,
        base: FileFingerprint | None,
    ) -> None:
        if feeder is not self._feeder:
            return
        self._feeder = None
        self._loading_path = None
        self.path = path
        self.text_format = fmt
        self.progress_bar.setVisible(False)
        self.autosaver.set_enabled(True)
        self.disk_watch.watch(path, base)
        for record in self._manuscript_records:
            record.load_for(self.path)
        if recovered is not None:
            self.editor.document().setModified(True)
            if path is None and recovered.extras:
                self._restore_side_records(recovered.extras)
            # The crashed session's copy goes only once this session holds the text safely.
            if self.autosaver.snapshot(wait=True):
                forget_recovered(recovered)
            self.statusBar().showMessage(
                self.tr("Restored unsaved work from {name}.").format(name=self.document_name()), 10000
            )
            self.disk_watch.check()  # edited elsewhere after the crash? say so now
        elif self.path is not None:
            self._app.settings.add_recent_file(str(self.path))
            if self.statusBar().currentMessage().startswith(self.tr("Opening")):
                self.statusBar().showMessage(self.tr("Opened {name}.").format(name=self.document_name()), 4000)
        self._update_title()
        self.word_counter.schedule()
        self.sig_document_loaded.emit(str(self.path) if self.path else "")

    def _stop_loading(self) -> None:
        self._reader = None
        if self._feeder is not None:
            self._feeder.cancel()
            self._feeder = None
            self._loading_path = None
            self.progress_bar.setVisible(False)
            self._drop_partial_text()
            self.autosaver.set_enabled(True)

    def _drop_partial_text(self) -> None:
        """A load was cut short: the editor holds part of a file that is still whole on disk; let it go."""
        document = self.editor.document()
        document.setUndoRedoEnabled(False)
        self.editor.clear()
        document.setUndoRedoEnabled(True)
        document.setModified(False)
        self.path = None
        self.text_format = TextFormat()
        for record in self._manuscript_records:
            record.load_for(None)
        self._update_title()
        self.word_counter.schedule()
        self.statusBar().clearMessage()
        self.panel_context.sig_document_replaced.emit()

    def restore_document(self, document: RecoveredDocument) -> None:
        fmt = TextFormat(document.encoding, document.newline, document.errors)
        path = Path(document.path) if document.path else None
        # The file as it was when the copy was taken; None if it did not exist then.
        base = FileFingerprint.from_dict(document.base) if document.base else None
        if base is None and path is not None:
            # A copy from before fingerprints were kept: the file counts as seen if nothing wrote it since.
            current = _fingerprint(path)
            if current is not None and current.mtime_ns <= document.saved_at * 1e9:
                base = current
        self.load_text(document.text, path, fmt, recovered=document, base=base)

    def save(self) -> bool:
        if self.loading:
            self.statusBar().showMessage(self.tr("Wait until the file has finished opening."), 5000)
            return False
        if self.path is None:
            return self.save_as()
        return self._write(self.path, self.text_format)

    def save_as(self) -> bool:
        if self.loading:
            return False
        suggested = str(self.path) if self.path else str(Path(self._start_directory()) / self.tr("Untitled.md"))
        path, chosen_filter = QFileDialog.getSaveFileName(self, self.tr("Save Manuscript As"), suggested, FILE_FILTERS)
        if not path:
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".txt" if "Plain text" in chosen_filter else ".md")
            # The file dialog asked about the name as typed, not about this one.
            is_own_file = self.path is not None and _same_file(target, self.path)
            if target.exists() and not is_own_file and not self._confirm_replace(target):
                return False
        if (self.path is None or not _same_file(target, self.path)) and self._window_with(target) is not None:
            show_error(
                self,
                self.tr("File is open"),
                self.tr("“{name}” is open in another Inkwell window. Save it there, or choose another name.").format(
                    name=target.name
                ),
            )
            return False
        return self._write(target, self.text_format)

    def _confirm_replace(self, target: Path) -> bool:
        choice = ask_choice(
            self,
            self.tr("Replace file?"),
            self.tr("“{name}” already exists in {folder}.").format(name=target.name, folder=target.parent),
            self.tr("Replacing it overwrites its contents with this manuscript."),
            [("replace", self.tr("Replace"))],
            cancel_is_default=True,
        )
        return choice == "replace"

    def _may_replace_file_on_disk(self) -> bool:
        """Before writing over the open file: never replace a newer version, or original bytes, silently."""
        if self.text_format.errors == "replace":
            choice = ask_choice(
                self,
                self.tr("Save replacement characters?"),
                self.tr("“{name}” had bytes that were not valid text; they are shown as �.").format(
                    name=self.document_name()
                ),
                self.tr(
                    "Saving writes � in their place, and the original bytes are lost. "
                    "Use Save As… to keep the original file as it is."
                ),
                [("save", self.tr("Save with �"))],
                cancel_is_default=True,
            )
            if choice != "save":
                return False
        try:
            changed = self.disk_watch.differs()
        except OSError:
            changed = False  # unreadable now: the save itself will say why
        if not changed:
            return True
        choice = ask_choice(
            self,
            self.tr("File changed on disk"),
            self.tr("“{name}” was changed by another program since Inkwell opened or last saved it.").format(
                name=self.document_name()
            ),
            self.tr("Saving now replaces that version with yours. Compare them first, or save yours as another file?"),
            [("save_as", self.tr("Save As…")), ("compare", self.tr("Compare…")), ("overwrite", self.tr("Overwrite"))],
        )
        if choice == "save_as":
            QTimer.singleShot(0, self.save_as)
        elif choice == "compare":
            self.compare_with_disk()
        return choice == "overwrite"

    def _write(self, target: Path, fmt: TextFormat) -> bool:
        if self.path is not None and _same_file(target, self.path) and not self._may_replace_file_on_disk():
            return False
        text = self.editor.text()
        try:
            data = encode_text(text, fmt)
        except UnicodeEncodeError as exc:
            choice = ask_choice(
                self,
                self.tr("Save as UTF-8?"),
                self.tr(
                    "“{name}” is stored as {encoding}, which cannot hold some characters you wrote, such as “{char}”."
                ).format(name=target.name, encoding=fmt.encoding_label, char=exc.object[exc.start : exc.end]),
                self.tr("Save it as UTF-8 instead? Every modern program reads UTF-8."),
                [("utf-8", self.tr("Save as UTF-8"))],
            )
            if choice != "utf-8":
                return False
            fmt = TextFormat("utf-8", fmt.newline)
            data = encode_text(text, fmt)
        try:
            atomic_write_bytes(target, data)
        except OSError as exc:
            # Make sure the recovery copy holds exactly what is in the editor, and promise it only if it does.
            if self.autosaver.snapshot(wait=True):
                safe = self.tr(
                    "Your text is safe: it is still here in the editor, and Inkwell keeps a recovery copy. "
                    "Use File ▸ Save As… to save it somewhere else."
                )
            else:
                safe = self.tr(
                    "Your text is still here in the editor, but Inkwell could not keep a recovery copy either. "
                    "Keep this window open and use File ▸ Save As… to save it somewhere else, such as a USB stick."
                )
            show_error(
                self,
                self.tr("Could not save"),
                self.tr("“{name}” could not be saved. {reason}").format(name=target.name, reason=describe_os_error(exc))
                + "\n\n"
                + safe,
                details=f"{target}\n{exc!r}",
            )
            self._update_state_label(self.tr("Not saved"))
            return False
        self.path = target
        self.text_format = replace(fmt, errors="strict")
        self.disk_watch.watch(target, FileFingerprint.of_written(target, data))
        self.disk_change_bar.hide()
        self._forget_copy_of_replaced_text()
        self.editor.document().setModified(False)
        for record in self._manuscript_records:
            record.attach_to(target)
        self._app.settings.add_recent_file(str(target))
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved {name}.").format(name=target.name), 4000)
        self.sig_document_saved.emit(str(target))
        return True

    # ------------------------------------------------------------------ the file on disk
    def _on_file_changed_on_disk(self) -> None:
        self.disk_change_bar.show_changed(self.document_name())

    def _on_file_deleted_on_disk(self) -> None:
        # The text now exists only here: unsaved, with a recovery copy.
        self.disk_watch.remember(None)
        self.editor.document().setModified(True)
        self.autosaver.note_change()
        self.disk_change_bar.show_deleted(self.document_name())

    def _read_disk_version(self) -> TextFileContent | None:
        try:
            try:
                return read_text_file(self.path)
            except EncodingError:
                return read_text_file(self.path, self.text_format.encoding, self.text_format.errors)
        except TextFileError as exc:
            show_error(
                self,
                self.tr("Cannot read file"),
                self.tr("“{name}” on disk could not be read.").format(name=self.document_name()) + "\n\n" + str(exc),
            )
            return None

    def reload_from_disk(self) -> None:
        """Show the version on disk, as one step that Undo takes back."""
        if self.path is None or self.loading:
            return
        base = _fingerprint(self.path)  # before the read: a write in between shows up as a change later
        content = self._read_disk_version()
        if content is None:
            return
        self._keep_copy_of_unsaved_text()
        self.panel_context.sig_document_replaced.emit()
        position = self.editor.textCursor().position()
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(content.text)
        cursor.endEditBlock()
        cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        self.text_format = content.format
        self.disk_watch.remember(base)
        self.disk_change_bar.hide()
        self.editor.document().setModified(False)
        self._update_title()
        self.statusBar().showMessage(
            self.tr("Reloaded {name}. Undo brings your version back.").format(name=self.document_name()), 8000
        )

    def _keep_copy_of_unsaved_text(self) -> None:
        """Before the text is replaced: unsaved changes stay in the recovery folder until the next save."""
        recovery = self._app.recovery
        if recovery is None or not self.editor.document().isModified():
            return
        self._replaced_copy_id = self._replaced_copy_id or new_document_id()
        try:
            recovery.write(
                self._replaced_copy_id,
                self.editor.text(),
                str(self.path) if self.path else None,
                self.text_format.encoding,
                self.text_format.newline,
                errors=self.text_format.errors,
            )
        except OSError as exc:
            self.statusBar().showMessage(
                self.tr("Inkwell could not keep a recovery copy of your version: {reason}").format(
                    reason=describe_os_error(exc)
                )
            )

    def _forget_copy_of_replaced_text(self) -> None:
        if self._replaced_copy_id is not None and self._app.recovery is not None:
            self._app.recovery.discard(self._replaced_copy_id)
        self._replaced_copy_id = None

    def keep_mine(self) -> None:
        """Keep the writer's text; it is now unsaved, and the next save replaces the version on disk."""
        if self.path is None:
            return
        self.disk_watch.remember(_fingerprint(self.path))
        self.disk_change_bar.hide()
        self.editor.document().setModified(True)
        self.autosaver.note_change()

    def compare_with_disk(self) -> None:
        if self.path is None:
            return
        content = self._read_disk_version()
        if content is None:
            return
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        self.compare_dialog = CompareDialog(self.document_name(), self.editor.text(), content.text, self)
        self.compare_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.compare_dialog.destroyed.connect(lambda: setattr(self, "compare_dialog", None))
        self.compare_dialog.show()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._app.settings.recent_files
        for index, path in enumerate(recent, start=1):
            # "&" in a name would become a keyboard accelerator.
            label = f"{Path(path).name} — {Path(path).parent}".replace("&", "&&")
            action = self.recent_menu.addAction(f"&{index % 10} {label}")
            action.triggered.connect(lambda _checked=False, path=path: self.open_recent(path))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear Menu"), lambda: self._app.settings.set(recent_files=[]))

    def open_recent(self, path: str) -> None:
        if self.maybe_save():
            self.open_path(path, ask=False)

    # ------------------------------------------------------------------ models
    def _on_models_status(self, state: str, text: str, details: str) -> None:
        self.models_label.setText(self._app.models.status_html())
        self.models_label.setToolTip(self._app.models.status_tooltip())
        self.models_label.setProperty("modelsState", state)

    def show_models_details(self, _link: str = "") -> None:
        _state, text, details = self._app.models.status
        show_error(self, self.tr("Models"), text + ("\n\n" + details if details else ""))

    # ------------------------------------------------------------------ edit & view
    @property
    def find_dialog(self) -> FindReplaceDialog:
        if self._find_dialog is None:
            self._find_dialog = FindReplaceDialog(self.editor, self)
            self._find_dialog.sig_message.connect(lambda message: self.statusBar().showMessage(message, 4000))
        return self._find_dialog

    def show_find(self, replace: bool = False) -> None:
        self.find_dialog.open_for(replace=replace)

    def go_to_line_dialog(self) -> None:
        line, _column = self.editor.cursor_line_column()
        total = self.editor.line_count()
        value, ok = QInputDialog.getInt(
            self, self.tr("Go to Line"), self.tr("Line (1–{total}):").format(total=total), line, 1, total
        )
        if ok:
            self.editor.go_to_line(value)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.editor.font(), self, self.tr("Manuscript Font"))
        if ok:
            size = font.pointSize() if font.pointSize() > 0 else self.editor.font_size()
            self._app.settings.set(font_family=font.family(), font_size=size)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Inkwell"),
            self.tr(
                "<h3>Inkwell {version}</h3><p>An offline writing assistant. Your manuscript "
                "and everything the models read stay on this computer.</p>"
            ).format(version=__version__),
        )

    # ------------------------------------------------------------------ closing
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.autosaver.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._shut_down:
            event.accept()
            return
        if not self.maybe_save():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self, keep_snapshot: bool = False) -> None:
        """Tear down without asking; *keep_snapshot* leaves unsaved text in the recovery folder."""
        if self._shut_down:
            return
        self._shut_down = True
        self.panel_context.stop_all()
        self._stop_loading()
        self.disk_watch.stop()
        for record in self._manuscript_records:
            record.flush()
        if keep_snapshot and self.editor.document().isModified():
            self.autosaver.snapshot(wait=True)
        else:
            self.autosaver.discard()
        if not keep_snapshot:
            self._forget_copy_of_replaced_text()
        self.autosaver.shutdown()
        if self._find_dialog is not None:
            self._find_dialog.close()
        self._remember_geometry()
        self.sig_closed.emit(self)
        # Gone for good: its connections to itself would otherwise keep it alive.
        self.deleteLater()


def _fingerprint(path: Path) -> FileFingerprint | None:
    try:
        return FileFingerprint.of(path)
    except OSError:
        return None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return first.resolve() == second.resolve()


def _western_encoding(path: Path) -> str:
    """Windows-1252 when it decodes the file, else Latin-1 (which decodes anything)."""
    try:
        path.read_bytes().decode("cp1252")
    except (UnicodeDecodeError, OSError):
        return "latin-1"
    return "cp1252"
