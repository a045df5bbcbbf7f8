"""The compiled paths judging takes on every case agree with the definitions they speed up: the one-pass
outcomes with the reference evaluator, the quick fact with the full check and :func:`case_fact`, the
engine's fact text with :func:`number_json`, and lazily made traces with traces made at once."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import string
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import judgement
from judgement._codegen import generated_sources
from judgement.check.against import check_case
from judgement.engine.compile import number_json
from judgement.engine.durable import fact_text
from judgement.errors import CaseError
from judgement.judging.facts import case_fact, compile_fact, judged_fact
from judgement.judging.judge import QUICK_AFTER, Judge
from judgement.judging.trace import AreaTrace
from judgement.lang import normal
from judgement.lang.evaluate import (
    Evaluation,
    TestResult,
    as_number,
    compile_condition,
    compile_decided,
    compile_outcomes,
    decimal_margin,
    evaluate,
    outcome_closure,
    worked_test,
)
from judgement.lang.normal import AnyOf
from judgement.testing import cases as cases_of
from judgement.testing import evidence
from tests.conftest import FIXTURES, ILACS_BOOK, UCRA_BOOK

UCRA = UCRA_BOOK
QUICK = {UCRA.id: compile_fact(UCRA), ILACS_BOOK.id: compile_fact(ILACS_BOOK)}
DATES = st.dates(dt.date(2009, 6, 1), dt.date(2012, 5, 31))


def _conditions(rulebook: judgement.Rulebook) -> list[Any]:
    found: list[Any] = []
    for area in rulebook.areas:
        for rule in area.rules:
            if rule.normal is not None:
                found.append(rule.normal)
                if isinstance(rule.normal, AnyOf):
                    found.extend(rule.normal.items)
                found.extend(normal.tests(rule.normal))
    return found


UCRA_CONDITIONS = _conditions(UCRA)
UCRA_OUTCOMES = compile_outcomes(UCRA_CONDITIONS)


def _case(ev: dict[str, object], day: dt.date = dt.date(2010, 7, 13), rulebook: str = "ucra-2010") -> judgement.Case:
    return judgement.load_case(
        {"case": "p", "authority": "P", "inspected": day.isoformat(), "rulebook": rulebook, "evidence": ev}
    )


@given(evidence(UCRA))
def test_one_pass_outcomes_are_the_reference_evaluators(ev):
    """Every rule's condition, every alternative and every comparison, computed in the one generated pass,
    comes out exactly as :func:`evaluate` has it (grades of other areas absent, or present)."""
    values = case_fact(UCRA, _case(ev))
    assert list(UCRA_OUTCOMES(values)) == [evaluate(c, values).outcome for c in UCRA_CONDITIONS]


UCRA_CLOSURES = outcome_closure(UCRA_CONDITIONS)


@given(evidence(UCRA), st.dictionaries(st.sampled_from([a.id for a in UCRA.areas]), st.integers(0, 3)))
def test_outcomes_through_a_tree_of_functions_are_the_reference_evaluators(ev, grades):
    """The outcomes searches work out before generating code for an area are exactly :func:`evaluate`'s."""
    values = judged_fact(UCRA, _case(ev), {a: UCRA.scale_of(a).grades[r] for a, r in grades.items()})
    assert list(UCRA_CLOSURES(values)) == [evaluate(c, values).outcome for c in UCRA_CONDITIONS]


@pytest.mark.slow
@given(st.data())
def test_ilacs_outcomes_through_a_tree_of_functions_are_the_reference_evaluators(data):
    case = data.draw(cases_of(ILACS_BOOK))
    values = case_fact(ILACS_BOOK, case)
    assert list(ILACS_CLOSURES(values)) == [evaluate(c, values).outcome for c in ILACS_CONDITIONS]


UCRA_ONE_BY_ONE = [compile_condition(c) for c in UCRA_CONDITIONS]


@given(evidence(UCRA), st.dictionaries(st.sampled_from([a.id for a in UCRA.areas]), st.integers(0, 3)))
def test_each_condition_prepared_alone_is_the_reference_evaluators(ev, grades):
    """A rule's alternatives, prepared one by one for the traces that say which held, are exactly
    :func:`evaluate`'s."""
    values = judged_fact(UCRA, _case(ev), {a: UCRA.scale_of(a).grades[r] for a, r in grades.items()})
    assert [one(values) for one in UCRA_ONE_BY_ONE] == [evaluate(c, values).outcome for c in UCRA_CONDITIONS]


