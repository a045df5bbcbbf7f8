"""How an area and each of its rules came out for a case: what a judgement says of every area, whether its
trace is read or not (the trace's steps are in :mod:`judgement.judging.trace`, which re-exports both)."""

from __future__ import annotations

import enum

__all__ = ["AreaStatus", "RuleOutcome"]


class RuleOutcome(enum.Enum):
    """How one rule came out for a case."""

    FIRED = "fired"
    NOT_FIRED = "not_fired"
    NOT_EVALUABLE = "not_evaluable"  # evidence it reads is missing
    NOT_IN_FORCE = "not_in_force"  # the inspection date is outside the rule's effective dates

    @property
    def label(self) -> str:
        return {
            "fired": "fired",
            "not_fired": "did not fire",
            "not_evaluable": "not evaluable",
            "not_in_force": "not in force",
        }[self.value]


class AreaStatus(enum.Enum):
    """Whether an area was graded."""

    JUDGED = "judged"
    PARTIAL = "partial"  # judged, but evidence that could change the grade is missing
    NOT_JUDGED = "not_judged"  # required evidence is missing
    CONFLICT = "conflict"  # more rules fired than the area's policy allows

    @property
    def judged(self) -> bool:
        """Whether the area has a grade on its scale."""
        return self in (AreaStatus.JUDGED, AreaStatus.PARTIAL)
