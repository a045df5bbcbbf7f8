"""Raw documents to the model, collecting every problem before raising.

Rulebooks: :func:`load_rulebook` reads a directory (``rulebook.yaml``, ``measures.yaml``,
``areas/*.yaml``), checks names, units, ranges, grades, policies, conditions and reason templates, and
raises one :class:`~judgement.errors.RulebookError` listing every problem with its location.

Cases: :func:`load_case` / :func:`case_from_data` check a case's structure and value types;
:func:`check_case` then checks it against a rulebook's measure catalogue (unknown measures, ranges,
units). :func:`judgement.judge.judge` runs that check before judging.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from judgement import expr as ex
from judgement.errors import CaseError, InputError, Problem, RulebookError
from judgement.load import Document, load_document
from judgement.model import (
    Area,
    Case,
    DatedValue,
    Direction,
    Evidence,
    Expectation,
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
from judgement.source import Location

__all__ = [
    "MANIFEST",
    "MAX_AREAS",
    "MAX_EVIDENCE",
    "MAX_MEASURES",
    "MAX_RULES",
    "case_from_data",
    "case_from_document",
    "check_case",
    "load_case",
    "load_rulebook",
    "suggest",
]

MANIFEST = "rulebook.yaml"
MEASURES = "measures.yaml"
AREAS_DIR = "areas"

#: Limits on the size of a rulebook and a case.
MAX_AREAS = 100
MAX_RULES = 2000
MAX_MEASURES = 500
MAX_EVIDENCE = 500

_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*$")
_RESERVED = {"id", "sid", "and", "or", "not", "true", "false", "case"}
_DEFAULT_RANGE = {
    Unit.PERCENT: (0.0, 100.0),
    Unit.COUNT: (0.0, float(2**53 - 1)),
    Unit.RATE_PER_10K: (0.0, 10_000.0),
    Unit.DAYS: (0.0, 3_650.0),
    Unit.RATIO: (0.0, 1_000_000.0),
    Unit.FLAG: (0.0, 1.0),
}
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for an unknown name, or None."""
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


