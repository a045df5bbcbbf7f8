"""The methods judgement's value classes get from :mod:`judgement._attrs` instead of attrs: one ``__repr__``
shared by every class, which writes what attrs' own would, ``__eq__`` and ``__hash__`` compiled once in
:mod:`judgement._eq_hash`, which answer as attrs' own would, and each ``__init__`` from attrs' own source
compiled once in :mod:`judgement._inits`.

After adding or changing a value class, write those modules again with
``JUDGEMENT_UPDATE_GOLDEN=1 python -m pytest tests/test_reprs.py``."""

from __future__ import annotations

import functools
import importlib
import linecache
import os
import pkgutil
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement import _attrs, _eq_hash, _inits, data
from judgement._attrs import define, eq_hash_module, frozen, inits_module, shared_repr
from judgement._codegen import SWITCH_VAR
from judgement._frozen import FrozenMap

ROOT = Path(__file__).resolve().parents[1]


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


# ------------------------------------------------------------------------------------ __eq__ and __hash__


def _ours() -> list[type]:
    """The package's classes whose ``__eq__`` and ``__hash__`` :mod:`judgement._attrs` gave them."""
    return [c for c in _classes() if f"{c.__module__}.{c.__qualname__}" in _attrs.SHAPED]


def test_the_module_of_eq_and_hash_holds_every_shape_of_the_package():
    ours = _ours()
    assert len(ours) > 90, "most value classes get their equality from judgement._eq_hash"
    text = eq_hash_module(_attrs.SHAPED[f"{c.__module__}.{c.__qualname__}"] for c in ours)
    path = Path(_eq_hash.__file__)
    if os.environ.get("JUDGEMENT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, "write it: JUDGEMENT_UPDATE_GOLDEN=1 pytest tests/test_reprs.py"
    for cls in ours:  # none was compiled when its class was made
        assert cls.__eq__.__code__.co_filename == _eq_hash.__file__, cls
        assert cls.__eq__.__qualname__ == f"{cls.__qualname__}.__eq__"
        assert cls.__hash__ is None or cls.__hash__.__code__.co_filename == _eq_hash.__file__, cls
    left = {c.__qualname__ for c in _classes() if c not in ours and "__eq__" in vars(c)}
    assert {"Case", "Rulebook", "Field"} <= left, "a class asking for hash caching keeps attrs' methods"


def _twins(cls: type) -> tuple[type, type]:
    """Two classes with ``cls``'s fields (compared and hashed as its are): one made by judgement's
    decorator, one by attrs' own."""
    hashable = _attrs.SHAPED[f"{cls.__module__}.{cls.__qualname__}"][1] is not None
    made = []
    for maker in (frozen, attrs.frozen) if hashable else (define, attrs.define):
        fields = {f.name: attrs.field(eq=f.eq, hash=f.hash, default=None) for f in attrs.fields(cls)}
        made.append(maker(type(cls.__name__, (), fields)))
    return made[0], made[1]


_NAN = float("nan")  # one object: equal to itself by identity in a tuple, not by ==
_VALUES = st.sampled_from([0, 1, 1.0, "a", "b", None, (1, 2), _NAN, frozenset({1})])


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_eq_and_hash_answer_as_attrs_own_for_every_shape(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(_ours()))
    ours, theirs = _twins(cls)
    assert ours.__eq__.__code__.co_filename == _eq_hash.__file__  # the package's own methods for this shape
    width = len(attrs.fields(cls))
    first, second = (data.draw(st.lists(_VALUES, min_size=width, max_size=width)) for _ in range(2))
    a, b, x, y = ours(*first), ours(*second), theirs(*first), theirs(*second)
    assert (a == b) is (x == y)
    assert (a != b) is (x != y)
    a_again, x_again = ours(*first), theirs(*first)
    assert (a == a_again) is (x == x_again)
    assert a != x  # another class is never equal
    assert x != a
    if ours.__hash__ is None:
        assert theirs.__hash__ is None
        with pytest.raises(TypeError, match="unhashable"):
            hash(a)
    elif a == b:
        assert hash(a) == hash(b)
    assert {f.name for f in attrs.fields(ours)} == {f.name for f in attrs.fields(theirs)}


def test_a_shape_the_module_lacks_is_compiled_once_and_registered():
    @frozen
    class Odd:
        zq_first: int
        zq_second: str = attrs.field(eq=False)
        zq_third: int = attrs.field(default=0, hash=False)

    @frozen
    class Same:
        zq_first: int
        zq_second: str = attrs.field(eq=False)
        zq_third: int = attrs.field(default=0, hash=False)

    assert _attrs.SHAPED[f"{Odd.__module__}.{Odd.__qualname__}"] == (("zq_first", "zq_third"), ("zq_first",))
    source = Odd.__eq__.__code__.co_filename
    assert source.startswith("<judgement eq and hash #")
    assert "self.zq_first == other.zq_first and" in "".join(linecache.getlines(source))
    assert Same.__eq__.__code__ is Odd.__eq__.__code__  # compiled once for the shape
    assert Odd(1, "x", 2) == Odd(1, "y", 2) != Odd(1, "x", 3)
    assert hash(Odd(1, "x", 2)) == hash(Odd(1, "y", 5))
    assert Odd(1, "x", 2) != Same(1, "x", 2)  # another class, though the same fields
    assert Odd.__eq__.__qualname__.endswith("<locals>.Odd.__eq__")


def test_a_class_asking_for_its_own_equality_keeps_attrs_methods(monkeypatch):
    @frozen(cache_hash=True)
    class Cached:
        x: int

    @frozen(eq=False)
    class Identity:
        x: int

    @frozen
    class Own:
        x: int

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    @frozen
    class Failure(Exception):
        x: int

    for cls in (Cached, Identity, Own, Failure):
        assert f"{cls.__module__}.{cls.__qualname__}" not in _attrs.SHAPED, cls
    assert Cached(1) == Cached(1)
    assert hash(Cached(1)) == hash(Cached(1))
    assert Identity(1) != Identity(1)
    assert Own(1) == Own(2)
    monkeypatch.setenv(SWITCH_VAR, "0")  # code generation off: attrs writes them

    @frozen
    class Plain:
        x: int

    assert f"{Plain.__module__}.{Plain.__qualname__}" not in _attrs.SHAPED
    assert Plain.__eq__.__code__.co_filename.startswith("<attrs generated")
    assert Plain(1) == Plain(1) != Plain(2)


@pytest.mark.parametrize("maker", [frozen, define])
def test_a_field_compared_through_a_function_is_refused(maker):
    with pytest.raises(TypeError, match=r"Keyed\.x: a field compared through a function needs attrs' eq"):

        @maker
        class Keyed:
            x: str = attrs.field(eq=str.lower)


def test_a_class_that_is_not_frozen_is_unhashable_and_compares_its_fields():
    @define
    class Mutable:
        x: int
        y: list[int] = attrs.field(factory=list)

    assert Mutable.__hash__ is None
    assert Mutable(1) == Mutable(1) != Mutable(1, [2])
    changed = Mutable(1)
    changed.x = 2
    assert changed == Mutable(2)


@pytest.mark.slow
def test_judging_with_attrs_own_methods_gives_the_same_output():
    case = str(ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml")
    outputs = []
    for switch in ("1", "0"):
        env = {**os.environ, SWITCH_VAR: switch, "JUDGEMENT_CACHE": "off"}
        done = subprocess.run(
            [sys.executable, "-m", "judgement", "judge", case, "--format", "json", "-v"],
            capture_output=True,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert b'"grade"' in outputs[0]


# ---------------------------------------------------------------------------------------------- __init__


def _init_code(script: str) -> types.CodeType:
    """The code of the ``__init__`` a source attrs wrote defines, compiled as attrs compiles it."""
    found = compile(script, "<attrs>", "exec").co_consts
    return next(c for c in found if isinstance(c, types.CodeType) and c.co_name == "__init__")


def _same_code(a: types.CodeType, b: types.CodeType) -> bool:
    return (a.co_code, a.co_consts, a.co_names, a.co_varnames, a.co_argcount, a.co_kwonlyargcount) == (
        b.co_code,
        b.co_consts,
        b.co_names,
        b.co_varnames,
        b.co_argcount,
        b.co_kwonlyargcount,
    )


def test_the_module_of_inits_holds_what_attrs_writes_for_every_class_of_the_package():
    seen = {f"{c.__module__}.{c.__qualname__}": c for c in _classes()}
    scripts = {name: script for name, script in _attrs.SCRIPTED.items() if name in seen}
    assert len(scripts) > 90, "every value class's source is seen as attrs compiles it"
    text = inits_module(scripts.values())
    path = Path(_inits.__file__)
    if os.environ.get("JUDGEMENT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    elif attrs.__version__ != _inits.ATTRS_VERSION:
        pytest.skip(f"written from attrs {_inits.ATTRS_VERSION}: attrs {attrs.__version__} compiles every __init__")
    assert path.read_text(encoding="utf-8") == text, "write it: JUDGEMENT_UPDATE_GOLDEN=1 pytest tests/test_reprs.py"
    hashed = set()
    for name, script in scripts.items():  # none kept was compiled when its class was made; each is attrs' code
        init = seen[name].__init__
        if "def __hash__" in script:  # asks for attrs' own hash: a number drawn in each process, compiled then
            hashed.add(seen[name].__qualname__)
            assert init.__code__.co_filename.startswith("<attrs generated"), name
            continue
        assert init.__code__.co_filename == _inits.__file__, name
        assert init.__qualname__ == f"{seen[name].__qualname__}.__init__"
        assert _same_code(init.__code__, _init_code(script)), name
    assert {"Case", "Rulebook", "Decision"} <= hashed
    assert len(hashed) < 10


def test_an_init_from_the_module_does_what_attrs_own_does():
    from judgement.model import Evidence
    from judgement.source import Location

    assert Location.__init__.__code__.co_filename == _inits.__file__
    at = Location("f.yaml", 3, 4)
    assert (at.file, at.line, at.column, at.source_line) == ("f.yaml", 3, 4, None)  # defaults from attrs' fields
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        at.line = 5  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'column'"):
        Location("f.yaml", 3)  # type: ignore[call-arg]
    item = Evidence("rate", 50)
    assert item == Evidence("rate", 50) != Evidence("rate", 51)


def _attrs_step() -> object:
    """attrs' step that compiles a class's methods, as attrs' module holds it now."""
    import attr._make

    return attr._make._compile_and_eval  # type: ignore[attr-defined]


def test_a_class_the_module_lacks_has_its_init_compiled_by_attrs():
    @frozen
    class Unheard:
        zq_alpha: int
        zq_beta: tuple[int, ...] = attrs.field(factory=tuple, converter=tuple)

    name = f"{Unheard.__module__}.{Unheard.__qualname__}"
    assert "zq_beta" in _attrs.SCRIPTED[name]
    assert Unheard.__init__.__code__.co_filename.startswith("<attrs generated")
    assert Unheard(1, [2, 3]).zq_beta == (2, 3)
    assert _attrs_step() is _attrs._COMPILE_AND_EVAL, "attrs' own step is put back once the class is made"


def test_classes_are_made_by_attrs_alone_when_its_step_is_not_found_or_code_generation_is_off(monkeypatch):
    monkeypatch.setattr(_attrs, "_COMPILE_AND_EVAL", None)  # another version of attrs

    @frozen
    class Elsewhere:
        zq_gamma: int

    assert Elsewhere.__init__.__code__.co_filename.startswith("<attrs generated")
    monkeypatch.undo()
    monkeypatch.setenv(SWITCH_VAR, "0")

    @frozen
    class Off:
        area: str
        loc: object

    assert Off.__init__.__code__.co_filename.startswith("<attrs generated")  # though the module holds its source
    assert Off("a", None).area == "a"


def test_a_call_of_attrs_step_in_another_form_is_attrs_own(monkeypatch):
    seen = []
    monkeypatch.setattr(_attrs, "_COMPILE_AND_EVAL", lambda *a, **k: seen.append((a, k)))
    _attrs._answered("x = 1", {}, locs={})
    _attrs._answered(b"x = 1", {}, {})
    assert seen == [(("x = 1", {}), {"locs": {}}), ((b"x = 1", {}, {}), {})]


def test_classes_made_in_several_threads_at_once_leave_attrs_as_it_was():
    start = threading.Barrier(4)
    made: list[type] = []

    def make(k: int) -> None:
        start.wait()
        for j in range(20):
            made.append(frozen(type(f"Threaded{k}x{j}", (), {"__annotations__": {"zq_v": "int"}})))

    threads = [threading.Thread(target=make, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 80
    assert all(cls(1).zq_v == 1 for cls in made)
    assert _attrs_step() is _attrs._COMPILE_AND_EVAL
    assert _attrs._answering == 0
