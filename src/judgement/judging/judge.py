"""Judging a case: check it, build its fact, run the engine, check every firing, apply the hit policies.

A :class:`Judge` owns everything prepared for one rulebook: the compiled rulesets registered with the
engine, what each rule reads, the compiled reference outcomes every firing is checked against, a memo
of policy decisions, and what each area's trace is made from. Every grade comes from rules that durable_rules
fired; if the reference evaluator ever disagrees with the engine the judgement fails with
:class:`~judgement.errors.EngineError` rather than return a doubtful grade.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from typing import NoReturn, cast

import attrs

from judgement._frozen import FrozenMap
from judgement.check.against import check_case
from judgement.engine.compile import DAY, CompiledRulebook, compile_rulebook, default_needs
from judgement.engine.durable import Engine, RulesetRefused, engine_for
from judgement.errors import EngineError, Problem
from judgement.judging.facts import Fact, case_fact, compile_fact, judged_fact
from judgement.judging.policy import Decision, combine, decide, default_fires, partial
from judgement.judging.reasons import fixed_reason, reason
from judgement.judging.results import AreaJudgement, Judgement
from judgement.judging.stats import wilson
from judgement.judging.trace import (
    AreaStatus,
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
from judgement.lang.ast import ATTRIBUTES
from judgement.lang.evaluate import (
    CompiledOutcome,
    Evaluation,
    TestResult,
    as_number,
    compile_condition,
    compile_outcomes,
    compile_sign,
    evaluate,
)
from judgement.lang.normal import AnyOf, Condition, field_name, sign_identity
from judgement.lang.normal import fields as fields_of
from judgement.lang.normal import tests as tests_of
from judgement.lang.printer import grade_text
from judgement.model import Area, Case, Evidence, Grade, Rule, Rulebook, Unit

__all__ = ["MAX_CACHED_JUDGES", "QUICK_AFTER", "Judge", "Trials", "clear_judges", "judge", "judge_for"]

#: Judges :func:`judge_for` keeps for the rulebooks most recently judged with.
MAX_CACHED_JUDGES = 8
_DECISION_MEMO = 4096
#: At most this many decisions kept per area for counterfactual searches (cleared when full).
_SEARCH_MEMO = 65_536
#: Cases a judge checks in full (:func:`check_case`, :func:`case_fact`) before it generates its quick
#: reader of a case's evidence (:func:`compile_fact`): generating the reader costs as much as checking
#: about a hundred cases in full, so judging one case, or a few, does without it.
QUICK_AFTER = 32
#: A reason's alternatives held, for an area whose rules' reasons read none (never written to).
_NOTHING_HELD: Mapping[str, tuple[int, ...]] = FrozenMap()


@attrs.frozen
class _RuleFacts:
    """What is fixed about one rule for judging and tracing."""

    rule: Rule
    outcome: CompiledOutcome | None  # compiled reference outcome; None for the default rule
    when: str
    at: str
    reads: tuple[tuple[str, str], ...]  # (fact key, text) of every value it reads
    #: The compiled outcome of each alternative (top-level ``or`` part) of the condition as written, when
    #: it has several.
    alternatives: tuple[CompiledOutcome, ...] = ()

    def triggered(self, values: Mapping[str, float | int | Fraction]) -> tuple[int, ...]:
        """Which alternatives hold (empty for a rule with one)."""
        return tuple(i for i, alternative in enumerate(self.alternatives) if alternative(values) is True)


class Judge:
    """A rulebook prepared for judging. Create one per rulebook and reuse it; it is safe to share
    between threads. :func:`judge` keeps a few for the rulebooks most recently used."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        #: The rulesets compiled for the engine, and the engine that runs them (for benchmarks and tools).
        self.compiled = compiled = compile_rulebook(rulebook)
        try:
            self.engine = engine_for(compiled)
        except RulesetRefused as refused:
            raise _located(refused, rulebook, compiled.rules.get(refused.rule or "")) from None
        self._fields = compiled.fields
        #: The generated reader of a case's evidence, once this judge has checked QUICK_AFTER cases in full.
        self._quick_fact: Callable[[Case], Fact | None] | None = None
        self._checked_in_full = 0
        #: The fields that may hold an exact fraction (counted measures' values).
        self._exact = tuple(m.id for m in rulebook.measures.values() if m.counted and m.id in compiled.fields)
        self._derived = tuple((name, compile_sign(test)) for name, test in compiled.derived)
        #: The signs that read a grade: known only once the level below is settled.
        self._graded_signs = tuple(
            pair
            for pair, (_, test) in zip(self._derived, compiled.derived, strict=True)
            if any(f.grade for f in test.reads)
        )
        #: What an area's rules fired is kept as a mask: bit j for its rule j (in file order).
        self._bit: tuple[dict[str, int], ...] = tuple(
            {r.id: 1 << j for j, r in enumerate(a.rules)} for a in rulebook.areas
        )
        self._rules: tuple[tuple[_RuleFacts, ...], ...] = tuple(
            tuple(_rule_facts(rule, area) for rule in area.rules) for area in rulebook.areas
        )
        self._reads = tuple(_area_reads(area, rulebook) for area in rulebook.areas)
        #: The fact keys each area's rules read.
        self._reads_keys = tuple(frozenset(k for f in facts for k, _ in f.reads) for facts in self._rules)
        self._decisions: list[dict[tuple[int, tuple[str, ...]], Decision]] = [{} for _ in rulebook.areas]
        #: The reference evaluator's decisions for counterfactual searches (see :meth:`grade_with`), by
        #: what decides them.
        self._searched: list[dict[tuple[object, ...], Decision]] = [{} for _ in rulebook.areas]
        #: Rules' full evaluations for traces, by the rule and the values it reads (see :meth:`_evaluation`).
        self._evaluated: dict[tuple[object, ...], Evaluation] = {}
        #: Decisions marked partial, by the decision and what it lacks.
        self._partials: list[dict[tuple[Decision, tuple[str, ...]], Decision]] = [{} for _ in rulebook.areas]
        areas = rulebook.areas
        self._index_of = index_of = {a.id: i for i, a in enumerate(areas)}
        #: Area indices by level (0: judged from evidence), each in file order.
        self._levels: tuple[tuple[int, ...], ...] = tuple(
            tuple(
                sorted((i for i, a in enumerate(areas) if a.level == level), key=lambda i: (bool(areas[i].aspects), i))
            )
            for level in range(1 + max((a.level for a in areas), default=0))
        )
        self._level_of = tuple(a.level for a in areas)
        # Every rule of a level, evaluated in one generated pass per case (compile_outcomes): the outcome of
        # rule j of area i is at _positions[i][j] (-1 for the default rule), and those of its alternatives
        # at _alternatives[i][j].
        self._sign_names = signs = {sign_identity(test): name for name, test in compiled.derived}
        plans, positions, alternatives = _plans(self._levels, areas, self._rules, signs)
        self._level_checks = tuple(_level_check(level, areas, self._rules, positions) for level in self._levels)
        # Per level, the areas its check covers (those with rules of their own), in the check's order: the
        # engine's firings are gathered by their place in it (an engine rule name -> (its area's place in
        # its level's check, its bit)).
        checked = tuple(tuple(i for i in level if not areas[i].aspects) for level in self._levels)
        self._slot = slot = {i: k for level in checked for k, i in enumerate(level)}
        self._checked = tuple(len(level) for level in checked)
        self._rule_of, self._slot_bit = self._engine_names(compiled)
        self._outcomes, self._positions = plans, positions
        # a rule's alternatives matter to its reason only when it has a reason per alternative or names
        # {triggers}
        self._alternatives = tuple(
            tuple(
                alts if f.rule.reasons or any(t.triggers for t in (f.rule.because, *f.rule.reasons)) else ()
                for f, alts in zip(self._rules[i], alternatives[i], strict=True)
            )
            for i in range(len(areas))
        )
        self._reads_alternatives = tuple(any(alts) for alts in self._alternatives)
        #: Per area, by decision (and the alternatives that held), what its judgement says when that
        #: depends on the decision alone (see :func:`fixed_reason`): its id, title, grade, status, reason and
        #: the rules chosen.
        self._heads: list[dict[tuple[Decision, tuple[tuple[str, tuple[int, ...]], ...]], _Head]] = [{} for _ in areas]
        self._reason_order = tuple(sorted(range(len(areas)), key=lambda i: bool(areas[i].aspects)))
        self._grade_keys = tuple(field_name(a.id, grade=True) for a in areas)
        required = tuple(frozenset(a.requires) if not a.reads_areas else None for a in areas)
        #: Per level, its areas as settling them reads them: (index, its place in the level's check (-1 for
        #: an area split into aspects), area, the evidence it requires when it reads no grades, the field of
        #: its grade).
        self._settle_order = tuple(
            tuple((i, slot.get(i, -1), areas[i], required[i], self._grade_keys[i]) for i in level)
            for level in self._levels
        )
        #: Levels without areas split into aspects.
        self._plain = tuple(len(order) == len(level) for order, level in zip(checked, self._levels, strict=True))
        #: For each area, the areas to judge to know its grade: those it reads (transitively), then itself.
        self._needs = _closures(areas, index_of)
        #: The fact keys an area's decision depends on: what its rules read and the grades it reads.
        self._search_keys = tuple(
            tuple(sorted(self._reads_keys[i] | {self._grade_keys[index_of[a]] for a in area.reads_areas}))
            for i, area in enumerate(areas)
        )
        #: Where each of those keys is in an area's list of them.
        self._search_at = tuple({k: p for p, k in enumerate(keys)} for keys in self._search_keys)
        #: Which areas are split into aspects (decided from their aspects' decisions).
        self._split = tuple(bool(a.aspects) for a in areas)
        self._search_sets = tuple(
            frozenset((*keys, *area.requires)) for keys, area in zip(self._search_keys, areas, strict=True)
        )
        self._dated = DAY in compiled.fields
        #: The words of each grade field (the ids on the area's scale, worst first).
        self._words = {
            key: tuple(g.id for g in rulebook.scale_of(a).grades)
            for key, a in zip(self._grade_keys, areas, strict=True)
        }
        self._words.update({m.id: m.levels for m in rulebook.measures.values() if m.levels})

    # ------------------------------------------------------------------------------------------ judging

    def judge(self, case: Case) -> Judgement:
        """Judge every area of ``case``. Raises :class:`~judgement.errors.CaseError` for a case that does
        not fit the rulebook, and :class:`~judgement.errors.EngineError` if the engine misbehaves."""
        rulebook = self.rulebook
        quick = self._quick_fact
        if quick is None:
            self._checked_in_full += 1
            if self._checked_in_full > QUICK_AFTER:  # judging many: the generated reader pays for itself
                quick = self._quick_fact = compile_fact(rulebook)
        fact = quick(case) if quick is not None else None
        if fact is None:  # a case that does not plainly fit: the full check says why, or passes it
            check_case(rulebook, case)
            fact = case_fact(rulebook, case)
        every, values, outcomes = self.run(case, fact)
        reasons: dict[str, str] = {}
        alternatives, levels, memos = self._reads_alternatives, self._level_of, self._heads
        heads: list[_Head | None] = [None] * len(every)
        for index in self._reason_order:  # an area split into aspects is told in its aspects' words
            decision = every[index]
            held: Mapping[str, tuple[int, ...]]
            if alternatives[index]:
                held = self._triggered(index, decision, outcomes[levels[index]])
                key = (decision, tuple(held.items()))
            else:
                held, key = _NOTHING_HELD, (decision, ())
            memo = memos[index]
            head = memo.get(key)
            if head is None:
                area = rulebook.areas[index]
                text = reason(rulebook, case, area, decision, held, reasons)
                head = (area.id, area.title, decision.grade, decision.status, text, decision.chosen)
                if len(memo) < _DECISION_MEMO and fixed_reason(area, decision, held):
                    memo[key] = head
            reasons[head[0]] = head[4]
            heads[index] = head
        source = _Traces(self, case, every, values)
        areas = {h[0]: AreaJudgement(h[0], h[1], h[2], h[3], h[4], h[5], source) for h in heads if h is not None}
        return Judgement(case, rulebook, FrozenMap.adopt(areas))

    def grades(self, case: Case) -> dict[str, Grade]:
        """The grade the engine gives each area of ``case`` (the case checked, every firing checked against
        the reference evaluator, as :meth:`judge` does, without the reasons and traces)."""
        fact = self._quick_fact(case) if self._quick_fact is not None else None
        if fact is None:
            check_case(self.rulebook, case)
            fact = case_fact(self.rulebook, case)
        decisions = self.run(case, fact)[0]
        return {area.id: d.grade for area, d in zip(self.rulebook.areas, decisions, strict=True)}

    def _triggered(self, index: int, decision: Decision, outcomes: Sequence[bool | None]) -> dict[str, tuple[int, ...]]:
        """For each chosen rule with alternatives its reason reads, the ones that hold."""
        return {
            facts.rule.id: tuple(k for k, at in enumerate(alts) if outcomes[at] is True)
            for facts, alts in zip(self._rules[index], self._alternatives[index], strict=True)
            if alts and facts.rule.id in decision.chosen
        }

    def steady(self, case: Case, base: Mapping[str, float | int | Fraction], varied: Collection[str]) -> Steady:
        """What stays fixed while only the measures ``varied`` change from ``base`` (many runs of one case,
        as a simulation makes): the decision of every area that reads none of them, nor the grade of an
        area that does, judged once through the engine and checked; the signs of the comparisons that read
        none of them; and the rules of the other areas, compiled and registered with the engine on their
        own, so each run fires only those."""
        decisions, settled, _ = self.run(case, base)  # checked in full, once; settled holds the grades too
        areas = self.rulebook.areas
        changed = set(varied)
        moving: set[int] = set()
        for level in self._levels:
            for index in level:
                area = areas[index]
                below = (*area.reads_areas, *area.aspects)
                if changed.intersection(self._reads[index]) or any(self._index_of[a] in moving for a in below):
                    moving.add(index)
        keys = {*varied, *(field_name(m, a) for m in varied for a in ATTRIBUTES)}
        keys |= {self._grade_keys[i] for i in moving}
        live = tuple(
            (name, sign)
            for (name, sign), (_, test) in zip(self._derived, self.compiled.derived, strict=True)
            if any(f.key in keys for f in test.reads)
        )
        fixed = {n: v for n, sign in self._derived if (n, sign) not in live and (v := sign(settled)) is not None}
        missing = [self._missing(i, case.evidence, settled) for i in range(len(decisions))]
        whole = self._engine_fact(settled, case.inspected)
        # the grades of the areas that keep their decision are written once too, for the rulesets that read them
        live_names = {name for name, _ in live}
        still = {k: v for k, v in whole.items() if k not in keys and k not in live_names}
        still.update(
            (self._grade_keys[i], d.grade.rank) for i, d in enumerate(decisions) if i not in moving and d.grade.judged
        )
        compiled = compile_rulebook(self.rulebook, {areas[i].id for i in moving}, self.compiled)
        try:
            engine = engine_for(compiled)
        except RulesetRefused as refused:
            raise _located(refused, self.rulebook, compiled.rules.get(refused.rule or "")) from None
        rule_of, slot_bit = self._engine_names(compiled)
        # the reference evaluates the rules of the areas that move; the others fire nothing
        kept = {i for i in range(len(areas)) if i not in moving and not areas[i].aspects}
        restricted = tuple(tuple(i for i in level if i in moving) for level in self._levels)
        volatile = {*(self._grade_keys[i] for i in moving), *live_names}
        # what every run lacks, as the base lacks it: the evidence the case does not give, and so on
        candidates = {*self._fields, *self._grade_keys, *(name for name, _ in self._derived)}
        absent = frozenset(k for k in candidates if k not in settled and k not in volatile)
        plans, positions, _ = _plans(restricted, areas, self._rules, self._sign_names, absent)
        return Steady(
            tuple(None if i in moving else decisions[i] for i in range(len(decisions))),
            fixed,
            live,
            tuple(missing),
            engine,
            engine.fixed_text(still),
            tuple(k for k in compiled.fields if k in keys),
            rule_of,
            slot_bit,
            plans,
            tuple(_level_check(level, areas, self._rules, positions, kept, absent) for level in self._levels),
            tuple(
                {} if i in moving and not area.aspects and not volatile.intersection(self._reads_keys[i]) else None
                for i, area in enumerate(areas)
            ),
        )

    def run(
        self, case: Case, values: Mapping[str, float | int | Fraction], steady: Steady | None = None
    ) -> tuple[tuple[Decision, ...], dict[str, float | int | Fraction], tuple[tuple[bool | None, ...], ...]]:
        """Every area's decision for a case's flat fact, level by level: the engine fires the rules of
        one level, every firing is checked against the reference evaluator, the hit policies give those
        areas their grades, and the grades join the fact the next level's rules fire on. Returns the
        decisions, the fact with every grade in it, and each level's outcomes of the reference evaluator
        (:meth:`_positions` says where each rule's is).

        With ``steady`` (from :meth:`steady`, for the same case), an area whose inputs did not change
        keeps the decision the engine gave it then, and the engine fires the rules of the other areas
        alone (``steady.engine``), each firing checked as always; the outcomes returned are then those of
        those areas' rules (``steady.outcomes``)."""
        values = dict(values)
        signs = self._signs(values, steady)  # the exact signs the engine reads, read by the reference too
        values.update(signs)
        day = case.inspected
        decisions: list[Decision | None] = [None] * len(self.rulebook.areas)
        outcomes: list[tuple[bool | None, ...]] = []

        def settle(level: int, names: Sequence[str]) -> dict[str, float | int]:
            return self._settle_level(level, names, case, values, decisions, outcomes, steady)

        if steady is None:
            if self._dated:
                values[DAY] = day.toordinal()
            # the fact as it is (each ruleset takes the fields it reads), an exact fraction as its double
            exact = any(values.get(k).__class__ is Fraction for k in self._exact)
            fact = {k: _engine_number(v) for k, v in values.items()} if exact else values
            names = self.engine.run(fact, settle if len(self._levels) > 1 else None)  # type: ignore[arg-type]
        else:  # only what moves is written afresh; the rest of the fact is the text written once
            moving: dict[str, float | int] = {
                k: float(v) if (v := values[k]).__class__ is Fraction else v  # type: ignore[misc]
                for k in steady.fields
                if k in values
            }
            moving.update((name, signs[name]) for name, _ in steady.live if name in signs)
            names = steady.engine.run(moving, settle if len(self._levels) > 1 else None, steady.text)
        top = len(self._levels) - 1
        rule_of = self._rule_of if steady is None else steady.rule_of
        top_names = [n for n in names if self._level_of[rule_of[n][0]] == top] if top else names
        settle(top, top_names)
        every = tuple(d for d in decisions if d is not None)
        assert len(every) == len(decisions)
        return every, values, tuple(outcomes)

    def _settle_level(
        self,
        level: int,
        names: Sequence[str],
        case: Case,
        values: dict[str, float | int | Fraction],
        decisions: list[Decision | None],
        outcomes: list[tuple[bool | None, ...]],
        steady: Steady | None,
    ) -> dict[str, float | int]:
        """Settle one level: check what the engine fired (``names``) against the reference evaluator, give
        each of its areas its decision (into ``decisions``) and its grade (into ``values``), keep the
        level's outcomes (into ``outcomes``), and return the fields the next level's fact adds."""
        present = case.evidence.keys()
        fired = [0] * self._checked[level]  # each checked area's firings, as a mask
        slot_bit = self._slot_bit if steady is None else steady.slot_bit
        for name in names:
            at, bit = slot_bit[name]
            fired[at] |= bit
        added: dict[str, float | int] = {}
        plan, check = (self._outcomes, self._level_checks) if steady is None else (steady.outcomes, steady.checks)
        vector = plan[level](values)
        outcomes.append(vector)
        expected, unknown = check[level](vector, values.get, case.inspected.toordinal())
        if expected != fired:  # the first rule the engine and the reference evaluator disagree on
            at = next(k for k, (want, got) in enumerate(zip(expected, fired, strict=True)) if want != got)
            index = next(i for i, k, *_ in self._settle_order[level] if k == at)
            self._disagree(index, fired[at], vector if steady is None else self._outcomes[level](values), values, case)
        last = level + 1 == len(self._levels)
        if steady is None and not unknown and self._plain[level]:
            # the common case: nothing kept from another run, every rule evaluated, no aspects; what an
            # area lacks is the only thing to look up before its decision
            memos = self._decisions
            for index, at, _area, needs, key in self._settle_order[level]:
                missing = () if needs is not None and present >= needs else self._missing(index, case.evidence, values)
                decision = memos[index].get((fired[at], missing)) or self._decide(index, fired[at], missing)
                decisions[index] = decision
                rank = decision.grade.rank
                if rank >= 0:
                    values[key] = rank
                    if not last:
                        added[key] = rank
        else:
            self._settle_areas(level, case, values, decisions, steady, fired, unknown, added)
        if not last:  # the signs that read the grades just settled, for the next level
            graded = self._graded_signs
            fresh = self._signs(values, pairs=graded if steady is None else [p for p in steady.live if p in graded])
            values.update(fresh)
            added.update(fresh)
        return added

    def _settle_areas(
        self,
        level: int,
        case: Case,
        values: dict[str, float | int | Fraction],
        decisions: list[Decision | None],
        steady: Steady | None,
        fired: Sequence[int],
        unknown: Mapping[int, tuple[int, ...]],
        added: dict[str, float | int],
    ) -> None:
        """The decision and grade of every area of a level, in general: areas kept from another run (with
        ``steady``), areas combined from their aspects, rules that could not be evaluated."""
        present = case.evidence.keys()
        kept_areas = steady.areas if steady is not None else None
        decide = self._decide
        for index, at, area, needs, key in self._settle_order[level]:
            kept = kept_areas[index] if kept_areas is not None else None
            if kept is not None:  # its inputs are as before: it keeps the decision the engine gave it then
                decision = kept
            elif area.aspects:  # after its aspects, which come first in the level
                parts = [(a, decisions[self._index_of[a]]) for a in area.aspects]
                decision = combine(area, [(a, d) for a, d in parts if d is not None])
            else:
                if steady is not None:
                    missing = steady.missing[index]
                elif needs is not None and present >= needs:
                    missing = ()
                else:
                    missing = self._missing(index, case.evidence, values)
                mask = fired[at]
                lacking = unknown.get(index) if unknown else None
                memo = steady.decided[index] if steady is not None else None
                found = memo.get((mask, lacking)) if memo is not None else None
                if found is None:
                    decision = decide(index, mask, missing)
                    if lacking:  # rules it could not evaluate: would any change the grade had it fired?
                        decision = self._partial(index, decision, mask, missing, lacking, values)
                    if memo is not None and len(memo) < _DECISION_MEMO:
                        memo[mask, lacking] = decision
                else:
                    decision = found
            decisions[index] = decision
            rank = decision.grade.rank
            if rank >= 0:  # judged: the grade joins the fact
                values[key] = rank
                if kept is None:  # a kept area's grade is in steady.text already
                    added[key] = rank

    def fired(self, values: Mapping[str, float | int | Fraction], day: dt.date | None = None) -> list[frozenset[str]]:
        """The ids of the rules the engine fires for a flat fact of evidence alone, per area (no checks:
        see :meth:`judge`; a rulebook with derived judgements needs :meth:`run`)."""
        names = self.engine.run(self._engine_fact(values, day))
        fired: list[set[str]] = [set() for _ in self.rulebook.areas]
        for name in names:
            index, rule_id = self._rule_of[name]
            fired[index].add(rule_id)
        return [frozenset(f) for f in fired]

    def _engine_fact(self, values: Mapping[str, float | int | Fraction], day: dt.date | None) -> dict[str, float | int]:
        """The fact the engine is given for a fact of evidence: the fields its rules read, each exact
        fraction as the nearest double, the exact signs of the comparisons it cannot compute, the day."""
        fact: dict[str, float | int | Fraction] = {k: values[k] for k in self._fields if k in values}
        for key in self._exact:  # a count out of a sample: the engine sees only that it is there
            value = fact.get(key)
            if value.__class__ is Fraction:
                fact[key] = float(value)
        engine_fact: dict[str, float | int] = fact  # type: ignore[assignment]
        if self._derived:
            engine_fact.update(self._signs(values))
        if day is not None and self._dated:
            engine_fact[DAY] = day.toordinal()
        return engine_fact

    def _signs(
        self,
        values: Mapping[str, float | int | Fraction],
        steady: Steady | None = None,
        pairs: Sequence[tuple[str, Callable[[Mapping[str, float | int | Fraction]], int | None]]] | None = None,
    ) -> dict[str, int]:
        """The exact signs of the comparisons the engine cannot compute, for the values known so far: every
        one, or with ``steady`` the fixed ones and the live ones computed, or those of ``pairs`` alone."""
        out = dict(steady.fixed) if steady is not None and pairs is None else {}
        if pairs is None:
            pairs = self._derived if steady is None else steady.live
        for name, derived in pairs:
            value = derived(values)
            if value is not None:
                out[name] = value
        return out

    def _engine_names(
        self, compiled: CompiledRulebook
    ) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, int]]]:
        """For a compile of this judge's rulebook (whole, or of some areas): each engine rule name ->
        (its area's index, its rule's id), and -> (its area's place in its level's check, its bit)."""
        rule_of = {name: (self._index_of[area], rule) for name, (area, rule) in compiled.rules.items()}
        return rule_of, {name: (self._slot[i], self._bit[i][rule]) for name, (i, rule) in rule_of.items()}

    def _rule_ids(self, index: int, mask: int) -> list[str]:
        """The ids of the rules of area ``index`` in ``mask``, in file order."""
        return [r.id for j, r in enumerate(self.rulebook.areas[index].rules) if mask >> j & 1]

    def _disagree(
        self,
        index: int,
        mask: int,
        outcomes: Sequence[bool | None],
        values: Mapping[str, float | int | Fraction],
        case: Case,
    ) -> NoReturn:
        """Raise for the first rule of area ``index`` on which the engine's firing and the reference
        evaluator's outcome disagree (found by the level's check)."""
        missing = self._missing(index, case.evidence, values)
        fired = self._rule_ids(index, mask)
        for facts, at in zip(self._rules[index], self._positions[index], strict=True):
            if not facts.rule.in_force(case.inspected):
                outcome: bool | None = False
            else:
                outcome = default_fires(missing) if at < 0 else outcomes[at]
            if (outcome is True) != (facts.rule.id in fired):
                raise _disagreement(facts.rule, case, facts.rule.id in fired)
        raise EngineError.of("engine.disagreement", f"engine and reference evaluator disagree on case {case.id}")

    def _partial(
        self,
        index: int,
        decision: Decision,
        fired: int,
        missing: tuple[str, ...],
        unknown: Sequence[int],
        values: Mapping[str, float | int | Fraction],
    ) -> Decision:
        """The decision, marked partial when a rule that could not be evaluated (``unknown``: their
        places in the area) would change the grade had it fired (so optional evidence that cannot matter
        is not reported)."""
        if not unknown or not decision.status.judged:
            return decision
        lacking: dict[str, None] = {}
        for j in unknown:
            facts = self._rules[index][j]
            if self._decide(index, fired | 1 << j, missing).grade != decision.grade:
                lacking.update(dict.fromkeys(text for key, text in facts.reads if key not in values))
        memo = self._partials[index]
        key = (decision, tuple(lacking))
        found = memo.get(key)
        if found is None:
            found = partial(decision, key[1])
            if len(memo) < _DECISION_MEMO:
                memo[key] = found
        return found

    def _missing(
        self, index: int, evidence: Collection[str], values: Mapping[str, float | int | Fraction]
    ) -> tuple[str, ...]:
        """What an area needs and lacks: its required evidence, and the grades of the areas it reads
        (``grade(area)`` for each that was not judged)."""
        area = self.rulebook.areas[index]
        lacking = tuple(m for m in area.requires if m not in evidence)
        if not area.reads_areas:
            return lacking
        return (
            *lacking,
            *(
                grade_text(a)
                for a in area.reads_areas
                if a not in area.optional_grades and field_name(a, grade=True) not in values
            ),
        )

    def grade_with(
        self, area: Area, values: Mapping[str, float | int | Fraction], evidence: Collection[str], day: dt.date
    ) -> Grade:
        """The grade the reference evaluator gives ``area`` for a flat fact of evidence (``evidence``: the
        measures the case gives), judging first the areas whose grades it reads (the engine is not run;
        used to search for counterfactuals, each of which is then re-judged through the engine)."""
        return Trials(self, values, evidence, day).grade(area, ())[0]

    def _settle_search(
        self,
        index: int,
        over: dict[str, float | int | Fraction | None],
        known: Mapping[str, float | int | Fraction],
        evidence: Collection[str],
        day: dt.date,
        decided: Mapping[int, Decision],
        base: Mapping[int, Decision],
    ) -> Decision:
        """Area ``index``'s decision by the reference evaluator for the values ``known`` with ``over`` laid
        over them (None: absent), the areas it reads decided (in ``decided``, else ``base``); its grade is
        laid over too."""
        area = self.rulebook.areas[index]
        if area.aspects:
            below = []
            for aspect in area.aspects:
                i = self._index_of[aspect]
                found = decided.get(i)
                below.append((aspect, found if found is not None else base[i]))
            decision = combine(area, below)
        else:
            # an area's decision depends only on the values its rules read, the evidence it requires and
            # the day: searches over many cases and areas ask the same questions again and again
            memo = self._searched[index]
            read = list(map(known.get, self._search_keys[index]))
            at = self._search_at[index]
            for name, value in over.items():
                place = at.get(name)
                if place is not None:
                    read[place] = value
            key = (day, tuple(read), tuple(map(evidence.__contains__, area.requires)))
            decision = memo.get(key)  # type: ignore[assignment]
            if decision is None:
                merged = {**known, **over}
                values = {k: v for k, v in merged.items() if v is not None}
                missing = self._missing(index, evidence, values)
                fired = sum(
                    1 << j for j, f in enumerate(self._rules[index]) if _outcome(f, values, missing, day) is True
                )
                decision = self._decide(index, fired, missing)
                if len(memo) >= _SEARCH_MEMO:
                    memo.clear()
                memo[key] = decision
        over[self._grade_keys[index]] = decision.grade.rank if decision.grade.judged else None
        return decision

    def _evaluation(self, facts: _RuleFacts, values: Mapping[str, float | int | Fraction]) -> Evaluation:
        """The reference evaluator's full evaluation of a rule for a trace, remembered by the values it
        reads: the judgements made from other areas' grades read the same few grades in case after case."""
        read = [values.get(k) for k, _ in facts.reads]
        key = (facts.rule.id, *read, *map(type, read))  # 50 and 50.0 are equal keys, written differently
        found = self._evaluated.get(key)
        if found is None:
            assert facts.rule.normal is not None
            found = evaluate(facts.rule.normal, values)
            if len(self._evaluated) >= _SEARCH_MEMO:
                self._evaluated.clear()
            self._evaluated[key] = found
        return found

    def _decide(self, index: int, fired: int, missing: tuple[str, ...]) -> Decision:
        """The hit policy's decision for area ``index`` given the mask of its rules that fired."""
        memo = self._decisions[index]
        key = (fired, missing)
        decision = memo.get(key)
        if decision is None:
            area = self.rulebook.areas[index]
            decision = decide(area, [r for j, r in enumerate(area.rules) if fired >> j & 1], missing)
            if len(memo) < _DECISION_MEMO:
                memo[key] = decision
        return decision

    # ------------------------------------------------------------------------------------------ tracing

    def traces(
        self,
        case: Case,
        decisions: tuple[Decision, ...],
        values: Mapping[str, float | int | Fraction] | None = None,
    ) -> tuple[AreaTrace, ...]:
        """Every area's trace for ``case``, given every area's decision (and the fact they were decided on,
        with every grade in it, when the caller has it). Each is made from the case's fact by the reference
        evaluator when its parts are first read; they share the fact and the evidence."""
        if values is None:
            grades = {a.id: d.grade for a, d in zip(self.rulebook.areas, decisions, strict=True)}
            values = judged_fact(self.rulebook, case, grades)
        shared: dict[tuple[str, bool], EvidenceUse] = {}
        build = self._build_trace
        return tuple(
            AreaTrace.later(functools.partial(build, case, i, decisions, values, shared)) for i in range(len(decisions))
        )

    def _build_trace(
        self,
        case: Case,
        index: int,
        decisions: tuple[Decision, ...],
        values: Mapping[str, float | int | Fraction],
        shared: dict[tuple[str, bool], EvidenceUse],
    ) -> TraceParts:
        """Everything behind one area's grade, from the full reference evaluation of each rule."""
        rulebook = self.rulebook
        decision = decisions[index]
        area = rulebook.areas[index]
        missing = self._missing(index, case.evidence, values)
        fired = set(decision.fired)
        evidence = []
        for mid in self._reads[index]:
            use = shared.get((mid, mid in area.requires))
            if use is None:
                use = shared[(mid, mid in area.requires)] = _evidence_use(
                    rulebook, case.evidence.get(mid), mid, mid in area.requires
                )
            evidence.append(use)
        steps = []
        for facts in self._rules[index]:
            rule = facts.rule
            in_force = rule.in_force(case.inspected)
            evaluation = self._evaluation(facts, values) if rule.normal is not None else None
            if not in_force:
                expected = False
            elif evaluation is not None:
                expected = evaluation.outcome is True
            else:
                expected = default_fires(missing)
            if expected != (rule.id in fired):
                raise _disagreement(rule, case, rule.id in fired)
            steps.append(
                _rule_step(facts, evaluation, rule.id in fired, decision, missing, values, self._words, in_force)
            )
        policy = PolicyStep(
            decision.policy, decision.fired, decision.chosen, decision.grade, decision.status, decision.note
        )
        borderline = _borderline(rulebook, case, steps) if not missing else ()
        grades = tuple(
            GradeUse(other.id, other.title, decisions[i].grade, decisions[i].status)
            for other, i in ((rulebook.area(a), self._index_of[a]) for a in (*area.reads_areas, *area.aspects))
        )
        return tuple(evidence), tuple(steps), policy, borderline, grades


