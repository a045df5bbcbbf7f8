"""The normal form both the engine and the reference evaluator run, exact arithmetic, and the naming of
fact fields.

:func:`normalize` turns a type-checked tree into negation-free conditions whose every comparison is
``field OP expression`` with one field on the left (the only comparison shape durable_rules evaluates
reliably). *actual* is then the field, *required* the right-hand side, the *margin* their difference.

**Numbers are exact.** A number in a condition is the decimal as written (``2.1`` is 21/10, held as a
:class:`~fractions.Fraction`), and arithmetic on numbers is exact rational arithmetic, so rearranging
``a / 3 >= 2.1`` into ``a >= 6.3`` changes nothing. Evidence is a Python number; a float stands for the
shortest decimal that reads back as it (``78.4``), which is what was written in a case file.
:func:`exact` gives that rational. Comparing two such decimals as doubles gives the exact answer (the
shortest decimal of a double orders exactly as the double does), so a comparison with a plain field or a
constant that a double represents exactly (:attr:`Test.direct`) is left to the engine as it is; any
comparison with arithmetic is computed exactly in Python and reaches the engine as the sign of
``actual - required`` (see :mod:`judgement.engine.compile`).

**Missing evidence stays missing.** A comparison reads every field written in it, even one that cancels
out when it is rearranged (``a - a.england > b - a.england`` reads ``a.england``); if any is missing,
the comparison is unknown (:attr:`Test.reads`).

A case becomes one flat fact whose field names :func:`field_name` gives: ``ia_in_timescale``,
``ia_in_timescale__england``, ``ia_in_timescale__n`` and ``p__ia_timescale_days`` for a parameter.
Measure ids never contain ``__``, so the names cannot collide.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import sys
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction

import attrs

from judgement._attrs import frozen
from judgement.errors import Problem
from judgement.lang.ast import (
    CONFIDENCE,
    BinOp,
    Bool,
    Compare,
    Count,
    GradeOf,
    Neg,
    Node,
    Not,
    Num,
    Or,
    Ref,
    Signif,
    Spread,
    Word,
)
from judgement.lang.ast import And as AndNode
from judgement.lang.failures import MeaningFailure
from judgement.lang.printer import grade_text, unparse
from judgement.source import Location

__all__ = [
    "ARITH",
    "FLIP",
    "NEGATE",
    "AllOf",
    "AnyOf",
    "Arith",
    "Condition",
    "Const",
    "Expr",
    "Field",
    "Limit",
    "Test",
    "apply",
    "double_exact",
    "exact",
    "expr_node",
    "expr_text",
    "field_name",
    "fields",
    "limit_sign",
    "limit_value",
    "normalize",
    "sign_identity",
    "tests",
    "tidy",
    "to_expr",
]

FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}

_SYNTHETIC = Location("<normal form>", 0, 0)


def field_name(name: str, attr: str | None = None, *, parameter: bool = False, grade: bool = False) -> str:
    """The flat field name of a value in the case fact: the one place this naming is decided. An area's
    grade (its rank on its scale, 0 the worst) is ``__g__area``: no measure field starts with ``__``."""
    if grade:  # an aspect's id (area.aspect) has a dot, which a fact's field name does not
        return "__g__" + name.replace(".", "__")
    if parameter:
        return f"p__{name}"
    return f"{name}__{attr}" if attr else name


@frozen(cache_hash=True)
class Field:
    """A value read from the case fact: a measure's value, a comparator, or a parameter."""

    name: str
    attr: str | None = None
    parameter: bool = False
    #: The grade of area ``name`` (its rank on the area's scale), read by a derived judgement.
    grade: bool = False
    #: The flat field name in the fact (computed once; read on every judgement).
    key: str = attrs.field(init=False, eq=False, repr=False)
    #: How the value is written in a rule.
    text: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", field_name(self.name, self.attr, parameter=self.parameter, grade=self.grade))
        text = grade_text(self.name) if self.grade else f"{self.name}.{self.attr}" if self.attr else self.name
        object.__setattr__(self, "text", text)

    @property
    def measure(self) -> bool:
        """Whether the field is evidence (a measure's value or comparator), not a parameter or a grade."""
        return not (self.parameter or self.grade)


