"""Judgements: frozen, hashable, picklable results. An area's full trace is made by the
:class:`~judgement.judging.judge.Judge` that judged it when first read, from what judging kept (the case's
fact and every decision), and then kept with the judgement; a judgement pickles with its traces built."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from judgement._attrs import frozen
from judgement._fmt import json_text
from judgement._frozen import freeze
from judgement.errors import Problem, UsageError
from judgement.judging.calibration import calibration_statement, screen_statement
from judgement.judging.stamp import Stamp, stamp
from judgement.judging.status import AreaStatus
from judgement.model import Case, Grade, Rulebook
from judgement.read.folders import display

if TYPE_CHECKING:  # (made only when a trace is read: judging alone imports neither)
    from judgement.judging.plan import Plan, Values
    from judgement.judging.policy import Decision
    from judgement.judging.trace import AreaTrace
    from judgement.judging.tracing import Tracer

__all__ = ["AreaJudgement", "Judgement", "TraceSource", "Traces", "results_to_frame"]


class TraceSource(Protocol):
    """Where an area's trace comes from: built already, or made by its judge on demand (one source may
    serve every area of a judgement)."""

    def trace(self, area: str) -> AreaTrace: ...


class _Tracing(Protocol):
    """What :class:`Traces` needs of the judge that judged: its plan, and its maker of traces (made when
    first asked for)."""

    plan: Plan

    @property
    def tracer(self) -> Tracer: ...


class Traces:
    """One judgement's traces, made by its judge when the first is read, then kept with it (never
    compared)."""

    __slots__ = ("case", "decisions", "judge", "made", "values")

    def __init__(self, judge: _Tracing, case: Case, decisions: tuple[Decision, ...], values: Values) -> None:
        self.judge, self.case, self.decisions, self.values = judge, case, decisions, values
        self.made: tuple[AreaTrace, ...] | None = None

    def trace(self, area: str) -> AreaTrace:
        made = self.made
        if made is None:  # two threads may both make them: the same traces, and one is kept
            made = self.made = self.judge.tracer.traces(self.case, self.decisions, self.values)
        return made[self.judge.plan.index_of[area]]


@frozen
class _Built:
    value: AreaTrace

    def trace(self, area: str) -> AreaTrace:  # noqa: ARG002 - it holds the one area's trace
        return self.value


# Not slotted: a frozen attrs class with a __dict__ is made faster, and a judgement makes one per area.
@frozen(slots=False)
class AreaJudgement:
    """The grade of one area, its status and reason, the rules chosen, and the trace behind them.

    Two area judgements are equal when their grade, status, reason and chosen rules are; the trace is
    derived from the same inputs and is not compared.
    """

    area: str
    title: str
    grade: Grade
    status: AreaStatus
    reason: str
    rules_fired: tuple[str, ...]  # the rules the policy chose (the finding's rules)
    source: TraceSource = attrs.field(eq=False, repr=False)

    @property
    def trace(self) -> AreaTrace:
        """The reasoning trace: the evidence read, every rule's outcome with its margins, the policy step."""
        return self.source.trace(self.area)

    @property
    def borderline(self) -> bool:
        """Whether a deciding threshold lies inside the 95% interval of a sampled percentage."""
        return bool(self.trace.borderline)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its trace built, so it can travel to other processes."""
        fields = (self.area, self.title, self.grade, self.status, self.reason, self.rules_fired)
        return (AreaJudgement, (*fields, _Built(self.trace)))

    def to_dict(self, *, trace: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "area": self.area,
            "title": self.title,
            "grade": self.grade.value,
            "scale": self.grade.scale or None,
            "status": self.status.value,
            "reason": self.reason,
            "rules_fired": list(self.rules_fired),
            "borderline": self.borderline,
        }
        if trace:
            data["trace"] = self.trace.to_dict()
        return data


@frozen(cache_hash=True)
class Judgement:
    """Every area of one case judged under one rulebook."""

    case: Case
    rulebook: Rulebook = attrs.field(repr=False)
    areas: Mapping[str, AreaJudgement] = attrs.field(converter=freeze)

    @property
    def stamp(self) -> Stamp:
        """The reproducibility stamp."""
        return stamp(self.rulebook, self.case)

    def __iter__(self) -> Iterator[AreaJudgement]:
        return iter(self.areas.values())

    def by_grade(self, grade: Grade | str) -> list[AreaJudgement]:
        """The areas given ``grade`` (a grade, or a grade's id such as ``"strength"``)."""
        if isinstance(grade, str):
            return [a for a in self.areas.values() if a.grade.id == grade]
        return [a for a in self.areas.values() if a.grade == grade]

    def counts(self) -> dict[Grade, int]:
        """How many areas each grade has, in the rulebook's heading order (best first, not judged last)."""
        return {g: n for g in self.rulebook.heading_order if (n := len(self.by_grade(g)))}

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {g.label}" for g, n in self.counts().items())
        return (
            f"<Judgement {self.case.id} ({self.case.authority}, {self.case.inspected.isoformat()}) under "
            f"{self.rulebook.id} {self.rulebook.version}: {counts}>"
        )

    def _repr_html_(self) -> str:
        """A table of the areas, for notebooks."""
        from html import escape  # only in a notebook: a command that judges never needs it

        rows = "".join(
            f"<tr><td>{escape(a.title)}</td><td>{escape(a.grade.label)}</td><td>{escape(a.reason)}</td></tr>"
            for a in self
        )
        return (
            f"<p><b>{escape(self.case.authority)}</b>, {escape(self.case.inspected.isoformat())} "
            f"({escape(self.case.id)}), under {escape(self.rulebook.id)} {escape(self.rulebook.version)}</p>"
            f"<table><thead><tr><th>Area</th><th>Grade</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def rows(self, *, rules: bool = False) -> list[dict[str, Any]]:
        """One record per area (the case, the area, its grade, status and reason, and the evidence it read
        as ``{measure: value}``), or with ``rules`` one per rule of each area and how it came out."""
        case = self.case
        head = {
            "case": case.id,
            "authority": case.authority,
            "authority_code": case.authority_code,
            "inspected": case.inspected,
            "rulebook": self.rulebook.id,
            "version": self.rulebook.version,
        }
        out: list[dict[str, Any]] = []
        for area in self:
            about = {
                **head,
                "area": area.area,
                "title": area.title,
                "grade": area.grade.id,
                "grade_label": area.grade.label,
                "rank": area.grade.rank if area.grade.judged else None,
                "status": area.status.value,
            }
            if not rules:
                evidence = {u.measure: u.value for u in area.trace.evidence if not u.missing}
                out.append({**about, "reason": area.reason, "evidence": evidence})
                continue
            for step in area.trace.rules:
                out.append(
                    {
                        **about,
                        "rule": step.rule,
                        "rule_grade": step.grade.id,
                        "outcome": step.outcome.value,
                        "chosen": step.chosen,
                        "when": step.when,
                    }
                )
        return out

    def to_frame(self, *, rules: bool = False) -> Any:
        """:meth:`rows` as a pandas DataFrame (``pip install 'judgement[pandas]'``)."""
        return results_to_frame([self], rules=rules)

    def to_dict(self, *, trace: bool = True) -> dict[str, Any]:
        return {
            "case": self.case.to_dict(),  # a case file's content: it loads back (judgement.load_case)
            "case_path": display(self.case.path) if self.case.path else None,
            "rulebook": {
                "id": self.rulebook.id,
                "version": self.rulebook.version,
                "digest": self.rulebook.digest,
                "scales": [
                    {
                        "id": scale.id,
                        "title": scale.title,
                        "grades": [{"id": g.id, "label": g.label, "code": g.code} for g in scale.grades],
                    }
                    for scale in self.rulebook.scales
                ],
            },
            "areas": [self._area_dict(a, trace) for a in self.areas.values()],
            "stamp": self.stamp.to_dict(),
        } | ({"screen": screen} if (screen := screen_statement(self.rulebook)) else {})

    def _area_dict(self, area: AreaJudgement, trace: bool) -> dict[str, Any]:
        data = area.to_dict(trace=trace)
        statement = calibration_statement(self.rulebook, area.area, area.grade)
        if statement:
            data["calibration"] = statement
        return data

    def to_json(self, *, trace: bool = True, indent: int | None = 2) -> str:
        """Deterministic JSON: the same rulebook and case always give the same bytes."""
        return json_text(self.to_dict(trace=trace), indent=indent)


def results_to_frame(results: Iterable[Judgement], *, rules: bool = False) -> Any:
    """Judgements as one pandas DataFrame: a row per case and area (:meth:`Judgement.rows`), or with
    ``rules`` a row per rule outcome. Needs pandas (``pip install 'judgement[pandas]'``)."""
    try:
        import pandas as pd
    except ImportError:
        raise UsageError(
            Problem(
                "a DataFrame needs pandas, which is not installed",
                expected="pandas",
                hint="pip install 'judgement[pandas]'",
                code="usage.missing-extra",
            )
        ) from None
    records = [row for result in results for row in result.rows(rules=rules)]
    frame = pd.DataFrame.from_records(records)
    if not records:
        return frame
    for column in ("case", "authority", "rulebook", "area", "grade", "status"):
        frame[column] = frame[column].astype("category")
    return frame
