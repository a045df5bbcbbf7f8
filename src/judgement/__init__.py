"""judgement: graded, explained judgements from inspection evidence.

The public API::

    import judgement

    rulebook = judgement.load_rulebook("rules/ucra-2010")          # a folder, YAML/JSON text or a dict
    case = judgement.load_case("fixtures/ucra-2010/staffordshire-2010.yaml")   # a file, text or a dict
    result = judgement.judge(rulebook, case)
    result.areas["supervision"].grade                                 # the grade "satisfactory"
    judgement.explain(result, "assessments")                          # why, why not, what would change it
    result.to_dict()                                                  # JSON-ready, trace included

To judge many cases with one rulebook, make a :class:`Judge` once and call :meth:`Judge.judge`; the
functions above keep a judge for each of the few rulebooks most recently used.
Every error is a :class:`JudgementError` carrying :class:`Problem` values with stable codes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from judgement._version import __version__

if TYPE_CHECKING:
    from judgement.check.against import check_case
    from judgement.check.case import load_case
    from judgement.check.rulebook import load_rulebook
    from judgement.errors import (
        CaseError,
        EngineError,
        InputError,
        JudgementError,
        Problem,
        ResolutionError,
        RulebookError,
        UsageError,
        ValidationError,
    )
    from judgement.explaining.counterfactual import Counterfactual
    from judgement.explaining.whatif import AreaShift, whatif
    from judgement.explaining.why import Explanation, explain
    from judgement.judging.judge import Judge, judge
    from judgement.judging.results import AreaJudgement, Judgement
    from judgement.judging.trace import AreaStatus, AreaTrace, RuleOutcome
    from judgement.model import NOT_JUDGED, Area, Case, Evidence, Grade, Measure, Policy, Rule, Rulebook, Scale, Unit
    from judgement.resolve import find_rulebook, rulebook_for, rulebook_search_path
    from judgement.source import Location

#: Where each public name lives. They are imported on first use, so that importing judgement (or its pytest
#: plugin, in every pytest run of a project that has it installed) costs almost nothing until it is used.
_LAZY = {
    "check_case": "judgement.check.against",
    "load_case": "judgement.check.case",
    "load_rulebook": "judgement.check.rulebook",
    "CaseError": "judgement.errors",
    "EngineError": "judgement.errors",
    "InputError": "judgement.errors",
    "JudgementError": "judgement.errors",
    "Problem": "judgement.errors",
    "ResolutionError": "judgement.errors",
    "RulebookError": "judgement.errors",
    "UsageError": "judgement.errors",
    "ValidationError": "judgement.errors",
    "Counterfactual": "judgement.explaining.counterfactual",
    "AreaChances": "judgement.explaining.simulate",
    "Simulation": "judgement.explaining.simulate",
    "simulate": "judgement.explaining.simulate",
    "AreaShift": "judgement.explaining.whatif",
    "whatif": "judgement.explaining.whatif",
    "Explanation": "judgement.explaining.why",
    "explain": "judgement.explaining.why",
    "Judge": "judgement.judging.judge",
    "judge": "judgement.judging.judge",
    "AreaJudgement": "judgement.judging.results",
    "Judgement": "judgement.judging.results",
    "AreaStatus": "judgement.judging.trace",
    "AreaTrace": "judgement.judging.trace",
    "RuleOutcome": "judgement.judging.trace",
    "NOT_JUDGED": "judgement.model",
    "Area": "judgement.model",
    "Case": "judgement.model",
    "Evidence": "judgement.model",
    "Grade": "judgement.model",
    "Measure": "judgement.model",
    "Policy": "judgement.model",
    "Rule": "judgement.model",
    "Rulebook": "judgement.model",
    "Scale": "judgement.model",
    "Unit": "judgement.model",
    "find_rulebook": "judgement.resolve",
    "rulebook_for": "judgement.resolve",
    "rulebook_search_path": "judgement.resolve",
    "Location": "judgement.source",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'judgement' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "NOT_JUDGED",
    "Area",
    "AreaChances",
    "AreaJudgement",
    "AreaShift",
    "AreaStatus",
    "AreaTrace",
    "Case",
    "CaseError",
    "Counterfactual",
    "EngineError",
    "Evidence",
    "Explanation",
    "Grade",
    "InputError",
    "Judge",
    "Judgement",
    "JudgementError",
    "Location",
    "Measure",
    "Policy",
    "Problem",
    "ResolutionError",
    "Rule",
    "RuleOutcome",
    "Rulebook",
    "RulebookError",
    "Scale",
    "Simulation",
    "Unit",
    "UsageError",
    "ValidationError",
    "__version__",
    "check_case",
    "explain",
    "find_rulebook",
    "judge",
    "load_case",
    "load_rulebook",
    "rulebook_for",
    "rulebook_search_path",
    "simulate",
    "whatif",
]
