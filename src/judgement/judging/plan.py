"""What a judge prepares once for a rulebook: a frozen record per area and per rule, each level's one-pass
evaluation of its rules and its check of what the engine fired, and what the engine's rule names stand
for.

A :class:`Plan` is data about the rulebook, never about a case: :mod:`judgement.judging.run` judges a
case with it, :mod:`judgement.judging.trials` searches with it and :mod:`judgement.judging.tracing`
explains with it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from fractions import Fraction

import attrs

from judgement._attrs import frozen
from judgement._codegen import enabled as codegen_enabled
from judgement._codegen import generate, tiered
from judgement._frozen import FrozenMap
from judgement.engine.compile import DAY, CompiledRulebook, compile_rulebook, default_needs
from judgement.engine.durable import Engine, RulesetRefused, engine_for
from judgement.errors import EngineError, Problem
from judgement.judging.policy import default_fires
from judgement.lang.evaluate import (
    CompiledOutcome,
    compile_condition,
    compile_outcomes,
    outcome_closure,
    shared_sign,
)
from judgement.lang.normal import AnyOf, Condition, field_name, sign_identity
from judgement.lang.normal import fields as fields_of
from judgement.lang.normal import tests as tests_of
from judgement.lang.printer import grade_text
from judgement.model import Area, Case, Rule, Rulebook

__all__ = [
    "APART_AFTER",
    "AreaPlan",
    "Firing",
    "LevelCheck",
    "Outcomes",
    "Plan",
    "RuleFacts",
    "Sign",
    "Values",
    "disagreement",
    "firing",
    "make_plan",
    "registered",
]

Values = Mapping[str, float | int | Fraction]
#: A level's one-pass evaluation of every rule it holds (see :func:`level_outcomes`).
Outcomes = Callable[[Values], tuple[bool | None, ...]]
#: An exact sign of a comparison the engine cannot compute itself.
Sign = Callable[[Values], int | None]
#: A level's check of the engine's firings: (outcomes, values.get, inspection day number) -> (for each area it
#: checks, the mask of the rules the reference evaluator says fire; per area the places of the rules that
#: could not be evaluated).
LevelCheck = Callable[
    [Sequence[bool | None], Callable[[str], object], int],
    tuple[list[int], dict[int, tuple[int, ...]]],
]


@frozen
class RuleFacts:
    """What is fixed about one rule for judging and tracing."""

    rule: Rule
    at: str
    reads: tuple[tuple[str, str], ...]  # (fact key, text) of every value it reads
    #: The compiled outcome of each alternative (top-level ``or`` part) of the condition as written, when
    #: it has several.
    alternatives: tuple[CompiledOutcome, ...] = ()
    #: Its effective dates as text (for its trace step).
    effective: str = ""
    #: :attr:`when` and :attr:`alternative_texts`, once written.
    _texts: tuple[str, tuple[str, ...]] | None = attrs.field(init=False, eq=False, repr=False, default=None)

    @property
    def when(self) -> str:
        """The rule's condition as text (for its trace step)."""
        texts = self._texts
        return (texts or self._written())[0]

    @property
    def alternative_texts(self) -> tuple[str, ...]:
        """The text of each alternative of the rule's condition (for its trace step)."""
        texts = self._texts
        return (texts or self._written())[1]

    def _written(self) -> tuple[str, tuple[str, ...]]:
        """The texts of the condition, written when a trace first asks for them (judging a case without
        reading its traces never does), and kept."""
        texts = (self.rule.when, self.rule.alternatives)
        object.__setattr__(self, "_texts", texts)
        return texts

    def triggered(self, values: Values) -> tuple[int, ...]:
        """Which alternatives hold (empty for a rule with one)."""
        return tuple(i for i, alternative in enumerate(self.alternatives) if alternative(values) is True)


