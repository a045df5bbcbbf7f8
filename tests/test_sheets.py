"""Spreadsheets as Excel and LibreOffice save them: every common export of the same two councils judges
the same, or is refused with a located message; none is an internal error (exit 3)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from judgement.cli import main
from judgement.read.sheets import decode, read_sheet
from judgement.read.spreadsheet import uk_date
from tests.conftest import ROOT, printed_by

SOURCE = ROOT / "fixtures" / "spreadsheets" / "ucra-2010-councils.csv"
ROWS = list(csv.reader(io.StringIO(SOURCE.read_text(encoding="utf-8"))))
HEADER, BODY = ROWS[0], ROWS[1:3]
NOTE = "Figures £ from the 2009–10 return"  # a pound sign and an en dash: bytes A3 and 96 in Windows-1252


def _rows(header: list[str] | None = None, date: str | None = None) -> list[list[str]]:
    body = [list(r) for r in BODY]
    notes = HEADER.index("notes")
    for row in body:
        row[notes] = NOTE
        if date is not None:
            row[HEADER.index("inspected")] = date
    return [header or HEADER, *body]


def _csv(rows: list[list[str]], delimiter: str = ",", *, quote: bool = False) -> str:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if quote else csv.QUOTE_MINIMAL
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=quoting).writerows(rows)
    return out.getvalue()


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([_number(v) for v in row])
    book.save(path)


def _number(text: str) -> object:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text, text)


def _ods(path: Path, rows: list[list[str]]) -> None:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes one (numbers typed as floats)."""
    cells = []
    for row in rows:
        parts = []
        for text in row:
            value = _number(text)
            if isinstance(value, int | float) and not isinstance(value, bool):
                parts.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            elif text:
                parts.append(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'
                )
            else:
                parts.append("<table:table-cell/>")
        cells.append("<table:table-row>" + "".join(parts) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="Sheet1">' + "".join(cells) + '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)


def _judge(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["judge", str(path), "--rulebook", "ucra-2010", "--format", "json"])
    return result.exit_code, result.stdout, result.stderr


def _grades(out: str) -> list[dict[str, str]]:
    return [{a["area"]: a["grade"] for a in case["areas"]} for case in json.loads(out)]


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    path = tmp_path_factory.mktemp("base") / "councils.csv"
    path.write_text(_csv(_rows()), encoding="utf-8")
    code, out, err = _judge(path)
    assert code == 0, err
    return _grades(out)


