"""What if: judge a case with some measures set to other values, and show each area's grade before and
after."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from judgement._attrs import frozen
from judgement.check.case import load_case
from judgement.judging.judge import Judge, judge_for
from judgement.judging.results import Judgement
from judgement.model import Case, Grade, Rulebook

__all__ = ["AreaShift", "whatif"]


@frozen
class AreaShift:
    area: str
    title: str
    old_grade: Grade
    new_grade: Grade
    old_reason: str
    new_reason: str

    @property
    def changed(self) -> bool:
        return self.old_grade != self.new_grade or self.old_reason != self.new_reason


def whatif(
    rulebook: Rulebook, case: Case, changes: Mapping[str, Any], *, judge: Judge | None = None
) -> tuple[Judgement, Judgement, list[AreaShift]]:
    """Judge ``case`` with some measures set to new values; returns before, after and each area's shift.

    A measure the case does not give is added. Values are checked exactly as a case file's are.
    """
    raw = case.to_dict()
    for measure, value in changes.items():
        entry = raw["evidence"].get(measure)
        if isinstance(entry, dict):
            if "count" in entry:  # a count out of a sample, set to a value: the sample size stays as n
                entry.pop("count")
                entry["n"] = entry.pop("of")
            entry["value"] = value
        else:
            raw["evidence"][measure] = {"value": value}
    changed = attrs.evolve(load_case(raw, name="--set"), path=case.path, locations=case.locations)
    judge = judge or judge_for(rulebook)
    before, after = judge.judge(case), judge.judge(changed)
    shifts = [
        AreaShift(a.area, a.title, a.grade, after.areas[a.area].grade, a.reason, after.areas[a.area].reason)
        for a in before
    ]
    return before, after, shifts
