"""Frozen values: grades, measures, parameters, rules, areas, rulebooks, evidence and cases.

Nothing here reads files or runs rules; :mod:`judgement.validate` builds these from raw documents and
:mod:`judgement.judge` runs them. Changes go through :func:`attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from judgement.expr import Condition, Node
from judgement.source import Location

if TYPE_CHECKING:  # pragma: no cover
    from judgement.judge import Judgement

__all__ = [
    "Area",
    "Case",
    "DatedValue",
    "Direction",
    "Evidence",
    "Expectation",
    "Grade",
    "Location",
    "Measure",
    "Parameter",
    "Placeholder",
    "Policy",
    "Rule",
    "Rulebook",
    "Template",
    "Unit",
]


class Grade(enum.Enum):
    """The judgement scale, worst first, plus ``not_judged`` which is not on the scale."""

    PRIORITY_ACTION = "priority_action"
    AREA_FOR_DEVELOPMENT = "area_for_development"
    SATISFACTORY = "satisfactory"
    STRENGTH = "strength"
    NOT_JUDGED = "not_judged"

    @property
    def rank(self) -> int:
        """0 for the worst grade, 3 for the best; -1 for ``not_judged``."""
        return _RANK[self]

    @property
    def heading(self) -> str:
        """The heading an inspection letter files this grade under."""
        return _HEADINGS[self]

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def scale(cls) -> tuple[Grade, ...]:
        return (cls.PRIORITY_ACTION, cls.AREA_FOR_DEVELOPMENT, cls.SATISFACTORY, cls.STRENGTH)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(g.value for g in cls)


_RANK = {
    Grade.PRIORITY_ACTION: 0,
    Grade.AREA_FOR_DEVELOPMENT: 1,
    Grade.SATISFACTORY: 2,
    Grade.STRENGTH: 3,
    Grade.NOT_JUDGED: -1,
}
_HEADINGS = {
    Grade.STRENGTH: "Strengths",
    Grade.SATISFACTORY: "Satisfactory practice",
    Grade.AREA_FOR_DEVELOPMENT: "Areas for development",
    Grade.PRIORITY_ACTION: "Areas for priority action",
    Grade.NOT_JUDGED: "Not judged",
}


class Unit(enum.Enum):
    """What a measure counts. Units decide which values are valid and what may be compared."""

    PERCENT = "percent"
    COUNT = "count"
    RATE_PER_10K = "rate_per_10k"
    DAYS = "days"
    RATIO = "ratio"
    FLAG = "flag"

    @property
    def whole(self) -> bool:
        """Whether values must be whole numbers."""
        return self in (Unit.COUNT, Unit.FLAG)


class Direction(enum.Enum):
    """Which way is better for a measure."""

    HIGHER = "higher"
    LOWER = "lower"


class Policy(enum.Enum):
    """How an area turns the rules that fired into one grade."""

    PRIORITY = "priority"  # the worst finding stands; the default rule only when nothing else fires
    FIRST = "first"  # the first rule in file order that fired; the default when none did
    UNIQUE = "unique"  # exactly one rule may fire; more than one is a conflict


@attrs.frozen
class Measure:
    """An entry in a rulebook's catalogue of evidence."""

    id: str
    title: str
    unit: Unit
    better: Direction
    minimum: float
    maximum: float
    definition: str = ""
    source: str = ""
    location: Location | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class DatedValue:
    """A parameter's value over a span of inspection dates (``end`` inclusive; ``None`` = open)."""

    value: float | int
    start: dt.date
    end: dt.date | None
    source: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen
class Parameter:
    """A named constant whose value depends on the inspection date (a statutory timescale, say)."""

    id: str
    title: str
    unit: Unit
    values: tuple[DatedValue, ...]
    location: Location | None = attrs.field(default=None, eq=False, repr=False)

    def at(self, day: dt.date) -> DatedValue | None:
        return next((v for v in self.values if v.covers(day)), None)


