"""The search for "what would change it" tries its candidates cheapest first and stops at the first it can
verify; its answers are those of trying every candidate of the fewest measures, sorting the ones that
reach the grade by cost (in the order they were found at equal cost) and taking the first verified."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement import _codegen, data
from judgement.explaining import counterfactual as cf
from judgement.judging import plan as plan_module
from judgement.judging.facts import replace_item
from judgement.judging.judge import judge_for
from judgement.model import NOT_JUDGED
from judgement.testing import cases
from tests.conftest import ILACS_BOOK, UCRA_BOOK


def _every_candidate(rulebook, case, area_id):
    """The answers by trying every candidate of the fewest measures (the search before it stopped early)."""
    area = rulebook.area(area_id)
    judge = judge_for(rulebook)
    current = judge.judge(case).areas[area_id]
    if current.grade == NOT_JUDGED:
        return []
    targets = cf._targets(rulebook, area, current.grade)
    learnt = cf._search_for(judge, case)
    options = cf._candidates(rulebook, case, cf._rules_behind(rulebook, area), learnt.values)
    out = []
    for direction, target in targets:
        names = list(options)
        useful = {m: list(vs) for m, vs in options.items()}
        found = []
        for size in range(1, min(cf.MAX_CHANGED_MEASURES, len(names)) + 1):
            hits = []
            for combo in itertools.combinations(names, size):
                for chosen in itertools.product(*((options if size == 1 else useful)[m] for m in combo)):
                    grade, moved = learnt.trials.grade(area, tuple(zip(combo, chosen, strict=True)))
                    if size == 1 and not moved and learnt.trials.alone(area, combo[0], tuple(names)):
                        useful[combo[0]].remove(chosen[0])
                    if grade != target:
                        continue
                    changes = tuple(
                        cf._change(rulebook, case.evidence[m], v) for m, v in zip(combo, chosen, strict=True)
                    )
                    cost = sum(abs(c.delta) / cf._span(rulebook.measures[c.measure]) for c in changes)
                    hits.append((cost, changes))
            if hits:
                found = sorted(hits, key=lambda h: h[0])
                break
        for cost, changes in found:
            if learnt.verify(area_id, changes, target):
                out.append(cf.Counterfactual(direction, target, changes, round(cost, 6), True))
                break
    return out


def _same_answers(rulebook, case):
    judged = judgement.judge(rulebook, case)
    for area in judged:
        cf.clear_searches()
        want = _every_candidate(rulebook, case, area.area)
        cf.clear_searches()
        assert cf.counterfactuals(rulebook, case, area.area, area) == want, area.area


@pytest.mark.parametrize("name", ["Staffordshire", "Hull", "Rutland", "Camden", "Cornwall"])
def test_councils_get_the_answers_of_trying_every_candidate(name):
    (case,) = data.cases(2025, name)
    _same_answers(ILACS_BOOK, case)


@settings(max_examples=15, deadline=None)
@given(cases(UCRA_BOOK))
def test_generated_cases_get_the_answers_of_trying_every_candidate(case):
    _same_answers(UCRA_BOOK, case)


def _changed_runs_agree(rulebook, case):
    """Every change the searches propose, judged through :meth:`Judge.run_to` (the fact written afresh only
    where it changed, the levels above the area not fired) gives what judging the changed case in full
    gives, to the area's level."""
    judge = judge_for(rulebook)
    cf.clear_searches()
    learnt = cf._search_for(judge, case)
    tried = 0
    for area in rulebook.areas:
        options = cf._candidates(rulebook, case, cf._rules_behind(rulebook, area), learnt.values)
        for measure, values in list(options.items())[:3]:
            for value in values[:2]:
                change = cf._change(rulebook, case.evidence[measure], value)
                changed = cf._with_changes(case, [change])
                try:
                    whole = judge.run(changed, judge.fact(changed))[0]
                except judgement.JudgementError:
                    assert learnt._judged([change], area.id) is None
                    continue
                grades = learnt._judged([change], area.id)
                assert grades is not None
                for other, decision in zip(rulebook.areas, whole, strict=True):
                    if other.level <= area.level:
                        assert grades[other.id] == decision.grade, (area.id, measure, value, other.id)
                tried += 1
    return tried