@frozen
class AreaPlan:
    """Everything fixed about one area for judging it, searching over it and tracing it. (The mappings of
    the records of this module are plain dicts, read on every judgement and never written after they are
    made.)"""

    index: int
    area: Area
    level: int
    rules: tuple[RuleFacts, ...]
    #: Each rule's bit in the mask of what the area's rules fired (bit j: its rule j, in file order).
    bits: Mapping[str, int]
    #: The measures it reads (required first, then as its rules and reasons name them).
    reads: tuple[str, ...]
    #: The fact keys its rules read.
    reads_keys: frozenset[str]
    #: Where each rule's outcome is in its level's outcomes (-1 for the default rule).
    positions: tuple[int, ...]
    #: Where each rule's alternatives' outcomes are, for the rules whose reason reads which held.
    alternatives: tuple[tuple[int, ...], ...]
    #: Its grade's fact key.
    grade_key: str
    #: The evidence it requires, when it reads no grades (a decision then needs only that evidence given).
    required: frozenset[str] | None
    #: Its place in its level's check of the engine's firings (-1 for an area split into aspects).
    slot: int
    #: The areas to judge to know its grade: those it reads (transitively), then itself.
    needs: tuple[int, ...]
    #: The fact keys its decision depends on (what its rules read and the grades it reads).
    search_keys: tuple[str, ...]
    #: Those keys with the evidence it requires: a change to none of them leaves its decision as it was.
    search_inputs: frozenset[str]
    #: Whether it is split into aspects (decided from their decisions), and whether the reason of any of
    #: its rules reads which alternatives held (plain fields: read in every trial of every search).
    split: bool
    reads_alternatives: bool
    #: Its rules' conditions evaluated in one pass for searches (made on first use, see :func:`tiered`).
    _searched: list[Outcomes] = attrs.field(factory=list, init=False, eq=False, repr=False)
    #: The same, for facts that hold the exact signs the engine reads (made on first use, by their names).
    _signed: list[Outcomes] = attrs.field(factory=list, init=False, eq=False, repr=False)

    def fired(
        self,
        values: Values,
        missing: tuple[str, ...],
        day: dt.date,
        signs: Mapping[tuple[object, ...], str] | None = None,
    ) -> int:
        """The mask of its rules the reference evaluator says fire for ``values``: a rule fires when it is in
        force and its condition is known to hold (the default rule, when the area's required evidence is
        present), its conditions evaluated in one pass. With ``signs`` (its plan's :attr:`Plan.sign_names`),
        ``values`` hold every exact sign the engine reads that they can give, as a run's fact does, and
        the signs are read there, not worked out again."""
        searched = self._searched if signs is None else self._signed
        if not searched:  # two threads may both make it: they give the same outcomes, and the first is used
            conditions = tuple(f.rule.normal for f in self.rules if f.rule.normal is not None)
            tiered([(outcome_closure(conditions), functools.partial(compile_outcomes, conditions, signs))], searched)
        outcomes = searched[0](values)
        mask, k = 0, 0
        held: bool | None
        for j, facts in enumerate(self.rules):
            rule = facts.rule
            if rule.normal is None:
                held = default_fires(missing)
            else:
                held, k = outcomes[k], k + 1
            if held is True and rule.in_force(day):
                mask |= 1 << j
        return mask

    def lacking(self, present: AbstractSet[str], values: Values) -> tuple[str, ...]:
        """:meth:`missing` for the measures a case gives (``present``, such as its evidence's keys): at once
        for an area that reads no grades of a case that gives all it requires."""
        needs = self.required
        if needs is not None and present >= needs:
            return ()
        return self.missing(present, values)

    def missing(self, evidence: Collection[str], values: Values) -> tuple[str, ...]:
        """What it needs and lacks: its required evidence, and the grades of the areas it reads
        (``grade(area)`` for each that was not judged)."""
        area = self.area
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

    def rule_ids(self, mask: int) -> list[str]:
        """The ids of its rules in ``mask``, in file order."""
        return [f.rule.id for j, f in enumerate(self.rules) if mask >> j & 1]


@frozen
class Firing:
    """One way of firing a rulebook's rules: the engine holding them, what its rule names stand for, and
    each level's reference outcomes and check. The whole rulebook's is :attr:`Plan.whole`; a simulation's
    fires the rules of the areas that move alone (:mod:`judgement.judging.steady`)."""

    engine: Engine
    #: Engine rule name -> (area index, rule id), and -> (the area's place in its level's check, its bit).
    rule_of: Mapping[str, tuple[int, str]]
    slot_bit: Mapping[str, tuple[int, int]]
    #: Each level's (see :func:`~judgement._codegen.tiered`: plain interpreters at first, then generated code).
    outcomes: Sequence[Outcomes]
    checks: Sequence[LevelCheck]
    #: Per area (by index), the places in its engine's rulesets of those holding its rules.
    parts: tuple[tuple[int, ...], ...]


