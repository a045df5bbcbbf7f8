"""The condition language: tokenizer, parser, syntax tree, and the normal form the engine runs.

A condition is text such as ``ia_in_timescale < ia_in_timescale.england - 10 or ca_in_timescale < 65``.
The grammar, loosest binding first::

    condition  := disjunct ("or" disjunct)*
    disjunct   := negation ("and" negation)*
    negation   := "not" negation | comparison
    comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER | "true" | "false" | NAME ("." ATTRIBUTE)? | "(" condition ")"

The parser is a hand-written recursive descent over a token list: no ``eval``, no Python syntax, no
calls, no subscripts. Every node keeps its :class:`~judgement.source.Location` so that errors and trace
steps point back into the rule file.

:func:`normalize` turns a checked tree into the form both the engine and the reference evaluator run:
negations pushed down to comparisons, and every comparison written as ``field OP expression`` with a
single field on the left (that is the only shape durable_rules compares reliably).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import attrs

from judgement.errors import Problem
from judgement.source import Location

__all__ = [
    "ATTRIBUTES",
    "MAX_EXPRESSION_DEPTH",
    "MAX_EXPRESSION_HEIGHT",
    "MAX_EXPRESSION_LENGTH",
    "AllOf",
    "And",
    "AnyOf",
    "Arith",
    "BinOp",
    "Bool",
    "Compare",
    "Condition",
    "Const",
    "Expr",
    "Field",
    "Neg",
    "Node",
    "Not",
    "Num",
    "Or",
    "ParseFailure",
    "Ref",
    "Test",
    "field_name",
    "fields",
    "height",
    "normalize",
    "parse",
    "refs",
    "tests",
]

#: Longest condition accepted, in characters.
MAX_EXPRESSION_LENGTH = 2000
#: Deepest nesting of parentheses, ``not`` and unary minus accepted.
MAX_EXPRESSION_DEPTH = 40
#: Tallest syntax tree accepted (a sum of 100 terms is 100 tall); keeps every later pass far from
#: Python's recursion limit.
MAX_EXPRESSION_HEIGHT = 100
#: The comparator attributes a measure reference may carry.
ATTRIBUTES = ("england", "neighbours", "n")

COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_KEYWORDS = ("and", "or", "not", "true", "false")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|\.)
    """,
    re.VERBOSE,
)


# ----------------------------------------------------------------------------------------------- nodes


@attrs.frozen
class Num:
    value: float | int
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class Bool:
    value: bool
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class Ref:
    """A measure (``ia_in_timescale``), a comparator (``ia_in_timescale.england``) or a parameter."""

    name: str
    attr: str | None
    loc: Location = attrs.field(eq=False)

    @property
    def text(self) -> str:
        return f"{self.name}.{self.attr}" if self.attr else self.name


@attrs.frozen
class Neg:
    operand: Node
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class BinOp:
    op: str
    left: Node
    right: Node
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class Compare:
    op: str
    left: Node
    right: Node
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class And:
    items: tuple[Node, ...]
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class Or:
    items: tuple[Node, ...]
    loc: Location = attrs.field(eq=False)


@attrs.frozen
class Not:
    operand: Node
    loc: Location = attrs.field(eq=False)


Node = Num | Bool | Ref | Neg | BinOp | Compare | And | Or | Not


# --------------------------------------------------------------------------------------- normal form


@attrs.frozen
class Field:
    """A value the engine reads from the case fact: a measure's value, a comparator, or a parameter."""

    name: str
    attr: str | None = None
    parameter: bool = False
    #: The flat field name in the engine's fact (computed once; read on every judgement).
    key: str = attrs.field(init=False, eq=False, repr=False)
    #: How the value is written in a rule.
    text: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", field_name(self.name, self.attr, parameter=self.parameter))
        object.__setattr__(self, "text", f"{self.name}.{self.attr}" if self.attr else self.name)


@attrs.frozen
class Const:
    value: float | int


@attrs.frozen
class Arith:
    op: str  # one of + - * /
    left: Expr
    right: Expr


Expr = Field | Const | Arith


@attrs.frozen
class Test:
    """``field OP rhs``: one comparison in normal form, with the source comparison it came from."""

    __test__ = False  # not a pytest test class

    field: Field
    op: str
    rhs: Expr
    origin: Location = attrs.field(eq=False)
    source: str = attrs.field(eq=False, default="")


