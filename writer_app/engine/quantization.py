"""Weight-only quantised linear layers for decoding on the CPU, and choosing one per machine.

Decoding one token reads every weight once, so on a CPU its speed is set by
how many bytes the weights take and by how well the matmul kernel streams
them. Each scheme here keeps activations, norms and attention in fp32 and
stores only the ``nn.Linear`` weights smaller (the KV cache's dtype is
``kv_cache``'s and ``decode_step``'s business):

- ``int4``: 4-bit groups of 32 with a bf16 scale and zero point (torch's
  ``_weight_int4pack_mm_for_cpu``; the packaged GGUF models were 4-bit to begin
  with), the output layer in int8 (as in llama.cpp's own 4-bit files),
- ``int8``: one scale per output channel (``_weight_int8pack_mm``),
- ``fp16``: half-precision weights (torch's fp16 matmul at batch 1),
- ``none``: the plain fp32 model.

When the input embedding shares its matrix with the output layer (tied, as
in SmolLM2 and Gemma 3), it then looks its rows up in the quantised output
layer (``TiedEmbedding``) and the fp32 matrix is freed.

Kernels differ wildly between CPUs (AVX2, AVX-512, ARM), so the first load
of a model times a decoding step with every available scheme; the fastest one
whose quality guard passes is used, and the choice is remembered per machine
and model in the cache folder.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import platform
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

from writer_app.core.errors import raise_if_stopped

log = logging.getLogger(__name__)

SCHEMES = ("int4", "int8", "fp16", "none")
QUANT_CHOICES = ("auto",) + SCHEMES
# Order of preference when two schemes are about as fast: the more precise first.
_PRECISION_ORDER = ("none", "fp16", "int8", "int4")
# Changes when what a scheme installs changes (int4's output layer became int8), so choices are probed again.
_LAYOUT = "int4-head-int8"
# A scheme must be this much faster than a more precise one to be preferred.
_SPEED_MARGIN = 1.05
GROUP_SIZE = 32
# Prompts are read in one batch of many tokens; past this many rows the weight
# is widened to fp32 for a regular matmul, which is faster there than the
# batch-1 kernels (measured for fp16; int4 and int8 stay fast at any size).
_FP16_WIDEN_ROWS = 8
# From this many rows int4 and int8 layers widen their weight to bf16 where that is faster
# (bf16_reading_is_faster): prompts and scored text, never a decoding step.
READ_ROWS = 64
# Int4WeightLinear packs this many output rows at a time (a multiple of the packed layout's 64).
_BLOCK_ROWS = 16384
# Quality guard: mean log-likelihood per token of a fixed passage may drop by at
# most this much (nats) against fp32, or the next scheme is tried.
LOGLIK_MARGIN = 0.05


class _WeightOnlyLinear(nn.Module):
    """A linear layer whose weight is stored small; inputs and outputs stay in the model's dtype."""

    scheme = ""

    def __init__(self, linear: nn.Linear):
        super().__init__()
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach().float(), requires_grad=False)

    @staticmethod
    def supports(linear: nn.Linear) -> bool:
        return True

    def _matmul(self, rows: torch.Tensor) -> torch.Tensor:
        """``rows @ W^T`` for a 2-D input."""
        raise NotImplementedError

    _held: torch.Tensor | None = None  # the widened weight, kept while widened_weights() is open
    widen_each_call = True  # outside widened_weights too (no quicker path for many rows)

    def _weight_bf16(self) -> torch.Tensor | None:
        """The weight widened to bf16 (out x in), for reading many rows at once; None if not offered."""
        return None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rows = x.reshape(-1, self.in_features)
        if rows.shape[0] >= READ_ROWS and bf16_reading_is_faster():
            # Reading a prompt or scoring a text: the batch-1 kernels are slow at hundreds of rows,
            # and a bf16 matmul of the weight widened on the fly is several times quicker (AMX).
            weight = self._held if self._held is not None or not self.widen_each_call else self._weight_bf16()
            if weight is not None:
                out = F.linear(rows.to(torch.bfloat16), weight)
                out = out.to(x.dtype).reshape(*x.shape[:-1], self.out_features)
                return out if self.bias is None else out + self.bias
        out = self._matmul(rows).to(x.dtype).reshape(*x.shape[:-1], self.out_features)
        return out if self.bias is None else out + self.bias