#: At most this many sets of keys' signs kept by :meth:`Plan.reading` (it stops keeping more when full).
READINGS_KEPT = 4096
#: How many changed cases a plan verifies through :attr:`Plan.whole` before it makes :attr:`Plan.apart` and
#: verifies through that: compiling and registering it costs about what it then saves on 150 (about six
#: councils' reports), so one council's report does without it and a grid of many makes it early.
APART_AFTER = 128


@frozen
class Plan:
    """A rulebook prepared for judging: see the module's description."""

    rulebook: Rulebook
    compiled: CompiledRulebook
    areas: tuple[AreaPlan, ...]
    index_of: Mapping[str, int]
    #: Area indices by level (0: judged from evidence), each in file order, areas split into aspects last.
    levels: tuple[tuple[int, ...], ...]
    #: How many areas each level's check covers (those with rules of their own).
    checked: tuple[int, ...]
    #: Levels without areas split into aspects.
    plain: tuple[bool, ...]
    #: The areas in the order their reasons are written (an area split into aspects after its aspects).
    reason_order: tuple[int, ...]
    #: The exact signs the engine reads (fact key, its computation), and those that read a grade.
    derived: tuple[tuple[str, Sign], ...]
    graded_signs: tuple[tuple[str, Sign], ...]
    #: A sign's identity -> its fact key.
    sign_names: Mapping[tuple[object, ...], str]
    #: The fields that may hold an exact fraction (counted measures' values).
    exact: tuple[str, ...]
    #: Whether a rule is dated (the engine then reads the inspection day).
    dated: bool
    #: The words of each grade and level field (worst first).
    words: Mapping[str, tuple[str, ...]]
    whole: Firing
    #: Per fact key, the places in :attr:`derived` of the signs that read it.
    sign_readers: Mapping[str, tuple[int, ...]]
    #: :meth:`reading`'s answers, by the keys asked about (a few sets of keys are asked about many times).
    _reading: dict[frozenset[str], tuple[tuple[str, Sign], ...]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    #: :attr:`apart`, made on first use, and how many changed cases :meth:`verifier` was asked for.
    _apart: list[Firing] = attrs.field(factory=list, init=False, eq=False, repr=False)
    _verified: list[int] = attrs.field(factory=lambda: [0], init=False, eq=False, repr=False)

    def verifier(self) -> Firing:
        """The firing that verifies a changed case (see :func:`judgement.judging.run.run_to`): the whole
        rulebook's for the first :data:`APART_AFTER`, then :attr:`apart` (an explanation or a report of
        one council does without making it; a grid of many makes it once)."""
        count = self._verified
        count[0] += 1  # two threads may both count one: the switch comes a case later
        return self.whole if count[0] <= APART_AFTER else self.apart

    @property
    def apart(self) -> Firing:
        """The firing of the whole rulebook by an engine holding each area's rules in rulesets of their
        own (see :func:`~judgement.engine.compile.compile_rulebook`'s ``alone``), with the same reference
        outcomes and checks as :attr:`whole`: for runs of one case that differ from it in a few values,
        where only the rulesets that read a changed value are given a fact they were not given before."""
        if not self._apart:  # two threads may both make it: they fire alike, and one is kept
            compiled = compile_rulebook(self.rulebook, [a.area.id for a in self.areas], self.compiled, alone=True)
            engine = registered(self.rulebook, compiled)
            whole = self.whole
            rule_of, slot_bit, parts = _names(compiled, self.areas, self.index_of)
            self._apart.append(Firing(engine, rule_of, slot_bit, whole.outcomes, whole.checks, parts))
        return self._apart[0]

    def signs(self, values: Values, pairs: Sequence[tuple[str, Sign]] | None = None) -> dict[str, int]:
        """The exact signs of the comparisons the engine cannot compute (those of ``pairs``, or all), for
        the values known so far."""
        out: dict[str, int] = {}
        for name, derived in self.derived if pairs is None else pairs:
            value = derived(values)
            if value is not None:
                out[name] = value
        return out

    def reading(self, keys: Collection[str]) -> tuple[tuple[str, Sign], ...]:
        """The exact signs that read any of the fact keys ``keys``, in the order of :attr:`derived`."""
        asked = keys if isinstance(keys, frozenset) else frozenset(keys)
        found = self._reading.get(asked)
        if found is None:
            readers = self.sign_readers
            found = tuple(self.derived[i] for i in sorted({i for key in asked for i in readers.get(key, ())}))
            if len(self._reading) < READINGS_KEPT:
                self._reading[asked] = found
        return found

    def engine_fact(self, values: Values, day: dt.date | None) -> dict[str, float | int]:
        """The fact the engine is given for a fact of evidence: the fields its rules read, each exact
        fraction as the nearest double, the exact signs of the comparisons it cannot compute, the day."""
        fact: dict[str, float | int] = {k: engine_number(values[k]) for k in self.compiled.fields if k in values}
        if self.derived:
            fact.update(self.signs(values))
        if day is not None and self.dated:
            fact[DAY] = day.toordinal()
        return fact

    def firing(
        self,
        compiled: CompiledRulebook,
        engine: Engine,
        outcomes: Sequence[Outcomes],
        positions: Sequence[tuple[int, ...]],
        kept: Collection[int] = (),
        absent: Collection[str] = (),
    ) -> Firing:
        """The firing of ``compiled`` (a compile of some of this plan's areas) by ``engine`` (see
        :func:`firing`)."""
        return firing(compiled, engine, outcomes, positions, self.areas, self.index_of, self.levels, kept, absent)

    def disagree(
        self, index: int, mask: int, outcomes: Sequence[bool | None], values: Values, case: Case
    ) -> EngineError:
        """The error for the first rule of area ``index`` on which the engine's firing (``mask``) and the
        reference evaluator's outcome disagree (found by the level's check)."""
        plan = self.areas[index]
        missing = plan.missing(case.evidence, values)
        fired = plan.rule_ids(mask)
        for facts, at in zip(plan.rules, plan.positions, strict=True):
            if not facts.rule.in_force(case.inspected):
                outcome: bool | None = False
            else:
                outcome = default_fires(missing) if at < 0 else outcomes[at]
            if (outcome is True) != (facts.rule.id in fired):
                return disagreement(facts.rule, case, facts.rule.id in fired)
        return EngineError.of("engine.disagreement", f"engine and reference evaluator disagree on case {case.id}")


def engine_number(value: float | int | Fraction) -> float | int:
    """A fact's value as the engine reads it: a count out of a sample may be an exact fraction, which no
    comparison the engine makes itself reads (they are exact signs), so it sees only the nearest double."""
    return float(value) if value.__class__ is Fraction else value  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------- making one


def make_plan(rulebook: Rulebook, compiled: CompiledRulebook, engine: Engine) -> Plan:
    """Prepare ``rulebook`` (compiled as ``compiled`` for ``engine``) for judging."""
    written = rulebook.areas
    index_of = {a.id: i for i, a in enumerate(written)}
    levels = _levels(written)
    derived = tuple((name, shared_sign(test)) for name, test in compiled.derived)
    sign_names = {sign_identity(test): name for name, test in compiled.derived}
    rules = tuple(tuple(rule_facts(rule, area) for rule in area.rules) for area in written)
    outcomes, positions, alternatives = level_outcomes(levels, written, rules, sign_names)
    checked = tuple(tuple(i for i in level if not written[i].aspects) for level in levels)
    slot = {i: k for level in checked for k, i in enumerate(level)}
    needs = _closures(written, index_of)
    areas = tuple(
        _area_plan(i, area, rulebook, rules[i], positions[i], alternatives[i], slot.get(i, -1), needs[i])
        for i, area in enumerate(written)
    )
    words = {p.grade_key: tuple(g.id for g in rulebook.scale_of(p.area).grades) for p in areas}
    words.update({m.id: m.levels for m in rulebook.measures.values() if m.levels})
    return Plan(
        rulebook,
        compiled,
        areas,
        index_of,
        levels,
        tuple(map(len, checked)),
        tuple(len(order) == len(level) for order, level in zip(checked, levels, strict=True)),
        tuple(sorted(range(len(written)), key=lambda i: bool(written[i].aspects))),
        derived,
        tuple(p for p, (_, test) in zip(derived, compiled.derived, strict=True) if any(f.grade for f in test.reads)),
        FrozenMap(sign_names),
        tuple(m.id for m in rulebook.measures.values() if m.counted and m.id in compiled.fields),
        DAY in compiled.fields,
        words,
        firing(compiled, engine, outcomes, positions, areas, index_of, levels),
        _sign_readers(compiled),
    )


def _sign_readers(compiled: CompiledRulebook) -> FrozenMap[str, tuple[int, ...]]:
    readers: dict[str, list[int]] = {}
    for i, (_, test) in enumerate(compiled.derived):
        for read in test.reads:
            readers.setdefault(read.key, []).append(i)
    return FrozenMap((key, tuple(places)) for key, places in readers.items())


def firing(
    compiled: CompiledRulebook,
    engine: Engine,
    outcomes: Sequence[Outcomes],
    positions: Sequence[tuple[int, ...]],
    areas: Sequence[AreaPlan],
    index_of: Mapping[str, int],
    levels: Sequence[Sequence[int]],
    kept: Collection[int] = (),
    absent: Collection[str] = (),
) -> Firing:
    """The firing of ``compiled`` (a compile of some or all of the areas) by ``engine``: what each engine
    rule name stands for (its area's index and rule id; its area's place in its level's check and its
    bit), each level's reference ``outcomes`` (each area's rules' at ``positions``) and each level's check
    (see :func:`level_check`)."""
    rule_of, slot_bit, parts = _names(compiled, areas, index_of)
    checks = tiered(
        (
            _interpreted_check(_checked(level, areas, positions), kept, absent),
            functools.partial(level_check, level, areas, positions, kept, absent),
        )
        for level in levels
    )
    return Firing(engine, rule_of, slot_bit, outcomes, checks, parts)


def _names(
    compiled: CompiledRulebook, areas: Sequence[AreaPlan], index_of: Mapping[str, int]
) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, int]], tuple[tuple[int, ...], ...]]:
    """What each engine rule name of ``compiled`` stands for: its area's index and rule id; its area's
    place in its level's check and its bit. And for each area, the rulesets holding its rules."""
    rule_of = {name: (index_of[area], rule) for name, (area, rule) in compiled.rules.items()}
    slot_bit = {name: (areas[i].slot, areas[i].bits[rule]) for name, (i, rule) in rule_of.items()}
    held: list[list[int]] = [[] for _ in areas]
    for place, part in enumerate(compiled.parts):
        for area in part.areas:
            held[index_of[area]].append(place)
    return rule_of, slot_bit, tuple(map(tuple, held))