@attrs.define
class _Checker:
    """Collects problems while reading one document."""

    doc: Document
    problems: list[Problem]

    def problem(
        self,
        path: tuple[str | int, ...],
        message: str,
        expected: str | None = None,
        hint: str | None = None,
        *,
        key: bool = False,
    ) -> None:
        self.problems.append(Problem(message, self.doc.loc(path, key=key), expected, hint))

    def mapping(self, path: tuple[str | int, ...], value: Any, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"{what} must be a mapping, not {_kind(value)}", "key: value pairs")
            return None
        return value

    def keys(
        self,
        path: tuple[str | int, ...],
        data: Mapping[str, Any],
        allowed: Iterable[str],
        required: Iterable[str],
        what: str,
    ) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    f"unknown key {key!r} in {what}",
                    "one of " + ", ".join(allowed),
                    suggest(key, allowed),
                    key=True,
                )
        for key in required:
            if key not in data:
                self.problem(path, f"{what} is missing {key!r}", f"a {key!r} entry")

    def text(self, path: tuple[str | int, ...], value: Any, what: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(path, f"{what} must be text, not {_kind(value)}", "text")
            return ""
        return value

    def ident(self, path: tuple[str | int, ...], value: Any, what: str, pattern: re.Pattern[str] = _ID) -> str:
        if (
            not isinstance(value, str)
            or not pattern.match(value)
            or "__" in value
            or value in _RESERVED
            or len(value) > 64
        ):
            self.problem(
                path,
                f"{what} {value!r} is not a valid name",
                "lower-case letters, digits and single underscores, starting with a letter, at most 64 characters"
                + (" (dots and hyphens allowed)" if pattern is _RULE_ID else ""),
            )
            return value if isinstance(value, str) else ""
        return value

    def date(self, path: tuple[str | int, ...], value: Any, what: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(path, f"{what} must be a date, not {_kind(value)}", "a date such as 2010-07-13")
        return None

    def number(self, path: tuple[str | int, ...], value: Any, what: str) -> float | int | None:
        problem = _number_problem(value)
        if problem:
            self.problem(path, f"{what} {problem}", "a finite number")
            return None
        assert isinstance(value, int | float)
        return value

    def enum(self, path: tuple[str | int, ...], value: Any, enum_type: Any, what: str) -> Any:
        names = [m.value for m in enum_type]
        if value not in names:
            self.problem(
                path, f"{what} {value!r} is not known", "one of " + ", ".join(names), suggest(str(value), names)
            )
            return None
        return enum_type(value)


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


def _number_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"must be a number, not {_kind(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be finite, not {value}"
    if abs(value) >= 2**53:
        return f"is too large ({value}); numbers must be below 2^53"
    return None


# -------------------------------------------------------------------------------------------- rulebook


def load_rulebook(path: str | Path) -> Rulebook:
    """Read and validate a rulebook directory (or its ``rulebook.yaml``)."""
    root = Path(path)
    if root.is_file() and root.name == MANIFEST:
        root = root.parent
    if not root.is_dir():
        raise InputError([Problem(f"{path}: not a rulebook directory", expected=f"a directory holding {MANIFEST}")])
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        raise InputError([Problem(f"{root}: no {MANIFEST}", expected=f"a directory holding {MANIFEST}")])
    area_paths = sorted((root / AREAS_DIR).glob("*.yaml")) if (root / AREAS_DIR).is_dir() else []
    files = [manifest_path, root / MEASURES, *area_paths]
    docs: list[Document] = []
    input_problems: list[Problem] = []
    for file in files:
        try:
            docs.append(load_document(file))
        except InputError as error:
            input_problems.extend(error.problems)
    if input_problems:
        raise InputError(input_problems)
    digest = _digest(root, files)
    return _RulebookBuilder(root, digest).build(docs[0], docs[1], docs[2:])


def _digest(root: Path, files: list[Path]) -> str:
    sha = hashlib.sha256()
    for file in sorted(files):
        sha.update(file.relative_to(root).as_posix().encode() + b"\0")
        sha.update(file.read_bytes() + b"\0")
    return sha.hexdigest()


class _RulebookBuilder:
    def __init__(self, root: Path, digest: str) -> None:
        self.root = root
        self.digest = digest
        self.problems: list[Problem] = []
        self.measures: dict[str, Measure] = {}
        self.parameters: dict[str, Parameter] = {}
        self.grades: tuple[Grade, ...] = Grade.scale()

    def build(self, manifest: Document, measures: Document, area_docs: list[Document]) -> Rulebook:
        head = self.manifest(manifest)
        self.read_measures(measures)
        areas: list[Area] = []
        if not area_docs:
            self.problems.append(Problem(f"{self.root}: no area files in {AREAS_DIR}/", expected="areas/*.yaml"))
        if len(area_docs) > MAX_AREAS:
            self.problems.append(Problem(f"{self.root}: {len(area_docs)} areas", expected=f"at most {MAX_AREAS}"))
        declared = sum(
            len(d.data.get("rules") or [])
            for d in area_docs
            if isinstance(d.data, dict) and isinstance(d.data.get("rules"), list)
        )
        if declared > MAX_RULES:  # checked before any rule is parsed, so an oversized rulebook fails fast
            raise RulebookError(
                [Problem(f"{self.root}: more than {MAX_RULES} rules ({declared})", expected=f"at most {MAX_RULES}")]
            )
        seen_areas: dict[str, Location] = {}
        seen_rules: dict[str, Location] = {}
        for doc in area_docs[:MAX_AREAS]:
            area = self.area(doc, seen_areas, seen_rules)
            if area is not None:
                areas.append(area)
        if sum(len(a.rules) for a in areas) > MAX_RULES:
            self.problems.append(Problem(f"{self.root}: more than {MAX_RULES} rules", expected=f"at most {MAX_RULES}"))
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
        c = _Checker(doc, self.problems)
        data = c.mapping((), doc.data, "the rulebook manifest") or {}
        c.keys(
            (),
            data,
            ("id", "title", "version", "effective_from", "effective_to", "grades", "description", "parameters"),
            ("id", "title", "version", "effective_from", "grades"),
            "the rulebook manifest",
        )
        head: dict[str, Any] = {
            "id": c.ident(("id",), data.get("id"), "rulebook id", _RULE_ID) if "id" in data else "",
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
            c.problem(("effective_to",), "effective_to is before effective_from", "a date on or after effective_from")
        grades = data.get("grades")
        if "grades" in data:
            if not isinstance(grades, list) or not grades:
                c.problem(
                    ("grades",),
                    "grades must be a list of grade names, worst first",
                    ", ".join(g.value for g in Grade.scale()),
                )
            else:
                parsed = [c.enum(("grades", i), g, Grade, "grade") for i, g in enumerate(grades)]
                if all(parsed):
                    if Grade.NOT_JUDGED in parsed:
                        c.problem(("grades",), "not_judged is not a grade on the scale", "graded outcomes only")
                    elif sorted(parsed, key=lambda g: g.rank) != parsed or len(set(parsed)) != len(parsed):
                        c.problem(
                            ("grades",),
                            "grades must be listed once each, worst first",
                            ", ".join(g.value for g in Grade.scale()),
                        )
                    else:
                        self.grades = tuple(parsed)
        params = data.get("parameters") or {}
        if c.mapping(("parameters",), params, "parameters") is not None:
            for pid, pdata in params.items():
                self.parameter(c, pid, pdata)
        return head

    def parameter(self, c: _Checker, pid: str, pdata: Any) -> None:
        path: tuple[str | int, ...] = ("parameters", pid)
        c.ident(path, pid, "parameter", _ID)
        data = c.mapping(path, pdata, f"parameter {pid!r}")
        if data is None:
            return
        c.keys(path, data, ("title", "unit", "values"), ("title", "unit", "values"), f"parameter {pid!r}")
        unit = c.enum((*path, "unit"), data.get("unit"), Unit, "unit") if "unit" in data else None
        values: list[DatedValue] = []
        raw_values = data.get("values")
        if not isinstance(raw_values, list) or not raw_values:
            if "values" in data:
                c.problem((*path, "values"), "values must be a list of {value, from, to}", "a non-empty list")
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
                        (*path, "values"), f"parameter {pid!r} has overlapping date spans", "spans that do not overlap"
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
        c = _Checker(doc, self.problems)
        data = c.mapping((), doc.data, "the measure catalogue") or {}
        c.keys((), data, ("measures",), ("measures",), "the measure catalogue")
        measures = c.mapping(("measures",), data.get("measures", {}), "measures") or {}
        if len(measures) > MAX_MEASURES:
            c.problem(("measures",), f"{len(measures)} measures", f"at most {MAX_MEASURES}")
            return
        for mid, mdata in measures.items():
            path: tuple[str | int, ...] = ("measures", mid)
            c.ident(path, mid, "measure", _ID)
            if mid in self.parameters:
                c.problem(path, f"measure {mid!r} has the same name as a parameter", "distinct names", key=True)
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
                    and not any(_number_problem(x) for x in rng)
                    and rng[0] < rng[1]
                ):
                    c.problem(
                        (*path, "range"), "range must be [low, high] with low < high", "two numbers, e.g. [0, 100]"
                    )
                else:
                    low, high = float(rng[0]), float(rng[1])
                    if unit is Unit.PERCENT and (low < 0 or high > 100):
                        c.problem(
                            (*path, "range"), "a percentage's range must lie within 0..100", "[0, 100] or narrower"
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
        c = _Checker(doc, self.problems)
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
                ("area",), f"area {area_id!r} is defined twice (first at {seen_areas[area_id]})", "unique area ids"
            )
        seen_areas[area_id] = doc.loc(("area",))
        policy = Policy.PRIORITY
        if "policy" in data:
            policy = c.enum(("policy",), data["policy"], Policy, "policy") or Policy.PRIORITY
        requires: list[str] = []
        raw_requires = data.get("requires", [])
        if not isinstance(raw_requires, list):
            c.problem(("requires",), "requires must be a list of measure ids", "[measure, ...]")
        else:
            for i, mid in enumerate(raw_requires):
                if mid not in self.measures:
                    c.problem(
                        ("requires", i),
                        f"unknown measure {mid!r}",
                        "a measure from measures.yaml",
                        suggest(str(mid), self.measures),
                    )
                elif mid in requires:
                    c.problem(("requires", i), f"measure {mid!r} is required twice", "each measure once")
                else:
                    requires.append(mid)
        rules: list[Rule] = []
        raw_rules = data.get("rules")
        if "rules" in data and (not isinstance(raw_rules, list) or not raw_rules):
            c.problem(("rules",), "rules must be a non-empty list", "a list of rules")
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
                )
            for extra in defaults[1:]:
                c.problem(
                    ("rules",),
                    f"area {area_id!r} has more than one default rule ({extra.id!r})",
                    "exactly one default rule",
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

    def rule(self, c: _Checker, path: tuple[str | int, ...], raw: Any, seen: dict[str, Location]) -> Rule | None:
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
        rule_id = c.ident((*path, "id"), data.get("id"), "rule id", _RULE_ID) if "id" in data else ""
        if rule_id and rule_id in seen:
            c.problem((*path, "id"), f"duplicate rule id {rule_id!r} (first at {seen[rule_id]})", "unique rule ids")
        seen[rule_id] = c.doc.loc((*path, "id"))
        grade = None
        if "grade" in data:
            grade = c.enum((*path, "grade"), data["grade"], Grade, "grade")
            if grade is not None and grade not in self.grades:
                c.problem(
                    (*path, "grade"),
                    f"grade {grade.value!r} is not on this rulebook's scale",
                    "one of " + ", ".join(g.value for g in self.grades),
                )
                grade = None
        default = data.get("default", False)
        if not isinstance(default, bool):
            c.problem((*path, "default"), f"default must be true or false, not {_kind(default)}", "true or false")
            default = False
        condition: ex.Node | None = None
        normal: ex.Condition | None = None
        if default and "when" in data:
            c.problem(
                (*path, "when"), "a default rule has no condition", "either 'default: true' or 'when: ...'", key=True
            )
        elif not default and "when" not in data:
            c.problem(path, f"rule {rule_id!r} has no condition", "'when: <condition>' or 'default: true'")
        elif "when" in data:
            condition, normal = self.condition(c, (*path, "when"), data["when"])
        because = self.template(c, (*path, "because"), data.get("because")) if "because" in data else None
        cites = data.get("cites", [])
        if isinstance(cites, str):
            cites = [cites]
        if not isinstance(cites, list) or not all(isinstance(x, str) for x in cites):
            c.problem((*path, "cites"), "cites must be a list of text", "a list of sources")
            cites = []
        rationale = c.text((*path, "rationale"), data.get("rationale"), "rationale", required=False)
        if grade is None or because is None or (not default and normal is None):
            return None
        return Rule(
            rule_id, grade, because, condition, normal, default, rationale, tuple(cites), c.doc.loc((*path, "id"))
        )

    def condition(
        self, c: _Checker, path: tuple[str | int, ...], raw: Any
    ) -> tuple[ex.Node | None, ex.Condition | None]:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            c.problem(path, f"a condition must be text, not {_kind(raw)}", "a condition such as 'measure >= 80'")
            return None, None
        text = str(raw)
        at = c.doc.loc(path)
        try:
            node = ex.parse(text, at)
        except ex.ParseFailure as failure:
            self.problems.append(failure.problem)
            return None, None
        before = len(self.problems)
        kind = _TypeChecker(self.measures, self.parameters, self.problems).condition(node)
        if len(self.problems) > before or kind is None:
            return node, None
        try:
            return node, ex.normalize(node, set(self.parameters))
        except ex.ParseFailure as failure:
            self.problems.append(failure.problem)
            return node, None

    def template(self, c: _Checker, path: tuple[str | int, ...], raw: Any) -> Template | None:
        if not isinstance(raw, str) or not raw.strip():
            c.problem(path, f"because must be text, not {_kind(raw)}", "a sentence, with {measure} placeholders")
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
                    Problem(f"unmatched {token!r} in reason", where, "'{{' or '}}' for a literal brace")
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
                )
            )
            return None
        if name not in known:
            self.problems.append(
                Problem(f"unknown name {name!r} in reason", where, "a measure or parameter", suggest(name, known))
            )
            return None
        if attr and name in self.parameters:
            self.problems.append(Problem(f"parameter {name!r} has no .{attr}", where, f"{{{name}}}"))
            return None
        return Placeholder(name, attr or None, where)


