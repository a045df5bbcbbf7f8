"""Wide spreadsheets: one row per authority and inspection, one column per measure.

Columns: ``authority`` and ``inspected`` (required), optionally ``case``, ``rulebook`` and ``notes``, then one
column per measure, and optionally ``MEASURE.england``, ``MEASURE.neighbours``, ``MEASURE.n``,
``MEASURE.source`` and ``MEASURE.period``; ``expect.AREA`` columns hold the grade each area should get,
which makes the spreadsheet a fixture file. Titles are matched trimmed and without case. An empty cell
means no evidence. Numbers are written as numbers (``78.4``, not ``78.4%``), yes/no measures
``true``/``false``, dates ``2010-07-13`` (or ``13/07/2010`` when the day is above 12). Without a
``rulebook`` column, the caller names the rulebook (``--rulebook``, or the one rulebook whose catalogue
has every measure column). :mod:`judgement.read.sheets` reads the file (CSV in any of Excel's encodings
and delimiters, .xlsx, .ods).

Each row becomes a document with a position for every cell, then a case exactly as a case file would
(:func:`judgement.check.case.case_from_row`), so every check applies, and every error names the file,
the row (its line) and the column, with a caret under the cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from judgement._attrs import frozen
from judgement._numbers import value_from_text
from judgement._text import text_problem
from judgement.errors import CaseError, InputError, JudgementError, Problem
from judgement.lang.ast import ATTRIBUTES
from judgement.read.documents import Document
from judgement.read.sheets import MAX_ROWS, MAX_SHEET_BYTES, Sheet, cell_offsets, read_sheet
from judgement.source import Location

__all__ = [
    "CASE_COLUMNS",
    "EXPECT",
    "MAX_ROWS",
    "MAX_SHEET_BYTES",
    "RawRow",
    "canonical",
    "column_titles",
    "measure_columns",
    "read_raw_rows",
    "row_document",
    "uk_date",
]

_ATTRS = (*ATTRIBUTES, "source", "period")
_REQUIRED = ("authority", "inspected")
#: Columns that describe the case rather than a measure.
CASE_COLUMNS = ("case", "authority", "inspected", "rulebook", "notes")
#: The prefix of an expectation column: ``expect.supervision`` holds the grade the area should get.
EXPECT = "expect"
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def canonical(title: str) -> str:
    """A column title as it is matched: trimmed and in lower case (``Authority``, `` IA_in_timescale``)."""
    return title.strip().lower()


def column_titles(path: str | Path) -> list[str]:
    """A spreadsheet's column titles as matched. Raises the located :class:`InputError` of a file that cannot
    be read (a damaged workbook is called damaged, never "fits no rulebook")."""
    return [canonical(h) for h in read_sheet(path).header]


def measure_columns(path: str | Path) -> list[str]:
    """The measures a spreadsheet's header names (for choosing a rulebook)."""
    names = [h.partition(".")[0] for h in column_titles(path)]
    return list(dict.fromkeys(n for n in names if n and n not in CASE_COLUMNS and n != EXPECT))


@frozen
class RawRow:
    """One spreadsheet row as read, before it is checked: cheap to send to a worker process."""

    file: str
    header: tuple[str, ...]
    cells: tuple[str, ...]
    line_no: int
    source: str | None
    rulebook: str | None
    delimiter: str = ","  # of a text file (where its cells start, for carets)
    #: The columns whose every number in the sheet lies between 0 and 1, some not 0 or 1: percentages kept as
    #: fractions if their measure is a percentage (Excel keeps 78.4% as 0.784), refused when judged.
    fractions: tuple[str, ...] = ()
    #: The case id a row without a ``case`` cell gets, unique in its sheet ("St. Helens" and "St Helens" on
    #: one date are ``st-helens-...`` and ``st-helens-...-2``).
    case_id: str | None = None


def read_raw_rows(path: str | Path, rulebook: str | None = None) -> Iterator[RawRow | JudgementError]:
    """Each row of a spreadsheet, unchecked (see :func:`row_document`), or the error reading it raised.

    ``rulebook`` is used for rows without a ``rulebook`` cell.
    """
    sheet = read_sheet(path, str(path))
    name = sheet.name
    titles = tuple(canonical(h) for h in sheet.header)
    _check_header(name, list(titles), sheet)
    records: list[RawRow | JudgementError] = []
    rows = 0
    for row in sheet.rows:
        if isinstance(row, JudgementError):
            records.append(row)
            continue
        if not any(cell.strip() for cell in row.cells):
            continue
        rows += 1
        if rows > MAX_ROWS:  # checked while reading, before any row is judged
            raise InputError(
                [
                    Problem(
                        f"{name}: more than {MAX_ROWS:,} rows",
                        expected="a smaller spreadsheet",
                        code="sheet.too-many-rows",
                    )
                ]
            )
        records.append(RawRow(name, titles, row.cells, row.line_no, row.source, rulebook, sheet.delimiter or ","))
    fractions = _fraction_columns(titles, [r.cells for r in records if isinstance(r, RawRow)])
    ids = _case_ids(titles, records)
    records = [
        attrs.evolve(r, fractions=fractions, case_id=ids.get(r.line_no)) if isinstance(r, RawRow) else r
        for r in records
    ]
    yield from records


