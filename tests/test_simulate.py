"""The probability of each grade: Jeffreys-Beta draws of sampled evidence, each judged through the engine."""

from __future__ import annotations

import json
import math
import random

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement.cli import main
from judgement.engine.compile import CATCH_ALL, compile_rulebook
from judgement.engine.durable import Engine
from judgement.errors import EngineError
from judgement.explaining.simulate import beta_sampler, sampled_evidence
from judgement.judging.facts import case_fact
from judgement.judging.judge import judge_for
from judgement.testing import cases
from tests.conftest import FIXTURES, UCRA_BOOK

UCRA = UCRA_BOOK
STAFFS = FIXTURES / "staffordshire-2010.yaml"

ONE = """\
id: one
title: One audited measure
version: "1"
effective_from: 2024-01-01
grades: [concern, typical]
measures:
  audit:
    title: Audited cases rated good
    unit: percent
    counted: true
    better: higher
  lapses:
    title: Sampled cases with a lapse
    unit: count
    better: lower
areas:
  - area: quality
    title: Quality
    requires: [audit]
    rules:
      - {id: quality.low, grade: concern, when: audit < 50, because: x}
      - {id: quality.ok, grade: typical, default: true, because: ok}
  - area: lapses
    title: Lapses
    requires: [lapses]
    rules:
      - {id: lapses.some, grade: concern, when: lapses >= 2, because: x}
      - {id: lapses.ok, grade: typical, default: true, because: ok}
"""
BOOK = judgement.load_rulebook(ONE)


def _case(evidence: dict[str, object]) -> judgement.Case:
    return judgement.load_case(
        {"case": "c", "authority": "C", "inspected": "2024-06-01", "rulebook": "one", "evidence": evidence}
    )


def _beta_cdf(x: float, a: float, b: float, steps: int = 200_000) -> float:
    """The regularised incomplete beta function by Simpson's rule (a, b > 1: a smooth integrand)."""
    norm = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b))
    h = x / steps
    total = 0.0
    for i in range(steps + 1):
        t = i * h
        f = t ** (a - 1) * (1 - t) ** (b - 1)
        total += f * (1 if i in (0, steps) else 4 if i % 2 else 2)
    return norm * total * h / 3


@pytest.mark.parametrize(
    ("alpha", "beta"), [(12.5, 18.5), (27.5, 3.5), (3.5, 27.5), (1.5, 1.5), (1.01, 40.5), (99.5, 2.5)]
)
def test_cheng_s_method_draws_from_the_beta_distribution(alpha, beta):
    draws = 20_000
    draw = beta_sampler(alpha, beta, random.Random(7))
    xs = sorted(draw() for _ in range(draws))
    mean, variance = alpha / (alpha + beta), alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1))
    assert abs(sum(xs) / draws - mean) < 4.5 * math.sqrt(variance / draws)
    for q in (0.1, 0.5, 0.9):  # the empirical distribution function against the exact one
        x = xs[int(q * draws)]
        exact = _beta_cdf(x, alpha, beta, steps=40_000)
        assert abs(q - exact) < 4.5 * math.sqrt(exact * (1 - exact) / draws), (q, exact)
    assert all(0 < x < 1 for x in xs)


def test_a_posterior_with_a_parameter_of_at_most_one_is_drawn_by_the_standard_library():
    draw = beta_sampler(0.5, 30.5, random.Random(5))
    reference = random.Random(5)
    assert [draw() for _ in range(50)] == [reference.betavariate(0.5, 30.5) for _ in range(50)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("evidence", "area", "exact"),
    [
        # 12 of 30 rated good: P(rate < 50%) under Beta(12.5, 18.5)
        ({"audit": {"count": 12, "of": 30}}, "quality", lambda: _beta_cdf(0.5, 12.5, 18.5)),
        # 45% of 40 (18 of 40) given as a percentage with n
        ({"audit": {"value": 45, "n": 40}}, "quality", lambda: _beta_cdf(0.5, 18.5, 22.5)),
        # 3 lapses in 30 cases: P(30 × rate >= 2) = 1 - P(rate < 1/15) under Beta(3.5, 27.5)
        ({"lapses": {"value": 3, "n": 30}}, "lapses", lambda: 1 - _beta_cdf(1 / 15, 3.5, 27.5)),
    ],
)
def test_the_chances_agree_with_the_exact_posterior_on_a_one_measure_rulebook(evidence, area, exact):
    draws = 20_000
    result = judgement.simulate(BOOK, _case(evidence), draws=draws, seed=3).areas[area]
    p, expected = result.probabilities["concern"], exact()
    error = math.sqrt(expected * (1 - expected) / draws)
    assert abs(p - expected) < 4 * error, (p, expected, error)
    assert result.errors["concern"] == pytest.approx(math.sqrt(p * (1 - p) / draws))