class Trials:
    """Every area's grade by the reference evaluator for many trials that each change a few of a case's
    values (the counterfactual searches of its areas): every area judged once for the values as given,
    then for each trial only the areas whose inputs changed (the others keep their decision). A trial
    asked again, by another area's search, is answered from what the first found."""

    __slots__ = ("_alone", "base", "day", "evidence", "judge", "known", "order", "tried")

    #: At most this many trials' outcomes are kept (cleared when full).
    KEPT = 65_536

    def __init__(
        self, judge: Judge, values: Mapping[str, float | int | Fraction], evidence: Collection[str], day: dt.date
    ) -> None:
        self.judge, self.evidence, self.day = judge, evidence, day
        self.order = tuple(i for level in judge._levels for i in level)  # the areas an area reads come first
        self.known = dict(values)
        self.base: dict[int, Decision] = {}
        grades: dict[str, float | int | Fraction | None] = {}
        for index in self.order:
            self.base[index] = judge._settle_search(index, grades, self.known, evidence, day, self.base, self.base)
        self.known.update((k, v) for k, v in grades.items() if v is not None)
        self._alone: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        self.tried: dict[
            tuple[tuple[str, float | int | Fraction], ...], tuple[dict[int, Decision], frozenset[int]]
        ] = {}

    def grade(self, area: Area, changes: Sequence[tuple[str, float | int | Fraction]]) -> tuple[Grade, bool]:
        """``area``'s grade with ``changes`` (pairs of a measure and its new value, each measure once) made
        to the values, and whether the grade of any area it reads (or its own) moved."""
        decided, moved = self._try(changes if len(changes) < 2 else tuple(sorted(changes)))
        target = self.judge._index_of[area.id]
        decision = decided.get(target)
        grade = (decision if decision is not None else self.base[target]).grade
        return grade, bool(moved) and not moved.isdisjoint(self.judge._needs[target])

    def _try(self, changes: Sequence[tuple[str, float | int | Fraction]]) -> tuple[dict[int, Decision], frozenset[int]]:
        """The decisions of the areas a trial decides again (the others keep the base's), and those whose
        grade moved."""
        key = tuple(changes)
        found = self.tried.get(key)
        if found is not None:
            return found
        judge, base, settle = self.judge, self.base, self.judge._settle_search
        inputs, aspects, keys = judge._search_sets, judge._split, judge._grade_keys
        known, evidence, day = self.known, self.evidence, self.day
        over: dict[str, float | int | Fraction | None] = dict(changes)
        changed = set(over)
        decided: dict[int, Decision] = {}
        moved = []
        for index in self.order:
            if aspects[index] or not inputs[index].isdisjoint(changed):
                now = decided[index] = settle(index, over, known, evidence, day, decided, base)
                before = base[index]
                if now is not before and now.grade != before.grade:
                    changed.add(keys[index])
                    moved.append(index)
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
        judge = self.judge
        grades = set(judge._grade_keys)
        for index in judge._needs[judge._index_of[area.id]]:
            read = judge._search_sets[index]
            if measure in read and any(k != measure and (k in grades or k in others) for k in read):
                return False
        return True


