"""A comparison with a funnel-plot control limit, traced from the exact sign a judgement's fact holds
(:func:`judgement.lang.evaluate.worked_test` given the sign's key), is worked out as the reference
evaluator works it out without it: the same outcome, shown limit, margin and z-score, whatever the values."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judgement.judging.judge import judge_for
from judgement.lang import normal
from judgement.lang.evaluate import compile_sign, worked_test
from judgement.lang.normal import Limit, sign_identity
from tests.conftest import ILACS_BOOK

#: Every comparison with a control limit in the statistics rulebook, with the key of its exact sign.
LIMITS = sorted(
    {
        (test.source, test): judge_for(ILACS_BOOK).plan.sign_names[sign_identity(test)]
        for area in ILACS_BOOK.areas
        for rule in area.rules
        if rule.normal is not None
        for test in normal.tests(rule.normal)
        if isinstance(test.rhs, Limit)
    }.items(),
    key=lambda item: item[0][0],
)


def _worked(test, key, values):
    """The outcome and what is shown, each number with its type (a limit of 0 is shown as 0, not 0.0)."""
    decide, finish = worked_test(test, key)
    outcome, weighed = decide(values)
    return outcome, _typed(finish(weighed))


def _typed(value):
    if isinstance(value, tuple):
        return tuple(_typed(v) for v in value)
    return type(value).__name__, value


numbers = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 1))
counts = st.integers(min_value=-2, max_value=5000)


@given(
    st.sampled_from(range(len(LIMITS))),
    st.one_of(numbers, st.fractions(min_value=0, max_value=100, max_denominator=997), st.none()),
    st.one_of(numbers, st.integers(0, 100), st.none()),
    st.one_of(counts, numbers, st.none()),
)
def test_a_limit_traced_from_its_sign_is_worked_out_as_without_it(at, given_value, centre, n):
    (_, test), key = LIMITS[at]
    values = {
        k: v
        for k, v in ((test.field.key, given_value), (test.rhs.centre.key, centre), (test.rhs.n.key, n))
        if v is not None
    }
    sign = compile_sign(test)(values)
    with_sign = {**values, key: sign} if sign is not None else values
    assert _worked(test, key, with_sign) == _worked(test, None, values)


def test_the_rulebook_has_limits_to_trace():
    assert len(LIMITS) >= 4
    assert all(isinstance(key, str) for _, key in LIMITS)


@pytest.mark.parametrize("centre", [21.5, 0.0, 100.0, 0])  # a centre of 0 or 100 makes a whole limit
@pytest.mark.parametrize("given_value", [12.5, Fraction(47, 3), 0])
def test_a_limit_whose_sign_the_values_do_not_hold_is_worked_out_the_general_way(given_value, centre):
    (_, test), key = LIMITS[0]
    values = {test.field.key: given_value, test.rhs.centre.key: centre, test.rhs.n.key: 640}
    assert _worked(test, key, values) == _worked(test, None, values)
    signed = {**values, key: compile_sign(test)(values)}
    assert _worked(test, key, signed) == _worked(test, None, values)
