"""Reusing the KV cache of the last prompt for the next one.

A writer presses Continue again and again at the end of the same document, and
Ask and Summarise prompts share their instructions. Each loaded model keeps the
KV cache of its last generation (prompt and reply) with the token ids it
holds; the next prompt reads only the tokens after the longest common prefix.
"""

from __future__ import annotations

from typing import Callable

import torch

# Below this many shared tokens a fresh cache is as quick and keeps nothing stale.
MIN_REUSE_TOKENS = 4


def common_prefix_length(a: torch.Tensor, b: torch.Tensor) -> int:
    """How many leading tokens the 1-D id tensors *a* and *b* share."""
    n = min(len(a), len(b))
    differ = (a[:n] != b[:n]).nonzero()
    return int(differ[0]) if len(differ) else n


class PromptCache:
    """The KV cache of one model's last prompt and reply, taken by the next request and given back after it."""

    def __init__(self, make_cache: Callable[[int], object]):
        """*make_cache(tokens)* returns an empty cache with room for at least that many tokens."""
        self._make_cache = make_cache
        self._cache = None
        self._ids: torch.Tensor | None = None  # the token ids whose keys and values the cache holds

    @property
    def cached_tokens(self) -> int:
        return 0 if self._ids is None else len(self._ids)

    def take(self, input_ids: torch.Tensor, room: int = 0) -> tuple[object, int]:
        """A cache holding the longest prefix *input_ids* (1 x n) shares with the last prompt, and its length.

        The cache has room for the prompt and *room* more tokens. It is handed
        over, not shared: if the request fails half-way, nothing half-updated
        is left behind for the next one.
        """
        cache, ids = self._cache, self._ids
        self.clear()
        needed = input_ids.shape[1] + room

        def fresh():
            return self._make_cache(needed), 0

        if cache is None or input_ids.shape[0] != 1 or not _has_room(cache, needed):
            return fresh()
        # At least the last token is read anew: generate needs its logits.
        common = min(common_prefix_length(ids, input_ids[0].to(ids.device)), input_ids.shape[1] - 1)
        if common < MIN_REUSE_TOKENS:
            return fresh()
        try:
            cache.crop(common - int(cache.get_seq_length()))
        except (RuntimeError, ValueError):  # e.g. a sliding-window layer that has moved past its window
            return fresh()
        if int(cache.get_seq_length()) != common:
            return fresh()
        return cache, common

    def keep(self, cache, sequence: torch.Tensor) -> None:
        """Remember *cache*, which holds the first ``get_seq_length()`` tokens of the 1-D *sequence*."""
        length = int(cache.get_seq_length())
        if length <= 0 or length > len(sequence):
            self.clear()
            return
        self._cache, self._ids = cache, sequence[:length].clone()

    def clear(self) -> None:
        self._cache = self._ids = None


def _has_room(cache, tokens: int) -> bool:
    """A preallocated (static) cache must hold *tokens*; a growing one always can."""
    capacity = cache.get_max_length() if cache.layers else -1
    return capacity < 0 or capacity >= tokens
