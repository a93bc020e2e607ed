"""The server backend over a real HTTP server on loopback whose faults the tests choose."""

from __future__ import annotations

import socket
import threading

import numpy as np
import pytest

from tests.server_fake import FakeOpenAIServer
from writer_app.core.errors import Stopped, TaskFailed
from writer_app.core.requests import GenerationSettings
from writer_app.core.servers import ServerConfig, server_model_id
from writer_app.engine.backend import Backend, Prompt
from writer_app.engine.server_models import ServerModels

pytestmark = pytest.mark.core

SETTINGS = GenerationSettings(max_new_tokens=8, temperature=0.7, seed=3)


@pytest.fixture
def fake():
    server = FakeOpenAIServer().start()
    yield server
    server.close()


def backend_for(server: FakeOpenAIServer | str, model: str = "story-model", notices=None, **options):
    base_url = server if isinstance(server, str) else server.base_url
    config = ServerConfig(name="studio", base_url=base_url, **options)
    models = ServerModels([config])

    def progress(_stage, _fraction, message):
        if notices is not None:
            notices.append(message)

    backend, load_s = models.backend(server_model_id("studio", model), stop=threading.Event(), on_progress=progress)
    assert load_s == 0.0
    return backend


def failure_of(call) -> TaskFailed:
    with pytest.raises(TaskFailed) as caught:
        call()
    return caught.value


def test_it_is_a_backend_and_continues_raw_text_through_completions(fake):
    backend = backend_for(fake)
    assert isinstance(backend, Backend)
    pieces = []
    completion = backend.complete(Prompt.raw("It was late."), SETTINGS, threading.Event(), pieces.append)

    assert pieces == fake.behaviour.words[:8]
    assert completion.text == "".join(pieces) and completion.new_tokens == 8 and not completion.stopped
    path, body = fake.requests[-1]
    # Raw text, no chat template, and the sampling settings the local model would use.
    assert path == "/v1/completions" and body["prompt"] == "It was late." and body["stream"] is True
    assert (body["max_tokens"], body["temperature"], body["top_p"], body["seed"]) == (8, 0.7, 0.95, 3)
    assert (body["top_k"], body["min_p"], body["repetition_penalty"]) == (50, 0.05, 1.15)


def test_chat_prompts_go_to_chat_completions_with_logprobs(fake):
    backend = backend_for(fake)
    messages = [{"role": "user", "content": "Who is Charlotte?"}]
    completion = backend.complete(Prompt.chat(messages), SETTINGS, threading.Event(), logprobs=True)

    path, body = fake.requests[-1]
    assert path == "/v1/chat/completions" and body["messages"] == messages and body["logprobs"] is True
    assert [t.text for t in completion.logprobs] == fake.behaviour.words[:8]
    assert completion.mean_logprob == pytest.approx(-1.0)


def test_a_chat_only_server_gets_raw_text_as_a_begun_reply_and_it_is_remembered(fake):
    fake.behaviour.no_completions = True
    backend = backend_for(fake)
    backend.complete(Prompt.raw("The door opened."), SETTINGS, threading.Event())
    backend.complete(Prompt.raw("The door opened."), SETTINGS, threading.Event())

    paths = [path for path, _ in fake.requests]
    assert paths == ["/v1/completions", "/v1/chat/completions", "/v1/chat/completions"]
    body = fake.requests[-1][1]
    assert body["messages"][-1] == {"role": "assistant", "content": "The door opened."}
    assert body["continue_final_message"] is True and body["add_generation_prompt"] is False


def test_a_server_that_rejects_extra_sampling_fields_gets_the_standard_ones(fake):
    fake.behaviour.reject_extras = True
    backend = backend_for(fake)
    completion = backend.complete(Prompt.raw("Rain."), SETTINGS, threading.Event())

    assert completion.text == "".join(fake.behaviour.words[:8])
    assert "top_k" in fake.requests[0][1] and "top_k" not in fake.requests[1][1]
    assert not backend.features.extra_sampling
    backend.complete(Prompt.raw("Rain."), SETTINGS, threading.Event())
    assert len(fake.requests) == 3  # no second rejection


def test_stop_ends_the_stream_at_once_and_no_text_follows(fake):
    fake.behaviour.delay_s = 0.05
    fake.behaviour.words = [f" w{i}" for i in range(200)]
    backend = backend_for(fake)
    stop = threading.Event()
    pieces = []

    def on_text(piece):
        pieces.append(piece)
        if len(pieces) == 3:
            stop.set()

    completion = backend.complete(Prompt.raw("Go."), GenerationSettings(max_new_tokens=200), stop, on_text)

    assert completion.stopped and pieces == [" w0", " w1", " w2"] and completion.text == " w0 w1 w2"
    assert fake.closed_early.wait(5), "the server went on writing to a client that had stopped"
    assert fake.pieces_sent < 200