# ------------------------------------------------------------------------------------- type checking


@attrs.frozen
class _Type:
    kind: str  # "bool" or "num"
    unit: Unit | None = None  # None for a plain number
    has_field: bool = False
    constant: float | None = None  # value when the expression has no fields


_BOOL = _Type("bool")


@attrs.define
class _TypeChecker:
    measures: Mapping[str, Measure]
    parameters: Mapping[str, Parameter]
    problems: list[Problem]

    def fail(self, node: ex.Node, message: str, expected: str | None = None, hint: str | None = None) -> None:
        self.problems.append(Problem(message, node.loc, expected, hint))

    def condition(self, node: ex.Node) -> _Type | None:
        t = self.check(node)
        if t is None:
            return None
        if t.kind != "bool":
            if isinstance(node, ex.Ref) and t.unit is Unit.FLAG:
                return _BOOL
            self.fail(
                node,
                f"'{ex.unparse(node)}' is a value, not a condition",
                "a comparison such as '" + ex.unparse(node) + " >= 80'",
            )
            return None
        return t

    def check(self, node: ex.Node) -> _Type | None:
        if isinstance(node, ex.Num):
            return _Type("num", None, False, float(node.value))
        if isinstance(node, ex.Bool):
            return _Type("num", Unit.FLAG, False, 1.0 if node.value else 0.0)
        if isinstance(node, ex.Ref):
            return self.ref(node)
        if isinstance(node, ex.Neg):
            inner = self.check(node.operand)
            if inner is None:
                return None
            if inner.kind != "num":
                self.fail(node, "cannot negate a condition", "a value after '-'", "use 'not' to negate a condition")
                return None
            return attrs.evolve(inner, constant=None if inner.constant is None else -inner.constant)
        if isinstance(node, ex.BinOp):
            return self.binop(node)
        if isinstance(node, ex.Compare):
            return self.compare(node)
        if isinstance(node, ex.Not):
            inner = self.condition(node.operand)
            return None if inner is None else _BOOL
        items = [self.condition(item) for item in node.items]
        return None if any(i is None for i in items) else _BOOL

    def ref(self, node: ex.Ref) -> _Type | None:
        if node.name in self.parameters:
            if node.attr:
                self.fail(node, f"parameter {node.name!r} has no comparators", f"'{node.name}' alone")
                return None
            return _Type("num", self.parameters[node.name].unit, True)
        if node.name not in self.measures:
            known = [*self.measures, *self.parameters]
            self.fail(
                node,
                f"unknown measure {node.name!r}",
                "a measure from measures.yaml or a parameter",
                suggest(node.name, known),
            )
            return None
        if node.attr is not None and node.attr not in ex.ATTRIBUTES:
            self.fail(
                node,
                f"unknown comparator '.{node.attr}'",
                ", ".join(f"'.{a}'" for a in ex.ATTRIBUTES),
                suggest(node.attr, ex.ATTRIBUTES),
            )
            return None
        if node.attr == "n":
            return _Type("num", Unit.COUNT, True)
        return _Type("num", self.measures[node.name].unit, True)

    def binop(self, node: ex.BinOp) -> _Type | None:
        left, right = self.check(node.left), self.check(node.right)
        if left is None or right is None:
            return None
        if left.kind != "num" or right.kind != "num":
            self.fail(node, f"'{node.op}' needs values on both sides, not conditions", "numbers or measures")
            return None
        if Unit.FLAG in (left.unit, right.unit):
            self.fail(
                node, "yes/no flags cannot take part in arithmetic", "a number, count, percentage or other measure"
            )
            return None
        constant = None
        if left.constant is not None and right.constant is not None:
            if node.op == "/" and right.constant == 0:
                self.fail(node, "division by zero", "a non-zero divisor")
                return None
            constant = _apply(node.op, left.constant, right.constant)
        if node.op in "+-":
            if left.unit and right.unit and left.unit is not right.unit:
                self.fail(
                    node,
                    f"cannot {'add' if node.op == '+' else 'subtract'} {right.unit.value} and {left.unit.value}",
                    "values of the same unit, or plain numbers",
                )
                return None
            return _Type("num", left.unit or right.unit, left.has_field or right.has_field, constant)
        if node.op == "*":
            if left.has_field and right.has_field:
                self.fail(node, "cannot multiply two measures (conditions must be linear)", "a measure times a number")
                return None
            return _Type("num", left.unit or right.unit, left.has_field or right.has_field, constant)
        if right.has_field:
            self.fail(node, "cannot divide by a measure (conditions must be linear)", "a measure divided by a number")
            return None
        if right.constant == 0:
            self.fail(node, "division by zero", "a non-zero divisor")
            return None
        return _Type("num", left.unit, left.has_field, constant)

    def compare(self, node: ex.Compare) -> _Type | None:
        left, right = self.check(node.left), self.check(node.right)
        if left is None or right is None:
            return None
        if left.kind != "num" or right.kind != "num":
            self.fail(
                node,
                f"'{node.op}' compares values, not conditions",
                "values on both sides",
                "join conditions with 'and' or 'or'",
            )
            return None
        if not (left.has_field or right.has_field):
            self.fail(node, "comparison does not involve any measure", "a measure on at least one side")
            return None
        if left.unit and right.unit and left.unit is not right.unit:
            self.fail(
                node,
                f"unit mismatch: {left.unit.value} compared with {right.unit.value}",
                f"a {left.unit.value} on both sides, or a plain number",
            )
            return None
        if Unit.FLAG in (left.unit, right.unit):
            if node.op not in ("==", "!="):
                self.fail(node, f"yes/no flags can only be compared with '==' or '!=', not {node.op!r}", "flag == true")
                return None
            for side in (left, right):
                if side.constant is not None and side.constant not in (0.0, 1.0):
                    self.fail(node, "a yes/no flag is 0 or 1", "true, false, 0 or 1")
                    return None
        return _BOOL


