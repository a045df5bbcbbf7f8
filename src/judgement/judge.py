"""Judging a case: check it, build its fact, run the engine, apply hit policies, build the trace.

Every grade comes from rules that durable_rules fired; the reference evaluator
(:mod:`judgement.evaluate`) runs alongside only to explain, and if it ever disagrees with the engine the
judgement fails loudly with :class:`~judgement.errors.EngineError` rather than return a doubtful grade.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from judgement import __version__
from judgement.compile import CompiledRulebook, compile_rulebook
from judgement.decide import Decision, decide
from judgement.engine import Engine, engine_for
from judgement.errors import EngineError
from judgement.evaluate import Evaluation, Outcome, TestResult, compile_condition, evaluate
from judgement.expr import Arith, Field
from judgement.expr import fields as fields_of
from judgement.expr import tests as tests_of
from judgement.model import Area, Case, Evidence, Grade, Rule, Rulebook, Template, Unit
from judgement.stats import wilson
from judgement.trace import (
    FIRED,
    NOT_EVALUABLE,
    NOT_FIRED,
    AreaTrace,
    Borderline,
    Comparison,
    EvidenceUse,
    PolicyStep,
    RuleStep,
    Stamp,
)
from judgement.validate import check_case

__all__ = ["ENGINE_NAME", "AreaJudgement", "Judgement", "case_fact", "format_value", "judge", "prepare"]

ENGINE_NAME = "durable-rules 2.0.28"


def _given(trace: AreaTrace) -> AreaTrace:
    return trace


@attrs.frozen
class AreaJudgement:
    """The grade of one area, why, and the trace behind it.

    The grade, reason and rules are decided when the case is judged; the full trace (every rule's outcome
    with its margins, the evidence, borderline comparisons) is built the first time it is read, so work
    that only needs grades does not pay for it. Either way it is the same data.
    """

    area: str
    title: str
    grade: Grade
    status: str  # judged, not_judged or conflict
    reason: str
    rules_fired: tuple[str, ...]
    _build: Callable[[], AreaTrace] = attrs.field(eq=False, repr=False, alias="build")
    _cache: dict[str, AreaTrace] = attrs.field(factory=dict, eq=False, repr=False, init=False)

    @property
    def trace(self) -> AreaTrace:
        """The reasoning trace (built on first use, then kept)."""
        trace = self._cache.get("trace")
        if trace is None:
            trace = self._cache["trace"] = self._build()
        return trace

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its trace built, so it can travel to other processes."""
        build = functools.partial(_given, self.trace)
        return (AreaJudgement, (self.area, self.title, self.grade, self.status, self.reason, self.rules_fired, build))

    @property
    def borderline(self) -> bool:
        """Whether a deciding threshold lies inside the 95% interval of a sampled percentage."""
        return bool(self.trace.borderline)

    def to_dict(self, *, trace: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "area": self.area,
            "title": self.title,
            "grade": self.grade.value,
            "status": self.status,
            "reason": self.reason,
            "rules_fired": list(self.rules_fired),
            "borderline": self.borderline,
        }
        if trace:
            data["trace"] = self.trace.to_dict()
        return data


@attrs.frozen
class Judgement:
    """Every area of one case judged under one rulebook, with a reproducibility stamp."""

    case: Case
    rulebook: Rulebook = attrs.field(repr=False)
    areas: Mapping[str, AreaJudgement]
    _cache: dict[str, Stamp] = attrs.field(factory=dict, eq=False, repr=False, init=False)

    @property
    def stamp(self) -> Stamp:
        """The reproducibility stamp (computed on first use)."""
        found = self._cache.get("stamp")
        if found is None:
            found = self._cache["stamp"] = stamp(self.rulebook, self.case)
        return found

    def __iter__(self) -> Iterator[AreaJudgement]:
        return iter(self.areas.values())

    def by_grade(self, grade: Grade) -> list[AreaJudgement]:
        return [a for a in self.areas.values() if a.grade is grade]

    def explain(self, area_id: str) -> Any:
        """Why this area got its grade, why not the others, what would change it and how sure
        (a :class:`judgement.explain.Explanation`)."""
        from judgement.explain import explain

        return explain(self, area_id)

    def to_dict(self, *, trace: bool = True) -> dict[str, Any]:
        case = self.case.to_dict()
        case["path"] = str(self.case.path) if self.case.path else None
        return {
            "case": case,
            "rulebook": {"id": self.rulebook.id, "version": self.rulebook.version, "digest": self.rulebook.digest},
            "areas": [a.to_dict(trace=trace) for a in self.areas.values()],
            "stamp": self.stamp.to_dict(),
        }

    def to_json(self, *, trace: bool = True, indent: int | None = 2) -> str:
        """Deterministic JSON: the same rulebook and case always give the same bytes."""
        return json.dumps(self.to_dict(trace=trace), indent=indent, ensure_ascii=False, sort_keys=False)


