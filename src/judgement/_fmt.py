"""How numbers, lists of words and file paths are written for people: one owner for each."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

__all__ = ["display_path", "format_value", "join_words", "json_text", "long_date", "number_literal", "working_folder"]


def format_value(value: float | int | bool | str | None) -> str:
    """A number as people write it: no exponent, no trailing zeros, at most six decimals (a level's
    word, already text, as it is)."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def number_literal(value: float | int | Fraction) -> str:
    """A number as the condition language reads it back exactly: an ``int`` as digits, a float as its
    shortest round-trip form, a :class:`~fractions.Fraction` with a finite decimal expansion as that
    decimal (no exponent). A fraction without one (1/3) has no literal: the printer writes a division."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        digits = 0
        scaled = value
        while scaled.denominator != 1:
            scaled *= 10
            digits += 1
            if digits > 400:
                raise ValueError(f"{value} has no finite decimal form")
        sign = "-" if scaled < 0 else ""
        whole = str(abs(scaled.numerator)).rjust(digits + 1, "0")
        return f"{sign}{whole[:-digits]}.{whole[-digits:]}"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value)) + ".0"
    return repr(value)


def join_words(items: Sequence[str], word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def working_folder() -> Path | None:
    """The working folder, or None when it has been deleted since the process entered it (paths are then
    shown whole, and a relative path names nothing)."""
    try:
        return Path.cwd()
    except OSError:
        return None


def display_path(path: str | Path, *, labels: Sequence[tuple[Path, str]] = ()) -> str:
    """A path as it should appear in messages and output, never machine-specific: a relative path as
    given; an absolute one relative to the working directory, or under its label when it lies in a
    labelled folder (the shipped rulebooks) outside the working directory or inside an installed package."""
    candidate = Path(path)
    if not candidate.is_absolute():
        return str(path)
    here = working_folder()
    try:
        relative = Path(os.path.relpath(candidate, here)) if here is not None else None
    except ValueError:  # another drive
        relative = None
    outside = relative is None or relative.parts[:1] == ("..",) or "site-packages" in relative.parts
    if outside:
        for folder, label in labels:
            if candidate.is_relative_to(folder):
                return f"{label}/{candidate.relative_to(folder).as_posix()}"
    return relative.as_posix() if relative is not None else candidate.as_posix()


def json_text(data: Any, *, indent: int | None = 2, compact: bool = False) -> str:
    """JSON as judgement writes it: UTF-8 text as it is, and never ``NaN`` or ``Infinity`` (which JSON does
    not have: a value like that is a bug, and raises instead of producing a file other tools refuse)."""
    if compact:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)


def long_date(day: dt.date) -> str:
    """A date as a letter writes it: 1 January 2023."""
    return f"{day.day} {day:%B %Y}"
