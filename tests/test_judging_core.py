"""The judging core's design: small readable parts, generated code that can be read in a traceback and
switched off, and the same answers either way."""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path

import pytest

import judgement
from judgement import _codegen, data
from judgement._codegen import SWITCH_VAR, enabled, generate, generated_sources, tiered
from judgement.explaining.simulate import sampled_evidence, simulate
from judgement.judging.facts import case_fact
from judgement.judging.judge import Judge
from judgement.lang.evaluate import compile_outcomes

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "src" / "judgement" / "judging"
FIXTURES = sorted((ROOT / "fixtures" / "ucra-2010").glob("*.yaml"))


def test_no_function_of_the_judging_core_is_too_complex_to_read():
    """Cyclomatic complexity (ruff's C901, McCabe) at most 15 in the judging core, the engine adapter and the
    rule language."""
    done = subprocess.run(
        [
            sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "C901",
            "--config", "lint.mccabe.max-complexity = 15",
            str(CORE), str(ROOT / "src" / "judgement" / "engine"), str(ROOT / "src" / "judgement" / "lang"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_judge_module_stays_small():
    lines = (CORE / "judge.py").read_text(encoding="utf-8").count("\n")
    assert lines < 400, f"judging/judge.py has {lines} lines: split what grew along its seams"


def test_a_traceback_through_generated_code_shows_its_source_line(ucra):
    """Generated sources are registered with linecache, so a failure inside one is shown at its line."""

    class Broken(dict):  # a fact whose reading fails, as a fault in a caller's mapping would
        def get(self, key, *_):
            raise LookupError(f"cannot read {key}")

    condition = ucra.areas[0].rules[0].normal
    outcomes = compile_outcomes([condition])
    with pytest.raises(LookupError) as caught:
        outcomes(Broken())
    shown = "".join(traceback.format_exception(caught.value))
    assert "<judgement outcomes #" in shown
    assert " = get('" in shown  # the generated line itself, read back from linecache


def test_generated_sources_are_named_apart_and_readable():
    made = generate("example", ["def twice(x):", "    return 2 * x"], "twice")
    assert made(21) == 42
    name = generated_sources()[-1]
    assert name.startswith("<judgement example #")
    import linecache

    assert linecache.getline(name, 2) == "    return 2 * x\n"


def test_code_generation_is_switched_off_by_the_environment(monkeypatch):
    assert enabled()
    for off in ("0", "off", "No", "false"):
        monkeypatch.setenv(SWITCH_VAR, off)
        assert not enabled()
    monkeypatch.setenv(SWITCH_VAR, "1")
    assert enabled()


def test_a_tiered_function_is_interpreted_until_it_has_been_called_enough_then_generated():
    calls: list[str] = []

    def plain(x):
        calls.append("plain")
        return 2 * x

    def make():
        calls.append("made")
        return generate("example", ["def twice(x):", "    return x + x"], "twice")

    slots = tiered([(plain, make)], after=3)
    kept = slots[0]  # a caller that kept the function it was first given
    assert [slots[0](i) for i in range(2)] == [0, 2]
    assert calls == ["plain", "plain"]
    assert slots[0](5) == 10  # the third call generates the code, which answers it
    assert calls == ["plain", "plain", "made"]
    assert slots[0].__name__ == "twice"  # and takes the plain function's place
    assert kept(7) == 14
    assert slots[0](8) == 16
    assert calls == ["plain", "plain", "made"]  # made once; the kept function calls what was made
    into: list = []
    assert tiered([(plain, make)], into, after=1) is into
    assert into[0].__name__ == "twice"


def test_judging_one_case_generates_no_code(ucra, staffordshire):
    """Generating code costs what judging a few dozen cases costs: a judge of one case does without it."""
    before = generated_sources()
    judge = Judge(ucra)
    judge.judge(staffordshire).to_dict(trace=True)
    assert generated_sources() == before
    for _ in range(_codegen.GENERATE_AFTER):
        judge.judge(staffordshire)
    assert len(generated_sources()) > len(before)  # judging many, it generates its code


def _everything(judge: Judge, case: judgement.Case) -> dict:
    return judge.judge(case).to_dict(trace=True)


def test_every_fixture_judges_the_same_with_code_generation_switched_off(ucra, monkeypatch):
    """The plain interpreters give every grade, reason and trace the generated code gives."""
    cases = [judgement.load_case(path) for path in FIXTURES]
    cases = [c for c in cases if c.rulebook == ucra.id]
    assert len(cases) > 20
    monkeypatch.setattr(_codegen, "GENERATE_AFTER", 1)  # generated from the first case on
    generated = Judge(ucra)
    expected = [_everything(generated, c) for c in cases]
    monkeypatch.setenv(SWITCH_VAR, "0")
    before = len(generated_sources())
    plain = Judge(ucra)
    for _ in range(2):  # past the point where a judge would generate its quick reader
        assert [_everything(plain, c) for c in cases] == expected
    assert len(generated_sources()) == before  # nothing was generated


@pytest.mark.slow
def test_every_council_judges_the_same_with_code_generation_switched_off(monkeypatch):
    cases = data.cases(year=2025)
    rulebook = judgement.find_rulebook("ilacs-2018", cases[0].inspected)
    monkeypatch.setattr(_codegen, "GENERATE_AFTER", 1)
    generated = Judge(rulebook)
    expected = [_everything(generated, c) for c in cases]
    monkeypatch.setenv(SWITCH_VAR, "0")
    plain = Judge(rulebook)
    assert [_everything(plain, c) for c in cases] == expected


def test_a_simulation_draws_the_same_with_code_generation_switched_off(ucra, staffordshire, monkeypatch):
    """The steady runs of a simulation (the rules of the areas that move, fired alone) both ways."""
    monkeypatch.setattr(_codegen, "GENERATE_AFTER", 1)
    judge = Judge(ucra)
    base = case_fact(ucra, staffordshire)
    varied = [s.measure for s in sampled_evidence(ucra, staffordshire)]
    steady = judge.steady(staffordshire, base, varied)
    monkeypatch.setenv(SWITCH_VAR, "0")
    plain = Judge(ucra)
    plain_steady = plain.steady(staffordshire, base, varied)
    for value in (10.0, 55.5, 71.0, 90.0, 99.9):
        values = {**base, **dict.fromkeys(varied, value)}
        assert plain.run(staffordshire, values, plain_steady)[0] == judge.run(staffordshire, values, steady)[0]
    monkeypatch.delenv(SWITCH_VAR)
    drawn = simulate(ucra, staffordshire, draws=200, seed=3)
    monkeypatch.setenv(SWITCH_VAR, "0")
    judgement.clear_caches()
    assert simulate(ucra, staffordshire, draws=200, seed=3) == drawn


@pytest.mark.slow
def test_memos_that_are_full_give_the_same_answers(monkeypatch):
    """Every memo of the judging core bounded to one entry (full at once: the decision memos stop adding,
    the search and evaluation memos clear): the grades, reasons, traces and explanations are the same."""
    from judgement.explaining import counterfactual
    from judgement.judging import deciding, tracing, trials

    cases = data.cases(year=2025)[:6]
    rulebook = judgement.find_rulebook("ilacs-2018", cases[0].inspected)

    def everything(judge: Judge) -> list:
        out = []
        for case in cases:
            result = judge.judge(case)
            out.append(result.to_dict(trace=True))
            out.append([judgement.explain(result, a.area, judge=judge).to_dict() for a in result])
        return out

    roomy = everything(Judge(rulebook))
    counterfactual.clear_searches()
    for module, name in ((deciding, "DECISIONS_KEPT"), (tracing, "EVALUATIONS_KEPT"), (trials, "SEARCHED_KEPT")):
        monkeypatch.setattr(module, name, 1)
    monkeypatch.setattr(trials.Trials, "KEPT", 1)
    monkeypatch.setattr(trials, "SEARCH_GROUPS", 1)
    assert everything(Judge(rulebook)) == roomy
    counterfactual.clear_searches()


def _made(trace: judgement.AreaTrace) -> dict:
    """A trace made from its parts (which ask the memo), then written: written alone, it would not be made."""
    trace.rules  # noqa: B018 - made
    return trace.to_dict()


def test_a_rule_whose_values_seldom_repeat_is_no_longer_remembered_for_traces(monkeypatch, ucra, staffordshire):
    """The traces' memo keeps a rule's evaluations only while they are found again often enough: a rule
    read with fresh values case after case stops being kept after the probe, one read with values that
    repeat is still kept, and the traces are those a judge with no memo limits gives."""
    from judgement.judging import tracing

    monkeypatch.setattr(tracing, "PROBE", 20)
    judge = Judge(ucra)
    base = staffordshire.to_dict()
    traces = []
    for i in range(60):
        raw = {**base, "evidence": {**base["evidence"], "ia_in_timescale": {"value": 50 + i / 10}}}
        result = judge.judge(judgement.load_case(raw))
        traces.append([_made(a.trace) for a in result])
    asked = judge.tracer._asked
    fresh = [rule for rule, (n, hits) in asked.items() if n == 60 and hits == 0]
    repeated = [rule for rule, (n, hits) in asked.items() if n == 60 and hits == 59]
    assert fresh
    assert repeated  # the rules that read no changing value: found remembered after the first case
    kept_rules = {key[0] for key in judge.tracer._evaluated}
    assert set(repeated) <= kept_rules
    kept = [key for key in judge.tracer._evaluated if key[0] in fresh]
    assert len(kept) == 20 * len(fresh)  # the probe's evaluations, none after it
    monkeypatch.setattr(tracing, "PROBE", 10**9)
    again = Judge(ucra)
    for i, expected in enumerate(traces):
        raw = {**base, "evidence": {**base["evidence"], "ia_in_timescale": {"value": 50 + i / 10}}}
        assert [_made(a.trace) for a in again.judge(judgement.load_case(raw))] == expected


def test_traces_and_stamps_are_values(ucra, staffordshire):
    """A trace is equal only to a trace, and a stamp cannot be changed or have a part taken away."""
    import attrs

    result = judgement.judge(ucra, staffordshire)
    trace = result.areas["assessments"].trace
    assert trace == judgement.judge(ucra, staffordshire).areas["assessments"].trace
    assert trace != "assessments"
    assert (trace == 1) is False
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del result.stamp.engine
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del trace.rules


def test_areas_by_grade_or_by_a_grade_s_id(ucra, staffordshire):
    result = judgement.judge(ucra, staffordshire)
    strengths = result.by_grade("strength")
    assert strengths
    assert strengths == result.by_grade(strengths[0].grade)
    assert result.by_grade("no_such_grade") == []
