"""Judging: the Staffordshire letter, every fixture, policies, dates, the trace and the stamp."""

from __future__ import annotations

import json

import pytest

import judgement
from tests.conftest import FIXTURES, ROOT, make_case, refused_rulebook

LETTER = {
    "workforce_development": "strength",
    "early_help_caf": "strength",
    "diversity_and_views": "area_for_development",
    "recording_system": "area_for_development",
    "multi_agency_planning": "area_for_development",
    "workload": "area_for_development",
}


def test_staffordshire_reproduces_the_letter(ucra, staffordshire):
    result = judgement.judge(ucra, staffordshire)
    judged = {a.area: a.grade.value for a in result if a.grade.judged}
    # the letter's sixteen findings, and the case sample's (illustrative) none at risk; the areas the letter
    # is silent on are not judged
    assert len(judged) == 17
    assert judged["risk_in_sample"] == "satisfactory"
    for area, grade in judged.items():
        assert grade == LETTER.get(area, "satisfactory"), area
    assert all(a.status.value == "judged" for a in result if a.grade.judged)  # none partial
    assert len(result.areas) - len(judged) == 7


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_fixture_meets_its_expectations(ucra, path):
    case = judgement.load_case(path)
    result = judgement.judge(ucra, case)
    assert case.expect, "every shipped fixture states what it expects"
    for expectation in case.expect:
        assert result.areas[expectation.area].grade.id == expectation.grade, expectation.area


def test_fixtures_give_every_grade_each_area_can_give(ucra):
    seen: dict[str, set[str]] = {a.id: set() for a in ucra.areas}
    for path in FIXTURES.glob("*.yaml"):
        for area in judgement.judge(ucra, judgement.load_case(path)):
            seen[area.area].add(area.grade.value)
    for area in ucra.areas:
        possible = {r.grade.value for r in area.rules} | {"not_judged"}
        assert seen[area.id] == possible, area.id


def test_initial_assessment_timescale_follows_the_period_of_the_figures(ucra):
    """The same mean of 8.2 working days: late for 2009-10 figures (7 days), inspected in September 2010
    when 10 days were in force; within the timescale for 2010-11 figures."""
    old = judgement.judge(ucra, judgement.load_case(FIXTURES / "marsden-2010-timescale-7.yaml")).areas["assessments"]
    new = judgement.judge(ucra, judgement.load_case(FIXTURES / "marsden-2011-timescale-10.yaml")).areas["assessments"]
    assert old.grade.id == "area_for_development"
    assert old.reason == "Initial assessments take 8.2 working days on average, beyond the 7 allowed."
    assert new.grade.id == "satisfactory"
    assert "within 10 working days" in new.reason


def test_priority_action_follows_the_criteria_in_force_on_the_inspection_date(ucra):
    """Child-protection responses outside statutory guidance and no child found at risk: priority action
    under the 2009 criteria, an area for development (saying why) under those of April 2010."""
    before = judgement.judge(ucra, judgement.load_case(FIXTURES / "abbotsley-2009-cp-guidance.yaml"))
    after = judgement.judge(ucra, judgement.load_case(FIXTURES / "abbotsley-2010-cp-guidance.yaml"))
    assert before.case.evidence == after.case.evidence
    cp_before, cp_after = before.areas["child_protection_process"], after.areas["child_protection_process"]
    assert cp_before.grade.id == "priority_action"
    assert cp_before.rules_fired == ("child_protection_process.outside_guidance",)
    assert cp_after.grade.id == "area_for_development"
    assert "which the criteria in force from 1 April 2010 require for priority action" in cp_after.reason
    step = {s.rule: s for s in cp_after.trace.rules}["child_protection_process.outside_guidance"]
    assert step.outcome is judgement.RuleOutcome.NOT_IN_FORCE


