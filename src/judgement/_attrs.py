"""The decorators judgement's value classes are made with: attrs' own :func:`attrs.frozen` and
:func:`attrs.define`, with one ``__repr__`` shared by every class instead of one written for each, and
their ``__eq__`` and ``__hash__`` compiled once, as a module of the package, instead of at every start.

attrs writes each class's methods as Python source and compiles it when the class is made. For the
classes a command imports to judge one case, compiling their ``__repr__`` alone was about a fifteenth of
the command's instructions, for a method read only when an object is shown while debugging. The shared
one writes what attrs' own writes: the class's name, then each field shown as ``name=repr(value)`` (by the
field's own ``repr`` function when it has one; left out when its ``repr`` is false), and ``...`` for an
object already being written further up. A test holds the two equal for every class of the package.

A class that writes its own ``__repr__``, or asks for attrs' with ``repr=True``, keeps it.

attrs writes a class's ``__eq__`` and ``__hash__`` as Python source too, and compiles them each time the
class is made: for the classes a command imports to judge one case, about a twentieth of its
instructions. Both depend only on the names of the fields a class compares and hashes (its *shape*), so
:mod:`judgement._eq_hash` holds them, written by :func:`eq_hash_module` for every shape of the package's
classes, as a module Python compiles once and keeps. Each class gets the functions attrs would write:
the same comparisons in the same order, ``NotImplemented`` for an object of another class, and a hash of
a number for the class with the hashed fields (a class that is not frozen is unhashable, as attrs makes
it). A shape missing from that module (a class added since it was written) is written and compiled when
its class is made; a test holds the module complete and equal to what :func:`eq_hash_module` writes.
With ``JUDGEMENT_CODEGEN=0`` (:mod:`judgement._codegen`) attrs writes them itself. Left to attrs too: a
class that asks for its own equality, ordering or hash caching in its options, writes ``__eq__`` or
``__hash__`` itself, or is an exception. Only :func:`attrs.inspect`, which attrs marks experimental, tells
the difference: it reports that attrs did not add these two methods.

Type checkers are shown attrs' decorators themselves, so they read these classes as the attrs classes
they are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from judgement._codegen import enabled, generate

__all__ = ["SHAPED", "Shape", "define", "eq_hash_module", "eq_hash_source", "frozen", "shape_of", "shared_repr"]

#: The objects each thread is writing the repr of (an object met again inside its own is shown as ``...``).
_WRITING = threading.local()
#: Per class, each field its repr shows: its name, its repr function (None for ``repr``), and whether its
#: constructor sets it (a field it does not set may be unset, and is then shown as attrs shows it).
_SHOWN: dict[type, tuple[tuple[str, Callable[[Any], str] | None, bool], ...]] = {}


def _shown(cls: type) -> tuple[tuple[str, Callable[[Any], str] | None, bool], ...]:
    found = _SHOWN.get(cls)
    if found is None:
        found = _SHOWN[cls] = tuple(
            (f.name, None if f.repr is True else f.repr, f.init) for f in attrs.fields(cls) if f.repr is not False
        )
    return found


def shared_repr(self: Any) -> str:
    """The ``__repr__`` of every value class made with :func:`frozen` or :func:`define`."""
    try:
        writing: set[int] = _WRITING.objects
    except AttributeError:
        writing = _WRITING.objects = set()
    if id(self) in writing:
        return "..."
    writing.add(id(self))
    try:
        parts = []
        for name, show, given in _shown(self.__class__):
            value = getattr(self, name) if given else getattr(self, name, attrs.NOTHING)
            parts.append(f"{name}={value!r}" if show is None else f"{name}={show(value)}")
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        writing.discard(id(self))


#: A class's shape: the names of the fields its ``__eq__`` compares, in order, and of those its ``__hash__``
#: reads (None for a class that is not hashable).
Shape = tuple[tuple[str, ...], tuple[str, ...] | None]
#: The function that, given the number a class's hash starts from, makes a shape's methods for one class.
Factory = Callable[[int], tuple[Callable[..., Any], ...]]
#: Options with which a class asks attrs for its own equality, hashing or ordering.
_ATTRS_EQUALITY = frozenset({"eq", "order", "hash", "unsafe_hash", "cache_hash", "these"})
#: The shape of each class given its ``__eq__`` and ``__hash__`` here, by module and qualified name.
SHAPED: dict[str, Shape] = {}
#: The factories of the shapes :mod:`judgement._eq_hash` does not hold, as they were compiled.
_COMPILED: dict[Shape, Factory] = {}
#: The head of :mod:`judgement._eq_hash`.
_MODULE_HEAD = """\
\"\"\"The ``__eq__`` and ``__hash__`` of each shape of judgement's value classes (see :mod:`judgement._attrs`).

Written by :func:`judgement._attrs.eq_hash_module`: do not edit. After adding or changing a value class,
write it again with ``JUDGEMENT_UPDATE_GOLDEN=1 python -m pytest tests/test_reprs.py``.
\"\"\"

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["SHAPES"]
"""


def shape_of(cls: type, hashable: bool) -> Shape:
    """The shape of the attrs class ``cls`` (``hashable``: whether it is frozen). Raises ``TypeError`` for a
    field compared through a function of its own (``eq=key``), which only attrs' methods do."""
    fields = attrs.fields(cls)
    keyed = [f.name for f in fields if f.eq_key is not None]
    if keyed:
        raise TypeError(f"{cls.__qualname__}.{keyed[0]}: a field compared through a function needs attrs' eq")
    compared = tuple(f.name for f in fields if f.eq)
    return compared, tuple(f.name for f in fields if f.hash or (f.hash is None and f.eq)) if hashable else None


