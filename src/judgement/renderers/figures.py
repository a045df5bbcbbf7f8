"""Pictures of a council's published indicators against every council (inline SVG, no requests): a
funnel plot per indicator with a denominator (the rate of every council against its size, the 95% and
99.8% control limits around England, this council and its statistical neighbours marked) and a time
series of the council, its neighbours' mean and England since 2013.

Drawn for cases made from official statistics (they carry the council's code and the ilacs-2018
rulebook), from the statistics the package ships; a case they do not hold is drawn without pictures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from judgement._fmt import format_value
from judgement.data.statistics import (
    INDICATORS,
    RULEBOOK,
    Indicator,
    Statistics,
    statistics,
)
from judgement.judging.results import Judgement
from judgement.renderers._common import escape

__all__ = ["drawn", "figures", "figures_for", "series_svg"]

_Z = (("95%", 1.96, "4 3"), ("99.8%", 3.09, ""))
_W, _H, _PAD = 420, 230, 34


def drawn(judgement: Judgement) -> tuple[str, int] | None:
    """The council and reporting year a case's figures are drawn for; None for a case not made from
    official statistics."""
    case = judgement.case
    if case.authority_code is None or judgement.rulebook.id != RULEBOOK:
        return None
    return case.authority_code, case.inspected.year


def figures(judgement: Judgement) -> str:
    """The figures section of a council's report, or "" for a case not made from official statistics."""
    at = drawn(judgement)
    return figures_for(*at) if at is not None else ""


def figures_for(code: str, year: int) -> str:
    """The figures section of the report of council ``code`` for reporting ``year`` ("" where the
    statistics shipped have no figures for it)."""
    stats = statistics()
    if (INDICATORS[0].table, year, code) not in stats.rows:
        return ""
    parts = []
    for indicator in INDICATORS:
        funnel = _funnel(stats, indicator, year, code)
        series = _series(stats, indicator, year, code)
        if funnel or series:
            caption = f"<figcaption>{escape(indicator.measure)}</figcaption>"
            parts.append(f'<figure class="indicator">{caption}{funnel}{series}</figure>')
    if not parts:
        return ""
    legend = (
        '<p class="note">Funnel plots: every council\'s figure against its denominator, with the 95% (dashed) '
        "and 99.8% (solid) control limits around England (the line); this council in red, its statistical "
        "neighbours in orange. Time series: this council (red), its neighbours' mean (orange) and England "
        f"(black), to {year}. Figures: DfE; contains public sector information licensed under the Open "
        "Government Licence v3.0.</p>"
    )
    return (
        "<h2>Indicators against every council</h2>\n" + legend + '\n<div class="figures">' + "\n".join(parts) + "</div>"
    )


def _neighbours(stats: Statistics, code: str, year: int) -> set[str]:
    return set(stats.neighbours_of(code, year))


def _funnel(stats: Statistics, indicator: Indicator, year: int, code: str) -> str:
    points = []
    at = indicator.year_of(year)
    for other in stats.councils(year):
        read = stats.reading(indicator, at, other)
        if read is None:
            continue
        value, count, _ = read
        if value is not None and count:
            points.append((other, float(count), float(value)))
    national = stats.reading(indicator, at, "")
    centre = national[0] if national else None
    if len(points) < 10 or centre is None:
        return ""
    centre = float(centre)
    top_n = max(size for _, size, _ in points) * 1.05
    values = [v for _, _, v in points]
    low, high = max(0.0, min(values) - 5), min(100.0, max(values) + 5)

    def x(n: float) -> float:
        return _PAD + (math.log10(max(n, 1)) / math.log10(top_n)) * (_W - _PAD - 10)

    def y(v: float) -> float:
        return _H - _PAD - (min(max(v, low), high) - low) / ((high - low) or 1) * (_H - _PAD - 10)

    near = _neighbours(stats, code, year)
    out = [
        f'<svg class="funnel" role="img" viewBox="0 0 {_W} {_H}" width="100%" height="{_H}" '
        f'aria-label="{escape(indicator.measure)}: every council against its size, {year}">',
        f'<line x1="{_PAD}" y1="{y(centre):.1f}" x2="{_W - 10}" y2="{y(centre):.1f}" stroke="#1d1d1f"/>',
        f'<text x="{_W - 12}" y="{y(centre) - 4:.1f}" text-anchor="end">England {escape(format_value(centre))}%</text>',
    ]
    for label, z, dash in _Z:
        for side in (1, -1):
            line = []
            for step in range(41):
                size = 10 ** (math.log10(5) + step / 40 * (math.log10(top_n) - math.log10(5)))
                spread = math.sqrt(max(centre * (100 - centre), 0.0) / size)
                line.append(f"{x(size):.1f},{y(centre + side * z * spread):.1f}")
            out.append(
                f'<polyline class="limit" points="{" ".join(line)}" fill="none" stroke="#6d6d78" '
                f'stroke-dasharray="{dash}" stroke-width="1"><title>{label} limit</title></polyline>'
            )
    for other, size, share in sorted(points, key=lambda p: (p[0] == code, p[0] in near)):
        kind = "this" if other == code else "neighbour" if other in near else "other"
        fill, r = {"this": ("#b3261e", 5), "neighbour": ("#b26a00", 3.5), "other": ("#9a9aa6", 2.2)}[kind]
        name = stats.names.get(other, other)
        out.append(
            f'<circle class="{kind}" cx="{x(size):.1f}" cy="{y(share):.1f}" r="{r}" fill="{fill}">'
            f"<title>{escape(name)}: {escape(format_value(share))}% of {int(size):,}</title></circle>"
        )
    out.append(f'<text x="{_PAD}" y="{_H - 8}">denominator (log scale) · {year}</text>')
    out.append("</svg>")
    return "".join(out)


