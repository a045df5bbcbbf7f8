"""A page for the director: each area in plain words (the indicator's name, this year, last year,
England and similar councils, the direction of travel, the grade in its scale's own words), the screen's
calibration statement, and the rules behind each grade only in a technical appendix. Printable on one or
two A4 pages; the same rows make the workbook's summary sheet."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from judgement._attrs import frozen
from judgement.data.statistics import INDICATORS, RULEBOOK, statistics
from judgement.judging.calibration import calibration_statement, screen_statement
from judgement.judging.results import AreaJudgement, Judgement
from judgement.judging.trace import EvidenceUse
from judgement.renderers._common import authority_text, escape, figure_text
from judgement.renderers.html import page

__all__ = ["SummaryRow", "summary_page", "summary_rows", "summary_section"]

_BY_MEASURE = {i.measure: i for i in INDICATORS}


@frozen
class SummaryRow:
    """One area as the director's page shows it."""

    area: str
    title: str
    kind: str  # "judgement" (read by no other area) or "indicator" (read from the evidence)
    grade: str  # in the scale's own words
    colour: str
    reason: str
    indicator: str = ""  # the measure's title
    unit: str = ""
    this_year: float | int | str | None = None
    last_year: float | int | None = None
    england: float | int | None = None
    neighbours: float | int | None = None
    direction: str = ""  # up, down or level against last year
    travel: str = ""  # better, worse or "" (the measure has no better direction)
    calibration: str = ""


def _rounded(value: float | int | str | bool | None) -> float | int | str | None:
    """A figure as DfE publishes it: to one decimal place."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value.replace("_", " ")  # a level's word, as a sentence writes it
    return round(value, 1) if isinstance(value, float) else value


def _last_year(judgement: Judgement, measure: str) -> float | int | None:
    """The council's figure a year before, for a case made from the statistics shipped (None otherwise)."""
    case = judgement.case
    indicator = _BY_MEASURE.get(measure)
    if indicator is None or case.authority_code is None or judgement.rulebook.id != RULEBOOK:
        return None
    stats = statistics()
    year = case.inspected.year - 1
    read = stats.reading(indicator, indicator.year_of(year), stats.code_for(case.authority_code, year))
    return _rounded(read[0]) if read is not None else None  # type: ignore[return-value]


def _row(judgement: Judgement, area: AreaJudgement, kind: str) -> SummaryRow:
    grade = area.grade
    statement = calibration_statement(judgement.rulebook, area.area, grade) or ""
    base = SummaryRow(area.area, area.title, kind, grade.label, grade.colour, area.reason, calibration=statement)
    uses: Sequence[EvidenceUse] = [u for u in area.trace.evidence if not u.missing]
    if kind != "indicator" or not uses:
        return base
    use = uses[0]
    this_year, last_year = _rounded(use.value), _last_year(judgement, use.measure)
    direction = travel = ""
    if isinstance(this_year, int | float) and last_year is not None:
        direction = "up" if this_year > last_year else "down" if this_year < last_year else "level"
        if direction != "level" and use.better in ("higher", "lower"):
            travel = "better" if (direction == "up") == (use.better == "higher") else "worse"
    return attrs.evolve(
        base,
        indicator=use.title,
        unit=use.unit,
        this_year=this_year,
        last_year=last_year,
        england=_rounded(use.england),  # type: ignore[arg-type]
        neighbours=_rounded(use.neighbours),  # type: ignore[arg-type]
        direction=direction,
        travel=travel,
    )


def summary_rows(judgement: Judgement) -> list[SummaryRow]:
    """The judgements (areas made from other areas' grades that no other area reads) first, then the areas
    read from the evidence; areas that only count others' grades for another are left to the appendix."""
    rulebook = judgement.rulebook
    read_by_others = {a for area in rulebook.areas for a in (*area.reads_areas, *area.aspects)}
    derived = [a for a in judgement if rulebook.area(a.area).reads_areas or rulebook.area(a.area).aspects]
    plain = [a for a in judgement if a not in derived]
    return [
        *(_row(judgement, a, "judgement") for a in derived if a.area not in read_by_others),
        *(_row(judgement, a, "indicator") for a in plain),
    ]


