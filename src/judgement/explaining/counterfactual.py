"""What would change a grade: the smallest change to the evidence that moves an area one grade up, and
one grade down. Fewest measures first, then the smallest change relative to each measure's range; the
search uses the reference evaluator, and every change proposed is re-judged through the engine and kept
only if the grade really moves."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

import attrs

from judgement._attrs import frozen
from judgement._fmt import format_value, join_words
from judgement._frozen import FrozenMap
from judgement.check.against import check_changed
from judgement.errors import JudgementError
from judgement.judging.facts import case_fact, replace_item
from judgement.judging.judge import Judge, Reruns, judge_for
from judgement.judging.policy import Decision
from judgement.judging.results import AreaJudgement, Traces
from judgement.judging.trials import Trials
from judgement.lang.evaluate import evaluate_expr
from judgement.lang.normal import Exact, Test, fields
from judgement.lang.normal import tests as tests_of
from judgement.model import NOT_JUDGED, Area, Case, Evidence, Grade, Measure, Rule, Rulebook, Unit

__all__ = [
    "CASES_KEPT",
    "MAX_CHANGED_MEASURES",
    "RULES_KEPT",
    "Change",
    "Counterfactual",
    "case_values",
    "clear_searches",
    "counterfactuals",
    "measure_tests",
    "measure_thresholds",
]

#: A measure and a value tried for it.
Pair = tuple[str, float | int]

#: Counterfactuals change at most this many measures at once.
MAX_CHANGED_MEASURES = 3


@frozen
class Change:
    """One measure's value changed."""

    measure: str
    title: str
    unit: str
    old: float | int | bool | str
    new: float | int | bool | str
    levels: tuple[str, ...] = ()  # a level measure's words: old and new are words, the change is in steps

    @property
    def delta(self) -> float:
        return _delta(self.old, self.new, self.levels)

    @property
    def text(self) -> str:
        title = _lower_first(self.title)
        if self.unit in (Unit.FLAG.value, Unit.LEVEL.value):
            return f"{title}: {format_value(self.old)} -> {format_value(self.new)}"
        suffix = {"percent": "%", "days": " days", "rate_per_10k": " per 10,000"}.get(self.unit, "")
        # a percentage or rate as DfE publishes it, to one decimal (a count's percentage is exact: 414 of 461)
        rounded = self.unit in (Unit.PERCENT.value, Unit.RATE_PER_10K.value)

        def shown(value: float | int | bool | str) -> str:
            return format_value(round(value, 1) if rounded and isinstance(value, float) else value)

        change = round(self.delta, 1) if rounded else self.delta
        points = " point" if abs(change) == 1 else " points"
        delta = _signed(change) + (points if self.unit == Unit.PERCENT.value else "")
        return f"{title} {shown(self.old)}{suffix} -> {shown(self.new)}{suffix} ({delta})"


@frozen
class Counterfactual:
    """The smallest change found that moves the area's grade to ``target``."""

    direction: str  # "up" (a better grade) or "down"
    target: Grade
    changes: tuple[Change, ...]
    cost: float  # the size of the change relative to the measures' ranges
    verified: bool  # re-judged through the engine and the grade really moved

    @property
    def text(self) -> str:
        parts = [c.text for c in self.changes]
        return f"to reach {self.target.label}: {join_words(parts)}"


def _step(measure: Measure) -> float:
    return 1.0 if measure.unit.whole else 0.1


def _fit(measure: Measure, value: float, *, up: bool) -> float | int | None:
    """``value`` as a valid value of ``measure``: whole numbers rounded towards ``up``, within range."""
    if measure.unit.whole:
        whole = math.ceil(value - 1e-9) if up else math.floor(value + 1e-9)
        return whole if measure.minimum <= whole <= measure.maximum else None
    tenth = round(value, 1)
    return tenth if measure.minimum <= tenth <= measure.maximum else None


def _crossings(measure: Measure, op: str, required: float) -> set[float | int]:
    """Values of the measure on either side of ``measure op required``."""
    step = _step(measure)
    below, above = required - step, required + step
    candidates = {
        "<": ((below, False), (required, True)),
        "<=": ((required, False), (above, True)),
        ">": ((above, True), (required, False)),
        ">=": ((required, True), (below, False)),
        "==": ((required, True), (above, True), (below, False)),
        "!=": ((above, True), (below, False), (required, True)),
    }[op]
    out: set[float | int] = set()
    for value, up in candidates:
        fitted = _fit(measure, value, up=up)
        if fitted is not None:
            out.add(fitted)
    return out


