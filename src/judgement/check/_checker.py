"""Reading one document's values while collecting problems: the shared helpers of every checker."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from judgement._attrs import define
from judgement._numbers import as_real, is_real
from judgement._text import text_problem
from judgement.errors import Problem, suggest
from judgement.read.documents import Document

__all__ = ["ID", "MAX_NAME", "RULE_ID", "Checker", "DocPath", "kind", "number_problem"]

DocPath = tuple[str | int, ...]

#: Measure, area, parameter and evidence names: lower case, digits and single underscores (matched whole,
#: with ``fullmatch``).
ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
#: Rule, case and rulebook ids may also hold dots and hyphens.
RULE_ID = re.compile(r"[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*")
#: Names the language or the engine keeps for itself.
RESERVED = frozenset({"id", "sid", "and", "or", "not", "true", "false", "case"})
#: Longest name accepted.
MAX_NAME = 64


def kind(value: Any) -> str:
    """How a value is described in a message: ``text 'abc'``, ``the number 3``, ``a list``..."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


def number_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a number (any real number a program holds), or None."""
    kind_of = type(value)
    if kind_of is int or kind_of is float:  # the common case, checked on every judgement
        if kind_of is float and not math.isfinite(value):
            return f"must be finite, not {value}"
        return f"is too large ({value}); numbers must be below 2^53" if abs(value) >= 2**53 else None
    if isinstance(value, bool) or not is_real(value):
        return f"must be a number, not {kind(value)}"
    number = as_real(value)
    if isinstance(number, bool):
        return f"must be a number, not {kind(number)}"
    if isinstance(number, float) and not math.isfinite(number):
        return f"must be finite, not {number}"
    if abs(number) >= 2**53:
        return f"is too large ({number}); numbers must be below 2^53"
    return None


@define
class Checker:
    """Collects problems while reading one document."""

    doc: Document
    problems: list[Problem]

    def problem(
        self,
        path: DocPath,
        message: str,
        expected: str | None = None,
        hint: str | None = None,
        *,
        code: str,
        key: bool = False,
    ) -> None:
        self.problems.append(Problem(message, self.doc.loc(path, key=key), expected, hint, code=code))

    def mapping(self, path: DocPath, value: Any, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(
                path, f"{what} must be a mapping, not {kind(value)}", "key: value pairs", code="data.not-mapping"
            )
            return None
        return value

    def entries(
        self, path: DocPath, items: list[Any], what: str, allowed: Iterable[str], required: Iterable[str]
    ) -> Iterator[tuple[DocPath, dict[str, Any]]]:
        """Each item of a list that is a mapping, with its path, its keys checked (others are problems)."""
        allowed, required = tuple(allowed), tuple(required)
        for i, item in enumerate(items):
            entry = self.mapping((*path, i), item, what)
            if entry is not None:
                self.keys((*path, i), entry, allowed, required, what)
                yield (*path, i), entry

    def keys(
        self, path: DocPath, data: Mapping[str, Any], allowed: Iterable[str], required: Iterable[str], what: str
    ) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    f"unknown key {key!r} in {what}",
                    "one of " + ", ".join(allowed),
                    suggest(key, allowed),
                    key=True,
                    code="data.unknown-key",
                )
        for key in required:
            if key not in data:
                self.problem(path, f"{what} is missing {key!r}", f"a {key!r} entry", code="data.missing-key")

    def text(self, path: DocPath, value: Any, what: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.problem(path, f"{what} must be text, not {kind(value)}", "text", code="data.not-text")
            return ""
        if required and not value.strip():
            self.problem(path, f"{what} is blank", "text that is not blank", code="data.not-text")
            return ""
        return self.safe(path, value, what)

    def safe(self, path: DocPath, value: str, what: str) -> str:
        """``value`` if it is safe to put in output (see :mod:`judgement._text`), else a problem and ""."""
        unsafe = text_problem(value)
        if unsafe:
            self.problem(path, f"{what} {unsafe}", "printable text", code="input.control-character")
            return ""
        return value

    def ident(self, path: DocPath, value: Any, what: str, pattern: re.Pattern[str] = ID) -> str:
        if (
            not isinstance(value, str)
            or not pattern.fullmatch(value)  # fullmatch: "$" would let a trailing newline through
            or "__" in value
            or value in RESERVED
            or len(value) > MAX_NAME
        ):
            self.problem(
                path,
                f"{what} {value!r} is not a valid name",
                "lower-case letters, digits and single underscores, starting with a letter, "
                f"at most {MAX_NAME} characters" + (" (dots and hyphens allowed)" if pattern is RULE_ID else ""),
                code="data.bad-name",
            )
            return value if isinstance(value, str) else ""
        return value

    def date(self, path: DocPath, value: Any, what: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(
            path, f"{what} must be a date, not {kind(value)}", "a date such as 2010-07-13", code="data.not-date"
        )
        return None

    def number(self, path: DocPath, value: Any, what: str) -> float | int | None:
        problem = number_problem(value)
        if problem:
            self.problem(path, f"{what} {problem}", "a finite number", code="data.not-number")
            return None
        number: float | int = as_real(value)
        return number

    def enum(self, path: DocPath, value: Any, enum_type: Any, what: str) -> Any:
        names = [m.value for m in enum_type]
        if value not in names:
            self.problem(
                path,
                f"{what} {value!r} is not known",
                "one of " + ", ".join(names),
                suggest(str(value), names),
                code="data.unknown-choice",
            )
            return None
        return enum_type(value)
