"""An area's explanation as text: why, why not, what would change it, how sure, then the evidence.

With ``style=True`` (a terminal) grades are coloured and rules are drawn as a tree; otherwise the text
is plain, for files, pipes and golden tests.
"""

from __future__ import annotations

import click

from judgement._fmt import format_value
from judgement.explaining.why import Explanation
from judgement.judging.trace import AreaStatus, AreaTrace, RuleStep
from judgement.model import Grade
from judgement.renderers._common import evidence_text, grade_use_text, rule_text, step_details

__all__ = ["render_explanation"]


def _one_decimal(value: float | int) -> str:
    """A percentage as DfE publishes it: one decimal place at most."""
    return format_value(round(float(value), 1))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class _Out:
    def __init__(self, style: bool) -> None:
        self.style = style
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        self.lines.append("")
        self.lines.append(click.style(text, bold=True) if self.style else text)

    def grade(self, grade: Grade) -> str:
        return click.style(grade.label, fg=_rgb(grade.colour), bold=True) if self.style else grade.label

    def items(self, entries: list[tuple[str, list[str]]], indent: str = "  ") -> None:
        """Entries with sub-lines, as a tree on a terminal and as indented lines otherwise."""
        for i, (head, subs) in enumerate(entries):
            last = i == len(entries) - 1
            branch, stem = ("└─ ", "   ") if last else ("├─ ", "│  ")
            self.lines.append(indent + (branch if self.style else "") + head)
            for sub in subs:
                self.lines.append(indent + (stem if self.style else "  ") + sub)


def _step_entry(step: RuleStep) -> tuple[str, list[str]]:
    return rule_text(step), step_details(step)


def render_explanation(explanation: Explanation, trace: AreaTrace, header: str, *, style: bool = False) -> str:
    out = _Out(style)
    e = explanation
    out.lines.append(header)
    status = (
        ""
        if e.status is AreaStatus.JUDGED or e.status.value == e.grade.value
        else f" ({e.status.value.replace('_', ' ')})"
    )
    flag = ", borderline" if e.borderline else ""
    out.lines.append(f"Grade: {out.grade(e.grade)}{status}{flag}")
    out.lines.append(f"Reason: {e.reason}")

    out.heading(f"Why {e.grade.label}")
    if e.why:
        out.items([_step_entry(s) for s in e.why])
    elif e.missing:
        out.lines.append("  required evidence missing: " + ", ".join(e.missing))
    elif trace.policy.chosen:  # an area split into aspects: decided by them
        out.lines.append("  decided by its aspects: " + ", ".join(trace.policy.chosen))
    else:
        out.lines.append("  no rule applied")
    out.lines.append(f"  policy ({trace.policy.policy.value}): {trace.policy.note}")

    for why_not in e.why_not:
        out.heading(f"Why not {why_not.grade.label}")
        out.lines.append(f"  {why_not.note}")
        out.items([_step_entry(s) for s in why_not.rules])

    out.heading("What would change it")
    if e.counterfactuals:
        out.items([(("up: " if c.direction == "up" else "down: ") + c.text, []) for c in e.counterfactuals])
    elif e.missing:
        out.lines.append("  provide the missing evidence: " + ", ".join(e.missing))
    else:
        out.lines.append("  no change of up to three measures moves this grade")

    out.heading("How sure")
    if e.borderline:
        entries: list[tuple[str, list[str]]] = []
        for b in e.borderline:
            side = "above" if b.margin >= 0 else "below"
            entries.append(
                (
                    f"borderline: {b.measure} {_one_decimal(b.value)}% (n={b.n}, 95% interval "
                    f"{_one_decimal(b.low)}-{_one_decimal(b.high)}%) is {_one_decimal(abs(b.margin))} points {side} "
                    f"the threshold {_one_decimal(b.required)} of {b.rule}",
                    [],
                )
            )
        out.items(entries)
    else:
        sampled = [u for u in trace.evidence if u.n is not None and not u.missing]
        if sampled:
            out.lines.append("  no deciding threshold lies inside the 95% interval of a sampled measure")
        elif trace.grades:
            out.lines.append("  it reads other areas' grades: how sure each is, is given with that area")
        else:
            out.lines.append("  none of the evidence this area reads comes with a sample size")

    if trace.grades:
        out.heading("Grades it reads")
        out.items([(grade_use_text(u), []) for u in trace.grades])
    out.heading("Evidence")
    out.items([(evidence_text(u), []) for u in trace.evidence])
    return "\n".join(out.lines) + "\n"
