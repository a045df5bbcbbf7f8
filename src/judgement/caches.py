"""One way to let go of everything judgement keeps between calls (``judgement.clear_caches()``): a
long-running service that reloads its rulebooks or statistics, or a test that wants a cold start.

Every cache is bounded and none changes a result, only how soon it comes; ``docs/how-it-works.md`` lists
them. The engine's rulesets and the texts of floats written into its facts are fixed-size tables the
engine itself holds, and are kept.
"""

from __future__ import annotations

from judgement.data.statistics import clear_statistics
from judgement.explaining.counterfactual import clear_searches
from judgement.judging.judge import clear_judges
from judgement.lang.evaluate import clear_signs
from judgement.resolve import clear_rulebooks

__all__ = ["clear_caches"]


def clear_caches() -> None:
    """Forget the rulebooks read, the judges made (and what their searches learnt), the statistics read,
    the signs of comparisons worked out, and what the searches for "what would change it" learnt about
    recent cases."""
    clear_searches()
    clear_signs()
    clear_judges()
    clear_rulebooks()
    clear_statistics()