def eq_hash_source(shape: Shape, name: str) -> list[str]:
    """The lines of the :data:`Factory` ``name`` of ``shape``: it makes the ``__eq__`` attrs writes for a
    class of that shape, and for a hashable shape its ``__hash__``."""
    compared, hashed = shape
    lines = [
        f"def {name}(_key: int) -> tuple[Callable[..., Any], ...]:",
        "    def __eq__(self: Any, other: Any) -> Any:",
        "        if other.__class__ is not self.__class__:",
        "            return NotImplemented",
    ]
    if compared:
        tests = [f"self.{field} == other.{field}" for field in compared]
        lines += ["        return (", *(f"            {test} and" for test in tests[:-1]), f"            {tests[-1]}"]
        lines.append("        )")
    else:
        lines.append("        return True")
    if hashed is None:
        return [*lines, "", "    return (__eq__,)"]
    items = "".join(f", self.{field}" for field in hashed) if hashed else ","
    return [
        *lines,
        "",
        "    def __hash__(self: Any) -> int:",
        f"        return hash((_key{items}))",
        "",
        "    return __eq__, __hash__",
    ]


def eq_hash_module(shapes: Iterable[Shape]) -> str:
    """The text of :mod:`judgement._eq_hash`: the :data:`Factory` of each of ``shapes``, and ``SHAPES``, the
    factory by shape."""
    ordered = sorted(set(shapes), key=repr)
    lines = [_MODULE_HEAD]
    for number, shape in enumerate(ordered):
        lines += ["", *eq_hash_source(shape, f"_shape_{number}"), ""]
    lines += ["", "#: Each shape (the fields compared, the fields hashed or None), and the factory of its methods."]
    lines += [
        "SHAPES: dict[",
        "    tuple[tuple[str, ...], tuple[str, ...] | None], Callable[[int], tuple[Callable[..., Any], ...]]",
        "] = {",
    ]
    lines += [f"    {shape!r}: _shape_{number}," for number, shape in enumerate(ordered)]
    return "\n".join([*lines, "}", ""])


def _factory(shape: Shape) -> Factory:
    from judgement._eq_hash import SHAPES  # noqa: PLC0415 - imported by the first class made

    found = SHAPES.get(shape) or _COMPILED.get(shape)
    if found is None:
        made = generate("eq and hash", eq_hash_source(shape, "shape"), "shape", {"Any": Any, "Callable": Callable})
        found = _COMPILED[shape] = made  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def _add_eq_hash(cls: type, hashable: bool) -> None:
    """Give ``cls`` (made by attrs without equality) the ``__eq__`` and ``__hash__`` attrs would have."""
    name = f"{cls.__module__}.{cls.__qualname__}"
    shape = SHAPED[name] = shape_of(cls, hashable)
    methods = _factory(shape)(hash(name))
    for method in methods:
        method.__module__ = cls.__module__
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        method.__doc__ = f"{method.__name__} of {cls.__qualname__}, as attrs writes it (see judgement._attrs)."
        setattr(cls, method.__name__, method)
    if not hashable:
        cls.__hash__ = None  # type: ignore[assignment]  # a class that is not frozen is unhashable


def _ours(cls: type, options: dict[str, Any]) -> bool:
    """Whether :func:`_add_eq_hash` gives ``cls`` its ``__eq__`` and ``__hash__`` (or attrs does)."""
    own = cls.__dict__
    return (
        enabled()
        and _ATTRS_EQUALITY.isdisjoint(options)
        and "__eq__" not in own
        and "__ne__" not in own
        and "__hash__" not in own
        and not issubclass(cls, BaseException)
    )


def _made(decorator: Callable[..., Any], maybe_cls: type | None, options: dict[str, Any]) -> Any:
    if options.get("repr") is not None:  # repr=True asks for attrs' own, repr=False for none
        return decorator(maybe_cls, **options)

    def make(cls: type) -> type:
        own_repr = "__repr__" in cls.__dict__
        ours = _ours(cls, options)
        made: type = decorator(cls, **options, repr=False, **({"eq": False} if ours else {}))
        if ours:
            _add_eq_hash(made, hashable=options.get("frozen", decorator is attrs.frozen))
        if not own_repr:
            made.__repr__ = shared_repr  # type: ignore[method-assign,assignment]
        return made

    return make if maybe_cls is None else make(maybe_cls)


if TYPE_CHECKING:  # the decorators as attrs declares them
    from attrs import define, frozen
else:

    def frozen(maybe_cls=None, /, **options):
        """:func:`attrs.frozen`, with :func:`shared_repr` for the class's ``__repr__``."""
        return _made(attrs.frozen, maybe_cls, options)

    def define(maybe_cls=None, /, **options):
        """:func:`attrs.define`, with :func:`shared_repr` for the class's ``__repr__``."""
        return _made(attrs.define, maybe_cls, options)
