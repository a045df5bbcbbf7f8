"""An area's reason: the chosen rules' templates with the case's values put in, or why it was not judged."""

from __future__ import annotations

from judgement._fmt import format_value, join_words
from judgement.judging.facts import parameter_value
from judgement.judging.policy import Decision
from judgement.judging.trace import AreaStatus
from judgement.model import Area, Case, Rulebook, Template

__all__ = ["reason", "render_template"]


def reason(rulebook: Rulebook, case: Case, area: Area, decision: Decision) -> str:
    """The sentence an area's finding is reported with."""
    if decision.status is AreaStatus.NOT_JUDGED and decision.missing:
        titles = [rulebook.measures[m].title.lower() for m in decision.missing if m in rulebook.measures]
        unjudged = [rulebook.area(m[6:-1]).title for m in decision.missing if m.startswith("grade(")]
        parts = [f"the case gives no evidence of {join_words(titles)}"] if titles else []
        if unjudged:
            parts.append(f"{join_words(unjudged)} {'was' if len(unjudged) == 1 else 'were'} not judged")
        return f"Not judged: {' and '.join(parts)}."
    if decision.status is AreaStatus.CONFLICT:
        return (
            f"Not judged: rules {join_words(list(decision.chosen))} all apply and this area's policy allows only one."
        )
    rules = {r.id: r for r in area.rules}
    return " ".join(render_template(rules[rid].because, rulebook, case) for rid in decision.chosen)


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
        out.append("[no evidence]" if value is None else format_value(value))
    return "".join(out)
