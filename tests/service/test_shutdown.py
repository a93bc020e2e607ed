"""Quitting, or stopping one request, while a model loads, measures its precision or summarises a novel.

The tiny models load in milliseconds, so ``slow_model`` makes every forward
pass of a whole model take a quarter of a second on the worker thread, as a
large model's decoding steps would: a precision probe then takes well over
ten seconds unless it notices Stop between its steps.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer

from writer_app.core.requests import ContinueRequest, GenerationSettings, LoadModelRequest, SummariseRequest
from writer_app.engine.catalog import ModelCatalog, ModelEntry
from writer_app.engine.config import EngineConfig
from writer_app.paths import AppPaths
from writer_app.service.service import InferenceService

pytestmark = [pytest.mark.core, pytest.mark.reliability]

QUIT_WITHIN_S = 2.0
STEP_S = 0.25


@pytest.fixture
def slow_model():
    """Each forward pass of a whole model on a non-main thread sleeps STEP_S (the GIL is free meanwhile).

    Gives the list of the model classes run so far.
    """
    import torch
    from transformers import PreTrainedModel

    ran: list[str] = []

    def hook(module, _args):
        if isinstance(module, PreTrainedModel) and threading.current_thread() is not threading.main_thread():
            ran.append(type(module).__name__)
            time.sleep(STEP_S)

    handle = torch.nn.modules.module.register_module_forward_pre_hook(hook)
    yield ran
    handle.remove()


class Heartbeat:
    """A timer on the GUI thread; the longest gap between its ticks shows how long the GUI thread was blocked."""

    def __init__(self, interval_ms: int = 10):
        self.ticks = [time.perf_counter()]
        self._timer = QTimer(interval=interval_ms)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self._timer.start()

    def stop(self) -> float:
        """The longest gap in seconds, up to now."""
        self._timer.stop()
        self.ticks.append(time.perf_counter())
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:]))


def make_service(quantization: str, *entries: ModelEntry) -> InferenceService:
    config = EngineConfig(
        paths=AppPaths.from_environment(), catalog=ModelCatalog(list(entries)), device="cpu", quantization=quantization
    )
    return InferenceService(config)


def path_entry(model_id: str, folder, roles=("continue",)) -> ModelEntry:
    return ModelEntry(id=model_id, name=model_id, roles=roles, source="path", path=str(folder))


def stages_of(handle) -> list[str]:
    stages: list[str] = []
    handle.sig_progress.connect(lambda progress: stages.append(progress.stage))
    return stages


def quit_and_time(service: InferenceService) -> float:
    started = time.perf_counter()
    assert service.shutdown()
    return time.perf_counter() - started


def test_quit_during_the_precision_probe_is_prompt_and_remembers_no_half_measurement(
    qapp, qtbot, tiny_gpt2_dir, slow_model
):
    service = make_service("auto", path_entry("tiny", tiny_gpt2_dir))
    heartbeat = Heartbeat()
    handle = service.submit(LoadModelRequest(model_id="tiny"))
    stages = stages_of(handle)
    qtbot.waitUntil(lambda: "measuring" in stages, timeout=60000)
    qtbot.wait(int(3 * STEP_S * 1000))  # well into the probe's decoding steps
    assert not handle.done
    elapsed = quit_and_time(service)
    longest_gap = heartbeat.stop()
    assert elapsed < QUIT_WITHIN_S, f"quit took {elapsed:.2f} s"
    assert longest_gap < QUIT_WITHIN_S, f"the GUI thread was blocked for {longest_gap:.2f} s"
    assert handle.state == "stopped"
    assert not service.config.quant_choices_file.exists()  # a cut-short probe is not remembered


@pytest.mark.parametrize("quantization", ["int8", "auto"])
def test_quit_while_the_files_are_read_is_prompt(qapp, qtbot, tiny_gpt2_dir, slow_model, monkeypatch, quantization):
    import transformers

    reading = threading.Event()
    original = transformers.AutoTokenizer.from_pretrained

    def slow_tokenizer(*args, **kwargs):
        reading.set()
        time.sleep(0.5)  # reading a large tokenizer: not interruptible itself
        return original(*args, **kwargs)

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", slow_tokenizer)
    service = make_service(quantization, path_entry("tiny", tiny_gpt2_dir))
    heartbeat = Heartbeat()
    handle = service.submit(LoadModelRequest(model_id="tiny"))
    qtbot.waitUntil(reading.is_set, timeout=60000)
    elapsed = quit_and_time(service)
    longest_gap = heartbeat.stop()
    assert elapsed < QUIT_WITHIN_S, f"quit took {elapsed:.2f} s"
    assert longest_gap < QUIT_WITHIN_S
    assert handle.state == "stopped"


def test_quit_while_summarising_a_whole_novel_is_prompt(qapp, qtbot, tiny_llama_chat_dir, tiny_bert_dir, slow_model):
    service = make_service(
        "none",
        path_entry("chat", tiny_llama_chat_dir, roles=("continue", "instruct")),
        path_entry("embed", tiny_bert_dir, roles=("embed",)),
    )
    novel = "\n\n".join(
        f"Chapter {n}. The miller's daughter walked to town on the {n}th day. She met the baker there, and they "
        "talked of the river, the harvest and the long winter to come." * 5
        for n in range(1, 400)
    )
    heartbeat = Heartbeat()
    handle = service.submit(SummariseRequest(model_id="chat", embed_model_id="embed", text=novel))
    qtbot.waitUntil(lambda: "LlamaForCausalLM" in slow_model, timeout=60000)  # writing the first part's summary
    qtbot.wait(int(2 * STEP_S * 1000))
    assert not handle.done
    elapsed = quit_and_time(service)
    longest_gap = heartbeat.stop()
    assert elapsed < QUIT_WITHIN_S, f"quit took {elapsed:.2f} s"
    assert longest_gap < QUIT_WITHIN_S
    assert handle.state == "stopped"


def test_stop_ends_a_queued_request_at_once_and_a_loading_one_soon(qapp, qtbot, tiny_gpt2_dir, slow_model):
    # What a closing window needs: its requests end now, whatever the worker is busy with.
    service = make_service("auto", path_entry("tiny", tiny_gpt2_dir))
    try:
        loading = service.submit(LoadModelRequest(model_id="tiny"))
        stages = stages_of(loading)
        queued = service.submit(
            ContinueRequest(model_id="tiny", text="Once", settings=GenerationSettings(max_new_tokens=4))
        )
        abandoned = service.submit(
            ContinueRequest(model_id="tiny", text="Twice", settings=GenerationSettings(max_new_tokens=4))
        )
        heard = []
        for signal in (abandoned.sig_stopped, abandoned.sig_finished, abandoned.sig_failed, abandoned.sig_ended):
            signal.connect(lambda *args: heard.append(args))
        qtbot.waitUntil(lambda: "measuring" in stages, timeout=60000)

        queued.stop()
        abandoned.abandon()
        qtbot.waitUntil(lambda: queued.done and abandoned.done, timeout=int(STEP_S * 1000))
        assert queued.state == "stopped" and not queued.result.preempted
        assert not loading.done  # the probe is still measuring: the queued ones did not wait for it
        assert heard == []  # abandoned: it ended without a word

        started = time.perf_counter()
        loading.stop()
        qtbot.waitUntil(lambda: loading.done, timeout=int(QUIT_WITHIN_S * 1000))
        assert loading.state == "stopped", loading.result
        assert time.perf_counter() - started < QUIT_WITHIN_S
        qtbot.waitUntil(lambda: not service.busy, timeout=1000)
    finally:
        assert service.shutdown()


def test_a_request_submitted_while_quitting_ends_as_stopped(qapp, qtbot, tiny_gpt2_dir):
    service = make_service("none", path_entry("tiny", tiny_gpt2_dir))
    late = []

    def submit_more(_outcome):
        late.append(service.submit(LoadModelRequest(model_id="tiny")))

    first = service.submit(
        ContinueRequest(model_id="tiny", text="Go", settings=GenerationSettings(max_new_tokens=5000, temperature=0))
    )
    first.sig_stopped.connect(submit_more)
    tokens = []
    first.sig_token.connect(tokens.append)
    qtbot.waitUntil(lambda: bool(tokens), timeout=60000)
    assert service.shutdown()
    qtbot.waitUntil(lambda: bool(late) and late[0].done, timeout=2000)
    assert first.state == "stopped" and late[0].state == "stopped"
