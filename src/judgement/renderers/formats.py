"""The one registry of output formats for judgements: what ``judgement judge --format`` offers, and how
each is written, case by case, then assembled.

A format renders each case's *piece* where the case was judged (in a worker process when judging in
parallel), so only text and small data travel back; the pieces are then assembled, in input order, into
the whole output. Formats that show borderline flags in their assembled output (the HTML grid) say so,
because those flags need each area's full trace.

Each renderer is imported when its format is first used, so that judging to text does not load the HTML
report's templates and charts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from judgement._attrs import frozen
from judgement._fmt import json_text
from judgement._frozen import FrozenMap
from judgement._text import visible
from judgement.errors import Problem, unknown_name
from judgement.judging.results import Judgement
from judgement.judging.status import AreaStatus
from judgement.model import Grade
from judgement.renderers._common import spreadsheet_safe

__all__ = [
    "FORMATS",
    "Format",
    "Piece",
    "assemble",
    "failure_piece",
    "format_named",
    "render",
    "render_piece",
    "spreadsheet_safe",
]


@frozen
class Piece:
    """One case's share of the output, with what assembling needs to know about the case."""

    body: Any
    #: (area, title, grade, marks): marks holds "*" for borderline (in formats that show it) and "?" for an
    #: area judged without evidence that could change its grade.
    grades: tuple[tuple[str, str, Grade, str], ...]
    label: tuple[str, str, str]  # case id, authority, inspection date
    #: A case that could not be judged keeps its place in formats that show every input (a spreadsheet
    #: row marked ERR): the message, on one line.
    error: str = ""


@frozen
class Format:
    """An output format: its name, a line of help, how one case is rendered and how pieces are joined."""

    name: str
    help: str
    render: Callable[[Judgement, bool], Any] = attrs.field(repr=False)
    join: Callable[[Sequence[Piece]], str | bytes] = attrs.field(repr=False)  # bytes: a workbook
    borderline: bool = False  # the joined output shows borderline flags (needs every area's trace)
    #: Cases that could not be judged keep their place (as a row marked ERR), so the output lines up
    #: with the input row for row.
    keeps_failures: bool = False


def _csv(pieces: Sequence[Piece]) -> str:
    areas: dict[str, None] = {}
    for piece in pieces:
        areas.update(dict.fromkeys(a for a, _, _, _ in piece.grades))
    out = io.StringIO()
    import csv  # only for this format

    writer = csv.writer(out, lineterminator="\n")
    failures = any(p.error for p in pieces)
    writer.writerow(["case", "authority", "inspected", "rulebook", *areas, *(["error"] if failures else [])])
    for piece in pieces:
        if piece.error:
            head = [spreadsheet_safe(piece.label[0]), "", "", ""]
            writer.writerow([*head, *("ERR" for _ in areas), spreadsheet_safe(piece.error)])
            continue
        codes = {a: g.code + m.replace("*", "") for a, _, g, m in piece.grades}
        cells = [*(spreadsheet_safe(str(c)) for c in piece.body), *(codes.get(a, "") for a in areas)]
        writer.writerow([*cells, *([""] if failures else [])])
    return out.getvalue()


def failure_piece(case_id: str, problems: Sequence[Problem]) -> Piece:
    """The place of a case that could not be judged, for formats that keep failures."""
    first = problems[0]
    where = f"{first.location}: " if first.location else ""
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return Piece(None, (), (case_id or where.rstrip(": "), "", ""), visible(f"{where}{first.message}{more}"))


def _html(pieces: Sequence[Piece]) -> str:
    from judgement.renderers.html import page, render_grid

    if len(pieces) == 1:
        return page(pieces[0].label[1], pieces[0].body.html(alone=True))
    drawn = any(p.body.figures is not None for p in pieces)
    note = "Each council's charts are in its own report: judgement judge --authority NAME --year YEAR --format html."
    return render_grid([(p.body.html(alone=False), p.grades, p.label) for p in pieces], note if drawn else "")


