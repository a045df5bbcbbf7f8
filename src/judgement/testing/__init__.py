"""Testing rulebooks: the fixture runner, coverage, a pytest plugin, and hypothesis strategies.

The runner and coverage need nothing beyond judgement itself. The strategies and ready-made property
checks need hypothesis (``pip install 'judgement[testing]'``); they live in
:mod:`judgement.testing.strategies` and are also reachable from here, imported on first use::

    from judgement.testing import cases, check_rulebook
    check_rulebook(judgement.load_rulebook("rules/my-rulebook"))
"""

from __future__ import annotations

from typing import Any

from judgement.testing.coverage import CoverageReport, coverage, render_coverage
from judgement.testing.runner import Outcome, Report, keyword_matches, run

__all__ = ["CoverageReport", "Outcome", "Report", "coverage", "keyword_matches", "render_coverage", "run"]

#: Names served from :mod:`judgement.testing.strategies` (which needs hypothesis) on first use.
_STRATEGIES = {
    "cases",
    "evidence",
    "check_every_area_graded",
    "check_monotonic",
    "check_order_independent",
    "check_rulebook",
}


def __getattr__(name: str) -> Any:
    if name in _STRATEGIES:
        from judgement.testing import strategies  # noqa: PLC0415 - hypothesis is an optional dependency

        return getattr(strategies, name)
    raise AttributeError(f"module 'judgement.testing' has no attribute {name!r}")
