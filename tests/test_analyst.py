"""The analyst's layer: a council side by side (over the years, against its neighbours), the director's
summary and the workbook, the Python layer (judgement.data, render, diff, DataFrames, parameters set in
Python, saved judgements loaded back), and the searches behind "what would change it" (shared by a
case's areas, and exactly what a search over every change would find)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import judgement
from judgement import data
from judgement.cli import main
from judgement.data.statistics import clear_statistics, statistics
from judgement.explaining import counterfactual as cf
from judgement.judging.judge import judge_for
from judgement.judging.trials import Trials
from tests.conftest import assert_type_checks

DAY = dt.date(2025, 3, 31)


@pytest.fixture(scope="module")
def ilacs():
    return judgement.find_rulebook("ilacs-2018", DAY)


@pytest.fixture(scope="module")
def councils_2025():
    return data.cases(year=2025)


# ------------------------------------------------------------------------------------------ judgement.data


def test_the_data_layer_names_councils_as_people_write_them():
    hull = data.find("Hull")
    assert (hull.code, hull.number, hull.name) == ("E06000010", "810", "Kingston upon Hull, City of")
    assert data.find("810") == hull == data.find("e06000010")
    assert data.years()[-1] == 2025
    assert data.years()[0] == 2013
    names = {c.name for c in data.councils(2025)}
    assert len(names) == 153
    assert {"Cumberland", "Westmorland and Furness", "Hull"} - names == {"Hull"}
    assert not {"Cumbria", "Northamptonshire"} & names  # abolished: no figures since
    near = data.neighbours("Staffordshire", 2025)
    assert len(near) == 10
    assert near[0].name == "East Riding of Yorkshire"
    five = data.cases(authority="Staffordshire", years=range(2021, 2026))
    assert [c.id for c in five] == [f"e10000028-{y}" for y in range(2021, 2026)]
    assert all(isinstance(c, judgement.Case) for c in five)
    with pytest.raises(judgement.UsageError, match="give year or years"):
        data.cases(2024, years=[2025])
    with pytest.raises(judgement.UsageError, match="no council 'Hertfordshre'") as bad:
        data.find("Hertfordshre")
    assert "did you mean 'Hertfordshire'" in str(bad.value)
    with pytest.raises(judgement.UsageError, match="DfE has not published children in need figures for 2026"):
        data.cases(2026, "Staffordshire")


@pytest.mark.slow
def test_statistics_are_read_once_and_again_when_their_files_change(tmp_path):
    import shutil

    from judgement.data.statistics import SHIPPED

    folder = tmp_path / "stats"
    shutil.copytree(SHIPPED, folder)
    first = statistics(folder)
    assert statistics(folder) is first
    release = next(folder.glob("c1_*.csv"))
    stamp = release.stat()
    os.utime(release, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    again = statistics(folder)
    assert again is not first
    assert again.rows.keys() == first.rows.keys()
    clear_statistics()
    assert statistics(folder) is not again


# ------------------------------------------------------------------------------------------ side by side


def test_a_council_over_the_years_and_against_its_neighbours_as_text():
    done = CliRunner().invoke(main, ["compare", "--authority", "Staffordshire", "--years", "2021-2025"])
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Staffordshire (E10000028) over 2021 to 2025"
    row = next(line for line in lines if line.startswith("Referrals within 12 months of a previous referral"))
    assert row.split()[-9:] == ["17.4%", "15.4%", "13.2%", "14.1%", "14.2%", "22.6%", "18.8%", "↑", "worse"]
    assert "Staffordshire (E10000028) against its statistical neighbours, 2025" in lines
    turnover = next(line for line in lines if line.startswith("Social worker turnover (FTE)") and "of 11" in line)
    assert turnover.endswith("1 of 11")  # the lowest turnover among it and its ten neighbours


def test_side_by_side_as_csv_and_as_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    runner = CliRunner()
    done = runner.invoke(
        main, ["compare", "--authority", "Hull", "--year", "2024", "--view", "years", "--format", "csv"]
    )
    assert done.exit_code == 0, done.stderr
    rows = list(__import__("csv").reader(io.StringIO(done.stdout)))
    assert rows[0] == ["council", "measure", "indicator", "year", "figure", "England", "neighbours' mean", "unit"]
    assert {r[3] for r in rows[1:]} == {"2020", "2021", "2022", "2023", "2024"}
    book = tmp_path / "hull.xlsx"
    made = runner.invoke(main, ["compare", "--authority", "Hull", "--format", "xlsx", "-o", str(book)])
    assert made.exit_code == 0, made.stderr
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["Over years", "Grades each year", "Neighbours"]
    sheet = workbook["Over years"]
    first = [c.value for c in sheet[4]]
    assert first[:4] == ["Kingston upon Hull, City of", "rereferral_percent", first[2], 2021]
    assert isinstance(first[4], float)
    assert sheet.cell(row=4, column=5).number_format == '0.0"%"'
    rate = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == "cin_per_10k")
    assert rate[4].number_format == "0.0"
    terminal = runner.invoke(main, ["compare", "--authority", "Hull", "--format", "xlsx"])
    assert terminal.exit_code == 2
    assert "a workbook is not written to the terminal" in terminal.stderr
    assert "hint: add -o report.xlsx, or choose --format csv" in terminal.stderr


def test_side_by_side_for_a_council_or_year_without_figures():
    runner = CliRunner()
    gone = runner.invoke(main, ["compare", "--authority", "Poole", "--year", "2024"])
    assert gone.exit_code == 2
    assert "Poole was abolished on 1 April 2019" in gone.stderr
    assert "Bournemouth, Christchurch and Poole" in gone.stderr
    early = runner.invoke(main, ["compare", "--authority", "Hull", "--year", "2026"])
    assert early.exit_code == 2
    assert "DfE has not published children in need figures for 2026" in early.stderr


# ------------------------------------------------------------------------------------------ the director


def test_the_summary_and_the_workbook_speak_the_scales_words(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    runner = CliRunner()
    summary = runner.invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2025", "--format", "summary"])
    assert summary.exit_code == 0, summary.stderr
    page = summary.stdout
    assert "<h2>Judgements</h2>" in page
    assert "<h2>The figures behind them</h2>" in page
    assert ">to look into<" in page
    assert ">area for development<" not in page
    book = tmp_path / "s.xlsx"
    made = runner.invoke(
        main, ["judge", "--authority", "Staffordshire", "--years", "2021-2025", "--format", "xlsx", "-o", str(book)]
    )
    assert made.exit_code == 0, made.stderr
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["Grades", "Summary", "Areas", "Evidence"]
    grades = list(workbook["Grades"].iter_rows(values_only=True))
    assert [r[0] for r in grades[1:]] == [f"e10000028-{y}" for y in range(2021, 2026)]
    words = {w for row in grades[1:] for w in row[4:]}
    assert words <= {g.label for s in judgement.find_rulebook("ilacs-2018", DAY).scales for g in s.grades} | {
        "not judged"
    }
    summary_rows = list(workbook["Summary"].iter_rows(min_row=4, values_only=True))
    caseloads = next(r for r in summary_rows if r[0] == "e10000028-2025" and r[3] == "Caseloads")
    assert caseloads[6:8] == (17.4, 17.4)
    assert caseloads[8] == "level"


def test_a_letter_for_a_screen_of_statistics_is_a_briefing():
    done = CliRunner().invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2025", "--format", "letter"])
    assert done.exit_code == 0
    assert "This briefing screens the published figures" in done.stdout
    assert "took place" not in done.stdout


# ------------------------------------------------------------------------------------------ Python layer


def test_render_is_what_the_command_line_writes(ilacs, councils_2025):
    case = next(c for c in councils_2025 if c.authority == "Staffordshire")
    result = judgement.judge(ilacs, case)
    cli = CliRunner().invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2025"])
    assert judgement.render(result) == cli.stdout
    assert judgement.render([result, result], "csv").count("e10000028-2025") == 2
    workbook = judgement.render(result, "xlsx")
    assert isinstance(workbook, bytes)
    assert workbook[:2] == b"PK"
    with pytest.raises(judgement.UsageError, match="unknown format 'pdf'"):
        judgement.render(result, "pdf")


def test_a_judgement_is_short_to_print_and_a_table_in_a_notebook(ucra, staffordshire):
    result = judgement.judge(ucra, staffordshire)
    assert repr(result) == (
        "<Judgement staffordshire-2010 (Staffordshire County Council, 2010-07-13) under ucra-2010 2.0.0: "
        "2 strength, 11 satisfactory, 4 area for development, 7 not judged>"
    )
    evil = judgement.load_case({**staffordshire.to_dict(), "authority": "<script>x</script>"})
    html = judgement.judge(ucra, evil)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<tr>") == 1 + len(result.areas)


def test_judgements_as_dataframes(ucra, staffordshire, monkeypatch):
    pd = pytest.importorskip("pandas")
    result = judgement.judge(ucra, staffordshire)
    frame = result.to_frame()
    assert len(frame) == len(result.areas)
    row = frame.set_index("area").loc["supervision"]
    assert (row["grade"], row["grade_label"], row["status"]) == ("satisfactory", "satisfactory", "judged")
    assert row["evidence"]["supervision_at_policy_frequency"] == 91
    rules = judgement.results_to_frame([result, result], rules=True)
    assert len(rules) == 2 * sum(len(a.trace.rules) for a in result)
    assert set(rules["outcome"]) <= {"fired", "not_fired", "not_evaluable", "not_in_force"}
    assert isinstance(judgement.results_to_frame([]), pd.DataFrame)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(judgement.UsageError) as missing:
        result.to_frame()
    assert missing.value.problems[0].code == "usage.missing-extra"
    assert "pip install 'judgement[pandas]'" in str(missing.value)


def test_a_threshold_set_in_python_moves_the_councils_it_should(ilacs, councils_2025):
    tight = ilacs.with_parameters(caseload_above_england=1)
    assert tight.digest != ilacs.digest
    assert tight.areas == ilacs.areas
    assert tight.parameters["caseload_above_england"].values[0].value == 1
    assert not tight.calibration  # the back-test measured the rules as shipped, not these
    moved = []
    for case in councils_2025:
        before = judgement.judge(ilacs, case).areas["caseloads"]
        after = judgement.judge(tight, case).areas["caseloads"]
        if before.grade != after.grade:
            moved.append(case)
            assert (before.grade.id, after.grade.id) == ("in_line", "to_look_into")
            fact = case.evidence["caseload"]
            assert fact.england + 1 < fact.value <= fact.england + 2
    assert len(moved) == sum(
        1
        for c in councils_2025
        if "caseload" in c.evidence and 1 < c.evidence["caseload"].value - c.evidence["caseload"].england <= 2
    )
    assert judgement.judge(tight, moved[0]).stamp.rulebook_digest == tight.digest
    with pytest.raises(judgement.UsageError) as bad:
        ilacs.with_parameters(caseload=1, agency_above_england=float("nan"))
    assert [p.message for p in bad.value.problems] == [
        "unknown parameter 'caseload' in rulebook ilacs-2018",
        "parameter agency_above_england: nan is not a finite number",
    ]


@pytest.mark.slow
def test_a_saved_judgement_loads_back_as_its_case(tmp_path, ilacs, councils_2025):
    case = councils_2025[0]
    result = judgement.judge(ilacs, case)
    saved = tmp_path / "saved.json"
    saved.write_text(result.to_json())
    again = judgement.load_case(saved)
    assert again == case == judgement.load_case(json.loads(saved.read_text())["case"])
    assert judgement.judge(ilacs, again).stamp == result.stamp
    done = CliRunner().invoke(main, ["judge", str(saved), "--format", "json"])
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["stamp"]["evidence_digest"] == result.stamp.evidence_digest
    broken = json.loads(saved.read_text())
    broken["case"]["evidence"]["caseload"]["value"] = "many"
    bad = CliRunner().invoke(main, ["judge", "-"], input=json.dumps(broken))
    assert bad.exit_code == 2


def test_diff_is_a_function_returning_records(ilacs, councils_2025):
    tight = ilacs.with_parameters(agency_above_england=5)
    report = judgement.diff(ilacs, tight, councils_2025[:40])
    assert isinstance(report, judgement.DiffReport)
    assert report.changes
    assert all(isinstance(c, judgement.AreaChange) for c in report.changes)
    assert {c.area for c in report.changes} >= {"agency"}


# ------------------------------------------------------------------------------------------ the searches


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_trial_gives_every_area_the_grade_the_engine_gives_the_changed_case(ilacs, councils_2025, draw):
    """Trials re-decide only the areas whose inputs changed; the grades must be those of judging the
    changed case through the engine from scratch."""
    case = draw.draw(st.sampled_from(councils_2025[:60]))
    judge = judge_for(ilacs)
    values = cf._search_for(judge, case).values
    numeric = sorted(
        m for m in case.evidence if isinstance(values.get(m), int | float) and not isinstance(values[m], bool)
    )
    chosen = draw.draw(st.lists(st.sampled_from(numeric), min_size=1, max_size=3, unique=True))
    changes = {}
    for name in chosen:
        measure = ilacs.measures[name]
        value = draw.draw(st.floats(min_value=measure.minimum, max_value=min(measure.maximum, 1000.0)))
        changes[name] = round(value) if measure.unit.whole else round(value, 1)
    trials = judge.trials(values, frozenset(case.evidence), case.inspected)
    changed = cf._with_changes(case, [cf._change(ilacs, case.evidence[m], v) for m, v in changes.items()])
    expected = judge.grades(changed)
    for area in ilacs.areas:
        assert trials.grade(area, tuple(changes.items()))[0] == expected[area.id], (case.id, area.id, changes)


def test_leaving_out_changes_that_move_nothing_finds_the_same_counterfactuals(ilacs, councils_2025, monkeypatch):
    sample = councils_2025[::31]
    found = {}
    for case in sample:
        result = judgement.judge(ilacs, case)
        found[case.id] = {a.area: [c.text for c in cf.counterfactuals(ilacs, case, a.area, a)] for a in result}
    cf.clear_searches()
    monkeypatch.setattr(Trials, "alone", lambda *_: False)  # every change tried in company
    for case in sample:
        result = judgement.judge(ilacs, case)
        assert found[case.id] == {a.area: [c.text for c in cf.counterfactuals(ilacs, case, a.area, a)] for a in result}
    cf.clear_searches()


def test_a_case_searched_once_is_shared_by_its_areas_and_kept_bounded(ilacs, councils_2025):
    cf.clear_searches()
    judge = judge_for(ilacs)
    first = cf._search_for(judge, councils_2025[0])
    assert cf._search_for(judge, councils_2025[0]) is first
    for case in councils_2025[1 : cf.CASES_KEPT + 3]:
        cf._search_for(judge, case)
    assert len(cf._SEARCHES) == cf.CASES_KEPT
    assert cf._search_for(judge, councils_2025[0]) is not first  # let go, and made again
    cf.clear_searches()
    assert not cf._SEARCHES


# ------------------------------------------------------------------------------------------ typing


ANALYST_SCRIPT = """
    from __future__ import annotations

    import judgement
    import judgement.data


    def every_council(year: int) -> int:
        cases: list[judgement.Case] = judgement.data.cases(year=year)
        hull: judgement.data.Council = judgement.data.find("Hull")
        rulebook = judgement.find_rulebook("ilacs-2018", cases[0].inspected)
        tight: judgement.Rulebook = rulebook.with_parameters(caseload_above_england=1)
        results = [judgement.judge(rulebook, c) for c in cases]
        report: judgement.DiffReport = judgement.diff(rulebook, tight, cases)
        text: str | bytes = judgement.render(results[0], "summary")
        frame = judgement.results_to_frame(results)
        one = results[0].to_frame(rules=True)
        return len(report.changes) + len(text) + len(frame) + len(one) + len(hull.name)