def _apply(op: str, left: float, right: float) -> float:
    return {"+": left + right, "-": left - right, "*": left * right}.get(op, left / right if right else math.nan)


# ------------------------------------------------------------------------------------------------ cases

_CASE_KEYS = ("case", "authority", "inspected", "rulebook", "evidence", "expect", "expect_error", "notes")
_EXPECT_KEYS = ("grade", "fired", "not_fired", "reason")
_EVIDENCE_KEYS = ("value", "england", "neighbours", "n", "source", "period", "note", "illustrative")


def load_case(path: str | Path) -> Case:
    """Read a case file (YAML or JSON) and check its structure and value types."""
    doc = load_document(path)
    case = case_from_document(doc)
    return attrs.evolve(case, path=Path(path))


def case_from_data(data: Mapping[str, Any], *, source: str = "<dict>") -> Case:
    """Check plain data (as :meth:`Case.from_dict` receives it) and build a case."""
    return case_from_document(Document(source, data, {}, {}))


def case_from_document(doc: Document) -> Case:
    """Check a parsed document (a case file, or a spreadsheet row with its cell positions) as a case."""
    problems: list[Problem] = []
    c = _Checker(doc, problems)
    data = c.mapping((), doc.data, "a case file") or {}
    kind = _rulebook_file_kind(data)
    if kind:
        raise CaseError(
            [
                Problem(
                    f"this is {kind}, not a case",
                    doc.loc(()),
                    expected="a case file (case, authority, inspected, rulebook, evidence)",
                    hint="judge a case such as fixtures/ucra-2010/staffordshire-2010.yaml; "
                    "check a rulebook with 'judgement check DIR'",
                )
            ]
        )
    c.keys((), data, _CASE_KEYS, ("case", "authority", "inspected", "rulebook", "evidence"), "a case")
    case_id = c.ident(("case",), data.get("case"), "case id", _RULE_ID) if "case" in data else ""
    authority = c.text(("authority",), data.get("authority"), "authority") if "authority" in data else ""
    inspected = c.date(("inspected",), data.get("inspected"), "inspected") if "inspected" in data else None
    rulebook = c.ident(("rulebook",), data.get("rulebook"), "rulebook id", _RULE_ID) if "rulebook" in data else ""
    notes = c.text(("notes",), data.get("notes"), "notes", required=False)
    evidence: dict[str, Evidence] = {}
    raw_evidence = c.mapping(("evidence",), data.get("evidence", {}), "evidence") if "evidence" in data else {}
    if raw_evidence is not None and len(raw_evidence) > MAX_EVIDENCE:
        c.problem(("evidence",), f"{len(raw_evidence)} evidence items", f"at most {MAX_EVIDENCE}")
        raw_evidence = {}
    for mid, raw in (raw_evidence or {}).items():
        item = _evidence(c, ("evidence", mid), mid, raw)
        if item is not None:
            evidence[mid] = item
    expect: list[Expectation] = []
    raw_expect = c.mapping(("expect",), data["expect"], "expect") if data.get("expect") is not None else {}
    for area_id, raw in (raw_expect or {}).items():
        expectation = _expectation(c, ("expect", area_id), area_id, raw)
        if expectation is not None:
            expect.append(expectation)
    expect_error = None
    if data.get("expect_error") is not None:
        expect_error = c.text(("expect_error",), data["expect_error"], "expect_error")
    if problems:
        raise CaseError(problems)
    assert inspected is not None
    locations: dict[str, Location] = {key: doc.loc((key,)) for key in ("rulebook", "inspected") if key in data}
    return Case(
        case_id,
        authority,
        inspected,
        rulebook,
        evidence,
        tuple(expect),
        notes,
        expect_error=expect_error,
        locations=locations,
    )


