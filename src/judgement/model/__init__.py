"""The data model: frozen, deeply immutable, hashable values and nothing else (no method judges, parses
or reads a file). :mod:`~judgement.model.grades` owns grade scales and how grades are shown."""

from judgement.model.case import Case, Evidence, Expectation, ExpectedError, PlainEvidence
from judgement.model.grades import NOT_JUDGED, Grade, Scale
from judgement.model.rulebook import (
    TRIGGERS,
    Area,
    DatedValue,
    Direction,
    Measure,
    Parameter,
    Placeholder,
    Policy,
    Rule,
    Rulebook,
    Template,
    Unit,
)

__all__ = [
    "NOT_JUDGED",
    "TRIGGERS",
    "Area",
    "Case",
    "DatedValue",
    "Direction",
    "Evidence",
    "Expectation",
    "ExpectedError",
    "Grade",
    "Measure",
    "Parameter",
    "Placeholder",
    "PlainEvidence",
    "Policy",
    "Rule",
    "Rulebook",
    "Scale",
    "Template",
    "Unit",
]
