"""Numbers from the outside world, converted once at the boundary.

Evidence may arrive as any real number a Python program holds: ``int``, ``float``, ``bool``, NumPy's
``int64``/``float64``/``bool_``, ``decimal.Decimal`` or ``fractions.Fraction``. The model keeps only
``bool``, ``int`` and ``float``: whole values of integer types stay ``int``; everything else becomes the
nearest ``float`` (a ``Decimal`` such as ``78.4`` becomes the float written ``78.4``). Text is never a
number here: quoted numbers are refused by validation, with a hint.
"""

from __future__ import annotations

import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["as_real", "is_real"]


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
