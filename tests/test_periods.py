"""Parameters chosen by the period the evidence covers, and the one reading of period text."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

import judgement
from judgement._periods import period_span
from tests.conftest import FIXTURES, RULES


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2009-10", ("2009-04-01", "2010-03-31")),
        ("2009/10", ("2009-04-01", "2010-03-31")),
        ("2009-2010", ("2009-04-01", "2010-03-31")),
        ("200910", ("2009-04-01", "2010-03-31")),
        ("1999-00", ("1999-04-01", "2000-03-31")),
        ("2010", ("2010-01-01", "2010-12-31")),
        ("2010-03-31", ("2010-03-31", "2010-03-31")),
        (" 2009-04-01 / 2010-03-31 ", ("2009-04-01", "2010-03-31")),
    ],
)
def test_period_forms(text, span):
    assert period_span(text) == tuple(dt.date.fromisoformat(d) for d in span)


@pytest.mark.parametrize("text", ["2009-11", "2009-12", "Q1 2010", "2010-02-30", "2010-03-31/2009-04-01", "", "10"])
def test_periods_that_cannot_be_dated(text):
    assert period_span(text) is None


@given(st.integers(1900, 2100))
def test_a_year_to_march_covers_one_year(year):
    start, end = period_span(f"{year}-{(year + 1) % 100:02d}")
    assert (start, end) == (dt.date(year, 4, 1), dt.date(year + 1, 3, 31))
    assert period_span(f"{year}{(year + 1) % 100:02d}") == (start, end)


@pytest.fixture
def by_date(tmp_path):
    """The UCRA rulebook with the initial-assessment timescale chosen by the inspection date alone."""
    root = tmp_path / "rb"
    shutil.copytree(RULES, root)
    manifest = root / "rulebook.yaml"
    text = manifest.read_text()
    assert "    period_of: ia_in_timescale" in text
    manifest.write_text("".join(line for line in text.splitlines(True) if "period_of: ia_in_timescale" not in line))
    return judgement.load_rulebook(root)


def test_a_parameter_follows_the_period_of_its_evidence(by_date, ucra, staffordshire):
    # Inspected in July 2010 (10 working days in force), but the figure is for 2009-10 (7 working days).
    assert ucra.parameters["ia_timescale_days"].period_of == "ia_in_timescale"
    for book, days in ((by_date, 10), (ucra, 7)):
        area = judgement.judge(book, staffordshire).areas["assessments"]
        read = {k: v for s in area.trace.rules for k, v in s.values.items()}
        assert read["ia_timescale_days"] == days
        assert f"within {days} working days" in area.reason


def test_without_a_period_the_inspection_date_decides(ucra, staffordshire):
    raw = staffordshire.to_dict()
    raw["evidence"]["ia_in_timescale"].pop("period", None)
    result = judgement.judge(ucra, judgement.load_case(raw)).areas["assessments"]
    read = {k: v for s in result.trace.rules for k, v in s.values.items()}
    assert read["ia_timescale_days"] == 10


def test_a_period_that_cannot_be_dated_is_refused_where_it_is(ucra, tmp_path):
    head = "ia_in_timescale: {value: 78.4, england: 72, neighbours: 74.1, source: performance data, period: "
    text = (FIXTURES / "staffordshire-2010.yaml").read_text()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if head in row)
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(head + "2009-10", head + "spring 2010"))
    with pytest.raises(judgement.CaseError) as info:
        judgement.judge(ucra, judgement.load_case(path))
    (problem,) = info.value.problems
    assert problem.code == "case.bad-period"
    assert problem.message == (
        "the period 'spring 2010' of ia_in_timescale cannot be dated, and parameter 'ia_timescale_days' is chosen by it"
    )
    assert problem.location is not None
    assert problem.location.line == line
    assert "2009-10 (a year to 31 March)" in (problem.expected or "")


def test_period_of_an_unknown_measure_is_refused(tmp_path):
    root = tmp_path / "rb"
    shutil.copytree(RULES, root)
    manifest = root / "rulebook.yaml"
    manifest.write_text(
        manifest.read_text().replace("    period_of: ia_in_timescale ", "    period_of: ia_in_timescal ", 1)
    )
    with pytest.raises(
        judgement.RulebookError, match=r"(?s)unknown measure 'ia_in_timescal'.*did you mean 'ia_in_timescale'"
    ):
        judgement.load_rulebook(root)
