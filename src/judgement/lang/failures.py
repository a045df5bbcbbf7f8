"""The failures the condition language raises: each carries a located :class:`~judgement.errors.Problem`
with a ``condition.*`` code. Kept apart from the parser, so that what reads a checked rulebook (which
only normal forms raise into) does without importing the parser."""

from __future__ import annotations

from judgement.errors import Problem

__all__ = ["ConditionError", "MeaningFailure", "ParseFailure"]


class ConditionError(Exception):
    """A condition that cannot be used, raised inside the condition language: carries a located
    :class:`~judgement.errors.Problem` with a ``condition.*`` code. A checker turns it into a rulebook
    problem; it never reaches a user as it is."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class ParseFailure(ConditionError):
    """A condition that does not parse (its syntax, or the limits on its size)."""


class MeaningFailure(ConditionError):
    """A condition that parses but cannot be judged as written (measures that cancel out, a count that
    does not depend on the grades)."""
