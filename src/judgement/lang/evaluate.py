"""A pure-Python evaluator of the condition normal form: the reference the engine is checked against.

It evaluates exactly what the engine evaluates (:mod:`judgement.lang.normal` normal form, over the same flat
fact), in three values: ``True``, ``False``, or ``None`` when evidence a test needs is missing. A rule
fires in the engine exactly when this evaluator says ``True`` (property-tested), and the detail it keeps
for every test (actual value, required value, margin) is what explains rules that did not fire.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping

import attrs

from judgement.lang.normal import ARITH, AllOf, AnyOf, Arith, Condition, Const, Expr, Field, Test

__all__ = ["Evaluation", "TestResult", "compile_condition", "evaluate", "evaluate_expr"]

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@attrs.frozen
class TestResult:
    """One comparison as evaluated: ``actual OP required`` and how far it was from flipping."""

    __test__ = False  # not a pytest test class

    test: Test
    actual: float | int | None
    required: float | int | None
    outcome: bool | None
    missing: tuple[str, ...] = ()

    @property
    def margin(self) -> float | int | None:
        """``actual - required``: positive means above the threshold, negative below."""
        if self.actual is None or self.required is None:
            return None
        return self.actual - self.required


@attrs.frozen
class Evaluation:
    """The value of a whole condition and, for explanations, the tests that decided it."""

    outcome: bool | None
    deciding: tuple[TestResult, ...]  # what made it true, or what stopped it
    tests: tuple[TestResult, ...]  # every test, in source order


def evaluate_expr(expr: Expr, values: Mapping[str, float | int]) -> tuple[float | int | None, tuple[str, ...]]:
    """The value of an expression, or ``None`` and the names of the missing fields."""
    if isinstance(expr, Const):
        return expr.value, ()
    if isinstance(expr, Field):
        value = values.get(expr.key)
        return (value, ()) if value is not None else (None, (expr.text,))
    assert isinstance(expr, Arith)
    left, missing_left = evaluate_expr(expr.left, values)
    right, missing_right = evaluate_expr(expr.right, values)
    if left is None or right is None:
        return None, missing_left + missing_right
    return ARITH[expr.op](left, right), ()


def _test(test: Test, values: Mapping[str, float | int]) -> TestResult:
    actual = values.get(test.field.key)
    rhs = test.rhs
    if rhs.__class__ is Const:  # the common case: a threshold
        if actual is None:
            return TestResult(test, None, rhs.value, None, (test.field.text,))
        return TestResult(test, actual, rhs.value, _COMPARE[test.op](actual, rhs.value))
    required, missing = evaluate_expr(rhs, values)
    if actual is None:
        missing = (test.field.text, *missing)
    if actual is None or required is None:
        return TestResult(test, actual, required, None, missing)
    return TestResult(test, actual, required, _COMPARE[test.op](actual, required))


def evaluate(cond: Condition, values: Mapping[str, float | int]) -> Evaluation:
    """Evaluate a normal-form condition over a flat fact in three-valued (Kleene) logic."""
    tests: list[TestResult] = []
    outcome, deciding = _eval(cond, values, tests)
    return Evaluation(outcome, tuple(deciding), tuple(tests))


def _eval(
    cond: Condition, values: Mapping[str, float | int], tests: list[TestResult]
) -> tuple[bool | None, list[TestResult]]:
    if isinstance(cond, Test):
        result = _test(cond, values)
        tests.append(result)
        return result.outcome, [result]
    children = [_eval(item, values, tests) for item in cond.items]
    if isinstance(cond, AllOf):
        false = [t for o, d in children if o is False for t in d]
        if false:  # every failing part is reported, not only the first
            return False, false
        unknown = [t for o, d in children if o is None for t in d]
        if unknown:
            return None, unknown
        return True, [t for _, d in children for t in d]
    assert isinstance(cond, AnyOf)
    true = [d for o, d in children if o is True]
    if true:
        return True, true[0]
    # Not true: every alternative's blockers matter, missing evidence and failed tests alike.
    blockers = [t for _, d in children for t in d]
    return (None if any(o is None for o, _ in children) else False), blockers


# ------------------------------------------------------------------------------------ compiled outcomes

Outcome = Callable[[Mapping[str, float | int]], bool | None]
_Value = Callable[[Mapping[str, float | int]], float | int | None]


def compile_condition(cond: Condition) -> Outcome:
    """A function giving only the three-valued outcome of ``cond``: the same semantics as :func:`evaluate`,
    built once per rule from closures (no code generation), for checking the engine on every case."""
    if isinstance(cond, Test):
        key, compare = cond.field.key, _COMPARE[cond.op]
        if isinstance(cond.rhs, Const):
            limit = cond.rhs.value

            def constant_test(values: Mapping[str, float | int]) -> bool | None:
                actual = values.get(key)
                return None if actual is None else compare(actual, limit)

            return constant_test
        rhs = _compile_expr(cond.rhs)

        def test(values: Mapping[str, float | int]) -> bool | None:
            actual, required = values.get(key), rhs(values)
            return None if actual is None or required is None else compare(actual, required)

        return test
    parts = tuple(compile_condition(item) for item in cond.items)
    decisive = not isinstance(cond, AllOf)  # one false part settles "all of", one true part "any of"

    def combined(values: Mapping[str, float | int]) -> bool | None:
        unknown = False
        for part in parts:
            outcome = part(values)
            if outcome is decisive:
                return decisive
            unknown = unknown or outcome is None
        return None if unknown else not decisive

    return combined


def _compile_expr(expr: Expr) -> _Value:
    if isinstance(expr, Const):
        constant = expr.value
        return lambda _values: constant
    if isinstance(expr, Field):
        key = expr.key
        return lambda values: values.get(key)
    assert isinstance(expr, Arith)
    left, right, apply = _compile_expr(expr.left), _compile_expr(expr.right), ARITH[expr.op]

    def arith(values: Mapping[str, float | int]) -> float | int | None:
        a, b = left(values), right(values)
        return None if a is None or b is None else apply(a, b)

    return arith
