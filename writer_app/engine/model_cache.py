"""Loaded models kept within a memory budget; the least recently used one goes first."""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable


class ModelCache:
    def __init__(self, budget_bytes: int, on_evict: Callable[[object], None] = lambda _value: None):
        self.budget_bytes = budget_bytes
        self._on_evict = on_evict
        self._items: OrderedDict[str, tuple[object, int]] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def keys(self) -> list[str]:
        return list(self._items)

    @property
    def used_bytes(self) -> int:
        return sum(size for _value, size in self._items.values())

    def get(self, key: str):
        if key not in self._items:
            return None
        self._items.move_to_end(key)
        return self._items[key][0]

    def make_room(self, size: int) -> list[str]:
        """Evict least recently used entries until *size* more bytes fit (or nothing is left)."""
        evicted = []
        while self._items and self.used_bytes + size > self.budget_bytes:
            key, (value, _size) = self._items.popitem(last=False)
            self._on_evict(value)
            evicted.append(key)
        return evicted

    def put(self, key: str, value, size: int) -> list[str]:
        """Keep *value*; a model larger than the whole budget is still kept, alone."""
        self.remove(key)
        evicted = self.make_room(size)
        self._items[key] = (value, size)
        return evicted

    def remove(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._on_evict(item[0])

    def clear(self) -> None:
        for key in list(self._items):
            self.remove(key)
