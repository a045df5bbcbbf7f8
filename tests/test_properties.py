"""Properties over random evidence for the UCRA rulebook: order, determinism, monotonicity, engine vs
reference evaluator, and robustness (only the library's own errors, never a crash)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement.judging.facts import case_fact
from judgement.judging.judge import Judge
from judgement.lang.evaluate import evaluate
from judgement.testing import check_every_area_graded, check_monotonic, check_order_independent, evidence
from tests.conftest import UCRA_BOOK

UCRA = UCRA_BOOK
JUDGE = Judge(UCRA)
MEASURES = sorted(UCRA.measures.values(), key=lambda m: m.id)
EXAMPLES = settings().max_examples  # follows the active profile (HYPOTHESIS_PROFILE=thorough for a long run)
DATES = st.dates(dt.date(2009, 6, 1), dt.date(2012, 5, 31))


def _case(ev: dict[str, object], day: dt.date = dt.date(2010, 7, 13)) -> judgement.Case:
    return judgement.load_case(
        {"case": "p", "authority": "P", "inspected": day.isoformat(), "rulebook": "ucra-2010", "evidence": ev}
    )


@pytest.mark.slow
def test_order_of_evidence_never_changes_the_result():
    check_order_independent(UCRA, max_examples=EXAMPLES)


def test_better_evidence_never_lowers_a_grade():
    check_monotonic(UCRA, max_examples=EXAMPLES)


def test_every_area_is_graded_or_not_judged_for_a_reason():
    check_every_area_graded(UCRA, max_examples=EXAMPLES)


@pytest.mark.slow
@given(evidence(UCRA), DATES)
def test_same_input_gives_byte_identical_json(ev, day):
    assert judgement.judge(UCRA, _case(ev, day)).to_json() == judgement.judge(UCRA, _case(ev, day)).to_json()


@given(evidence(UCRA), DATES)
def test_engine_agrees_with_reference_evaluator_on_every_rule(ev, day):
    """Every rule the engine fires, level by level (derived judgements read the grades settled below them),
    is exactly every rule in force whose condition the reference evaluator finds true."""
    case = _case(ev, day)
    decisions, values, _ = JUDGE.run(case, case_fact(UCRA, case))
    for area, decision in zip(UCRA.areas, decisions, strict=True):
        for rule in area.rules:
            if rule.normal is None:
                continue  # the default rule: the hit policy's choice, not the engine's
            expected = rule.in_force(day) and evaluate(rule.normal, values).outcome is True
            assert (rule.id in decision.fired) == expected, rule.id


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
        judgement.judge(UCRA, _case(ev))
    except judgement.JudgementError as error:
        caught: judgement.JudgementError | None = error
    else:
        caught = None
    if caught is not None:
        assert caught.problems
        assert not isinstance(caught, judgement.EngineError)