def _levels(areas: Sequence[Area]) -> tuple[tuple[int, ...], ...]:
    """Area indices by level, each in file order with the areas split into aspects after their aspects."""
    return tuple(
        tuple(sorted((i for i, a in enumerate(areas) if a.level == level), key=lambda i: (bool(areas[i].aspects), i)))
        for level in range(1 + max((a.level for a in areas), default=0))
    )


def _area_plan(
    index: int,
    area: Area,
    rulebook: Rulebook,
    rules: tuple[RuleFacts, ...],
    positions: tuple[int, ...],
    alternatives: tuple[tuple[int, ...], ...],
    slot: int,
    needs: tuple[int, ...],
) -> AreaPlan:
    reads_keys = frozenset(k for f in rules for k, _ in f.reads)
    search_keys = tuple(sorted(reads_keys | {field_name(a, grade=True) for a in area.reads_areas}))
    # a rule's alternatives matter to its reason only when it has a reason per alternative or names {triggers}
    held = tuple(
        alts if f.rule.reasons or any(t.triggers for t in (f.rule.because, *f.rule.reasons)) else ()
        for f, alts in zip(rules, alternatives, strict=True)
    )
    return AreaPlan(
        index,
        area,
        area.level,
        rules,
        {r.id: 1 << j for j, r in enumerate(area.rules)},
        area_reads(area, rulebook),
        reads_keys,
        positions,
        held,
        field_name(area.id, grade=True),
        frozenset(area.requires) if not area.reads_areas else None,
        slot,
        needs,
        search_keys,
        frozenset((*search_keys, *area.requires)),
        bool(area.aspects),
        any(held),
    )


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


