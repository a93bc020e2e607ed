"""Model servers a writer added (OpenAI-compatible HTTP APIs), and the model ids that name their models.

A server's model is named ``server:<server name>/<model name>`` wherever a
catalogue id may stand (settings, requests), so tasks need not know where a
model runs. API keys never live here: the settings keep a server's name and
address; the key comes from the system keyring or an environment variable.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field, fields
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

PREFIX = "server:"
# When the server does not say and the writer did not set it: the context
# llama.cpp's server and Ollama give a model unless told otherwise.
DEFAULT_CONTEXT_TOKENS = 2048
_NAME = re.compile(r"^[^/\s][^/]{0,63}$")


@dataclass(frozen=True)
class ServerConfig:
    """One server: how to reach it. *api_key* is filled at run time, never saved with the rest."""

    name: str
    base_url: str
    api_key: str = field(default="", repr=False)
    context_tokens: int = 0  # 0: ask the server, else DEFAULT_CONTEXT_TOKENS
    timeout_s: float = 60.0  # the longest wait for the next piece of a reply
    ca_bundle: str = ""  # a certificate file for servers signed by a private authority

    def __post_init__(self) -> None:
        if not _NAME.match(self.name or ""):
            raise ValueError("A server's name must be 1–64 characters, without a slash.")
        object.__setattr__(self, "base_url", normalise_base_url(self.base_url))
        if self.context_tokens < 0 or self.timeout_s <= 0:
            raise ValueError("context_tokens must be ≥ 0 and timeout_s > 0")

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def is_loopback(self) -> bool:
        """Whether the server runs on this computer (text sent to it stays here)."""
        host = urlsplit(self.base_url).hostname or ""
        return host in ("localhost", "::1") or host.startswith("127.")


def server_to_dict(server: ServerConfig) -> dict:
    """What the settings keep of *server*: everything but its key."""
    data = asdict(server)
    del data["api_key"]
    return data


def servers_from_dicts(items: list) -> list[ServerConfig]:
    """The servers a settings file lists, leaving out (and logging) any that is damaged or named twice."""
    known = {f.name for f in fields(ServerConfig)} - {"api_key"}
    servers: dict[str, ServerConfig] = {}
    for item in items if isinstance(items, list) else []:
        try:
            server = ServerConfig(**{k: v for k, v in item.items() if k in known})
        except (AttributeError, TypeError, ValueError) as exc:
            log.warning("Leaving out a server the settings describe wrongly (%s): %r", exc, item)
            continue
        servers.setdefault(server.name, server)
    return list(servers.values())


def normalise_base_url(url: str) -> str:
    """``http(s)://host[:port]/…/v1`` from what a writer typed; raises ValueError for anything else.

    "localhost:8080" and "http://gpu-box:8000/" both become an address ending in
    ``/v1``, the path every OpenAI-compatible server answers under.
    """
    url = (url or "").strip()
    if url and "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"“{url}” is not a server address; it should look like http://localhost:8080/v1.")
    try:
        parts.port  # noqa: B018 — raises on a port that is not a number
    except ValueError as exc:
        raise ValueError(f"“{url}” has a port that is not a number.") from exc
    path = parts.path.rstrip("/")
    if not path.endswith("/v1"):
        path += "/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


def server_model_id(server: str, model: str) -> str:
    return f"{PREFIX}{server}/{model}"


def is_server_model(model_id: str) -> bool:
    return model_id.startswith(PREFIX)


def parse_server_model_id(model_id: str) -> tuple[str, str]:
    """``(server name, model name)`` of ``server:<server>/<model>``; raises ValueError otherwise.

    Model names may hold slashes themselves ("Qwen/Qwen2.5-14B-Instruct").
    """
    if not is_server_model(model_id):
        raise ValueError(f"{model_id!r} is not a server model id")
    server, slash, model = model_id[len(PREFIX) :].partition("/")
    if not server or not slash or not model:
        raise ValueError(f"{model_id!r} should be server:<server>/<model>")
    return server, model
