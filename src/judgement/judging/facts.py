"""A case as the engine's flat fact: every measure value, its comparators and every parameter in force on
the inspection date, named by :func:`judgement.lang.normal.field_name`."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from judgement._codegen import generate
from judgement._frozen import lookup
from judgement._periods import period_span
from judgement.check.against import MAX_SAMPLE
from judgement.lang.ast import ATTRIBUTES, COMPARATORS
from judgement.lang.normal import field_name
from judgement.lang.units import Unit
from judgement.model import Case, DatedValue, Evidence, Grade, Measure, Parameter, PlainEvidence, Rulebook

__all__ = ["case_fact", "compile_fact", "item_fact", "judged_fact", "parameter_value", "replace_item"]

Fact = dict[str, float | int | Fraction]


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
    for item in case.evidence.values():
        item_fact(rulebook, item, fact)
    for pid, parameter in rulebook.parameters.items():
        dated = parameter_value(case, parameter)
        if dated is not None:
            fact[field_name(pid, parameter=True)] = dated.value
    return fact


def item_fact(rulebook: Rulebook, item: Evidence, fact: dict[str, float | int | Fraction]) -> None:
    """Write one evidence item's fields of a case's fact into ``fact`` (see :func:`case_fact`)."""
    mid = item.measure
    value = item.exact_value
    if isinstance(value, str):  # a level, as its rank on the measure's words (checked by check_case)
        fact[mid] = rulebook.measures[mid].levels.index(value)
    else:
        fact[mid] = int(value) if isinstance(value, bool) else value
    for attr in ATTRIBUTES:
        value = getattr(item, attr)
        if value is not None:
            fact[field_name(mid, attr)] = value


def replace_item(rulebook: Rulebook, item: Evidence, fact: dict[str, float | int | Fraction]) -> tuple[str, ...]:
    """Replace the fields of ``item``'s measure in ``fact`` with ``item``'s own (a field the item does not
    have, such as a count a changed item no longer gives, goes), and return every key such an item may
    write."""
    keys = (item.measure, *(field_name(item.measure, attr) for attr in ATTRIBUTES))
    for key in keys:
        fact.pop(key, None)
    item_fact(rulebook, item, fact)
    return keys


def judged_fact(rulebook: Rulebook, case: Case, grades: Mapping[str, Grade]) -> dict[str, float | int | Fraction]:
    """The fact derived judgements are evaluated on: the case's fact and every area's grade given (its
    rank; an area not judged has none)."""
    fact = case_fact(rulebook, case)
    for area_id, grade in grades.items():
        if grade.judged:
            fact[field_name(area_id, grade=True)] = grade.rank
    return fact


def compile_fact(rulebook: Rulebook) -> Callable[[Case], Fact | None]:
    """:func:`case_fact` for one rulebook, prepared once, for cases that plainly fit it: every value of the
    type and range its measure allows, no count out of a sample, no count above its sample or its bound
    (``at_most``), no expectations, the rulebook's own id and dates. It gives ``None`` for any other case,
    which must then go through :func:`~judgement.check.against.check_case` (the one owner of what is valid,
    and of every message) and :func:`case_fact`; what it accepts, the full check accepts, and the fact it
    makes is the one :func:`case_fact` makes (both property-tested).

    The reader of every measure's evidence is generated as one Python function (measure ids are
    validated identifiers and bounds are finite doubles, so only names and numbers reach it), which
    reads each attribute of each item once, tests it, and writes its field."""
    namespace: dict[str, object] = {"lookup": lookup}
    read = _read_all(rulebook, namespace, plain=False)
    # evidence given as values alone (PlainEvidence): the same tests of the values themselves
    read_plain = _read_all(rulebook, namespace, plain=True)
    parameters = tuple(rulebook.parameters.items())
    dated_by = tuple(p.period_of for _, p in parameters if p.period_of is not None)
    rulebook_id, covers = rulebook.id, rulebook.covers
    # a count larger than the count its catalogue bounds it by goes to the full check, which refuses it
    bounded = tuple((m.id, m.at_most) for m in rulebook.measures.values() if m.at_most is not None)

    def fact_of(case: Case) -> Fact | None:
        if case.rulebook != rulebook_id or case.expect or not covers(case.inspected):
            return None
        fact: Fact = {}
        evidence = case.evidence
        plain = isinstance(evidence, PlainEvidence)  # values alone: no period to date a parameter by
        if not (read_plain(evidence.plain, fact) if plain else read(evidence, fact)):  # type: ignore[attr-defined]
            return None
        if any(part in fact and total in fact and fact[part] > fact[total] for part, total in bounded):
            return None
        if not plain and not _datable(evidence, dated_by):
            return None
        for pid, parameter in parameters:
            dated = parameter.at(case.inspected) if plain else parameter_value(case, parameter)
            if dated is not None:
                fact[field_name(pid, parameter=True)] = dated.value
        return fact

    return fact_of


def _datable(evidence: Mapping[str, Evidence], dated_by: tuple[str, ...]) -> bool:
    """Whether every period that chooses a parameter is one that can be dated."""
    for mid in dated_by:
        dating = evidence.get(mid)
        if dating is not None and dating.period and period_span(dating.period) is None:
            return False
    return True


def _read_all(rulebook: Rulebook, namespace: dict[str, object], *, plain: bool) -> Callable[..., bool]:
    """The generated reader of every measure's evidence (see :func:`compile_fact`): of evidence items, or
    with ``plain`` of a mapping of values alone."""
    lines = [
        "def read(evidence, fact):",
        "    given = 0",
        "    get = " + ("evidence.get" if plain else "lookup(evidence)"),
    ]
    for mid, measure in rulebook.measures.items():
        body = _reader(measure, namespace, plain)
        lines += [f"    item = get({mid!r})", "    if item is not None:"]
        lines += [f"        {line}" for line in (body or ["return False"])]
        if body:
            lines.append("        given += 1")
    lines.append("    return given == len(evidence)  # no evidence for a measure the rulebook lacks")
    return generate("reader", lines, "read", namespace)  # type: ignore[return-value]


def _reader(measure: Measure, namespace: dict[str, object], plain: bool = False) -> list[str] | None:
    """The lines reading one measure's evidence ``item`` into ``fact`` (``return False`` for anything not
    plainly valid), or None when every value goes to the full check. With ``plain``, ``item`` is the
    value alone (it has no comparators, sample or count)."""
    mid, unit = measure.id, measure.unit
    value = "item" if plain else "item.value"
    if unit is Unit.FLAG or unit is Unit.LEVEL:  # the value alone, as its number or rank
        if unit is Unit.FLAG:
            body = [f"v = {value}", "if v.__class__ is not bool: return False", f"fact[{mid!r}] = int(v)"]
        else:
            namespace[f"RANKS_{mid}"] = {word: i for i, word in enumerate(measure.levels)}
            body = [
                f"v = {value}",
                f"rank = RANKS_{mid}.get(v) if v.__class__ is str else None",
                "if rank is None: return False",
                f"fact[{mid!r}] = rank",
            ]
        return body + ([] if plain else [f"if item.{attr} is not None: return False" for attr in ATTRIBUTES])
    low, high = measure.minimum, measure.maximum
    if not (math.isfinite(low) and math.isfinite(high) and -(2**53) < low <= high < 2**53):
        return None
    bounds = f"{float(low)!r} <= {{x}} <= {float(high)!r}"
    whole = " or {x} != int({x})" if unit.whole else ""
    test = "({x}.__class__ is not float and {x}.__class__ is not int) or not " + bounds + whole
    if plain:
        return ["x = item", "if " + test.format(x="x") + ": return False", f"fact[{mid!r}] = x"]
    body = [
        "if item.count is not None: return False",
        "x = item.value",
        "if " + test.format(x="x") + ": return False",
        f"fact[{mid!r}] = x",
    ]
    for attr in COMPARATORS:
        body += [
            f"x = item.{attr}",
            "if x is not None:",
            "    if " + test.format(x="x") + ": return False",
            f"    fact[{field_name(mid, attr)!r}] = x",
        ]
    largest = f" or x > {MAX_SAMPLE}" if unit is Unit.PERCENT else ""
    if measure.at_most is not None:  # a bounded count above its sample goes to the full check, which refuses it
        largest += f" or fact[{mid!r}] > x"
    body += [
        "x = item.n",
        "if x is not None:",
        f"    if x.__class__ is not int or x < 1{largest}: return False",
        f"    fact[{field_name(mid, 'n')!r}] = x",
    ]
    return body