@settings(max_examples=25, deadline=None)
@given(st.floats(1, 99).filter(lambda v: abs(v - 50) > 1), st.sampled_from([50_000, 100_000]))
def test_with_a_very_large_sample_the_grade_of_the_evidence_is_almost_certain(value, n):
    # a point from the line is six standard errors at n = 50,000 (the largest sample a case may give is 100,000)
    case = _case({"audit": {"value": round(value, 1), "n": n}})
    result = judgement.simulate(BOOK, case, draws=300, seed=1).areas["quality"]
    assert result.probabilities[result.point] == 1.0


def test_the_chance_of_the_grade_the_evidence_gives_grows_with_the_sample():
    chances = [
        judgement.simulate(BOOK, _case({"audit": {"value": 45, "n": n}}), draws=4000, seed=2).areas["quality"]
        for n in (20, 200, 2000, 20_000)
    ]
    shares = [c.probabilities["concern"] for c in chances]
    assert shares == sorted(shares)
    assert shares[0] < 0.8
    assert shares[-1] > 0.999


@settings(max_examples=15, deadline=None)
@given(cases(UCRA), st.integers(0, 2**32))
def test_each_area_s_probabilities_sum_to_one_and_follow_the_seed(case, seed):
    first = judgement.simulate(UCRA, case, draws=40, seed=seed)
    assert first == judgement.simulate(UCRA, case, draws=40, seed=seed)
    for chances in first:
        assert math.isclose(sum(chances.probabilities.values()), 1.0)
        assert all(0 <= p <= 1 for p in chances.probabilities.values())


def test_the_same_seed_gives_the_same_numbers_and_another_seed_others():
    case = judgement.load_case(STAFFS)
    one = judgement.simulate(UCRA, case, draws=400, seed=11)
    assert one.to_dict() == judgement.simulate(UCRA, case, draws=400, seed=11).to_dict()
    assert one.to_dict() != judgement.simulate(UCRA, case, draws=400, seed=12).to_dict()


def test_the_order_of_the_evidence_does_not_change_the_draws():
    case = judgement.load_case(STAFFS)
    raw = case.to_dict()
    raw["evidence"] = dict(reversed(list(raw["evidence"].items())))
    turned = judgement.load_case(raw)
    assert judgement.simulate(UCRA, case, draws=200).to_dict() == judgement.simulate(UCRA, turned, draws=200).to_dict()


def test_what_is_drawn_is_the_evidence_with_a_sample_size():
    case = judgement.load_case(STAFFS)
    drawn = {s.measure: s for s in sampled_evidence(UCRA, case)}
    assert set(drawn) == {m for m, e in case.evidence.items() if e.n is not None}
    assert drawn["supervision_at_policy_frequency"].seen == "91% of 34"
    assert drawn["poor_assessments_signed_off"].seen == "1 of 30"
    assert "ia_in_timescale" not in drawn  # performance data for every case, not a sample


def test_evidence_without_samples_gives_its_grade_for_certain():
    case = _case({"audit": {"value": 30}})
    assert dict(judgement.simulate(BOOK, case, draws=50).areas["quality"].probabilities) == {
        "concern": 1.0,
        "typical": 0.0,
    }


@settings(max_examples=30, deadline=None)
@given(cases(UCRA), st.randoms(use_true_random=False))
def test_a_steady_run_decides_exactly_as_a_full_run(case, rnd: random.Random):
    """The fast path of a simulation (areas whose inputs did not change keep their decision, their firings
    compared with the engine's) gives the same decisions as judging in full."""
    judge = judge_for(UCRA)
    base = case_fact(UCRA, case)
    varied = sampled_evidence(UCRA, case)
    steady = judge.steady(case, base, [s.measure for s in varied])
    for _ in range(6):  # several runs, so that decisions worked out in one are looked up in the next
        values = dict(base)
        for item in varied:
            values[item.measure] = item.scale * rnd.choice([0.0, 0.5, 1.0, rnd.random()])
        assert judge.run(case, values, steady)[0] == judge.run(case, values)[0]


def _staffs_steady():
    case = judgement.load_case(STAFFS)
    judge = judge_for(UCRA)
    varied = sampled_evidence(UCRA, case)
    return case, judge, judge.steady(case, case_fact(UCRA, case), [s.measure for s in varied])


