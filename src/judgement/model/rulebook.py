"""Frozen rulebook values: measures, dated parameters, reason templates, rules, areas and the rulebook.

Nothing here reads files, checks input or runs rules: :mod:`judgement.check` builds these values and
:mod:`judgement.judging` runs them. Every value is deeply immutable and hashable (mappings are
:class:`~judgement._frozen.FrozenMap`); changes go through :func:`attrs.evolve`. Where a rule, area,
measure or parameter was written is part of its value: traces point there, so two rulebooks read from
different places are different values even when their text is the same.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from judgement._attrs import frozen
from judgement._digest import sha256
from judgement._frozen import freeze
from judgement.errors import Problem, UsageError, unknown_name
from judgement.lang.ast import Node
from judgement.lang.ast import Or as OrNode
from judgement.lang.normal import Condition
from judgement.lang.printer import unparse
from judgement.lang.units import Unit
from judgement.model.grades import NOT_JUDGED, Grade, Scale
from judgement.source import Location

__all__ = [
    "CALIBRATION_FILE",
    "DEFAULT_WHEN",
    "TRIGGERS",
    "Area",
    "DatedValue",
    "Direction",
    "Measure",
    "Parameter",
    "Placeholder",
    "Policy",
    "Rule",
    "Rulebook",
    "Template",
    "Unit",
]


class Direction(enum.Enum):
    """Which way is better for a measure."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"  # both very high and very low can be a concern (a rate of enquiries, say)


class Policy(enum.Enum):
    """How an area turns the rules that fired into one grade."""

    PRIORITY = "priority"  # the worst finding stands; the default rule only when nothing else fires
    FIRST = "first"  # the first rule in file order that fired; the default when none did
    UNIQUE = "unique"  # exactly one rule may fire; more than one is a conflict


@frozen
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
    location: Location | None = attrs.field(default=None, repr=False)
    #: For unit ``level``: the ordered words a value is one of, lowest first (``better: higher`` makes the
    #: last word the best). A case writes the word; rules compare words; the fact holds its rank.
    levels: tuple[str, ...] = ()
    #: A percentage that evidence may give as a count out of a sample (``{count: 7, of: 23}``).
    counted: bool = False
    #: For a count: another count of the catalogue it can never exceed in one case (one cause of the children
    #: found at risk, against the inspectors' total of them).
    at_most: str | None = None

    def word(self, rank: float | int) -> str:
        """The word of a rank on :attr:`levels`."""
        return self.levels[int(rank)]


@frozen
class DatedValue:
    """A parameter's value over a span of inspection dates (``end`` inclusive; ``None`` = open)."""

    value: float | int
    start: dt.date
    end: dt.date | None
    source: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@frozen
class Parameter:
    """A named constant whose value depends on a date (a statutory timescale, say): the inspection date,
    or, with ``period_of``, the end of the period the evidence for that measure covers, so a 2009-10
    figure is read against the timescale that defined it."""

    id: str
    title: str
    unit: Unit
    values: tuple[DatedValue, ...]
    location: Location | None = attrs.field(default=None, repr=False)
    period_of: str | None = None  # a measure id

    def at(self, day: dt.date) -> DatedValue | None:
        return next((v for v in self.values if v.covers(day)), None)


#: How a default rule's condition is shown.
DEFAULT_WHEN = "(default)"
#: The placeholder of a reason that names what made its rule fire: the evidence of each alternative of
#: the condition that holds (a measure called so is read as the measure).
TRIGGERS = "triggers"


@frozen
class Placeholder:
    """``{name}`` or ``{name.attr}`` in a reason template."""

    name: str
    attr: str | None
    location: Location | None = attrs.field(default=None, repr=False)

    @property
    def text(self) -> str:
        return f"{self.name}.{self.attr}" if self.attr else self.name


