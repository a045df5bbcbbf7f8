"""Testing rule changes: the runner, `judgement test`, coverage, the pytest plugin, diff and strategies."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import judgement
from judgement.analysis.diff import diff, load_rulebook_ref
from judgement.cli import main
from judgement.renderers.diff import render_diff
from judgement.testing import coverage, keyword_matches, run
from tests.conftest import DATA, FIXTURES, RULES

pytest_plugins = ["pytester"]


@pytest.fixture
def raised(tmp_path: Path) -> Path:
    """A copy of the UCRA rulebook with one threshold raised (supervision: 80% -> 92%)."""
    copy = tmp_path / "ucra-2010"
    shutil.copytree(RULES, copy)
    area = copy / "areas" / "07-supervision.yaml"
    text = area.read_text()
    assert "supervision_at_policy_frequency < 80 or" in text
    area.write_text(text.replace("supervision_at_policy_frequency < 80 or", "supervision_at_policy_frequency < 92 or"))
    return copy


def _supervision_changes(*, failing: bool = False) -> list[str]:
    """The fixtures the raised supervision line changes, read from their evidence: supervised at 80% to
    92% of the local frequency, and expected to be better than an area for development (``failing``:
    also those that expect ``supervision.irregular`` not to fire)."""
    out = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        case = judgement.load_case(path)
        item = case.evidence.get("supervision_at_policy_frequency")
        expected = next((e for e in case.expect if e.area == "supervision"), None)
        if item is None or expected is None or not 80 <= item.value < 92:
            continue
        expects_silence = failing and "supervision.irregular" in expected.not_fired
        if expected.grade in ("satisfactory", "strength") or expects_silence:
            out.append(case.id)
    return out


def test_shipped_fixtures_pass():
    report = run([FIXTURES])
    assert report.failed == 0
    cases = [judgement.load_case(p) for p in FIXTURES.glob("*.yaml")]
    assert report.passed == sum(len(c.expect) for c in cases) > 500


@pytest.mark.slow
def test_raising_a_threshold_fails_the_changed_case_and_area(raised):
    result = CliRunner().invoke(main, ["test", "--rules", str(raised), str(FIXTURES)])
    assert result.exit_code == 1
    out = result.stdout
    assert "FAIL ucra-2010 > staffordshire-2010 > supervision: expected satisfactory, got area_for_development" in out
    assert "- supervision: satisfactory  (expected)" in out
    assert "supervision_at_policy_frequency 91 < 92: holds (margin -1)" in out
    failed = len(_supervision_changes(failing=True))
    assert failed > len(_supervision_changes()) > 3
    assert out.rstrip().endswith(f"{len(run([FIXTURES]).outcomes) - failed} passed, {failed} failed")


def test_richer_expectations_and_expected_errors(tmp_path):
    case = tmp_path / "rich.yaml"
    text = (FIXTURES / "staffordshire-2010.yaml").read_text()
    expect = text.index("expect:")
    case.write_text(
        text[:expect] + "expect:\n"
        "  assessments:\n    grade: satisfactory\n    fired: [assessments.met]\n"
        "    not_fired: [assessments.strong]\n    reason: mostly completed on time\n"
        "  supervision:\n    grade: satisfactory\n    fired: [supervision.exemplary]\n"
        "    reason: not in the reason\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "case: bad\nauthority: B\ninspected: 2010-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: '85'\nexpect_error: must be a number, not text '85'\n"
    )
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "case: wrong\nauthority: W\ninspected: 2010-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: 85\nexpect_error: must be a number\n"
    )
    coded = tmp_path / "coded.yaml"
    coded.write_text(
        "case: coded\nauthority: C\ninspected: 2030-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: 85\nexpect_error: {code: resolve.not-in-force}\n"
    )
    miscoded = tmp_path / "miscoded.yaml"
    miscoded.write_text(
        "case: miscoded\nauthority: M\ninspected: 2010-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: '85'\nexpect_error: {code: case.out-of-dates, message: a number}\n"
    )
    report = run([tmp_path])
    by_name = {o.nodeid: o for o in report.outcomes}
    assert by_name["coded::(error)"].passed
    failing_code = by_name["miscoded::(error)"]
    assert not failing_code.passed
    assert failing_code.message.startswith(
        "expected an error with code case.out-of-dates and containing 'a number', got (case.bad-value):"
    )
    assert by_name["staffordshire-2010::assessments"].passed
    failing = by_name["staffordshire-2010::supervision"]
    assert not failing.passed
    assert "expected supervision.exemplary to fire, but it did not" in failing.message
    assert "expected the reason to contain 'not in the reason'" in failing.message
    assert by_name["bad::(error)"].passed
    assert not by_name["wrong::(error)"].passed


def test_keyword_selection():
    name = "staffordshire-2010::supervision ucra-2010 > staffordshire-2010 > supervision"
    assert keyword_matches("staffordshire-2010 and supervision", name)
    assert not keyword_matches("staffordshire-2010 and not supervision", name)
    assert keyword_matches("(eastford or staffordshire-2010) and super*", name)
    assert not keyword_matches("staffordshire", name)  # whole names: a part is not a match
    assert keyword_matches("staffordshire*", name)
    # "not early" drops the case staffordshire-2010-early's names only if spelt whole, never early_help_caf
    assert keyword_matches("not early", "ucra-2010 > eastford-2010-development > early_help_caf")
    for bad in ("a )", "not (", "a and", "(a or b", "or"):
        with pytest.raises(judgement.JudgementError, match="cannot read -k expression"):
            keyword_matches(bad, name)
    assert len(run([FIXTURES], keyword="westmoor* and workload").outcomes) == 1


@pytest.mark.slow
def test_junit_and_json_reports():
    junit = CliRunner().invoke(main, ["test", str(FIXTURES), "--format", "junit", "-k", "lowfield*"])
    assert junit.exit_code == 0
    assert junit.stdout.startswith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="judgement" tests="16"')
    data = json.loads(CliRunner().invoke(main, ["test", str(FIXTURES), "--format", "json", "--coverage"]).stdout)
    assert data["failed"] == 0
    assert data["coverage"][0]["percent"] == 100.0


def test_coverage_of_the_shipped_rulebook_is_complete(ucra):
    report = coverage(ucra, run([FIXTURES]).judgements)
    assert [r.rule for r in report.rules if not r.covered] == []
    assert [c.test for c in report.comparisons if c.sides < 2] == []
    assert report.percent == 100.0


def test_coverage_gate():
    result = CliRunner().invoke(
        main, ["test", str(FIXTURES / "staffordshire-2010.yaml"), "--coverage", "--fail-under", "90"]
    )
    assert result.exit_code == 1
    assert "rules never fired:" in result.stdout
    assert "coverage of ucra-2010 is 29.7%, below --fail-under 90" in result.stderr


def test_diff_lists_exactly_the_changed_grades(raised):
    old, new = judgement.load_rulebook(RULES), judgement.load_rulebook(raised)
    cases = [judgement.load_case(p) for p in sorted(FIXTURES.glob("*.yaml"))]
    report = diff(old, new, cases)
    changed = _supervision_changes()
    assert {(c.case, c.area) for c in report.grade_changes} == {(case, "supervision") for case in changed}
    assert ("staffordshire-2010", "supervision", "satisfactory -> area for development") in {
        (c.case, c.area, c.transition) for c in report.grade_changes
    }
    assert sum(report.by_transition().values()) == len(changed)
    markdown = render_diff(report, "markdown")
    assert "| staffordshire-2010 | supervision | satisfactory | area for development |" in markdown
    assert json.loads(render_diff(report, "json"))["by_area"] == {"supervision": len(changed)}


def test_diff_reads_git_revisions(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(RULES, repo / "rules" / "ucra-2010")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", "empty")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "rules")
    old = load_rulebook_ref("HEAD:rules/ucra-2010", cwd=repo)
    assert old.digest == judgement.load_rulebook(RULES).digest
    with pytest.raises(judgement.JudgementError, match=r"no rulebook\.yaml at that revision"):
        load_rulebook_ref("HEAD~1:rules/ucra-2010", cwd=repo)


def test_pytest_plugin_collects_case_and_area_items(pytester, raised):
    shutil.copy(FIXTURES / "staffordshire-2010.yaml", pytester.path / "staffordshire-2010.yaml")
    result = pytester.runpytest("--collect-only", "-q")
    assert "staffordshire-2010.yaml::staffordshire-2010::supervision" in result.stdout.str()
    passing = pytester.runpytest()
    passing.assert_outcomes(passed=16)
    failing = pytester.runpytest("--judgement-rules", str(raised))
    failing.assert_outcomes(passed=15, failed=1)
    text = failing.stdout.str()
    assert "ucra-2010 > staffordshire-2010 > supervision: expected satisfactory, got area_for_development" in text
    assert "+ supervision: area_for_development  (judged)" in text
    assert "Traceback" not in text


@pytest.mark.slow
def test_ready_made_property_checks_pass_on_the_shipped_rulebook(ucra):
    from judgement.testing import check_rulebook

    check_rulebook(ucra, max_examples=25)


@pytest.mark.slow
def test_ready_made_monotonicity_check_catches_a_backwards_rule():
    import attrs

    from judgement.lang.normal import normalize
    from judgement.lang.parser import parse
    from judgement.source import Location
    from judgement.testing import check_monotonic

    base = judgement.load_rulebook(DATA / "lintbase")  # monotone as shipped
    check_monotonic(base, max_examples=50)
    node = parse("a < 50 or a > 70", Location("t", 1, 1))  # high a is penalised: not monotone
    area = base.area("one")
    rules = tuple(
        attrs.evolve(r, condition=node, normal=normalize(node)) if r.id == "one.bad" else r for r in area.rules
    )
    broken = attrs.evolve(base, areas=tuple(attrs.evolve(a, rules=rules) if a.id == "one" else a for a in base.areas))
    # A random search: one run of 300 examples misses the counterexample now and then, five never have.
    caught = 0
    for _ in range(5):
        try:
            check_monotonic(broken, max_examples=300)
        except (AssertionError, ExceptionGroup):
            caught += 1
            break
    assert caught, "check_monotonic did not find the backwards rule"


def test_an_expected_error_names_a_known_code(tmp_path):
    import judgement

    typo = tmp_path / "typo.yaml"
    typo.write_text(
        "case: typo\nauthority: T\ninspected: 2010-07-13\nrulebook: ucra-2010\n"
        "evidence:\n  ia_in_timescale: 85\nexpect_error: {code: case.out-of-date}\n"
    )
    with pytest.raises(judgement.CaseError) as bad:
        judgement.load_case(typo)
    problem = bad.value.problems[0]
    assert problem.message == "unknown problem code 'case.out-of-date'"
    assert problem.hint.startswith("did you mean 'case.out-of-dates'")
    assert (problem.location.line, problem.location.column) == (7, 22)
    empty = tmp_path / "empty.yaml"
    empty.write_text("case: e\nauthority: E\ninspected: 2010-07-13\nrulebook: ucra-2010\nexpect_error: {}\n")
    with pytest.raises(judgement.CaseError, match="expect_error names neither a code nor a message"):
        judgement.load_case(empty)
