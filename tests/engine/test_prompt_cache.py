"""Prefix reuse: the same greedy tokens as a fresh run, only the changed tail read again, stop still immediate."""

from __future__ import annotations

import threading

import pytest
import torch
from transformers import DynamicCache

from writer_app.core.requests import GenerationSettings
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.generation import generate_stream
from writer_app.engine.kv_cache import GrowingCache
from writer_app.engine.loader import load_model
from writer_app.engine.prompt_cache import PromptCache, common_prefix_length

pytestmark = pytest.mark.core

CPU = plan_device("cpu", MachineFacts(cpu_count=2))
GREEDY = GenerationSettings(max_new_tokens=24, min_new_tokens=24, temperature=0)
STORY = (
    "The lighthouse keeper climbed the stairs every evening. The sea below was grey and restless, "
    "and the gulls had gone inland. She lit the lamp and watched the beam sweep across the water. "
    "Far out, a small boat was rowing towards the rocks, and nobody on board seemed to see them."
)


@pytest.fixture(params=["tiny_gpt2_dir", "tiny_llama_chat_dir"])
def loaded(request):
    return load_model("tiny", request.getfixturevalue(request.param), "causal", CPU)


def ids_of(loaded, text):
    return loaded.tokenizer(text, return_tensors="pt", add_special_tokens=False)["input_ids"]


def generate(loaded, ids, settings=GREEDY, stop=None, on_text=lambda _t: None):
    return generate_stream(loaded, ids, settings, stop or threading.Event(), on_text)


def fresh(loaded, ids, settings=GREEDY):
    loaded.prompt_cache.clear()
    return generate(loaded, ids, settings)


def test_common_prefix_length():
    a = torch.tensor([1, 2, 3, 4])
    assert common_prefix_length(a, torch.tensor([1, 2, 9, 4])) == 2
    assert common_prefix_length(a, torch.tensor([1, 2])) == 2
    assert common_prefix_length(a, torch.tensor([7])) == 0
    assert common_prefix_length(a, a.clone()) == 4


def test_repeated_prompt_reads_one_token_and_writes_the_same_greedy_text(loaded):
    ids = ids_of(loaded, STORY)
    first = generate(loaded, ids)
    second = generate(loaded, ids)
    assert first.reused_tokens == 0
    assert second.reused_tokens == ids.shape[1] - 1
    assert second.text == first.text and second.new_tokens == first.new_tokens
    assert fresh(loaded, ids).text == first.text


def test_an_edit_in_the_middle_reuses_only_the_prefix_before_it(loaded):
    original = ids_of(loaded, STORY)
    generate(loaded, original)
    edited_text = STORY.replace("grey and restless", "black and still")
    edited = ids_of(loaded, edited_text)
    changed_at = common_prefix_length(original[0], edited[0])
    assert 0 < changed_at < edited.shape[1] - 10
    reused = generate(loaded, edited)
    assert reused.reused_tokens == changed_at
    assert reused.text == fresh(loaded, edited).text


def test_continuing_after_accepting_text_reads_only_the_new_tail(loaded):
    ids = ids_of(loaded, STORY)
    first = generate(loaded, ids)
    longer = ids_of(loaded, STORY + first.text + " The boat turned.")
    second = generate(loaded, longer)
    # The cache also held the reply, so most of the accepted text is not read again.
    assert second.reused_tokens >= ids.shape[1]
    assert second.text == fresh(loaded, longer).text