def level_outcomes(
    levels: Sequence[Sequence[int]],
    areas: Sequence[Area],
    rules: Sequence[Sequence[RuleFacts]],
    signs: Mapping[tuple[object, ...], str],
    absent: Collection[str] = (),
) -> tuple[list[Outcomes], tuple[tuple[int, ...], ...], tuple[tuple[tuple[int, ...], ...], ...]]:
    """Each level's one-pass evaluation of every rule it holds (reading the exact signs ``signs`` names
    from the fact), and where each rule's outcome, and each of its alternatives', is in the result. The
    last outcome of a level says whether everything its default rules need is given (see
    :func:`level_check`). ``absent`` names fact keys no fact they will see holds (see
    :func:`~judgement.lang.evaluate.compile_outcomes`)."""
    positions: list[tuple[int, ...]] = [() for _ in rules]
    alternatives: list[tuple[tuple[int, ...], ...]] = [() for _ in rules]
    made = []
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
        keys = tuple(needed)
        made.append(
            (outcome_closure(conditions, keys), functools.partial(compile_outcomes, conditions, signs, keys, absent))
        )
    return tiered(made), tuple(positions), tuple(alternatives)


def level_check(
    level: Sequence[int],
    areas: Sequence[AreaPlan],
    positions: Sequence[tuple[int, ...]],
    kept: Collection[int] = (),
    absent: Collection[str] = (),
) -> LevelCheck:
    """The check of one level's firings: for each area with rules of its own, the mask of its rules the
    reference evaluator says fire (bit j: its rule j in force with a condition that holds; the default
    rule when everything it needs is given, as the engine's default rule tests), to compare with what the
    engine fired, and the rules whose condition could not be evaluated. ``positions`` says where each
    area's rules' outcomes are in the level's outcomes. It is generated as Python source
    once per rulebook (field names are validated names and dates are day numbers, so only names and
    numbers reach the source), or with code generation switched off interpreted from the same plan.

    With ``kept`` (for the runs of one case in which only some evidence changes, see
    :mod:`judgement.judging.steady`), an area it names keeps its decision: its rules are neither run by
    the engine nor evaluated, and it is expected to fire nothing; and a default rule that needs a key in
    ``absent`` (which no fact it will see holds) is known not to fire."""
    checked = _checked(level, areas, positions)
    if not codegen_enabled():
        return _interpreted_check(checked, kept, absent)
    lines = ["def check(o, get, day):", "    unknown = {}"]
    for plan, at in checked:
        lines += _area_check(plan, at, kept, absent)
    lines.append(f"    return [{', '.join(f'm{p.index}' for p, _ in checked)}], unknown")
    return generate("level check", lines, "check")  # type: ignore[return-value]


