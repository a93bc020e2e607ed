"""Generation over a loaded tiny model: stop latency, prompt fitting, seeds."""

from __future__ import annotations

import threading

import pytest

from writer_app.core.requests import GenerationSettings
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.generation import fit_text_left, generate_kwargs, generate_stream
from writer_app.engine.loader import load_model

pytestmark = pytest.mark.core


@pytest.fixture(scope="module")
def tiny_base(tiny_gpt2_dir):
    return load_model("tiny", tiny_gpt2_dir, "causal", plan_device("cpu", MachineFacts(cpu_count=2)))


def prompt_ids(loaded, text="It was a dark and stormy night"):
    return loaded.tokenizer(text, return_tensors="pt")["input_ids"]


def test_sampling_settings_map_to_generation_config():
    from transformers import GenerationConfig

    settings = GenerationSettings(
        max_new_tokens=50,
        temperature=0.7,
        top_k=30,
        top_p=0.9,
        min_p=0.1,
        repetition_penalty=1.2,
        no_repeat_ngram_size=3,
    )
    config = GenerationConfig(**generate_kwargs(settings))
    assert (config.do_sample, config.temperature, config.top_k, config.top_p, config.min_p) == (True, 0.7, 30, 0.9, 0.1)
    assert (config.repetition_penalty, config.no_repeat_ngram_size, config.max_new_tokens) == (1.2, 3, 50)


def test_temperature_zero_is_greedy():
    kwargs = generate_kwargs(GenerationSettings(temperature=0))
    assert kwargs["do_sample"] is False and "top_p" not in kwargs


def test_stop_takes_effect_within_one_token(tiny_base, stop_at_first_text):
    settings = GenerationSettings(max_new_tokens=400, min_new_tokens=400, temperature=0)
    outcome = generate_stream(
        tiny_base, prompt_ids(tiny_base), settings, stop_at_first_text.event, stop_at_first_text.on_text
    )
    assert outcome.stopped
    assert stop_at_first_text.tokens_at_stop is not None
    assert outcome.new_tokens - stop_at_first_text.tokens_at_stop <= 1


def test_same_seed_same_text_and_timings(tiny_base):
    settings = GenerationSettings(max_new_tokens=20, min_new_tokens=20, seed=11)
    first = generate_stream(tiny_base, prompt_ids(tiny_base), settings, threading.Event(), lambda _t: None)
    second = generate_stream(tiny_base, prompt_ids(tiny_base), settings, threading.Event(), lambda _t: None)
    assert first.text == second.text
    assert first.new_tokens == 20 and first.prompt_tokens == prompt_ids(tiny_base).shape[1]
    assert first.ttft_s > 0 and first.tokens_per_s > 0 and not first.stopped


def test_fit_text_left_keeps_the_end_from_a_sentence_start(tiny_base):
    text = " ".join(f"The {n}th lantern flickered." for n in range(400))
    fitted = fit_text_left(tiny_base.tokenizer, text, 100)
    assert text.endswith(fitted.text)
    assert fitted.text.startswith("The ") and fitted.trimmed_chars == len(text) - len(fitted.text)
    assert len(tiny_base.tokenizer(fitted.text)["input_ids"]) <= 100
    short = fit_text_left(tiny_base.tokenizer, "Short text.", 100)
    assert (short.text, short.trimmed_chars) == ("Short text.", 0)


def test_one_giant_sentence_is_cut_at_a_token_boundary(tiny_base):
    text = "and " * 2000
    fitted = fit_text_left(tiny_base.tokenizer, text, 50)
    assert 0 < len(fitted.text) < len(text) and text.endswith(fitted.text)


