"""One decoding step of a Llama- or Gemma-3-family model, written with plain torch ops.

Reading one new token through transformers' modules costs ~2,500 small ATen
ops and the Python around them (masks, cache bookkeeping, per-module calls):
on a 2-core CPU that is half of SmolLM2-135M's decoding step, more than its
int4 matmuls. ``DecoderStack`` does the same arithmetic in ~20 ops a layer:

- the query, key and value projections are one matmul, and so are the gate
  and up projections (their quantised weights stacked once, at load),
- norms are ``F.rms_norm``; the rotary embedding is one small matmul a layer,
- attention folds the query heads that share a key/value head into the query
  length (one token attends to the whole cache, so no mask is needed),
- keys and values are written in place into the same ``GrowingCache`` that
  transformers reads the prompt into, so prompt reuse is unchanged.

The stack runs eagerly, or, once ``compiled_step`` has built it for this
machine, as one AOTInductor-compiled call (no Python between the ops).

``install`` routes only what the stack reproduces exactly (batch 1, one new
token, no padding, a ``GrowingCache``) through it. Everything else (reading
prompts, scoring, other architectures, GPUs) goes through the model's own
forward. In fp32 its logits match transformers' to 2e-5.
"""

from __future__ import annotations

import logging
import weakref
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn
from transformers.modeling_outputs import CausalLMOutputWithPast

from writer_app.engine.kv_cache import GrowingCache, GrowingLayer
from writer_app.engine.quantization import Int4WeightLinear, stacked_linear

log = logging.getLogger(__name__)

# Model types whose decoder layer DecoderStack reproduces, and the family each belongs to.
FAMILIES = {"llama": "llama", "gemma3_text": "gemma3"}
# Rotary tables grow by this many positions at a time.
_TABLE_STEP = 1024


class _Rows(nn.Module):
    """A layer without the ``_matmul`` of the quantised ones (plain fp32, or with a bias): its forward."""

    def __init__(self, layer: nn.Module):
        super().__init__()
        self.layer = layer

    def _matmul(self, rows: torch.Tensor) -> torch.Tensor:
        return self.layer(rows)


def _mm(layer: nn.Module, rows: torch.Tensor, group_size: torch.Tensor) -> torch.Tensor:
    """``rows @ W^T`` through *layer*'s matmul; int4 layers get their group size as a tensor (see there)."""
    return layer._matmul(rows, group_size) if isinstance(layer, Int4WeightLinear) else layer._matmul(rows)


def _rows(layer: nn.Module) -> nn.Module:
    """*layer*, callable as ``_matmul(rows)`` (the quantised layers' matmul, without their casts)."""
    return layer if hasattr(layer, "_matmul") and getattr(layer, "bias", None) is None else _Rows(layer)


class _Layer(nn.Module):
    """One decoder layer's weights, as DecoderStack reads them."""

    def __init__(self, layer: nn.Module, gemma: bool, norm: Callable[[nn.Module], torch.Tensor]):
        super().__init__()
        attn, mlp = layer.self_attn, layer.mlp
        self.qkv = _rows(stacked_linear([attn.q_proj, attn.k_proj, attn.v_proj]))
        self.o_proj = _rows(attn.o_proj)
        self.gate_up = _rows(stacked_linear([mlp.gate_proj, mlp.up_proj]))
        self.down = _rows(mlp.down_proj)
        self.register_buffer("input_norm", norm(layer.input_layernorm))
        self.register_buffer(
            "pre_mlp_norm", norm(layer.pre_feedforward_layernorm if gemma else layer.post_attention_layernorm)
        )
        if gemma:
            heads, kv_heads = attn.config.num_attention_heads, attn.config.num_key_value_heads
            # Gemma 3 normalises each head's query and key: one weight row per head, queries first.
            self.register_buffer(
                "qk_norm", torch.cat([norm(attn.q_norm).expand(heads, -1), norm(attn.k_norm).expand(kv_heads, -1)])
            )
            self.register_buffer("post_attention_norm", norm(layer.post_attention_layernorm))
            self.register_buffer("post_mlp_norm", norm(layer.post_feedforward_layernorm))