def _checked(
    level: Sequence[int], areas: Sequence[AreaPlan], positions: Sequence[tuple[int, ...]]
) -> tuple[tuple[AreaPlan, tuple[int, ...]], ...]:
    """The areas of a level with rules of their own, each with where its rules' outcomes are."""
    return tuple((areas[i], positions[i]) for i in level if not areas[i].split)


def _in_force(rule: Rule) -> str:
    """The test, in the check's source, that ``rule`` is in force on the day (empty when it always is)."""
    dates = []
    if rule.effective_from is not None:
        dates.append(f" and {rule.effective_from.toordinal()} <= day")
    if rule.effective_to is not None:
        dates.append(f" and day <= {rule.effective_to.toordinal()}")
    return "".join(dates)


def _area_check(
    plan: AreaPlan, positions: tuple[int, ...], kept: Collection[int], absent: Collection[str]
) -> list[str]:
    """The lines of a level's check for one area: its mask ``m<index>``, and its unknown rules."""
    i = plan.index
    if i in kept:
        return [f"    m{i} = 0"]
    bits, unknowns = [], []
    for j, (facts, at) in enumerate(zip(plan.rules, positions, strict=True)):
        in_force = _in_force(facts.rule)
        if at >= 0:
            bits.append(f"((o[{at}] is True{in_force}) << {j})")
            unknowns.append(f"({j}, o[{at}] is None{in_force})")
            continue
        needs = default_needs(plan.area)  # o[-1]: every default rule of the level has what it needs
        if not any(k in absent for k in needs):
            present = " and ".join(f"get({k!r}) is not None" for k in needs) or "True"
            bits.append(f"(((o[-1] or {present}){in_force}) << {j})")
    lines = [f"    m{i} = " + (" | ".join(bits) or "0")]
    if unknowns:
        lines.append("    if " + " or ".join(f"o[{at}] is None" for at in positions if at >= 0) + ":")
        lines.append(f"        unknown[{i}] = tuple(j for j, x in ({', '.join(unknowns)},) if x)")
    return lines