def _const_value(value: float | int | Fraction) -> Exact:
    return tidy(exact(value))


@frozen
class Const:
    """A number, exact: an ``int`` or a :class:`~fractions.Fraction`. A grade (or a level of ordinal
    evidence) is its rank, with the word it was written as in ``label``, which is how it prints."""

    value: Exact = attrs.field(converter=_const_value)
    label: str | None = attrs.field(default=None, eq=False)


@frozen
class Arith:
    op: str  # one of + - * /
    left: Expr
    right: Expr


@frozen
class Limit:
    """A funnel-plot control limit: ``centre + side * z * sqrt(centre * (scale - centre) / n)``, the value
    a rate with denominator ``n`` must pass to differ significantly from ``centre`` (Spiegelhalter, "Funnel
    plots for comparing institutional performance", Stat Med 2005; normal approximation to the binomial).
    ``scale`` is 100 for a percentage and 10,000 for a rate per 10,000. Comparisons with a limit are
    decided exactly (:func:`limit_sign`); its value is irrational in general, and is shown rounded."""

    centre: Field
    n: Field
    z: Const
    side: int  # +1 the upper limit, -1 the lower
    scale: int
    level: str  # "95" or "99.8", as written


Expr = Field | Const | Arith | Limit


def limit_value(limit: Limit, centre: Exact | float, n: Exact | float) -> float:
    """The limit as the nearest double, for showing and for searching (never for deciding); a double given
    stands for the value :func:`exact` gives it (the same double)."""
    spread = float(centre) * (limit.scale - float(centre)) / float(n)
    value = float(centre) + limit.side * float(limit.z.value) * math.sqrt(max(spread, 0.0))
    # a denominator so small that the limit passes every double: the largest double on its side stands
    # for it (shown, and searched from; the decision is exact, see limit_sign)
    return value if math.isfinite(value) else math.copysign(sys.float_info.max, limit.side)


def limit_sign(limit: Limit, actual: Exact, centre: Exact, n: Exact) -> int:
    """The sign of ``actual - limit``, exactly: with ``d = actual - centre`` and ``v = z**2 * centre *
    (scale - centre) / n``, the upper limit is passed when ``d > 0`` and ``d**2 > v``; the lower when
    ``d < 0`` and ``d**2 > v``."""
    d = Fraction(actual) - Fraction(centre)
    v = Fraction(limit.z.value) ** 2 * Fraction(centre) * (limit.scale - Fraction(centre)) / Fraction(n)
    v = max(v, Fraction(0))
    if limit.side > 0:
        if d < 0:
            return -1
        gap = d * d - v
    else:
        if d > 0:
            return 1
        gap = v - d * d
    return (gap > 0) - (gap < 0)


@frozen
class Test:
    """``field OP rhs``: one comparison in normal form, with the source comparison it came from."""

    __test__ = False  # not a pytest test class

    field: Field
    op: str
    rhs: Expr
    origin: Location = attrs.field(eq=False)
    source: str = attrs.field(eq=False, default="")
    #: Fields the comparison as written reads beyond ``field`` and the right-hand side's (ones that
    #: cancelled out when it was rearranged): if any is missing, the comparison is unknown.
    extra: tuple[Field, ...] = ()
    #: It reads a value that may be an exact fraction no double holds (a count out of a sample).
    exact: bool = attrs.field(default=False, eq=False)
    #: :attr:`rhs_text`, once written.
    _rhs_text: str | None = attrs.field(init=False, eq=False, repr=False, default=None)
    #: Where the comparison is written, as ``file:line:column`` (computed once).
    at: str = attrs.field(init=False, eq=False, repr=False)
    #: Whether comparing the double values gives the exact answer: the right-hand side is a field, or a
    #: constant a double holds exactly. Otherwise the comparison needs exact arithmetic.
    direct: bool = attrs.field(init=False, eq=False, repr=False)
    #: Every field the comparison reads: ``field``, the right-hand side's, then :attr:`extra`.
    reads: tuple[Field, ...] = attrs.field(init=False, eq=False, repr=False)

    @property
    def rhs_text(self) -> str:
        """The right-hand side as text, through the one printer (written when first asked for: a rulebook
        read to judge a case without its traces never asks)."""
        text = self._rhs_text
        if text is None:
            text = expr_text(self.rhs)
            object.__setattr__(self, "_rhs_text", text)
        return text

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "at", str(self.origin))
        rhs = self.rhs
        direct = not self.exact and (isinstance(rhs, Field) or (isinstance(rhs, Const) and double_exact(rhs.value)))
        object.__setattr__(self, "direct", direct)
        object.__setattr__(self, "reads", tuple(dict.fromkeys((self.field, *fields(rhs), *self.extra))))


