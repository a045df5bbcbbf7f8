"""pytest plugin: case files with expectations become test items named ``case::area``.

Registered through the ``pytest11`` entry point, so ``pytest fixtures/`` works in any project that
keeps rulebooks and fixtures. It imports the engine only when it meets a fixture, so it adds almost
nothing to a pytest run that has none. A failure shows what was expected, what was judged and the trace lines
that made the difference, not a Python traceback. ``--judgement-rules DIR`` adds rulebook directories
to search (as ``judgement test --rules`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from judgement.read.fixtures import is_fixture
from judgement.read.folders import CASE_SUFFIXES, SHEET_SUFFIXES

if TYPE_CHECKING:
    from judgement.testing.runner import Fixture, Outcome

__all__ = ["FixtureFailure", "FixtureFile", "FixtureItem"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("judgement", "judgement rulebook fixtures")
    group.addoption(
        "--judgement-rules",
        action="append",
        default=[],
        metavar="DIR",
        help="a rulebook directory (or folder of them) searched before the shipped rulebooks",
    )


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    suffix = file_path.suffix.lower()
    if suffix in (*CASE_SUFFIXES, *SHEET_SUFFIXES) and is_fixture(file_path, require_expectations=True):
        collector: FixtureFile = FixtureFile.from_parent(parent, path=file_path)
        return collector
    return None


class FixtureFailure(Exception):
    """An expectation that was not met."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.message)
        self.outcome = outcome


class FixtureFile(pytest.File):
    """A case file with expectations."""

    _fixtures: list[Fixture] | None = None
    _outcomes: dict[str, dict[str, Outcome]] | None = None

    def fixtures(self) -> list[Fixture]:
        """The file's fixtures: one for a case file, one per row of a spreadsheet."""
        if self._fixtures is None:
            from judgement.testing.runner import read_fixtures  # noqa: PLC0415 - loaded only for fixtures

            rules = self.config.getoption("judgement_rules") or []
            self._fixtures = read_fixtures(self.path, rules)
        return self._fixtures

    def collect(self) -> Iterator[FixtureItem]:
        from judgement.errors import JudgementError  # noqa: PLC0415 - loaded only for fixtures

        try:
            fixtures = self.fixtures()
        except JudgementError as error:  # a file that cannot be read fails its own item, never the session
            yield FixtureItem.from_parent(self, name=f"{self.path.name}::(unreadable)", area="", unreadable=error)
            return
        for index, fixture in enumerate(fixtures):
            if fixture.expect_error is not None:
                areas = ["(error)"]
            elif fixture.case is not None and fixture.case.expect:
                areas = [e.area for e in fixture.case.expect]
            else:
                areas = ["(judged)"]
            for area in areas:
                yield FixtureItem.from_parent(self, name=f"{fixture.label}::{area}", area=area, index=index)

    def outcome(self, index: int, area: str) -> Outcome:
        if self._outcomes is None:
            self._outcomes = {}
        found = self._outcomes.get(str(index))
        if found is None:
            from judgement.testing.runner import run_fixture  # noqa: PLC0415 - loaded only for fixtures

            rules = self.config.getoption("judgement_rules") or []
            outcomes, _ = run_fixture(self.fixtures()[index], rules)
            found = self._outcomes[str(index)] = {o.area: o for o in outcomes}
        if area in found:
            return found[area]
        return next(iter(found.values()))  # the case failed as a whole


class FixtureItem(pytest.Item):
    """One expectation of one case file."""

    def __init__(self, *, area: str, index: int = 0, unreadable: Exception | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.area = area
        self.index = index  # which fixture of its file (a spreadsheet has one per row)
        self.unreadable = unreadable  # the error reading the file, for a file that cannot be read

    def runtest(self) -> None:
        assert isinstance(self.parent, FixtureFile)
        if self.unreadable is not None:
            raise self.unreadable
        outcome = self.parent.outcome(self.index, self.area)
        if not outcome.passed:
            raise FixtureFailure(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ARG002
        if isinstance(excinfo.value, FixtureFailure):
            outcome = excinfo.value.outcome
            where = outcome.location or outcome.file
            lines = [f"{outcome.name}: {outcome.message}", f"  at {where}"]
            lines.extend(f"    {d}" for d in outcome.details)
            return "\n".join(lines)
        if excinfo.value is self.unreadable and hasattr(excinfo.value, "format"):
            return f"error: {excinfo.value.format()}"  # as `judgement test` says it
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name
