"""The condition language's parser: text to a syntax tree with positions, or a located problem.

A condition is text such as ``ia_in_timescale < ia_in_timescale.england - 10 or ca_in_timescale < 65``.
The grammar, loosest binding first::

    condition  := disjunct ("or" disjunct)*
    disjunct   := negation ("and" negation)*
    negation   := "not" negation | comparison
    comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER | "true" | "false" | NAME ("." ATTRIBUTE)? | "(" condition ")" | call | test
    test       := NAME "." ("significantly_above" | "significantly_below") "(" COMPARATOR ("," ("95" | "99.8"))? ")"
    call       := "grade" "(" AREA ")"
                | ("worst" | "best") "(" AREA ("," AREA)* ")"
                | "count" "(" AREA ("," AREA)* COMPARISON GRADE ")"

The parser is a hand-written recursive descent over a token list: no ``eval``, no Python syntax, no
subscripts, and no calls but the four functions of other areas' grades above. Every node keeps its
:class:`~judgement.source.Location` so that errors and trace steps point back into the rule file.
"""

from __future__ import annotations

import re
from fractions import Fraction

from judgement._attrs import frozen
from judgement._numbers import INT_TEXT
from judgement.errors import Problem
from judgement.lang.ast import (
    AGGREGATES,
    ATTRIBUTES,
    CENTRES,
    COMPARISONS,
    CONFIDENCE,
    SIGNIFICANCE,
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
    height,
)
from judgement.lang.failures import ConditionError, MeaningFailure, ParseFailure
from judgement.source import Location

__all__ = [
    "MAX_EXPRESSION_DEPTH",
    "MAX_EXPRESSION_HEIGHT",
    "MAX_EXPRESSION_LENGTH",
    "ConditionError",
    "MeaningFailure",
    "ParseFailure",
    "parse",
]

#: Longest condition accepted, in characters.
MAX_EXPRESSION_LENGTH = 2000
#: Deepest nesting of parentheses, ``not`` and unary minus accepted.
MAX_EXPRESSION_DEPTH = 40
#: Tallest syntax tree accepted (a sum of 100 terms is 100 tall); keeps every later pass far from
#: Python's recursion limit.
MAX_EXPRESSION_HEIGHT = 100

_KEYWORDS = ("and", "or", "not", "true", "false")
#: The functions a condition may call, all of them over other areas' grades.
FUNCTIONS = ("grade", *AGGREGATES, "count")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|\.|,)
    """,
    re.VERBOSE | re.ASCII,  # digits and letters are ASCII: "৪0" is not forty
)


# -------------------------------------------------------------------------------------------- parser


@frozen
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
                    code="condition.syntax",
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

    def fail(self, token: _Token, message: str, expected: str, code: str = "condition.syntax") -> ParseFailure:
        return ParseFailure(Problem(message, self.loc(token), expected=expected, code=code))

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_EXPRESSION_DEPTH:
            raise self.fail(
                token,
                f"condition is nested more than {MAX_EXPRESSION_DEPTH} levels deep",
                "a flatter condition (split it into several rules)",
                "condition.too-deep",
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
                if token.text in FUNCTIONS:
                    return self.call(token)
                raise self.fail(
                    after,
                    f"'{token.text}(' is not a function a condition can call",
                    "grade(area), worst(area, ...), best(area, ...) or count(area, ... == grade)",
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
                if attr in SIGNIFICANCE and self.peek().kind == "op" and self.peek().text == "(":
                    return self.significance(token, attr)
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

    def significance(self, measure: _Token, test: str) -> Node:
        """``measure.significantly_above(england)`` or ``(..., 99.8)``; the measure and test are taken."""
        self.take()  # "("
        comparator = self.take()
        if comparator.kind != "name" or comparator.text not in CENTRES:
            raise self.fail(comparator, f"{test}(...) compares with a comparator", " or ".join(CENTRES))
        level = "95"
        after = self.take()
        if after.kind == "op" and after.text == ",":
            number = self.take()
            if number.kind != "number" or number.text not in CONFIDENCE:
                raise self.fail(number, "the confidence of a significance test is 95 or 99.8", "95 or 99.8")
            level = number.text
            after = self.take()
        if after.kind != "op" or after.text != ")":
            raise self.fail(after, f"unclosed '{test}('", "')'")
        span = self.at.shifted(measure.offset, after.offset + 1 - measure.offset)
        return Signif(measure.text, test.rsplit("_", 1)[1], comparator.text, level, span)

    def call(self, name: _Token) -> Node:
        """``grade(a)``, ``worst(a, b)``, ``best(a, b)`` or ``count(a, b == g)``; ``name`` is taken."""
        self.take()  # "("
        areas: list[str] = []
        while True:
            token = self.take()
            if token.kind != "name" or token.text in _KEYWORDS:
                raise self.fail(token, f"expected an area id in {name.text}(...)", "an area id")
            areas.append(token.text)
            after = self.peek()
            if after.kind == "op" and after.text == ",":
                self.take()
                continue
            break

        def span(end: _Token) -> Location:
            return self.at.shifted(name.offset, end.offset + len(end.text) - name.offset)

        if name.text == "count":
            op = self.take()
            if op.kind != "op" or op.text not in COMPARISONS:
                raise self.fail(op, "count(...) compares each area's grade with a grade", "count(a, b == strength)")
            grade = self.take()
            if grade.kind != "name" or grade.text in _KEYWORDS:
                raise self.fail(grade, f"expected a grade after '{op.text}' in count(...)", "a grade id")
            closing = self.take()
            if closing.kind != "op" or closing.text != ")":
                raise self.fail(closing, "unclosed 'count('", "')'")
            return Count(tuple(areas), op.text, Ref(grade.text, None, self.loc(grade)), span(closing))
        closing = self.take()
        if closing.kind != "op" or closing.text != ")":
            raise self.fail(closing, f"unclosed '{name.text}('", "')' or ', area'")
        if name.text == "grade":
            if len(areas) != 1:
                raise self.fail(name, "grade(...) reads one area", "grade(area); worst(a, b) for several")
            return GradeOf(areas[0], span(closing))
        return Spread(name.text, tuple(areas), span(closing))


def _number(text: str, loc: Location) -> int | Fraction:
    """A number token as the exact value written: ``2.1`` is 21/10."""
    value: int | Fraction = int(text) if INT_TEXT.fullmatch(text) else Fraction(text)
    if isinstance(value, Fraction) and value.denominator == 1:
        value = value.numerator
    if not -(2**53) < value < 2**53:
        raise ParseFailure(
            Problem(f"number {text} is too large", loc, expected="a number below 2^53", code="condition.number")
        )
    return value


def parse(text: str, at: Location) -> Node:
    """Parse a condition. Raises :class:`ParseFailure` with a located problem."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ParseFailure(
            Problem(
                f"condition is {len(text)} characters long",
                at,
                expected=f"at most {MAX_EXPRESSION_LENGTH} characters",
                code="condition.too-long",
            )
        )
    if not text.strip():
        raise ParseFailure(
            Problem("condition is empty", at, expected="a condition such as 'measure >= 80'", code="condition.empty")
        )
    node = _Parser(text, at).parse()
    if height(node) > MAX_EXPRESSION_HEIGHT:
        raise ParseFailure(
            Problem(
                f"condition is more than {MAX_EXPRESSION_HEIGHT} operations deep",
                at,
                expected="a shorter condition (split it into several rules)",
                code="condition.too-tall",
            )
        )
    return node
