"""The type checker of the condition language: every value has a unit (:class:`~judgement.lang.units.Unit`)
or is a plain number, and a condition is checked before it is run: names known, units matched, flags
compared only for equality, arithmetic linear (no measure times or divided by a measure), no division by
zero."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from judgement._attrs import define, frozen
from judgement.errors import Problem, suggest
from judgement.lang import ast as ex
from judgement.lang.normal import Exact, apply
from judgement.lang.printer import grade_text, unparse
from judgement.lang.units import Unit

__all__ = ["AreaGrades", "TypeChecker", "Unit"]

#: What a condition may know of other areas: each area's scale id and its grade ids, worst first.
AreaGrades = Mapping[str, tuple[str, tuple[str, ...]]]


@frozen
class _Type:
    kind: str  # "bool" or "num"
    unit: Unit | None = None  # None for a plain number
    has_field: bool = False
    constant: Exact | None = None  # the exact value when the expression has no fields
    scale: str | None = None  # for a grade: the id of its scale


_BOOL = _Type("bool")


@define
class TypeChecker:
    """Checks conditions against the units of the measures and parameters they may name, appending every
    problem to ``problems``."""

    measures: Mapping[str, Unit]
    parameters: Mapping[str, Unit]
    problems: list[Problem]
    areas: AreaGrades = attrs.field(factory=dict)
    #: The ordered words of each measure of unit ``level``.
    levels: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)

    def fail(
        self, node: ex.Node, message: str, expected: str | None = None, hint: str | None = None, *, code: str
    ) -> None:
        self.problems.append(Problem(message, node.loc, expected, hint, code=code))

    def condition(self, node: ex.Node) -> _Type | None:
        t = self.check(node)
        if t is None:
            return None
        if t.kind != "bool":
            if isinstance(node, ex.Ref) and t.unit is Unit.FLAG:
                return _BOOL
            self.fail(
                node,
                f"'{unparse(node)}' is a value, not a condition",
                "a comparison such as '" + unparse(node) + " >= 80'",
                code="condition.type",
            )
            return None
        return t

    def check(self, node: ex.Node) -> _Type | None:
        if isinstance(node, ex.Num):
            return _Type("num", None, False, node.value)
        if isinstance(node, ex.Bool):
            return _Type("num", Unit.FLAG, False, 1 if node.value else 0)
        if isinstance(node, ex.Ref):
            return self.ref(node)
        if isinstance(node, ex.Neg):
            inner = self.check(node.operand)
            if inner is None:
                return None
            if inner.kind != "num":
                self.fail(
                    node,
                    "cannot negate a condition",
                    "a value after '-'",
                    "use 'not' to negate a condition",
                    code="condition.type",
                )
                return None
            return attrs.evolve(inner, constant=None if inner.constant is None else -inner.constant)
        if isinstance(node, ex.BinOp):
            return self.binop(node)
        if isinstance(node, ex.Compare):
            return self.compare(node)
        if isinstance(node, ex.GradeOf | ex.Spread | ex.Count):
            return self.graded(node)
        if isinstance(node, ex.Signif):
            return self.significance(node)
        if isinstance(node, ex.Not):
            inner = self.condition(node.operand)
            return None if inner is None else _BOOL
        items = [self.condition(item) for item in node.items]
        return None if any(i is None for i in items) else _BOOL

    def ref(self, node: ex.Ref) -> _Type | None:
        if node.name in self.parameters:
            if node.attr:
                self.fail(
                    node,
                    f"parameter {node.name!r} has no comparators",
                    f"'{node.name}' alone",
                    code="condition.parameter-attribute",
                )
                return None
            return _Type("num", self.parameters[node.name], True)
        if node.name not in self.measures:
            known = [*self.measures, *self.parameters]
            self.fail(
                node,
                f"unknown measure {node.name!r}",
                "a measure from measures.yaml or a parameter",
                suggest(node.name, known),
                code="condition.unknown-name",
            )
            return None
        if node.attr is not None and node.attr not in ex.ATTRIBUTES:
            self.fail(
                node,
                f"unknown comparator '.{node.attr}'",
                ", ".join(f"'.{a}'" for a in ex.ATTRIBUTES),
                suggest(node.attr, ex.ATTRIBUTES),
                code="condition.unknown-comparator",
            )
            return None
        if node.attr in ("n", "count"):
            return _Type("num", Unit.COUNT, True)
        return _Type("num", self.measures[node.name], True)

    def values(
        self, node: ex.BinOp | ex.Compare, message: str, expected: str, hint: str | None = None
    ) -> tuple[_Type, _Type] | None:
        """The types of both sides of an operator, which must be values (``message`` if one is not)."""
        left, right = self.check(node.left), self.check(node.right)
        if left is None or right is None:
            return None
        if "grade" in (left.kind, right.kind) and isinstance(node, ex.BinOp):
            self.fail(
                node,
                "grades cannot take part in arithmetic",
                "grade(area) compared with a grade",
                code="condition.type",
            )
            return None
        if Unit.LEVEL in (left.unit, right.unit) and isinstance(node, ex.BinOp):
            self.fail(
                node,
                "levels cannot take part in arithmetic",
                "a level compared with one of its words",
                code="condition.type",
            )
            return None
        if left.kind != "num" or right.kind != "num":
            self.fail(node, message, expected, hint, code="condition.type")
            return None
        return left, right

    def binop(self, node: ex.BinOp) -> _Type | None:
        sides = self.values(node, f"'{node.op}' needs values on both sides, not conditions", "numbers or measures")
        if sides is None:
            return None
        left, right = sides
        if Unit.FLAG in (left.unit, right.unit):
            self.fail(
                node,
                "yes/no flags cannot take part in arithmetic",
                "a number, count, percentage or other measure",
                code="condition.flag",
            )
            return None
        constant = None
        if left.constant is not None and right.constant is not None:
            if node.op == "/" and right.constant == 0:
                self.fail(node, "division by zero", "a non-zero divisor", code="condition.division-by-zero")
                return None
            constant = apply(node.op, left.constant, right.constant)
        if node.op in "+-":
            if left.unit and right.unit and left.unit is not right.unit:
                self.fail(
                    node,
                    f"cannot {'add' if node.op == '+' else 'subtract'} {right.unit.value} and {left.unit.value}",
                    "values of the same unit, or plain numbers",
                    code="condition.unit-mismatch",
                )
                return None
            return _Type("num", left.unit or right.unit, left.has_field or right.has_field, constant)
        if node.op == "*":
            if left.has_field and right.has_field:
                self.fail(
                    node,
                    "cannot multiply two measures (conditions must be linear)",
                    "a measure times a number",
                    code="condition.nonlinear",
                )
                return None
            return _Type("num", left.unit or right.unit, left.has_field or right.has_field, constant)
        if right.has_field:
            self.fail(
                node,
                "cannot divide by a measure (conditions must be linear)",
                "a measure divided by a number",
                code="condition.nonlinear",
            )
            return None
        if right.constant == 0:
            self.fail(node, "division by zero", "a non-zero divisor", code="condition.division-by-zero")
            return None
        return _Type("num", left.unit, left.has_field, constant)

    def graded(self, node: ex.GradeOf | ex.Spread | ex.Count) -> _Type | None:
        """``grade(a)``, ``worst(...)``, ``best(...)`` or ``count(...)``: known areas, one scale."""
        areas = (node.area,) if isinstance(node, ex.GradeOf) else node.areas
        for area in areas:
            if area not in self.areas:
                self.fail(
                    node,
                    f"unknown area {area!r}",
                    "the id of an area of this rulebook",
                    suggest(area, self.areas),
                    code="condition.unknown-area",
                )
                return None
        if len(set(areas)) != len(areas):
            self.fail(node, "an area is listed twice", "each area once", code="condition.type")
            return None
        scales = sorted({self.areas[a][0] for a in areas})
        if len(scales) > 1:
            self.fail(
                node,
                f"the areas are graded on different scales ({', '.join(scales)})",
                "areas graded on one scale",
                code="condition.scale-mismatch",
            )
            return None
        if isinstance(node, ex.Spread) and len(areas) < 2:
            self.fail(node, f"{node.kind}(...) needs two or more areas", grade_text(areas[0]), code="condition.type")
            return None
        if isinstance(node, ex.Count):
            if self.grade_rank(node.grade, areas[0]) is None:
                return None
            return _Type("num", Unit.COUNT, True)
        return _Type("grade", None, True, scale=scales[0])

    def grade_rank(self, ref: ex.Ref, area: str) -> int | None:
        """The rank of a grade named in a comparison with area ``area``'s grade (a problem if off its scale)."""
        scale, grades = self.areas[area]
        if ref.attr is None and ref.name in grades:
            return grades.index(ref.name)
        self.fail(
            ref,
            f"{ref.text!r} is not a grade on scale {scale!r}",
            "one of " + ", ".join(grades),
            suggest(ref.name, grades),
            code="condition.unknown-grade",
        )
        return None

    def significance(self, node: ex.Signif) -> _Type | None:
        """A significance test: a known measure that is a rate (a percentage, or a rate per 10,000)."""
        unit = self.measures.get(node.measure)
        if unit is None:
            self.fail(
                node,
                f"unknown measure {node.measure!r}",
                "a measure from measures.yaml",
                suggest(node.measure, self.measures),
                code="condition.unknown-name",
            )
            return None
        if unit not in (Unit.PERCENT, Unit.RATE_PER_10K):
            self.fail(
                node,
                f"{node.measure} is a {unit.value}: significance is tested for a rate with a denominator",
                "a percent or rate_per_10k measure whose evidence gives n",
                code="condition.type",
            )
            return None
        return _BOOL

    def level_of(self, node: ex.Node) -> str | None:
        """The measure, when ``node`` is the value of a measure of unit ``level``."""
        if isinstance(node, ex.Ref) and node.attr is None and node.name in self.levels:
            return node.name
        return None

    def level_compare(self, node: ex.Compare, measure: str) -> _Type | None:
        """A level measure compared with one of its words, or with a measure of the same words."""
        words = self.levels[measure]
        other = node.right if self.level_of(node.left) == measure else node.left
        if isinstance(other, ex.Ref) and other.attr is None:
            if other.name in self.levels:
                if self.levels[other.name] != words:
                    self.fail(
                        node,
                        f"{measure} and {other.name} are levels of different words",
                        "a level compared with its own words",
                        code="condition.unit-mismatch",
                    )
                    return None
                return _BOOL
            if other.name in words:
                return _BOOL
        if isinstance(other, ex.Ref | ex.Num | ex.Bool | ex.BinOp | ex.Neg):
            self.fail(
                other,
                f"{unparse(other)!r} is not a level of {measure}",
                "one of " + ", ".join(words),
                suggest(other.name, words) if isinstance(other, ex.Ref) else None,
                code="condition.unknown-level",
            )
            return None
        self.fail(node, f"'{node.op}' compares values, not conditions", "values on both sides", code="condition.type")
        return None

    def grade_compare(self, node: ex.Compare) -> _Type | None:
        """A comparison with a grade on one side: a grade name, or another area's grade, on the other."""
        graded, other = (node.left, node.right) if _is_graded(node.left) else (node.right, node.left)
        assert isinstance(graded, ex.GradeOf | ex.Spread | ex.Count)
        if isinstance(graded, ex.Count):
            if self.graded(graded) is None:
                return None
            if not (isinstance(other, ex.Num) and isinstance(other.value, int) and other.value >= 0):
                self.fail(
                    node,
                    "count(...) is compared with a whole number of areas",
                    f"count(...) {node.op} 2",
                    code="condition.type",
                )
                return None
            return _BOOL
        mine = self.graded(graded)
        if mine is None:
            return None
        area = graded.area if isinstance(graded, ex.GradeOf) else graded.areas[0]
        if isinstance(other, ex.Ref):
            return None if self.grade_rank(other, area) is None else _BOOL
        if isinstance(other, ex.GradeOf) and isinstance(graded, ex.GradeOf):
            theirs = self.graded(other)
            if theirs is None:
                return None
            if theirs.scale != mine.scale:
                self.fail(
                    node,
                    f"grades on different scales compared ({mine.scale}, {theirs.scale})",
                    "grades on one scale",
                    code="condition.scale-mismatch",
                )
                return None
            return _BOOL
        self.fail(
            node,
            f"'{unparse(graded)}' is compared with a grade",
            f"{unparse(graded)} {node.op} <grade id>" + (" or grade(other)" if isinstance(graded, ex.GradeOf) else ""),
            code="condition.type",
        )
        return None

    def compare(self, node: ex.Compare) -> _Type | None:
        if _is_graded(node.left) or _is_graded(node.right):
            return self.grade_compare(node)
        level = self.level_of(node.left) or self.level_of(node.right)
        if level is not None:
            return self.level_compare(node, level)
        sides = self.values(
            node,
            f"'{node.op}' compares values, not conditions",
            "values on both sides",
            "join conditions with 'and' or 'or'",
        )
        if sides is None:
            return None
        left, right = sides
        if not (left.has_field or right.has_field):
            self.fail(
                node,
                "comparison does not involve any measure",
                "a measure on at least one side",
                code="condition.no-measure",
            )
            return None
        if left.unit and right.unit and left.unit is not right.unit:
            self.fail(
                node,
                f"unit mismatch: {left.unit.value} compared with {right.unit.value}",
                f"a {left.unit.value} on both sides, or a plain number",
                code="condition.unit-mismatch",
            )
            return None
        if Unit.FLAG in (left.unit, right.unit):
            if node.op not in ("==", "!="):
                self.fail(
                    node,
                    f"yes/no flags can only be compared with '==' or '!=', not {node.op!r}",
                    "flag == true",
                    code="condition.flag",
                )
                return None
            for side in (left, right):
                if side.constant is not None and side.constant not in (0, 1):
                    self.fail(node, "a yes/no flag is 0 or 1", "true, false, 0 or 1", code="condition.flag")
                    return None
        return _BOOL


def _is_graded(node: ex.Node) -> bool:
    return isinstance(node, ex.GradeOf | ex.Spread | ex.Count)
