"""Hypothesis strategies for any rulebook, and ready-made property checks rulebook authors run in a line.

    from judgement.testing import cases, check_rulebook
    check_rulebook(rulebook)                    # monotonicity, order independence, every area graded

Generated values respect each measure's unit and range (whole numbers for counts, true/false for flags)
and favour the thresholds the rules compare against, where grades change.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judgement.check.against import MAX_SAMPLE
from judgement.check.case import load_case
from judgement.judging.judge import judge_for
from judgement.judging.trace import AreaStatus
from judgement.lang.ast import COMPARATORS
from judgement.lang.normal import Const
from judgement.lang.normal import tests as tests_of
from judgement.model import NOT_JUDGED, Case, Direction, Measure, Rulebook, Unit

__all__ = [
    "cases",
    "check_every_area_graded",
    "check_monotonic",
    "check_order_independent",
    "check_rulebook",
    "evidence",
    "measure_values",
]


def _thresholds(rulebook: Rulebook) -> dict[str, set[float]]:
    found: dict[str, set[float]] = {}
    for area in rulebook.areas:
        for rule in area.rules:
            if rule.normal is None:
                continue
            for test in tests_of(rule.normal):
                if isinstance(test.rhs, Const) and test.field.measure and test.field.attr in (None, "count"):
                    key = test.field.name if test.field.attr is None else f"{test.field.name}.count"
                    found.setdefault(key, set()).add(float(test.rhs.value))
    return found


def _whole(low: int, high: int, thresholds: Iterable[float] = ()) -> st.SearchStrategy[int]:
    """Whole numbers from ``low`` to ``high``, favouring the thresholds and the numbers either side."""
    near = sorted({int(t) + d for t in thresholds for d in (-1, 0, 1) if low <= int(t) + d <= high})
    every = st.integers(low, high)
    return st.one_of(st.sampled_from(near), every) if near else every


def _count_of_sample(draw: st.DrawFn, thresholds: set[float]) -> dict[str, int]:
    """A count out of a sample of 1 to 60 (``{count, of}``), favouring the counts rules compare against."""
    of = draw(st.integers(1, 60))
    return {"count": draw(_whole(0, of, thresholds)), "of": of}


def measure_values(measure: Measure, thresholds: set[float] | frozenset[float] = frozenset()) -> st.SearchStrategy[Any]:
    """Valid values of one measure, favouring ``thresholds`` and the values just either side of them."""
    if measure.unit is Unit.FLAG:
        return st.booleans()
    if measure.unit is Unit.LEVEL:
        return st.sampled_from(measure.levels)
    low, high = measure.minimum, measure.maximum
    if measure.unit is Unit.COUNT:
        return _whole(int(low), int(min(high, 1000)), thresholds)
    ceiling = min(high, 1000.0)
    near_f = sorted({round(t + d, 1) for t in thresholds for d in (-0.1, 0.0, 0.1) if low <= t + d <= ceiling})
    spread = st.one_of(
        st.integers(int(low), int(ceiling)),
        st.floats(low, ceiling, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 1)),
    ).filter(lambda x: low <= x <= ceiling)
    return st.one_of(st.sampled_from(near_f), spread) if near_f else spread


@st.composite
def evidence(draw: st.DrawFn, rulebook: Rulebook, *, comparators: bool = True) -> dict[str, Any]:
    """An evidence mapping for ``rulebook``: any subset of its measures, with valid values."""
    thresholds = _thresholds(rulebook)
    measures = sorted(rulebook.measures.values(), key=lambda m: m.id)
    chosen = draw(st.lists(st.sampled_from(measures), unique_by=lambda m: m.id, max_size=len(measures)))
    out: dict[str, Any] = {}
    for m in chosen:
        counted = m.counted and draw(st.booleans())  # a count out of a sample, where the measure allows one
        if counted:
            item: dict[str, Any] = _count_of_sample(draw, thresholds.get(f"{m.id}.count", set()))
        else:
            item = {"value": draw(measure_values(m, thresholds.get(m.id, set())))}
        if comparators and m.unit not in (Unit.FLAG, Unit.LEVEL):
            for attr in COMPARATORS:
                if draw(st.booleans()):
                    item[attr] = draw(measure_values(m))
            if not counted and m.unit in (Unit.PERCENT, Unit.RATE_PER_10K, Unit.COUNT) and draw(st.booleans()):
                item["n"] = draw(st.integers(1, MAX_SAMPLE))
        out[m.id] = item
    return _within_bounds(rulebook, out)


def _within_bounds(rulebook: Rulebook, out: dict[str, Any]) -> dict[str, Any]:
    """Evidence made valid where one count is bounded by another (``at_most``): no larger than the count it
    is bounded by, nor than its own sample."""
    for mid, item in out.items():
        total = rulebook.measures[mid].at_most
        if total is None or "value" not in item:
            continue
        if total in out and "value" in out[total]:
            item["value"] = min(item["value"], out[total]["value"])
        if "n" in item:
            item["n"] = max(item["n"], item["value"], 1)
    return out


def _count_limits(rulebook: Rulebook, case: Case, mid: str) -> tuple[int, int]:
    """How far a count may move and keep the case valid: no lower than the counts it bounds, no higher than
    the count that bounds it or its own sample."""
    measure = rulebook.measures[mid]
    floor = max(
        (int(i.value) for i in case.evidence.values() if rulebook.measures[i.measure].at_most == mid),
        default=int(measure.minimum),
    )
    ceiling = int(min(measure.maximum, 2**53 - 1))
    if measure.at_most is not None:
        total = case.evidence.get(measure.at_most)
        if total is not None:
            ceiling = min(ceiling, int(total.value))
        if case.evidence[mid].n is not None:
            ceiling = min(ceiling, int(case.evidence[mid].n or 0))
    return floor, ceiling


@st.composite
def cases(draw: st.DrawFn, rulebook: Rulebook, *, inspected: dt.date | None = None) -> Case:
    """Valid cases for ``rulebook``, inspected on a date within its effective span."""
    if inspected is None:
        end = rulebook.effective_to or rulebook.effective_from + dt.timedelta(days=3650)
        inspected = draw(st.dates(rulebook.effective_from, end))
    return load_case(
        {
            "case": "generated",
            "authority": "Generated Council",
            "inspected": inspected.isoformat(),
            "rulebook": rulebook.id,
            "evidence": draw(evidence(rulebook)),
        }
    )


def _run(check: Callable[..., None], max_examples: int) -> None:
    settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))(check)()


def check_monotonic(rulebook: Rulebook, *, max_examples: int = 200) -> None:
    """Better evidence (one measure moved in its ``better`` direction) never lowers any area's grade."""

    lines = _thresholds(rulebook)

    @given(cases(rulebook), st.data())
    def check(case: Case, data: st.DataObject) -> None:
        if not case.evidence:
            return
        mid = data.draw(st.sampled_from(sorted(case.evidence)))
        measure = rulebook.measures[mid]
        item = case.evidence[mid]
        if measure.better is Direction.NEITHER:  # no value is better than another
            return
        higher = measure.better is Direction.HIGHER
        raw = case.to_dict()
        if item.count is not None and item.n is not None:  # a count out of a sample: a better count of it
            low_c, high_c = sorted((item.count, item.n if higher else 0))
            better: Any = data.draw(_whole(low_c, high_c, lines.get(f"{mid}.count", ())))
            raw["evidence"][mid]["count"] = better
        elif measure.unit is Unit.FLAG:
            if item.value == higher:
                return
            better = higher
        elif measure.unit is Unit.LEVEL:
            rank = measure.levels.index(str(item.value))
            ahead = measure.levels[rank + 1 :] if higher else measure.levels[:rank]
            if not ahead:
                return
            better = data.draw(st.sampled_from(ahead))
        elif measure.unit is Unit.COUNT:
            floor, ceiling = _count_limits(rulebook, case, mid)
            first, last = (int(item.value), ceiling) if higher else (floor, int(item.value))
            if first > last:
                return
            better = data.draw(st.integers(first, min(last, first + 1000)))
        else:
            bound = measure.maximum if higher else measure.minimum
            low, high = sorted((float(item.value), bound))
            better = data.draw(st.floats(low, high, allow_nan=False).map(lambda x: round(x, 6)))
            better = min(max(better, low), high)
        if item.count is None:
            raw["evidence"][mid]["value"] = better
        improved = load_case(raw)
        judge = judge_for(rulebook)
        before, after = judge.judge(case), judge.judge(improved)

        def lifted(area_id: str) -> bool:
            """An area judged only on a finding of its worst grade (its other evidence missing) is not judged
            once better evidence lifts that finding, and neither is an area that reads its grade: no grade
            was lowered."""
            old, new = before.areas[area_id].grade, after.areas[area_id].grade
            if old == NOT_JUDGED or new != NOT_JUDGED:
                return False
            written = rulebook.area(area_id)
            if old.rank == 0 and any(m not in case.evidence for m in written.requires):
                return True
            return any(lifted(a) for a in (*written.reads_areas, *written.aspects) if a not in written.optional_grades)

        for area in before:
            old, new = area.grade, after.areas[area.area].grade
            if NOT_JUDGED in (old, new):
                assert old == new or lifted(area.area), (area.area, mid)
            else:
                assert new.rank >= old.rank, (
                    f"{area.area}: {old.value} -> {new.value} when {mid} improved from {item.value} to {better}"
                )

    _run(check, max_examples)


