"""The reproducibility stamp: what is needed to reproduce a judgement exactly."""

from __future__ import annotations

from typing import Any

import attrs

from judgement._digest import sha256
from judgement._version import __version__
from judgement.model import Case, Rulebook
from judgement.model.case import canonical

__all__ = ["ENGINE_NAME", "Stamp", "stamp"]

#: The inference engine every grade comes from.
ENGINE_NAME = "durable-rules 2.0.28"


_FIELDS = ("rulebook", "rulebook_version", "rulebook_digest", "library_version", "engine", "evidence_digest")


class Stamp:
    """The rulebook (id, version, content digest), the library and engine versions, and a digest of the
    evidence: the same stamp means the same judgement.

    A frozen value (equal, hashable, picklable, as its fields are). The evidence digest of a stamp made by
    :func:`stamp` is computed when first read: most judgements made are never written out.
    """

    __slots__ = ("_case", "_digest", "engine", "library_version", "rulebook", "rulebook_digest", "rulebook_version")

    rulebook: str
    rulebook_version: str
    rulebook_digest: str
    library_version: str
    engine: str
    _digest: str | None
    _case: Case | None

    def __init__(
        self,
        rulebook: str,
        rulebook_version: str,
        rulebook_digest: str,
        library_version: str,
        engine: str,
        evidence_digest: str,
    ) -> None:
        self._set(rulebook, rulebook_version, rulebook_digest, library_version, engine, evidence_digest, None)

    def _set(self, *values: object) -> None:
        for name, value in zip((*_FIELDS[:-1], "_digest", "_case"), values, strict=True):
            object.__setattr__(self, name, value)

    @classmethod
    def of(cls, rulebook: Rulebook, case: Case) -> Stamp:
        """The stamp of judging ``case`` under ``rulebook``, its evidence digest computed when first read."""
        made = cls.__new__(cls)
        made._set(rulebook.id, rulebook.version, rulebook.digest, __version__, ENGINE_NAME, None, case)
        return made

    @property
    def evidence_digest(self) -> str:
        """A SHA-256 of the case's canonical content (:func:`~judgement.model.case.canonical`)."""
        digest: str | None = self._digest
        if digest is None:  # two threads may both compute it: the same text
            case = self._case
            assert case is not None
            digest = sha256(canonical(case).encode()).hexdigest()
            object.__setattr__(self, "_digest", digest)  # the case stays: another thread may be reading it
        return digest

    def _values(self) -> tuple[str, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        return self._values() == other._values() if isinstance(other, Stamp) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return "Stamp(" + ", ".join(f"{name}={value!r}" for name, value in self.to_dict().items()) + ")"

    def __reduce__(self) -> tuple[object, ...]:
        return (Stamp, self._values())

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(_FIELDS, self._values(), strict=True))


def stamp(rulebook: Rulebook, case: Case) -> Stamp:
    """The stamp of judging ``case`` under ``rulebook``."""
    return Stamp.of(rulebook, case)
