"""The application controller: settings, windows, theme and crash recovery."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from writer_app.core.codex_store import CodexStore
from writer_app.core.goals import GoalStore
from writer_app.core.history import HistoryStore
from writer_app.core.lens_store import LensStore
from writer_app.core.recovery import (
    RecoverySession,
    forget_recovered,
    load_recovered_documents,
    remove_empty_orphans,
)
from writer_app.core.settings import SettingsStore
from writer_app.core.story_notes import StoryNotesStore
from writer_app.core.textfile import describe_os_error
from writer_app.documents.options import ExportOptionsStore
from writer_app.gui.app_settings import AppSettings
from writer_app.gui.main_window import MainWindow
from writer_app.gui.models.hub import ModelHub
from writer_app.gui.recovery_dialog import RecoveryDialog
from writer_app.gui.theme import apply_theme
from writer_app.paths import AppPaths

log = logging.getLogger(__name__)


class InkwellApplication(QObject):
    """Owns everything that outlives one window."""

    def __init__(self, qapp: QApplication, paths: AppPaths):
        super().__init__(qapp)
        self.qapp = qapp
        self.paths = paths
        self.settings = AppSettings(SettingsStore(paths.settings_file), self)
        self.settings.sig_changed.connect(self._on_setting_changed)
        self.startup_warnings: list[str] = []
        # Crashed sessions may have left copies in either folder.
        self.recovery_roots = [paths.recovery_dir, paths.recovery_fallback_dir]
        self.recovery: RecoverySession | None = self._open_recovery_session()
        self.windows: list[MainWindow] = []
        self.models = ModelHub(self.settings, paths, self)
        self.story_notes = StoryNotesStore(paths.data_dir / "story-notes")
        self.codex = CodexStore(paths.data_dir / "codex")
        self.history = HistoryStore(paths.data_dir / "history")
        self.lenses = LensStore(paths.data_dir / "lenses")
        self.exports = ExportOptionsStore(paths.data_dir / "exports")
        self.goals = GoalStore(paths.data_dir / "goals")
        self._clean_exit = False
        self.models_shutdown_ms = 30000  # the app lowers this; tests keep waiting for the worker
        self.models_left_running = False
        self.theme = apply_theme(qapp, self.settings.theme)
        qapp.styleHints().colorSchemeChanged.connect(self._on_system_color_scheme_changed)
        qapp.applicationStateChanged.connect(self._on_application_state_changed)
        qapp.aboutToQuit.connect(self._on_about_to_quit)
        # macOS hands files opened from the Finder or the Dock to a running app as events, not arguments.
        qapp.installEventFilter(self)

    def _open_recovery_session(self) -> RecoverySession | None:
        """This run's recovery session: in the recovery folder, else in the private temp fallback, else none."""
        folder, fallback = self.recovery_roots
        # Any failure, even an unexpected one, leaves the writer with a working window.
        try:
            return RecoverySession(folder)
        except Exception as exc:
            log.warning("Cannot use the recovery folder %s: %r", folder, exc)
            reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        try:
            session = RecoverySession(fallback)
        except Exception as exc:
            log.warning("Cannot use the fallback recovery folder %s either: %r", fallback, exc)
            self.startup_warnings.append(
                self.tr(
                    "Recovery copies are off: Inkwell could not create its recovery folder {folder}. {reason} "
                    "Save your work often."
                ).format(folder=folder, reason=reason)
            )
            return None
        self.startup_warnings.append(
            self.tr(
                "The recovery folder {folder} cannot be used. {reason} Recovery copies are kept in {fallback} for now."
            ).format(folder=folder, reason=reason, fallback=fallback)
        )
        return session

    # ------------------------------------------------------------------ windows
    def new_window(self) -> MainWindow:
        window = MainWindow(self)
        window.sig_closed.connect(self._on_window_closed)
        self.windows.append(window)
        return window

    def new_window_shown(self) -> MainWindow:
        window = self.new_window()
        window.show()
        return window

    def start(
        self, files: list[str] | None = None, offer_recovery: bool = True, start_engine: bool = True
    ) -> MainWindow:
        """Show the first window at once; recovery, files and the engine follow after the first paint."""
        window = self.new_window_shown()
        QTimer.singleShot(0, lambda: self._after_first_paint(window, files or [], offer_recovery, start_engine))
        return window

    def _after_first_paint(
        self, window: MainWindow, files: list[str], offer_recovery: bool, start_engine: bool
    ) -> None:
        if start_engine:
            self.models.start()
        for warning in self.startup_warnings:
            window.statusBar().showMessage(warning, 20000)
        if offer_recovery:
            self.offer_recovery(window)
        for path in files:
            self.open_in_window(path)

    def open_in_window(self, path: str) -> None:
        """Open *path* in the empty first window if there is one, else in a new window."""
        pristine = [window for window in self.windows if window.is_pristine()]
        target = pristine[0] if pristine else self.new_window_shown()
        target.open_path(path, ask=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qapp and event.type() == QEvent.Type.FileOpen and event.file():
            self.open_in_window(event.file())
            return True
        return False

    def offer_recovery(self, parent: MainWindow) -> str:
        """Offer what crashed sessions left; "none", or the dialog's choice.

        Restored documents are forgotten by their window once this session
        holds a copy; unticked ones stay for the next start. Only "discard"
        (which the dialog has the writer confirm) deletes them.
        """
        documents = []
        for root in self.recovery_roots:
            try:
                documents += load_recovered_documents(root)
            except OSError as exc:
                log.warning("Could not look for recovered documents in %s: %s", root, exc)
        if not documents:
            self._remove_empty_orphans()
            return "none"
        documents.sort(key=lambda document: document.saved_at, reverse=True)
        dialog = RecoveryDialog(documents, parent)
        dialog.exec()
        if dialog.choice == "restore":
            for document in dialog.selected():
                target = parent if parent.is_pristine() else self.new_window_shown()
                target.restore_document(document)
        elif dialog.choice == "discard":
            for document in documents:
                forget_recovered(document)
        return dialog.choice

    def _remove_empty_orphans(self) -> None:
        for root in self.recovery_roots:
            try:
                remove_empty_orphans(root)
            except OSError as exc:
                log.warning("Could not tidy the recovery folder %s: %s", root, exc)

    def _on_window_closed(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def quit(self) -> None:
        """Close every window (each may ask about unsaved changes); quit when all closed."""
        for window in list(self.windows):
            if not window.close():
                return
        self.qapp.quit()

    def shutdown(self) -> None:
        """Close everything without asking; unsaved text stays in the recovery folder.

        The controller is finished afterwards: it stops filtering the
        application's events and is deleted with the next turn of the event loop.
        """
        for window in list(self.windows):
            window.shutdown(keep_snapshot=True)
        self.windows.clear()
        self._finish_session()
        self.qapp.removeEventFilter(self)
        self.deleteLater()

    def _on_about_to_quit(self) -> None:
        if self.windows:
            # Quit with windows still open (e.g. the system ends the session):
            # keep their unsaved text for recovery.
            self.shutdown()
        else:
            self._finish_session()

    def _finish_session(self) -> None:
        if self._clean_exit:
            return
        self._clean_exit = True
        # A model call that cannot be interrupted (one from_pretrained) may outlast the wait: everything the
        # writer has is saved below regardless, and the process then ends without waiting for it.
        self.models_left_running = not self.models.shutdown(self.models_shutdown_ms)
        self.settings.save()
        if self.recovery is None or self.recovery.has_snapshots():
            return  # leave the session folder for the next start to offer back
        self.recovery.close()

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            for window in self.windows:
                window.autosaver.flush()

    # ------------------------------------------------------------------ settings
    def _on_setting_changed(self, key: str, value) -> None:
        # Windows follow the view settings themselves; the theme belongs to the whole application.
        if key == "theme":
            self.theme = apply_theme(self.qapp, value)

    def _on_system_color_scheme_changed(self, _scheme) -> None:
        if self.settings.theme == "system":
            self.theme = apply_theme(self.qapp, "system")
