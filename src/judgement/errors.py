"""The exception tree. Every error the library raises on purpose is a :class:`JudgementError`.

::

    JudgementError (ValueError)
    ├── InputError                 a file could not be read or parsed (size, YAML syntax, duplicate keys)
    ├── ValidationError            one or more problems found in a rulebook or case; carries them all
    │   ├── RulebookError          ... in a rulebook (manifest, measures, areas, rules, expressions)
    │   └── CaseError              ... in a case file (unknown measures, values of the wrong type or range)
    ├── ResolutionError            no rulebook matches a case's id and inspection date
    └── EngineError                the inference engine refused or misbehaved (a bug; never the user's input)

Each problem carries a :class:`~judgement.source.Location` (file, line, column, the source line) so that
messages can point at the text with a caret.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from judgement.source import Location

__all__ = [
    "CaseError",
    "EngineError",
    "InputError",
    "JudgementError",
    "Problem",
    "ResolutionError",
    "RulebookError",
    "ValidationError",
]


@attrs.frozen
class Problem:
    """One thing wrong with an input, where it is, what was expected and (maybe) a hint."""

    message: str
    location: Location | None = None
    expected: str | None = None
    hint: str | None = None

    def format(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        lines = [head]
        if self.location is not None:
            lines.extend(self.location.excerpt())
        if self.expected:
            lines.append(f"  expected: {self.expected}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {
            "message": self.message,
            "location": self.location.to_dict() if self.location else None,
            "expected": self.expected,
            "hint": self.hint,
        }


class JudgementError(ValueError):
    """Root of every error raised by judgement."""

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.format())

    def format(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0].format()
        parts = [f"{len(self.problems)} problems:"]
        parts.extend(p.format() for p in self.problems)
        return "\n".join(parts)


class InputError(JudgementError):
    """A file could not be read or parsed."""


class ValidationError(JudgementError):
    """A rulebook or case was read but is not valid; every problem found is listed."""


class RulebookError(ValidationError):
    """Problems in a rulebook."""


class CaseError(ValidationError):
    """Problems in a case."""


class ResolutionError(JudgementError):
    """No rulebook could be found for a case."""


class EngineError(JudgementError):
    """The inference engine failed. This is a bug in judgement, never a problem with the input."""
