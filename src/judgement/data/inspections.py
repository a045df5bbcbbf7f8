"""Ofsted's record of its inspections of local authority children's services (ILACS), read.

The inspection-history sheet of Ofsted's official statistics "Local authority children's services
inspection outcomes" lists one inspection a row: the council's ONS code and name, the first day on site,
the report's publication date, the inspection type and a column per judgement, each ``Outstanding``,
``Good``, ``Requires improvement to be good`` or ``Inadequate`` (the care-leaver judgement is empty before
January 2023, when care leavers were judged within children in care).

A file is recognised by its header, not by its name, so a newer, longer copy of the same sheet is read
unchanged. Every problem is reported at its file, line and column like every other input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from judgement._attrs import frozen
from judgement._frozen import freeze
from judgement.errors import InputError, Problem
from judgement.read.sheets import csv_records, read_csv_text
from judgement.source import Location

__all__ = [
    "GRADES",
    "JUDGEMENTS",
    "WORDS",
    "Inspection",
    "find_history",
    "history_from_text",
    "is_history",
    "previous",
    "read_history",
]

#: The judgements of an ILACS inspection: the id each has in cases and rulebooks, and its column.
JUDGEMENTS: Mapping[str, str] = {
    "overall_effectiveness": "Overall effectiveness",
    "leaders": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and protection",
    "children_in_care": "The experiences and progress of children in care",
    "care_leavers": "The experiences and progress of care leavers",
}
#: Ofsted's words for its grades, and the grade ids of the ILACS scale.
GRADES: Mapping[str, str] = {
    "inadequate": "inadequate",
    "requires improvement to be good": "requires_improvement",
    "good": "good",
    "outstanding": "outstanding",
}
#: The ILACS grades, worst first, in the short words a sentence uses ("requires improvement").
WORDS: Mapping[str, str] = {
    "inadequate": "inadequate",
    "requires_improvement": "requires improvement",
    "good": "good",
    "outstanding": "outstanding",
}
_CODE, _NAME, _ON_SITE, _PUBLISHED, _TYPE = (
    "Local authority area code",
    "Local authority name",
    "Inspection date",
    "Publication date",
    "Inspection type",
)
#: The columns that make a CSV an inspection history.
REQUIRED = (_CODE, _NAME, _ON_SITE, _PUBLISHED, *list(JUDGEMENTS.values())[:4])


@frozen
class Inspection:
    """One ILACS inspection: whom, when, and the grade of each judgement it gave (ids of the ILACS scale)."""

    code: str  # the council's ONS code
    name: str
    on_site: dt.date  # the first day on site
    published: dt.date
    kind: str  # "ILACS Standard Inspection" | "ILACS Short Inspection"
    grades: Mapping[str, str] = attrs.field(converter=freeze)  # judgement id -> grade id (absent: not given)
    at: Location | None = attrs.field(default=None, eq=False, repr=False)


def is_history(header: Sequence[str]) -> bool:
    """Whether a CSV header is that of Ofsted's ILACS inspection history."""
    names = {h.strip().lstrip("\ufeff") for h in header}
    return all(column in names for column in REQUIRED)


def _date(text: str, where: Location, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            Problem(
                f"{column} {text!r} is not a date",
                where,
                expected="a date written YYYY-MM-DD, as Ofsted publishes it",
                code="data.layout",
            )
        ) from None


def read_history(path: str | Path, name: str | None = None) -> list[Inspection]:
    """Every inspection in a history file, in file order. Raises :class:`InputError` at the file, line and
    column for a file that is not a history, a date that is not a date or a grade Ofsted does not give."""
    label = name or str(path)
    return history_from_text(read_csv_text(path, label), label)


def history_from_text(text: str, label: str) -> list[Inspection]:
    """Every inspection in the text of a history file named ``label``, as :func:`read_history` reads it."""
    records = csv_records(text, label)
    header = [h.strip() for h in next(records, (0, []))[1]]
    if not is_history(header):
        missing = [c for c in REQUIRED if c not in header]
        raise InputError(
            Problem(
                f"{label}: not Ofsted's ILACS inspection history: no {missing[0]!r} column",
                Location(label, 1, 1, text.split("\n", 1)[0][:200]),
                expected="the columns of Ofsted's inspection-history sheet (" + ", ".join(REQUIRED[:4]) + ", ...)",
                code="data.layout",
            )
        )
    inspections = []
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        record = dict(zip(header, (c.strip() for c in cells), strict=False))
        grades = {}
        for judgement, column in JUDGEMENTS.items():
            word = record.get(column, "")
            if not word:
                continue
            if word.lower() not in GRADES:
                where = Location(label, line, header.index(column) + 1)
                raise InputError(
                    Problem(
                        f"{column}: {word!r} is not one of Ofsted's grades",
                        where,
                        expected="Outstanding, Good, Requires improvement to be good or Inadequate (or empty)",
                        code="data.layout",
                    )
                )
            grades[judgement] = GRADES[word.lower()]
        code = record.get(_CODE, "")
        if not code:
            raise InputError(
                Problem(
                    "an inspection without a council's code",
                    Location(label, line, header.index(_CODE) + 1),
                    expected="the council's 9-character ONS code",
                    code="data.layout",
                )
            )
        at = Location(label, line, 1)
        inspections.append(
            Inspection(
                code,
                record.get(_NAME, ""),
                _date(record.get(_ON_SITE, ""), Location(label, line, header.index(_ON_SITE) + 1), _ON_SITE),
                _date(record.get(_PUBLISHED, ""), Location(label, line, header.index(_PUBLISHED) + 1), _PUBLISHED),
                record.get(_TYPE, ""),
                grades,
                at,
            )
        )
    return inspections


def find_history(folder: Path) -> Path | None:
    """The inspection history among a folder's CSV files, found by its header (the newest by name when
    there are several), or None."""
    found = None
    for path in sorted(folder.glob("*.csv")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            head = handle.readline(8192).decode("utf-8-sig", errors="replace")
        first = next(csv.reader(io.StringIO(head)), [])
        if is_history(first):
            found = path
    return found


def previous(history: Iterable[Inspection], code: str, on: dt.date) -> Inspection | None:
    """The council's latest inspection whose report was published on or before ``on``: what was known of
    it that day. An inspection published later is never returned."""
    known = [i for i in history if i.code == code and i.published <= on]
    return max(known, key=lambda i: (i.published, i.on_site), default=None)