@frozen
class Template:
    """A reason with named placeholders; rendering substitutes values and nothing else."""

    source: str
    parts: tuple[str | Placeholder, ...]
    #: The text itself when the reason names no value (it is then the same for every case).
    fixed: str | None = attrs.field(init=False, eq=False, repr=False)
    #: Whether it names ``{triggers}``.
    triggers: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        texts = [part for part in self.parts if isinstance(part, str)]
        object.__setattr__(self, "fixed", "".join(texts) if len(texts) == len(self.parts) else None)
        named = any(not isinstance(part, str) and part.name == TRIGGERS for part in self.parts)
        object.__setattr__(self, "triggers", named)


@frozen
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
    location: Location | None = attrs.field(default=None, repr=False)
    #: A limit: when it fires the area's grade can be no better than ``grade`` ("cannot be better than").
    limit: bool = False
    #: One reason per alternative of the condition (its ``or`` parts as written), when ``because`` is a
    #: list: the reason given is that of each alternative that holds. ``because`` is then the first.
    reasons: tuple[Template, ...] = ()
    #: The inspection dates the rule is in force (``None``: open); outside them it is "not in force".
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        """Whether the rule applies to an inspection on ``day``."""
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )

    @property
    def dated(self) -> bool:
        return self.effective_from is not None or self.effective_to is not None

    @property
    def effective(self) -> str:
        """The rule's effective dates as text ("from 2024-04-01", "to 2024-03-31"); "" when undated."""
        parts = []
        if self.effective_from is not None:
            parts.append(f"from {self.effective_from.isoformat()}")
        if self.effective_to is not None:
            parts.append(f"to {self.effective_to.isoformat()}")
        return " ".join(parts)

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The alternatives of the condition as written (its top-level ``or`` parts; one for a condition
        that is not an ``or``)."""
        return tuple(unparse(item) for item in self._alternative_nodes)

    @property
    def alternative_count(self) -> int:
        """How many :attr:`alternatives` there are (without writing them)."""
        return len(self._alternative_nodes)

    @property
    def _alternative_nodes(self) -> tuple[Node, ...]:
        if self.condition is None:
            return ()
        return self.condition.items if isinstance(self.condition, OrNode) else (self.condition,)

    @property
    def when(self) -> str:
        """The condition as text (:data:`DEFAULT_WHEN` for the default rule)."""
        return DEFAULT_WHEN if self.condition is None else unparse(self.condition)


@frozen
class Area:
    """An inspected area: its required evidence, its rules and its hit policy."""

    id: str
    title: str
    requires: tuple[str, ...]
    policy: Policy
    rules: tuple[Rule, ...]
    description: str = ""
    location: Location | None = attrs.field(default=None, repr=False)
    scale: str = ""  # the id of the scale its grades are on
    #: Evidence its rules may read and may be missing (a rule that reads it is then not evaluable, and
    #: the area is judged ``partial`` if that could change its grade).
    optional: tuple[str, ...] = ()
    #: Areas whose grades it reads but can be judged without (listed in ``optional``): when one is not
    #: judged, the rules that read it are not evaluable, and the area is partial if that could matter.
    optional_grades: tuple[str, ...] = ()
    #: The areas whose grades its rules read (a derived judgement reads at least one).
    reads_areas: tuple[str, ...] = ()
    #: 0 for an area judged from evidence alone; otherwise one more than the highest level it reads.
    level: int = 0
    #: For an area split into aspects: their ids (``area.aspect``), each an area of the rulebook graded on
    #: its own, and how the area's grade follows from theirs (``worst`` or ``best``).
    aspects: tuple[str, ...] = ()
    combine: str = "worst"
    #: For an aspect: the id of its area.
    parent: str | None = None
    #: The dates the area is judged on (``None``: open), for a judgement a framework gives only for a time;
    #: every rule's dates, the default's included, lie within them, so on another date it is not judged.
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        """Whether the area is judged for an inspection on ``day``."""
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )

    @property
    def default_rule(self) -> Rule | None:
        return next((r for r in self.rules if r.default), None)

    @property
    def derived(self) -> bool:
        """Whether the area reads other areas' grades."""
        return bool(self.reads_areas)


