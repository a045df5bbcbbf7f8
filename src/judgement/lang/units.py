"""The units of the condition language: what a measure counts, which decides the values it may take and
what it may be compared with (see :mod:`judgement.lang.types`, which checks conditions against them)."""

from __future__ import annotations

import enum

__all__ = ["Unit"]


class Unit(enum.Enum):
    """What a measure counts. Units decide which values are valid and what may be compared."""

    PERCENT = "percent"
    COUNT = "count"
    RATE_PER_10K = "rate_per_10k"
    DAYS = "days"
    RATIO = "ratio"
    FLAG = "flag"
    LEVEL = "level"  # a word from the measure's ordered vocabulary, held as its rank

    @property
    def whole(self) -> bool:
        """Whether values must be whole numbers."""
        return self in (Unit.COUNT, Unit.FLAG, Unit.LEVEL)