#: Verifying through the whole rulebook's rulesets, and through rulesets of each area's own.
WAYS = pytest.mark.parametrize("after", [10**9, 0], ids=["whole", "apart"])


@WAYS
@pytest.mark.parametrize("name", ["Staffordshire", "Hull", "Rutland"])
def test_a_changed_council_judged_in_part_gets_the_grades_of_judging_it_in_full(name, after, monkeypatch):
    monkeypatch.setattr(plan_module, "APART_AFTER", after)
    (case,) = data.cases(2025, name)
    assert _changed_runs_agree(ILACS_BOOK, case) > 20


@WAYS
def test_a_changed_case_of_a_dated_rulebook_judged_in_part_gets_the_grades_of_judging_it_in_full(after, monkeypatch):
    from tests.example import BOOK, FIXTURES

    monkeypatch.setattr(plan_module, "APART_AFTER", after)
    for path in sorted(FIXTURES.glob("*.yaml")):
        _changed_runs_agree(BOOK, judgement.load_case(path))


@settings(max_examples=15, deadline=None)
@given(cases(UCRA_BOOK), st.sampled_from([10**9, 0]))
def test_a_changed_generated_case_judged_in_part_gets_the_grades_of_judging_it_in_full(case, after):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "APART_AFTER", after)
        _changed_runs_agree(UCRA_BOOK, case)


def test_a_plan_verifies_through_the_whole_rulebook_first_then_through_rulesets_of_their_own(monkeypatch):
    monkeypatch.setattr(plan_module, "APART_AFTER", 3)
    plan = plan_module.make_plan(ILACS_BOOK, judge_for(ILACS_BOOK).compiled, judge_for(ILACS_BOOK).engine)
    assert [plan.verifier() is plan.whole for _ in range(5)] == [True, True, True, False, False]
    assert plan.verifier() is plan.apart


def test_rulesets_of_their_own_hold_one_area_each_and_every_rule_once():
    judge = judge_for(ILACS_BOOK)
    whole, apart = judge.plan.compiled, judge.plan.apart.engine.compiled
    assert sorted(apart.rules.values()) == sorted(whole.rules.values())
    for part in apart.parts:
        held = {area for name, (area, _) in apart.rules.items() if f'"{name}"' in part.definition}
        assert len(held) <= 1  # a ruleset holding only the catch-all rule holds none
        assert set(part.areas) == held
    with_rules = [a for a in ILACS_BOOK.areas if a.rules]
    assert len([p for p in apart.parts if any(f'"{n}"' in p.definition for n in apart.rules)]) >= len(with_rules)
    assert len(apart.parts) > len(whole.parts)


def test_each_ruleset_names_the_areas_whose_rules_it_holds():
    plan = judge_for(ILACS_BOOK).plan
    for firing in (plan.whole, plan.apart):
        compiled = firing.engine.compiled
        for part in compiled.parts:
            held = {area for name, (area, _) in compiled.rules.items() if f'"{name}"' in part.definition}
            assert set(part.areas) == held
        for index, area in enumerate(plan.areas):
            assert {compiled.parts[i].name for i in firing.parts[index]} == {
                p.name for p in compiled.parts if area.area.id in p.areas
            }
            assert bool(firing.parts[index]) == bool(area.area.rules)


def _apart_search(monkeypatch, name, run_one, after=0):
    """A council's search verifying through rulesets of each area's own (through the whole rulebook's, with
    ``after`` large), whose engine runs each ruleset through ``run_one(real run, engine, self, index,
    body, mark)``."""
    monkeypatch.setattr(plan_module, "APART_AFTER", after)
    (case,) = data.cases(2025, name)
    judge = judge_for(ILACS_BOOK)
    cf.clear_searches()
    learnt = cf._search_for(judge, case)
    engine = judge.plan.apart.engine if after == 0 else judge.plan.whole.engine
    real = type(engine)._run_one
    monkeypatch.setattr(
        type(engine), "_run_one", lambda self, index, body, mark=1: run_one(real, engine, self, index, body, mark)
    )
    return case, learnt, engine


