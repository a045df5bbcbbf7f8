"""What a rule change does, as text, Markdown or JSON (:class:`~judgement.analysis.diff.DiffReport`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from judgement._fmt import json_text

if TYPE_CHECKING:
    from judgement.analysis.diff import DiffReport

__all__ = ["DIFF_FORMATS", "render_diff"]

#: The formats ``judgement diff`` writes.
DIFF_FORMATS = ("text", "markdown", "json")


def render_diff(report: DiffReport, fmt: str = "text") -> str:
    """The report in one of :data:`DIFF_FORMATS`."""
    if fmt == "json":
        return json_text(report.to_dict()) + "\n"
    md = fmt == "markdown"
    old, new = report.old, report.new
    head = (
        f"{old[0]} {old[1]} ({old[2][:12]}) -> {new[0]} {new[1]} ({new[2][:12]}): "
        f"{len(report.grade_changes)} grade changes, {len(report.reason_changes)} reason changes "
        f"in {report.cases} cases ({report.areas} areas)"
    )
    lines = [f"### Rulebook impact\n\n{head}" if md else head]
    if report.grade_changes:
        lines.append("\n#### Grade changes\n" if md else "\ngrade changes:")
        if md:
            lines += ["| case | area | old | new | rules (old -> new) |", "|---|---|---|---|---|"]
        for c in report.grade_changes:
            rules = f"{', '.join(c.old_rules) or '-'} -> {', '.join(c.new_rules) or '-'}"
            lines.append(
                f"| {c.case} | {c.area} | {c.old_label or c.old_grade} | {c.new_label or c.new_grade} | {rules} |"
                if md
                else f"  {c.case} > {c.area}: {c.transition} ({rules})"
            )
    if report.reason_changes:
        lines.append("\n#### Same grade, different reasons\n" if md else "\nsame grade, different reasons:")
        for c in report.reason_changes:
            lines.append(
                f"- **{c.case} > {c.area}** ({c.new_label or c.new_grade}): {c.old_reason} → {c.new_reason}"
                if md
                else f"  {c.case} > {c.area} ({c.new_label or c.new_grade}):\n"
                f"    - {c.old_reason}\n    + {c.new_reason}"
            )
    if report.grade_changes:
        lines.append("\n#### Counts\n" if md else "\ncounts:")
        for label, counts in (("area", report.by_area()), ("transition", report.by_transition())):
            for key, n in counts.items():
                lines.append(f"- {label} `{key}`: {n}" if md else f"  {label} {key}: {n}")
    if report.skipped:
        lines.append("\n#### Not compared\n" if md else "\nnot compared:")
        lines.extend(f"- {s}" if md else f"  {s}" for s in report.skipped)
    return "\n".join(lines) + "\n"
