"""The only door to the Hugging Face Hub: shut, except while a download the writer asked for runs.

huggingface_hub reads ``HF_HUB_OFFLINE`` once, when it is imported, into
``huggingface_hub.constants.HF_HUB_OFFLINE``, and transformers asks that
constant too. Setting or removing the environment variable afterwards changes
nothing, so both are set here, and a download opens the door by changing the
constant for exactly as long as it runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

_DOOR = threading.Lock()
# Whether the writer's own environment asked for no downloads, read before Inkwell sets the variable itself.
_WRITER_OFFLINE = os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def writer_wants_offline() -> bool:
    """True when HF_HUB_OFFLINE was set before Inkwell started: downloads are then refused."""
    return _WRITER_OFFLINE


_open = False  # a download the writer asked for is running (inside ``online()``)


def stay_offline() -> None:
    """No Hub access from this process: for huggingface_hub now if it is imported, and when it is imported later.

    While a download runs (another thread, inside ``online()``), the door stays
    open until it ends: locating a model on the GUI thread must not cut it off.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None and not _open:
        constants.HF_HUB_OFFLINE = True


@contextlib.contextmanager
def online() -> Iterator[None]:
    """Let huggingface_hub reach the Hub inside this block only (one block at a time in the process)."""
    global _open
    with _DOOR:
        import huggingface_hub.constants as constants

        _open = True
        constants.HF_HUB_OFFLINE = False
        try:
            yield
        finally:
            _open = False
            stay_offline()
