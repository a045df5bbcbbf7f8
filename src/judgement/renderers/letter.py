"""A draft letter in the style inspectors write: an opening naming the mix of findings, a heading per
grade of the rulebook's scales (empty ones left out), one bullet per judged area from its reason, and a
closing sentence about follow-up when a finding calls for action. Headings and phrases come from the
scales the rulebook declares; the wording of the frame is the project's own."""

from __future__ import annotations

from judgement._fmt import join_words, long_date
from judgement.judging.calibration import calibration_statement, screen_statement
from judgement.judging.results import Judgement
from judgement.judging.trace import AreaStatus
from judgement.model import NOT_JUDGED, Grade, Rulebook

__all__ = ["mix_of_findings", "render_letter"]


def mix_of_findings(rulebook: Rulebook, grades: set[Grade]) -> str:
    """The opening's summary of the findings from each grade's phrase, best first: "areas of strength and
    satisfactory practice, with some areas for development" (good news first, then what calls for action,
    as each scale splits it: :meth:`~judgement.model.Scale.favourable`)."""
    good: list[str] = []
    weak: list[str] = []
    for scale in rulebook.scales:
        for grade in scale.best_first:
            if grade in grades:
                (good if scale.favourable(grade) else weak).append(grade.phrase)
    if good:
        return join_words(good) + (", with " + join_words(weak) if weak else "")
    return join_words(weak) if weak else NOT_JUDGED.phrase


def render_letter(judgement: Judgement) -> str:
    case = judgement.case
    rulebook = judgement.rulebook
    # An area split into aspects is reported as its aspects' findings, one bullet each.
    split = {a.id for a in rulebook.areas if a.aspects}
    judged = [a for a in judgement if a.grade.judged and a.area not in split]
    lines = [
        f"DRAFT prepared by judgement from case {case.id} (rulebook {judgement.rulebook.id} "
        f"{judgement.rulebook.version}). For an inspector to check and edit before issue.",
        "",
        case.authority,
        "",
        f"{judgement.rulebook.title}: {case.authority}",
        "",
    ]
    screen = screen_statement(rulebook)
    if screen is None:
        lines += [
            f"This letter reports the findings of the inspection of {case.authority}'s children's services, "
            f"which took place on {long_date(case.inspected)}.",
            "",
            f"The inspection found {mix_of_findings(rulebook, {a.grade for a in judged})}.",
        ]
    else:  # a screen of published figures: a briefing, which describes no inspection
        lines += [
            f"This briefing screens the published figures of {case.authority}'s children's services as they stood "
            f"on {long_date(case.inspected)}. {screen}",
            "",
            f"The screen found {mix_of_findings(rulebook, {a.grade for a in judged})}.",
        ]
    follow_up = []
    for grade in rulebook.heading_order:
        areas = [a for a in judged if a.grade == grade]
        if not areas:
            continue
        lines.extend(["", grade.heading, ""])
        for area in areas:
            statement = calibration_statement(rulebook, area.area, area.grade)
            lines.append(f"- {area.reason}" + (f" ({statement})" if statement else ""))
        if not rulebook.scale(grade.scale).favourable(grade):
            follow_up.append(f"'{grade.heading}'")
    if follow_up:
        lines.extend(["", f"The findings under {join_words(follow_up)} will be followed up at the next inspection."])
    partial = [a.title for a in judgement if a.status is AreaStatus.PARTIAL and a.area not in split]
    if partial:
        lines.extend(
            [
                "",
                "[Drafting note: judged without evidence that could change the grade: "
                f"{join_words(partial)}; see each finding.]",
            ]
        )
    missing = [a.title for a in judgement if not a.grade.judged and a.area not in split]
    if missing:
        lines.extend(
            [
                "",
                f"[Drafting note: not judged for want of evidence or because rules conflicted: {join_words(missing)}.]",
            ]
        )
    return "\n".join(lines) + "\n"
