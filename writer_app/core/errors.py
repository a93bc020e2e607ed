"""The two ways a request ends early: the writer stopped it, or it failed for a reason they can read.

Every layer raises these (the engine while loading, the tasks while working),
and the service turns them into a handle's ``sig_stopped`` or ``sig_failed``.
"""

from __future__ import annotations

# What ``TaskFailed.kind`` can be: lets the GUI offer a way out.
FAILURE_KINDS = (
    "error",  # anything else; details hold the traceback
    "missing-model",  # the model's files are not on this computer
    "needs-acceptance",  # the model's terms of use are not accepted yet
    "out-of-memory",
    "load",  # the files are there but do not load
    "conversion",  # a packaged GGUF could not be converted
    "unsupported",  # the model cannot do what the task asked of it
    # A model on a server (engine/server_errors.py):
    "server-unreachable",  # nothing answers at its address, or the address is unknown
    "server-tls",  # its certificate could not be verified
    "server-auth",  # the API key was refused
    "server-model",  # the server has no such model
    "server-busy",  # still rate-limited after the retries
    "server-timeout",  # it stopped answering
    "context-length",  # the prompt is longer than the model reads
    "server-error",  # anything else the server said, or a reply cut off
)


class Stopped(Exception):
    """Stop was pressed (or a background job gave way); *partial* holds what was done, if anything."""

    def __init__(self, partial: object = None):
        super().__init__("stopped")
        self.partial = partial


class TaskFailed(Exception):
    """A failure the writer can understand; *kind* (one of FAILURE_KINDS) lets the GUI offer a way out."""

    def __init__(self, message: str, kind: str = "error", details: str = ""):
        super().__init__(message)
        self.kind = kind
        self.details = details


def raise_if_stopped(stop_event, partial: object = None) -> None:
    """Raise Stopped when *stop_event* (a threading.Event, or None) is set."""
    if stop_event is not None and stop_event.is_set():
        raise Stopped(partial)
