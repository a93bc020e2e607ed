"""What went wrong with a server, in words a writer can act on.

The ``openai`` client raises its own exceptions (over ``httpx``); this module
turns each into a ``TaskFailed`` naming the server and what to do. No torch.
"""

from __future__ import annotations

import ssl

import openai

from writer_app.core.errors import TaskFailed

_DNS_HINTS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "no address associated",
    "name resolution",
)
_CONTEXT_HINTS = ("context length", "context_length", "context size", "context window", "maximum context")


def server_failure(exc: BaseException, server: str, model: str = "") -> TaskFailed:
    """A TaskFailed for *exc*, raised while talking to *server* about *model*."""
    failed = _failure(exc, server, model)
    failed.__cause__ = exc
    return failed


def is_context_overflow(exc: BaseException) -> bool:
    message = _message(exc).lower()
    return isinstance(exc, openai.BadRequestError) and any(hint in message for hint in _CONTEXT_HINTS)


def _failure(exc: BaseException, server: str, model: str) -> TaskFailed:
    details = f"{type(exc).__name__}: {_message(exc)}"
    if isinstance(exc, openai.APITimeoutError):
        return TaskFailed(
            f"{server} stopped answering (no reply within the time limit). "
            "It may be overloaded; try again, or raise its time limit in Models ▸ Servers….",
            kind="server-timeout",
            details=details,
        )
    if isinstance(exc, openai.APIConnectionError):
        return _connection_failure(exc, server, details)
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return TaskFailed(
            f"{server} refused the API key ({_status(exc)}). Check the key in Models ▸ Servers….",
            kind="server-auth",
            details=details,
        )
    if isinstance(exc, openai.NotFoundError):
        return TaskFailed(
            f"{server} has no model called “{model}”. Choose one it lists in Models ▸ Servers….",
            kind="server-model",
            details=details,
        )
    if isinstance(exc, openai.RateLimitError):
        return TaskFailed(
            f"{server} is rate-limiting requests and still was after several tries. Wait a minute and try again.",
            kind="server-busy",
            details=details,
        )
    if is_context_overflow(exc):
        return TaskFailed(
            f"The text is longer than {model or 'the model'} on {server} can read at once. "
            "Lower the server's context length in Models ▸ Servers… or work on a shorter passage.",
            kind="context-length",
            details=details,
        )
    if isinstance(exc, openai.APIStatusError):
        return TaskFailed(
            f"{server} could not do this ({_status(exc)}): {_short(_message(exc))}",
            kind="server-error",
            details=details,
        )
    return TaskFailed(
        f"The connection to {server} broke off in the middle of the reply. Nothing was inserted; try again.",
        kind="server-error",
        details=details,
    )


def _connection_failure(exc: BaseException, server: str, details: str) -> TaskFailed:
    causes = _causes(exc)
    text = " ".join(str(cause) for cause in causes).lower()
    if any(isinstance(cause, ssl.SSLError) for cause in causes) or "certificate" in text or "ssl" in text:
        return TaskFailed(
            f"The secure connection to {server} failed: its certificate could not be verified. "
            "If the server uses a private certificate authority, set its certificate file in Models ▸ Servers….",
            kind="server-tls",
            details=details,
        )
    if any(hint in text for hint in _DNS_HINTS):
        return TaskFailed(
            f"The address of {server} could not be found. Check its address and your network.",
            kind="server-unreachable",
            details=details,
        )
    return TaskFailed(
        f"{server} cannot be reached: nothing answers at its address. Is the server running?",
        kind="server-unreachable",
        details=details,
    )


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _status(exc: BaseException) -> str:
    code = getattr(exc, "status_code", None)
    return f"HTTP {code}" if code else type(exc).__name__


def _message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    return str(getattr(exc, "message", "") or exc)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
