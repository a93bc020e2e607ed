"""DecoderStack against transformers' own forward: Llama and Gemma 3, fp32 and quantised, and its routing."""

from __future__ import annotations

import weakref

import pytest
import torch
from transformers import Gemma3ForCausalLM, Gemma3TextConfig, LlamaConfig, LlamaForCausalLM

from writer_app.engine import decode_step
from writer_app.engine.decode_step import DecodeStep, install
from writer_app.engine.kv_cache import GrowingCache
from writer_app.engine.quantization import Int4WeightLinear, quantise_linears

pytestmark = pytest.mark.core

# Sizes the int4 layers can stack (whole blocks of 64 output rows, inputs in groups of 32).
HIDDEN, HEADS, KV_HEADS, HEAD_DIM = 128, 4, 2, 32


def sizes(layers: int) -> dict:
    return {
        "vocab_size": 96,
        "hidden_size": HIDDEN,
        "intermediate_size": 2 * HIDDEN,
        "num_hidden_layers": layers,
        "num_attention_heads": HEADS,
        "num_key_value_heads": KV_HEADS,
        "head_dim": HEAD_DIM,
        "max_position_embeddings": 4096,
    }


def llama(layers: int = 3) -> LlamaForCausalLM:
    torch.manual_seed(0)
    config = LlamaConfig(**sizes(layers), tie_word_embeddings=True)
    return LlamaForCausalLM(config).eval()


def gemma(layers: int = 3) -> Gemma3ForCausalLM:
    torch.manual_seed(0)
    config = Gemma3TextConfig(
        **sizes(layers),
        query_pre_attn_scalar=HEAD_DIM,
        sliding_window=6,  # shorter than the test's context, so the window is exercised
        layer_types=["sliding_attention", "full_attention", "sliding_attention"][:layers],
    )
    model = Gemma3ForCausalLM(config).eval()
    with torch.no_grad():  # Gemma initialises its norms to zero (scale 1): give them something to do
        for name, parameter in model.named_parameters():
            if "norm" in name:
                parameter.normal_(0.0, 0.3)
    return model


def decode_both(model, step, prompt_tokens: int = 11, steps: int = 8, start: int = 5, storage=None):
    """Logits of *steps* greedy tokens, once through the model's forward and once through *step*.

    *storage*: the dtype the caches keep keys and values in (None: the model's, fp32).
    """
    prompt = (torch.arange(prompt_tokens) * 7 % model.config.vocab_size).unsqueeze(0)
    runs = []
    for use_step in (False, True):
        cache = GrowingCache(storage)
        with torch.inference_mode():
            model(input_ids=prompt, cache=cache, use_cache=True)
            token, logits = torch.tensor([[start]]), []
            for _ in range(steps):
                out = step(token, cache) if use_step else model(input_ids=token, cache=cache, use_cache=True).logits
                logits.append(out[0, -1].float().clone())
                token = out[:, -1:].argmax(-1)
        assert cache.get_seq_length() == prompt_tokens + steps
        runs.append(torch.stack(logits))
    return runs


