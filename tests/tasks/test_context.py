"""TaskContext.chat_with: a reply that ends once it is long enough, and Stop that still ends it."""

from __future__ import annotations

import threading
import time

import pytest

from writer_app.core.ask_prompts import reply_is_complete
from writer_app.core.errors import Stopped
from writer_app.core.requests import GenerationSettings
from writer_app.engine.backend import Completion
from writer_app.tasks.context import TaskContext

pytestmark = pytest.mark.core

SETTINGS = GenerationSettings(max_new_tokens=64, temperature=0)
REPLY = "Mr. Wickham [1]. He eloped with Lydia. The passage is a classic example. The author likes it."


class StreamingBackend:
    """Streams its reply a word at a time while the stop flag stays clear; the reply is what it streamed."""

    def __init__(self, reply: str, stop_after: int | None = None, user_stop: threading.Event | None = None):
        self.reply, self.stop_after, self.user_stop = reply, stop_after, user_stop
        self.streamed = 0

    def complete(self, prompt, settings, stop, on_text=None, *, logprobs=False) -> Completion:
        written = []
        for word in self.reply.split(" "):
            if self.stop_after is not None and self.streamed == self.stop_after:
                self.user_stop.set()  # the writer presses Stop
            if stop.is_set():
                break
            written.append(word)
            self.streamed += 1
            if on_text is not None:
                on_text(word + " ")
        return Completion(text=" ".join(written), stopped=stop.is_set())


def context(tokens: list[str], stop: threading.Event | None = None) -> TaskContext:
    return TaskContext(models=None, stop=stop, on_token=tokens.append)


def test_a_reply_ends_once_it_holds_what_is_kept_and_streams_meanwhile():
    tokens: list[str] = []
    backend = StreamingBackend(REPLY)
    reply = context(tokens).chat_with(backend, enough=reply_is_complete)([], SETTINGS)
    # It stops on the first word of the third sentence: the words after it are never written.
    assert reply == "Mr. Wickham [1]. He eloped with Lydia. The"
    assert "".join(tokens).split() == reply.split()


def test_without_enough_the_whole_reply_is_written():
    backend = StreamingBackend(REPLY)
    assert context([]).chat_with(backend)([], SETTINGS) == REPLY


def test_stop_still_ends_a_reply_that_is_not_long_enough_yet():
    stop = threading.Event()
    backend = StreamingBackend(REPLY, stop_after=2, user_stop=stop)
    ctx = context([], stop)
    assert ctx.chat_with(backend, enough=reply_is_complete)([], SETTINGS) == "Mr. Wickham"
    with pytest.raises(Stopped):
        ctx.check_stop()


def test_waiting_on_the_reply_s_flag_wakes_when_stop_is_pressed():
    stop = threading.Event()
    seen = {}

    class WaitingBackend:
        def complete(self, prompt, settings, flag, on_text=None, *, logprobs=False) -> Completion:
            threading.Timer(0.1, stop.set).start()  # Stop, pressed while a server asks us to wait
            started = time.monotonic()
            seen["woke"] = flag.wait(30)
            seen["waited_s"] = time.monotonic() - started
            return Completion(text="", stopped=True)

    context([], stop).chat_with(WaitingBackend(), enough=reply_is_complete)([], SETTINGS)
    assert seen["woke"] is True and seen["waited_s"] < 5