def test_a_change_asks_the_engine_only_about_the_rulesets_it_reaches(monkeypatch):
    asked: list[int] = []

    def counted(real, engine, self, index, body, mark):
        if self is engine:
            asked.append(index)
        return real(self, index, body, mark)

    case, learnt, engine = _apart_search(monkeypatch, "Staffordshire", counted)
    area = ILACS_BOOK.area("caseloads")
    measure = "caseload"
    first, second = (cf._change(ILACS_BOOK, case.evidence[measure], v) for v in (10.0, 30.0))
    assert learnt._judged([first], area.id) is not None
    asked.clear()
    assert learnt._judged([second], area.id) is not None
    readers = {
        i
        for i, part in enumerate(engine.compiled.parts)
        if part.level == 0 and any(k == measure or k.startswith(measure + "__") for k in part.fields)
    }
    assert asked
    assert set(asked) <= readers | {i for i, p in enumerate(engine.compiled.parts) if p.level > 0}
    assert set(asked) & readers


@WAYS
def test_a_firing_the_engine_loses_in_a_changed_case_is_caught(monkeypatch, after):
    def forgetful(real, engine, self, index, body, mark):  # loses the first firing of a caseloads rule
        names = real(self, index, body, mark)
        if self is not engine:
            return names
        lost = next((n for n in names if engine.compiled.rules[n][0] == "caseloads"), None)
        return [n for n in names if n != lost]

    case, learnt, _ = _apart_search(monkeypatch, "Hull", forgetful, after)
    change = cf._change(ILACS_BOOK, case.evidence["caseload"], 30.0)
    with pytest.raises(judgement.EngineError, match="disagree"):
        learnt._judged([change], "caseloads")


@WAYS
def test_a_change_fires_only_the_areas_it_reaches_and_the_others_keep_the_case_s_decisions(monkeypatch, after):
    asked: list[int] = []

    def counted(real, engine, self, index, body, mark):
        if self is engine:
            asked.append(index)
        return real(self, index, body, mark)

    case, learnt, engine = _apart_search(monkeypatch, "Staffordshire", counted, after)
    judge = learnt.judge
    plan = judge.plan
    base = learnt.reruns.decisions
    measure = "caseload"
    for value, moves in ((16.0, False), (40.0, True)):  # Staffordshire: 17.4 against England's 15.4
        change = cf._change(ILACS_BOOK, case.evidence[measure], value)
        changed = cf._with_changes(case, [change])
        values = dict(learnt.reruns.base)
        fresh = replace_item(ILACS_BOOK, changed.evidence[measure], values)
        asked.clear()
        decisions = judge.run_to(changed, values, "overall_effectiveness", learnt.reruns, fresh)
        levels = {engine.compiled.parts[i].level for i in asked}
        whole = judge.run(changed, judge.fact(changed))[0]
        assert [d.grade for d in decisions] == [d.grade for d in whole]
        caseloads = plan.index_of["caseloads"]
        assert (decisions[caseloads].grade != base[caseloads].grade) is moves
        for index, area in enumerate(plan.areas):
            reached = measure in area.reads or any(
                decisions[plan.index_of[a]].grade != base[plan.index_of[a]].grade for a in area.area.reads_areas
            )
            if not reached and not area.split:
                assert decisions[index] is base[index], area.area.id
        assert levels == ({0, 1, 2} if moves else {0})  # nothing above the measure's areas, unless a grade moves


def test_the_searches_take_the_case_s_decisions_from_its_judgement(monkeypatch):
    """A change is verified against the decisions the engine gave the case when it was judged: the case
    is not judged again, unless the judgement given is of another case."""
    judge = judge_for(ILACS_BOOK)
    (case,) = data.cases(2025, "Rutland")
    judged = judge.judge(case)
    runs: list[object] = []
    real = type(judge).run
    monkeypatch.setattr(type(judge), "run", lambda self, c, *rest: runs.append(c) or real(self, c, *rest))
    cf.clear_searches()
    found = [cf.counterfactuals(ILACS_BOOK, case, a.area, a, judge=judge) for a in judged]
    assert any(found)
    assert runs == []
    cf.clear_searches()
    other = judge.judge(data.cases(2025, "Hull")[0])
    runs.clear()
    cf.counterfactuals(ILACS_BOOK, case, "caseloads", other.areas["caseloads"], judge=judge)
    assert runs == [case]  # the Hull judgement's decisions are not taken for Rutland's