def _candidates(
    rulebook: Rulebook,
    case: Case,
    rules: Sequence[Rule],
    values: Mapping[str, float | int | Fraction],
    known: dict[str, tuple[tuple[str, frozenset[float | int]], ...]] | None = None,
) -> dict[str, list[float | int]]:
    """For each measure the area's rules read (and the case gives), the values worth trying (each rule's,
    by rule id, kept in ``known`` for the case's other areas)."""
    found: dict[str, set[float | int]] = {}
    for rule in rules:
        if rule.normal is None:
            continue
        key = rule.id  # unique in a rulebook
        if known is not None and key in known:
            for name, more in known[key]:
                found.setdefault(name, set()).update(more)
            continue
        its = _rule_candidates(rulebook, case, rule, values)
        if known is not None:
            known[key] = its
        for name, more in its:
            found.setdefault(name, set()).update(more)
    current = {m: values[m] for m in found}
    return {m: sorted(v for v in vs if v != current[m]) for m, vs in found.items()}  # in first-read order


def _rule_candidates(
    rulebook: Rulebook, case: Case, rule: Rule, values: Mapping[str, float | int | Fraction]
) -> tuple[tuple[str, frozenset[float | int]], ...]:
    """The values worth trying of each measure one rule reads, in the order it reads them (remembered by
    which of those measures the case gives and the values the right-hand sides read: many cases compare
    with England's same figures)."""
    entry = _rule_tests(rulebook, rule)
    key = (*[m.id in case.evidence for _, m in entry.pairs], *map(values.get, entry.keys))
    found = entry.candidates.get(key)
    if found is None:
        if len(entry.candidates) >= RULES_KEPT:
            entry.candidates.clear()
        found = entry.candidates[key] = _worth_trying(measure_thresholds(rulebook, rule, values), case)
    return found


def _worth_trying(
    thresholds: Sequence[tuple[Test, Measure, Exact | None]], case: Case
) -> tuple[tuple[str, frozenset[float | int]], ...]:
    found: dict[str, set[float | int]] = {}
    for test, measure, required in thresholds:
        name = measure.id
        if name not in case.evidence or required is None:
            continue
        if measure.unit is Unit.FLAG:
            found.setdefault(name, set()).update({0, 1})
        elif measure.unit is Unit.LEVEL:
            found.setdefault(name, set()).update(range(len(measure.levels)))
        else:
            found.setdefault(name, set()).update(_crossings(measure, test.op, float(required)))
    return tuple((name, frozenset(more)) for name, more in found.items())


#: At most this many rules' comparisons of a measure's value kept (cleared when full), and at most this
#: many sets of thresholds and of values worth trying for each.
RULES_KEPT = 4096


class _RuleTests:
    """A rule's comparisons of a measure's value (each with its measure), the fact keys their right-hand
    sides read, and what was worked out from them: their thresholds by the values those keys hold, and
    the values worth trying (see :func:`_rule_candidates`)."""

    __slots__ = ("candidates", "keys", "pairs", "required", "rule")

    def __init__(self, rulebook: Rulebook, rule: Rule) -> None:
        self.rule = rule  # kept, so that its identity cannot pass to another rule while this is kept
        tests = () if rule.normal is None else tests_of(rule.normal)
        self.pairs = tuple(
            (t, rulebook.measures[t.field.name]) for t in tests if t.field.measure and t.field.attr is None
        )
        self.keys = tuple(dict.fromkeys(f.key for t, _ in self.pairs for f in fields(t.rhs)))
        self.required: dict[tuple[object, ...], tuple[tuple[Test, Measure, Exact | None], ...]] = {}
        self.candidates: dict[tuple[object, ...], tuple[tuple[str, frozenset[float | int]], ...]] = {}


#: Each rule's :class:`_RuleTests`, by the rule's identity.
_MEASURE_TESTS: dict[int, _RuleTests] = {}


