"""The example rulebook of docs/another-framework.md, as the tests use it: its paths, the rulebook
loaded once, a case for it, and copies with an extra area or measures."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

import judgement
from tests.conftest import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "family-help"
RULES = EXAMPLE / "rules" / "family-help-2024"
FIXTURES = EXAMPLE / "fixtures"
BOOK = judgement.load_rulebook(RULES)


def case(ev: dict[str, object], day: dt.date = dt.date(2024, 6, 1)) -> judgement.Case:
    """A case for the example rulebook with this evidence."""
    return judgement.load_case(
        {"case": "d", "authority": "D", "inspected": day.isoformat(), "rulebook": BOOK.id, "evidence": ev}
    )


def book_copy(tmp_path: Path, measures: str = "", area: str = "") -> Path:
    """A copy of the example rulebook, with measures appended to its catalogue and an area added."""
    root = tmp_path / "rb"
    shutil.copytree(RULES, root)
    if measures:
        (root / "measures.yaml").write_text((root / "measures.yaml").read_text() + measures)
    if area:
        (root / "areas" / "extra.yaml").write_text(textwrap.dedent(area))
    return root


def extra_area(when: str, requires: str = "") -> str:
    """An area file for the example rulebook whose one rule has condition ``when`` (on line 5, or 6 with
    ``requires``)."""
    lines = ["area: extra", "title: Extra", "scale: indicator"]
    if requires:
        lines.append(f"requires: [{requires}]")
    lines += [
        "rules:",
        f'  - {{id: extra.x, grade: concern, when: "{when}", because: x}}',
        "  - {id: extra.ok, grade: typical, default: true, because: ok}",
    ]
    return "\n".join(lines) + "\n"


def refused(tmp_path: Path, when: str, message: str, requires: str = "") -> judgement.Problem:
    """The problem, naming ``message``, that the example rulebook gets with ``extra_area(when)`` added."""
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook(book_copy(tmp_path, area=extra_area(when, requires)))
    problem = next(p for p in info.value.problems if message in p.message)
    assert problem.location is not None
    assert problem.location.file.endswith("extra.yaml")
    return problem
