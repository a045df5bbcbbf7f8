"""A case against a rulebook: the case names this rulebook and falls in its dates, every measure is in its
catalogue, every value has the measure's unit and lies in its range, every expectation names a real area
and rule. :class:`~judgement.judging.Judge` runs this check before it judges."""

from __future__ import annotations

from collections.abc import Collection

from judgement._fmt import format_value
from judgement._numbers import number_from_text
from judgement._periods import PERIOD_FORMS, period_span
from judgement.check._checker import number_problem
from judgement.errors import CaseError, Problem, suggest
from judgement.lang.ast import COMPARATORS
from judgement.model import NOT_JUDGED, Case, Evidence, Measure, Rulebook, Unit

__all__ = ["MAX_SAMPLE", "check_case", "check_changed"]

#: The largest sample a percentage may come from: a larger one is refused as implausible.
MAX_SAMPLE = 100_000

_LIMIT = 2**53


def check_case(rulebook: Rulebook, case: Case) -> Case:
    """Check a case against the rulebook it is judged with; returns the case.

    Raises :class:`~judgement.errors.CaseError` listing every problem: a case for another rulebook or
    inspected outside its dates, an unknown measure, a value out of range or of the wrong kind, an
    expectation for an unknown area or rule.
    """
    problems: list[Problem] = []
    if case.rulebook != rulebook.id:
        problems.append(
            Problem(
                f"case {case.id} is for rulebook {case.rulebook!r}, not {rulebook.id!r}",
                case.locations.get("rulebook"),
                f"a case whose rulebook is {rulebook.id!r}",
                "judge it with the rulebook it names (judgement.find_rulebook), or change its 'rulebook'",
                code="case.wrong-rulebook",
                ctx={"case": case.id, "rulebook": case.rulebook, "expected": rulebook.id},
            )
        )
    elif not rulebook.covers(case.inspected):
        until = rulebook.effective_to.isoformat() if rulebook.effective_to else "open"
        problems.append(
            Problem(
                f"case {case.id} was inspected on {case.inspected.isoformat()}, outside the dates of rulebook "
                f"{rulebook.id} {rulebook.version} ({rulebook.effective_from.isoformat()} to {until})",
                case.locations.get("inspected"),
                "an inspection date within the rulebook's effective dates",
                code="case.out-of-dates",
                ctx={
                    "case": case.id,
                    "inspected": case.inspected.isoformat(),
                    "effective_from": rulebook.effective_from.isoformat(),
                    "effective_to": rulebook.effective_to.isoformat() if rulebook.effective_to else None,
                },
            )
        )
    for mid, item in case.evidence.items():
        measure = rulebook.measures.get(mid)
        if measure is None:
            problems.append(
                Problem(
                    f"unknown measure {mid!r} for rulebook {rulebook.id}",
                    item.location,
                    "a measure from the rulebook's catalogue",
                    suggest(mid, rulebook.measures),
                    code="case.unknown-measure",
                    ctx={"measure": mid, "rulebook": rulebook.id},
                )
            )
            continue
        found = _value_problems(measure, item)
        problems.extend(found or _bound_problems(rulebook, case, measure, item))
    for parameter in rulebook.parameters.values():
        dated_by = case.evidence.get(parameter.period_of or "")
        if dated_by is not None and dated_by.period and period_span(dated_by.period) is None:
            problems.append(
                Problem(
                    f"the period {dated_by.period!r} of {dated_by.measure} cannot be dated, and parameter "
                    f"{parameter.id!r} is chosen by it",
                    dated_by.location,
                    PERIOD_FORMS,
                    code="case.bad-period",
                )
            )
    area_ids = [a.id for a in rulebook.areas]
    for expectation in case.expect:
        if expectation.area not in area_ids:
            problems.append(
                Problem(
                    f"expectation for unknown area {expectation.area!r}",
                    expectation.location,
                    "an area of rulebook " + rulebook.id,
                    suggest(expectation.area, area_ids),
                    code="case.unknown-area",
                    ctx={"area": expectation.area, "areas": area_ids},
                )
            )
            continue
        scale = rulebook.scale_of(expectation.area)
        if expectation.grade != NOT_JUDGED.id and scale.get(expectation.grade) is None:
            problems.append(
                Problem(
                    f"expected grade {expectation.grade!r} is not on the scale of area {expectation.area!r}"
                    + (f" ({scale.id})" if len(rulebook.scales) > 1 else ""),
                    expectation.grade_location or expectation.location,
                    "one of " + scale.names() + " or not_judged",
                    suggest(expectation.grade, [g.id for g in scale.grades]),
                    code="case.unknown-grade",
                    ctx={"area": expectation.area, "grade": expectation.grade, "scale": scale.id},
                )
            )
        rule_ids = [r.id for r in rulebook.area(expectation.area).rules]
        for rule_id in (*expectation.fired, *expectation.not_fired):
            if rule_id not in rule_ids:
                problems.append(
                    Problem(
                        f"expectation names unknown rule {rule_id!r} in area {expectation.area!r}",
                        expectation.location,
                        "a rule of that area",
                        suggest(rule_id, rule_ids),
                        code="case.unknown-rule",
                        ctx={"area": expectation.area, "rule": rule_id},
                    )
                )
    if problems:
        raise CaseError(problems)
    return case