@attrs.frozen
class Placeholder:
    """``{name}`` or ``{name.attr}`` in a reason template."""

    name: str
    attr: str | None
    location: Location | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def text(self) -> str:
        return f"{self.name}.{self.attr}" if self.attr else self.name


@attrs.frozen
class Template:
    """A reason with named placeholders; rendering substitutes values and nothing else."""

    source: str
    parts: tuple[str | Placeholder, ...]


@attrs.frozen
class Rule:
    """One rule of an area: when its condition holds, the area may be given its grade."""

    id: str
    grade: Grade
    because: Template
    condition: Node | None  # None for the default rule
    normal: Condition | None  # the engine's form of the condition
    default: bool = False
    rationale: str = ""
    cites: tuple[str, ...] = ()
    location: Location | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def when(self) -> str:
        from judgement.expr import unparse

        return "(default)" if self.condition is None else unparse(self.condition)


@attrs.frozen
class Area:
    """An inspected area: its required evidence, its rules and its hit policy."""

    id: str
    title: str
    requires: tuple[str, ...]
    policy: Policy
    rules: tuple[Rule, ...]
    description: str = ""
    location: Location | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def default_rule(self) -> Rule | None:
        return next((r for r in self.rules if r.default), None)


@attrs.frozen
class Rulebook:
    """A versioned set of areas and rules, with its measure catalogue and dated parameters."""

    id: str
    title: str
    version: str
    effective_from: dt.date
    effective_to: dt.date | None
    grades: tuple[Grade, ...]
    measures: Mapping[str, Measure]
    parameters: Mapping[str, Parameter]
    areas: tuple[Area, ...]
    digest: str
    path: Path | None = attrs.field(default=None, eq=False)
    description: str = ""

    def covers(self, day: dt.date) -> bool:
        """Whether an inspection on ``day`` falls within this rulebook's effective dates."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def judge(self, case: Case) -> Judgement:
        """Judge every area of ``case`` under this rulebook. See :func:`judgement.judge.judge`."""
        from judgement.judge import judge

        return judge(self, case)


@attrs.frozen
class Evidence:
    """One measured fact about the authority, with its comparators and provenance."""

    measure: str
    value: float | int
    england: float | int | None = None
    neighbours: float | int | None = None
    n: int | None = None
    source: str | None = None
    period: str | None = None
    note: str | None = None
    illustrative: bool = False
    location: Location | None = attrs.field(default=None, eq=False, repr=False)

    def get(self, attr: str | None) -> float | int | None:
        """The value (``attr`` None) or one of its comparators."""
        if attr is None:
            return self.value
        value: float | int | None = getattr(self, attr)
        return value

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value}
        for key in ("england", "neighbours", "n", "source", "period", "note"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.illustrative:
            data["illustrative"] = True
        return data


@attrs.frozen
class Expectation:
    """What a fixture expects of one area: a grade, and optionally rules that must (not) fire and
    a fragment the reason must contain."""

    area: str
    grade: Grade
    fired: tuple[str, ...] = ()
    not_fired: tuple[str, ...] = ()
    reason: str | None = None
    location: Location | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Case:
    """The evidence about one authority at one inspection."""

    id: str
    authority: str
    inspected: dt.date
    rulebook: str
    evidence: Mapping[str, Evidence]
    expect: tuple[Expectation, ...] = ()
    notes: str = ""
    path: Path | None = attrs.field(default=None, eq=False)
    expect_error: str | None = None
    #: Where the case's own fields were given (``rulebook``, ``inspected``), for messages about them.
    locations: Mapping[str, Location] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<dict>") -> Case:
        """Build and validate a case from plain data (as read from YAML or JSON)."""
        from judgement.validate import case_from_data

        return case_from_data(data, source=source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.id,
            "authority": self.authority,
            "inspected": self.inspected.isoformat(),
            "rulebook": self.rulebook,
            "evidence": {k: self.evidence[k].to_dict() for k in sorted(self.evidence)},
        }
