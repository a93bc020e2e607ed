"""The reply loop against transformers' generate: the same tokens, stops and streamed text, and where it serves."""

from __future__ import annotations

import threading

import pytest
import torch
from transformers import GenerationConfig, LogitsProcessorList, StoppingCriteriaList

from writer_app.core.requests import GenerationSettings
from writer_app.engine import decode_loop
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.generation import generate_stream
from writer_app.engine.kv_cache import GrowingCache
from writer_app.engine.loader import load_model
from writer_app.engine.sampling import TopCandidatesSampler
from writer_app.engine.streaming import CallbackStreamer, NoRepeatNGram, StopOnEvent

pytestmark = pytest.mark.core


@pytest.fixture(scope="module")
def tiny(tiny_llama_chat_dir):
    loaded = load_model("tiny", tiny_llama_chat_dir, "causal", plan_device("cpu", MachineFacts(cpu_count=2)))
    assert loaded.model.decode_step is not None
    return loaded


def prompt(loaded) -> torch.Tensor:
    return loaded.tokenizer("It was a dark and stormy night; the rain fell", return_tensors="pt")["input_ids"]


def both(loaded, config: GenerationConfig, processors=(), event=None, read: int | None = None, seed: int = 5):
    """(tokens, streamed text) from ``decode`` and from ``generate``, each from a cache holding *read* prompt tokens."""
    ids = prompt(loaded)
    runs = []
    for ours in (True, False):
        cache = GrowingCache(loaded.model.decode_step.stack.kv_dtype)
        read_now = ids.shape[1] - 1 if read is None else read
        with torch.inference_mode():
            if read_now:
                loaded.model(input_ids=ids[:, :read_now], cache=cache, use_cache=True)
        pieces = []
        streamer = CallbackStreamer(loaded.tokenizer, pieces.append)
        stopping = StoppingCriteriaList([StopOnEvent(event or threading.Event())])
        options = {"cache": cache, "streamer": streamer, "logits_processor": LogitsProcessorList(processors)}
        assert decode_loop.serves(loaded.model, ids, config, options)
        torch.manual_seed(seed)
        with torch.inference_mode():
            if ours:
                tokens = decode_loop.decode(loaded.model, ids, config, stopping, **options)
            else:
                tokens = loaded.model.generate(
                    input_ids=ids,
                    attention_mask=torch.ones_like(ids),
                    generation_config=config,
                    stopping_criteria=stopping,
                    **options,
                )
        runs.append((tokens.tolist(), "".join(pieces)))
    return runs


def config(loaded, **settings) -> GenerationConfig:
    tokenizer = loaded.tokenizer
    settings = {
        "max_new_tokens": 12,
        "do_sample": False,
        "pad_token_id": tokenizer.pad_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        **settings,
    }
    return GenerationConfig(**settings)


def test_greedy_with_a_repetition_penalty_and_an_ngram_ban_gives_generates_tokens(tiny):
    ours, theirs = both(tiny, config(tiny, repetition_penalty=1.3), [NoRepeatNGram(2)])
    assert ours == theirs
    assert len(ours[0][0]) == prompt(tiny).shape[1] + 12


def test_drawn_tokens_are_the_same_for_the_same_seed(tiny):
    sampler = TopCandidatesSampler(1.0, 20, 0.95, 0.05)
    ours, theirs = both(tiny, config(tiny, repetition_penalty=1.15), [sampler], seed=7)
    assert ours == theirs
    different, _ = both(tiny, config(tiny, repetition_penalty=1.15), [sampler], seed=8)
    assert different[0] != ours[0]  # the draws did happen (a seed changes them)


def test_a_prompt_read_in_part_or_not_at_all_is_finished_first(tiny):
    for read in (0, 3):
        ours, theirs = both(tiny, config(tiny), read=read)
        assert ours == theirs


def test_the_end_token_stops_both_after_it(tiny):
    greedy, _ = both(tiny, config(tiny))
    new = greedy[0][0][prompt(tiny).shape[1] :]
    end = new[4]  # make the fifth token the end of text
    first = new.index(end)
    ours, theirs = both(tiny, config(tiny, eos_token_id=end))
    assert ours == theirs
    assert len(ours[0][0]) == prompt(tiny).shape[1] + first + 1


def test_stop_ends_both_after_the_token_in_hand(tiny):
    event = threading.Event()
    event.set()
    ours, theirs = both(tiny, config(tiny), event=event)
    assert ours == theirs and len(ours[0][0]) == prompt(tiny).shape[1] + 1


def test_other_requests_go_through_generate(tiny):
    ids = prompt(tiny)
    cache = GrowingCache()
    plain = {"cache": cache, "streamer": None}
    assert decode_loop.serves(tiny.model, ids, config(tiny), plain)
    assert not decode_loop.serves(tiny.model, ids.repeat(2, 1), config(tiny), plain)  # several sequences
    assert not decode_loop.serves(tiny.model, ids, config(tiny, do_sample=True), plain)  # transformers' warpers
    assert not decode_loop.serves(
        tiny.model, ids, config(tiny, return_dict_in_generate=True, output_logits=True), plain
    )
    assert not decode_loop.serves(tiny.model, ids, config(tiny), {**plain, "assistant_model": tiny.model})
    assert not decode_loop.serves(tiny.model, ids, config(tiny), {"cache": None})
    with torch.inference_mode():
        tiny.model(input_ids=ids, cache=cache, use_cache=True)
    assert not decode_loop.serves(tiny.model, ids, config(tiny), plain)  # nothing left to read
    own = tiny.model.generation_config
    try:
        tiny.model.generation_config = GenerationConfig(**{**own.to_dict(), "suppress_tokens": [5]})
        assert not decode_loop.serves(tiny.model, ids, config(tiny), {"cache": GrowingCache()})
    finally:
        tiny.model.generation_config = own


def test_replies_go_through_the_loop(tiny, monkeypatch):
    calls = []
    decode = decode_loop.decode
    monkeypatch.setattr(decode_loop, "decode", lambda *args, **kwargs: calls.append(1) or decode(*args, **kwargs))
    settings = GenerationSettings(max_new_tokens=5, min_new_tokens=5, temperature=0.8, seed=2)
    reply = generate_stream(tiny, prompt(tiny), settings, threading.Event(), lambda _t: None)
    assert calls == [1] and reply.new_tokens == 5
    generate_stream(tiny, prompt(tiny), settings, threading.Event(), lambda _t: None, logprobs=True)
    assert calls == [1]  # log-probabilities come from generate's scores