def _prepared(condition: normal.Condition) -> Callable[[Any], Evaluation]:
    """A condition prepared as the traces prepare it (a tree of functions over each comparison decided
    once, :func:`compile_decided` and :func:`worked_test`), giving an :class:`Evaluation` (every test
    collected, worked out in full, as its leaf decides it) to hold to :func:`evaluate`'s."""
    every: list[TestResult] = []

    def leaf(test: normal.Test) -> Any:
        decide, finish = worked_test(test)

        def one(values: Any) -> Any:
            outcome, decided = decide(values)
            every.append(TestResult(test, *finish(decided)))
            assert outcome is every[-1].outcome
            return outcome, decided

        return one, lambda decided: TestResult(test, *finish(decided))

    tree = compile_decided(condition, leaf)

    def evaluation(values: Any) -> Evaluation:
        every.clear()
        outcome, deciding = tree(values)
        return Evaluation(outcome, tuple(deciding), tuple(every))

    return evaluation


UCRA_EVALUATIONS = [_prepared(c) for c in UCRA_CONDITIONS]
ILACS_CONDITIONS = _conditions(ILACS_BOOK)
ILACS_EVALUATIONS = [_prepared(c) for c in ILACS_CONDITIONS]
ILACS_CLOSURES = outcome_closure(ILACS_CONDITIONS)


@given(evidence(UCRA), st.dictionaries(st.sampled_from([a.id for a in UCRA.areas]), st.integers(0, 3)))
def test_prepared_evaluations_are_the_reference_evaluators(ev, grades):
    """Every rule's full evaluation for a trace (each test's actual and required values, margin and
    outcome; the deciding tests) is exactly :func:`evaluate`'s, with grades of other areas present or not."""
    values: dict[str, Any] = dict(case_fact(UCRA, _case(ev)))
    values.update({normal.field_name(a, grade=True): r for a, r in grades.items()})
    for condition, prepared in zip(UCRA_CONDITIONS, UCRA_EVALUATIONS, strict=True):
        assert prepared(values) == evaluate(condition, values)


@pytest.mark.slow
@given(st.data())
def test_prepared_evaluations_of_the_ilacs_rules_are_the_reference_evaluators(data):
    keys = sorted({f.key for c in ILACS_CONDITIONS for t in normal.tests(c) for f in t.reads})
    values = data.draw(st.dictionaries(st.sampled_from(keys), NUMBERS, max_size=len(keys)))
    for condition, prepared in zip(ILACS_CONDITIONS, ILACS_EVALUATIONS, strict=True):
        assert prepared(values) == evaluate(condition, values)


REALS = st.one_of(
    st.floats(min_value=-(2.0**52), max_value=2.0**52, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(2**52), max_value=2**52),
    st.sampled_from([0.1, 0.2, 0.3, 78.4, 85.0, 1e-300, 5e-324, 2.0**51 + 0.5, 99.95, -0.0]),
)


@given(REALS, REALS)
def test_a_margin_in_scaled_integers_is_the_exact_margin(actual, required):
    assert repr(decimal_margin(actual, required)) == repr(as_number(normal.exact(actual) - normal.exact(required)))


@given(evidence(UCRA), st.dictionaries(st.sampled_from([a.id for a in UCRA.areas]), st.integers(0, 3)))
def test_one_pass_outcomes_read_grades_as_the_reference_does(ev, grades):
    values: dict[str, Any] = dict(case_fact(UCRA, _case(ev)))
    values.update({f"__g__{area}": rank for area, rank in grades.items()})
    assert list(UCRA_OUTCOMES(values)) == [evaluate(c, values).outcome for c in UCRA_CONDITIONS]


DIRECT_CONDITIONS = [c for c in UCRA_CONDITIONS if all(t.direct for t in normal.tests(c))]
DIRECT_OUTCOMES = compile_outcomes(DIRECT_CONDITIONS)
DIRECT_KEYS = sorted({f.key for c in DIRECT_CONDITIONS for t in normal.tests(c) for f in t.reads})
NUMBERS = st.one_of(st.integers(-5, 200), st.floats(-5, 200), st.sampled_from([0, 1, 2, 3, 50, 60.0, 85, 95.0, 100]))


