"""A case as the engine's flat fact: every measure value, its comparators and every parameter in force on
the inspection date, named by :func:`judgement.lang.normal.field_name`."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from judgement._periods import period_span
from judgement.lang.ast import ATTRIBUTES
from judgement.lang.normal import field_name
from judgement.model import Case, DatedValue, Grade, Parameter, Rulebook

__all__ = ["case_fact", "judged_fact", "parameter_value"]


def parameter_value(case: Case, parameter: Parameter) -> DatedValue | None:
    """A parameter's value for a case: the one in force at the end of the period that the evidence for
    its ``period_of`` measure covers, or on the inspection date when there is no such period. The one
    owner of this choice: the fact, the reasons and the trace all read it."""
    day = case.inspected
    if parameter.period_of is not None:
        item = case.evidence.get(parameter.period_of)
        span = period_span(item.period) if item is not None and item.period else None
        if span is not None:
            day = span[1]
    return parameter.at(day)


def case_fact(rulebook: Rulebook, case: Case) -> dict[str, float | int | Fraction]:
    """The flat fact for ``case``: yes/no values as 1 and 0, a level as its rank, and a count out of a
    sample as its exact percentage (a :class:`~fractions.Fraction` when no decimal writes it, which only
    exact comparisons read: see :attr:`judgement.lang.normal.Test.exact`)."""
    fact: dict[str, float | int | Fraction] = {}
    for mid, item in case.evidence.items():
        value = item.exact_value
        if isinstance(value, str):  # a level, as its rank on the measure's words (checked by check_case)
            fact[mid] = rulebook.measures[mid].levels.index(value)
        else:
            fact[mid] = int(value) if isinstance(value, bool) else value
        for attr in ATTRIBUTES:
            value = getattr(item, attr)
            if value is not None:
                fact[field_name(mid, attr)] = value
    for pid, parameter in rulebook.parameters.items():
        dated = parameter_value(case, parameter)
        if dated is not None:
            fact[field_name(pid, parameter=True)] = dated.value
    return fact


def judged_fact(rulebook: Rulebook, case: Case, grades: Mapping[str, Grade]) -> dict[str, float | int | Fraction]:
    """The fact derived judgements are evaluated on: the case's fact and every area's grade given (its
    rank; an area not judged has none)."""
    fact = case_fact(rulebook, case)
    for area_id, grade in grades.items():
        if grade.judged:
            fact[field_name(area_id, grade=True)] = grade.rank
    return fact