def _case_ids(titles: tuple[str, ...], records: list[RawRow | JudgementError]) -> dict[int, str]:
    """The case id of each row without a ``case`` cell (by line): the authority and date as a name, starting
    with a letter ("3 Rivers" is ``case-3-rivers-...``), and made unique in the sheet by a number."""
    column = {title: i for i, title in enumerate(titles)}

    def cell(row: RawRow, title: str) -> str:
        at = column.get(title)
        return row.cells[at].strip() if at is not None and at < len(row.cells) else ""

    ids: dict[int, str] = {}
    taken: set[str] = {cell(r, "case") for r in records if isinstance(r, RawRow) and cell(r, "case")}
    for row in records:
        if not isinstance(row, RawRow) or cell(row, "case"):
            continue
        day = cell(row, "inspected")
        day = (uk_date(day) or day) if "/" in day else day
        base = _slug(f"{cell(row, 'authority')}-{day}") or f"row-{row.line_no}"
        if not base[0].isalpha():
            base = f"case-{base}"
        base = base[:56].rstrip("-")  # room for a number within the 64 characters of a name
        chosen, number = base, 1
        while chosen in taken:
            number += 1
            chosen = f"{base}-{number}"
        taken.add(chosen)
        ids[row.line_no] = chosen
    return ids


def _number_or_text(cell: str) -> bool | int | float | str:
    try:
        return value_from_text(cell)
    except ValueError:  # refused where the row is read
        return cell


