"""The one place judgement turns generated Python source into functions.

Three parts of judging are written as Python source once per rulebook and compiled, as attrs writes a
class's ``__init__``: each level's one-pass evaluation of its rules' conditions
(:func:`judgement.lang.evaluate.compile_outcomes`), each level's check of what the engine fired
(:mod:`judgement.judging.plan`), and the quick reader of a case's evidence
(:func:`judgement.judging.facts.compile_fact`). Only validated names and numbers written with ``repr``
reach that source.

:func:`generate` gives every source its own file name and registers its text with :mod:`linecache`, so a
traceback through generated code shows the line that failed, and :mod:`pdb` and coverage tools can read
it. Setting the environment variable ``JUDGEMENT_CODEGEN=0`` (read each time something would be
generated) makes every one of those parts use its plain interpreter instead: slower, the same answers
(a test judges every fixture both ways and compares), for debugging a suspected fault in generated code.

Generating and compiling a function costs about what a few dozen calls of its plain interpreter cost, so
a function used only a few times (judging one case) does without it: :func:`tiered` answers the first
calls through the plain interpreter and generates the code when a function has been called
:data:`GENERATE_AFTER` times.
"""

from __future__ import annotations

import itertools
import linecache
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

__all__ = ["GENERATE_AFTER", "SWITCH_VAR", "enabled", "generate", "generated_sources", "tiered"]

F = TypeVar("F", bound=Callable[..., Any])

#: The environment variable that switches code generation off (``0``, ``no``, ``off`` or ``false``).
SWITCH_VAR = "JUDGEMENT_CODEGEN"
_OFF = frozenset({"0", "no", "off", "false"})
#: At most this many generated sources stay registered with :mod:`linecache` (oldest forgotten first);
#: a rulebook generates a few dozen.
MAX_REGISTERED = 4096
#: How many times :func:`tiered` calls a function before its code is generated (the call that reaches it
#: is the first answered by generated code).
GENERATE_AFTER = 64

_counter = itertools.count(1)
_registered: list[str] = []
_lock = threading.Lock()


def enabled() -> bool:
    """Whether generated code is used (the default), or every part judges through its plain interpreter."""
    return os.environ.get(SWITCH_VAR, "").strip().lower() not in _OFF


def generate(
    what: str, lines: Sequence[str], name: str, namespace: Mapping[str, object] | None = None
) -> Callable[..., object]:
    """Compile ``lines`` (one function definition, named ``name``) with the globals ``namespace`` and return
    the function. Its source is registered under a file name of its own, ``<judgement what #n>``."""
    source = "\n".join(lines) + "\n"
    with _lock:
        filename = f"<judgement {what} #{next(_counter)}>"
        # (size, modification time, lines, name): a None time marks an entry linecache never checks on disk
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
        _registered.append(filename)
        while len(_registered) > MAX_REGISTERED:
            linecache.cache.pop(_registered.pop(0), None)
    scope: dict[str, object] = dict(namespace or {})
    exec(compile(source, filename, "exec"), scope)  # only validated names and numbers reach ``source``
    made = scope[name]
    assert callable(made)
    return made


def generated_sources() -> tuple[str, ...]:
    """The file names of the generated sources still registered, oldest first (for tools and tests)."""
    with _lock:
        return tuple(_registered)


def tiered(
    pairs: Iterable[tuple[F, Callable[[], F]]], into: list[F] | None = None, after: int | None = None
) -> list[F]:
    """Functions that each begin as a plain interpreter and become generated code once used: for each pair
    (the plain function, and a function of no arguments generating the same function's code), a place in
    the list returned (``into``, when given, is added to and returned). The plain function answers the
    first ``after - 1`` calls (:data:`GENERATE_AFTER` when not given); the next generates the code, which
    answers that call, and takes the plain function's place in the list, so every later call through the
    list goes straight to it. The two answer alike (their tests say so); only the speed changes."""
    slots: list[F] = [] if into is None else into
    limit = GENERATE_AFTER if after is None else after
    for plain, make in pairs:
        slots.append(make() if limit <= 1 else _counted(slots, len(slots), plain, make, limit))
    return slots


def _counted(slots: list[F], index: int, plain: F, make: Callable[[], F], limit: int) -> F:
    """``plain``, counting its calls until the ``limit``-th, which puts ``make()`` at ``slots[index]`` (and
    is what a caller that kept this function calls from then on)."""
    calls = 0
    made: F | None = None

    def counted(*args: Any) -> Any:
        nonlocal calls, made
        if made is not None:
            return made(*args)
        calls += 1
        if calls < limit:
            return plain(*args)
        made = make()  # two threads may both make it: they answer alike, and the last is kept
        slots[index] = made
        return made(*args)

    return counted  # type: ignore[return-value]