class _Traces:
    """One judgement's traces: made when the first is read, then kept with it (a private helper, never
    compared)."""

    __slots__ = ("case", "decisions", "judge", "made", "values")

    def __init__(
        self,
        judge: Judge,
        case: Case,
        decisions: tuple[Decision, ...],
        values: Mapping[str, float | int | Fraction],
    ) -> None:
        self.judge, self.case, self.decisions, self.values = judge, case, decisions, values
        self.made: tuple[AreaTrace, ...] | None = None

    def trace(self, area: str) -> AreaTrace:
        made = self.made
        if made is None:  # two threads may both make them: the same traces, and one is kept
            made = self.made = self.judge.traces(self.case, self.decisions, self.values)
        return made[self.judge._index_of[area]]


def _outcome(
    facts: _RuleFacts, values: Mapping[str, float | int | Fraction], missing: tuple[str, ...], day: dt.date
) -> bool | None:
    """The reference evaluator's outcome for a rule: True when it fires (in force, and its condition known
    to hold; the default rule, when the area's required evidence is present), None when its condition
    cannot be evaluated for want of evidence, False otherwise."""
    if not facts.rule.in_force(day):
        return False
    if facts.outcome is None:
        return default_fires(missing)
    return facts.outcome(values)


def _located(refused: RulesetRefused, rulebook: Rulebook, rule: tuple[str, str] | None) -> EngineError:
    """A refusal by the engine, at the rule it refused (when it refused one rule alone)."""
    if rule is None:
        return refused
    written = rulebook.area(rule[0]).rules
    found = next(r for r in written if r.id == rule[1])
    return EngineError(
        Problem(
            f"the engine refused rule {found.id}: {refused.reason}",
            found.location,
            hint="this is a limit of the engine judgement did not foresee; please report it with the rule",
            code="engine.failure",
        )
    )


