"""DfE's open-data CSV layout, read: the one reader of official statistics releases.

Every file of DfE's statistics service has the same leading columns: ``time_period`` (the reporting
year: 2024 is the year to 31 March 2024), ``time_identifier``, ``geographic_level`` (``National``,
``Regional``, ``Local authority``), the country and region codes and names, ``old_la_code`` (the 3-digit
DfE number), ``new_la_code`` (the 9-character ONS code) and ``la_name``; then the file's own columns. A
cell may hold a suppression or absence code instead of a number (``c`` suppressed, ``low``, ``z`` not
applicable, ``x``, ``u``, ``k``, or nothing): that is "no figure", never zero, and the code is kept.

This module reads any release in that layout (nothing here knows which file holds what), and locates a
problem at its file, line and column like every other input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

import attrs

from judgement._attrs import frozen
from judgement._frozen import FrozenMap, freeze
from judgement._numbers import number_from_text
from judgement.errors import InputError, Problem
from judgement.read.sheets import csv_records, read_csv_text
from judgement.source import Location

__all__ = ["LAYOUT", "SUPPRESSION", "Figure", "StatRow", "figure", "read_release"]

#: The leading columns every release has (those the reader needs).
LAYOUT = ("time_period", "geographic_level", "new_la_code", "la_name")
#: The codes DfE writes where a figure is suppressed or absent, and what they mean.
SUPPRESSION = {
    "c": "suppressed to protect confidentiality",
    "low": "a figure too small to publish",
    "z": "not applicable",
    "x": "not available",
    "u": "too unreliable to publish",
    "k": "a figure that rounds to 0 but is not 0",
    "": "no figure",
}
_YEAR = re.compile(r"\d{4}")


@frozen
class Figure:
    """One published figure: its value, or None and the code DfE wrote instead."""

    value: float | int | None
    code: str | None = None


def figure(text: str) -> Figure:
    """A cell as a figure: a number, or no figure with its suppression code (unknown text: no figure,
    with the text as its code). Raises ``ValueError`` for a number that is not finite or that a float would
    change (the row's :meth:`StatRow.figure` says where)."""
    cleaned = text.strip()
    number = number_from_text(cleaned)
    if number is not None:
        if isinstance(number, float) and not math.isfinite(number):
            raise ValueError(f"{cleaned} is not a finite number")
        return Figure(number)
    return Figure(None, cleaned.lower())


@frozen
class StatRow:
    """A row of a release: who and when it describes, and its own cells."""

    year: int
    level: str  # National, Regional or Local authority
    code: str  # the 9-character ONS code ("" for England)
    number: str  # the 3-digit DfE number ("" where there is none)
    name: str
    region: str
    cells: Mapping[str, str] = attrs.field(converter=freeze)
    #: The file and line it was read from (for messages; a row made in code has none).
    source: str = attrs.field(default="", eq=False, repr=False)
    line: int = attrs.field(default=0, eq=False, repr=False)

    @property
    def at(self) -> Location | None:
        """Where the row was read (made when a message needs it: a release has tens of thousands of rows)."""
        return Location(self.source, self.line, 1) if self.source else None

    def figure(self, column: str) -> Figure:
        try:
            return figure(self.cells.get(column, ""))
        except ValueError as error:  # a number a float would change (a tampered release): refused where it is
            raise InputError(
                Problem(f"{column}: {error}", self.at, "a figure as DfE publishes it", code="data.not-exact")
            ) from None


def read_release(path: str | Path, name: str | None = None) -> list[StatRow]:
    """Every row of a release in DfE's layout. Raises :class:`InputError` naming the file, line and
    column for a file that is not in the layout, and for a row whose year is not a year."""
    label = name or str(path)
    text = read_csv_text(path, label)
    records = csv_records(text, label)
    header = [h.strip() for h in next(records, (0, []))[1]]
    missing = [c for c in LAYOUT if c not in header]
    if missing:
        raise InputError(
            Problem(
                f"{label}: not in DfE's open-data layout: no {', '.join(missing)} column",
                Location(label, 1, 1, text.split("\n", 1)[0][:200]),
                expected="time_period, geographic_level, ..., new_la_code, la_name, then the release's columns",
                code="data.layout",
            )
        )
    rows: list[StatRow] = []
    for line, cells in records:
        if not "".join(cells).strip():
            continue
        record = dict(zip(header, map(str.strip, cells), strict=False))
        year = record.get("time_period", "")
        if not _YEAR.fullmatch(year[:4]) or len(year) not in (4, 6):
            raise InputError(
                Problem(
                    f"time_period {year!r} is not a reporting year",
                    Location(label, line, 1),
                    "a year such as 2024",
                    code="data.layout",
                )
            )
        rows.append(
            StatRow(
                int(year[:4]) + (1 if len(year) == 6 else 0),  # 202324 is the year to March 2024
                record.get("geographic_level", ""),
                record.get("new_la_code", ""),
                record.get("old_la_code", ""),
                record.get("la_name", "") or record.get("region_name", "") or record.get("country_name", ""),
                record.get("region_name", ""),
                FrozenMap.adopt(record),  # made here, held by nothing else: not copied
                label,
                line,
            )
        )
    return rows
