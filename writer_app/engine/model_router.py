"""One model provider for tasks: catalogue models on this computer, ``server:…`` models on servers."""

from __future__ import annotations

import threading
from typing import Callable

from writer_app.core.results import ModelInfo
from writer_app.core.servers import is_server_model
from writer_app.engine.local_models import LocalModels
from writer_app.engine.server_models import ServerModels


class ModelRouter:
    """Hands each model id to whoever serves it.

    *on_model_ready* hears of every local model loaded and of every use of a
    server's model (nothing loads for those; the status bar still follows a
    switch back to one).
    """

    def __init__(
        self,
        local: LocalModels,
        servers: ServerModels,
        on_model_ready: Callable[[ModelInfo], None] = lambda _info: None,
    ):
        self.local = local
        self.servers = servers
        self._on_model_ready = on_model_ready

    @property
    def config(self):
        return self.local.config

    def backend(self, model_id: str, *, stop: threading.Event, on_progress, speculative: bool = False):
        if not is_server_model(model_id):
            return self.local.backend(model_id, stop=stop, on_progress=on_progress, speculative=speculative)
        backend, load_s = self.servers.backend(model_id, stop=stop, on_progress=on_progress)
        server = backend.server.name
        self._on_model_ready(
            ModelInfo(model_id=model_id, name=backend.model, device=server, device_label=f"→ {server}", load_s=0.0)
        )
        return backend, load_s

    def configure(self, device=None, quantization=None, accepted_terms=None, servers=None):
        if servers is not None:
            self.servers.configure(servers)
        return self.local.configure(device, quantization, accepted_terms)

    def release(self) -> None:
        self.local.release()
        self.servers.release()
