"""One decoding step of a Llama- or Gemma-3-family model, written with plain torch ops.

Reading one new token through transformers' modules costs ~2,500 small ATen
ops and the Python around them (masks, cache bookkeeping, per-module calls):
on a 2-core CPU that is half of SmolLM2-135M's decoding step, more than its
int4 matmuls. ``DecoderLayer`` does a layer's arithmetic in ~20 ops:

- the query, key and value projections are one matmul, and so are the gate
  and up projections (their quantised weights stacked once, at load),
- norms are ``F.rms_norm``; the rotary embedding is one small matmul,
- attention folds the query heads that share a key/value head into the query
  length (one token attends to the whole cache, so no mask is needed),
- keys and values are written in place into the same ``GrowingCache`` that
  transformers reads the prompt into, so prompt reuse is unchanged.

A layer runs eagerly or, once ``compiled_step`` has built it for this machine,
as one AOTInductor-compiled call. Layers are called one at a time on purpose:
a compiled call holds the GIL throughout, and a whole stack in one call froze
the window for the whole token.

The output layer is the largest matrix a step reads (Gemma 3: 262,144 rows,
16 of its 25 ms a token in int8). While ``generate`` only needs the best
tokens (greedy, or sampling among the top k), ``shortlisted`` lets the step
read an int4 copy of it instead, half the bytes, and recompute the
``SHORTLIST`` best rows with the output layer itself: those logits are the
exact ones, the rest int4 approximations (``docs/notes/output-shortlist.md``
has how often the true best fell outside).

``install`` routes only what this reproduces exactly (batch 1, one new token,
no padding, a ``GrowingCache``) through it. Everything else (reading prompts,
scoring, other architectures, GPUs) goes through the model's own forward. In
fp32 its logits match transformers' to 1e-5.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
import weakref
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn
from transformers.modeling_outputs import CausalLMOutputWithPast

from writer_app.engine.kv_cache import GrowingCache, GrowingLayer
from writer_app.engine.quantization import (
    Fp16WeightLinear,
    Int4WeightLinear,
    Int8WeightLinear,
    kernel_available,
    stacked_linear,
)
from writer_app.engine.sampling import top_k

log = logging.getLogger(__name__)

# Model types whose decoder layer DecoderStack reproduces, and the family each belongs to.
FAMILIES = {"llama": "llama", "gemma3_text": "gemma3"}
# Rotary tables grow by this many positions at a time.
_TABLE_STEP = 1024
# The dtypes the step's caches may keep keys and values in (``kv_cache.GrowingCache(storage=...)``),
# in order of preference: fp16 (llama.cpp's default cache) is the more precise 16-bit type, and either
# halves fp32's bytes (at 1,000 tokens of context, fp32 caches were half of SmolLM2's step on one CPU).
# Attention then runs in that dtype, at speeds that differ by CPU: without native fp16 arithmetic
# (AMD Zen 4) fp16 attention took 5x bf16's time and half of SmolLM2's step. So ``kv_storage`` times it.
KV_DTYPES = (torch.float16, torch.bfloat16, torch.float32)
# A later dtype must be this much faster than an earlier one to be chosen: fp32 costs twice the memory,
# and the choice is part of the compiled step's key, so it must not flip with a timing's jitter
# (fp32 and bf16 within 20 % of each other on Zen 4; fp16 5x slower).
_KV_SPEED_MARGIN = 1.5
# The context length attention is timed at: a page of manuscript and a prompt, where decoding spends its time.
_KV_TIMED_TOKENS = 1024
# How many of the int4 output layer's best rows are recomputed exactly; top-k sampling may draw among
# at most this many. 512 held all 50 best of the exact layer at every measured position of SmolLM2
# and Gemma 3 (256: 99.7 % of SmolLM2's, 128: 99 % of Gemma's).
SHORTLIST = 512
# Output layers with at least this many rows get a shortlist: below, its fixed costs (a top-k, the
# rows recomputed, ~0.4 ms) would eat what the int4 copy saves (SmolLM2's 49,152 rows: ~1 ms).
SHORTLIST_FROM = 32_768
# The activations each kind of layer rounds its input to (the quantised kernels' own).
_INPUT_DTYPE = {"int4": torch.bfloat16, "int8": torch.bfloat16, "fp16": torch.float16}


def pick_kv_dtype(seconds: dict[torch.dtype, float]) -> torch.dtype:
    """The dtype to keep keys and values in, from attention's time with each (see ``KV_DTYPES``)."""
    chosen = None
    for dtype in KV_DTYPES:
        if dtype in seconds and (chosen is None or seconds[dtype] * _KV_SPEED_MARGIN < seconds[chosen]):
            chosen = dtype
    return chosen or torch.float32  # nothing timed: the dtype attention always runs in


