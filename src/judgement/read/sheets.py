"""Spreadsheets as analysts save them, read to rows of text cells: the one place that knows file formats.

* **CSV and text exports** (``.csv``, ``.tsv``, ``.txt``, any case): the delimiter is the one of comma,
  semicolon and tab that the header row uses most (Excel in many European locales writes semicolons,
  "Unicode Text" writes tabs). The encoding is chosen from the bytes, in this order: a byte-order mark
  (UTF-8, UTF-16 LE or BE: Excel's "CSV UTF-8" and "Unicode Text"); otherwise UTF-8 if the bytes are
  valid UTF-8; otherwise Windows-1252 (Excel's plain "CSV" on Windows, where ``£`` is byte A3 and ``–``
  byte 96). The choice never changes text silently: valid UTF-8 is read as UTF-8, a byte Windows-1252
  does not define is refused, and the encoding used is kept with the sheet.
* **Excel workbooks** (``.xlsx``), with the optional ``openpyxl`` (``pip install 'judgement[excel]'``):
  the first worksheet, numbers as written, dates as ``YYYY-MM-DD``.
* **OpenDocument spreadsheets** (``.ods``, as DfE and Ofsted publish), read with the standard library:
  the first table.

A cell of a workbook is located by its row and column number (``councils.xlsx:3:4`` is D3).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

from judgement.errors import InputError, Problem
from judgement.read.documents import MAX_FILE_BYTES, read_bounded
from judgement.read.folders import NAMED_SHEET_SUFFIXES
from judgement.read.folders import SHEET_SUFFIXES as SHEETS
from judgement.source import Location

__all__ = ["MAX_SHEET_BYTES", "SHEET_SUFFIXES", "Sheet", "SheetRow", "is_sheet", "read_sheet"]

#: Largest spreadsheet read, in bytes (a workbook: its compressed size; its content may be 8 times that).
MAX_SHEET_BYTES = MAX_FILE_BYTES * 8
#: What a spreadsheet's name ends in (compared without case: ``.CSV`` is a CSV); ``.txt`` only when named.
SHEET_SUFFIXES = SHEETS
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_DELIMITERS = (",", ";", "\t")
_LINE_END = re.compile(r"\r\n|\r|\n")
#: Most columns read from a workbook row (Excel's own limit).
MAX_COLUMNS = 16_384


def is_sheet(path: str | Path, *, named: bool = True) -> bool:
    """Whether a file is a spreadsheet by its name (``named``: the user named it, so ``.txt`` counts)."""
    return Path(path).suffix.lower() in (NAMED_SHEET_SUFFIXES if named else SHEET_SUFFIXES)


@attrs.frozen
class SheetRow:
    """One row: where it starts, its cells as text, and its line as written (CSV only, for carets)."""

    line_no: int
    cells: tuple[str, ...]
    source: str | None = None


@attrs.frozen
class Sheet:
    """A spreadsheet's header and rows, and how it was read."""

    name: str
    header: tuple[str, ...]
    header_source: str | None
    rows: tuple[SheetRow | InputError, ...]  # a row that could not be read is its error
    delimiter: str | None = None  # for text files
    encoding: str | None = None  # for text files