def _disagreement(rule: Rule, case: Case, fired: bool) -> EngineError:
    return EngineError.of(
        "engine.disagreement",
        f"engine and reference evaluator disagree on rule {rule.id} for case {case.id} "
        f"(engine {'fired' if fired else 'did not fire'}); please report this",
    )


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


# --------------------------------------------------------------------------------------- trace helpers


#: A level's check of the engine's firings: (outcomes, values.get, inspection day number) -> (for each area it
#: checks, the mask of the rules the reference evaluator says fire; per area the places of the rules that
#: could not be evaluated).
LevelCheck = Callable[
    [Sequence[bool | None], Callable[[str], object], int],
    tuple[list[int], dict[int, tuple[int, ...]]],
]


def _level_check(
    level: Sequence[int],
    areas: Sequence[Area],
    rules: Sequence[Sequence[_RuleFacts]],
    positions: Sequence[Sequence[int]],
    kept: Collection[int] = (),
    absent: Collection[str] = (),
) -> LevelCheck:
    """The check of one level's firings, generated as Python source once per rulebook: for each area with
    rules of its own, the mask of its rules the reference evaluator says fire (bit j: its rule j in force
    with a condition that holds; the default rule when everything it needs is given, as the engine's
    default rule tests), to compare with what the engine fired, and the rules whose condition could not
    be evaluated. Field names are validated names and dates are day numbers, so only names and numbers
    reach the source.

    With ``kept`` (for the runs of one case in which only some evidence changes, see :meth:`Judge.steady`),
    an area it names keeps its decision: its rules are neither run by the engine nor evaluated, and it
    is expected to fire nothing; and a default rule that needs a key in ``absent`` (which no fact it
    will see holds) is known not to fire."""
    lines = ["def check(o, get, day):", "    unknown = {}"]
    masks = []
    for i in level:
        area = areas[i]
        if area.aspects:
            continue
        if i in kept:
            lines.append(f"    m{i} = 0")
            masks.append(f"m{i}")
            continue
        bits, unknowns = [], []
        for j, (facts, at) in enumerate(zip(rules[i], positions[i], strict=True)):
            rule = facts.rule
            dates = []
            if rule.effective_from is not None:
                dates.append(f"{rule.effective_from.toordinal()} <= day")
            if rule.effective_to is not None:
                dates.append(f"day <= {rule.effective_to.toordinal()}")
            in_force = "".join(f" and {d}" for d in dates)
            if at < 0:  # o[-1]: every default rule of the level has what it needs
                needs = default_needs(area)
                if any(k in absent for k in needs):
                    bits.append("0")
                else:
                    present = " and ".join(f"get({k!r}) is not None" for k in needs) or "True"
                    bits.append(f"(((o[-1] or {present}){in_force}) << {j})")
            else:
                bits.append(f"((o[{at}] is True{in_force}) << {j})")
                unknowns.append((j, f"o[{at}] is None{in_force}"))
        lines.append(f"    m{i} = " + (" | ".join(bits) or "0"))
        if unknowns:
            lines.append(
                "    if " + " or ".join(f"o[{at}] is None" for at in (p for p in positions[i] if p >= 0)) + ":"
            )
            lines.append(
                f"        unknown[{i}] = tuple(j for j, x in ("
                + ", ".join(f"({j}, {test})" for j, test in unknowns)
                + ",) if x)"
            )
        masks.append(f"m{i}")
    lines.append(f"    return [{', '.join(masks)}], unknown")
    namespace: dict[str, object] = {}
    exec(compile("\n".join(lines) + "\n", "<judgement level check>", "exec"), namespace)  # names and numbers only
    made = namespace["check"]
    assert callable(made)
    return made