_ARROW = {"up": "↑", "down": "↓", "level": "→", "": ""}

_CSS = """
@page { size: A4; margin: 12mm; }
section.summary { font-size: 13px; }
section.summary table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; }
section.summary th, section.summary td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #d0d0d7;
  vertical-align: top; }
section.summary td.num { text-align: right; white-space: nowrap; }
section.summary td .note { font-size: 12px; }
section.summary .better { color: #1b7f3b; } section.summary .worse { color: #b3261e; }
section.summary details { margin-top: 10px; }
@media print { body { background: #fff; padding: 0; } section.case { border: 0; padding: 0; }
  section.summary details { display: none; } }
"""


def _badge(row: SummaryRow) -> str:
    return f'<span class="badge" style="background: {row.colour}">{escape(row.grade)}</span>'


def summary_section(judgement: Judgement) -> str:
    """One judgement's part of the director's page."""
    rows = summary_rows(judgement)
    judgements = "".join(
        f"<tr><td>{escape(r.title)}</td><td>{_badge(r)}</td><td>{escape(r.reason)}"
        + (f'<div class="note">{escape(r.calibration)}</div>' if r.calibration else "")
        + "</td></tr>"
        for r in rows
        if r.kind == "judgement"
    )
    figures = "".join(
        f"<tr><td>{escape(r.title)}"
        + (f'<div class="note">{escape(r.indicator)}</div>' if r.indicator and r.indicator != r.title else "")
        + f"</td><td class='num'>{escape(figure_text(r.this_year, r.unit))}</td>"
        f"<td class='num'>{escape(figure_text(r.last_year, r.unit))}</td>"
        f"<td class='num {r.travel}' title='{escape(r.travel or r.direction)}'>{_ARROW[r.direction]}</td>"
        f"<td class='num'>{escape(figure_text(r.england, r.unit))}</td>"
        f"<td class='num'>{escape(figure_text(r.neighbours, r.unit))}</td><td>{_badge(r)}</td></tr>"
        for r in rows
        if r.kind == "indicator"
    )
    statement = screen_statement(judgement.rulebook)
    case = judgement.case
    appendix = "".join(
        f"<li><b>{escape(a.title)}</b>: {escape(a.grade.label)}; rules chosen: "
        f"<code>{escape(', '.join(a.rules_fired) or 'none')}</code>"
        + "".join(
            f"<br><code>{escape(step.rule)}</code> ({escape(step.outcome.label)}): <code>{escape(step.when)}</code>"
            for step in a.trace.rules
            if step.chosen
        )
        + "</li>"
        for a in judgement
    )
    when = (
        f"figures for the year to {case.inspected:%-d %B %Y}"
        if case.authority_code is not None
        else f"inspected {case.inspected:%-d %B %Y}"
    )
    return (
        f'<section class="case summary"><h1>{escape(authority_text(judgement))}</h1>'
        f'<p class="meta">{escape(when)} · {escape(judgement.rulebook.title)} {escape(judgement.rulebook.version)}</p>'
        + (f'<p class="screen">{escape(statement)}</p>' if statement else "")
        + (
            "<h2>Judgements</h2><table><thead><tr><th>Judgement</th><th>Grade</th><th>Why</th></tr></thead>"
            f"<tbody>{judgements}</tbody></table>"
            if judgements
            else ""
        )
        + (
            "<h2>The figures behind them</h2><table><thead><tr><th>Area and indicator</th><th>This year</th>"
            "<th>Last year</th><th></th><th>England</th><th>Similar councils</th><th>Grade</th></tr></thead>"
            f"<tbody>{figures}</tbody></table>"
            if figures
            else ""
        )
        + '<p class="note">Figures are rounded to one decimal place, as DfE publishes them. Arrows compare this '
        "year with last year: green where that is better, red where it is worse.</p>"
        + f"<details><summary>Technical appendix: the rules behind each grade</summary><ul>{appendix}</ul></details>"
        + "</section>"
    )


def summary_page(title: str, sections: Sequence[str]) -> str:
    """The director's page: the sections of one or more judgements, in one HTML document."""
    return page(title, f"<style>{_CSS}</style>" + "\n".join(sections))
