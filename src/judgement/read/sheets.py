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
import decimal
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from judgement._attrs import frozen
from judgement.errors import InputError, Problem
from judgement.read.documents import MAX_FILE_BYTES, MAX_STRING_LENGTH, read_bounded
from judgement.read.folders import SHEET_SUFFIXES as SHEETS
from judgement.source import Location

if TYPE_CHECKING:
    from xml.etree import ElementTree

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SHEET_BYTES",
    "SHEET_SUFFIXES",
    "Sheet",
    "SheetRow",
    "csv_records",
    "read_csv_text",
    "read_sheet",
]

#: Largest spreadsheet read, in bytes (a workbook: its compressed size; its content may be 8 times that).
MAX_SHEET_BYTES = MAX_FILE_BYTES * 8
#: What a spreadsheet's name ends in (compared without case: ``.CSV`` is a CSV); ``.txt`` only when named.
SHEET_SUFFIXES = SHEETS
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_DELIMITERS = (",", ";", "\t")
_LINE_END = re.compile(r"\r\n|\r|\n")
#: A character UTF-8 writes in two to four bytes: text that holds one was written as UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: Most columns of a row (Excel's own limit).
MAX_COLUMNS = 16_384
#: Most rows with something in them read from one spreadsheet.
MAX_ROWS = 100_000
#: Most cells a spreadsheet's rows may hold in all, counted before they are made (a workbook can ask for
#: millions of repeated rows or columns in a few hundred bytes).
MAX_CELLS = 4_000_000


@frozen
class SheetRow:
    """One row: where it starts, its cells as text, and its line as written (CSV only, for carets)."""

    line_no: int
    cells: tuple[str, ...]
    source: str | None = None


@frozen
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


def read_csv_text(path: str | Path, name: str | None = None) -> str:
    """The text of a CSV file (at most :data:`MAX_SHEET_BYTES`), decoded as a spreadsheet's is (see
    :func:`decode`): a file in none of those encodings is refused as such, naming the file, and a UTF-8
    file with a stray byte at that byte's line and column."""
    label = name or str(path)
    return decode(read_bounded(path, MAX_SHEET_BYTES, label), label)[0]


def csv_records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of a CSV file's text, with the line it ends on, read as a spreadsheet program reads it
    (a line may end in CR, LF or both). A record the csv module cannot read (a field past its limit)
    is refused at its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(
                Problem(
                    f"cannot read the record: {error}",
                    Location(name, reader.line_num, 1),
                    expected="CSV records of the file's layout",
                    code="data.layout",
                )
            ) from None
        yield reader.line_num, cells


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
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):  # UTF-8 with a bad byte: read as Windows-1252, every £ would be Â£
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            raise InputError(
                Problem(
                    f"byte {error.start + 1} (0x{data[error.start]:02X}) is not UTF-8, though the rest of the file is",
                    Location(name, line, column),
                    expected="a file in one encoding: CSV UTF-8 throughout",
                    hint="the file may have been joined from two sources; save it again as CSV UTF-8",
                    code="input.encoding",
                )
            ) from None
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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
        # the record as written, every physical line of it (a quoted line break continues it)
        source = "\n".join(lines[start - 1 : reader.line_num]) if 0 < start <= len(lines) else None
        rows.append(_long_cell(name, start, row) or SheetRow(start, tuple(row), source))
    too_long = _long_cell(name, 1, header)
    if too_long is not None:
        raise too_long
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