def test_children_at_risk_that_no_area_accounts_for_are_a_finding(ucra):
    result = judgement.judge(ucra, judgement.load_case(FIXTURES / "eskdale-2011-unexplained-risk.yaml"))
    assert {a.grade.id for a in result if a.area != "risk_in_sample"} <= {"satisfactory", "strength"}
    risk = result.areas["risk_in_sample"]
    assert risk.grade.id == "priority_action"
    assert risk.reason == (
        "2 of the 30 sampled cases left a child at risk of significant harm: their cases need review at once. "
        "No finding above says what put them at risk: the cause must be established."
    )


STAFFORDSHIRE = FIXTURES / "staffordshire-2010.yaml"


def test_children_found_at_risk_are_never_hidden_by_missing_evidence(ucra):
    """7 of 23 sampled children at risk, 7 child-protection responses outside guidance that left them at risk,
    and no other evidence: the areas that read the risk are judged, and the letter names the finding."""
    from judgement.renderers.letter import render_letter

    case = judgement.load_case(
        {
            "case": "risk-only",
            "authority": "Riskton",
            "inspected": "2011-02-01",
            "rulebook": "ucra-2010",
            "evidence": {
                "children_at_risk_in_sample": {"value": 7, "n": 23},
                "at_risk_cp_response": {"value": 7, "n": 23},
            },
        }
    )
    result = judgement.judge(ucra, case)
    risk = result.areas["risk_in_sample"]
    assert risk.grade.id == "priority_action"
    assert risk.reason.startswith("7 of the 23 sampled cases left a child at risk of significant harm")
    process = result.areas["child_protection_process"]
    assert process.grade.id == "priority_action"  # its timeliness evidence is missing, the risk is not
    assert process.rules_fired == ("child_protection_process.left_at_risk",)
    letter = render_letter(result)
    assert "satisfactory practice" not in letter.lower()
    assert "The inspection found areas for priority action." in letter
    assert "7 of the 23 sampled cases left a child at risk of significant harm" in letter


def test_children_at_risk_added_to_the_staffordshire_case_give_priority_action(ucra):
    import yaml

    data = yaml.safe_load(STAFFORDSHIRE.read_text(encoding="utf-8"))
    data["evidence"]["children_at_risk_in_sample"] = {"value": 3, "n": 30}
    data.pop("expect", None)
    result = judgement.judge(ucra, judgement.load_case(data))
    assert result.areas["risk_in_sample"].grade.id == "priority_action"
    assert result.areas["risk_in_sample"].reason.startswith("3 of the 30 sampled cases left a child at risk")


def test_missing_required_evidence_is_not_judged_never_satisfactory(ucra):
    result = judgement.judge(ucra, judgement.load_case(FIXTURES / "lowfield-2010-not-judged.yaml"))
    assert {a.grade.id for a in result} == {"not_judged"}
    area = result.areas["supervision"]
    assert area.reason.startswith("Not judged: the case gives no evidence of")
    assert area.trace.policy.note.startswith("required evidence missing: supervision_at_policy_frequency")


def test_explanation_trace_has_margins_and_policy(ucra, staffordshire):
    area = judgement.judge(ucra, staffordshire).areas["assessments"]
    steps = {s.rule: s for s in area.trace.rules}
    timely = steps["assessments.timely"]
    assert timely.outcome is judgement.RuleOutcome.NOT_FIRED
    first = timely.comparisons[0]
    assert (first.left, first.op, first.actual, first.required, first.margin) == (
        "ia_in_timescale",
        ">=",
        78.4,
        85,
        -6.6,
    )
    # a location as the user would type it: relative to the working directory (the repository root here)
    assert first.at == "rules/ucra-2010/areas/08-assessments.yaml:54:27"
    assert steps["assessments.met"].chosen
    assert area.trace.policy.policy is judgement.Policy.PRIORITY
    evidence = {e.measure: e for e in area.trace.evidence}
    assert evidence["ia_in_timescale"].england == 72


def _mini_case(**values):
    return make_case(values, rulebook="mini")


def test_priority_policy_worst_finding_stands(mini):
    result = judgement.judge(mini, _mini_case(a=40, b=10))
    assert result.areas["one"].grade.id == "area_for_development"