@pytest.mark.parametrize("build", [llama, gemma], ids=["llama", "gemma3"])
def test_fp32_step_reproduces_the_models_forward(build):
    model = build()
    step = DecodeStep.for_model(model)
    assert step is not None
    reference, ours = decode_both(model, step)
    torch.testing.assert_close(ours, reference, atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("storage", [torch.float16, torch.bfloat16], ids=["fp16", "bf16"])
@pytest.mark.parametrize("build", [llama, gemma], ids=["llama", "gemma3"])
def test_the_step_reads_a_cache_kept_in_16_bits(build, storage):
    model = build()
    step = DecodeStep.for_model(model)
    assert step.stack.kv_dtype in decode_step.KV_DTYPES  # timed on this CPU
    step.stack.kv_dtype = storage
    reference, ours = decode_both(model, step, storage=storage)
    # Both read the same 16-bit keys and values; the step also attends in that dtype (bf16: 8 bits).
    bits = torch.finfo(storage).eps
    torch.testing.assert_close(ours, reference, atol=4 * bits * reference.abs().max(), rtol=0)
    assert torch.equal(ours.argmax(-1), reference.argmax(-1))


@pytest.mark.parametrize(
    ("microseconds", "chosen"),
    [
        ({torch.float16: 100, torch.bfloat16: 80, torch.float32: 70}, torch.float16),  # close: the precise 16 bits
        ({torch.float16: 490, torch.bfloat16: 99, torch.float32: 85}, torch.bfloat16),  # no native fp16 (Zen 4)
        ({torch.float16: 400, torch.bfloat16: 300, torch.float32: 100}, torch.float32),  # 16 bits emulated
        ({torch.bfloat16: 90, torch.float32: 80}, torch.bfloat16),  # fp16 attention unavailable
        ({}, torch.float32),
    ],
)
def test_the_cache_dtype_is_the_quickest_by_a_margin(microseconds, chosen):
    assert decode_step.pick_kv_dtype({dtype: us * 1e-6 for dtype, us in microseconds.items()}) == chosen


@pytest.mark.parametrize("scheme", ["int4", "int8", "fp16"])
@pytest.mark.parametrize("build", [llama, gemma], ids=["llama", "gemma3"])
def test_quantised_step_stays_close_to_the_quantised_forward(build, scheme):
    model = build()
    quantise_linears(model, scheme)
    step = DecodeStep.for_model(model)
    reference, ours = decode_both(model, step, steps=1)
    # Both read the same quantised weights; they differ only in where activations are rounded to bf16.
    scale = reference.abs().max()
    assert (ours - reference).abs().max() <= 0.05 * scale
    assert torch.equal(ours.argmax(-1), reference.argmax(-1))


def test_other_architectures_keep_their_own_forward(tiny_gpt2_dir):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_gpt2_dir)
    assert install(model) is None
    assert "forward" not in vars(model)


def test_install_routes_single_token_steps_and_generates_the_same_text():
    model = llama()
    prompt = torch.tensor([[3, 14, 15, 92, 65, 35, 89, 79]])

    def generate():
        with torch.inference_mode():
            return model.generate(
                input_ids=prompt,
                attention_mask=torch.ones_like(prompt),
                cache=GrowingCache(),
                max_new_tokens=12,
                do_sample=False,
                pad_token_id=0,
            )

    expected = generate()
    step = install(model)
    calls = []
    real = step.runner
    step.runner = lambda *args: calls.append(args[2].shape[0]) or real(*args)
    assert torch.equal(generate(), expected)
    # The prompt goes through the model's forward; each later token through the step, layer by layer.
    layers = model.config.num_hidden_layers
    assert calls == [length for length in range(prompt.shape[1] + 1, prompt.shape[1] + 12) for _ in range(layers)]


def test_other_calls_go_through_the_models_forward():
    model = llama()
    step = install(model)
    calls = []
    step.runner = lambda *args: calls.append(1)
    cache = GrowingCache()
    with torch.inference_mode():
        model(input_ids=torch.tensor([[1, 2, 3]]), cache=cache, use_cache=True)  # a prompt: several tokens
        model(input_ids=torch.tensor([[4]]), cache=GrowingCache(), use_cache=True)  # an empty cache
        model(input_ids=torch.tensor([[4]]), cache=cache, attention_mask=torch.tensor([[0, 1, 1, 1]]))  # padding
        model(input_ids=torch.tensor([[4], [5]]), use_cache=True)  # a batch
    assert calls == []


def test_the_installed_model_is_freed_without_the_cycle_collector():
    model = llama(layers=1)
    install(model)
    freed = weakref.ref(model)
    del model
    assert freed() is None


