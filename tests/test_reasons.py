"""Reasons that tell the truth: a reason per alternative of a condition, the {triggers} placeholder, the
alternatives that fired in the trace, and the lint checks that catch a reason claiming too much."""

from __future__ import annotations

import pytest

import judgement
from tests.example import book_copy as _book
from tests.example import case as _case

WORKFORCE = """\
area: workforce
title: Workforce stability
scale: indicator
requires: [social_worker_turnover, agency_worker_percent]
rules:
  - id: workforce.unstable
    grade: concern
    when: social_worker_turnover > 20 or agency_worker_percent > 25
    because:
      - "Turnover is high: {social_worker_turnover}% of social workers left in the year."
      - "Reliance on agency staff is high: {agency_worker_percent}% of social workers are agency workers."
  - id: workforce.named
    grade: concern
    when: social_worker_turnover > 30 or agency_worker_percent > 35
    because: "The workforce is very unstable ({triggers})."
  - id: workforce.typical
    grade: typical
    default: true
    because: "Turnover ({social_worker_turnover}%) and agency use ({agency_worker_percent}%) are usual."
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = _book(tmp_path_factory.mktemp("reasons"))
    (root / "areas" / "workforce.yaml").write_text(WORKFORCE)
    return judgement.load_rulebook(root)


def _workforce(book, turnover, agency):
    case = _case({"social_worker_turnover": {"value": turnover}, "agency_worker_percent": {"value": agency}})
    return judgement.judge(book, case).areas["workforce"]


def test_only_the_reason_of_the_alternative_that_holds_is_given(book):
    area = _workforce(book, 12, 28)
    assert area.reason == "Reliance on agency staff is high: 28% of social workers are agency workers."
    step = next(s for s in area.trace.rules if s.rule == "workforce.unstable")
    assert step.alternatives == ("agency_worker_percent > 25",)


def test_both_reasons_when_both_alternatives_hold(book):
    area = _workforce(book, 24, 28)
    assert area.reason == (
        "Turnover is high: 24% of social workers left in the year. "
        "Reliance on agency staff is high: 28% of social workers are agency workers."
    )


def test_triggers_names_the_evidence_of_the_alternatives_that_hold(book):
    area = _workforce(book, 12, 40)
    assert "The workforce is very unstable (social workers employed through agencies at 40%)." in area.reason
    assert "turnover" not in area.reason.split("(")[1]


def test_the_trace_and_every_renderer_show_what_fired(book):
    from judgement.renderers import render_text

    area = _workforce(book, 12, 28)
    text = render_text(
        [
            judgement.judge(
                book, _case({"social_worker_turnover": {"value": 12}, "agency_worker_percent": {"value": 28}})
            )
        ],
        verbose=True,
    )
    assert "fired by: agency_worker_percent > 25" in text
    assert area.trace.to_dict()["rules"][0]["alternatives"] == ["agency_worker_percent > 25"]


def test_a_list_of_reasons_must_match_the_alternatives(tmp_path):
    root = _book(tmp_path)
    (root / "areas" / "workforce.yaml").write_text(
        "\n".join(line for line in WORKFORCE.splitlines() if "Reliance on agency" not in line) + "\n"
    )
    with pytest.raises(judgement.RulebookError) as info:
        judgement.load_rulebook(root)
    (problem,) = info.value.problems
    assert problem.code == "template.alternatives"
    assert problem.message == "because lists 1 reasons for a condition with 2 alternatives"
    assert problem.location is not None
    assert problem.location.line == 10