def check_changed(rulebook: Rulebook, case: Case, measures: Collection[str]) -> None:
    """Check again only what changing the evidence of ``measures`` in a case that passed
    :func:`check_case` can have made wrong: those items, and the counts a changed total bounds. Raises
    :class:`~judgement.errors.CaseError` as :func:`check_case` would."""
    problems: list[Problem] = []
    for mid in measures:
        item, measure = case.evidence.get(mid), rulebook.measures.get(mid)
        if item is None or measure is None:
            continue
        found = _value_problems(measure, item)
        problems.extend(found or _bound_problems(rulebook, case, measure, item))
    for measure in rulebook.measures.values():  # a count bounded by a total that changed
        item = case.evidence.get(measure.id)
        if measure.at_most in measures and measure.id not in measures and item is not None:
            problems.extend(_bound_problems(rulebook, case, measure, item))
    if problems:
        raise CaseError(problems)


def _level_problems(measure: Measure, item: Evidence) -> list[Problem]:
    """A level is one of its measure's words, and has no comparators; a word is nothing else."""
    value = item.value
    if measure.unit is Unit.FLAG:
        yes_no = str(value).lower() in ("yes", "no", "y", "n")
        return [
            Problem(
                f"{measure.id} must be true or false, not text {value!r}",
                item.location,
                "true or false",
                "write true or false (YAML reads yes and no as text)" if yes_no else None,
                code="case.bad-value",
            )
        ]
    if measure.unit is not Unit.LEVEL:
        numeric = isinstance(value, str) and number_from_text(value) is not None
        return [
            Problem(
                f"{measure.id} must be a number, not text {value!r}",
                item.location,
                f"a number from {format_value(measure.minimum)} to {format_value(measure.maximum)}",
                "write the number without quotes" if numeric else None,
                code="case.bad-value",
            )
        ]
    if not isinstance(value, str) or value not in measure.levels:
        return [
            Problem(
                f"{measure.id} = {value!r} is not one of its levels",
                item.location,
                "one of " + ", ".join(measure.levels),
                suggest(str(value), measure.levels),
                code="case.unknown-level",
                ctx={"measure": measure.id, "value": value, "levels": list(measure.levels)},
            )
        ]
    if any(item.get(c) is not None for c in COMPARATORS):
        return [
            Problem(
                f"{measure.id} is a level and has no England or similar-areas figure",
                item.location,
                "the level alone",
                code="case.bad-value",
            )
        ]
    return []


