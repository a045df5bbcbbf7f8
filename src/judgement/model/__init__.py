"""The data model: frozen, deeply immutable, hashable values and nothing else (no method judges, parses
or reads a file). :mod:`~judgement.model.grades` owns the grade scale and how grades are shown."""

from judgement.model.case import Case, Evidence, Expectation
from judgement.model.grades import GRADE_STYLES, Grade, GradeStyle
from judgement.model.rulebook import (
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
    "GRADE_STYLES",
    "Area",
    "Case",
    "DatedValue",
    "Direction",
    "Evidence",
    "Expectation",
    "Grade",
    "GradeStyle",
    "Measure",
    "Parameter",
    "Placeholder",
    "Policy",
    "Rule",
    "Rulebook",
    "Template",
    "Unit",
]
