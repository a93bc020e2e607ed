"""The inference worker: a QObject living on the engine's QThread.

Every request ends with exactly one terminal signal: finished, stopped or
failed. Exceptions never escape: they become ``sig_failed`` and the thread
keeps serving. torch and transformers are imported here, on the engine
thread, the first time a request needs them.
"""

from __future__ import annotations

import logging
import os
import time
import traceback

from PySide6.QtCore import QObject, Signal, Slot

from writer_app.engine.catalog import ModelEntry, ModelUnavailable, locate_model_files
from writer_app.engine.config import EngineConfig, StopRegistry
from writer_app.engine.requests import (
    AlternativesRequest,
    AskRequest,
    IndexRequest,
    SummariseRequest,
    ConfigureRequest,
    ContinueRequest,
    EmbedRequest,
    EngineRequest,
    LoadModelRequest,
)

log = logging.getLogger(__name__)

# Progress fraction for stages of unknown length.
INDETERMINATE = -1.0
# Passages embedded between stop checks when indexing.
FOREGROUND_BATCH = 64
BACKGROUND_BATCH = 8


class EngineError(Exception):
    """A failure the writer can understand; ``kind`` lets the GUI offer a way out."""

    def __init__(self, message: str, kind: str = "error", details: str = ""):
        super().__init__(message)
        self.kind = kind
        self.details = details


class RequestStopped(Exception):
    pass


