"""A draft letter in the style inspectors write: an opening naming the mix of findings, the four
headings (empty ones left out), one bullet per judged area from its reason, and the closing sentence
about follow-up at the next inspection. The wording of the frame is the project's own."""

from __future__ import annotations

import datetime as dt

from judgement._fmt import join_words
from judgement.judging.results import Judgement
from judgement.model import Grade

__all__ = ["mix_of_findings", "render_letter"]

#: The grades a letter reports under headings, best first.
_ORDER = Grade.best_first()[:-1]


def mix_of_findings(grades: set[Grade]) -> str:
    """ "areas of strength and satisfactory practice, with some areas for development", and so on."""
    scale = Grade.scale()
    middle = len(scale) // 2  # the upper half of the scale is good news, the lower half calls for action
    good = [g.style.phrase for g in reversed(scale[middle:]) if g in grades]
    weak = [g.style.phrase for g in reversed(scale[:middle]) if g in grades]
    if good:
        opening = "areas of " + join_words(good) if scale[-1] in grades else join_words(good)
        return opening + (", with " + join_words(weak) if weak else "")
    return join_words(weak).removeprefix("some ") if weak else Grade.NOT_JUDGED.style.phrase


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def render_letter(judgement: Judgement) -> str:
    case = judgement.case
    judged = [a for a in judgement if a.grade is not Grade.NOT_JUDGED]
    lines = [
        f"DRAFT prepared by judgement from case {case.id} (rulebook {judgement.rulebook.id} "
        f"{judgement.rulebook.version}). For an inspector to check and edit before issue.",
        "",
        case.authority,
        "",
        f"{judgement.rulebook.title}: {case.authority}",
        "",
        f"This letter reports what the inspection of contact, referral and assessment arrangements in "
        f"{case.authority}'s children's services found. The inspection took place on "
        f"{_long_date(case.inspected)}.",
        "",
        f"The inspection found {mix_of_findings({a.grade for a in judged})}.",
    ]
    for grade in _ORDER:
        areas = [a for a in judged if a.grade is grade]
        if not areas:
            continue
        lines.extend(["", grade.heading, ""])
        lines.extend(f"- {a.reason}" for a in areas)
    lines.extend(
        [
            "",
            "The areas for development and for priority action above will be followed up at the next "
            "inspection of the council's services to safeguard children.",
        ]
    )
    missing = [a.title for a in judgement if a.grade is Grade.NOT_JUDGED]
    if missing:
        lines.extend(
            [
                "",
                f"[Drafting note: not judged for want of evidence or because rules conflicted: {join_words(missing)}.]",
            ]
        )
    return "\n".join(lines) + "\n"