# ---------------------------------------------------------------------------------------- preparation


@attrs.frozen
class _Prepared:
    rulebook: Rulebook
    compiled: CompiledRulebook
    engine: Engine
    rule_of: Mapping[str, tuple[int, Rule]]  # engine name -> (area index, rule)
    reads: tuple[tuple[str, ...], ...]  # per area: measures it reads, in first-use order
    when: Mapping[str, str]  # rule id -> its condition as text
    at: Mapping[str, str]  # rule id -> file:line:column
    tests: Mapping[int, tuple[str, str]]  # id(test) -> (right-hand side as text, file:line:column)
    reads_of: Mapping[str, tuple[tuple[str, str], ...]]  # rule id -> (fact key, text) of every value it reads
    checks: tuple[tuple[tuple[Rule, Outcome | None], ...], ...]  # per area: each rule and its compiled outcome
    measure_text: Mapping[str, tuple[str, str, str]]  # measure id -> (title, unit, better)
    grade_text: Mapping[str, str]  # rule id -> its grade's name
    decisions: tuple[dict[tuple[frozenset[str], tuple[str, ...]], Decision], ...]  # per area: decide() memo


_PREPARED: dict[int, _Prepared] = {}
_PREPARE_LOCK = threading.Lock()


def prepare(rulebook: Rulebook) -> _Prepared:
    """Compile a rulebook and register it with the engine, once per rulebook object per process."""
    prepared = _PREPARED.get(id(rulebook))
    if prepared is not None and prepared.rulebook is rulebook:
        return prepared
    with _PREPARE_LOCK:
        compiled = compile_rulebook(rulebook)
        rule_of: dict[str, tuple[int, Rule]] = {}
        by_id = {(a.id, r.id): (i, r) for i, a in enumerate(rulebook.areas) for r in a.rules}
        for name, key in compiled.rules.items():
            rule_of[name] = by_id[key]
        reads = tuple(_area_reads(area, rulebook.measures) for area in rulebook.areas)
        rules = [r for a in rulebook.areas for r in a.rules]
        tests = {
            id(t): (_expr_text(t.rhs), str(t.origin)) for r in rules if r.normal is not None for t in tests_of(r.normal)
        }
        prepared = _Prepared(
            rulebook,
            compiled,
            engine_for(compiled),
            rule_of,
            reads,
            when={r.id: r.when for r in rules},
            at={r.id: str(r.location) if r.location else "" for r in rules},
            tests=tests,
            reads_of={r.id: _rule_reads(r, area) for area in rulebook.areas for r in area.rules},
            checks=tuple(
                tuple((r, compile_condition(r.normal) if r.normal is not None else None) for r in area.rules)
                for area in rulebook.areas
            ),
            decisions=tuple({} for _ in rulebook.areas),
            measure_text={m.id: (m.title, m.unit.value, m.better.value) for m in rulebook.measures.values()},
            grade_text={r.id: r.grade.value for r in rules},
        )
        _PREPARED[id(rulebook)] = prepared
        return prepared


def _rule_reads(rule: Rule, area: Area) -> tuple[tuple[str, str], ...]:
    if rule.normal is None:
        return tuple((m, m) for m in area.requires)
    pairs: dict[str, str] = {}
    for test in tests_of(rule.normal):
        for f in (test.field, *fields_of(test.rhs)):
            pairs.setdefault(f.key, f.text)
    return tuple(pairs.items())


def _area_reads(area: Area, measures: Mapping[str, Any]) -> tuple[str, ...]:
    names: dict[str, None] = dict.fromkeys(area.requires)
    for rule in area.rules:
        if rule.normal is not None:
            for test in tests_of(rule.normal):
                for f in (test.field, *fields_of(test.rhs)):
                    if not f.parameter:
                        names[f.name] = None
        for part in rule.because.parts:
            if not isinstance(part, str) and part.name in measures:
                names.setdefault(part.name, None)
    return tuple(names)


# --------------------------------------------------------------------------------------------- judging


