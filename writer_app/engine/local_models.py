"""The models on this computer: found, converted once, loaded within a memory budget, handed out as backends.

Created anywhere, used on one thread (the service's worker): torch and
transformers are imported there, the first time a model is needed, never
when this module is imported.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Callable

from writer_app.core.collector import collector_paused
from writer_app.core.errors import TaskFailed, raise_if_stopped
from writer_app.core.results import ConfigureResult, ModelInfo
from writer_app.engine.catalog import (
    CacheFolderError,
    ModelEntry,
    ModelUnavailable,
    availability,
    locate_model_files,
)
from writer_app.engine.config import EngineConfig
from writer_app.engine.hub_access import stay_offline

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, "float | None", str], None]  # stage, fraction (None: unknown), message


class LocalModels:
    """Hands out a ``LocalBackend`` per model id, loading (and converting) the model the first time.

    *on_model_ready* hears of every model loaded, for the status bar.
    """

    def __init__(self, config: EngineConfig, on_model_ready: Callable[[ModelInfo], None] = lambda _info: None):
        self.config = config
        self._on_model_ready = on_model_ready
        self._cache = None  # ModelCache, once the runtime is up
        self._device_plan = None
        self._device_note = ""
        self._loaded_for: tuple[str, str] | None = None  # (device, quantization) of the loaded models
        self._compiler = None  # compiled_step.StepCompiler, once the runtime is up

    def backend(self, model_id: str, *, stop: threading.Event, on_progress: ProgressFn, speculative: bool = False):
        """``(backend, seconds spent loading)`` for *model_id*; raises TaskFailed or Stopped.

        With *speculative*, a catalogue assistant (a small model of the same
        tokenizer) drafts tokens for it when it is installed.
        """
        entry = self._entry(model_id)
        loaded, load_s = self._load(entry, stop, on_progress)  # first: it opens torch's libraries without the GIL
        assistant = self._assistant(entry, stop, on_progress) if speculative else None
        from writer_app.engine.local_backend import LocalBackend

        return (
            LocalBackend(
                entry.name,
                loaded,
                instruct=entry.has_role("instruct"),
                assistant=assistant,
                on_out_of_memory=lambda: self._cache.remove(entry.id),
            ),
            load_s,
        )

    def configure(
        self, device: str | None = None, quantization: str | None = None, accepted_terms=None
    ) -> ConfigureResult:
        """Change settings between requests (None leaves one as it is); models loaded otherwise are unloaded."""
        config = self.config
        if accepted_terms is not None:
            config.accepted_terms = frozenset(accepted_terms)
        if device is not None:
            config.device = device
        if quantization is not None:
            config.quantization = quantization
        # The GUI may share this config object and have changed it already, so
        # compare with what the loaded models were loaded for, not with the config.
        if self._cache is not None and self._loaded_for != (config.device, config.quantization):
            self._cache.clear()
            self._cache = None  # the next request plans the device again
        return ConfigureResult(device=config.device, quantization=config.quantization)

    def release(self) -> None:
        """Free every model."""
        if self._cache is not None:
            self._cache.clear()

    # ------------------------------------------------------------------ loading
    def _entry(self, model_id: str) -> ModelEntry:
        try:
            return self.config.catalog.get(model_id)
        except ModelUnavailable as exc:
            raise TaskFailed(str(exc), kind="missing-model") from exc

    def _ensure_runtime(self) -> None:
        if self._cache is None:
            # Once: the imports make ~10^6 objects, and the collector's passes over them froze the window.
            with collector_paused():
                self._start_runtime()

    def _start_runtime(self) -> None:
        stay_offline()  # before transformers imports huggingface_hub, and again in case it already has
        from writer_app.engine.preload import preload_native_libraries

        preload_native_libraries()  # before the imports below: keeps the GUI responsive
        from transformers.utils import logging as hf_logging

        from writer_app.engine.devices import detect_device
        from writer_app.engine.loader import free_model
        from writer_app.engine.model_cache import ModelCache

        hf_logging.disable_progress_bar()  # progress goes to the request's handle, not stderr
        self._device_plan, self._device_note = detect_device(self.config.device)
        self._loaded_for = (self.config.device, self.config.quantization)
        budget_mb = self.config.memory_budget_mb or _default_budget_mb()
        self._cache = ModelCache(budget_mb * 2**20, on_evict=free_model)
        from writer_app.engine.compiled_step import StepCompiler

        self._compiler = StepCompiler(self.config.cache_dir)

    def _load(self, entry: ModelEntry, stop: threading.Event, progress: ProgressFn):
        """The loaded model for *entry*, converting and loading it if needed; returns (model, load seconds).

        Stop is honoured between every step (finding, converting, reading the
        files, quantising, the precision probe): the request ends as stopped
        and nothing half-loaded is kept.
        """
        self._ensure_runtime()
        raise_if_stopped(stop)
        self._compiler.poll()  # a decoding step compiled in the background since the last request
        cached = self._cache.get(entry.id)
        if cached is not None:
            return cached, 0.0
        if entry.needs_acceptance and entry.id not in self.config.accepted_terms:
            raise TaskFailed(
                f"{entry.name} comes with terms of use that must be accepted before first use.", kind="needs-acceptance"
            )
        started = time.perf_counter()
        try:
            files = locate_model_files(entry, self.config.cache_dir, self.config.hf_cache)
        except ModelUnavailable as exc:
            raise TaskFailed(str(exc), kind="missing-model") from exc
        except CacheFolderError as exc:
            raise TaskFailed(str(exc), kind="conversion") from exc
        folder = files.folder
        if files.gguf_path is not None:
            from writer_app.engine.gguf_conversion import ConversionError, ensure_converted

            try:
                folder = ensure_converted(files.gguf_path, self.config.cache_dir, progress=progress, stop_event=stop)
            except ConversionError as exc:
                raise TaskFailed(str(exc), kind="conversion") from exc
        from writer_app.engine.loader import ModelLoadError

        raise_if_stopped(stop)
        progress("loading", None, f"Loading {entry.name}…")
        notes = [self._device_note]
        try:
            loaded = self._load_folder(entry, folder, stop, progress)
        except ModelLoadError as exc:
            if files.gguf_path is None or not self._repair(entry, files.gguf_path, stop, progress):
                raise TaskFailed(str(exc), kind="load") from exc
            notes.append(f"{entry.name}'s prepared copy was damaged, so Inkwell prepared it again.")
            try:
                loaded = self._load_folder(entry, folder, stop, progress)
            except ModelLoadError as again:
                raise TaskFailed(str(again), kind="load") from again
        loaded.reuse_prompts = self.config.prompt_reuse
        self._cache.put(entry.id, loaded, loaded.bytes)
        self._compiler.attach(getattr(loaded.model, "decode_step", None), folder, entry.id, self.config.quantization)
        load_s = time.perf_counter() - started
        plan = self._device_plan
        self._on_model_ready(
            ModelInfo(
                model_id=entry.id,
                name=entry.name,
                device=plan.device,
                device_label=plan.label,
                load_s=round(load_s, 3),
                note=" ".join(note for note in notes if note),
                quant=loaded.quant.scheme if loaded.quant else None,
            )
        )
        return loaded, load_s

    def _load_folder(self, entry: ModelEntry, folder, stop: threading.Event, progress: ProgressFn):
        """load_model for *entry*'s folder; out of memory frees every model and becomes a TaskFailed."""
        from writer_app.engine.loader import OutOfMemory, load_model
        from writer_app.engine.quantization import QuantChoiceStore

        self._cache.make_room(_folder_bytes(folder))
        try:
            return load_model(
                entry.id,
                folder,
                _model_kind(entry),
                self._device_plan,
                fallback_context=entry.context_length,
                quantization=self.config.quantization,
                quant_store=QuantChoiceStore(self.config.quant_choices_file),
                on_probe=lambda: progress(
                    "measuring", None, f"Finding the fastest precision for {entry.name} on this computer…"
                ),
                stop=stop,
            )
        except OutOfMemory as exc:
            self._cache.clear()
            raise TaskFailed(str(exc), kind="out-of-memory") from exc

    def _repair(self, entry: ModelEntry, gguf_path, stop: threading.Event, progress: ProgressFn) -> bool:
        """After a converted copy failed to load: True if its files were damaged and it was converted again."""
        from writer_app.engine.gguf_conversion import ConversionError, repair_converted

        progress("checking", None, f"Checking {entry.name}'s prepared copy…")

        def report(stage: str, fraction, message: str) -> None:
            if stage != "done":  # the writer hears of the repair, not of a finished conversion
                progress("repairing", fraction, f"{entry.name}'s prepared copy was damaged; preparing it again…")

        try:
            return repair_converted(gguf_path, self.config.cache_dir, progress=report, stop_event=stop)
        except ConversionError as exc:
            raise TaskFailed(str(exc), kind="conversion") from exc

    def _assistant(self, entry: ModelEntry, stop: threading.Event, progress: ProgressFn):
        """The loaded draft model for *entry*, or None: it only ever speeds things up."""
        if not (self.config.speculative and entry.assistant and entry.assistant in self.config.catalog):
            return None
        helper = self.config.catalog.get(entry.assistant)
        if availability(helper, self.config.hf_cache) != "ready":
            return None
        try:
            loaded, _load_s = self._load(helper, stop, progress)
        except TaskFailed as exc:
            log.info("No assistant for %s: %s", entry.id, exc)
            return None
        return loaded


def _model_kind(entry: ModelEntry) -> str:
    """How to load a catalogue entry (a key of loader.AUTO_CLASSES)."""
    if entry.has_role("summarise"):
        return "seq2seq"
    if entry.has_role("qa"):
        return "qa"
    if entry.has_role("embed"):
        return "encoder"
    return "causal"


def _folder_bytes(folder) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.safetensors"))


def _default_budget_mb() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20 / 2)
    except (ValueError, OSError, AttributeError):
        return 4096
