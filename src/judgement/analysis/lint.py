"""Rulebook analysis: rules that can never fire or never decide, overlaps, thresholds outside a measure's
range, comparisons that reward the wrong direction, and evidence no rule reads.

Conditions are analysed in disjunctive normal form. Where a comparison is against a number, each
alternative is a box of intervals and the questions (is it empty? is it inside another?) are answered
exactly. Where a comparison is against other values (``x < x.england - 10``, ``days > timescale``), the
answer comes from sampling: random evidence within each measure's range, evaluated by the reference
evaluator, and a finding is reported only if no sample contradicts it.

Gaps (evidence for which no rule gives a grade) cannot occur: validation requires a default rule in
every area, and the default applies whenever the area's required evidence is present.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator, Sequence

from judgement._attrs import frozen
from judgement._fmt import format_value
from judgement.errors import Problem
from judgement.lang.ast import COMPARATORS
from judgement.lang.evaluate import evaluate
from judgement.lang.normal import AllOf, AnyOf, Condition, Const, Field, Test, field_name
from judgement.lang.normal import fields as fields_of
from judgement.lang.normal import tests as tests_of
from judgement.model import Area, Direction, Policy, Rule, Rulebook, Unit
from judgement.source import Location

__all__ = ["SAMPLES", "lint"]

#: Random evidence points tried when a question cannot be answered with intervals.
SAMPLES = 4000

_GOOD = {"higher": (">", ">="), "lower": ("<", "<=")}


def _finding(code: str, message: str, location: Location | None) -> Problem:
    """A lint finding: a :class:`~judgement.errors.Problem` with a ``lint.*`` code."""
    return Problem(message, location, code=f"lint.{code}")


# ---------------------------------------------------------------------------------------------- boxes


@frozen
class _Interval:
    lo: float = -math.inf
    lo_open: bool = False
    hi: float = math.inf
    hi_open: bool = False
    points: frozenset[float] | None = None  # == constraints (None: any value in the interval)
    excluded: frozenset[float] = frozenset()  # != constraints

    def meet(self, other: _Interval) -> _Interval:
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_open = min((self.hi, not self.hi_open), (other.hi, not other.hi_open))
        points = (
            self.points
            if other.points is None
            else (other.points if self.points is None else self.points & other.points)
        )
        return _Interval(lo, lo_open, hi, not hi_open, points, self.excluded | other.excluded)

    def holds(self, x: float) -> bool:
        above = x > self.lo if self.lo_open else x >= self.lo
        below = x < self.hi if self.hi_open else x <= self.hi
        in_points = self.points is None or x in self.points
        return above and below and in_points and x not in self.excluded

    def closed(self, whole: bool) -> _Interval:
        """For whole-number measures, the same set written with closed integer bounds."""
        if not whole:
            return self
        lo, hi = self.lo, self.hi
        if math.isfinite(lo):
            lo = math.floor(lo) + 1 if self.lo_open and lo == math.floor(lo) else math.ceil(lo)
        if math.isfinite(hi):
            hi = math.ceil(hi) - 1 if self.hi_open and hi == math.ceil(hi) else math.floor(hi)
        return _Interval(lo, False, hi, False, self.points, self.excluded)

    def empty(self, whole: bool) -> bool:
        if self.points is not None:
            return not any(self.holds(p) and (not whole or p == int(p)) for p in self.points)
        iv = self.closed(whole)
        if iv.lo > iv.hi or (iv.lo == iv.hi and (iv.lo_open or iv.hi_open)):
            return True
        if iv.lo == iv.hi:
            return iv.lo in iv.excluded
        if whole and iv.hi - iv.lo + 1 <= len(iv.excluded):
            return all(v in iv.excluded for v in range(int(iv.lo), int(iv.hi) + 1))
        return False

    def inside(self, other: _Interval, whole: bool) -> bool:
        """Whether every value of self also satisfies other (self ⊆ other)."""
        if self.empty(whole):
            return True
        if self.points is not None:
            return all(other.holds(p) for p in self.points if self.holds(p))
        if other.points is not None:
            return False
        a, b = self.closed(whole), other.closed(whole)
        low_ok = a.lo > b.lo or (a.lo == b.lo and (a.lo_open or not b.lo_open))
        high_ok = a.hi < b.hi or (a.hi == b.hi and (a.hi_open or not b.hi_open))
        return low_ok and high_ok and all(not a.holds(x) for x in b.excluded)


def _interval(op: str, value: float) -> _Interval:
    return {
        "<": _Interval(hi=value, hi_open=True),
        "<=": _Interval(hi=value),
        ">": _Interval(lo=value, lo_open=True),
        ">=": _Interval(lo=value),
        "==": _Interval(points=frozenset({value})),
        "!=": _Interval(excluded=frozenset({value})),
    }[op]


def _dnf(cond: Condition) -> list[list[Test]]:
    if isinstance(cond, Test):
        return [[cond]]
    parts = [_dnf(item) for item in cond.items]
    if isinstance(cond, AnyOf):
        return [alt for part in parts for alt in part]
    assert isinstance(cond, AllOf)
    return [[t for alt in combo for t in alt] for combo in itertools.product(*parts)]


@frozen
class _Box:
    intervals: dict[str, _Interval]
    exact: bool  # every test was against a number (no sampling needed)


class _Domain:
    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook

    def measure(self, f: Field) -> tuple[float, float, bool]:
        if f.grade:  # a rank on the area's scale
            return 0.0, float(len(self.rulebook.scale_of(f.name).grades) - 1), True
        if f.parameter:
            values = [float(v.value) for v in self.rulebook.parameters[f.name].values]
            return min(values), max(values), False
        m = self.rulebook.measures[f.name]
        if f.attr == "n":
            return 1.0, 1e9, True
        return m.minimum, m.maximum, m.unit.whole

    def box(self, tests: Sequence[Test]) -> _Box:
        intervals: dict[str, _Interval] = {}
        exact = True
        for t in tests:
            low, high, _ = self.measure(t.field)
            base = intervals.get(t.field.key, _Interval(lo=low, hi=high))
            if isinstance(t.rhs, Const):
                intervals[t.field.key] = base.meet(_interval(t.op, float(t.rhs.value)))
            else:
                intervals[t.field.key] = base
                exact = False
        return _Box(intervals, exact)

    def whole(self, key: str, tests: Sequence[Test]) -> bool:
        for t in tests:
            if t.field.key == key:
                return self.measure(t.field)[2]
        return False

    def empty(self, box: _Box, tests: Sequence[Test]) -> bool:
        return any(iv.empty(self.whole(k, tests)) for k, iv in box.intervals.items())

    def inside(self, a: _Box, a_tests: Sequence[Test], b: _Box, b_tests: Sequence[Test]) -> bool:
        """Exactly: every point of box a lies in box b (b's unconstrained fields accept anything)."""
        for key, b_iv in b.intervals.items():
            a_iv = a.intervals.get(key)
            if a_iv is None:
                low, high, whole = self.measure(next(t.field for t in b_tests if t.field.key == key))
                a_iv = _Interval(lo=low, hi=high)
            else:
                whole = self.whole(key, a_tests)
            if not a_iv.inside(b_iv, whole):
                return False
        return True


# --------------------------------------------------------------------------------------------- sampling


class _Sampler:
    def __init__(self, rulebook: Rulebook, seed: int = 2010) -> None:
        self.rulebook = rulebook
        self.rnd = random.Random(seed)
        self.points: list[dict[str, float | int]] = []
        thresholds: dict[str, list[float]] = {}
        for area in rulebook.areas:
            for rule in area.rules:
                if rule.normal is not None:
                    for t in tests_of(rule.normal):
                        if isinstance(t.rhs, Const):
                            thresholds.setdefault(t.field.key, []).append(float(t.rhs.value))
        self.thresholds = thresholds

    def value(self, key: str, low: float, high: float, whole: bool) -> float | int:
        near = self.thresholds.get(key)
        if near and self.rnd.random() < 0.3:
            x = self.rnd.choice(near) + self.rnd.choice((-1, 0, 1)) * (1 if whole else 0.5)
        else:
            x = self.rnd.uniform(low, min(high, 1000.0))
        x = min(max(x, low), high)
        return round(x) if whole else round(x, 2)

    def sample(self, count: int) -> list[dict[str, float | int]]:
        while len(self.points) < count:
            fact: dict[str, float | int] = {}
            for m in self.rulebook.measures.values():
                fact[m.id] = self.value(m.id, m.minimum, m.maximum, m.unit.whole)
                if m.unit is not Unit.FLAG:
                    for attr in COMPARATORS:
                        key = field_name(m.id, attr)
                        fact[key] = self.value(key, m.minimum, m.maximum, m.unit.whole)
                n = fact[field_name(m.id, "n")] = self.rnd.randint(5, 60)
                if m.counted:  # a count out of the sample, on its own near its thresholds
                    fact[field_name(m.id, "count")] = self.value(field_name(m.id, "count"), 0, n, True)
            for p in self.rulebook.parameters.values():
                fact[field_name(p.id, parameter=True)] = self.rnd.choice(p.values).value
            for area in self.rulebook.areas:  # every area's grade, for derived judgements
                top = len(self.rulebook.scale_of(area).grades) - 1
                fact[field_name(area.id, grade=True)] = self.rnd.randint(0, top)
            self.points.append(fact)
        return self.points[:count]

    def cleaned(self, point: dict[str, float | int], keep: set[str]) -> dict[str, float | int]:
        """``point`` with every value not in ``keep`` moved to where it is best: a measure to its better
        end, its comparators to the other end, a flag cleared, an area's grade to the top of its scale.
        Random evidence rarely makes a dozen other findings all false at once; a case that is good in
        everything but what one rule reads is the fairest test of whether that rule can decide."""
        out = dict(point)
        for m in self.rulebook.measures.values():
            if m.better is Direction.NEITHER:
                continue
            high = m.better is Direction.HIGHER
            best, other = (m.maximum, m.minimum) if high else (m.minimum, m.maximum)
            moves = {m.id: best, **{field_name(m.id, attr): other for attr in COMPARATORS}}
            if m.counted:  # all of the sample, or none of it
                moves[field_name(m.id, "count")] = out[field_name(m.id, "n")] if high else 0
            out.update((key, value) for key, value in moves.items() if key in out and key not in keep)
        for area in self.rulebook.areas:
            key = field_name(area.id, grade=True)
            if key not in keep:
                out[key] = len(self.rulebook.scale_of(area).grades) - 1
        return out


# ---------------------------------------------------------------------------------------------- checks


def lint(rulebook: Rulebook, *, samples: int = SAMPLES) -> list[Problem]:
    """Every finding for ``rulebook``, in file order."""
    domain = _Domain(rulebook)
    sampler = _Sampler(rulebook)
    findings: list[Problem] = []
    for area in rulebook.areas:
        findings.extend(_area_findings(rulebook, area, domain, sampler, samples))
        findings.extend(_dated(rulebook, area))
        findings.extend(_undeclared(area))
        findings.extend(_reasons(rulebook, area))
    findings.extend(_unused(rulebook))
    return findings


def _alternatives(rule: Rule, domain: _Domain) -> list[tuple[list[Test], _Box]]:
    assert rule.normal is not None
    return [(alt, domain.box(alt)) for alt in _dnf(rule.normal)]


def _area_findings(
    rulebook: Rulebook, area: Area, domain: _Domain, sampler: _Sampler, samples: int
) -> Iterator[Problem]:
    rules = [r for r in area.rules if r.normal is not None]
    alts = {r.id: _alternatives(r, domain) for r in rules}
    live: dict[str, list[tuple[list[Test], _Box]]] = {}
    for rule in rules:
        yield from _comparisons(rulebook, rule, domain)
        possible = [(t, b) for t, b in alts[rule.id] if not domain.empty(b, t)]
        if not possible:
            yield _finding(
                "never-fires",
                f"rule {rule.id} can never fire: its condition contradicts itself or the measures' ranges",
                rule.location,
            )
            continue
        if all(b.exact for _, b in possible):
            live[rule.id] = possible
        elif not any(_holds(rule, p) for p in sampler.sample(samples)):
            yield _finding(
                "never-fires",
                f"rule {rule.id} never fired on {samples:,} sampled cases (its condition may contradict itself)",
                rule.location,
            )
            continue
        else:
            live[rule.id] = possible
    yield from _shadowing(area, rules, live, domain, sampler, samples)


def _blockers(area: Area, rule: Rule, rules: Sequence[Rule]) -> list[Rule]:
    """The rules whose firing stops ``rule`` deciding the grade, under the area's policy (limits cap a
    grade rather than decide it, and a rule never blocks one whose dates it does not share)."""
    if rule.limit:
        return []
    if area.policy is Policy.FIRST:
        before = list(rules[: rules.index(rule)])
    elif area.policy is Policy.PRIORITY:
        before = [r for r in rules if r.grade.rank < rule.grade.rank]
    else:
        return []
    return [r for r in before if not r.limit and _spans_meet(r, rule)]


def _spans_meet(a: Rule, b: Rule) -> bool:
    """Whether two rules are in force on some day together."""
    starts = [d for d in (a.effective_from, b.effective_from) if d is not None]
    ends = [d for d in (a.effective_to, b.effective_to) if d is not None]
    return not starts or not ends or max(starts) <= min(ends)


def _dated(rulebook: Rulebook, area: Area) -> Iterator[Problem]:
    """Dated rules of one grade in an area form a series: spans that overlap, and days of the rulebook's
    life that none covers (when no undated rule of that grade stands in). A rule dated only by its area's
    dates (a judgement given for a time) is undated here: it stands for the area's whole life."""

    def dated(rule: Rule) -> bool:
        return rule.dated and (rule.effective_from, rule.effective_to) != (area.effective_from, area.effective_to)

    grades = dict.fromkeys(r.grade for r in area.rules if dated(r) and not r.default)
    for grade in grades:
        same = [r for r in area.rules if r.grade == grade and not r.default and r.limit is False]
        if any(not dated(r) for r in same):
            continue
        series = sorted(same, key=lambda r: r.effective_from or dt.date.min)
        for before, after in itertools.pairwise(series):
            if _spans_meet(before, after):
                starts = [d for d in (before.effective_from, after.effective_from) if d is not None]
                start = max(starts) if starts else rulebook.effective_from
                yield _finding(
                    "dated-overlap",
                    f"dated rules {before.id} and {after.id} ({grade.label}) are both in force from "
                    f"{start.isoformat()}",
                    after.location,
                )
        # the area's own life: a judgement given only for a time has no gap outside it
        day = max(rulebook.effective_from, area.effective_from or dt.date.min)
        ends = [d for d in (rulebook.effective_to, area.effective_to) if d is not None]
        end = min(ends) if ends else None
        for rule in series:
            start = rule.effective_from or dt.date.min
            if start > day and (end is None or day <= end):
                last = min(start - dt.timedelta(days=1), end) if end else start - dt.timedelta(days=1)
                yield _finding(
                    "dated-gap",
                    f"no {grade.label} rule of area {area.id} is in force from {day.isoformat()} to "
                    f"{last.isoformat()} (before {rule.id})",
                    rule.location,
                )
            if rule.effective_to is None:
                day = dt.date.max
                break
            day = max(day, rule.effective_to + dt.timedelta(days=1))
        if day != dt.date.max and (end is None or day <= end):
            tail = f"to {end.isoformat()}" if end else "on"
            yield _finding(
                "dated-gap",
                f"no {grade.label} rule of area {area.id} is in force from {day.isoformat()} {tail} "
                f"(after {series[-1].id})",
                series[-1].location,
            )


def _holds(rule: Rule, point: dict[str, float | int]) -> bool:
    assert rule.normal is not None
    return evaluate(rule.normal, point).outcome is True


def _shadowing(
    area: Area,
    rules: Sequence[Rule],
    live: dict[str, list[tuple[list[Test], _Box]]],
    domain: _Domain,
    sampler: _Sampler,
    samples: int,
) -> Iterator[Problem]:
    for rule in rules:
        if rule.id not in live:
            continue
        if area.policy is Policy.UNIQUE:
            for other in rules[rules.index(rule) + 1 :]:
                if other.id in live and _overlap(rule, other, live, domain, sampler, samples):
                    yield _finding(
                        "overlap",
                        f"rules {rule.id} and {other.id} can both fire, which the unique policy reports as a conflict",
                        other.location,
                    )
            continue
        blockers = [b for b in _blockers(area, rule, rules) if b.id in live]
        if not blockers:
            continue
        exact = all(box.exact for b in (rule, *blockers) for _, box in live[b.id])
        if exact:
            shadowed = all(
                any(domain.inside(box, tests, b_box, b_tests) for b in blockers for b_tests, b_box in live[b.id])
                for tests, box in live[rule.id]
            )
        else:
            keep = {f.key for t in tests_of(rule.normal) for f in t.reads} if rule.normal is not None else set()
            points = [p for p in sampler.sample(samples) if _holds(rule, p)]
            points += [q for q in (sampler.cleaned(p, keep) for p in points) if _holds(rule, q)]
            shadowed = bool(points) and all(any(_holds(b, p) for b in blockers) for p in points)
        if shadowed:
            names = ", ".join(b.id for b in blockers)
            how = "" if exact else f" (on {samples:,} sampled cases)"
            yield _finding(
                "shadowed",
                f"rule {rule.id} can never decide the grade: whenever it fires, "
                f"{names} also fires and wins under the {area.policy.value} policy{how}",
                rule.location,
            )


def _overlap(
    a: Rule, b: Rule, live: dict[str, list[tuple[list[Test], _Box]]], domain: _Domain, sampler: _Sampler, samples: int
) -> bool:
    if all(box.exact for r in (a, b) for _, box in live[r.id]):
        for (ta, _ba), (tb, _bb) in itertools.product(live[a.id], live[b.id]):
            merged = domain.box([*ta, *tb])
            if not domain.empty(merged, [*ta, *tb]):
                return True
        return False
    return any(_holds(a, p) and _holds(b, p) for p in sampler.sample(samples))


def _comparisons(rulebook: Rulebook, rule: Rule, domain: _Domain) -> Iterator[Problem]:
    assert rule.normal is not None
    for test in tests_of(rule.normal):
        f = test.field
        if not f.measure or f.attr == "n":
            continue
        measure = rulebook.measures[f.name]
        if isinstance(test.rhs, Const):
            low, high, whole = domain.measure(f)
            full = _Interval(lo=low, hi=high)
            cut = full.meet(_interval(test.op, float(test.rhs.value)))
            if cut.empty(whole) or full.inside(cut, whole):
                always = "never" if cut.empty(whole) else "always"
                yield _finding(
                    "out-of-range",
                    f"{test.source} is {always} true: {measure.id} lies between "
                    f"{format_value(low)} and {format_value(high)}",
                    test.origin,
                )
        if f.attr is not None or (test.op in ("==", "!=") and measure.unit is not Unit.FLAG):
            continue
        good = _good_direction(test, measure.better)
        if good is None:
            continue
        favourable = rulebook.scale(rule.grade.scale).favourable(rule.grade)
        if good != favourable:
            which = "rewards" if favourable else "penalises"
            way = "lower" if measure.better is Direction.HIGHER else "higher"
            if not favourable:
                way = "higher" if measure.better is Direction.HIGHER else "lower"
            yield _finding(
                "wrong-direction",
                f"{rule.grade.label} rule {rule.id} {which} {measure.id} being "
                f"{way}, but {measure.better.value} is better ({test.source})",
                test.origin,
            )


def _good_direction(test: Test, better: Direction) -> bool | None:
    """Whether the test holds for good values of its field (True), bad ones (False), or cannot tell."""
    if better is Direction.NEITHER:
        return None
    op = test.op
    if op in ("==", "!="):  # flags: == 1 means "yes"
        if not isinstance(test.rhs, Const) or test.rhs.value not in (0, 1):
            return None
        yes = (op == "==") == (test.rhs.value == 1)
        return yes == (better is Direction.HIGHER)
    return op in _GOOD[better.value]


def _reasons(rulebook: Rulebook, area: Area) -> Iterator[Problem]:
    """Reasons that can say what the data do not: one reason for several alternatives that names evidence
    an alternative does not read (it fires on that alternative alone, and the reason claims the rest), and
    a default reason that names evidence the area does not require (it prints "[no evidence]")."""
    for rule in area.rules:
        names = [p for p in rule.because.parts if not isinstance(p, str) and p.name in rulebook.measures]
        if rule.default:
            for p in names:
                if p.name not in area.requires:
                    yield _finding(
                        "default-missing-value",
                        f"the default reason of area {area.id} names {{{p.text}}}, which the area does not require: "
                        "it prints [no evidence] when the case lacks it",
                        p.location,
                    )
            continue
        if rule.reasons or rule.normal is None or not isinstance(rule.normal, AnyOf):
            continue
        alternatives = rule.alternatives
        if len(alternatives) != len(rule.normal.items) or len(alternatives) < 2:
            continue
        for text, item in zip(alternatives, rule.normal.items, strict=True):
            read = {f.name for t in tests_of(item) for f in t.reads if f.measure}
            unread = [p for p in names if p.name not in read]
            if unread:
                p = unread[0]
                yield _finding(
                    "reason-unread",
                    f"rule {rule.id} fires on '{text}' alone, but its reason names {{{p.text}}}, which that "
                    "alternative does not read: give each alternative its own reason (because: [...])",
                    p.location,
                )
                break


def _undeclared(area: Area) -> Iterator[Problem]:
    """Evidence a rule reads that its area neither requires nor lists as optional: whether it may be
    missing should be a decision the rulebook states."""
    declared = {*area.requires, *area.optional}
    reported: set[str] = set()
    for rule in area.rules:
        if rule.normal is None:
            continue
        for test in tests_of(rule.normal):
            for f in test.reads:
                if f.measure and f.name not in declared and f.name not in reported:
                    reported.add(f.name)
                    yield _finding(
                        "undeclared-evidence",
                        f"rule {rule.id} reads {f.name}, which area {area.id} neither requires nor lists as optional",
                        test.origin,
                    )


def _unused(rulebook: Rulebook) -> Iterator[Problem]:
    used: set[str] = set()
    for area in rulebook.areas:
        read: set[str] = set()
        for rule in area.rules:
            if rule.normal is not None:
                for t in tests_of(rule.normal):
                    read.update(f.name for f in (t.field, *fields_of(t.rhs)) if f.measure)
            read.update(p.name for p in rule.because.parts if not isinstance(p, str))
        used |= read | set(area.requires) | set(area.optional)
        for mid in area.requires:
            if mid not in read:
                yield _finding(
                    "required-unused",
                    f"area {area.id} requires {mid} but none of its rules or reasons read it",
                    area.location,
                )
    for mid, measure in rulebook.measures.items():
        if mid not in used:
            yield _finding("unused-measure", f"measure {mid} is declared but no area reads it", measure.location)
