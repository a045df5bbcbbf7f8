"""The reference evaluator of the condition normal form: what every engine firing is checked against.

It evaluates the :mod:`judgement.lang.normal` form over the same flat fact the engine gets, in three
values: ``True``, ``False``, or ``None`` when evidence a comparison reads is missing. Comparisons are
exact (see :mod:`judgement.lang.normal`): a direct comparison compares the doubles, which is exact for
the decimals they stand for; any other is computed in rationals. A rule fires in the engine exactly
when this evaluator says ``True`` (checked on every judgement, and property-tested), and the detail it
keeps for every comparison (actual value, required value, margin) is what explains a grade.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar, cast

from judgement._attrs import frozen
from judgement._codegen import enabled as codegen_enabled
from judgement._codegen import generate
from judgement.lang.bounds import clear_spreads, compile_bounds, difference_sign, limit_sign_bounds
from judgement.lang.normal import (
    ARITH,
    AllOf,
    AnyOf,
    Arith,
    Condition,
    Const,
    Exact,
    Expr,
    Field,
    Limit,
    Test,
    exact,
    limit_sign,
    limit_value,
    sign_identity,
    tidy,
)

__all__ = [
    "CompiledOutcome",
    "Evaluation",
    "Leaf",
    "TestResult",
    "Weighed",
    "Worked",
    "as_number",
    "clear_signs",
    "compile_condition",
    "compile_decided",
    "compile_outcomes",
    "compile_sign",
    "evaluate",
    "evaluate_expr",
    "outcome_closure",
    "shared_sign",
    "sign",
    "worked_test",
]

Values = Mapping[str, float | int | Fraction]

_COMPARE: dict[str, Callable[[Exact | float, Exact | float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def as_number(value: Exact | float) -> int | float:
    """An exact value as the number shown for it (a whole value as an ``int``, else the nearest float)."""
    if isinstance(value, float | int):  # first: a test against Fraction goes through an abstract base class
        return value
    return value.numerator if value.denominator == 1 else float(value)


@frozen
class TestResult:
    """One comparison as evaluated: ``actual OP required`` and how far it was from flipping."""

    __test__ = False  # not a pytest test class

    test: Test
    actual: float | int | None
    required: float | int | None  # shown as a number; the outcome was decided exactly
    outcome: bool | None
    missing: tuple[str, ...] = ()
    margin: float | int | None = None  # actual - required, computed exactly: > 0 above the threshold
    z: float | None = None  # for a significance test: the z-score of the rate against its comparator


@frozen
class Evaluation:
    """The value of a whole condition and, for explanations, the tests that decided it."""

    outcome: bool | None
    deciding: tuple[TestResult, ...]  # what made it true, or what stopped it
    tests: tuple[TestResult, ...]  # every test, in source order


def evaluate_expr(expr: Expr, values: Values) -> tuple[Exact | None, tuple[str, ...]]:
    """The exact value of an expression, or ``None`` and the names of the missing fields (a control
    limit, irrational in general, as the rational of its nearest double: shown, never decided on)."""
    if isinstance(expr, Const):
        return expr.value, ()
    if isinstance(expr, Limit):
        centre, missing_centre = evaluate_expr(expr.centre, values)
        n, missing_n = evaluate_expr(expr.n, values)
        if centre is None or n is None or n <= 0:
            return None, missing_centre + missing_n
        return exact(limit_value(expr, centre, n)), ()
    if isinstance(expr, Field):
        value = values.get(expr.key)
        return (exact(value), ()) if value is not None else (None, (expr.text,))
    assert isinstance(expr, Arith)
    left, missing_left = evaluate_expr(expr.left, values)
    right, missing_right = evaluate_expr(expr.right, values)
    if left is None or right is None:
        return None, missing_left + missing_right
    return tidy(ARITH[expr.op](left, right)), ()


def sign(test: Test, values: Values) -> int | None:
    """The sign of ``actual - required`` for a comparison, exactly (``None`` if anything it reads is
    missing): what the engine gets for a comparison it cannot compute exactly itself."""
    if any(values.get(f.key) is None for f in test.reads):
        return None
    actual = values[test.field.key]
    if isinstance(test.rhs, Limit):
        return _limit_sign(test.rhs, actual, values)
    required, _ = evaluate_expr(test.rhs, values)
    assert required is not None
    difference = exact(actual) - required
    return (difference > 0) - (difference < 0)


def _limit_sign(limit: Limit, actual: float | int | Fraction, values: Values) -> int | None:
    """The sign of ``actual`` minus a control limit, exactly: on intervals of doubles when they settle it
    (:mod:`judgement.lang.bounds`), else in rationals (None when the denominator is not above zero)."""
    n, centre = values[limit.n.key], values[limit.centre.key]
    if n <= 0:  # a number and the exact value it stands for are on the same side of zero
        return None
    quick = limit_sign_bounds(limit, actual, centre, n)
    return quick if quick is not None else limit_sign(limit, exact(actual), exact(centre), exact(n))


def _test(test: Test, values: Values) -> TestResult:
    given = values.get(test.field.key)
    missing = tuple(f.text for f in test.reads if values.get(f.key) is None)
    # A count out of a sample is an exact fraction; it is shown as the nearest number.
    actual = as_number(given) if isinstance(given, Fraction) else given
    if test.direct:
        rhs = test.rhs
        required: float | int | None
        if isinstance(rhs, Const):
            required = as_number(rhs.value)
        else:
            assert isinstance(rhs, Field)
            found = values.get(rhs.key)
            required = as_number(found) if isinstance(found, Fraction) else found
        if missing or actual is None or required is None:
            return TestResult(test, actual, required, None, missing)
        margin = as_number(exact(actual) - exact(required))
        return TestResult(test, actual, required, _COMPARE[test.op](actual, required), (), margin)
    exact_required, _ = evaluate_expr(test.rhs, values)
    shown = None if exact_required is None else as_number(exact_required)
    if missing or actual is None or exact_required is None:
        return TestResult(test, actual, shown, None, missing)
    assert given is not None
    if isinstance(test.rhs, Limit):
        s = _limit_sign(test.rhs, given, values)
        # shown: the limit is rounded (the double nearest it, as the decimal that reads back as that double)
        if given.__class__ is Fraction:
            margin = as_number(exact(given) - exact_required)
        else:
            margin = decimal_margin(given, float(exact_required))  # type: ignore[arg-type]
        return TestResult(
            test, actual, shown, None if s is None else _COMPARE[test.op](s, 0), (), margin, _z(test.rhs, given, values)
        )
    difference = exact(given) - exact_required
    return TestResult(test, actual, shown, _COMPARE[test.op](difference, 0), (), as_number(difference))


def _z(limit: Limit, actual: float | int | Fraction, values: Values) -> float | None:
    """How many standard errors a rate lies from the centre of its funnel (None when the spread is 0)."""
    centre, n = float(values[limit.centre.key]), float(values[limit.n.key])
    spread = (centre * (limit.scale - centre) / n) ** 0.5 if n > 0 and 0 < centre < limit.scale else 0.0
    return round((float(actual) - centre) / spread, 2) if spread else None


def evaluate(cond: Condition, values: Values) -> Evaluation:
    """Evaluate a normal-form condition over a flat fact in three-valued (Kleene) logic."""
    tests: list[TestResult] = []
    outcome, deciding = _eval(cond, values, tests)
    return Evaluation(outcome, tuple(deciding), tuple(tests))


def _eval(cond: Condition, values: Values, tests: list[TestResult]) -> tuple[bool | None, list[TestResult]]:
    if isinstance(cond, Test):
        result = _test(cond, values)
        tests.append(result)
        return result.outcome, [result]
    children = [_eval(item, values, tests) for item in cond.items]
    return _all_of(children) if isinstance(cond, AllOf) else _any_of(children)


_Decided = tuple[bool | None, list[TestResult]]
R = TypeVar("R")


def _all_of(children: list[tuple[bool | None, list[R]]]) -> tuple[bool | None, list[R]]:
    """``all of`` its parts in three values, with the tests that decided it."""
    false = [t for o, d in children if o is False for t in d]
    if false:  # every failing part is reported, not only the first
        return False, false
    unknown = [t for o, d in children if o is None for t in d]
    if unknown:
        return None, unknown
    return True, [t for _, d in children for t in d]


def _any_of(children: list[tuple[bool | None, list[R]]]) -> tuple[bool | None, list[R]]:
    """``any of`` its parts in three values, with the tests that decided it."""
    for o, d in children:
        if o is True:
            return True, d
    # Not true: every alternative's blockers matter, missing evidence and failed tests alike.
    blockers = [t for _, d in children for t in d]
    return (None if any(o is None for o, _ in children) else False), blockers


# ---------------------------------------------------------------------------------- compiled evaluations


T = TypeVar("T")
S = TypeVar("S")
#: A condition's tree of functions: given the values, its outcome in three values and the rows of the
#: comparisons that decided it.
Decided = Callable[[Values], tuple[bool | None, list[T]]]
#: A comparison's two steps in a :data:`Decided` tree: deciding it (its outcome, and what its row is written
#: from), then writing its row, which is done only for a comparison that decided the condition.
Leaf = tuple[Callable[[Values], tuple[bool | None, S]], Callable[[S], T]]
_Pending = tuple[bool | None, list[tuple[Callable[[S], T], S]]]


def compile_decided(cond: Condition, leaf: Callable[[Test], Leaf[S, T]]) -> Decided[T]:
    """:func:`evaluate` of ``cond`` as a tree of functions made once, each comparison decided and its row
    written (such as a trace's comparison) by the two functions ``leaf`` makes for it, ``all of`` and ``any
    of`` combined as :func:`evaluate` combines them: the outcome and the rows of the comparisons that
    decided it. Every comparison is decided; only the deciding ones' rows are written. A condition that is
    one comparison, or one ``all of`` or ``any of`` of comparisons (most rules), is one function."""
    if isinstance(cond, Test):
        decide, write = leaf(cond)

        def test(values: Values) -> tuple[bool | None, list[T]]:
            outcome, worked = decide(values)
            return outcome, [write(worked)]

        return test
    if all(isinstance(item, Test) for item in cond.items):
        leaves = tuple(leaf(cast(Test, item)) for item in cond.items)
        decides = tuple(d for d, _ in leaves)
        writes = tuple(w for _, w in leaves)
        if isinstance(cond, AnyOf):

            def any_of(values: Values) -> tuple[bool | None, list[T]]:
                done = [decide(values) for decide in decides]
                unknown = False
                for write, (outcome, worked) in zip(writes, done, strict=True):
                    if outcome is True:
                        return True, [write(worked)]
                    if outcome is None:
                        unknown = True
                return None if unknown else False, [
                    write(worked) for write, (_, worked) in zip(writes, done, strict=True)
                ]

            return any_of

        def all_of(values: Values) -> tuple[bool | None, list[T]]:
            done = [decide(values) for decide in decides]
            outcomes = [outcome for outcome, _ in done]
            shown = False if False in outcomes else None if None in outcomes else True
            return shown, [
                w(worked) for w, (o, worked) in zip(writes, done, strict=True) if shown is True or o is shown
            ]

        return all_of
    node = _pending_node(cond, leaf)

    def decided(values: Values) -> tuple[bool | None, list[T]]:
        outcome, pending = node(values)
        return outcome, [write(worked) for write, worked in pending]

    return decided


def _pending_node(cond: Condition, leaf: Callable[[Test], Leaf[S, T]]) -> Callable[[Values], _Pending[S, T]]:
    """A part of a :func:`compile_decided` tree: its outcome, and each deciding comparison's row to write."""
    if isinstance(cond, Test):
        decide, write = leaf(cond)

        def test(values: Values) -> _Pending[S, T]:
            outcome, worked = decide(values)
            return outcome, [(write, worked)]

        return test
    parts = tuple(_pending_node(item, leaf) for item in cond.items)
    combine = _all_of if isinstance(cond, AllOf) else _any_of

    def combination(values: Values) -> _Pending[S, T]:
        return combine([part(values) for part in parts])

    return combination


#: A comparison worked out, as :class:`TestResult` holds it: actual, required, outcome, the names of what is
#: missing, margin and z-score.
Worked = tuple[float | int | None, float | int | None, bool | None, tuple[str, ...], float | int | None, float | None]
#: A comparison decided, to be worked out in full only if it is shown: actual, required, outcome and missing
#: as :data:`Worked` has them, and the margin and z-score, or None while the margin is still to be worked
#: out from the two sides.
Weighed = tuple[
    float | int | None, float | int | None, bool | None, tuple[str, ...], tuple[float | int | None, float | None] | None
]


def worked_test(
    test: Test, sign_key: str | None = None
) -> tuple[Callable[[Values], tuple[bool | None, Weighed]], Callable[[Weighed], Worked]]:
    """:func:`_test` for one comparison in two steps: deciding it (its outcome, and what it is worked out
    from), then working it out in full as the parts of its :class:`TestResult` (for a comparison that is
    shown: the exact margin is the costly part). For a direct comparison that reads nothing but its two
    sides, what does not change is worked out once. A comparison the engine reads as an exact sign (one
    with a control limit, or with sums and products of decimals on its right), whose sign the values hold
    under ``sign_key`` (as a judgement's fact holds the signs the engine reads), takes it from there and
    works out only what is shown."""
    rhs = test.rhs

    def general(values: Values) -> tuple[bool | None, Weighed]:
        r = _test(test, values)
        return r.outcome, (r.actual, r.required, r.outcome, r.missing, (r.margin, r.z))

    if sign_key is not None and not test.extra:
        if isinstance(rhs, Limit):
            return _signed_limit(test, rhs, sign_key, general), _finished
        scaled = None if test.direct else _scaled_expr(rhs)
        if scaled is not None:
            return _signed_decimal(test, scaled, sign_key, general), _finished
    if not test.direct or test.extra or not isinstance(rhs, Const | Field):
        return general, _finished
    key, compare, left = test.field.key, _COMPARE[test.op], (test.field.text,)
    if isinstance(rhs, Const):
        required = as_number(rhs.value)
        absent: tuple[bool | None, Weighed] = (None, (None, required, None, left, (None, None)))

        def constant(values: Values) -> tuple[bool | None, Weighed]:
            given = values.get(key)
            if given is None:
                return absent
            actual = cast("float | int", as_number(given) if given.__class__ is Fraction else given)
            outcome = compare(actual, required)
            return outcome, (actual, required, outcome, (), None)

        return constant, _finished
    other, right = rhs.key, (rhs.text,)
    both = left if other == key else (*left, *right)

    def fields(values: Values) -> tuple[bool | None, Weighed]:
        given, found = values.get(key), values.get(other)
        actual = cast("float | int | None", as_number(given) if given.__class__ is Fraction else given)
        needed = cast("float | int | None", as_number(found) if found.__class__ is Fraction else found)
        if actual is None or needed is None:
            missing = both if actual is None and needed is None else left if actual is None else right
            return None, (actual, needed, None, missing, (None, None))
        outcome = compare(actual, needed)
        return outcome, (actual, needed, outcome, (), None)

    return fields, _finished


def _signed_limit(
    test: Test, limit: Limit, sign_key: str, general: Callable[[Values], tuple[bool | None, Weighed]]
) -> Callable[[Values], tuple[bool | None, Weighed]]:
    """The first step of :func:`worked_test` for a comparison with a control limit, its exact sign read
    from the values (the general way where they do not hold it: a value missing, or no denominator), as
    :func:`_test` works it out: the limit shown as the double nearest it, the margin from it exactly."""
    key, centre, n, compare = test.field.key, limit.centre.key, limit.n.key, _COMPARE[test.op]

    def signed(values: Values) -> tuple[bool | None, Weighed]:
        found = values.get(sign_key)
        if found is None:
            return general(values)
        given = values[key]
        nearest = limit_value(limit, values[centre], values[n])
        shown = exact(nearest)
        if given.__class__ is Fraction:
            actual: float | int = as_number(given)
            margin = as_number(exact(given) - shown)
        else:
            actual = given  # type: ignore[assignment]
            margin = decimal_margin(actual, nearest)
        outcome = compare(found, 0)
        return outcome, (actual, as_number(shown), outcome, (), (margin, _z(limit, given, values)))

    return signed


def _signed_decimal(
    test: Test,
    required: Callable[[Values], Scaled | None],
    sign_key: str,
    general: Callable[[Values], tuple[bool | None, Weighed]],
) -> Callable[[Values], tuple[bool | None, Weighed]]:
    """The first step of :func:`worked_test` for a comparison whose right-hand side adds, subtracts and
    multiplies decimals (``required``: its exact value scaled by a power of ten), its exact sign read from
    the values (the general way where they do not hold it, or a value is an exact fraction), as
    :func:`_test` works it out: the sides' values and the margin in integers scaled by a power of ten,
    each divided once, which Python rounds correctly, as converting a :class:`~fractions.Fraction` does."""
    key, compare = test.field.key, _COMPARE[test.op]

    def signed(values: Values) -> tuple[bool | None, Weighed]:
        found, given = values.get(sign_key), values.get(key)
        if found is None or given is None or given.__class__ is Fraction:
            return general(values)
        worked = required(values)
        actual = cast("float | int", given)
        margin = None if worked is None or worked[1] >= len(_TEN) else _difference(_scaled(actual), worked)
        if worked is None or margin is None:  # far past what evidence holds: the general way
            return general(values)
        outcome = compare(found, 0)
        return outcome, (actual, _divided(*worked), outcome, (), (margin, None))

    return signed


#: An exact decimal as an integer and a power of ten: (n, k) stands for ``n / 10**k``.
Scaled = tuple[int, int]


def _scaled_expr(expr: Expr) -> Callable[[Values], Scaled | None] | None:
    """An expression's exact value as :data:`Scaled`, for sums, differences and products of fields holding
    doubles or whole numbers (None from the function when one is missing or an exact fraction) and decimal
    constants; None for any other expression."""
    if isinstance(expr, Field):
        field = expr.key

        def read(values: Values) -> Scaled | None:
            value = values.get(field)
            return None if value is None or value.__class__ is Fraction else _scaled(cast("float | int", value))

        return read
    if isinstance(expr, Const):
        constant = _decimal(expr.value)
        return None if constant is None else (lambda _values: constant)
    if not isinstance(expr, Arith) or expr.op not in ("+", "-", "*"):
        return None
    left, right, op = _scaled_expr(expr.left), _scaled_expr(expr.right), expr.op
    if left is None or right is None:
        return None

    def arith(values: Values) -> Scaled | None:
        a, b = left(values), right(values)
        if a is None or b is None:
            return None
        (m, j), (n, k) = a, b
        if op == "*":
            return m * n, j + k
        places = max(j, k)
        m, n = m * 10 ** (places - j), n * 10 ** (places - k)
        return (m + n if op == "+" else m - n), places

    return arith


def _decimal(value: Exact) -> Scaled | None:
    """An exact constant as :data:`Scaled`, or None when it is no decimal (a third)."""
    if isinstance(value, int):
        return value, 0
    numerator, denominator = value.numerator, value.denominator
    for places in range(len(_TEN)):
        if _TEN[places] % denominator == 0:
            return numerator * (_TEN[places] // denominator), places
    return None


def _finished(decided: Weighed) -> Worked:
    """A comparison decided by :func:`worked_test`, worked out in full."""
    actual, required, outcome, missing, rest = decided
    if rest is None:  # both sides present: the margin, exactly
        return actual, required, outcome, missing, decimal_margin(actual, required), None  # type: ignore[arg-type]
    return actual, required, outcome, missing, rest[0], rest[1]


def decimal_margin(actual: float | int, required: float | int) -> float | int:
    """``as_number(exact(actual) - exact(required))`` (each double as the shortest decimal that reads back
    as it): worked out in integers scaled by a power of ten, which is exact, and divided once, which
    Python rounds correctly, as converting the :class:`~fractions.Fraction` does."""
    if required.__class__ is int:
        if actual.__class__ is int:
            return actual - required
        scaled, places = _scaled(actual)  # the common case: a double against a whole threshold
        if places < len(_TEN):
            return _divided(scaled - required * _TEN[places], places)
    found = _difference(_scaled(actual), _scaled(required))
    return as_number(exact(actual) - exact(required)) if found is None else found


def _difference(a: Scaled, b: Scaled) -> float | int | None:
    """``a - b`` as :func:`as_number` gives it, worked out over one power of ten and divided once (None
    when that power is far past what evidence holds: the caller then goes the general way)."""
    (m, j), (n, k) = a, b
    places = max(j, k)
    if places >= len(_TEN):
        return None
    return _divided(m * _TEN[places - j] - n * _TEN[places - k], places)


def _divided(n: int, k: int) -> float | int:
    """``n / 10**k`` as :func:`as_number` gives it: a whole number as an ``int``, else the nearest double."""
    if k == 0:
        return n
    whole, rest = divmod(n, _TEN[k])
    return whole if rest == 0 else n / _TEN[k]


_TEN: tuple[int, ...] = tuple(10**i for i in range(40))


@functools.lru_cache(maxsize=65_536)
def _scaled(value: float | int) -> tuple[int, int]:
    """A number as (n, k) with ``exact(value) == n / 10**k``."""
    if value.__class__ is not float:
        return int(value), 0
    sign, digits, exponent = Decimal(repr(value)).as_tuple()
    n = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if isinstance(exponent, int) and exponent >= 0:
        return n * 10**exponent, 0
    return n, -int(exponent)


# ------------------------------------------------------------------------------------ compiled outcomes

#: A rule's outcome as the reference evaluator gives it, compiled: True, False, or None when unknown.
CompiledOutcome = Callable[[Values], bool | None]


def compile_sign(test: Test) -> Callable[[Values], int | None]:
    """:func:`sign` for one comparison, compiled once (for the engine's derived facts)."""
    keys = tuple(f.key for f in test.reads)
    key = test.field.key
    # A sign depends only on the values it reads, and cases repeat them (England's figures, a search's
    # trials): each is worked out in exact arithmetic once, and kept while there are few.
    known: dict[tuple[object, ...], int | None] = {}
    # Worked out on intervals of doubles first (:mod:`judgement.lang.bounds`), and in exact arithmetic only
    # when they cannot settle it: the answer is the exact sign either way.
    if isinstance(test.rhs, Limit):
        limit = test.rhs

        def work_out(values: Values) -> int | None:
            return _limit_sign(limit, values[key], values)

    else:
        rhs, rhs_bounds = _compile_expr(test.rhs), compile_bounds(test.rhs)

        def work_out(values: Values) -> int | None:
            quick = difference_sign(values[key], rhs_bounds, values)
            if quick is not None:
                return quick
            difference = exact(values[key]) - rhs(values)
            return (difference > 0) - (difference < 0)

    def sign_of(values: Values) -> int | None:
        read = tuple(map(values.get, keys))
        if None in read:
            return None
        found = known.get(read, _UNKNOWN)
        if found is _UNKNOWN:
            found = work_out(values)
            if len(known) >= SIGNS_KEPT:
                known.clear()
            known[read] = found
        return found  # type: ignore[return-value]

    return sign_of


def outcome_closure(
    conditions: Sequence[Condition], needed: Sequence[str] | None = None
) -> Callable[[Values], tuple[bool | None, ...]]:
    """:func:`compile_outcomes` as a tree of functions, prepared without generating code: slower to call
    than the generated function, but ready at once, for conditions evaluated only a few times. Every
    exact sign is worked out (through :func:`shared_sign`), none read from the fact; a key no fact holds
    is simply absent. With ``needed``, the last outcome says whether the fact holds every key of it."""
    parts = [_outcome_node(cond) for cond in conditions]
    if needed is None:
        return lambda values: tuple([part(values) for part in parts])
    keys = tuple(needed)

    def outcomes(values: Values) -> tuple[bool | None, ...]:
        return (*[part(values) for part in parts], all(values.get(key) is not None for key in keys))

    return outcomes


def _outcome_node(cond: Condition) -> Callable[[Values], bool | None]:
    if isinstance(cond, Test):
        return _outcome_test(cond)
    parts = [_outcome_node(item) for item in cond.items]
    stop = isinstance(cond, AnyOf)  # the outcome that decides the combination alone

    def combination(values: Values) -> bool | None:
        unknown = False
        for part in parts:
            outcome = part(values)
            if outcome is stop:
                return stop
            if outcome is None:
                unknown = True
        return None if unknown else not stop

    return combination


def _outcome_test(test: Test) -> Callable[[Values], bool | None]:
    compare, keys = _COMPARE[test.op], tuple(f.key for f in test.reads)
    if not test.direct:
        sign_of = shared_sign(test)

        def exact_test(values: Values) -> bool | None:
            found = sign_of(values)
            return None if found is None else compare(found, 0)

        return exact_test
    key, rhs = test.field.key, test.rhs
    other = rhs.key if isinstance(rhs, Field) else None
    constant = as_number(rhs.value) if isinstance(rhs, Const) else None

    def direct(values: Values) -> bool | None:
        if any(values.get(k) is None for k in keys):
            return None
        given = values[key]
        required = values[other] if other is not None else constant
        return compare(
            as_number(given) if given.__class__ is Fraction else given,
            as_number(required) if required.__class__ is Fraction else required,  # type: ignore[arg-type]
        )

    return direct


def compile_condition(cond: Condition) -> CompiledOutcome:
    """A function giving only the three-valued outcome of ``cond``: the same semantics as :func:`evaluate`
    (:func:`outcome_closure` for one condition). It is prepared on the first call, as a tree of functions
    without generating code: a judge holds one for every rule's alternative, and most are called only
    when a trace is read, a few times each."""
    node: Callable[[Values], bool | None] | None = None

    def outcome(values: Values) -> bool | None:
        nonlocal node
        if node is None:  # two threads may both prepare it: the same tree
            node = _outcome_node(cond)
        return node(values)

    return outcome


#: At most this many signs kept per compiled comparison (see :func:`compile_sign`; cleared when full).
SIGNS_KEPT = 65_536
#: At most this many compiled comparisons shared by :func:`shared_sign` (cleared when full).
SHARED_SIGNS = 4096
_SHARED: dict[tuple[object, ...], Callable[[Values], int | None]] = {}


def shared_sign(test: Test) -> Callable[[Values], int | None]:
    """:func:`compile_sign` of a comparison, one for every comparison with the same
    :func:`~judgement.lang.normal.sign_identity`: the engine's derived facts, the searches' outcomes and
    every rulebook that shares the comparison share what it has worked out."""
    identity = sign_identity(test)
    found = _SHARED.get(identity)
    if found is None:
        if len(_SHARED) >= SHARED_SIGNS:
            _SHARED.clear()
        found = _SHARED[identity] = compile_sign(test)
    return found


def clear_signs() -> None:
    """Forget the shared compiled comparisons and the signs they worked out, and the intervals of
    control limits kept for quick signs."""
    _SHARED.clear()
    clear_spreads()


_UNKNOWN = object()
_SYMBOLS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="}


def compile_outcomes(
    conditions: Sequence[Condition],
    signs: Mapping[tuple[object, ...], str] | None = None,
    needed: Sequence[str] | None = None,
    absent: Collection[str] = (),
) -> Callable[[Values], tuple[bool | None, ...]]:
    """One function giving the three-valued outcome of every condition in ``conditions``, in order: the
    semantics of :func:`evaluate`, with each distinct comparison computed once however many conditions
    share it. It is generated as Python source once per rulebook (as attrs and dataclasses write their
    ``__init__``): a direct comparison becomes one inline comparison of the fact's values, an exact one a
    call of its :func:`compile_sign`, and ``all of``/``any of`` the Kleene combinations of their parts.
    Field names are validated identifiers and constants are doubles written with ``repr`` (which reads
    back exactly), so nothing from a rule's text reaches the source but names and numbers.

    ``signs`` names, by :func:`~judgement.lang.normal.sign_identity`, the fields of the fact that already
    hold the exact sign of a comparison (computed by :func:`compile_sign`, as the engine's derived
    fields are): such a comparison reads its sign there (absent: unknown) instead of computing it again.
    With ``needed`` (fact keys), one more outcome follows the conditions': whether the fact holds them all.

    With ``absent``, fact keys that no fact the function will see holds (the evidence a case does not
    give, over many runs of that case), every comparison reading one is unknown, and the combinations
    around it are worked out as the code is written: only what can vary is computed.

    Each fact key is read once. When the fact holds every key read (most cases give all their evidence),
    every comparison is true or false and the combinations are plain ``and``/``or``, which is what the
    Kleene combinations give when nothing is unknown; that shorter path is taken whenever it applies
    (not for a comparison whose exact sign is computed here, which may be unknown with every key given)."""
    if not codegen_enabled():
        return _interpreted_outcomes(tuple(conditions), None if needed is None else tuple(needed))
    source = _OutcomeSource(signs or {}, absent)
    results = [source.node(cond) for cond in conditions]
    if needed is not None:
        results.append(source.held(needed))
    return source.function(results)


def _interpreted_outcomes(
    conditions: tuple[Condition, ...], needed: tuple[str, ...] | None
) -> Callable[[Values], tuple[bool | None, ...]]:
    """:func:`compile_outcomes` through the plain interpreter (:func:`evaluate`), when code generation is
    switched off (see :mod:`judgement._codegen`): the exact signs in the fact are not read, every
    comparison is worked out again, and a key no fact holds is simply absent."""

    def outcomes(values: Values) -> tuple[bool | None, ...]:
        found = tuple(evaluate(cond, values).outcome for cond in conditions)
        if needed is None:
            return found
        return (*found, all(values.get(key) is not None for key in needed))

    return outcomes


class _OutcomeSource:
    """The lines of :func:`compile_outcomes`' function, built one condition at a time."""

    def __init__(self, signs: Mapping[tuple[object, ...], str], absent: Collection[str]) -> None:
        self.signs, self.absent = signs, absent
        self.namespace: dict[str, object] = {}
        self.slow: list[str] = []  # three-valued, for a fact that lacks something read
        self.fast: list[str | None] = []  # two-valued, for a fact that holds everything read
        self.names: dict[object, str] = {}  # a condition's identity -> the variable holding its outcome
        self.reads: dict[str, str] = {}  # every fact key read -> the local holding its value
        self.unsure: set[str] = set()  # outcomes that may be unknown even when the fact holds every key read

    def local(self, key: str) -> str:
        found = self.reads.get(key)
        if found is None:
            found = self.reads[key] = f"v{len(self.reads)}"
        return found

    def node(self, cond: Condition) -> str:
        """The variable holding a condition's outcome, or ``None``/``True``/``False`` when it is known
        (only with ``absent``)."""
        if not isinstance(cond, Test):
            return self.combination(cond)
        if self.absent and _reads_absent(cond, self.signs, self.absent):
            return "None"  # it reads what no fact this function sees holds: unknown
        # Tests that are equal as written may differ in exactness (``Test.exact`` is not compared)
        key: object = (cond, cond.exact)
        found = self.names.get(key)
        if found is None:
            found = self.names[key] = f"x{len(self.names)}"
            three, two = _test_source(cond, found, self.namespace, self.signs, self.local)
            self.slow.append(three)
            self.fast.append(two)
        return found

    def combination(self, cond: AllOf | AnyOf) -> str:
        both = isinstance(cond, AllOf)
        settles, other = ("False", "True") if both else ("True", "False")
        parts = [self.node(item) for item in cond.items]
        if settles in parts:  # a part known to settle it
            return settles
        unknown = "None" in parts  # a part known to be unknown: so is the whole, unless another settles it
        parts = [p for p in parts if p not in ("None", other)]
        if not parts:
            return "None" if unknown else other
        if len(parts) == 1 and not unknown:
            return parts[0]
        key = (type(cond), unknown, *parts)
        found = self.names.get(key)
        if found is None:
            found = self.names[key] = f"x{len(self.names)}"
            decided = " or ".join(f"{p} is {settles}" for p in parts)
            if unknown:
                three = f"{found} = {settles} if {decided} else None"
            else:
                undecided = " or ".join(f"{p} is None" for p in parts)
                three = f"{found} = {settles} if {decided} else None if {undecided} else {other}"
            self.slow.append(three)
            if unknown or self.unsure.intersection(parts):
                self.unsure.add(found)
                self.fast.append(three)
            else:
                self.fast.append(f"{found} = {(' and ' if both else ' or ').join(parts)}")
        return found

    def held(self, needed: Sequence[str]) -> str:
        """Whether the fact holds every key of ``needed``."""
        if any(key in self.absent for key in needed):
            return "False"
        name = f"x{len(self.names)}"
        self.fast.append(f"{name} = True")
        self.slow.append(f"{name} = " + (" and ".join(f"{self.local(key)} is not None" for key in needed) or "True"))
        return name

    def function(self, results: Sequence[str]) -> Callable[[Values], tuple[bool | None, ...]]:
        returned = f"return ({', '.join(results)}{',' if len(results) == 1 else ''})"
        source = ["def outcomes(values):", "    get = values.get"]
        source += [f"    {name} = get({key!r})" for key, name in self.reads.items()]
        if self.reads and None not in self.fast:
            source.append("    if " + " and ".join(f"{name} is not None" for name in self.reads.values()) + ":")
            source += [f"        {line}" for line in (*self.fast, returned) if line is not None]
        source += [f"    {line}" for line in (*self.slow, returned)]
        return generate("outcomes", source, "outcomes", self.namespace)  # type: ignore[return-value]


def _reads_absent(test: Test, signs: Mapping[tuple[object, ...], str], absent: Collection[str]) -> bool:
    """Whether a comparison reads a key in ``absent`` (so is unknown), as :func:`_test_source` reads it:
    its exact sign from the fact, or every field of a direct comparison (a sign computed here may be
    known without some of them, so it is computed)."""
    given = signs.get(sign_identity(test)) if not test.direct else None
    if given is not None:
        return given in absent
    return test.direct and any(f.key in absent for f in test.reads)


def _test_source(
    test: Test,
    name: str,
    namespace: dict[str, object],
    signs: Mapping[tuple[object, ...], str],
    local: Callable[[str], str],
) -> tuple[str, str | None]:
    """The line computing one comparison's outcome into ``name``, three-valued (for a fact that may lack
    what it reads) and two-valued (for a fact that holds everything read: every ``local`` is not None;
    None for a comparison that may be unknown even then).
    ``local`` gives the variable holding a fact key's value, read once at the start."""
    op = _SYMBOLS[test.op]
    given = signs.get(sign_identity(test)) if not test.direct else None
    if given is not None:  # its exact sign is in the fact already
        sign = local(given)
        return f"{name} = None if {sign} is None else {sign} {op} 0", f"{name} = {sign} {op} 0"
    if not test.direct:  # a sign may be unknown with everything present (no sample): no two-valued form
        namespace[f"s_{name}"] = shared_sign(test)
        return f"{name} = s_{name}(values); {name} = None if {name} is None else {name} {op} 0", None
    value = local(test.field.key)
    guard = "".join(f" or {local(f.key)} is None" for f in test.extra)
    if isinstance(test.rhs, Field):
        other = local(test.rhs.key)
        three = f"{name} = None if {value} is None or {other} is None{guard} else {value} {op} {other}"
        return three, f"{name} = {value} {op} {other}"
    assert isinstance(test.rhs, Const)
    limit = as_number(test.rhs.value)  # a double (or whole number) that holds the constant exactly
    assert limit.__class__ in (int, float)
    assert math.isfinite(limit)
    return f"{name} = None if {value} is None{guard} else {value} {op} {limit!r}", f"{name} = {value} {op} {limit!r}"


def _compile_expr(expr: Expr) -> Callable[[Values], Exact]:
    """An expression's exact value (its fields are known to be present)."""
    if isinstance(expr, Const):
        constant = expr.value
        return lambda _values: constant
    if isinstance(expr, Field):
        key = expr.key
        return lambda values: exact(values[key])
    assert isinstance(expr, Arith)
    left, right, step = _compile_expr(expr.left), _compile_expr(expr.right), ARITH[expr.op]
    return lambda values: step(left(values), right(values))