def _expectation(c: _Checker, path: tuple[str | int, ...], area_id: str, raw: Any) -> Expectation | None:
    where = c.doc.loc(path, key=True)
    if not isinstance(raw, dict):
        grade = c.enum(path, raw, Grade, "expected grade")
        return None if grade is None else Expectation(area_id, grade, location=where)
    c.keys(path, raw, _EXPECT_KEYS, ("grade",), f"the expectation for {area_id!r}")
    grade = c.enum((*path, "grade"), raw.get("grade"), Grade, "expected grade") if "grade" in raw else None
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("fired", "not_fired"):
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            c.problem((*path, key), f"{key} must be a list of rule ids", "[rule.id, ...]")
            value = []
        lists[key] = tuple(value)
    reason = c.text((*path, "reason"), raw["reason"], "reason") if raw.get("reason") is not None else None
    if grade is None:
        return None
    return Expectation(area_id, grade, lists["fired"], lists["not_fired"], reason, where)


def _rulebook_file_kind(data: Mapping[str, Any]) -> str | None:
    """Name the rulebook file a document looks like, if it looks like one and not like a case."""
    if "case" in data or "evidence" in data:
        return None
    if "grades" in data and "effective_from" in data:
        return "a rulebook manifest (rulebook.yaml)"
    if "measures" in data:
        return "a measure catalogue (measures.yaml)"
    if "area" in data and "rules" in data:
        return "an area file of a rulebook"
    return None


