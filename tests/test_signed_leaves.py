"""A comparison the engine reads as an exact sign (one with a funnel-plot control limit, or with sums
and products of decimals), traced from the sign a judgement's fact holds
(:func:`judgement.lang.evaluate.worked_test` given the sign's key), is worked out as the reference
evaluator works it out without it: the same outcome, shown threshold, margin and z-score, number types
included, whatever the values."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judgement.judging.judge import judge_for
from judgement.lang import normal
from judgement.lang.evaluate import compile_sign, worked_test
from judgement.lang.normal import Limit, sign_identity
from tests.conftest import ILACS_BOOK, UCRA_BOOK


def _signed(book):
    """Every comparison of ``book`` the engine reads as an exact sign, with the sign's fact key."""
    names = judge_for(book).plan.sign_names
    found = {
        test.source: (test, names[sign_identity(test)])
        for area in book.areas
        for rule in area.rules
        if rule.normal is not None
        for test in normal.tests(rule.normal)
        if sign_identity(test) in names
    }
    return [found[source] for source in sorted(found)]


SIGNED = _signed(ILACS_BOOK) + _signed(UCRA_BOOK)
LIMITS = [(test, key) for test, key in SIGNED if isinstance(test.rhs, Limit)]


def _worked(test, key, values):
    """The outcome and what is shown, each number with its type (a limit of 0 is shown as 0, not 0.0)."""
    decide, finish = worked_test(test, key)
    outcome, weighed = decide(values)
    return outcome, _typed(finish(weighed))


def _typed(value):
    if isinstance(value, tuple):
        return tuple(_typed(v) for v in value)
    return type(value).__name__, value


numbers = st.one_of(
    st.floats(min_value=-50, max_value=5000, allow_nan=False).map(lambda x: round(x, 1)),
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.integers(-2, 5000),
    st.fractions(min_value=0, max_value=100, max_denominator=997),
    st.none(),
)


@given(st.sampled_from(SIGNED), st.data())
def test_a_comparison_traced_from_its_sign_is_worked_out_as_without_it(signed, data):
    test, key = signed
    values = {field.key: data.draw(numbers, label=field.key) for field in test.reads}
    values = {k: v for k, v in values.items() if v is not None}
    sign = compile_sign(test)(values)
    with_sign = {**values, key: sign} if sign is not None else values
    assert _worked(test, key, with_sign) == _worked(test, None, values)


def test_the_rulebooks_have_signed_comparisons_of_each_kind():
    assert len(LIMITS) >= 4
    assert len(SIGNED) - len(LIMITS) >= 20
    assert any(isinstance(test.rhs, normal.Arith) and test.rhs.op == "*" for test, _ in SIGNED)


@pytest.mark.parametrize("centre", [21.5, 0.0, 100.0, 0])  # a centre of 0 or 100 makes a whole limit
@pytest.mark.parametrize("given_value", [12.5, Fraction(47, 3), 0])
def test_a_limit_is_worked_out_the_same_with_its_sign_or_without(given_value, centre):
    test, key = LIMITS[0]
    values = {test.field.key: given_value, test.rhs.centre.key: centre, test.rhs.n.key: 640}
    assert _worked(test, key, values) == _worked(test, None, values)
    signed = {**values, key: compile_sign(test)(values)}
    assert _worked(test, key, signed) == _worked(test, None, values)


@pytest.mark.parametrize(
    ("given_value", "other"),
    [(20.4, 15.4), (20, 15), (17.5, 12.5), (0.1, 0.2), (1e-30, 3.0), (123456789.123, 0.1)],
)
def test_a_sum_or_product_of_decimals_is_worked_out_the_same_with_its_sign_or_without(given_value, other):
    for test, key in SIGNED:
        if isinstance(test.rhs, normal.Arith):
            values = {f.key: other for f in test.reads}
            values[test.field.key] = given_value
            signed = {**values, key: compile_sign(test)(values)}
            assert _worked(test, key, signed) == _worked(test, None, values), test.source
