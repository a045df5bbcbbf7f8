"""A trace asked for as data alone is written straight from what it is made of (``Tracer.data``), without
making its steps: it must be, key for key and in the same order, what the trace's parts write."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement._codegen import SWITCH_VAR, generated_sources
from judgement.data import cases as council_cases
from judgement.judging.tracing import Judged, Tracer
from judgement.judging.writing import area_writer
from judgement.testing.strategies import cases
from tests.conftest import DATA, FIXTURES, ILACS_BOOK, UCRA_BOOK

MINI = judgement.load_rulebook(DATA / "mini")


def _both_ways(judge: judgement.Judge, case: judgement.Case) -> None:
    """Every area's trace written as data, against the same trace made and then written."""
    written = judge.judge(case)
    made = judge.judge(case)
    for area in made:
        area.trace.rules  # noqa: B018 - made: to_dict then writes its parts
    for first, second in zip(written, made, strict=True):
        data, parts = first.trace.to_dict(), second.trace.to_dict()
        assert json.dumps(data) == json.dumps(parts), first.area  # the same keys, in the same order
        assert first.trace == second.trace  # and the parts the data was written without are the same


@pytest.mark.slow
@settings(max_examples=40)
@given(st.data())
def test_ucra_traces_written_as_data_are_their_parts(data):
    _both_ways(judgement.Judge(UCRA_BOOK), data.draw(cases(UCRA_BOOK)))


@settings(max_examples=25)
@given(st.data())
def test_traces_of_a_rulebook_with_policies_and_optional_evidence_are_their_parts(data):
    _both_ways(judgement.Judge(MINI), data.draw(cases(MINI)))


@pytest.mark.slow
@pytest.mark.parametrize("year", [2014, 2019, 2025])
def test_ilacs_traces_written_as_data_are_their_parts(year):
    """Derived judgements, significance tests against comparators, counts out of samples and borderline
    flags, for councils of three years."""
    judge = judgement.Judge(ILACS_BOOK)
    for case in council_cases(year)[::15]:
        _both_ways(judge, case)


def test_fixture_traces_written_as_data_are_their_parts():
    judge = judgement.Judge(UCRA_BOOK)
    for file in sorted(FIXTURES.glob("*.yaml")):
        _both_ways(judge, judgement.load_case(file))


def test_borderline_flags_are_written_as_data_too():
    judge = judgement.Judge(ILACS_BOOK)
    found = 0
    for case in council_cases(2025)[:40]:
        for area in judge.judge(case):
            found += len(area.trace.to_dict()["borderline"])
    assert found  # some council's threshold lies inside its interval: the rows were looked at


def test_with_code_generation_off_a_trace_is_written_from_its_parts(monkeypatch):
    monkeypatch.setenv(SWITCH_VAR, "0")
    judge = judgement.Judge(UCRA_BOOK)
    case = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")

    def unused(*_: object) -> None:
        raise AssertionError("written as data with code generation off")

    monkeypatch.setattr(Tracer, "data", unused)
    _both_ways(judge, case)


@pytest.mark.parametrize("way", ["data", "parts"])
def test_a_firing_the_reference_does_not_give_is_refused_either_way(way):
    """A trace checks each rule once more against what the engine fired, written either way."""
    judge = judgement.Judge(UCRA_BOOK)
    case = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")
    source = next(iter(judge.judge(case))).source
    index = judge.plan.index_of["supervision"]
    decisions = list(source.decisions)
    area = judge.plan.areas[index]
    unfired = next(f.rule.id for f in area.rules if f.rule.id not in decisions[index].fired)
    decisions[index] = attrs.evolve(decisions[index], fired=(*decisions[index].fired, unfired))
    write = judge.tracer.data if way == "data" else judge.tracer.build
    with pytest.raises(judgement.EngineError, match=f"disagree on rule {unfired}"):
        write(Judged(case, tuple(decisions), source.values, {}, {}), index)


# ------------------------------------------------------------------------------ the generated writer

WRITER = judgement.load_rulebook(DATA / "writer")


def test_every_area_of_a_rulebook_of_direct_comparisons_is_written_by_generated_code():
    """The test rulebook below is written by code generated for each area (so the tests that follow hold
    that code, not the trees of functions, to the parts), and the code is registered as a source."""
    judge = judgement.Judge(WRITER)
    assert all(area_writer(area, judge.plan.words, judge.plan.sign_names) is not None for area in judge.plan.areas)
    case = judgement.case_from_values(
        {"p": 50.0, "s": 70.0}, rulebook="writer", inspected=dt.date(2010, 5, 1), case="c", authority="A"
    )
    for area in judge.judge(case):
        area.trace.to_dict()
    assert any(name.startswith("<judgement trace writer #") for name in generated_sources())


