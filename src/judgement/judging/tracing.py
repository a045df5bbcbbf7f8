"""Every area's trace: what lies behind its grade, from the reference evaluator's full evaluation of
each of its rules over the fact it was judged on.

A :class:`Tracer` belongs to a judge; :class:`Traces` belongs to one judgement and makes its traces when
the first is read (most judgements are never explained). A trace is data
(:class:`~judgement.judging.trace.AreaTrace`), rendered elsewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from judgement._codegen import enabled as codegen_enabled
from judgement._frozen import FrozenMap
from judgement._numbers import as_real
from judgement.judging.plan import AreaPlan, Plan, RuleFacts, Values, disagreement
from judgement.judging.policy import Decision, default_fires
from judgement.judging.stats import wilson
from judgement.judging.trace import (
    AreaTrace,
    Borderline,
    Comparison,
    EvidenceFields,
    EvidenceUse,
    GradeUse,
    PolicyStep,
    RuleOutcome,
    RuleStep,
    TraceParts,
    comparison_data,
    evidence_data,
    plain,
    policy_data,
    step_data,
)
from judgement.judging.writing import AreaWriter, area_writer, shown_value
from judgement.lang.evaluate import Decided, Leaf, Weighed, compile_decided, worked_test
from judgement.lang.normal import Test, sign_identity
from judgement.model import Case, Evidence, Grade, PlainEvidence, Rulebook, Unit

__all__ = ["EVALUATIONS_KEPT", "PROBE", "WORTH_KEEPING", "Judged", "Tracer"]

#: At most this many rules' full evaluations kept by a judge for traces (cleared when full).
EVALUATIONS_KEPT = 65_536
#: A rule's evaluations are remembered while it has been asked for fewer than this many, and after that
#: only while at least one in :data:`WORTH_KEEPING` of them was found remembered.
PROBE = 256
WORTH_KEEPING = 8


class Judged(NamedTuple):
    """What one judgement's traces are made from: the case, every area's decision, the fact they were
    decided on (with every grade in it), and the evidence items its areas share, as objects and as the
    fields a trace written as data writes (each by measure and whether the area requires it)."""

    case: Case
    decisions: tuple[Decision, ...]
    values: Values
    shared: dict[tuple[str, bool], EvidenceUse]
    fields: dict[tuple[str, bool], EvidenceFields]


C = TypeVar("C")
R = TypeVar("R")
S = TypeVar("S")
#: A rule's step, in :class:`RuleStep`'s order, its deciding comparisons objects or rows of data.
StepFields = tuple[
    str,
    Grade,
    str,
    RuleOutcome,
    bool,
    dict[str, float | int | str],
    C,
    tuple[str, ...],
    str,
    str,
    bool,
    tuple[str, ...],
]
#: What decides a comparison and writes its row, given its words: a trace's :class:`Comparison`, or a row
#: of data.
Leaves = Callable[[Test, Mapping[str, tuple[str, ...]], Mapping[tuple[object, ...], str]], Leaf[Weighed, R]]


#: A deciding comparison as the borderline flags read it: rule, value compared, comparison, required, margin
#: and place.
Compared = tuple[str, str, str, float | int | None, float | int | None, str]


class Tracer:
    """A judge's maker of traces, with a memo of rules' full evaluations by the values they read: the
    judgements made from other areas' grades read the same few grades in case after case.

    A rule whose values seldom repeat (rates to many decimal places, case after case) is soon no longer
    remembered: what the memo holds lives long, and every object that lives long is one more for the
    garbage collector to look over in each full collection."""

    __slots__ = (
        "_about",
        "_asked",
        "_evaluated",
        "_row_trees",
        "_shown_reads",
        "_templates",
        "_trees",
        "_writers",
        "plan",
    )

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._evaluated: dict[tuple[object, ...], tuple[bool | None, tuple[Comparison, ...]]] = {}
        #: Per rule id, how often its evaluation was asked for and how often it was found remembered.
        self._asked: dict[str, list[int]] = {}
        #: Per rule id and kind of row, its condition worked out into comparisons or into rows of data
        #: (see :meth:`_prepared`), each made when first asked.
        self._trees: dict[tuple[str, object], Decided[Any]] = {}
        #: Per area index, each rule's condition prepared into rows of data (None for a default rule).
        self._row_trees: dict[int, tuple[Decided[dict[str, Any]] | None, ...]] = {}
        #: Per area index, its evidence as rows of data to copy for a case given as values alone.
        self._templates: dict[int, tuple[tuple[str, dict[str, Any], dict[str, Any]], ...]] = {}
        #: Per area index, the code generated to write its rules as data (None: written through the trees).
        self._writers: dict[int, AreaWriter | None] = {}
        #: Per rule id, each value it reads as (fact key, text, the words it is shown by or None).
        self._shown_reads: dict[str, tuple[tuple[str, str, tuple[str, ...] | None], ...]] = {}
        #: Each measure's title, unit and direction, as a trace's evidence shows them.
        self._about = {m.id: (m.title, m.unit.value, m.better.value) for m in plan.rulebook.measures.values()}

    def traces(self, case: Case, decisions: tuple[Decision, ...], values: Values) -> tuple[AreaTrace, ...]:
        """Every area's trace for ``case``, given every area's decision and the fact they were decided on,
        with every grade in it. Each is made when its parts are first read; they share the fact and the
        evidence."""
        judged = Judged(case, decisions, values, {}, {})
        data = self.data if codegen_enabled() else None  # switched off: written from the parts
        return tuple(
            AreaTrace.later(
                functools.partial(self.build, judged, i), None if data is None else functools.partial(data, judged, i)
            )
            for i in range(len(decisions))
        )

    def evaluation(self, facts: RuleFacts, values: Values) -> tuple[bool | None, tuple[Comparison, ...]]:
        """The reference evaluator's outcome of a rule's condition and its deciding comparisons as a trace
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
        outcome, deciding = self._prepared(facts, _comparison_leaf)(values)
        found = outcome, tuple(deciding)
        if keeping:
            if len(self._evaluated) >= EVALUATIONS_KEPT:
                self._evaluated.clear()
            self._evaluated[key] = found
        return found

    def build(self, judged: Judged, index: int) -> TraceParts:
        """Everything behind one area's grade, from the full reference evaluation of each rule."""
        case, decisions, values, _, _ = judged
        area, decision = self.plan.areas[index], decisions[index]
        missing = area.lacking(case.evidence.keys(), values)
        steps = []
        for facts in area.rules:
            outcome, comparisons = self.evaluation(facts, values) if facts.rule.normal is not None else (None, ())
            # a comparison lacks evidence only where its outcome is unknown, and so does a condition it decides
            gaps = () if outcome is not None else tuple(dict.fromkeys(m for c in comparisons for m in c.missing))
            rid, grade, when, shown, chosen, read, deciding, lacked, at, effective, limit, held = self._step_fields(
                facts, judged, decision, missing, outcome, comparisons, gaps
            )
            steps.append(
                RuleStep(
                    rid, grade, when, shown, chosen, FrozenMap.adopt(read), deciding, lacked, at, effective, limit, held
                )
            )
        evidence = self._evidence(judged, area)
        borderline: tuple[Borderline, ...] = ()
        if not missing and any(e.n is not None for e in evidence):  # only a sampled measure can be borderline
            compared = ((s.rule, c.left, c.test, c.required, c.margin, c.at) for s in steps for c in s.comparisons)
            borderline = _borderline(self.plan.rulebook, case, compared)
        return (
            evidence,
            tuple(steps),
            _policy(decision),
            borderline,
            self._grades(area, decisions),
        )

    def data(self, judged: Judged, index: int) -> dict[str, Any]:
        """One area's trace as :meth:`AreaTrace.to_dict` gives it, written without making its steps: each
        rule's comparisons are worked out by the reference evaluator straight into rows of data. (With
        code generation switched off, :meth:`traces` leaves it out: a trace is then made, and written from
        its parts.)"""
        case, decisions, values, _, _ = judged
        area, decision = self.plan.areas[index], decisions[index]
        missing = area.lacking(case.evidence.keys(), values)
        given = case.evidence
        sampled = False
        if isinstance(given, PlainEvidence):  # values alone: each row its template with the value in
            alone = given.plain
            evidence = []
            for mid, present, absent in self._value_rows(index):
                if mid in alone:
                    row = present.copy()
                    row["value"] = as_real(alone[mid])
                else:
                    row = absent.copy()
                evidence.append(row)
        else:
            evidence = [evidence_data(*fields) for fields in self._shared(case, area, judged.fields, lambda f: f)]
            sampled = not missing and any(e["n"] is not None for e in evidence)  # else none can be borderline
        rules = self._steps_data(judged, index, decision, missing)
        borderline: tuple[Borderline, ...] = ()
        if sampled:
            compared: Iterable[Compared] = (
                (step["rule"], c["left"], c["test"], c["required"], c["margin"], c["at"])
                for step in rules
                for c in step["comparisons"]
            )
            borderline = _borderline(self.plan.rulebook, case, compared)
        written = area.area
        return {
            "evidence": evidence,
            "grades": [g.to_dict() for g in self._grades(area, decisions)]
            if written.reads_areas or written.aspects
            else [],
            "rules": rules,
            "policy": policy_data(
                decision.policy, decision.fired, decision.chosen, decision.grade, decision.status, decision.note
            ),
            "borderline": [plain(b) for b in borderline],
        }

    def _steps_data(
        self, judged: Judged, index: int, decision: Decision, missing: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        """Each rule's step of area ``index`` as data: by the code generated for the area (:mod:`writing`)
        when its rules' conditions are ones it writes, else through each rule's tree of functions."""
        case, _, values, _, _ = judged
        area = self.plan.areas[index]
        if index not in self._writers:  # two threads may both make it: the same function, and one is kept
            self._writers[index] = area_writer(area, self.plan.words, self.plan.sign_names)
        writer = self._writers[index]
        if writer is not None:
            return writer(values, decision.fired, decision.chosen, case, missing)
        trees = self._row_trees.get(index)
        if trees is None:  # each rule's condition prepared into rows of data (None for the default rule)
            trees = self._row_trees[index] = tuple(
                None if facts.rule.normal is None else self._prepared(facts, _row_leaf) for facts in area.rules
            )
        steps = []
        for facts, tree in zip(area.rules, trees, strict=True):
            outcome: bool | None = None
            deciding: list[dict[str, Any]] = []
            if tree is not None:
                outcome, deciding = tree(values)
            gaps = () if outcome is not None else tuple(dict.fromkeys(m for row in deciding for m in row["missing"]))
            steps.append(step_data(*self._step_fields(facts, judged, decision, missing, outcome, deciding, gaps)))
        return steps

    def _prepared(self, facts: RuleFacts, leaf: Leaves[R]) -> Decided[R]:
        """A rule's condition worked out into the rows ``leaf`` writes for its comparisons (a trace's
        :class:`Comparison` objects, or rows of data), prepared once per rule and kind of row."""
        key = (facts.rule.id, leaf)
        found = self._trees.get(key)
        if found is None:
            condition, words, signs = facts.rule.normal, self.plan.words, self.plan.sign_names
            assert condition is not None
            found = self._trees[key] = compile_decided(condition, lambda t: leaf(t, words, signs))
        return found

    def _evidence(self, judged: Judged, area: AreaPlan) -> tuple[EvidenceUse, ...]:
        """The evidence an area reads, each item made once for all the case's areas."""
        return tuple(self._shared(judged.case, area, judged.shared, lambda fields: EvidenceUse(*fields)))

    def _value_rows(self, index: int) -> tuple[tuple[str, dict[str, Any], dict[str, Any]], ...]:
        """For a case given as values alone, each evidence item area ``index`` reads as rows of data to
        copy: written with no value (to be filled in), and written missing (made once per area)."""
        found = self._templates.get(index)
        if found is None:
            area = self.plan.areas[index]
            found = self._templates[index] = tuple(
                (
                    mid,
                    # the item a value alone makes (PlainEvidence), its value to be filled in
                    evidence_data(
                        *_evidence_fields(self._about[mid], Evidence(mid, 0), mid, mid in area.area.requires)
                    ),
                    evidence_data(*_evidence_fields(self._about[mid], None, mid, mid in area.area.requires)),
                )
                for mid in area.reads
            )
        return found

    def _shared(
        self, case: Case, area: AreaPlan, kept: dict[tuple[str, bool], S], make: Callable[[EvidenceFields], S]
    ) -> list[S]:
        """The evidence an area reads, each item ``make`` makes of its fields (as :class:`EvidenceUse` orders
        them) once for all the case's areas, kept in ``kept`` by measure and whether the area requires it."""
        out = []
        for mid in area.reads:
            required = mid in area.area.requires
            item = kept.get((mid, required))
            if item is None:
                item = kept[(mid, required)] = make(
                    _evidence_fields(self._about[mid], case.evidence.get(mid), mid, required)
                )
            out.append(item)
        return out

    def _grades(self, area: AreaPlan, decisions: tuple[Decision, ...]) -> tuple[GradeUse, ...]:
        """The grades of other areas an area read."""
        plan, written = self.plan, area.area
        return tuple(
            GradeUse(other.id, other.title, decisions[i].grade, decisions[i].status)
            for other, i in (
                (plan.rulebook.area(a), plan.index_of[a]) for a in (*written.reads_areas, *written.aspects)
            )
        )

    def _step_fields(
        self,
        facts: RuleFacts,
        judged: Judged,
        decision: Decision,
        missing: tuple[str, ...],
        outcome: bool | None,
        comparisons: C,
        gaps: tuple[str, ...],
    ) -> StepFields[C]:
        """One rule's step in :class:`RuleStep`'s order, checked once more against what the engine fired:
        ``outcome`` is the reference evaluator's (None for the default rule), ``comparisons`` the deciding
        ones as given (objects, or rows of data) and ``gaps`` the evidence they lacked."""
        case, _, values, _, _ = judged
        rule = facts.rule
        fired = rule.id in decision.fired
        in_force = rule.in_force(case.inspected)
        evaluated = rule.normal is not None
        expected = in_force and (outcome is True if evaluated else default_fires(missing))
        if expected != fired:
            raise disagreement(rule, case, fired)
        reads = self._shown_reads.get(rule.id)
        if reads is None:  # each value it reads, with the words it is shown by (grades and levels)
            words = self.plan.words
            reads = self._shown_reads[rule.id] = tuple((key, text, words.get(key)) for key, text in facts.reads)
        read = {
            text: value
            if scale is None and ((value := values[key]).__class__ is float or value.__class__ is int)
            else shown_value(values[key], scale)
            for key, text, scale in reads
            if key in values
        }
        at, effective, limit = facts.at, facts.effective, rule.limit
        if not in_force:
            shown = RuleOutcome.NOT_IN_FORCE
            return rule.id, rule.grade, facts.when, shown, False, read, comparisons, (), at, effective, limit, ()
        chosen = rule.id in decision.chosen
        if rule.normal is None:  # the default rule
            shown = RuleOutcome.FIRED if fired else RuleOutcome.NOT_EVALUABLE
            return rule.id, rule.grade, facts.when, shown, chosen, read, comparisons, missing, at, effective, limit, ()
        shown = RuleOutcome.FIRED if fired else RuleOutcome.NOT_EVALUABLE if outcome is None else RuleOutcome.NOT_FIRED
        held = tuple(facts.alternative_texts[i] for i in facts.triggered(values)) if fired else ()
        return rule.id, rule.grade, facts.when, shown, chosen, read, comparisons, gaps, at, effective, limit, held


def _evidence_fields(about: tuple[str, str, str], item: Evidence | None, mid: str, required: bool) -> EvidenceFields:
    """An evidence item an area reads, as :class:`EvidenceUse`'s fields in order."""
    title, unit, better = about
    if item is None:
        return mid, title, unit, better, None, None, None, None, None, None, None, None, False, required, True, None
    return (
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
        False,
        item.count,
    )


def _comparison_leaf(
    test: Test, words: Mapping[str, tuple[str, ...]], signs: Mapping[tuple[object, ...], str]
) -> Leaf[Weighed, Comparison]:
    """A comparison decided by the reference evaluator (:func:`~judgement.lang.evaluate.worked_test`), and
    written as a trace's :class:`Comparison`."""
    decide, finish = worked_test(test, signs.get(sign_identity(test)))
    source, left, op, right, at = test.source, test.field.text, test.op, test.rhs_text, test.at
    scale = words.get(test.field.key, ())

    def write(decided: Weighed) -> Comparison:
        actual, required, outcome, missing, margin, z = finish(decided)
        return Comparison(source, left, op, right, actual, required, margin, outcome, missing, at, scale, z)

    return decide, write


def _row_leaf(
    test: Test, words: Mapping[str, tuple[str, ...]], signs: Mapping[tuple[object, ...], str]
) -> Leaf[Weighed, dict[str, Any]]:
    """A comparison decided by the reference evaluator (:func:`~judgement.lang.evaluate.worked_test`), and
    written as a trace's row of data, as :meth:`Comparison.to_dict` writes it."""
    decide, finish = worked_test(test, signs.get(sign_identity(test)))
    source, left, op, right, at = test.source, test.field.text, test.op, test.rhs_text, test.at
    scale = words.get(test.field.key, ())

    def write(decided: Weighed) -> dict[str, Any]:
        actual, required, outcome, missing, margin, z = finish(decided)
        return comparison_data(source, left, op, right, actual, required, margin, outcome, missing, at, scale, z)

    return decide, write


def _policy(decision: Decision) -> PolicyStep:
    return PolicyStep(decision.policy, decision.fired, decision.chosen, decision.grade, decision.status, decision.note)


def _borderline(rulebook: Rulebook, case: Case, compared: Iterable[Compared]) -> tuple[Borderline, ...]:
    """Deciding comparisons whose threshold lies inside the 95% interval of a sampled percentage, from each
    deciding comparison's (rule, value compared, comparison, required, margin, place)."""
    found: dict[tuple[str, str], Borderline] = {}
    for rule, left, test, required, margin, at in compared:
        item = case.evidence.get(left)
        if item is None or item.n is None or required is None or margin is None:
            continue
        if rulebook.measures[left].unit is not Unit.PERCENT or isinstance(item.value, bool | str):
            continue
        low, high = wilson(float(item.value), item.n)
        if low <= required <= high:
            found.setdefault(
                (rule, test),
                Borderline(left, item.value, item.n, round(low, 1), round(high, 1), rule, test, required, margin, at),
            )
    return tuple(found.values())
