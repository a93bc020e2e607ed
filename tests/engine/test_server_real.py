"""Inkwell against a real OpenAI-compatible server on loopback: llama-cpp-python's, serving the packaged SmolLM2.

Skipped unless ``llama_cpp`` is importable: ``pip install 'llama-cpp-python[server]'``
(it compiles llama.cpp, about ten minutes). The faults a network adds beyond
these (rate limits, bad certificates, odd replies) are in test_server_backend.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from tests.llama_server import MODEL, LlamaServer
from writer_app.core.errors import TaskFailed
from writer_app.core.requests import GenerationSettings
from writer_app.core.servers import ServerConfig, server_model_id
from writer_app.engine.backend import Prompt
from writer_app.engine.server_models import ServerModels

pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed (see docs/remote.md)")

pytestmark = [pytest.mark.remote, pytest.mark.timeout(600)]

SETTINGS = GenerationSettings(max_new_tokens=24, temperature=0.7, seed=1)


@pytest.fixture(scope="module")
def server():
    running = LlamaServer()
    yield running
    running.stop()


def backend_on(server: LlamaServer, **options):
    config = ServerConfig(name="llama", base_url=server.base_url, **options)
    backend, _ = ServerModels([config]).backend(
        server_model_id("llama", MODEL), stop=threading.Event(), on_progress=lambda *_: None
    )
    return backend


def run_cli(*args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "writer_app", "run", *args, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_continue_streams_raw_text_through_the_cli(server):
    events = run_cli(
        "continue",
        "--text",
        "The rain had not stopped for three days, and the river",
        "--server",
        server.base_url,
        "--server-model",
        MODEL,
        "--max-new-tokens",
        "24",
        "--seed",
        "3",
    )
    tokens = [e["text"] for e in events if e["event"] == "token"]
    finished = events[-1]
    assert finished["event"] == "finished" and finished["prompt_mode"] == "plain"
    assert len(tokens) >= 5 and "".join(tokens).strip() == finished["text"].strip()
    assert finished["device"] == f"127.0.0.1:{server.port}" and finished["new_tokens"] >= 5


def test_stop_closes_the_stream_and_no_token_follows(server):
    backend = backend_on(server)
    stop = threading.Event()
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 3:
            stop.set()

    completion = backend.complete(Prompt.raw("Once upon a time"), GenerationSettings(max_new_tokens=200), stop, on_text)
    assert completion.stopped and len(pieces) == 3 and completion.text == "".join(pieces)
    # The server is free again at once: a new request is answered.
    again = backend.complete(Prompt.raw("The end"), SETTINGS, threading.Event())
    assert again.text and not again.stopped


def test_alternatives_carry_the_servers_logprobs(server):
    backend = backend_on(server)
    alternatives = backend.complete_many(Prompt.raw("She opened the letter and"), SETTINGS, 2, threading.Event())
    assert len(alternatives) == 2
    for alternative in alternatives:
        assert alternative.logprobs and -30 < alternative.mean_logprob < 0
        assert "".join(t.text for t in alternative.logprobs) == alternative.text


def test_ask_answers_from_the_text_with_citations(server, tmp_path):
    manuscript = tmp_path / "story.txt"
    manuscript.write_text(
        "Chapter 1\n\nMarian lived in a small house by the harbour in Port Ellis. Her closest friend was a "
        "fisherman named Tobias Wren, who sailed a blue boat called the Heron.\n\n"
        "Chapter 2\n\nEvery morning Marian walked to the market to sell the bread she had baked.\n",
        encoding="utf-8",
    )
    events = run_cli(
        "ask",
        "--file",
        str(manuscript),
        "--question",
        "What is the name of Tobias Wren's boat?",
        "--server",
        server.base_url,
        "--server-model",
        MODEL,
    )
    finished = events[-1]
    assert finished["event"] == "finished" and finished["found"]
    text = manuscript.read_text(encoding="utf-8")
    assert finished["citations"], finished
    for citation in finished["citations"]:
        assert 0 <= citation["start"] < citation["end"] <= len(text)


def test_a_wrong_key_is_refused_and_the_right_one_works():
    guarded = LlamaServer(api_key="sesame")
    try:
        with pytest.raises(TaskFailed) as caught:  # refused at once, when the server's models are listed
            backend_on(guarded, api_key="wrong")
        assert caught.value.kind == "server-auth"
        assert backend_on(guarded, api_key="sesame").complete(Prompt.raw("Hello"), SETTINGS, threading.Event()).text
    finally:
        guarded.stop()


def test_a_server_killed_mid_reply_is_reported_and_nothing_hangs():
    doomed = LlamaServer()
    try:
        backend = backend_on(doomed)
        pieces: list[str] = []

        def on_text(piece: str) -> None:
            pieces.append(piece)
            if len(pieces) == 2:
                doomed.process.kill()

        with pytest.raises(TaskFailed) as caught:
            backend.complete(
                Prompt.raw("Once upon a time"), GenerationSettings(max_new_tokens=400), threading.Event(), on_text
            )
        assert caught.value.kind in ("server-error", "server-unreachable") and len(pieces) >= 2
    finally:
        doomed.stop()


def test_a_stalled_server_times_out():
    frozen = LlamaServer()
    try:
        backend = backend_on(frozen, timeout_s=2.0)
        pieces: list[str] = []

        def on_text(piece: str) -> None:
            pieces.append(piece)
            if len(pieces) == 2:
                frozen.process.send_signal(signal.SIGSTOP)  # alive, holding the connection, saying nothing

        with pytest.raises(TaskFailed) as caught:
            backend.complete(
                Prompt.raw("Once upon a time"), GenerationSettings(max_new_tokens=400), threading.Event(), on_text
            )
        assert caught.value.kind == "server-timeout"
    finally:
        frozen.stop()