"""


@pytest.mark.slow
def test_an_analysts_script_type_checks_strictly(tmp_path):
    assert_type_checks(tmp_path, ANALYST_SCRIPT)


def test_a_simulation_reports_its_progress_without_changing_its_numbers(ucra, staffordshire):
    seen: list[int] = []
    counted = judgement.simulate(ucra, staffordshire, draws=1234, seed=1, progress=seen.append)
    assert seen == [500, 500, 234]
    assert counted == judgement.simulate(ucra, staffordshire, draws=1234, seed=1)


@pytest.mark.slow
def test_a_rule_change_over_councils_from_the_statistics_in_the_scales_words(tmp_path):
    import shutil

    from tests.conftest import ROOT

    stricter = tmp_path / "ilacs-2018"
    shutil.copytree(ROOT / "rules" / "ilacs-2018", stricter)
    manifest = stricter / "rulebook.yaml"
    manifest.write_text(manifest.read_text().replace("- {value: 2, from: 2013-03-31", "- {value: 1, from: 2013-03-31"))
    runner = CliRunner()
    shipped = str(ROOT / "rules" / "ilacs-2018")
    done = runner.invoke(main, ["diff", shipped, str(stricter), "--authority", "Hull", "--years", "2024-2025"])
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith(": 4 grade changes, 0 reason changes in 2 cases (48 areas)")
    assert (
        "  e06000010-2025 > caseloads: in line with England -> to look into (caseloads.in_line -> caseloads.high)"
        in done.stdout
    )
    every = runner.invoke(main, ["diff", shipped, str(stricter), "--year", "2025", "--format", "json"])
    changes = json.loads(every.stdout)["grade_changes"]
    assert {c["new_label"] for c in changes if c["area"] == "caseloads"} == {"to look into"}
    assert len({c["case"] for c in changes}) > 10
    alone = runner.invoke(main, ["diff", shipped, str(stricter), "--authority", "Hull"])
    assert alone.exit_code == 2
    assert "--authority needs a year" in alone.stderr