def _json(pieces: Sequence[Piece]) -> str:
    from judgement.renderers.json import json_document

    return json_document([p.body for p in pieces])


def _blocks(separator: str, end: str = "") -> Callable[[Sequence[Piece]], str]:
    def join(pieces: Sequence[Piece]) -> str:
        return separator.join(p.body for p in pieces) + end

    return join


def _html_piece(result: Judgement, _verbose: bool) -> Any:
    from judgement.explaining.why import explain
    from judgement.renderers.html import section

    return section(result, {a.area: explain(result, a.area) for a in result})


def _csv_piece(result: Judgement, _verbose: bool) -> list[str]:
    case = result.case
    return [case.id, case.authority, case.inspected.isoformat(), result.rulebook.id]


def _text_piece(result: Judgement, verbose: bool) -> str:
    from judgement.renderers.text import render_text

    return render_text([result], verbose=verbose).rstrip("\n")


def _markdown_piece(result: Judgement, verbose: bool) -> str:
    from judgement.renderers.markdown import render_markdown

    return render_markdown([result], verbose=verbose).rstrip("\n")


def _summary_piece(result: Judgement, _verbose: bool) -> str:
    from judgement.renderers.summary import summary_section

    return summary_section(result)


def _summary(pieces: Sequence[Piece]) -> str:
    from judgement.renderers.summary import summary_page

    return summary_page(pieces[0].label[1] if len(pieces) == 1 else f"{len(pieces)} cases", [p.body for p in pieces])


def _xlsx_piece(result: Judgement, _verbose: bool) -> dict[str, list[tuple[Any, ...]]]:
    """A case's rows of each sheet: its grades, its areas, the summary for a director, its evidence."""
    from judgement.renderers.summary import summary_rows

    case = result.case
    who = (case.id, case.authority, case.inspected.isoformat())
    return {
        "Grades": [(*who, result.rulebook.id, *((a.area, a.grade.label) for a in result))],
        "Areas": [(*who, a.area, a.title, a.grade.label, a.status.value, a.reason) for a in result],
        "Summary": [
            (
                *who,
                r.title,
                r.indicator,
                r.unit,
                r.this_year,
                r.last_year,
                r.direction,
                r.travel,
                r.england,
                r.neighbours,
                r.grade,
                r.calibration,
            )
            for r in summary_rows(result)
        ],
        "Evidence": [
            (
                *who,
                mid,
                m.title if m else "",
                m.unit.value if m else "",
                e.value,
                e.england,
                e.neighbours,
                e.region,
                e.three_years_ago,
                e.n,
                e.period,
                e.source,
            )
            for mid, e in sorted(case.evidence.items())
            for m in (result.rulebook.measures.get(mid),)
        ],
    }


def _xlsx(pieces: Sequence[Piece]) -> bytes:
    from judgement.renderers.workbook import Column, Sheet, workbook

    who = (Column("case"), Column("authority"), Column("inspected"))
    areas: dict[str, None] = {}
    for piece in pieces:
        areas.update(dict.fromkeys(a for a, _ in piece.body["Grades"][0][4:]))
    grades = [(*p.body["Grades"][0][:4], *(dict(p.body["Grades"][0][4:]).get(a) for a in areas)) for p in pieces]
    rows = {name: [row for p in pieces for row in p.body[name]] for name in ("Areas", "Summary", "Evidence")}
    figure = "row"
    sheets = [
        Sheet("Grades", (*who, Column("rulebook"), *(Column(a) for a in areas)), tuple(grades)),
        Sheet(
            "Summary",
            (
                *who,
                Column("area"),
                Column("indicator"),
                Column("unit"),
                Column("this year", figure),
                Column("last year", figure),
                Column("direction"),
                Column("travel"),
                Column("England", figure),
                Column("similar councils", figure),
                Column("grade"),
                Column("calibration"),
            ),
            tuple(rows["Summary"]),
            "Figures rounded to one decimal place, as DfE publishes them.",
        ),
        Sheet(
            "Areas",
            (*who, Column("area"), Column("title"), Column("grade"), Column("status"), Column("reason")),
            tuple(rows["Areas"]),
        ),
        Sheet(
            "Evidence",
            (
                *who,
                Column("measure"),
                Column("title"),
                Column("unit"),
                Column("value", figure),
                Column("England", figure),
                Column("neighbours", figure),
                Column("region", figure),
                Column("three years ago", figure),
                Column("n"),
                Column("period"),
                Column("source"),
            ),
            tuple(rows["Evidence"]),
        ),
    ]
    return workbook(sheets)