@functools.cache
def kv_storage(kv_heads: int, group: int, head_dim: int) -> torch.dtype:
    """The dtype of keys and values whose attention is quickest on this CPU for this head layout.

    Times one token's attention over ``_KV_TIMED_TOKENS`` cached ones as the step
    runs it, once per process and layout (~10 ms; torch's ops release the GIL).
    """
    query = torch.randn(1, kv_heads, group, head_dim)
    cached = torch.randn(1, kv_heads, _KV_TIMED_TOKENS + 64, head_dim).narrow(2, 0, _KV_TIMED_TOKENS)
    seconds = {}
    with torch.inference_mode():
        for dtype in KV_DTYPES:
            q, k, v = query.to(dtype), cached.to(dtype), cached.to(dtype)
            try:
                F.scaled_dot_product_attention(q, k, v)  # warm
                timings = []
                for _ in range(5):
                    started = time.perf_counter()
                    for _ in range(3):
                        F.scaled_dot_product_attention(q, k, v)
                    timings.append(time.perf_counter() - started)
            except (RuntimeError, NotImplementedError) as exc:
                log.info("Attention in %s unavailable: %s", dtype, exc)
                continue
            seconds[dtype] = min(timings) / 3
    chosen = pick_kv_dtype(seconds)
    log.info(
        "Attention over %d tokens: %s; caches keep %s",
        _KV_TIMED_TOKENS,
        ", ".join(f"{str(dtype).removeprefix('torch.')} {t * 1e6:.0f} us" for dtype, t in seconds.items()),
        chosen,
    )
    return chosen


def _linear_parts(layer: nn.Module) -> tuple[str, list[torch.Tensor]]:
    """A linear layer's kind and the tensors its matmul reads (see ``_linear``)."""
    if isinstance(layer, nn.Linear):
        return "plain", [layer.weight] + ([] if layer.bias is None else [layer.bias])
    if getattr(layer, "bias", None) is not None:
        raise TypeError("quantised layers with a bias are not reproduced")
    if isinstance(layer, Int4WeightLinear):
        return "int4", [layer.packed, layer.scales_zeros]
    if isinstance(layer, Int8WeightLinear):
        return "int8", [layer.weight_int8, layer.scales]
    if isinstance(layer, Fp16WeightLinear):
        return "fp16", [layer.weight_fp16]
    raise TypeError(f"{type(layer).__name__} is not a linear layer the decoding step knows")


def _linear(kind: str, rows: torch.Tensor, parts: list[torch.Tensor], group_size: torch.Tensor) -> torch.Tensor:
    """``rows @ W^T`` (+ b) from a layer's tensors, in fp32: the quantised layers' own kernels."""
    if kind == "int4":
        # The kernel behind aten._weight_int4pack_mm_for_cpu, with the group size as a tensor: compiled,
        # the aten op would bake its int into a constant of the package.
        out = torch.ops.quantized.int4mm_packed_weight_cpu(rows.to(_INPUT_DTYPE[kind]), parts[0], group_size, parts[1])
    elif kind == "int8":
        out = torch._weight_int8pack_mm(rows.to(_INPUT_DTYPE[kind]), parts[0], parts[1])
    elif kind == "fp16":
        out = F.linear(rows.to(_INPUT_DTYPE[kind]), parts[0])
    else:
        out = F.linear(rows, *parts)
    return out.float()


@dataclass(frozen=True)
class LayerShape:
    """What a decoder layer's computation depends on besides its tensors: one compiled graph per shape."""

    gemma: bool
    heads: int
    kv_heads: int
    head_dim: int
    eps: float
    scale: float
    linears: tuple[tuple[str, int], ...]  # (kind, number of tensors) of qkv, o, gate_up, down