class DecoderStack(nn.Module):
    """All decoder layers and the output layer for one token: hidden state in, logits out.

    ``forward(x, rotations, span, keys, values, group_size)``:

    - *x*: the token's embedding (1, hidden), fp32,
    - *rotations*: (kinds, head_dim, head_dim), ``x @ R`` rotates to the token's position
      (Gemma 3's local and global layers use different tables),
    - *span*: an empty tensor (length, 0) whose length is the tokens in the cache with this one;
      a tensor rather than an int so that a compiled stack sees it as a dynamic size,
    - *keys*, *values*: each layer's cache buffers (1, kv_heads, capacity, head_dim), written at
      ``length - 1`` in place,
    - *group_size*: the int4 layers' group size, a 0-d int64 tensor (an input, never a constant).
    """

    def __init__(self, model: nn.Module, family: str):
        super().__init__()
        config = model.config
        gemma = family == "gemma3"
        self.family = family
        self.heads, self.kv_heads = config.num_attention_heads, config.num_key_value_heads
        self.head_dim = getattr(config, "head_dim", None) or config.hidden_size // self.heads
        self.eps = float(config.rms_norm_eps)
        self.softcap = getattr(config, "final_logit_softcapping", None)
        self.scale = float(config.query_pre_attn_scalar**-0.5 if gemma else self.head_dim**-0.5)
        self.gemma = gemma

        def norm(module: nn.Module) -> torch.Tensor:
            weight = module.weight.detach().float()
            return weight + 1.0 if gemma else weight  # Gemma's RMSNorm scales by (1 + weight)

        inner = model.model
        count = config.num_hidden_layers
        self.layers = nn.ModuleList(_Layer(layer, gemma, norm) for layer in inner.layers[:count])
        types = list(getattr(config, "layer_types", None) or ["full_attention"] * count)
        self.kinds = sorted(set(types))
        self.kind_of = [self.kinds.index(kind) for kind in types]
        sliding = getattr(config, "sliding_window", None)
        self.windows = [sliding if kind == "sliding_attention" else None for kind in types]
        self.head = _rows(model.lm_head)
        self.register_buffer("final_norm", norm(inner.norm))
        groups = {module.group_size for module in self.modules() if isinstance(module, Int4WeightLinear)}
        if len(groups) > 1:
            raise ValueError("int4 layers with different group sizes")
        self.group_size = groups.pop() if groups else 0

    def forward(self, x, rotations, span, keys: list[torch.Tensor], values: list[torch.Tensor], group_size):
        length = span.shape[0]
        position = length - 1
        heads, kv_heads, dim, eps = self.heads, self.kv_heads, self.head_dim, self.eps
        groups, split = heads // kv_heads, (heads + kv_heads) * dim
        width = x.shape[-1]
        for index, layer in enumerate(self.layers):
            key_buffer, value_buffer = keys[index], values[index]
            qkv = _mm(layer.qkv, F.rms_norm(x, (width,), layer.input_norm, eps), group_size).float()
            qk = qkv[0, :split].view(heads + kv_heads, dim)
            if self.gemma:
                qk = F.rms_norm(qk, (dim,), None, eps) * layer.qk_norm
            qk = qk @ rotations[self.kind_of[index]]
            key_buffer.narrow(2, position, 1).copy_(qk[heads:].view(1, kv_heads, 1, dim))
            value_buffer.narrow(2, position, 1).copy_(qkv[0, split:].view(1, kv_heads, 1, dim))
            window = self.windows[index]
            seen = length if window is None else torch.sym_min(length, window)
            attended = F.scaled_dot_product_attention(
                qk[:heads].view(1, kv_heads, groups, dim),
                key_buffer.narrow(2, length - seen, seen),
                value_buffer.narrow(2, length - seen, seen),
                scale=self.scale,
            )
            out = _mm(layer.o_proj, attended.reshape(1, heads * dim), group_size).float()
            if self.gemma:
                out = F.rms_norm(out, (width,), layer.post_attention_norm, eps)
            x = x + out
            h = F.rms_norm(x, (width,), layer.pre_mlp_norm, eps)
            gate, up = _mm(layer.gate_up, h, group_size).float().chunk(2, -1)
            active = F.gelu(gate, approximate="tanh") if self.gemma else F.silu(gate)
            out = _mm(layer.down, active * up, group_size).float()
            if self.gemma:
                out = F.rms_norm(out, (width,), layer.post_mlp_norm, eps)
            x = x + out
        logits = _mm(self.head, F.rms_norm(x, (width,), self.final_norm, eps), group_size).float()
        if self.softcap is not None:
            logits = torch.tanh(logits / self.softcap) * self.softcap
        return logits


