"""HTML: one self-contained file (no scripts, fonts or images fetched), readable on screen and in print.

A summary of grades, then a card per area with its grade, reason, borderline flags, the explanation
(why, what stopped the next grade up, what would change it) and a small chart per measure showing the
value against the rules' thresholds and against England and similar areas, drawn as inline SVG.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from judgement._attrs import frozen
from judgement._fmt import format_value
from judgement.explaining.simulate import AreaChances, Simulation
from judgement.explaining.why import Explanation, Scale
from judgement.judging.calibration import calibration_statement, screen_statement
from judgement.judging.results import AreaJudgement, Judgement
from judgement.judging.trace import AreaStatus
from judgement.model import NOT_JUDGED, Grade, Rulebook
from judgement.renderers._common import authority_text, comparison_text, escape, grade_use_text, summary_line
from judgement.renderers.chances import chances_bar
from judgement.renderers.figures import drawn, figures_for

__all__ = [
    "GridRow",
    "Section",
    "case_section",
    "page",
    "page_body",
    "render_grid",
    "render_html",
    "report_css",
    "section",
]

#: One case in a grid: its section's HTML, (area, title, grade, marks) for each area, and
#: (case id, authority, inspection date).
GridRow = tuple[str, tuple[tuple[str, str, Grade, str], ...], tuple[str, str, str]]

_CSS = """
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #d0d0d7; --paper: #ffffff; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #f4f4f7; margin: 0; padding: 24px; }
main { max-width: 980px; margin: 0 auto; }
section.case { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px;
  margin-bottom: 28px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 0; }
.meta, .note, .calibration { color: var(--muted); font-size: 0.9rem; }
.screen { border-left: 4px solid var(--muted); padding: 0.4rem 0.8rem; background: #f5f7fa; }
table.summary { border-collapse: collapse; width: 100%; margin: 16px 0 8px; }
table.summary th, table.summary td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 0.8rem;
  font-weight: 600; white-space: nowrap; }
table.grid { border-collapse: collapse; font-size: 0.8rem; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 3px 5px; text-align: center; }
table.grid th.area { height: 150px; white-space: nowrap; vertical-align: bottom; }
table.grid th.area span { writing-mode: vertical-rl; transform: rotate(180deg); }
table.grid tbody th { text-align: left; font-weight: 600; }
.gridwrap { overflow-x: auto; }
td.cell a { color: #fff; text-decoration: none; font-weight: 600; display: block; }
.badge.borderline { background: #fff; color: #b26a00; border: 1px solid currentColor; }
.chances { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin: .4rem 0 0; background: #eee; }
.chance { display: block; height: 100%; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr)); gap: 14px;
  margin-top: 14px; }
article.card { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px;
  padding: 12px 14px; break-inside: avoid; }
.card header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; justify-content: space-between; }
.card h3 { font-size: 1rem; margin: 0; }
.card p { margin: 8px 0; }
.card ul { margin: 4px 0 8px; padding-left: 18px; }
.card code, .card li, .card p { overflow-wrap: anywhere; }
.card h4 { font-size: 0.85rem; margin: 10px 0 2px; color: var(--muted); text-transform: uppercase;
  letter-spacing: 0.03em; }
