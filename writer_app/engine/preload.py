"""Loading torch's native libraries without holding the GIL, so the window keeps painting.

The engine imports torch on its own thread, but ``import torch`` opens
libtorch (hundreds of megabytes, thousands of static initialisers) from inside
an extension-module import that holds the GIL: the GUI thread then froze for
0.2–0.5 s while the models warmed up. A call through ctypes releases the GIL,
so opening the same files first with libc's ``dlopen`` does that work while
the GUI runs; the import later finds them loaded and only registers the
Python side. No torch here: only file names.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# torch loads its global dependencies with RTLD_GLOBAL itself; the rest as Python
# loads extension modules (sys.getdlopenflags()), so nothing changes but the timing.
_TORCH_LIBRARIES = ("lib/libtorch_global_deps*", "lib/libtorch_cpu.*", "lib/libtorch_python.*", "_C.*")
_PACKAGES = {"torch": _TORCH_LIBRARIES, "tokenizers": ("*.so",), "safetensors": ("*.so",)}


def native_libraries() -> list[Path]:
    """The shared libraries to open, in dependency order, for the installed packages."""
    found = []
    for package, patterns in _PACKAGES.items():
        spec = importlib.util.find_spec(package)  # finds the package without importing it
        if spec is None or not spec.submodule_search_locations:
            continue
        root = Path(next(iter(spec.submodule_search_locations)))
        for pattern in patterns:
            found += sorted(path for path in root.glob(pattern) if path.suffix in (".so", ".dylib"))
    return found


def preload_native_libraries() -> int:
    """Open the libraries with the GIL released; returns how many opened (0 where unsupported)."""
    if os.name != "posix" or "torch" in sys.modules:
        return 0
    try:
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return 0
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    opened = 0
    for path in native_libraries():
        flags = os.RTLD_NOW | (os.RTLD_GLOBAL if "global_deps" in path.name else sys.getdlopenflags())
        # A library that fails to open here is simply opened (or reported) by the import later.
        if dlopen(os.fsencode(path), flags):
            opened += 1
        else:
            log.debug("Could not preload %s", path)
    return opened
