"""judgement: graded, explained judgements from inspection evidence.

The public API::

    import judgement

    rulebook = judgement.load_rulebook("rules/ucra-2010")          # a folder, YAML/JSON text or a dict
    case = judgement.load_case("fixtures/ucra-2010/staffordshire-2010.yaml")   # a file, text or a dict
    quick = judgement.case_from_values({"timely_assessments": 81.5}, rulebook="ucra-2010", inspected=day)
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

from judgement._version import __version__ as __version__

if TYPE_CHECKING:
    from judgement import data as data
    from judgement.analysis.diff import AreaChange as AreaChange
    from judgement.analysis.diff import DiffReport as DiffReport
    from judgement.analysis.diff import diff as diff
    from judgement.caches import clear_caches as clear_caches
    from judgement.check.against import check_case as check_case
    from judgement.check.case import case_from_values as case_from_values
    from judgement.check.case import load_case as load_case
    from judgement.check.rulebook import load_rulebook as load_rulebook
    from judgement.errors import CaseError as CaseError
    from judgement.errors import EngineError as EngineError
    from judgement.errors import InputError as InputError
    from judgement.errors import JudgementError as JudgementError
    from judgement.errors import Problem as Problem
    from judgement.errors import ResolutionError as ResolutionError
    from judgement.errors import RulebookError as RulebookError
    from judgement.errors import UsageError as UsageError
    from judgement.errors import ValidationError as ValidationError
    from judgement.explaining.counterfactual import Counterfactual as Counterfactual
    from judgement.explaining.simulate import AreaChances as AreaChances
    from judgement.explaining.simulate import Simulation as Simulation
    from judgement.explaining.simulate import simulate as simulate
    from judgement.explaining.whatif import AreaShift as AreaShift
    from judgement.explaining.whatif import whatif as whatif
    from judgement.explaining.why import Explanation as Explanation
    from judgement.explaining.why import explain as explain
    from judgement.judging.judge import Judge as Judge
    from judgement.judging.judge import judge as judge
    from judgement.judging.results import AreaJudgement as AreaJudgement
    from judgement.judging.results import Judgement as Judgement
    from judgement.judging.results import results_to_frame as results_to_frame
    from judgement.judging.trace import AreaStatus as AreaStatus
    from judgement.judging.trace import AreaTrace as AreaTrace
    from judgement.judging.trace import RuleOutcome as RuleOutcome
    from judgement.model import NOT_JUDGED as NOT_JUDGED
    from judgement.model import Area as Area
    from judgement.model import Case as Case
    from judgement.model import Evidence as Evidence
    from judgement.model import Grade as Grade
    from judgement.model import Measure as Measure
    from judgement.model import Policy as Policy
    from judgement.model import Rule as Rule
    from judgement.model import Rulebook as Rulebook
    from judgement.model import Scale as Scale
    from judgement.model import Unit as Unit
    from judgement.renderers.formats import render as render
    from judgement.resolve import find_rulebook as find_rulebook
    from judgement.resolve import rulebook_for as rulebook_for
    from judgement.resolve import rulebook_search_path as rulebook_search_path
    from judgement.source import Location as Location

#: Where each public name lives. They are imported on first use, so that importing judgement (or its pytest
#: plugin, in every pytest run of a project that has it installed) costs almost nothing until it is used.
_LAZY = {
    "data": "judgement.data",
    "check_case": "judgement.check.against",
    "load_case": "judgement.check.case",
    "case_from_values": "judgement.check.case",
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
    "AreaChange": "judgement.analysis.diff",
    "clear_caches": "judgement.caches",
    "DiffReport": "judgement.analysis.diff",
    "diff": "judgement.analysis.diff",
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
    "results_to_frame": "judgement.judging.results",
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
    "render": "judgement.renderers.formats",
    "find_rulebook": "judgement.resolve",
    "rulebook_for": "judgement.resolve",
    "rulebook_search_path": "judgement.resolve",
    "Location": "judgement.source",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'judgement' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if module == f"{__name__}.{name}" else getattr(imported, name)  # a subpackage: itself
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


#: The public names: those above and the version (one list: what ``import judgement`` exposes, what
#: ``dir`` shows and what the type-checking imports declare are checked against it by the tests).
__all__ = [*_LAZY, "__version__"]  # noqa: PLE0604 - derived from the one table above
