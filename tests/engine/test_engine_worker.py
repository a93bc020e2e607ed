"""The engine on its real QThread, driven through signals, with tiny random models."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThread

from writer_app.engine.catalog import ModelCatalog, ModelEntry
from writer_app.engine.config import EngineConfig
from writer_app.engine.requests import ContinueRequest, EmbedRequest, GenerationSettings, IndexRequest, LoadModelRequest
from writer_app.engine.service import THREAD_NAME, InferenceEngine
from writer_app.paths import AppPaths

pytestmark = pytest.mark.core

LONG = GenerationSettings(max_new_tokens=60, temperature=0, repetition_penalty=1.0, no_repeat_ngram_size=0)


class Recorder:
    """Collects every signal the engine sends, in order."""

    def __init__(self, engine: InferenceEngine):
        self.events: list[tuple] = []
        engine.sig_token.connect(lambda rid, text: self.events.append(("token", rid, text)))
        engine.sig_progress.connect(lambda rid, stage, frac, msg: self.events.append(("progress", rid, stage)))
        engine.sig_finished.connect(lambda rid, result: self.events.append(("finished", rid, result)))
        engine.sig_stopped.connect(lambda rid, result: self.events.append(("stopped", rid, result)))
        engine.sig_failed.connect(lambda rid, msg, details: self.events.append(("failed", rid, msg)))

    def terminal(self, request_id: int) -> list[tuple]:
        return [e for e in self.events if e[0] in ("finished", "stopped", "failed") and e[1] == request_id]

    def tokens(self, request_id: int) -> str:
        return "".join(e[2] for e in self.events if e[0] == "token" and e[1] == request_id)


def tiny_catalog(tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir) -> ModelCatalog:
    return ModelCatalog(
        [
            ModelEntry(id="tiny-chat", name="Tiny chat", roles=("continue", "instruct"), source="path", path=str(tiny_llama_chat_dir)),
            ModelEntry(id="tiny-base", name="Tiny base", roles=("continue",), source="path", path=str(tiny_gpt2_dir)),
            ModelEntry(id="tiny-embed", name="Tiny embed", roles=("embed",), source="path", path=str(tiny_bert_dir)),
            ModelEntry(
                id="needs-package",
                name="Packaged model",
                roles=("continue",),
                source="package",
                package="inkwell_no_such_package",
                locate="file",
                gguf_file="x.gguf",
                install="pip install inkwell-no-such-package",
            ),
            ModelEntry(id="with-terms", name="Model with terms", roles=("continue",), source="path", path=str(tiny_gpt2_dir), terms="TERMS.html"),
        ]
    )


@pytest.fixture
def engine(qapp, tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir):
    config = EngineConfig(paths=AppPaths.from_environment(), catalog=tiny_catalog(tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir), device="cpu")
    service = InferenceEngine(config)
    yield service
    assert service.shutdown()


def wait_done(qtbot, recorder, request_id, timeout=60000):
    qtbot.waitUntil(lambda: bool(recorder.terminal(request_id)), timeout=timeout)
    qtbot.wait(50)  # anything wrongly sent after the terminal signal would arrive now
    return recorder.terminal(request_id)


def test_worker_lives_on_a_named_thread(engine):
    assert engine.thread.objectName() == THREAD_NAME
    assert engine.worker.thread() is engine.thread
    assert engine.worker.thread() is not QThread.currentThread()


def test_tokens_stream_in_order_then_one_finished(engine, qtbot):
    recorder = Recorder(engine)
    request = ContinueRequest(model_id="tiny-base", text="It was a bright cold day in April, and", settings=LONG)
    engine.submit(request)
    [(kind, _rid, result)] = wait_done(qtbot, recorder, request.request_id)
    assert kind == "finished"
    assert result["new_tokens"] > 0
    assert recorder.tokens(request.request_id) == result["text"]
    token_positions = [i for i, e in enumerate(recorder.events) if e[0] == "token"]
    finished_position = next(i for i, e in enumerate(recorder.events) if e[0] == "finished")
    assert token_positions and max(token_positions) < finished_position
    assert result["prompt_mode"] == "plain"
    assert result["load_s"] > 0


def test_instruct_model_gets_a_chat_prompt(engine, qtbot):
    recorder = Recorder(engine)
    request = ContinueRequest(model_id="tiny-chat", text="The house stood empty.", settings=GenerationSettings(max_new_tokens=5, seed=3))
    engine.submit(request)
    [(kind, _rid, result)] = wait_done(qtbot, recorder, request.request_id)
    assert kind == "finished" and result["prompt_mode"] == "chat"


def test_stop_ends_generation_early_with_one_stopped_signal(engine, qtbot):
    recorder = Recorder(engine)
    request = ContinueRequest(model_id="tiny-base", text="Once upon a time", settings=GenerationSettings(max_new_tokens=2000, temperature=0))
    engine.sig_token.connect(lambda rid, _text: engine.stop(rid) if rid == request.request_id else None)
    engine.submit(request)
    [(kind, _rid, result)] = wait_done(qtbot, recorder, request.request_id)
    assert kind == "stopped"
    assert 0 < result["new_tokens"] < 2000
    assert result["text"] == recorder.tokens(request.request_id) or result["text"].startswith(recorder.tokens(request.request_id))


def test_stop_before_start_and_queued_requests_run_in_order(engine, qtbot):
    recorder = Recorder(engine)
    first = ContinueRequest(model_id="tiny-base", text="First", settings=GenerationSettings(max_new_tokens=8))
    second = ContinueRequest(model_id="tiny-base", text="Second", settings=GenerationSettings(max_new_tokens=8))
    cancelled = ContinueRequest(model_id="tiny-base", text="Never", settings=GenerationSettings(max_new_tokens=8))
    for request in (first, cancelled, second):
        engine.submit(request)
    engine.stop(cancelled.request_id)
    wait_done(qtbot, recorder, second.request_id)
    order = [(e[0], e[1]) for e in recorder.events if e[0] in ("finished", "stopped", "failed")]
    assert order == [("finished", first.request_id), ("stopped", cancelled.request_id), ("finished", second.request_id)]
    assert recorder.tokens(cancelled.request_id) == ""


def test_background_index_gives_way_and_keeps_what_it_embedded(engine, qtbot):
    recorder = Recorder(engine)
    idle = []
    engine.sig_idle.connect(lambda: idle.append(len(recorder.events)))
    text = "\n\n".join(f"Paragraph {i}: the miller's {i}th daughter walked to town." for i in range(3000))
    background = IndexRequest(embed_model_id="tiny-embed", text=text, background=True)
    engine.submit(background)
    qtbot.waitUntil(lambda: any(e[0] == "progress" and e[1] == background.request_id and e[2] == "indexing" for e in recorder.events), timeout=60000)
    request = ContinueRequest(model_id="tiny-base", text="Once upon a time", settings=GenerationSettings(max_new_tokens=4))
    engine.submit(request)
    assert engine.busy
    [(kind, _rid, result)] = wait_done(qtbot, recorder, background.request_id)
    assert kind == "stopped" and result["preempted"] is True
    [(kind, _rid, _result)] = wait_done(qtbot, recorder, request.request_id)
    assert kind == "finished"
    qtbot.waitUntil(lambda: bool(idle))
    assert not engine.busy and idle == [len(recorder.events)], recorder.events  # once, after the last request ended

    again = IndexRequest(embed_model_id="tiny-embed", text=text, background=True)
    engine.submit(again)
    [(kind, _rid, result)] = wait_done(qtbot, recorder, again.request_id)
    assert kind == "finished" and result["passages"] > 0
    assert result["reused"] > 0 and result["embedded_now"] > 0  # the preempted batches were kept
    assert result["reused"] + result["embedded_now"] == result["passages"]


def test_writer_stopping_a_background_index_is_not_a_preemption(engine, qtbot):
    recorder = Recorder(engine)
    background = IndexRequest(embed_model_id="tiny-embed", text="One passage.\n\nAnother one.", background=True)
    engine.submit(background)
    engine.stop(background.request_id)
    [(kind, _rid, result)] = wait_done(qtbot, recorder, background.request_id)
    assert kind == "stopped" and result["preempted"] is False


def test_exception_in_generation_fails_and_the_next_request_works(engine, qtbot, monkeypatch):
    import writer_app.tasks.continuation as continuation

    real = continuation.generate_stream
    calls = []

    def explode_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("kaboom in generate")
        return real(*args, **kwargs)

    monkeypatch.setattr(continuation, "generate_stream", explode_once)
    recorder = Recorder(engine)
    bad = engine.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=4)))
    good = engine.submit(ContinueRequest(model_id="tiny-base", text="y", settings=GenerationSettings(max_new_tokens=4)))
    [(kind, _rid, message)] = wait_done(qtbot, recorder, bad)
    assert kind == "failed" and "kaboom" in message
    [(kind, _rid, _result)] = wait_done(qtbot, recorder, good)
    assert kind == "finished"


def test_missing_model_says_how_to_install_it(engine, qtbot):
    recorder = Recorder(engine)
    rid = engine.submit(ContinueRequest(model_id="needs-package", text="x"))
    [(kind, _rid, message)] = wait_done(qtbot, recorder, rid)
    assert kind == "failed"
    assert "not installed" in message and "pip install inkwell-no-such-package" in message


def test_model_with_terms_needs_acceptance(engine, qtbot):
    recorder = Recorder(engine)
    rid = engine.submit(ContinueRequest(model_id="with-terms", text="x"))
    [(kind, _rid, message)] = wait_done(qtbot, recorder, rid)
    assert kind == "failed" and "terms of use" in message
    engine.config.accepted_terms = frozenset({"with-terms"})
    rid = engine.submit(ContinueRequest(model_id="with-terms", text="x", settings=GenerationSettings(max_new_tokens=3)))
    assert wait_done(qtbot, recorder, rid)[0][0] == "finished"


def test_out_of_memory_on_load_is_explained_and_recoverable(engine, qtbot, monkeypatch):
    import writer_app.engine.loader as loader

    real = loader.load_model

    def no_memory(*args, **kwargs):
        monkeypatch.setattr(loader, "load_model", real)
        raise loader.OutOfMemory("There is not enough memory on the CPU for this model.")

    monkeypatch.setattr(loader, "load_model", no_memory)
    recorder = Recorder(engine)
    failed = engine.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=3)))
    [(kind, _rid, message)] = wait_done(qtbot, recorder, failed)
    assert kind == "failed" and "not enough memory" in message
    ok = engine.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=3)))
    assert wait_done(qtbot, recorder, ok)[0][0] == "finished"


def test_models_are_loaded_once_and_reused(engine, qtbot):
    recorder = Recorder(engine)
    ready = []
    engine.sig_model_ready.connect(lambda model_id, info: ready.append(model_id))
    load = engine.submit(LoadModelRequest(model_id="tiny-base"))
    assert wait_done(qtbot, recorder, load)[0][0] == "finished"
    rid = engine.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=3)))
    [(_kind, _rid, result)] = wait_done(qtbot, recorder, rid)
    assert result["load_s"] == 0.0
    assert ready == ["tiny-base"]


def test_embedding_gives_unit_vectors(engine, qtbot):
    recorder = Recorder(engine)
    rid = engine.submit(EmbedRequest(model_id="tiny-embed", texts=("The cat sat.", "A dog barked loudly.", "")))
    [(kind, _rid, result)] = wait_done(qtbot, recorder, rid)
    assert kind == "finished"
    vectors = result["vectors"]
    assert vectors.shape[0] == 3
    norms = (vectors**2).sum(axis=1) ** 0.5
    assert all(abs(n - 1) < 1e-4 for n in norms)


def test_long_prompt_is_trimmed_at_a_sentence_and_says_so(engine, qtbot):
    recorder = Recorder(engine)
    sentences = " ".join(f"Sentence number {n} ends here." for n in range(2000))
    rid = engine.submit(ContinueRequest(model_id="tiny-base", text=sentences, settings=GenerationSettings(max_new_tokens=4)))
    [(kind, _rid, result)] = wait_done(qtbot, recorder, rid)
    assert kind == "finished"
    assert result["trimmed_chars"] > 0
    assert sentences[result["trimmed_chars"]:].startswith("Sentence number")
    assert result["prompt_tokens"] <= 512


def test_shutdown_joins_the_thread(qapp, tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir, qtbot):
    config = EngineConfig(paths=AppPaths.from_environment(), catalog=tiny_catalog(tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir), device="cpu")
    service = InferenceEngine(config)
    recorder = Recorder(service)
    rid = service.submit(ContinueRequest(model_id="tiny-base", text="Go on", settings=GenerationSettings(max_new_tokens=5000, temperature=0)))
    qtbot.waitUntil(lambda: recorder.tokens(rid) != "", timeout=60000)
    assert service.shutdown(timeout_ms=20000)
    assert service.thread.isFinished()
