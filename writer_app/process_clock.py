"""How long this process has been running: the clock start-up timings are measured on."""

from __future__ import annotations

import os
import time

_T_IMPORT = time.time()


def process_age_s() -> float:
    """Seconds since this process started (from /proc on Linux, else since this module was imported)."""
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", "rb") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return time.time() - _T_IMPORT
