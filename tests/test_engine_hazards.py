"""Regression tests for each durable_rules hazard the engine adapter guards against."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

import judgement
from judgement import Grade
from judgement.compile import MAX_ALTERNATIVES, compile_rulebook, number_json, to_json
from judgement.engine import live_sessions
from tests.conftest import DATA, FIXTURES, ROOT


def _case(**ev):
    return judgement.Case.from_dict(
        {"case": "h", "authority": "H", "inspected": "2010-06-01", "rulebook": "mini", "evidence": ev}
    )


@pytest.fixture(scope="module")
def mini():
    return judgement.load_rulebook(DATA / "mini")


def test_no_background_threads_are_started(ucra, staffordshire):
    before = threading.active_count()
    for _ in range(20):
        ucra.judge(staffordshire)
    assert threading.active_count() == before


def test_sessions_are_always_deleted_even_when_judging_fails(ucra, staffordshire):
    bad = judgement.Case.from_dict(
        {
            "case": "b",
            "authority": "B",
            "inspected": "2010-06-01",
            "rulebook": "ucra-2010",
            "evidence": {"ia_in_timescale": 300},
        }
    )
    for _ in range(50):
        ucra.judge(staffordshire)
        with pytest.raises(judgement.CaseError):
            ucra.judge(bad)
    assert live_sessions() == 0


def test_case_where_no_rule_but_the_catch_all_fires_is_deleted_safely(mini):
    # without the catch-all, deleting a session in which no action ran segfaults
    result = mini.judge(_case(c=3))
    assert {a.grade for a in result} == {Grade.NOT_JUDGED}
    assert live_sessions() == 0


def test_exponent_floats_reach_the_engine_correctly(mini):
    assert number_json(1e-05) == "1.0e-05"
    assert number_json(1e16) == "1.0e+16"
    assert number_json(2.5e-07) == "2.5e-07"
    assert to_json({"x": [1e-05, 3]}) == '{"x":[1.0e-05,3]}'
    assert mini.judge(_case(a=1e-05)).areas["one"].grade is Grade.AREA_FOR_DEVELOPMENT
    assert mini.judge(_case(a=95.0, b=1e-05)).areas["one"].grade is Grade.STRENGTH


def test_non_finite_numbers_never_reach_the_engine():
    with pytest.raises(ValueError, match="non-finite"):
        number_json(float("nan"))


def test_two_versions_of_a_rulebook_live_side_by_side(ucra, staffordshire):
    import attrs

    from judgement.expr import normalize, parse
    from judgement.source import Location

    area = ucra.area("supervision")
    node = parse("supervision_at_policy_frequency < 95", Location("test", 1, 1))
    raised = tuple(
        attrs.evolve(r, condition=node, normal=normalize(node)) if r.id == "supervision.irregular" else r
        for r in area.rules
    )
    changed = attrs.evolve(
        ucra, areas=tuple(attrs.evolve(a, rules=raised) if a.id == "supervision" else a for a in ucra.areas)
    )
    assert compile_rulebook(changed).name != compile_rulebook(ucra).name
    for _ in range(3):
        assert changed.judge(staffordshire).areas["supervision"].grade is Grade.AREA_FOR_DEVELOPMENT
        assert ucra.judge(staffordshire).areas["supervision"].grade is Grade.SATISFACTORY


def test_rules_are_split_so_no_fact_queues_too_many_results(ucra):
    compiled = compile_rulebook(ucra)
    assert len(compiled.parts) >= 2
    # southvale fires most rules with several alternatives each: 303 from the engine before the split
    result = ucra.judge(judgement.load_case(FIXTURES / "southvale-2011-priority.yaml"))
    assert result.areas["assessments"].grade is Grade.PRIORITY_ACTION
    assert MAX_ALTERNATIVES < 64


def test_a_rule_with_too_many_alternatives_is_refused(tmp_path):
    import shutil

    shutil.copytree(DATA / "mini", tmp_path / "rb")
    clause = " and ".join(f"(a > {i} or b > {i})" for i in range(6))  # 2^6 = 64 alternatives
    (tmp_path / "rb" / "areas" / "one.yaml").write_text(
        textwrap.dedent(f"""\
        area: one
        title: One
        requires: [a]
        rules:
          - id: one.huge
            grade: strength
            when: {clause}
            because: x
          - id: one.met
            grade: satisfactory
            default: true
            because: y
        """)
    )
    with pytest.raises(judgement.RulebookError, match="64 alternative ways"):
        compile_rulebook(judgement.load_rulebook(tmp_path / "rb"))


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
    )


def test_more_cases_than_the_engine_session_limit_in_a_subprocess():
    # 1,024 live sessions per ruleset is the engine's hard limit; a leak would crash or raise here
    code = textwrap.dedent("""
        import judgement
        rb = judgement.load_rulebook('tests/data/mini')
        for i in range(1500):
            c = judgement.Case.from_dict({'case': 'x', 'authority': 'X', 'inspected': '2010-06-01',
                                          'rulebook': 'mini', 'evidence': {'c': i % 5}})
            rb.judge(c)
            try:
                rb.judge(judgement.Case.from_dict({'case': 'x', 'authority': 'X', 'inspected': '2010-06-01',
                                                   'rulebook': 'mini', 'evidence': {'a': 500}}))
            except judgement.CaseError:
                pass
        from judgement.engine import live_sessions
        print('live', live_sessions())
    """)
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "live 0"


def test_judging_from_threads_matches_sequential(ucra):
    cases = [judgement.load_case(p) for p in sorted(FIXTURES.glob("*.yaml"))]
    expected = [ucra.judge(c).to_json() for c in cases]
    results: list[list[str]] = []

    def work() -> None:
        results.append([ucra.judge(c).to_json() for c in cases * 10])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for got in results:
        assert got == expected * 10
    assert live_sessions() == 0