figure { margin: 6px 0; } figcaption { font-size: 0.8rem; color: var(--muted); }
svg text { font: 10px system-ui, sans-serif; fill: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr)); gap: 14px; }
figure.indicator { border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 0; }
footer { color: var(--muted); font-size: 0.8rem; margin-top: 12px; }
@media print { body { background: #fff; padding: 0; } section.case { border: none; page-break-after: always; }
  .cards { display: block; } article.card { margin-bottom: 10px; } }
"""


_PARTIAL = ' <span class="badge borderline" title="judged without evidence that could change the grade">partial</span>'


def _grade(grade: Grade) -> str:
    """A grade's badge, in the colour its scale declares (validated as #rrggbb when the rulebook is read)."""
    return f'<span class="badge {grade.css}" style="background: {grade.colour}">{escape(grade.label)}</span>'


def _rounded(value: float | int, unit: str) -> float | int:
    """A figure on a chart as DfE publishes it: percentages and rates to one decimal place."""
    return round(value, 1) if unit in ("percent", "rate_per_10k") and isinstance(value, float) else value


def _num(value: float | int | None, unit: str) -> str:
    if value is None:
        return "-"
    return format_value(_rounded(value, unit)) + ("%" if unit == "percent" else "")


def _comparators(scale: Scale) -> list[tuple[str, float | int, str]]:
    """The comparators a strip chart marks, with their labels and symbols (those the case gives)."""
    marked = (
        ("England", scale.england, "▼"),
        ("similar areas", scale.neighbours, "◆"),
        ("region", scale.region, "■"),
        ("three years before", scale.three_years_ago, "○"),
    )
    return [(label, value, symbol) for label, value, symbol in marked if value is not None]


def _chart(scale: Scale) -> str:
    """A 100%-wide strip: thresholds as ticks, the comparators as markers, the value as a dot."""
    width, height, left, right = 420, 46, 10, 410
    low, high, unit = scale.low, scale.high, scale.unit
    span = (high - low) or 1.0

    def x(v: float) -> float:
        return left + (min(max(v, low), high) - low) / span * (right - left)

    title = escape(scale.title)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" height="{height}" '
        f'aria-label="{title}">',
        f'<line x1="{left}" y1="22" x2="{right}" y2="22" stroke="#d0d0d7" stroke-width="6" stroke-linecap="round"/>',
        f'<text x="{left}" y="42">{escape(_num(low, unit))}</text>',
        f'<text x="{right}" y="42" text-anchor="end">{escape(_num(high, unit))}</text>',
    ]
    for t in scale.thresholds:
        at = f"{x(float(t.value)):.1f}"
        parts.append(
            f'<line class="threshold" x1="{at}" y1="12" x2="{at}" y2="32" stroke="{t.grade.colour}" '
            f'stroke-width="2"><title>{escape(t.rule)}: {escape(t.op)} {escape(format_value(t.value))}</title></line>'
        )
    comparators = [(label, value, symbol, escape(_num(value, unit))) for label, value, symbol in _comparators(scale)]
    for label, value, symbol, shown in comparators:
        tag, shape = _marker(symbol, x(float(value)))
        parts.append(f'<{tag} class="comparator" {shape}><title>{label}: {shown}</title></{tag}>')
    its = escape(_num(scale.value, unit))
    if scale.value is not None:
        parts.append(
            f'<circle class="value" cx="{x(float(scale.value)):.1f}" cy="22" r="6" fill="#1d1d1f">'
            f"<title>value: {its}</title></circle>"
        )
    parts.append("</svg>")
    legend = [f"value {its}"] + [f"{symbol} {label} {shown}" for label, _, symbol, shown in comparators]
    if scale.thresholds:
        marks = [f"{t.op} {format_value(_rounded(t.value, unit))}" for t in scale.thresholds]
        legend.append("thresholds " + ", ".join(escape(m) for m in marks))
    return f"<figure>{''.join(parts)}<figcaption><strong>{title}</strong>: {' · '.join(legend)}</figcaption></figure>"


def _marker(symbol: str, cx: float) -> tuple[str, str]:
    """A comparator's marker on a strip chart, centred at ``cx``: its tag and attributes."""
    if symbol == "▼":
        return "polygon", f'points="{cx:.1f},6 {cx - 5:.1f},0 {cx + 5:.1f},0" fill="#5b5b66"'
    if symbol == "◆":
        return "polygon", f'points="{cx:.1f},2 {cx + 4:.1f},6 {cx:.1f},10 {cx - 4:.1f},6" fill="#5b5b66"'
    if symbol == "■":
        return "rect", f'x="{cx - 4:.1f}" y="2" width="8" height="8" fill="#5b5b66"'
    return "circle", f'cx="{cx:.1f}" cy="22" r="5" fill="none" stroke="#5b5b66" stroke-width="2"'


def _anchor(case_id: str, area: str = "") -> str:
    return f"{case_id}--{area}" if area else f"case-{case_id}"


