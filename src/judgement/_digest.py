"""SHA-256, the one digest judgement computes (a case's stamp, a rulebook's digest, the keys of checked
rulebooks kept between runs, the names of rulesets).

:mod:`hashlib` loads OpenSSL when it is imported, which cost a command judging one case about a
fiftieth of its time. CPython's own SHA-256 module (``_sha2`` from Python 3.12, ``_sha256`` before)
gives the same digests and loads at once, but takes about five times as long a byte. So the first
:data:`OWN_FIRST` digests of a process come from the interpreter's own module, where it has one, and
the rest from :mod:`hashlib` (importing it costs about what those would have cost the slow way): a
command of one case never loads OpenSSL, and a batch of many cases hashes at OpenSSL's speed. A test
holds the two to the same digests.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable
from typing import Protocol

__all__ = ["OWN_FIRST", "Hash", "sha256"]


class Hash(Protocol):
    """A SHA-256 being computed (as :func:`hashlib.sha256` returns it)."""

    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def _builtin() -> Callable[..., Hash]:
    for name in ("_sha2", "_sha256"):
        try:
            found: Callable[..., Hash] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return found
    import hashlib  # noqa: PLC0415 - only where the interpreter has no SHA-256 of its own

    return hashlib.sha256


#: How many digests a process takes from the interpreter's own SHA-256 before it imports :mod:`hashlib`.
OWN_FIRST = 256

_OWN = _builtin()
_CALLS = itertools.count()
_OPENSSL: list[Callable[..., Hash]] = []


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 of ``data`` (more can be added with ``update``)."""
    if _OPENSSL:
        return _OPENSSL[0](data)
    if next(_CALLS) < OWN_FIRST:
        return _OWN(data)
    import hashlib  # noqa: PLC0415 - once many digests are asked for (see the module's description)

    _OPENSSL[:] = [hashlib.sha256]
    return hashlib.sha256(data)