def test_alternatives_are_scored_and_sorted(tiny_base):
    from writer_app.engine.generation import generate_alternatives

    results = generate_alternatives(
        tiny_base, prompt_ids(tiny_base), GenerationSettings(max_new_tokens=12, seed=5), 3, threading.Event()
    )
    assert len(results) == 3
    scores = [r.mean_logprob for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(s < 0 for s in scores)
    assert all(r.text and 0 < r.new_tokens <= 12 and len(r.logprobs) == r.new_tokens for r in results)
    assert all("".join(token.text for token in r.logprobs) == r.text for r in results)
    assert len({r.text for r in results}) > 1


def test_logprobs_of_a_streamed_reply_when_asked(tiny_base):
    settings = GenerationSettings(max_new_tokens=10, min_new_tokens=10, temperature=0)
    plain = generate_stream(tiny_base, prompt_ids(tiny_base), settings, threading.Event(), lambda _t: None)
    scored = generate_stream(
        tiny_base, prompt_ids(tiny_base), settings, threading.Event(), lambda _t: None, logprobs=True
    )
    assert plain.logprobs == () and scored.text == plain.text
    assert len(scored.logprobs) == scored.new_tokens == 10
    assert all(token.logprob <= 0 for token in scored.logprobs)
    assert "".join(token.text for token in scored.logprobs) == scored.text


def ngrams(ids: list[int], n: int) -> list[tuple[int, ...]]:
    return [tuple(ids[i : i + n]) for i in range(len(ids) - n + 1)]


def test_reply_ngram_blocking_stops_loops_but_lets_the_prompt_be_copied(tiny_base):
    import torch

    from writer_app.engine.generation import _generate

    prompt = prompt_ids(tiny_base, "the cat sat on the mat and the cat sat on the mat and the cat")
    greedy = GenerationSettings(
        max_new_tokens=60, min_new_tokens=60, temperature=0, repetition_penalty=1.0, no_repeat_ngram_size=0
    )
    looping = _generate(tiny_base, prompt, greedy, generate_kwargs(greedy), threading.Event(), "testing")[
        0, prompt.shape[1] :
    ].tolist()
    assert len(set(ngrams(looping, 3))) < len(ngrams(looping, 3))  # a random tiny model loops under greedy

    blocked = GenerationSettings(**{**greedy.to_dict(), "reply_no_repeat_ngram_size": 3})
    reply = _generate(tiny_base, prompt, blocked, generate_kwargs(blocked), threading.Event(), "testing")[
        0, prompt.shape[1] :
    ].tolist()
    assert len(set(ngrams(reply, 3))) == len(ngrams(reply, 3))
    # The prompt's 3-grams were not banned: the processor only looks at the reply.
    from writer_app.engine.streaming import NoRepeatNGram

    processor = NoRepeatNGram(3, start=prompt.shape[1])
    scores = processor(prompt, torch.zeros(1, tiny_base.model.config.vocab_size))
    assert torch.isfinite(scores).all()


def test_aligned_cut_keeps_the_start_while_text_is_added_at_the_end(tiny_base):
    text = " ".join(f"The {n}th lantern flickered." for n in range(400))
    texts = [text + " It rained." * extra for extra in range(12)]  # up to 121 characters added
    plain = [fit_text_left(tiny_base.tokenizer, t, 400).trimmed_chars for t in texts]
    aligned = [fit_text_left(tiny_base.tokenizer, t, 400, align_chars=256) for t in texts]
    assert len(set(plain)) >= 4  # unaligned, the start moves every sentence or two
    assert len({fitted.trimmed_chars for fitted in aligned}) <= 2  # aligned, once at most
    for fitted in aligned:
        assert fitted.text.startswith("The ") and len(tiny_base.tokenizer(fitted.text)["input_ids"]) <= 400


def test_the_output_layer_is_shortlisted_only_where_just_the_best_tokens_count(tiny_llama_chat_dir, monkeypatch):
    from writer_app.engine import decode_step

    monkeypatch.setattr(decode_step, "SHORTLIST_FROM", 0)
    loaded = load_model(
        "tiny", tiny_llama_chat_dir, "causal", plan_device("cpu", MachineFacts(cpu_count=2)), quantization="int8"
    )
    stack = loaded.model.decode_step.stack
    assert stack.shortlist is not None
    seen = []
    logits = stack.logits
    stack.logits = lambda x, shortlisted=False: seen.append(shortlisted) or logits(x, shortlisted)

    def shortlisted_steps(logprobs=False, **settings) -> set[bool]:
        seen.clear()
        settings = GenerationSettings(max_new_tokens=4, min_new_tokens=4, seed=3, **settings)
        generate_stream(loaded, prompt_ids(loaded), settings, threading.Event(), lambda _t: None, logprobs=logprobs)
        return set(seen)

    assert shortlisted_steps(temperature=0) == {True}  # greedy
    assert shortlisted_steps(temperature=0.8, top_k=50) == {True}  # drawn among the top 50
    assert shortlisted_steps(temperature=0.8, top_k=0) == {False}  # drawn from the whole vocabulary
    assert shortlisted_steps(temperature=0, logprobs=True) == {False}  # log-probabilities need every logit
