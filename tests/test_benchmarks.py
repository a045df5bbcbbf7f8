"""The benchmarks' own floors are what they say they are."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import judgement

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import w1


def _judged(tmp_path: Path, count: int, seed: int) -> Iterator[tuple[dict[str, float], list[dict[str, Any]]]]:
    """W1's cases, each with judgement's trace of every area as ``to_dict()`` writes it (having checked
    that its grades are the plain floor's)."""
    judge = judgement.Judge(judgement.load_rulebook(w1.write_rulebook(tmp_path)))
    floor = w1.plain(tmp_path)
    for values in w1.generate(count, seed=seed):
        case = judgement.case_from_values(values, rulebook="w1", inspected=dt.date(2010, 1, 1), case="c", authority="A")
        result = judge.judge(case)
        assert floor(values) == {a.area: a.grade.value for a in result}
        yield values, [a.trace.to_dict() for a in result]


@pytest.mark.slow
def test_the_trace_floor_writes_judgements_traces(tmp_path: Path) -> None:
    """W1's ``plain-read`` floor writes, for every case, every area's trace as judgement's ``to_dict()``
    does: the same keys in the same order and the same values (compared as JSON text, so an int written
    as a float would show), and the same grades; the cases give every grade and every way a rule's
    comparisons are shown (none fired, one or several of an ``or`` holding, an ``and`` holding)."""
    traced, floor = w1.plain_traces(tmp_path), w1.plain(tmp_path)
    seen = set()
    for values, theirs in _judged(tmp_path, 400, 7):
        grades, traces = traced(values)
        assert grades == floor(values)
        assert json.dumps(traces) == json.dumps(theirs)
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
    traced, floor = w1.compact_traces(tmp_path), w1.plain(tmp_path)
    grades_seen = set()
    for values, theirs in _judged(tmp_path, 300, 9):
        grades, traces = traced(values)
        assert grades == floor(values)
        assert json.dumps(traces) == json.dumps([_compact(trace) for trace in theirs])
        grades_seen.update(grades.values())
    assert grades_seen == {"strength", "satisfactory", "area_for_development"}
    assert w1.ENGINES["plain-compact"](tmp_path)(values) == grades
