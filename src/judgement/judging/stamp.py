"""The reproducibility stamp: what is needed to reproduce a judgement exactly."""

from __future__ import annotations

import hashlib
from typing import Any

import attrs

from judgement._version import __version__
from judgement.model import Case, Rulebook
from judgement.model.case import canonical

__all__ = ["ENGINE_NAME", "Stamp", "stamp"]

#: The inference engine every grade comes from.
ENGINE_NAME = "durable-rules 2.0.28"


@attrs.frozen
class Stamp:
    """The rulebook (id, version, content digest), the library and engine versions, and a digest of the
    evidence: the same stamp means the same judgement."""

    rulebook: str
    rulebook_version: str
    rulebook_digest: str
    library_version: str
    engine: str
    evidence_digest: str

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def stamp(rulebook: Rulebook, case: Case) -> Stamp:
    """The stamp of judging ``case`` under ``rulebook``."""
    evidence = canonical(case)
    return Stamp(
        rulebook=rulebook.id,
        rulebook_version=rulebook.version,
        rulebook_digest=rulebook.digest,
        library_version=__version__,
        engine=ENGINE_NAME,
        evidence_digest=hashlib.sha256(evidence.encode()).hexdigest(),
    )