def sign_identity(test: Test) -> tuple[object, ...]:
    """What the exact sign of ``actual - required`` of a comparison depends on (not its operator): two
    comparisons with the same identity share one derived sign in the engine's fact."""
    return (test.field, test.rhs, test.extra)


@frozen
class AllOf:
    items: tuple[Condition, ...]


@frozen
class AnyOf:
    items: tuple[Condition, ...]


Condition = Test | AllOf | AnyOf


Exact = int | Fraction


def _divide(left: Exact, right: Exact) -> Exact:
    return Fraction(left) / right


#: The language's arithmetic on exact values: the one definition the reference evaluator, the engine's
#: derived facts and constant folding share.
ARITH: dict[str, Callable[[Exact, Exact], Exact]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
}


def apply(op: str, left: Exact, right: Exact) -> Exact:
    """One step of exact arithmetic."""
    return tidy(ARITH[op](left, right))


def tidy(value: Exact) -> Exact:
    """A whole rational as an ``int`` (so 85 stays 85 in every output)."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def exact(value: float | int | Fraction) -> Exact:
    """The exact value a number stands for: an ``int`` or ``Fraction`` as it is, a float as the shortest
    decimal that reads back as it (``78.4`` is 392/5, not the binary fraction nearest it)."""
    if isinstance(value, float):
        return _float_exact(value)
    return value


@functools.lru_cache(maxsize=65536)
def _float_exact(value: float) -> Exact:
    """:func:`exact` of a float, remembered: thresholds and a case's values recur in many comparisons."""
    return tidy(Fraction(repr(value)))


def double_exact(value: Exact) -> bool:
    """Whether a double holds ``value`` in the sense of :func:`exact`: comparing with the double is then
    comparing with ``value``."""
    if isinstance(value, int):
        return abs(value) < 2**53
    as_double = float(value)
    return exact(as_double) == value


def fields(expr: Expr) -> Iterator[Field]:
    """Every field an expression reads, in order."""
    if isinstance(expr, Field):
        yield expr
    elif isinstance(expr, Limit):
        yield expr.centre
        yield expr.n
    elif isinstance(expr, Arith):
        yield from fields(expr.left)
        yield from fields(expr.right)


def tests(cond: Condition) -> Iterator[Test]:
    """Every comparison of a normal-form condition, in order."""
    if isinstance(cond, Test):
        yield cond
    else:
        for item in cond.items:
            yield from tests(item)


def expr_node(expr: Expr) -> Node:
    """A normal-form expression as a syntax tree (for printing): a rational with no finite decimal
    (1/3) is written as a division, so the text still reads back exactly."""
    if isinstance(expr, Const):
        if expr.label is not None:
            return Ref(expr.label, None, _SYNTHETIC)
        value = expr.value
        if isinstance(value, Fraction) and not _terminates(value.denominator):
            return BinOp("/", Num(value.numerator, _SYNTHETIC), Num(value.denominator, _SYNTHETIC), _SYNTHETIC)
        return Num(value, _SYNTHETIC)
    if isinstance(expr, Field):
        return GradeOf(expr.name, _SYNTHETIC) if expr.grade else Ref(expr.name, expr.attr, _SYNTHETIC)
    assert isinstance(expr, Arith)  # a control limit is printed in words (expr_text)
    return BinOp(expr.op, expr_node(expr.left), expr_node(expr.right), _SYNTHETIC)


