"""The decorators judgement's value classes are made with: attrs' own :func:`attrs.frozen` and
:func:`attrs.define`, with one ``__repr__`` shared by every class instead of one written for each.

attrs writes each class's methods as Python source and compiles it when the class is made. For the
classes a command imports to judge one case, compiling their ``__repr__`` alone was about a fifteenth of
the command's instructions, for a method read only when an object is shown while debugging. The shared
one writes what attrs' own writes: the class's name, then each field shown as ``name=repr(value)`` (by the
field's own ``repr`` function when it has one; left out when its ``repr`` is false), and ``...`` for an
object already being written further up. A test holds the two equal for every class of the package.

A class that writes its own ``__repr__``, or asks for attrs' with ``repr=True``, keeps it. Type checkers
are shown attrs' decorators themselves, so they read these classes as the attrs classes they are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

__all__ = ["define", "frozen", "shared_repr"]

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


def _made(decorator: Callable[..., Any], maybe_cls: type | None, options: dict[str, Any]) -> Any:
    if options.get("repr") is not None:  # repr=True asks for attrs' own, repr=False for none
        return decorator(maybe_cls, **options)

    def make(cls: type) -> type:
        own = "__repr__" in cls.__dict__
        made: type = decorator(cls, **options, repr=False)
        if not own:
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
