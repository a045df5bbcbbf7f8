"""Official statistics as cases: DfE's open-data layout read, real councils' figures checked against the
published files, suppression, reorganised councils, the shipped copy rebuilt byte for byte, the command
line, and the ilacs-2018 screen's properties."""

from __future__ import annotations

import contextlib
import csv
import statistics as pystats

import pytest
from click.testing import CliRunner

import judgement
from judgement.cli import case_yaml, main
from judgement.data.statistics import SHIPPED, build, file_stem, load_statistics
from judgement.data.statistics import cases as statistics_cases
from judgement.read.dfe import figure, read_release
from judgement.testing import check_every_area_graded, check_monotonic
from tests.conftest import ILACS_BOOK, ROOT

SHARED = ROOT.parent / "shared" / "data" / "dfe-childrens-social-care"
STATS = load_statistics(SHIPPED)
ILACS = ILACS_BOOK


def _published(name: str, code: str, year: int) -> dict[str, str]:
    with (SHARED / name).open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["new_la_code"] == code and row["time_period"] == str(year):
                return row
            if not code and row["geographic_level"] == "National" and row["time_period"] == str(year):
                return row
    raise AssertionError((name, code, year))


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("14.1", 14.1, None),
        ("5045", 5045, None),
        ("c", None, "c"),
        ("low", None, "low"),
        ("", None, ""),
        (" z ", None, "z"),
    ],
)
def test_figures_and_suppression_codes(text, value, code):
    assert figure(text) == figure(text)  # a value
    found = figure(text)
    assert (found.value, found.code) == (value, code)


