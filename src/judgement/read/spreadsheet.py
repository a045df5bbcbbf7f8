"""Wide CSV input: one row per authority and inspection, one column per measure.

Columns: ``authority`` and ``inspected`` (required), optionally ``case``, ``rulebook`` and ``notes``, then one
column per measure, and optionally ``MEASURE.england``, ``MEASURE.neighbours``, ``MEASURE.n``,
``MEASURE.source`` and ``MEASURE.period``. An empty cell means no evidence. Numbers are written as
numbers (``78.4``, not ``78.4%``), yes/no measures ``true``/``false``. Without a ``rulebook`` column,
the caller names the rulebook (``--rulebook``, or the one rulebook whose catalogue has every measure
column).

Each row becomes a document with a position for every cell, then a case exactly as a case file would
(:func:`judgement.check.case.case_from_row`), so every check applies, and every error names the file,
the row (its line) and the column, with a caret under the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from judgement._numbers import value_from_text
from judgement._text import text_problem
from judgement.errors import CaseError, InputError, JudgementError, Problem
from judgement.lang.ast import ATTRIBUTES
from judgement.read.documents import MAX_FILE_BYTES, Document, read_bounded
from judgement.source import Location

__all__ = ["CASE_COLUMNS", "MAX_ROWS", "RawRow", "column_titles", "measure_columns", "read_raw_rows", "row_document"]

#: Most rows read from one spreadsheet.
MAX_ROWS = 100_000
_LINE_END = re.compile(r"\r\n|\r|\n")
#: Largest spreadsheet read, in bytes.
MAX_SHEET_BYTES = MAX_FILE_BYTES * 8
_ATTRS = (*ATTRIBUTES, "source", "period")
_REQUIRED = ("authority", "inspected")
#: Columns that describe the case rather than a measure.
CASE_COLUMNS = ("case", "authority", "inspected", "rulebook", "notes")


def _cell_offsets(line: str) -> list[int]:
    """Where each cell of a CSV line starts (0-based), allowing for quoted cells."""
    offsets = [0]
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            offsets.append(i + 1)
    return offsets


def column_titles(path: str | Path) -> list[str]:
    """A spreadsheet's column titles, trimmed (an unreadable file gives an empty header)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            return [h.strip() for h in next(csv.reader(handle), [])]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def measure_columns(path: str | Path) -> list[str]:
    """The measures a spreadsheet's header names (for choosing a rulebook)."""
    names = [h.partition(".")[0] for h in column_titles(path)]
    return list(dict.fromkeys(n for n in names if n and n not in CASE_COLUMNS))


@attrs.frozen
class RawRow:
    """One spreadsheet row as read, before it is checked: cheap to send to a worker process."""

    file: str
    header: tuple[str, ...]
    cells: tuple[str, ...]
    line_no: int
    source: str | None
    rulebook: str | None


def read_raw_rows(path: str | Path, rulebook: str | None = None) -> Iterator[RawRow | JudgementError]:
    """Each row of a wide CSV, unchecked (see :func:`row_document`), or the error reading it raised.

    ``rulebook`` is used for rows without a ``rulebook`` cell.
    """
    name = str(path)
    try:
        text = read_bounded(path, MAX_SHEET_BYTES, name).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            [Problem(f"{name}: not valid UTF-8 text", expected="a CSV file saved as UTF-8", code="input.encoding")]
        ) from None
    # Lines as CSV counts them (only CR and LF end a line; U+2028 and friends are text inside a cell).
    lines = _LINE_END.split(text)
    reader = csv.reader(io.StringIO(text))
    try:
        first = next(reader)
    except StopIteration:
        raise InputError(
            [Problem(f"{name}: the spreadsheet is empty", expected="a header row", code="sheet.empty")]
        ) from None
    except csv.Error as error:
        raise InputError([Problem(f"{name}: cannot read the header: {error}", code="sheet.header")]) from None
    titles = [h.strip() for h in first]
    _check_header(name, titles, lines)
    records: list[RawRow | JudgementError] = []
    rows = 0
    while True:
        start = reader.line_num + 1  # a record may span lines (a quoted line break): it starts here
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # this row is lost, and said so; the rows after it are still read
            where = Location(name, start, 1, lines[start - 1] if start <= len(lines) else None)
            records.append(InputError([Problem(f"cannot read row: {error}", where, code="sheet.bad-row")]))
            continue
        if not any(cell.strip() for cell in row):
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
        source = lines[start - 1] if 0 < start <= len(lines) else None
        records.append(RawRow(name, tuple(titles), tuple(row), start, source, rulebook))
    yield from records


def _check_header(name: str, header: list[str], lines: list[str]) -> None:
    """Required columns present, none twice, comparator suffixes known."""
    head_loc = Location(name, 1, 1, lines[0] if lines else None)
    missing = [c for c in _REQUIRED if c not in header]
    duplicates = sorted({h for h in header if header.count(h) > 1 and h})
    if missing or duplicates:
        problems = [
            Problem(
                f"no {c!r} column",
                head_loc,
                expected="authority, inspected, then measures",
                code="sheet.missing-column",
            )
            for c in missing
        ]
        problems += [
            Problem(f"column {d!r} appears twice", head_loc, expected="each column once", code="sheet.duplicate-column")
            for d in duplicates
        ]
        raise InputError(problems)
    offsets = _cell_offsets(lines[0]) if lines else []
    for column, title in enumerate(header):
        _, _, attr = title.partition(".")
        if attr and attr not in _ATTRS:
            where = Location(name, 1, offsets[column] + 1 if column < len(offsets) else 1, lines[0], len(title))
            raise InputError(
                [
                    Problem(
                        f"column {title!r}: unknown comparator '.{attr}'",
                        where,
                        expected=", ".join(f"MEASURE.{a}" for a in _ATTRS),
                        code="sheet.unknown-comparator",
                    )
                ]
            )


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
    offsets = _cell_offsets(source) if source is not None else []

    def loc(column: int) -> Location:
        start = offsets[column] + 1 if column < len(offsets) else 1
        width = len(row[column]) if column < len(row) else 1
        return Location(name, line_no, start, source, max(1, width))

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
    authority = data.get("authority", f"row {line_no}")
    data.setdefault("case", _slug(f"{authority}-{data.get('inspected', '')}") or f"row-{line_no}")
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
    for title, (column, cell) in cells.items():
        if title in CASE_COLUMNS or not title or not cell:
            continue
        measure, _, attr = title.partition(".")
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
        entry[attr or "value"] = cell if attr in ("source", "period") else value_from_text(cell)
        positions[("evidence", measure, attr or "value")] = loc(column)
        positions.setdefault(("evidence", measure), loc(column))
    # A blank value cell means no evidence for that measure, whatever comparators the row carries
    # (England and similar-area figures are often filled in for every row).
    evidence = {m: entry for m, entry in evidence.items() if "value" in entry}
    data["evidence"] = evidence
    positions[("evidence",)] = positions[()]
    return Document(name, data, positions, {})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
