"""``judgement.case_from_values``: the quick way from a program's values to a case, the same case
:func:`judgement.load_case` makes, with the same checks and messages."""

from __future__ import annotations

import datetime as dt
import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import judgement
from judgement.errors import CaseError
from judgement.judging.judge import QUICK_AFTER, Judge
from judgement.model import PlainEvidence

DAY = dt.date(2010, 6, 1)

VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**60), max_value=2**60),
    st.booleans(),
    st.sampled_from(["good", "Not a word", "", "x__y", "adequate"]),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
NAMES = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), st.sampled_from(["Bad", "a__b", "9x", ""]))


def _document(values, **fields):
    return {"case": "c", "authority": "A", "inspected": DAY, "rulebook": "ucra-2010", **fields, "evidence": values}


def _outcome(make):
    try:
        return make()
    except CaseError as error:
        return [(p.code, p.message, p.location.path if p.location else None) for p in error.problems]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(NAMES, VALUES, max_size=6))
def test_values_make_the_case_load_case_makes_or_the_same_errors(values):
    made = _outcome(
        lambda: judgement.case_from_values(values, rulebook="ucra-2010", inspected=DAY, case="c", authority="A")
    )
    loaded = _outcome(lambda: judgement.load_case(_document(values), name="<values>"))
    assert made == loaded
    if isinstance(made, judgement.Case):
        assert hash(made) == hash(loaded)
        assert dict(made.evidence) == dict(loaded.evidence)


def test_values_alone_are_held_and_made_into_evidence_when_read():
    case = judgement.case_from_values({"a": 1.5, "b": True}, rulebook="r", inspected=DAY, authority="A")
    assert isinstance(case.evidence, PlainEvidence)
    assert list(case.evidence) == ["a", "b"]
    assert len(case.evidence) == 2
    assert "a" in case.evidence
    assert case.evidence["a"].value == 1.5
    assert case.evidence["b"].value is True
    again = pickle.loads(pickle.dumps(case))
    assert again == case
    assert hash(again) == hash(case)
    assert repr(case.evidence).startswith("FrozenMap({'a': Evidence(")


def test_bad_values_are_reported_as_load_case_reports_them():
    with pytest.raises(CaseError) as caught:
        judgement.case_from_values(
            {"ok": 1.0, "worse": math.nan, "Bad": 2.0}, rulebook="ucra-2010", inspected="2010-13-01", authority="A"
        )
    text = str(caught.value)
    assert "<values>" in text
    assert "worse must be finite, not nan" in text
    assert "evidence name 'Bad' is not a valid measure id" in text
    assert "inspected" in text
    with pytest.raises(CaseError, match="authority is blank"):
        judgement.case_from_values({"a": 1.0}, rulebook="r", inspected=DAY, authority="")


def test_a_case_from_values_judges_as_the_same_case_loaded(ucra, staffordshire):
    """Through the full check and then through the judge's quick reader of values alone."""
    values = {
        mid: item.value
        for mid, item in staffordshire.evidence.items()
        if item.count is None and all(item.get(a) is None for a in ("england", "neighbours", "n"))
    }
    fields = {"case": staffordshire.id, "authority": staffordshire.authority}
    quick = judgement.case_from_values(values, rulebook=ucra.id, inspected=staffordshire.inspected, **fields)
    loaded = judgement.load_case(_document(values, inspected=staffordshire.inspected, rulebook=ucra.id, **fields))
    judge = Judge(ucra)
    expected = judge.judge(loaded).to_dict()
    for _ in range(QUICK_AFTER + 2):
        fresh = judgement.case_from_values(values, rulebook=ucra.id, inspected=staffordshire.inspected, **fields)
        assert judge.grades(fresh) == {a: r.grade for a, r in judge.judge(loaded).areas.items()}
    assert judge.judge(quick).to_dict() == expected
