"""The one printer of the condition language: a syntax tree as source text, with exactly the parentheses
precedence needs, and numbers written so they read back exactly. The normal form is printed through it
too (:func:`judgement.lang.normal.expr_text`), so every text the trace shows re-parses to what it means."""

from __future__ import annotations

from judgement._fmt import number_literal
from judgement.lang.ast import (
    And,
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

__all__ = ["grade_area", "grade_text", "unparse"]


def grade_text(area: str) -> str:
    """How a condition, a trace and a message write another area's grade: ``grade(area)``."""
    return f"grade({area})"


def grade_area(text: str) -> str | None:
    """The area of a :func:`grade_text`, or None when ``text`` is not one."""
    return text[6:-1] if text.startswith("grade(") and text.endswith(")") else None


def unparse(node: Node) -> str:
    """Source text of a tree: ``parse(unparse(t))`` gives ``t`` back (locations aside)."""
    if isinstance(node, Word):
        return node.word
    if isinstance(node, Num):
        return number_literal(node.value)
    if isinstance(node, Bool):
        return "true" if node.value else "false"
    if isinstance(node, Ref):
        return node.text
    if isinstance(node, GradeOf):
        return grade_text(node.area)
    if isinstance(node, Spread):
        return f"{node.kind}({', '.join(node.areas)})"
    if isinstance(node, Signif):
        level = "" if node.level == "95" else f", {node.level}"
        return f"{node.measure}.significantly_{node.direction}({node.comparator}{level})"
    if isinstance(node, Count):
        return f"count({', '.join(node.areas)} {node.op} {node.grade.text})"
    if isinstance(node, Neg):
        return f"-{_wrap(node.operand, _prec(node))}"
    if isinstance(node, Not):
        return f"not {_wrap(node.operand, _prec(node))}"
    if isinstance(node, BinOp | Compare):
        # The grammar is left-associative, so a right operand of equal precedence keeps its parentheses
        # (``a - (b - c)``, and ``a + (b + c)`` too: in floating point it need not equal ``a + b + c``);
        # comparisons do not chain, so neither side of one may be a comparison.
        left = _prec(node) + (1 if isinstance(node, Compare) else 0)
        return f"{_wrap(node.left, left)} {node.op} {_wrap(node.right, _prec(node) + 1)}"
    word = " and " if isinstance(node, And) else " or "
    return word.join(_wrap(item, _prec(node) + 1) for item in node.items)


def _prec(node: Node) -> int:
    if isinstance(node, Or):
        return 1
    if isinstance(node, And):
        return 2
    if isinstance(node, Not):
        return 3
    if isinstance(node, Compare):
        return 4
    if isinstance(node, BinOp):
        return 5 if node.op in "+-" else 6
    if isinstance(node, Neg) or (isinstance(node, Num) and node.value < 0):
        return 7
    return 8


def _wrap(node: Node, at_least: int) -> str:
    text = unparse(node)
    return f"({text})" if _prec(node) < at_least else text
