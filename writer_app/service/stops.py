"""One stop flag per request, readable from the worker thread, settable from the GUI."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class StopRegistry:
    """One stop flag per request, created when the GUI submits it (so Stop works even before it starts).

    Background requests (indexing the manuscript) give way to everything else:
    ``preempt_background`` stops them, and ``was_preempted`` tells the worker
    to report them as preempted rather than stopped by the writer.
    """

    _events: dict[int, threading.Event] = field(default_factory=dict)
    _background: set[int] = field(default_factory=set)
    _preempted: set[int] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self, request_id: int, background: bool = False) -> threading.Event:
        with self._lock:
            if background:
                self._background.add(request_id)
            return self._events.setdefault(request_id, threading.Event())

    def preempt_background(self) -> None:
        with self._lock:
            events = [self._events[i] for i in self._background if i in self._events]
            self._preempted |= self._background
        for event in events:
            event.set()

    def was_preempted(self, request_id: int) -> bool:
        with self._lock:
            return request_id in self._preempted

    def stop(self, request_id: int) -> None:
        with self._lock:
            event = self._events.get(request_id)
        if event is not None:
            event.set()

    def stop_all(self) -> None:
        with self._lock:
            events = list(self._events.values())
        for event in events:
            event.set()

    def forget(self, request_id: int) -> None:
        with self._lock:
            self._events.pop(request_id, None)
            self._background.discard(request_id)
            self._preempted.discard(request_id)
