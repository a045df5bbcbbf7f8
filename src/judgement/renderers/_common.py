"""Pieces shared by the text renderers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from judgement._fmt import format_value
from judgement.judging.results import AreaJudgement, Judgement
from judgement.judging.status import AreaStatus, RuleOutcome
from judgement.lang.ast import COMPARATORS
from judgement.lang.printer import grade_text
from judgement.model import Grade
from judgement.model.rulebook import DEFAULT_WHEN

if TYPE_CHECKING:  # a trace's parts: made only when a trace is read
    from judgement.judging.trace import Comparison, EvidenceUse, GradeUse, RuleStep

__all__ = [
    "authority_text",
    "comparison_text",
    "escape",
    "evidence_text",
    "figure_text",
    "grade_use_text",
    "grouped",
    "rule_text",
    "spreadsheet_safe",
    "status_note",
    "step_details",
    "summary_line",
]


#: A character :func:`html.escape` replaces.
_MARKUP = re.compile("[&<>\"']")


def escape(text: str) -> str:
    """:func:`html.escape` (quotes too), returning a text with nothing to escape as it is at once: most of
    what a report writes (numbers, names, grades) has none, and a report of many councils writes a great
    many. (Its five replacements are written here: the :mod:`html` module, with its table of every named
    character, is not imported by a command that writes no HTML.)"""
    if not _MARKUP.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def spreadsheet_safe(text: str) -> str:
    """A cell that a spreadsheet will show as text, never run as a formula (``=``, ``+``, ``-``, ``@``,
    tab and carriage return at the start are what Excel and LibreOffice treat as formulas)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def figure_text(value: float | int | str | None, unit: str = "") -> str:
    """A published figure as a reader sees it: to one decimal place, as DfE publishes them, with % for a
    percentage; "-" where there is none; a word as it is."""
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        return value
    text = format_value(round(value, 1) if isinstance(value, float) else value)
    return text + ("%" if unit == "percent" else "")


def grouped(judgement: Judgement) -> Iterator[tuple[Grade, list[AreaJudgement]]]:
    """Areas under each heading that has any, in letter order (the best grade first, not judged last)."""
    for grade in judgement.rulebook.heading_order:
        areas = judgement.by_grade(grade)
        if areas:
            yield grade, areas


def authority_text(judgement: Judgement) -> str:
    """The authority as a case section names it: with its ONS code and DfE number when the case has them."""
    case = judgement.case
    codes = [c for c in (case.authority_code, case.authority_number) if c]
    return f"{case.authority} ({', '.join(codes)})" if codes else case.authority


def summary_line(judgement: Judgement) -> str:
    """How many areas each grade has, in letter order; the grades of each scale together ("; " between
    scales)."""
    scales: dict[str, list[str]] = {}
    for grade, areas in grouped(judgement):
        scale = grade.scale if grade.judged or not scales else list(scales)[-1]  # "not judged" ends the line
        scales.setdefault(scale, []).append(f"{len(areas)} {grade.label}")
    return "; ".join(", ".join(counts) for counts in scales.values())


def evidence_text(use: EvidenceUse) -> str:
    if use.missing:
        value = "missing" + (" (required)" if use.required else "")
    elif use.count is not None and isinstance(use.value, float | int):
        value = f"{use.count} of {use.n} ({format_value(round(use.value, 1))}%)"
        extras = [f"{k} {format_value(getattr(use, k))}" for k in COMPARATORS if getattr(use, k) is not None]
        if extras:
            value += " (" + ", ".join(extras) + ")"
    else:
        value = format_value(use.value) + ("%" if use.unit == "percent" else "")
        extras = [f"{k} {format_value(getattr(use, k))}" for k in COMPARATORS if getattr(use, k) is not None]
        if use.n is not None:
            extras.append(f"n={use.n}")
        if extras:
            value += " (" + ", ".join(extras) + ")"
        if use.illustrative:
            value += " [illustrative]"
    source = f" - {use.source}" if use.source else ""
    return f"{use.measure} = {value}{source}"


def status_note(area: AreaJudgement) -> str:
    """ " (partial)" for an area judged without evidence that could change its grade, "" otherwise
    (not judged and conflict show as the grade "not judged", whose reason says why)."""
    return " (partial)" if area.status is AreaStatus.PARTIAL else ""


def _value(value: float | int | str) -> str:
    return value if isinstance(value, str) else format_value(value)


def grade_use_text(use: GradeUse) -> str:
    """A grade a derived judgement read: ``grade(area) = good``."""
    status = "" if use.status is AreaStatus.JUDGED else f" ({use.status.value.replace('_', ' ')})"
    return f"{grade_text(use.area)} = {use.grade.id}{status}"


def comparison_text(c: Comparison) -> str:
    if c.holds is None:
        return f"{c.test}: not evaluable, missing {', '.join(c.missing)}"
    verdict = "holds" if c.holds else "fails"
    actual, required = c.word(c.actual), c.word(c.required)
    if actual is not None:  # grades (or levels) compare as words, with no margin
        rhs = c.right if required is None or c.right == required else f"{c.right} = {required}"
        return f"{c.left} {actual} {c.op} {rhs}: {verdict}"
    rhs = c.right if c.right == format_value(c.required) else f"{c.right} = {format_value(c.required)}"
    margin = ("+" if c.margin is not None and c.margin > 0 else "") + format_value(c.margin)
    z = f", z = {format_value(c.z)}" if c.z is not None else ""
    return f"{c.left} {format_value(c.actual)} {c.op} {rhs}: {verdict} (margin {margin}{z})"


def rule_text(step: RuleStep) -> str:
    chosen = ", chosen" if step.chosen else ""
    grade = f"at most {step.grade.label}" if step.limit else step.grade.label
    dates = f" ({step.effective})" if step.effective else ""
    outcome = step.outcome.label
    if step.when == DEFAULT_WHEN and step.outcome is RuleOutcome.FIRED and not step.chosen:
        outcome = "not needed (another rule decided)"  # the default applies only when no other rule fires
    return f"{step.rule} [{grade}] {outcome}{dates}{chosen}: {step.when}"


def step_details(step: RuleStep, *, values: bool = True) -> list[str]:
    """The lines under a rule in a trace: its comparisons, what is missing, and (with ``values``) the
    values a rule without comparisons read when it fired."""
    lines = [comparison_text(c) for c in step.comparisons]
    if step.alternatives:
        lines.insert(0, "fired by: " + " | ".join(step.alternatives))
    if step.outcome is RuleOutcome.NOT_EVALUABLE and not step.comparisons and step.missing:
        lines.append("missing: " + ", ".join(step.missing))
    if values and step.outcome is RuleOutcome.FIRED and not step.comparisons and step.values:
        lines.append("values: " + ", ".join(f"{k} = {_value(v)}" for k, v in step.values.items()))
    return lines
