"""Hostile and extreme input, resource limits, crash isolation, concurrency and determinism."""

from __future__ import annotations

import concurrent.futures
import os
import pickle
import shutil
import subprocess
import sys
import textwrap
import threading
import unicodedata
from pathlib import Path

import pytest

import judgement
from judgement.check import areas as check_areas_module
from judgement.check import case as check_case_module
from judgement.check import rulebook as check_rulebook_module
from judgement.engine.durable import MAX_LIVE_SESSIONS, live_sessions
from judgement.read import documents as load
from tests.conftest import DATA, FIXTURES, ROOT, make_case


def _fails(func, *args):
    with pytest.raises(judgement.JudgementError) as info:
        func(*args)
    return info.value


class _Calls:
    """Counts the calls of one function, to check how much work a limit lets happen (not how long it takes)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        self.count = 0
        real = getattr(owner, name)

        def counted(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


# ------------------------------------------------------------------------------------------- limits


def test_file_size_limit_is_checked_before_the_file_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * load.MAX_FILE_BYTES)
    reads = _Calls(monkeypatch, Path, "open")
    error = _fails(judgement.load_case, big)
    assert reads.count == 0
    assert f"big.yaml: file is {load.MAX_FILE_BYTES + 3:,} bytes" in error.format()
    assert f"at most {load.MAX_FILE_BYTES:,} bytes" in error.format()
    assert error.problems[0].code == "input.too-large"


def test_flow_nesting_is_refused_before_the_yaml_scanner_runs(tmp_path, monkeypatch):
    flow = tmp_path / "flow.yaml"
    flow.write_text("a: " + "[" * 5000 + "]" * 5000)
    scans = _Calls(monkeypatch, load._Loader, "get_single_node")
    error = _fails(judgement.load_case, flow)
    assert scans.count == 0
    assert "flow.yaml:1:36: nesting deeper than 32 levels" in error.format()


def test_block_nesting_too_deep_for_the_yaml_parser_is_an_error_not_a_recursion_error(tmp_path):
    block = tmp_path / "block.yaml"
    block.write_text("a:\n  " + "- " * 5000 + "1\n")
    error = _fails(judgement.load_case, block)
    assert "block.yaml: nesting is too deep to read" in error.format()
    assert error.problems[0].code == "input.too-deep"


def test_alias_bomb_stops_at_the_value_limit(tmp_path, monkeypatch):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(levels))
    built = _Calls(monkeypatch, load._Builder, "build")
    error = _fails(judgement.load_case, bomb)
    assert built.count == load.MAX_NODES + 1  # 10^9 values on paper; stopped at the first past the limit
    assert f"document expands to more than {load.MAX_NODES:,} values" in error.format()


def _rulebook(tmp_path: Path, areas: int, rules_per_area: int, measures: int) -> Path:
    root = tmp_path / "rb"
    (root / "areas").mkdir(parents=True)
    (root / "rulebook.yaml").write_text((DATA / "mini" / "rulebook.yaml").read_text())
    lines = ["measures:"] + [f"  m{i}: {{title: M{i}, unit: percent, better: higher}}" for i in range(measures)]
    (root / "measures.yaml").write_text("\n".join(lines) + "\n")
    for a in range(areas):
        body = [f"area: a{a}", f"title: A{a}", "requires: [m0]", "rules:"]
        for r in range(rules_per_area):
            body += [f"  - id: a{a}.r{r}", "    grade: strength", f"    when: m0 > {r}", "    because: x"]
        body += [f"  - id: a{a}.met", "    grade: satisfactory", "    default: true", "    because: y"]
        (root / "areas" / f"a{a}.yaml").write_text("\n".join(body) + "\n")
    return root


def test_area_limit(tmp_path, monkeypatch):
    areas = _Calls(monkeypatch, check_rulebook_module._Builder, "area")
    error = _fails(judgement.load_rulebook, _rulebook(tmp_path, check_rulebook_module.MAX_AREAS + 1, 0, 1))
    assert areas.count == check_rulebook_module.MAX_AREAS  # the extra area is never read
    assert f"{check_rulebook_module.MAX_AREAS + 1} areas" in error.format()


def test_rule_limit_is_checked_before_any_condition_is_parsed(tmp_path, monkeypatch):
    parses = _Calls(monkeypatch, check_areas_module, "parse")
    error = _fails(judgement.load_rulebook, _rulebook(tmp_path, 1, check_rulebook_module.MAX_RULES + 1, 1))
    assert parses.count == 0
    assert f"more than {check_rulebook_module.MAX_RULES} rules" in error.format()


def test_measure_limit(tmp_path, monkeypatch):
    measures = _Calls(monkeypatch, check_rulebook_module, "Measure")
    error = _fails(judgement.load_rulebook, _rulebook(tmp_path, 1, 0, check_rulebook_module.MAX_MEASURES + 1))
    assert measures.count == 0
    assert f"{check_rulebook_module.MAX_MEASURES + 1} measures" in error.format()


def test_evidence_limit(monkeypatch):
    items = _Calls(monkeypatch, check_case_module, "Evidence")
    evidence = {f"m{i}": 1 for i in range(check_case_module.MAX_EVIDENCE + 1)}
    error = _fails(make_case, evidence)
    assert items.count == 0
    assert f"{check_case_module.MAX_EVIDENCE + 1} evidence items" in error.format()


# -------------------------------------------------------------------------------------------- values


def test_small_floats_with_exponents_are_judged_correctly_through_the_engine(tmp_path):
    root = tmp_path / "tiny"
    shutil.copytree(DATA / "mini", root)
    (root / "areas" / "one.yaml").write_text(
        textwrap.dedent("""\
        area: one
        title: One
        requires: [a]
        rules:
          - id: one.tiny
            grade: strength
            when: a > 0.0001 and a < 0.0003
            because: x
          - id: one.met
            grade: satisfactory
            default: true
            because: y
        """)
    )
    rulebook = judgement.load_rulebook(root)
    grades = {
        v: judgement.judge(rulebook, make_case({"a": v}, rulebook="mini")).areas["one"].grade.value
        for v in (5e-05, 0.0002, 2.5e-04, 0.0003, 1e-05)
    }
    assert grades == {
        5e-05: "satisfactory",
        0.0002: "strength",
        2.5e-04: "strength",
        0.0003: "satisfactory",
        1e-05: "satisfactory",
    }


def test_text_is_nfc_normalised(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Société de Bénévoles")
    path = tmp_path / "case.yaml"
    path.write_text(f"case: x\nauthority: {decomposed}\ninspected: 2010-07-13\nrulebook: ucra-2010\nevidence: {{}}\n")
    case = judgement.load_case(path)
    assert case.authority == unicodedata.normalize("NFC", decomposed)
    assert case.authority != decomposed


# ----------------------------------------------------------------------------------- crash isolation


def _python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
        env=env,
    )


def test_hazard_scenarios_in_a_subprocess_exit_normally():
    done = _python("""
        import judgement
        from judgement.engine.durable import live_sessions
        rb = judgement.load_rulebook('tests/data/mini')
        case = lambda ev: judgement.load_case({'case': 'x', 'authority': 'X', 'inspected': '2010-06-01',
                                                    'rulebook': 'mini', 'evidence': ev})
        judgement.judge(rb, case({}))                       # no evidence: only the catch-all fires
        judgement.judge(rb, case({'c': 1}))                 # facts no rule is interested in
        judgement.judge(rb, case({'a': 95, 'b': 99}))       # several rules fire
        for i in range(1500):                    # more cases than the engine's 1,024 live sessions
            judgement.judge(rb, case({'a': i % 100}))
            try:
                judgement.judge(rb, case({'a': 'bad'}))     # judging raises before the engine
            except judgement.JudgementError:
                pass
        print('live', live_sessions())
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "live 0"