def _evidence(c: _Checker, path: tuple[str | int, ...], mid: str, raw: Any) -> Evidence | None:
    if not isinstance(mid, str) or not _ID.match(mid) or "__" in mid:
        c.problem(
            path, f"evidence name {mid!r} is not a valid measure id", "a measure id such as ia_in_timescale", key=True
        )
        return None
    if not isinstance(raw, dict):
        raw = {"value": raw}
        value_path = path
    else:
        c.keys(path, raw, _EVIDENCE_KEYS, ("value",), f"evidence {mid!r}")
        value_path = (*path, "value")
    if "value" not in raw:
        return None
    ok = True
    value = raw["value"]
    if not isinstance(value, bool):  # yes/no values are checked against the measure's unit later
        problem = _number_problem(value)
        if problem:
            hint = "write the number without quotes" if isinstance(value, str) and _looks_numeric(value) else None
            c.problem(value_path, f"{mid} {problem}", "a finite number (or true/false for a yes/no measure)", hint)
            ok = False
    fields: dict[str, Any] = {}
    for key in ("england", "neighbours", "n"):
        if raw.get(key) is not None:
            problem = _number_problem(raw[key])
            if problem:
                c.problem((*path, key), f"{mid}.{key} {problem}", "a finite number")
                ok = False
            elif key == "n" and (not isinstance(raw[key], int) or raw[key] < 1):
                c.problem(
                    (*path, key),
                    f"{mid}.n must be a whole number of at least 1, not {raw[key]}",
                    "a sample size such as 30",
                )
                ok = False
            else:
                fields[key] = raw[key]
    for key in ("source", "period", "note"):
        if raw.get(key) is not None:
            if isinstance(raw[key], str | int | float) and not isinstance(raw[key], bool):
                fields[key] = str(raw[key])
            else:
                c.problem((*path, key), f"{mid}.{key} must be text, not {_kind(raw[key])}", "text")
                ok = False
    illustrative = raw.get("illustrative", False)
    if not isinstance(illustrative, bool):
        c.problem((*path, "illustrative"), "illustrative must be true or false", "true or false")
        ok = False
    if not ok:
        return None
    return Evidence(mid, value, illustrative=illustrative, location=c.doc.loc(value_path), **fields)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_case(rulebook: Rulebook, case: Case) -> Case:
    """Check a case against a rulebook's catalogue; returns the case with yes/no values as given.

    Raises :class:`~judgement.errors.CaseError` listing every unknown measure, value out of range or of
    the wrong kind, and expectation for an unknown area.
    """
    problems: list[Problem] = []
    where: Callable[[Evidence], Location | None] = lambda e: e.location  # noqa: E731
    for mid, item in case.evidence.items():
        measure = rulebook.measures.get(mid)
        if measure is None:
            problems.append(
                Problem(
                    f"unknown measure {mid!r} for rulebook {rulebook.id}",
                    where(item),
                    "a measure from the rulebook's catalogue",
                    suggest(mid, rulebook.measures),
                )
            )
            continue
        problems.extend(_value_problems(measure, item))
    area_ids = [a.id for a in rulebook.areas]
    for expectation in case.expect:
        if expectation.area not in area_ids:
            problems.append(
                Problem(
                    f"expectation for unknown area {expectation.area!r}",
                    expectation.location,
                    "an area of rulebook " + rulebook.id,
                    suggest(expectation.area, area_ids),
                )
            )
            continue
        rule_ids = [r.id for r in rulebook.area(expectation.area).rules]
        for rule_id in (*expectation.fired, *expectation.not_fired):
            if rule_id not in rule_ids:
                problems.append(
                    Problem(
                        f"expectation names unknown rule {rule_id!r} in area {expectation.area!r}",
                        expectation.location,
                        "a rule of that area",
                        suggest(rule_id, rule_ids),
                    )
                )
    if problems:
        raise CaseError(problems)
    return case


