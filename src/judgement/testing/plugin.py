"""pytest plugin: case files with expectations become test items named ``case::area``.

Registered through the ``pytest11`` entry point, so ``pytest fixtures/`` works in any project that
keeps rulebooks and fixtures. A failure shows what was expected, what was judged and the trace lines
that made the difference, not a Python traceback. ``--judgement-rules DIR`` adds rulebook directories
to search (as ``judgement test --rules`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from judgement.read.folders import CASE_SUFFIXES
from judgement.testing.runner import Fixture, Outcome, is_fixture, read_fixture, run_fixture

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
    if file_path.suffix in CASE_SUFFIXES and is_fixture(file_path, require_expectations=True):
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

    _fixture: Fixture | None = None
    _outcomes: dict[str, Outcome] | None = None

    def fixture(self) -> Fixture:
        if self._fixture is None:
            self._fixture = read_fixture(self.path)
        return self._fixture

    def collect(self) -> Iterator[FixtureItem]:
        fixture = self.fixture()
        if fixture.expect_error is not None:
            areas = ["(error)"]
        elif fixture.case is not None and fixture.case.expect:
            areas = [e.area for e in fixture.case.expect]
        else:
            areas = ["(judged)"]
        for area in areas:
            yield FixtureItem.from_parent(self, name=f"{fixture.label}::{area}", area=area)

    def outcome(self, area: str) -> Outcome:
        if self._outcomes is None:
            rules = self.config.getoption("judgement_rules") or []
            found, _ = run_fixture(self.fixture(), rules)
            self._outcomes = {o.area: o for o in found}
        if area in self._outcomes:
            return self._outcomes[area]
        return next(iter(self._outcomes.values()))  # the case failed as a whole


class FixtureItem(pytest.Item):
    """One expectation of one case file."""

    def __init__(self, *, area: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.area = area

    def runtest(self) -> None:
        assert isinstance(self.parent, FixtureFile)
        outcome = self.parent.outcome(self.area)
        if not outcome.passed:
            raise FixtureFailure(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ARG002
        if isinstance(excinfo.value, FixtureFailure):
            outcome = excinfo.value.outcome
            where = outcome.location or outcome.file
            lines = [f"{outcome.name}: {outcome.message}", f"  at {where}"]
            lines.extend(f"    {d}" for d in outcome.details)
            return "\n".join(lines)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name