def _card(
    area: AreaJudgement, explanation: Explanation, case_id: str, rulebook: Rulebook, chances: AreaChances | None
) -> str:
    flags = ' <span class="badge borderline">borderline</span>' if area.borderline else ""
    if area.status is AreaStatus.PARTIAL:
        flags += _PARTIAL
    body = [
        f'<article class="card {area.grade.css}" style="border-left-color: {area.grade.colour}" '
        f'id="{escape(_anchor(case_id, area.area))}">',
        f"<header><h3>{escape(area.title)}</h3><span>{_grade(area.grade)}{flags}</span></header>",
        f"<p>{escape(area.reason)}</p>",
    ]
    statement = calibration_statement(rulebook, area.area, area.grade)
    if statement:
        body.append(f'<p class="calibration">{escape(statement)}</p>')
    if explanation.why:
        body.append("<h4>Why</h4><ul>")
        body.extend(f"<li><code>{escape(s.rule)}</code>: {escape(s.when)}</li>" for s in explanation.why)
        body.append("</ul>")
    if area.trace.grades:
        body.append("<h4>Grades it reads</h4><ul>")
        body.extend(f"<li>{escape(grade_use_text(u))}</li>" for u in area.trace.grades)
        body.append("</ul>")
    better = [w for w in explanation.why_not if w.rules and w.grade.rank == area.grade.rank + 1]
    for why_not in better:
        body.append(f"<h4>Why not {escape(why_not.grade.label)}</h4><ul>")
        for step in why_not.rules:
            stops = "; ".join(comparison_text(c) for c in step.comparisons) or ", ".join(step.missing)
            body.append(f"<li><code>{escape(step.rule)}</code>: {escape(stops)}</li>")
        body.append("</ul>")
    if explanation.counterfactuals:
        body.append("<h4>What would change it</h4><ul>")
        body.extend(f"<li>{escape(c.text)}</li>" for c in explanation.counterfactuals)
        body.append("</ul>")
    if explanation.borderline:
        body.append("<h4>How sure</h4><ul>")
        for b in explanation.borderline:
            body.append(
                f"<li>{escape(b.measure)} {escape(format_value(b.value))}% (n={b.n}): 95% interval "
                f"{escape(format_value(b.low))}–{escape(format_value(b.high))}% contains the threshold "
                f"{escape(format_value(b.required))} of <code>{escape(b.rule)}</code></li>"
            )
        body.append("</ul>")
    if chances is not None and chances.point != NOT_JUDGED.id:
        body.append("<h4>How likely</h4>")
        body.append(chances_bar(rulebook, chances))
    if explanation.missing:
        body.append(f'<p class="note">Missing evidence: {escape(", ".join(explanation.missing))}</p>')
    body.extend(_chart(s) for s in explanation.scales)
    body.append("</article>")
    return "\n".join(body)


@frozen
class Section:
    """One case's part of a report, with its figures drawn only when it is shown on its own (a grid of
    many councils links to each council's own report instead: every council's funnel plots would make
    it heavy to write and to open)."""

    before: str
    after: str
    figures: tuple[str, int] | None  # the council and year drawn, as render.figures.drawn gives them

    def html(self, *, alone: bool) -> str:
        drawn = figures_for(*self.figures) if alone and self.figures is not None else ""
        return self.before + drawn + self.after


def case_section(
    judgement: Judgement, explanations: Mapping[str, Explanation], simulation: Simulation | None = None
) -> str:
    """One case's part of a report: summary table, area cards (anchors are unique per case) and figures,
    with the probability of each grade when a simulation is given."""
    return section(judgement, explanations, simulation).html(alone=True)


def section(
    judgement: Judgement, explanations: Mapping[str, Explanation], simulation: Simulation | None = None
) -> Section:
    """:func:`case_section`, with its figures left to draw (see :class:`Section`)."""
    case = judgement.case
    borderline = ' <span class="badge borderline">borderline</span>'
    rows = "\n".join(
        f'<tr><td><a href="#{escape(_anchor(case.id, a.area))}">{escape(a.title)}</a></td><td>{_grade(a.grade)}'
        f"{borderline if a.borderline else ''}{_PARTIAL if a.status is AreaStatus.PARTIAL else ''}</td></tr>"
        for a in judgement
    )
    order = {g: i for i, g in enumerate(judgement.rulebook.heading_order)}
    chances = simulation.areas if simulation is not None else {}
    cards = "\n".join(
        _card(a, explanations[a.area], case.id, judgement.rulebook, chances.get(a.area))
        for a in sorted(judgement, key=lambda a: order[a.grade])
    )
    stamp = judgement.stamp
    statement = screen_statement(judgement.rulebook)
    screen = f'<p class="screen">{escape(statement)}</p>\n' if statement else ""
    before = f"""<section class="case" id="{escape(_anchor(case.id))}">
<h1>{escape(authority_text(judgement))}</h1>
<p class="meta">Inspected {escape(case.inspected.isoformat())} · case <code>{escape(case.id)}</code> · rulebook
{escape(judgement.rulebook.title)} {escape(judgement.rulebook.version)} · {escape(summary_line(judgement))}</p>
{screen}<table class="summary"><thead><tr><th>Area</th><th>Grade</th></tr></thead><tbody>
{rows}
</tbody></table>
<div class="cards">
{cards}
</div>
"""
    digests = (
        f"Rulebook digest {escape(stamp.rulebook_digest[:12])} · evidence digest {escape(stamp.evidence_digest[:12])}"
    )
    after = f"""
<footer>{digests}
· judgement {escape(stamp.library_version)} · {escape(stamp.engine)}</footer>
</section>"""
    return Section(before, after, drawn(judgement))