EXPORTS = {
    "utf8-bom.csv": lambda p: p.write_bytes(b"\xef\xbb\xbf" + _csv(_rows()).encode("utf-8")),
    "unicode-text.txt": lambda p: p.write_bytes(_csv(_rows(), "\t").encode("utf-16")),  # Excel's "Unicode Text"
    "windows-1252.csv": lambda p: p.write_bytes(_csv(_rows()).encode("cp1252")),
    "semicolons.csv": lambda p: p.write_bytes(_csv(_rows(), ";").encode("cp1252")),
    "CAPITALS.CSV": lambda p: p.write_text(_csv(_rows([f" {h.upper()} " for h in HEADER])), encoding="utf-8"),
    "quoted.csv": lambda p: p.write_text(_csv(_rows(), quote=True), encoding="utf-8"),
    "uk-dates.csv": lambda p: p.write_text(_csv(_rows(date="13/07/2010")), encoding="utf-8"),
    # lines ended by CR alone (as old Mac tools save them) or LF alone (as Unix tools do)
    "cr-line-ends.csv": lambda p: p.write_bytes(_csv(_rows()).replace("\r\n", "\r").encode("utf-8")),
    "lf-line-ends.csv": lambda p: p.write_bytes(_csv(_rows()).replace("\r\n", "\n").encode("utf-8")),
    "excel.xlsx": lambda p: _xlsx(p, _rows()),
    "libreoffice.ods": lambda p: _ods(p, _rows()),
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_export_judges_the_same(tmp_path, expected, name):
    path = tmp_path / name
    EXPORTS[name](path)
    code, out, err = _judge(path)
    assert code == 0, err
    got = _grades(out)
    if name == "uk-dates.csv":
        assert [c["case"]["inspected"] for c in json.loads(out)] == ["2010-07-13", "2010-07-13"]
    else:
        assert got == expected
    notes = {c["case"].get("authority") for c in json.loads(out)}
    assert len(notes) == 2


def test_text_is_never_changed_by_the_encoding():
    text = _csv(_rows())
    for data, encoding in (
        (text.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "UTF-8"),
        (text.encode("utf-16"), "UTF-16"),
        (text.encode("cp1252"), "Windows-1252"),
    ):
        assert decode(data, "x") == (text, encoding)


def test_the_sheet_keeps_how_it_was_read(tmp_path):
    path = tmp_path / "s.csv"
    EXPORTS["semicolons.csv"](path)
    sheet = read_sheet(path)
    assert (sheet.delimiter, sheet.encoding) == (";", "Windows-1252")
    assert NOTE in sheet.rows[0].cells  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "bytes.csv",
            lambda p: p.write_bytes(_csv(_rows()).encode("utf-8") + b"\x81\x8d"),
            "is not UTF-8, though the rest of the file is",
        ),
        (
            "ambiguous.csv",
            lambda p: p.write_text(_csv(_rows(date="03/07/2010"))),
            "03/07/2010' is not a date that can be read one way only",
        ),
        ("empty.csv", lambda p: p.write_text(""), "the spreadsheet is empty"),
        ("broken.xlsx", lambda p: p.write_bytes(b"PK\x03\x04 not a workbook"), "not a readable .xlsx workbook"),
        ("broken.ods", lambda p: p.write_bytes(b"not a zip"), "not a readable .ods spreadsheet"),
        ("no-authority.csv", lambda p: p.write_text(_csv(_rows(["who", *HEADER[1:]]))), "no 'authority' column"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_message(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    code, _, err = _judge(path)
    assert code == 2, err
    assert message in err
    assert "Traceback" not in err
    assert len(err.splitlines()) < 12  # no error quotes the file


def test_an_ambiguous_date_is_located_with_a_hint(tmp_path):
    path = tmp_path / "ambiguous.csv"
    path.write_text(_csv(_rows(date="03/07/2010")))
    _, _, err = _judge(path)
    assert f"{path}:2:" in err
    assert "hint: write the date as YYYY-MM-DD: 03/07/2010 could be 3 July or 7 March" in err


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"])
def test_rows_are_located_at_their_line_whatever_ends_the_lines(tmp_path, end):
    rows = _rows()
    rows[1][HEADER.index("notes")] = f"two{end}lines"  # a quoted line break: the record spans two lines
    rows[2][HEADER.index("inspected")] = "03/07/2010"
    path = tmp_path / "ends.csv"
    path.write_bytes(_csv(rows).replace("\r\n", end).encode("utf-8"))
    sheet = read_sheet(path)
    first, second = sheet.rows
    assert first.line_no == 2  # type: ignore[union-attr]
    assert f"two{end}lines" in first.cells  # type: ignore[union-attr]
    assert second.line_no == 4  # type: ignore[union-attr]
    code, _, err = _judge(path)
    assert code == 2
    assert f"{path}:4:" in err
    assert "could be 3 July or 7 March" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("13/07/2010", "2010-07-13"),
        ("7/7/2010", "2010-07-07"),
        ("03/07/2010", None),
        ("31/02/2010", None),
        ("2010-07-13", None),
    ],
)
def test_uk_dates(text, iso):
    assert uk_date(text) == iso


