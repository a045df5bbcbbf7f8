"""Explanations: why, why not, counterfactuals that really flip the grade, borderline, what-if."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement import explain, whatif
from judgement.cli import main
from judgement.explaining.counterfactual import counterfactuals
from judgement.judging.stats import wilson
from judgement.testing import cases
from tests.conftest import FIXTURES, UCRA_BOOK

UCRA = UCRA_BOOK
STAFFS = str(FIXTURES / "staffordshire-2010.yaml")


def test_wilson_interval():
    low, high = wilson(80, 30)
    assert round(low, 1) == 62.7
    assert round(high, 1) == 90.5
    assert wilson(0, 10)[0] == 0.0
    assert wilson(100, 10)[1] == 100.0
    with pytest.raises(ValueError, match="at least one"):
        wilson(50, 0)


def test_assessments_explanation(ucra, staffordshire):
    e = explain(judgement.judge(ucra, staffordshire), "assessments")
    assert [s.rule for s in e.why] == ["assessments.met"]
    why_not = {w.grade.id: w for w in e.why_not}
    assert set(why_not) == {"strength", "area_for_development", "priority_action"}
    timely, quality = why_not["strength"].rules  # one strength rule per aspect
    assert (timely.rule, quality.rule) == ("assessments.timely", "assessments.strong")
    assert [(c.left, c.actual, c.required, c.margin) for c in timely.comparisons] == [
        ("ia_in_timescale", 78.4, 85, -6.6),
        ("ca_in_timescale", 81, 85, -4),
    ]
    assert [(c.left, c.actual, c.required, c.margin) for c in quality.comparisons] == [
        ("assessment_quality_good", 76, 90, -14),
    ]
    up, down = e.counterfactuals
    assert (up.direction, up.target.id, down.direction, down.target.id) == (
        "up",
        "strength",
        "down",
        "area_for_development",
    )
    assert up.text == (
        "to reach strength: assessments with an adequate analysis of need and risk 76% -> 90% (+14 points)"
    )
    # 2009-10 figures count 7 working days: a mean of 6.4 is 0.6 inside the timescale
    assert down.text == (
        "to reach area for development: mean working days from referral to a completed initial assessment "
        "6.4 days -> 7.1 days (+0.7)"
    )
    assert all(c.verified for c in e.counterfactuals)
    assert [(b.measure, b.rule) for b in e.borderline] == [("assessment_quality_good", "assessments.poor-quality")]


def test_counterfactual_respects_whole_numbers_and_ranges(ucra, staffordshire):
    e = explain(judgement.judge(ucra, staffordshire), "allocation_and_oversight")
    down = next(c for c in e.counterfactuals if c.direction == "down")
    (change,) = down.changes
    assert (change.measure, change.old, change.new) == ("unallocated_cases", 0, 6)
    for cf in e.counterfactuals:
        for c in cf.changes:
            m = ucra.measures[c.measure]
            assert m.minimum <= float(c.new) <= m.maximum


def test_not_judged_area_asks_for_evidence(ucra):
    result = judgement.judge(ucra, judgement.load_case(FIXTURES / "lowfield-2010-not-judged.yaml"))
    e = explain(result, "supervision")
    assert e.counterfactuals == ()
    assert e.missing == ("supervision_at_policy_frequency",)


@pytest.mark.slow
@settings(deadline=None)
@given(cases(UCRA), st.sampled_from([a.id for a in UCRA.areas]))
def test_every_counterfactual_flips_the_grade_through_the_engine(case, area_id):
    before = judgement.judge(UCRA, case).areas[area_id]
    for cf in counterfactuals(UCRA, case, area_id, before):
        evidence = dict(case.evidence)
        for change in cf.changes:
            import attrs

            # a count out of a sample becomes the value proposed, as whatif and the search apply it
            evidence[change.measure] = attrs.evolve(evidence[change.measure], value=change.new, count=None)
        after = judgement.judge(UCRA, attrs.evolve(case, evidence=evidence)).areas[area_id]
        assert after.grade == cf.target
        # one step along the grades this area's rules can give, in the direction named
        reachable = sorted({r.grade for r in UCRA.area(area_id).rules}, key=lambda g: g.rank)
        step = 1 if cf.direction == "up" else -1
        assert reachable.index(after.grade) - reachable.index(before.grade) == step


def test_whatif_api_and_cli(ucra, staffordshire):
    _, after, shifts = whatif(ucra, staffordshire, {"ia_in_timescale": 55})
    moved = [s for s in shifts if s.old_grade != s.new_grade]
    assert [(s.area, s.old_grade.id, s.new_grade.id) for s in moved] == [
        ("assessments", "satisfactory", "area_for_development")
    ]
    assert after.areas["assessments"].grade.id == "area_for_development"
    result = CliRunner().invoke(
        main, ["whatif", STAFFS, "--set", "backup_systems_in_use=false", "--set", "time_on_recording=40"]
    )
    assert result.exit_code == 0, result.stderr
    assert "The electronic recording system [recording_system]: area for development -> satisfactory" in result.stdout
    bad = CliRunner().invoke(main, ["whatif", STAFFS, "--set", "ia_in_timescale"])
    assert bad.exit_code == 2
    assert "--set 'ia_in_timescale' cannot be read\n  expected: MEASURE=VALUE" in bad.stderr
    worse = CliRunner().invoke(main, ["whatif", STAFFS, "--set", "ia_in_timescale=140"])
    assert worse.exit_code == 2
    assert "outside the measure's range" in worse.stderr


def test_explain_cli_text_and_json():
    text = CliRunner().invoke(main, ["explain", STAFFS, "--area", "assessments"])
    assert text.exit_code == 0
    for part in (
        "Why satisfactory",
        "Why not strength",
        "Why not area for development",
        "What would change it",
        "How sure",
        "borderline: assessment_quality_good 76% (n=30, 95% interval 58.4-87.7%)",
    ):
        assert part in text.stdout
    import json

    data = json.loads(CliRunner().invoke(main, ["explain", STAFFS, "--area", "assessments", "--format", "json"]).stdout)
    assert data["counterfactuals"][0]["text"].startswith("to reach strength")
    assert data["trace"]["policy"]["chosen"] == ["assessments.met"]


def test_judge_writes_html_and_letter_files_atomically(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["judge", STAFFS, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    letter = tmp_path / "letter.txt"
    assert CliRunner().invoke(main, ["judge", STAFFS, "--format", "letter", "-o", str(letter)]).exit_code == 0
    assert "Areas for development" in letter.read_text()
    # bad input: exit 2, and the requested file is neither created nor touched
    bad = tmp_path / "bad.yaml"
    bad.write_text("case: x\n")
    target = tmp_path / "never.html"
    failed = CliRunner().invoke(main, ["judge", str(bad), "--format", "html", "-o", str(target)])
    assert failed.exit_code == 2
    assert not target.exists()
    assert list(tmp_path.glob(".*.tmp")) == []


def test_case_inspected_outside_rulebook_dates_is_reported():
    case = judgement.load_case(
        {
            "case": "x",
            "authority": "X",
            "inspected": dt.date(2015, 1, 1).isoformat(),
            "rulebook": "ucra-2010",
            "evidence": {},
        }
    )
    with pytest.raises(judgement.ResolutionError):
        judgement.find_rulebook(case.rulebook, case.inspected)
