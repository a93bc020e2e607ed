"""What a running task gets from whoever runs it: models as backends, a stop flag, and a way to report.

The service's worker builds one ``TaskContext`` per request; tests build them
with fake models. No Qt, no torch.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Protocol

from writer_app.core.errors import raise_if_stopped
from writer_app.core.requests import GenerationSettings
from writer_app.core.results import Progress
from writer_app.engine.backend import Backend, Prompt


class ModelProvider(Protocol):
    """Gives backends by model id (``engine.local_models.LocalModels`` for models on this computer)."""

    def backend(
        self,
        model_id: str,
        *,
        stop: threading.Event,
        on_progress: Callable[[str, float | None, str], None],
        speculative: bool = False,
    ) -> tuple[Backend, float]:
        """``(backend, seconds spent loading it)``; raises TaskFailed (or Stopped while loading)."""


class _EnoughOrStop(threading.Event):
    """Set when the reply is long enough, or when the request's own stop flag (Stop) is set."""

    def __init__(self, stop: threading.Event):
        super().__init__()
        self._stop = stop

    def is_set(self) -> bool:
        return super().is_set() or self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = 0.05 if deadline is None else min(0.05, deadline - time.monotonic())
            if left <= 0:
                return False
            self._stop.wait(left)
        return True


class TaskContext:
    def __init__(
        self,
        models: ModelProvider,
        stop: threading.Event | None = None,
        cache_dir: Path | None = None,
        on_token: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ):
        self.models = models
        self.stop = stop if stop is not None else threading.Event()
        self.cache_dir = cache_dir  # where tasks may keep caches (the Ask index)
        self._on_token = on_token
        self._on_progress = on_progress
        self.load_s = 0.0  # seconds this request spent loading models

    def backend(self, model_id: str, *, speculative: bool = False) -> Backend:
        """The model *model_id* as a backend, loading it if needed (progress is reported)."""
        backend, load_s = self.models.backend(
            model_id, stop=self.stop, on_progress=self.progress, speculative=speculative
        )
        self.load_s += load_s
        return backend

    def token(self, text: str) -> None:
        """Stream a piece of the reply to whoever asked."""
        if self._on_token is not None:
            self._on_token(text)

    def progress(self, stage: str, fraction: float | None, message: str) -> None:
        if self._on_progress is not None:
            self._on_progress(Progress(stage, None if fraction is None else float(fraction), message))

    def chat_with(
        self, backend: Backend, enough: Callable[[str], bool] | None = None
    ) -> Callable[[list[dict], GenerationSettings], str]:
        """Chat messages in, *backend*'s whole reply out, streamed meanwhile to whoever asked.

        With *enough*, the reply ends as soon as ``enough(reply so far)`` is
        true (no time is spent on words that would be thrown away); Stop still
        ends it at once.
        """

        def chat(messages: list[dict], settings: GenerationSettings) -> str:
            if enough is None:
                return backend.complete(Prompt.chat(messages), settings, self.stop, self.token).text
            ended = _EnoughOrStop(self.stop)
            pieces: list[str] = []

            def on_text(piece: str) -> None:
                self.token(piece)
                pieces.append(piece)
                if enough("".join(pieces)):
                    ended.set()

            return backend.complete(Prompt.chat(messages), settings, ended, on_text).text

        return chat

    def check_stop(self, partial: object = None) -> None:
        """Raise Stopped (carrying *partial*) if Stop was pressed."""
        raise_if_stopped(self.stop, partial)

    def run_info(self, backend: Backend) -> dict:
        """The fields every result of a writing model carries: which model, where, how long loading took."""
        return {
            "model_id": backend.model_id,
            "load_s": round(self.load_s, 3),
            "device": backend.runtime.device,
            "quant": backend.runtime.quant,
            "loglik_delta": backend.runtime.loglik_delta,
            "decode_step": backend.runtime.decode_step,
            "compiled_load_s": backend.runtime.compiled_load_s,
        }