@pytest.mark.slow
def test_a_row_of_a_spreadsheet_is_explained_and_changed():
    runner = CliRunner()
    ref = f"{SOURCE}#Ashcombe Council"
    explained = runner.invoke(main, ["explain", ref, "--area", "supervision", "--rulebook", "ucra-2010"])
    assert explained.exit_code == 0, explained.stderr
    assert explained.stdout.startswith("Supervision [supervision] - Ashcombe Council, inspected 2010-07-13")
    by_id = runner.invoke(main, ["explain", f"{SOURCE}#ashcombe-council-2010-07-13", "--area", "supervision"])
    assert by_id.stdout == explained.stdout
    changed = runner.invoke(
        main, ["whatif", f"{SOURCE}#ashcombe-council-2010-07-13", "--set", "supervision_at_policy_frequency=60"]
    )
    assert changed.exit_code == 0, changed.stderr
    assert "Supervision [supervision]: satisfactory -> area for development" in changed.stdout
    which = runner.invoke(main, ["explain", str(SOURCE), "--area", "supervision"])
    assert which.exit_code == 2
    assert "has 24 rows: name the one to use" in which.stderr
    missing = runner.invoke(main, ["explain", f"{SOURCE}#ashcombe-2010", "--area", "supervision"])
    assert missing.exit_code == 2
    assert "did you mean 'ashcombe-council-2010-07-13'" in missing.stderr


def _expected_sheet(path: Path) -> None:
    header = [*HEADER, "expect.supervision", "expect.assessments"]
    # Ashcombe's grades as judged; Brackenfield's supervision expectation is wrong on purpose
    rows = [header, [*BODY[0], "satisfactory", "area_for_development"], [*BODY[1], "strength", "area_for_development"]]
    path.write_text(_csv(rows), encoding="utf-8")


def test_a_spreadsheet_with_expectation_columns_is_a_fixture_file(tmp_path):
    path = tmp_path / "councils-expected.csv"
    _expected_sheet(path)
    result = CliRunner().invoke(main, ["test", str(tmp_path), "-v"])
    assert "ashcombe-council-2010-07-13 > supervision" in result.stdout
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith("3 passed, 1 failed")
    assert "brackenfield-council-2010-09-21 > supervision: expected strength, got satisfactory" in result.stdout
    assert "councils-expected.csv:3:" in result.stdout  # the failing expectation's row


def test_the_pytest_plugin_collects_a_spreadsheet(pytester):
    _expected_sheet(pytester.path / "councils-expected.csv")
    result = pytester.runpytest("--collect-only", "-q")
    collected = [line for line in result.outlines if "::" in line]
    assert len(collected) == 4
    assert any("ashcombe-council-2010-07-13::supervision" in line for line in collected)


def test_zero_cases_compared_is_an_error(tmp_path):
    runner = CliRunner()
    rules = str(ROOT / "rules" / "ucra-2010")
    for target in ("missing/", str(tmp_path)):
        result = runner.invoke(main, ["diff", rules, rules, "--cases", target])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
    nothing = runner.invoke(main, ["test", str(tmp_path)])
    assert nothing.exit_code == 2
    assert "no fixtures found" in nothing.stderr


pytest_plugins = ["pytester"]


def test_a_failed_row_stays_in_the_spreadsheet_output(tmp_path):
    path = tmp_path / "s.csv"
    rows = ["authority,inspected,ia_in_timescale", "A Council,2010-07-13,70", "B Council,2010-07-13,eighty"]
    path.write_text("\n".join([*rows, "C Council,2010-07-13,90"]) + "\n")
    result = CliRunner().invoke(main, ["judge", str(path), "--rulebook", "ucra-2010", "--format", "csv"])
    assert result.exit_code == 2
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[0] for r in rows[1:]] == ["a-council-2010-07-13", "b-council-2010-07-13", "c-council-2010-07-13"]
    assert rows[0][-1] == "error"
    assert set(rows[2][4:-1]) == {"ERR"}
    assert rows[2][-1] == f"{path}:3:22: ia_in_timescale must be a number, not text 'eighty'"
    assert rows[1][-1] == ""


def test_wording_never_prints_no_evidence_percent_or_one_points(ucra, staffordshire):
    import judgement
    from judgement.explaining.counterfactual import Change

    assert Change("m", "Measure", "percent", 70, 71).text == "measure 70% -> 71% (+1 point)"
    from judgement.judging.reasons import render_template

    raw = staffordshire.to_dict()
    raw["evidence"].pop("staff_satisfied_with_training")
    rule = next(r for r in ucra.area("workforce_development").rules if r.id == "workforce_development.excellent")
    text = render_template(rule.because, ucra, judgement.load_case(raw))
    assert "; [no evidence] of staff report good access)" in text
    assert "[no evidence]%" not in text