def test_stop_works_while_the_server_is_silent(fake):
    fake.behaviour.stall_s = 3.0
    backend = backend_for(fake)
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()

    completion = backend.complete(Prompt.raw("Go."), SETTINGS, stop)

    assert completion.stopped and completion.text == ""
    assert fake.pieces_sent == 0  # it returned before the server said a word


def test_alternatives_come_with_logprobs_even_from_a_server_that_gives_one_choice(fake):
    fake.behaviour.single_choice = True
    backend = backend_for(fake)
    completions = backend.complete_many(Prompt.raw("Rain."), SETTINGS, 3, threading.Event())

    assert len(completions) == 3 and len(fake.requests) == 3
    assert [body["n"] for _, body in fake.requests] == [3, 2, 1]
    assert [body["seed"] for _, body in fake.requests] == [3, 4, 5]  # not three copies of one sample
    assert all(c.mean_logprob == pytest.approx(-0.5) and c.new_tokens == 8 for c in completions)


def test_alternatives_in_one_request_when_the_server_honours_n(fake):
    backend = backend_for(fake)
    completions = backend.complete_many(
        Prompt.chat([{"role": "user", "content": "Hi"}]), SETTINGS, 3, threading.Event()
    )

    assert len(fake.requests) == 1 and len({c.text for c in completions}) == 3
    assert [round(c.mean_logprob, 1) for c in completions] == [-0.5, -1.5, -2.5]


def test_embeddings_are_unit_rows_in_order_across_batches(fake, monkeypatch):
    monkeypatch.setattr("writer_app.engine.server_backend.EMBED_BATCH", 2)
    backend = backend_for(fake)
    texts = ["one", "two", "three", "four", "five"]
    progress = []
    vectors = backend.embed(texts, on_progress=progress.append)

    assert vectors.shape == (5, 8) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    alone = backend.embed(["three"])
    assert np.allclose(vectors[2], alone[0])
    assert progress == [0.4, 0.8, 1.0] and len([p for p, _ in fake.requests if p == "/v1/embeddings"]) == 4


def test_prompts_are_fitted_from_the_left_at_a_sentence(fake):
    backend = backend_for(fake, context_tokens=40)
    text = "First sentence is long enough to drop. " * 10 + "The last one stays."
    backend.complete(Prompt.raw(text), SETTINGS, threading.Event())

    sent = fake.requests[-1][1]["prompt"]
    assert text.endswith(sent) and sent.startswith("First") and backend.count_tokens(sent) <= 40 - 8


def test_the_context_length_comes_from_the_server_unless_the_writer_set_it(fake):
    fake.behaviour.context_length = 8192
    assert backend_for(fake).capabilities.context_length == 8192
    assert backend_for(fake, context_tokens=1000).capabilities.context_length == 1000
    fake.behaviour.context_length = 0
    assert backend_for(fake).capabilities.context_length == 2048


def test_listing_models_names_them(fake):
    fake.behaviour.models = ("qwen2.5-14b", "nomic-embed")
    fake.behaviour.context_length = 32768
    listed = ServerModels().list_models(ServerConfig(name="studio", base_url=fake.base_url))
    assert [(m.name, m.context_tokens) for m in listed] == [("qwen2.5-14b", 32768), ("nomic-embed", 32768)]


# ---------------------------------------------------------------------- failures a writer can read


def test_a_wrong_key_says_so(fake):
    fake.behaviour.api_key = "sesame"
    failure = failure_of(lambda: backend_for(fake, api_key="wrong"))
    assert failure.kind == "server-auth" and "studio" in str(failure) and "key" in str(failure)
    assert backend_for(fake, api_key="sesame").complete(Prompt.raw("x"), SETTINGS, threading.Event()).text


def test_an_unknown_model_is_named(fake):
    backend = backend_for(fake, model="no-such-model")
    failure = failure_of(lambda: backend.complete(Prompt.raw("x"), SETTINGS, threading.Event()))
    assert failure.kind == "server-model" and "no-such-model" in str(failure)
    assert backend.features.completions  # a missing model is not a missing endpoint


def test_rate_limits_are_retried_and_said(fake):
    fake.behaviour.status, fake.behaviour.status_times, fake.behaviour.retry_after = 429, 2, "0"
    notices = []
    backend = backend_for(fake, notices=notices)
    completion = backend.complete(Prompt.raw("x"), SETTINGS, threading.Event())

    assert completion.text and len(notices) == 2 and all("rate-limiting" in n for n in notices)


def test_rate_limits_that_do_not_end_fail_with_a_reason(fake, monkeypatch):
    monkeypatch.setattr("writer_app.engine.server_backend.MAX_RETRY_WAIT_S", 0.01)
    fake.behaviour.status = 429
    failure = failure_of(lambda: backend_for(fake).complete(Prompt.raw("x"), SETTINGS, threading.Event()))
    assert failure.kind == "server-busy" and len(fake.requests) == 4