def test_a_shorter_prompt_inside_the_cached_one_is_cut_back(loaded):
    ids = ids_of(loaded, STORY)
    generate(loaded, ids)
    head = ids[:, : ids.shape[1] // 2]
    again = generate(loaded, head)
    assert again.reused_tokens == head.shape[1] - 1
    assert again.text == fresh(loaded, head).text


def test_sampled_text_with_a_seed_matches_a_fresh_run(loaded):
    seeded = GenerationSettings(max_new_tokens=20, min_new_tokens=20, seed=7)
    ids = ids_of(loaded, STORY)
    generate(loaded, ids, seeded)
    assert generate(loaded, ids, seeded).text == fresh(loaded, ids, seeded).text


def test_a_failed_request_leaves_no_half_written_cache(loaded, monkeypatch):
    ids = ids_of(loaded, STORY)
    generate(loaded, ids)
    assert loaded.prompt_cache.cached_tokens > 0

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(loaded.model, "generate", broken)
    step = getattr(loaded.model, "decode_step", None)
    if step is not None:  # replies through the decoding step's own loop, not generate
        monkeypatch.setattr(step.stack, "logits", broken)
    with pytest.raises(RuntimeError):
        generate(loaded, ids)
    assert loaded.prompt_cache.cached_tokens == 0


def test_stop_still_takes_effect_within_one_token_when_the_prompt_is_reused(loaded, stop_at_first_text):
    ids = ids_of(loaded, STORY)
    generate(loaded, ids)
    long_run = GenerationSettings(max_new_tokens=300, min_new_tokens=300, temperature=0)
    outcome = generate(loaded, ids, long_run, stop_at_first_text.event, stop_at_first_text.on_text)
    assert outcome.reused_tokens == ids.shape[1] - 1
    assert outcome.stopped and outcome.new_tokens - stop_at_first_text.tokens_at_stop <= 1


def test_growing_cache_gives_the_same_logits_as_the_dynamic_cache(tiny_llama_chat_dir):
    model = load_model("tiny", tiny_llama_chat_dir, "causal", CPU).model
    torch.manual_seed(0)
    prompt = torch.randint(5, 300, (1, 300))  # past the first buffer's headroom: it must grow
    steps = torch.randint(5, 300, (1, 12))
    with torch.inference_mode():
        logits = {}
        for name, cache in (("dynamic", DynamicCache()), ("growing", GrowingCache())):
            out = [model(input_ids=prompt, cache=cache, use_cache=True).logits[:, -1]]
            for i in range(steps.shape[1]):
                out.append(model(input_ids=steps[:, i : i + 1], cache=cache, use_cache=True).logits[:, -1])
            logits[name] = torch.cat(out)
            assert cache.get_seq_length() == 312
        assert torch.allclose(logits["dynamic"], logits["growing"], atol=1e-5)
        # Cropping back and reading again matches a cache that never went further.
        cache = GrowingCache()
        model(input_ids=torch.cat([prompt, steps], 1), cache=cache, use_cache=True)
        cache.crop(-12)
        again = model(input_ids=steps[:, :1], cache=cache, use_cache=True).logits[:, -1]
        assert torch.allclose(again, logits["dynamic"][1:2], atol=1e-5)


def test_a_growing_cache_can_keep_its_keys_and_values_narrower_than_the_model():
    cache = GrowingCache(storage=torch.float16)
    torch.manual_seed(0)
    chunks = [torch.randn(1, 2, length, 8) for length in (5, 300)]  # the second one makes the buffers grow
    for chunk in chunks:
        keys, values = cache.update(chunk, chunk * 2, 0)
    layer = cache.layers[0]
    assert layer._key_buffer.dtype == layer._value_buffer.dtype == torch.float16
    # The model's attention reads them back in its own dtype: the stored values, rounded to fp16.
    stored = torch.cat(chunks, dim=2)
    assert keys.dtype == values.dtype == torch.float32 and keys.shape == stored.shape
    assert torch.equal(keys, stored.half().float()) and torch.equal(values, (stored * 2).half().float())
    cache.crop(-100)
    assert cache.get_seq_length() == 205 and layer.keys.dtype == torch.float16


def test_quantised_model_with_prefix_reuse_matches_its_fresh_run(tiny_llama_chat_dir):
    loaded = load_model("tiny", tiny_llama_chat_dir, "causal", CPU, quantization="int8")
    ids = ids_of(loaded, STORY)
    first = generate(loaded, ids)
    second = generate(loaded, ids)
    assert second.reused_tokens == ids.shape[1] - 1 and second.text == first.text


def test_a_prompt_sharing_only_a_few_tokens_starts_afresh(loaded):
    from writer_app.engine.prompt_cache import MIN_REUSE_TOKENS

    ids = ids_of(loaded, STORY)
    generate(loaded, ids)
    shared = MIN_REUSE_TOKENS - 1
    other = torch.cat([ids[:, :shared], ids[:, shared:].flip(1)], 1)
    assert common_prefix_length(ids[0], other[0]) == shared
    assert generate(loaded, other).reused_tokens == 0


def test_an_empty_prompt_cache_hands_out_a_new_cache():
    cache, reused = PromptCache(lambda _tokens: DynamicCache()).take(torch.tensor([[1, 2, 3, 4, 5, 6]]))
    assert reused == 0 and isinstance(cache, DynamicCache) and cache.get_seq_length() == 0


def test_stop_while_reading_a_long_prompt_keeps_what_was_read(loaded, monkeypatch):
    from writer_app.engine import generation

    monkeypatch.setattr(generation, "PREFILL_CHUNK_TOKENS", 8)
    ids = ids_of(loaded, STORY)
    stop = threading.Event()
    real_forward = loaded.model.forward
    calls = []

    def forward_then_stop(*args, **kwargs):
        calls.append(kwargs["input_ids"].shape[1])
        if len(calls) == 2:
            stop.set()  # the writer presses Stop while the prompt is being read
        return real_forward(*args, **kwargs)

    monkeypatch.setattr(loaded.model, "forward", forward_then_stop)
    outcome = generate(loaded, ids, stop=stop)
    assert outcome.stopped and outcome.new_tokens == 0 and outcome.text == ""
    assert calls == [8, 8]  # reading ended at the chunk after Stop; nothing was generated
    assert loaded.prompt_cache.cached_tokens == 16
    monkeypatch.setattr(loaded.model, "forward", real_forward)
    resumed = generate(loaded, ids)
    assert resumed.reused_tokens == 16 and resumed.text == fresh(loaded, ids).text


def test_static_cache_path_matches_the_dynamic_one_and_is_resized_when_too_small(tiny_llama_chat_dir):
    # The CUDA plan's cache, exercised on the CPU: same greedy text, reuse, and a bigger cache when needed.
    from dataclasses import replace

    from transformers import StaticCache

    dynamic = load_model("tiny", tiny_llama_chat_dir, "causal", CPU)
    static = load_model("tiny", tiny_llama_chat_dir, "causal", replace(CPU, kv_cache="static"))
    ids = ids_of(static, STORY)
    expected = generate(dynamic, ids).text
    first = generate(static, ids)
    assert isinstance(static.prompt_cache._cache, StaticCache)
    assert static.prompt_cache._cache.get_max_length() == 512  # the tiny model's whole window, the cap
    again = generate(static, ids)
    assert first.text == again.text == expected and again.reused_tokens == ids.shape[1] - 1


def test_a_static_cache_too_small_for_the_next_prompt_is_replaced():
    from transformers import LlamaConfig

    from writer_app.engine.kv_cache import make_kv_cache

    config = LlamaConfig(
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        vocab_size=100,
    )
    sizes = []

    def make(tokens):
        sizes.append(tokens)
        return make_kv_cache("static", config, tokens)

    prompts = PromptCache(make)
    cache, _ = prompts.take(torch.ones(1, 10, dtype=torch.long), room=6)
    cache.update(torch.zeros(1, 2, 15, 8), torch.zeros(1, 2, 15, 8), 0)
    cache.update(torch.zeros(1, 2, 15, 8), torch.zeros(1, 2, 15, 8), 1)
    prompts.keep(cache, torch.ones(16, dtype=torch.long))
    assert prompts.take(torch.ones(1, 12, dtype=torch.long), room=4)[1] == 11  # fits: reused
    prompts.keep(cache, torch.ones(16, dtype=torch.long))
    assert prompts.take(torch.ones(1, 12, dtype=torch.long), room=40)[1] == 0  # 52 tokens do not fit in 16
    assert sizes == [16, 52]


def test_alternatives_read_the_prompt_once_and_leave_it_cached(loaded):
    from writer_app.engine.generation import generate_alternatives

    ids = ids_of(loaded, STORY)
    seeded = GenerationSettings(max_new_tokens=12, seed=5)
    generate(loaded, ids)  # a Continue first: its prompt is the alternatives' prompt
    reused = generate_alternatives(loaded, ids, seeded, 3, threading.Event())
    # The shared prompt is still cached afterwards, for one row.
    assert loaded.prompt_cache.cached_tokens == ids.shape[1]
    loaded.prompt_cache.clear()
    from_scratch = generate_alternatives(loaded, ids, seeded, 3, threading.Event())
    assert [r.text for r in reused] == [r.text for r in from_scratch]
    assert len(reused) == 3 and len({r.text for r in reused}) > 1
    again = generate(loaded, ids)
    assert again.reused_tokens == ids.shape[1] - 1 and again.text == fresh(loaded, ids).text