def _rule_tests(rulebook: Rulebook, rule: Rule) -> _RuleTests:
    found = _MEASURE_TESTS.get(id(rule))
    if found is None or found.rule is not rule:
        if len(_MEASURE_TESTS) >= RULES_KEPT:
            _MEASURE_TESTS.clear()
        found = _MEASURE_TESTS[id(rule)] = _RuleTests(rulebook, rule)
    return found


def measure_tests(rulebook: Rulebook, rule: Rule) -> tuple[tuple[Test, Measure], ...]:
    """The comparisons of a rule's condition whose left side is a measure's value, each with its measure."""
    return _rule_tests(rulebook, rule).pairs


def measure_thresholds(
    rulebook: Rulebook, rule: Rule, values: Mapping[str, float | int | Fraction]
) -> tuple[tuple[Test, Measure, Exact | None], ...]:
    """:func:`measure_tests`, each with its right-hand side's exact value for ``values`` (None where it
    reads a value they lack), remembered by the values it reads."""
    entry = _rule_tests(rulebook, rule)
    key = tuple(map(values.get, entry.keys))
    found = entry.required.get(key)
    if found is None:
        if len(entry.required) >= RULES_KEPT:
            entry.required.clear()
        found = entry.required[key] = tuple((t, m, evaluate_expr(t.rhs, values)[0]) for t, m in entry.pairs)
    return found


def counterfactuals(
    rulebook: Rulebook, case: Case, area_id: str, current: AreaJudgement | None = None, *, judge: Judge | None = None
) -> list[Counterfactual]:
    """The smallest evidence changes that move ``area_id`` one grade up and one grade down, each verified
    by judging the changed case through the engine."""
    area = rulebook.area(area_id)
    judge = judge or judge_for(rulebook)
    if current is None:
        current = judge.judge(case).areas[area_id]
    if current.grade == NOT_JUDGED:
        return []
    targets = _targets(rulebook, area, current.grade)
    learnt = _search_for(judge, case)
    source = current.source
    if isinstance(source, Traces) and source.case is case and source.judge is judge:
        learnt.judged_as(source.decisions)  # the engine's decisions for the case, from its judgement
    values = learnt.values
    options = _candidates(rulebook, case, _rules_behind(rulebook, area), values, learnt.candidates)
    priced = learnt.priced(options)
    out = []
    for direction, target in targets:
        found = _search(learnt.trials, case, area, priced, target)
        for cost, changes in found:
            if learnt.verify(area_id, changes, target):
                out.append(Counterfactual(direction, target, changes, round(cost, 6), True))
                break
    return out


def _targets(rulebook: Rulebook, area: Area, grade: Grade) -> list[tuple[str, Grade]]:
    """The grades one step up and one step down from ``grade`` among those the area's rules give (an area
    split into aspects: those its aspects' rules give), each with its direction."""
    own = area.rules or [r for a in area.aspects for r in rulebook.area(a).rules]
    reachable = sorted({r.grade for r in own}, key=lambda g: g.rank)
    index = reachable.index(grade)
    targets = []
    if index + 1 < len(reachable):
        targets.append(("up", reachable[index + 1]))
    if index > 0:
        targets.append(("down", reachable[index - 1]))
    return targets


def _rules_behind(rulebook: Rulebook, area: Area) -> list[Rule]:
    """The rules that decide an area's grade: its own, then those of every area whose grade it reads."""
    rules: list[Rule] = []
    seen: set[str] = set()
    pending = [area.id]
    while pending:
        current = rulebook.area(pending.pop(0))
        if current.id in seen:
            continue
        seen.add(current.id)
        rules.extend(current.rules)
        pending.extend((*current.reads_areas, *current.aspects))
    return rules


