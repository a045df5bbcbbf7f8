"""Model to engine definitions: a rulebook becomes one durable_rules ruleset, as JSON text.

This module only builds data; :mod:`judgement.engine.durable` is the one that talks to durable_rules. The shape
of the definitions follows the engine's safe subset (see ``docs/how-it-works.md``):

* one fact per case, pre-joined: every measure value, comparator and dated parameter is a flat field
  (``ia_in_timescale``, ``ia_in_timescale__england``, ``p__ia_timescale_days``), so every condition is a
  single-fact test and no cross-fact join (which crashes the engine) is ever needed;
* each rule's condition is ``{"$and": [{"__case__": 1}, ...]}`` so the engine's own state fact can
  never match it;
* rules are grouped into rulesets small enough that one fact never queues more than the engine's
  limit of results (each true alternative of an ``or`` is a separate result);
* a catch-all rule on ``__case__`` fires for every case, in every ruleset: it makes every fact
  handled and guarantees that an action has run before the session is deleted;
* the ruleset is named by rulebook id and a digest of the definition, so versions never clash;
* a test whose right-hand side reads fields also requires them to exist (the engine reads a missing
  field there as 0);
* rule names are ``r0``, ``r1``, ...; no metadata is put in the definitions;
* numbers are written so that the engine's JSON parser reads them exactly (``1e-05`` as ``1.0e-05``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping

import attrs

from judgement.errors import Problem, RulebookError
from judgement.lang.normal import AllOf, AnyOf, Arith, Condition, Const, Expr, Field, Test
from judgement.lang.normal import fields as fields_of
from judgement.model import Rulebook

__all__ = [
    "CASE_MARK",
    "CATCH_ALL",
    "MAX_ALTERNATIVES",
    "MAX_FACT_FIELDS",
    "CompiledRulebook",
    "Part",
    "alternatives",
    "compile_rulebook",
    "fnv1a32",
    "number_json",
    "to_json",
]

#: The field every case fact carries, and the name of the rule that always fires on it.
CASE_MARK = "__case__"
CATCH_ALL = "__case__"
#: The engine refuses facts with more than about 253 properties.
MAX_FACT_FIELDS = 240
#: The engine queues one result per true alternative of a rule's condition (its disjunctive normal form)
#: and refuses a fact (error 303) once 64 are queued; rules are split into rulesets that stay below this.
MAX_ALTERNATIVES = 60

_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
_ARITH = {"+": "$add", "-": "$sub", "*": "$mul", "/": "$div"}


@attrs.frozen
class Part:
    """One engine ruleset: its unique name and its definition as JSON."""

    name: str
    definition: str


@attrs.frozen
class CompiledRulebook:
    """What the engine needs: rulesets (every case fact goes to each), and how engine names map back."""

    parts: tuple[Part, ...]
    rules: Mapping[str, tuple[str, str]]  # engine rule name -> (area id, rule id)
    fields: tuple[str, ...]  # every fact field a condition reads

    @property
    def name(self) -> str:
        return self.parts[0].name.rsplit("#", 1)[0]


def fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash the engine uses for names and identities."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def alternatives(cond: Condition) -> int:
    """How many results the engine can queue for one condition: the size of its disjunctive normal form."""
    if isinstance(cond, Test):
        return 1
    counts = [alternatives(item) for item in cond.items]
    return math.prod(counts) if isinstance(cond, AllOf) else sum(counts)


def compile_rulebook(rulebook: Rulebook) -> CompiledRulebook:
    """Compile a validated rulebook into as few rulesets as the engine's result limit allows."""
    names: dict[str, tuple[str, str]] = {}
    fields: dict[str, None] = {}
    problems = []
    groups: list[dict[str, object]] = []
    load = MAX_ALTERNATIVES  # forces a first group
    index = 0
    for area in rulebook.areas:
        for rule in area.rules:
            name = f"r{index}"
            index += 1
            names[name] = (area.id, rule.id)
            if rule.default:
                tests: list[object] = [{"$ex": {m: 1}} for m in area.requires]
                fields.update(dict.fromkeys(area.requires))
                weight = 1
            else:
                assert rule.normal is not None
                tests = [_condition(rule.normal, fields)]
                weight = alternatives(rule.normal)
            if weight >= MAX_ALTERNATIVES:
                problems.append(
                    Problem(
                        f"rule {rule.id} has {weight} alternative ways to hold once 'or' is multiplied out",
                        rule.location,
                        expected=f"fewer than {MAX_ALTERNATIVES} (split the rule into several rules)",
                        code="rulebook.too-many-alternatives",
                    )
                )
                continue
            if load + weight > MAX_ALTERNATIVES:
                groups.append({CATCH_ALL: {"all": [{"m": {"$ex": {CASE_MARK: 1}}}]}})
                load = 1
            groups[-1][name] = {"all": [{"m": {"$and": [{CASE_MARK: 1}, *tests]}}]}
            load += weight
    if len(fields) > MAX_FACT_FIELDS:
        problems.append(
            Problem(
                f"rulebook {rulebook.id} reads {len(fields)} distinct values",
                expected=f"at most {MAX_FACT_FIELDS} (the engine's limit on one fact)",
                code="rulebook.too-many-values",
            )
        )
    seen: dict[int, str] = {}
    for key in [*fields, *names, CASE_MARK, "sid", "id"]:
        other = seen.setdefault(fnv1a32(key), key)
        if other != key:
            problems.append(
                Problem(
                    f"names {other!r} and {key!r} collide in the engine's 32-bit hash",
                    expected="rename one of them",
                    code="rulebook.hash-collision",
                )
            )
    if problems:
        raise RulebookError(problems)
    texts = [to_json(group) for group in groups]
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    parts = tuple(Part(f"{rulebook.id}@{digest}#{i}", text) for i, text in enumerate(texts))
    return CompiledRulebook(parts=parts, rules=names, fields=tuple(fields))


def _condition(cond: Condition, fields: dict[str, None]) -> object:
    if isinstance(cond, Test):
        fields[cond.field.key] = None
        rhs = _expr(cond.rhs, fields)
        test = {cond.field.key: rhs} if cond.op == "==" else {_OPS[cond.op]: {cond.field.key: rhs}}
        # The engine reads a missing field on the right-hand side as 0 (x > missing + 5 is x > 5), so
        # every field the right-hand side reads must be present for the test to count.
        guards = [{"$ex": {key: 1}} for key in dict.fromkeys(f.key for f in fields_of(cond.rhs))]
        return {"$and": [*guards, test]} if guards else test
    key = "$and" if isinstance(cond, AllOf) else "$or"
    assert isinstance(cond, AllOf | AnyOf)
    return {key: [_condition(item, fields) for item in cond.items]}


def _expr(expr: Expr, fields: dict[str, None]) -> object:
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Field):
        fields[expr.key] = None
        return {"$m": expr.key}
    assert isinstance(expr, Arith)
    return {_ARITH[expr.op]: {"$l": _expr(expr.left, fields), "$r": _expr(expr.right, fields)}}


def number_json(value: float | int) -> str:
    """A number as JSON the engine parses exactly: an exponent always follows a fraction."""
    if value.__class__ is int:
        return str(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        return text if "." in mantissa else f"{mantissa}.0e{exponent}"
    if not math.isfinite(value):
        raise ValueError(f"non-finite number {value!r} cannot reach the engine")
    return text


def to_json(value: object) -> str:
    """Serialise definitions and facts (dicts, lists, text, numbers) for the engine."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return number_json(value)
    raise TypeError(f"cannot send {type(value).__name__} to the engine")