def test_the_values_worth_trying_remembered_across_councils_are_those_worked_out_afresh():
    judge = judge_for(ILACS_BOOK)
    councils = [data.cases(2025, name)[0] for name in ("Staffordshire", "Hull", "Rutland", "Camden", "Cornwall")]
    facts = [cf.case_values(judge, case) for case in councils]
    rules = [rule for area in ILACS_BOOK.areas for rule in area.rules]
    fresh = []
    for case, values in zip(councils, facts, strict=True):
        cf.clear_searches()
        fresh.append([cf._rule_candidates(ILACS_BOOK, case, rule, values) for rule in rules])
    cf.clear_searches()
    for _ in range(2):  # the second time round, every answer is remembered
        for case, values, want in zip(councils, facts, fresh, strict=True):
            assert [cf._rule_candidates(ILACS_BOOK, case, rule, values) for rule in rules] == want
    shared = sum(len(entry.candidates) for entry in cf._MEASURE_TESTS.values())
    assert len(rules) <= shared < len(rules) * len(councils)  # rules comparing with England's figures share


def test_the_thresholds_remembered_across_councils_are_those_worked_out_afresh():
    from judgement.lang.evaluate import evaluate_expr

    judge = judge_for(ILACS_BOOK)
    cf.clear_searches()
    rules = [rule for area in ILACS_BOOK.areas for rule in area.rules]
    for _ in range(2):  # the second time round, every answer is remembered
        for name in ("Staffordshire", "Hull", "Rutland"):
            values = cf.case_values(judge, data.cases(2025, name)[0])
            for rule in rules:
                found = cf.measure_thresholds(ILACS_BOOK, rule, values)
                assert [(t, m) for t, m, _ in found] == list(cf.measure_tests(ILACS_BOOK, rule))
                assert [r for _, _, r in found] == [evaluate_expr(t.rhs, values)[0] for t, _, _ in found]


@pytest.mark.parametrize("after", [1, 10**9], ids=["generated", "tree"])
def test_an_area_s_firing_read_from_a_fact_with_its_signs_is_worked_out_as_without_them(after, monkeypatch):
    """The check of a changed case's firings reads the exact signs from the run's fact; it says what
    working them out again says, through generated code and through the tree of functions."""
    monkeypatch.setattr(_codegen, "GENERATE_AFTER", after)
    judge = judge_for(ILACS_BOOK)
    plan = plan_module.make_plan(ILACS_BOOK, judge.compiled, judge.engine)  # fresh: nothing generated yet
    for name in ("Staffordshire", "Hull", "Rutland", "Camden", "Cornwall", "Leeds"):
        (case,) = data.cases(2025, name)
        values = judge.run(case, judge.fact(case))[1]  # the fact with every sign and grade in it
        for area in plan.areas:
            if area.split:
                continue
            missing = area.lacking(case.evidence.keys(), values)
            signed = area.fired(values, missing, case.inspected, plan.sign_names)
            assert signed == area.fired(values, missing, case.inspected), (name, area.area.id)


@pytest.mark.parametrize("book", [ILACS_BOOK, UCRA_BOOK], ids=["ilacs", "ucra"])
def test_trials_begun_from_the_engine_s_decisions_grade_as_those_begun_by_the_reference(book):
    judge = judge_for(book)
    if book is ILACS_BOOK:
        councils = [data.cases(2025, name)[0] for name in ("Staffordshire", "Hull", "Rutland")]
    else:
        from tests.conftest import FIXTURES

        councils = [judgement.load_case(path) for path in sorted(FIXTURES.glob("*.yaml"))[:6]]
    for case in councils:
        cf.clear_searches()
        values = cf.case_values(judge, case)
        evidence, day = frozenset(case.evidence), case.inspected
        decisions = judge.run(case, judge.fact(case))[0]
        given, reference = judge.trials(values, evidence, day, decisions), judge.trials(values, evidence, day)
        assert [given.base[i].grade for i in given.order] == [reference.base[i].grade for i in reference.order]
        tried = 0
        for area in book.areas:
            options = cf._candidates(book, case, cf._rules_behind(book, area), values)
            for measure, tries in options.items():
                for value in tries[:3]:
                    assert given.grade(area, [(measure, value)]) == reference.grade(area, [(measure, value)])
                    tried += 1
        assert tried > 20
