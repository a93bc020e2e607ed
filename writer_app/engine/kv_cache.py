"""KV caches for generation: one that grows in place on the CPU, a static one on GPUs."""

from __future__ import annotations

import functools

import torch
from transformers.cache_utils import Cache, DynamicCache, DynamicLayer, StaticCache

# Room for this many more tokens whenever a layer's buffer grows.
_HEADROOM_TOKENS = 256


class GrowingLayer(DynamicLayer):
    """A layer's keys and values in buffers with spare room at the end.

    ``DynamicLayer`` appends each token with ``torch.cat``, which copies the
    whole cache: at 2,000 tokens of SmolLM2 that is ~90 MB of copying per
    token, as much memory traffic as reading the int4 weights. Here a token is
    written in place and ``keys``/``values`` are views of the filled part, so
    attention still sees only real tokens and cropping is just a shorter view.
    The buffers may be narrower than the model's dtype (*storage*, e.g. fp16
    for ``decode_step``, which reads them directly).
    """

    def __init__(self, storage: torch.dtype | None = None):
        super().__init__()
        # Keys and values kept in this dtype (None: the model's), read back in the model's for its attention.
        self.storage = storage

    def lazy_initialization(self, key_states: torch.Tensor, value_states: torch.Tensor) -> None:
        super().lazy_initialization(key_states, value_states)
        self._key_buffer = self._value_buffer = None
        self._length = 0

    def update(
        self, key_states: torch.Tensor, value_states: torch.Tensor, *args, **kwargs
    ) -> tuple[torch.Tensor, torch.Tensor]:
        if not self.is_initialized:
            self.lazy_initialization(key_states, value_states)
        start, end = self._length, self._length + key_states.shape[-2]
        if self._key_buffer is None or end > self._key_buffer.shape[-2]:
            self._grow(key_states, value_states, end + max(_HEADROOM_TOKENS, end // 4))
        self._key_buffer[:, :, start:end] = key_states
        self._value_buffer[:, :, start:end] = value_states
        self._set_length(end)
        # Stored narrower: the model's attention gets a widened copy (a prompt is read in chunks, so a
        # copy a chunk; decoding a token at a time goes through decode_step, which reads the buffers).
        return self.keys.to(key_states.dtype), self.values.to(value_states.dtype)

    def reserve(self, length: int) -> None:
        """Make room for *length* tokens in all (after the first update), so that writing one is a plain copy."""
        if length > self._key_buffer.shape[-2]:
            self._grow(self.keys, self.values, length + max(_HEADROOM_TOKENS, length // 4))

    def _grow(self, key_states: torch.Tensor, value_states: torch.Tensor, capacity: int) -> None:
        def buffer(like: torch.Tensor, old: torch.Tensor | None) -> torch.Tensor:
            size = (like.shape[0], like.shape[1], capacity, like.shape[3])
            new = like.new_empty(size, dtype=self.storage or (like.dtype if old is None else old.dtype))
            if old is not None and self._length:
                new[:, :, : self._length] = old[:, :, : self._length]
            return new

        self._key_buffer = buffer(key_states, self._key_buffer)
        self._value_buffer = buffer(value_states, self._value_buffer)

    def _set_length(self, length: int) -> None:
        self._length = length
        self.keys = self._key_buffer[:, :, :length]
        self.values = self._value_buffer[:, :, :length]

    def crop(self, tokens_to_remove: int) -> None:
        if tokens_to_remove > 0:
            raise ValueError("crop takes a negative number: how many tokens to remove")
        if tokens_to_remove and self.is_initialized and self._key_buffer is not None:
            self._set_length(max(0, self._length + tokens_to_remove))

    def _adopt(self) -> None:
        """After an operation replaced ``keys``/``values`` wholesale, make them the buffers."""
        self._key_buffer, self._value_buffer = self.keys, self.values
        self._length = self.keys.shape[-2]

    def batch_repeat_interleave(self, repeats: int) -> None:
        super().batch_repeat_interleave(repeats)
        if self.is_initialized and self._key_buffer is not None:
            self._adopt()

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        super().batch_select_indices(indices)
        if self.is_initialized and self._key_buffer is not None:
            self._adopt()


class GrowingCache(DynamicCache):
    """A dynamic cache of ``GrowingLayer``s.

    Built without the model's config on purpose: every layer then keeps all its
    keys, sliding-window layers included, so the cache can be cut back to any
    common prefix (the attention mask still applies each layer's window).
    """

    def __init__(self, storage: torch.dtype | None = None):
        Cache.__init__(self, layer_class_to_replicate=functools.partial(GrowingLayer, storage))


def make_kv_cache(kind: str, config, max_tokens: int, storage: torch.dtype | None = None) -> Cache:
    """An empty KV cache: "static" (preallocated, for torch.compile and CUDA graphs) or "dynamic".

    *storage*: the dtype a dynamic cache keeps keys and values in (None: the model's).
    """
    if kind == "static":
        return StaticCache(config=config, max_cache_len=max_tokens)
    return GrowingCache(storage)