def _interpreted_check(
    checked: tuple[tuple[AreaPlan, tuple[int, ...]], ...], kept: Collection[int], absent: Collection[str]
) -> LevelCheck:
    """:func:`level_check` without generated code: the same masks, worked out rule by rule."""

    def check(
        o: Sequence[bool | None], get: Callable[[str], object], day: int
    ) -> tuple[list[int], dict[int, tuple[int, ...]]]:
        masks, unknown = [], {}
        for plan, positions in checked:
            if plan.index in kept:
                masks.append(0)
                continue
            mask, lacking = 0, []
            for j, (facts, at) in enumerate(zip(plan.rules, positions, strict=True)):
                rule = facts.rule
                in_force = rule.in_force(dt.date.fromordinal(day))
                if at >= 0:
                    mask |= (o[at] is True and in_force) << j
                    if o[at] is None and in_force:
                        lacking.append(j)
                    continue
                needs = default_needs(plan.area)
                given = bool(o[-1]) or all(get(k) is not None for k in needs)
                mask |= (not any(k in absent for k in needs) and given and in_force) << j
            masks.append(mask)
            if any(o[at] is None for at in positions if at >= 0):
                unknown[plan.index] = tuple(lacking)
        return masks, unknown

    return check


def rule_facts(rule: Rule, area: Area) -> RuleFacts:
    """What is fixed about ``rule`` of ``area``."""
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
    if isinstance(rule.normal, AnyOf) and rule.alternative_count == len(rule.normal.items) > 1:
        alternatives = tuple(compile_condition(item) for item in rule.normal.items)
    return RuleFacts(rule, at, reads, alternatives, rule.effective)


def area_reads(area: Area, rulebook: Rulebook) -> tuple[str, ...]:
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


# ----------------------------------------------------------------------------------------------- errors


def registered(rulebook: Rulebook, compiled: CompiledRulebook) -> Engine:
    """The engine holding ``compiled`` (some or all of ``rulebook``'s rules: see
    :func:`~judgement.engine.durable.engine_for`); a ruleset it refuses is reported at the rule it refused,
    when it refused one rule alone."""
    try:
        return engine_for(compiled)
    except RulesetRefused as refused:
        raise _located(refused, rulebook, compiled.rules.get(refused.rule or "")) from None


def _located(refused: RulesetRefused, rulebook: Rulebook, rule: tuple[str, str] | None) -> EngineError:
    """A refusal by the engine, at the rule it refused (when it refused one rule alone)."""
    if rule is None:
        return refused
    found = next(r for r in rulebook.area(rule[0]).rules if r.id == rule[1])
    return EngineError(
        Problem(
            f"the engine refused rule {found.id}: {refused.reason}",
            found.location,
            hint="this is a limit of the engine judgement did not foresee; please report it with the rule",
            code="engine.failure",
        )
    )


def disagreement(rule: Rule, case: Case, fired: bool) -> EngineError:
    """The error for a rule the engine and the reference evaluator disagree on."""
    return EngineError.of(
        "engine.disagreement",
        f"engine and reference evaluator disagree on rule {rule.id} for case {case.id} "
        f"(engine {'fired' if fired else 'did not fire'}); please report this",
    )
