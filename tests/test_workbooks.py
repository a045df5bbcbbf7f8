"""Hostile and damaged workbooks: bounded before anything is built, read completely or refused at their
place, percentages as the sheet shows them; and the same text limit for every kind of sheet."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from judgement.errors import InputError
from judgement.read.sheets import MAX_CELLS, MAX_ROWS, read_sheet

_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
    '<table:table table:name="s">'
)
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"
HEADER_ROW = (
    "<table:table-row><table:table-cell><text:p>authority</text:p></table:table-cell>"
    "<table:table-cell><text:p>inspected</text:p></table:table-cell>"
    "<table:table-cell><text:p>ia_in_timescale</text:p></table:table-cell></table:table-row>"
)


def ods(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", _ODS_HEAD + rows + _ODS_TAIL)
    return path


def xlsx(path: Path, sheet_rows: str, *, shared: list[str] = (), dimension: str | None = None, head: str = "") -> Path:
    """A minimal workbook written by hand, as a damaged or hostile one would be."""
    strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {ns} count="{len(shared)}">{strings}</sst>'
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?>{head}<worksheet {ns}>{dim}<sheetData>{sheet_rows}</sheetData></worksheet>',
        )
    return path


def _header_cells() -> str:
    return '<c r="A1" t="inlineStr"><is><t>authority</t></is></c><c r="B1" t="inlineStr"><is><t>inspected</t></is></c>'


def _row(number: int, cells: str) -> str:
    return f'<row r="{number}">{cells}</row>'


# --- bounded before they are built ---------------------------------------------------------------------------

_BOMB = textwrap.dedent(
    """
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))
    from judgement.read.sheets import read_sheet
    from judgement.errors import InputError
    start = time.perf_counter()
    try:
        read_sheet(sys.argv[1])
    except InputError as error:
        print(error.problems[0].message)
        print(f"{time.perf_counter() - start:.2f}")
    """
)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            HEADER_ROW + '<table:table-row table:number-rows-repeated="5000000"><table:table-cell><text:p>x</text:p>'
            "</table:table-cell></table:table-row>",
            f"more than {MAX_ROWS:,} rows",
        ),
        (
            HEADER_ROW + '<table:table-row table:number-rows-repeated="2000000000"><table:table-cell><text:p>x'
            "</text:p></table:table-cell></table:table-row>",
            f"more than {MAX_ROWS:,} rows",
        ),
        (
            HEADER_ROW + '<table:table-row table:number-rows-repeated="20000"><table:table-cell '
            'table:number-columns-repeated="16380"><text:p>x</text:p></table:table-cell></table:table-row>',
            f"more than {MAX_CELLS:,} cells",
        ),
    ],
    ids=["5M rows", "2G rows", "16380 x 20000"],
)
def test_an_ods_bomb_is_refused_in_bounded_time_and_memory(tmp_path, rows, message):
    path = ods(tmp_path / "bomb.ods", rows)
    assert path.stat().st_size < 1000
    done = subprocess.run([sys.executable, "-c", _BOMB, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    said, seconds = done.stdout.splitlines()
    assert message in said
    assert float(seconds) < 1.0


def test_an_xlsx_cell_at_column_xfd_in_every_row_is_refused_within_a_gigabyte(tmp_path):
    cells = "".join(_row(n, f'<c r="A{n}"><v>1</v></c><c r="XFD{n}"><v>1</v></c>') for n in range(2, 50_002))
    path = xlsx(tmp_path / "wide.xlsx", _row(1, _header_cells()) + cells, dimension="A1:B2")
    assert path.stat().st_size < 1_000_000
    done = subprocess.run([sys.executable, "-c", _BOMB, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"more than {MAX_CELLS:,} cells" in done.stdout


def test_a_non_integer_repeat_count_is_refused_at_its_place(tmp_path):
    rows = HEADER_ROW + (
        "<table:table-row><table:table-cell><text:p>Leeds</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="1.5"><text:p>2010-01-01</text:p></table:table-cell>'
        "</table:table-row>"
    )
    with pytest.raises(InputError) as caught:
        read_sheet(ods(tmp_path / "odd.ods", rows))
    problem = caught.value.problems[0]
    assert "number-columns-repeated '1.5' at row 2, column 2 is not a whole number" in problem.message
    assert (problem.location.line, problem.location.column) == (2, 2)


@pytest.mark.parametrize("kind", ["csv", "ods", "xlsx"])
def test_the_text_limit_applies_to_every_kind_of_sheet(tmp_path, kind):
    long = "x" * 100_000
    if kind == "csv":
        path = tmp_path / "long.csv"
        path.write_text(f"authority,inspected\n{long},2010-01-01\nLeeds,2010-01-01\n", encoding="utf-8")
    elif kind == "ods":
        cell = f"<table:table-row><table:table-cell><text:p>{long}</text:p></table:table-cell></table:table-row>"
        path = ods(tmp_path / "long.ods", HEADER_ROW + cell)
    else:
        path = xlsx(
            tmp_path / "long.xlsx",
            _row(1, _header_cells()) + _row(2, f'<c r="A2" t="inlineStr"><is><t>{long}</t></is></c>'),
        )
    sheet = read_sheet(path)
    error = sheet.rows[0]
    assert isinstance(error, InputError)
    assert error.problems[0].message == "cell 1 of row 2 is 100,000 characters"
    assert error.problems[0].code == "sheet.cell-too-long"


# --- read completely or refused ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "shared"),
    [
        ('<c r="A2" t="n"><v>abc</v></c>', []),
        ('<c r="A2" t="s"><v>7</v></c>', ["authority"]),
        ('<c r="A2" t="d"><v>2010-13-01</v></c>', []),
        ('<c r="ZZZZZZ2"><v>1</v></c>', []),
    ],
    ids=["abc as a number", "shared string out of range", "month 13", "column ZZZZZZ"],
)
def test_a_damaged_workbook_is_called_damaged_at_its_row(tmp_path, cells, shared):
    path = xlsx(tmp_path / "damaged.xlsx", _row(1, _header_cells()) + _row(2, cells), shared=shared)
    with pytest.raises(InputError) as caught:
        read_sheet(path)
    problem = caught.value.problems[0]
    assert "not a readable .xlsx workbook: row 2 cannot be read" in problem.message
    assert problem.code == "input.bad-workbook"


@pytest.mark.parametrize(
    "head",
    [
        '<!DOCTYPE worksheet [<!ENTITY x "lol">]>',
        '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entities", "external entity"],
)
def test_a_workbook_that_declares_a_document_type_is_refused(tmp_path, head):
    path = xlsx(tmp_path / "dtd.xlsx", _row(1, _header_cells()), head=head)
    with pytest.raises(InputError, match="declares a document type"):
        read_sheet(path)


def test_a_mismatched_tag_is_damaged_not_a_crash(tmp_path):
    path = xlsx(tmp_path / "tag.xlsx", _row(1, _header_cells()) + "<row r='2'><c r='A2'><v>1</c></row>")
    with pytest.raises(InputError) as caught:
        read_sheet(path)
    assert caught.value.problems[0].code == "input.bad-workbook"


def test_a_stale_dimension_never_drops_rows_or_columns(tmp_path):
    rows = _row(1, _header_cells() + '<c r="C1" t="inlineStr"><is><t>ia_in_timescale</t></is></c>')
    for n in range(2, 12):
        rows += _row(
            n,
            f'<c r="A{n}" t="inlineStr"><is><t>Council {n}</t></is></c>'
            f'<c r="B{n}" t="inlineStr"><is><t>2010-01-01</t></is></c><c r="C{n}"><v>{60 + n}</v></c>',
        )
    sheet = read_sheet(xlsx(tmp_path / "stale.xlsx", rows, dimension="A1:B2"))
    assert sheet.header == ("authority", "inspected", "ia_in_timescale")
    assert len(sheet.rows) == 10
    assert sheet.rows[-1].cells == ("Council 11", "2010-01-01", "71")


def test_no_library_warning_reaches_the_terminal(tmp_path):
    path = xlsx(tmp_path / "plain.xlsx", _row(1, _header_cells()) + _row(2, '<c r="A2"><v>1</v></c>'))
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "default",
            "-c",
            f"from judgement.read.sheets import read_sheet; read_sheet({str(path)!r})",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == ""


def test_ods_text_is_kept_as_the_sheet_shows_it(tmp_path):
    cell = (
        "<table:table-row><table:table-cell><text:p>St<text:s text:c='2'/>Helens<text:tab/>and"
        "<text:line-break/>more</text:p></table:table-cell></table:table-row>"
    )
    sheet = read_sheet(ods(tmp_path / "spaces.ods", HEADER_ROW + cell))
    assert sheet.rows[0].cells[0] == "St  Helens\tand\nmore"


def test_a_table_inside_a_cell_is_refused(tmp_path):
    cell = (
        "<table:table-row><table:table-cell><table:table><table:table-row><table:table-cell><text:p>x</text:p>"
        "</table:table-cell></table:table-row></table:table></table:table-cell></table:table-row>"
    )
    with pytest.raises(InputError, match="holds a table"):
        read_sheet(ods(tmp_path / "nested.ods", HEADER_ROW + cell))


# --- percentages as the sheet shows them ---------------------------------------------------------------------


def test_a_percentage_cell_is_read_as_the_percentage_it_shows(tmp_path):
    cells = (
        "<table:table-row><table:table-cell><text:p>Leeds</text:p></table:table-cell>"
        '<table:table-cell office:value-type="date" office:date-value="2010-01-01"/>'
        '<table:table-cell office:value-type="percentage" office:value="0.784"><text:p>78.4%</text:p>'
        "</table:table-cell></table:table-row>"
    )
    assert read_sheet(ods(tmp_path / "p.ods", HEADER_ROW + cells)).rows[0].cells[2] == "78.4"
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["authority", "inspected", "ia_in_timescale"])
    sheet.append(["Leeds", "2010-01-01", 0.7])
    sheet["C2"].number_format = "0%"
    book.save(tmp_path / "p.xlsx")
    assert read_sheet(tmp_path / "p.xlsx").rows[0].cells[2] == "70"


def test_a_damaged_workbook_is_called_damaged_when_its_rulebook_is_chosen(tmp_path):
    """Without --rulebook the header chooses the rulebook: a damaged workbook says it is damaged, never that
    it fits more than one rulebook."""
    from click.testing import CliRunner

    from judgement.cli import main

    path = xlsx(tmp_path / "damaged.xlsx", _row(1, _header_cells()), head='<!DOCTYPE worksheet [<!ENTITY x "y">]>')
    done = CliRunner().invoke(main, ["judge", str(path)])
    assert done.exit_code == 2
    assert "declares a document type" in done.stderr
    assert "more than one rulebook" not in done.stderr