def _bound_problems(rulebook: Rulebook, case: Case, measure: Measure, item: Evidence) -> list[Problem]:
    """A bounded count (``at_most`` in its catalogue entry) larger than its sample, or than the count it is
    bounded by (one cause of the children found at risk against the inspectors' total; causes may overlap,
    so their sum may be larger)."""
    if measure.at_most is None or isinstance(item.value, bool | str):
        return []
    out = []
    if item.n is not None and item.value > item.n:
        out.append(
            Problem(
                f"{measure.id} = {format_value(item.value)} is more than its sample of {item.n}",
                item.location,
                f"a count of at most {item.n}, the cases sampled",
                code="case.count-above-total",
                ctx={"measure": measure.id, "value": item.value, "total": item.n},
            )
        )
    total = case.evidence.get(measure.at_most or "")
    if total is not None and not isinstance(total.value, bool | str) and item.value > total.value:
        bound = rulebook.measures[total.measure]
        out.append(
            Problem(
                f"{measure.id} = {format_value(item.value)} is more than {bound.id} = {format_value(total.value)}",
                item.location,
                f"at most {format_value(total.value)}: a count of one cause cannot exceed {bound.id}, the total",
                "causes may overlap, so together they may exceed the total; one alone may not",
                code="case.count-above-total",
                ctx={"measure": measure.id, "value": item.value, "total": total.value, "bounded_by": bound.id},
            )
        )
    return out


def _value_problems(measure: Measure, item: Evidence) -> list[Problem]:
    out: list[Problem] = []
    unit = measure.unit
    value = item.value
    if unit is Unit.LEVEL or isinstance(value, str):
        return _level_problems(measure, item)
    if item.count is not None and not measure.counted:
        return [
            Problem(
                f"{measure.id} is given as a count out of a sample, which its catalogue entry does not allow",
                item.location,
                f"a {unit.value} as a value",
                "declare 'counted: true' for the measure in measures.yaml, or give its value",
                code="case.bad-count",
            )
        ]
    sides = (("", value), *((f".{c}", item.get(c)) for c in COMPARATORS))
    for suffix, given in sides:
        if given is None or (type(given) is int and -_LIMIT < given < _LIMIT) or (suffix == "" and type(given) is bool):
            continue  # cases read by load_case were checked as they were read; this catches values built in code
        problem = number_problem(given)
        if problem:
            out.append(
                Problem(f"{measure.id}{suffix} {problem}", item.location, "a finite number", code="case.bad-value")
            )
    if item.n is not None and (type(item.n) is not int or item.n < 1):
        out.append(
            Problem(
                f"{measure.id}.n must be a whole number of at least 1, not {item.n}",
                item.location,
                "a sample size such as 30",
                code="case.bad-sample-size",
            )
        )
    if out:
        return out
    if isinstance(value, bool):
        if unit is not Unit.FLAG:
            out.append(
                Problem(
                    f"{measure.id} is a {unit.value}, not a yes/no value ({str(value).lower()})",
                    item.location,
                    f"a number from {format_value(measure.minimum)} to {format_value(measure.maximum)}",
                    code="case.wrong-unit",
                    ctx={"measure": measure.id, "value": value, "unit": unit.value},
                )
            )
        return out
    for suffix, v in sides:
        if v is None or isinstance(v, bool | str):  # a flag or a level: checked above
            continue
        if unit.whole and v != int(v):
            out.append(
                Problem(
                    f"{measure.id}{suffix} is a {unit.value} and must be a whole number, not {v}",
                    item.location,
                    "a whole number" if unit is Unit.COUNT else "true or false",
                    code="case.not-whole",
                    ctx={"measure": measure.id, "attribute": suffix[1:] or None, "value": v, "unit": unit.value},
                )
            )
        elif not measure.minimum <= v <= measure.maximum:
            out.append(
                Problem(
                    f"{measure.id}{suffix} = {v} is outside the measure's range",
                    item.location,
                    f"a {unit.value} from {format_value(measure.minimum)} to {format_value(measure.maximum)}",
                    code="case.out-of-range",
                    ctx={
                        "measure": measure.id,
                        "attribute": suffix[1:] or None,
                        "value": v,
                        "minimum": measure.minimum,
                        "maximum": measure.maximum,
                        "unit": unit.value,
                    },
                )
            )
    if item.n is not None and unit is Unit.PERCENT and item.n > MAX_SAMPLE:
        out.append(
            Problem(
                f"{measure.id}.n = {item.n} is implausibly large for a sample",
                item.location,
                "a sample size",
                code="case.implausible-sample",
                ctx={"measure": measure.id, "n": item.n, "largest": MAX_SAMPLE},
            )
        )
    return out