def test_first_policy_takes_rule_order(mini):
    assert judgement.judge(mini, _mini_case(a=60, b=85)).areas["two"].grade.id == "strength"
    assert judgement.judge(mini, _mini_case(a=60, b=75)).areas["two"].grade.id == "area_for_development"


def test_unique_policy_reports_conflicts(mini):
    area = judgement.judge(mini, _mini_case(a=60, b=65, f=False)).areas["three"]
    assert area.status is judgement.AreaStatus.CONFLICT
    assert area.grade.id == "not_judged"
    assert "three.x and three.y" in area.reason
    assert judgement.judge(mini, _mini_case(a=60, b=65, f=True)).areas["three"].grade.id == "strength"


def test_dated_parameter_inside_one_rulebook(mini):
    early = make_case({"a": 60, "d": 8}, rulebook="mini", inspected="2010-02-01")
    assert judgement.judge(mini, early).areas["one"].grade.id == "area_for_development"
    assert judgement.judge(mini, _mini_case(a=60, d=8)).areas["one"].grade.id == "satisfactory"


def test_missing_comparator_makes_a_test_unknown_not_zero(mini):
    # regression: the engine reads a missing right-hand field as 0; the compiler guards it
    result = judgement.judge(mini, _mini_case(a=60))
    step = next(s for s in result.areas["one"].trace.rules if s.rule == "one.bad")
    assert step.outcome is judgement.RuleOutcome.NOT_EVALUABLE
    assert "d" in step.missing


def test_json_shape_and_stamp(ucra, staffordshire):
    data = json.loads(judgement.judge(ucra, staffordshire).to_json())
    assert set(data) == {"case", "case_path", "rulebook", "areas", "stamp"}
    assert set(data["rulebook"]) == {"id", "version", "digest", "scales"}
    assert set(data["areas"][0]) == {
        "area",
        "title",
        "grade",
        "scale",
        "status",
        "reason",
        "rules_fired",
        "borderline",
        "trace",
    }
    assert data["stamp"]["rulebook"] == "ucra-2010"
    assert data["stamp"]["library_version"] == judgement.__version__
    assert len(data["stamp"]["evidence_digest"]) == 64


def test_unknown_measure_in_case_is_an_error_with_suggestion(ucra):
    case = make_case({"ia_in_timescal": 70})
    with pytest.raises(
        judgement.CaseError, match=r"(?s)unknown measure 'ia_in_timescal'.*did you mean 'ia_in_timescale'"
    ):
        judgement.judge(ucra, case)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (120, "outside the measure's range"),
        (True, "not a yes/no value"),
    ],
)
def test_values_checked_against_the_catalogue(ucra, value, message):
    case = make_case({"ia_in_timescale": value})
    with pytest.raises(judgement.CaseError, match=message):
        judgement.judge(ucra, case)


def test_count_must_be_whole(ucra):
    case = make_case({"unallocated_cases": 2.5})
    with pytest.raises(judgement.CaseError, match="must be a whole number"):
        judgement.judge(ucra, case)


def test_rulebook_resolution_by_id_and_date(tmp_path):
    rulebook = judgement.find_rulebook("ucra-2010", judgement.load_case(FIXTURES / "staffordshire-2010.yaml").inspected)
    assert rulebook.id == "ucra-2010"
    import datetime as dt

    with pytest.raises(judgement.ResolutionError, match="no version of rulebook 'ucra-2010' is in force on 2014-01-01"):
        judgement.find_rulebook("ucra-2010", dt.date(2014, 1, 1))
    with pytest.raises(judgement.ResolutionError, match="rulebook 'nope' not found"):
        judgement.find_rulebook("nope", dt.date(2010, 1, 1), [tmp_path])