@attrs.frozen
class AllOf:
    items: tuple[Condition, ...]


@attrs.frozen
class AnyOf:
    items: tuple[Condition, ...]


Condition = Test | AllOf | AnyOf


def field_name(name: str, attr: str | None = None, *, parameter: bool = False) -> str:
    """The flat field name of a value in the engine's fact (measure ids never contain ``__``)."""
    if parameter:
        return f"p__{name}"
    return f"{name}__{attr}" if attr else name


# -------------------------------------------------------------------------------------------- parser


class ParseFailure(Exception):
    """Raised inside the parser; turned into a located :class:`~judgement.errors.Problem`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@attrs.frozen
class _Token:
    kind: str  # number, name, op, end
    text: str
    offset: int


def _tokenize(text: str, at: Location) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ParseFailure(
                Problem(
                    f"unexpected character {text[pos]!r} in condition",
                    at.shifted(pos),
                    expected="a number, a measure name, a comparison, 'and', 'or', 'not' or parentheses",
                )
            )
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, at: Location) -> None:
        self.text = text
        self.at = at
        self.tokens = _tokenize(text, at)
        self.pos = 0
        self.depth = 0

    # helpers
    def loc(self, token: _Token) -> Location:
        return self.at.shifted(token.offset, len(token.text))

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at_word(self, word: str) -> bool:
        token = self.peek()
        return token.kind == "name" and token.text == word

    def fail(self, token: _Token, message: str, expected: str) -> ParseFailure:
        return ParseFailure(Problem(message, self.loc(token), expected=expected))

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_EXPRESSION_DEPTH:
            raise self.fail(
                token,
                f"condition is nested more than {MAX_EXPRESSION_DEPTH} levels deep",
                "a flatter condition (split it into several rules)",
            )

    # grammar
    def parse(self) -> Node:
        node = self.condition()
        token = self.peek()
        if token.kind != "end":
            raise self.fail(token, f"unexpected {token.text!r} after a complete condition", "'and', 'or' or the end")
        return node

    def condition(self) -> Node:
        first = self.peek()
        items = [self.disjunct()]
        while self.at_word("or"):
            self.take()
            items.append(self.disjunct())
        return items[0] if len(items) == 1 else Or(tuple(items), self.loc(first))

    def disjunct(self) -> Node:
        first = self.peek()
        items = [self.negation()]
        while self.at_word("and"):
            self.take()
            items.append(self.negation())
        return items[0] if len(items) == 1 else And(tuple(items), self.loc(first))

    def negation(self) -> Node:
        if self.at_word("not"):
            token = self.take()
            self.enter(token)
            operand = self.negation()
            self.depth -= 1
            return Not(operand, self.loc(token))
        return self.comparison()

    def comparison(self) -> Node:
        left = self.sum()
        token = self.peek()
        if token.kind == "op" and token.text in COMPARISONS:
            self.take()
            right = self.sum()
            after = self.peek()
            if after.kind == "op" and after.text in COMPARISONS:
                raise self.fail(
                    after,
                    "comparisons cannot be chained",
                    "one comparison; join two with 'and' (a < b and b < c)",
                )
            return Compare(token.text, left, right, self.loc(token))
        return left

    def sum(self) -> Node:
        node = self.product()
        while self.peek().kind == "op" and self.peek().text in "+-":
            token = self.take()
            node = BinOp(token.text, node, self.product(), self.loc(token))
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            token = self.take()
            node = BinOp(token.text, node, self.unary(), self.loc(token))
        return node

    def unary(self) -> Node:
        token = self.peek()
        if token.kind == "op" and token.text == "-":
            self.take()
            self.enter(token)
            operand = self.unary()
            self.depth -= 1
            return Neg(operand, self.loc(token))
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Num(_number(token.text, self.loc(token)), self.loc(token))
        if token.kind == "name":
            if token.text in ("true", "false"):
                return Bool(token.text == "true", self.loc(token))
            if token.text in _KEYWORDS:
                raise self.fail(token, f"'{token.text}' cannot start a value", "a number or a measure name")
            after = self.peek()
            if after.kind == "op" and after.text == "(":
                raise self.fail(
                    after,
                    f"'{token.text}(' looks like a function call; conditions have no calls",
                    "a comparison such as 'measure >= 80'",
                )
            attr = None
            if self.peek().kind == "op" and self.peek().text == ".":
                self.take()
                name_token = self.take()
                if name_token.kind != "name":
                    raise self.fail(
                        name_token,
                        f"expected a comparator after '{token.text}.'",
                        ", ".join(f"'.{a}'" for a in ATTRIBUTES),
                    )
                attr = name_token.text
                if self.peek().kind == "op" and self.peek().text == ".":
                    raise self.fail(self.peek(), "only one '.attribute' may follow a name", "a single comparator")
                span = name_token.offset + len(name_token.text) - token.offset
                return Ref(token.text, attr, self.at.shifted(token.offset, span))
            return Ref(token.text, attr, self.loc(token))
        if token.kind == "op" and token.text == "(":
            self.enter(token)
            node = self.condition()
            self.depth -= 1
            closing = self.take()
            if closing.kind != "op" or closing.text != ")":
                raise self.fail(closing, "unclosed '('", "')'")
            return node
        if token.kind == "end":
            raise self.fail(token, "condition ends too early", "a number, a measure name or '('")
        raise self.fail(token, f"unexpected {token.text!r}", "a number, a measure name or '('")


def _number(text: str, loc: Location) -> float | int:
    if re.fullmatch(r"\d+", text):
        value: float | int = int(text)
        if abs(value) >= 2**53:
            raise ParseFailure(Problem(f"number {text} is too large", loc, expected="a number below 2^53"))
        return value
    number = float(text)
    if not math.isfinite(number):
        raise ParseFailure(Problem(f"number {text} is out of range", loc, expected="a finite number"))
    return number


def parse(text: str, at: Location) -> Node:
    """Parse a condition. Raises :class:`ParseFailure` with a located problem."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ParseFailure(
            Problem(
                f"condition is {len(text)} characters long",
                at,
                expected=f"at most {MAX_EXPRESSION_LENGTH} characters",
            )
        )
    if not text.strip():
        raise ParseFailure(Problem("condition is empty", at, expected="a condition such as 'measure >= 80'"))
    node = _Parser(text, at).parse()
    if height(node) > MAX_EXPRESSION_HEIGHT:
        raise ParseFailure(
            Problem(
                f"condition is more than {MAX_EXPRESSION_HEIGHT} operations deep",
                at,
                expected="a shorter condition (split it into several rules)",
            )
        )
    return node


