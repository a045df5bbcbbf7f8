"""Significance against a comparator: funnel-plot control limits (Spiegelhalter, Stat Med 2005) decided
exactly, fired by the engine, and recorded in the trace with the limit and the z-score."""

from __future__ import annotations

import decimal
import sys
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import judgement
from judgement.lang.normal import Const, Field, Limit, limit_sign, limit_value
from tests.example import BOOK, FIXTURES, refused
from tests.example import case as _case

_UPPER = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("3.09")), 1, 100, "99.8")
_LOWER = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("1.96")), -1, 100, "95")


def _precise(limit: Limit, actual: Fraction, centre: Fraction, n: int) -> int:
    """The same sign with 60 significant digits of decimal arithmetic (an independent computation)."""
    context = decimal.Context(prec=60)
    c = decimal.Decimal(centre.numerator) / decimal.Decimal(centre.denominator)
    a = decimal.Decimal(actual.numerator) / decimal.Decimal(actual.denominator)
    z = decimal.Decimal(str(limit.z.value.numerator)) / decimal.Decimal(limit.z.value.denominator)
    spread = context.sqrt(max(c * (limit.scale - c) / n, decimal.Decimal(0)))
    bound = c + limit.side * z * spread
    return (a > bound) - (a < bound)


rates = st.fractions(0, 100, max_denominator=1000)


@given(rates, rates, st.integers(1, 200_000), st.sampled_from([_UPPER, _LOWER]))
def test_the_exact_decision_agrees_with_precise_arithmetic(actual, centre, n, limit):
    exact = limit_sign(limit, actual, centre, n)
    precise = _precise(limit, actual, centre, n)
    if precise != 0:  # exactly on an irrational limit cannot happen; 60 digits tell the sides apart
        assert exact == precise


def test_values_on_the_limit_are_decided_exactly():
    # centre 50, n 100: spread 5, so the 95% upper limit is exactly 50 + 1.96 * 5 = 59.8
    limit = Limit(Field("r", "england"), Field("r", "n"), Const(Fraction("1.96")), 1, 100, "95")
    assert limit_value(limit, 50, 100) == pytest.approx(59.8)
    assert limit_sign(limit, Fraction("59.8"), 50, 100) == 0
    assert limit_sign(limit, Fraction("59.80001"), 50, 100) == 1
    assert limit_sign(limit, Fraction("59.79999"), 50, 100) == -1


def test_a_significant_difference_is_fired_by_the_engine_and_traced():
    result = judgement.judge(BOOK, judgement.load_case(FIXTURES / "eastbury-2024.yaml"))
    area = result.areas["re_referrals"]
    assert area.rules_fired == ("re_referrals.significantly_high",)
    step = next(s for s in area.trace.rules if s.rule == "re_referrals.significantly_high")
    (c,) = step.comparisons
    assert c.op == ">"
    assert c.right == "the upper 99.8% limit around rereferral_percent.england for n = rereferral_percent.n"
    assert c.required == pytest.approx(22.4 + 3.09 * (22.4 * 77.6 / 5000) ** 0.5)
    assert c.z == pytest.approx((25.5 - 22.4) / (22.4 * 77.6 / 5000) ** 0.5, abs=0.01)
    assert c.holds is True
    assert "Re-referrals (25.5% of 5000 referrals) are significantly above" in area.reason


def test_without_a_denominator_a_significance_test_is_not_evaluable():
    case = _case({"rereferral_percent": {"value": 40, "england": 22.4}})
    area = judgement.judge(BOOK, case).areas["re_referrals"]
    step = next(s for s in area.trace.rules if s.rule == "re_referrals.significantly_high")
    assert step.outcome is judgement.RuleOutcome.NOT_EVALUABLE
    assert step.missing == ("rereferral_percent.n",)
    # the 5-point rule still fires, and the missing n could not have changed the grade: judged, not partial
    assert (area.grade.id, area.status) == ("concern", judgement.AreaStatus.JUDGED)


@given(
    st.floats(0, 100).map(lambda x: round(x, 1)), st.floats(1, 99).map(lambda x: round(x, 1)), st.integers(1, 20_000)
)
def test_engine_and_reference_agree_on_significance(value, england, n):
    case = _case({"rereferral_percent": {"value": value, "england": england, "n": n}})
    area = judgement.judge(BOOK, case).areas["re_referrals"]  # every firing checked against the reference
    fired = "re_referrals.significantly_high" in area.rules_fired or any(
        s.rule == "re_referrals.significantly_high" and s.outcome is judgement.RuleOutcome.FIRED
        for s in area.trace.rules
    )
    assert fired == (limit_sign(_UPPER, Fraction(str(value)), Fraction(str(england)), n) > 0)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("rereferral_percent.significantly_above(regional)", "compares with a comparator"),
        ("rereferral_percent.significantly_above(england, 90)", "95 or 99.8"),
        ("social_worker_turnovr.significantly_above(england)", "unknown measure 'social_worker_turnovr'"),
        ("supervision_regularity.significantly_below(england)", "significance is tested for a rate"),
    ],
)
def test_bad_significance_tests_are_located(tmp_path, when, message):
    assert refused(tmp_path, when, message).location.line == 5  # type: ignore[union-attr]


def test_a_denominator_too_small_for_the_limit_to_be_a_double_is_still_decided_exactly():
    """A positive n so small that the control limit passes every double (found by a property test): the
    limit is shown as the largest double on its side, and the comparison is decided exactly."""
    from judgement.lang.evaluate import evaluate
    from judgement.lang.normal import Test
    from judgement.source import Location

    n = 2.2250738585e-313
    assert limit_value(_UPPER, 1, n) == sys.float_info.max
    assert limit_value(_LOWER, 1, n) == -sys.float_info.max
    values = {"r": 90.0, "r__england": 1, "r__n": n}
    above = evaluate(Test(Field("r"), ">", _UPPER, Location("rules.yaml", 1, 1)), values)
    assert above.outcome is False  # not above an upper limit that no double reaches
    below = evaluate(Test(Field("r"), "<", _LOWER, Location("rules.yaml", 1, 1)), values)
    assert below.outcome is False