def render_html(
    items: Sequence[tuple[Judgement, Mapping[str, Explanation]]],
    title: str | None = None,
    simulations: Mapping[str, Simulation] | None = None,
) -> str:
    """One HTML document for one or more judged cases, each with the explanations of its areas (and, by
    case id, the probability of each grade)."""
    heading = title or (items[0][0].case.authority if len(items) == 1 else f"{len(items)} cases")
    sims = simulations or {}
    return page(heading, "\n".join(case_section(j, e, sims.get(j.case.id)) for j, e in items))


def render_grid(items: Sequence[GridRow], note: str = "") -> str:
    """Many cases: a grid of authorities by areas coloured by grade, each cell linking to its explanation,
    followed by every case's section. ``items`` holds (section html, (area, title, grade, borderline)...,
    (case id, authority, inspected))."""
    areas: dict[str, str] = {}
    for _, grades, _ in items:
        areas.update({a: t for a, t, _, _ in grades if a not in areas})
    head = "".join(f'<th class="area" title="{escape(t)}"><span>{escape(t)}</span></th>' for t in areas.values())
    rows = []
    for _, grades, (case_id, authority, inspected) in items:
        by_area = {a: (g, b) for a, _, g, b in grades}
        cells = []
        for area in areas:
            if area not in by_area:
                cells.append("<td></td>")
                continue
            grade, mark = by_area[area]
            cells.append(
                f'<td class="cell {grade.css}" style="background: {grade.colour}">'
                f'<a href="#{escape(_anchor(case_id, area))}" '
                f'title="{escape(grade.label)}">{grade.code}{mark}</a></td>'
            )
        rows.append(
            f'<tr><th><a href="#{escape(_anchor(case_id))}">{escape(authority)}</a>'
            f'<div class="meta">{escape(inspected)}</div></th>{"".join(cells)}</tr>'
        )
    grid = (
        f'<section class="case"><h1>{len(items)} cases</h1>'
        f'<p class="meta">{_legend(items)} · * borderline · ? partial</p>'
        + (f'<p class="note">{escape(note)}</p>' if note else "")
        + f'<div class="gridwrap"><table class="grid"><thead><tr><th></th>{head}</tr></thead><tbody>'
        + "\n".join(rows)
        + "</tbody></table></div></section>"
    )
    # the page written in one join: a grid of every council is large, and each copy of it costs
    parts = [_page_head(f"{len(items)} cases"), grid]
    for section, _, _ in items:
        parts += ("\n", section)
    parts.append(_PAGE_TAIL)
    return "".join(parts)


def _legend(items: Sequence[GridRow]) -> str:
    """The codes of the grades a grid shows, best first within each scale, not judged last."""
    shown = {g for _, grades, _ in items for _, _, g, _ in grades}
    ordered = sorted(shown, key=lambda g: (g.rank < 0, g.scale, -g.rank))
    return " · ".join(f"{escape(g.code)} {escape(g.label)}" for g in ordered)


def page_body(document: str) -> str:
    """What :func:`page` put inside ``<main>`` of ``document`` (for a server that lays out its own page
    around a report)."""
    start, end = document.index("<main>\n") + len("<main>\n"), document.rindex("\n</main>")
    return document[start:end]


def report_css() -> str:
    """The style sheet of every report page (for a server that serves it as a file of its own)."""
    return _CSS


def page(heading: str, body: str) -> str:
    """A complete, self-contained HTML document around ``body``."""
    return "".join((_page_head(heading), body, _PAGE_TAIL))


def _page_head(heading: str) -> str:
    """A page up to where its body starts (see :func:`page`)."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(heading)} - judgement report</title>
<style>{_CSS}</style>
</head>
<body>
<main>
"""


#: A page from where its body ends (see :func:`page`).
_PAGE_TAIL = """
</main>
</body>
</html>
"""