@given(st.fixed_dictionaries(dict.fromkeys(DIRECT_KEYS, NUMBERS)), st.sets(st.sampled_from(DIRECT_KEYS), max_size=3))
def test_one_pass_outcomes_with_every_value_given_and_with_some_missing(full, dropped):
    """A fact holding everything the conditions read takes the two-valued path; one lacking any key takes
    the three-valued one: both come out as :func:`evaluate` has it."""
    assert len(DIRECT_CONDITIONS) > 50
    for values in (full, {k: v for k, v in full.items() if k not in dropped}):
        assert list(DIRECT_OUTCOMES(values)) == [evaluate(c, values).outcome for c in DIRECT_CONDITIONS]


UCRA_KEYS = sorted({f.key for c in UCRA_CONDITIONS for t in normal.tests(c) for f in t.reads})


@pytest.mark.slow
@given(evidence(UCRA), st.sets(st.sampled_from(UCRA_KEYS), max_size=12), st.data())
def test_one_pass_outcomes_known_to_lack_some_keys_are_the_reference_evaluators(ev, absent, data):
    """Compiled knowing which keys no fact will hold (the evidence a case does not give, over the runs of
    a simulation), the outcomes of a fact lacking them are still exactly :func:`evaluate`'s: comparisons
    reading them unknown, and every combination around them as the three-valued logic has it."""
    values = {k: v for k, v in case_fact(UCRA, _case(ev)).items() if k not in absent}
    assert list(compile_outcomes(UCRA_CONDITIONS, absent=absent)(values)) == [
        evaluate(c, values).outcome for c in UCRA_CONDITIONS
    ]
    needed = data.draw(st.lists(st.sampled_from(UCRA_KEYS), max_size=3))
    assert compile_outcomes([], needed=needed, absent=absent)(values) == (all(k in values for k in needed),)


@pytest.mark.slow
@given(st.fixed_dictionaries(dict.fromkeys(DIRECT_KEYS, NUMBERS)), st.sets(st.sampled_from(DIRECT_KEYS), max_size=6))
def test_one_pass_outcomes_known_to_lack_some_keys_take_the_two_valued_path_for_the_rest(full, absent):
    values = {k: v for k, v in full.items() if k not in absent}
    compiled = compile_outcomes(DIRECT_CONDITIONS, absent=absent)
    assert list(compiled(values)) == [evaluate(c, values).outcome for c in DIRECT_CONDITIONS]


def test_one_pass_outcomes_of_one_condition_and_of_none():
    assert compile_outcomes([])({}) == ()
    rule = UCRA.areas[0].rules[0].normal
    assert compile_outcomes([rule])({}) == (None,)


def test_a_judge_checks_its_first_cases_in_full_then_reads_them_by_its_generated_reader():
    """Judging one case, or a few, does without generating the reader (it costs as much as checking about
    a hundred cases in full); the judgements are the same either way."""
    judge = Judge(UCRA)
    case = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")

    def readers() -> int:
        return sum("reader" in name for name in generated_sources())

    before = readers()
    first = judge.judge(case).to_dict()
    for _ in range(QUICK_AFTER - 1):
        assert judge.judge(case).to_dict() == first
    assert readers() == before
    assert judge.judge(case).to_dict() == first
    made = readers()
    assert made > before  # generated now, once
    assert judge.judge(case).to_dict() == first
    assert readers() == made


@pytest.mark.slow
@given(evidence(UCRA), DATES)
def test_the_quick_fact_is_the_full_checks_fact(ev, day):
    case = _case(ev, day)
    quick = QUICK[UCRA.id](case)
    if quick is not None:  # what the quick path accepts, the full check accepts, and the facts agree
        check_case(UCRA, case)
        assert quick == case_fact(UCRA, case)  # its keys come in the rulebook's order, not the case's


@given(st.data())
def test_the_quick_fact_refuses_what_the_full_check_refuses(data):
    """Values out of range, of the wrong kind or not whole, and samples that are not whole or too large,
    in the value or any comparator: the quick path gives no fact, and the full check names the problem."""
    numeric = [m for m in UCRA.measures.values() if m.unit.value not in ("flag", "level")]
    measure = data.draw(st.sampled_from(sorted(numeric, key=lambda m: m.id)))
    bad = data.draw(
        st.sampled_from(
            [
                measure.maximum + 1,
                measure.minimum - 0.5,
                float("nan"),
                float("inf"),
                "text",
                True,
                2**60,
            ]
        )
    )
    where = data.draw(st.sampled_from(["value", "england", "neighbours", "region", "three_years_ago", "n"]))
    good: Any = measure.minimum
    item = attrs.evolve(judgement.Evidence(measure.id, good), **{where: bad if where != "n" else 0})
    case = attrs.evolve(_case({}), evidence={measure.id: item})
    assert QUICK[UCRA.id](case) is None
    with pytest.raises(CaseError):
        check_case(UCRA, case)


