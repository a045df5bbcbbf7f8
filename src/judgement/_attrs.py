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

attrs writes each class's ``__init__`` as Python source as well, and compiles it when the class is made:
for the classes a command imports to judge one case, about a twentieth of its time. The source depends
on the class's fields alone, so :mod:`judgement._inits` holds the function of each source attrs writes
for the package's classes, written by :func:`inits_module` and compiled by Python once, like any module.
While one of these decorators makes a class, attrs' step that compiles a class's methods
(``attr._make._compile_and_eval``, which is not attrs' public API) is answered from that module when it
holds the source, byte for byte, and is attrs' own otherwise: a class changed since the module was
written, a class asking for attrs' own hash (its source holds a number drawn afresh in each process),
another version of attrs, or the step not found where this expects it. The function is
attrs' source compiled, so it does what attrs' would; a test holds the module equal to what attrs writes
now and each ``__init__``'s code equal to the code compiling its source gives. With
``JUDGEMENT_CODEGEN=0`` attrs compiles every class's methods itself.

Type checkers are shown attrs' decorators themselves, so they read these classes as the attrs classes
they are.
"""

from __future__ import annotations

import contextlib
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attr._make
import attrs

from judgement._codegen import enabled, generate

__all__ = [
    "SCRIPTED",
    "SHAPED",
    "Shape",
    "define",
    "eq_hash_module",
    "eq_hash_source",
    "frozen",
    "inits_module",
    "shape_of",
    "shared_repr",
]

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


#: The source attrs wrote for each class made here (its methods: the ``__init__``), by module and qualified
#: name.
SCRIPTED: dict[str, str] = {}
#: attrs' step that compiles a class's methods from their source, as attrs has it (None if it is not where
#: :func:`_answered` expects it: every class is then compiled by attrs).
_COMPILE_AND_EVAL: Callable[..., Any] | None = getattr(attr._make, "_compile_and_eval", None)
_ANSWERING = threading.Lock()
#: How many classes are being made with :func:`_answered` in place (it is taken away when none is).
_answering = 0
#: The name of the class this thread is making, while it is made.
_MAKING = threading.local()
#: The head of :mod:`judgement._inits`.
_INITS_HEAD = """\
\"\"\"The ``__init__`` attrs writes for each of judgement's value classes (see :mod:`judgement._attrs`).

Written by :func:`judgement._attrs.inits_module` from what attrs {version} writes: do not edit. After adding or
changing a value class, write it again with ``JUDGEMENT_UPDATE_GOLDEN=1 python -m pytest tests/test_reprs.py``.
\"\"\"

from collections.abc import Callable
from typing import Any

__all__ = ["ATTRS_VERSION", "SCRIPTS"]

#: The version of attrs whose sources these are.
ATTRS_VERSION = {version!r}
"""


def _answered(*args: Any, **kwargs: Any) -> Any:
    """attrs' ``_compile_and_eval(script, globs, locs, filename)``, answered from :mod:`judgement._inits`
    when it holds ``script``: the functions its source defines, made with attrs' ``globs`` as theirs, are
    put in ``locs`` as running the compiled source would put them. Anything else is attrs' own."""
    assert _COMPILE_AND_EVAL is not None
    script, globs, locs = (*args, None, None, None)[:3]
    if kwargs or not isinstance(script, str) or not isinstance(globs, dict) or not isinstance(locs, dict):
        return _COMPILE_AND_EVAL(*args, **kwargs)
    making = getattr(_MAKING, "name", None)
    if making is not None:
        SCRIPTED[making] = script
    from judgement._inits import SCRIPTS  # noqa: PLC0415 - imported by the first class made

    factory = SCRIPTS.get(script)
    if factory is None:
        return _COMPILE_AND_EVAL(*args, **kwargs)
    locs.update(types.FunctionType(factory.__code__, globs)())
    return None


@contextlib.contextmanager
def _scripts_answered(name: str) -> Iterator[None]:
    """While class ``name`` is made: attrs' compiling of its methods is :func:`_answered` (in every thread,
    as attrs has one such step; it answers any class's source as attrs would)."""
    global _answering  # noqa: PLW0603 - the count of classes being made, under its lock
    if _COMPILE_AND_EVAL is None or not enabled():
        yield
        return
    _MAKING.name = name
    with _ANSWERING:
        _answering += 1
        attr._make._compile_and_eval = _answered
    try:
        yield
    finally:
        _MAKING.name = None
        with _ANSWERING:
            _answering -= 1
            if not _answering:
                attr._make._compile_and_eval = _COMPILE_AND_EVAL


def _keepable(script: str) -> bool:
    """Whether ``script`` can be kept in :mod:`judgement._inits`: it only defines functions, none of which
    reads another's name (so it can run as the body of a function without changing what any name in it
    means), and none is a ``__hash__``, whose source holds a number that changes from process to process
    (the hash of a name)."""
    import ast  # noqa: PLC0415 - only when the module is written

    try:
        body = ast.parse(script).body
    except SyntaxError:
        return False
    if not body or not all(isinstance(node, ast.FunctionDef) for node in body):
        return False
    defined = {node.name for node in body if isinstance(node, ast.FunctionDef)}
    if "__hash__" in defined:
        return False
    return not any(isinstance(node, ast.Name) and node.id in defined for node in ast.walk(ast.Module(body, [])))


def inits_module(scripts: Iterable[str]) -> str:
    """The text of :mod:`judgement._inits`: for each of ``scripts`` (sources attrs wrote) that can be kept
    (:func:`_keepable`), a function whose body is that source and that returns what it defined, and
    ``SCRIPTS``, that function by the source."""
    ordered = sorted({s for s in scripts if _keepable(s)})
    lines = [_INITS_HEAD.format(version=attrs.__version__)]
    for number, script in enumerate(ordered):
        body = [f"    {line}" if line.strip() else "" for line in script.splitlines()]
        lines += ["", f"def _script_{number}() -> dict[str, Any]:", *body, "    return locals()", ""]
    lines += ["", "#: Each source attrs writes, and the function that runs it (given the globals attrs gives it)."]
    lines += ["SCRIPTS: dict[str, Callable[[], dict[str, Any]]] = {"]
    lines += [f"    {script!r}: _script_{number}," for number, script in enumerate(ordered)]
    return "\n".join([*lines, "}", ""])


def _made(decorator: Callable[..., Any], maybe_cls: type | None, options: dict[str, Any]) -> Any:
    if options.get("repr") is not None:  # repr=True asks for attrs' own, repr=False for none
        return decorator(maybe_cls, **options)

    def make(cls: type) -> type:
        own_repr = "__repr__" in cls.__dict__
        ours = _ours(cls, options)
        with _scripts_answered(f"{cls.__module__}.{cls.__qualname__}"):
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
