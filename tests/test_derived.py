"""Derived judgements (areas that read other areas' grades), limits and dated rules: the example
four-point rulebook of docs/another-framework.md end to end, the engine firing each level, the reference
evaluator agreeing with it, and every bad-input message."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement.cli import main
from judgement.engine.compile import DAY
from judgement.engine.durable import Engine
from judgement.judging.facts import case_fact
from judgement.judging.judge import Judge
from judgement.lang.normal import field_name
from judgement.testing import check_every_area_graded, check_monotonic, evidence
from tests.example import BOOK, EXAMPLE, FIXTURES, RULES, refused
from tests.example import case as _case

pytest_plugins = ["pytester"]

JUDGE = Judge(BOOK)
EXAMPLES = settings().max_examples


# ------------------------------------------------------------------------------------ the example


def test_example_rulebook_checks_lints_and_meets_its_fixtures():
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(RULES)]).exit_code == 0
    lint = runner.invoke(main, ["lint", str(RULES)])
    assert lint.exit_code == 0, lint.output
    result = runner.invoke(main, ["test", str(FIXTURES), "--rules", str(EXAMPLE / "rules")])
    assert result.exit_code == 0, result.output
    assert "40 passed, 0 failed" in result.output


@pytest.mark.slow  # a whole pytest run in a subprocess
def test_example_fixtures_run_under_pytest(pytester):
    for fixture in FIXTURES.glob("*.yaml"):
        shutil.copy(fixture, pytester.path / fixture.name)
    result = pytester.runpytest("--judgement-rules", str(EXAMPLE / "rules"), "-q")
    result.assert_outcomes(passed=40)


def test_levels_and_rulesets():
    levels = {a.id: a.level for a in BOOK.areas}
    assert levels == {
        "help_and_protection": 1,
        "leaders": 2,
        "practice_quality": 0,
        "re_referrals": 0,
        "supervision": 0,
        "supervision.reflection": 0,
        "supervision.regularity": 0,
        "timeliness": 0,
        "workforce": 0,
    }
    assert BOOK.area("leaders").reads_areas == ("help_and_protection", "workforce")
    assert JUDGE.compiled.levels == 3
    assert sorted({p.level for p in JUDGE.compiled.parts}) == [0, 1, 2]


def test_the_engine_fires_each_level_from_the_grades_below(monkeypatch):
    case = judgement.load_case(FIXTURES / "carrow-2024.yaml")
    values = case_fact(BOOK, case)
    seen: list[tuple[int, list[tuple[str, str]]]] = []
    real_run = Engine.run

    def spy(self, fact, settle=None, *more, **named):
        def watching(level, names):
            seen.append((level, [JUDGE.compiled.rules[n] for n in names]))
            return settle(level, names)

        assert DAY in fact  # the rulebook has dated rules: the engine is told the inspection date
        return real_run(self, fact, watching, *more, **named)

    monkeypatch.setattr(Engine, "run", spy)
    decisions, known, _ = JUDGE.run(case, values)
    assert [level for level, _ in seen] == [0, 1]
    fired_at_1 = seen[1][1]
    assert ("help_and_protection", "help_and_protection.good") in fired_at_1
    assert known[field_name("workforce", grade=True)] == 0  # concern, the worst of the indicator scale
    assert known[field_name("help_and_protection", grade=True)] == 2  # good
    leaders = decisions[[a.id for a in BOOK.areas].index("leaders")]
    assert (leaders.grade.id, leaders.chosen) == ("requires_improvement", ("leaders.good", "leaders.workforce_cap"))


def test_trace_links_a_derived_grade_to_the_grades_that_decided_it():
    result = judgement.judge(BOOK, judgement.load_case(FIXTURES / "carrow-2024.yaml"))
    trace = result.areas["leaders"].trace
    assert [(g.area, g.grade.id) for g in trace.grades] == [("help_and_protection", "good"), ("workforce", "concern")]
    cap = next(s for s in trace.rules if s.rule == "leaders.workforce_cap")
    assert cap.limit
    (comparison,) = cap.comparisons
    assert (comparison.left, comparison.word(comparison.actual), comparison.word(comparison.required)) == (
        "grade(workforce)",
        "concern",
        "concern",
    )
    assert "capped at requires improvement to be good by leaders.workforce_cap" in trace.policy.note
    data = result.to_dict()
    leaders = next(a for a in data["areas"] if a["area"] == "leaders")
    assert leaders["scale"] == "overall"
    assert leaders["trace"]["grades"][1] == {
        "area": "workforce",
        "title": "Workforce stability",
        "grade": "concern",
        "status": "judged",
    }


def test_why_not_and_counterfactuals_work_through_derived_areas():
    result = judgement.judge(BOOK, judgement.load_case(FIXTURES / "carrow-2024.yaml"))
    e = judgement.explain(result, "leaders")
    good = next(w for w in e.why_not if w.grade.id == "good")
    assert "the limit leaders.workforce_cap caps the grade" in good.note
    up = next(c for c in e.counterfactuals if c.direction == "up")
    assert up.target.id == "good"
    assert [(c.measure, c.new) for c in up.changes] == [("social_worker_turnover", 20)]
    assert up.verified
    down = next(c for c in e.counterfactuals if c.direction == "down")
    assert down.target.id == "inadequate"
    assert {c.measure for c in down.changes} == {"rereferral_percent", "assessments_within_45_days"}


def test_a_derived_area_is_not_judged_when_an_area_it_reads_is_not():
    result = judgement.judge(BOOK, judgement.load_case(FIXTURES / "dunmore-2024.yaml"))
    hp = result.areas["help_and_protection"]
    assert hp.grade.id == "not_judged"
    assert hp.reason == "Not judged: Re-referrals was not judged."
    assert hp.trace.policy.note == "required evidence or grades missing: grade(re_referrals)"
    assert result.areas["leaders"].reason == "Not judged: Help and protection was not judged."


def test_rules_outside_their_dates_are_not_in_force():
    early = judgement.judge(BOOK, judgement.load_case(FIXTURES / "brook-2023.yaml")).areas["timeliness"]
    steps = {s.rule: s for s in early.trace.rules}
    assert steps["timeliness.slow"].outcome is judgement.RuleOutcome.NOT_IN_FORCE
    assert steps["timeliness.slow"].effective == "from 2024-04-01"
    assert steps["timeliness.slow_2023"].outcome is judgement.RuleOutcome.NOT_FIRED
    late = judgement.judge(BOOK, judgement.load_case(FIXTURES / "brook-2024.yaml")).areas["timeliness"]
    assert {s.rule: s.outcome for s in late.trace.rules}["timeliness.slow_2023"] is judgement.RuleOutcome.NOT_IN_FORCE


def test_every_renderer_shows_derived_grades_and_limits():
    case = judgement.load_case(FIXTURES / "carrow-2024.yaml")
    runner = CliRunner()
    rules = ["--rules", str(EXAMPLE / "rules")]
    text = runner.invoke(main, ["judge", str(FIXTURES / "carrow-2024.yaml"), "-v", *rules]).output
    assert "grades read:" in text
    assert "grade(workforce) = concern" in text
    assert "leaders.workforce_cap [at most requires improvement to be good] fired, chosen" in text
    for fmt, needle in (
        ("markdown", "grade(workforce) = concern"),
        ("html", "Grades it reads"),
        ("json", '"limit": true'),
        ("letter", "Requires improvement to be good"),
    ):
        out = runner.invoke(main, ["judge", str(FIXTURES / "carrow-2024.yaml"), "--format", fmt, "-v", *rules])
        assert out.exit_code == 0, out.output
        assert needle in out.output, fmt
    letter = runner.invoke(main, ["judge", str(FIXTURES / "ashdown-2024.yaml"), "--format", "letter", *rules]).output
    assert "The inspection found" in letter
    assert "followed up" not in letter  # nothing calls for action
    assert case.id == "carrow-2024"


# ------------------------------------------------------------------------------------ properties


@given(evidence(BOOK), st.dates(dt.date(2023, 4, 1), dt.date(2025, 12, 31)))
def test_engine_and_reference_agree_on_derived_areas(ev, day):
    case = _case(ev, day)
    result = JUDGE.judge(case)  # every firing, at every level, is checked against the reference
    values = case_fact(BOOK, case)
    for area in BOOK.areas:
        assert JUDGE.grade_with(area, values, case.evidence, day) == result.areas[area.id].grade, area.id


def _measures_behind(area_id: str) -> set[str]:
    area = BOOK.area(area_id)
    found = set(area.requires)
    for rule in area.rules:
        if rule.normal is not None:
            from judgement.lang.normal import tests as tests_of

            found.update(f.name for t in tests_of(rule.normal) for f in t.reads if f.measure)
    for other in area.reads_areas:
        found |= _measures_behind(other)
    return found


@pytest.mark.slow
@given(evidence(BOOK), evidence(BOOK))
def test_a_derived_grade_never_changes_when_an_area_it_does_not_read_changes(ev, other):
    for area in (a for a in BOOK.areas if a.derived):
        behind = _measures_behind(area.id)
        changed = {k: v for k, v in ev.items() if k in behind}
        changed.update({k: v for k, v in other.items() if k not in behind})
        before = judgement.judge(BOOK, _case(ev)).areas[area.id].grade
        after = judgement.judge(BOOK, _case(changed)).areas[area.id].grade
        assert before == after, area.id


def test_better_evidence_never_lowers_a_derived_grade():
    check_monotonic(BOOK, max_examples=EXAMPLES)


def test_every_area_of_the_example_is_graded_or_not_judged_for_a_reason():
    check_every_area_graded(BOOK, max_examples=EXAMPLES)


# ------------------------------------------------------------------------------------ bad input


def _rulebook(tmp_path: Path, areas: dict[str, str]) -> Path:
    root = tmp_path / "rb"
    shutil.copytree(RULES, root)
    for name, text in areas.items():
        (root / "areas" / name).write_text(textwrap.dedent(text))
    return root


@pytest.mark.parametrize(
    ("when", "message", "code"),
    [
        ("grade(nowhere) <= concern", "unknown area 'nowhere'", "condition.unknown-area"),
        (
            "grade(re_referrals) <= inadequate",
            "'inadequate' is not a grade on scale 'indicator'",
            "condition.unknown-grade",
        ),
        ("worst(re_referrals, help_and_protection) <= concern", "different scales", "condition.scale-mismatch"),
        ("grade(re_referrals) < grade(help_and_protection)", "different scales", "condition.scale-mismatch"),
        ("grade(re_referrals) + 1 > 2", "grades cannot take part in arithmetic", "condition.type"),
        ("grade(re_referrals) <= 1", "is compared with a grade", "condition.type"),
        ("worst(re_referrals) <= concern", "needs two or more areas", "condition.type"),
        ("count(re_referrals, timeliness == strong) >= 3", "does not depend on the grades", "condition.no-measure"),
        ("count(re_referrals, timeliness == strong) <= 2.5", "whole number of areas", "condition.type"),
        ("count(re_referrals, re_referrals == strong) >= 1", "an area is listed twice", "condition.type"),
        ("grade(re_referrals)", "is a value, not a condition", "condition.type"),
        ("spread(re_referrals) > 1", "'spread(' is not a function a condition can call", "condition.syntax"),
        ("grade(re_referrals, timeliness) > concern", "grade(...) reads one area", "condition.syntax"),
    ],
)
def test_bad_derived_conditions_are_located(tmp_path, when, message, code):
    problem = refused(tmp_path, when, message)
    assert problem.code == code
    assert problem.location is not None
    assert problem.location.line == 5


def test_a_cycle_of_derived_judgements_is_refused_with_its_path(tmp_path):
    root = _rulebook(
        tmp_path,
        {
            "re_referrals.yaml": """\
            area: re_referrals
            title: Re-referrals
            scale: indicator
            rules:
              - {id: re_referrals.x, grade: concern, when: grade(timeliness) <= concern, because: x}
              - {id: re_referrals.ok, grade: typical, default: true, because: ok}
            """,
            "timeliness.yaml": """\
            area: timeliness
            title: Timeliness
            scale: indicator
            rules:
              - {id: timeliness.x, grade: concern, when: grade(re_referrals) <= concern, because: x}
              - {id: timeliness.ok, grade: typical, default: true, because: ok}
            """,
        },
    )
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2
    assert "areas read each other's grades in a cycle: " in result.stderr
    assert "re_referrals -> timeliness -> re_referrals" in result.stderr or (
        "timeliness -> re_referrals -> timeliness" in result.stderr
    )
    assert "Traceback" not in result.output


def test_bad_dates_and_limits_are_refused(tmp_path):
    root = _rulebook(
        tmp_path,
        {
            "extra.yaml": """\
            area: extra
            title: Extra
            scale: indicator
            requires: [rereferral_percent]
            rules:
              - {id: extra.x, grade: concern, when: rereferral_percent > 30, because: x,
                 effective_from: 2024-04-01, effective_to: 2024-01-01}
              - {id: extra.y, grade: concern, when: rereferral_percent > 40, because: y, limit: maybe}
              - {id: extra.ok, grade: typical, default: true, because: ok, effective_from: 2024-01-01}
            """
        },
    )
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook(root)
    found = {p.code: p.message for p in info.value.problems}
    assert found["rulebook.dates"] == "effective_to is before effective_from"
    assert found["data.not-flag"] == "limit must be true or false, not text 'maybe'"
    assert found["rulebook.dated-default"] == "the default rule is always in force"


def test_unknown_scale_is_refused(tmp_path):
    root = _rulebook(
        tmp_path,
        {
            "extra.yaml": "area: extra\ntitle: E\nscale: overal\nrules:\n"
            "  - {id: e.ok, grade: good, default: true, because: ok}\n"
        },
    )
    with pytest.raises(judgement.RulebookError, match=r"(?s)scale 'overal' is not declared.*did you mean 'overall'"):
        judgement.load_rulebook(root)
