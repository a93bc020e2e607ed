"""The inference service on its real QThread, driven through request handles, with tiny random models."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtCore import QThread

from writer_app.core.requests import (
    AskRequest,
    ContinueRequest,
    EmbedRequest,
    GenerationSettings,
    IndexRequest,
    LoadModelRequest,
    SummariseRequest,
)
from writer_app.engine.catalog import ModelCatalog, ModelEntry
from writer_app.engine.config import EngineConfig
from writer_app.paths import AppPaths
from writer_app.service.service import THREAD_NAME, InferenceService

pytestmark = pytest.mark.core

LONG = GenerationSettings(max_new_tokens=60, temperature=0, repetition_penalty=1.0, no_repeat_ngram_size=0)


class Recorder:
    """Collects every signal of the handles it watches, in order, as (kind, request id, payload)."""

    def __init__(self):
        self.events: list[tuple] = []

    def watch(self, handle):
        rid = handle.request_id
        handle.sig_token.connect(lambda text: self.events.append(("token", rid, text)))
        handle.sig_progress.connect(lambda progress: self.events.append(("progress", rid, progress.stage)))
        handle.sig_finished.connect(lambda result: self.events.append(("finished", rid, result)))
        handle.sig_stopped.connect(lambda outcome: self.events.append(("stopped", rid, outcome)))
        handle.sig_failed.connect(lambda failure: self.events.append(("failed", rid, failure.message)))
        return handle

    def terminal(self, request_id: int) -> list[tuple]:
        return [e for e in self.events if e[0] in ("finished", "stopped", "failed") and e[1] == request_id]

    def tokens(self, request_id: int) -> str:
        return "".join(e[2] for e in self.events if e[0] == "token" and e[1] == request_id)


def tiny_catalog(tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir) -> ModelCatalog:
    return ModelCatalog(
        [
            ModelEntry(
                id="tiny-chat",
                name="Tiny chat",
                roles=("continue", "instruct"),
                source="path",
                path=str(tiny_llama_chat_dir),
            ),
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
            ModelEntry(
                id="with-terms",
                name="Model with terms",
                roles=("continue",),
                source="path",
                path=str(tiny_gpt2_dir),
                terms="TERMS.html",
            ),
        ]
    )


@pytest.fixture
def service(qapp, tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir):
    config = EngineConfig(
        paths=AppPaths.from_environment(),
        catalog=tiny_catalog(tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir),
        device="cpu",
    )
    service = InferenceService(config)
    yield service
    assert service.shutdown()


def wait_done(qtbot, recorder, request_id, timeout=60000):
    qtbot.waitUntil(lambda: bool(recorder.terminal(request_id)), timeout=timeout)
    qtbot.wait(50)  # anything wrongly sent after the terminal signal would arrive now
    return recorder.terminal(request_id)


def test_worker_lives_on_a_named_thread(service):
    assert service.thread.objectName() == THREAD_NAME
    assert service.worker.thread() is service.thread
    assert service.worker.thread() is not QThread.currentThread()


def test_tokens_stream_in_order_then_one_finished(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text="It was a bright cold day in April, and", settings=LONG)
        )
    )
    [(kind, _rid, result)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "finished" and handle.state == "finished" and handle.result is result
    assert result.new_tokens > 0
    assert recorder.tokens(handle.request_id) == result.text
    token_positions = [i for i, e in enumerate(recorder.events) if e[0] == "token"]
    finished_position = next(i for i, e in enumerate(recorder.events) if e[0] == "finished")
    assert token_positions and max(token_positions) < finished_position
    assert result.prompt_mode == "plain"
    assert result.load_s > 0 and result.model_id == "tiny-base" and result.device == "cpu"


def test_each_handle_hears_only_its_own_request(service, qtbot):
    recorder = Recorder()
    first = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text="One", settings=GenerationSettings(max_new_tokens=6, seed=1))
        )
    )
    second = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text="Two", settings=GenerationSettings(max_new_tokens=6, seed=2))
        )
    )
    assert second.wait(60)
    assert first.done
    for handle in (first, second):
        [(kind, rid, result)] = recorder.terminal(handle.request_id)
        assert kind == "finished" and result is handle.result
        assert recorder.tokens(handle.request_id) == result.text


def test_instruct_model_gets_a_chat_prompt(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(
        service.submit(
            ContinueRequest(
                model_id="tiny-chat",
                text="The house stood empty.",
                settings=GenerationSettings(max_new_tokens=5, seed=3),
            )
        )
    )
    [(kind, _rid, result)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "finished" and result.prompt_mode == "chat"


def test_stop_ends_generation_early_with_one_stopped_signal(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(
        service.submit(
            ContinueRequest(
                model_id="tiny-base",
                text="Once upon a time",
                settings=GenerationSettings(max_new_tokens=2000, temperature=0),
            )
        )
    )
    handle.sig_token.connect(lambda _text: handle.stop())
    [(kind, _rid, outcome)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "stopped" and not outcome.preempted
    assert 0 < outcome.partial.new_tokens < 2000
    assert outcome.partial.text.startswith(recorder.tokens(handle.request_id))


def test_stop_before_start_and_queued_requests_run_in_order(service, qtbot):
    recorder = Recorder()
    first = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text="First", settings=GenerationSettings(max_new_tokens=8))
        )
    )
    cancelled = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text="Never", settings=GenerationSettings(max_new_tokens=8))
        )
    )
    second = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text="Second", settings=GenerationSettings(max_new_tokens=8))
        )
    )
    cancelled.stop()
    wait_done(qtbot, recorder, second.request_id)
    order = [(e[0], e[1]) for e in recorder.events if e[0] in ("finished", "stopped", "failed")]
    # The cancelled one never started: it ends at once, without waiting for the one ahead of it.
    assert order == [("stopped", cancelled.request_id), ("finished", first.request_id), ("finished", second.request_id)]
    assert recorder.tokens(cancelled.request_id) == ""


def test_an_abandoned_request_says_nothing_more(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(
        service.submit(
            ContinueRequest(
                model_id="tiny-base", text="Once", settings=GenerationSettings(max_new_tokens=2000, temperature=0)
            )
        )
    )
    qtbot.waitUntil(lambda: recorder.tokens(handle.request_id) != "", timeout=60000)
    handle.abandon()
    heard = len(recorder.events)
    qtbot.waitUntil(lambda: not service.busy, timeout=60000)  # it did stop
    qtbot.wait(50)
    assert len(recorder.events) == heard and handle.state == "stopped"


def test_background_index_gives_way_and_keeps_what_it_embedded(service, qtbot):
    recorder = Recorder()
    idle = []
    service.sig_idle.connect(lambda: idle.append(len(recorder.events)))
    text = "\n\n".join(f"Paragraph {i}: the miller's {i}th daughter walked to town." for i in range(3000))
    background = recorder.watch(service.submit(IndexRequest(embed_model_id="tiny-embed", text=text, background=True)))
    qtbot.waitUntil(
        lambda: any(
            e[0] == "progress" and e[1] == background.request_id and e[2] == "indexing" for e in recorder.events
        ),
        timeout=60000,
    )
    request = recorder.watch(
        service.submit(
            ContinueRequest(
                model_id="tiny-base", text="Once upon a time", settings=GenerationSettings(max_new_tokens=4)
            )
        )
    )
    assert service.busy
    [(kind, _rid, outcome)] = wait_done(qtbot, recorder, background.request_id)
    assert kind == "stopped" and outcome.preempted is True
    [(kind, _rid, _result)] = wait_done(qtbot, recorder, request.request_id)
    assert kind == "finished"
    qtbot.waitUntil(lambda: bool(idle))
    assert not service.busy and idle == [len(recorder.events)], recorder.events  # once, after the last request ended

    again = recorder.watch(service.submit(IndexRequest(embed_model_id="tiny-embed", text=text, background=True)))
    [(kind, _rid, result)] = wait_done(qtbot, recorder, again.request_id)
    assert kind == "finished" and result.passages > 0
    assert result.reused > 0 and result.embedded_now > 0  # the preempted batches were kept
    assert result.reused + result.embedded_now == result.passages


def test_writer_stopping_a_background_index_is_not_a_preemption(service, qtbot):
    recorder = Recorder()
    background = recorder.watch(
        service.submit(IndexRequest(embed_model_id="tiny-embed", text="One passage.\n\nAnother one.", background=True))
    )
    background.stop()
    [(kind, _rid, outcome)] = wait_done(qtbot, recorder, background.request_id)
    assert kind == "stopped" and outcome.preempted is False


def test_exception_in_generation_fails_and_the_next_request_works(service, qtbot, monkeypatch):
    import writer_app.engine.generation as generation

    real = generation.generate_stream
    calls = []

    def explode_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("kaboom in generate")
        return real(*args, **kwargs)

    monkeypatch.setattr(generation, "generate_stream", explode_once)
    recorder = Recorder()
    bad = recorder.watch(
        service.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=4)))
    )
    good = recorder.watch(
        service.submit(ContinueRequest(model_id="tiny-base", text="y", settings=GenerationSettings(max_new_tokens=4)))
    )
    [(kind, _rid, message)] = wait_done(qtbot, recorder, bad.request_id)
    assert kind == "failed" and "kaboom" in message
    assert bad.result.kind == "error" and "RuntimeError" in bad.result.details
    [(kind, _rid, _result)] = wait_done(qtbot, recorder, good.request_id)
    assert kind == "finished"


def test_missing_model_says_how_to_install_it(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(service.submit(ContinueRequest(model_id="needs-package", text="x")))
    [(kind, _rid, message)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "failed" and handle.result.kind == "missing-model"
    assert "not installed" in message and "pip install inkwell-no-such-package" in message


def test_unknown_model_is_a_clear_failure(service, qtbot):
    handle = service.submit(ContinueRequest(model_id="no-such-model", text="x"))
    assert handle.wait(60) and handle.state == "failed"
    assert "no-such-model" in handle.result.message and handle.result.kind == "missing-model"


def test_a_model_that_cannot_do_the_task_says_so(service, qtbot):
    handle = service.submit(ContinueRequest(model_id="tiny-embed", text="x"))
    assert handle.wait(60) and handle.state == "failed"
    assert handle.result.kind == "unsupported" and "Tiny embed cannot continue text" in handle.result.message


def test_model_with_terms_needs_acceptance(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(service.submit(ContinueRequest(model_id="with-terms", text="x")))
    [(kind, _rid, message)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "failed" and "terms of use" in message and handle.result.kind == "needs-acceptance"
    service.config.accepted_terms = frozenset({"with-terms"})
    handle = recorder.watch(
        service.submit(ContinueRequest(model_id="with-terms", text="x", settings=GenerationSettings(max_new_tokens=3)))
    )
    assert wait_done(qtbot, recorder, handle.request_id)[0][0] == "finished"


def test_out_of_memory_on_load_is_explained_and_recoverable(service, qtbot, monkeypatch):
    import writer_app.engine.loader as loader

    real = loader.load_model

    def no_memory(*args, **kwargs):
        monkeypatch.setattr(loader, "load_model", real)
        raise loader.OutOfMemory("There is not enough memory on the CPU for this model.")

    monkeypatch.setattr(loader, "load_model", no_memory)
    recorder = Recorder()
    failed = recorder.watch(
        service.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=3)))
    )
    [(kind, _rid, message)] = wait_done(qtbot, recorder, failed.request_id)
    assert kind == "failed" and "not enough memory" in message and failed.result.kind == "out-of-memory"
    ok = recorder.watch(
        service.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=3)))
    )
    assert wait_done(qtbot, recorder, ok.request_id)[0][0] == "finished"


def test_out_of_memory_while_embedding_unloads_the_model_and_says_so(service, qtbot, monkeypatch):
    import writer_app.engine.embedding as embedding

    real = embedding.embed_texts

    def no_memory(*args, **kwargs):
        monkeypatch.setattr(embedding, "embed_texts", real)
        raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")

    warm = service.submit(EmbedRequest(model_id="tiny-embed", texts=("warm",)))
    assert warm.wait(60) and warm.state == "finished"
    monkeypatch.setattr(embedding, "embed_texts", no_memory)
    failed = service.submit(EmbedRequest(model_id="tiny-embed", texts=("The cat sat.",)))
    assert failed.wait(60) and failed.state == "failed"
    assert failed.result.kind == "out-of-memory" and "ran out of memory" in failed.result.message
    again = service.submit(EmbedRequest(model_id="tiny-embed", texts=("The cat sat.",)))
    assert again.wait(60) and again.state == "finished"
    assert again.result.load_s > 0  # it was unloaded, and loads again


OOM_TEXT = "\n\n".join(
    f"The miller's daughter walked to town on day {n}. She met the baker there, and they talked of the river."
    for n in range(40)
)


def _oom_request(task: str):
    if task == "continue":
        return ContinueRequest(model_id="tiny-chat", text="Once", settings=GenerationSettings(max_new_tokens=4))
    if task == "ask":
        return AskRequest(model_id="tiny-chat", embed_model_id="tiny-embed", text=OOM_TEXT, question="Who walked?")
    return SummariseRequest(model_id="tiny-chat", embed_model_id="tiny-embed", text=OOM_TEXT, length="short")


@pytest.mark.reliability
@pytest.mark.parametrize(
    "task, broken, model_id",
    [
        ("continue", "writer_app.engine.generation.generate_stream", "tiny-chat"),
        ("ask", "writer_app.engine.generation.generate_stream", "tiny-chat"),
        ("ask", "writer_app.engine.embedding.embed_texts", "tiny-embed"),
        ("summarise", "writer_app.engine.generation.generate_stream", "tiny-chat"),
        ("summarise", "writer_app.engine.embedding.embed_texts", "tiny-embed"),
    ],
)
def test_out_of_memory_in_any_task_unloads_the_model_and_says_so(service, qtbot, monkeypatch, task, broken, model_id):
    module_name, _, function = broken.rpartition(".")
    module = importlib.import_module(module_name)
    real = getattr(module, function)

    def no_memory(*args, **kwargs):
        monkeypatch.setattr(module, function, real)
        raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")

    ready = []
    service.sig_model_ready.connect(lambda info: ready.append(info.model_id))
    warm = service.submit(LoadModelRequest(model_id=model_id))
    assert warm.wait(60) and warm.state == "finished"
    monkeypatch.setattr(module, function, no_memory)
    failed = service.submit(_oom_request(task))
    assert failed.wait(60) and failed.state == "failed", failed.result
    assert failed.result.kind == "out-of-memory"
    assert failed.result.message == "The CPU ran out of memory. Try a shorter passage, the CPU, or a smaller model."
    # Unloaded: asking for the model again loads it afresh.
    again = service.submit(LoadModelRequest(model_id=model_id))
    assert again.wait(60) and again.state == "finished"
    assert ready.count(model_id) == 2
    retried = service.submit(_oom_request(task))
    assert retried.wait(120) and retried.state == "finished", retried.result


def test_models_are_loaded_once_and_reused(service, qtbot):
    recorder = Recorder()
    ready = []
    service.sig_model_ready.connect(lambda info: ready.append(info.model_id))
    load = recorder.watch(service.submit(LoadModelRequest(model_id="tiny-base")))
    [(kind, _rid, loaded)] = wait_done(qtbot, recorder, load.request_id)
    assert kind == "finished" and loaded.model_id == "tiny-base" and loaded.load_s > 0
    handle = recorder.watch(
        service.submit(ContinueRequest(model_id="tiny-base", text="x", settings=GenerationSettings(max_new_tokens=3)))
    )
    [(_kind, _rid, result)] = wait_done(qtbot, recorder, handle.request_id)
    assert result.load_s == 0.0
    assert ready == ["tiny-base"]


def test_embedding_gives_unit_vectors(service, qtbot):
    recorder = Recorder()
    handle = recorder.watch(
        service.submit(EmbedRequest(model_id="tiny-embed", texts=("The cat sat.", "A dog barked loudly.", "")))
    )
    [(kind, _rid, result)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "finished"
    vectors = result.vectors
    assert vectors.shape[0] == 3
    norms = (vectors**2).sum(axis=1) ** 0.5
    assert all(abs(n - 1) < 1e-4 for n in norms)


def test_long_prompt_is_trimmed_at_a_sentence_and_says_so(service, qtbot):
    recorder = Recorder()
    sentences = " ".join(f"Sentence number {n} ends here." for n in range(2000))
    handle = recorder.watch(
        service.submit(
            ContinueRequest(model_id="tiny-base", text=sentences, settings=GenerationSettings(max_new_tokens=4))
        )
    )
    [(kind, _rid, result)] = wait_done(qtbot, recorder, handle.request_id)
    assert kind == "finished"
    assert result.trimmed_chars > 0
    assert sentences[result.trimmed_chars :].startswith("Sentence number")
    assert result.prompt_tokens <= 512


def test_shutdown_joins_the_thread(qapp, tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir, qtbot):
    config = EngineConfig(
        paths=AppPaths.from_environment(),
        catalog=tiny_catalog(tiny_llama_chat_dir, tiny_gpt2_dir, tiny_bert_dir),
        device="cpu",
    )
    service = InferenceService(config)
    recorder = Recorder()
    handle = recorder.watch(
        service.submit(
            ContinueRequest(
                model_id="tiny-base", text="Go on", settings=GenerationSettings(max_new_tokens=5000, temperature=0)
            )
        )
    )
    qtbot.waitUntil(lambda: recorder.tokens(handle.request_id) != "", timeout=60000)
    assert service.shutdown(timeout_ms=20000)
    assert service.thread.isFinished()