def _cell_text(value: Any, percent: bool = False) -> str:
    """A workbook cell as the text a CSV would hold (a cell shown as a percentage as the percentage shown:
    0.7 formatted as 70% is 70)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if percent and isinstance(value, int | float):
        return _percent_text(repr(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _percent_text(stored: str) -> str:
    """A fraction as written (``0.784``) as the percentage a sheet shows (``78.4``), exactly."""
    try:
        shown = decimal.Decimal(stored) * 100
    except decimal.InvalidOperation:
        return stored
    return format(shown.normalize(), "f")


class _Budget:
    """The limits of one spreadsheet, counted as its rows are read and before they are made: rows with
    something in them, cells in all, cells in a row, characters in a cell."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = 0
        self.cells = 0

    def fail(self, message: str, expected: str, row: int | None = None, column: int | None = None) -> InputError:
        where = Location(self.name, row, column or 1) if row else None
        return InputError(Problem(f"{self.name}: {message}", where, expected, code="sheet.too-large"))

    def take(self, row: int, width: int, repeat: int = 1) -> None:
        """Count ``repeat`` rows of ``width`` cells, starting at row ``row``, before any is made."""
        if width > MAX_COLUMNS:
            raise self.fail(f"row {row} has {width:,} columns", f"at most {MAX_COLUMNS:,} columns", row)
        self.rows += repeat
        if self.rows > MAX_ROWS:
            raise self.fail(f"more than {MAX_ROWS:,} rows", f"at most {MAX_ROWS:,} rows with something in them", row)
        self.cells += width * repeat
        if self.cells > MAX_CELLS:
            raise self.fail(
                f"more than {MAX_CELLS:,} cells by row {row}",
                f"at most {MAX_CELLS:,} cells (rows times columns, up to each row's last filled cell)",
                row,
            )


def _long_cell(name: str, row: int, cells: Iterable[str]) -> InputError | None:
    """A row's first cell longer than the text limit, as the row's error."""
    for column, text in enumerate(cells, start=1):
        if len(text) > MAX_STRING_LENGTH:
            return InputError(
                Problem(
                    f"cell {column} of row {row} is {len(text):,} characters",
                    Location(name, row, column),
                    f"at most {MAX_STRING_LENGTH:,} characters in a cell",
                    code="sheet.cell-too-long",
                )
            )
    return None


_WORKBOOK_BAD = "not a readable .xlsx workbook"


def _xlsx(path: str | Path, name: str) -> Sheet:
    try:
        import openpyxl
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
    _no_doctype(path, name)
    budget = _Budget(name)
    rows: list[tuple[int, tuple[str, ...]]] = []
    number = 0
    # the file is opened here, so that it is closed whatever the library does with a damaged one
    with warnings.catch_warnings(), Path(path).open("rb") as handle:  # a library's warnings are not the user's
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged workbook
            raise _damaged(name, f"{_WORKBOOK_BAD} ({type(error).__name__})") from None
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # a stale or narrow <dimension> must never drop a row or a column
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                last = len(cells) - 1
                while last >= 0 and cells[last].value is None:  # up to the last filled cell only
                    last -= 1
                if last < 0:
                    continue
                budget.take(number, last + 1)
                rows.append(
                    (
                        number,
                        tuple(
                            "" if c.value is None else _cell_text(c.value, _is_percent(c)) for c in cells[: last + 1]
                        ),
                    )
                )
        except InputError:
            raise
        except Exception as error:  # a cell openpyxl cannot read: the workbook is damaged there
            raise _damaged(name, f"{_WORKBOOK_BAD}: row {number + 1} cannot be read ({type(error).__name__})") from None
        finally:
            book.close()
    return _from_cells(name, rows)


def _is_percent(cell: Any) -> bool:
    """Whether a workbook cell is formatted as a percentage (its number format shows a %)."""
    form = getattr(cell, "number_format", "") or ""
    return "%" in re.sub(r'"[^"]*"|\\.', "", form)


def _damaged(name: str, message: str) -> InputError:
    return InputError(
        Problem(
            f"{name}: {message}",
            expected="a workbook Excel or LibreOffice saved",
            hint="open it and save it again, or save the sheet as CSV UTF-8",
            code="input.bad-workbook",
        )
    )


def _no_doctype(path: str | Path, name: str) -> None:
    """Refuse a workbook whose XML declares a document type (entities, external entities): no spreadsheet
    program writes one, and a parser must never expand one."""
    import zipfile  # workbooks only: a few milliseconds every other command need not pay

    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as member:
                        if b"<!DOCTYPE" in member.read(4096).upper():
                            raise _damaged(name, f"{_WORKBOOK_BAD}: {info.filename} declares a document type")
    except (zipfile.BadZipFile, OSError, RuntimeError):
        raise _damaged(name, f"{_WORKBOOK_BAD} (not a zip archive)") from None


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_T, _O, _X = (f"{{{_ODS[k]}}}" for k in ("table", "office", "text"))