def test_the_quick_fact_reads_flags_and_levels_alone():
    flag = next(m for m in UCRA.measures.values() if m.unit.value == "flag")
    level = next(m for m in UCRA.measures.values() if m.unit.value == "level")
    case = _case({flag.id: True, level.id: level.levels[-1]})
    fact = QUICK[UCRA.id](case)
    assert fact == case_fact(UCRA, case)
    assert fact is not None
    assert (fact[flag.id], fact[level.id]) == (1, len(level.levels) - 1)
    for item in (judgement.Evidence(flag.id, 1), judgement.Evidence(flag.id, True, england=1)):
        assert QUICK[UCRA.id](attrs.evolve(case, evidence={flag.id: item})) is None  # the full check decides
    for item in (judgement.Evidence(level.id, "nonsense"), judgement.Evidence(level.id, level.levels[0], n=3)):
        assert QUICK[UCRA.id](attrs.evolve(case, evidence={level.id: item})) is None


def test_the_quick_fact_leaves_counts_expectations_and_other_rulebooks_to_the_full_check():
    case = _case({"ia_in_timescale": {"count": 7, "of": 23}})
    assert QUICK[UCRA.id](case) is None
    assert case_fact(UCRA, case)["ia_in_timescale"] == judgement.Evidence("x", 0, count=7, n=23).exact_value
    expecting = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")
    assert expecting.expect
    assert QUICK[UCRA.id](expecting) is None
    assert QUICK[UCRA.id](_case({}, rulebook="ilacs-2018")) is None
    assert QUICK[UCRA.id](_case({}, day=dt.date(2001, 1, 1))) is None
    assert QUICK[UCRA.id](attrs.evolve(_case({}), evidence={"nope": judgement.Evidence("nope", 1)})) is None


_KEYS = st.text(string.ascii_lowercase + "_", min_size=1, max_size=12).filter(lambda k: k[0] != "_")
_NUMBERS = st.one_of(
    st.booleans(),
    st.integers(-(2**53) + 1, 2**53 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e-05, 1e16, -3e-10, 2.5e-07, 1e22, 0.0, -0.0]),
)


@given(st.dictionaries(_KEYS, _NUMBERS, max_size=30))
def test_fact_text_writes_every_number_as_number_json_does(fields):
    assert fact_text(fields) == "".join(f'"{k}":{number_json(v)},' for k, v in fields.items())


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_fact_text_refuses_what_the_engine_cannot_read(bad):
    with pytest.raises(ValueError, match="non-finite"):
        fact_text({"a": 1.5, "inf": bad, "nan": 2})
    assert fact_text({"inf": 1.0, "nan": 2}) == '"inf":1.0,"nan":2,'


def test_numbers_of_other_types_are_written_as_the_numbers_they_are():
    import numpy as np

    # validation turns other numbers into ints and floats; a float subclass or a bool still reads right
    fields = {"a": np.float64(0.5), "c": True, "d": np.float64(1e-05)}
    assert fact_text(fields) == '"a":0.5,"c":1,"d":1.0e-05,'


def _case_file(name: str) -> judgement.Case:
    return judgement.load_case(FIXTURES / name)


def test_a_lazy_trace_is_the_trace_made_at_once():
    case = _case_file("staffordshire-2010.yaml")
    result = judgement.judge(UCRA, case)
    for area in result:
        lazy = area.trace
        made = AreaTrace(lazy.evidence, lazy.rules, lazy.policy, lazy.borderline, lazy.grades)
        assert lazy == made
        assert hash(lazy) == hash(made)
        assert repr(lazy) == repr(made)
        assert pickle.loads(pickle.dumps(lazy)) == made
    again = judgement.Judge(UCRA).judge(case)  # another judge makes the same traces
    assert [a.trace.to_dict() for a in again] == [a.trace.to_dict() for a in result]


def test_a_trace_is_frozen_and_read_once():
    result = judgement.judge(UCRA, _case_file("staffordshire-2010.yaml"))
    area = next(iter(result))
    assert area.trace is area.trace  # kept with the judgement once made
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        area.trace.rules = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del area.trace.policy  # type: ignore[misc]