def test_engine_failing_midway_never_reaches_the_session_limit():
    # Make the engine fail after the assert, before any action ran, 1,100 times: those sessions cannot be
    # deleted safely, so they stay; the adapter must retire the ruleset before 1,024 accumulate.
    done = _python(f"""
        import judgement, judgement.engine.durable as engine
        rb = judgement.load_rulebook('tests/data/mini')
        case = judgement.load_case({{'case': 'x', 'authority': 'X', 'inspected': '2010-06-01',
                                          'rulebook': 'mini', 'evidence': {{'a': 95}}}})
        real = engine._core.start_action_for_state
        def broken(handle, offset):
            raise RuntimeError('simulated engine failure')
        engine._core.start_action_for_state = broken
        failures = 0
        for _ in range(1100):
            try:
                judgement.judge(rb, case)
            except judgement.EngineError as error:
                assert 'simulated engine failure' in str(error)
                failures += 1
        engine._core.start_action_for_state = real
        worst = max(engine._LIVE.values())
        print(failures, worst <= {MAX_LIVE_SESSIONS}, judgement.judge(rb, case).areas['one'].grade.value)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1100 True strength"


# --------------------------------------------------------------------------------------- concurrency


@pytest.mark.slow
def test_eight_threads_match_a_sequential_run(mini):
    cases = [
        make_case({"a": i % 101, "b": (i * 7) % 101, "d": i % 12, "f": bool(i % 3)}, rulebook="mini")
        for i in range(1000)
    ]
    expected = [judgement.judge(mini, c).to_json(trace=False) for c in cases]
    results: dict[int, list[str]] = {}

    def work(n: int) -> None:
        results[n] = [judgement.judge(mini, c).to_json(trace=False) for c in cases]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    for got in results.values():
        assert got == expected
    assert live_sessions() == 0


def _judge_in_worker(payload: bytes) -> str:
    rulebook, case = pickle.loads(payload)
    return str(judgement.judge(rulebook, case).to_json())


@pytest.mark.slow
def test_process_pool_matches_in_process(ucra):
    cases = [judgement.load_case(p) for p in sorted(FIXTURES.glob("*.yaml"))]
    expected = [judgement.judge(ucra, c).to_json() for c in cases]
    payloads = [pickle.dumps((ucra, c)) for c in cases]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        got = list(pool.map(_judge_in_worker, payloads))
    assert got == expected


@pytest.mark.slow
def test_results_do_not_depend_on_the_hash_seed():
    code = """
        import glob, judgement
        rb = judgement.load_rulebook('rules/ucra-2010')
        for f in sorted(glob.glob('fixtures/ucra-2010/*.yaml')):
            print(judgement.judge(rb, judgement.load_case(f)).to_json())
    """
    outputs = []
    for seed in ("0", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = _python(code, env)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"stamp"') == len(list(FIXTURES.glob("*.yaml")))


def test_judgements_pickle_with_their_traces(ucra, staffordshire):
    result = judgement.judge(ucra, staffordshire)
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert copy.to_json() == result.to_json()
    assert copy.areas["assessments"].trace == result.areas["assessments"].trace