def _letter_piece(result: Judgement, _verbose: bool) -> str:
    from judgement.renderers.letter import render_letter

    return render_letter(result)


_ALL = (
    Format(
        "text", "grades under the letter's headings (-v adds each area's trace)", _text_piece, _blocks("\n\n", "\n")
    ),
    Format("json", "the judgement as JSON, trace included", lambda r, _v: r.to_dict(), _json),
    Format(
        "jsonl",
        "one JSON object per line, trace included",
        lambda r, _v: json_text(r.to_dict(), compact=True),
        _blocks("\n", "\n"),
    ),
    Format(
        "markdown", "a report to paste into an issue or a wiki (-v adds traces)", _markdown_piece, _blocks("\n\n", "\n")
    ),
    Format(
        "csv",
        "a grid of grade codes, a row per case (ERR rows for cases that failed)",
        _csv_piece,
        _csv,
        keeps_failures=True,
    ),
    Format("html", "a self-contained report with charts (a grid for many cases)", _html_piece, _html, borderline=True),
    Format(
        "summary",
        "a page for the director: plain words, rounded figures, rules in an appendix (HTML, printable)",
        _summary_piece,
        _summary,
    ),
    Format("xlsx", "an Excel workbook: grades, a summary, every area and the evidence (needs -o)", _xlsx_piece, _xlsx),
    Format("letter", "a draft letter in the style inspectors write", _letter_piece, _blocks("\n\f\n")),
)

#: Every judgement format, by name.
FORMATS: FrozenMap[str, Format] = FrozenMap((f.name, f) for f in _ALL)


def format_named(name: str) -> Format:
    """The format called ``name``; an unknown name raises :class:`~judgement.errors.UsageError`."""
    if name not in FORMATS:
        raise unknown_name("format", name, FORMATS)
    return FORMATS[name]


def render_piece(result: Judgement, fmt: Format, verbose: bool = False) -> Piece:
    """One case's piece: its rendered share and its grades (borderline flags only if the format shows
    them, since they need every area's trace)."""
    grades = tuple(
        (
            a.area,
            a.title,
            a.grade,
            ("*" if fmt.borderline and a.borderline else "") + ("?" if a.status is AreaStatus.PARTIAL else ""),
        )
        for a in result
    )
    case = result.case
    return Piece(fmt.render(result, verbose), grades, (case.id, case.authority, case.inspected.isoformat()))


def assemble(pieces: Sequence[Piece], fmt: Format) -> str | bytes:
    """The whole output from the pieces of the cases judged, in input order ("" for none)."""
    return fmt.join(pieces) if pieces else ""


def render(
    results: Judgement | Iterable[Judgement],
    format: str = "text",
    *,
    verbose: bool = False,
) -> str | bytes:
    """One or more judgements in an output format, as the command line writes them: ``text``, ``json``,
    ``jsonl``, ``markdown``, ``csv``, ``html`` (a report; a grid for several), ``summary`` or ``letter``
    (:data:`FORMATS` lists them); ``xlsx`` gives the bytes of a workbook. An unknown format raises
    :class:`~judgement.errors.UsageError`."""
    fmt = format_named(format)
    items = [results] if isinstance(results, Judgement) else list(results)
    return assemble([render_piece(r, fmt, verbose) for r in items], fmt)