def test_stop_ends_the_wait_between_retries(fake):
    fake.behaviour.status, fake.behaviour.retry_after = 503, "30"
    stop = threading.Event()
    backend = backend_for(fake, notices=[])
    threading.Timer(0.2, stop.set).start()
    with pytest.raises(Stopped):
        backend.complete(Prompt.raw("x"), SETTINGS, stop)
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    ("status", "message", "kind"),
    [
        (500, "CUDA error: an illegal memory access", "server-error"),
        (400, "This model's maximum context length is 4096 tokens.", "context-length"),
        (400, "the request exceeds the available context size", "context-length"),
    ],
)
def test_server_errors_become_failures(fake, status, message, kind):
    fake.behaviour.status, fake.behaviour.error_message = status, message
    failure = failure_of(lambda: backend_for(fake).complete(Prompt.raw("x"), SETTINGS, threading.Event()))
    assert failure.kind == kind and "studio" in str(failure)


def test_a_server_that_dies_mid_reply(fake):
    fake.behaviour.cut_after = 3
    pieces = []
    backend = backend_for(fake)
    failure = failure_of(lambda: backend.complete(Prompt.raw("x"), SETTINGS, threading.Event(), pieces.append))
    assert failure.kind == "server-error" and "broke off" in str(failure) and len(pieces) == 3


def test_a_server_that_stalls_times_out(fake):
    fake.behaviour.stall_s = 3.0
    backend = backend_for(fake, timeout_s=0.3)
    failure = failure_of(lambda: backend.complete(Prompt.raw("x"), SETTINGS, threading.Event()))
    assert failure.kind in ("server-timeout", "server-error")
    assert fake.pieces_sent == 0


def test_nothing_listening(unused_port):
    failure = failure_of(lambda: backend_for(f"http://127.0.0.1:{unused_port}/v1"))
    assert failure.kind == "server-unreachable" and "running" in str(failure)


def test_an_unknown_host():
    failure = failure_of(lambda: backend_for("http://no-such-host.invalid:8000/v1"))
    assert failure.kind == "server-unreachable" and "could not be found" in str(failure)


def test_https_to_a_server_without_tls_is_a_certificate_failure(fake):
    failure = failure_of(lambda: backend_for(fake.base_url.replace("http://", "https://")))
    assert failure.kind == "server-tls"


def test_a_missing_certificate_file_is_named(fake, tmp_path):
    failure = failure_of(lambda: backend_for(fake, ca_bundle=str(tmp_path / "none.pem")))
    assert failure.kind == "server-tls" and "certificate file" in str(failure)


def test_an_unknown_server_name():
    models = ServerModels([])
    failure = failure_of(
        lambda: models.backend(server_model_id("gone", "m"), stop=threading.Event(), on_progress=lambda *a: None)
    )
    assert failure.kind == "missing-model" and "gone" in str(failure)


@pytest.fixture
def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_server_that_echoes_log_probabilities_scores_the_writers_text(fake):
    backend = backend_for(fake)
    text = "It was a dark and stormy night."
    scores = backend.score(text, top_k=2, score_from=3)
    path, body = fake.requests[-1]
    assert path == "/v1/completions" and body["echo"] is True and body["max_tokens"] == 1
    assert "".join(token.text for token in scores.tokens) == text  # the echoed text only, not the reply
    assert all(text[t.start : t.end] == t.text for t in scores.tokens)
    # The fake gives each word -len nats; the first token and those ending by score_from are context.
    assert [t.logprob for t in scores.tokens] == [None, -3.0, -1.0, -4.0, -3.0, -6.0, -6.0]
    assert all(len(t.top) == 2 and t.top[0][1] >= t.top[1][1] for t in scores.tokens)


def test_next_tokens_from_a_server_are_its_likeliest_first(fake):
    choices = backend_for(fake).next_tokens("It was a", 3)
    assert fake.requests[-1][1]["logprobs"] == 3 and not fake.requests[-1][1]["echo"]
    assert [token for token, _p in choices] == [" the", " a", "The"]
    assert [p for _t, p in choices] == pytest.approx([np.exp(-0.7), np.exp(-1.2), np.exp(-3.0)])


def test_a_server_that_does_not_echo_says_why_surprise_cannot_use_it_and_is_not_asked_again(fake):
    from writer_app.engine.backend import Unsupported

    fake.behaviour.no_echo = True
    backend = backend_for(fake)
    with pytest.raises(Unsupported) as caught:
        backend.score("It was a dark and stormy night.")
    assert "does not return" in str(caught.value) and "llama.cpp or vLLM" in str(caught.value)
    asked = len(fake.requests)
    with pytest.raises(Unsupported):
        backend.score("Another text.")
    assert len(fake.requests) == asked