def _closures(areas: Sequence[Area], index_of: Mapping[str, int]) -> tuple[tuple[int, ...], ...]:
    """For each area, the areas to judge to know its grade: those it reads (transitively), then itself."""
    needs: list[tuple[int, ...]] = []
    for area in areas:
        closure: set[int] = set()
        stack = [index_of[area.id]]
        while stack:
            i = stack.pop()
            if i not in closure:
                closure.add(i)
                stack.extend(index_of[other] for other in (*areas[i].reads_areas, *areas[i].aspects))
        needs.append(tuple(sorted(closure, key=lambda i: (areas[i].level, bool(areas[i].aspects), i))))
    return tuple(needs)


def _plans(
    levels: Sequence[Sequence[int]],
    areas: Sequence[Area],
    rules: Sequence[Sequence[_RuleFacts]],
    signs: Mapping[tuple[object, ...], str],
    absent: Collection[str] = (),
) -> tuple[
    tuple[Callable[[Mapping[str, float | int | Fraction]], tuple[bool | None, ...]], ...],
    tuple[tuple[int, ...], ...],
    tuple[tuple[tuple[int, ...], ...], ...],
]:
    """Each level's one-pass evaluation of every rule it holds (reading the exact signs ``signs`` names
    from the fact), and where each rule's outcome, and each of its alternatives', is in the result. The
    last outcome of a level says whether everything its default rules need is given (see
    :func:`_level_check`). ``absent`` names fact keys no fact they will see holds (see
    :func:`compile_outcomes`)."""
    positions: list[tuple[int, ...]] = [() for _ in rules]
    alternatives: list[tuple[tuple[int, ...], ...]] = [() for _ in rules]
    plans = []
    for level in levels:
        conditions: list[Condition] = []
        needed: dict[str, None] = {}
        for i in level:
            if any(f.rule.default for f in rules[i]):
                needed.update(dict.fromkeys(default_needs(areas[i])))
            spots, alts = [], []
            for facts in rules[i]:
                normal = facts.rule.normal
                spots.append(len(conditions) if normal is not None else -1)
                if normal is not None:
                    conditions.append(normal)
                parts = normal.items if facts.alternatives and isinstance(normal, AnyOf) else ()
                alts.append(tuple(range(len(conditions), len(conditions) + len(parts))))
                conditions.extend(parts)
            positions[i], alternatives[i] = tuple(spots), tuple(alts)
        plans.append(compile_outcomes(conditions, signs, needed=tuple(needed), absent=absent))
    return tuple(plans), tuple(positions), tuple(alternatives)


