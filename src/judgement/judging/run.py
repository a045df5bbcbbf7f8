"""One case judged through the engine: the state of a single run, level by level.

:func:`run` gives the engine a case's fact; after the engine fires the rules of a level, :class:`CaseRun`
checks every firing against the reference evaluator, applies the hit policies to give those areas their
decisions, and adds their grades to the fact the next level's rules fire on. A run is made afresh for
each case from a :class:`~judgement.judging.plan.Plan` prepared once, so nothing about one case outlives
it (as a query's evaluation is made afresh from a query compiled once).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, overload

from judgement.engine.compile import DAY
from judgement.engine.durable import Engine, Recall
from judgement.judging.deciding import DECISIONS_KEPT, Decider
from judgement.judging.plan import Firing, Plan, Values, engine_number
from judgement.judging.policy import Decision, combine
from judgement.model import Case

if TYPE_CHECKING:
    from judgement.judging.steady import Steady

__all__ = ["MAX_DRAWS", "TEXTS_KEPT", "CaseRun", "Ran", "Reruns", "Unchanging", "run", "run_to"]

#: The most runs of one case a simulation makes (its draws, each a run of :func:`run` with a
#: :class:`~judgement.judging.steady.Steady`); kept here, where a command can state the limit without
#: importing the simulation.
MAX_DRAWS = 1_000_000
#: At most this many sets of changing keys' unchanging texts kept by one :class:`Reruns` (cleared when full).
TEXTS_KEPT = 256


class Unchanging(Sequence[str]):
    """The text of a fact's fields other than some that change, for each ruleset of an engine: each
    written when first asked for (a changed case's run gives the fact only to the rulesets it reaches)."""

    __slots__ = ("_changing", "_pieces", "_texts")

    def __init__(self, pieces: Sequence[Sequence[tuple[str, str]]], changing: frozenset[str]) -> None:
        self._pieces, self._changing = pieces, changing
        self._texts: list[str | None] = [None] * len(pieces)

    def __len__(self) -> int:
        return len(self._pieces)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        found = self._texts[index]
        if found is None:
            changing = self._changing
            found = self._texts[index] = "".join([text for key, text in self._pieces[index] if key not in changing])
        return found


class Reruns:
    """What runs of one case that differ from it in a few values share (the changes a search proposes,
    each judged through the engine): the case's fact with its exact signs in it (``base``), every area's
    decision for the case itself (``decisions``), and for each engine they are given to, the text of the
    fields that do not change written once for each of its rulesets, by the keys that do, and what each
    ruleset fired by the exact text of the fact it was given (see
    :meth:`~judgement.engine.durable.Engine.run`)."""

    __slots__ = ("_pieces", "base", "decisions", "fired", "texts")

    def __init__(self, base: Values, decisions: Sequence[Decision]) -> None:
        self.base = base
        #: Every area's decision for the case itself, through the engine.
        self.decisions = decisions
        self.fired: dict[Engine, Recall] = {}
        self.texts: dict[tuple[Engine, frozenset[str]], Unchanging] = {}
        self._pieces: dict[Engine, tuple[tuple[tuple[str, str], ...], ...]] = {}

    def unchanging(self, engine: Engine, plan: Plan, case: Case, changing: frozenset[str]) -> Unchanging:
        """The text of the fields of ``base`` other than ``changing``, for each of ``engine``'s rulesets."""
        found = self.texts.get((engine, changing))
        if found is None:
            pieces = self._pieces.get(engine)
            if pieces is None:  # each field's text, written once for the case
                fields = {k: engine_number(v) for k, v in self.base.items()}
                if plan.dated:
                    fields[DAY] = case.inspected.toordinal()
                pieces = self._pieces[engine] = engine.field_texts(fields)
            if len(self.texts) >= TEXTS_KEPT:
                self.texts.clear()
            found = self.texts[engine, changing] = Unchanging(pieces, changing)
        return found

    def recall(self, engine: Engine) -> Recall:
        """What ``engine``'s rulesets fired for this case's runs, by the text of each fact."""
        found = self.fired.get(engine)
        if found is None:
            found = self.fired[engine] = {}
        return found


#: What a run gives: every area's decision, the fact with every grade in it, and each level's outcomes of
#: the reference evaluator (:attr:`~judgement.judging.plan.AreaPlan.positions` says where each rule's is).
Ran = tuple[tuple[Decision, ...], dict[str, float | int | Fraction], tuple[tuple[bool | None, ...], ...]]


def run(plan: Plan, decider: Decider, case: Case, values: Values, steady: Steady | None = None) -> Ran:
    """Every area's decision for a case's flat fact ``values``, through the engine, every firing checked.

    With ``steady`` (from :func:`judgement.judging.steady.prepare`, for the same case), an area whose
    inputs did not change keeps the decision the engine gave it then, and the engine fires the rules of
    the other areas alone, each firing checked as always; the outcomes returned are then those of those
    areas' rules."""
    state = CaseRun(plan, decider, case, values, steady)
    settle = state.settle if len(plan.levels) > 1 else None
    firing = state.firing
    if steady is None:
        fact = state.values
        if plan.dated:
            fact[DAY] = case.inspected.toordinal()
        if any(fact.get(k).__class__ is Fraction for k in plan.exact):  # an exact fraction as its double
            fact = {**fact, **{k: engine_number(v) for k, v in fact.items() if v.__class__ is Fraction}}
        names = firing.engine.run(fact, settle)  # type: ignore[arg-type]
    else:  # only what moves is written afresh; the rest of the fact is the text written once
        moving: dict[str, float | int] = {k: engine_number(state.values[k]) for k in steady.fields if k in state.values}
        moving.update((name, state.signs[name]) for name, _ in steady.live if name in state.signs)
        names = firing.engine.run(moving, settle, steady.text)
    _settle_top(state, names, len(plan.levels) - 1)
    return state.result()


def run_to(
    plan: Plan, decider: Decider, case: Case, values: Values, depth: int, reruns: Reruns, fresh: Collection[str]
) -> list[Decision | None]:
    """The decisions of the areas of the first ``depth`` levels (None for the others) of a case whose
    fact ``values`` is ``reruns.base`` with only the keys ``fresh`` written anew, as :func:`run` gives
    them (every firing checked): the areas of a level read only the grades of the levels below it, so
    the rulesets of the levels above are not given the fact. An area that reads none of ``fresh``, nor
    the grade of an area whose grade moved, keeps the decision the engine gave the case itself
    (``reruns.decisions``): its rules would be given the fact they were given then. Only the rulesets
    holding the other areas' rules are given the fact, and only those areas' firings are checked, area
    by area. Only the signs that read ``fresh`` are worked out again, and only those keys and signs, and
    the grades, are written into the engine's fact afresh; the rest of it is the text of
    ``reruns.base`` written once. Once a plan has verified many changes, the engine holds each area's
    rules in rulesets of their own (:meth:`Plan.verifier`), so a ruleset that reads nothing the change
    reaches is given the fact it was given before, and answered with what it fired then."""
    firing = plan.verifier()
    facts = dict(values)
    again = plan.reading(fresh)  # the signs that read what was written anew, worked out again
    for name, _ in again:
        facts.pop(name, None)
    facts.update(plan.signs(facts, again))
    if plan.dated:  # the reference reads the day from the fact, as the engine does
        facts[DAY] = case.inspected.toordinal()
    changing = frozenset((*fresh, *(name for name, _ in again)))
    moving = {k: engine_number(v) for k in changing if (v := facts.get(k)) is not None}
    engine, areas, base, day = firing.engine, plan.areas, reruns.decisions, case.inspected
    text = reruns.unchanging(engine, plan, case, changing)
    recall = reruns.recall(engine)
    present = case.evidence.keys()
    reached = set(fresh)  # the keys that changed: those written anew, then the grades that moved
    decisions = list(base)
    for level in range(depth):
        wanted = {i for i in plan.levels[level] if not reached.isdisjoint(areas[i].search_inputs)}
        held = dict.fromkeys(part for i in wanted if not areas[i].split for part in firing.parts[i])
        masks: dict[int, int] = {}
        for name in engine.fire(tuple(held), moving, text, recall) if held else ():
            at, bit = firing.slot_bit[name]
            masks[at] = masks.get(at, 0) | bit
        for index in plan.levels[level]:  # in order: an area split into aspects after its aspects
            area = areas[index]
            if area.split:
                if any(decisions[plan.index_of[a]] is not base[plan.index_of[a]] for a in area.area.aspects):
                    decisions[index] = combine(area.area, [(a, decisions[plan.index_of[a]]) for a in area.area.aspects])
            elif index in wanted:
                missing = area.lacking(present, facts)
                mask = masks.get(area.slot, 0)
                if area.fired(facts, missing, day, plan.sign_names) != mask:
                    raise plan.disagree(index, mask, firing.outcomes[level](facts), facts, case)
                decisions[index] = decider.known(index, mask, missing) or decider.decide(index, mask, missing)
            decision = decisions[index]
            if decision.grade != base[index].grade:
                reached.add(area.grade_key)
            if decision.grade.rank >= 0:  # judged: the grade joins the fact
                facts[area.grade_key] = moving[area.grade_key] = decision.grade.rank
        if level + 1 < depth:  # the signs that read the grades of this level, for the next
            graded = plan.signs(facts, plan.graded_signs)
            facts.update(graded)
            moving.update(graded)
    return [d if areas[i].level < depth else None for i, d in enumerate(decisions)]


def _settle_top(state: CaseRun, names: Sequence[str], top: int) -> None:
    """Settle the last level fired, from what the engine fired in every level."""
    if top:
        level_of, rule_of = state.plan.areas, state.firing.rule_of
        names = [n for n in names if level_of[rule_of[n][0]].level == top]
    state.settle(top, names)


class CaseRun:
    """The state of one case's run: its fact as it grows, every area's decision, each level's outcomes."""

    __slots__ = ("case", "decider", "decisions", "firing", "outcomes", "plan", "signs", "steady", "values")

    def __init__(self, plan: Plan, decider: Decider, case: Case, values: Values, steady: Steady | None) -> None:
        self.plan, self.decider, self.case, self.steady = plan, decider, case, steady
        self.firing: Firing = plan.whole if steady is None else steady.firing
        self.values = dict(values)
        # the exact signs the engine reads, read by the reference too
        self.signs = plan.signs(self.values) if steady is None else steady.signs(plan, self.values)
        self.values.update(self.signs)
        self.decisions: list[Decision | None] = [None] * len(plan.areas)
        self.outcomes: list[tuple[bool | None, ...]] = []

    def result(self) -> Ran:
        every = tuple(d for d in self.decisions if d is not None)
        assert len(every) == len(self.decisions)
        return every, self.values, tuple(self.outcomes)

    def settle(self, level: int, names: Sequence[str]) -> dict[str, float | int]:
        """Settle one level: check what the engine fired (``names``) against the reference evaluator, give
        each of its areas its decision and its grade, keep the level's outcomes, and return the fields
        the next level's fact adds."""
        fired, unknown = self._check(level, names)
        added: dict[str, float | int] = {}
        last = level + 1 == len(self.plan.levels)
        if self.steady is None and not unknown and self.plan.plain[level]:
            self._settle_plain(level, fired, added if not last else None)
        else:
            self._settle_areas(level, fired, unknown, added)
        if not last:  # the signs that read the grades just settled, for the next level
            graded = self.plan.graded_signs
            pairs = graded if self.steady is None else [p for p in self.steady.live if p in graded]
            fresh = self.plan.signs(self.values, pairs)
            self.values.update(fresh)
            added.update(fresh)
        return added

    def _check(self, level: int, names: Sequence[str]) -> tuple[list[int], Mapping[int, tuple[int, ...]]]:
        """Each checked area's firings as a mask, checked against the reference evaluator's (raising at the
        first disagreement), and the places of the rules that could not be evaluated."""
        firing, values = self.firing, self.values
        fired = [0] * self.plan.checked[level]
        slot_bit = firing.slot_bit
        for name in names:
            at, bit = slot_bit[name]
            fired[at] |= bit
        vector = firing.outcomes[level](values)
        self.outcomes.append(vector)
        expected, unknown = firing.checks[level](vector, values.get, self.case.inspected.toordinal())
        if expected != fired:  # the first rule the engine and the reference evaluator disagree on
            at = next(k for k, (want, got) in enumerate(zip(expected, fired, strict=True)) if want != got)
            plan = self.plan
            index = next(i for i in plan.levels[level] if plan.areas[i].slot == at)
            whole = vector if self.steady is None else plan.whole.outcomes[level](values)
            raise plan.disagree(index, fired[at], whole, values, self.case)
        return fired, unknown

    def _settle_plain(self, level: int, fired: Sequence[int], added: dict[str, float | int] | None) -> None:
        """The common case: nothing kept from another run, every rule evaluated, no aspects; what an area
        lacks is the only thing to look up before its decision."""
        plan, decider, values, decisions = self.plan, self.decider, self.values, self.decisions
        present = self.case.evidence.keys()
        for index in plan.levels[level]:
            area = plan.areas[index]
            missing = area.lacking(present, values)
            mask = fired[area.slot]
            decision = decider.known(index, mask, missing) or decider.decide(index, mask, missing)
            decisions[index] = decision
            rank = decision.grade.rank
            if rank >= 0:
                values[area.grade_key] = rank
                if added is not None:
                    added[area.grade_key] = rank

    def _settle_areas(
        self, level: int, fired: Sequence[int], unknown: Mapping[int, tuple[int, ...]], added: dict[str, float | int]
    ) -> None:
        """The decision and grade of every area of a level, in general: areas kept from another run (with
        ``steady``), areas combined from their aspects, rules that could not be evaluated."""
        steady, values = self.steady, self.values
        for index in self.plan.levels[level]:
            kept = steady.areas[index] if steady is not None else None
            if kept is not None:  # its inputs are as before: it keeps the decision the engine gave it then
                decision = kept
            elif self.plan.areas[index].split:  # after its aspects, which come first in the level
                decision = self._combined(index)
            else:
                decision = self._decided(index, fired, unknown)
            self.decisions[index] = decision
            rank = decision.grade.rank
            if rank >= 0:  # judged: the grade joins the fact
                key = self.plan.areas[index].grade_key
                values[key] = rank
                if kept is None:  # a kept area's grade is in steady.text already
                    added[key] = rank

    def _combined(self, index: int) -> Decision:
        """The decision of an area split into aspects, from theirs."""
        area = self.plan.areas[index].area
        parts = [(a, self.decisions[self.plan.index_of[a]]) for a in area.aspects]
        return combine(area, [(a, d) for a, d in parts if d is not None])

    def _decided(self, index: int, fired: Sequence[int], unknown: Mapping[int, tuple[int, ...]]) -> Decision:
        """The decision of an area with rules of its own, marked partial when a rule that could not be
        evaluated would change it."""
        area, steady, decider = self.plan.areas[index], self.steady, self.decider
        missing = steady.missing[index] if steady is not None else area.lacking(self.case.evidence.keys(), self.values)
        mask = fired[area.slot]
        lacking = unknown.get(index) if unknown else None
        memo = steady.decided[index] if steady is not None else None
        found = memo.get((mask, lacking)) if memo is not None else None
        if found is not None:
            return found
        decision = decider.decide(index, mask, missing)
        if lacking:  # rules it could not evaluate: would any change the grade had it fired?
            decision = decider.partial(index, decision, mask, missing, lacking, self.values)
        if memo is not None and len(memo) < DECISIONS_KEPT:
            memo[mask, lacking] = decision
        return decision
