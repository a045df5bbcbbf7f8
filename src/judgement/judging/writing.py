"""Each area's rules written as a trace's data by code generated for the area (see
:meth:`judgement.judging.tracing.Tracer.data`).

A trace asked for as data is mostly the same for every case: the rules' texts, places and grades never
change; only the numbers read, the comparisons' outcomes and margins, and which rules fired do. For an
area whose every rule's condition is one comparison, or one ``all of`` or ``any of`` of comparisons (most
areas), :func:`area_writer` writes one function that reads each value once, decides every direct
comparison (a value against a number, another value or a level's word) inline and any other by the
reference evaluator's function for it, writes the row of each comparison that decided its rule, and
checks each rule once more against what the engine fired, as :meth:`Tracer.data` does through its trees
of functions (tests hold the two to the same data). Each row is a copy of one written once by the
layout's owner (:func:`~judgement.judging.trace.comparison_data`, :func:`~judgement.judging.trace.step_data`)
with the case's numbers filled in, under the keys found by writing one row of markers through it, and
with lists of its own. Every text reaches the function through its namespace, never through its source;
the source holds only generated names, operators, those keys and ``repr`` of fact keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from judgement._codegen import generate
from judgement.judging.plan import AreaPlan, RuleFacts, disagreement
from judgement.judging.trace import RuleOutcome, comparison_data, step_data
from judgement.lang.evaluate import as_number, decimal_margin, worked_test
from judgement.lang.normal import AllOf, AnyOf, Condition, Const, Field, Test, sign_identity
from judgement.model import NOT_JUDGED, Case

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
    """Whether a rule's condition is one the writer writes (None: the default rule): one comparison, or one
    ``all of`` or ``any of`` of comparisons. A direct comparison is decided inline; any other (against an
    expression, a control limit, a comparator) by the reference evaluator's function for it."""
    if cond is None or isinstance(cond, Test):
        return True
    return isinstance(cond, AllOf | AnyOf) and all(isinstance(item, Test) for item in cond.items)


def area_writer(
    area: AreaPlan, words: Mapping[str, tuple[str, ...]], signs: Mapping[tuple[object, ...], str]
) -> AreaWriter | None:
    """The generated writer of ``area``'s rules as data, or None when a rule's condition is not one it
    writes (the area is then written through the trees of functions). ``signs`` names the fact keys of
    the exact signs a judgement's fact holds, by their comparisons' identity."""
    if not all(_writable(facts.rule.normal) for facts in area.rules):
        return None
    return _Source(area, words, signs).function()


