"""Excel workbooks (.xlsx): one sheet per view, numbers kept as numbers (a percentage as its figure
with a percentage format, so 14.2 shows as 14.2% and sums and charts still work), headings frozen and
filtered, columns sized to what they hold. Needs openpyxl (``pip install 'judgement[excel]'``)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from judgement._attrs import frozen
from judgement.errors import Problem, UsageError
from judgement.renderers._common import spreadsheet_safe

__all__ = ["Column", "Sheet", "workbook"]

#: How a unit's figures are shown: a percentage as its figure with a % sign, a rate to one decimal place.
_FORMATS = {
    "percent": '0.0"%"',
    "rate_per_10k": "0.0",
    "ratio": "0.0",
    "days": "0",
    "count": "#,##0",
}


@frozen
class Column:
    """A column: its heading, and the unit of its figures (for their number format), if any: ``row`` for
    each row's own, from the sheet's column titled ``unit``."""

    title: str
    unit: str = ""


@frozen
class Sheet:
    """A sheet: a name (at most 31 characters, as Excel allows), its columns and rows."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    #: A line above the table (what the figures are, where they come from), if any.
    note: str = ""


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, imported when a workbook is written
    except ImportError:
        raise UsageError(
            Problem(
                "an .xlsx workbook needs openpyxl, which is not installed",
                expected="openpyxl",
                hint="pip install 'judgement[excel]', or choose --format csv",
                code="usage.missing-extra",
            )
        ) from None
    return openpyxl


def _cell(value: Any) -> Any:
    """A value as a cell holds it: text that a spreadsheet would read as a formula is kept as text."""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as the bytes of an .xlsx file."""
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.name[:31])
        top = 1
        if sheet.note:
            page.cell(row=1, column=1, value=_cell(sheet.note)).font = openpyxl.styles.Font(italic=True)
            top = 3
        for j, column in enumerate(sheet.columns, start=1):
            page.cell(row=top, column=j, value=column.title).font = openpyxl.styles.Font(bold=True)
        widths = [len(c.title) for c in sheet.columns]
        # a column whose unit is "row" takes each row's own, from the column titled "unit"
        own = next((k for k, c in enumerate(sheet.columns) if c.title == "unit"), None)
        for i, row in enumerate(sheet.rows, start=top + 1):
            for j, (value, column) in enumerate(zip(row, sheet.columns, strict=True), start=1):
                cell = page.cell(row=i, column=j, value=_cell(value))
                unit = str(row[own]) if column.unit == "row" and own is not None else column.unit
                if unit in _FORMATS and isinstance(value, int | float) and not isinstance(value, bool):
                    cell.number_format = _FORMATS[unit]
                widths[j - 1] = max(widths[j - 1], min(len(str(value)) if value is not None else 0, 60))
        for j, width in enumerate(widths, start=1):
            page.column_dimensions[openpyxl.utils.get_column_letter(j)].width = max(8, width + 2)
        page.freeze_panes = page.cell(row=top + 1, column=1)
        if sheet.rows:
            last = openpyxl.utils.get_column_letter(len(sheet.columns))
            page.auto_filter.ref = f"A{top}:{last}{top + len(sheet.rows)}"
    book.properties.creator = "judgement"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