def _ods(path: str | Path, name: str) -> Sheet:
    import zipfile  # workbooks only: a few milliseconds every other command need not pay
    from xml.etree import ElementTree

    read_bounded(path, MAX_SHEET_BYTES, name)
    bad = _damaged(name, "not a readable .ods spreadsheet")
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > 8 * MAX_SHEET_BYTES:  # a zip bomb
                raise InputError(
                    Problem(f"{name}: its content is larger than {8 * MAX_SHEET_BYTES:,} bytes", code="input.too-large")
                )
            content = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        raise bad from None
    if b"<!DOCTYPE" in content[:4096].upper():  # no entity definitions, no external entities
        raise bad
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        raise bad from None
    table = root.find(".//table:table", _ODS)
    if table is None:
        raise bad
    return _from_cells(name, list(_ods_rows(table, name)))


def _repeat(element: ElementTree.Element, attribute: str, name: str, row: int, column: int) -> int:
    """A repeat count (``number-rows-repeated``, ``number-columns-repeated``): a whole number of at least 1."""
    text = element.get(_T + attribute, "1")
    if not re.fullmatch(r"[0-9]{1,10}", text.strip()) or int(text) < 1:
        raise InputError(
            Problem(
                f"{name}: {attribute} {text!r} at row {row}, column {column} is not a whole number",
                Location(name, row, column),
                "a repeat count of 1 or more",
                code="input.bad-workbook",
            )
        )
    return int(text)


def _ods_text(paragraph: ElementTree.Element) -> str:
    """A paragraph's text as the sheet shows it: runs of spaces (``text:s``), tabs and line breaks kept."""
    out = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == _X + "s":
            count = child.get(_X + "c", "1")
            out.append(" " * min(int(count) if count.isdigit() else 1, MAX_STRING_LENGTH + 1))
        elif child.tag == _X + "tab":
            out.append("\t")
        elif child.tag == _X + "line-break":
            out.append("\n")
        else:  # a span, a link: its own text, kept the same way
            out.append(_ods_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _ods_cell(cell: ElementTree.Element, name: str, row: int, column: int) -> str:
    if cell.find(f".//{_T}table") is not None:
        raise InputError(
            Problem(
                f"{name}: the cell at row {row}, column {column} holds a table",
                Location(name, row, column),
                "a number, a date or text in each cell",
                code="input.bad-workbook",
            )
        )
    kind = cell.get(_O + "value-type")
    if kind == "percentage":
        return _percent_text(cell.get(_O + "value", ""))
    if kind in ("float", "currency"):
        return cell.get(_O + "value", "")
    if kind == "date":
        return (cell.get(_O + "date-value") or "")[:10]
    if kind == "boolean":
        return cell.get(_O + "boolean-value", "")
    return "\n".join(_ods_text(p) for p in cell.findall(_X + "p"))


def _ods_rows(table: ElementTree.Element, name: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The rows of a table, repeated rows and columns counted against the limits before any is made."""
    budget = _Budget(name)
    number = 0
    for row in table.iter(_T + "table-row"):
        parts: list[tuple[str, int]] = []  # (text, how many columns it repeats over)
        width = 0
        for cell in row:
            if cell.tag not in (_T + "table-cell", _T + "covered-table-cell"):
                continue
            repeat = _repeat(cell, "number-columns-repeated", name, number + 1, width + 1)
            parts.append((_ods_cell(cell, name, number + 1, width + 1), repeat))
            width += repeat
        while parts and not parts[-1][0]:  # up to the last filled cell only
            parts.pop()
        repeat = _repeat(row, "number-rows-repeated", name, number + 1, 1)
        if not parts:  # empty rows, however many, are only counted
            number += repeat
            continue
        budget.take(number + 1, sum(r for _, r in parts), repeat)
        cells = tuple(text for text, r in parts for _ in range(r))
        for _ in range(repeat):
            number += 1
            yield number, cells


def _from_cells(name: str, rows: list[tuple[int, tuple[str, ...]]]) -> Sheet:
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise InputError(Problem(f"{name}: the spreadsheet is empty", expected="a header row", code="sheet.empty"))
    (first, header), rest = filled[0], filled[1:]
    too_long = _long_cell(name, first, header)
    if too_long is not None:
        raise too_long
    width = len(header)
    return Sheet(
        name,
        header,
        None,
        tuple(
            _long_cell(name, n, cells)
            or SheetRow(n, tuple((*cells, *[""] * (width - len(cells)))[: max(width, len(cells))]))
            for n, cells in rest
        ),
    )
