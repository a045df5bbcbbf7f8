"""Every problem found checking a case against its rulebook carries the values behind its message
(``Problem.ctx``), so a program reads them instead of parsing the text."""

from __future__ import annotations

import datetime as dt

import pytest

import judgement
from judgement.errors import CaseError


def _problems(ucra, evidence, **fields):
    document = {"case": "c", "authority": "A", "inspected": "2010-06-01", "rulebook": "ucra-2010", **fields}
    case = judgement.load_case({**document, "evidence": evidence})
    with pytest.raises(CaseError) as caught:
        judgement.check_case(ucra, case)
    return {p.code: dict(p.ctx) for p in caught.value.problems}


def test_values_behind_each_problem_of_a_case_against_its_rulebook(ucra):
    found = _problems(
        ucra,
        {
            "no_such_measure": 1,
            "ia_in_timescale": 140,
            "unallocated_cases": 1.5,
            "staff_morale": "middling",
            "joint_initial_work": {"value": 80, "n": 500_000},
        },
        expect={"no_area": "strength", "assessments": "superb"},
    )
    assert found["case.unknown-measure"] == {"measure": "no_such_measure", "rulebook": "ucra-2010"}
    assert found["case.out-of-range"]["value"] == 140
    assert found["case.not-whole"] == {
        "measure": "unallocated_cases",
        "attribute": None,
        "value": 1.5,
        "unit": "count",
    }
    assert found["case.unknown-level"]["value"] == "middling"
    assert found["case.unknown-area"]["area"] == "no_area"
    assert found["case.unknown-grade"]["grade"] == "superb"
    assert found["case.implausible-sample"] == {"measure": "joint_initial_work", "n": 500_000, "largest": 100_000}


def test_values_behind_a_case_for_another_rulebook_or_out_of_its_dates(ucra):
    other = _problems(ucra, {}, rulebook="ilacs-2018")
    assert other["case.wrong-rulebook"] == {"case": "c", "rulebook": "ilacs-2018", "expected": "ucra-2010"}
    late = _problems(ucra, {}, inspected="2030-01-01")
    assert late["case.out-of-dates"]["inspected"] == "2030-01-01"
    assert late["case.out-of-dates"]["effective_from"] == ucra.effective_from.isoformat()
    assert dt.date.fromisoformat(late["case.out-of-dates"]["inspected"]) > ucra.effective_from


def test_checking_only_what_changed_finds_what_the_whole_check_finds(ucra, staffordshire):
    """A case that passed, with some items changed: ``check_changed`` reports exactly what ``check_case``
    reports of it, a changed value out of range and a changed total below a count it bounds alike."""
    import attrs

    from judgement.check.against import check_changed

    bounded = next(m for m in ucra.measures.values() if m.at_most is not None)
    evidence = dict(staffordshire.evidence)
    evidence[bounded.at_most] = attrs.evolve(evidence[bounded.at_most], value=3)
    evidence[bounded.id] = judgement.model.Evidence(bounded.id, 2)
    base = attrs.evolve(staffordshire, evidence=evidence)
    judgement.check_case(ucra, base)  # it passes as it is
    found = []
    for changes in ({bounded.at_most: 1}, {"ia_in_timescale": 140}, {bounded.at_most: 5, "ia_in_timescale": 50}):
        changed = dict(base.evidence)
        for mid, value in changes.items():
            changed[mid] = attrs.evolve(changed[mid], value=value, count=None)
        case = attrs.evolve(base, evidence=changed)
        try:
            judgement.check_case(ucra, case)
            whole = []
        except CaseError as error:
            whole = [p.message for p in error.problems]
        try:
            check_changed(ucra, case, list(changes))
            part = []
        except CaseError as error:
            part = [p.message for p in error.problems]
        assert sorted(part) == sorted(whole), changes
        found.append(bool(whole))
    assert found == [True, True, False]  # a total below its count, a value out of range, then all well