class Int4WeightLinear(_WeightOnlyLinear):
    """``y = x W^T + b`` with W in asymmetric 4-bit groups of ``GROUP_SIZE`` along the input.

    *linear* is an ``nn.Linear`` or another quantised layer (its ``rows``): its
    weight is read and packed ``_BLOCK_ROWS`` output rows at a time, so that a
    262,144-row output layer never stands widened to fp32 whole.
    """

    scheme = "int4"

    def __init__(self, linear: nn.Module, group_size: int = GROUP_SIZE):
        super().__init__(linear)
        self.group_size = group_size
        packed, scales_zeros = [], []
        for start in range(0, self.out_features, _BLOCK_ROWS):
            stop = min(start + _BLOCK_ROWS, self.out_features)
            if isinstance(linear, nn.Linear):
                weight = linear.weight.detach()[start:stop].to(torch.float32, copy=True)
            else:
                weight = linear.rows(slice(start, stop))  # a fresh tensor
            groups = weight.view(stop - start, self.in_features // group_size, group_size)
            low, high = groups.amin(-1), groups.amax(-1)
            # The kernel computes (q - 8) * scale + zero with bf16 scale and zero:
            # round those first, then pick each q against the rounded grid.
            scale = ((high - low) / 15).clamp(min=1e-6).to(torch.bfloat16).float()
            zero = (low + 8 * scale).to(torch.bfloat16).float()
            # In place: new tensors of this size cost more in page faults than in arithmetic (2.5x).
            q = groups.sub_(zero[..., None]).div_(scale[..., None]).add_(8).round_().clamp_(0, 15)
            q = q.to(torch.int32).view(weight.shape)
            packed.append(torch.ops.aten._convert_weight_to_int4pack_for_cpu(q, 1))
            scales_zeros.append(torch.stack([scale, zero], -1).transpose(0, 1).to(torch.bfloat16))
            if start == 0:
                # Whether the packed layout is the one _unpack_int4 reads (torch's CPU layout: blocks of 64
                # output rows, each byte one input column of row j and row j + 32); else no bf16 reading.
                whole = self.out_features % 64 == 0
                self._unpackable = whole and torch.equal(_unpack_int4(packed[0]), q)
        # Blocks of whole 64-row groups: their packed rows line up end to end.
        self.register_buffer("packed", torch.cat(packed))
        self.register_buffer("scales_zeros", torch.cat(scales_zeros, 1).contiguous())

    @staticmethod
    def supports(linear: nn.Linear) -> bool:
        return linear.in_features % GROUP_SIZE == 0 and linear.in_features >= GROUP_SIZE

    def _weight_bf16(self) -> torch.Tensor | None:
        if not self._unpackable:
            return None
        groups = self.in_features // self.group_size
        q = _unpack_int4(self.packed).reshape(self.out_features, groups, self.group_size).to(torch.bfloat16)
        scale, zero = self.scales_zeros.transpose(0, 1).unbind(-1)  # (out, groups) each
        return ((q - 8) * scale[..., None] + zero[..., None]).reshape(self.out_features, self.in_features)

    def _matmul(self, rows: torch.Tensor) -> torch.Tensor:
        # The packed kernels are fast only with bf16 activations (fp32 takes a scalar path).
        return torch.ops.aten._weight_int4pack_mm_for_cpu(
            rows.to(torch.bfloat16), self.packed, self.group_size, self.scales_zeros
        )


def _unpack_int4(packed: torch.Tensor) -> torch.Tensor:
    """The 4-bit values of a packed (out x in/2) weight as an (out x in) tensor."""
    out_features, in_features = packed.shape[0], packed.shape[1] * 2
    blocks = packed.reshape(out_features // 64, in_features, 32)
    values = torch.cat([blocks & 0xF, blocks >> 4], dim=2)  # (blocks, in, 64)
    return values.transpose(1, 2).reshape(out_features, in_features)


class Int8WeightLinear(_WeightOnlyLinear):
    """``y = x W^T + b`` with W in int8, one symmetric scale per output channel."""

    scheme = "int8"

    def __init__(self, linear: nn.Linear):
        super().__init__(linear)
        weight = linear.weight.detach().float()
        scale = (weight.abs().amax(1) / 127).clamp(min=1e-8)
        self.register_buffer(
            "weight_int8", (weight / scale[:, None]).round().clamp(-127, 127).to(torch.int8).contiguous()
        )
        self.register_buffer("scales", scale.to(torch.bfloat16))

    def _matmul(self, rows: torch.Tensor) -> torch.Tensor:
        return torch._weight_int8pack_mm(rows.to(torch.bfloat16), self.weight_int8, self.scales)

    def _weight_bf16(self) -> torch.Tensor:
        return self.weight_int8.to(torch.bfloat16) * self.scales[:, None]

    def rows(self, index: torch.Tensor | slice) -> torch.Tensor:
        """Rows *index* of the weight in fp32 (an embedding lookup when the layer is tied to one)."""
        return self.weight_int8[index].float().mul_(self.scales[index].float()[..., None])


class Fp16WeightLinear(_WeightOnlyLinear):
    """``y = x W^T + b`` with W stored in fp16."""

    scheme = "fp16"

    def __init__(self, linear: nn.Linear):
        super().__init__(linear)
        self.register_buffer("weight_fp16", linear.weight.detach().to(torch.float16).contiguous())

    # Its fp32 matmul for many rows is exact and about as quick; bf16 only within widened_weights().
    widen_each_call = False

    def _weight_bf16(self) -> torch.Tensor:
        return self.weight_fp16.to(torch.bfloat16)

    def rows(self, index: torch.Tensor | slice) -> torch.Tensor:
        """Rows *index* of the weight in fp32 (an embedding lookup when the layer is tied to one)."""
        return self.weight_fp16[index].float()

    def _matmul(self, rows: torch.Tensor) -> torch.Tensor:
        if rows.shape[0] > _FP16_WIDEN_ROWS:  # reading a prompt: fp32 matmul, faster there
            return rows @ self.weight_fp16.to(rows.dtype).T
        return F.linear(rows.to(torch.float16), self.weight_fp16)


class TiedEmbedding(nn.Module):
    """An input embedding that reads its rows from the quantised output layer it was tied to.

    Small models share one matrix between the input embedding and the output
    layer, and for a large vocabulary it is most of the model (Gemma 3 270M:
    262,144 × 640, 640 MB in fp32). Once the output layer is quantised, keeping
    the fp32 original only for looking rows up would hold that matrix twice;
    here the lookup reads the quantised copy and widens just the rows it needs.
    """

    def __init__(self, embedding: nn.Embedding, head: "_WeightOnlyLinear"):
        super().__init__()
        self.head = head
        self.num_embeddings, self.embedding_dim = head.out_features, head.in_features
        self.padding_idx = getattr(embedding, "padding_idx", None)
        # Gemma multiplies its embeddings by sqrt(hidden size) (Gemma3TextScaledWordEmbedding).
        scale = getattr(embedding, "embed_scale", None)
        self.embed_scale = None if scale is None else torch.as_tensor(scale, dtype=torch.float32).clone()

    @staticmethod
    def ties(embedding: nn.Module | None, head: nn.Module | None, layer: nn.Module | None) -> bool:
        """Whether *embedding* shares its weight with the output layer *head*, and *layer* can stand in for it."""
        weight = getattr(embedding, "weight", None)
        return (
            weight is not None
            and weight is getattr(head, "weight", None)
            and hasattr(layer, "rows")
            and tuple(weight.shape) == (layer.out_features, layer.in_features)
        )

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        rows = self.head.rows(input_ids)
        return rows if self.embed_scale is None else rows * self.embed_scale


def stacked_linear(layers: list[nn.Module]) -> nn.Module:
    """One layer computing *layers*' outputs side by side, from their weights stacked (one matmul, not several).

    The layers must share their input and their kind (plain, int4, int8 or fp16).
    Afterwards each of them reads its weight from the stacked one, so the
    weights are not held twice (only int4's small scales are: the kernel needs
    them contiguous).
    """
    kind = type(layers[0])
    if any(type(layer) is not kind for layer in layers):
        raise TypeError("layers of different kinds cannot be stacked")
    biases = [layer.bias for layer in layers]
    if any(bias is None for bias in biases) and any(bias is not None for bias in biases):
        raise ValueError("some layers have a bias and some do not")
    bias = None if biases[0] is None else torch.cat([b.detach() for b in biases])
    if kind is nn.Linear:
        stacked = nn.Linear(layers[0].in_features, sum(layer.out_features for layer in layers), bias=bias is not None)
        stacked.weight = nn.Parameter(torch.cat([layer.weight.detach() for layer in layers]), requires_grad=False)
        if bias is not None:
            stacked.bias = nn.Parameter(bias, requires_grad=False)
        _share_rows(stacked, layers)
        return stacked
    if not issubclass(kind, _WeightOnlyLinear):
        raise TypeError(f"{kind.__name__} cannot be stacked")
    stacked = kind.__new__(kind)
    nn.Module.__init__(stacked)
    stacked.in_features = layers[0].in_features
    stacked.out_features = sum(layer.out_features for layer in layers)
    stacked.bias = None if bias is None else nn.Parameter(bias, requires_grad=False)
    if kind is Int4WeightLinear:
        # The packed layout holds blocks of 64 output rows: whole blocks stack along the rows.
        if any(layer.out_features % 64 for layer in layers) or len({layer.group_size for layer in layers}) > 1:
            raise ValueError("int4 layers stack only in whole blocks of 64 rows and one group size")
        stacked.group_size = layers[0].group_size
        stacked.register_buffer("packed", torch.cat([layer.packed for layer in layers]))
        stacked.register_buffer("scales_zeros", torch.cat([layer.scales_zeros for layer in layers], dim=1))
        stacked._unpackable = all(layer._unpackable for layer in layers)
    else:
        for name in {Int8WeightLinear: ("weight_int8", "scales"), Fp16WeightLinear: ("weight_fp16",)}[kind]:
            stacked.register_buffer(name, torch.cat([getattr(layer, name) for layer in layers]))
    _share_rows(stacked, layers)
    return stacked


def _share_rows(stacked: nn.Module, layers: list[nn.Module]) -> None:
    """Point each of *layers*' row-stacked weights at its rows of *stacked* (views, no copy)."""
    start = 0
    for layer in layers:
        end = start + layer.out_features
        for name, tensor in list(stacked.named_parameters(recurse=False)) + list(stacked.named_buffers(recurse=False)):
            if name in ("scales_zeros", "bias"):
                continue  # int4's scales stack along their second axis; a view there is not contiguous
            rows = tensor[start:end]
            if isinstance(tensor, nn.Parameter):
                setattr(layer, name, nn.Parameter(rows, requires_grad=False))
            else:
                layer.register_buffer(name, rows)
        start = end


LINEAR_CLASSES = {"int4": Int4WeightLinear, "int8": Int8WeightLinear, "fp16": Fp16WeightLinear}
# The output layer's scheme where it differs from the rest (see quantised_layers).
_HEAD_SCHEME = {"int4": "int8"}


@contextlib.contextmanager
def widened_weights(model: nn.Module):
    """Keep each quantised layer's bf16 weight for the block, instead of widening it at every call.

    For reading a long text in many chunks (scoring): widening costs about as much as the
    matmul itself. The bf16 copies (2 bytes a weight) are dropped when the block ends.
    """
    layers = [m for m in model.modules() if isinstance(m, _WeightOnlyLinear)] if bf16_reading_is_faster() else []
    try:
        for layer in layers:
            layer._held = layer._weight_bf16()
        yield
    finally:
        for layer in layers:
            layer._held = None


def _best_time(step, repeats: int = 3) -> float:
    """The shortest of *repeats* timings of *step*, in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


@functools.cache
def bf16_matmul_is_faster(in_features: int = 384, out_features: int = 1536, rows: int = 4096) -> bool:
    """Whether a bf16 matmul beats float32 by half again on this CPU (timed once per process and size).

    True with bf16 matrix units (AMX, AVX-512 BF16); elsewhere bf16 is emulated and float32 stays.
    The default size is an embedding model's feed-forward layer (all-MiniLM-L6-v2) over a batch of passages.
    """
    torch.manual_seed(0)
    try:
        with torch.inference_mode():
            weight, rows_ = torch.randn(out_features, in_features), torch.randn(rows, in_features)
            weight_bf16, rows_bf16 = weight.to(torch.bfloat16), rows_.to(torch.bfloat16)

            full = _best_time(lambda: F.linear(rows_, weight))
            half = _best_time(lambda: F.linear(rows_bf16, weight_bf16))
    except (RuntimeError, NotImplementedError) as exc:
        log.info("bf16 matmuls unavailable: %s", exc)
        return False
    log.info("matmul of %d rows: float32 %.2f ms, bf16 %.2f ms", rows, full * 1e3, half * 1e3)
    return half < full / 1.5


@functools.cache
def bf16_reading_is_faster() -> bool:
    """Whether a bf16 matmul with the weight widened on the fly beats the int4 kernel at ``READ_ROWS`` rows.

    True on CPUs with bf16 matrix units (AMX, AVX-512 BF16), where it is several times faster;
    elsewhere bf16 is emulated and the kernels stay. Timed once per process on a layer of SmolLM2's size.
    """
    torch.manual_seed(0)
    try:
        with torch.inference_mode():
            layer = Int4WeightLinear(nn.Linear(576, 1536, bias=False))
            if not layer._unpackable:
                return False
            rows = torch.randn(4 * READ_ROWS, 576)

            kernel = _best_time(lambda: layer._matmul(rows))
            widened = _best_time(lambda: F.linear(rows.to(torch.bfloat16), layer._weight_bf16()))
    except (RuntimeError, NotImplementedError, AttributeError) as exc:
        log.info("bf16 reading unavailable: %s", exc)
        return False
    log.info("reading %d rows: int4 kernel %.2f ms, bf16 %.2f ms", 4 * READ_ROWS, kernel * 1e3, widened * 1e3)
    return widened < kernel / _SPEED_MARGIN


@functools.cache
def kernel_available(scheme: str) -> bool:
    """Whether this torch build can run *scheme* (and its output layer's scheme), checked against fp32."""
    if scheme == "none":
        return True
    return all(_kernel_works(name) for name in {scheme, _HEAD_SCHEME.get(scheme, scheme)})


def _kernel_works(scheme: str) -> bool:
    torch.manual_seed(0)
    linear = nn.Linear(64, 48, bias=True)
    x = torch.randn(3, 64)
    try:
        with torch.inference_mode():
            quantised = LINEAR_CLASSES[scheme](linear)
            got, want = quantised(x), linear(x)
    except (RuntimeError, NotImplementedError, AttributeError) as exc:
        log.info("%s kernels unavailable: %s", scheme, exc)
        return False
    # Loose: 4-bit weights on random data; this catches a wrong layout, not rounding.
    return bool(torch.isfinite(got).all()) and float((got - want).abs().mean()) < 0.25 * float(want.abs().mean())


def quantised_layers(model: nn.Module, scheme: str, stop=None) -> dict[str, nn.Module]:
    """*scheme*'s replacement for each ``nn.Linear`` it supports, by module name (the model is untouched).

    Setting *stop* (a threading.Event) raises Stopped before the next layer.
    """
    if scheme == "none":
        return {}
    head = _output_layer_name(model)
    layers = {}
    for name, module in model.named_modules():
        raise_if_stopped(stop)
        # The output layer maps to the whole vocabulary, and 4 bits there cost
        # far more quality than anywhere else (SmolLM2: -0.037 nats/token
        # against -0.004 with an int8 head), so int4 keeps it in int8. A decoding step reads it
        # whole: int8 is half of fp16's bytes (SmolLM2: 28 against 57 MB a token).
        cls = LINEAR_CLASSES[_HEAD_SCHEME.get(scheme, scheme) if name == head else scheme]
        if type(module) is nn.Linear and cls.supports(module):
            layers[name] = cls(module)
    embedding = model.get_input_embeddings() if hasattr(model, "get_input_embeddings") else None
    if head in layers and TiedEmbedding.ties(embedding, model.get_submodule(head), layers[head]):
        layers[_module_name(model, embedding)] = TiedEmbedding(embedding, layers[head])
    return layers


def _output_layer_name(model: nn.Module) -> str | None:
    getter = getattr(model, "get_output_embeddings", None)
    head = getter() if getter else None
    return _module_name(model, head) if head is not None else None


def _module_name(model: nn.Module, module: nn.Module) -> str | None:
    return next((name for name, candidate in model.named_modules() if candidate is module), None)


def install_layers(model: nn.Module, layers: dict[str, nn.Module]) -> dict[str, nn.Module]:
    """Put *layers* in place by name; returns the modules they replaced (to undo with the same call)."""
    replaced = {}
    for name, layer in layers.items():
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name)
        replaced[name] = getattr(parent, child)
        setattr(parent, child, layer)
    return replaced


def quantise_linears(model: nn.Module, scheme: str, stop=None) -> int:
    """Replace the model's ``nn.Linear`` layers by *scheme*'s layers in place; returns how many."""
    return len(install_layers(model, quantised_layers(model, scheme, stop)))


def time_decode_steps(
    model: nn.Module, trials: dict[str, dict[str, nn.Module]], rounds: int = 5, stop=None
) -> dict[str, float]:
    """Milliseconds the model takes for one decoding step with each set of layers, best of *rounds*.

    Timing the real step (not the matmuls alone) counts what a scheme costs
    around its kernel too, such as casts. The sets take turns round after
    round, so a busy moment on the machine hurts every scheme alike. The
    model is left with the first set's layers.
    """
    token = torch.ones(1, 1, dtype=torch.long)
    best = dict.fromkeys(trials, float("inf"))
    with torch.inference_mode():
        for round_ in range(rounds + 1):
            for name, layers in trials.items():
                raise_if_stopped(stop)
                install_layers(model, layers)
                started = time.perf_counter()
                model(input_ids=token, use_cache=False)
                if round_:  # round 0 warms up: first calls allocate and pack
                    best[name] = min(best[name], time.perf_counter() - started)
    install_layers(model, next(iter(trials.values())))
    return {name: round(seconds * 1000, 3) for name, seconds in best.items()}


def mean_loglik(model, input_ids: torch.Tensor) -> float:
    """Mean log-probability per token the model gives *input_ids* (teacher forcing)."""
    with torch.inference_mode():
        logits = model(input_ids=input_ids).logits[:, :-1].float()
        targets = input_ids[:, 1:]
        logprobs = torch.log_softmax(logits, -1).gather(-1, targets[..., None])
    return float(logprobs.mean())


@dataclass
class QuantChoice:
    scheme: str
    step_ms: dict  # scheme -> ms per decoding step (probed), empty when chosen in settings
    loglik_fp32: float | None = None
    loglik: float | None = None
    reason: str = ""

    @property
    def loglik_delta(self) -> float | None:
        if self.loglik is None or self.loglik_fp32 is None:
            return None
        return round(self.loglik - self.loglik_fp32, 4)


def pick_fastest(step_ms: dict, margin: float = _SPEED_MARGIN) -> list[str]:
    """Schemes from best to worst: fastest first, but a more precise one wins when within *margin*."""
    ranked = sorted(step_ms, key=step_ms.get)
    order = []
    remaining = list(ranked)
    while remaining:
        best = remaining[0]
        # A more precise scheme nearly as fast as the fastest takes its place.
        for precise in _PRECISION_ORDER:
            if precise in remaining and step_ms[precise] <= step_ms[best] * margin:
                best = precise
                break
        order.append(best)
        remaining.remove(best)
    return order


def machine_key() -> str:
    """Identifies this CPU and torch build: a probe's timings are valid only here."""
    flags = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            flags = next((line for line in info if line.startswith("flags")), "")
    except OSError:
        pass
    raw = "|".join(
        [platform.machine(), platform.processor(), flags, torch.__version__, str(torch.get_num_threads()), _LAYOUT]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


class QuantChoiceStore:
    """Remembers each model's probed scheme in a JSON file under the cache folder."""

    def __init__(self, path: Path):
        self.path = path

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def get(self, key: str) -> QuantChoice | None:
        raw = self._read().get(key)
        if not isinstance(raw, dict):
            return None
        try:
            return QuantChoice(**raw)
        except TypeError:
            return None

    def put(self, key: str, choice: QuantChoice) -> None:
        from writer_app.core.atomic import atomic_write_bytes

        data = self._read()
        data[key] = asdict(choice)
        try:
            # A fresh cache may not have the folder yet (the installers' bundled models are never converted).
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, json.dumps(data, indent=1).encode("utf-8"))
        except OSError as exc:  # a full or read-only cache only costs a probe next time
            log.warning("Could not remember the quantisation choice: %s", exc)


def choose_and_quantise(
    model: nn.Module,
    preference: str,
    guard_ids: torch.Tensor | None,
    store: QuantChoiceStore | None,
    store_key: str,
    on_probe: Callable[[], None] | None = None,
    stop=None,
) -> QuantChoice:
    """Quantise *model* in place with *preference*, or with the best scheme for this machine ("auto").

    "auto" times a decoding step of the model with every available scheme
    (once per machine and model; the verdict is stored), then keeps the
    fastest whose log-likelihood on *guard_ids* stays within ``LOGLIK_MARGIN``
    of fp32.
    A forced scheme whose kernel is missing falls back to fp32. Setting *stop*
    raises Stopped between steps; a probe cut short is not remembered.
    """
    if preference not in QUANT_CHOICES:
        raise ValueError(f"unknown quantisation {preference!r}")
    if preference != "auto":
        if not kernel_available(preference):
            return QuantChoice("none", {}, reason=f"{preference} kernels are not available on this computer")
        baseline = mean_loglik(model, guard_ids) if guard_ids is not None else None
        quantise_linears(model, preference, stop)
        raise_if_stopped(stop)
        loglik = mean_loglik(model, guard_ids) if guard_ids is not None else None
        # Chosen by the writer: kept even outside the margin, but the delta is reported.
        return QuantChoice(preference, {}, baseline, loglik, reason="chosen in settings")
    remembered = store.get(store_key) if store is not None else None
    if remembered is not None and (remembered.scheme == "none" or kernel_available(remembered.scheme)):
        quantise_linears(model, remembered.scheme, stop)
        return remembered
    if on_probe is not None:
        on_probe()  # a probe takes seconds: let the writer know why loading takes longer this once
    choice = _probe(model, guard_ids, stop)
    if store is not None:
        store.put(store_key, choice)
    return choice


def _probe(model: nn.Module, guard_ids: torch.Tensor | None, stop=None) -> QuantChoice:
    # Quantised copies are 2-8x smaller than the fp32 layers they stand for.
    trials = {scheme: quantised_layers(model, scheme, stop) for scheme in SCHEMES[:-1] if kernel_available(scheme)}
    # The model's own modules wherever any scheme puts one of its own (linears, a tied embedding).
    plain = {name: model.get_submodule(name) for layers in trials.values() for name in layers}
    step_ms = time_decode_steps(model, {"none": plain, **trials}, stop=stop)
    raise_if_stopped(stop)
    baseline = mean_loglik(model, guard_ids) if guard_ids is not None else None
    failed = []
    for scheme in pick_fastest(step_ms):
        raise_if_stopped(stop)
        if scheme == "none":
            reason = "no scheme passed the quality guard" if failed else "fp32 was fastest"
            return QuantChoice("none", step_ms, baseline, baseline, reason=reason)
        originals = install_layers(model, trials[scheme])
        loglik = mean_loglik(model, guard_ids) if guard_ids is not None else None
        if baseline is not None and baseline - loglik > LOGLIK_MARGIN:
            log.info("%s fails the quality guard: %.4f vs %.4f", scheme, loglik, baseline)
            install_layers(model, originals)
            failed.append(scheme)
            continue
        return QuantChoice(scheme, step_ms, baseline, loglik, reason="fastest within the quality margin")
    return QuantChoice("none", step_ms, baseline, baseline, reason="no scheme passed the quality guard")


def guard_ids(tokenizer, max_tokens: int = 256) -> torch.Tensor:
    """Token ids of the fixed passage the quality guard scores (the opening of Moby-Dick)."""
    from writer_app.resources import resource_path

    text = resource_path("text", "quality_passage.txt").read_text(encoding="utf-8")
    return tokenizer(text, return_tensors="pt", truncation=True, max_length=max_tokens)["input_ids"]
