"""The syntax tree of a condition, as written: every node keeps its :class:`~judgement.source.Location`
(``eq=False``, so two trees compare by structure alone)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import attrs

from judgement._attrs import frozen
from judgement.source import Location

__all__ = [
    "AGGREGATES",
    "ATTRIBUTES",
    "CENTRES",
    "COMPARATORS",
    "COMPARISONS",
    "CONFIDENCE",
    "SIGNIFICANCE",
    "And",
    "BinOp",
    "Bool",
    "Compare",
    "Count",
    "GradeOf",
    "Neg",
    "Node",
    "Not",
    "Num",
    "Or",
    "Ref",
    "Signif",
    "Spread",
    "Word",
    "children",
    "height",
    "refs",
]

#: What a measure's value is compared with: the England figure, the mean of similar areas (statistical
#: neighbours), the figure of the authority's region, and the authority's own figure three years before
#: (its direction of travel).
COMPARATORS = ("england", "neighbours", "region", "three_years_ago")
#: The comparators a significance test may put its funnel around: figures for other populations. The
#: authority's own earlier figure is not one (it shares the authority's chance variation).
CENTRES = ("england", "neighbours", "region")
#: Everything a measure reference may carry after a dot: its comparators, its sample size and, for a
#: count out of a sample, the count.
ATTRIBUTES = (*COMPARATORS, "n", "count")
#: The comparison operators.
COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")
#: The functions over several areas' grades: the worst and the best of them.
AGGREGATES = ("worst", "best")
#: Significance tests a rate with a denominator can make against a comparator, and their control limits:
#: the funnel-plot limits of Spiegelhalter (Stat Med 2005) by the normal approximation, z = 1.96 for
#: 95% and 3.09 for 99.8% (two-sided).
SIGNIFICANCE = ("significantly_above", "significantly_below")
CONFIDENCE = {"95": "1.96", "99.8": "3.09"}


@frozen
class Num:
    """A number as written: an ``int``, or the exact :class:`~fractions.Fraction` of a decimal."""

    value: int | Fraction
    loc: Location = attrs.field(eq=False)


@frozen
class Word(Num):
    """A word of an ordinal measure's vocabulary in a comparison, as its rank (made by the normaliser from a
    name the type checker resolved; the printer writes the word)."""

    word: str = ""


@frozen
class Bool:
    value: bool
    loc: Location = attrs.field(eq=False)


@frozen
class Ref:
    """A measure (``ia_in_timescale``), a comparator (``ia_in_timescale.england``) or a parameter."""

    name: str
    attr: str | None
    loc: Location = attrs.field(eq=False)

    @property
    def text(self) -> str:
        return f"{self.name}.{self.attr}" if self.attr else self.name


@frozen
class Neg:
    operand: Node
    loc: Location = attrs.field(eq=False)


@frozen
class BinOp:
    op: str  # + - * /
    left: Node
    right: Node
    loc: Location = attrs.field(eq=False)


@frozen
class Compare:
    op: str  # one of COMPARISONS
    left: Node
    right: Node
    loc: Location = attrs.field(eq=False)


@frozen
class And:
    items: tuple[Node, ...]
    loc: Location = attrs.field(eq=False)


@frozen
class Or:
    items: tuple[Node, ...]
    loc: Location = attrs.field(eq=False)


@frozen
class Not:
    operand: Node
    loc: Location = attrs.field(eq=False)


@frozen
class GradeOf:
    """``grade(area)``: the grade another area was given (a derived judgement reads it)."""

    area: str
    loc: Location = attrs.field(eq=False)


@frozen
class Spread:
    """``worst(a, b, ...)`` or ``best(a, b, ...)``: the worst or best grade among several areas."""

    kind: str  # one of AGGREGATES
    areas: tuple[str, ...]
    loc: Location = attrs.field(eq=False)


@frozen
class Count:
    """``count(a, b, c == strength)``: how many of the areas have a grade that compares so."""

    areas: tuple[str, ...]
    op: str  # one of COMPARISONS
    grade: Ref  # the grade name compared with
    loc: Location = attrs.field(eq=False)


@frozen
class Signif:
    """``rate.significantly_above(england)`` (or ``_below``, optionally at ``99.8``): whether a rate with
    a denominator (``rate.n``) lies beyond the funnel-plot control limit around a comparator."""

    measure: str
    direction: str  # "above" or "below"
    comparator: str  # one of COMPARATORS
    level: str  # a key of CONFIDENCE
    loc: Location = attrs.field(eq=False)


Node = Num | Bool | Ref | Neg | BinOp | Compare | And | Or | Not | GradeOf | Spread | Count | Signif


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-trees of a node."""
    if isinstance(node, Neg | Not):
        return (node.operand,)
    if isinstance(node, BinOp | Compare):
        return (node.left, node.right)
    if isinstance(node, And | Or):
        return node.items
    return ()


def height(node: Node) -> int:
    """The height of a tree, computed without recursion (safe on any input)."""
    tallest = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        tallest = max(tallest, level)
        stack.extend((child, level + 1) for child in children(current))
    return tallest


def refs(node: Node) -> Iterator[Ref]:
    """Every reference in a tree, in source order."""
    if isinstance(node, Ref):
        yield node
    for child in children(node):
        yield from refs(child)