def _search(
    trials: Trials, case: Case, area: Area, priced: Mapping[str, list[tuple[float | int, float]]], target: Grade
) -> Iterator[tuple[float, tuple[Change, ...]]]:
    """Candidate changes reaching ``target`` (from ``priced``: the values worth trying of each measure, with
    what changing it to each costs): those with the fewest measures changed, cheapest first (at equal
    cost, in the order the area's rules read the measures, then by value). Each is tried when the caller
    asks for the next, so a caller that stops at the first it can verify tries no dearer one."""
    rulebook = trials.rulebook
    names = tuple(priced)  # the order the area's rules read them in
    useful = {m: {v for v, _ in vs} for m, vs in priced.items()}  # the values worth trying in company
    for size in range(1, min(MAX_CHANGED_MEASURES, len(names)) + 1):
        # (cost, place in the order of measures and values, the changes as pairs of a measure and its value)
        tries: list[tuple[float, int, tuple[Pair, ...]]] = []
        for combo in itertools.combinations(names, size):
            if size == 1:
                (m,), first = combo, len(tries)
                tries.extend((cost, first + k, ((m, v),)) for k, (v, cost) in enumerate(priced[m]))
                continue
            # every choice of one value per measure, in the order of itertools.product, each with its cost
            # summed from zero in the order of the measures, as sum() would
            chosen: list[tuple[tuple[Pair, ...], float]] = [((), 0)]
            for m in combo:
                values = [((m, v), cost) for v, cost in priced[m] if v in useful[m]]
                chosen = [((*pairs, pair), total + cost) for pairs, total in chosen for pair, cost in values]
            first = len(tries)
            tries.extend((total, first + k, pairs) for k, (pairs, total) in enumerate(chosen))
        tries.sort()  # by cost, then place (unique: the pairs are never compared)
        reached = False
        for cost, _, pairs in tries:
            grade, moved = trials.grade(area, pairs)
            if size == 1 and not moved and trials.alone(area, pairs[0][0], names):
                useful[pairs[0][0]].remove(pairs[0][1])  # it moves nothing, alone or in company
            if grade == target:
                reached = True
                yield cost, tuple(_change(rulebook, case.evidence[m], v) for m, v in pairs)
        if reached:
            return


def _span(measure: Measure) -> float:
    return max(measure.maximum - measure.minimum, 1e-9)


def _change(rulebook: Rulebook, item: Evidence, new: float | int) -> Change:
    measure = rulebook.measures[item.measure]
    return Change(
        item.measure, measure.title, measure.unit.value, item.value, _new_value(measure, new), _levels(measure)
    )


def _new_value(measure: Measure, new: float | int) -> float | int | bool | str:
    """A value tried for a measure as a change shows it: a level as its word, a flag as yes or no."""
    if measure.unit is Unit.LEVEL:
        return measure.word(new)
    return bool(new) if measure.unit is Unit.FLAG else new


def _delta(old: float | int | bool | str, new: float | int | bool | str, levels: tuple[str, ...]) -> float:
    """How far a change moves a measure: in steps for a level measure's words."""
    if levels:
        return float(levels.index(str(new)) - levels.index(str(old)))
    return float(new) - float(old)


def _cost(rulebook: Rulebook, item: Evidence, new: float | int) -> float:
    """What changing ``item`` to ``new`` costs: the change relative to the measure's range."""
    measure = rulebook.measures[item.measure]
    return abs(_delta(item.value, _new_value(measure, new), _levels(measure))) / _span(measure)


def _levels(measure: Measure) -> tuple[str, ...]:
    """A level measure's words (a change to one is in steps); nothing for any other measure."""
    return measure.levels if measure.unit is Unit.LEVEL else ()


def _with_changes(case: Case, changes: Sequence[Change]) -> Case:
    evidence = dict(case.evidence.items())
    for change in changes:
        # A count out of a sample becomes the value proposed (the sample size stays as n).
        evidence[change.measure] = attrs.evolve(evidence[change.measure], value=change.new, count=None)
    return attrs.evolve(case, evidence=FrozenMap.adopt(evidence))  # a dict nothing else holds


#: The searches of at most this many cases are kept (see :class:`_CaseSearch`); the oldest go first.
CASES_KEPT = 16


