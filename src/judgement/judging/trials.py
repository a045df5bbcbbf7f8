"""Grades by the reference evaluator for trials that change a few of a case's values: what the search
for "what would change it" asks, many times over (:mod:`judgement.explaining.counterfactual`).

The engine is not run here; each change a search proposes is then judged again through the engine. An
area's decision depends only on the values its rules read, the evidence it requires and the day, so a
:class:`Searcher` (one per judge) remembers decisions by those, across cases and areas; :class:`Trials`
(one per case) judges every area once for the values as given and, for each trial, only the areas whose
inputs changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction
from typing import cast

from judgement.judging.deciding import Decider
from judgement.judging.plan import Plan, Values
from judgement.judging.policy import Decision, combine
from judgement.model import Area, Grade, Rulebook

__all__ = ["SEARCHED_KEPT", "SEARCH_GROUPS", "Searcher", "Trials"]

#: At most this many decisions kept per area and group of cases (a day and the evidence the area requires
#: given or not) for searches, and at most this many groups per area (each cleared when full).
SEARCHED_KEPT = 65_536
SEARCH_GROUPS = 64

Number = float | int | Fraction
Change = tuple[str, Number]


class Searcher:
    """A judge's decisions by the reference evaluator for searches, remembered by what decides them."""

    __slots__ = ("_searched", "decider", "order", "plan", "readers", "steps")

    def __init__(self, plan: Plan, decider: Decider) -> None:
        self.plan, self.decider = plan, decider
        self._searched: list[dict[tuple[object, ...], dict[tuple[object, ...], Decision]]] = [{} for _ in plan.areas]
        #: The areas in the order a trial decides them (an area after those it reads), each with its
        #: grade's key (a step), and the steps to take again after a key changes or an area is decided
        #: again (an area split into aspects is combined again from them whenever one is, whatever its grade).
        self.order = tuple(i for level in plan.levels for i in level)
        self.steps = tuple((i, plan.areas[i].grade_key) for i in self.order)
        readers: dict[str | int, list[int]] = {}
        for at, i in enumerate(self.order):
            area = plan.areas[i]
            reads = (plan.index_of[a] for a in area.area.aspects) if area.split else area.search_inputs
            for read in reads:
                readers.setdefault(read, []).append(at)
        self.readers = {key: tuple(steps) for key, steps in readers.items()}

    def trials(
        self, values: Values, evidence: Collection[str], day: dt.date, decisions: Sequence[Decision] | None = None
    ) -> Trials:
        """The trials of one case: its flat fact ``values``, the measures it gives, its day (and every
        area's decision for it through the engine, when known: the reference evaluator's are those)."""
        return Trials(self, values, evidence, day, decisions)

    def memo(self, index: int, day: dt.date, evidence: Collection[str]) -> dict[tuple[object, ...], Decision]:
        """Area ``index``'s decisions for cases of ``day`` that give the evidence it requires as ``evidence``
        does, by the values it reads (a trial's memo: fetched once per case, not per question)."""
        present = tuple(map(evidence.__contains__, self.plan.areas[index].area.requires))
        groups = self._searched[index]
        found = groups.get((day, present))
        if found is None:
            if len(groups) >= SEARCH_GROUPS:
                groups.clear()
            found = groups[(day, present)] = {}
        return found

    def settle(
        self,
        index: int,
        over: dict[str, Number | None],
        known: Values,
        trial: Trials,
        decided: Mapping[int, Decision],
        base: Mapping[int, Decision],
    ) -> Decision:
        """Area ``index``'s decision for the values ``known`` with ``over`` laid over them (None: absent),
        the areas it reads decided (in ``decided``, else ``base``), for the case of ``trial``; its grade
        is laid over too."""
        plan = self.plan.areas[index]
        if plan.split:
            below = []
            for aspect in plan.area.aspects:
                i = self.plan.index_of[aspect]
                found = decided.get(i)
                below.append((aspect, found if found is not None else base[i]))
            decision = combine(plan.area, below)
        else:
            get = known.get
            read = tuple([over[k] if k in over else get(k) for k in plan.search_keys])
            memo = trial.memos[index]
            decision = memo.get(read)  # type: ignore[assignment]
            if decision is None:
                decision = self._decide(index, known, over, trial.evidence, trial.day)
                if len(memo) >= SEARCHED_KEPT:
                    memo.clear()
                memo[read] = decision
        over[plan.grade_key] = decision.grade.rank if decision.grade.judged else None
        return decision

    def _decide(
        self,
        index: int,
        known: Values,
        over: Mapping[str, Number | None],
        evidence: Collection[str],
        day: dt.date,
    ) -> Decision:
        merged = {**known, **over}  # known holds no None: only what is laid over may be absent
        for key, value in over.items():
            if value is None:
                del merged[key]
        values = cast(dict[str, Number], merged)
        plan = self.plan.areas[index]
        missing = plan.missing(evidence, values)
        return self.decider.decide(index, plan.fired(values, missing, day), missing)


