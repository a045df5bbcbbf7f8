"""An area's reason: the chosen rules' templates with the case's values put in, or why it was not judged."""

from __future__ import annotations

from collections.abc import Mapping

from judgement._fmt import format_value, join_words, long_date
from judgement.judging.facts import parameter_value
from judgement.judging.policy import Decision
from judgement.judging.status import AreaStatus
from judgement.lang.normal import AnyOf
from judgement.lang.normal import tests as tests_of
from judgement.lang.printer import grade_area
from judgement.model import TRIGGERS, Area, Case, Evidence, Rule, Rulebook, Template

__all__ = ["NO_EVIDENCE", "describe_value", "fixed_reason", "reason", "render_template"]

#: What a reason says where a value it names is missing.
NO_EVIDENCE = "[no evidence]"


def reason(
    rulebook: Rulebook,
    case: Case,
    area: Area,
    decision: Decision,
    triggered: Mapping[str, tuple[int, ...]] | None = None,
    aspects: Mapping[str, str] | None = None,
) -> str:
    """The sentence an area's finding is reported with. ``triggered`` gives, for a chosen rule whose
    condition has alternatives, which of them hold: a rule with a reason per alternative gives those
    reasons, and ``{triggers}`` names their evidence. An area split into aspects gives the reasons of the
    aspects that decided its grade (``aspects``: the reason of each aspect)."""
    if area.aspects:
        return _combined(rulebook, area, decision, aspects or {})
    if decision.status is AreaStatus.NOT_JUDGED and decision.missing:
        titles = [rulebook.measures[m].title.lower() for m in decision.missing if m in rulebook.measures]
        unjudged = [rulebook.area(a).title for a in map(grade_area, decision.missing) if a is not None]
        parts = [f"the case gives no evidence of {join_words(titles)}"] if titles else []
        if unjudged:
            parts.append(f"{join_words(unjudged)} {'was' if len(unjudged) == 1 else 'were'} not judged")
        return f"Not judged: {' and '.join(parts)}."
    if decision.status is AreaStatus.NOT_JUDGED and not decision.chosen and not area.in_force(case.inspected):
        return f"Not judged: {_dates_text(area)}."
    if decision.status is AreaStatus.CONFLICT:
        return (
            f"Not judged: rules {join_words(list(decision.chosen))} all apply and this area's policy allows only one."
        )
    rules = {r.id: r for r in area.rules}
    held = triggered or {}
    parts = []
    for rid in decision.chosen:
        rule = rules[rid]
        which = held.get(rid, ())
        templates = [rule.reasons[i] for i in which] if rule.reasons and which else [rule.because]
        for template in templates:
            if template.fixed is not None:  # names no value
                parts.append(template.fixed)
            else:
                triggers = _trigger_text(rulebook, case, rule, which) if template.triggers else ""
                parts.append(render_template(template, rulebook, case, triggers))
    text = " ".join(parts)
    if decision.status is AreaStatus.PARTIAL:
        gaps = join_words([describe_value(rulebook, name) for name in decision.unknown])
        text += f" (Judged without {gaps}, which could change this grade.)"
    return text


def _dates_text(area: Area) -> str:
    """When an area given only for a time is judged, in words."""
    start, end = area.effective_from, area.effective_to
    if start and end:
        return f"this judgement is given from {long_date(start)} to {long_date(end)}"
    if start:
        return f"this judgement is given from {long_date(start)}"
    assert end is not None
    return f"this judgement was given until {long_date(end)}"


def fixed_reason(area: Area, decision: Decision, triggered: Mapping[str, tuple[int, ...]]) -> bool:
    """Whether :func:`reason` gives the same sentence for every case with this decision and these
    alternatives held: the area is not split into aspects, and the reasons of the chosen rules name no
    value (a finding that is not judged is told from the decision alone)."""
    if area.aspects:
        return False
    if not decision.status.judged:
        return True
    for rule in area.rules:
        if rule.id in decision.chosen:
            which = triggered.get(rule.id, ())
            templates = [rule.reasons[i] for i in which] if rule.reasons and which else [rule.because]
            if any(t.fixed is None for t in templates):
                return False
    return True


_ATTRIBUTE_WORDS = {
    "england": "the England figure for",
    "neighbours": "the figure of similar areas for",
    "region": "the regional figure for",
    "three_years_ago": "the figure of three years before for",
    "n": "the sample size of",
    "count": "the count out of the sample of",
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


def _combined(rulebook: Rulebook, area: Area, decision: Decision, aspects: Mapping[str, str]) -> str:
    if not decision.status.judged:
        return f"Not judged: none of its aspects could be judged ({join_words(list(decision.missing))})."
    text = " ".join(aspects[a] for a in decision.chosen if a in aspects)
    if decision.status is AreaStatus.PARTIAL:
        missing = [rulebook.area(a).title.lower() for a in area.aspects if a not in decision.fired]
        if missing:
            text += f" (Judged without {join_words(missing)}, which could change this grade.)"
        else:
            text += " (Judged with some evidence of its aspects missing, which could change this grade.)"
    return text


def _trigger_text(rulebook: Rulebook, case: Case, rule: Rule, which: tuple[int, ...]) -> str:
    """``{triggers}``: the evidence each alternative that holds reads, with its value."""
    if rule.normal is None:
        return ""
    items = rule.normal.items if isinstance(rule.normal, AnyOf) and which else (rule.normal,)
    chosen = [items[i] for i in which] if which else list(items)
    named: dict[str, None] = {}
    for item in chosen:
        for test in tests_of(item):
            for f in test.reads:
                if f.measure and f.attr is None and f.name in case.evidence:
                    named[f.name] = None
    described = []
    for mid in named:
        value = format_value(_shown(case.evidence[mid]))
        percent = "%" if rulebook.measures[mid].unit.value == "percent" else ""
        described.append(f"{describe_value(rulebook, mid)} at {value}{percent}")
    return join_words(described)


def _shown(item: Evidence) -> float | int | bool | str:
    """An evidence value as a reason writes it (a count's percentage to one decimal, a level's word with
    spaces: "requires improvement" for ``requires_improvement``)."""
    value = item.value
    if isinstance(value, str):
        return value.replace("_", " ")
    if item.count is not None and isinstance(value, float):
        return round(value, 1)
    return value


def render_template(template: Template, rulebook: Rulebook, case: Case, triggers: str = "") -> str:
    """Substitute named values into a reason; nothing but values is ever looked up."""
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            after_gap = bool(out) and out[-1] == NO_EVIDENCE and part.startswith("%")
            out.append(part[1:] if after_gap else part)  # "[no evidence]", never "[no evidence]%"
            continue
        if part.name == TRIGGERS and part.name not in rulebook.measures and part.name not in rulebook.parameters:
            out.append(triggers)
            continue
        if part.name in rulebook.parameters:
            dated = parameter_value(case, rulebook.parameters[part.name])
            out.append(format_value(dated.value) if dated else "[not in force]")
            continue
        item = case.evidence.get(part.name)
        value = (item.get(part.attr) if part.attr else _shown(item)) if item else None
        out.append(NO_EVIDENCE if value is None else format_value(value))
    return "".join(out)
