"""Explanations people can act on: why a grade, why not the others, what would change it, how sure.

* **why**: the rules that decided the grade, with the values they matched;
* **why not**: for every other grade on the scale, the rules that would give it and exactly what stopped
  them (each failing comparison with actual, required and margin, or the missing evidence);
* **what would change it**: the smallest change to the evidence that moves the grade one step up, and
  one step down: fewest measures first, then the smallest change relative to each measure's range.
  Every change proposed is re-judged through the engine and kept only if the grade really moves;
* **how sure**: deciding thresholds that lie inside the 95% interval of a sampled percentage.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from judgement.decide import decide
from judgement.errors import JudgementError
from judgement.evaluate import evaluate, evaluate_expr
from judgement.expr import tests as tests_of
from judgement.judge import AreaJudgement, Judgement, case_fact, format_value
from judgement.model import Case, Evidence, Grade, Measure, Rule, Rulebook, Unit
from judgement.trace import Borderline, RuleStep

__all__ = [
    "MAX_CHANGED_MEASURES",
    "Change",
    "Counterfactual",
    "Explanation",
    "Scale",
    "Threshold",
    "WhyNot",
    "counterfactuals",
    "explain",
    "whatif",
]

#: Counterfactuals change at most this many measures at once.
MAX_CHANGED_MEASURES = 3


@attrs.frozen
class WhyNot:
    """Why the area did not get ``grade``: the rules that give it, and what stopped each."""

    grade: str
    rules: tuple[RuleStep, ...]
    note: str


@attrs.frozen
class Change:
    """One measure's value changed."""

    measure: str
    title: str
    unit: str
    old: float | int | bool
    new: float | int | bool

    @property
    def delta(self) -> float:
        return float(self.new) - float(self.old)

    @property
    def text(self) -> str:
        title = _lower_first(self.title)
        if self.unit == Unit.FLAG.value:
            return f"{title}: {format_value(self.old)} -> {format_value(self.new)}"
        suffix = {"percent": "%", "days": " days", "rate_per_10k": " per 10,000"}.get(self.unit, "")
        delta = _signed(self.delta) + (" points" if self.unit == Unit.PERCENT.value else "")
        return f"{title} {format_value(self.old)}{suffix} -> {format_value(self.new)}{suffix} ({delta})"


@attrs.frozen
class Counterfactual:
    """The smallest change found that moves the area's grade to ``target``."""

    direction: str  # "up" (a better grade) or "down"
    target: str
    changes: tuple[Change, ...]
    cost: float  # the size of the change relative to the measures' ranges
    verified: bool  # re-judged through the engine and the grade really moved

    @property
    def text(self) -> str:
        parts = [c.text for c in self.changes]
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"to reach {self.target.replace('_', ' ')}: {joined}"


@attrs.frozen
class Threshold:
    """A value a rule compares a measure with, in force for this case."""

    value: float | int
    op: str
    rule: str
    grade: str


@attrs.frozen
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


