"""Every area's trace: what lies behind its grade, from the reference evaluator's full evaluation of
each of its rules over the fact it was judged on.

A :class:`Tracer` belongs to a judge; :class:`Traces` belongs to one judgement and makes its traces when
the first is read (most judgements are never explained). A trace is data
(:class:`~judgement.judging.trace.AreaTrace`), rendered elsewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction

from judgement._frozen import FrozenMap
from judgement.judging.plan import Plan, RuleFacts, Values, disagreement
from judgement.judging.policy import Decision, default_fires
from judgement.judging.stats import wilson
from judgement.judging.trace import (
    AreaTrace,
    Borderline,
    Comparison,
    EvidenceUse,
    GradeUse,
    PolicyStep,
    RuleOutcome,
    RuleStep,
    TraceParts,
)
from judgement.lang.evaluate import Evaluation, TestResult, as_number
from judgement.model import Case, Evidence, Rulebook, Unit

__all__ = ["EVALUATIONS_KEPT", "PROBE", "WORTH_KEEPING", "Tracer", "Traces"]

#: At most this many rules' full evaluations kept by a judge for traces (cleared when full).
EVALUATIONS_KEPT = 65_536
#: A rule's evaluations are remembered while it has been asked for fewer than this many, and after that
#: only while at least one in :data:`WORTH_KEEPING` of them was found remembered.
PROBE = 256
WORTH_KEEPING = 8


class Tracer:
    """A judge's maker of traces, with a memo of rules' full evaluations by the values they read: the
    judgements made from other areas' grades read the same few grades in case after case.

    A rule whose values seldom repeat (rates to many decimal places, case after case) is soon no longer
    remembered: what the memo holds lives long, and every object that lives long is one more for the
    garbage collector to look over in each full collection."""

    __slots__ = ("_about", "_asked", "_evaluated", "plan")

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._evaluated: dict[tuple[object, ...], tuple[Evaluation, tuple[Comparison, ...]]] = {}
        #: Per rule id, how often its evaluation was asked for and how often it was found remembered.
        self._asked: dict[str, list[int]] = {}
        #: Each measure's title, unit and direction, as a trace's evidence shows them.
        self._about = {m.id: (m.title, m.unit.value, m.better.value) for m in plan.rulebook.measures.values()}

    def traces(self, case: Case, decisions: tuple[Decision, ...], values: Values) -> tuple[AreaTrace, ...]:
        """Every area's trace for ``case``, given every area's decision and the fact they were decided on,
        with every grade in it. Each is made when its parts are first read; they share the fact and the
        evidence."""
        shared: dict[tuple[str, bool], EvidenceUse] = {}
        return tuple(
            AreaTrace.later(functools.partial(self.build, case, i, decisions, values, shared))
            for i in range(len(decisions))
        )

    def evaluation(self, facts: RuleFacts, values: Values) -> tuple[Evaluation, tuple[Comparison, ...]]:
        """The reference evaluator's full evaluation of a rule, and its deciding comparisons as a trace
        shows them, remembered by the values it reads."""
        rule = facts.rule.id
        asked = self._asked.get(rule)
        if asked is None:
            asked = self._asked[rule] = [0, 0]
        asked[0] += 1
        keeping = asked[0] <= PROBE or asked[1] * WORTH_KEEPING >= asked[0]
        if keeping:
            read = [values.get(k) for k, _ in facts.reads]
            key = (rule, *read, *map(type, read))  # 50 and 50.0 are equal keys, written differently
            found = self._evaluated.get(key)
            if found is not None:
                asked[1] += 1
                return found
        evaluation = facts.evaluation(values)
        words = self.plan.words
        found = evaluation, tuple(_comparison(r, words) for r in evaluation.deciding)
        if keeping:
            if len(self._evaluated) >= EVALUATIONS_KEPT:
                self._evaluated.clear()
            self._evaluated[key] = found
        return found

    def build(
        self,
        case: Case,
        index: int,
        decisions: tuple[Decision, ...],
        values: Values,
        shared: dict[tuple[str, bool], EvidenceUse],
    ) -> TraceParts:
        """Everything behind one area's grade, from the full reference evaluation of each rule."""
        plan = self.plan
        rulebook, area, decision = plan.rulebook, plan.areas[index], decisions[index]
        missing = area.missing(case.evidence, values)
        evidence = []
        for mid in area.reads:
            required = mid in area.area.requires
            use = shared.get((mid, required))
            if use is None:
                use = shared[(mid, required)] = _evidence_use(self._about[mid], case.evidence.get(mid), mid, required)
            evidence.append(use)
        steps = [self._step(facts, case, decision, missing, values) for facts in area.rules]
        policy = PolicyStep(
            decision.policy, decision.fired, decision.chosen, decision.grade, decision.status, decision.note
        )
        borderline = _borderline(rulebook, case, steps) if not missing else ()
        written = area.area
        grades = tuple(
            GradeUse(other.id, other.title, decisions[i].grade, decisions[i].status)
            for other, i in ((rulebook.area(a), plan.index_of[a]) for a in (*written.reads_areas, *written.aspects))
        )
        return tuple(evidence), tuple(steps), policy, borderline, grades

    def _step(
        self, facts: RuleFacts, case: Case, decision: Decision, missing: tuple[str, ...], values: Values
    ) -> RuleStep:
        """One rule's step, checked once more against what the engine fired."""
        rule = facts.rule
        fired = rule.id in decision.fired
        in_force = rule.in_force(case.inspected)
        evaluation, comparisons = self.evaluation(facts, values) if rule.normal is not None else (None, ())
        if not in_force:
            expected = False
        elif evaluation is not None:
            expected = evaluation.outcome is True
        else:
            expected = default_fires(missing)
        if expected != fired:
            raise disagreement(rule, case, fired)
        return _rule_step(facts, evaluation, comparisons, fired, decision, missing, values, self.plan.words, in_force)


