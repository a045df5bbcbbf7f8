"""Problems and the exception tree. Every error the library raises on purpose is a :class:`JudgementError`.

::

    JudgementError (ValueError)
    ├── InputError                 a file could not be read or parsed (size, encoding, YAML syntax, duplicate keys)
    ├── ValidationError            one or more problems in a rulebook or case; carries them all
    │   ├── RulebookError          ... in a rulebook (manifest, measures, areas, rules, conditions, reasons)
    │   └── CaseError              ... in a case (unknown measures, values of the wrong type or range)
    ├── ResolutionError            no rulebook matches a case's id and inspection date
    ├── UsageError                 a call or command asked for something that does not exist or makes no sense
    └── EngineError                the inference engine refused or misbehaved (a bug; never the user's input)

Each :class:`Problem` carries a stable ``code`` (the table :data:`CODES`, documented in
``docs/errors.md``), a :class:`~judgement.source.Location` (file, line, column and the source line, or
``$.path`` for data built in Python), what was expected and a hint. Lint findings are problems too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Self

import attrs

from judgement._attrs import frozen
from judgement._frozen import freeze
from judgement.source import Location

__all__ = [
    "CODES",
    "CaseError",
    "EngineError",
    "InputError",
    "JudgementError",
    "Problem",
    "ResolutionError",
    "RulebookError",
    "UsageError",
    "ValidationError",
    "suggest",
    "unknown_name",
]

#: Every problem code, with what it means. Codes are stable: programs may match on them.
CODES: Mapping[str, str] = {
    # reading files
    "input.not-found": "a file or folder named does not exist",
    "input.unreadable": "the operating system refused to read a file",
    "input.is-directory": "a folder was given where a file is expected",
    "input.not-regular": "a pipe, device or other special file was given where a file is expected",
    "input.too-large": "a file is larger than the limit for its kind",
    "input.encoding": "a file is not valid UTF-8 text",
    "input.missing-extra": "a file format that needs an optional package that is not installed",
    "input.bad-workbook": "an .xlsx or .ods file that cannot be read",
    "input.control-character": "a file holds a control character YAML does not allow",
    "input.yaml-syntax": "a file is not valid YAML or JSON",
    "input.too-deep": "lists and mappings are nested past the limit",
    "input.too-many-values": "a document expands (aliases included) to more values than the limit",
    "input.unsupported-tag": "a YAML tag other than plain values (!!python/..., custom tags)",
    "input.bad-key": "a mapping key that is not a plain name (a list, a merge key)",
    "input.duplicate-key": "the same key twice in one mapping",
    "input.bad-value": "a scalar that cannot be read as a value",
    "input.text-too-long": "a text value longer than the limit",
    "input.not-rulebook": "a folder without rulebook.yaml was given as a rulebook",
    "input.outside-rulebook": "a rulebook file that links outside its folder",
    "input.plugin": "an entry point of judgement.rulebooks that cannot be loaded or names no folder",
    "input.git": "a REV:path rulebook could not be read from git",
    # spreadsheets
    "sheet.empty": "a spreadsheet with no header row",
    "sheet.header": "a header row that cannot be read",
    "sheet.missing-column": "a required column (authority, inspected) is missing",
    "sheet.duplicate-column": "the same column twice in the header",
    "sheet.unknown-comparator": "a MEASURE.attribute column with an unknown attribute",
    "sheet.bad-row": "a row that cannot be read as CSV",
    "sheet.too-many-rows": "more rows than the limit",
    "sheet.too-large": "a spreadsheet with more rows, cells or columns than the limits, counted before it is read",
    "sheet.cell-too-long": "a spreadsheet cell longer than the text limit (60,000 characters)",
    "sheet.cell-count": "a row with more or fewer cells than the header has columns",
    "sheet.no-rulebook": "a row without a rulebook, and none given for the spreadsheet",
    "sheet.which-rulebook": "no single rulebook's catalogue has every measure column",
    "sheet.unknown-column": "a measure column that the spreadsheet's rulebook does not have",
    "sheet.fractions": "a percentage column whose every value is a fraction (0.784 for 78.4%)",
    "sheet.percent-sign": "a number written with a % sign",
    "sheet.count-without-n": "a MEASURE.count cell without the sample size in MEASURE.n",
    "sheet.date": "a date cell that is neither YYYY-MM-DD nor an unambiguous day/month/year",
    # structure of any document
    "data.not-mapping": "a mapping (key: value pairs) was expected",
    "data.not-list": "a list was expected",
    "data.unknown-key": "a key the format does not know (often a typo)",
    "data.missing-key": "a required key is missing",
    "data.not-text": "text was expected",
    "data.bad-name": "a name that is not a valid identifier",
    "data.not-date": "a date (YYYY-MM-DD) was expected",
    "data.not-number": "a finite number below 2^53 was expected",
    "data.not-exact": "a number with more digits than can be held exactly (it would be changed, so it is refused)",
    "data.unknown-choice": "a value outside the allowed choices (unit, direction, policy, grade)",
    "data.not-flag": "true or false was expected",
    "data.layout": (
        "an official-statistics file that is not in DfE's open-data layout, or an Ofsted inspection history "
        "with a date or grade it does not publish"
    ),
    # rulebooks
    "rulebook.dates": "effective dates in the wrong order, or a rule dated only outside its area's dates",
    "rulebook.bound": "a measure's at_most that does not name another count of the catalogue",
    "rulebook.calibration": (
        "a calibration file (`calibration.json`) naming an area the rulebook does not have, or whose counts "
        "are not whole numbers of the area's grades"
    ),
    "rulebook.grades": "a grade scale that is empty, repeated or out of order",
    "rulebook.overlapping-spans": "a parameter's dated values overlap",
    "rulebook.range": "a measure's range is not [low, high] within its unit",
    "rulebook.levels": "a level measure without its words, or words where none belong",
    "rulebook.name-clash": "a measure and a parameter share a name",
    "rulebook.no-areas": "a rulebook with no area files",
    "rulebook.too-many": "more areas, rules or measures than the limits",
    "rulebook.duplicate-area": "two areas with one id",
    "rulebook.duplicate-rule": "two rules with one id",
    "rulebook.unknown-measure": "an area requires a measure the catalogue does not have",
    "rulebook.duplicate-required": "an area requires one measure twice",
    "rulebook.no-rules": "an area without rules",
    "rulebook.no-default": "an area without a default rule",
    "rulebook.several-defaults": "an area with more than one default rule",
    "rulebook.grade-off-scale": "a rule gives a grade that is not on the rulebook's scale",
    "rulebook.unknown-scale": "an area names a scale the manifest does not declare",
    "rulebook.cycle": "derived judgements that read each other's grades in a cycle",
    "rulebook.aspects": "an area split into aspects with rules of its own, or fewer than two aspects",
    "rulebook.dated-default": "a default rule with effective dates (it is always in force)",
    "rulebook.default-with-condition": "a default rule that also has a condition",
    "rulebook.no-condition": "a rule that is neither default nor has a condition",
    "rulebook.too-many-alternatives": "a rule whose 'or's multiply out past the engine's limit",
    "rulebook.too-many-groups": "a rule whose 'and'/'or' groups nest past the engine's limit for one rule",
    "rulebook.too-many-values": "a rulebook that reads more distinct values than one engine fact holds",
    # conditions
    "condition.syntax": "a condition that does not follow the grammar",
    "condition.too-long": "a condition longer than the limit",
    "condition.too-deep": "a condition nested deeper than the limit",
    "condition.too-tall": "a condition with more operations than the limit",
    "condition.empty": "an empty condition",
    "condition.number": "a number too large or not finite",
    "condition.not-text": "a condition that is not text",
    "condition.unknown-name": "a name that is not a measure or parameter",
    "condition.unknown-area": "grade(), worst(), best() or count() of an area the rulebook does not have",
    "condition.unknown-grade": "a grade name that is not on the scale of the area compared",
    "condition.unknown-level": "a word that is not a level of the measure compared",
    "condition.unknown-comparator": "a .attribute other than england, neighbours, region, three_years_ago, n or count",
    "condition.parameter-attribute": "a .attribute on a parameter",
    "condition.type": "a value where a condition is needed, or the reverse",
    "condition.unit-mismatch": "values of different units compared or added",
    "condition.scale-mismatch": "grades of areas on different scales compared or combined",
    "condition.flag": "a yes/no flag used in arithmetic, ordered, or compared with a number other than 0 or 1",
    "condition.nonlinear": "two measures multiplied, or a measure divided by a measure",
    "condition.division-by-zero": "a division by zero",
    "condition.no-measure": "a comparison whose outcome does not depend on any measure",
    # reasons
    "template.not-text": "a reason that is not text",
    "template.brace": "an unmatched { or } in a reason",
    "template.bad-placeholder": "a placeholder that is not a measure or parameter name",
    "template.unknown-name": "a placeholder naming an unknown measure or parameter",
    "template.parameter-attribute": "a .attribute on a parameter in a reason",
    "template.alternatives": "a list of reasons that does not match the alternatives of the condition",
    # cases
    "case.not-a-case": "a rulebook file given where a case is expected",
    "case.too-much-evidence": "more evidence items than the limit",
    "case.bad-measure-name": "an evidence key that is not a measure id",
    "case.bad-value": "an evidence value that is not a number (or true/false for a flag)",
    "case.bad-sample-size": "a sample size n that is not a whole number of at least 1",
    "case.count-above-total": "a count larger than its sample, or than the total its catalogue entry bounds it by",
    "case.bad-count": "a count out of a sample that is not whole, exceeds the sample, or comes with a value",
    "case.unknown-measure": "evidence for a measure the rulebook does not have",
    "case.unknown-area": "an expectation for an area the rulebook does not have",
    "case.unknown-rule": "an expectation naming a rule the area does not have",
    "case.unknown-grade": "an expectation naming a grade that is not on the area's scale",
    "case.unknown-level": "a level value that is not one of the measure's words",
    "case.wrong-unit": "a yes/no value for a measure that is not a flag",
    "case.not-whole": "a fraction for a count or a flag",
    "case.out-of-range": "a value outside the measure's range",
    "case.implausible-sample": "a sample size too large to be a sample",
    "case.wrong-rulebook": "a case judged with a rulebook other than the one it names",
    "case.out-of-dates": "a case inspected outside the rulebook's effective dates",
    "case.bad-period": "an evidence period that cannot be dated where a parameter is chosen by it",
    # finding rulebooks
    "resolve.not-found": "no rulebook with the id a case names",
    "resolve.not-in-force": "no version of the rulebook is in force on the inspection date",
    "resolve.ambiguous": "two rulebooks with one id are in force on one date among the folders a user names",
    "resolve.no-folder": "a rulebook folder named to search does not exist",
    # calls and commands
    "usage.unknown-name": "an area, format or other name that does not exist",
    "usage.bad-argument": "an argument that cannot be read",
    "usage.no-cases": "nothing to judge, test or compare",
    "usage.which-row": "a spreadsheet named without the row to use, or a row that no case id or authority matches",
    "usage.output": "an output path that cannot be written",
    "usage.missing-extra": "a feature needs an optional library that is not installed (pandas for DataFrames)",
    "serve.too-large": "a request, upload or spreadsheet larger than the server accepts",
    "serve.too-slow": "a search or simulation that ran past the server's time limit",
    # batch runs
    "batch.not-judged": "a case a batch did not judge: a worker was stopped, or the batch was interrupted",
    # the engine (a bug in judgement, never the input)
    "engine.failure": "the inference engine refused a ruleset or a fact",
    "engine.disagreement": "the engine and the reference evaluator disagree on a rule",
    # lint findings
    "lint.never-fires": "a rule that can never fire",
    "lint.shadowed": "a rule that fires only when a rule that wins over it fires too",
    "lint.overlap": "two rules of a unique-policy area that can fire together",
    "lint.out-of-range": "a comparison that is always or never true within the measure's range",
    "lint.wrong-direction": "a favourable grade for worse values, or the reverse",
    "lint.unused-measure": "a measure no area reads",
    "lint.required-unused": "a required measure that no rule or reason of the area reads",
    "lint.undeclared-evidence": "a rule reads evidence its area neither requires nor lists as optional",
    "lint.reason-unread": "one reason for several alternatives that names evidence one of them does not read",
    "lint.default-missing-value": "a default reason naming evidence the area does not require",
    "lint.dated-overlap": "dated rules of one grade in an area that are in force together",
    "lint.dated-gap": "days of a rulebook's life that no rule of a dated series covers",
}


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for an unknown name, or None."""
    import difflib  # only when a name is unknown: most runs never need it

    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


