"""Speculative decoding: a draft model of the same tokenizer, same greedy text, fewer passes of the big model."""

from __future__ import annotations

import threading

import pytest

from writer_app.core.requests import ContinueRequest, GenerationSettings
from writer_app.engine.catalog import ModelCatalog, ModelEntry
from writer_app.engine.config import EngineConfig
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.generation import generate_stream
from writer_app.engine.loader import load_model
from writer_app.paths import AppPaths
from writer_app.service.service import InferenceService

pytestmark = pytest.mark.core

CPU = plan_device("cpu", MachineFacts(cpu_count=2))
GREEDY = GenerationSettings(
    max_new_tokens=30, min_new_tokens=30, temperature=0, repetition_penalty=1.0, no_repeat_ngram_size=0
)
TEXT = "The lighthouse keeper climbed the stairs every evening, and the sea below was grey."


def test_assisted_greedy_text_equals_plain_and_takes_fewer_passes(tiny_llama_chat_dir):
    target = load_model("target", tiny_llama_chat_dir, "causal", CPU)
    # The same weights as the draft: every drafted token is accepted.
    draft = load_model("draft", tiny_llama_chat_dir, "causal", CPU)
    ids = target.tokenizer(TEXT, return_tensors="pt")["input_ids"]
    plain = generate_stream(target, ids, GREEDY, threading.Event(), lambda _t: None)
    target.prompt_cache.clear()
    assisted = generate_stream(target, ids, GREEDY, threading.Event(), lambda _t: None, assistant=draft)
    assert assisted.text == plain.text and assisted.new_tokens == plain.new_tokens
    assert plain.tokens_per_pass == pytest.approx(1.0, abs=0.05)
    # The draft stops at low-confidence tokens, which a random tiny model has many of.
    assert assisted.tokens_per_pass >= 1.5


def test_assisted_generation_starts_from_a_fresh_cache(tiny_llama_chat_dir):
    target = load_model("target", tiny_llama_chat_dir, "causal", CPU)
    draft = load_model("draft", tiny_llama_chat_dir, "causal", CPU)
    ids = target.tokenizer(TEXT, return_tensors="pt")["input_ids"]
    generate_stream(target, ids, GREEDY, threading.Event(), lambda _t: None)
    first = generate_stream(target, ids, GREEDY, threading.Event(), lambda _t: None, assistant=draft)
    second = generate_stream(target, ids, GREEDY, threading.Event(), lambda _t: None, assistant=draft)
    # Its cache holds rejected drafts, so nothing is reused from or kept for it.
    assert first.reused_tokens == second.reused_tokens == 0 and second.text == first.text
    assert target.prompt_cache.cached_tokens == 0


@pytest.fixture
def engine_with_assistant(qapp, tiny_llama_chat_dir):
    catalog = ModelCatalog(
        [
            ModelEntry(
                id="big",
                name="Big",
                roles=("continue",),
                source="path",
                path=str(tiny_llama_chat_dir),
                assistant="small",
            ),
            ModelEntry(id="small", name="Small", roles=("continue",), source="path", path=str(tiny_llama_chat_dir)),
            ModelEntry(
                id="lonely",
                name="Lonely",
                roles=("continue",),
                source="path",
                path=str(tiny_llama_chat_dir),
                assistant="gone",
            ),
        ]
    )
    service = InferenceService(EngineConfig(paths=AppPaths.from_environment(), catalog=catalog, device="cpu"))
    yield service
    assert service.shutdown()


def run_continue(service, model_id: str):
    handle = service.submit(ContinueRequest(model_id=model_id, text=TEXT, settings=GREEDY))
    assert handle.wait(60) and handle.state == "finished", handle.result
    return handle.result


def test_service_uses_the_catalogue_assistant_when_installed(engine_with_assistant):
    result = run_continue(engine_with_assistant, "big")
    assert result.speculative and result.tokens_per_pass > 1
    # A missing assistant is no error: the model writes alone.
    alone = run_continue(engine_with_assistant, "lonely")
    assert not alone.speculative and alone.new_tokens == 30