class Traces:
    """One judgement's traces: made when the first is read, then kept with it (never compared)."""

    __slots__ = ("case", "decisions", "made", "tracer", "values")

    def __init__(self, tracer: Tracer, case: Case, decisions: tuple[Decision, ...], values: Values) -> None:
        self.tracer, self.case, self.decisions, self.values = tracer, case, decisions, values
        self.made: tuple[AreaTrace, ...] | None = None

    def trace(self, area: str) -> AreaTrace:
        made = self.made
        if made is None:  # two threads may both make them: the same traces, and one is kept
            made = self.made = self.tracer.traces(self.case, self.decisions, self.values)
        return made[self.tracer.plan.index_of[area]]


def _evidence_use(about: tuple[str, str, str], item: Evidence | None, mid: str, required: bool) -> EvidenceUse:
    title, unit, better = about
    if item is None:
        return EvidenceUse(mid, title, unit, better, None, required=required, missing=True)
    return EvidenceUse(
        mid,
        title,
        unit,
        better,
        item.value,
        item.england,
        item.neighbours,
        item.region,
        item.three_years_ago,
        item.n,
        item.source,
        item.period,
        item.illustrative,
        required,
        count=item.count,
    )


def _rule_step(
    facts: RuleFacts,
    evaluation: Evaluation | None,
    comparisons: tuple[Comparison, ...],
    fired: bool,
    decision: Decision,
    missing: tuple[str, ...],
    values: Values,
    words: Mapping[str, tuple[str, ...]],
    in_force: bool = True,
) -> RuleStep:
    rule = facts.rule
    chosen = rule.id in decision.chosen
    read = FrozenMap.adopt({text: _shown(values[key], words.get(key)) for key, text in facts.reads if key in values})
    shared = (facts.at, facts.effective, rule.limit)
    if not in_force:
        return RuleStep(
            rule.id, rule.grade, facts.when, RuleOutcome.NOT_IN_FORCE, False, read, comparisons, (), *shared
        )
    if evaluation is None:  # the default rule
        outcome = RuleOutcome.FIRED if fired else RuleOutcome.NOT_EVALUABLE
        return RuleStep(rule.id, rule.grade, facts.when, outcome, chosen, read, (), missing, *shared)
    if fired:
        outcome = RuleOutcome.FIRED
    else:
        outcome = RuleOutcome.NOT_EVALUABLE if evaluation.outcome is None else RuleOutcome.NOT_FIRED
    gaps = tuple(dict.fromkeys(m for r in evaluation.deciding for m in r.missing))
    held = tuple(facts.alternative_texts[i] for i in facts.triggered(values)) if fired else ()
    return RuleStep(rule.id, rule.grade, facts.when, outcome, chosen, read, comparisons, gaps, *shared, held)


def _shown(value: float | int | Fraction, words: tuple[str, ...] | None) -> float | int | str:
    """A value read from the fact as a trace shows it: a grade or level as its word, an exact fraction
    (a count out of a sample) as the nearest number."""
    if words is not None:
        return words[int(value)]
    return as_number(value) if isinstance(value, Fraction) else value


def _comparison(result: TestResult, words: Mapping[str, tuple[str, ...]]) -> Comparison:
    test = result.test
    return Comparison(
        test.source,
        test.field.text,
        test.op,
        test.rhs_text,
        result.actual,
        result.required,
        result.margin,
        result.outcome,
        result.missing,
        test.at,
        words.get(test.field.key, ()),
        result.z,
    )


def _borderline(rulebook: Rulebook, case: Case, steps: list[RuleStep]) -> tuple[Borderline, ...]:
    """Deciding comparisons whose threshold lies inside the 95% interval of a sampled percentage."""
    found: dict[tuple[str, str], Borderline] = {}
    for step in steps:
        for c in step.comparisons:
            item = case.evidence.get(c.left)
            if item is None or item.n is None or c.required is None or c.margin is None:
                continue
            if rulebook.measures[c.left].unit is not Unit.PERCENT or isinstance(item.value, bool | str):
                continue
            low, high = wilson(float(item.value), item.n)
            if low <= c.required <= high:
                found.setdefault(
                    (step.rule, c.test),
                    Borderline(
                        c.left,
                        item.value,
                        item.n,
                        round(low, 1),
                        round(high, 1),
                        step.rule,
                        c.test,
                        c.required,
                        c.margin,
                        c.at,
                    ),
                )
    return tuple(found.values())