def _rule_facts(rule: Rule, area: Area) -> _RuleFacts:
    outcome = compile_condition(rule.normal) if rule.normal is not None else None
    at = str(rule.location) if rule.location else ""
    if rule.normal is None:
        reads: tuple[tuple[str, str], ...] = (
            *((m, m) for m in area.requires),
            *((field_name(a, grade=True), grade_text(a)) for a in area.reads_areas if a not in area.optional_grades),
        )
    else:
        pairs: dict[str, str] = {}
        for test in tests_of(rule.normal):
            for f in (test.field, *fields_of(test.rhs)):
                pairs.setdefault(f.key, f.text)
        reads = tuple(pairs.items())
    alternatives: tuple[CompiledOutcome, ...] = ()
    if isinstance(rule.normal, AnyOf) and len(rule.alternatives) == len(rule.normal.items) > 1:
        alternatives = tuple(compile_condition(item) for item in rule.normal.items)
    return _RuleFacts(rule, outcome, rule.when, at, reads, alternatives)


#: What an area's judgement says: its id, title, grade, status, reason and the rules chosen.
_Head = tuple[str, str, Grade, AreaStatus, str, tuple[str, ...]]


@attrs.frozen
class Steady:
    """What :meth:`Judge.steady` found fixed over many runs of one case, and what each run needs."""

    #: Per area, its decision where it keeps it (None where it moves).
    areas: tuple[Decision | None, ...]
    #: The signs that cannot change, and the sign computations that can.
    fixed: Mapping[str, int]
    live: tuple[tuple[str, Callable[[Mapping[str, float | int | Fraction]], int | None]], ...]
    #: Each area's missing evidence (what a case gives does not change between runs).
    missing: tuple[tuple[str, ...], ...]
    #: The engine holding the rules of the areas that move, alone.
    engine: Engine
    #: The fact's fields that do not change, written once for each of its rulesets.
    text: tuple[str, ...]
    #: The case-fact fields that change.
    fields: tuple[str, ...]
    #: Its engine rule names -> (area index, rule id), and -> (the area's place in its level's check, its bit).
    rule_of: Mapping[str, tuple[int, str]]
    slot_bit: Mapping[str, tuple[int, int]]
    #: Per level, the reference outcomes of the rules of the areas that move (where :func:`_plans` puts
    #: them), and the check of the level's firings, which expects nothing of the other areas.
    outcomes: tuple[Callable[[Mapping[str, float | int | Fraction]], tuple[bool | None, ...]], ...]
    checks: tuple[LevelCheck, ...]
    #: Per area that moves, its decisions by what it fired and what could not be evaluated (None for an
    #: area whose decision may also depend on a value there in one run and not in another: the grade of
    #: an area that moves, or an exact sign that reads what changes).
    decided: tuple[dict[tuple[int, tuple[int, ...] | None], Decision] | None, ...]


