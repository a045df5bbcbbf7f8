"""An immutable, hashable, picklable mapping for the data model (``dict`` is mutable, and
``types.MappingProxyType`` neither hashes nor pickles).

This module does not postpone annotations: attrs copies :func:`freeze`'s parameter type into the
``__init__`` of every class that uses it as a converter, and a real type (not text to evaluate in the
other module) keeps those signatures readable by documentation tools."""

from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

__all__ = ["FrozenMap", "freeze", "lookup"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that keeps insertion order; equal to any mapping with the same items."""

    __slots__ = ("_data", "_hash")

    def __init__(self, items: "Mapping[K, V] | Iterable[tuple[K, V]]" = ()) -> None:
        self._data: dict[K, V] = dict(items)
        self._hash: int | None = None

    @classmethod
    def adopt(cls, data: "dict[K, V]") -> "FrozenMap[K, V]":
        """A FrozenMap over ``data`` itself, without copying: only for a dict nothing else holds."""
        made = cls.__new__(cls)
        made._data = data
        made._hash = None
        return made

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: K, default: Any = None) -> Any:
        return self._data.get(key, default)

    # The dict's own views are read-only and much faster than the generic Mapping ones.
    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> "tuple[Any, ...]":
        return (FrozenMap, (self._data,))


def freeze(items: Mapping[Any, Any] | Iterable[tuple[Any, Any]] = ()) -> "FrozenMap[Any, Any]":
    """``items`` as a :class:`FrozenMap` (a FrozenMap is returned as it is). The attrs converter of every
    mapping field in the model (not generic, so that type checkers read the fields' own annotations)."""
    if isinstance(items, FrozenMap):
        return items
    return FrozenMap(items)


def lookup(mapping: "Mapping[K, V]") -> "Callable[[K], V | None]":
    """``mapping.get``, as the dict's own method for a :class:`FrozenMap` (a call through the Python-level
    ``FrozenMap.get`` costs several times a dict's, which counts in code that reads every key of a case)."""
    return mapping._data.get if type(mapping) is FrozenMap else mapping.get
