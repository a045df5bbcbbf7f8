"""SHA-256, the one digest judgement computes (a case's stamp, a rulebook's digest, the keys of checked
rulebooks kept between runs, the names of rulesets).

:mod:`hashlib` loads OpenSSL when it is imported, which cost a command judging one case about a
fiftieth of its time. CPython's own SHA-256 module (``_sha2`` from Python 3.12, ``_sha256`` before)
gives the same digests and loads at once, so it is used where the interpreter has it, and
:mod:`hashlib` otherwise. A test holds the two to the same digests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol

__all__ = ["Hash", "sha256"]


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


_SHA256 = _builtin()


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 of ``data`` (more can be added with ``update``)."""
    return _SHA256(data)