def _value_problems(measure: Measure, item: Evidence) -> list[Problem]:
    out: list[Problem] = []
    unit = measure.unit
    value = item.value
    if isinstance(value, bool):
        if unit is not Unit.FLAG:
            out.append(
                Problem(
                    f"{measure.id} is a {unit.value}, not a yes/no value ({str(value).lower()})",
                    item.location,
                    f"a number from {_num(measure.minimum)} to {_num(measure.maximum)}",
                )
            )
        return out
    values: list[tuple[str, float | int | None]] = [
        ("", value),
        (".england", item.england),
        (".neighbours", item.neighbours),
    ]
    for suffix, v in values:
        if v is None:
            continue
        if unit.whole and v != int(v):
            out.append(
                Problem(
                    f"{measure.id}{suffix} is a {unit.value} and must be a whole number, not {v}",
                    item.location,
                    "a whole number" if unit is Unit.COUNT else "true or false",
                )
            )
        elif not measure.minimum <= v <= measure.maximum:
            out.append(
                Problem(
                    f"{measure.id}{suffix} = {v} is outside the measure's range",
                    item.location,
                    f"a {unit.value} from {_num(measure.minimum)} to {_num(measure.maximum)}",
                )
            )
    if item.n is not None and unit is Unit.PERCENT and item.n > 100_000:
        out.append(
            Problem(f"{measure.id}.n = {item.n} is implausibly large for a sample", item.location, "a sample size")
        )
    return out


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
