"""Properties over random evidence for the UCRA rulebook: order, determinism, monotonicity, engine vs
reference evaluator, and robustness (only the library's own errors, never a crash)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import judgement
from judgement import Grade, Unit
from judgement.evaluate import evaluate
from judgement.judge import case_fact, prepare
from tests.conftest import RULES

UCRA = judgement.load_rulebook(RULES)
MEASURES = sorted(UCRA.measures.values(), key=lambda m: m.id)


def _value(measure: judgement.Measure) -> st.SearchStrategy[object]:
    if measure.unit is Unit.FLAG:
        return st.booleans()
    high = min(measure.maximum, 200.0)
    if measure.unit is Unit.COUNT:
        return st.integers(0, int(high))
    # thresholds are whole numbers: favour them so boundaries are exercised
    return st.one_of(
        st.integers(int(measure.minimum), int(high)),
        st.floats(measure.minimum, high, allow_nan=False).map(lambda x: round(x, 1)),
    )


@st.composite
def evidence(draw: st.DrawFn) -> dict[str, object]:
    chosen = draw(st.lists(st.sampled_from(MEASURES), unique_by=lambda m: m.id, min_size=0, max_size=len(MEASURES)))
    out: dict[str, object] = {}
    for m in chosen:
        item: dict[str, object] = {"value": draw(_value(m))}
        if m.unit is not Unit.FLAG and draw(st.booleans()):
            item["england"] = draw(_value(m))
        if m.unit is not Unit.FLAG and draw(st.booleans()):
            item["neighbours"] = draw(_value(m))
        out[m.id] = item
    return out


DATES = st.dates(dt.date(2009, 6, 1), dt.date(2012, 5, 31))


def _case(ev: dict[str, object], day: dt.date = dt.date(2010, 7, 13)) -> judgement.Case:
    return judgement.Case.from_dict(
        {"case": "p", "authority": "P", "inspected": day.isoformat(), "rulebook": "ucra-2010", "evidence": ev}
    )


@given(evidence(), st.randoms(use_true_random=False))
def test_order_of_evidence_never_changes_the_result(ev, rnd):
    items = list(ev.items())
    rnd.shuffle(items)
    assert UCRA.judge(_case(ev)).to_json() == UCRA.judge(_case(dict(items))).to_json()


@given(evidence(), DATES)
def test_same_input_gives_byte_identical_json(ev, day):
    assert UCRA.judge(_case(ev, day)).to_json() == UCRA.judge(_case(ev, day)).to_json()


@given(evidence(), st.data())
def test_better_evidence_never_lowers_a_grade(ev, data):
    if not ev:
        return
    mid = data.draw(st.sampled_from(sorted(ev)))
    measure = UCRA.measures[mid]
    item = dict(ev[mid])  # type: ignore[arg-type]
    value = item["value"]
    if measure.unit is Unit.FLAG:
        better = measure.better.value == "higher"
        if value == better:
            return
        item["value"] = better
    else:
        bound = measure.maximum if measure.better.value == "higher" else measure.minimum
        step = data.draw(st.floats(0, 1)) if measure.unit is not Unit.COUNT else 1.0
        new = (
            value + (bound - value) * step
            if measure.unit is not Unit.COUNT
            else (min(value + 1, int(bound)) if measure.better.value == "higher" else max(value - 1, 0))
        )
        item["value"] = new if measure.unit is Unit.COUNT else round(new, 6)
    before = UCRA.judge(_case(ev))
    after = UCRA.judge(_case({**ev, mid: item}))
    for area in before:
        old, new_grade = area.grade, after.areas[area.area].grade
        if Grade.NOT_JUDGED in (old, new_grade):
            assert old == new_grade
        else:
            assert new_grade.rank >= old.rank, (area.area, mid, value, item["value"])


@given(evidence(), DATES)
def test_engine_agrees_with_reference_evaluator_on_every_rule(ev, day):
    case = _case(ev, day)
    prepared = prepare(UCRA)
    values = case_fact(UCRA, case)
    fired = {
        prepared.rule_of[name][1].id
        for name in prepared.engine.run({k: values[k] for k in prepared.compiled.fields if k in values})
    }
    for area in UCRA.areas:
        for rule in area.rules:
            if rule.normal is None:
                expected = all(m in ev for m in area.requires)
            else:
                expected = evaluate(rule.normal, values).outcome is True
            assert (rule.id in fired) == expected, rule.id


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**64), 2**64),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dates(),
)


@given(
    st.dictionaries(
        st.sampled_from([m.id for m in MEASURES] + ["bogus", "id", "a.b", "$x"]),
        st.one_of(JUNK, st.dictionaries(st.sampled_from(["value", "n", "england", "x"]), JUNK)),
        max_size=6,
    )
)
def test_random_input_never_raises_anything_but_library_errors(ev):
    try:
        UCRA.judge(_case(ev))
    except judgement.JudgementError as error:
        caught: judgement.JudgementError | None = error
    else:
        caught = None
    if caught is not None:
        assert caught.problems
        assert not isinstance(caught, judgement.EngineError)