def read_sheet(path: str | Path, name: str | None = None) -> Sheet:
    """Read a spreadsheet (see the module's notes). Raises :class:`InputError` for a file that is not
    one of the formats, cannot be read, or is empty."""
    label = name or str(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx(path, label)
    if suffix == ".ods":
        return _ods(path, label)
    return _text(read_bounded(path, MAX_SHEET_BYTES, label), label)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """A text file's text and the encoding it was read with (the order is in the module's notes)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
            except UnicodeDecodeError:
                raise _encoding(name, encoding.upper()) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise _encoding(name, "UTF-8 or Windows-1252") from None


def _encoding(name: str, tried: str) -> InputError:
    return InputError(
        Problem(
            f"{name}: the text is not valid {tried}",
            expected="a spreadsheet saved as CSV UTF-8, Unicode Text, CSV (Windows), .xlsx or .ods",
            hint="in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'",
            code="input.encoding",
        )
    )


def _text(data: bytes, name: str) -> Sheet:
    text, encoding = decode(data, name)
    lines = _LINE_END.split(text)
    head = lines[0] if lines else ""
    delimiter = max(_DELIMITERS, key=lambda d: (_outside_quotes(head).count(d), d == ","))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(
            Problem(f"{name}: the spreadsheet is empty", expected="a header row", code="sheet.empty")
        ) from None
    except csv.Error as error:
        raise InputError(Problem(f"{name}: cannot read the header: {error}", code="sheet.header")) from None
    rows: list[SheetRow | InputError] = []
    while True:
        start = reader.line_num + 1  # a record may span lines (a quoted line break): it starts here
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # this row is lost, and said so; the rows after it are still read
            where = Location(name, start, 1, lines[start - 1] if start <= len(lines) else None)
            rows.append(InputError([Problem(f"cannot read row: {error}", where, code="sheet.bad-row")]))
            continue
        source = lines[start - 1] if 0 < start <= len(lines) else None
        rows.append(SheetRow(start, tuple(row), source))
    return Sheet(name, tuple(header), head, tuple(rows), delimiter, encoding)


def _outside_quotes(line: str) -> str:
    """A line with its quoted parts removed (a comma inside "Smith, J" is not a delimiter)."""
    return re.sub(r'"[^"]*"', "", line)


def cell_offsets(line: str, delimiter: str = ",") -> list[int]:
    """Where each cell of a CSV line starts (0-based), allowing for quoted cells."""
    offsets = [0]
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            offsets.append(i + 1)
    return offsets


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _xlsx(path: str | Path, name: str) -> Sheet:
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, imported only for a workbook
    except ImportError:
        raise InputError(
            Problem(
                f"{name}: reading .xlsx workbooks needs the optional openpyxl package",
                expected="pip install 'judgement[excel]'",
                hint="or save the sheet as CSV UTF-8 in Excel",
                code="input.missing-extra",
            )
        ) from None
    read_bounded(path, MAX_SHEET_BYTES, name)  # the size limit and the checks on what the path is
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise InputError(
            Problem(f"{name}: not a readable .xlsx workbook ({type(error).__name__})", code="input.bad-workbook")
        ) from None
    try:
        rows = [
            (number, tuple(_cell_text(v) for v in values[:MAX_COLUMNS]))
            for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _from_cells(name, rows)


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _ods(path: str | Path, name: str) -> Sheet:
    read_bounded(path, MAX_SHEET_BYTES, name)
    bad = InputError(Problem(f"{name}: not a readable .ods spreadsheet", code="input.bad-workbook"))
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > 8 * MAX_SHEET_BYTES:  # a zip bomb
                raise InputError(
                    Problem(f"{name}: its content is larger than {8 * MAX_SHEET_BYTES:,} bytes", code="input.too-large")
                )
            content = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError):
        raise bad from None
    if b"<!DOCTYPE" in content[:4096]:  # no entity definitions, no external entities
        raise bad
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        raise bad from None
    table = root.find(".//table:table", _ODS)
    if table is None:
        raise bad
    return _from_cells(name, list(_ods_rows(table)))


def _ods_rows(table: ElementTree.Element) -> Iterator[tuple[int, tuple[str, ...]]]:
    t, o = f"{{{_ODS['table']}}}", f"{{{_ODS['office']}}}"
    number = 0
    for row in table.iter(t + "table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                continue
            kind = cell.get(o + "value-type")
            if kind in ("float", "percentage", "currency"):
                text = cell.get(o + "value", "")
            elif kind == "date":
                text = (cell.get(o + "date-value") or "")[:10]
            elif kind == "boolean":
                text = cell.get(o + "boolean-value", "")
            else:
                text = "\n".join("".join(p.itertext()) for p in cell.findall(f"{{{_ODS['text']}}}p"))
            repeat = min(int(cell.get(t + "number-columns-repeated", "1")), MAX_COLUMNS - len(cells))
            cells.extend([text] * (repeat if text else min(repeat, 1)))
            if len(cells) >= MAX_COLUMNS:
                break
        while cells and not cells[-1]:
            cells.pop()
        repeat = int(row.get(t + "number-rows-repeated", "1"))
        for _ in range(repeat if cells else 1):
            number += 1
            if cells:
                yield number, tuple(cells)


def _from_cells(name: str, rows: list[tuple[int, tuple[str, ...]]]) -> Sheet:
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise InputError(Problem(f"{name}: the spreadsheet is empty", expected="a header row", code="sheet.empty"))
    (_, header), rest = filled[0], filled[1:]
    width = len(header)
    return Sheet(
        name,
        header,
        None,
        tuple(
            SheetRow(n, tuple((*cells, *[""] * (width - len(cells)))[: max(width, len(cells))])) for n, cells in rest
        ),
    )
