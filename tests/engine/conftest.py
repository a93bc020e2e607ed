"""Fixtures shared by the engine tests."""

from __future__ import annotations

import threading

import pytest

from writer_app.engine.streaming import CallbackStreamer


class StopAtFirstText:
    """Presses Stop as soon as the first piece of text arrives, noting how many tokens had been generated."""

    def __init__(self, monkeypatch):
        self.event = threading.Event()
        self.tokens_at_stop: int | None = None
        self._puts = 0
        real_put = CallbackStreamer.put

        def counting_put(streamer, value):
            self._puts += 1
            real_put(streamer, value)

        monkeypatch.setattr(CallbackStreamer, "put", counting_put)

    def on_text(self, _piece: str) -> None:
        if self.tokens_at_stop is None:
            self.tokens_at_stop = self._puts - 1  # the first put is the prompt
            self.event.set()


@pytest.fixture
def stop_at_first_text(monkeypatch) -> StopAtFirstText:
    return StopAtFirstText(monkeypatch)
