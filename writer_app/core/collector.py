"""Loading without the cyclic garbage collector's full passes, which hold the GIL."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """Within: no automatic collections; on leaving, everything made so far is set aside for good.

    Importing torch and transformers and loading a model make about a million
    objects, and the collector's passes over them held the GIL for 90–210 ms
    each while the worker thread loaded: the window froze. What loading makes
    lives as long as the program (modules, models), so ``gc.freeze`` takes it
    out of every later pass, and reference counting still frees it. Only the
    cycles loading left behind stay (~7 MB at the first load of SmolLM2, none
    at Gemma 3's); an explicit ``gc.collect()`` still works within.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
