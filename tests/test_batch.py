"""Judging many cases: directories and spreadsheets, workers, input order, failures, output formats."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import judgement
from judgement.cli import main
from tests.conftest import FIXTURES, ROOT

SHEET = ROOT / "fixtures" / "spreadsheets" / "ucra-2010-councils.csv"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_directory_to_csv_is_identical_with_two_workers():
    one = run("judge", str(FIXTURES), "--format", "csv")
    two = run("judge", str(FIXTURES), "--format", "csv", "--workers", "2")
    assert one.exit_code == 0, one.stderr
    assert two.exit_code == 0, two.stderr
    assert one.stdout == two.stdout
    lines = one.stdout.splitlines()
    assert lines[0].startswith("case,authority,inspected,rulebook,workforce_development,early_help_caf,")
    assert len(lines) == 1 + len(list(FIXTURES.glob("*.yaml")))
    staffs = next(line for line in lines if line.startswith("staffordshire-2010,"))
    # the letter's 16 findings, then the 8 areas it made no finding on
    assert staffs.endswith(",ST,ST" + ",SA" * 10 + ",AD" * 4 + ",NJ" * 7 + ",SA")


def test_spreadsheet_of_councils_with_workers():
    one = run("judge", str(SHEET), "--format", "csv")
    two = run("judge", str(SHEET), "--format", "csv", "--workers", "2")
    assert one.exit_code == 0, one.stderr
    assert one.stdout == two.stdout
    rows = one.stdout.splitlines()[1:]
    assert len(rows) == 24
    assert {r.split(",")[3] for r in rows} == {"ucra-2010"}


@pytest.mark.slow
def test_every_output_format_keeps_input_order(tmp_path):
    names = [
        json.loads(line)["case"]["case"]
        for line in run("judge", str(FIXTURES), "--format", "jsonl", "--workers", "2").stdout.splitlines()
    ]
    assert names == [p.stem for p in sorted(FIXTURES.glob("*.yaml"))]
    data = json.loads(run("judge", str(FIXTURES), "--format", "json").stdout)
    assert [d["case"]["case"] for d in data] == names
    grid = tmp_path / "grid.html"
    assert run("judge", str(SHEET), "--format", "html", "-o", str(grid)).exit_code == 0
    page = grid.read_text()
    assert page.count('<td class="cell ') == 24 * 24  # councils by areas
    assert 'href="#ashcombe-council-2010-07-13--assessments"' in page
    assert 'id="ashcombe-council-2010-07-13--assessments"' in page


def _sheet(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(
        "authority,inspected,ia_in_timescale,ia_in_timescale.england,ca_in_timescale,"
        "children_at_risk_in_sample\n" + "\n".join(rows) + "\n"
    )
    return path


def test_a_bad_row_is_reported_by_row_and_column_and_the_others_go_on(tmp_path):
    sheet = _sheet(
        tmp_path,
        [
            "Good Council,2010-07-13,80,72,81,0",
            "Bad Council,2010-07-13,eighty,72,81,0",
            "Also Good,2010-07-13,90,72,91,0",
        ],
    )
    result = run("judge", str(sheet), "--format", "csv", "--rulebook", "ucra-2010")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # the header, and a line per row: the bad one marked ERR in its place
    assert lines[2].startswith("bad-council-2010-07-13,,,,ERR,ERR")
    assert "sheet.csv:3:24: ia_in_timescale must be a number, not text 'eighty'" in result.stderr
    assert "1 of 3 cases could not be judged (2 judged)" in result.stderr
    assert "Traceback" not in result.stderr


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    sheet = _sheet(tmp_path, ["Bad Council,2010-07-13,140,72,81,0", "Good Council,2010-07-13,80,72,81,0"])
    result = run("judge", str(sheet), "--format", "csv", "--fail-fast")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[1].startswith("bad-council-2010-07-13,,,,")  # its ERR row, then nothing
    assert len(result.stdout.splitlines()) == 2
    assert "stopped at the first (--fail-fast)" in result.stderr
    assert "sheet.csv:2:24: ia_in_timescale = 140 is outside the measure's range" in result.stderr


def test_the_rulebook_is_found_from_the_spreadsheet_columns(tmp_path):
    sheet = _sheet(tmp_path, ["Good Council,2010-07-13,80,72,81,0"])
    result = run("judge", str(sheet), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert ",ucra-2010," in result.stdout


def test_spreadsheet_structure_errors(tmp_path):
    no_date = tmp_path / "nodate.csv"
    no_date.write_text("authority,ia_in_timescale\nA,80\n")
    result = run("judge", str(no_date), "--rulebook", "ucra-2010")
    assert result.exit_code == 2
    assert "nodate.csv:1:1: no 'inspected' column" in result.stderr
    percent = _sheet(tmp_path, ["Good Council,2010-07-13,80%,72,81,0"])
    result = run("judge", str(percent), "--rulebook", "ucra-2010")
    assert "sheet.csv:2:25: ia_in_timescale: '80%' has a % sign" in result.stderr
    ragged = _sheet(tmp_path, ["Good Council,2010-07-13,80"])
    assert "row has 3 cells but the header has 6 columns" in run("judge", str(ragged), "--rulebook", "ucra-2010").stderr


def _judge_file(path: str) -> str:
    """The recipe in docs/batch.md: one case, one pure function call, in any process."""
    case = judgement.load_case(path)
    return judgement.judge(judgement.rulebook_for(case), case).to_json(trace=False)


def test_standard_library_process_pool_recipe():
    paths = [str(p) for p in sorted(FIXTURES.glob("*.yaml"))]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        parallel = list(pool.map(_judge_file, paths))
    assert parallel == [_judge_file(p) for p in paths]


def _freezes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import gc

    calls: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    return calls


def test_the_command_in_its_own_process_freezes_what_each_case_leaves(monkeypatch, tmp_path):
    """Started as ``judgement`` (:func:`judgement.cli.run`), a batch puts what each case leaves behind out of
    the garbage collector's sight; the outcome is the same."""
    from judgement import cli

    calls = _freezes(monkeypatch)
    monkeypatch.setattr(cli, "_OWN_PROCESS", False)
    out = tmp_path / "grid.csv"
    monkeypatch.setattr("sys.argv", ["judgement", "judge", str(FIXTURES), "--format", "csv", "-o", str(out)])
    with pytest.raises(SystemExit) as ended:
        cli.run()
    assert ended.value.code in (0, 1)
    cases = len(list(FIXTURES.glob("*.yaml")))
    assert cases > 2
    assert len(calls) == cases
    monkeypatch.setattr(cli, "_OWN_PROCESS", False)
    calls.clear()
    again = CliRunner().invoke(main, ["judge", str(FIXTURES), "--format", "csv"])
    assert again.output == out.read_text(encoding="utf-8")


def test_a_program_calling_the_command_in_its_own_process_is_left_as_it_was(monkeypatch):
    calls = _freezes(monkeypatch)
    result = CliRunner().invoke(main, ["judge", str(FIXTURES), "--format", "csv"])
    assert result.exit_code in (0, 1), result.output
    assert calls == []
    list(judgement.batch.judge_all(judgement.batch.collect_cases([FIXTURES]), (), _csv()))
    assert calls == []


def test_a_worker_process_freezes_what_each_case_leaves(monkeypatch):
    from judgement import batch

    calls = _freezes(monkeypatch)
    monkeypatch.setattr(batch, "_WORKER_RULES", ())
    (item,) = batch.collect_cases([FIXTURES / "staffordshire-2010.yaml"])
    outcome = batch._work((item, "csv", False))
    assert outcome.ok
    assert len(calls) == 1


def _csv():
    from judgement.renderers.formats import format_named

    return format_named("csv")