def _fraction_columns(titles: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The columns whose every number lies between 0 and 1, with at least one that is neither 0 nor 1."""
    found = []
    for index, title in enumerate(titles):
        if not title or title in CASE_COLUMNS or "." in title:
            continue
        numbers = [_number_or_text(row[index]) for row in rows if index < len(row) and row[index].strip()]
        values = [float(v) for v in numbers if isinstance(v, int | float) and not isinstance(v, bool)]
        if values and all(0 <= v <= 1 for v in values) and not all(v in (0, 1) for v in values):
            found.append(title)
    return tuple(found)


def _check_header(name: str, header: list[str], sheet: Sheet) -> None:
    """Required columns present, none twice, comparator suffixes known: each problem once, for the file."""
    head_loc = Location(name, 1, 1, sheet.header_source)
    missing = [c for c in _REQUIRED if c not in header]
    duplicates = sorted({h for h in header if header.count(h) > 1 and h})
    if missing or duplicates:
        problems = [
            Problem(
                f"no {c!r} column",
                head_loc,
                expected="authority, inspected, then measures",
                hint=f"column titles are matched without case and spaces; this header has {_some(sheet.header)}",
                code="sheet.missing-column",
            )
            for c in missing
        ]
        problems += [
            Problem(f"column {d!r} appears twice", head_loc, expected="each column once", code="sheet.duplicate-column")
            for d in duplicates
        ]
        raise InputError(problems)
    offsets = cell_offsets(sheet.header_source, sheet.delimiter or ",") if sheet.header_source else []
    for column, title in enumerate(header):
        field, _, attr = title.partition(".")
        if attr and attr not in _ATTRS and field != EXPECT:
            start = offsets[column] + 1 if column < len(offsets) else column + 1
            where = Location(name, 1, start, sheet.header_source, len(title))
            raise InputError(
                [
                    Problem(
                        f"column {title!r}: unknown comparator '.{attr}'",
                        where,
                        expected=", ".join(f"MEASURE.{a}" for a in _ATTRS) + ", or expect.AREA",
                        code="sheet.unknown-comparator",
                    )
                ]
            )


def _some(titles: tuple[str, ...]) -> str:
    shown = ", ".join(repr(t) for t in titles[:6])
    return shown + (f" and {len(titles) - 6} more" if len(titles) > 6 else "")


def uk_date(text: str) -> str | None:
    """``13/07/2010`` as ``2010-07-13`` when the day cannot be read as a month (day above 12, or day and
    month the same); None for any other text."""
    match = _UK_DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    if day <= 12 and day != month:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _cell_locator(raw: RawRow) -> Callable[[int], Location]:
    """Where each cell of a row is: a CSV record may span lines (a quoted line break), and a cell is located
    on the line it is written on; a workbook's cell by its row and column number."""
    record = raw.source
    first = record.split("\n", 1)[0] if record is not None else None
    offsets = cell_offsets(record, raw.delimiter) if record is not None else []

    def loc(column: int) -> Location:
        width = len(raw.cells[column]) if column < len(raw.cells) else 1
        if record is None or column >= len(offsets):  # a workbook: the column number
            return Location(raw.file, raw.line_no, column + 1, first, max(1, width))
        at = offsets[column]
        before = record.rfind("\n", 0, at) + 1
        after = record.find("\n", at)
        physical = record[before : after if after >= 0 else len(record)]
        return Location(raw.file, raw.line_no + record.count("\n", 0, at), at - before + 1, physical, max(1, width))

    return loc


def row_document(raw: RawRow) -> Document | JudgementError:
    """A spreadsheet row as a case document with a position for every cell, or the error it raises."""
    name, header, row, line_no, source, rulebook = (
        raw.file,
        raw.header,
        raw.cells,
        raw.line_no,
        raw.source,
        raw.rulebook,
    )
    loc = _cell_locator(raw)
    source = source.split("\n", 1)[0] if source is not None else None

    if len(row) != len(header):
        return CaseError(
            [
                Problem(
                    f"row has {len(row)} cells but the header has {len(header)} columns",
                    Location(name, line_no, 1, source),
                    expected="one cell per column",
                    code="sheet.cell-count",
                )
            ]
        )
    for column, cell in enumerate(row):
        unsafe = text_problem(cell)
        if unsafe:
            return CaseError(
                [Problem(f"cell {unsafe}", loc(column), expected="printable text", code="input.control-character")]
            )
    cells = {title: (i, cell.strip()) for i, (title, cell) in enumerate(zip(header, row, strict=True))}
    data: dict[str, Any] = {}
    positions: dict[tuple[str | int, ...], Location] = {(): Location(name, line_no, 1, source)}
    for key in CASE_COLUMNS:
        if key in cells and cells[key][1]:
            data[key] = cells[key][1]
            positions[(key,)] = loc(cells[key][0])
    if "inspected" in data and "/" in data["inspected"]:
        iso = uk_date(data["inspected"])
        if iso is None:
            return CaseError(
                [
                    Problem(
                        f"inspected {data['inspected']!r} is not a date that can be read one way only",
                        loc(cells["inspected"][0]),
                        expected="a date such as 2010-07-13, or 13/07/2010 (day/month/year, day above 12)",
                        hint="write the date as YYYY-MM-DD: 03/07/2010 could be 3 July or 7 March",
                        code="sheet.date",
                    )
                ]
            )
        data["inspected"] = iso
    authority = data.get("authority", f"row {line_no}")
    data.setdefault("case", raw.case_id or _slug(f"{authority}-{data.get('inspected', '')}") or f"row-{line_no}")
    if "rulebook" not in data:
        if rulebook is None:
            return CaseError(
                [
                    Problem(
                        "no rulebook for this row",
                        Location(name, line_no, 1, source),
                        expected="a 'rulebook' column, or --rulebook ID",
                        code="sheet.no-rulebook",
                    )
                ]
            )
        data["rulebook"] = rulebook
    evidence: dict[str, dict[str, Any]] = {}
    expect: dict[str, str] = {}
    for title, (column, cell) in cells.items():
        if title in CASE_COLUMNS or not title or not cell:
            continue
        measure, _, attr = title.partition(".")
        if measure == EXPECT and attr:
            expect[attr] = cell
            positions[("expect", attr)] = loc(column)
            continue
        entry = evidence.setdefault(measure, {})
        if cell.endswith("%") and attr not in ("source", "period"):
            return CaseError(
                [
                    Problem(
                        f"{title}: {cell!r} has a % sign",
                        loc(column),
                        expected="the number alone (78.4 for 78.4%)",
                        code="sheet.percent-sign",
                    )
                ]
            )
        try:
            entry[attr or "value"] = cell if attr in ("source", "period") else value_from_text(cell)
        except ValueError as error:  # a number a float would change: refused where it is, never rounded
            return CaseError([Problem(f"{title}: {error}", loc(column), "a number as written", code="data.not-exact")])
        positions[("evidence", measure, attr or "value")] = loc(column)
        positions.setdefault(("evidence", measure), loc(column))
    # A count out of a sample is MEASURE.count with the sample size in MEASURE.n (the case writes it as
    # count and of).
    for measure, entry in evidence.items():
        if "count" in entry and "n" not in entry:
            return CaseError(
                [
                    Problem(
                        f"{measure}.count is a count out of a sample, but the row gives no {measure}.n",
                        positions[("evidence", measure, "count")],
                        expected=f"the sample size in a {measure}.n column (7 in {measure}.count and 23 in "
                        f"{measure}.n for 7 of 23)",
                        code="sheet.count-without-n",
                    )
                ]
            )
        if "count" in entry:
            entry["of"] = entry.pop("n")
            positions[("evidence", measure, "of")] = positions[("evidence", measure, "n")]
    # A blank value (or count) cell means no evidence for that measure, whatever comparators the row
    # carries (England and similar-area figures are often filled in for every row).
    evidence = {m: entry for m, entry in evidence.items() if "value" in entry or "count" in entry}
    data["evidence"] = evidence
    positions[("evidence",)] = positions[()]
    if expect:
        data["expect"] = expect
        positions[("expect",)] = positions[()]
    return Document(name, data, positions, {})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