def _children(node: Node) -> tuple[Node, ...]:
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
        stack.extend((child, level + 1) for child in _children(current))
    return tallest


def refs(node: Node) -> Iterator[Ref]:
    """Every reference in a tree, in source order."""
    if isinstance(node, Ref):
        yield node
    elif isinstance(node, Neg | Not):
        yield from refs(node.operand)
    elif isinstance(node, BinOp | Compare):
        yield from refs(node.left)
        yield from refs(node.right)
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from refs(item)


def unparse(node: Node) -> str:
    """Source-like text of a tree, with only the parentheses precedence needs."""
    if isinstance(node, Num):
        return _num_text(node.value)
    if isinstance(node, Bool):
        return "true" if node.value else "false"
    if isinstance(node, Ref):
        return node.text
    if isinstance(node, Neg):
        return f"-{_wrap(node.operand, _prec(node))}"
    if isinstance(node, Not):
        return f"not {_wrap(node.operand, _prec(node))}"
    if isinstance(node, BinOp | Compare):
        tight = _prec(node) + (1 if isinstance(node, Compare) or node.op in "-/" else 0)
        return f"{_wrap(node.left, _prec(node))} {node.op} {_wrap(node.right, tight)}"
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
    if isinstance(node, Neg):
        return 7
    return 8


def _wrap(node: Node, at_least: int) -> str:
    text = unparse(node)
    return f"({text})" if _prec(node) < at_least else text


def _num_text(value: float | int) -> str:
    return str(value) if isinstance(value, int) else format(value, ".15g")


# -------------------------------------------------------------------------------------- normal form


def normalize(node: Node, is_parameter: set[str] | frozenset[str] = frozenset()) -> Condition:
    """The engine's form of a *type-checked* condition: negation-free, each test ``field OP rhs``.

    Raises :class:`ParseFailure` for a comparison whose measures cancel out.

    Negations are pushed to the comparisons (``not a < b`` is ``a >= b``), which keeps the three-valued
    meaning of missing evidence: a test on a missing value is neither true nor false, and the engine,
    which treats it as false, fires a rule exactly when the condition is known to be true.
    """
    return _nnf(node, negate=False, params=is_parameter)


