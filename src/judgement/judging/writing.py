"""Each area's rules written as a trace's data by code generated for the area (see
:meth:`judgement.judging.tracing.Tracer.data`).

A trace asked for as data is mostly the same for every case: the rules' texts, places and grades never
change; only the numbers read, the comparisons' outcomes and margins, and which rules fired do. For an
area whose rules compare values directly (a value against a number or another value, one comparison or
one ``all of`` or ``any of`` of them: most rules), :func:`area_writer` writes one function that reads each
value once, decides every comparison inline, writes the row of each comparison that decided its rule,
and checks each rule once more against what the engine fired, as :meth:`Tracer.data` does through its
trees of functions (a test holds the two to the same data). Every text reaches the function through its
namespace, never through its source; the source holds only generated names, operators and ``repr`` of
fact keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from judgement._codegen import generate
from judgement.judging.plan import AreaPlan, RuleFacts, disagreement
from judgement.judging.trace import RuleOutcome, comparison_data, step_data
from judgement.lang.evaluate import as_number, decimal_margin
from judgement.lang.normal import AllOf, AnyOf, Condition, Const, Field, Test
from judgement.model import Case

__all__ = ["AreaWriter", "area_writer", "shown_value"]

#: An area's rules as a trace's data: given the fact, the area's decision's fired and chosen rules, the case
#: and what the area lacks, each rule's step as :func:`~judgement.judging.trace.step_data` writes it.
AreaWriter = Callable[
    [Mapping[str, Any], tuple[str, ...], tuple[str, ...], Case, tuple[str, ...]], list[dict[str, Any]]
]

_OPS = frozenset({"<", "<=", ">", ">=", "==", "!="})


def shown_value(value: float | int | Fraction, words: tuple[str, ...] | None) -> float | int | str:
    """A value read from the fact as a trace shows it: a grade or level as its word, an exact fraction
    (a count out of a sample) as the nearest number."""
    if words is not None:
        return words[int(value)]
    return value if isinstance(value, float | int) else as_number(value)  # a test against Fraction costs more


def _simple(test: Condition) -> bool:
    return (
        isinstance(test, Test)
        and test.direct
        and not test.extra
        and test.op in _OPS
        and isinstance(test.rhs, Const | Field)
    )


def _writable(cond: Condition | None) -> bool:
    """Whether a rule's condition is one the writer decides inline (None: the default rule)."""
    if cond is None or _simple(cond):
        return True
    return isinstance(cond, AllOf | AnyOf) and all(_simple(item) for item in cond.items)


def area_writer(area: AreaPlan, words: Mapping[str, tuple[str, ...]]) -> AreaWriter | None:
    """The generated writer of ``area``'s rules as data, or None when a rule's condition is not one it
    decides inline (the area is then written through the trees of functions)."""
    if not all(_writable(facts.rule.normal) for facts in area.rules):
        return None
    return _Source(area, words).function()