def expr_text(expr: Expr) -> str:
    """A normal-form expression as text, through the language's one printer: it parses back to ``expr``
    (a control limit, which is no expression of the language, is described in words)."""
    if isinstance(expr, Limit):
        side = "upper" if expr.side > 0 else "lower"
        return f"the {side} {expr.level}% limit around {expr.centre.text} for n = {expr.n.text}"
    return unparse(expr_node(expr))


# -------------------------------------------------------------------------------------------- normalize


#: Each area's grade ids, worst first, for the comparisons of derived judgements.
Ranks = Mapping[str, tuple[str, ...]]


def normalize(
    node: Node,
    is_parameter: set[str] | frozenset[str] = frozenset(),
    ranks: Ranks | None = None,
    levels: Ranks | None = None,
    counted: set[str] | frozenset[str] = frozenset(),
    scales: Mapping[str, int] | None = None,
) -> Condition:
    """The engine's form of a *type-checked* condition: negation-free, each test ``field OP rhs``.

    Raises :class:`~judgement.lang.failures.MeaningFailure` for a comparison whose measures cancel out.

    Negations are pushed to the comparisons (``not a < b`` is ``a >= b``), which keeps the three-valued
    meaning of missing evidence: a test on a missing value is neither true nor false, and the engine,
    which treats it as false, fires a rule exactly when the condition is known to be true.

    A comparison of grades becomes comparisons of ranks (``ranks`` gives each area's grades, worst
    first): ``worst(a, b) <= x`` is ``grade(a) <= x or grade(b) <= x``, and ``count(a, b, c == x) >= 2``
    is "all of some two of them", which keep the same three-valued meaning when an area is not judged.
    A level's word is its rank on the measure's words (``levels``). A comparison that reads a measure
    whose value may be a count out of a sample (``counted``: an exact fraction such as 700/23) is never
    left to the engine's doubles (:attr:`Test.direct` is false).
    """
    context = _Context(frozenset(is_parameter), ranks or {}, levels or {}, frozenset(counted), scales or {})
    return _nnf(node, negate=False, ctx=context)


@frozen
class _Context:
    params: frozenset[str]
    ranks: Ranks
    levels: Ranks
    counted: frozenset[str]
    scales: Mapping[str, int]  # a rate's scale for significance: 100 (percent) or 10,000 (per 10,000)


def _nnf(node: Node, *, negate: bool, ctx: _Context) -> Condition:
    if isinstance(node, Not):
        return _nnf(node.operand, negate=not negate, ctx=ctx)
    if isinstance(node, AndNode | Or):
        items = tuple(_nnf(item, negate=negate, ctx=ctx) for item in node.items)
        conjunction = isinstance(node, AndNode) != negate
        return AllOf(items) if conjunction else AnyOf(items)
    if isinstance(node, Compare):
        op = NEGATE[node.op] if negate else node.op
        graded = (GradeOf, Spread, Count)
        if isinstance(node.left, graded) or isinstance(node.right, graded):
            return _graded(node, op, ctx.ranks)
        if ctx.levels:
            node = _words_as_ranks(node, ctx.levels)
        return _isolate(node, op, ctx.params, ctx.counted)
    if isinstance(node, Signif):
        above = node.direction == "above"
        op = (">" if above else "<") if not negate else ("<=" if above else ">=")
        limit = Limit(
            Field(node.measure, node.comparator),
            Field(node.measure, "n"),
            Const(Fraction(CONFIDENCE[node.level])),
            1 if above else -1,
            ctx.scales.get(node.measure, 100),
            node.level,
        )
        return Test(Field(node.measure), op, limit, node.loc, unparse(node))
    if isinstance(node, Ref):  # a bare flag: true when it is 1
        return _isolate(Compare("==", node, Num(1, node.loc), node.loc), "!=" if negate else "==", ctx.params)
    raise TypeError(f"not a condition: {node!r}")  # the type checker rejects this before normalize


def _words_as_ranks(node: Compare, levels: Ranks) -> Compare:
    """``level >= usually`` with the word as its rank on the measure's words (printed as the word)."""
    for side, other in ((node.left, node.right), (node.right, node.left)):
        if isinstance(side, Ref) and side.attr is None and side.name in levels:
            words = levels[side.name]
            if isinstance(other, Ref) and other.attr is None and other.name not in levels and other.name in words:
                word = Word(words.index(other.name), other.loc, other.name)
                return attrs.evolve(node, left=word) if other is node.left else attrs.evolve(node, right=word)
    return node


