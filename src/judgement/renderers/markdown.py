"""Markdown: a report to paste into an issue, a wiki or a pull request."""

from __future__ import annotations

from collections.abc import Sequence

from judgement.judging.calibration import calibration_statement, screen_statement
from judgement.judging.results import Judgement
from judgement.renderers._common import (
    authority_text,
    comparison_text,
    evidence_text,
    grade_use_text,
    grouped,
    rule_text,
    status_note,
    summary_line,
)

__all__ = ["render_markdown"]


_SPECIAL = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_[]|<>#"}, "&": "&amp;"})


def _escape(text: str) -> str:
    """Text from a case or rulebook as literal Markdown: no emphasis, links, code, tables or raw HTML."""
    return text.translate(_SPECIAL)


def render_markdown(judgements: Sequence[Judgement], *, verbose: bool = False) -> str:
    return "\n\n".join(_one(j, verbose) for j in judgements) + "\n"


def _one(judgement: Judgement, verbose: bool) -> str:
    case = judgement.case
    lines = [
        f"# {_escape(authority_text(judgement))}",
        "",
        f"Inspected {case.inspected.isoformat()} · case `{case.id}` · rulebook `{judgement.rulebook.id}` "
        f"{_escape(judgement.rulebook.version)} · {_escape(summary_line(judgement))}",
        "",
    ]
    screen = screen_statement(judgement.rulebook)
    if screen:
        lines += [f"> {_escape(screen)}", ""]
    lines += [
        "| Area | Grade |",
        "|---|---|",
    ]
    lines.extend(
        f"| {_escape(a.title)} | {_escape(a.grade.label)}{status_note(a)}{' (borderline)' if a.borderline else ''} |"
        for a in judgement
    )
    for grade, areas in grouped(judgement):
        lines.extend(["", f"## {_escape(grade.heading)}", ""])
        for area in areas:
            statement = calibration_statement(judgement.rulebook, area.area, area.grade)
            tail = f" *{_escape(statement)}*" if statement else ""
            lines.append(f"- **{_escape(area.title)}.** {_escape(area.reason)}{tail}")
            if verbose:
                lines.append("  <details><summary>trace</summary>\n")
                lines.extend(f"  - {_escape(evidence_text(u))}" for u in area.trace.evidence)
                lines.extend(f"  - {_escape(grade_use_text(u))}" for u in area.trace.grades)
                for step in area.trace.rules:
                    lines.append(f"  - `{step.rule}` {_escape(rule_text(step).split(' ', 1)[1])}")
                    lines.extend(f"    - {_escape(comparison_text(c))}" for c in step.comparisons)
                lines.append(f"  - policy ({area.trace.policy.policy.value}): {_escape(area.trace.policy.note)}")
                lines.append("\n  </details>")
    stamp = judgement.stamp
    lines.extend(
        [
            "",
            f"<sub>rulebook digest {stamp.rulebook_digest[:12]} · evidence digest "
            f"{stamp.evidence_digest[:12]} · judgement {stamp.library_version} · {stamp.engine}</sub>",
        ]
    )
    return "\n".join(lines)
