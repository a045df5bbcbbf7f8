"""The quick signs on intervals of doubles (:mod:`judgement.lang.bounds`) never disagree with exact
arithmetic: when they answer, their answer is the exact sign, on values drawn on, beside and far from
their thresholds; and the compiled signs the engine reads are the exact ones whether the intervals
settle them or not."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from judgement.lang.bounds import compile_bounds, difference, limit_sign_bounds, number_bounds, sign_bounds
from judgement.lang.evaluate import compile_sign, sign
from judgement.lang.normal import ARITH, Arith, Const, Field, Limit, Test, exact, limit_sign, limit_value, tidy
from judgement.source import Location

_Z = st.sampled_from([Fraction("1.96"), Fraction("3.09"), Fraction("2.58"), Fraction(1), Fraction("0.1")])
_NUMBERS = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.integers(-(2**60), 2**60),
    st.fractions(-(10**6), 10**6, max_denominator=10**6),
)


def _beside(value: float, steps: int) -> float:
    for _ in range(abs(steps)):
        value = math.nextafter(value, math.inf if steps > 0 else -math.inf)
    return value


@given(_NUMBERS)
def test_a_numbers_interval_holds_the_exact_value_it_stands_for(value):
    low, high = number_bounds(value)
    assert Fraction(low) <= exact(value) <= Fraction(high)


def test_a_number_too_large_for_a_double_is_left_to_exact_arithmetic():
    with pytest.raises(OverflowError):
        number_bounds(10**400)
    assert number_bounds(2**53) == (float(2**53), float(2**53))


@given(
    st.fractions(0, 100, max_denominator=1000),
    st.one_of(st.integers(1, 200_000), st.fractions(1, 10_000, max_denominator=97)),
    _Z,
    st.sampled_from([1, -1]),
    st.sampled_from([100, 10_000]),
    st.integers(-3, 3),
    st.booleans(),
)
@example(Fraction(50), 100, Fraction("1.96"), 1, 100, 0, True)  # exactly on the limit: 59.8
@example(Fraction(50), 100, Fraction("1.96"), -1, 100, 0, True)  # exactly on the lower one: 40.2
@example(Fraction(0), 1, Fraction("1.96"), 1, 100, 0, True)  # no spread: the limit is the centre
def test_a_limits_quick_sign_is_its_exact_sign(centre, n, z, side, scale, steps, near):
    limit = Limit(Field("r", "england"), Field("r", "n"), Const(z), side, scale, "95")
    centre = min(centre * scale / 100, Fraction(scale))
    # beside the limit (a few doubles either side of it, or on it when it is rational), or anywhere
    on = limit_value(limit, centre, n)
    actual = _beside(on, steps) if near else float(centre) + steps * 7.3
    if near and steps == 0 and z == Fraction("1.96") and centre == 50 and n == 100:
        actual = 59.8 if side > 0 else 40.2
    want = limit_sign(limit, exact(actual), centre, n)
    quick = limit_sign_bounds(limit, actual, centre, n)
    assert quick is None or quick == want
    if not near:  # far from the limit the intervals settle it
        assert quick == want or abs(actual - on) < 1e-6


def test_a_value_on_its_limit_is_never_settled_by_the_intervals():
    upper = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("1.96")), 1, 100, "95")
    lower = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("1.96")), -1, 100, "95")
    assert limit_sign_bounds(upper, 59.8, 50, 100) is None
    assert limit_sign(upper, exact(59.8), 50, 100) == 0
    assert limit_sign_bounds(lower, 40.2, 50, 100) is None
    assert limit_sign_bounds(upper, 59.9, 50, 100) == 1
    assert limit_sign_bounds(upper, 40.0, 50, 100) == -1
    assert limit_sign_bounds(lower, 60.0, 50, 100) == 1


_LEAVES = st.one_of(
    st.sampled_from(["a", "b", "c"]).map(Field),
    _NUMBERS.filter(lambda v: not isinstance(v, float)).map(Const),
    st.floats(-1e4, 1e4, allow_nan=False).map(lambda v: Const(exact(v))),
)
_EXPRS = st.recursive(_LEAVES, lambda inner: st.builds(Arith, st.sampled_from("+-*/"), inner, inner), max_leaves=6)


def _exact_value(expr, values):
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Field):
        return exact(values[expr.key])
    left, right = _exact_value(expr.left, values), _exact_value(expr.right, values)
    if expr.op == "/" and right == 0:
        raise ZeroDivisionError
    return tidy(ARITH[expr.op](left, right))


@given(_EXPRS, st.fixed_dictionaries({"a": _NUMBERS, "b": _NUMBERS, "c": _NUMBERS}), st.integers(-2, 2))
@example(Arith("/", Field("a"), Field("b")), {"a": 1.0, "b": 0, "c": 0}, 0)  # a divisor of zero
@example(Arith("*", Field("a"), Field("b")), {"a": 1e300, "b": 1e300, "c": 0}, 0)  # beyond a double
def test_an_expressions_interval_holds_its_exact_value_and_a_quick_sign_is_exact(expr, values, steps):
    try:
        want = _exact_value(expr, values)
    except ZeroDivisionError:
        return
    try:
        low, high = compile_bounds(expr)(values)
    except OverflowError:
        return
    assert not low > want
    assert not high < want
    # a value beside the expression's, or on it exactly: the sign of their difference
    for actual in (_beside(float(want), steps) if abs(want) < 1e300 else 0.0, want):
        expected = (exact(actual) > want) - (exact(actual) < want)
        try:
            quick = sign_bounds(difference(number_bounds(actual), (low, high)))
        except OverflowError:  # an exact value beyond a double: left to exact arithmetic
            continue
        assert quick is None or quick == expected


_AT = Location("rules.yaml", 1, 1)


@given(
    st.one_of(
        _EXPRS,
        st.builds(
            Limit,
            st.just(Field("b")),
            st.just(Field("c")),
            _Z.map(Const),
            st.sampled_from([1, -1]),
            st.sampled_from([100, 10_000]),
            st.just("95"),
        ),
    ),
    st.fixed_dictionaries({"a": _NUMBERS, "b": _NUMBERS, "c": _NUMBERS}),
)
def test_a_compiled_sign_is_the_reference_sign(rhs, values):
    test = Test(Field("a"), "<", rhs, _AT)
    try:
        want = sign(test, values)
    except ZeroDivisionError:
        return
    assert compile_sign(test)(values) == want


def test_a_limits_remembered_spread_gives_the_signs_worked_out_afresh():
    from judgement.lang import bounds

    upper = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("3.09")), 1, 100, "99.8")
    lower = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("1.96")), -1, 100, "95")
    tried = [
        (limit, actual, centre, n)
        for limit in (upper, lower)
        for actual in (10.0, 21.5, 33.3, 59.8, 70)
        for centre, n in ((21.5, 640), (50, 100), (50.0, 100))
    ]
    fresh = []
    for args in tried:
        bounds._SPREADS.clear()
        fresh.append(limit_sign_bounds(*args))
    assert [limit_sign_bounds(*args) for args in tried] == fresh  # the spreads now remembered
    assert len(bounds._SPREADS) == 6  # by limit, centre and denominator (50 and 50.0 apart)