@frozen
class Problem:
    """One thing wrong with an input: its stable code, what happened, where, what was expected, a hint."""

    message: str
    location: Location | None = None
    expected: str | None = None
    hint: str | None = None
    code: str = attrs.field(kw_only=True)
    #: The values behind the message, for a program to read rather than parse the text (the measure, the
    #: value given, the range allowed, ...): plain data, in JSON output as ``ctx``. Not compared.
    ctx: Mapping[str, object] = attrs.field(factory=dict, kw_only=True, converter=freeze, eq=False)

    @code.validator
    def _known(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if value not in CODES:
            raise ValueError(f"unknown problem code {value!r}")

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
        data: dict[str, object] = {
            "code": self.code,
            "message": self.message,
            "location": self.location.to_dict() if self.location else None,
            "expected": self.expected,
            "hint": self.hint,
        }
        if self.ctx:
            data["ctx"] = dict(self.ctx)
        return data


class JudgementError(Exception):
    """Root of every error raised by judgement: one or more :class:`Problem`. Errors about what a caller
    gave (a file, a rulebook, a case, an argument) are also ``ValueError``; :class:`EngineError`, an
    internal failure, is a ``RuntimeError``."""

    def __init__(self, problems: Sequence[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.format())

    @classmethod
    def of(
        cls, code: str, message: str, location: Location | None = None, expected: str | None = None,
        hint: str | None = None,
    ) -> Self:  # fmt: skip
        """An error with one problem."""
        return cls([Problem(message, location, expected, hint, code=code)])

    def format(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0].format()
        parts = [f"{len(self.problems)} problems:"]
        parts.extend(p.format() for p in self.problems)
        return "\n".join(parts)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class InputError(JudgementError, ValueError):
    """A file could not be read or parsed."""


class ValidationError(JudgementError, ValueError):
    """A rulebook or case was read but is not valid; every problem found is listed."""


class RulebookError(ValidationError):
    """Problems in a rulebook."""


class CaseError(ValidationError):
    """Problems in a case."""


class ResolutionError(JudgementError, ValueError):
    """No rulebook could be found for a case."""


class UsageError(JudgementError, ValueError):
    """A call or a command asked for something that does not exist (an unknown area, say) or cannot be done."""


class EngineError(JudgementError, RuntimeError):
    """The inference engine failed. This is a bug in judgement, never a problem with the input: a
    ``RuntimeError``, not a ``ValueError``."""


def unknown_name(kind: str, name: str, choices: Iterable[str], where: str = "") -> UsageError:
    """The error for an unknown ``kind`` (area, format, ...) named ``name``, with "did you mean"."""
    options = list(choices)
    return UsageError(
        Problem(
            f"unknown {kind} {name!r}" + (f" in {where}" if where else ""),
            expected="one of " + ", ".join(options) if len(options) <= 20 else f"a known {kind}",
            hint=suggest(name, options),
            code="usage.unknown-name",
            ctx={"kind": kind, "name": name, "choices": options},
        )
    )
