"""Numbers from the outside world, converted once at the boundary.

Evidence may arrive as any real number a Python program holds: ``int``, ``float``, ``bool``, NumPy's
``int64``/``float64``/``bool_``, ``decimal.Decimal`` or ``fractions.Fraction``. The model keeps only
``bool``, ``int`` and ``float``: whole values of integer types stay ``int``; everything else becomes the
nearest ``float`` (a ``Decimal`` such as ``78.4`` becomes the float written ``78.4``). Text is never a
number here: quoted numbers are refused by validation, with a hint.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["FLOAT_TEXT", "INT_TEXT", "as_real", "inexact", "is_real", "number_from_text", "value_from_text"]

#: How a whole number is written: ASCII digits only (no other scripts' digits, no underscores).
INT_TEXT = re.compile(r"[-+]?[0-9]+", re.ASCII)
#: How a number with a fraction or an exponent is written (``78.4``, ``.5``, ``1e-05``), ASCII only.
FLOAT_TEXT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)


def number_from_text(text: str) -> int | float | None:
    """The number ``text`` writes, or None: the one reading of numbers in cells, arguments and tagged YAML.
    Python's ``int`` and ``float`` would also read ``8_5``, ``৪0`` and fullwidth digits; these do not.
    Raises ``ValueError`` for a number a float would change (:func:`inexact`)."""
    if INT_TEXT.fullmatch(text):
        return int(text)
    if FLOAT_TEXT.fullmatch(text):
        number = float(text)
        problem = inexact(text, number)
        if problem:
            raise ValueError(problem)
        return number
    return None


def inexact(text: str, number: float) -> str | None:
    """What is wrong when the float read from ``text`` is not the number it writes (``70.000000000000001``
    becomes 70, ``1e-400`` becomes 0): a number is read as written or refused, never changed."""
    shortest = repr(number)
    if text == shortest or not math.isfinite(number) or Decimal(text) == Decimal(shortest):
        return None  # the common case first: a figure written as its float prints ("78.4")
    return (
        f"{text} cannot be held exactly (it would be read as {number!r}): "
        "write it with at most 15 significant digits, within 1e-300 to 1e300"
    )


def value_from_text(text: str) -> bool | int | float | str:
    """Text typed by a person (a spreadsheet cell, ``--set MEASURE=VALUE``) as a case file would hold it:
    ``true``/``false`` in any case, a number, or the text itself (for validation to refuse, with a hint).
    Raises ``ValueError`` for a number a float would change (:func:`inexact`)."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    number = number_from_text(text)
    return text if number is None else number


def _is_numpy_bool(value: Any) -> bool:
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in ("bool_", "bool")


def is_real(value: Any) -> bool:
    """Whether ``value`` is a real number (or a yes/no value) a program might pass as evidence."""
    return isinstance(value, bool | numbers.Real) or _is_numpy_bool(value)


def as_real(value: Any) -> Any:
    """``value`` as ``bool``, ``int`` or ``float`` when it is a real number; anything else unchanged
    (validation then says what is wrong with it)."""
    kind = type(value)
    if kind is int or kind is float or kind is bool:
        return value
    if isinstance(value, bool) or _is_numpy_bool(value):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):  # written without a fraction ("80") it is whole, as in a case file
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else float(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value