@settings(max_examples=30)
@given(st.data())
def test_traces_written_by_generated_code_are_their_parts(data):
    """Comparisons with a number, with another value and with a level's words, in ``all of`` and ``any of``
    and alone; rules in force and not; evidence missing on either side of a comparison."""
    _both_ways(judgement.Judge(WRITER), data.draw(cases(WRITER)))


@pytest.mark.parametrize(
    "evidence",
    [
        {"p": 10, "q": 5, "lv": "never", "s": {"value": 42.9, "n": 7}},
        {"p": 22.5, "q": 40, "s": 100},
        {"p": 95, "q": 95, "lv": "always", "s": 95},
        {"p": 95, "q": 90.1, "lv": "usually", "s": 80},
        {"q": 0, "lv": "rarely"},
        {"s": 30},
        {},
    ],
)
@pytest.mark.parametrize("inspected", ["2010-06-30", "2010-07-01"])
def test_traces_written_by_generated_code_at_each_edge(evidence, inspected):
    """Sampled values, values equal on both sides, a threshold met exactly, a
    day either side of a rule's dates, required evidence missing."""
    case = judgement.load_case(
        {"case": "edge", "authority": "A", "inspected": inspected, "rulebook": "writer", "evidence": evidence}
    )
    _both_ways(judgement.Judge(WRITER), case)


@pytest.mark.parametrize("fire", [True, False])
def test_a_firing_the_reference_does_not_give_is_refused_by_generated_code(fire):
    """A rule fired that should not have, and the default rule not fired where it should have been."""
    judge = judgement.Judge(WRITER)
    case = judgement.load_case(
        {"case": "c", "authority": "A", "inspected": "2010-05-01", "rulebook": "writer", "evidence": {"p": 70}}
    )
    source = next(iter(judge.judge(case))).source
    decisions = list(source.decisions)
    fired = decisions[0].fired
    rule = "alpha.high" if fire else "alpha.met"
    assert (rule in fired) is not fire
    changed = (*fired, rule) if fire else tuple(r for r in fired if r != rule)
    decisions[0] = attrs.evolve(decisions[0], fired=changed)
    with pytest.raises(judgement.EngineError, match=f"disagree on rule {rule}"):
        judge.tracer.data(Judged(case, tuple(decisions), source.values, {}, {}), 0)


@pytest.mark.slow
@settings(max_examples=15)
@given(st.data())
def test_traces_of_cases_given_as_values_alone_are_their_parts(data):
    """A case given as values alone (:func:`judgement.case_from_values`) makes its evidence items only when
    they are read; its traces written as data take each item's fields from the value itself, and must
    be what the items give."""
    for book in (UCRA_BOOK, WRITER):
        made = data.draw(cases(book))
        values = {mid: item.value for mid, item in made.evidence.items() if item.count is None}
        case = judgement.case_from_values(values, rulebook=book.id, inspected=made.inspected, case="c", authority="A")
        _both_ways(judgement.Judge(book), case)


def _containers(value: object, found: list[object]) -> None:
    if isinstance(value, dict):
        found.append(value)
        for item in value.values():
            _containers(item, found)
    elif isinstance(value, list):
        found.append(value)
        for item in value:
            _containers(item, found)


@pytest.mark.parametrize("book", [WRITER, UCRA_BOOK], ids=["writer", "ucra"])
def test_traces_written_as_data_share_no_list_or_mapping(book):
    """Rows written from copies of rows prepared once hold lists and mappings of their own: a caller that
    changes one trace's data changes no other's (of the same case or another)."""
    judge = judgement.Judge(book)
    found: list[object] = []
    for inspected in ("2010-05-01", "2010-08-01"):
        for values in ({"p": 10.0, "q": 5.0, "s": 30.0, "lv": "never"}, {"s": 30.0}):
            if book is UCRA_BOOK:
                case = judgement.load_case(FIXTURES / "staffordshire-2010.yaml")
            else:
                case = judgement.case_from_values(
                    values, rulebook=book.id, inspected=dt.date.fromisoformat(inspected), case="c", authority="A"
                )
            for area in judge.judge(case):
                _containers(area.trace.to_dict(), found)
    assert len({id(c) for c in found}) == len(found)
