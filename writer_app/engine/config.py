"""What the engine needs to know about this installation. No torch, no Qt."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.engine.catalog import ModelCatalog
from writer_app.paths import AppPaths


@dataclass
class EngineConfig:
    paths: AppPaths
    catalog: ModelCatalog
    device: str = "auto"
    quantization: str = "auto"  # CPU weight precision: auto, int4, int8, fp16 or none
    prompt_reuse: bool = True  # keep each model's last KV cache for the next prompt's common prefix
    speculative: bool = True  # let a catalogue model's assistant draft tokens when it is installed
    memory_budget_mb: int = 0  # 0: half the machine's RAM
    accepted_terms: frozenset[str] = frozenset()

    @property
    def cache_dir(self) -> Path:
        return self.paths.cache_dir / "models"

    @property
    def quant_choices_file(self) -> Path:
        return self.cache_dir / "quantization.json"

    @property
    def hf_cache(self) -> Path:
        return self.paths.models_dir / "huggingface"

    @classmethod
    def from_paths(cls, paths: AppPaths, **options) -> "EngineConfig":
        return cls(paths=paths, catalog=ModelCatalog.load(paths.config_dir / "models.toml"), **options)


@dataclass
class StopRegistry:
    """One stop flag per request, created when the GUI submits it (so Stop works even before it starts).

    Background requests (indexing the manuscript) give way to everything else:
    ``preempt_background`` stops them, and ``was_preempted`` tells the worker
    to report them as preempted rather than stopped by the writer.
    """

    _events: dict[int, threading.Event] = field(default_factory=dict)
    _background: set[int] = field(default_factory=set)
    _preempted: set[int] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self, request_id: int, background: bool = False) -> threading.Event:
        with self._lock:
            if background:
                self._background.add(request_id)
            return self._events.setdefault(request_id, threading.Event())

    def preempt_background(self) -> None:
        with self._lock:
            events = [self._events[i] for i in self._background if i in self._events]
            self._preempted |= self._background
        for event in events:
            event.set()

    def was_preempted(self, request_id: int) -> bool:
        with self._lock:
            return request_id in self._preempted

    def stop(self, request_id: int) -> None:
        with self._lock:
            event = self._events.get(request_id)
        if event is not None:
            event.set()

    def stop_all(self) -> None:
        with self._lock:
            events = list(self._events.values())
        for event in events:
            event.set()

    def forget(self, request_id: int) -> None:
        with self._lock:
            self._events.pop(request_id, None)
            self._background.discard(request_id)
            self._preempted.discard(request_id)