def test_a_file_not_in_the_layout_is_refused_where_it_is(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("year,council\n2024,Somewhere\n")
    with pytest.raises(judgement.InputError) as info:
        read_release(bad)
    (problem,) = info.value.problems
    assert problem.code == "data.layout"
    assert "no time_period, geographic_level, new_la_code, la_name column" in problem.message
    assert problem.location is not None and problem.location.line == 1  # noqa: PT018
    odd = tmp_path / "y.csv"
    odd.write_text("time_period,geographic_level,new_la_code,la_name\n20x4,National,,\n")
    with pytest.raises(judgement.InputError, match="time_period '20x4' is not a reporting year"):
        read_release(odd)


#: Read by hand from table C1: the re-referral rate of the council's region that year, and the council's
#: own rate three years before.
BY_HAND = {("Staffordshire", 2024): (20.7, 17.4), ("Leeds", 2019): (24.6, 25.2), ("Cornwall", 2025): (22.1, 28.1)}


@pytest.mark.parametrize(("council", "year"), list(BY_HAND))
def test_a_council_s_case_holds_the_published_figures(council, year):
    code = STATS.find(council)
    case = STATS.case(code, year)
    assert case is not None
    row = _published("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", code, year)
    england = _published("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "", year)
    item = case["evidence"]["rereferral_percent"]
    assert item["value"] == float(row["rereferral_percent"])
    assert item["n"] == int(row["referral_count"])
    assert item["england"] == float(england["rereferral_percent"])
    assert (item["region"], item["three_years_ago"]) == BY_HAND[(council, year)]
    assert case["authority_code"] == code
    assert case["authority_number"] == row["old_la_code"]
    assert case["inspected"] == f"{year}-03-31"
    # the neighbours' mean, computed here from the model the year calls for
    model = "sn_model_2025_wide.csv" if year >= 2025 else "New_Statistical_Neighbour_Groupings_April_2021.csv"
    key, prefix = ("old_la_code", "SN_") if year >= 2025 else ("LA num", "SN")
    with (SHARED / model).open(encoding="utf-8-sig") as handle:
        entry = next(r for r in csv.DictReader(handle) if r[key].strip() == row["old_la_code"])
    numbers = [entry[f"{prefix}{i}"].strip() for i in range(1, 11)]
    values = []
    with (SHARED / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv").open(
        encoding="utf-8-sig"
    ) as handle:
        for other in csv.DictReader(handle):
            if (
                other["old_la_code"] in numbers
                and other["time_period"] == str(year)
                and other["geographic_level"] == "Local authority"
            ):
                with contextlib.suppress(ValueError):  # a suppressed figure is left out
                    values.append(float(other["rereferral_percent"]))
    assert item["neighbours"] == round(pystats.fmean(values), 1)  # to one decimal, as DfE publishes


def test_staffordshire_in_2024_is_judged_from_its_figures():
    result = CliRunner().invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2024"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Staffordshire (E10000028, 860) - inspected 2024-03-31 (e10000028-2024)")
    assert "14.1% (5045 referrals in the year) is significantly below England's 22.4%" in result.stdout
    leaders = "The impact of leaders on social work practice with children and families (screen) [leaders]"
    assert leaders in result.stdout
    by_number = CliRunner().invoke(main, ["judge", "--authority", "860", "--year", "2024"])
    assert by_number.stdout == result.stdout


def test_a_suppressed_figure_is_no_evidence_never_zero():
    found = [
        (code, year)
        for code in STATS.councils()
        for year in (2023, 2024)
        if (row := STATS.rows.get(("d5_", year, code))) is not None
        and row.figure("2_years_or_more_percent").code in ("low", "c")
    ]
    assert found
    code, year = found[0]
    case = STATS.case(code, year)
    assert case is not None
    assert "cp_plan_2_years_percent" not in case["evidence"]


def test_reorganised_councils_appear_only_in_their_years():
    northants = STATS.find("E10000021")  # Northamptonshire, split in 2021
    assert STATS.case(northants, 2020) is not None
    assert STATS.case(northants, 2024) is None
    assert file_stem("E06000061 / E06000062") == "e06000061-e06000062"
    # direction of travel only where the council existed three years before
    north = STATS.find("North Northamptonshire")  # from 2022
    assert "three_years_ago" not in STATS.case(north, 2024)["evidence"]["rereferral_percent"]
    assert STATS.case(north, 2025)["evidence"]["rereferral_percent"]["three_years_ago"] == 21.4
    # read by DfE number, as the neighbours are: Gateshead's 29% of 2013 (table C1)
    assert STATS.case(STATS.find("Gateshead"), 2016)["evidence"]["rereferral_percent"]["three_years_ago"] == 29


@pytest.mark.slow
def test_the_shipped_copy_rebuilds_byte_for_byte(tmp_path):
    if not SHARED.is_dir():
        pytest.skip("the DfE download is not beside the checkout")
    written = build(SHARED, tmp_path)
    for path in written:
        assert path.read_bytes() == (SHIPPED / path.name).read_bytes(), path.name
    assert "Open Government Licence v3.0" in (SHIPPED / "LICENCE.txt").read_text()


@pytest.mark.slow
def test_data_commands(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["data", "list"])
    assert listed.exit_code == 0
    assert "years: 2013 to 2025" in listed.stdout
    assert "E10000028  Staffordshire" in listed.stdout
    out = tmp_path / "cases"
    made = runner.invoke(main, ["data", "cases", "--year", "2024", "-o", str(out)])
    assert made.exit_code == 0, made.stderr
    assert len(list(out.glob("*.yaml"))) == 155
    judged = runner.invoke(main, ["judge", str(out), "--format", "csv"])
    assert judged.exit_code == 0, judged.stderr[-2000:]
    assert len(judged.stdout.splitlines()) == 156
    for args, message in (
        (["judge", "--authority", "Staffordshire"], "--authority and --year go together"),
        (["judge", "--authority", "Stafordshire", "--year", "2024"], "did you mean 'Staffordshire'"),
        (["data", "cases", "--year", "1990", "-o", str(tmp_path / "none")], "no council has figures for 1990"),
    ):
        refused = runner.invoke(main, args)
        assert refused.exit_code == 2, args
        assert message in refused.stderr, refused.stderr
        assert "Traceback" not in refused.output


@pytest.mark.slow
def test_every_area_of_the_screen_is_graded_or_not_judged_for_a_reason():
    check_every_area_graded(ILACS, max_examples=60)


@pytest.mark.slow
def test_better_figures_never_lower_a_screened_grade():
    check_monotonic(ILACS, max_examples=60)


@pytest.mark.slow
def test_every_council_and_year_is_judged_through_the_engine():
    judge = judgement.Judge(ILACS)
    judged = 0
    for year in range(2018, 2026):
        for code in STATS.councils(year):
            doc = STATS.case(code, year)
            if doc is not None:
                judge.judge(judgement.load_case(doc))  # every firing checked against the reference
                judged += 1
    assert judged > 1200


@pytest.mark.slow
def test_a_closed_pipe_stops_quietly():
    import subprocess
    import sys

    done = subprocess.run(
        f"{sys.executable} -m judgement data list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("years: 2013 to 2025")
    assert "Traceback" not in done.stderr
    assert "BrokenPipe" not in done.stderr


@pytest.mark.slow
def test_the_council_s_codes_appear_in_every_output_s_case_section():
    for fmt, needle in (
        ("text", "Staffordshire (E10000028, 860)"),
        ("markdown", "# Staffordshire (E10000028, 860)"),
        ("html", "<h1>Staffordshire (E10000028, 860)</h1>"),
        ("json", '"authority_code": "E10000028"'),
    ):
        result = CliRunner().invoke(main, ["judge", "--authority", "Staffordshire", "--year", "2024", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert needle in result.stdout, fmt


def test_rates_per_10000_children_use_the_mid_year_before_the_year_ends():
    code = STATS.find("Staffordshire")
    case = STATS.case(code, 2024)
    assert case is not None
    section47 = int(_published("c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv", code, 2024)["Section47"])
    with (SHARED / "ons_mid-year_population_estimates_2012_to_2024.csv").open(encoding="utf-8-sig") as handle:
        people = next(
            int(r["population_estimate"])
            for r in csv.DictReader(handle)
            if r["new_la_code"] == code and r["time_period"] == "2023"
        )
    assert case["evidence"]["section47_per_10k"]["value"] == round(10_000 * section47 / people, 1)
    assert "ONS mid-year estimates" in case["evidence"]["section47_per_10k"]["source"]


@pytest.mark.slow
def test_a_measure_where_neither_end_is_better_is_not_linted_for_direction():
    from judgement.analysis.lint import lint

    assert ILACS.measures["section47_per_10k"].better is judgement.model.Direction.NEITHER
    assert lint(ILACS) == []


def test_a_year_reads_the_workforce_census_taken_inside_it():
    """The case for the year to 31 March 2024 reads the census of 30 September 2023 (table, by hand:
    Staffordshire's agency rate 13.8%, England 17.9%, West Midlands 16.6%), never one taken after its date."""
    item = STATS.case(STATS.find("Staffordshire"), 2024)["evidence"]["agency_percent"]
    assert (item["value"], item["england"], item["region"]) == (13.8, 17.9, 16.6)
    assert item["period"] == "2023-09-30"
    assert item["source"].endswith(", 2023")
    first = STATS.case(STATS.find("Staffordshire"), 2018)["evidence"]
    assert "agency_percent" in first  # the 2017 census, the first in the release


def test_direction_of_travel_and_the_region_decide_rules_of_the_screen():
    book = judgement.load_rulebook(ROOT / "rules" / "ilacs-2018")

    def area(evidence, name):
        case = {
            "case": "t",
            "authority": "T",
            "inspected": "2024-03-31",
            "rulebook": "ilacs-2018",
            "evidence": evidence,
        }
        return judgement.judge(book, judgement.load_case(case)).areas[name]

    rising = {
        "rereferral_percent": {"value": 24.0, "n": 900, "england": 22.4, "neighbours": 23.5, "three_years_ago": 15.5}
    }
    found = area(rising, "re_referrals")
    assert found.grade.id == "to_look_into"
    assert found.rules_fired == ("re_referrals.rising",)
    assert found.reason == "Re-referrals have risen from 15.5% three years before to 24%, now above England's 22.4%."
    rising["rereferral_percent"]["three_years_ago"] = 16.5  # up 7.5 points: not enough
    assert area(rising, "re_referrals").grade.id == "in_line"
    # agency: more than 10 points above England, whatever the region (fitted on Ofsted's judgements)
    london = {"agency_percent": {"value": 28.0, "england": 17.9, "neighbours": 26.0, "region": 31.0}}
    assert area(london, "agency").grade.id == "to_look_into"
    london["agency_percent"]["value"] = 27.9
    assert area(london, "agency").grade.id == "in_line"


@pytest.mark.slow
def test_the_report_marks_the_region_and_three_years_before_on_each_chart():
    from judgement import explain
    from judgement.renderers.html import render_html

    book = judgement.load_rulebook(ROOT / "rules" / "ilacs-2018")
    result = judgement.judge(book, judgement.load_case(STATS.case(STATS.find("Staffordshire"), 2024)))
    page = render_html([(result, {a.area: explain(result, a.area) for a in result})])
    assert '<rect class="comparator"' in page
    assert "<title>region: 20.7%</title>" in page  # West Midlands' re-referral rate, 2024
    assert "<title>three years before: 17.4%</title>" in page  # Staffordshire's own, 2021
    assert "■ region 20.7%" in page
    assert "○ three years before 17.4%" in page


@pytest.mark.slow
def test_case_files_are_the_same_text_whichever_emitter_writes_them(monkeypatch):
    """``data cases`` writes with libyaml's emitter where PyYAML has it: for every council of the first, a
    middle and the last year, the text is PyYAML's own, and it reads back as the case it was made from."""
    yaml = pytest.importorskip("yaml")
    if not hasattr(yaml, "CSafeDumper"):
        pytest.skip("PyYAML built without libyaml: its own emitter writes the files")
    written = 0
    years = STATS.years()
    for year in (years[0], years[len(years) // 2], years[-1]):
        for doc in statistics_cases(STATS, year, ()):
            text = case_yaml(doc)
            assert text == yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), (year, doc["case"])
            written += 1
    assert written > 450
    monkeypatch.delattr(yaml, "CSafeDumper")  # without libyaml, PyYAML's own emitter
    doc = statistics_cases(STATS, 2024, ("Staffordshire",))[0]
    assert case_yaml(doc) == yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    read = judgement.load_case(case_yaml(doc))
    assert read == judgement.load_case(doc)
