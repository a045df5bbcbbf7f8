"""Model to engine definitions: a rulebook becomes one durable_rules ruleset, as JSON text.

This module only builds data; :mod:`judgement.engine.durable` is the one that talks to durable_rules. The shape
of the definitions follows the engine's safe subset (see ``docs/how-it-works.md``):

* one fact per case, pre-joined: every measure value, comparator and dated parameter is a flat field
  (``ia_in_timescale``, ``ia_in_timescale__england``, ``p__ia_timescale_days``), so every condition is a
  single-fact test and no cross-fact join (which crashes the engine) is ever needed;
* each rule's condition is ``{"$and": [{"__case__": 1}, ...]}`` so the engine's own state fact can
  never match it;
* **derived judgements** (areas that read other areas' grades) are rules of a higher *level*: the
  fact of level L carries ``__case__: L + 1`` and, besides the evidence, every grade given at the
  levels below (``__g__area``: its rank, 0 the worst); the rules of level L match only that fact, and
  live in rulesets of their own;
* rules are grouped into rulesets small enough that one fact never queues more than the engine's
  limit of results (each true alternative of an ``or`` is a separate result);
* a rule with effective dates also tests ``__day``, the inspection date as a day number, so a rule
  that is not in force is never fired by the engine;
* a catch-all rule on ``__case__`` fires for every case, in every ruleset: it makes every fact
  handled and guarantees that an action has run before the session is kept for the next case or deleted;
* the ruleset is named by rulebook id and a digest of the definition, so versions never clash;
* for many runs of one case in which only some evidence changes (a simulation), the rules of the areas
  that read it can be compiled on their own, with a ruleset still for every level;
* the engine does no arithmetic: a comparison whose answer doubles give exactly (a field against a
  field, or against a constant a double holds) is compared by the engine as it is; any other
  (``a < a.england / 2``, ``a / 3 >= 2.1`` with a constant no double holds) reaches the engine as a
  *derived* field (``__d0``) holding the exact sign of ``actual - required``, computed in Python
  (:func:`judgement.lang.evaluate.compile_sign`), which the engine compares with 0. durable_rules would
  otherwise divide and multiply whole numbers as integers and round everything else in doubles;
* a test also requires every other field it reads to exist (the engine reads a missing field on a
  right-hand side as 0, and a comparison that reads missing evidence is unknown);
* the engine tells names apart by their 32-bit hash alone, so no name of the rulebook's reaches it: rules
  are named ``r0``, ``r1``, ... and fact fields ``a``, ``b``, ... (:attr:`Part.fields` says which field
  each is), every name skipping any whose hash is already taken; shorter names also make every fact,
  and every firing the engine reports, shorter to write and to read. No metadata is put in the
  definitions;
* numbers are written so that the engine's JSON parser reads them exactly (``1e-05`` as ``1.0e-05``).
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Collection, Iterator, Mapping, Sequence

from judgement._attrs import frozen
from judgement._digest import sha256
from judgement._frozen import FrozenMap
from judgement.check import stored
from judgement.errors import Problem, RulebookError
from judgement.lang.evaluate import as_number
from judgement.lang.normal import AllOf, AnyOf, Condition, Const, Expr, Field, Test, field_name, sign_identity
from judgement.model import Area, Rule, Rulebook
from judgement.source import Location

__all__ = [
    "CASE_MARK",
    "CATCH_ALL",
    "DAY",
    "DERIVED",
    "MAX_ALTERNATIVES",
    "MAX_FACT_FIELDS",
    "MAX_GROUPS",
    "CompiledRulebook",
    "Part",
    "alternatives",
    "compile_rulebook",
    "compiled_for",
    "default_needs",
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
#: The engine refuses a rule (error 113) whose condition holds more ``$and``/``$or`` groups than this,
#: counting the one around every rule (found by probing durable_rules 2.0.28; comparisons in a group
#: are not limited).
MAX_GROUPS = 15
#: Derived fields (the exact signs of comparisons the engine cannot compute itself) are named so.
DERIVED = "__d"
#: The inspection date as a day number (:meth:`datetime.date.toordinal`), which dated rules test.
DAY = "__day"

_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}


@frozen
class Part:
    """One engine ruleset: its unique name, its definition as JSON, and the level of the areas whose
    rules it holds (0: judged from evidence; a derived judgement's level is one more than the highest
    level whose grades it reads)."""

    name: str
    definition: str
    level: int = 0
    #: The fact fields its rules read (the only ones a case fact needs to carry to it), each with the
    #: name the engine knows it by.
    fields: Mapping[str, str] = FrozenMap()
    #: The areas whose rules it holds (by id, in the order compiled).
    areas: tuple[str, ...] = ()


@frozen
class CompiledRulebook:
    """What the engine needs: rulesets (every case fact goes to each), and how engine names map back."""

    parts: tuple[Part, ...]
    rules: Mapping[str, tuple[str, str]]  # engine rule name -> (area id, rule id)
    fields: tuple[str, ...]  # every case-fact field a condition reads (by the names the rulebook gives them)
    derived: tuple[tuple[str, Test], ...] = ()  # derived field -> the comparison whose exact sign it holds

    @property
    def name(self) -> str:
        return self.parts[0].name.rsplit("#", 1)[0]

    @property
    def levels(self) -> int:
        """How many levels of facts a case asserts: 1, plus one per level of derived judgements."""
        return 1 + max(part.level for part in self.parts)


def default_needs(area: Area) -> list[str]:
    """The fact fields an area's default rule needs present to fire: its required evidence, and the grade
    of every area it reads that it does not read optionally."""
    return [
        *area.requires,
        *(field_name(a, grade=True) for a in area.reads_areas if a not in area.optional_grades),
    ]


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


def compile_rulebook(
    rulebook: Rulebook,
    only: Collection[str] | None = None,
    whole: CompiledRulebook | None = None,
    *,
    alone: bool = False,
) -> CompiledRulebook:
    """Compile a validated rulebook into as few rulesets as the engine's result limit allows.

    With ``only`` (area ids) and ``whole`` (the rulebook compiled in full), only those areas' rules are
    compiled, for runs of one case in which the other areas' evidence stays as it was judged. The exact
    signs keep the names ``whole`` gives them, and each level of the whole rulebook still has a ruleset
    (one holding only the catch-all rule where none of its areas is compiled), so a case's facts are
    asserted level by level as they are to ``whole``. With ``alone``, each area's rules are in rulesets
    of their own, each given only the fields its rules read (for runs of one case that differ in a few
    values: a ruleset given the fact it was given before need not be asked again)."""
    if (only is None) != (whole is None):
        raise ValueError("compiling some areas needs the whole rulebook compiled")
    names: dict[str, tuple[str, str]] = {}
    engine_names = _EngineNames()
    fields: dict[str, None] = {}
    derived: dict[tuple[object, ...], tuple[str, Test]] = (
        {sign_identity(test): (name, test) for name, test in whole.derived} if whole is not None else {}
    )
    first_use: dict[str, Location | None] = {}
    problems = []
    groups: list[dict[str, object]] = []
    group_levels: list[int] = []
    load = MAX_ALTERNATIVES  # forces a first group
    top = max((a.level for a in rulebook.areas if a.rules), default=0)
    for area in sorted(rulebook.areas, key=lambda a: a.level):  # stable: file order within a level
        mark = area.level + 1  # the fact of level L carries __case__: L + 1
        if only is not None:
            if area.id not in only:
                continue
            while len(set(group_levels)) < area.level:  # a level below with nothing compiled
                groups.append(_catch_all())
                group_levels.append(len(set(group_levels)))
        if alone or (group_levels and group_levels[-1] != area.level):
            load = MAX_ALTERNATIVES  # a level (or with ``alone``, an area) starts a ruleset of its own
        for rule in area.rules:
            bodies = _rule_bodies(area, rule, fields, derived)
            for key in (*fields, *(name for name, _ in derived.values())):
                first_use.setdefault(key, rule.location)
            too_big = _size_problem(rule, bodies)
            if too_big is not None:
                problems.append(too_big)
                continue
            dates = _dates(rule, fields)
            for body, part_weight in bodies:  # a rule too big for one engine rule is several, merged back
                terms = [*dates, *body]
                name = engine_names.rule()
                names[name] = (area.id, rule.id)
                if load + part_weight > MAX_ALTERNATIVES:
                    groups.append(_catch_all())
                    group_levels.append(area.level)
                    load = 1
                groups[-1][name] = {"all": [{"m": {"$and": [{CASE_MARK: mark}, *terms]}}]}
                load += part_weight
    while only is not None and len(set(group_levels)) <= top:  # levels above with nothing compiled
        groups.append(_catch_all())
        group_levels.append(len(set(group_levels)))
    every = [*fields, *(name for name, _ in derived.values())]
    problems += _fact_problems(rulebook, every, first_use)
    if problems:
        raise RulebookError(problems)
    aliases = {key: engine_names.field() for key in every}
    renamed = [_renamed_group(group, aliases) for group in groups]
    texts = [to_json(group) for group, _ in renamed]
    digest = _digest(texts, aliases, every)
    parts = tuple(
        Part(
            f"{rulebook.id}@{digest}#{i}",
            text,
            level,
            FrozenMap({key: aliases[key] for key in every if key in read}),
            tuple(dict.fromkeys(names[rule][0] for rule in group if rule in names)),
        )
        for i, (text, (_, read), level, group) in enumerate(zip(texts, renamed, group_levels, groups, strict=True))
    )
    return CompiledRulebook(parts=parts, rules=names, fields=tuple(fields), derived=tuple(derived.values()))


#: A compiled rulebook's classes, as the entry of a kept rulebook names them (see :func:`compiled_for`).
_KEPT_CLASSES = {f"{__name__}:{cls.__qualname__}": cls for cls in (Part, CompiledRulebook)}


def compiled_for(rulebook: Rulebook) -> CompiledRulebook:
    """``rulebook`` compiled in full (:func:`compile_rulebook`): for a rulebook read back from the cache of
    checked rulebooks (:mod:`judgement.check.stored`), as the first judge made of it there kept it beside
    it (it is made from the rulebook's value alone, by the same version of the library); otherwise compiled,
    and kept beside the rulebook's entry when it has one. A command judging one case then neither compiles
    the rulebook nor writes its rulesets out again. The engine's firings are still checked, rule by rule,
    against the reference evaluator."""
    kept = stored.extra(rulebook, "engine", _KEPT_CLASSES)
    if isinstance(kept, CompiledRulebook):
        return kept
    compiled = compile_rulebook(rulebook)
    stored.keep_extra(rulebook, "engine", compiled, _KEPT_CLASSES)
    return compiled


def _digest(texts: Sequence[str], aliases: Mapping[str, str], every: Sequence[str]) -> str:
    """The compiled rulebook's name, which shares an engine between judges: it covers which fact key each
    engine field stands for, not only the rules' text, so two rulebooks whose aliased rules read alike
    but whose keys stand for other things never share an engine."""
    mapping = "\n".join(f"{key}={aliases[key]}" for key in every)
    return sha256(("\n".join(texts) + "\n\n" + mapping).encode()).hexdigest()[:16]


def _rule_bodies(
    area: Area, rule: Rule, fields: dict[str, None], derived: dict[tuple[object, ...], tuple[str, Test]]
) -> list[tuple[list[object], int]]:
    """A rule's engine terms (see :func:`_bodies`); a default rule fires when the required evidence, and
    every grade the area reads, are given."""
    if rule.default:
        needed = default_needs(area)
        fields.update(dict.fromkeys(needed))
        return [([{"$ex": {m: 1}} for m in needed], 1)]
    assert rule.normal is not None
    return _bodies(rule.normal, fields, derived)


def _fact_problems(rulebook: Rulebook, every: list[str], first_use: Mapping[str, Location | None]) -> list[Problem]:
    """What the engine cannot take in a rulebook's case fact: more values than one fact may hold."""
    if len(every) <= MAX_FACT_FIELDS:
        return []
    return [
        Problem(
            f"rulebook {rulebook.id} reads {len(every)} distinct values and comparisons",
            first_use.get(every[MAX_FACT_FIELDS]),
            expected=f"at most {MAX_FACT_FIELDS} (the engine's limit on one fact); this rule reads the "
            f"{MAX_FACT_FIELDS + 1}st",
            code="rulebook.too-many-values",
        )
    ]


class _EngineNames:
    """The names a compile gives the engine's rules (``r0``, ``r1``, ...) and fact fields (``a``, ``b``,
    ..., ``aa``, ...): the engine tells names apart by their FNV-1a hash alone, so a name whose hash is
    taken (by another name, or by a name every fact or ruleset carries) is skipped."""

    def __init__(self) -> None:
        self._taken = {fnv1a32(name) for name in (CASE_MARK, CATCH_ALL, "sid", "id")}
        self._rules = (f"r{i}" for i in itertools.count())
        self._fields = (
            "".join(letters) for size in itertools.count(1) for letters in itertools.product(_LETTERS, repeat=size)
        )

    def rule(self) -> str:
        return self._free(self._rules)

    def field(self) -> str:
        return self._free(self._fields)

    def _free(self, candidates: Iterator[str]) -> str:
        for name in candidates:  # endless: returns within a few, as 32-bit collisions are rare
            taken = fnv1a32(name)
            if taken not in self._taken:
                self._taken.add(taken)
                return name
        raise AssertionError("unreachable")


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # (string's, without importing it)


def _renamed_group(group: dict[str, object], aliases: Mapping[str, str]) -> tuple[dict[str, object], set[str]]:
    """A ruleset's rules (each ``{"all": [{"m": condition}]}``) with every fact field in their conditions
    given the engine's name for it, and the fields they read (by the rulebook's names)."""
    read: set[str] = set()
    renamed: dict[str, object] = {}
    for name, rule in group.items():
        assert isinstance(rule, dict)
        renamed[name] = {"all": [{"m": _renamed(alias["m"], aliases, read)} for alias in rule["all"]]}
    return renamed, read


def _renamed(node: object, aliases: Mapping[str, str], read: set[str]) -> object:
    """A condition with the fact fields it reads (the keys of its comparisons and ``$ex`` tests, and its
    ``$m`` references) renamed and added to ``read``; operators start with ``$``, and names no alias is
    given stay as they are."""
    if isinstance(node, list):
        return [_renamed(item, aliases, read) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, object] = {}
    for key, value in node.items():
        if key == "$m" and isinstance(value, str):
            read.add(value)
            out[key] = aliases.get(value, value)
            continue
        if not key.startswith("$"):
            read.add(key)
        out[key if key.startswith("$") else aliases.get(key, key)] = _renamed(value, aliases, read)
    return out


def _catch_all() -> dict[str, object]:
    """A new ruleset's rules: its catch-all rule, which every case fact fires."""
    return {CATCH_ALL: {"all": [{"m": {"$ex": {CASE_MARK: 1}}}]}}


def _size_problem(rule: Rule, bodies: list[tuple[list[object], int]]) -> Problem | None:
    """Why the engine could not hold a rule: too many and/or groups, or too many alternatives."""
    too_big = [1 + _groups(terms) for terms, _ in bodies if 1 + _groups(terms) > MAX_GROUPS]
    if too_big:
        return Problem(
            f"rule {rule.id} nests {too_big[0]} groups of 'and' and 'or' in one alternative",
            rule.location,
            expected=f"at most {MAX_GROUPS} (the engine's limit for one rule); split the rule into several rules",
            code="rulebook.too-many-groups",
        )
    weight = sum(w for _, w in bodies)
    if weight >= MAX_ALTERNATIVES:
        return Problem(
            f"rule {rule.id} has {weight} alternative ways to hold once 'or' is multiplied out",
            rule.location,
            expected=f"fewer than {MAX_ALTERNATIVES} (split the rule into several rules)",
            code="rulebook.too-many-alternatives",
        )
    return None


def _dates(rule: Rule, fields: dict[str, None]) -> list[object]:
    """The tests of the inspection date that keep a dated rule to its effective dates."""
    dates: list[object] = []
    if rule.effective_from is not None:
        dates.append({"$gte": {DAY: rule.effective_from.toordinal()}})
    if rule.effective_to is not None:
        dates.append({"$lte": {DAY: rule.effective_to.toordinal()}})
    if dates:
        fields[DAY] = None
    return dates


def _terms(
    cond: Condition,
    parent: str,
    fields: dict[str, None],
    derived: dict[tuple[object, ...], tuple[str, Test]],
    *,
    guarded_as_derived: bool = False,
) -> list[object]:
    """The engine terms of a condition, spliced into a parent ``$and``/``$or`` of the same kind (the engine
    allows few and/or groups per rule, so none is made that is not needed)."""
    if isinstance(cond, Test):
        for f in cond.reads:
            fields[f.key] = None
        # The engine reads a missing field on the right-hand side as 0 (x > missing + 5 is x > 5), and a
        # comparison that reads missing evidence is unknown: every other field it reads must be present.
        guards = [{"$ex": {f.key: 1}} for f in cond.reads[1:]]
        if not cond.direct or (guards and guarded_as_derived):
            identity = sign_identity(cond)  # the sign does not depend on the operator
            if identity not in derived:
                derived[identity] = (f"{DERIVED}{len(derived)}", cond)
            name = derived[identity][0]
            return [{name: 0} if cond.op == "==" else {_OPS[cond.op]: {name: 0}}]
        rhs = _expr(cond.rhs)
        test = {cond.field.key: rhs} if cond.op == "==" else {_OPS[cond.op]: {cond.field.key: rhs}}
        if guards and parent != "$and":
            return [{"$and": [*guards, test]}]
        return [*guards, test]
    kind = "$and" if isinstance(cond, AllOf) else "$or"
    items = [
        t for item in cond.items for t in _terms(item, kind, fields, derived, guarded_as_derived=guarded_as_derived)
    ]
    return items if kind == parent else [{kind: items}]


def _bodies(
    cond: Condition, fields: dict[str, None], derived: dict[tuple[object, ...], tuple[str, Test]]
) -> list[tuple[list[object], int]]:
    """The engine rules one condition needs, with their weights in queued results: one, unless the
    condition has more and/or groups than one engine rule may; then guarded comparisons become derived
    ones (which need no group), and an 'or' at the top is split into several engine rules."""
    terms = _terms(cond, "$and", fields, derived)
    if 1 + _groups(terms) > MAX_GROUPS:
        terms = _terms(cond, "$and", fields, derived, guarded_as_derived=True)
    if 1 + _groups(terms) <= MAX_GROUPS or not isinstance(cond, AnyOf):
        return [(terms, alternatives(cond))]
    bodies: list[tuple[list[object], int]] = []
    chunk: list[Condition] = []
    for item in cond.items:
        trial = [*chunk, item]
        if chunk and 1 + _groups(_terms(AnyOf(tuple(trial)), "$and", {}, {}, guarded_as_derived=True)) > MAX_GROUPS:
            bodies.append(_body(chunk, fields, derived))
            trial = [item]
        chunk = trial
    bodies.append(_body(chunk, fields, derived))
    return bodies


def _body(
    items: list[Condition], fields: dict[str, None], derived: dict[tuple[object, ...], tuple[str, Test]]
) -> tuple[list[object], int]:
    part: Condition = items[0] if len(items) == 1 else AnyOf(tuple(items))
    return _terms(part, "$and", fields, derived, guarded_as_derived=True), alternatives(part)


def _groups(terms: list[object]) -> int:
    """How many ``$and``/``$or`` groups a list of engine terms holds."""
    count = 0
    for term in terms:
        if isinstance(term, dict) and len(term) == 1:
            ((op, inner),) = term.items()
            if op in ("$and", "$or") and isinstance(inner, list):
                count += 1 + _groups(inner)
    return count


def _expr(expr: Expr) -> object:
    """The right-hand side of a direct comparison: a field, or a constant a double holds exactly."""
    if isinstance(expr, Const):
        return as_number(expr.value)
    assert isinstance(expr, Field)
    return {"$m": expr.key}


def number_json(value: float | int) -> str:
    """A number as JSON the engine parses exactly: an exponent always follows a fraction."""
    if value.__class__ is int:
        return str(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    text = float.__repr__(value)  # a float subclass (NumPy's) is written as the float it is
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