def test_a_steady_run_fires_only_the_rules_of_the_areas_that_move():
    _, judge, steady = _staffs_steady()
    moving = {a.id for a, kept in zip(UCRA.areas, steady.areas, strict=True) if kept is None}
    assert 0 < len(moving) < len(UCRA.areas)
    compiled = steady.firing.engine.compiled
    assert {area for area, _ in compiled.rules.values()} == {a.id for a in UCRA.areas if a.id in moving and a.rules}
    assert compiled.levels == judge.compiled.levels  # a fact per level, as for the whole rulebook
    assert compiled.derived == judge.compiled.derived  # the exact signs keep their names
    assert compiled.name != judge.compiled.name


def test_some_areas_compiled_keep_a_ruleset_for_every_level():
    whole = compile_rulebook(UCRA)
    none = compile_rulebook(UCRA, set(), whole)
    assert none.levels == whole.levels == 2
    assert none.rules == {}
    assert [json.loads(part.definition).keys() for part in none.parts] == [{CATCH_ALL}, {CATCH_ALL}]
    top = {a.id for a in UCRA.areas if a.level == 1}
    some = compile_rulebook(UCRA, top, whole)  # nothing at level 0 but the catch-all
    assert [part.level for part in some.parts] == [0, 1]
    assert list(json.loads(some.parts[0].definition)) == [CATCH_ALL]
    assert {area for area, _ in some.rules.values()} == {a.id for a in UCRA.areas if a.id in top and a.rules}
    with pytest.raises(ValueError, match="compiling some areas needs the whole rulebook compiled"):
        compile_rulebook(UCRA, top)


def test_a_steady_run_checks_every_firing_of_the_areas_that_move(monkeypatch):
    case, judge, steady = _staffs_steady()
    values = case_fact(UCRA, case)
    real = Engine._run_one

    def forgetful(self, index, body, mark=1):
        names = real(self, index, body, mark)
        return names[1:] if self is steady.firing.engine else names  # one firing lost

    monkeypatch.setattr(Engine, "_run_one", forgetful)
    with pytest.raises(EngineError, match=r"disagree on rule \S+ for case staffordshire-2010 \(engine did not fire\)"):
        judge.run(case, values, steady)


def test_explain_simulate_in_text_json_and_html(tmp_path):
    runner = CliRunner()
    text = runner.invoke(main, ["explain", str(STAFFS), "--simulate", "300", "--seed", "5"])
    assert text.exit_code == 0, text.stderr
    assert "How likely (300 draws, seed 5; rates drawn from Beta(x + 1/2, n - x + 1/2))" in text.stdout
    assert "  supervision: satisfactory " in text.stdout
    assert "leadership" not in text.stdout  # not judged: no chances to give
    one = runner.invoke(main, ["explain", str(STAFFS), "--area", "supervision", "--simulate", "300"])
    assert "Why satisfactory" in one.stdout
    assert one.stdout.count("\n  ") > 5
    assert [line for line in one.stdout.splitlines() if line.startswith("  ") and ": " in line][-1].startswith(
        "  supervision: "
    )
    data = json.loads(runner.invoke(main, ["explain", str(STAFFS), "--simulate", "300", "--format", "json"]).stdout)
    assert data["simulation"]["draws"] == 300
    assert data["simulation"]["prior"] == "Jeffreys, Beta(1/2, 1/2)"
    supervision = next(a for a in data["simulation"]["areas"] if a["area"] == "supervision")
    assert math.isclose(sum(supervision["probabilities"].values()), 1.0)
    page = tmp_path / "report.html"
    done = runner.invoke(main, ["explain", str(STAFFS), "--simulate", "300", "--format", "html", "-o", str(page)])
    assert done.exit_code == 0, done.stderr
    html = page.read_text()
    assert html.count('<div class="chances"') == 17  # one bar per judged area
    assert '<span class="chance" style="width:' in html


def test_explain_needs_an_area_or_a_simulation_and_a_sensible_number_of_draws():
    runner = CliRunner()
    bare = runner.invoke(main, ["explain", str(STAFFS)])
    assert bare.exit_code == 2
    assert "which area to explain" in bare.stderr
    zero = runner.invoke(main, ["explain", str(STAFFS), "--simulate", "0"])
    assert zero.exit_code == 2
    assert "0 is not in the range 1<=x<=1000000" in zero.stderr
    case = judgement.load_case(STAFFS)
    for draws in (0, 1.5, "10", True, 1_000_001):
        with pytest.raises(judgement.UsageError, match="draws must be a whole number from 1 to 1,000,000") as bad:
            judgement.simulate(UCRA, case, draws=draws)
        assert bad.value.problems[0].code == "usage.bad-argument"
    for seed in (1.5, "7", True):
        with pytest.raises(judgement.UsageError, match="seed must be a whole number, or None for unseeded draws"):
            judgement.simulate(UCRA, case, draws=10, seed=seed)
    unseeded = judgement.simulate(UCRA, case, draws=10, seed=None)
    assert unseeded.seed is None
