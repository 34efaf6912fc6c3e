"""A small most-recently-used cache: the explorer's back-and-forth stays warm, memory bounded."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

KEEP = 8  # results kept per cache


class Memo:
    """Values by key, made on first request; the least recently used goes beyond `size`."""

    def __init__(self, size: int = KEEP) -> None:
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._size = size

    def get(self, key: Hashable, make: Callable[[], object]):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = make()
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return value
