"""A case as the engine's flat fact: every measure value, its comparators and every parameter in force on
the inspection date, named by :func:`judgement.lang.normal.field_name`."""

from __future__ import annotations

from judgement.lang.ast import ATTRIBUTES
from judgement.lang.normal import field_name
from judgement.model import Case, Rulebook

__all__ = ["case_fact"]


def case_fact(rulebook: Rulebook, case: Case) -> dict[str, float | int]:
    """The flat fact for ``case`` (yes/no values as 1 and 0)."""
    fact: dict[str, float | int] = {}
    for mid, item in case.evidence.items():
        fact[mid] = int(item.value) if isinstance(item.value, bool) else item.value
        for attr in ATTRIBUTES:
            value = getattr(item, attr)
            if value is not None:
                fact[field_name(mid, attr)] = value
    for pid, parameter in rulebook.parameters.items():
        dated = parameter.at(case.inspected)
        if dated is not None:
            fact[field_name(pid, parameter=True)] = dated.value
    return fact
