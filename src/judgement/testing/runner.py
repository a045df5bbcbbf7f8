"""Fixture testing: case files with expectations become named test outcomes.

A fixture is a case file with ``expect:`` (grades per area, optionally rules that must or must not
fire and a reason fragment) or ``expect_error:`` (a fragment of the error an invalid case must raise).
A case file with neither is still run: it passes when it judges without error.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from judgement._attrs import frozen
from judgement.check.case import case_from_row, expected_error, load_case
from judgement.errors import JudgementError, UsageError
from judgement.judging.judge import judge_for
from judgement.judging.results import AreaJudgement, Judgement
from judgement.judging.trace import RuleOutcome
from judgement.model import Case, Expectation, ExpectedError, Rulebook
from judgement.read.documents import load_document
from judgement.read.fixtures import is_fixture
from judgement.read.folders import CASE_SUFFIXES, SHEET_SUFFIXES, walk_files
from judgement.read.spreadsheet import read_raw_rows
from judgement.renderers._common import rule_text, step_details
from judgement.resolve import rulebook_for, sheet_rulebook

__all__ = ["Fixture", "Outcome", "Report", "is_fixture", "keyword_matches", "run", "run_fixture"]


@frozen
class Outcome:
    """One checked expectation: ``ucra-2010 > staffordshire-2010 > supervision``."""

    rulebook: str
    case: str
    area: str  # an area id, "(error)" for an expected error, "(judged)" for a case without expectations
    file: str
    passed: bool
    message: str = ""
    details: tuple[str, ...] = ()
    location: str = ""

    @property
    def name(self) -> str:
        return " > ".join(p for p in (self.rulebook, self.case, self.area) if p)

    @property
    def nodeid(self) -> str:
        return f"{self.case}::{self.area}"

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "nodeid": self.nodeid,
            "file": self.file,
            "location": self.location,
            "passed": self.passed,
            "message": self.message,
            "details": list(self.details),
        }


@frozen
class Fixture:
    """A case file as a fixture: the case (when it is valid) and what it expects."""

    path: Path
    case: Case | None
    expect_error: ExpectedError | None
    error: JudgementError | None  # the error loading it raised, if any
    label: str  # the case id, or the file name when the case could not be read
    rulebook: str


@frozen
class Report:
    outcomes: tuple[Outcome, ...]
    judgements: tuple[Judgement, ...]

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def failed(self) -> int:
        return len(self.outcomes) - self.passed

    @property
    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed"


def read_fixtures(path: Path, rules: Sequence[str | Path] = ()) -> list[Fixture]:
    """The fixtures of a file: one for a case file, one per row for a spreadsheet (its ``expect.AREA``
    columns are the expectations). A sheet that cannot be read is one fixture holding the error."""
    if path.suffix.lower() not in SHEET_SUFFIXES:
        return [read_fixture(path)]
    try:
        rows = list(read_raw_rows(path, sheet_rulebook(path, rules)))
    except JudgementError as error:
        return [Fixture(path, None, None, error, path.name, "")]
    fixtures = []
    for row in rows:
        if isinstance(row, JudgementError):
            fixtures.append(Fixture(path, None, None, row, path.name, ""))
            continue
        label = f"row {row.line_no}"
        try:
            case = case_from_row(row)
        except JudgementError as error:
            fixtures.append(Fixture(path, None, None, error, label, row.rulebook or ""))
            continue
        fixtures.append(Fixture(path, case, None, None, case.id, case.rulebook))
    return fixtures


def read_fixture(path: Path) -> Fixture:
    """Read a fixture; an invalid case is kept with its error (it may be what the fixture expects)."""
    expect_error: ExpectedError | None = None
    rulebook = ""
    try:
        doc = load_document(path)
        expect_error = expected_error(doc)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("rulebook"), str):
            rulebook = doc.data["rulebook"]
    except JudgementError:
        pass
    try:
        case = load_case(path)
    except JudgementError as error:
        return Fixture(path, None, expect_error, error, path.stem, rulebook)
    return Fixture(path, case, case.expect_error, None, case.id, case.rulebook)


def run_fixture(
    fixture: Fixture, rules: Sequence[str | Path] = (), rulebook: Rulebook | None = None
) -> tuple[list[Outcome], Judgement | None]:
    """Check one fixture; returns its outcomes and, when it could be judged, the judgement."""
    file = str(fixture.path)

    def outcome(area: str, passed: bool, message: str = "", details: Sequence[str] = ()) -> Outcome:
        return Outcome(fixture.rulebook, fixture.label, area, file, passed, message, tuple(details))

    judgement_ = None
    error = fixture.error
    if error is None:
        assert fixture.case is not None
        try:
            book = rulebook or rulebook_for(fixture.case, rules)
            judgement_ = judge_for(book).judge(fixture.case)
        except JudgementError as raised:
            error = raised
    if fixture.expect_error is not None:
        wanted = f"expected {fixture.expect_error.text}"
        if error is None:
            return [outcome("(error)", False, f"{wanted}, but the case was judged")], judgement_
        if fixture.expect_error.matches(error):
            return [outcome("(error)", True)], None
        codes = ", ".join(dict.fromkeys(p.code for p in error.problems))
        return [outcome("(error)", False, f"{wanted}, got ({codes}):", error.format().splitlines())], None
    if error is not None or judgement_ is None:
        text = error.format() if error else "not judged"
        return [outcome("(judged)", False, "the case could not be judged:", text.splitlines())], None
    assert fixture.case is not None
    if not fixture.case.expect:
        return [outcome("(judged)", True)], judgement_
    outcomes = [
        attrs.evolve(_check(judgement_, e), rulebook=fixture.rulebook, case=fixture.label, file=file)
        for e in fixture.case.expect
    ]
    return outcomes, judgement_


def _check(result: Judgement, expectation: Expectation) -> Outcome:
    area = result.areas[expectation.area]
    where = str(expectation.location) if expectation.location else ""
    problems: list[str] = []
    details: list[str] = []
    if area.grade.id != expectation.grade:
        problems.append(f"expected {expectation.grade}, got {area.grade.value}")
        details.append(f"- {expectation.area}: {expectation.grade}  (expected)")
        details.append(f"+ {expectation.area}: {area.grade.value}  (judged)")
        details.extend(_difference(area, expectation.grade))
    fired = {s.rule for s in area.trace.rules if s.outcome is RuleOutcome.FIRED}
    for rule_id in expectation.fired:
        if rule_id not in fired:
            problems.append(f"expected {rule_id} to fire, but it did not")
            details.extend(_rule_lines(area, rule_id))
    for rule_id in expectation.not_fired:
        if rule_id in fired:
            problems.append(f"expected {rule_id} not to fire, but it fired")
            details.extend(_rule_lines(area, rule_id))
    if expectation.reason is not None and expectation.reason not in area.reason:
        problems.append(f"expected the reason to contain {expectation.reason!r}")
        details.append(f"reason: {area.reason}")
    return Outcome("", "", expectation.area, "", not problems, "; ".join(problems), tuple(details), where)


def _rule_lines(area: AreaJudgement, rule_id: str) -> list[str]:
    lines = []
    for step in area.trace.rules:
        if step.rule == rule_id:
            lines.append(rule_text(step))
            lines.extend(f"  {line}" for line in step_details(step))
    return lines


def _difference(area: AreaJudgement, expected: str) -> list[str]:
    """The trace lines that made the difference: what decided the grade, and what stopped the expected one."""
    lines = [f"policy ({area.trace.policy.policy.value}): {area.trace.policy.note}"]
    for rule_id in area.trace.policy.chosen:
        lines.extend(_rule_lines(area, rule_id))
    for step in area.trace.rules:
        if step.grade.id == expected and step.rule not in area.trace.policy.chosen:
            lines.extend(_rule_lines(area, step.rule))
    missing = [e.measure for e in area.trace.evidence if e.missing and e.required]
    if missing:
        lines.append("required evidence missing: " + ", ".join(missing))
    return lines


# ------------------------------------------------------------------------------------------ selection

_WORD = re.compile(r"\(|\)|[^\s()]+")


_NAME_PARTS = re.compile(r"[\s:>/]+")


def keyword_matches(expression: str, name: str) -> bool:
    """``-k``: words joined by and/or/not/(), each matching a **whole** part of a name (its rulebook,
    case, area or rule, without case); ``*`` stands for any text (``early*``). So ``not early`` keeps
    ``early_help_caf``. An expression that does not parse is refused (:class:`UsageError`), whatever
    the name."""
    tokens: list[str] = _WORD.findall(expression)
    parts = [p for p in _NAME_PARTS.split(name.lower()) if p]
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def disjunction() -> bool:
        value = conjunction()
        while peek() == "or":
            take()
            value = conjunction() or value
        return value

    def conjunction() -> bool:
        value = negation()
        while peek() == "and":
            take()
            value = negation() and value
        return value

    def negation() -> bool:
        if peek() == "not":
            take()
            return not negation()
        token = take() if peek() is not None else ""
        if token == "(":
            value = disjunction()
            if peek() != ")":
                raise UsageError.of("usage.bad-argument", f"cannot read -k expression {expression!r}: unclosed '('")
            take()
            return value
        if token in ("", ")", "and", "or", "not"):
            where = f"unexpected {token!r}" if token else "it ends too early"
            raise UsageError.of("usage.bad-argument", f"cannot read -k expression {expression!r}: {where}")
        return any(fnmatch.fnmatchcase(part, token.lower()) for part in parts)

    if not tokens:
        return True
    result = disjunction()
    if pos != len(tokens):
        raise UsageError.of(
            "usage.bad-argument", f"cannot read -k expression {expression!r}: unexpected {tokens[pos]!r}"
        )
    return result


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """Fixture files below ``paths``: case files (.yaml, .yml, .json), and spreadsheets that state
    grades in ``expect.AREA`` columns (any spreadsheet named directly)."""
    named = {Path(p) for p in paths}
    found = []
    for p in walk_files(list(paths), CASE_SUFFIXES + SHEET_SUFFIXES):
        if is_fixture(p, require_expectations=p.suffix.lower() in SHEET_SUFFIXES and p not in named):
            found.append(p)
    return found


def run(
    paths: Iterable[str | Path],
    rules: Sequence[str | Path] = (),
    keyword: str | None = None,
    rulebook: Rulebook | None = None,
) -> Report:
    """Run every fixture below ``paths``; ``rulebook`` forces one rulebook instead of resolving each case's."""
    outcomes: list[Outcome] = []
    judgements: list[Judgement] = []
    for path in collect(paths):
        for fixture in read_fixtures(path, rules):
            found, judged = run_fixture(fixture, rules, rulebook)
            selected = [o for o in found if keyword is None or keyword_matches(keyword, f"{o.nodeid} {o.name}")]
            outcomes.extend(selected)
            if judged is not None and selected:
                judgements.append(judged)
    return Report(tuple(outcomes), tuple(judgements))
