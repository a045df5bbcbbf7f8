"""Pieces shared by the text renderers."""

from __future__ import annotations

from collections.abc import Iterator

from judgement.judge import AreaJudgement, Judgement, format_value
from judgement.model import Grade
from judgement.trace import Comparison, EvidenceUse, RuleStep

__all__ = ["HEADING_ORDER", "comparison_text", "evidence_text", "grouped", "rule_text", "summary_line"]

#: The order of headings in a letter: strengths first, priority action last, then anything not judged.
HEADING_ORDER = (
    Grade.STRENGTH,
    Grade.SATISFACTORY,
    Grade.AREA_FOR_DEVELOPMENT,
    Grade.PRIORITY_ACTION,
    Grade.NOT_JUDGED,
)


def grouped(judgement: Judgement) -> Iterator[tuple[Grade, list[AreaJudgement]]]:
    """Areas under each heading that has any, in letter order."""
    for grade in HEADING_ORDER:
        areas = judgement.by_grade(grade)
        if areas:
            yield grade, areas


def summary_line(judgement: Judgement) -> str:
    counts = [f"{len(a)} {g.label}" for g, a in grouped(judgement)]
    return ", ".join(counts)


def evidence_text(use: EvidenceUse) -> str:
    if use.missing:
        value = "missing" + (" (required)" if use.required else "")
    else:
        value = format_value(use.value) + ("%" if use.unit == "percent" else "")
        extras = [
            f"{k} {format_value(getattr(use, k))}" for k in ("england", "neighbours") if getattr(use, k) is not None
        ]
        if use.n is not None:
            extras.append(f"n={use.n}")
        if extras:
            value += " (" + ", ".join(extras) + ")"
        if use.illustrative:
            value += " [illustrative]"
    source = f" - {use.source}" if use.source else ""
    return f"{use.measure} = {value}{source}"


def comparison_text(c: Comparison) -> str:
    if c.holds is None:
        return f"{c.test}: not evaluable, missing {', '.join(c.missing)}"
    verdict = "holds" if c.holds else "fails"
    rhs = c.right if c.right == format_value(c.required) else f"{c.right} = {format_value(c.required)}"
    margin = ("+" if c.margin is not None and c.margin > 0 else "") + format_value(c.margin)
    return f"{c.left} {format_value(c.actual)} {c.op} {rhs}: {verdict} (margin {margin})"


def rule_text(step: RuleStep) -> str:
    mark = {"fired": "fired", "not_fired": "did not fire", "not_evaluable": "not evaluable"}[step.outcome]
    chosen = ", chosen" if step.chosen else ""
    return f"{step.rule} [{step.grade.replace('_', ' ')}] {mark}{chosen}: {step.when}"
