"""Rulebooks: documents to a frozen :class:`~judgement.model.Rulebook`, every problem found at once.

A rulebook is read from a folder (``rulebook.yaml``, ``measures.yaml``, ``areas/*.yaml``; see
:mod:`judgement.read.folders`), from YAML or JSON text, or from a mapping built in Python; the last two
hold the manifest's keys plus ``measures`` (the catalogue) and ``areas`` (a list of area documents).
Names, units, ranges, grades, policies, conditions (parsed, type-checked and normalised by
:mod:`judgement.lang`) and reason templates are all checked, and one
:class:`~judgement.errors.RulebookError` lists every problem with its location.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from judgement._digest import sha256
from judgement._fmt import working_folder
from judgement.check import stored
from judgement.check._checker import ID, RULE_ID, Checker, DocPath, kind, number_problem
from judgement.errors import InputError, Problem, RulebookError, suggest
from judgement.model import (
    Area,
    DatedValue,
    Direction,
    Measure,
    Parameter,
    Rulebook,
    Scale,
    Unit,
)
from judgement.model.rulebook import CALIBRATION_FILE
from judgement.read.documents import MAX_FILE_BYTES, Document, document_of, parse_document, read_bounded
from judgement.read.folders import AREAS_DIR, display, rulebook_files
from judgement.source import Location

if TYPE_CHECKING:
    from judgement.check.areas import AreaChecker

__all__ = ["MAX_AREAS", "MAX_MEASURES", "MAX_RULES", "RulebookSource", "load_rulebook"]

#: Limits on the size of a rulebook.
MAX_AREAS = 100
MAX_RULES = 2000
MAX_MEASURES = 500

_MANIFEST_KEYS = (
    "id",
    "title",
    "version",
    "effective_from",
    "effective_to",
    "scales",
    "grades",
    "description",
    "parameters",
)
_DEFAULT_RANGE = {
    Unit.PERCENT: (0.0, 100.0),
    Unit.COUNT: (0.0, float(2**53 - 1)),
    Unit.RATE_PER_10K: (0.0, 10_000.0),
    Unit.DAYS: (0.0, 3_650.0),
    Unit.RATIO: (0.0, 1_000_000.0),
    Unit.FLAG: (0.0, 1.0),
    Unit.LEVEL: (0.0, 1.0),  # replaced by the measure's words
}

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
        return _from_document(doc, sha256(source.encode()).hexdigest())
    return _from_folder(Path(source))


def _from_folder(path: Path) -> Rulebook:
    root = path.parent if path.is_file() and path.name == "rulebook.yaml" else path
    files = rulebook_files(root)
    raw: dict[Path, bytes] = {}
    input_problems: list[Problem] = []
    for file in files:
        try:
            raw[file] = read_bounded(file, MAX_FILE_BYTES, display(file))
        except InputError as error:
            input_problems.extend(error.problems)
    if input_problems:
        raise InputError(input_problems)
    sha = sha256()
    for file in sorted(files):
        sha.update(file.relative_to(root).as_posix().encode() + b"\0")
        sha.update(raw[file] + b"\0")
    calibration = root / CALIBRATION_FILE
    table = None
    if calibration.is_file() and not calibration.is_symlink():
        table = read_bounded(calibration, MAX_FILE_BYTES, display(calibration))
    # The same files, read from the same place and named the same way, check to the same rulebook.
    key = stored.entry_key(
        sha.hexdigest(),
        "" if table is None else sha256(table).hexdigest(),
        str(root),
        display(root),
        str(working_folder()),
    )
    kept = stored.fetch(key)
    if kept is not None:
        return kept
    docs: list[Document] = []
    for file in files:
        try:
            docs.append(document_of(raw[file], display(file)))
        except InputError as error:
            input_problems.extend(error.problems)
    if input_problems:
        raise InputError(input_problems)
    rulebook = _Builder(display(root), sha.hexdigest(), root).build(docs[0], docs[1], docs[2:])
    if table is not None:
        rulebook = attrs.evolve(rulebook, calibration=_calibration(document_of(table, display(calibration)), rulebook))
    stored.keep(key, rulebook)
    return rulebook


def _calibration(doc: Document, rulebook: Rulebook) -> dict[str, Any]:
    """A rulebook's calibration file, checked: for each judgement it names (an area of the rulebook), the
    counts of known outcomes for each grade the screen gave (grades of the area's scale, whole numbers)."""
    c = Checker(doc, [])
    data = c.mapping((), doc.data, "a calibration table") or {}
    table = c.mapping(("judgements",), data.get("judgements"), "judgements: each area's counts") or {}
    for area_id, entry in table.items():
        if area_id not in {a.id for a in rulebook.areas}:
            c.problem(
                ("judgements", area_id),
                f"calibration of unknown area {area_id!r}",
                "an area of the rulebook",
                suggest(str(area_id), [a.id for a in rulebook.areas]),
                key=True,
                code="rulebook.calibration",
            )
            continue
        grades = {g.id for g in rulebook.scale_of(area_id).grades}
        screened = entry.get("screened") if isinstance(entry, Mapping) else None
        counts = c.mapping(("judgements", area_id, "screened"), screened, "counts by screened grade") or {}
        for grade, outcomes in counts.items():
            if grade not in grades or not isinstance(outcomes, Mapping):
                c.problem(
                    ("judgements", area_id, "screened", grade),
                    f"{grade!r} is not a grade of {area_id!r} with counts",
                    "one of " + ", ".join(sorted(grades)) + ", mapping outcomes to whole numbers",
                    key=True,
                    code="rulebook.calibration",
                )
                continue
            for outcome, n in outcomes.items():
                if outcome not in grades or not isinstance(n, int) or isinstance(n, bool) or n < 0:
                    c.problem(
                        ("judgements", area_id, "screened", grade, outcome),
                        f"{outcome!r}: {n!r} is not a count of a grade of {area_id!r}",
                        "a grade of the area's scale and a whole number of 0 or more",
                        code="rulebook.calibration",
                    )
    if c.problems:
        raise RulebookError(c.problems)
    return dict(data)


def _data_digest(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return sha256(text.encode()).hexdigest()


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
        self.scales: tuple[Scale, ...] = ()
        self.period_of: dict[str, tuple[str, Location]] = {}  # parameter -> (measure, where it is named)

    def build(self, manifest: Document, measures: Document, area_docs: list[Document]) -> Rulebook:
        head = self.manifest(manifest)
        self.read_measures(measures)
        for pid, (mid, where) in self.period_of.items():
            if mid not in self.measures:
                self.problems.append(
                    Problem(
                        f"parameter {pid!r} is chosen by the period of unknown measure {mid!r}",
                        where,
                        "a measure from measures.yaml",
                        suggest(mid, self.measures),
                        code="rulebook.unknown-measure",
                    )
                )
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
        from judgement.check.areas import AreaChecker  # noqa: PLC0415 - only when files are checked

        reader = AreaChecker(self.problems, self.measures, self.parameters, self.scales, self.area_grades(area_docs))
        for doc in area_docs[:MAX_AREAS]:
            areas.extend(self.area(reader, doc))
        areas = self.levels(areas)
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
            scales=self.scales,
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
            ("id", "title", "version", "effective_from"),
            "the rulebook manifest",
        )
        head: dict[str, Any] = {
            "id": c.ident(("id",), data.get("id"), "rulebook id", RULE_ID) if "id" in data else "",
            "title": c.text(("title",), data.get("title"), "title") if "title" in data else "",
            "version": self.version(c, data["version"]) if "version" in data else "",
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
        from judgement.check.scales import read_scales  # noqa: PLC0415 - only when files are checked

        self.scales = read_scales(c, data)
        params = data.get("parameters") or {}
        if c.mapping(("parameters",), params, "parameters") is not None:
            for pid, pdata in params.items():
                self.parameter(c, pid, pdata)
        return head

    def version(self, c: Checker, value: Any) -> str:
        """A version is text: YAML reads ``1.10`` as the number 1.1, so an unquoted number is refused."""
        if isinstance(value, str) and value.strip() and value == value.strip() and "\n" not in value:
            return value
        hint = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            where = c.doc.loc(("version",))
            written = str(value)
            if where.source_line and where.column > 0:  # as written: YAML reads 1.10 as 1.1
                written = where.source_line[where.column - 1 : where.column - 1 + where.length].strip() or written
            hint = f"quote it: version: '{written}'"
        c.problem(
            ("version",), f"version must be text, not {kind(value)}", "text such as '1.0.0'", hint, code="data.not-text"
        )
        return ""

    def parameter(self, c: Checker, pid: str, pdata: Any) -> None:
        path: DocPath = ("parameters", pid)
        c.ident(path, pid, "parameter", ID)
        data = c.mapping(path, pdata, f"parameter {pid!r}")
        if data is None:
            return
        c.keys(path, data, ("title", "unit", "values", "period_of"), ("title", "unit", "values"), f"parameter {pid!r}")
        period_of = data.get("period_of")
        if period_of is not None:
            period_of = c.ident((*path, "period_of"), period_of, "period_of measure")
            self.period_of[pid] = (period_of, c.doc.loc((*path, "period_of")))
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
            dated = c.entries(
                (*path, "values"), raw_values, "a dated value", ("value", "from", "to", "source"), ("value", "from")
            )
            for vpath, entry in dated:
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
                period_of or None,
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
                ("title", "definition", "unit", "better", "range", "source", "levels", "counted", "at_most"),
                ("title", "unit", "better"),
                f"measure {mid!r}",
            )
            unit = c.enum((*path, "unit"), m.get("unit"), Unit, "unit") if "unit" in m else None
            better = c.enum((*path, "better"), m.get("better"), Direction, "direction") if "better" in m else None
            if unit is None or better is None:
                continue
            levels = self.level_words(c, path, m, unit)
            low, high = _DEFAULT_RANGE[unit] if unit is not Unit.LEVEL else (0.0, float(max(len(levels) - 1, 1)))
            if "range" in m and unit is Unit.LEVEL:
                c.problem(
                    (*path, "range"),
                    "a level's range is its words",
                    "levels: [...] without range",
                    key=True,
                    code="rulebook.range",
                )
            elif "range" in m:
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
                levels=levels,
                counted=self.counted(c, path, m, unit),
                at_most=c.ident((*path, "at_most"), m["at_most"], "measure id", ID) if "at_most" in m else None,
            )
        for mid, measure in self.measures.items():  # a bound names another count of the catalogue
            bound = self.measures.get(measure.at_most or "")
            if measure.at_most is None or (bound is not None and bound.unit is Unit.COUNT is measure.unit):
                continue
            c.problem(
                ("measures", mid, "at_most"),
                f"measure {mid!r} is bounded by {measure.at_most!r}, which is not a count of the catalogue"
                if measure.unit is Unit.COUNT
                else f"measure {mid!r} is a {measure.unit.value}: only a count can be bounded by another",
                "the id of another measure whose unit is count, on a measure whose unit is count",
                suggest(measure.at_most, [k for k, v in self.measures.items() if v.unit is Unit.COUNT]),
                code="rulebook.bound",
            )

    def area_grades(self, docs: list[Document]) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Each area's scale and grades, read ahead of the areas so that a derived judgement can name an
        area whatever order the files come in (problems with these keys are reported with the area)."""
        found: dict[str, tuple[str, tuple[str, ...]]] = {}
        scales = {s.id: s for s in self.scales}
        for doc in docs:
            data = doc.data
            if not isinstance(data, dict) or not isinstance(data.get("area"), str) or not self.scales:
                continue
            wanted = data.get("scale", self.scales[0].id)
            scale = scales.get(wanted) if isinstance(wanted, str) else None  # else reported with the area
            if scale is not None:
                found.setdefault(data["area"], (scale.id, tuple(g.id for g in scale.grades)))
        return found

    def levels(self, areas: list[Area]) -> list[Area]:
        """Each area's level in the graph of grades read (0 for evidence alone), and every cycle reported
        at the area where it closes."""
        by_id = {a.id: a for a in areas}
        level: dict[str, int] = {}
        state: dict[str, str] = {}  # "open" while its dependencies are being walked, "done" after

        def walk(area: Area, path: list[str]) -> int:
            if state.get(area.id) == "done":
                return level[area.id]
            if state.get(area.id) == "open":
                cycle = [*path[path.index(area.id) :], area.id]
                self.problems.append(
                    Problem(
                        "areas read each other's grades in a cycle: " + " -> ".join(cycle),
                        area.location,
                        "derived judgements that read only areas judged before them",
                        code="rulebook.cycle",
                    )
                )
                return 0
            state[area.id] = "open"
            deepest = -1
            for other in area.reads_areas:
                if other in by_id:
                    deepest = max(deepest, walk(by_id[other], [*path, area.id]))
            # an area split into aspects is graded in the level of its last aspect, right after it
            parts = [walk(by_id[a], [*path, area.id]) for a in area.aspects if a in by_id]
            state[area.id] = "done"
            level[area.id] = max(deepest + 1, *parts) if parts else deepest + 1
            return level[area.id]

        for area in areas:
            walk(area, [])
        return [attrs.evolve(a, level=level[a.id]) if level[a.id] else a for a in areas]

    def counted(self, c: Checker, path: DocPath, m: Mapping[str, Any], unit: Unit) -> bool:
        value = m.get("counted", False)
        if not isinstance(value, bool):
            c.problem(
                (*path, "counted"),
                f"counted must be true or false, not {kind(value)}",
                "true or false",
                code="data.not-flag",
            )
            return False
        if value and unit is not Unit.PERCENT:
            c.problem(
                (*path, "counted"),
                "only a percentage can be given as a count out of a sample",
                "unit: percent",
                code="rulebook.range",
            )
            return False
        return value

    def level_words(self, c: Checker, path: DocPath, m: Mapping[str, Any], unit: Unit) -> tuple[str, ...]:
        """A level measure's ordered words (lowest first): two or more distinct lower-case words."""
        raw = m.get("levels")
        if unit is not Unit.LEVEL:
            if raw is not None:
                c.problem(
                    (*path, "levels"),
                    "only a measure of unit 'level' has levels",
                    "unit: level",
                    key=True,
                    code="rulebook.levels",
                )
            return ()
        if not isinstance(raw, list) or len(raw) < 2:
            c.problem(
                (*path, "levels") if "levels" in m else path,
                "a level measure lists its words, lowest first",
                "levels: [never, rarely, sometimes, usually, always]",
                code="rulebook.levels",
            )
            return ()
        words: list[str] = []
        for i, word in enumerate(raw):
            name = c.ident((*path, "levels", i), word, "level")
            if name in words:
                c.problem(
                    (*path, "levels", i), f"level {name!r} is listed twice", "each word once", code="rulebook.levels"
                )
            words.append(name)
        return tuple(words)

    def area(self, reader: AreaChecker, doc: Document) -> list[Area]:
        """One area file: the area, and its aspects (a method of its own, so tests can count how many are
        read)."""
        return reader.area(doc)
