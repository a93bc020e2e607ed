"""Models on the servers a writer added: one ``openai`` client per server, a backend per model.

Nothing here opens a connection until a task asks for a server's model (or
the writer presses "Test connection"). The context length comes from the
writer's setting, else from what the server says of the model, else a
cautious default. No torch.
"""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from writer_app.core.errors import TaskFailed
from writer_app.core.servers import DEFAULT_CONTEXT_TOKENS, ServerConfig, parse_server_model_id

if TYPE_CHECKING:
    import openai

    from writer_app.engine.server_backend import ServerBackend, ServerFeatures

CONNECT_TIMEOUT_S = 10.0
# What servers call a model's context length in /v1/models (vLLM, LM Studio, llama.cpp, others).
_CONTEXT_KEYS = ("max_model_len", "context_length", "context_window", "max_context_length", "n_ctx")


@dataclass(frozen=True)
class ServerModel:
    """A model a server lists."""

    name: str
    context_tokens: int = 0  # 0: the server did not say
    owned_by: str = ""


class ServerModels:
    """Backends for ``server:<server>/<model>`` ids over *servers*."""

    def __init__(self, servers: Iterable[ServerConfig] = ()):
        self._servers = {server.name: server for server in servers}
        self._clients: dict[str, openai.OpenAI] = {}
        self._listed: dict[str, list[ServerModel]] = {}
        self._features: dict[str, ServerFeatures] = {}
        self._lock = threading.Lock()

    @property
    def servers(self) -> list[ServerConfig]:
        return list(self._servers.values())

    def configure(self, servers: Iterable[ServerConfig]) -> None:
        """Use *servers* from now on (clients of changed servers are made anew)."""
        with self._lock:
            new = {server.name: server for server in servers}
            for name in list(self._clients):
                if self._servers.get(name) != new.get(name):
                    self._forget(name)
            self._servers = new

    def backend(
        self,
        model_id: str,
        *,
        stop: threading.Event,
        on_progress: Callable[[str, float | None, str], None],
        speculative: bool = False,
    ) -> tuple[ServerBackend, float]:
        server_name, model = parse_server_model_id(model_id)
        server = self._servers.get(server_name)
        if server is None:
            raise TaskFailed(
                f"No server called “{server_name}” is set up. Add it in Models ▸ Servers… or choose another model.",
                kind="missing-model",
            )
        from writer_app.engine.server_backend import ServerBackend, ServerFeatures

        context = server.context_tokens or self._listed_context(server, model) or DEFAULT_CONTEXT_TOKENS
        features = self._features.setdefault(model_id, ServerFeatures())
        backend = ServerBackend(
            server,
            model,
            self._client(server),
            context,
            features,
            on_notice=lambda message: on_progress("server", None, message),
        )
        return backend, 0.0

    def list_models(self, server: ServerConfig) -> list[ServerModel]:
        """The models *server* offers (``/v1/models``); raises TaskFailed saying why it could not tell."""
        import openai

        from writer_app.engine.server_errors import server_failure

        try:
            page = self._client(server).models.list()
            models = [_server_model(item) for item in page]
        except openai.OpenAIError as exc:
            raise server_failure(exc, server.name) from exc
        with self._lock:
            self._listed[server.name] = models
        return models

    def release(self) -> None:
        with self._lock:
            for name in list(self._clients):
                self._forget(name)

    def _listed_context(self, server: ServerConfig, model: str) -> int:
        if server.name not in self._listed:
            try:
                self.list_models(server)
            except TaskFailed as exc:
                if exc.kind != "server-model":  # a server without /v1/models can still serve
                    raise
                self._listed[server.name] = []
        return next((m.context_tokens for m in self._listed[server.name] if m.name == model), 0)

    def _client(self, server: ServerConfig) -> openai.OpenAI:
        with self._lock:
            client = self._clients.get(server.name)
            if client is None:
                client = self._clients[server.name] = make_client(server)
            return client

    def _forget(self, name: str) -> None:
        client = self._clients.pop(name, None)
        self._listed.pop(name, None)
        for model_id in [key for key in self._features if parse_server_model_id(key)[0] == name]:
            del self._features[model_id]
        if client is not None:
            client.close()


def make_client(server: ServerConfig) -> openai.OpenAI:
    """An ``openai`` client for *server*: certificates always verified, our own retries only."""
    import openai

    http_client = None
    if server.ca_bundle:
        try:
            context = ssl.create_default_context(cafile=server.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise TaskFailed(
                f"The certificate file for {server.name} could not be read: {exc}", kind="server-tls"
            ) from exc
        http_client = openai.DefaultHttpxClient(verify=context)
    return openai.OpenAI(
        base_url=server.base_url,
        # Local servers take any key; the client insists on one.
        api_key=server.api_key or "no-key",
        timeout=openai.Timeout(server.timeout_s, connect=CONNECT_TIMEOUT_S),
        max_retries=0,  # ServerBackend retries rate limits itself, and says so
        http_client=http_client,
    )


def _server_model(item) -> ServerModel:
    data = item.model_dump() if hasattr(item, "model_dump") else dict(item)
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    context = 0
    for source in (data, meta):
        for key in _CONTEXT_KEYS:
            value = source.get(key)
            if isinstance(value, int) and value > 0:
                context = context or value
    if not context and isinstance(meta.get("n_ctx_train"), int):
        context = meta["n_ctx_train"]
    return ServerModel(name=str(data.get("id", "")), context_tokens=context, owned_by=str(data.get("owned_by") or ""))
