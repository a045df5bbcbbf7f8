"""Exact arithmetic: the engine, the reference evaluator and the explanation agree with the condition as
written, compared exactly in rationals, whatever the rearranging, the division or the whole numbers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import judgement
from judgement.judging.facts import case_fact
from judgement.lang import ast
from judgement.lang.normal import exact, field_name
from judgement.lang.parser import parse
from judgement.source import Location
from tests.conftest import one_area_rulebook

MEASURES = {
    "a": {"title": "Measure a", "unit": "percent", "better": "higher"},
    "b": {"title": "Measure b", "unit": "percent", "better": "higher"},
    "c": {"title": "Count c", "unit": "count", "better": "lower"},
    "d": {"title": "Count d", "unit": "count", "better": "lower"},
}


def _rulebook(*conditions: str) -> judgement.Rulebook:
    return one_area_rulebook("exact", MEASURES, list(conditions))


def _case(evidence: dict[str, Any]) -> judgement.Case:
    return judgement.load_case(
        {"case": "e", "authority": "E", "inspected": "2010-06-01", "rulebook": "exact", "evidence": evidence}
    )


def _fires(condition: str, evidence: dict[str, Any]) -> bool:
    result = judgement.judge(_rulebook(condition), _case(evidence))
    return result.areas["one"].rules_fired == ("one.r0",)


@pytest.mark.parametrize(
    ("condition", "evidence", "fires"),
    [
        # durable_rules divides whole numbers as integers: 73 / 2 is 36 there, 36.5 here
        ("a < a.england / 2", {"a": {"value": 36.2, "england": 73}}, True),
        ("a < a.england / 2", {"a": {"value": 36.5, "england": 73}}, False),
        ("a > b / 3", {"a": 3.34, "b": 10}, True),
        ("a > b / 3", {"a": 3.33, "b": 10}, False),
        ("c > d / 3", {"c": 3, "d": 10}, False),
        ("c * 3 > d", {"c": 4, "d": 11}, True),
        # rearranged linearly, these rounded differently from the condition as written
        ("a / 3 >= 2.1", {"a": 6.3}, True),
        ("a / 10 > 0.7", {"a": 7}, False),
        ("a + b >= 100", {"a": 0.9, "b": 99.1}, True),
        ("a * 3 == 0.3", {"a": 0.1}, True),
        ("a - 0.2 == 0.1", {"a": 0.3}, True),
        ("a * 0.1 < 0.03", {"a": 0.3}, False),
        # large counts: no overflow, no rounding
        ("c * 1000 > 9007199254740000", {"c": 9007199254741}, True),
        ("c * 1000 > 9007199254740000", {"c": 9007199254740}, False),
    ],
)
def test_regressions(condition, evidence, fires):
    if fires is None:
        with pytest.raises(judgement.RulebookError):
            _rulebook(condition)
        return
    assert _fires(condition, evidence) is fires


def test_a_cancelled_comparator_still_has_to_be_given():
    condition = "a - a.england > b - a.england"
    assert _fires(condition, {"a": 60, "b": 50}) is False  # a.england missing: unknown, not true
    result = judgement.judge(_rulebook(condition), _case({"a": 60, "b": 50}))
    step = result.areas["one"].trace.rules[0]
    assert step.outcome is judgement.RuleOutcome.NOT_EVALUABLE
    assert step.missing == ("a.england",)
    assert _fires(condition, {"a": {"value": 60, "england": 70}, "b": 50}) is True
    assert _fires(condition, {"a": {"value": 40, "england": 70}, "b": 50}) is False


def test_the_explanation_shows_exact_values():
    result = judgement.judge(_rulebook("a < a.england / 2"), _case({"a": {"value": 36.2, "england": 73}}))
    (comparison,) = result.areas["one"].trace.rules[0].comparisons
    assert (comparison.right, comparison.required, comparison.margin, comparison.holds) == (
        "a.england / 2",
        36.5,
        -0.3,
        True,
    )
    third = judgement.judge(_rulebook("a > b / 3"), _case({"a": 3.34, "b": 10}))
    (comparison,) = third.areas["one"].trace.rules[0].comparisons
    assert comparison.margin == pytest.approx(Fraction(1, 150))  # 3.34 - 10/3, exactly, then shown


def test_a_rule_with_many_comparisons_against_other_values_runs():
    fourteen = " and ".join(f"a > b - {i}" for i in range(14))
    assert _fires(fourteen, {"a": 60, "b": 50}) is True
    alternatives = " or ".join(f"(a > b + {i} and c > d)" for i in range(14))
    assert _fires(alternatives, {"a": 60, "b": 50, "c": 2, "d": 1}) is True
    assert _fires(alternatives, {"a": 60, "b": 50, "c": 1, "d": 1}) is False


def test_a_rule_the_engine_cannot_take_is_refused_with_its_location():
    nested = " and ".join(f"(a > {i} or b > {i})" for i in range(15))  # 15 groups inside the rule's own
    with pytest.raises(judgement.RulebookError) as info:
        judgement.Judge(_rulebook(nested))
    (problem,) = info.value.problems
    assert problem.code == "rulebook.too-many-groups"
    assert problem.location is not None
    assert str(problem.location) == "<dict>:$.areas[0].rules[0].id"


# ------------------------------------------------------------------------- the condition as written


def _value(node: ast.Node, values: dict[str, Any]) -> Fraction | int | None:
    """The exact value of a value sub-tree, evaluated as written (an implementation of its own)."""
    if isinstance(node, ast.Num):
        return node.value
    if isinstance(node, ast.Bool):
        return 1 if node.value else 0
    if isinstance(node, ast.Ref):
        raw = values.get(field_name(node.name, node.attr))
        return None if raw is None else exact(raw)
    if isinstance(node, ast.Neg):
        inner = _value(node.operand, values)
        return None if inner is None else -inner
    assert isinstance(node, ast.BinOp)
    left, right = _value(node.left, values), _value(node.right, values)
    if left is None or right is None:
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    return Fraction(left) / right


def _truth(node: ast.Node, values: dict[str, Any]) -> bool | None:
    """Kleene logic over the tree as written: a comparison that reads missing evidence is unknown."""
    if isinstance(node, ast.Or | ast.And):
        parts = [_truth(item, values) for item in node.items]
        decisive = isinstance(node, ast.Or)
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    if isinstance(node, ast.Not):
        inner = _truth(node.operand, values)
        return None if inner is None else not inner
    if isinstance(node, ast.Ref):  # a flag
        value = _value(node, values)
        return None if value is None else value == 1
    assert isinstance(node, ast.Compare)
    reads = list(ast.refs(node))
    if any(values.get(field_name(r.name, r.attr)) is None for r in reads):
        return None
    left, right = _value(node.left, values), _value(node.right, values)
    assert left is not None
    assert right is not None
    return {
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
        "==": left == right,
        "!=": left != right,
    }[node.op]


FIELDS = ["a", "b", "a.england", "b.neighbours"]
COUNT_FIELDS = ["c", "d"]
CONSTANTS = st.sampled_from([0, 1, 2, 3, 7, 10, 0.1, 0.3, 0.7, 2.1, 6.3, 33.3, 50, 99.1, 100])


@st.composite
def _value_text(draw: st.DrawFn, names: list[str], depth: int = 2) -> str:
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from(names)) if draw(st.booleans()) else str(draw(CONSTANTS))
    op = draw(st.sampled_from("+-*/"))
    left = draw(_value_text(names, depth - 1))
    if op in "*/":
        factor = draw(st.sampled_from([2, 3, 7, 10, 0.1, 0.3, 1.5]))
        return f"({left}) {op} {factor}"
    return f"({left}) {op} ({draw(_value_text(names, depth - 1))})"


@st.composite
def _conditions(draw: st.DrawFn) -> str:
    names = draw(st.sampled_from([FIELDS, COUNT_FIELDS]))
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        left = draw(_value_text(names).filter(lambda t: any(n in t for n in names)))  # a measure on the left
        parts.append(f"{left} {op} {draw(_value_text(names))}")
    text = parts[0]
    for part in parts[1:]:
        text = f"({text}) {draw(st.sampled_from(['and', 'or']))} {'not ' if draw(st.booleans()) else ''}({part})"
    return text


def _biased(draw: st.DrawFn, condition: str) -> dict[str, Any]:
    """Evidence whose values sit on the condition's constants, their multiples and fractions, and just
    either side: where a rounding error would flip a comparison."""
    numbers = [n.value for n in _nums(parse(condition, Location("t", 1, 1)))] or [50]
    near = st.sampled_from(numbers).flatmap(
        lambda n: st.sampled_from(
            [n, n * 3, n * 10, n / 3 if n else 1, n + 0.1, n - 0.1, n * 2 + 1, 100 - n if n <= 100 else 0]
        )
    )
    evidence: dict[str, Any] = {}
    for name in ("a", "b"):
        if draw(st.integers(0, 9)) == 0:
            continue  # missing evidence
        item: dict[str, Any] = {"value": _percent(draw(st.one_of(near, st.integers(0, 100))))}
        attr = "england" if name == "a" else "neighbours"
        if draw(st.integers(0, 5)):
            item[attr] = _percent(draw(st.one_of(near, st.integers(0, 100))))
        evidence[name] = item
    for name in ("c", "d"):
        if draw(st.integers(0, 9)):
            evidence[name] = draw(st.one_of(near.map(lambda x: max(0, int(x))), st.integers(0, 1000)))
    return evidence


def _percent(value: float | int | Fraction) -> float | int:
    clipped = min(max(Fraction(value), Fraction(0)), Fraction(100))
    return int(clipped) if clipped.denominator == 1 else round(float(clipped), 4)


def _nums(node: ast.Node) -> list[ast.Num]:
    found = [node] if isinstance(node, ast.Num) else []
    for child in ast.children(node):
        found.extend(_nums(child))
    return found


@given(_conditions(), st.data())
def test_the_engine_agrees_with_the_condition_as_written_under_exact_arithmetic(condition, data):
    try:
        rulebook = _rulebook(condition)
        judge = judgement.Judge(rulebook)
    except judgement.RulebookError:  # measures that cancel out, or a comparison with no measure
        assume(False)
        return
    evidence = _biased(data.draw, condition)
    case = _case(evidence)
    expected = _truth(parse(condition, Location("t", 1, 1)), case_fact(rulebook, case))
    result = judge.judge(case)  # the engine's firing is checked against the reference evaluator inside
    fired = result.areas["one"].rules_fired == ("one.r0",)
    assert fired is (expected is True), (condition, evidence)
    step = result.areas["one"].trace.rules[0]
    assert (step.outcome is judgement.RuleOutcome.NOT_EVALUABLE) is (expected is None), (condition, evidence)