class _CaseSearch:
    """What the searches for one case learn, shared by its areas: the case's fact, and the grades of each
    changed case judged through the engine (a measure's own area and a judgement that counts it often
    propose the same change, which is judged once)."""

    __slots__ = ("_decisions", "_reruns", "_trials", "candidates", "case", "costs", "judge", "judged", "values")

    def __init__(self, judge: Judge, case: Case) -> None:
        self.judge, self.case = judge, case
        self.values = case_fact(judge.rulebook, case)
        self._reruns: Reruns | None = None
        self._decisions: Sequence[Decision] | None = None
        self.judged: dict[tuple[tuple[str, object], ...], dict[str, Grade] | None] = {}
        self._trials: Trials | None = None
        #: The values worth trying of the measures each rule reads, by rule id.
        self.candidates: dict[str, tuple[tuple[str, frozenset[float | int]], ...]] = {}
        #: What changing a measure to a value costs (see :func:`_cost`), by the measure and the value.
        self.costs: dict[Pair, float] = {}

    @property
    def reruns(self) -> Reruns:
        """What the runs of the changed cases share (made when a change is first verified): the fact with
        its exact signs (worked out again only where a change reaches), the case's own decisions, the text
        of what a change leaves as it was, and what the engine fired."""
        if self._reruns is None:
            self._reruns = self.judge.reruns(self.case, self.values, self._decisions)
        return self._reruns

    def judged_as(self, decisions: Sequence[Decision]) -> None:
        """Every area's decision for the case through the engine, from its judgement by this search's
        judge (so the changed cases' runs need not judge the case again)."""
        if self._decisions is None:
            self._decisions = decisions

    @property
    def trials(self) -> Trials:
        """The reference evaluator's grades of the case's trials (made when first searched)."""
        if self._trials is None:
            case = self.case
            self._trials = self.judge.trials(self.values, frozenset(case.evidence), case.inspected, self._decisions)
        return self._trials

    def priced(self, options: Mapping[str, list[float | int]]) -> dict[str, list[tuple[float | int, float]]]:
        """The values worth trying of each measure, each with what changing the measure to it costs."""
        costs, rulebook, evidence = self.costs, self.judge.rulebook, self.case.evidence
        out = {}
        for m, values in options.items():
            row = []
            for v in values:
                cost = costs.get((m, v))
                if cost is None:
                    cost = costs[m, v] = _cost(rulebook, evidence[m], v)
                row.append((v, cost))
            out[m] = row
        return out

    def verify(self, area_id: str, changes: Sequence[Change], target: Grade) -> bool:
        """Whether the case with ``changes`` made gets ``target`` in ``area_id`` through the engine: the
        changed items checked as the case was, the case's fact with their fields written anew, the area
        and every area of its level and below judged by the engine, every firing checked."""
        key = tuple((c.measure, c.new) for c in changes)
        grades = self.judged.get(key, {})
        if grades is not None and area_id not in grades:  # not yet judged this deep
            grades = self.judged[key] = self._judged(changes, area_id)
        return grades is not None and grades[area_id] == target

    def _judged(self, changes: Sequence[Change], area_id: str) -> dict[str, Grade] | None:
        """The grades the engine gives the changed case, to the level of ``area_id`` (None when a changed
        item does not pass the checks)."""
        rulebook = self.judge.rulebook
        changed = _with_changes(self.case, changes)
        try:
            check_changed(rulebook, changed, [c.measure for c in changes])
        except JudgementError:
            return None
        values = dict(self.reruns.base)
        fresh: set[str] = set()
        for change in changes:
            fresh.update(replace_item(rulebook, changed.evidence[change.measure], values))
        decisions = self.judge.run_to(changed, values, area_id, self.reruns, fresh)
        return {a.id: d.grade for a, d in zip(rulebook.areas, decisions, strict=True) if d is not None}


#: Each kept search, by (judge, the case's evidence): identified by the objects themselves, which the
#: search holds, so a key cannot be taken by another case while it is kept.
_SEARCHES: dict[tuple[int, int], _CaseSearch] = {}


def _search_for(judge: Judge, case: Case) -> _CaseSearch:
    key = (id(judge), id(case.evidence))
    found = _SEARCHES.get(key)
    if found is None or found.judge is not judge or found.case.evidence is not case.evidence:
        while len(_SEARCHES) >= CASES_KEPT:
            del _SEARCHES[next(iter(_SEARCHES))]
        found = _SEARCHES[key] = _CaseSearch(judge, case)
    return found


def case_values(judge: Judge, case: Case) -> Mapping[str, float | int | Fraction]:
    """A case's flat fact, as the searches of its areas keep it (made once for all its explanations)."""
    return _search_for(judge, case).values


def clear_searches() -> None:
    """Forget what the searches of recent cases learnt."""
    _SEARCHES.clear()
    _MEASURE_TESTS.clear()


def _lower_first(title: str) -> str:
    """ "Initial assessments" -> "initial assessments", but "CAF use" stays as it is."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _signed(value: float) -> str:
    text = format_value(abs(value))
    return ("+" if value > 0 else "-" if value < 0 else "") + text