#: The file beside a rulebook's manifest that holds its calibration.
CALIBRATION_FILE = "calibration.json"


@frozen(cache_hash=True)
class Rulebook:
    """A versioned set of areas and rules, with its measure catalogue and dated parameters."""

    id: str
    title: str
    version: str
    effective_from: dt.date
    effective_to: dt.date | None
    # Compared, but left out of the hash: the digest of the rulebook's files stands for them there (equal
    # rulebooks have equal digests), and a kept rulebook read back is hashed without walking every rule.
    scales: tuple[Scale, ...] = attrs.field(hash=False)
    measures: Mapping[str, Measure] = attrs.field(converter=freeze, hash=False)
    parameters: Mapping[str, Parameter] = attrs.field(converter=freeze, hash=False)
    areas: tuple[Area, ...] = attrs.field(hash=False)
    digest: str
    path: Path | None = attrs.field(default=None, eq=False)
    description: str = ""
    #: How the rulebook's screened grades compared with known outcomes, where it has been measured
    #: (``calibration.json`` beside it, written by ``judgement backtest --write-calibration``): data about the
    #: rulebook, not part of it, so two rulebooks with the same rules are equal whatever it holds.
    calibration: Mapping[str, Any] = attrs.field(factory=dict, converter=freeze, eq=False, repr=False)

    def with_parameters(self, **values: float | int) -> Rulebook:
        """This rulebook with parameters set to other values, for every date each covers (its spans and
        sources kept, each source saying the value was set in Python): to try one threshold without
        copying the folder. The rulebook's digest changes with them, so a judgement's stamp says which
        rules gave it. An unknown parameter, or a value that is not a finite number, raises
        :class:`~judgement.errors.UsageError`."""
        problems = [
            unknown_name("parameter", name, list(self.parameters), f"rulebook {self.id}").problems[0]
            for name in values
            if name not in self.parameters
        ]
        problems.extend(
            Problem(
                f"parameter {name}: {value!r} is not a finite number",
                expected="a number such as 2 or 2.5",
                code="usage.bad-argument",
            )
            for name, value in values.items()
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
        )
        if problems:
            raise UsageError(problems)
        changed = dict(self.parameters)
        for name, value in values.items():
            old = changed[name]
            spans = tuple(attrs.evolve(v, value=value, source=f"set in Python (was {v.value})") for v in old.values)
            changed[name] = attrs.evolve(old, values=spans)
        text = json.dumps(sorted((k, repr(v)) for k, v in values.items()))
        digest = sha256(f"{self.digest}\n{text}".encode()).hexdigest()
        return attrs.evolve(self, parameters=changed, digest=digest, calibration={})

    def covers(self, day: dt.date) -> bool:
        """Whether an inspection on ``day`` falls within this rulebook's effective dates."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def scale(self, scale_id: str) -> Scale:
        """The scale with this id (an area's ``scale``)."""
        return next(s for s in self.scales if s.id == scale_id)

    def scale_of(self, area: Area | str) -> Scale:
        """The scale an area (or area id) grades on."""
        found = self.area(area) if isinstance(area, str) else area
        return self.scale(found.scale)

    @property
    def grades(self) -> tuple[Grade, ...]:
        """Every grade on any of the rulebook's scales, each scale worst first."""
        return tuple(g for s in self.scales for g in s.grades)

    @property
    def heading_order(self) -> tuple[Grade, ...]:
        """The order of a report's headings: each scale's grades best first, then ``not_judged``."""
        return (*(g for s in self.scales for g in s.best_first), NOT_JUDGED)

    def area(self, area_id: str) -> Area:
        """The area with this id; an unknown id raises :class:`~judgement.errors.UsageError` with a hint."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise unknown_name("area", area_id, [a.id for a in self.areas], f"rulebook {self.id}")
