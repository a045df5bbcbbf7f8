"""judgement: graded, explained judgements from inspection evidence.

The public API::

    import judgement
    rulebook = judgement.load_rulebook("rules/ucra-2010")
    case = judgement.load_case("fixtures/ucra-2010/staffordshire-2010.yaml")
    result = rulebook.judge(case)
    result.areas["supervision"].grade          # Grade.SATISFACTORY
    result.to_dict()                           # JSON-ready, trace included
"""

from __future__ import annotations

__version__ = "0.1.0"

from judgement.errors import (
    CaseError,
    EngineError,
    InputError,
    JudgementError,
    Problem,
    ResolutionError,
    RulebookError,
    ValidationError,
)
from judgement.judge import AreaJudgement, Judgement, judge
from judgement.model import Area, Case, Evidence, Grade, Measure, Policy, Rule, Rulebook, Unit
from judgement.resolve import find_rulebook, rulebook_for, rulebook_search_path
from judgement.source import Location
from judgement.validate import check_case, load_case, load_rulebook

__all__ = [
    "Area",
    "AreaJudgement",
    "Case",
    "CaseError",
    "EngineError",
    "Evidence",
    "Grade",
    "InputError",
    "Judgement",
    "JudgementError",
    "Location",
    "Measure",
    "Policy",
    "Problem",
    "ResolutionError",
    "Rule",
    "Rulebook",
    "RulebookError",
    "Unit",
    "ValidationError",
    "__version__",
    "check_case",
    "find_rulebook",
    "judge",
    "load_case",
    "load_rulebook",
    "rulebook_for",
    "rulebook_search_path",
]
