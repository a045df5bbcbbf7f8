"""Every value class shares one ``__repr__`` (:mod:`judgement._attrs`), which writes what attrs' own would."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterator

import attrs
import pytest

import judgement
from judgement import data
from judgement._attrs import define, frozen, shared_repr
from judgement._frozen import FrozenMap


def _classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(judgement.__path__, "judgement."):
        if info.name.startswith("judgement.serve") or info.name in ("judgement.__main__", "judgement.pytest_plugin"):
            continue  # the web layer's optional libraries; the command line's entry; the plugin is pytest's
        module = importlib.import_module(info.name)
        found += [
            v for v in vars(module).values() if isinstance(v, type) and v.__module__ == module.__name__ and attrs.has(v)
        ]
    return found


@functools.cache
def _attrs_repr(cls: type):  # type: ignore[no-untyped-def]
    """The ``__repr__`` attrs writes for ``cls``'s fields."""
    fields = {f.name: attrs.field(repr=f.repr, init=f.init) for f in attrs.fields(cls)}
    return attrs.make_class(cls.__name__, fields, repr=True, eq=False, init=False, slots=False).__repr__


def _values(root: object) -> Iterator[object]:
    """Every attrs value reachable from ``root`` through fields, tuples, lists and mappings."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        value = stack.pop()
        if id(value) in seen or isinstance(value, str | int | float | type(None)):
            continue
        seen.add(id(value))
        if attrs.has(type(value)):
            yield value
            stack += [getattr(value, f.name, None) for f in attrs.fields(type(value))]
        elif isinstance(value, tuple | list | frozenset | set):
            stack += list(value)
        elif isinstance(value, dict | FrozenMap):
            stack += [*value.keys(), *value.values()]


def test_every_value_class_shares_one_repr():
    classes = _classes()
    assert len(classes) > 100
    own = [c for c in classes if c.__repr__ is not shared_repr and "__repr__" not in vars(c)]
    assert own == [], "made with attrs.frozen or attrs.define: use judgement._attrs' decorators"


def test_the_shared_repr_writes_what_attrs_writes(ucra, staffordshire):
    hull = data.cases(2025, "Hull")[0]
    ilacs = judgement.rulebook_for(hull)
    judged = [judgement.judge(ucra, staffordshire), judgement.judge(ilacs, hull)]
    roots: list[object] = [ucra, ilacs, *judged, hull, staffordshire]
    roots += [area.trace for one in judged for area in one.areas.values()]
    roots += [judgement.explain(judged[1], area.id) for area in ilacs.areas[:3]]
    shown: dict[type, int] = {}
    for root in roots:
        for value in _values(root):
            cls = type(value)
            if cls.__repr__ is shared_repr and shown.get(cls, 0) < 5:  # a few of each class
                assert repr(value) == _attrs_repr(cls)(value), cls.__qualname__
                shown[cls] = shown.get(cls, 0) + 1
    assert len(shown) > 40, len(shown)


def test_the_shared_repr_shows_fields_as_attrs_does():
    @define
    class Node:
        name: str
        below: list[object] = attrs.field(factory=list)
        hidden: int = attrs.field(default=0, repr=False)
        shown_as: int = attrs.field(default=7, repr=lambda v: f"<{v}>")
        later: int = attrs.field(init=False)

    @attrs.define
    class Twin:  # the same, with attrs' own repr
        name: str
        below: list[object] = attrs.field(factory=list)
        hidden: int = attrs.field(default=0, repr=False)
        shown_as: int = attrs.field(default=7, repr=lambda v: f"<{v}>")
        later: int = attrs.field(init=False)

    node, twin = Node("top"), Twin("top")
    node.below.append(node)  # an object met inside its own repr
    twin.below.append(twin)
    assert (
        repr(node) == repr(twin).replace("Twin", "Node") == "Node(name='top', below=[...], shown_as=<7>, later=NOTHING)"
    )
    node.later = twin.later = 3
    assert repr(node) == repr(twin).replace("Twin", "Node")

    @frozen
    class Own:
        x: int

        def __repr__(self) -> str:
            return "mine"

    @frozen(repr=True)
    class Asked:
        x: int

    assert repr(Own(1)) == "mine"
    assert Asked.__repr__ is not shared_repr
    assert repr(Asked(2)) == "Asked(x=2)"


@pytest.mark.parametrize("maker", [frozen, define])
def test_the_decorators_take_attrs_options(maker):
    @maker(eq=False)
    class Thing:
        x: int

    assert Thing(1) != Thing(1)
    assert repr(Thing(1)) == "Thing(x=1)"
    assert attrs.has(Thing)
