"""The side-by-side views (:mod:`judgement.analysis.compare`) as text, CSV, an .xlsx workbook (a sheet per
view) and HTML (a small chart per indicator over the years)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from judgement.analysis.compare import AgainstNeighbours, OverYears
from judgement.renderers._common import escape, figure_text, spreadsheet_safe
from judgement.renderers.figures import series_svg
from judgement.renderers.html import page
from judgement.renderers.workbook import Column, Sheet, workbook

__all__ = ["COMPARE_FORMATS", "render_compare"]

COMPARE_FORMATS = ("text", "csv", "xlsx", "html")

_ARROWS = {"up": "↑", "down": "↓", "level": "→", "": ""}
_SOURCE = "Figures: DfE's children in need, workforce and children looked after releases, as published."


def _travel(direction: str, travel: str) -> str:
    arrow = _ARROWS[direction]
    return f"{arrow} {travel}".strip() if direction else ""


def _rank(rank: int | None, of: int, better: str) -> str:
    if rank is None:
        return "-"
    return f"{rank} of {of}" + ("" if better in ("higher", "lower") else " (highest first)")


# ---------------------------------------------------------------------------------------------- text


def _years_text(view: OverYears) -> list[str]:
    head = ["indicator", *map(str, view.years), "England", "neighbours", "travel"]
    rows = [
        [
            i.title,
            *(figure_text(v, i.unit) for v in i.council),
            figure_text(i.england[-1], i.unit),
            figure_text(i.neighbours[-1], i.unit),
            _travel(i.direction, i.travel),
        ]
        for i in view.indicators
    ]
    grades = [
        [title, *(g.label if g is not None else "-" for g in years), "", "", ""] for _, title, years in view.grades
    ]
    return [
        f"{view.name} ({view.code}) over {view.years[0]} to {view.years[-1]}",
        "",
        *_table(head, rows),
        "",
        "Grades each year",
        *_table(["area", *map(str, view.years), "", "", ""], grades),
    ]


def _neighbours_text(view: AgainstNeighbours) -> list[str]:
    head = ["indicator", view.name, "England", "neighbours' mean", "rank (1 = best)"]
    rows = [
        [
            r.title,
            figure_text(r.council, r.unit),
            figure_text(r.england, r.unit),
            figure_text(r.mean, r.unit),
            _rank(r.rank, r.of, r.better),
        ]
        for r in view.indicators
    ]
    each = [
        [name, *(figure_text(r.neighbours[k], r.unit) for r in view.indicators)]
        for k, (_, name) in enumerate(view.neighbours)
    ]
    return [
        f"{view.name} ({view.code}) against its statistical neighbours, {view.year}",
        "",
        *_table(head, rows),
        "",
        "Each neighbour's figures",
        *_table(["neighbour", *(r.measure for r in view.indicators)], each),
    ]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[k])) for r in (head, *rows)) for k in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True)).rstrip()]
    lines.extend("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    return lines


# ----------------------------------------------------------------------------------------------- csv


def _years_rows(view: OverYears) -> tuple[list[Column], list[tuple[object, ...]]]:
    columns = [Column("council"), Column("measure"), Column("indicator"), Column("year")]
    columns += [Column("figure", "unit"), Column("England", "unit"), Column("neighbours' mean", "unit"), Column("unit")]
    rows: list[tuple[object, ...]] = [
        (view.name, i.measure, i.title, year, i.council[k], i.england[k], i.neighbours[k], i.unit)
        for i in view.indicators
        for k, year in enumerate(view.years)
    ]
    return columns, rows


def _neighbour_rows(view: AgainstNeighbours) -> tuple[list[Column], list[tuple[object, ...]]]:
    columns = [
        Column("indicator"),
        Column("measure"),
        Column("unit"),
        Column(view.name, "unit"),
        Column("England", "unit"),
    ]
    columns += [Column(name, "unit") for _, name in view.neighbours]
    columns += [Column("neighbours' mean", "unit"), Column("rank"), Column("of"), Column("1 is")]
    rows: list[tuple[object, ...]] = [
        (
            r.title,
            r.measure,
            r.unit,
            r.council,
            r.england,
            *r.neighbours,
            r.mean,
            r.rank,
            r.of,
            "the best" if r.better in ("higher", "lower") else "the highest",
        )
        for r in view.indicators
    ]
    return columns, rows


def _grade_rows(view: OverYears) -> tuple[list[Column], list[tuple[object, ...]]]:
    columns = [Column("area"), Column("title"), *(Column(str(y)) for y in view.years)]
    rows: list[tuple[object, ...]] = [
        (a, t, *(g.label if g is not None else None for g in gs)) for a, t, gs in view.grades
    ]
    return columns, rows


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _csv(views: Sequence[OverYears | AgainstNeighbours]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, view in enumerate(views):
        if n:
            writer.writerow([])
        columns, rows = _years_rows(view) if isinstance(view, OverYears) else _neighbour_rows(view)
        writer.writerow([c.title for c in columns])
        writer.writerows(
            [["" if v is None else spreadsheet_safe(v) if isinstance(v, str) else v for v in row] for row in rows]
        )
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- xlsx


def _xlsx(views: Sequence[OverYears | AgainstNeighbours]) -> bytes:
    sheets = []
    for view in views:
        if isinstance(view, OverYears):
            columns, rows = _years_rows(view)
            note = f"{view.name} over {view.years[0]} to {view.years[-1]}. {_SOURCE}"
            sheets.append(Sheet("Over years", _units(columns, rows), tuple(rows), note))
            columns, rows = _grade_rows(view)
            sheets.append(Sheet("Grades each year", tuple(columns), tuple(rows), f"{view.name}: the screen's grades."))
        else:
            columns, rows = _neighbour_rows(view)
            note = f"{view.name} against its statistical neighbours, {view.year}. {_SOURCE}"
            sheets.append(Sheet("Neighbours", _units(columns, rows), tuple(rows), note))
    return workbook(sheets)


def _units(columns: list[Column], rows: list[tuple[object, ...]]) -> tuple[Column, ...]:
    """Columns marked "unit" take the unit of each row (a sheet mixes percentages and rates): the workbook
    formats each figure by its row's unit, given in the column named unit."""
    at = next(k for k, c in enumerate(columns) if c.title == "unit")
    units = {str(r[at]) for r in rows}
    unit = units.pop() if len(units) == 1 else "row"
    return tuple(Column(c.title, unit if c.unit == "unit" else c.unit) for c in columns)


