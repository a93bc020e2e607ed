"""Weight-only quantised linears against fp32, the per-machine choice, its quality guard and fallbacks."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from writer_app.engine import quantization
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.loader import load_model
from writer_app.engine.quantization import (
    QuantChoice,
    QuantChoiceStore,
    choose_and_quantise,
    kernel_available,
    mean_loglik,
    pick_fastest,
    quantise_linears,
)

pytestmark = pytest.mark.core

CPU = plan_device("cpu", MachineFacts(cpu_count=2))
# Mean relative error of a layer's output against fp32, per scheme, on random weights.
LAYER_TOLERANCE = {"fp16": 2e-3, "int8": 3e-2, "int4": 0.2}


@pytest.fixture(autouse=True)
def fresh_kernel_checks():
    kernel_available.cache_clear()
    yield
    kernel_available.cache_clear()


def load_tiny(folder, quant="none", store=None):
    return load_model("tiny", folder, "causal", CPU, quantization=quant, quant_store=store)


@pytest.mark.parametrize("scheme", ["fp16", "int8", "int4"])
@pytest.mark.parametrize("rows", [1, 40])  # decoding one token, reading a prompt
def test_quantised_layer_stays_close_to_fp32(scheme, rows):
    if not kernel_available(scheme):
        pytest.skip(f"{scheme} kernels are not in this torch build")
    torch.manual_seed(3)
    linear = nn.Linear(256, 96)
    layer = quantization.LINEAR_CLASSES[scheme](linear)
    x = torch.randn(2, rows, 256)
    with torch.inference_mode():
        want, got = linear(x), layer(x)
    assert got.shape == want.shape and got.dtype == torch.float32
    error = float((got - want).abs().mean() / want.abs().mean())
    assert error < LAYER_TOLERANCE[scheme]
    if scheme != "fp16":
        assert error > 0  # it really is quantised


def test_int4_reproduces_weights_already_on_a_4_bit_grid():
    # The packaged GGUF models are 4-bit: re-quantising such weights loses (almost) nothing.
    torch.manual_seed(1)
    linear = nn.Linear(128, 64, bias=False)
    scale = torch.rand(64, 4, 1) * 0.1 + 0.01
    low = -8 * scale
    q = torch.randint(0, 16, (64, 4, 32)).float()
    q[..., 0], q[..., 1] = 0, 15  # each group spans the whole grid
    linear.weight.data = (q * scale + low).reshape(64, 128)
    layer = quantization.Int4WeightLinear(linear)
    x = torch.randn(3, 128)
    with torch.inference_mode():
        error = float((layer(x) - linear(x)).abs().mean() / linear(x).abs().mean())
    assert error < 0.01


@pytest.mark.parametrize("rows", [192, 208])  # whole 64-row blocks, and a last block of 16
def test_int4_packs_a_block_of_rows_at_a_time_into_the_same_layer(rows, monkeypatch):
    torch.manual_seed(2)
    linear = nn.Linear(96, rows, bias=False)
    whole = quantization.Int4WeightLinear(linear)
    monkeypatch.setattr(quantization, "_BLOCK_ROWS", 64)
    blocks = quantization.Int4WeightLinear(linear)
    assert torch.equal(blocks.packed, whole.packed) and torch.equal(blocks.scales_zeros, whole.scales_zeros)
    x = torch.randn(1, 96)
    with torch.inference_mode():
        assert torch.equal(blocks(x), whole(x))


def test_int4_copies_another_quantised_layer_through_its_rows():
    torch.manual_seed(4)
    linear = nn.Linear(128, 192, bias=False)
    int8 = quantization.Int8WeightLinear(linear)
    copy = quantization.Int4WeightLinear(int8)
    x = torch.randn(1, 128)
    with torch.inference_mode():
        want = int8(x)
        error = float((copy(x) - want).abs().mean() / want.abs().mean())
    assert 0 < error < LAYER_TOLERANCE["int4"]


def test_quantising_a_model_replaces_every_linear_and_shrinks_it(tiny_llama_chat_dir):
    plain = load_tiny(tiny_llama_chat_dir)
    int8 = load_tiny(tiny_llama_chat_dir, "int8")
    assert int8.quant.scheme == "int8" and int8.quant.reason == "chosen in settings"
    assert not any(type(m) is nn.Linear for m in int8.model.modules())
    assert int8.bytes < plain.bytes
    assert plain.quant is None  # "none" leaves the model alone


@pytest.mark.parametrize(("scheme", "margin"), [("fp16", 1e-3), ("int8", 0.02), ("int4", 0.3)])
def test_quantised_model_loglik_stays_within_a_bound_of_fp32(tiny_llama_chat_dir, scheme, margin):
    if not kernel_available(scheme):
        pytest.skip(f"{scheme} kernels are not in this torch build")
    plain = load_tiny(tiny_llama_chat_dir)
    quantised = load_tiny(tiny_llama_chat_dir, scheme)
    ids = quantization.guard_ids(plain.tokenizer)
    assert ids.shape[1] > 50
    base, got = mean_loglik(plain.model, ids), mean_loglik(quantised.model, ids)
    assert abs(got - base) < margin


@pytest.mark.parametrize("scheme", ["fp16", "int8", "int4"])
def test_a_tied_embedding_reads_the_quantised_output_layer_and_the_fp32_matrix_goes(tiny_llama_chat_dir, scheme):
    if not kernel_available(scheme):
        pytest.skip(f"{scheme} kernels are not in this torch build")
    plain = load_tiny(tiny_llama_chat_dir)
    shape = tuple(plain.model.get_input_embeddings().weight.shape)
    assert plain.model.get_input_embeddings().weight is plain.model.lm_head.weight  # the fixture is tied
    quantised = load_tiny(tiny_llama_chat_dir, scheme)
    embedding = quantised.model.get_input_embeddings()
    assert isinstance(embedding, quantization.TiedEmbedding)
    assert embedding.head is quantised.model.lm_head  # one quantised matrix serves both
    assert not any(tuple(t.shape) == shape and t.dtype == torch.float32 for t in quantised.model.parameters())
    ids = torch.arange(shape[0]).reshape(4, -1)
    with torch.inference_mode():
        want, got = plain.model.get_input_embeddings()(ids), embedding(ids)
    assert got.shape == want.shape and got.dtype == torch.float32
    assert float((got - want).abs().mean() / want.abs().mean()) < LAYER_TOLERANCE["int8"]


def test_a_tied_embedding_keeps_the_models_scale():
    # Gemma 3 multiplies looked-up rows by sqrt(hidden size).
    torch.manual_seed(2)
    embedding = nn.Embedding(64, 32)
    embedding.embed_scale = torch.tensor(32**0.5)
    head = nn.Linear(32, 64, bias=False)
    head.weight = embedding.weight
    layer = quantization.Fp16WeightLinear(head)
    assert quantization.TiedEmbedding.ties(embedding, head, layer)
    assert not quantization.TiedEmbedding.ties(nn.Embedding(64, 32), head, layer)  # untied: kept as is
    ids = torch.tensor([[0, 5, 63]])
    with torch.inference_mode():
        got = quantization.TiedEmbedding(embedding, layer)(ids)
        want = embedding(ids) * embedding.embed_scale
    torch.testing.assert_close(got, want, rtol=2e-3, atol=2e-3)


def test_a_missing_kernel_falls_back_to_fp32(tiny_llama_chat_dir, monkeypatch):
    def missing(*_args, **_kwargs):
        raise RuntimeError("not compiled with int4 support")

    monkeypatch.setattr(torch.ops.aten, "_weight_int4pack_mm_for_cpu", missing)
    assert not kernel_available("int4")
    loaded = load_tiny(tiny_llama_chat_dir, "int4")
    assert loaded.quant.scheme == "none" and "not available" in loaded.quant.reason
    assert all(type(m) is nn.Linear for m in loaded.model.modules() if hasattr(m, "in_features"))
    # "auto" never picks it either.
    auto = load_tiny(tiny_llama_chat_dir, "auto")
    assert "int4" not in auto.quant.step_ms and auto.quant.scheme != "int4"


def test_auto_probes_once_then_remembers_the_choice(tiny_llama_chat_dir, tmp_path, monkeypatch):
    store = QuantChoiceStore(tmp_path / "quantization.json")
    announced = []
    first = load_model(
        "tiny",
        tiny_llama_chat_dir,
        "causal",
        CPU,
        quantization="auto",
        quant_store=store,
        on_probe=lambda: announced.append(1),
    )
    assert announced == [1]
    assert set(first.quant.step_ms) >= {"none", "fp16"}
    assert first.quant.loglik_delta is not None and abs(first.quant.loglik_delta) <= quantization.LOGLIK_MARGIN

    def no_probe(*_args):
        raise AssertionError("probed again")

    monkeypatch.setattr(quantization, "_probe", no_probe)
    second = load_model(
        "tiny",
        tiny_llama_chat_dir,
        "causal",
        CPU,
        quantization="auto",
        quant_store=store,
        on_probe=lambda: announced.append(2),
    )
    assert second.quant == first.quant and announced == [1]
    kinds = {type(m).__name__ for m in second.model.modules()}
    if first.quant.scheme != "none":
        assert quantization.LINEAR_CLASSES[first.quant.scheme].__name__ in kinds


def quantised_is_faster(_model, trials, **_options):
    # Tiny layers are too small for the kernels to matter: make fp32 the slowest.
    return {name: 100.0 if name == "none" else 1.0 for name in trials}


def test_auto_takes_the_fastest_scheme_that_passes_the_guard(tiny_llama_chat_dir, monkeypatch):
    monkeypatch.setattr(quantization, "time_decode_steps", quantised_is_faster)
    loaded = load_tiny(tiny_llama_chat_dir, "auto")
    # All quantised schemes tie, so the most precise available one wins.
    assert loaded.quant.scheme == "fp16" and loaded.quant.reason == "fastest within the quality margin"
    assert isinstance(loaded.model.lm_head, quantization.Fp16WeightLinear)


def test_schemes_that_fail_the_quality_guard_are_undone(tiny_llama_chat_dir, monkeypatch):
    monkeypatch.setattr(quantization, "time_decode_steps", quantised_is_faster)
    monkeypatch.setattr(quantization, "LOGLIK_MARGIN", -1.0)  # nothing can pass
    loaded = load_tiny(tiny_llama_chat_dir, "auto")
    assert loaded.quant.scheme == "none" and loaded.quant.reason == "no scheme passed the quality guard"
    assert all(type(m) is nn.Linear for m in loaded.model.modules() if hasattr(m, "in_features"))
    assert type(loaded.model.get_input_embeddings()) is nn.Embedding
    plain = load_tiny(tiny_llama_chat_dir)
    ids = quantization.guard_ids(plain.tokenizer)
    assert mean_loglik(loaded.model, ids) == pytest.approx(mean_loglik(plain.model, ids), abs=1e-5)


def test_the_fastest_scheme_wins_unless_a_more_precise_one_is_nearly_as_fast():
    assert pick_fastest({"none": 60, "int4": 9, "int8": 14, "fp16": 15})[0] == "int4"
    assert pick_fastest({"none": 60, "int4": 10, "int8": 14, "fp16": 10.5})[:2] == ["fp16", "int4"]
    assert pick_fastest({"none": 5, "int4": 9})[0] == "none"
    assert sorted(pick_fastest({"none": 1, "int4": 2, "int8": 3, "fp16": 4})) == ["fp16", "int4", "int8", "none"]


def test_a_broken_store_is_ignored_and_rewritten(tmp_path):
    path = tmp_path / "quantization.json"
    path.write_text("{not json", encoding="utf-8")
    store = QuantChoiceStore(path)
    assert store.get("k") is None
    store.put("k", QuantChoice("int8", {"int8": 1.0}))
    assert QuantChoiceStore(path).get("k").scheme == "int8"


def test_unknown_preference_is_refused():
    with pytest.raises(ValueError):
        choose_and_quantise(nn.Linear(4, 4), "int3", None, None, "k")


def test_forced_scheme_quantises_in_place():
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 8))
    assert quantise_linears(model, "fp16") == 2
    assert isinstance(model[0], quantization.Fp16WeightLinear)


def test_the_store_creates_its_folder_in_a_fresh_cache(tmp_path):
    # The installers' bundled models are never converted, so nothing else creates cache/models.
    path = tmp_path / "fresh-cache" / "models" / "quantization.json"
    QuantChoiceStore(path).put("k", QuantChoice("int4", {"int4": 1.0}))
    assert QuantChoiceStore(path).get("k").scheme == "int4"


class StopAfter:
    """A stop flag that reads as set from its *n*-th check on (a writer pressing Stop mid-probe)."""

    def __init__(self, n: int):
        self.checks = 0
        self._n = n

    def is_set(self) -> bool:
        self.checks += 1
        return self.checks >= self._n


@pytest.mark.reliability
@pytest.mark.parametrize("preference", ["auto", "int8"])
def test_stop_during_quantising_raises_stopped_and_remembers_nothing(tiny_llama_chat_dir, tmp_path, preference):
    from writer_app.core.errors import Stopped

    store = QuantChoiceStore(tmp_path / "choices.json")
    stop = StopAfter(5)
    with pytest.raises(Stopped):
        load_model("tiny", tiny_llama_chat_dir, "causal", CPU, quantization=preference, quant_store=store, stop=stop)
    assert stop.checks == 5  # it was asked between steps, and went no further once set
    assert not store.path.exists()


@pytest.mark.parametrize("scheme", ["int8", "int4"])
def test_a_widened_weight_computes_what_the_kernel_computes(scheme):
    if not kernel_available(scheme):
        pytest.skip(f"{scheme} kernels are not in this torch build")
    torch.manual_seed(5)
    layer = quantization.LINEAR_CLASSES[scheme](nn.Linear(256, 128))
    if scheme == "int4":
        assert layer._unpackable  # torch's CPU packing is the layout the layer reads back
    x = torch.randn(4, 256)
    with torch.inference_mode():
        kernel = layer._matmul(x).float()
        widened = torch.nn.functional.linear(x.to(torch.bfloat16), layer._weight_bf16()).float()
    assert float((kernel - widened).abs().mean()) < 0.02 * float(kernel.abs().mean())


def test_widened_weights_are_held_for_the_block_only(tiny_gpt2_dir):
    loaded = load_tiny(tiny_gpt2_dir, "int8")
    layers = [m for m in loaded.model.modules() if isinstance(m, quantization._WeightOnlyLinear)]
    assert layers
    with quantization.widened_weights(loaded.model):
        held = [layer._held is not None for layer in layers]
    assert all(layer._held is None for layer in layers)
    assert all(held) == quantization.bf16_reading_is_faster()


@pytest.mark.parametrize("scheme", ["none", "fp16", "int8", "int4"])
def test_stacked_layers_compute_side_by_side_without_a_second_copy(scheme):
    torch.manual_seed(0)
    plain = [nn.Linear(128, 128, bias=False), nn.Linear(128, 64, bias=False), nn.Linear(128, 64, bias=False)]
    layers = plain if scheme == "none" else [quantization.LINEAR_CLASSES[scheme](layer) for layer in plain]
    rows = torch.randn(3, 128)
    before = [layer(rows) for layer in layers]
    stacked = quantization.stacked_linear(layers)
    torch.testing.assert_close(stacked(rows), torch.cat(before, -1))
    name = {"none": "weight", "fp16": "weight_fp16", "int8": "weight_int8", "int4": "packed"}[scheme]
    storage = getattr(stacked, name).untyped_storage().data_ptr()
    for layer, expected in zip(layers, before):
        torch.testing.assert_close(layer(rows), expected)  # each layer still computes its own part
        assert getattr(layer, name).untyped_storage().data_ptr() == storage


def test_layers_that_cannot_be_stacked_are_refused():
    torch.manual_seed(0)
    int4 = quantization.Int4WeightLinear
    with pytest.raises(ValueError, match="blocks of 64"):
        quantization.stacked_linear([int4(nn.Linear(128, 128)), int4(nn.Linear(128, 96))])
    with pytest.raises(TypeError):
        quantization.stacked_linear([int4(nn.Linear(128, 128)), quantization.Int8WeightLinear(nn.Linear(128, 64))])
