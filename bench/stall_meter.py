"""How long the GUI thread stops answering: the longest gap between ticks of a 5 ms QTimer."""

from __future__ import annotations

import time

TICK_MS = 5


class StallMeter:
    """Ticks on the GUI thread from creation; ``reset`` starts a new measurement."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.max_gap = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.max_gap = 0.0
        self._last = time.perf_counter()

    @property
    def max_stall_ms(self) -> float:
        """The longest gap beyond one tick, in ms."""
        return round(max(0.0, self.max_gap * 1000 - TICK_MS), 1)

    def stop(self) -> float:
        """The longest gap in ms since the last reset, counting the time since the last tick."""
        self._tick()
        return round(self.max_gap * 1000, 1)