def case_fact(rulebook: Rulebook, case: Case, fields: tuple[str, ...] | None = None) -> dict[str, float | int]:
    """The flat fact for ``case``: measure values, comparators and parameters in force on its date."""
    fact: dict[str, float | int] = {}
    for mid, item in case.evidence.items():
        fact[mid] = int(item.value) if isinstance(item.value, bool) else item.value
        for attr in ("england", "neighbours", "n"):
            value = getattr(item, attr)
            if value is not None:
                fact[f"{mid}__{attr}"] = value
    for pid, parameter in rulebook.parameters.items():
        dated = parameter.at(case.inspected)
        if dated is not None:
            fact[f"p__{pid}"] = dated.value
    if fields is not None:
        wanted = set(fields)
        fact = {k: v for k, v in fact.items() if k in wanted}
    return fact


def judge(rulebook: Rulebook, case: Case) -> Judgement:
    """Judge every area of ``case``. Raises :class:`~judgement.errors.CaseError` for invalid evidence.

    Every rule's outcome from the engine is checked against the reference evaluator before a grade is
    given; a disagreement raises :class:`~judgement.errors.EngineError`.
    """
    check_case(rulebook, case)
    prepared = prepare(rulebook)
    values = case_fact(rulebook, case)
    fired_names = prepared.engine.run({k: values[k] for k in prepared.compiled.fields if k in values})
    fired_by_area: list[set[str]] = [set() for _ in rulebook.areas]
    for name in fired_names:
        index, rule = prepared.rule_of[name]
        fired_by_area[index].add(rule.id)
    shared: dict[tuple[str, bool], EvidenceUse] = {}  # one EvidenceUse per measure, shared by the areas
    areas: dict[str, AreaJudgement] = {}
    for index, area in enumerate(rulebook.areas):
        fired = fired_by_area[index]
        missing = tuple(m for m in area.requires if m not in case.evidence)
        for rule, outcome in prepared.checks[index]:
            expected = (outcome(values) is True) if outcome is not None else not missing
            if expected != (rule.id in fired):
                raise EngineError(
                    f"engine and reference evaluator disagree on rule {rule.id} for case {case.id} "
                    f"(engine {'fired' if rule.id in fired else 'did not fire'}); please report this"
                )
        memo = prepared.decisions[index]
        key = (frozenset(fired), missing)
        decision = memo.get(key)
        if decision is None:
            decision = decide(area, [r for r in area.rules if r.id in fired], missing)
            if len(memo) < 4096:
                memo[key] = decision
        build = functools.partial(_area_trace, prepared, case, index, fired, decision, missing, values, shared)
        areas[area.id] = AreaJudgement(
            area.id,
            area.title,
            decision.grade,
            decision.status,
            _reason(rulebook, case, area, decision, missing),
            decision.chosen,
            build,
        )
    return Judgement(case, rulebook, areas)


def _area_trace(
    prepared: _Prepared,
    case: Case,
    index: int,
    fired: set[str],
    decision: Decision,
    missing: tuple[str, ...],
    values: Mapping[str, float | int],
    shared: dict[tuple[str, bool], EvidenceUse],
) -> AreaTrace:
    """Everything behind one area's grade, from the full reference evaluation of each rule."""
    rulebook = prepared.rulebook
    area = rulebook.areas[index]
    evidence = []
    for mid in prepared.reads[index]:
        key = (mid, mid in area.requires)
        use = shared.get(key)
        if use is None:
            use = shared[key] = _evidence_use(prepared.measure_text[mid], case.evidence.get(mid), mid, key[1])
        evidence.append(use)
    steps = []
    for rule in area.rules:
        evaluation = evaluate(rule.normal, values) if rule.normal is not None else None
        expected = (evaluation.outcome is True) if evaluation is not None else not missing
        if expected != (rule.id in fired):
            raise EngineError(
                f"engine and reference evaluator disagree on rule {rule.id} for case {case.id} "
                f"(engine {'fired' if rule.id in fired else 'did not fire'}); please report this"
            )
        steps.append(_rule_step(prepared, rule, evaluation, rule.id in fired, decision, missing, values))
    return AreaTrace(
        evidence=tuple(evidence),
        rules=tuple(steps),
        policy=PolicyStep(
            decision.policy.value, decision.fired, decision.chosen, decision.grade.value, decision.status, decision.note
        ),
        borderline=_borderline(rulebook, case, steps) if not missing else (),
    )