class Trials:
    """Every area's grade by the reference evaluator for many trials that each change a few of a case's
    values (the counterfactual searches of its areas): every area judged once for the values as given,
    then for each trial only the areas whose inputs changed (the others keep their decision). A trial
    asked again, by another area's search, is answered from what the first found."""

    __slots__ = (
        "_alone",
        "base",
        "day",
        "evidence",
        "known",
        "memos",
        "order",
        "readers",
        "searcher",
        "steps",
        "tried",
    )

    #: At most this many trials' outcomes are kept (cleared when full).
    KEPT = 65_536

    def __init__(
        self,
        searcher: Searcher,
        values: Values,
        evidence: Collection[str],
        day: dt.date,
        decisions: Sequence[Decision] | None = None,
    ) -> None:
        self.searcher, self.evidence, self.day = searcher, evidence, day
        self.order, self.steps, self.readers = searcher.order, searcher.steps, searcher.readers
        self.memos = [searcher.memo(i, day, evidence) for i in range(len(searcher.plan.areas))]
        self.known = dict(values)
        self.base: dict[int, Decision] = {}
        grades: dict[str, Number | None] = {}
        if decisions is None:
            for index in self.order:
                self.base[index] = searcher.settle(index, grades, self.known, self, self.base, self.base)
        else:  # every area's decision for the values as given, by the engine (the same grades, checked)
            for index, grade_key in self.steps:
                decision = self.base[index] = decisions[index]
                grades[grade_key] = decision.grade.rank if decision.grade.judged else None
        self.known.update((k, v) for k, v in grades.items() if v is not None)
        self._alone: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self.tried: dict[tuple[Change, ...], tuple[dict[int, Decision], frozenset[int]]] = {}

    @property
    def rulebook(self) -> Rulebook:
        """The rulebook the trials judge under."""
        return self.searcher.plan.rulebook

    def grade(self, area: Area, changes: Sequence[Change]) -> tuple[Grade, bool]:
        """``area``'s grade with ``changes`` (pairs of a measure and its new value, each measure once) made
        to the values, and whether the grade of any area it reads (or its own) moved."""
        decided, moved = self._try(changes if len(changes) < 2 else tuple(sorted(changes)))
        target = self.searcher.plan.index_of[area.id]
        decision = decided.get(target)
        grade = (decision if decision is not None else self.base[target]).grade
        return grade, bool(moved) and not moved.isdisjoint(self.searcher.plan.areas[target].needs)

    def _try(self, changes: Sequence[Change]) -> tuple[dict[int, Decision], frozenset[int]]:
        """The decisions of the areas a trial decides again (the others keep the base's), and those whose
        grade moved."""
        key = tuple(changes)
        found = self.tried.get(key)
        if found is not None:
            return found
        base, settle, known, steps, readers = self.base, self.searcher.settle, self.known, self.steps, self.readers
        over: dict[str, Number | None] = dict(changes)
        decided: dict[int, Decision] = {}
        moved = []
        # the steps that read a changed value, in order; an area whose grade moves adds those that read it,
        # and an aspect decided again the area it is part of (always later steps: an area is decided after
        # the areas it reads)
        pending = sorted({at for key in over for at in readers.get(key, ())})
        while pending:
            index, grade_key = steps[pending.pop(0)]
            now = decided[index] = settle(index, over, known, self, decided, base)
            before = base[index]
            after = readers.get(index, ())
            if now is not before and now.grade != before.grade:
                moved.append(index)
                after = (*after, *readers.get(grade_key, ()))
            if after:
                pending = sorted({*pending, *after})
        if len(self.tried) >= self.KEPT:
            self.tried.clear()
        found = self.tried[key] = (decided, frozenset(moved))
        return found

    def alone(self, area: Area, measure: str, others: Collection[str]) -> bool:
        """Whether every area ``area`` needs that reads ``measure`` reads none of ``others`` and no grade: a
        change to it that moves no grade then moves none in company either."""
        key = (area.id, measure, tuple(others))
        found = self._alone.get(key)
        if found is None:
            found = self._alone[key] = self._reads_alone(area, measure, others)
        return found

    def _reads_alone(self, area: Area, measure: str, others: Collection[str]) -> bool:
        plan = self.searcher.plan
        grades = {a.grade_key for a in plan.areas}
        for index in plan.areas[plan.index_of[area.id]].needs:
            read = plan.areas[index].search_inputs
            if measure in read and any(k != measure and (k in grades or k in others) for k in read):
                return False
        return True
