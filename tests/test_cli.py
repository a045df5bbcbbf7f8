"""The command line: outputs, exit codes, and errors without tracebacks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from judgement.cli import main
from tests.conftest import DATA, FIXTURES, ROOT

STAFFS = str(FIXTURES / "staffordshire-2010.yaml")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "judgement", *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


def test_judge_json_gives_the_letters_grades():
    done = run("judge", STAFFS, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    grades = {a["area"]: a["grade"] for a in data["areas"]}
    assert len(grades) == 24
    assert sum(g == "not_judged" for g in grades.values()) == 7  # areas the letter made no finding on
    assert sorted(a for a, g in grades.items() if g == "strength") == ["early_help_caf", "workforce_development"]
    assert sum(g == "satisfactory" for g in grades.values()) == 11  # and the sample's none at risk


def test_judge_text_groups_under_the_letters_headings():
    done = run("judge", STAFFS)
    assert done.returncode == 0
    out = done.stdout
    assert out.index("Strengths") < out.index("Satisfactory practice") < out.index("Areas for development")
    assert "Areas for priority action" not in out


def test_judge_verbose_and_markdown():
    assert "policy (priority)" in run("judge", STAFFS, "-v").stdout
    assert run("judge", STAFFS, "--format", "markdown").stdout.startswith("# Staffordshire County Council")


def test_explain_shows_evidence_rules_margins_and_policy():
    done = run("explain", STAFFS, "--area", "assessments")
    assert done.returncode == 0
    assert "ia_in_timescale = 78.4% (england 72, neighbours 74.1)" in done.stdout
    assert "ia_in_timescale 78.4 >= 85: fails (margin -6.6)" in done.stdout
    assert "policy (priority): no other rule fired, so the default rule assessments.met applies" in done.stdout


def test_explain_unknown_area_suggests():
    done = run("explain", STAFFS, "--area", "assesments")
    assert done.returncode == 2
    assert "did you mean 'assessments'" in done.stderr


def test_check_shipped_rulebook():
    done = run("check", "rules/ucra-2010")
    assert done.returncode == 0
    assert "ucra-2010 2.0.0" in done.stdout
    assert ": ok" in done.stdout


def test_bad_case_exits_2_with_location_and_no_traceback():
    bad = DATA / "invalid" / "cases" / "quoted-number.yaml"
    done = run("judge", str(bad))
    assert done.returncode == 2
    assert "quoted-number.yaml:8:21: ia_in_timescale must be a number, not text '85'" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_rulebook_exits_2(tmp_path):
    import shutil

    shutil.copytree(DATA / "mini", tmp_path / "rb")
    shutil.copy(DATA / "invalid" / "areas" / "unit-mismatch.yaml", tmp_path / "rb" / "areas" / "one.yaml")
    done = run("check", str(tmp_path / "rb"))
    assert done.returncode == 2
    assert "one.yaml:9:13: unit mismatch: percent compared with count" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_exits_2():
    done = run("judge", "no-such-case.yaml")
    assert done.returncode == 2
    assert "no-such-case.yaml: no such file" in done.stderr


def test_unmet_expectations_exit_1(tmp_path):
    text = (
        (FIXTURES / "staffordshire-2010.yaml")
        .read_text()
        .replace("  supervision: satisfactory", "  supervision: strength")
    )
    case = tmp_path / "case.yaml"
    case.write_text(text)
    done = run("judge", str(case))
    assert done.returncode == 1
    assert "staffordshire-2010 > supervision: expected strength, got satisfactory" in done.stderr


# In-process runs over the whole bad-input corpus: exit 2, the file's location on stderr, no traceback.

INVALID = DATA / "invalid"


def _expected(path):
    text = path.read_text()
    return re.search(r"^# error: (.*)$", text, re.M).group(1), re.search(r"^# at: (.*)$", text, re.M).group(1)


@pytest.mark.parametrize("path", sorted((INVALID / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_cli_rejects_each_bad_case(path):
    message, at = _expected(path)
    result = CliRunner().invoke(main, ["judge", str(path)])
    assert result.exit_code == 2
    assert f"{path.name}:{at}: " in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("path", sorted((INVALID / "areas").glob("*.yaml")), ids=lambda p: p.stem)
def test_cli_rejects_each_bad_rulebook(path, tmp_path):
    message, at = _expected(path)
    shutil.copytree(DATA / "mini", tmp_path / "rb")
    (tmp_path / "rb" / "areas" / "one.yaml").unlink()
    shutil.copy(path, tmp_path / "rb" / "areas" / path.name)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "rb")])
    assert result.exit_code == 2
    assert f"{path.name}:{at}: " in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_json_case_files_are_accepted(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps(
            {
                "case": "json-case",
                "authority": "JSON Council",
                "inspected": "2010-07-13",
                "rulebook": "ucra-2010",
                "evidence": {
                    "ia_in_timescale": {"value": 1e-05, "england": 72},
                    "ca_in_timescale": 81,
                    "children_at_risk_in_sample": 0,
                },
            }
        )
    )
    result = CliRunner().invoke(main, ["judge", str(case), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    areas = {a["area"]: a for a in json.loads(result.stdout)["areas"]}
    assert areas["assessments"]["grade"] == "area_for_development"
    assert areas["supervision"]["grade"] == "not_judged"


def test_duplicate_keys_in_json_are_errors(tmp_path):
    case = tmp_path / "dup.json"
    case.write_text('{"case": "a", "case": "b"}')
    result = CliRunner().invoke(main, ["judge", str(case)])
    assert result.exit_code == 2
    assert "dup.json:1:16: duplicate key 'case'" in result.stderr


def test_a_rulebook_file_given_as_a_case_is_named_for_what_it_is():
    result = CliRunner().invoke(main, ["judge", str(ROOT / "rules" / "ucra-2010" / "rulebook.yaml")])
    assert result.exit_code == 2
    assert "rulebook.yaml:3:1: this is a rulebook manifest (rulebook.yaml), not a case" in result.stderr
    area = CliRunner().invoke(main, ["judge", str(ROOT / "rules" / "ucra-2010" / "areas" / "07-supervision.yaml")])
    assert "this is an area file of a rulebook, not a case" in area.stderr


def test_test_without_a_fixtures_folder_asks_for_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unrelated.yaml").write_text("just: [some, data\n")
    result = CliRunner().invoke(main, ["test"])
    assert result.exit_code == 2
    assert "no fixtures/ folder here\n  expected: the fixture files or folders to run" in result.stderr
    # a folder of unrelated (even broken) YAML has no fixtures; a broken case file is reported
    assert "no fixtures found" in CliRunner().invoke(main, ["test", str(tmp_path)]).stderr
    (tmp_path / "broken.yaml").write_text("case: x\nauthority: [\n")
    broken = CliRunner().invoke(main, ["test", str(tmp_path)])
    assert broken.exit_code == 1
    assert "FAIL broken > (judged): the case could not be judged" in broken.stdout


def test_internal_errors_exit_3_without_a_traceback(monkeypatch):
    from judgement import cli

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(cli, "load_one", broken)
    result = CliRunner().invoke(main, ["explain", str(FIXTURES / "staffordshire-2010.yaml"), "--area", "x"])
    assert result.exit_code == 3
    assert "internal error: ZeroDivisionError: simulated bug" in result.stderr
    assert "This is a bug in judgement; please report it." in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_shell_completion_script_is_offered():
    import os
    import subprocess
    import sys

    env = dict(os.environ, _JUDGEMENT_COMPLETE="bash_source")
    done = subprocess.run(
        [sys.executable, "-m", "judgement"], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0
    assert "_JUDGEMENT_COMPLETE=bash_complete" in done.stdout


def test_unknown_area_in_explain_has_a_hint():
    result = CliRunner().invoke(main, ["explain", str(FIXTURES / "staffordshire-2010.yaml"), "--area", "supervison"])
    assert result.exit_code == 2
    assert "unknown area 'supervison' in rulebook ucra-2010" in result.stderr
    assert "did you mean 'supervision'?" in result.stderr


def test_json_output_has_no_machine_specific_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case = str(FIXTURES / "staffordshire-2010.yaml")  # absolute, outside the working directory
    result = CliRunner().invoke(main, ["judge", case, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert f'"{ROOT}' not in result.stdout  # no JSON string starts with an absolute path
    data = json.loads(result.stdout)
    assert data["case_path"].endswith("fixtures/ucra-2010/staffordshire-2010.yaml")
    assert not data["case_path"].startswith("/")
    at = data["areas"][0]["trace"]["rules"][0]["at"]
    assert at.startswith("judgement/rulebooks/ucra-2010/areas/01-workforce_development.yaml:"), at


def test_display_paths():
    from pathlib import Path

    from judgement._fmt import display_path

    here = Path.cwd()
    assert display_path("rules/x.yaml") == "rules/x.yaml"
    assert display_path(here / "rules" / "x.yaml") == "rules/x.yaml"
    assert display_path(here.parent / "x.yaml") == "../x.yaml"
    labelled = here.parent / "lib" / "rulebooks" / "a.yaml"
    assert display_path(labelled, labels=((here.parent / "lib" / "rulebooks", "judgement/rulebooks"),)) == (
        "judgement/rulebooks/a.yaml"
    )


def test_a_working_folder_deleted_under_the_command_is_no_error(tmp_path):
    """A shell left in a folder since deleted: a case named by its full path is judged, and locations are
    shown whole (or under the shipped rulebooks' label), as no folder is there to be relative to."""
    gone = tmp_path / "gone"
    gone.mkdir()
    case = ROOT / "fixtures" / "ucra-2010" / "staffordshire-2010.yaml"
    probe = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); from judgement.cli import run; "
        "sys.argv = ['judgement', 'judge', sys.argv[2], '--format', 'json']; run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(gone), str(case)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["case"]["authority"] == "Staffordshire County Council"
    rule = data["areas"][0]["trace"]["rules"][0]
    assert rule["at"].startswith(("judgement/rulebooks/ucra-2010/", str(ROOT / "rules"))), rule["at"]


