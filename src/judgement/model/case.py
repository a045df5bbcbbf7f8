"""Frozen case values: the evidence about one authority at one inspection, and a fixture's expectations.

Numbers are converted once, here, as the values are built: any real number a program holds (NumPy's
types, ``Decimal``, ``Fraction``) becomes ``int``, ``float`` or ``bool`` (see :mod:`judgement._numbers`).
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Iterator, KeysView, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import attrs

from judgement._attrs import frozen
from judgement._frozen import FrozenMap, freeze
from judgement._numbers import as_real
from judgement.errors import JudgementError
from judgement.lang.ast import ATTRIBUTES
from judgement.source import Location

__all__ = ["Case", "Evidence", "Expectation", "ExpectedError", "PlainEvidence", "canonical"]


#: What a case file writes of an evidence item besides its value, in order (read all at once).
_WRITTEN = (*ATTRIBUTES, "source", "period", "note")
_written = operator.attrgetter(*_WRITTEN)
#: Everything an evidence item holds but where it was written, in order, for :func:`canonical`.
_content = operator.attrgetter("value", *_WRITTEN, "illustrative")
#: And of a case.
_case_content = operator.attrgetter("id", "authority", "authority_code", "authority_number", "rulebook")
#: Written as ``count`` and ``of`` for a count out of a sample.
_OF_SAMPLE = ("n", "count")


def _optional_real(value: Any) -> Any:
    return None if value is None else as_real(value)


@frozen
class Evidence:
    """One measured fact about the authority, with its comparators and provenance."""

    measure: str
    value: float | int | bool | str = attrs.field(converter=as_real)  # a word for a level
    england: float | int | None = attrs.field(default=None, converter=_optional_real)
    neighbours: float | int | None = attrs.field(default=None, converter=_optional_real)
    #: The figure of the authority's region, for the same period.
    region: float | int | None = attrs.field(default=None, converter=_optional_real)
    #: The authority's own figure three years before (its direction of travel).
    three_years_ago: float | int | None = attrs.field(default=None, converter=_optional_real)
    n: int | None = attrs.field(default=None, converter=_optional_real)
    source: str | None = None
    period: str | None = None
    note: str | None = None
    illustrative: bool = False
    location: Location | None = attrs.field(default=None, eq=False, repr=False)
    #: A count out of a sample of ``n`` (``{count: 7, of: 23}``); ``value`` is then the percentage.
    count: int | None = attrs.field(default=None, converter=_optional_real)

    @property
    def exact_value(self) -> float | int | bool | str | Fraction:
        """The value as a rational when it is a count out of a sample (7 of 23 is exactly 700/23%)."""
        if self.count is not None and self.n:
            whole = Fraction(100 * self.count, self.n)
            return whole.numerator if whole.denominator == 1 else whole
        return self.value

    def get(self, attr: str | None) -> float | int | bool | str | None:
        """The value (``attr`` None) or one of its comparators."""
        if attr is None:
            return self.value
        value: float | int | bool | None = getattr(self, attr)
        return value

    def to_dict(self) -> dict[str, Any]:
        """The evidence as a case file writes it (a count out of a sample as ``count`` and ``of``)."""
        written = zip(_WRITTEN, _written(self), strict=True)
        if self.count is None:
            data: dict[str, Any] = {"value": self.value}
            data.update({key: value for key, value in written if value is not None})
        else:
            data = {"count": self.count, "of": self.n}
            data.update({key: value for key, value in written if value is not None and key not in _OF_SAMPLE})
        if self.illustrative:
            data["illustrative"] = True
        return data


@frozen
class Expectation:
    """What a fixture expects of one area: a grade, and optionally rules that must (not) fire and
    a fragment the reason must contain."""

    area: str
    grade: str  # a grade id on the area's scale (or not_judged)
    fired: tuple[str, ...] = ()
    not_fired: tuple[str, ...] = ()
    reason: str | None = None
    location: Location | None = attrs.field(default=None, eq=False, repr=False)
    #: Where the expected grade is written.
    grade_location: Location | None = attrs.field(default=None, eq=False, repr=False)


@frozen
class ExpectedError:
    """What a fixture of an invalid case expects: a problem with this stable code, a fragment of the error's
    message, or both (``expect_error: {code: case.out-of-dates}``; plain text is a fragment)."""

    code: str | None = None
    message: str | None = None

    def matches(self, error: JudgementError) -> bool:
        """Whether ``error`` is the error expected: one of its problems has the code, and its text holds the
        fragment."""
        if self.code is not None and all(p.code != self.code for p in error.problems):
            return False
        return self.message is None or self.message in error.format()

    @property
    def text(self) -> str:
        """What is expected, in words."""
        parts = ([f"code {self.code}"] if self.code else []) + (
            [f"containing {self.message!r}"] if self.message else []
        )
        return "an error with " + " and ".join(parts) if self.code else "an error " + " and ".join(parts)


#: What an item made from a value alone holds besides the value, in :func:`canonical`'s order.
_NOTHING_WRITTEN = _content(Evidence("value", 0))[1:]


class PlainEvidence(FrozenMap[str, Evidence]):
    """A case's evidence given as each measure's value alone (see
    :func:`judgement.check.case.case_from_values`): the values are held as given, already checked, and
    the :class:`Evidence` items are made when first read. Judging reads the values themselves, so a case
    judged for its grades alone never makes them. Equal to, and hashed, pickled and read as, the
    :class:`~judgement._frozen.FrozenMap` of those items."""

    __slots__ = ("plain",)

    def __init__(self, plain: dict[str, float | int | bool | str]) -> None:
        self.plain = plain
        self._hash = None

    def __getattr__(self, name: str) -> Any:
        if name != "_data":  # only an unset slot comes here: the items, made on first use
            raise AttributeError(name)
        data = {mid: Evidence(mid, value) for mid, value in self.plain.items()}
        self._data = data  # two threads may both make them: equal items, and one is kept
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self.plain)

    def __len__(self) -> int:
        return len(self.plain)

    def __contains__(self, key: object) -> bool:
        return key in self.plain

    def keys(self) -> KeysView[str]:
        return self.plain.keys()

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


@frozen(cache_hash=True)
class Case:
    """The evidence about one authority at one inspection."""

    id: str
    authority: str
    inspected: dt.date
    rulebook: str
    evidence: Mapping[str, Evidence] = attrs.field(converter=freeze)
    expect: tuple[Expectation, ...] = ()
    notes: str = ""
    path: Path | None = attrs.field(default=None, eq=False)
    expect_error: ExpectedError | None = None
    #: Where the case's own fields were given (``rulebook``, ``inspected``), for messages about them.
    locations: Mapping[str, Location] = attrs.field(factory=dict, converter=freeze, eq=False, repr=False)
    #: The council's 9-character ONS code (E10000028) and 3-digit DfE number (860), when known.
    authority_code: str | None = None
    authority_number: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"case": self.id, "authority": self.authority}
        for key in ("authority_code", "authority_number"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        data.update(
            {
                "inspected": self.inspected.isoformat(),
                "rulebook": self.rulebook,
                "evidence": {k: self.evidence[k].to_dict() for k in sorted(self.evidence)},
            }
        )
        if self.notes:
            data["notes"] = self.notes
        return data


def canonical(case: Case) -> str:
    """A case's content as canonical JSON text: its own fields, then every evidence item (by measure, in
    sorted order) with each of its attributes in a fixed order; where anything was written (paths,
    locations) and the expectations are left out. The same case always gives the same text, and two cases
    that differ in any value give different texts: the reproducibility stamp's evidence digest is of it."""
    evidence = case.evidence
    content = [*_case_content(case), case.inspected.isoformat()]
    if isinstance(evidence, PlainEvidence):  # values alone: what their items hold, without making them
        plain = evidence.plain
        head = json.dumps(content, ensure_ascii=False, separators=(",", ":"))[:-1]
        written = ",".join(
            [f"[{_json_text(mid)},{_json_value(plain[mid])},{_NOTHING_WRITTEN_TEXT}" for mid in sorted(plain)]
        )
        return f"{head},[{written}]]"
    items = [[mid, *_content(evidence[mid])] for mid in sorted(evidence)]
    return json.dumps([*content, items], ensure_ascii=False, separators=(",", ":"))


#: The rest of an item made from a value alone after its value, as :func:`canonical` writes it (``null,...]``).
_NOTHING_WRITTEN_TEXT = json.dumps(_NOTHING_WRITTEN, separators=(",", ":"))[1:]
#: A text as ``json.dumps(..., ensure_ascii=False)`` writes it.
_json_text = json.encoder.encode_basestring


def _json_value(value: float | int | bool | str) -> str:
    """A value of :class:`PlainEvidence` (already checked: a finite float, a whole number, a bool or a
    word) as ``json.dumps`` writes it, without building a list for it to write."""
    kind = value.__class__
    if kind is float:
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    return _json_text(cast("str", value))
