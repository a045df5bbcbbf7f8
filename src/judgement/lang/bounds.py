"""Quick, certain answers to exact signs: a comparison's sign worked out on intervals of doubles that
surely hold the exact values, so that the rational arithmetic of :mod:`judgement.lang.normal` is needed
only when the answer is too close to call.

Every number a case gives stands for an exact value (:func:`judgement.lang.normal.exact`): an ``int`` or
a ``Fraction`` itself, a float the shortest decimal that reads back as it. The nearest double of that
value is within half a unit in the last place of it, so the interval from the double below to the
double above holds it. Each step of arithmetic here is rounded to nearest, so widening its result by one
double on each side keeps the exact result inside. When the interval of ``actual - required`` lies wholly
above or below zero, its sign is the exact sign; otherwise (a value on or very near its threshold, a
divisor that may be zero, a number too large for a double) the answer is "not sure", and the caller works
it out exactly. The answers are therefore always the exact ones; a property test holds them to the
rational arithmetic, on values drawn to lie on and around their thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from judgement.lang.normal import Arith, Const, Expr, Field, Limit

__all__ = [
    "Bounds",
    "clear_spreads",
    "compile_bounds",
    "difference",
    "difference_sign",
    "limit_sign_bounds",
    "number_bounds",
    "sign_bounds",
]

Bounds = tuple[float, float]
Values = Mapping[str, float | int | Fraction]

_INF = math.inf
_next = math.nextafter
#: Whole numbers a double holds exactly (with every whole number between them).
_WHOLE = 2**53


def number_bounds(value: float | int | Fraction) -> Bounds:
    """An interval of doubles holding the exact value ``value`` stands for (raises ``OverflowError`` for
    a number too large for a double)."""
    if value.__class__ is int and -_WHOLE <= value <= _WHOLE:
        whole = float(value)
        return whole, whole
    near = float(value)
    return _next(near, -_INF), _next(near, _INF)


#: Any number at all: what a step gives when an end of what it is given is not finite (a sum or product
#: of finite numbers is never "not a number", so none arises).
_ANY: Bounds = (-_INF, _INF)


def _finite(a: Bounds, b: Bounds) -> bool:
    return a[0] > -_INF and a[1] < _INF and b[0] > -_INF and b[1] < _INF  # False for "not a number" too


def _add(a: Bounds, b: Bounds) -> Bounds:
    if not _finite(a, b):
        return _ANY
    return _next(a[0] + b[0], -_INF), _next(a[1] + b[1], _INF)


def _sub(a: Bounds, b: Bounds) -> Bounds:
    if not _finite(a, b):
        return _ANY
    return _next(a[0] - b[1], -_INF), _next(a[1] - b[0], _INF)


def _mul(a: Bounds, b: Bounds) -> Bounds:
    if not _finite(a, b):
        return _ANY
    ends = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return _next(min(ends), -_INF), _next(max(ends), _INF)


def _div(a: Bounds, b: Bounds) -> Bounds:
    if not _finite(a, b) or b[0] <= 0.0 <= b[1]:  # a divisor that may be zero
        return _ANY
    ends = (a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1])
    return _next(min(ends), -_INF), _next(max(ends), _INF)


def difference(a: Bounds, b: Bounds) -> Bounds:
    """An interval holding every difference of a number in ``a`` and one in ``b``."""
    return _sub(a, b)


_STEPS: dict[str, Callable[[Bounds, Bounds], Bounds]] = {"+": _add, "-": _sub, "*": _mul, "/": _div}


def sign_bounds(bounds: Bounds) -> int | None:
    """The sign of every number in ``bounds`` when they share one, else None (not sure)."""
    low, high = bounds
    if low > 0.0:
        return 1
    if high < 0.0:
        return -1
    return None  # zero may be inside, or an end is not a number


def compile_bounds(expr: Expr) -> Callable[[Values], Bounds]:
    """An interval holding an expression's exact value (its fields are known to be present): the same
    arithmetic as :func:`judgement.lang.evaluate.evaluate_expr`, on intervals. Raises ``OverflowError``
    for a number too large for a double."""
    if isinstance(expr, Const):
        constant = number_bounds(expr.value)
        return lambda _values: constant
    if isinstance(expr, Field):
        key = expr.key
        return lambda values: number_bounds(values[key])
    if isinstance(expr, Limit):  # never asked for: a limit is compared through limit_sign_bounds
        raise TypeError("a control limit has no interval of its own")
    assert isinstance(expr, Arith)
    left, right, step = compile_bounds(expr.left), compile_bounds(expr.right), _STEPS[expr.op]
    return lambda values: step(left(values), right(values))


def difference_sign(actual: float | int | Fraction, rhs: Callable[[Values], Bounds], values: Values) -> int | None:
    """The sign of ``actual`` minus an expression (``rhs``, from :func:`compile_bounds`) when the intervals
    settle it, else None (not sure: also for a number too large for a double)."""
    try:
        return sign_bounds(_sub(number_bounds(actual), rhs(values)))
    except OverflowError:
        return None


def limit_sign_bounds(
    limit: Limit, actual: float | int | Fraction, centre: float | int | Fraction, n: float | int | Fraction
) -> int | None:
    """:func:`judgement.lang.normal.limit_sign` on intervals (``n`` above zero): the sign of ``actual``
    minus the limit when the intervals settle it, else None (not sure: also for a number too large for a
    double)."""
    try:
        return _limit_sign(limit, actual, centre, n)
    except OverflowError:
        return None


#: At most this many limits' intervals kept by :func:`_spread` (cleared when full).
SPREADS_KEPT = 4096
_SPREADS: dict[tuple[object, ...], tuple[Bounds, Bounds]] = {}


def _spread(limit: Limit, centre: float | int | Fraction, n: float | int | Fraction) -> tuple[Bounds, Bounds]:
    """The intervals holding a limit's centre and ``z**2 * centre * (scale - centre) / n`` (at least 0),
    remembered by what they are worked out from: many comparisons share a centre and a denominator (a
    case's searches change the value compared far more often)."""
    key = (limit.z.value, limit.scale, centre, centre.__class__, n, n.__class__)
    found = _SPREADS.get(key)
    if found is None:
        at = number_bounds(centre)
        z = number_bounds(limit.z.value)
        scale = float(limit.scale)
        low, high = _div(_mul(_mul(_mul(z, z), at), _sub((scale, scale), at)), number_bounds(n))
        if len(_SPREADS) >= SPREADS_KEPT:
            _SPREADS.clear()
        found = _SPREADS[key] = (at, (max(low, 0.0), max(high, 0.0)))
    return found


def clear_spreads() -> None:
    """Forget the intervals kept by :func:`_spread`."""
    _SPREADS.clear()


def _limit_sign(
    limit: Limit, actual: float | int | Fraction, centre: float | int | Fraction, n: float | int | Fraction
) -> int | None:
    at, v = _spread(limit, centre, n)
    d = _sub(number_bounds(actual), at)
    if limit.side > 0:  # above the upper limit: d > 0 and d*d > v
        if d[1] < 0.0:
            return -1
        if d[0] >= 0.0:
            return sign_bounds(_sub(_mul(d, d), v))
        # d may be on either side of zero: below the limit either way when d*d < v for every d above it
        return -1 if _next(d[1] * d[1], _INF) < v[0] else None
    if d[0] > 0.0:  # below the lower limit: d < 0 and d*d > v
        return 1
    if d[1] <= 0.0:
        return sign_bounds(_sub(v, _mul(d, d)))
    return 1 if _next(d[0] * d[0], _INF) < v[0] else None