@attrs.frozen
class Explanation:
    area: str
    title: str
    grade: str
    status: str
    reason: str
    why: tuple[RuleStep, ...]
    why_not: tuple[WhyNot, ...]
    counterfactuals: tuple[Counterfactual, ...]
    borderline: tuple[Borderline, ...]
    missing: tuple[str, ...]
    scales: tuple[Scale, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        from judgement.trace import plain

        data: dict[str, Any] = plain(self)
        for item, cf in zip(data["counterfactuals"], self.counterfactuals, strict=True):
            item["text"] = cf.text
        return data


def explain(judgement: Judgement, area_id: str) -> Explanation:
    """The explanation of one area of a judgement."""
    area = judgement.areas[area_id]
    chosen = set(area.trace.policy.chosen)
    why = tuple(s for s in area.trace.rules if s.rule in chosen)
    missing = tuple(e.measure for e in area.trace.evidence if e.missing and e.required)
    return Explanation(
        area=area.area,
        title=area.title,
        grade=area.grade.value,
        status=area.status,
        reason=area.reason,
        why=why,
        why_not=tuple(_why_not(judgement.rulebook, area)),
        counterfactuals=tuple(counterfactuals(judgement.rulebook, judgement.case, area_id, area)),
        borderline=area.trace.borderline,
        missing=missing,
        scales=tuple(_scales(judgement, area)),
    )


def _scales(judgement: Judgement, area: AreaJudgement) -> Iterator[Scale]:
    rulebook = judgement.rulebook
    values = case_fact(rulebook, judgement.case)
    rules = rulebook.area(area.area).rules
    for use in area.trace.evidence:
        measure = rulebook.measures[use.measure]
        if measure.unit is Unit.FLAG:
            continue
        thresholds: dict[tuple[float, str, str], Threshold] = {}
        for rule in rules:
            if rule.normal is None:
                continue
            for test in tests_of(rule.normal):
                if test.field.name != measure.id or test.field.attr is not None:
                    continue
                required, _ = evaluate_expr(test.rhs, values)
                if required is not None:
                    key = (float(required), test.op, rule.id)
                    thresholds.setdefault(key, Threshold(required, test.op, rule.id, rule.grade.value))
        value = None if use.missing or isinstance(use.value, bool) else use.value
        points = [
            p for p in (value, use.england, use.neighbours, *(t.value for t in thresholds.values())) if p is not None
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
        )


def _nice(value: float) -> float:
    """The next "round" number at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return float(next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= value))


def _why_not(rulebook: Rulebook, area: AreaJudgement) -> Iterator[WhyNot]:
    for grade in reversed(rulebook.grades):
        if grade is area.grade:
            continue
        steps = tuple(s for s in area.trace.rules if s.grade == grade.value)
        if not steps:
            yield WhyNot(grade.value, (), f"no rule in this area gives {grade.label}")
            continue
        fired = [s for s in steps if s.outcome == "fired"]
        if area.status == "not_judged" and area.grade is Grade.NOT_JUDGED:
            note = "the area is not judged: required evidence is missing"
        elif fired:
            note = (
                f"{', '.join(s.rule for s in fired)} fired, but the {area.trace.policy.policy} policy chose "
                f"{', '.join(area.trace.policy.chosen) or 'another rule'}"
            )
        elif all(s.outcome == "not_evaluable" for s in steps):
            note = "its rules cannot be evaluated: evidence is missing"
        else:
            note = "its rules did not fire"
        yield WhyNot(grade.value, steps, note)


# ------------------------------------------------------------------------------------- counterfactuals


def _step(measure: Measure) -> float:
    return 1.0 if measure.unit.whole else 0.1


def _fit(measure: Measure, value: float, *, up: bool) -> float | int | None:
    """``value`` as a valid value of ``measure``: whole numbers rounded towards ``up``, within range."""
    if measure.unit.whole:
        whole = math.ceil(value - 1e-9) if up else math.floor(value + 1e-9)
        return whole if measure.minimum <= whole <= measure.maximum else None
    tenth = round(value, 1)
    return tenth if measure.minimum <= tenth <= measure.maximum else None


def _crossings(measure: Measure, op: str, required: float) -> set[float | int]:
    """Values of the measure on either side of ``measure op required``."""
    step = _step(measure)
    below, above = required - step, required + step
    candidates = {
        "<": ((below, False), (required, True)),
        "<=": ((required, False), (above, True)),
        ">": ((above, True), (required, False)),
        ">=": ((required, True), (below, False)),
        "==": ((required, True), (above, True), (below, False)),
        "!=": ((above, True), (below, False), (required, True)),
    }[op]
    out: set[float | int] = set()
    for value, up in candidates:
        fitted = _fit(measure, value, up=up)
        if fitted is not None:
            out.add(fitted)
    return out


def _candidates(
    rulebook: Rulebook, case: Case, rules: Sequence[Rule], values: Mapping[str, float | int]
) -> dict[str, list[float | int]]:
    """For each measure the area's rules read (and the case gives), the values worth trying."""
    found: dict[str, set[float | int]] = {}
    for rule in rules:
        if rule.normal is None:
            continue
        for test in tests_of(rule.normal):
            f = test.field
            if f.parameter or f.attr is not None or f.name not in case.evidence:
                continue
            measure = rulebook.measures[f.name]
            required, _ = evaluate_expr(test.rhs, values)
            if required is None:
                continue
            if measure.unit is Unit.FLAG:
                found.setdefault(f.name, set()).update({0, 1})
            else:
                found.setdefault(f.name, set()).update(_crossings(measure, test.op, float(required)))
    current = {m: values[m] for m in found}
    return {m: sorted(v for v in vs if v != current[m]) for m, vs in found.items()}  # in first-read order


def _grade_with(rulebook: Rulebook, case: Case, area_id: str, values: Mapping[str, float | int]) -> Grade:
    area = rulebook.area(area_id)
    missing = [m for m in area.requires if m not in case.evidence]
    fired = [
        r
        for r in area.rules
        if (r.normal is None and not missing) or (r.normal is not None and evaluate(r.normal, values).outcome is True)
    ]
    return decide(area, fired, missing).grade


def counterfactuals(
    rulebook: Rulebook, case: Case, area_id: str, current: AreaJudgement | None = None
) -> list[Counterfactual]:
    """The smallest evidence changes that move ``area_id`` one grade up and one grade down."""
    area = rulebook.area(area_id)
    if current is None:
        current = rulebook.judge(case).areas[area_id]
    if current.grade is Grade.NOT_JUDGED:
        return []
    reachable = sorted({r.grade for r in area.rules}, key=lambda g: g.rank)
    index = reachable.index(current.grade)
    targets = []
    if index + 1 < len(reachable):
        targets.append(("up", reachable[index + 1]))
    if index > 0:
        targets.append(("down", reachable[index - 1]))
    values = case_fact(rulebook, case)
    options = _candidates(rulebook, case, area.rules, values)
    out = []
    for direction, target in targets:
        found = _search(rulebook, case, area_id, values, options, target)
        for cost, changes in found:
            verified = _verify(rulebook, case, area_id, changes, target)
            if verified:
                out.append(Counterfactual(direction, target.value, changes, round(cost, 6), True))
                break
    return out


def _search(
    rulebook: Rulebook,
    case: Case,
    area_id: str,
    values: Mapping[str, float | int],
    options: Mapping[str, list[float | int]],
    target: Grade,
) -> list[tuple[float, tuple[Change, ...]]]:
    """Candidate changes reaching ``target`` with the fewest measures changed, cheapest first."""
    names = list(options)  # the order the area's rules read them in
    for size in range(1, min(MAX_CHANGED_MEASURES, len(names)) + 1):
        hits: list[tuple[float, tuple[Change, ...]]] = []
        for combo in itertools.combinations(names, size):
            for chosen in itertools.product(*(options[m] for m in combo)):
                trial = dict(values)
                trial.update(zip(combo, chosen, strict=True))
                if _grade_with(rulebook, case, area_id, trial) is not target:
                    continue
                changes = tuple(_change(rulebook, case.evidence[m], v) for m, v in zip(combo, chosen, strict=True))
                cost = sum(abs(c.delta) / _span(rulebook.measures[c.measure]) for c in changes)
                hits.append((cost, changes))
        if hits:
            return sorted(hits, key=lambda h: h[0])
    return []


def _span(measure: Measure) -> float:
    return max(measure.maximum - measure.minimum, 1e-9)


def _change(rulebook: Rulebook, item: Evidence, new: float | int) -> Change:
    measure = rulebook.measures[item.measure]
    value: float | int | bool = bool(new) if measure.unit is Unit.FLAG else new
    return Change(item.measure, measure.title, measure.unit.value, item.value, value)


def _with_changes(case: Case, changes: Sequence[Change]) -> Case:
    evidence = dict(case.evidence)
    for change in changes:
        evidence[change.measure] = attrs.evolve(evidence[change.measure], value=change.new)
    return attrs.evolve(case, evidence=evidence)


def _verify(rulebook: Rulebook, case: Case, area_id: str, changes: Sequence[Change], target: Grade) -> bool:
    try:
        return rulebook.judge(_with_changes(case, changes)).areas[area_id].grade is target
    except JudgementError:
        return False


def _lower_first(title: str) -> str:
    """ "Initial assessments" -> "initial assessments", but "CAF use" stays as it is."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _signed(value: float) -> str:
    text = format_value(abs(value))
    return ("+" if value > 0 else "-" if value < 0 else "") + text


# ---------------------------------------------------------------------------------------------- what-if


@attrs.frozen
class AreaShift:
    area: str
    title: str
    old_grade: str
    new_grade: str
    old_reason: str
    new_reason: str

    @property
    def changed(self) -> bool:
        return self.old_grade != self.new_grade or self.old_reason != self.new_reason


def whatif(rulebook: Rulebook, case: Case, changes: Mapping[str, Any]) -> tuple[Judgement, Judgement, list[AreaShift]]:
    """Judge ``case`` with some measures set to new values; returns before, after and each area's shift.

    A measure the case does not give is added. Values are checked exactly as a case file's are.
    """
    raw = case.to_dict()
    for measure, value in changes.items():
        entry = raw["evidence"].get(measure)
        if isinstance(entry, dict):
            entry["value"] = value
        else:
            raw["evidence"][measure] = {"value": value}
    changed = Case.from_dict(raw, source="--set")
    before, after = rulebook.judge(case), rulebook.judge(changed)
    shifts = [
        AreaShift(a.area, a.title, a.grade.value, after.areas[a.area].grade.value, a.reason, after.areas[a.area].reason)
        for a in before
    ]
    return before, after, shifts
