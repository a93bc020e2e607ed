"""The application controller: settings, windows, theme and crash recovery."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from writer_app.core.recovery import (
    RecoverySession,
    forget_recovered,
    load_recovered_documents,
    remove_empty_orphans,
)
from writer_app.core.settings import SettingsStore
from writer_app.core.story_notes import StoryNotesStore
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
        try:
            self.recovery = RecoverySession(paths.recovery_dir)
        except OSError as exc:
            # Keep working: recovery copies go to the temp folder this time.
            fallback = Path(tempfile.gettempdir()) / "inkwell-recovery"
            self.recovery = RecoverySession(fallback)
            self.startup_warnings.append(
                self.tr(
                    "The recovery folder {folder} is not writable ({reason}); recovery copies go to {fallback} for now."
                ).format(folder=paths.recovery_dir, reason=exc.strerror or exc, fallback=fallback)
            )
        self.windows: list[MainWindow] = []
        self.models = ModelHub(self.settings, paths, self)
        self.story_notes = StoryNotesStore(paths.data_dir / "story-notes")
        self._clean_exit = False
        self.theme = apply_theme(qapp, self.settings.theme)
        qapp.styleHints().colorSchemeChanged.connect(self._on_system_color_scheme_changed)
        qapp.applicationStateChanged.connect(self._on_application_state_changed)
        qapp.aboutToQuit.connect(self._on_about_to_quit)
        # macOS hands files opened from the Finder or the Dock to a running app as events, not arguments.
        qapp.installEventFilter(self)

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
        try:
            documents = load_recovered_documents(self.paths.recovery_dir)
        except OSError as exc:
            log.warning("Could not look for recovered documents: %s", exc)
            documents = []
        if not documents:
            remove_empty_orphans(self.paths.recovery_dir)
            return "none"
        dialog = RecoveryDialog(documents, parent)
        dialog.exec()
        if dialog.choice == "restore":
            chosen = dialog.selected()
            for document in documents:
                if document not in chosen:
                    forget_recovered(document)
            for document in chosen:
                target = parent if parent.is_pristine() else self.new_window_shown()
                target.restore_document(document)
        elif dialog.choice == "discard":
            for document in documents:
                forget_recovered(document)
        return dialog.choice

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
        self.models.shutdown()
        self.settings.save()
        if any(self.recovery.folder.glob("*.json")):
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
