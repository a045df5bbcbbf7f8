"""Ofsted's ILACS inspection history: read by its header, previous judgements only as published by a case's
date, and the back-test that sets the screen beside Ofsted's real judgements."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement.analysis.backtest import (
    agreement,
    backtest,
    calibration_table,
    inspection_year,
    release_year,
    spearman,
    weighted_kappa,
)
from judgement.cli import main
from judgement.data.inspections import find_history, previous, read_history
from judgement.data.statistics import SHIPPED, build, load_statistics
from judgement.errors import InputError
from tests.conftest import refused_rulebook

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
HISTORY = SHIPPED / "ofsted_ilacs_inspection_history.csv"


@pytest.fixture(scope="module")
def stats():
    return load_statistics(SHIPPED)


@pytest.fixture(scope="module")
def ilacs():
    return judgement.load_rulebook(ROOT / "rules" / "ilacs-2018")


def test_the_history_is_read_as_ofsted_publishes_it():
    inspections = read_history(HISTORY)
    assert len(inspections) == 183
    barnet = next(i for i in inspections if i.name == "Barnet")
    assert (barnet.code, barnet.on_site, barnet.published) == ("E09000003", dt.date(2019, 5, 13), dt.date(2019, 7, 1))
    assert barnet.grades == {
        "overall_effectiveness": "good",
        "leaders": "good",
        "help_and_protection": "good",
        "children_in_care": "good",
    }  # no care-leaver judgement before 2023: absent, not a grade
    assert all(i.published >= i.on_site for i in inspections)


def test_the_history_is_found_by_its_header_and_a_longer_copy_reads_unchanged(tmp_path):
    text = HISTORY.read_text(encoding="utf-8")
    row = next(csv.reader([text.splitlines()[1]]))
    row[1], row[2], row[5], row[6] = "E09000003", "Barnet", "2024-05-13", "2024-07-01"
    longer = tmp_path / "any name at all.csv"
    with longer.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        csv.writer(handle, lineterminator="\n").writerow(row)
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert find_history(tmp_path) == longer
    assert len(read_history(longer)) == 184


@pytest.mark.parametrize(
    ("column", "bad", "message", "expected"),
    [
        (5, "2019-13-01", "Inspection date '2019-13-01' is not a date", "a date written YYYY-MM-DD"),
        (8, "Satisfactory", "Overall effectiveness: 'Satisfactory' is not one of Ofsted's grades", "Outstanding, Good"),
    ],
)
def test_a_damaged_history_is_refused_at_its_line_and_column(tmp_path, column, bad, message, expected):
    lines = HISTORY.read_text(encoding="utf-8").splitlines()
    row = next(csv.reader([lines[3]]))
    row[column] = bad
    damaged = tmp_path / "history.csv"
    with damaged.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(lines[:3]) + "\n")
        csv.writer(handle, lineterminator="\n").writerow(row)
    with pytest.raises(InputError) as caught:
        read_history(damaged)
    problem = caught.value.problems[0]
    assert problem.message == message
    assert (problem.location.line, problem.location.column) == (4, column + 1)
    assert expected in (problem.expected or "")
    assert problem.code == "data.layout"


def test_a_csv_that_is_not_a_history_says_which_column_it_lacks(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("Local authority name,Inspection date\nBarnet,2019-05-13\n", encoding="utf-8")
    with pytest.raises(InputError, match="not Ofsted's ILACS inspection history: no 'Local authority area code'"):
        read_history(other)


def test_previous_judgements_are_only_those_published_by_the_case_s_date(stats):
    history = stats.history
    hereford = stats.find("Herefordshire")
    first = next(i for i in history if i.code == hereford)
    assert previous(history, hereford, first.published - dt.timedelta(days=1)) is None
    assert previous(history, hereford, first.published) == first
    before = stats.case(hereford, 2018, on=first.published - dt.timedelta(days=1))["evidence"]
    assert before["ilacs_inspected_before"]["value"] is False
    assert not [k for k in before if k.startswith("previous_")]  # absent, never a grade
    after = stats.case(hereford, 2019, on=first.published)["evidence"]
    assert after["previous_leaders"]["value"] == "inadequate"
    assert after["previous_inspection_years"]["value"] == 0.0
    assert "children in care and care leavers, judged together" in after["previous_care_leavers"]["source"]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_an_outcome_published_after_a_case_s_date_never_changes_a_grade(stats, ilacs, data):
    """The same council-year, built with the full history and with the history cut at the case's date,
    judges identically."""
    code = data.draw(st.sampled_from(sorted({i.code for i in stats.history if i.code in stats.names})))
    year = data.draw(st.integers(2018, 2025))
    day = data.draw(st.dates(dt.date(year, 3, 31), dt.date(year + 1, 3, 30)))
    full = stats.case(code, year, on=day)
    cut = attrs.evolve(stats, history=tuple(i for i in stats.history if i.published <= day))
    short = cut.case(code, year, on=day)
    assert full == short
    if full is not None:
        first = judgement.judge(ilacs, judgement.load_case(full))
        second = judgement.judge(ilacs, judgement.load_case(short))
        assert {a.area: a.grade for a in first} == {a.area: a.grade for a in second}


def test_the_children_looked_after_figures_are_the_published_ones(stats):
    code = stats.find("Staffordshire")
    published = {}
    with (SHARED / "dfe-childrens-social-care" / "cla_number_and_rate_per_10k_children.csv").open(
        encoding="utf-8-sig"
    ) as handle:
        for r in csv.DictReader(handle):
            if r["time_period"] == "2024" and r["population_type"] == "Children looked after on 31 March each year":
                published[r["new_la_code"] or r["geographic_level"]] = r["rate_per_10000"]
    item = stats.case(code, 2024)["evidence"]["cla_per_10k"]
    assert (item["value"], item["england"]) == (float(published[code]), float(published["National"]))
    assert stats.case(code, 2020)["evidence"].get("cla_per_10k") is None  # the release begins in 2021


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Herefordshire", "Herefordshire, County of"),
        ("Hull", "Kingston upon Hull, City of"),
        ("bristol", "Bristol, City of"),
        ("Brighton & Hove", "Brighton and Hove"),
        ("St Helens", "St. Helens"),
    ],
)
def test_councils_are_found_as_people_write_their_names(stats, written, official):
    assert stats.names[stats.find(written)] == official


def test_areas_given_only_for_a_time_are_not_judged_outside_it(stats, ilacs):
    code = stats.find("Staffordshire")
    early = judgement.judge(ilacs, judgement.load_case(stats.case(code, 2022)))
    assert not early.areas["care_leavers"].grade.judged
    assert early.areas["care_leavers"].reason == "Not judged: this judgement is given from 1 January 2023."
    assert early.areas["overall_effectiveness"].grade.judged
    late = judgement.judge(ilacs, judgement.load_case(stats.case(code, 2025, on=dt.date(2026, 4, 1))))
    assert late.areas["care_leavers"].grade.judged
    assert not late.areas["overall_effectiveness"].grade.judged
    assert late.areas["overall_effectiveness"].reason == "Not judged: this judgement was given until 31 March 2026."


def test_an_area_s_dates_in_the_wrong_order_are_refused_where_they_are():
    problem = refused_rulebook(
        {"m": {"title": "m", "unit": "percent", "better": "higher"}},
        requires=["m"],
        effective_from="2024-01-01",
        effective_to="2023-01-01",
    )
    assert problem.message == "effective_to is before effective_from"
    assert problem.code == "rulebook.dates"


def test_release_years_and_inspection_years():
    assert release_year(dt.date(2022, 11, 30)) == 2021
    assert release_year(dt.date(2022, 12, 1)) == 2022
    assert release_year(dt.date(2023, 3, 1)) == 2022
    assert inspection_year(dt.date(2022, 3, 31)) == "2021-22"
    assert inspection_year(dt.date(2022, 4, 1)) == "2022-23"


def test_the_agreement_figures_are_the_textbook_ones():
    # Spearman with ties: ranks of (1, 2, 2, 3) are (1, 2.5, 2.5, 4)
    assert spearman([1, 2, 2, 3], [1, 2, 2, 3]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    # quadratic-weighted kappa: perfect agreement 1, and a worked example of two raters on three categories
    assert weighted_kappa([(0, 0), (1, 1), (2, 2)], 3) == pytest.approx(1.0)
    pairs = [(0, 0), (0, 1), (1, 1), (2, 1), (2, 2)]
    # observed weighted disagreement: (1/4 + 1/4) / 5 = 0.1; expected from the margins (2,1,2) x (1,3,1): 0.3
    assert weighted_kappa(pairs, 3) == pytest.approx(1 - 0.1 / 0.3)


def test_the_back_test_screens_each_inspection_with_what_was_published_before_it(stats, ilacs):
    result = backtest(ilacs, stats)
    assert len(result.screened) + len(result.skipped) == 183
    for s in result.screened:
        assert s.year == release_year(s.inspection.on_site)
    blackpool = next(s for s in result.screened if s.inspection.name == "Blackpool")
    assert blackpool.year == 2017  # inspected on 26 November 2018: taken as before the 2017-18 figures
    found = agreement(result.screened, "help_and_protection")
    assert found.pairs == sum(sum(row.values()) for row in found.confusion.values())
    assert found.inadequate == sum(found.confusion["inadequate"].values())


def test_the_stored_calibration_is_the_back_test_s(stats, ilacs):
    """The calibration shipped with the rulebook is what the back-test gives today: a change of rules or
    data without `judgement backtest --write-calibration` fails here."""
    stored = json.loads((ROOT / "rules" / "ilacs-2018" / "calibration.json").read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(calibration_table(backtest(ilacs, stats))))
    assert ilacs.calibration["screened"] == stored["screened"]


def _calibration_refused(tmp_path: Path, edit) -> judgement.RulebookError:
    """What loading the ILACS rulebook says once ``edit`` has changed its calibration table."""
    root = tmp_path / "ilacs"
    shutil.copytree(ROOT / "rules" / "ilacs-2018", root)
    table = json.loads((root / "calibration.json").read_text(encoding="utf-8"))
    edit(table["judgements"])
    (root / "calibration.json").write_text(json.dumps(table, indent=2), encoding="utf-8")
    with pytest.raises(judgement.RulebookError) as caught:
        judgement.load_rulebook(root)
    return caught.value


@pytest.mark.parametrize(
    ("edit", "message", "key"),
    [
        (
            lambda j: j.update(overal_effectiveness=j["overall_effectiveness"]),
            "calibration of unknown area 'overal_effectiveness'",
            '"overal_effectiveness"',
        ),
        (
            lambda j: j["help_and_protection"]["screened"].update(excellent={"good": 1}),
            "'excellent' is not a grade of 'help_and_protection' with counts",
            '"excellent"',
        ),
        (
            lambda j: j["help_and_protection"]["screened"]["good"].update(good=2.5),
            "'good': 2.5 is not a count of a grade of 'help_and_protection'",
            '"good": 2.5',
        ),
    ],
)
def test_a_calibration_table_that_does_not_fit_its_rulebook_is_refused_at_its_line(tmp_path, edit, message, key):
    error = _calibration_refused(tmp_path, edit)
    problem = error.problems[0]
    assert problem.code == "rulebook.calibration"
    assert message in problem.message
    if "unknown area" in message:
        assert "did you mean 'overall_effectiveness'" in (problem.hint or "")
    assert problem.location is not None
    assert problem.location.file.endswith("calibration.json")
    lines = (tmp_path / "ilacs" / "calibration.json").read_text(encoding="utf-8").splitlines()
    assert key in lines[problem.location.line - 1]


def test_a_screened_grade_says_how_often_ofsted_agreed(ilacs, stats):
    case = judgement.load_case(stats.case(stats.find("Staffordshire"), 2024))
    result = judgement.judge(ilacs, case)
    data = result.to_dict(trace=False)
    area = next(a for a in data["areas"] if a["area"] == "help_and_protection")
    assert area["calibration"].startswith("Of ")
    assert "councils screened" in area["calibration"]
    assert "Ofsted judged" in area["calibration"]
    assert "not a prediction of an inspection" in data["screen"]
    from judgement.renderers.letter import render_letter

    letter = render_letter(result)
    assert "This briefing screens the published figures" in letter
    assert "took place on" not in letter


@pytest.mark.slow
def test_backtest_command_prints_the_five_judgements():
    done = CliRunner().invoke(main, ["backtest"])
    assert done.exit_code == 0, done.output
    for name in ("Overall effectiveness", "Leaders", "Help and protection", "Children in care", "Care leavers"):
        assert name in done.output
    held = CliRunner().invoke(main, ["backtest", "--since", "2022-04-01", "--format", "json"])
    assert held.exit_code == 0
    data = json.loads(held.output)
    assert data["since"] == "2022-04-01"
    assert all(i["inspected"] >= "2022-04-01" for i in data["inspections_screened"])
    rows = CliRunner().invoke(main, ["backtest", "--format", "csv"]).output.splitlines()
    assert rows[0].startswith("authority,code,inspected,published,figures_for_year,case")
    empty = CliRunner().invoke(main, ["backtest", "--since", "2030-01-01"])
    assert empty.exit_code == 2
    assert "no inspection in the history falls between --since and --until" in empty.output


@pytest.mark.slow
def test_diff_backtest_shows_what_a_rule_change_does_to_agreement(tmp_path):
    changed = tmp_path / "ilacs"
    shutil.copytree(ROOT / "rules" / "ilacs-2018", changed)
    manifest = changed / "rulebook.yaml"
    stricter = manifest.read_text().replace("- {value: 2, from: 2013-03-31", "- {value: 1, from: 2013-03-31")
    assert stricter != manifest.read_text()  # the caseload margin is a parameter: one value changed
    manifest.write_text(stricter)
    done = CliRunner().invoke(main, ["diff", str(ROOT / "rules" / "ilacs-2018"), str(changed), "--backtest"])
    assert done.exit_code == 0, done.output
    assert "Spearman (old -> new)" in done.output
    moved = re.search(r"(\d+) screened grades changed", done.output)
    assert moved is not None
    assert int(moved.group(1)) > 0
    nothing = CliRunner().invoke(main, ["diff", str(changed), str(changed)])
    assert nothing.exit_code == 2
    assert "--cases FOLDER, --authority NAME --year Y, or --backtest" in nothing.output


@pytest.mark.slow
def test_data_build_reads_several_folders_and_copies_the_history(tmp_path):
    out = tmp_path / "copy"
    done = CliRunner().invoke(
        main,
        ["data", "build", str(SHARED / "dfe-childrens-social-care"), str(SHARED / "ofsted-ilacs"), "-o", str(out)],
    )
    assert done.exit_code == 0, done.output
    for path in SHIPPED.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    copied = load_statistics(out)
    assert len(copied.history) == 183
    judged = CliRunner().invoke(main, ["judge", "--authority", "Hull", "--year", "2024", "--data", str(out)])
    assert judged.exit_code == 0, judged.output
    assert "Kingston upon Hull" in judged.output


@pytest.mark.slow
def test_a_statistics_copy_without_a_history_has_no_previous_judgements(tmp_path):
    out = tmp_path / "dfe-only"
    build(SHARED / "dfe-childrens-social-care", out)
    stats = load_statistics(out)
    assert not stats.history
    evidence = stats.case(stats.find("Staffordshire"), 2024)["evidence"]
    assert "ilacs_inspected_before" not in evidence  # nothing is known either way
    refused = CliRunner().invoke(main, ["backtest", "--data", str(out)])
    assert refused.exit_code == 2
    assert "no inspection history in" in refused.output


@pytest.mark.slow
def test_every_year_is_judged_for_every_council(tmp_path):
    runner = CliRunner()
    for year in range(2013, 2026):
        folder = tmp_path / str(year)
        made = runner.invoke(main, ["data", "cases", "--year", str(year), "-o", str(folder)])
        assert made.exit_code == 0, made.output
        judged = runner.invoke(main, ["judge", str(folder), "--format", "csv"])
        assert judged.exit_code in (0, 1), (year, judged.output[-2000:])


def test_explain_and_whatif_take_a_council_from_the_statistics():
    runner = CliRunner()
    explained = runner.invoke(main, ["explain", "--authority", "Hull", "--year", "2025", "--area", "caseloads"])
    assert explained.exit_code == 0, explained.output
    assert explained.output.startswith("Caseloads [caseloads] - Kingston upon Hull, City of")
    moved = runner.invoke(
        main, ["whatif", "--authority", "Herefordshire", "--year", "2021", "--set", "agency_percent=30"]
    )
    assert moved.exit_code == 0, moved.output
    assert "Reliance on agency social workers [agency]: in line with England -> to look into" in moved.output
    both = runner.invoke(main, ["explain", "x.yaml", "--authority", "Hull", "--year", "2025", "--area", "caseloads"])
    assert both.exit_code == 2
    assert "a case and --authority both given" in both.output
    neither = runner.invoke(main, ["whatif", "--set", "caseload=1"])
    assert neither.exit_code == 2
    assert "no case given" in neither.output


def test_a_council_without_figures_for_a_year_says_which_years_it_has():
    gone = CliRunner().invoke(main, ["judge", "--authority", "Northamptonshire", "--year", "2024"])
    assert gone.exit_code == 2
    assert (
        "Northamptonshire was abolished on 1 April 2021 and its children's services passed to North "
        "Northamptonshire and West Northamptonshire (The Northamptonshire (Structural Changes) Order 2020): it "
        "has no figures for 2024" in gone.stderr
    )
    assert "expected: a year from 2013 to 2021 for Northamptonshire, or one of the councils after it" in gone.stderr
    assert 'hint: judgement judge --authority "North Northamptonshire" --year 2024' in gone.stderr
    before = CliRunner().invoke(main, ["judge", "--authority", "Northamptonshire", "--year", "2021"])
    assert before.exit_code == 0, before.stderr
    cumbria = CliRunner().invoke(main, ["judge", "--authority", "Cumbria", "--year", "2024"])
    assert "Cumbria was abolished on 1 April 2023" in cumbria.stderr
    assert "Cumberland and Westmorland and Furness" in cumbria.stderr
    assert "hint: judgement judge --authority Cumberland --year 2024" in cumbria.stderr
    new = CliRunner().invoke(main, ["judge", "--authority", "North Northamptonshire", "--year", "2019"])
    assert "its figures begin in 2022" in new.stderr


@pytest.mark.slow
def test_a_council_over_several_years_and_a_year_given_twice():
    runner = CliRunner()
    done = runner.invoke(main, ["judge", "--authority", "Staffordshire", "--years", "2021-2023", "--format", "csv"])
    assert done.exit_code == 0, done.stderr
    assert [line.split(",")[0] for line in done.stdout.splitlines()[1:]] == [
        "e10000028-2021",
        "e10000028-2022",
        "e10000028-2023",
    ]
    twice = runner.invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2024", "--year", "2025"])
    assert twice.exit_code == 2
    assert "given 2 times; for several years use --years 2024-2025" in twice.output
    unreadable = runner.invoke(main, ["judge", "--authority", "Staffordshire", "--years", "2021-20"])
    assert unreadable.exit_code == 2
    assert "--years '2021-20' cannot be read" in unreadable.stderr
    both = runner.invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2024", "--years", "all"])
    assert "--year and --years both given" in both.stderr


def _history_bytes(*rows: bytes) -> bytes:
    return HISTORY.read_bytes().splitlines(keepends=True)[0] + b"".join(rows)


_ROW = (
    b"Ofsted Local Authority Webpage,E09000002,Barking and Dagenham,Current,London,2019-02-18,2019-04-01,"
    b"ILACS Standard Inspection,Good,Good,Good,Good,Good"
)


def test_a_history_saved_by_a_spreadsheet_program_is_read_in_its_encoding_and_line_ends(tmp_path):
    """Windows-1252 (Excel's "CSV (Windows)") and lines ending in CR alone read as a spreadsheet reads them."""
    windows = tmp_path / "windows.csv"
    windows.write_bytes(_history_bytes(_ROW.replace(b"Dagenham", b"Dagenh\xe2m") + b"\r\n"))
    assert read_history(windows)[0].name == "Barking and Dagenh\N{LATIN SMALL LETTER A WITH CIRCUMFLEX}m"
    carriage = tmp_path / "cr.csv"
    carriage.write_bytes(_history_bytes(b"\r" + _ROW + b"\r" + _ROW.replace(b"2019-02-18", b"2022-03-07") + b"\r"))
    read = read_history(carriage)
    assert [i.on_site.isoformat() for i in read] == ["2019-02-18", "2022-03-07"]


def test_a_history_with_a_stray_byte_or_an_unreadable_record_is_refused_at_its_line(tmp_path):
    stray = tmp_path / "stray.csv"
    stray.write_bytes(_history_bytes(_ROW.replace(b"Dagenham", "Dagenh\N{EURO SIGN}m".encode() + b"\xff") + b"\n"))
    with pytest.raises(InputError) as caught:
        read_history(stray)
    problem = caught.value.problems[0]
    assert problem.code == "input.encoding"
    assert "is not UTF-8, though the rest of the file is" in problem.message
    assert problem.location is not None
    assert problem.location.line == 2
    huge = tmp_path / "huge.csv"
    huge.write_bytes(_history_bytes(_ROW + b"\n" + b'"' + b"x" * 200_000 + b'",E09000003\n'))
    with pytest.raises(InputError) as caught:
        read_history(huge)
    problem = caught.value.problems[0]
    assert problem.code == "data.layout"
    assert problem.message.startswith("cannot read the record: field larger than field limit")
    assert problem.location is not None
    assert problem.location.line == 3


_HISTORY_PIECES = [
    b",",
    b"\n",
    b"\r",
    b'"',
    b"x",
    b"0",
    b"-",
    b"2019-13-01",
    b"Good",
    b"\xff",
    b"\xe2\x82",
    b"\x00",
    b" ",
]


@settings(max_examples=150, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10**4), st.integers(0, 8), st.lists(st.sampled_from(_HISTORY_PIECES), max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_a_history_with_any_bytes_changed_is_read_or_refused_never_failing_inside(tmp_path_factory, edits):
    """Bytes of the history taken out or put in anywhere (line ends, quotes, bytes that are not UTF-8, NUL):
    the file is read, or refused with an :class:`InputError`; never an internal error."""
    data = b"".join(HISTORY.read_bytes().splitlines(keepends=True)[:6])
    for where, drop, pieces in edits:
        at = where % (len(data) + 1)
        data = data[:at] + b"".join(pieces) + data[at + drop :]
    path = tmp_path_factory.mktemp("history") / "history.csv"
    path.write_bytes(data)
    refused: InputError | None = None
    try:
        read_history(path)
    except InputError as error:
        refused = error
    assert refused is None or refused.problems
