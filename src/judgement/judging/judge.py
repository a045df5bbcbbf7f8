"""Judging a case: check it, build its fact, run the engine, check every firing, apply the hit policies.

A :class:`Judge` owns everything prepared for one rulebook: the compiled rulesets registered with the
engine and the :class:`~judgement.judging.plan.Plan` (what each rule reads, the compiled reference
outcomes every firing is checked against), with the memos of decisions
(:class:`~judgement.judging.deciding.Decider`), of searches (:class:`~judgement.judging.trials.Searcher`)
and of traces (:class:`~judgement.judging.tracing.Tracer`). Every grade comes from rules that
durable_rules fired (:mod:`judgement.judging.run`); if the reference evaluator ever disagrees with the
engine the judgement fails with :class:`~judgement.errors.EngineError` rather than return a doubtful
grade.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from judgement._codegen import enabled as codegen_enabled
from judgement._frozen import FrozenMap
from judgement.check.against import check_case
from judgement.engine.compile import compiled_for
from judgement.judging.deciding import DECISIONS_KEPT, Decider
from judgement.judging.facts import Fact, case_fact, compile_fact
from judgement.judging.plan import Values, make_plan, registered
from judgement.judging.policy import Decision
from judgement.judging.reasons import fixed_reason, reason
from judgement.judging.results import AreaJudgement, Judgement, Traces
from judgement.judging.run import Ran, Reruns, run, run_to
from judgement.judging.status import AreaStatus
from judgement.model import Area, Case, Grade, Rulebook

if TYPE_CHECKING:
    from judgement.judging.steady import Steady
    from judgement.judging.tracing import Tracer
    from judgement.judging.trials import Searcher, Trials

__all__ = ["MAX_CACHED_JUDGES", "QUICK_AFTER", "Judge", "Reruns", "clear_judges", "judge", "judge_for"]

#: Judges :func:`judge_for` keeps for the rulebooks most recently judged with.
MAX_CACHED_JUDGES = 8
#: Cases a judge checks in full (:func:`check_case`, :func:`case_fact`) before it generates its quick
#: reader of a case's evidence (:func:`compile_fact`): generating the reader costs as much as checking
#: about a hundred cases in full, so judging one case, or a few, does without it.
QUICK_AFTER = 32
#: A reason's alternatives held, for an area whose rules' reasons read none (never written to).
_NOTHING_HELD: Mapping[str, tuple[int, ...]] = FrozenMap()

#: What an area's judgement says: its id, title, grade, status, reason and the rules chosen.
_Head = tuple[str, str, Grade, AreaStatus, str, tuple[str, ...]]


class Judge:
    """A rulebook prepared for judging. Create one per rulebook and reuse it; it is safe to share
    between threads. :func:`judge` keeps a few for the rulebooks most recently used."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        #: The rulesets compiled for the engine, and the engine that runs them (for benchmarks and tools).
        self.compiled = compiled = compiled_for(rulebook)
        self.engine = registered(rulebook, compiled)
        self.plan = plan = make_plan(rulebook, compiled, self.engine)
        self.decider = Decider(plan)
        #: The generated reader of a case's evidence, once this judge has checked QUICK_AFTER cases in full.
        self._quick: Callable[[Case], Fact | None] | None = None
        self._checked_in_full = 0
        #: Per area, by decision (and the alternatives that held), what its judgement says when that
        #: depends on the decision alone (see :func:`fixed_reason`).
        self._heads: list[dict[tuple[Decision, tuple[tuple[str, tuple[int, ...]], ...]], _Head]] = [
            {} for _ in rulebook.areas
        ]

    @functools.cached_property
    def searcher(self) -> Searcher:
        """The judge's decisions by the reference evaluator for searches: made when the first search asks
        (judging alone never needs it, nor imports it)."""
        from judgement.judging.trials import Searcher  # noqa: PLC0415 - see above

        return Searcher(self.plan, self.decider)

    @functools.cached_property
    def tracer(self) -> Tracer:
        """The judge's maker of traces: made when a trace of one of its judgements is first read (judging
        alone never needs it, nor imports it)."""
        from judgement.judging.tracing import Tracer  # noqa: PLC0415 - see above

        return Tracer(self.plan)

    # ------------------------------------------------------------------------------------------ judging

    def fact(self, case: Case) -> Fact:
        """``case`` checked against the rulebook and made the engine's flat fact (raises
        :class:`~judgement.errors.CaseError` for a case that does not fit)."""
        quick = self._quick
        if quick is None and codegen_enabled():
            self._checked_in_full += 1
            if self._checked_in_full > QUICK_AFTER:  # judging many: the generated reader pays for itself
                quick = self._quick = compile_fact(self.rulebook)
        fact = quick(case) if quick is not None else None
        if fact is None:  # a case that does not plainly fit: the full check says why, or passes it
            check_case(self.rulebook, case)
            fact = case_fact(self.rulebook, case)
        return fact

    def judge(self, case: Case) -> Judgement:
        """Judge every area of ``case``. Raises :class:`~judgement.errors.CaseError` for a case that does
        not fit the rulebook, and :class:`~judgement.errors.EngineError` if the engine misbehaves."""
        every, values, outcomes = self.run(case, self.fact(case))
        reasons: dict[str, str] = {}
        heads: list[_Head | None] = [None] * len(every)
        for index in self.plan.reason_order:  # an area split into aspects is told in its aspects' words
            head = heads[index] = self._head(index, case, every[index], outcomes, reasons)
            reasons[head[0]] = head[4]
        source = Traces(self, case, every, values)
        areas = {h[0]: AreaJudgement(h[0], h[1], h[2], h[3], h[4], h[5], source) for h in heads if h is not None}
        return Judgement(case, self.rulebook, FrozenMap.adopt(areas))

    def _head(
        self,
        index: int,
        case: Case,
        decision: Decision,
        outcomes: Sequence[Sequence[bool | None]],
        reasons: Mapping[str, str],
    ) -> _Head:
        """What area ``index``'s judgement says, remembered when it depends on the decision alone."""
        plan = self.plan.areas[index]
        held: Mapping[str, tuple[int, ...]] = _NOTHING_HELD
        if plan.reads_alternatives:  # for each chosen rule whose reason reads them, the alternatives that held
            vector = outcomes[plan.level]
            held = {
                facts.rule.id: tuple(k for k, at in enumerate(alts) if vector[at] is True)
                for facts, alts in zip(plan.rules, plan.alternatives, strict=True)
                if alts and facts.rule.id in decision.chosen
            }
        key = (decision, tuple(held.items()))
        memo = self._heads[index]
        head = memo.get(key)
        if head is None:
            area = plan.area
            text = reason(self.rulebook, case, area, decision, held, reasons)
            head = (area.id, area.title, decision.grade, decision.status, text, decision.chosen)
            if len(memo) < DECISIONS_KEPT and fixed_reason(area, decision, held):
                memo[key] = head
        return head

    def grades(self, case: Case) -> dict[str, Grade]:
        """The grade the engine gives each area of ``case`` (the case checked, every firing checked against
        the reference evaluator, as :meth:`judge` does, without the reasons and traces)."""
        decisions = self.run(case, self.fact(case))[0]
        return {area.id: d.grade for area, d in zip(self.rulebook.areas, decisions, strict=True)}

    def run(self, case: Case, values: Values, steady: Steady | None = None) -> Ran:
        """Every area's decision for a case's flat fact, level by level (see :func:`judgement.judging.run.run`):
        the decisions, the fact with every grade in it, and each level's outcomes of the reference
        evaluator. With ``steady`` (from :meth:`steady`, for the same case), only the areas that can move
        are fired and decided again."""
        return run(self.plan, self.decider, case, values, steady)

    def run_to(
        self, case: Case, values: Values, area: str, reruns: Reruns, fresh: Collection[str]
    ) -> list[Decision | None]:
        """The decisions of ``area`` and every area of its level and the levels below it (None for the
        others) for ``values``, the fact ``reruns.base`` with only the keys ``fresh`` written anew, as
        :meth:`run` gives them: the rulesets of the levels above it are not given the fact, since no area
        reads the grade of one above it (see :func:`judgement.judging.run.run_to`)."""
        depth = self.plan.areas[self.plan.index_of[area]].level + 1
        return run_to(self.plan, self.decider, case, values, depth, reruns, fresh)

    def reruns(self, case: Case, values: Values, decisions: Sequence[Decision] | None = None) -> Reruns:
        """What runs of ``case``, whose flat fact is ``values``, share for :meth:`run_to`, with every area's
        decision for the case through the engine (``decisions``, from this judge's judgement of it, or
        judged here, every firing checked)."""
        if decisions is None:
            decisions = self.run(case, values)[0]
        return Reruns({**values, **self.plan.signs(values)}, decisions)  # the fact with its exact signs in it

    def steady(self, case: Case, base: Values, varied: Collection[str]) -> Steady:
        """What stays fixed while only the measures ``varied`` change from ``base`` (many runs of one case,
        as a simulation makes): see :func:`judgement.judging.steady.prepare`. ``base`` is judged once
        through the engine, checked in full."""
        decisions, settled, _ = self.run(case, base)
        from judgement.judging.steady import prepare  # noqa: PLC0415 - only a simulation asks

        return prepare(self.plan, case, decisions, settled, varied)

    # -------------------------------------------------------------------------------- searching, tracing

    def trials(
        self, values: Values, evidence: Collection[str], day: dt.date, decisions: Sequence[Decision] | None = None
    ) -> Trials:
        """Grades by the reference evaluator for trials that change a few of a case's values (its flat
        fact ``values``, the measures it gives ``evidence``, its day, and every area's decision for it by
        this judge, when known): see :mod:`judgement.judging.trials`."""
        return self.searcher.trials(values, evidence, day, decisions)

    def grade_with(
        self, area: Area, values: Mapping[str, float | int | Fraction], evidence: Collection[str], day: dt.date
    ) -> Grade:
        """The grade the reference evaluator gives ``area`` for a flat fact of evidence (``evidence``: the
        measures the case gives), judging first the areas whose grades it reads (the engine is not run;
        used to search for counterfactuals, each of which is then re-judged through the engine)."""
        return self.trials(values, evidence, day).grade(area, ())[0]


# ------------------------------------------------------------------------------------- judges by rulebook

_JUDGES: OrderedDict[Rulebook, Judge] = OrderedDict()
_JUDGES_LOCK = threading.Lock()


def judge_for(rulebook: Rulebook) -> Judge:
    """A judge for ``rulebook``: one of the :data:`MAX_CACHED_JUDGES` most recently used, or a new one.
    Equal rulebooks (the same files loaded twice) share a judge."""
    with _JUDGES_LOCK:
        found = _JUDGES.get(rulebook)
        if found is not None:
            _JUDGES.move_to_end(rulebook)
            return found
    made = Judge(rulebook)
    with _JUDGES_LOCK:
        found = _JUDGES.setdefault(rulebook, made)
        while len(_JUDGES) > MAX_CACHED_JUDGES:
            _JUDGES.popitem(last=False)
    return found


def clear_judges() -> None:
    """Forget the judges kept for recently used rulebooks (and what each learnt)."""
    with _JUDGES_LOCK:
        _JUDGES.clear()


def judge(rulebook: Rulebook, case: Case) -> Judgement:
    """Judge every area of ``case`` under ``rulebook`` (with :func:`judge_for`'s judge)."""
    return judge_for(rulebook).judge(case)
