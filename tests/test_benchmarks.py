"""The benchmarks' own floors are what they say they are."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

import judgement

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import w1


@pytest.mark.slow
def test_the_trace_floor_writes_judgements_traces(tmp_path: Path) -> None:
    """W1's ``plain-read`` floor writes, for every case, every area's trace as judgement's ``to_dict()``
    does: the same keys in the same order and the same values (compared as JSON text, so an int written
    as a float would show), and the same grades; the cases give every grade and every way a rule's
    comparisons are shown (none fired, one or several of an ``or`` holding, an ``and`` holding)."""
    traced = w1.plain_traces(tmp_path)
    judge = judgement.Judge(judgement.load_rulebook(w1.write_rulebook(tmp_path)))
    seen = set()
    for values in w1.generate(400, seed=7):
        grades, traces = traced(values)
        case = judgement.case_from_values(values, rulebook="w1", inspected=dt.date(2010, 1, 1), case="c", authority="A")
        result = judge.judge(case)
        assert grades == {a.area: a.grade.value for a in result}
        assert json.dumps(traces) == json.dumps([a.trace.to_dict() for a in result])
        for trace in traces:
            dev = trace["rules"][0]
            seen.add((trace["policy"]["grade"], len(dev["alternatives"])))
    assert {g for g, _ in seen} == {"strength", "satisfactory", "area_for_development"}
    assert any(grade == "area_for_development" and held > 1 for grade, held in seen)
    assert w1.ENGINES["plain-read"](tmp_path)(values) == grades


def _compact(trace: dict[str, object]) -> dict[str, object]:
    """judgement's trace of an area cut down to :data:`w1.COMPACT`'s keys."""

    def keep(item: dict[str, object], kind: str) -> dict[str, object]:
        return {k: item[k] for k in w1.COMPACT[kind]}

    rules = []
    for rule in trace["rules"]:  # type: ignore[attr-defined]
        kept = keep(rule, "rules")
        kept["comparisons"] = [keep(c, "comparisons") for c in rule["comparisons"]]
        rules.append(kept)
    return {
        "evidence": [keep(e, "evidence") for e in trace["evidence"]],  # type: ignore[attr-defined]
        "rules": rules,
        "policy": keep(trace["policy"], "policy"),  # type: ignore[arg-type]
    }


@pytest.mark.slow
def test_the_compact_floor_writes_the_parts_of_judgements_traces_that_change(tmp_path: Path) -> None:
    """W1's ``plain-compact`` floor writes, for every case, the keys of judgement's trace that
    :data:`w1.COMPACT` keeps, with the same values in the same order, and the same grades."""
    traced = w1.compact_traces(tmp_path)
    judge = judgement.Judge(judgement.load_rulebook(w1.write_rulebook(tmp_path)))
    grades_seen = set()
    for values in w1.generate(300, seed=9):
        grades, traces = traced(values)
        case = judgement.case_from_values(values, rulebook="w1", inspected=dt.date(2010, 1, 1), case="c", authority="A")
        result = judge.judge(case)
        assert grades == {a.area: a.grade.value for a in result}
        assert json.dumps(traces) == json.dumps([_compact(a.trace.to_dict()) for a in result])
        grades_seen.update(grades.values())
    assert grades_seen == {"strength", "satisfactory", "area_for_development"}
    assert w1.ENGINES["plain-compact"](tmp_path)(values) == grades