def test_a_trace_made_later_is_made_once():
    calls = []
    parts = AreaTrace(
        (), (), judgement.judge(UCRA, _case_file("staffordshire-2010.yaml")).areas["supervision"].trace.policy
    )

    def build():
        calls.append(1)
        return (parts.evidence, parts.rules, parts.policy, parts.borderline, parts.grades)

    later = AreaTrace.later(build)
    assert not calls
    assert later.rules == ()
    assert later.policy == parts.policy
    assert later == parts
    assert calls == [1]


def _engine_fires(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Make the engine's firings wrong, ruleset by ruleset, in the way ``change(names, compiled)`` says
    (a name added is reported by the ruleset that holds that rule)."""
    from judgement.engine.durable import Engine

    real = Engine._run_one

    def run_one(self: Engine, index: int, body: str, mark: int = 1) -> list[str]:
        names = real(self, index, body, mark)
        changed = change(names, self.compiled)
        holds = self.compiled.parts[index].definition
        return [n for n in changed if n in names or f'"{n}":' in holds]

    monkeypatch.setattr(Engine, "_run_one", run_one)


def _name_of(compiled: Any, area: str, rule: str) -> str:
    return next(name for name, key in compiled.rules.items() if key == (area, rule))


def test_a_rule_the_engine_fires_that_the_reference_does_not_is_refused(monkeypatch):
    case = _case_file("staffordshire-2010.yaml")
    judge = judgement.Judge(UCRA)
    before = judge.judge(case).areas["supervision"]
    other = next(r.id for r in UCRA.area("supervision").rules if r.id not in before.trace.policy.fired)
    _engine_fires(monkeypatch, lambda names, compiled: [*names, _name_of(compiled, "supervision", other)])
    with pytest.raises(judgement.EngineError, match=f"disagree on rule {other} .*engine fired") as caught:
        judge.judge(case)
    assert caught.value.problems[0].code == "engine.disagreement"


def test_a_rule_the_reference_fires_that_the_engine_does_not_is_refused(monkeypatch):
    case = _case_file("staffordshire-2010.yaml")
    judge = judgement.Judge(UCRA)
    fired = next(r for r in judge.judge(case).areas["supervision"].trace.policy.fired)
    _engine_fires(
        monkeypatch,
        lambda names, compiled: [n for n in names if n != _name_of(compiled, "supervision", fired)],
    )
    with pytest.raises(judgement.EngineError, match=f"disagree on rule {fired} .*did not fire"):
        judge.judge(case)


def test_a_rule_out_of_force_that_the_engine_fires_is_refused(monkeypatch):
    """A dated rule's dates are checked too: one fired outside them is a disagreement."""
    dated = next(r for a in UCRA.areas for r in a.rules if r.effective_to is not None)
    area = next(a.id for a in UCRA.areas if dated in a.rules)
    case = _case_file("staffordshire-2010.yaml")
    assert not dated.in_force(case.inspected)
    _engine_fires(monkeypatch, lambda names, compiled: [*names, _name_of(compiled, area, dated.id)])
    with pytest.raises(judgement.EngineError, match=f"disagree on rule {dated.id} "):
        judgement.Judge(UCRA).judge(case)


def test_the_evidence_digest_changes_with_every_value_and_not_with_order():
    from judgement.judging.stamp import stamp

    item = judgement.Evidence("ia_in_timescale", 70.0, england=70, n=30, source="audit", period="2009-10")
    case = attrs.evolve(_case({}), evidence={"ia_in_timescale": item, "rereferrals": judgement.Evidence("r", 20)})
    digest = stamp(UCRA, case).evidence_digest
    turned = attrs.evolve(case, evidence=dict(reversed(list(case.evidence.items()))))
    assert stamp(UCRA, turned).evidence_digest == digest
    changes = {
        "value": 70,  # the same number written as a whole number is another text of the evidence
        "england": 71,
        "neighbours": 1,
        "region": 1,
        "three_years_ago": 1,
        "n": 31,
        "count": 21,
        "source": "file",
        "period": "2010-11",
        "note": "x",
        "illustrative": True,
    }
    seen = {digest}
    for attr, value in changes.items():
        other = attrs.evolve(case, evidence={**case.evidence, "ia_in_timescale": attrs.evolve(item, **{attr: value})})
        seen.add(stamp(UCRA, other).evidence_digest)
    for field, value in {"id": "q", "authority": "Q", "authority_code": "E1", "authority_number": "1"}.items():
        seen.add(stamp(UCRA, attrs.evolve(case, **{field: value})).evidence_digest)
    seen.add(stamp(UCRA, attrs.evolve(case, inspected=dt.date(2010, 7, 14))).evidence_digest)
    assert len(seen) == 1 + len(changes) + 5


def test_a_stamp_whose_digest_is_read_later_is_the_stamp_made_at_once():
    from judgement.judging.stamp import Stamp, stamp

    case = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")
    at_once = Stamp(**stamp(UCRA, case).to_dict())
    fresh = stamp(UCRA, case)
    assert fresh == at_once
    assert hash(fresh) == hash(at_once)
    assert repr(fresh) == repr(at_once)
    assert pickle.loads(pickle.dumps(stamp(UCRA, case))) == at_once
    assert len(fresh.evidence_digest) == 64
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fresh.engine = "another"  # type: ignore[misc]


def test_fact_text_writes_a_float_it_has_written_before_the_same_way(monkeypatch):
    from judgement.engine import durable

    monkeypatch.setattr(durable, "_WRITTEN", {})
    monkeypatch.setattr(durable, "WRITTEN_FLOATS", 3)
    first = fact_text({"a": 1e-05, "b": 0.1, "c": 0.0, "d": -0.0, "e": 3})
    assert (
        first
        == fact_text({"a": 1e-05, "b": 0.1, "c": 0.0, "d": -0.0, "e": 3})
        == ('"a":1.0e-05,"b":0.1,"c":0.0,"d":-0.0,"e":3,')
    )
    assert durable._WRITTEN == {1e-05: "1.0e-05", 0.1: "0.1"}  # zero is not kept: its two signs are equal keys
    assert fact_text({"x": -0.0, "y": 0.0}) == '"x":-0.0,"y":0.0,'
    # an int equal to a remembered float is still written as the int it is
    assert fact_text({"f": 2.0}) == '"f":2.0,'
    assert fact_text({"i": 2, "t": True}) == '"i":2,"t":1,'
    # remembered only while fewer than the limit are; every number is still written
    assert fact_text({"p": 2.5, "q": 7.25, "r": 9.75}) == '"p":2.5,"q":7.25,"r":9.75,'
    assert len(durable._WRITTEN) == 3
    import numpy as np

    assert fact_text({"n": np.float64(0.1)}) == '"n":0.1,'


@given(evidence(UCRA))
def test_a_case_given_as_values_alone_reads_as_its_items(ev):
    """A case given as values alone (:func:`judgement.case_from_values`) makes its evidence items only when
    they are read; its canonical text, and so its digest, is taken from the values themselves, and is
    that of the items they make."""
    from judgement.model.case import PlainEvidence, canonical

    values = {mid: item.get("value") if isinstance(item, dict) else item for mid, item in ev.items()}
    values = {mid: v for mid, v in values.items() if v is not None}  # a count out of a sample is left out
    case = judgement.case_from_values(
        values, rulebook="ucra-2010", inspected=dt.date(2010, 5, 1), case="c", authority="A"
    )
    if not isinstance(case.evidence, PlainEvidence):
        return
    items = attrs.evolve(case, evidence={mid: judgement.Evidence(mid, v) for mid, v in values.items()})
    assert not isinstance(items.evidence, PlainEvidence)
    assert canonical(case) == canonical(items)


@pytest.mark.parametrize(
    "value", [0.0, -0.0, 1e15, 1.5e-7, 2.0**52 + 0.5, 9007199254740991, -3, 0, True, False, "yes", "level_2"]
)
def test_the_canonical_text_of_values_alone_is_the_json_of_their_items(value):
    """The canonical text of a case given as values alone is written without building the items' lists;
    for every kind of value it is byte for byte what ``json.dumps`` writes of the items (an exponent, a
    negative zero, the largest whole number, a word)."""
    from judgement.model.case import PlainEvidence, canonical

    values = {"b_measure": value, "a_measure": 50.5, "c_measure": value}
    case = judgement.case_from_values(values, rulebook="r", inspected=dt.date(2010, 5, 1), case="c", authority="Ä")
    assert isinstance(case.evidence, PlainEvidence)
    items = attrs.evolve(case, evidence={mid: judgement.Evidence(mid, v) for mid, v in values.items()})
    assert canonical(case) == canonical(items)
    assert json.loads(canonical(case))[-1][0][:2] == ["a_measure", 50.5]