class InferenceWorker(QObject):
    sig_token = Signal(int, str)  # request id, text
    sig_progress = Signal(int, str, float, str)  # request id, stage, fraction or -1, message
    sig_finished = Signal(int, object)  # request id, result dict
    sig_stopped = Signal(int, object)  # request id, partial result dict
    sig_failed = Signal(int, str, object)  # request id, message, {"kind": ..., "details": ...}
    sig_model_ready = Signal(str, object)  # model id, info dict

    def __init__(self, config: EngineConfig, stops: StopRegistry):
        super().__init__()
        self.config = config
        self._stops = stops
        self._cache = None
        self._device_plan = None
        self._device_note = ""
        self._loaded_for: tuple[str, str] | None = None  # (device, quantization) of the loaded models

    # ------------------------------------------------------------------ dispatch
    @Slot(object)
    def handle(self, request: EngineRequest) -> None:
        request_id = request.request_id
        stop = self._stops.create(request_id)
        try:
            if stop.is_set():
                raise RequestStopped()
            result = self._dispatch(request, stop)
        except RequestStopped:
            self.sig_stopped.emit(request_id, {"text": "", "preempted": self._stops.was_preempted(request_id)})
        except EngineError as exc:
            details = exc.details or (traceback.format_exc() if exc.__cause__ else "")
            self.sig_failed.emit(request_id, str(exc), {"kind": exc.kind, "details": details})
        except Exception as exc:  # the worker must survive anything
            log.exception("Request %s failed", request_id)
            self.sig_failed.emit(request_id, f"Something went wrong: {exc}", {"kind": "error", "details": traceback.format_exc()})
        else:
            if result.get("stopped"):
                self.sig_stopped.emit(request_id, result)
            else:
                self.sig_finished.emit(request_id, result)
        finally:
            self._stops.forget(request_id)

    def _dispatch(self, request: EngineRequest, stop) -> dict:
        if isinstance(request, ConfigureRequest):
            return self._configure(request)
        if isinstance(request, LoadModelRequest):
            entry = self.config.catalog.get(request.model_id)
            loaded, load_s = self._model(entry, _model_kind(entry), request.request_id, stop)
            return {"model_id": entry.id, "load_s": round(load_s, 3), "device": loaded.plan.device}
        if isinstance(request, (ContinueRequest, AlternativesRequest)):
            return self._continue(request, stop)
        if isinstance(request, EmbedRequest):
            return self._embed(request, stop)
        if isinstance(request, IndexRequest):
            # Small batches in the background: a preempted index stops within a second or so.
            batch = BACKGROUND_BATCH if request.background else FOREGROUND_BATCH
            index = self._index(request.request_id, request.embed_model_id, request.text, stop, batch)
            return {"passages": len(index), "embedded_now": index.embedded_now, "reused": index.reused}
        if isinstance(request, AskRequest):
            return self._ask(request, stop)
        if isinstance(request, SummariseRequest):
            return self._summarise(request, stop)
        raise EngineError(f"Unknown request {type(request).__name__}")

    # ------------------------------------------------------------------ models
    def _ensure_runtime(self) -> None:
        if self._cache is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from writer_app.engine.preload import preload_native_libraries

        preload_native_libraries()  # before the import below: keeps the GUI responsive
        from transformers.utils import logging as hf_logging

        from writer_app.engine.devices import detect_device
        from writer_app.engine.loader import free_model
        from writer_app.engine.model_cache import ModelCache

        hf_logging.disable_progress_bar()  # progress goes to sig_progress, not stderr
        self._device_plan, self._device_note = detect_device(self.config.device)
        self._loaded_for = (self.config.device, self.config.quantization)
        budget_mb = self.config.memory_budget_mb or _default_budget_mb()
        self._cache = ModelCache(budget_mb * 2**20, on_evict=free_model)

    def _model(self, entry: ModelEntry, kind: str, request_id: int, stop):
        """The loaded model for *entry*, converting and loading it if needed; returns (model, load seconds)."""
        self._ensure_runtime()
        cached = self._cache.get(entry.id)
        if cached is not None:
            return cached, 0.0
        if entry.needs_acceptance and entry.id not in self.config.accepted_terms:
            raise EngineError(
                f"{entry.name} comes with terms of use that must be accepted before first use.",
                kind="needs-acceptance",
            )
        started = time.perf_counter()
        progress = self._progress_callback(request_id, stop)
        try:
            files = locate_model_files(entry, self.config.cache_dir, self.config.hf_cache)
        except ModelUnavailable as exc:
            raise EngineError(str(exc), kind="missing-model") from exc
        folder = files.folder
        if files.gguf_path is not None:
            from writer_app.engine.gguf_conversion import ConversionCancelled, ConversionError, ensure_converted

            try:
                folder = ensure_converted(files.gguf_path, self.config.cache_dir, progress=progress, stop_event=stop)
            except ConversionCancelled as exc:
                raise RequestStopped() from exc
            except ConversionError as exc:
                raise EngineError(str(exc), kind="conversion") from exc
        from writer_app.engine.loader import ModelLoadError, OutOfMemory, load_model
        from writer_app.engine.quantization import QuantChoiceStore

        progress("loading", None, f"Loading {entry.name}…")
        plan = self._device_plan
        self._cache.make_room(_folder_bytes(folder))
        try:
            loaded = load_model(
                entry.id,
                folder,
                kind,
                plan,
                fallback_context=entry.context_length,
                quantization=self.config.quantization,
                quant_store=QuantChoiceStore(self.config.quant_choices_file),
                on_probe=lambda: progress("measuring", None, f"Finding the fastest precision for {entry.name} on this computer…"),
            )
        except OutOfMemory as exc:
            self._cache.clear()
            raise EngineError(str(exc), kind="out-of-memory") from exc
        except ModelLoadError as exc:
            raise EngineError(str(exc), kind="load") from exc
        loaded.reuse_prompts = self.config.prompt_reuse
        self._cache.put(entry.id, loaded, loaded.bytes)
        load_s = time.perf_counter() - started
        self.sig_model_ready.emit(
            entry.id,
            {
                "name": entry.name,
                "device": plan.device,
                "device_label": plan.label,
                "load_s": round(load_s, 3),
                "note": self._device_note,
                "quant": loaded.quant.scheme if loaded.quant else None,
            },
        )
        return loaded, load_s

    def _configure(self, request: ConfigureRequest) -> dict:
        if request.accepted_terms is not None:
            self.config.accepted_terms = frozenset(request.accepted_terms)
        if request.device is not None:
            self.config.device = request.device
        if request.quantization is not None:
            self.config.quantization = request.quantization
        # The GUI may share this config object and have changed it already, so
        # compare with what the loaded models were loaded for, not with the config.
        if self._cache is not None and self._loaded_for != (self.config.device, self.config.quantization):
            # Models loaded for the old device or precision are unloaded; the next request reloads.
            self._cache.clear()
            self._cache = None
        return {"device": self.config.device, "quantization": self.config.quantization}

    def _progress_callback(self, request_id: int, stop):
        def report(stage: str, fraction: float | None, message: str) -> None:
            self.sig_progress.emit(request_id, stage, INDETERMINATE if fraction is None else float(fraction), message)

        return report

    def release(self) -> None:
        """Free every model (called after the thread has stopped)."""
        if self._cache is not None:
            self._cache.clear()

    # ------------------------------------------------------------------ tasks
    def _continue(self, request: ContinueRequest | AlternativesRequest, stop) -> dict:
        entry = self.config.catalog.get(request.model_id)
        if not entry.has_role("continue"):
            raise EngineError(f"{entry.name} cannot continue text.")
        loaded, load_s = self._model(entry, "causal", request.request_id, stop)
        if stop.is_set():
            raise RequestStopped()
        from writer_app.engine.loader import OutOfMemory
        from writer_app.tasks.continuation import continue_alternatives, continue_text

        use_chat = entry.has_role("instruct") and loaded.has_chat_template
        try:
            if isinstance(request, AlternativesRequest):
                self.sig_progress.emit(request.request_id, "writing", INDETERMINATE, f"Writing {request.count} alternatives…")
                result = continue_alternatives(loaded, request.text, request.notes, request.settings, use_chat, request.count, stop)
            else:
                result = continue_text(
                    loaded,
                    request.text,
                    request.notes,
                    request.settings,
                    use_chat,
                    stop,
                    lambda text: self.sig_token.emit(request.request_id, text),
                    assistant=self._assistant(entry, request.request_id, stop),
                )
        except OutOfMemory as exc:
            self._cache.remove(entry.id)
            raise EngineError(str(exc), kind="out-of-memory") from exc
        result.update(
            model_id=entry.id,
            load_s=round(load_s, 3),
            device=loaded.plan.device,
            quant=loaded.quant.scheme if loaded.quant else "none",
            loglik_delta=loaded.quant.loglik_delta if loaded.quant else None,
        )
        return result

    def _assistant(self, entry: ModelEntry, request_id: int, stop):
        """The loaded draft model for *entry* (speculative decoding), or None: it only ever speeds things up."""
        from writer_app.engine.catalog import availability

        if not (self.config.speculative and entry.assistant and entry.assistant in self.config.catalog):
            return None
        helper = self.config.catalog.get(entry.assistant)
        if availability(helper, self.config.hf_cache) != "ready":
            return None
        try:
            loaded, _load_s = self._model(helper, "causal", request_id, stop)
        except EngineError as exc:
            log.info("No assistant for %s: %s", entry.id, exc)
            return None
        return loaded

    # ------------------------------------------------------------------ reading tasks
    def _embed_fn(self, embed_model_id: str, request_id: int, stop):
        """An EmbedFn over the embedding model: unit vectors as a numpy array."""
        from writer_app.tasks.embedding import EmbeddingStopped, embed_texts
        from writer_app.tasks.errors import TaskStopped

        loaded, _load_s = self._model(self.config.catalog.get(embed_model_id), "encoder", request_id, stop)

        def embed(texts: list[str]):
            try:
                return embed_texts(loaded, list(texts), stop_event=stop).numpy()
            except EmbeddingStopped as exc:
                raise TaskStopped() from exc

        return embed

    def _chat_fn(self, entry: ModelEntry, request_id: int, stop):
        """A ChatFn over an instruct model: messages in, the streamed reply's text out."""
        from writer_app.engine.generation import generate_stream
        from writer_app.tasks.errors import TaskStopped

        loaded, _load_s = self._model(entry, "causal", request_id, stop)
        if not loaded.has_chat_template:
            raise EngineError(f"{entry.name} is not an instruct model; choose one that can follow instructions.")

        def chat(messages: list[dict], settings) -> str:
            prompt = loaded.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            ids = loaded.tokenizer(prompt, add_special_tokens=False, return_tensors="pt")["input_ids"]
            outcome = generate_stream(loaded, ids, settings, stop, lambda text: self.sig_token.emit(request_id, text))
            if outcome.stopped:
                raise TaskStopped()
            return outcome.text

        return chat

    def _index(self, request_id: int, embed_model_id: str, text: str, stop, batch: int = FOREGROUND_BATCH):
        """The manuscript's passage index; unchanged passages come from the on-disk cache."""
        from writer_app.core.passages import split_passages
        from writer_app.tasks.errors import TaskStopped
        from writer_app.tasks.retrieval import PassageIndex

        embed = self._embed_fn(embed_model_id, request_id, stop)
        passages = split_passages(text)

        def progress(fraction: float) -> None:
            self.sig_progress.emit(request_id, "indexing", fraction, f"Reading your manuscript… {fraction:.0%}")

        try:
            return PassageIndex.build(passages, embed, self.config.cache_dir, embed_model_id, on_progress=progress, stop_event=stop, batch=batch)
        except TaskStopped as exc:
            raise RequestStopped() from exc

    def _ask(self, request: AskRequest, stop) -> dict:
        from writer_app.tasks.ask import answer_question, extractive_answer
        from writer_app.tasks.errors import TaskStopped

        entry = self.config.catalog.get(request.model_id)
        index = self._index(request.request_id, request.embed_model_id, request.text, stop)
        embed = self._embed_fn(request.embed_model_id, request.request_id, stop)
        self.sig_progress.emit(request.request_id, "answering", INDETERMINATE, "Looking for the answer…")
        try:
            if entry.has_role("qa"):
                loaded, _ = self._model(entry, "qa", request.request_id, stop)
                query = embed([request.question])[0]
                hits = index.search(query, request.top_k, query_text=request.question)
                result = extractive_answer(request.question, [passage for passage, _score in hits], loaded.model, loaded.tokenizer)
            else:
                chat = self._chat_fn(entry, request.request_id, stop)
                result = answer_question(request.question, index, embed, chat, request.settings, top_k=request.top_k)
        except TaskStopped as exc:
            raise RequestStopped() from exc
        result.update(model_id=entry.id, question=request.question, passages=len(index), embedded_now=index.embedded_now)
        return result

    def _summarise(self, request: SummariseRequest, stop) -> dict:
        from writer_app.tasks.errors import TaskStopped
        from writer_app.tasks.summarise import summarise

        entry = self.config.catalog.get(request.model_id)
        embed = self._embed_fn(request.embed_model_id, request.request_id, stop)
        chat = seq2seq = None
        if request.mode == "abstractive":
            if entry.has_role("summarise"):
                from writer_app.tasks.seq2seq import seq2seq_generate

                loaded, _ = self._model(entry, "seq2seq", request.request_id, stop)

                def write_summary(text: str, max_new_tokens: int) -> str:
                    return seq2seq_generate(loaded.model, loaded.tokenizer, text, max_new_tokens, stop)

                seq2seq = write_summary
            else:
                chat = self._chat_fn(entry, request.request_id, stop)

        def progress(done: int, total: int, message: str) -> None:
            self.sig_progress.emit(request.request_id, "summarising", done / max(1, total), message)

        end = len(request.text) if request.end is None else request.end
        try:
            result = summarise(
                request.text,
                request.start,
                end,
                request.length,
                request.mode,
                embed=embed,
                chat=chat,
                seq2seq=seq2seq,
                settings=request.settings,
                stop_event=stop,
                on_progress=progress,
            )
        except TaskStopped as exc:
            raise RequestStopped() from exc
        result.update(model_id=entry.id if request.mode == "abstractive" else request.embed_model_id)
        return result

    def _embed(self, request: EmbedRequest, stop) -> dict:
        entry = self.config.catalog.get(request.model_id)
        loaded, load_s = self._model(entry, "encoder", request.request_id, stop)
        from writer_app.tasks.embedding import EmbeddingStopped, embed_texts

        def progress(fraction: float) -> None:
            self.sig_progress.emit(request.request_id, "embedding", fraction, "Reading your text…")

        try:
            vectors = embed_texts(loaded, list(request.texts), stop_event=stop, on_progress=progress)
        except EmbeddingStopped as exc:
            raise RequestStopped() from exc
        return {"vectors": vectors.numpy(), "model_id": entry.id, "load_s": round(load_s, 3)}


def _model_kind(entry: ModelEntry) -> str:
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