class _Source:
    """The source of one area's writer and the namespace its names refer to."""

    def __init__(self, area: AreaPlan, words: Mapping[str, tuple[str, ...]]) -> None:
        self.area, self.words = area, words
        self.namespace: dict[str, object] = {
            "Fraction": Fraction,
            "as_number": as_number,
            "margin": decimal_margin,
            "row": comparison_data,
            "step": step_data,
            "shown": shown_value,
            "disagreement": disagreement,
            "FIRED": RuleOutcome.FIRED,
            "NOT_FIRED": RuleOutcome.NOT_FIRED,
            "NOT_EVALUABLE": RuleOutcome.NOT_EVALUABLE,
            "NOT_IN_FORCE": RuleOutcome.NOT_IN_FORCE,
        }
        self.lines = ["def write(values, fired, chosen, case, missing):", "    get = values.get", "    out = []"]
        self.raws: dict[str, str] = {}  # fact key -> the local name of its value as the fact holds it
        self.values: dict[str, str] = {}  # fact key -> the local name of its value as compared
        self.shown: dict[str, str] = {}  # fact key -> the local name of its value as shown

    def constant(self, value: object) -> str:
        name = f"k{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def raw(self, key: str) -> str:
        """The local holding a fact value as the fact holds it (None when it does not), read once."""
        name = self.raws.get(key)
        if name is None:
            name = self.raws[key] = f"r{len(self.raws)}"
            self.lines.append(f"    {name} = get({key!r})")
        return name

    def value(self, key: str) -> str:
        """The local holding a fact value as compared (an exact fraction as its nearest number), made once."""
        name = self.values.get(key)
        if name is None:
            name = self.values[key] = f"v{len(self.values)}"
            raw = self.raw(key)
            self.lines.append(f"    {name} = {raw} if {raw}.__class__ is not Fraction else as_number({raw})")
        return name

    def function(self) -> AreaWriter:
        for index, facts in enumerate(self.area.rules):
            self.rule(index, facts)
        self.lines.append("    return out")
        return generate("trace writer", self.lines, "write", self.namespace)  # type: ignore[return-value]

    def rule(self, index: int, facts: RuleFacts) -> None:
        rule, add = facts.rule, self.lines.append
        rid = self.constant(rule.id)
        first = (rid, self.constant(rule.grade), self.constant(facts.when))
        last = (self.constant(facts.at), self.constant(facts.effective), self.constant(rule.limit))
        add(f"    # rule {index}")
        cond = rule.normal
        if cond is not None:
            self.condition(cond)
        add(f"    on = {rid} in fired")
        expected = "outcome is True" if cond is not None else "not missing"
        if rule.dated:  # an undated rule is always in force
            add(f"    force = {self.constant(rule)}.in_force(case.inspected)")
            expected = f"force and {expected}"
        add(f"    if ({expected}) != on:")
        add(f"        raise disagreement({self.constant(rule)}, case, on)")
        members = self.read(facts)
        add(f"    read = {{{', '.join(f'{text}: {name}' for text, name in members)}}}")
        if members:  # a value the fact does not hold is left out
            add(f"    if {' or '.join(f'{name} is None' for _, name in members)}:")
            add("        read = {k: v for k, v in read.items() if v is not None}")
        head = f"{first[0]}, {first[1]}, {first[2]}"
        tail = f"{last[0]}, {last[1]}, {last[2]}"
        indent = "    "
        if rule.dated:
            empty = "rows" if cond is not None else "[]"
            add("    if not force:")
            add(f"        out.append(step({head}, NOT_IN_FORCE, False, read, {empty}, (), {tail}, ()))")
            add("    else:")
            indent = "        "
        if cond is None:
            add(f"{indent}shown_ = FIRED if on else NOT_EVALUABLE")
            add(f"{indent}out.append(step({head}, shown_, {rid} in chosen, read, [], missing, {tail}, ()))")
            return
        add(f"{indent}shown_ = FIRED if on else NOT_EVALUABLE if outcome is None else NOT_FIRED")
        texts, facts_name = self.constant(facts.alternative_texts), self.constant(facts)
        add(f"{indent}held = tuple([{texts}[i] for i in {facts_name}.triggered(values)]) if on else ()")
        # a comparison lacks evidence only where its outcome is unknown, and so does a condition it decides
        add(
            f"{indent}gaps = () if outcome is not None else tuple(dict.fromkeys(m for c in rows for m in c['missing']))"
        )
        add(f"{indent}out.append(step({head}, shown_, {rid} in chosen, read, rows, gaps, {tail}, held))")

    def read(self, facts: RuleFacts) -> list[tuple[str, str]]:
        """A step's values: the name of each text, and of the value the rule reads as shown (None when the
        fact does not hold it)."""
        members = []
        for key, text in facts.reads:
            name = self.shown.get(key)
            if name is None:
                name = self.shown[key] = f"s{len(self.shown)}"
                raw = self.raw(key)
                scale = self.words.get(key)
                if scale is None:
                    self.lines.append(
                        f"    {name} = {raw} if {raw}.__class__ is float or {raw}.__class__ is int "
                        f"else (shown({raw}, None) if {raw} is not None else None)"
                    )
                else:
                    self.lines.append(
                        f"    {name} = shown({raw}, {self.constant(scale)}) if {raw} is not None else None"
                    )
            members.append((self.constant(text), name))
        return members

    def condition(self, cond: Condition) -> None:
        """Sets ``outcome`` and ``rows`` (the deciding comparisons' rows) as :func:`compile_decided` gives
        them."""
        add = self.lines.append
        tests = [cond] if isinstance(cond, Test) else list(cond.items)
        outcomes, rows = [], []
        for test in tests:
            assert isinstance(test, Test)
            o, r = self.test(test)
            outcomes.append(o)
            rows.append(r)
        if isinstance(cond, Test):
            add(f"    outcome = {outcomes[0]}")
            add(f"    rows = [{rows[0]}]")
        elif isinstance(cond, AnyOf):
            for k, (o, r) in enumerate(zip(outcomes, rows, strict=True)):
                add(f"    {'if' if k == 0 else 'elif'} {o} is True:")
                add("        outcome = True")
                add(f"        rows = [{r}]")
            add("    else:")
            add(f"        outcome = None if {' or '.join(f'{o} is None' for o in outcomes)} else False")
            add(f"        rows = [{', '.join(rows)}]")
        else:
            falses = " or ".join(f"{o} is False" for o in outcomes)
            nones = " or ".join(f"{o} is None" for o in outcomes)
            add(f"    outcome = False if {falses} else None if {nones} else True")
            add("    rows = []")
            for o, r in zip(outcomes, rows, strict=True):
                add(f"    if outcome is True or {o} is outcome:")
                add(f"        rows.append({r})")

    def test(self, test: Test) -> tuple[str, str]:
        """One comparison decided inline: the local holding its outcome, and the expression of its row."""
        k = len(self.lines)
        outcome = f"o{k}"
        actual = self.value(test.field.key)
        static = (
            self.constant(test.source),
            self.constant(test.field.text),
            self.constant(test.op),
            self.constant(test.rhs_text),
        )
        at, scale = self.constant(test.at), self.constant(self.words.get(test.field.key, ()))
        rhs = test.rhs
        left = (test.field.text,)
        if isinstance(rhs, Const):
            required = self.constant(as_number(rhs.value))
            self.lines.append(f"    {outcome} = None if {actual} is None else {actual} {test.op} {required}")
            missing = self.constant(left)
            fixed = ", ".join(static)
            present = (
                f"row({fixed}, {actual}, {required}, margin({actual}, {required}), {outcome}, (), {at}, {scale}, None)"
            )
            absent = f"row({fixed}, None, {required}, None, None, {missing}, {at}, {scale}, None)"
            return outcome, f"({present} if {actual} is not None else {absent})"
        assert isinstance(rhs, Field)
        needed = self.value(rhs.key)
        self.lines.append(
            f"    {outcome} = None if {actual} is None or {needed} is None else {actual} {test.op} {needed}"
        )
        right = (rhs.text,)
        both = left if rhs.key == test.field.key else (*left, *right)
        lacking = (
            f"({self.constant(both)} if {actual} is None and {needed} is None "
            f"else {self.constant(left)} if {actual} is None else {self.constant(right)})"
        )
        fixed = ", ".join(static)
        present = f"row({fixed}, {actual}, {needed}, margin({actual}, {needed}), {outcome}, (), {at}, {scale}, None)"
        absent = f"row({fixed}, {actual}, {needed}, None, None, {lacking}, {at}, {scale}, None)"
        return outcome, f"({present} if {outcome} is not None else {absent})"
