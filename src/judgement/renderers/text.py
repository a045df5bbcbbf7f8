"""Plain text for terminals: grades under the letter's headings, and the trace on request."""

from __future__ import annotations

from collections.abc import Sequence

from judgement.judging.calibration import calibration_statement, screen_statement
from judgement.judging.results import AreaJudgement, Judgement
from judgement.renderers._common import (
    authority_text,
    evidence_text,
    grade_use_text,
    grouped,
    rule_text,
    status_note,
    step_details,
    summary_line,
)

__all__ = ["render_text", "trace_lines"]


def render_text(judgements: Sequence[Judgement], *, verbose: bool = False) -> str:
    blocks = [_one(j, verbose) for j in judgements]
    return "\n\n".join(blocks) + "\n"


def _one(judgement: Judgement, verbose: bool) -> str:
    case = judgement.case
    lines = [
        f"{authority_text(judgement)} - inspected {case.inspected.isoformat()} ({case.id})",
        f"Rulebook {judgement.rulebook.id} {judgement.rulebook.version}: {summary_line(judgement)}",
    ]
    screen = screen_statement(judgement.rulebook)
    if screen:
        lines.append(screen)
    for grade, areas in grouped(judgement):
        lines.append("")
        lines.append(grade.heading)
        for area in areas:
            lines.append(f"  - {area.title} [{area.area}]{status_note(area)}")
            lines.append(f"    {area.reason}")
            statement = calibration_statement(judgement.rulebook, area.area, area.grade)
            if statement:
                lines.append(f"    {statement}")
            if verbose:
                lines.extend("      " + line for line in trace_lines(area))
    return "\n".join(lines)


def trace_lines(area: AreaJudgement) -> list[str]:
    """The trace of one area as indented lines: evidence, rules, policy."""
    trace = area.trace
    lines = ["evidence:"]
    lines.extend(f"  {evidence_text(use)}" for use in trace.evidence)
    if trace.grades:
        lines.append("grades read:")
        lines.extend(f"  {grade_use_text(use)}" for use in trace.grades)
    lines.append("rules:")
    for step in trace.rules:
        lines.append(f"  {rule_text(step)}")
        lines.extend(f"    {line}" for line in step_details(step, values=False))
    policy = trace.policy
    lines.append(f"policy ({policy.policy.value}): {policy.note} -> {policy.grade.label}")
    return lines