class DecoderLayer(nn.Module):
    """One decoder layer for one token, all its weights passed in (no parameters of its own).

    ``forward(x, rotation, span, window, keys, values, group_size, *weights)`` returns the new hidden
    state (1, hidden). *span* is an empty (length, 0) tensor: the tokens in the cache with this one;
    *window* the same for the tokens this layer sees (*span* itself, or the last ``sliding_window``).
    Sizes passed as shapes rather than ints so that a compiled layer sees them as dynamic. The token's
    key and value are written at ``length - 1`` of the cache buffers *keys*/*values* in place.
    Weights come without being held, so the same graph serves every layer of the same shape.
    """

    def __init__(self, shape: LayerShape):
        super().__init__()
        self.shape = shape

    def forward(self, x, rotation, span, window, keys, values, group_size, *weights):
        shape = self.shape
        heads, kv_heads, dim, eps = shape.heads, shape.kv_heads, shape.head_dim, shape.eps
        split = (heads + kv_heads) * dim
        width = x.shape[-1]
        linears, index = [], 0
        for kind, count in shape.linears:
            linears.append((kind, list(weights[index : index + count])))
            index += count
        norms = weights[index:]
        (qkv_kind, qkv), (o_kind, o_proj), (gu_kind, gate_up), (down_kind, down) = linears
        length, seen = span.shape[0], window.shape[0]
        mixed = _linear(qkv_kind, F.rms_norm(x, (width,), norms[0], eps), qkv, group_size)
        qk = mixed[0, :split].view(heads + kv_heads, dim)
        if shape.gemma:
            qk = F.rms_norm(qk, (dim,), None, eps) * norms[2]
        half = dim // 2  # the rotary embedding: x * cos + rotate_half(x) * sin, fused when compiled
        qk = qk * rotation[0] + torch.cat([-qk[:, half:], qk[:, :half]], -1) * rotation[1]
        keys.narrow(2, length - 1, 1).copy_(qk[heads:].view(1, kv_heads, 1, dim))
        values.narrow(2, length - 1, 1).copy_(mixed[0, split:].view(1, kv_heads, 1, dim))
        attended = F.scaled_dot_product_attention(
            qk[:heads].view(1, kv_heads, heads // kv_heads, dim).to(keys.dtype),
            keys.narrow(2, length - seen, seen),
            values.narrow(2, length - seen, seen),
            scale=shape.scale,
        )
        out = _linear(o_kind, attended.reshape(1, heads * dim).to(x.dtype), o_proj, group_size)
        if shape.gemma:
            out = F.rms_norm(out, (width,), norms[3], eps)
        x = x + out
        gate, up = _linear(gu_kind, F.rms_norm(x, (width,), norms[1], eps), gate_up, group_size).chunk(2, -1)
        active = F.gelu(gate, approximate="tanh") if shape.gemma else F.silu(gate)
        out = _linear(down_kind, active * up, down, group_size)
        if shape.gemma:
            out = F.rms_norm(out, (width,), norms[4], eps)
        return x + out


class DecoderStack(nn.Module):
    """A model's decoder layers and output layer as DecoderLayer reads them: stacked weights and norms."""

    def __init__(self, model: nn.Module, family: str):
        super().__init__()
        config = model.config
        gemma = family == "gemma3"
        self.family = family
        self.heads, self.kv_heads = config.num_attention_heads, config.num_key_value_heads
        self.head_dim = getattr(config, "head_dim", None) or config.hidden_size // self.heads
        # The dtype of the cache buffers (and the one the compiled form is built for).
        self.kv_dtype = kv_storage(self.kv_heads, self.heads // self.kv_heads, self.head_dim)
        self.eps = float(config.rms_norm_eps)
        self.softcap = getattr(config, "final_logit_softcapping", None)

        def norm(module: nn.Module) -> torch.Tensor:
            weight = module.weight.detach().float()
            return weight + 1.0 if gemma else weight  # Gemma's RMSNorm scales by (1 + weight)

        inner = model.model
        count = config.num_hidden_layers
        self.linears = nn.ModuleList()  # holds the stacked layers (the others belong to the model)
        self.layer_weights: list[list[torch.Tensor]] = []
        shapes = set()
        for layer in inner.layers[:count]:
            attn, mlp = layer.self_attn, layer.mlp
            qkv = stacked_linear([attn.q_proj, attn.k_proj, attn.v_proj])
            gate_up = stacked_linear([mlp.gate_proj, mlp.up_proj])
            self.linears.extend([qkv, gate_up])
            parts = [_linear_parts(linear) for linear in (qkv, attn.o_proj, gate_up, mlp.down_proj)]
            norms = [norm(layer.input_layernorm)]
            norms.append(norm(layer.pre_feedforward_layernorm if gemma else layer.post_attention_layernorm))
            if gemma:
                # Gemma 3 normalises each head's query and key: one weight row per head, queries first.
                q_norm, k_norm = norm(attn.q_norm), norm(attn.k_norm)
                norms.append(torch.cat([q_norm.expand(self.heads, -1), k_norm.expand(self.kv_heads, -1)]))
                norms += [norm(layer.post_attention_layernorm), norm(layer.post_feedforward_layernorm)]
            self.layer_weights.append([tensor for _kind, tensors in parts for tensor in tensors] + norms)
            shapes.add(tuple((kind, len(tensors)) for kind, tensors in parts))
        if len(shapes) != 1:
            raise ValueError("layers quantised differently")
        self.shape = LayerShape(
            gemma=gemma,
            heads=self.heads,
            kv_heads=self.kv_heads,
            head_dim=self.head_dim,
            eps=self.eps,
            scale=float(config.query_pre_attn_scalar**-0.5 if gemma else self.head_dim**-0.5),
            linears=shapes.pop(),
        )
        self.layer = DecoderLayer(self.shape)
        types = list(getattr(config, "layer_types", None) or ["full_attention"] * count)
        self.kinds = sorted(set(types))
        self.kind_of = [self.kinds.index(kind) for kind in types]
        sliding = getattr(config, "sliding_window", None)
        self.windows = [sliding if kind == "sliding_attention" else None for kind in types]
        self.head_kind, self.head_parts = _linear_parts(model.lm_head)
        self.final_norm = norm(inner.norm)
        groups = {module.group_size for module in model.modules() if isinstance(module, Int4WeightLinear)}
        if len(groups) > 1:
            raise ValueError("int4 layers with different group sizes")
        self.group_size = torch.tensor(groups.pop() if groups else 0)
        self.shortlist = _shortlist_layer(model.lm_head)
        if self.shortlist is not None:
            self.shortlist_parts = _linear_parts(self.shortlist)[1]
            self.shortlist_group = torch.tensor(self.shortlist.group_size)
            weight = getattr(model.lm_head, "weight", None)  # a plain layer's; the quantised ones offer rows()
            self._head_rows = model.lm_head.rows if weight is None else lambda index: weight.detach()[index]

    def logits(self, x: torch.Tensor, shortlisted: bool = False) -> torch.Tensor:
        """The output layer's logits for the hidden state *x* (1, hidden); see ``SHORTLIST`` for *shortlisted*."""
        normed = F.rms_norm(x, (x.shape[-1],), self.final_norm, self.eps)
        if shortlisted and self.shortlist is not None:
            logits = _linear("int4", normed, self.shortlist_parts, self.shortlist_group)
            best = top_k(logits, min(SHORTLIST, logits.shape[-1]))[1][0]
            rounded = normed[0].to(_INPUT_DTYPE.get(self.head_kind, normed.dtype)).float()
            logits[0, best] = self._head_rows(best).float() @ rounded
        else:
            logits = _linear(self.head_kind, normed, self.head_parts, self.group_size)
        if self.softcap is not None:
            logits = torch.tanh(logits / self.softcap) * self.softcap
        return logits


def _shortlist_layer(head: nn.Module) -> Int4WeightLinear | None:
    """An int4 copy of the output layer *head* to shortlist with, or None where reading *head* costs little."""
    if isinstance(head, Int4WeightLinear) or getattr(head, "bias", None) is not None:
        return None
    if head.out_features < SHORTLIST_FROM or not Int4WeightLinear.supports(head) or not kernel_available("int4"):
        return None
    try:
        return Int4WeightLinear(head)
    except RuntimeError as exc:  # a vocabulary the packed layout cannot hold (not a multiple of 16)
        log.info("No shortlist for the output layer: %s", exc)
        return None


class DecodeStep:
    """Logits for one new token through a DecoderStack (eager, or its compiled form once loaded)."""

    def __init__(self, model: nn.Module, family: str):
        self.embed = model.model.embed_tokens
        self.stack = DecoderStack(model, family)
        self.runner: Callable = self.stack.layer
        self.shortlisted = False  # see ``shortlisted()``
        self.compiled = False
        self.compiled_load_s: float | None = None
        self._rotary_emb = model.model.rotary_emb
        self._tables: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}

    @classmethod
    def for_model(cls, model: nn.Module) -> DecodeStep | None:
        """The step for *model*, or None when its architecture is not one DecoderStack reproduces."""
        family = FAMILIES.get(getattr(getattr(model, "config", None), "model_type", None))
        if family is None:
            return None
        try:
            return cls(model, family)
        except (AttributeError, TypeError, ValueError) as exc:  # a variant with other module names or shapes
            log.info("Decoding through the model's own forward: %s", exc)
            return None

    def use_compiled(self, runner: Callable, load_s: float | None = None) -> None:
        """Run each layer through *runner* (the compiled DecoderLayer, same arguments) from the next step."""
        self.runner, self.compiled, self.compiled_load_s = runner, True, load_s

    def _rotation(self, kind: str, position: int) -> torch.Tensor:
        """cos and sin (2, head_dim) of the rotary embedding at *position*, from the model's own rotary module.

        Passed whole rather than as a matrix to multiply by: a compiled layer fuses the rotation into
        the ops around it, where a (head_dim x head_dim) matmul was a library call of its own.
        """
        cos, sin = self._tables.get(kind, (None, None))
        if cos is None or position >= cos.shape[0]:
            size = (position // _TABLE_STEP + 1) * _TABLE_STEP
            positions = torch.arange(size).unsqueeze(0)
            probe = torch.zeros(1, dtype=torch.float32)
            args = (probe, positions) if self.stack.family == "llama" else (probe, positions, kind)
            cos, sin = (table[0].float() for table in self._rotary_emb(*args))
            self._tables[kind] = cos, sin
        return torch.stack([cos[position], sin[position]])

    @torch.inference_mode()
    def __call__(self, input_ids: torch.Tensor, cache: GrowingCache) -> torch.Tensor:
        """Logits (1, 1, vocabulary) for the single token *input_ids* (1, 1), its keys and values added to *cache*."""
        stack = self.stack
        length = cache.get_seq_length() + 1
        for layer in cache.layers:
            layer.reserve(length)
        x = self.embed(input_ids).reshape(1, -1).float()
        rotations = [self._rotation(kind, length - 1) for kind in stack.kinds]
        span = torch.empty(length, 0)
        windows = {window: torch.empty(min(length, window), 0) for window in set(stack.windows) if window}
        # The compiled form is built for one dtype of buffers: a cache kept in another decodes eagerly.
        built_for = not self.compiled or cache.layers[0]._key_buffer.dtype == stack.kv_dtype
        runner = self.runner if built_for else stack.layer
        for index, weights in enumerate(stack.layer_weights):
            window = stack.windows[index]
            arguments = (
                x,
                rotations[stack.kind_of[index]],
                span,
                windows[window] if window else span,
                cache.layers[index]._key_buffer,
                cache.layers[index]._value_buffer,
                stack.group_size,
                *weights,
            )
            try:
                x = runner(*arguments)
            except Exception as exc:
                if runner is stack.layer:
                    raise
                # The compiled form refused these inputs: decode eagerly from now on (writing the
                # same position again is harmless).
                log.warning("The compiled decoding step failed (%s); decoding eagerly", exc)
                self.runner, self.compiled = stack.layer, False
                runner = stack.layer
                x = runner(*arguments)
        for layer in cache.layers:
            layer._set_length(length)
        return stack.logits(x, self.shortlisted).view(1, 1, -1)


@contextlib.contextmanager
def shortlisted(model: nn.Module):
    """Within: *model*'s decoding steps read the output layer through its shortlist (``SHORTLIST``).

    Only for choosing tokens: the best ``SHORTLIST`` logits are exact, the
    others approximate, so probabilities over the whole vocabulary are not.
    """
    step = getattr(model, "decode_step", None)
    if step is None:
        yield
        return
    before, step.shortlisted = step.shortlisted, True
    try:
        yield
    finally:
        step.shortlisted = before


def _serves(input_ids, cache, kwargs) -> bool:
    """Whether this forward call is a plain single-token decoding step the stack reproduces."""
    if input_ids is None or tuple(input_ids.shape) != (1, 1) or kwargs.get("inputs_embeds") is not None:
        return False
    if not isinstance(cache, GrowingCache) or not cache.layers or kwargs.get("labels") is not None:
        return False
    if not all(isinstance(layer, GrowingLayer) and layer.is_initialized for layer in cache.layers):
        return False
    position = kwargs.get("cache_position")
    if position is not None and int(position.reshape(-1)[-1]) != cache.get_seq_length():
        return False
    mask = kwargs.get("attention_mask")
    return mask is None or (not isinstance(mask, dict) and bool(mask.all()))


def install(model: nn.Module) -> DecodeStep | None:
    """Route *model*'s single-token forward calls through a DecodeStep; None if it has none."""
    step = DecodeStep.for_model(model)
    if step is None:
        return None
    # The class's forward and a weak reference: the model must not hold itself in a cycle
    # (gc.freeze() after loading keeps cycles from ever being collected).
    forward, owner = type(model).forward, weakref.ref(model)

    def decoding_forward(input_ids=None, *args, **kwargs):
        cache = kwargs.get("cache", kwargs.get("past_key_values"))
        if args or not _serves(input_ids, cache, kwargs):
            return forward(owner(), input_ids, *args, **kwargs)
        return CausalLMOutputWithPast(logits=step(input_ids, cache), past_key_values=cache)

    model.forward = decoding_forward
    model.decode_step = step
    return step
