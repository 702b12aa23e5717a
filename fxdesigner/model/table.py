"""An id-keyed table that keeps plan order and can restore an item in its place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

# Order keys are floats so an undo can put an item back between two others in
# constant time; after many nested restores at one spot the gaps get too small
# and the table renumbers itself.
_MIN_GAP = 1e-6


class OrderedTable(Generic[T]):
    __slots__ = ("_items", "_last", "_order")

    def __init__(self) -> None:
        self._items: dict[str, T] = {}
        self._order: dict[str, float] = {}
        self._last = 0.0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __getitem__(self, key: str) -> T:
        return self._items[key]

    def values(self) -> list[T]:
        return list(self._items.values())

    def iter_values(self) -> Iterator[T]:
        return iter(self._items.values())

    def keys(self) -> list[str]:
        return list(self._items)

    def order_key(self, key: str) -> float:
        return self._order[key]

    def index_of(self, key: str) -> int:
        if key not in self._items:
            raise KeyError(key)
        target = self._order[key]
        return sum(1 for value in self._order.values() if value < target)

    def add(self, key: str, value: T, index: int | None = None) -> None:
        if index is None or index >= len(self._items):
            self._last += 1.0
            self._items[key] = value
            self._order[key] = self._last
            return
        index = max(index, 0)
        keys = list(self._items)
        after = self._order[keys[index]]
        before = self._order[keys[index - 1]] if index > 0 else after - 1.0
        items = list(self._items.items())
        items.insert(index, (key, value))
        self._items = dict(items)
        if after - before < _MIN_GAP:
            self._renumber()
        else:
            self._order[key] = (before + after) / 2.0

    def remove(self, key: str) -> tuple[T, int]:
        # Removing the newest item (an undone add, a proposed cable) is common: keep it O(1).
        index = len(self._items) - 1 if self._order.get(key) == self._last else self.index_of(key)
        value = self._items.pop(key)
        del self._order[key]
        return value, index

    def _renumber(self) -> None:
        self._order = {key: float(i + 1) for i, key in enumerate(self._items)}
        self._last = float(len(self._items))