def _borderline(rulebook: Rulebook, case: Case, steps: list[RuleStep]) -> tuple[Borderline, ...]:
    """Deciding comparisons whose threshold lies inside the 95% interval of a sampled percentage."""
    found: dict[tuple[str, str], Borderline] = {}
    for step in steps:
        for c in step.comparisons:
            item = case.evidence.get(c.left)
            if item is None or item.n is None or c.required is None or c.margin is None:
                continue
            if rulebook.measures[c.left].unit is not Unit.PERCENT or isinstance(item.value, bool):
                continue
            low, high = wilson(float(item.value), item.n)
            if low <= c.required <= high:
                key = (step.rule, c.test)
                found.setdefault(
                    key,
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


def _reason(rulebook: Rulebook, case: Case, area: Area, decision: Decision, missing: tuple[str, ...]) -> str:
    if missing:
        titles = [rulebook.measures[m].title.lower() for m in missing]
        return f"Not judged: the case gives no evidence of {_join(titles)}."
    if decision.status == "conflict":
        return f"Not judged: rules {_join(list(decision.chosen))} all apply and this area's policy allows only one."
    rules = {r.id: r for r in area.rules}
    return " ".join(render_template(rules[rid].because, rulebook, case) for rid in decision.chosen)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def render_template(template: Template, rulebook: Rulebook, case: Case) -> str:
    """Substitute named values into a reason; nothing but values is ever looked up."""
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        if part.name in rulebook.parameters:
            dated = rulebook.parameters[part.name].at(case.inspected)
            out.append(format_value(dated.value) if dated else "[not in force]")
            continue
        item = case.evidence.get(part.name)
        value = item.get(part.attr) if item else None
        out.append("[no evidence]" if value is None else format_value(value))
    return "".join(out)


def format_value(value: float | int | bool | None) -> str:
    """A number as people write it: no exponent, no trailing zeros."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _evidence_use(text: tuple[str, str, str], item: Evidence | None, mid: str, required: bool) -> EvidenceUse:
    title, unit, better = text
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
        item.n,
        item.source,
        item.period,
        item.illustrative,
        required,
    )


def _rule_step(
    prepared: _Prepared,
    rule: Rule,
    evaluation: Evaluation | None,
    fired: bool,
    decision: Decision,
    missing: tuple[str, ...],
    values: Mapping[str, float | int],
) -> RuleStep:
    at = prepared.at[rule.id]
    when = prepared.when[rule.id]
    chosen = rule.id in decision.chosen
    read = {text: values[key] for key, text in prepared.reads_of[rule.id] if key in values}
    if evaluation is None:  # the default rule
        outcome = FIRED if fired else NOT_EVALUABLE
        return RuleStep(rule.id, prepared.grade_text[rule.id], when, outcome, chosen, read, (), missing, at)
    outcome = FIRED if fired else (NOT_EVALUABLE if evaluation.outcome is None else NOT_FIRED)
    gaps = tuple(dict.fromkeys(m for r in evaluation.deciding for m in r.missing))
    comparisons = tuple(_comparison(r, prepared.tests[id(r.test)]) for r in evaluation.deciding)
    return RuleStep(rule.id, prepared.grade_text[rule.id], when, outcome, chosen, read, comparisons, gaps, at)


def _comparison(result: TestResult, static: tuple[str, str]) -> Comparison:
    test = result.test
    return Comparison(
        test.source,
        test.field.text,
        test.op,
        static[0],
        result.actual,
        result.required,
        _round(result.margin),
        result.outcome,
        result.missing,
        static[1],
    )


def _round(value: float | int | None) -> float | int | None:
    if value is None or value.__class__ is int:
        return value
    rounded = round(value, 9)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def _expr_text(expr: Any) -> str:
    if isinstance(expr, Field):
        return expr.text
    if isinstance(expr, Arith):
        return f"{_expr_text(expr.left)} {expr.op} {_expr_text(expr.right)}"
    return format_value(expr.value)


def stamp(rulebook: Rulebook, case: Case) -> Stamp:
    """The reproducibility stamp of judging ``case`` under ``rulebook``."""
    evidence = json.dumps(case.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Stamp(
        rulebook=rulebook.id,
        rulebook_version=rulebook.version,
        rulebook_digest=rulebook.digest,
        library_version=__version__,
        engine=ENGINE_NAME,
        evidence_digest=hashlib.sha256(evidence.encode()).hexdigest(),
    )