class DecodeStep:
    """Logits for one new token through a DecoderStack (eager, or its compiled form once loaded)."""

    def __init__(self, model: nn.Module, family: str):
        self.embed = model.model.embed_tokens
        self.stack = DecoderStack(model, family)
        self.runner: Callable = self.stack
        self._group_size = torch.tensor(self.stack.group_size)
        self.compiled = False
        self.compiled_load_s: float | None = None
        self._rotary_emb = model.model.rotary_emb
        self._tables: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
        dim = self.stack.head_dim
        half = dim // 2
        # rotate_half as a matrix: x @ half_turn = cat(-x[half:], x[:half]).
        self._half_turn = torch.zeros(dim, dim)
        self._half_turn[torch.arange(half) + half, torch.arange(half)] = -1.0
        self._half_turn[torch.arange(half), torch.arange(half) + half] = 1.0

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
        """Run the stack through *runner* (the compiled form, same arguments) from the next step."""
        self.runner, self.compiled, self.compiled_load_s = runner, True, load_s

    def _rotation(self, kind: str, position: int) -> torch.Tensor:
        """R with ``x @ R`` = x rotated to *position*, from tables made by the model's own rotary module.

        One matmul a layer instead of the five ops of ``x * cos + rotate_half(x) * sin``. R's other
        entries are exact zeros, so the sums are the same.
        """
        cos, sin = self._tables.get(kind, (None, None))
        if cos is None or position >= cos.shape[0]:
            size = (position // _TABLE_STEP + 1) * _TABLE_STEP
            positions = torch.arange(size).unsqueeze(0)
            probe = torch.zeros(1, dtype=torch.float32)
            args = (probe, positions) if self.stack.family == "llama" else (probe, positions, kind)
            cos, sin = (table[0].float() for table in self._rotary_emb(*args))
            self._tables[kind] = cos, sin
        return torch.diag(cos[position]) + self._half_turn * sin[position]

    def inputs(self, input_ids: torch.Tensor, cache: GrowingCache) -> tuple:
        """The stack's arguments for the token *input_ids* (1, 1), the cache's buffers made large enough."""
        length = cache.get_seq_length() + 1
        for layer in cache.layers:
            layer.reserve(length)
        x = self.embed(input_ids).reshape(1, -1).float()
        rotations = torch.stack([self._rotation(kind, length - 1) for kind in self.stack.kinds])
        keys = [layer._key_buffer for layer in cache.layers]
        values = [layer._value_buffer for layer in cache.layers]
        return x, rotations, torch.empty(length, 0), keys, values, self._group_size

    @torch.inference_mode()
    def __call__(self, input_ids: torch.Tensor, cache: GrowingCache) -> torch.Tensor:
        """Logits (1, 1, vocabulary) for the single token *input_ids* (1, 1), its keys and values added to *cache*."""
        arguments = self.inputs(input_ids, cache)
        try:
            logits = self.runner(*arguments)
        except Exception as exc:
            if not self.compiled:
                raise
            # The compiled form refused these inputs: decode eagerly from now on (writing the same
            # position again is harmless).
            log.warning("The compiled decoding step failed (%s); decoding eagerly", exc)
            self.runner, self.compiled = self.stack, False
            logits = self.stack(*arguments)
        length = arguments[2].shape[0]
        for layer in cache.layers:
            layer._set_length(length)
        return logits.view(1, 1, -1)


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