def _series(stats: Statistics, indicator: Indicator, year: int, code: str) -> str:
    years = [y for y in stats.years() if y <= year]
    lines: dict[str, list[tuple[int, float]]] = {"council": [], "neighbours": [], "England": []}
    for y_ in years:  # reporting years, each with the figures its case uses
        read = stats.reading(indicator, indicator.year_of(y_), code)
        if read is not None and (value := read[0]) is not None:
            lines["council"].append((y_, float(value)))
        national = stats.reading(indicator, indicator.year_of(y_), "")
        if national is not None and (value := national[0]) is not None:
            lines["England"].append((y_, float(value)))
        mean = stats.neighbours_mean(indicator, code, y_)
        if mean is not None:
            lines["neighbours"].append((y_, mean))
    if len(lines["council"]) < 2:
        return ""
    first = min(y_ for line in lines.values() for y_, _ in line)
    return series_svg(lines, year, f"{indicator.measure} since {first}: the council, its neighbours and England")


def series_svg(lines: Mapping[str, Sequence[tuple[int, float]]], last: int, label: str) -> str:
    """A time series: the council (red), its neighbours' mean (orange) and England (black), each a list of
    (reporting year, figure), to reporting year ``last``, described by ``label``. "" when there is nothing
    to draw."""
    every = [v for line in lines.values() for _, v in line]
    if not every:
        return ""
    low, high = min(every), max(every)
    span = (high - low) or 1.0
    first = min(y_ for line in lines.values() for y_, _ in line)

    def px(y_: int) -> float:
        return _PAD + (y_ - first) / ((last - first) or 1) * (_W - _PAD - 10)

    def py(v: float) -> float:
        return _H - _PAD - (v - low) / span * (_H - _PAD - 20)

    out = [
        f'<svg class="series" role="img" viewBox="0 0 {_W} {_H}" width="100%" height="{_H}" '
        f'aria-label="{escape(label)}">'
    ]
    colours = {"council": "#b3261e", "neighbours": "#b26a00", "England": "#1d1d1f"}
    for name, line in lines.items():
        if line:
            points = " ".join(f"{px(y_):.1f},{py(v):.1f}" for y_, v in line)
            out.append(
                f'<polyline class="{name.lower()}" points="{points}" fill="none" stroke="{colours[name]}" '
                f'stroke-width="2"><title>{name}</title></polyline>'
            )
    out.append(
        f'<text x="{_PAD}" y="{_H - 8}">{first}</text><text x="{_W - 10}" y="{_H - 8}" text-anchor="end">{last}</text>'
    )
    out.append(
        f'<text x="{_PAD}" y="14">{escape(format_value(round(high, 1)))}</text>'
        f'<text x="{_PAD}" y="{_H - _PAD + 12}">{escape(format_value(round(low, 1)))}</text>'
    )
    out.append("</svg>")
    return "".join(out)
