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
"""

from __future__ import annotations

import itertools
import linecache
import os
import threading
from collections.abc import Callable, Mapping, Sequence

__all__ = ["SWITCH_VAR", "enabled", "generate", "generated_sources"]

#: The environment variable that switches code generation off (``0``, ``no``, ``off`` or ``false``).
SWITCH_VAR = "JUDGEMENT_CODEGEN"
_OFF = frozenset({"0", "no", "off", "false"})
#: At most this many generated sources stay registered with :mod:`linecache` (oldest forgotten first);
#: a rulebook generates a few dozen.
MAX_REGISTERED = 4096

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