def _engine_number(value: float | int | Fraction) -> float | int:
    # A count out of a sample may be an exact fraction: no comparison the engine makes itself reads it
    # (they are exact signs), so the engine sees only that it is there.
    return float(value) if type(value) is Fraction else cast("float | int", value)  # an ABC: isinstance is slow


def _area_reads(area: Area, rulebook: Rulebook) -> tuple[str, ...]:
    """The measures an area reads (required first, then as its rules and reasons name them)."""
    names: dict[str, None] = dict.fromkeys(area.requires)
    for rule in area.rules:
        if rule.normal is not None:
            for test in tests_of(rule.normal):
                for f in (test.field, *fields_of(test.rhs)):
                    if f.measure:
                        names[f.name] = None
        for part in rule.because.parts:
            if not isinstance(part, str) and part.name in rulebook.measures:
                names.setdefault(part.name, None)
    return tuple(names)


def _evidence_use(rulebook: Rulebook, item: Evidence | None, mid: str, required: bool) -> EvidenceUse:
    measure = rulebook.measures[mid]
    title, unit, better = measure.title, measure.unit.value, measure.better.value
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
    facts: _RuleFacts,
    evaluation: Evaluation | None,
    fired: bool,
    decision: Decision,
    missing: tuple[str, ...],
    values: Mapping[str, float | int | Fraction],
    words: Mapping[str, tuple[str, ...]],
    in_force: bool = True,
) -> RuleStep:
    rule = facts.rule
    chosen = rule.id in decision.chosen
    read = FrozenMap.adopt({text: _shown(values[key], words.get(key)) for key, text in facts.reads if key in values})
    if not in_force:
        comparisons = () if evaluation is None else tuple(_comparison(r, words) for r in evaluation.deciding)
        return RuleStep(
            rule.id,
            rule.grade,
            facts.when,
            RuleOutcome.NOT_IN_FORCE,
            False,
            read,
            comparisons,
            (),
            facts.at,
            rule.effective,
            rule.limit,
        )
    if evaluation is None:  # the default rule
        outcome = RuleOutcome.FIRED if fired else RuleOutcome.NOT_EVALUABLE
        return RuleStep(
            rule.id, rule.grade, facts.when, outcome, chosen, read, (), missing, facts.at, rule.effective, rule.limit
        )
    if fired:
        outcome = RuleOutcome.FIRED
    else:
        outcome = RuleOutcome.NOT_EVALUABLE if evaluation.outcome is None else RuleOutcome.NOT_FIRED
    gaps = tuple(dict.fromkeys(m for r in evaluation.deciding for m in r.missing))
    comparisons = tuple(_comparison(r, words) for r in evaluation.deciding)
    held = tuple(rule.alternatives[i] for i in facts.triggered(values)) if fired else ()
    return RuleStep(
        rule.id,
        rule.grade,
        facts.when,
        outcome,
        chosen,
        read,
        comparisons,
        gaps,
        facts.at,
        rule.effective,
        rule.limit,
        held,
    )


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
