"""Explanations people can act on: why a grade, why not the others, what would change it, how sure.

* **why**: the rules that decided the grade, with the values they matched;
* **why not**: for every other grade on the scale, the rules that would give it and exactly what stopped
  them (each failing comparison with actual, required and margin, or the missing evidence);
* **what would change it**: :mod:`~judgement.explaining.counterfactual`;
* **how sure**: deciding thresholds that lie inside the 95% interval of a sampled percentage;
* **scales**: each measure against the rules' thresholds and its comparators, for charts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from judgement._attrs import frozen
from judgement.explaining.counterfactual import Counterfactual, case_values, counterfactuals, measure_thresholds
from judgement.judging.judge import Judge, judge_for
from judgement.judging.results import AreaJudgement, Judgement
from judgement.judging.trace import AreaStatus, Borderline, RuleOutcome, RuleStep, plain
from judgement.lang.evaluate import Values, as_number
from judgement.model import NOT_JUDGED, Grade, Rulebook, Unit

__all__ = ["Explanation", "Scale", "Threshold", "WhyNot", "explain"]


@frozen
class WhyNot:
    """Why the area did not get ``grade``: the rules that give it, and what stopped each."""

    grade: Grade
    rules: tuple[RuleStep, ...]
    note: str


@frozen
class Threshold:
    """A value a rule compares a measure with, in force for this case."""

    value: float | int
    op: str
    rule: str
    grade: Grade


@frozen
class Scale:
    """One measure of an area on its scale: its value, comparators and the rules' thresholds (for charts)."""

    measure: str
    title: str
    unit: str
    better: str
    low: float
    high: float
    value: float | int | None
    england: float | int | None
    neighbours: float | int | None
    thresholds: tuple[Threshold, ...]
    region: float | int | None = None
    three_years_ago: float | int | None = None


@frozen
class Explanation:
    """One area's explanation: data, rendered by :func:`judgement.renderers.explanation.render_explanation`."""

    area: str
    title: str
    grade: Grade
    status: AreaStatus
    reason: str
    why: tuple[RuleStep, ...]
    why_not: tuple[WhyNot, ...]
    counterfactuals: tuple[Counterfactual, ...]
    borderline: tuple[Borderline, ...]
    missing: tuple[str, ...]
    scales: tuple[Scale, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        for item, cf in zip(data["counterfactuals"], self.counterfactuals, strict=True):
            item["text"] = cf.text
        return data


def explain(judgement: Judgement, area_id: str, *, judge: Judge | None = None) -> Explanation:
    """Why one area of a judgement got its grade, why not the others, what would change it and how sure.
    An unknown ``area_id`` raises :class:`~judgement.errors.UsageError` with a "did you mean"."""
    judgement.rulebook.area(area_id)  # an unknown area fails here, with a hint
    judge = judge or judge_for(judgement.rulebook)
    area = judgement.areas[area_id]
    chosen = set(area.trace.policy.chosen)
    why = tuple(s for s in area.trace.rules if s.rule in chosen)
    missing = tuple(e.measure for e in area.trace.evidence if e.missing and e.required)
    return Explanation(
        area=area.area,
        title=area.title,
        grade=area.grade,
        status=area.status,
        reason=area.reason,
        why=why,
        why_not=tuple(_why_not(judgement.rulebook, area)),
        counterfactuals=tuple(counterfactuals(judgement.rulebook, judgement.case, area_id, area, judge=judge)),
        borderline=area.trace.borderline,
        missing=missing,
        scales=tuple(_scales(judgement, area, case_values(judge, judgement.case))),
    )


def _scales(judgement: Judgement, area: AreaJudgement, values: Values) -> Iterator[Scale]:
    rulebook = judgement.rulebook
    # each drawn measure's thresholds in the area's rules (the first of equal ones kept), in the rules' order
    marks: dict[str, dict[tuple[float, str, str], Threshold]] = {}
    for rule in rulebook.area(area.area).rules:
        for test, measure, required in measure_thresholds(rulebook, rule, values):
            if measure.unit in (Unit.FLAG, Unit.LEVEL):  # yes/no and words are not drawn on a number line
                continue
            if required is not None:
                key = (float(required), test.op, rule.id)
                marks.setdefault(measure.id, {}).setdefault(
                    key, Threshold(as_number(required), test.op, rule.id, rule.grade)
                )
    for use in area.trace.evidence:
        measure = rulebook.measures[use.measure]
        if measure.unit in (Unit.FLAG, Unit.LEVEL):  # yes/no and words are not drawn on a number line
            continue
        thresholds = marks.get(measure.id, {})
        value = None if use.missing or isinstance(use.value, bool | str) else use.value
        points = [
            p
            for p in (
                value,
                use.england,
                use.neighbours,
                use.region,
                use.three_years_ago,
                *(t.value for t in thresholds.values()),
            )
            if p is not None
        ]
        high = (
            measure.maximum if measure.unit is Unit.PERCENT else min(measure.maximum, _nice(max(points or [1]) * 1.2))
        )
        yield Scale(
            measure.id,
            measure.title,
            measure.unit.value,
            measure.better.value,
            measure.minimum,
            max(high, measure.minimum + 1),
            value,
            use.england,
            use.neighbours,
            tuple(sorted(thresholds.values(), key=lambda t: (t.value, t.rule))),
            use.region,
            use.three_years_ago,
        )


def _nice(value: float) -> float:
    """The next "round" number at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return float(next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= value))


def _why_not(rulebook: Rulebook, area: AreaJudgement) -> Iterator[WhyNot]:
    caps = [s.rule for s in area.trace.rules if s.limit and s.rule in area.trace.policy.chosen]
    written = rulebook.area(area.area)
    by_grade: dict[Grade, list[RuleStep]] = {}
    for step in area.trace.rules:
        by_grade.setdefault(step.grade, []).append(step)
    for grade in rulebook.scale_of(area.area).best_first:
        if grade == area.grade:
            continue
        if written.aspects:
            held = [g for g in area.trace.grades if g.grade.judged and g.grade != grade]
            below = [
                f"{g.area} ({g.grade.label})"
                for g in held
                if (g.grade.rank < grade.rank) == (written.combine == "worst")
            ]
            note = (
                f"its {written.combine} aspect is not {grade.label}: " + ", ".join(below)
                if below
                else (f"no aspect is {grade.label}")
            )
            yield WhyNot(grade, (), note)
            continue
        steps = tuple(by_grade.get(grade, ()))
        if not steps:
            yield WhyNot(grade, (), f"no rule in this area gives {grade.label}")
            continue
        fired = [s for s in steps if s.outcome is RuleOutcome.FIRED]
        if area.status is AreaStatus.NOT_JUDGED and area.grade == NOT_JUDGED:
            note = "the area is not judged: required evidence is missing"
        elif fired and caps:
            note = (
                f"{', '.join(s.rule for s in fired)} fired, but the limit {', '.join(caps)} caps the grade at "
                f"{area.grade.label}"
            )
        elif fired:
            note = (
                f"{', '.join(s.rule for s in fired)} fired, but the {area.trace.policy.policy.value} policy chose "
                f"{', '.join(area.trace.policy.chosen) or 'another rule'}"
            )
        elif all(s.outcome is RuleOutcome.NOT_EVALUABLE for s in steps):
            note = "its rules cannot be evaluated: evidence is missing"
        else:
            note = "its rules did not fire"
        yield WhyNot(grade, steps, note)