def test_the_command_s_entry_point_resumes_the_collector_with_the_command_line_frozen():
    """``judgement`` and ``python -m judgement`` import the command line with the cyclic garbage collector
    paused, then freeze what was imported and resume it before reading any input."""
    probe = (
        "import gc, sys; from judgement import _entry; sys.argv = ['judgement', '--version']\n"
        "try:\n    _entry.main()\nexcept SystemExit as done:\n    code = done.code\n"
        "print(code, gc.isenabled(), gc.get_freeze_count() > 10_000, 'judgement.cli' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.stdout.split()[-4:] == ["0", "True", "True", "True"], done.stderr
    command = [sys.executable, "-m", "judgement", "--version"]
    shown = subprocess.run(command, capture_output=True, text=True, check=False)
    assert shown.returncode == 0
    assert shown.stdout.startswith("judgement, version")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "openpty"), reason="a terminal made with a pseudo-terminal")
def test_a_terminal_is_shown_a_progress_bar_for_many_cases_and_a_file_none(tmp_path):
    sheet = ROOT / "fixtures" / "spreadsheets" / "ucra-2010-councils.csv"  # 24 rows: more than 20 cases
    command = [sys.executable, "-m", "judgement", "judge", str(sheet), "--format", "csv"]
    leader, follower = os.openpty()
    try:
        done = subprocess.run(
            [*command, "-o", str(tmp_path / "out.csv")], stderr=follower, cwd=ROOT, timeout=120, check=False
        )
    finally:
        os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other end is closed and everything written was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.returncode == 0, shown
    assert b"judging" in shown
    assert b"100%" in shown
    to_file = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=120, check=True)
    assert to_file.stderr == b""  # no bar where no one watches
    assert to_file.stdout.decode().count("\n") == 25
