"""Model to engine definitions: a rulebook becomes one durable_rules ruleset, as JSON text.

This module only builds data; :mod:`judgement.engine` is the one that talks to durable_rules. The shape
of the definitions follows the engine's safe subset (see ``docs/how-it-works.md``):

* one fact per case, pre-joined: every measure value, comparator and dated parameter is a flat field
  (``ia_in_timescale``, ``ia_in_timescale__england``, ``p__ia_timescale_days``), so every condition is a
  single-fact test and no cross-fact join (which crashes the engine) is ever needed;
* each rule's condition is ``{"$and": [{"__case__": 1}, ...]}`` so the engine's own state fact can
  never match it;
* a catch-all rule on ``__case__`` fires for every case: it makes every fact handled and guarantees that
  an action has run before the session is deleted;
* the ruleset is named by rulebook id and a digest of the definition, so versions never clash;
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
from judgement.expr import AllOf, AnyOf, Arith, Condition, Const, Expr, Field, Test
from judgement.model import Rulebook

__all__ = [
    "CASE_MARK",
    "CATCH_ALL",
    "MAX_FACT_FIELDS",
    "CompiledRulebook",
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

_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
_ARITH = {"+": "$add", "-": "$sub", "*": "$mul", "/": "$div"}


@attrs.frozen
class CompiledRulebook:
    """What the engine needs: a ruleset name, its definition, and how engine names map back."""

    name: str
    definition: str
    rules: Mapping[str, tuple[str, str]]  # engine rule name -> (area id, rule id)
    fields: tuple[str, ...]  # every fact field a condition reads


def fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash the engine uses for names and identities."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def compile_rulebook(rulebook: Rulebook) -> CompiledRulebook:
    """Compile a validated rulebook into one ruleset definition."""
    definition: dict[str, object] = {CATCH_ALL: {"all": [{"m": {"$ex": {CASE_MARK: 1}}}]}}
    names: dict[str, tuple[str, str]] = {}
    fields: dict[str, None] = {}
    index = 0
    for area in rulebook.areas:
        for rule in area.rules:
            name = f"r{index}"
            index += 1
            names[name] = (area.id, rule.id)
            if rule.default:
                tests: list[object] = [{"$ex": {m: 1}} for m in area.requires]
                fields.update(dict.fromkeys(area.requires))
            else:
                assert rule.normal is not None
                tests = [_condition(rule.normal, fields)]
            definition[name] = {"all": [{"m": {"$and": [{CASE_MARK: 1}, *tests]}}]}
    problems = []
    if len(fields) > MAX_FACT_FIELDS:
        problems.append(
            Problem(
                f"rulebook {rulebook.id} reads {len(fields)} distinct values",
                expected=f"at most {MAX_FACT_FIELDS} (the engine's limit on one fact)",
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
                )
            )
    if problems:
        raise RulebookError(problems)
    text = to_json(definition)
    return CompiledRulebook(
        name=f"{rulebook.id}@{hashlib.sha256(text.encode()).hexdigest()[:16]}",
        definition=text,
        rules=names,
        fields=tuple(fields),
    )


def _condition(cond: Condition, fields: dict[str, None]) -> object:
    if isinstance(cond, Test):
        fields[cond.field.key] = None
        rhs = _expr(cond.rhs, fields)
        if cond.op == "==":
            return {cond.field.key: rhs}
        return {_OPS[cond.op]: {cond.field.key: rhs}}
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
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"non-finite number {value!r} cannot reach the engine")
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        return f"{mantissa}.0e{exponent}"
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
