"""An area's decision from what its rules fired, remembered: the hit policies of
:mod:`judgement.judging.policy` applied to the mask of an area's rules that fired and what it lacks.

Cases repeat the same few masks, so a judge keeps each area's decisions by mask (at most
:data:`DECISIONS_KEPT` each, never more: the memo stops growing when full).
"""

from __future__ import annotations

from collections.abc import Sequence

from judgement.judging.plan import Plan, Values
from judgement.judging.policy import Decision, decide, partial

__all__ = ["DECISIONS_KEPT", "Decider"]

#: At most this many decisions kept per area (and as many marked partial).
DECISIONS_KEPT = 4096


class Decider:
    """The hit policies' decisions for one plan's areas, remembered by the mask of the rules that fired
    and what the area lacks. Safe to share between threads (a decision is a value; two threads may both
    work one out)."""

    __slots__ = ("_decisions", "_partials", "plan")

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._decisions: list[dict[tuple[int, tuple[str, ...]], Decision]] = [{} for _ in plan.areas]
        self._partials: list[dict[tuple[Decision, tuple[str, ...]], Decision]] = [{} for _ in plan.areas]

    def known(self, index: int, fired: int, missing: tuple[str, ...]) -> Decision | None:
        """The decision already worked out for area ``index`` with the mask ``fired``, if there is one."""
        return self._decisions[index].get((fired, missing))

    def decide(self, index: int, fired: int, missing: tuple[str, ...]) -> Decision:
        """The hit policy's decision for area ``index`` given the mask of its rules that fired."""
        memo = self._decisions[index]
        key = (fired, missing)
        decision = memo.get(key)
        if decision is None:
            area = self.plan.areas[index].area
            decision = decide(area, [r for j, r in enumerate(area.rules) if fired >> j & 1], missing)
            if len(memo) < DECISIONS_KEPT:
                memo[key] = decision
        return decision

    def partial(
        self,
        index: int,
        decision: Decision,
        fired: int,
        missing: tuple[str, ...],
        unknown: Sequence[int],
        values: Values,
    ) -> Decision:
        """The decision, marked partial when a rule that could not be evaluated (``unknown``: their places
        in the area) would change the grade had it fired (so optional evidence that cannot matter is not
        reported)."""
        if not unknown or not decision.status.judged:
            return decision
        lacking: dict[str, None] = {}
        rules = self.plan.areas[index].rules
        for j in unknown:
            if self.decide(index, fired | 1 << j, missing).grade != decision.grade:
                lacking.update(dict.fromkeys(text for key, text in rules[j].reads if key not in values))
        memo = self._partials[index]
        key = (decision, tuple(lacking))
        found = memo.get(key)
        if found is None:
            found = partial(decision, key[1])
            if len(memo) < DECISIONS_KEPT:
                memo[key] = found
        return found