def _nnf(node: Node, *, negate: bool, params: set[str] | frozenset[str]) -> Condition:
    if isinstance(node, Not):
        return _nnf(node.operand, negate=not negate, params=params)
    if isinstance(node, And | Or):
        items = tuple(_nnf(item, negate=negate, params=params) for item in node.items)
        conjunction = isinstance(node, And) != negate
        return AllOf(items) if conjunction else AnyOf(items)
    if isinstance(node, Compare):
        op = _NEGATE[node.op] if negate else node.op
        return _isolate(node, op, params)
    if isinstance(node, Ref):  # a bare flag: true when it is 1
        return _isolate(Compare("==", node, Num(1, node.loc), node.loc), "!=" if negate else "==", params)
    raise TypeError(f"not a condition: {node!r}")  # validation rejects this before normalize


def _to_expr(node: Node, params: set[str] | frozenset[str]) -> Expr:
    if isinstance(node, Num):
        return Const(node.value)
    if isinstance(node, Bool):
        return Const(1 if node.value else 0)
    if isinstance(node, Ref):
        return Field(node.name, node.attr, node.name in params)
    if isinstance(node, Neg):
        inner = _to_expr(node.operand, params)
        if isinstance(inner, Const):
            return Const(-inner.value)
        return Arith("*", inner, Const(-1))
    if isinstance(node, BinOp):
        return _fold(Arith(node.op, _to_expr(node.left, params), _to_expr(node.right, params)))
    raise TypeError(f"not a value: {node!r}")


def _fold(expr: Arith) -> Expr:
    if isinstance(expr.left, Const) and isinstance(expr.right, Const):
        return Const(_apply(expr.op, expr.left.value, expr.right.value))
    return expr


def _apply(op: str, left: float, right: float) -> float:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    return left / right


def fields(expr: Expr) -> Iterator[Field]:
    """Every field an expression reads, in order."""
    if isinstance(expr, Field):
        yield expr
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


def _isolate(node: Compare, op: str, params: set[str] | frozenset[str]) -> Test:
    left = _to_expr(node.left, params)
    right = _to_expr(node.right, params)
    source = unparse(node)
    if isinstance(left, Field) and left not in set(fields(right)):
        return Test(left, op, right, node.loc, source)
    if isinstance(right, Field) and right not in set(fields(left)):
        return Test(right, _FLIP[op], left, node.loc, source)
    # General linear case: move everything to one side and solve for the first field.
    coefficients, constant = _linear(Arith("-", left, right))
    target = next((f for f, c in coefficients.items() if c != 0), None)
    if target is None:  # the measures cancel out: "a < a", "a - a > 1"
        raise ParseFailure(
            Problem(
                f"comparison '{source}' does not depend on any measure (the measures cancel out)",
                node.loc,
                expected="a comparison whose outcome depends on the evidence",
            )
        )
    coefficient = coefficients.pop(target)
    rhs: Expr = Const(-constant / coefficient) if constant else Const(0)
    terms: list[Expr] = []
    for other, c in coefficients.items():
        if c == 0:
            continue
        scale = -c / coefficient
        terms.append(other if scale == 1 else Arith("*", other, Const(scale)))
    for term in terms:
        rhs = term if rhs == Const(0) else Arith("+", rhs, term)
    return Test(target, op if coefficient > 0 else _FLIP[op], rhs, node.loc, source)


def _linear(expr: Expr) -> tuple[dict[Field, float], float]:
    if isinstance(expr, Const):
        return {}, expr.value
    if isinstance(expr, Field):
        return {expr: 1.0}, 0.0
    lc, lk = _linear(expr.left)
    rc, rk = _linear(expr.right)
    if expr.op in "+-":
        sign = 1 if expr.op == "+" else -1
        merged = dict(lc)
        for f, c in rc.items():
            merged[f] = merged.get(f, 0.0) + sign * c
        return merged, lk + sign * rk
    if expr.op == "*":
        if not lc:
            return {f: c * lk for f, c in rc.items()}, lk * rk
        return {f: c * rk for f, c in lc.items()}, lk * rk
    return {f: c / rk for f, c in lc.items()}, lk / rk
