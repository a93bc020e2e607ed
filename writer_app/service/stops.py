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

    A request still waiting in the queue can be withdrawn (``withdraw``): the
    GUI reports it stopped at once, and the worker, which ``claim``s each
    request before starting it, then skips it without a word. The lock makes
    the two exclusive: a request is either withdrawn or started, never both.
    """

    _events: dict[int, threading.Event] = field(default_factory=dict)
    _background: set[int] = field(default_factory=set)
    _preempted: set[int] = field(default_factory=set)
    _started: set[int] = field(default_factory=set)
    _withdrawn: set[int] = field(default_factory=set)
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

    def withdraw(self, request_id: int) -> bool:
        """Stop the request; True if it had not started, so the worker will skip it and report nothing."""
        with self._lock:
            event = self._events.get(request_id)
            queued = event is not None and request_id not in self._started
            if queued:
                self._withdrawn.add(request_id)
        if event is not None:
            event.set()
        return queued

    def claim(self, request_id: int) -> bool:
        """Called by the worker before it starts a request: False if the request was withdrawn meanwhile."""
        with self._lock:
            if request_id in self._withdrawn:
                return False
            self._started.add(request_id)
            return True

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
            self._started.discard(request_id)
            self._withdrawn.discard(request_id)