def _graded(node: Compare, op: str, ranks: Ranks) -> Condition:
    """A comparison with a grade (or a count of grades) as comparisons of ranks."""
    left, right = node.left, node.right
    if not isinstance(left, GradeOf | Spread | Count):
        left, right, op = right, left, FLIP[op]
    source = unparse(node)

    def test(area: str, test_op: str, grade: Node) -> Test:
        rhs: Expr
        if isinstance(grade, GradeOf):
            rhs = Field(grade.area, grade=True)
        else:
            assert isinstance(grade, Ref)
            rhs = Const(ranks[area].index(grade.name), grade.name)
        return Test(Field(area, grade=True), test_op, rhs, node.loc, source)

    if isinstance(left, GradeOf):
        return test(left.area, op, right)
    if isinstance(left, Spread):
        return _spread(left, op, right, test)
    assert isinstance(left, Count)
    return _count(node, left, op, right, test, source)


def _spread(left: Spread, op: str, right: Node, test: Callable[[str, str, Node], Test]) -> Condition:
    """``worst(...)`` or ``best(...)`` compared with a grade, as comparisons of each area's rank."""
    # worst(...) is below a grade when any area is; best(...) when every one is; and the mirror.
    any_one = op in ("<", "<=") if left.kind == "worst" else op in (">", ">=")
    each = [test(a, op, right) for a in left.areas]
    if op in ("<", "<=", ">", ">="):
        return _one(AnyOf(tuple(each))) if any_one else _one(AllOf(tuple(each)))
    within = ">=" if left.kind == "worst" else "<="  # every area on the far side of the grade
    beyond = "<" if left.kind == "worst" else ">"
    if op == "==":
        return AllOf((*(test(a, within, right) for a in left.areas), AnyOf(tuple(each))))
    return AnyOf(
        (
            *(test(a, beyond, right) for a in left.areas),
            AllOf(tuple(test(a, NEGATE[beyond], right) for a in left.areas)),
        )
    )


def _count(
    node: Compare, left: Count, op: str, right: Node, test: Callable[[str, str, Node], Test], source: str
) -> Condition:
    """``count(...)`` of areas at a grade compared with a number, as "at least m hold" of their ranks."""
    assert isinstance(right, Num)
    assert isinstance(right.value, int)
    k, n = right.value, len(left.areas)
    yes = [test(a, left.op, left.grade) for a in left.areas]
    no = [test(a, NEGATE[left.op], left.grade) for a in left.areas]
    # "At least m hold", for m in 1..n; "at most j hold" is "at least n - j fail", which keeps the
    # three-valued meaning (an area not judged neither holds nor fails).
    least = {">=": k, ">": k + 1}.get(op)
    most = {"<=": k, "<": k - 1}.get(op)
    parts: list[Condition] = []
    if op in ("==", "!="):
        if 0 <= k <= n:
            low, high = (k, k) if op == "==" else (k + 1, k - 1)
            if 1 <= low <= n:
                parts.append(_at_least(low, yes))
            if 0 <= high < n:
                parts.append(_at_least(n - high, no))
    elif least is not None and 1 <= least <= n:
        parts.append(_at_least(least, yes))
    elif most is not None and 0 <= most < n:
        parts.append(_at_least(n - most, no))
    if not parts:
        raise MeaningFailure(
            Problem(
                f"comparison '{source}' does not depend on the grades ({n} area{'s' if n != 1 else ''} counted)",
                node.loc,
                expected=f"a count between 0 and {n} whose outcome depends on the grades",
                code="condition.no-measure",
            )
        )
    if len(parts) == 1:
        return parts[0]
    return AllOf(tuple(parts)) if op == "==" else AnyOf(tuple(parts))