def check_order_independent(rulebook: Rulebook, *, max_examples: int = 100) -> None:
    """The order evidence is given in never changes any part of the result."""

    @given(cases(rulebook), st.randoms(use_true_random=False))
    def check(case: Case, rnd: Any) -> None:
        raw = case.to_dict()
        items = list(raw["evidence"].items())
        rnd.shuffle(items)
        raw["evidence"] = dict(items)
        judge = judge_for(rulebook)
        assert judge.judge(case).to_json() == judge.judge(load_case(raw)).to_json()

    _run(check, max_examples)


def check_every_area_graded(rulebook: Rulebook, *, max_examples: int = 100) -> None:
    """Every area gets a grade on the scale, or is not judged because evidence is missing or rules conflict."""

    @given(cases(rulebook))
    def check(case: Case) -> None:
        result = judge_for(rulebook).judge(case)
        assert [a.area for a in result] == [a.id for a in rulebook.areas]
        for area in result:
            if area.grade == NOT_JUDGED:
                written = rulebook.area(area.area)
                missing = [m for m in written.requires if m not in case.evidence]
                unjudged = [
                    a
                    for a in (*written.reads_areas, *written.aspects)
                    if result.areas[a].grade == NOT_JUDGED and a not in written.optional_grades
                ]
                dated = not written.in_force(case.inspected)  # a judgement given only for a time
                assert missing or unjudged or dated or area.status is AreaStatus.CONFLICT, area.area
            else:
                assert area.grade in rulebook.scale_of(area.area)
                assert area.rules_fired, area.area

    _run(check, max_examples)


def check_rulebook(rulebook: Rulebook, *, max_examples: int = 100) -> None:
    """All of the ready-made checks."""
    check_every_area_graded(rulebook, max_examples=max_examples)
    check_order_independent(rulebook, max_examples=max_examples)
    check_monotonic(rulebook, max_examples=max_examples)
