"""Area files: an area's required evidence, its hit policy and its rules, each rule's condition (parsed,
type-checked and normalised by :mod:`judgement.lang`) and reason template, every problem collected."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from judgement.check._checker import RULE_ID, Checker, DocPath, kind
from judgement.errors import Problem, suggest
from judgement.lang import ast as ex
from judgement.lang.failures import ConditionError, ParseFailure
from judgement.lang.normal import Condition, normalize
from judgement.lang.normal import tests as tests_of
from judgement.lang.parser import parse
from judgement.lang.types import AreaGrades, TypeChecker
from judgement.model import TRIGGERS, Area, Grade, Measure, Parameter, Placeholder, Policy, Rule, Scale, Template, Unit
from judgement.read.documents import Document
from judgement.source import Location

__all__ = ["AreaChecker", "aspect_id"]

_AREA_KEYS = (
    "area",
    "title",
    "description",
    "scale",
    "requires",
    "optional",
    "policy",
    "rules",
    "aspects",
    "combine",
    "effective_from",
    "effective_to",
)
_ASPECT_KEYS = ("aspect", "title", "description", "requires", "optional", "policy", "rules")
#: How an area split into aspects takes its grade from theirs.
_COMBINE = ("worst", "best")


def aspect_id(area: str, aspect: str) -> str:
    """The id an aspect is judged and reported under: ``area.aspect``."""
    return f"{area}.{aspect}"


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class AreaChecker:
    """Reads area files against a rulebook's measures, parameters and grade scale, appending every
    problem to ``problems``; area and rule ids must be unique across all the areas it reads."""

    def __init__(
        self,
        problems: list[Problem],
        measures: Mapping[str, Measure],
        parameters: Mapping[str, Parameter],
        scales: tuple[Scale, ...],
        area_grades: AreaGrades | None = None,
    ) -> None:
        self.problems = problems
        self.measures = measures
        self.parameters = parameters
        self.scales = scales
        self.scale: Scale | None = scales[0] if scales else None  # the scale of the area being read
        self.seen_areas: dict[str, Location] = {}
        self.seen_rules: dict[str, Location] = {}
        #: Every area's scale and grades (read before any area, so a derived judgement may name an area
        #: whose file comes later).
        self.area_grades: AreaGrades = area_grades or {}
        self.types = TypeChecker(
            {m: measure.unit for m, measure in measures.items()},
            {p: parameter.unit for p, parameter in parameters.items()},
            problems,
            self.area_grades,
            {m: measure.levels for m, measure in measures.items() if measure.levels},
        )

    def area(self, doc: Document) -> list[Area]:
        """One area document as :class:`~judgement.model.Area` values (the area, then its aspects when it
        is split into aspects), or none when it has problems."""
        seen_areas = self.seen_areas
        c = Checker(doc, self.problems)
        data = c.mapping((), doc.data, "an area file")
        if data is None:
            return []
        split = "aspects" in data
        c.keys(
            (),
            data,
            _AREA_KEYS,
            ("area", "title", "aspects") if split else ("area", "title", "rules"),
            "an area",
        )
        area_id = c.ident(("area",), data.get("area"), "area id") if "area" in data else ""
        if area_id in seen_areas:
            c.problem(
                ("area",),
                f"area {area_id!r} is defined twice (first at {seen_areas[area_id]})",
                "unique area ids",
                code="rulebook.duplicate-area",
            )
        seen_areas[area_id] = doc.loc(("area",))
        self.scale = self.scales[0] if self.scales else None
        if "scale" in data:
            wanted = data["scale"]
            self.scale = next((s for s in self.scales if s.id == wanted), None)
            if self.scale is None and self.scales:
                c.problem(
                    ("scale",),
                    f"scale {wanted!r} is not declared in the manifest",
                    "one of " + ", ".join(s.id for s in self.scales),
                    suggest(str(wanted), [s.id for s in self.scales]),
                    code="rulebook.unknown-scale",
                )
        title = c.text(("title",), data.get("title"), "title") if "title" in data else ""
        description = c.text(("description",), data.get("description"), "description", required=False)
        scale = self.scale.id if self.scale else ""
        if not split:
            return [self.dated(c, data, self.body(c, (), data, area_id, title, description))]
        for key in ("rules", "requires", "optional", "policy"):
            if key in data:
                c.problem(
                    (key,),
                    f"an area split into aspects has no {key} of its own",
                    f"{key} inside each aspect",
                    key=True,
                    code="rulebook.aspects",
                )
        combine = data.get("combine", "worst")
        if combine not in _COMBINE:
            c.problem(("combine",), f"combine {combine!r} is not known", "worst or best", code="data.unknown-choice")
            combine = "worst"
        raw = data.get("aspects")
        if not isinstance(raw, list) or len(raw) < 2:
            c.problem(
                ("aspects",), "aspects must list two or more aspects", "a list of aspects", code="rulebook.aspects"
            )
            return []
        aspects: list[Area] = []
        for path, entry in c.entries(("aspects",), raw, "an aspect", _ASPECT_KEYS, ("aspect", "title", "rules")):
            name = c.ident((*path, "aspect"), entry.get("aspect"), "aspect id") if "aspect" in entry else ""
            if any(a.id == aspect_id(area_id, name) for a in aspects):
                c.problem(
                    (*path, "aspect"), f"aspect {name!r} is listed twice", "unique aspect ids", code="rulebook.aspects"
                )
                continue
            aspect_title = c.text((*path, "title"), entry.get("title"), "title") if "title" in entry else ""
            aspect_description = c.text((*path, "description"), entry.get("description"), "description", required=False)
            body = self.body(c, path, entry, aspect_id(area_id, name), aspect_title, aspect_description)
            aspects.append(attrs.evolve(body, parent=area_id))
        parent = Area(
            id=area_id,
            title=title,
            requires=(),
            policy=Policy.PRIORITY,
            rules=(),
            description=description,
            location=doc.loc(("area",)),
            scale=scale,
            aspects=tuple(a.id for a in aspects),
            combine=combine,
        )
        return [parent, *aspects]

    def body(
        self, c: Checker, base: DocPath, data: Mapping[str, Any], area_id: str, title: str, description: str
    ) -> Area:
        """What an area (or one of its aspects) holds: evidence, policy and rules."""
        seen_rules = self.seen_rules
        policy = Policy.PRIORITY
        if "policy" in data:
            policy = c.enum((*base, "policy"), data["policy"], Policy, "policy") or Policy.PRIORITY
        requires = self.measure_list(c, base, data, "requires", [])
        # optional may also name areas whose grades a derived judgement can do without
        listed = data.get("optional", [])
        grades_optional: list[str] = []
        if isinstance(listed, list):
            grades_optional = [
                a for a in listed if isinstance(a, str) and a in self.area_grades and a not in self.measures
            ]
            data = {**data, "optional": [m for m in listed if m not in grades_optional]}
        optional = self.measure_list(c, base, data, "optional", requires)
        rules: list[Rule] = []
        raw_rules = data.get("rules")
        if "rules" in data and (not isinstance(raw_rules, list) or not raw_rules):
            c.problem((*base, "rules"), "rules must be a non-empty list", "a list of rules", code="rulebook.no-rules")
        elif isinstance(raw_rules, list):
            for i, raw in enumerate(raw_rules):
                rule = self.rule(c, (*base, "rules", i), raw, seen_rules)
                if rule is not None:
                    rules.append(rule)
            defaults = [r for r in rules if r.default]
            what = "aspect" if base else "area"
            if not defaults and len(rules) == len(raw_rules):
                c.problem(
                    (*base, "rules"),
                    f"{what} {area_id!r} has no default rule, so a case where no other rule fires would get no grade",
                    "one rule with 'default: true' (and no 'when')",
                    code="rulebook.no-default",
                )
            for extra in defaults[1:]:
                c.problem(
                    (*base, "rules"),
                    f"{what} {area_id!r} has more than one default rule ({extra.id!r})",
                    "exactly one default rule",
                    code="rulebook.several-defaults",
                )
        reads_areas = tuple(
            dict.fromkeys(
                f.name
                for rule in rules
                if rule.normal is not None
                for test in tests_of(rule.normal)
                for f in test.reads
                if f.grade
            )
        )
        return Area(
            id=area_id,
            title=title,
            requires=tuple(requires),
            policy=policy,
            rules=tuple(rules),
            description=description,
            location=c.doc.loc((*base, "aspect") if base else ("area",)),
            scale=self.scale.id if self.scale else "",
            reads_areas=reads_areas,
            optional=tuple(optional),
            optional_grades=tuple(a for a in grades_optional if a in reads_areas),
        )

    def dated(self, c: Checker, data: Mapping[str, Any], area: Area) -> Area:
        """An area given only on some dates (a judgement a framework added or dropped): its dates, and
        every rule's, the default's included, limited to them, so that on any other date no rule is in force,
        the engine fires nothing and the area is not judged."""
        start = (
            c.date(("effective_from",), data["effective_from"], "effective_from") if "effective_from" in data else None
        )
        end = c.date(("effective_to",), data["effective_to"], "effective_to") if "effective_to" in data else None
        if start is None and end is None:
            return area
        if start and end and end < start:
            c.problem(
                ("effective_to",),
                "effective_to is before effective_from",
                "a date on or after effective_from",
                code="rulebook.dates",
            )
            return area
        rules = []
        for rule in area.rules:
            first = max((d for d in (rule.effective_from, start) if d is not None), default=None)
            last = min((d for d in (rule.effective_to, end) if d is not None), default=None)
            if first and last and last < first:
                c.problem(
                    ("rules",),
                    f"rule {rule.id!r} is in force only outside its area's dates",
                    f"rule dates that meet the area's ({start or 'open'} to {end or 'open'})",
                    code="rulebook.dates",
                )
            rules.append(attrs.evolve(rule, effective_from=first, effective_to=last))
        return attrs.evolve(area, rules=tuple(rules), effective_from=start, effective_to=end)

    def measure_list(self, c: Checker, base: DocPath, data: Mapping[str, Any], key: str, taken: list[str]) -> list[str]:
        """``requires`` or ``optional``: known measures, each once (and not in both lists)."""
        out: list[str] = []
        raw = data.get(key, [])
        if not isinstance(raw, list):
            c.problem((*base, key), f"{key} must be a list of measure ids", "[measure, ...]", code="data.not-list")
            return out
        for i, mid in enumerate(raw):
            if not isinstance(mid, str):  # a list or mapping cannot even be looked up
                c.problem((*base, key, i), f"{key} lists {kind(mid)}", "a measure id", code="data.not-text")
            elif mid not in self.measures:
                c.problem(
                    (*base, key, i),
                    f"unknown measure {mid!r}",
                    "a measure from measures.yaml",
                    suggest(str(mid), self.measures),
                    code="rulebook.unknown-measure",
                )
            elif mid in out or mid in taken:
                c.problem(
                    (*base, key, i),
                    f"measure {mid!r} is listed twice" + (" (required and optional)" if mid in taken else ""),
                    "each measure once",
                    code="rulebook.duplicate-required",
                )
            else:
                out.append(mid)
        return out

    def grade(self, c: Checker, path: DocPath, raw: Any) -> Grade | None:
        """A grade named in a rule, which must be on the area's scale."""
        scale = self.scale
        if scale is None:  # the manifest's scales have problems, already reported
            return None
        found = scale.get(raw) if isinstance(raw, str) else None
        if found is None:
            c.problem(
                path,
                f"grade {raw!r} is not on "
                + ("the rulebook's scale" if len(self.scales) == 1 else f"scale {scale.id!r}, the area's"),
                "one of " + scale.names(),
                suggest(str(raw), [g.id for g in scale.grades]),
                code="rulebook.grade-off-scale",
            )
        return found

    def rule(self, c: Checker, path: DocPath, raw: Any, seen: dict[str, Location]) -> Rule | None:
        data = c.mapping(path, raw, "a rule")
        if data is None:
            return None
        c.keys(
            path,
            data,
            (
                "id",
                "grade",
                "when",
                "default",
                "limit",
                "because",
                "rationale",
                "cites",
                "effective_from",
                "effective_to",
            ),
            ("id", "grade", "because"),
            "a rule",
        )
        rule_id = c.ident((*path, "id"), data.get("id"), "rule id", RULE_ID) if "id" in data else ""
        if rule_id and rule_id in seen:
            c.problem(
                (*path, "id"),
                f"duplicate rule id {rule_id!r} (first at {seen[rule_id]})",
                "unique rule ids",
                code="rulebook.duplicate-rule",
            )
        seen[rule_id] = c.doc.loc((*path, "id"))
        grade = self.grade(c, (*path, "grade"), data["grade"]) if "grade" in data else None
        default = self.flag(c, path, data, "default")
        limit = self.flag(c, path, data, "limit")
        if limit and default:
            c.problem(
                (*path, "limit"),
                "a limit is not a default rule",
                "either 'default: true' or 'limit: true' with a 'when'",
                key=True,
                code="rulebook.default-with-condition",
            )
        start = (
            c.date((*path, "effective_from"), data["effective_from"], "effective_from")
            if data.get("effective_from") is not None
            else None
        )
        end = (
            c.date((*path, "effective_to"), data["effective_to"], "effective_to")
            if data.get("effective_to") is not None
            else None
        )
        if start and end and end < start:
            c.problem(
                (*path, "effective_to"),
                "effective_to is before effective_from",
                "a date on or after effective_from",
                code="rulebook.dates",
            )
        if default and (start or end):
            c.problem(
                (*path, "effective_from" if start else "effective_to"),
                "the default rule is always in force",
                "dates on the rules that find something; the default applies whenever none of them fires",
                key=True,
                code="rulebook.dated-default",
            )
        condition: ex.Node | None = None
        normal: Condition | None = None
        if default and "when" in data:
            c.problem(
                (*path, "when"),
                "a default rule has no condition",
                "either 'default: true' or 'when: ...'",
                key=True,
                code="rulebook.default-with-condition",
            )
        elif not default and "when" not in data:
            c.problem(
                path,
                f"rule {rule_id!r} has no condition",
                "'when: <condition>' or 'default: true'",
                code="rulebook.no-condition",
            )
        elif "when" in data:
            condition, normal = self.condition(c, (*path, "when"), data["when"])
        because, reasons = (
            self.reasons(c, (*path, "because"), data.get("because"), condition) if "because" in data else (None, ())
        )
        cites = data.get("cites", [])
        if isinstance(cites, str):
            cites = [cites]
        if not isinstance(cites, list) or not all(isinstance(x, str) for x in cites):
            c.problem((*path, "cites"), "cites must be a list of text", "a list of sources", code="data.not-list")
            cites = []
        rationale = c.text((*path, "rationale"), data.get("rationale"), "rationale", required=False)
        if grade is None or because is None or (not default and normal is None):
            return None
        return Rule(
            rule_id,
            grade,
            because,
            condition,
            normal,
            default,
            rationale,
            tuple(cites),
            c.doc.loc((*path, "id")),
            limit=limit,
            reasons=reasons,
            effective_from=start,
            effective_to=end,
        )

    def flag(self, c: Checker, path: DocPath, data: Mapping[str, Any], key: str) -> bool:
        value = data.get(key, False)
        if isinstance(value, bool):
            return value
        c.problem(
            (*path, key), f"{key} must be true or false, not {kind(value)}", "true or false", code="data.not-flag"
        )
        return False

    def condition(self, c: Checker, path: DocPath, raw: Any) -> tuple[ex.Node | None, Condition | None]:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            c.problem(
                path,
                f"a condition must be text, not {kind(raw)}",
                "a condition such as 'measure >= 80'",
                code="condition.not-text",
            )
            return None, None
        text = str(raw)
        at = c.doc.loc(path)
        try:
            node = parse(text, at)
        except ParseFailure as failure:
            self.problems.append(failure.problem)
            return None, None
        before = len(self.problems)
        checked = self.types.condition(node)
        if len(self.problems) > before or checked is None:
            return node, None
        ranks = {area: grades for area, (_, grades) in self.area_grades.items()}
        try:
            counted = {m for m, measure in self.measures.items() if measure.counted}
            scales = {m: 10_000 for m, measure in self.measures.items() if measure.unit is Unit.RATE_PER_10K}
            return node, normalize(node, set(self.parameters), ranks, self.types.levels, counted, scales)
        except ConditionError as failure:
            self.problems.append(failure.problem)
            return node, None

    def reasons(
        self, c: Checker, path: DocPath, raw: Any, condition: ex.Node | None
    ) -> tuple[Template | None, tuple[Template, ...]]:
        """``because``: one reason, or a list with one per alternative (``or`` part) of the condition."""
        if not isinstance(raw, list):
            return self.template(c, path, raw), ()
        parts = condition.items if isinstance(condition, ex.Or) else ()
        if len(raw) != len(parts) or len(raw) < 2:
            c.problem(
                path,
                f"because lists {len(raw)} reasons for a condition with {len(parts) or 1} alternative"
                + ("s" if len(parts) != 1 else ""),
                "one reason per 'or' part of 'when', in order (or a single reason)",
                code="template.alternatives",
            )
            return None, ()
        templates = [self.template(c, (*path, i), item) for i, item in enumerate(raw)]
        if any(t is None for t in templates):
            return None, ()
        kept = tuple(t for t in templates if t is not None)
        return kept[0], kept

    def template(self, c: Checker, path: DocPath, raw: Any) -> Template | None:
        if not isinstance(raw, str) or not raw.strip():
            c.problem(
                path,
                f"because must be text, not {kind(raw)}",
                "a sentence, with {measure} placeholders",
                code="template.not-text",
            )
            return None
        if not c.safe(path, raw, "because"):
            return None
        at = c.doc.loc(path)
        parts: list[str | Placeholder] = []
        ok = True
        pos = 0
        for match in _PLACEHOLDER.finditer(raw):
            parts.append(raw[pos : match.start()])
            pos = match.end()
            token = match.group()
            if token in ("{{", "}}"):
                parts.append(token[0])
                continue
            name = match.group(1)
            where = at.shifted(match.start(), len(token))
            if name is None:
                self.problems.append(
                    Problem(
                        f"unmatched {token!r} in reason",
                        where,
                        "'{{' or '}}' for a literal brace",
                        code="template.brace",
                    )
                )
                ok = False
                continue
            placeholder = self.placeholder(name.strip(), where)
            if placeholder is None:
                ok = False
            else:
                parts.append(placeholder)
        parts.append(raw[pos:])
        merged: list[str | Placeholder] = []
        for part in parts:
            if isinstance(part, str) and merged and isinstance(merged[-1], str):
                merged[-1] += part
            elif part != "":
                merged.append(part)
        return Template(raw, tuple(merged)) if ok else None

    def placeholder(self, text: str, where: Location) -> Placeholder | None:
        name, _, attr = text.partition(".")
        known = [*self.measures, *self.parameters]
        if name == TRIGGERS and not attr and name not in known:
            return Placeholder(name, None, where)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or (attr and attr not in ex.ATTRIBUTES):
            self.problems.append(
                Problem(
                    f"placeholder {{{text}}} is not a measure or parameter name",
                    where,
                    ", ".join("{measure." + a + "}" for a in ex.ATTRIBUTES).join(("{measure}, ", ", {parameter} "))
                    + "or {triggers}",
                    suggest(name, known),
                    code="template.bad-placeholder",
                )
            )
            return None
        if name not in known:
            self.problems.append(
                Problem(
                    f"unknown name {name!r} in reason",
                    where,
                    "a measure or parameter",
                    suggest(name, known),
                    code="template.unknown-name",
                )
            )
            return None
        if attr and name in self.parameters:
            self.problems.append(
                Problem(f"parameter {name!r} has no .{attr}", where, f"{{{name}}}", code="template.parameter-attribute")
            )
            return None
        return Placeholder(name, attr or None, where)
