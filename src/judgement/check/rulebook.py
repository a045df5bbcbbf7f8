"""Rulebooks: documents to a frozen :class:`~judgement.model.Rulebook`, every problem found at once.

A rulebook is read from a folder (``rulebook.yaml``, ``measures.yaml``, ``areas/*.yaml``; see
:mod:`judgement.read.folders`), from YAML or JSON text, or from a mapping built in Python; the last two
hold the manifest's keys plus ``measures`` (the catalogue) and ``areas`` (a list of area documents).
Names, units, ranges, grades, policies, conditions (parsed, type-checked and normalised by
:mod:`judgement.lang`) and reason templates are all checked, and one
:class:`~judgement.errors.RulebookError` lists every problem with its location.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from judgement.check._checker import ID, RULE_ID, Checker, DocPath, kind, number_problem
from judgement.errors import InputError, Problem, RulebookError, suggest
from judgement.lang import ast as ex
from judgement.lang.normal import Condition, normalize
from judgement.lang.parser import ParseFailure, parse
from judgement.lang.types import TypeChecker
from judgement.model import (
    Area,
    DatedValue,
    Direction,
    Grade,
    Measure,
    Parameter,
    Placeholder,
    Policy,
    Rule,
    Rulebook,
    Template,
    Unit,
)
from judgement.read.documents import Document, load_document, parse_document
from judgement.read.folders import AREAS_DIR, display, rulebook_files
from judgement.source import Location

__all__ = ["MAX_AREAS", "MAX_MEASURES", "MAX_RULES", "RulebookSource", "load_rulebook"]

#: Limits on the size of a rulebook.
MAX_AREAS = 100
MAX_RULES = 2000
MAX_MEASURES = 500

_MANIFEST_KEYS = ("id", "title", "version", "effective_from", "effective_to", "grades", "description", "parameters")
_DEFAULT_RANGE = {
    Unit.PERCENT: (0.0, 100.0),
    Unit.COUNT: (0.0, float(2**53 - 1)),
    Unit.RATE_PER_10K: (0.0, 10_000.0),
    Unit.DAYS: (0.0, 3_650.0),
    Unit.RATIO: (0.0, 1_000_000.0),
    Unit.FLAG: (0.0, 1.0),
}
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")

#: What :func:`load_rulebook` reads: a folder (a path), YAML or JSON text, or a mapping.
RulebookSource = str | Path | Mapping[str, Any]


def load_rulebook(source: RulebookSource, *, name: str | None = None) -> Rulebook:
    """Read and check a rulebook.

    ``source`` is a folder (a :class:`~pathlib.Path`, or text naming one; its ``rulebook.yaml`` also
    works), YAML or JSON text holding the whole rulebook (text with a line break, or starting with
    ``{``), or a mapping built in Python. ``name`` labels text and mappings in messages (default
    ``<string>`` and ``<dict>``).
    """
    if isinstance(source, Mapping):
        doc = Document(name or "<dict>", dict(source), {}, {})
        return _from_document(doc, _data_digest(source))
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        doc = parse_document(source, name or "<string>")
        return _from_document(doc, hashlib.sha256(source.encode()).hexdigest())
    return _from_folder(Path(source))


def _from_folder(path: Path) -> Rulebook:
    root = path.parent if path.is_file() and path.name == "rulebook.yaml" else path
    files = rulebook_files(root)
    docs: list[Document] = []
    input_problems: list[Problem] = []
    for file in files:
        try:
            docs.append(load_document(file, name=display(file)))
        except InputError as error:
            input_problems.extend(error.problems)
    if input_problems:
        raise InputError(input_problems)
    sha = hashlib.sha256()
    for file in sorted(files):
        sha.update(file.relative_to(root).as_posix().encode() + b"\0")
        sha.update(file.read_bytes() + b"\0")
    return _Builder(display(root), sha.hexdigest(), root).build(docs[0], docs[1], docs[2:])


def _data_digest(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _from_document(doc: Document, digest: str) -> Rulebook:
    """A whole rulebook in one document: the manifest's keys, ``measures`` and ``areas``."""
    c = Checker(doc, [])
    data = c.mapping((), doc.data, "a rulebook")
    if data is None:
        raise RulebookError(c.problems)
    manifest = doc.part(data={k: v for k, v in data.items() if k not in ("measures", "areas")})
    measures = doc.part(data={"measures": data.get("measures", {})})
    raw_areas = data.get("areas", [])
    areas: list[Document] = []
    if not isinstance(raw_areas, list):
        c.problem(("areas",), "areas must be a list of areas", "a list of area mappings", code="data.not-list")
    else:
        areas = [doc.part("areas", i) for i in range(len(raw_areas))]
    builder = _Builder(doc.path, digest, None, extra_keys=("measures", "areas"))
    builder.problems.extend(c.problems)
    return builder.build(manifest, measures, areas)


class _Builder:
    def __init__(self, label: str, digest: str, root: Path | None, extra_keys: tuple[str, ...] = ()) -> None:
        self.label = label  # how the rulebook is named in messages
        self.root = root
        self.digest = digest
        self.extra_keys = extra_keys
        self.problems: list[Problem] = []
        self.measures: dict[str, Measure] = {}
        self.parameters: dict[str, Parameter] = {}
        self.grades: tuple[Grade, ...] = Grade.scale()

    def build(self, manifest: Document, measures: Document, area_docs: list[Document]) -> Rulebook:
        head = self.manifest(manifest)
        self.read_measures(measures)
        areas: list[Area] = []
        if not area_docs:
            self.problems.append(
                Problem(
                    f"{self.label}: no area files in {AREAS_DIR}/", expected="areas/*.yaml", code="rulebook.no-areas"
                )
            )
        if len(area_docs) > MAX_AREAS:
            self.problems.append(
                Problem(
                    f"{self.label}: {len(area_docs)} areas", expected=f"at most {MAX_AREAS}", code="rulebook.too-many"
                )
            )
        declared = sum(
            len(d.data.get("rules") or [])
            for d in area_docs
            if isinstance(d.data, dict) and isinstance(d.data.get("rules"), list)
        )
        if declared > MAX_RULES:  # checked before any rule is parsed, so an oversized rulebook fails fast
            raise RulebookError(
                [
                    Problem(
                        f"{self.label}: more than {MAX_RULES} rules ({declared})",
                        expected=f"at most {MAX_RULES}",
                        code="rulebook.too-many",
                    )
                ]
            )
        seen_areas: dict[str, Location] = {}
        seen_rules: dict[str, Location] = {}
        for doc in area_docs[:MAX_AREAS]:
            area = self.area(doc, seen_areas, seen_rules)
            if area is not None:
                areas.append(area)
        if sum(len(a.rules) for a in areas) > MAX_RULES:
            self.problems.append(
                Problem(
                    f"{self.label}: more than {MAX_RULES} rules",
                    expected=f"at most {MAX_RULES}",
                    code="rulebook.too-many",
                )
            )
        if self.problems:
            raise RulebookError(self.problems)
        return Rulebook(
            id=head["id"],
            title=head["title"],
            version=head["version"],
            effective_from=head["effective_from"],
            effective_to=head["effective_to"],
            grades=self.grades,
            measures=self.measures,
            parameters=self.parameters,
            areas=tuple(areas),
            digest=self.digest,
            path=self.root,
            description=head["description"],
        )

    # manifest -----------------------------------------------------------------------------------
    def manifest(self, doc: Document) -> dict[str, Any]:
        c = Checker(doc, self.problems)
        data = c.mapping((), doc.data, "the rulebook manifest") or {}
        c.keys(
            (),
            data,
            (*_MANIFEST_KEYS, *self.extra_keys),
            ("id", "title", "version", "effective_from", "grades"),
            "the rulebook manifest",
        )
        head: dict[str, Any] = {
            "id": c.ident(("id",), data.get("id"), "rulebook id", RULE_ID) if "id" in data else "",
            "title": c.text(("title",), data.get("title"), "title") if "title" in data else "",
            "version": str(data.get("version", "")),
            "effective_from": c.date(("effective_from",), data.get("effective_from"), "effective_from")
            if "effective_from" in data
            else None,
            "effective_to": c.date(("effective_to",), data["effective_to"], "effective_to")
            if data.get("effective_to") is not None
            else None,
            "description": c.text(("description",), data.get("description"), "description", required=False),
        }
        if head["effective_from"] and head["effective_to"] and head["effective_to"] < head["effective_from"]:
            c.problem(
                ("effective_to",),
                "effective_to is before effective_from",
                "a date on or after effective_from",
                code="rulebook.dates",
            )
        grades = data.get("grades")
        if "grades" in data:
            if not isinstance(grades, list) or not grades:
                c.problem(
                    ("grades",),
                    "grades must be a list of grade names, worst first",
                    ", ".join(g.value for g in Grade.scale()),
                    code="rulebook.grades",
                )
            else:
                parsed = [c.enum(("grades", i), g, Grade, "grade") for i, g in enumerate(grades)]
                if all(parsed):
                    if Grade.NOT_JUDGED in parsed:
                        c.problem(
                            ("grades",),
                            "not_judged is not a grade on the scale",
                            "graded outcomes only",
                            code="rulebook.grades",
                        )
                    elif sorted(parsed, key=lambda g: g.rank) != parsed or len(set(parsed)) != len(parsed):
                        c.problem(
                            ("grades",),
                            "grades must be listed once each, worst first",
                            ", ".join(g.value for g in Grade.scale()),
                            code="rulebook.grades",
                        )
                    else:
                        self.grades = tuple(parsed)
        params = data.get("parameters") or {}
        if c.mapping(("parameters",), params, "parameters") is not None:
            for pid, pdata in params.items():
                self.parameter(c, pid, pdata)
        return head

    def parameter(self, c: Checker, pid: str, pdata: Any) -> None:
        path: DocPath = ("parameters", pid)
        c.ident(path, pid, "parameter", ID)
        data = c.mapping(path, pdata, f"parameter {pid!r}")
        if data is None:
            return
        c.keys(path, data, ("title", "unit", "values"), ("title", "unit", "values"), f"parameter {pid!r}")
        unit = c.enum((*path, "unit"), data.get("unit"), Unit, "unit") if "unit" in data else None
        values: list[DatedValue] = []
        raw_values = data.get("values")
        if not isinstance(raw_values, list) or not raw_values:
            if "values" in data:
                c.problem(
                    (*path, "values"),
                    "values must be a list of {value, from, to}",
                    "a non-empty list",
                    code="data.not-list",
                )
        else:
            for i, item in enumerate(raw_values):
                vpath = (*path, "values", i)
                entry = c.mapping(vpath, item, "a dated value")
                if entry is None:
                    continue
                c.keys(vpath, entry, ("value", "from", "to", "source"), ("value", "from"), "a dated value")
                value = c.number((*vpath, "value"), entry.get("value"), "value") if "value" in entry else None
                start = c.date((*vpath, "from"), entry.get("from"), "from") if "from" in entry else None
                end = c.date((*vpath, "to"), entry["to"], "to") if entry.get("to") is not None else None
                if value is not None and start is not None:
                    values.append(
                        DatedValue(
                            value, start, end, c.text((*vpath, "source"), entry.get("source"), "source", required=False)
                        )
                    )
            ordered = sorted(values, key=lambda v: v.start)
            for before, after in itertools.pairwise(ordered):
                if before.end is None or before.end >= after.start:
                    c.problem(
                        (*path, "values"),
                        f"parameter {pid!r} has overlapping date spans",
                        "spans that do not overlap",
                        code="rulebook.overlapping-spans",
                    )
        if unit is not None and values:
            self.parameters[pid] = Parameter(
                pid,
                c.text((*path, "title"), data.get("title"), "title"),
                unit,
                tuple(values),
                c.doc.loc(path, key=True),
            )

    # measures -----------------------------------------------------------------------------------
    def read_measures(self, doc: Document) -> None:
        c = Checker(doc, self.problems)
        data = c.mapping((), doc.data, "the measure catalogue") or {}
        c.keys((), data, ("measures",), ("measures",), "the measure catalogue")
        measures = c.mapping(("measures",), data.get("measures", {}), "measures") or {}
        if len(measures) > MAX_MEASURES:
            c.problem(("measures",), f"{len(measures)} measures", f"at most {MAX_MEASURES}", code="rulebook.too-many")
            return
        for mid, mdata in measures.items():
            path: DocPath = ("measures", mid)
            c.ident(path, mid, "measure", ID)
            if mid in self.parameters:
                c.problem(
                    path,
                    f"measure {mid!r} has the same name as a parameter",
                    "distinct names",
                    key=True,
                    code="rulebook.name-clash",
                )
            m = c.mapping(path, mdata, f"measure {mid!r}")
            if m is None:
                continue
            c.keys(
                path,
                m,
                ("title", "definition", "unit", "better", "range", "source"),
                ("title", "unit", "better"),
                f"measure {mid!r}",
            )
            unit = c.enum((*path, "unit"), m.get("unit"), Unit, "unit") if "unit" in m else None
            better = c.enum((*path, "better"), m.get("better"), Direction, "direction") if "better" in m else None
            if unit is None or better is None:
                continue
            low, high = _DEFAULT_RANGE[unit]
            if "range" in m:
                rng = m["range"]
                if not (
                    isinstance(rng, list)
                    and len(rng) == 2
                    and not any(number_problem(x) for x in rng)
                    and rng[0] < rng[1]
                ):
                    c.problem(
                        (*path, "range"),
                        "range must be [low, high] with low < high",
                        "two numbers, e.g. [0, 100]",
                        code="rulebook.range",
                    )
                else:
                    low, high = float(rng[0]), float(rng[1])
                    if unit is Unit.PERCENT and (low < 0 or high > 100):
                        c.problem(
                            (*path, "range"),
                            "a percentage's range must lie within 0..100",
                            "[0, 100] or narrower",
                            code="rulebook.range",
                        )
            self.measures[mid] = Measure(
                id=mid,
                title=c.text((*path, "title"), m.get("title"), "title"),
                unit=unit,
                better=better,
                minimum=low,
                maximum=high,
                definition=c.text((*path, "definition"), m.get("definition"), "definition", required=False),
                source=c.text((*path, "source"), m.get("source"), "source", required=False),
                location=doc.loc(path, key=True),
            )

    # areas ----------------------------------------------------------------------------------------
    def area(self, doc: Document, seen_areas: dict[str, Location], seen_rules: dict[str, Location]) -> Area | None:
        c = Checker(doc, self.problems)
        data = c.mapping((), doc.data, "an area file")
        if data is None:
            return None
        c.keys(
            (),
            data,
            ("area", "title", "description", "requires", "policy", "rules"),
            ("area", "title", "rules"),
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
        policy = Policy.PRIORITY
        if "policy" in data:
            policy = c.enum(("policy",), data["policy"], Policy, "policy") or Policy.PRIORITY
        requires: list[str] = []
        raw_requires = data.get("requires", [])
        if not isinstance(raw_requires, list):
            c.problem(("requires",), "requires must be a list of measure ids", "[measure, ...]", code="data.not-list")
        else:
            for i, mid in enumerate(raw_requires):
                if mid not in self.measures:
                    c.problem(
                        ("requires", i),
                        f"unknown measure {mid!r}",
                        "a measure from measures.yaml",
                        suggest(str(mid), self.measures),
                        code="rulebook.unknown-measure",
                    )
                elif mid in requires:
                    c.problem(
                        ("requires", i),
                        f"measure {mid!r} is required twice",
                        "each measure once",
                        code="rulebook.duplicate-required",
                    )
                else:
                    requires.append(mid)
        rules: list[Rule] = []
        raw_rules = data.get("rules")
        if "rules" in data and (not isinstance(raw_rules, list) or not raw_rules):
            c.problem(("rules",), "rules must be a non-empty list", "a list of rules", code="rulebook.no-rules")
        elif isinstance(raw_rules, list):
            for i, raw in enumerate(raw_rules):
                rule = self.rule(c, ("rules", i), raw, seen_rules)
                if rule is not None:
                    rules.append(rule)
            defaults = [r for r in rules if r.default]
            if not defaults and len(rules) == len(raw_rules):
                c.problem(
                    ("rules",),
                    f"area {area_id!r} has no default rule, so a case where no other rule fires would get no grade",
                    "one rule with 'default: true' (and no 'when')",
                    code="rulebook.no-default",
                )
            for extra in defaults[1:]:
                c.problem(
                    ("rules",),
                    f"area {area_id!r} has more than one default rule ({extra.id!r})",
                    "exactly one default rule",
                    code="rulebook.several-defaults",
                )
        return Area(
            id=area_id,
            title=c.text(("title",), data.get("title"), "title") if "title" in data else "",
            requires=tuple(requires),
            policy=policy,
            rules=tuple(rules),
            description=c.text(("description",), data.get("description"), "description", required=False),
            location=doc.loc(("area",)),
        )

    def rule(self, c: Checker, path: DocPath, raw: Any, seen: dict[str, Location]) -> Rule | None:
        data = c.mapping(path, raw, "a rule")
        if data is None:
            return None
        c.keys(
            path,
            data,
            ("id", "grade", "when", "default", "because", "rationale", "cites"),
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
        grade = None
        if "grade" in data:
            grade = c.enum((*path, "grade"), data["grade"], Grade, "grade")
            if grade is not None and grade not in self.grades:
                c.problem(
                    (*path, "grade"),
                    f"grade {grade.value!r} is not on this rulebook's scale",
                    "one of " + ", ".join(g.value for g in self.grades),
                    code="rulebook.grade-off-scale",
                )
                grade = None
        default = data.get("default", False)
        if not isinstance(default, bool):
            c.problem(
                (*path, "default"),
                f"default must be true or false, not {kind(default)}",
                "true or false",
                code="data.not-flag",
            )
            default = False
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
        because = self.template(c, (*path, "because"), data.get("because")) if "because" in data else None
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
            rule_id, grade, because, condition, normal, default, rationale, tuple(cites), c.doc.loc((*path, "id"))
        )

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
        units = {m: measure.unit for m, measure in self.measures.items()}
        parameter_units = {p: parameter.unit for p, parameter in self.parameters.items()}
        checked = TypeChecker(units, parameter_units, self.problems).condition(node)
        if len(self.problems) > before or checked is None:
            return node, None
        try:
            return node, normalize(node, set(self.parameters))
        except ParseFailure as failure:
            self.problems.append(failure.problem)
            return node, None

    def template(self, c: Checker, path: DocPath, raw: Any) -> Template | None:
        if not isinstance(raw, str) or not raw.strip():
            c.problem(
                path,
                f"because must be text, not {kind(raw)}",
                "a sentence, with {measure} placeholders",
                code="template.not-text",
            )
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
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or (attr and attr not in ex.ATTRIBUTES):
            self.problems.append(
                Problem(
                    f"placeholder {{{text}}} is not a measure or parameter name",
                    where,
                    "{measure}, {measure.england}, {measure.neighbours}, {measure.n} or {parameter}",
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