def test_the_pytest_plugin_loads_nothing_heavy_at_start_up():
    probe = (
        "import sys, judgement.pytest_plugin; "
        "print('durable_rules_engine' in sys.modules, 'judgement.judging.judge' in sys.modules)"
    )
    assert printed_by(probe) == ["False", "False"]


def test_a_misspelt_measure_column_is_reported_once_at_its_title(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("authority,inspected,ia_in_timescle\n" + "".join(f"C{i},2010-07-13,70\n" for i in range(20)))
    result = CliRunner().invoke(main, ["judge", str(path), "--rulebook", "ucra-2010"])
    assert result.exit_code == 2
    assert result.stderr.count("is not a measure of rulebook ucra-2010") == 1
    assert "s.csv:1:21: column 'ia_in_timescle'" in result.stderr
    assert "did you mean 'ia_in_timescale'" in result.stderr


def test_percentages_kept_as_fractions_are_refused_with_a_hint(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "authority,inspected,ia_in_timescale,ca_in_timescale\nA,2010-07-13,0.784,0.81\nB,2010-07-13,70,0.5\n"
    )
    result = CliRunner().invoke(main, ["judge", str(path), "--rulebook", "ucra-2010"])
    assert result.exit_code == 2
    # ca_in_timescale is a fraction in every row: both rows refused at that column; ia_in_timescale's 0.784
    # beside 70 would be read as written
    assert "s.csv:2:20: every ca_in_timescale in this spreadsheet is between 0 and 1" in result.stderr
    assert "s.csv:3:17: every ca_in_timescale in this spreadsheet is between 0 and 1" in result.stderr
    assert "hint: Excel keeps 78.4% as 0.784" in result.stderr
    assert "2 of 2 cases could not be judged (0 judged)" in result.stderr


def test_one_fraction_column_is_refused_whatever_the_other_columns(tmp_path):
    """A sheet with a single percentage column of fractions: refused, though each row has one percentage."""
    path = tmp_path / "s.csv"
    path.write_text("authority,inspected,ia_in_timescale\nA,2010-07-13,0.784\nB,2010-07-13,0.81\n")
    result = CliRunner().invoke(main, ["judge", str(path), "--rulebook", "ucra-2010"])
    assert result.exit_code == 2
    assert "s.csv:2:14: every ia_in_timescale in this spreadsheet is between 0 and 1" in result.stderr
    small = tmp_path / "t.csv"
    small.write_text("authority,inspected,ia_in_timescale\nA,2010-07-13,0.784\nB,2010-07-13,81\n")
    judged = CliRunner().invoke(main, ["judge", str(small), "--rulebook", "ucra-2010", "--format", "csv"])
    assert judged.exit_code == 0, judged.stderr  # a small value among larger ones is read as written


def test_a_count_out_of_a_sample_in_a_spreadsheet_is_kept_and_judged(tmp_path):
    """MEASURE.count with the sample size in MEASURE.n: the row's evidence is the count out of the sample
    (once it was dropped without a word, for want of a value cell)."""
    path = tmp_path / "s.csv"
    path.write_text(
        "authority,inspected,records_out_of_date.count,records_out_of_date.n\nA,2011-01-18,4,30\nB,2011-01-18,5,\n"
    )
    result = CliRunner().invoke(main, ["judge", str(path), "--rulebook", "ucra-2010", "--format", "csv"])
    assert result.exit_code == 2
    rows = result.stdout.splitlines()
    header = rows[0].split(",")
    first = dict(zip(header, rows[1].split(","), strict=True))
    assert first["case_recording"] == "AD"  # 4 of 30: "several" sampled cases, under the 15% rate line
    assert "s.csv:3:14: records_out_of_date.count is a count out of a sample, but the row gives no" in result.stderr
    assert "expected: the sample size in a records_out_of_date.n column" in result.stderr