# ---------------------------------------------------------------------------------------------- html


def _points(years: Sequence[int], figures: Sequence[float | int | None]) -> list[tuple[int, float]]:
    return [(year, float(v)) for year, v in zip(years, figures, strict=True) if v is not None]


def _years_html(view: OverYears) -> str:
    cards = []
    for i in view.indicators:
        chart = series_svg(
            {
                "council": _points(view.years, i.council),
                "neighbours": _points(view.years, i.neighbours),
                "England": _points(view.years, i.england),
            },
            view.years[-1],
            f"{i.title}: {view.name}, its neighbours and England, {view.years[0]} to {view.years[-1]}",
        )
        latest = figure_text(next((v for v in reversed(i.council) if v is not None), None), i.unit)
        cards.append(
            f'<figure class="small"><figcaption>{escape(i.title)}</figcaption>{chart}'
            f'<p class="meta">{escape(latest)} {escape(_travel(i.direction, i.travel))} · England '
            f"{escape(figure_text(i.england[-1], i.unit))}</p></figure>"
        )
    head = "".join(f"<th>{y}</th>" for y in view.years)
    rows = "".join(
        f"<tr><td>{escape(t)}</td>"
        + "".join(
            f'<td style="background:{g.colour};color:#fff" class="cell">{escape(g.label)}</td>'
            if g is not None
            else "<td>-</td>"
            for g in gs
        )
        + "</tr>"
        for _, t, gs in view.grades
    )
    return (
        f'<section class="case"><h1>{escape(view.name)}, {view.years[0]} to {view.years[-1]}</h1>'
        '<p class="note">This council (red), its statistical neighbours\' mean (orange) and England (black). '
        f'{escape(_SOURCE)}</p><div class="smalls">{"".join(cards)}</div>'
        f'<h2>Grades each year</h2><table class="summary"><thead><tr><th>Area</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _neighbours_html(view: AgainstNeighbours) -> str:
    head = "".join(f"<th>{escape(name)}</th>" for _, name in view.neighbours)
    rows = "".join(
        f"<tr><td>{escape(r.title)}</td><td><b>{escape(figure_text(r.council, r.unit))}</b></td>"
        f"<td>{escape(figure_text(r.england, r.unit))}</td>"
        + "".join(f"<td>{escape(figure_text(v, r.unit))}</td>" for v in r.neighbours)
        + f"<td>{escape(_rank(r.rank, r.of, r.better))}</td></tr>"
        for r in view.indicators
    )
    return (
        f'<section class="case"><h1>{escape(view.name)} against its statistical neighbours, {view.year}</h1>'
        f'<p class="note">{escape(_SOURCE)} Rank 1 is the best where a measure has a better direction.</p>'
        f'<div class="gridwrap"><table class="summary"><thead><tr><th>Indicator</th><th>{escape(view.name)}</th>'
        f"<th>England</th>{head}<th>Rank</th></tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


_STYLE = (
    "<style>.smalls{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px}"
    "figure.small{margin:0;border:1px solid #ddd;border-radius:6px;padding:8px}"
    "figure.small figcaption{font-weight:600;font-size:.9em}</style>"
)


def render_compare(views: Sequence[OverYears | AgainstNeighbours], fmt: str) -> str | bytes:
    """The views in ``fmt`` (one of :data:`COMPARE_FORMATS`): text and HTML for reading, CSV and .xlsx
    for analysis (a row per indicator and year, and one per indicator with a column per neighbour)."""
    if fmt == "csv":
        return _csv(views)
    if fmt == "xlsx":
        return _xlsx(views)
    if fmt == "html":
        body = "\n".join(_years_html(v) if isinstance(v, OverYears) else _neighbours_html(v) for v in views)
        return page(views[0].name, _STYLE + body)
    blocks = ["\n".join(_years_text(v) if isinstance(v, OverYears) else _neighbours_text(v)) for v in views]
    return "\n\n".join(blocks) + "\n"