def _at_least(m: int, items: list[Test]) -> Condition:
    """At least ``m`` of the comparisons hold: every one of some ``m`` of them."""
    if m == len(items):
        return _one(AllOf(tuple(items)))
    if m == 1:
        return _one(AnyOf(tuple(items)))
    return AnyOf(tuple(_one(AllOf(combo)) for combo in itertools.combinations(items, m)))


def _one(cond: AllOf | AnyOf) -> Condition:
    return cond.items[0] if len(cond.items) == 1 else cond


def _terminates(denominator: int) -> bool:
    """Whether 1/denominator has a finite decimal expansion (only 2s and 5s divide it)."""
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def to_expr(node: Node, params: set[str] | frozenset[str] = frozenset()) -> Expr:
    """A value sub-tree as a normal-form expression (constants folded)."""
    if isinstance(node, Word):
        return Const(node.value, node.word)
    if isinstance(node, Num):
        return Const(node.value)
    if isinstance(node, Bool):
        return Const(1 if node.value else 0)
    if isinstance(node, Ref):
        return Field(node.name, node.attr, node.name in params)
    if isinstance(node, Neg):
        inner = to_expr(node.operand, params)
        if isinstance(inner, Const):
            return Const(-inner.value)
        return Arith("*", inner, Const(-1))
    if isinstance(node, BinOp):
        left, right = to_expr(node.left, params), to_expr(node.right, params)
        if isinstance(left, Const) and isinstance(right, Const):
            return Const(apply(node.op, left.value, right.value))
        return Arith(node.op, left, right)
    raise TypeError(f"not a value: {node!r}")


def _isolate(node: Compare, op: str, params: set[str] | frozenset[str], counted: frozenset[str] = frozenset()) -> Test:
    left = to_expr(node.left, params)
    right = to_expr(node.right, params)
    source = unparse(node)
    written = tuple(dict.fromkeys((*fields(left), *fields(right))))
    exact = any(f.name in counted and f.attr is None and f.measure for f in written)
    if isinstance(left, Field) and left not in set(fields(right)):
        return Test(left, op, right, node.loc, source, exact=exact)
    if isinstance(right, Field) and right not in set(fields(left)):
        return Test(right, FLIP[op], left, node.loc, source, exact=exact)
    # General linear case: move everything to one side and solve for the first field.
    coefficients, constant = _linear(Arith("-", left, right))
    target = next((f for f, c in coefficients.items() if c != 0), None)
    if target is None:  # the measures cancel out: "a < a", "a - a > 1"
        raise MeaningFailure(
            Problem(
                f"comparison '{source}' does not depend on any measure (the measures cancel out)",
                node.loc,
                expected="a comparison whose outcome depends on the evidence",
                code="condition.no-measure",
            )
        )
    coefficient = coefficients.pop(target)
    rhs: Expr = Const(Fraction(-constant) / coefficient) if constant else Const(0)
    for other, c in coefficients.items():
        if c == 0:
            continue
        scale = Fraction(-c) / coefficient
        term = other if scale == 1 else Arith("*", other, Const(scale))
        rhs = term if rhs == Const(0) else Arith("+", rhs, term)
    kept = {target, *fields(rhs)}
    extra = tuple(f for f in written if f not in kept)
    return Test(target, op if coefficient > 0 else FLIP[op], rhs, node.loc, source, extra, exact=exact)


def _linear(expr: Expr) -> tuple[dict[Field, Exact], Exact]:
    """``expr`` as coefficients of its fields and a constant, exactly."""
    if isinstance(expr, Const):
        return {}, expr.value
    if isinstance(expr, Field):
        return {expr: 1}, 0
    assert isinstance(expr, Arith)  # _linear sees only what the parser makes of arithmetic
    lc, lk = _linear(expr.left)
    rc, rk = _linear(expr.right)
    if expr.op in "+-":
        sign = 1 if expr.op == "+" else -1
        merged = dict(lc)
        for f, c in rc.items():
            merged[f] = merged.get(f, 0) + sign * c
        return merged, lk + sign * rk
    if expr.op == "*":
        if not lc:
            return {f: c * lk for f, c in rc.items()}, lk * rk
        return {f: c * rk for f, c in lc.items()}, lk * rk
    return {f: Fraction(c) / rk for f, c in lc.items()}, Fraction(lk) / rk
