"""An area's reason: the chosen rules' templates with the case's values put in, or why it was not judged."""

from __future__ import annotations

from judgement._fmt import format_value, join_words
from judgement.judging.facts import parameter_value
from judgement.judging.policy import Decision
from judgement.judging.trace import AreaStatus
from judgement.lang.printer import grade_area
from judgement.model import Area, Case, Rulebook, Template

__all__ = ["describe_value", "reason", "render_template"]


def reason(rulebook: Rulebook, case: Case, area: Area, decision: Decision) -> str:
    """The sentence an area's finding is reported with."""
    if decision.status is AreaStatus.NOT_JUDGED and decision.missing:
        titles = [rulebook.measures[m].title.lower() for m in decision.missing if m in rulebook.measures]
        unjudged = [rulebook.area(a).title for a in map(grade_area, decision.missing) if a is not None]
        parts = [f"the case gives no evidence of {join_words(titles)}"] if titles else []
        if unjudged:
            parts.append(f"{join_words(unjudged)} {'was' if len(unjudged) == 1 else 'were'} not judged")
        return f"Not judged: {' and '.join(parts)}."
    if decision.status is AreaStatus.CONFLICT:
        return (
            f"Not judged: rules {join_words(list(decision.chosen))} all apply and this area's policy allows only one."
        )
    rules = {r.id: r for r in area.rules}
    text = " ".join(render_template(rules[rid].because, rulebook, case) for rid in decision.chosen)
    if decision.status is AreaStatus.PARTIAL:
        gaps = join_words([describe_value(rulebook, name) for name in decision.unknown])
        text += f" (Judged without {gaps}, which could change this grade.)"
    return text


_ATTRIBUTE_WORDS = {
    "england": "the England figure for",
    "neighbours": "the figure of similar areas for",
    "n": "the sample size of",
}


def describe_value(rulebook: Rulebook, text: str) -> str:
    """A value a rule reads, in words: "the England figure for re-referrals" for ``rereferrals.england``."""
    area = grade_area(text)
    if area is not None:
        return f"a grade for {rulebook.area(area).title.lower()}"
    name, _, attr = text.partition(".")
    if name in rulebook.parameters:
        return rulebook.parameters[name].title.lower() + " (not in force)"
    title = rulebook.measures[name].title
    title = title[0].lower() + title[1:] if len(title) > 1 and title[1].islower() else title
    return f"{_ATTRIBUTE_WORDS[attr]} {title}" if attr else title


def render_template(template: Template, rulebook: Rulebook, case: Case) -> str:
    """Substitute named values into a reason; nothing but values is ever looked up."""
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        if part.name in rulebook.parameters:
            dated = parameter_value(case, rulebook.parameters[part.name])
            out.append(format_value(dated.value) if dated else "[not in force]")
            continue
        item = case.evidence.get(part.name)
        value = item.get(part.attr) if item else None
        if item is not None and item.count is not None and part.attr is None and isinstance(value, float):
            value = round(value, 1)  # a count out of a sample: its percentage to one decimal
        out.append("[no evidence]" if value is None else format_value(value))
    return "".join(out)