class _Source:
    """The source of one area's writer and the namespace its names refer to."""

    def __init__(
        self, area: AreaPlan, words: Mapping[str, tuple[str, ...]], signs: Mapping[tuple[object, ...], str]
    ) -> None:
        self.area, self.words, self.signs = area, words, signs
        self.namespace: dict[str, object] = {
            "Fraction": Fraction,
            "as_number": as_number,
            "margin": decimal_margin,
            "shown": shown_value,
            "disagreement": disagreement,
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
        add(f"    # rule {index}")
        cond = rule.normal
        outcomes = self.condition(cond) if cond is not None else []
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
        # the step is a copy of one written once by step_data for each way the rule can come out
        made = {
            shown: self.constant(
                step_data(
                    rule.id, rule.grade, facts.when, shown, False, {}, [], (), facts.at, facts.effective, rule.limit, ()
                )
            )
            for shown in RuleOutcome
        }

        def step(indent: str, template: str, chosen: str, rows: str, missing: str, held: str) -> None:
            add(f"{indent}s = {template}.copy()")
            add(f"{indent}s[{S_CHOSEN!r}] = {chosen}")
            add(f"{indent}s[{S_VALUES!r}] = read")
            add(f"{indent}s[{S_COMPARISONS!r}] = {rows}")
            add(f"{indent}s[{S_MISSING!r}] = {missing}")
            add(f"{indent}s[{S_ALTERNATIVES!r}] = {held}")
            add(f"{indent}out.append(s)")

        indent = "    "
        if rule.dated:
            add("    if not force:")
            step("        ", made[RuleOutcome.NOT_IN_FORCE], "False", "rows" if cond is not None else "[]", "[]", "[]")
            add("    else:")
            indent = "        "
        fired, unknown = made[RuleOutcome.FIRED], made[RuleOutcome.NOT_EVALUABLE]
        if cond is None:
            step(indent, f"({fired} if on else {unknown})", f"{rid} in chosen", "[]", "list(missing)", "[]")
            return
        shown = f"({fired} if on else {unknown} if outcome is None else {made[RuleOutcome.NOT_FIRED]})"
        held = "[]"
        if facts.alternatives:  # one alternative a part of the ``any of``: those that held, from its outcomes
            assert len(outcomes) == len(facts.alternative_texts), "an alternative is a part of the any of"
            texts = self.constant(facts.alternative_texts)
            held = f"[t for t, o in zip({texts}, ({', '.join(outcomes)},)) if o is True] if on else []"
        # a comparison lacks evidence only where its outcome is unknown, and so does a condition it decides
        gaps = f"[] if outcome is not None else list(dict.fromkeys(m for c in rows for m in c[{K_MISSING!r}]))"
        step(indent, shown, f"{rid} in chosen", "rows", gaps, held)

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

    def condition(self, cond: Condition) -> list[str]:
        """Sets ``outcome`` and ``rows`` (the deciding comparisons' rows) as :func:`compile_decided` gives
        them; returns the locals holding each comparison's outcome, in order."""
        add = self.lines.append
        tests = [cond] if isinstance(cond, Test) else list(cond.items)
        outcomes, writes = [], []
        for test in tests:
            assert isinstance(test, Test)
            o, w = self.test(test)
            outcomes.append(o)
            writes.append(w)
        if isinstance(cond, Test):
            add(f"    outcome = {outcomes[0]}")
            writes[0]("    ")
            add("    rows = [c]")
        elif isinstance(cond, AnyOf):
            for k, (o, w) in enumerate(zip(outcomes, writes, strict=True)):
                add(f"    {'if' if k == 0 else 'elif'} {o} is True:")
                add("        outcome = True")
                w("        ")
                add("        rows = [c]")
            add("    else:")
            add(f"        outcome = None if {' or '.join(f'{o} is None' for o in outcomes)} else False")
            add("        rows = []")
            for w in writes:
                w("        ")
                add("        rows.append(c)")
        else:
            falses = " or ".join(f"{o} is False" for o in outcomes)
            nones = " or ".join(f"{o} is None" for o in outcomes)
            add(f"    outcome = False if {falses} else None if {nones} else True")
            add("    rows = []")
            for o, w in zip(outcomes, writes, strict=True):
                add(f"    if outcome is True or {o} is outcome:")
                w("        ")
                add("        rows.append(c)")
        return outcomes

    def test(self, test: Test) -> tuple[str, Callable[[str], None]]:
        """One comparison decided inline: the local holding its outcome, and what writes the statements
        that make its row, as ``c``, at an indent (a copy of its row written once by
        :func:`~judgement.judging.trace.comparison_data`, with what the case gives filled in, and lists
        of its own)."""
        add = self.lines.append
        outcome = f"o{len(self.lines)}"
        static = (test.source, test.field.text, test.op, test.rhs_text)
        at, scale = test.at, self.words.get(test.field.key, ())
        words = f"list({self.constant(scale)})" if scale else "[]"
        if not _simple(test):  # decided and worked out by the reference evaluator's function for it
            return outcome, self.general(test, outcome, static, words)
        actual = self.value(test.field.key)
        left = (test.field.text,)
        rhs = test.rhs
        if isinstance(rhs, Const):
            value = as_number(rhs.value)
            required = self.constant(value)
            add(f"    {outcome} = None if {actual} is None else {actual} {test.op} {required}")
            given = self.constant(comparison_data(*static, None, value, None, None, (), at, scale, None))
            lacking = self.constant(comparison_data(*static, None, value, None, None, left, at, scale, None))

            def write(indent: str) -> None:
                add(f"{indent}if {actual} is not None:")
                add(f"{indent}    c = {given}.copy()")
                add(f"{indent}    c[{K_ACTUAL!r}] = {actual}")
                add(f"{indent}    c[{K_MARGIN!r}] = margin({actual}, {required})")
                add(f"{indent}    c[{K_HOLDS!r}] = {outcome}")
                add(f"{indent}    c[{K_MISSING!r}] = []")
                add(f"{indent}else:")
                add(f"{indent}    c = {lacking}.copy()")
                add(f"{indent}    c[{K_MISSING!r}] = list({self.constant(left)})")
                add(f"{indent}c[{K_WORDS!r}] = {words}")

            return outcome, write
        assert isinstance(rhs, Field)
        needed = self.value(rhs.key)
        add(f"    {outcome} = None if {actual} is None or {needed} is None else {actual} {test.op} {needed}")
        right = (rhs.text,)
        both = left if rhs.key == test.field.key else (*left, *right)
        blank = self.constant(comparison_data(*static, None, None, None, None, (), at, scale, None))
        lacks = (
            f"{self.constant(both)} if {actual} is None and {needed} is None "
            f"else {self.constant(left)} if {actual} is None else {self.constant(right)}"
        )

        def write_fields(indent: str) -> None:
            add(f"{indent}c = {blank}.copy()")
            add(f"{indent}c[{K_ACTUAL!r}] = {actual}")
            add(f"{indent}c[{K_REQUIRED!r}] = {needed}")
            add(f"{indent}if {outcome} is not None:")
            add(f"{indent}    c[{K_MARGIN!r}] = margin({actual}, {needed})")
            add(f"{indent}    c[{K_HOLDS!r}] = {outcome}")
            add(f"{indent}    c[{K_MISSING!r}] = []")
            add(f"{indent}else:")
            add(f"{indent}    c[{K_MISSING!r}] = list({lacks})")
            add(f"{indent}c[{K_WORDS!r}] = {words}")

        return outcome, write_fields

    def general(self, test: Test, outcome: str, static: tuple[str, str, str, str], words: str) -> Callable[[str], None]:
        """A comparison decided by the reference evaluator's function for it (:func:`worked_test`), into
        the local ``outcome``: what writes the statements that make its row, as :meth:`test` gives it."""
        add = self.lines.append
        decide, finish = (self.constant(f) for f in worked_test(test, self.signs.get(sign_identity(test))))
        weighed = f"w{outcome}"
        add(f"    {outcome}, {weighed} = {decide}(values)")
        scale = self.words.get(test.field.key, ())
        blank = self.constant(comparison_data(*static, None, None, None, None, (), test.at, scale, None))

        def write_general(indent: str) -> None:
            add(f"{indent}a_, q_, h_, m_, g_, z_ = {finish}({weighed})")
            add(f"{indent}c = {blank}.copy()")
            for key, local in (
                (K_ACTUAL, "a_"),
                (K_REQUIRED, "q_"),
                (K_MARGIN, "g_"),
                (K_HOLDS, "h_"),
                (K_MISSING, "list(m_)"),
                (K_Z, "z_"),
            ):
                add(f"{indent}c[{key!r}] = {local}")
            add(f"{indent}c[{K_WORDS!r}] = {words}")

        return write_general


def _key_of(row: Mapping[str, object], marker: object) -> str:
    """The key of a row holding ``marker`` (or a list of it)."""
    return next(k for k, v in row.items() if v is marker or v == [marker])


def _comparison_keys() -> tuple[str, ...]:
    """The keys of a comparison's row holding its actual value, required value, margin, outcome, missing
    names, words and z-score, as :func:`~judgement.judging.trace.comparison_data` (the layout's one owner) writes
    them: found by writing a row of markers."""
    marks = [object() for _ in range(7)]
    actual, required, margin, holds, missing, words, z = marks
    row = comparison_data("", "", "", "", actual, required, margin, holds, (missing,), "", (words,), z)  # type: ignore[arg-type]
    return tuple(_key_of(row, m) for m in marks)


K_ACTUAL, K_REQUIRED, K_MARGIN, K_HOLDS, K_MISSING, K_WORDS, K_Z = _comparison_keys()


def _step_keys() -> tuple[str, ...]:
    """The keys of a rule's step holding whether it was chosen, the values it read, its comparisons, the
    evidence they lacked and the alternatives that held, as :func:`~judgement.judging.trace.step_data`
    (the layout's one owner) writes them: found by writing a step of markers."""
    marks = [object() for _ in range(5)]
    chosen, values, rows, missing, held = marks
    row = step_data("", NOT_JUDGED, "", RuleOutcome.FIRED, chosen, values, rows, (missing,), "", "", False, (held,))  # type: ignore[arg-type]
    return tuple(_key_of(row, m) for m in marks)


S_CHOSEN, S_VALUES, S_COMPARISONS, S_MISSING, S_ALTERNATIVES = _step_keys()
