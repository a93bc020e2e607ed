"""The Models menu: the writing model, the models Summarise and Ask use, where and how precisely models run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from writer_app.core.servers import is_server_model
from writer_app.gui.app_settings import AppSettings
from writer_app.gui.dialogs import show_error
from writer_app.gui.models.hub import TASK_MODEL_KEYS, ModelHub


class ModelsMenu(QMenu):
    """Filled afresh each time it opens, so what it shows (installed, chosen) is never stale."""

    def __init__(self, hub: ModelHub, settings: AppSettings, parent: QWidget):
        super().__init__(parent)
        self.setTitle(self.tr("&Models"))
        self._hub = hub
        self._settings = settings
        self._window = parent
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        hub, settings = self._hub, self._settings
        self.clear()
        if hub.catalog.problems:
            self.addAction(
                self.tr("⚠ %n Mistake(s) in models.toml…", "", len(hub.catalog.problems)), self.show_catalog_problems
            )
        self.addSection(self.tr("Writing model"))
        self._add_model_choices(hub.catalog.with_role("continue"), settings.continue_model, hub.choose_model)
        self.addAction(self.tr("Add a Model &Folder…"), self.add_model_folder_dialog)
        # Distilled task models do one job: a summariser only summarises, a QA model only answers.
        for task, role, title in (
            ("summarise", "summarise", self.tr("Summarise with")),
            ("ask", "qa", self.tr("Answer questions with")),
        ):
            self.addSection(title)
            entries = [e for e in hub.catalog if e.has_role("instruct") or e.has_role(role)]

            def choose(model_id, parent, task=task):
                return hub.choose_task_model(task, model_id, parent)

            self._add_model_choices(entries, getattr(settings, TASK_MODEL_KEYS[task]), choose)
        # Where and how models run: submenus, so the menu fits a laptop screen.
        self.addSeparator()
        self.addAction(self.tr("&Get Models…"), self.get_models_dialog)
        self.addAction(self.tr("&Servers…"), self.servers_dialog)
        devices = (
            ("auto", self.tr("Best available")),
            ("cpu", self.tr("CPU")),
            ("cuda", self.tr("NVIDIA GPU (CUDA)")),
            ("mps", self.tr("Apple GPU")),
        )
        self._add_choice_submenu(
            self.tr("Run Models &On"), devices, settings.device, lambda key: settings.set(device=key)
        )
        precisions = (
            ("auto", self.tr("Fastest for This Computer")),
            ("int4", self.tr("4-bit (smallest)")),
            ("int8", self.tr("8-bit")),
            ("fp16", self.tr("16-bit")),
            ("none", self.tr("Full Precision (slowest)")),
        )
        submenu = self._add_choice_submenu(
            self.tr("&Precision on the CPU"),
            precisions,
            settings.quantization,
            lambda key: settings.set(quantization=key),
        )
        submenu.setToolTipsVisible(True)
        submenu.actions()[0].setToolTip(
            self.tr("Measured once per model on this computer, never below the quality guard")
        )

    def _add_choice_submenu(self, title: str, choices, current: str, choose) -> QMenu:
        """A submenu of checkable, exclusive choices; *choose(key)* is called with the one picked."""
        submenu = self.addMenu(title)
        group = QActionGroup(submenu)
        for key, label in choices:
            action = QAction(label, group, checkable=True)
            action.setChecked(current == key)
            action.setData(key)
            action.triggered.connect(lambda _checked=False, key=key: choose(key))
            submenu.addAction(action)
        return submenu

    def _add_model_choices(self, entries, current: str, choose) -> None:
        """One checkable action per model; *choose(model_id, parent)* is called when the writer picks one.

        A server's model, when it is the current choice, is listed too.
        """
        server_entry = self._hub.server_entry(current) if is_server_model(current) else None
        entries = [*entries, server_entry] if server_entry else entries
        group = QActionGroup(self)
        for entry in entries:
            state = self._hub.availability(entry)
            label = entry.name if state == "ready" else self.tr("{name} ({state})").format(name=entry.name, state=state)
            action = QAction(label, group, checkable=True)
            action.setChecked(entry.id == current)
            action.setData(entry.id)
            action.setStatusTip(f"{entry.licence} · {entry.size_mb:,} MB · {entry.hardware}")
            action.triggered.connect(lambda _checked=False, model_id=entry.id: choose(model_id, self._window))
            self.addAction(action)

    def show_catalog_problems(self) -> None:
        show_error(self._window, self.tr("Your models.toml"), self._hub.catalog_problems_text())

    def get_models_dialog(self) -> None:
        from writer_app.gui.models.get_models_dialog import GetModelsDialog

        GetModelsDialog(self._hub, self._settings, self._window).exec()

    def servers_dialog(self) -> None:
        from writer_app.gui.models.servers_dialog import ServersDialog

        ServersDialog(self._hub, self._settings, self._window).exec()

    def add_model_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Choose a Hugging Face model folder"), str(Path.home())
        )
        if folder:
            self._hub.add_model_folder(Path(folder), self._window)