@pytest.mark.parametrize(
    ("evidence", "message", "column"),
    [
        (
            "children_at_risk_in_sample: {value: 3, n: 23}\n  at_risk_cp_response: {value: 5, n: 23}",
            "at_risk_cp_response = 5 is more than children_at_risk_in_sample = 3",
            32,
        ),
        (
            "children_at_risk_in_sample: {value: 3, n: 23}\n  at_risk_cp_response: {value: 30, n: 23}",
            "at_risk_cp_response = 30 is more than its sample of 23",
            32,
        ),
    ],
)
def test_a_cause_of_children_at_risk_larger_than_the_total_is_refused_at_its_line(tmp_path, evidence, message, column):
    path = tmp_path / "risk.yaml"
    path.write_text(
        "case: riskton\nauthority: Riskton\ninspected: 2011-02-01\nrulebook: ucra-2010\nevidence:\n  "
        + evidence
        + "\n",
        encoding="utf-8",
    )
    from judgement.errors import CaseError
    from judgement.resolve import rulebook_for

    case = judgement.load_case(path)
    judge = judgement.Judge(rulebook_for(case))
    fine = make_case({"children_at_risk_in_sample": {"value": 3, "n": 23}}, inspected="2011-02-01")
    for _ in range(40):  # past the first cases checked in full: the quick reader must refuse it too
        judge.judge(fine)
    with pytest.raises(CaseError) as caught:
        judge.judge(case)
    problem = caught.value.problems[0]
    assert problem.message == message
    assert (problem.location.line, problem.location.column) == (7, column)
    assert problem.code == "case.count-above-total"


def test_causes_of_children_at_risk_may_overlap(ucra):
    """Two causes of 3 each among 4 children at risk: together more than the total, each within it."""
    case = make_case(
        {
            "children_at_risk_in_sample": {"value": 4, "n": 23},
            "at_risk_cp_response": {"value": 3, "n": 23},
            "at_risk_assessment": {"value": 3, "n": 23},
        },
        inspected="2011-02-01",
    )
    assert judgement.judge(ucra, case).areas["risk_in_sample"].grade.id == "priority_action"


@pytest.mark.parametrize(
    ("listed", "key", "said"),
    [([{"x": 1}], "requires", "a mapping"), ([["x"]], "optional", "a list"), ([5], "requires", "the number 5")],
)
def test_a_measure_list_holding_something_other_than_an_id_is_refused(listed, key, said):
    """``requires: [{x: 1}]`` (what ``[? x]`` reads as) is refused as such, not looked up as a measure."""
    problem = refused_rulebook({"m": {"title": "M", "unit": "percent", "better": "higher"}}, **{key: listed})
    assert problem.message == f"{key} lists {said}"
    assert problem.expected == "a measure id"
    assert problem.code == "data.not-text"


@pytest.mark.parametrize(
    ("scale", "said"), [("indicatr", "'indicatr'"), ([], "[]"), ({"id": "indicator"}, "{'id': 'indicator'}")]
)
def test_an_area_on_a_scale_the_manifest_does_not_declare_is_refused_at_its_scale(tmp_path, scale, said):
    import shutil

    root = tmp_path / "ilacs"
    shutil.copytree(ROOT / "rules" / "ilacs-2018", root)
    area = root / "areas" / "01-re_referrals.yaml"
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace("scale: indicator", "scale: " + json.dumps(scale)))  # JSON is YAML
    with pytest.raises(judgement.RulebookError) as caught:
        judgement.load_rulebook(root)
    problem = next(p for p in caught.value.problems if p.code == "rulebook.unknown-scale")
    assert problem.message == f"scale {said} is not declared in the manifest"
    assert problem.location is not None
    assert problem.location.file.endswith("01-re_referrals.yaml")
    assert problem.location.line == 3
    if scale == "indicatr":
        assert "did you mean 'indicator'" in (problem.hint or "")


def test_a_bound_must_name_another_count():
    problem = refused_rulebook(
        {
            "total": {"title": "Total", "unit": "percent", "better": "lower"},
            "part": {"title": "Part", "unit": "count", "better": "lower", "at_most": "total"},
        },
        requires=["part"],
    )
    assert problem.message == "measure 'part' is bounded by 'total', which is not a count of the catalogue"
    assert problem.code == "rulebook.bound"