def test_a_failing_compiled_step_falls_back_to_eager():
    model = llama()
    step = DecodeStep.for_model(model)
    reference, _ = decode_both(model, step, steps=2)

    def broken(*_args):
        raise RuntimeError("shape check failed")

    step.use_compiled(broken, load_s=0.1)
    _, ours = decode_both(model, step, steps=2, storage=step.stack.kv_dtype)
    torch.testing.assert_close(ours, reference, atol=0.02, rtol=0.02)  # the second run's cache may be 16-bit
    assert not step.compiled and step.runner is step.stack.layer


def test_a_compiled_step_serves_only_caches_of_the_dtype_it_was_built_for():
    model = llama()
    step = DecodeStep.for_model(model)
    step.stack.kv_dtype = torch.float16  # as if timed so on this CPU, and the compiled form built for it
    calls = []

    def compiled(*args):
        calls.append(args[4].dtype)
        return step.stack.layer(*args)

    step.use_compiled(compiled)
    decode_both(model, step, steps=2)  # fp32 caches: eager
    assert calls == [] and step.compiled
    decode_both(model, step, steps=2, storage=torch.float16)
    assert calls == [torch.float16] * (2 * model.config.num_hidden_layers)


def test_stacks_that_cannot_be_built_leave_the_model_alone(monkeypatch):
    model = llama()

    def refuse(_layers):
        raise ValueError("int4 layers stack only in whole blocks of 64 rows")

    monkeypatch.setattr(decode_step, "stacked_linear", refuse)
    assert DecodeStep.for_model(model) is None


def shortlisting(monkeypatch, model, shortlist: int = 8) -> DecodeStep:
    """*model* with an int8 output layer and a decoding step that shortlists *shortlist* of its 96 rows."""
    monkeypatch.setattr(decode_step, "SHORTLIST_FROM", 0)
    monkeypatch.setattr(decode_step, "SHORTLIST", shortlist)
    quantise_linears(model, "int8")
    return install(model)


@pytest.mark.parametrize("build", [llama, gemma], ids=["llama", "gemma3"])
def test_a_shortlisted_head_computes_the_best_logits_exactly(build, monkeypatch):
    model = build()
    step = shortlisting(monkeypatch, model)
    stack = step.stack
    assert isinstance(stack.shortlist, Int4WeightLinear)
    head = model.lm_head
    weight = head.weight_int8.float() * head.scales.float()[:, None]
    torch.manual_seed(1)
    with torch.inference_mode():
        for hidden in torch.randn(6, 1, HIDDEN):
            normed = torch.nn.functional.rms_norm(hidden, (HIDDEN,), stack.final_norm, stack.eps)[0]
            # The int8 layer's own arithmetic (bf16 activations), in fp32 throughout.
            exact = weight @ normed.bfloat16().float()
            plain, shortlisted = stack.logits(hidden)[0], stack.logits(hidden, shortlisted=True)[0]
            recomputed = torch.isclose(shortlisted, exact, rtol=0, atol=1e-5)
            assert int(recomputed.sum()) >= 8
            assert int(shortlisted.argmax()) == int(exact.argmax())
            # The rest are the int4 copy's approximations of the same logits.
            assert not recomputed.all()
            assert (shortlisted - plain).abs().mean() < 0.1 * plain.abs().mean()


def test_decoding_shortlists_only_within_the_context(monkeypatch):
    model = llama()
    step = shortlisting(monkeypatch, model)
    seen = []
    logits = step.stack.logits
    step.stack.logits = lambda x, shortlisted=False: seen.append(shortlisted) or logits(x, shortlisted)
    decode_both(model, step, steps=1)
    with decode_step.shortlisted(model):
        decode_both(model, step, steps=2)
    decode_both(model, step, steps=1)
    # Each decode_both steps twice (the installed forward routes through the step too).
    assert seen == [False] * 2 + [True] * 4 + [False] * 2


def test_small_vocabularies_get_no_shortlist():
    model = llama()
    quantise_linears(model, "int8")
    assert install(model).stack.shortlist is None  # 96 rows: the exact layer costs little to read
    with decode_step.shortlisted(model):  # and the context is harmless
        decode_both(model, model.decode_step, steps=1)
