"""A back-test (:class:`~judgement.analysis.backtest.Backtest`) as text, JSON, CSV or a self-contained HTML page,
and what a rule change does to it (:func:`render_backtest_change`)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from judgement._fmt import json_text
from judgement.data.inspections import JUDGEMENTS
from judgement.data.inspections import WORDS as _WORDS
from judgement.renderers._common import escape

if TYPE_CHECKING:
    from judgement.analysis.backtest import Agreement, Backtest, Screened

__all__ = [
    "BACKTEST_FORMATS",
    "backtest_change",
    "judgement_name",
    "render_backtest",
    "render_backtest_change",
    "words",
]

#: The formats ``judgement backtest`` writes.
BACKTEST_FORMATS = ("text", "json", "csv", "html")

_ORDER = tuple(_WORDS)  # worst first


def _name(judgement: str) -> str:
    """A judgement's id as a heading: ``help_and_protection`` is "Help and protection"."""
    return "All judgements" if judgement == "all" else judgement.replace("_", " ").capitalize()


_NOTE = (
    "A screen of published figures set beside Ofsted's judgements of the same councils: agreement measures how "
    "far the screen ranks councils as Ofsted did, not how well it predicts an inspection."
)


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.0f}%" if percent else f"{value:+.2f}"


def _row(agreement: Agreement) -> list[str]:
    return [
        _name(agreement.judgement),
        str(agreement.pairs),
        _number(agreement.spearman),
        _number(agreement.kappa),
        _number(agreement.exact, percent=True),
        _number(agreement.within_one, percent=True),
        f"{agreement.inadequate_found} of {agreement.inadequate}",
        str(agreement.flagged_not_inadequate),
    ]


_HEAD = ["judgement", "inspections", "Spearman", "kappa", "exact", "within one", "inadequate found", "flagged, not"]


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [_HEAD, *rows]) for i in range(len(_HEAD))]
    return [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in [_HEAD, *rows]
    ]


def _confusion_lines(agreement: Agreement) -> list[str]:
    lines = ["    " + "Ofsted \\ screen".ljust(21) + "  ".join(f"{_WORDS[g]:>20}" for g in _ORDER)]
    for truth in _ORDER:
        counts = agreement.confusion[truth]
        lines.append(f"    {_WORDS[truth]:<21}" + "  ".join(f"{counts[g]:>20}" for g in _ORDER))
    return lines


def _span(result: Backtest) -> str:
    days = [s.inspection.on_site for s in result.screened]
    if not days:
        return "no inspections"
    return f"{len(days)} inspections that began {min(days).isoformat()} to {max(days).isoformat()}"


def render_backtest(result: Backtest, fmt: str = "text") -> str:
    """The back-test in one of :data:`BACKTEST_FORMATS`."""
    if fmt == "json":
        return json_text(result.to_dict()) + "\n"
    if fmt == "csv":
        return _csv(result)
    if fmt == "html":
        return _html(result)
    judgements = [j for j in JUDGEMENTS if result.agreement(j).pairs]
    lines = [
        f"{result.rulebook} against Ofsted's ILACS judgements ({result.history}): {_span(result)}",
        _NOTE,
        "",
        *_table([_row(result.agreement(j)) for j in judgements] + [_row(result.agreement())]),
        "",
        "Spearman: rank correlation; kappa: Cohen's, quadratic weights; exact and within one: share of inspections;",
        "inadequate found: councils Ofsted judged inadequate that the screen graded inadequate; flagged, not: graded",
        "inadequate by the screen and better by Ofsted.",
    ]
    for judgement in judgements:
        lines += ["", f"{_name(judgement)}: Ofsted's grade (rows) against the screen's (columns)"]
        lines += _confusion_lines(result.agreement(judgement))
    lines += ["", "By year of inspection (April to March):"]
    for year in result.years():
        rows = [_row(result.agreement(j, year)) for j in judgements if result.agreement(j, year).pairs]
        lines += ["", f"  {year}"] + ["  " + line for line in _table(rows)]
    if result.skipped:
        lines += ["", f"Not screened ({len(result.skipped)}):"]
        lines += [f"  {i.name} ({i.code}), inspected {i.on_site.isoformat()}: {why}" for i, why in result.skipped]
    return "\n".join(lines) + "\n"


def _csv(result: Backtest) -> str:
    """One row per inspection screened: the council, the dates, each judgement's grade by Ofsted and by the screen."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    head = ["authority", "code", "inspected", "published", "figures_for_year", "case"]
    for j in JUDGEMENTS:
        head += [f"{j}_ofsted", f"{j}_screen"]
    writer.writerow(head)
    for s in result.screened:
        row = [s.inspection.name, s.inspection.code, s.inspection.on_site.isoformat()]
        row += [s.inspection.published.isoformat(), str(s.year), s.case_id]
        for j in JUDGEMENTS:
            row += [s.ofsted.get(j, ""), s.screen.get(j, "")]
        writer.writerow(row)
    return buffer.getvalue()


def _html(result: Backtest) -> str:
    judgements = [j for j in JUDGEMENTS if result.agreement(j).pairs]

    def table(rows: list[list[str]]) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in _HEAD)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<div class='scroll'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"

    parts = [
        f"<h1>{escape(result.rulebook)} against Ofsted's ILACS judgements</h1>",
        f"<p>{escape(result.history)}: {escape(_span(result))}.</p>",
        f"<p class='note'>{escape(_NOTE)}</p>",
        table([_row(result.agreement(j)) for j in judgements] + [_row(result.agreement())]),
    ]
    for judgement in judgements:
        found = result.agreement(judgement)
        head = "".join(f"<th>{escape(_WORDS[g])}</th>" for g in _ORDER)
        rows = "".join(
            f"<tr><th>{escape(_WORDS[t])}</th>"
            + "".join(f"<td class='{'same' if t == g else ''}'>{found.confusion[t][g]}</td>" for g in _ORDER)
            + "</tr>"
            for t in _ORDER
        )
        parts.append(
            f"<h2>{escape(_name(judgement))}</h2><div class='scroll'><table class='confusion'><caption>Ofsted's "
            f"grade (rows) against the screen's (columns)</caption><thead><tr><th></th>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )
    parts.append("<h2>By year of inspection (April to March)</h2>")
    for year in result.years():
        by_year = [_row(result.agreement(j, year)) for j in judgements if result.agreement(j, year).pairs]
        parts.append(f"<h3>{escape(year)}</h3>" + table(by_year))
    if result.skipped:
        items = "".join(
            f"<li>{escape(i.name)} ({escape(i.code)}), inspected {i.on_site.isoformat()}: {escape(why)}</li>"
            for i, why in result.skipped
        )
        parts.append(f"<h2>Not screened</h2><ul>{items}</ul>")
    style = (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2933}"
        "table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #d0d5dd;padding:.3rem .5rem;"
        "text-align:right}th:first-child,td:first-child{text-align:left}.same{background:#e6f4ea;font-weight:bold}"
        ".note{color:#52606d}caption{text-align:left;color:#52606d}"
        ".scroll{overflow-x:auto;max-width:100%}"  # a wide table scrolls within itself on a narrow screen
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Back-test: {escape(result.rulebook)}</title><style>{style}</style></head><body>"
        + "".join(parts)
        + "</body></html>\n"
    )


def _changes(before: Backtest, after: Backtest) -> list[tuple[Screened, str, str | None, str | None]]:
    """Every inspection whose screened grade of a judgement changed: (it, the judgement, old, new)."""
    old = {(s.inspection.code, s.inspection.on_site): s for s in before.screened}
    changes = []
    for s in after.screened:
        was = old.get((s.inspection.code, s.inspection.on_site))
        for j in JUDGEMENTS:
            then, now = (was.screen.get(j) if was else None), s.screen.get(j)
            if then != now:
                changes.append((s, j, then, now))
    return changes


def backtest_change(before: Backtest, after: Backtest) -> dict[str, Any]:
    """What a rule change does to agreement with Ofsted, as data: each judgement's agreement before and
    after (and every judgement pooled, as ``all``), and every inspection whose screened grade changed,
    with its words (``old_words``, ``new_words``, ``ofsted_words``) for people."""
    judgements = [j for j in JUDGEMENTS if before.agreement(j).pairs or after.agreement(j).pairs]
    return {
        "old": before.rulebook,
        "new": after.rulebook,
        "agreement": {
            j: {"old": before.agreement(j).to_dict(), "new": after.agreement(j).to_dict()} for j in judgements
        }
        | {"all": {"old": before.agreement().to_dict(), "new": after.agreement().to_dict()}},
        "changed": [
            {
                "authority": s.inspection.name,
                "inspected": s.inspection.on_site.isoformat(),
                "judgement": j,
                "ofsted": s.ofsted.get(j),
                "old": then,
                "new": now,
            }
            for s, j, then, now in _changes(before, after)
        ],
    }


def render_backtest_change(before: Backtest, after: Backtest, fmt: str = "text") -> str:
    """What a rule change does to agreement with Ofsted: each judgement's figures before and after, and
    every inspection whose screened grade changed."""
    if fmt == "json":
        return json_text(backtest_change(before, after)) + "\n"
    changes = _changes(before, after)
    judgements = [j for j in JUDGEMENTS if before.agreement(j).pairs or after.agreement(j).pairs]
    lines = [f"back-test: {before.rulebook} -> {after.rulebook}, {_span(after)}", ""]
    lines.append("judgement              Spearman (old -> new)   exact (old -> new)   inadequate found (old -> new)")
    for j in (*judgements, "all"):
        a, b = before.agreement(None if j == "all" else j), after.agreement(None if j == "all" else j)
        lines.append(
            f"{_name(j):<22} {_number(a.spearman):>7} -> {_number(b.spearman):<7}     "
            f"{_number(a.exact, True):>4} -> {_number(b.exact, True):<4}        "
            f"{a.inadequate_found} of {a.inadequate} -> {b.inadequate_found} of {b.inadequate}"
        )
    lines += ["", f"{len(changes)} screened grades changed:"]
    for s, j, then, now in changes:
        truth = _WORDS.get(s.ofsted.get(j, ""), "not given")
        lines.append(
            f"  {s.inspection.name}, inspected {s.inspection.on_site.isoformat()}, {_name(j).lower()}: "
            f"{_WORDS.get(then or '', 'not judged')} -> {_WORDS.get(now or '', 'not judged')} (Ofsted: {truth})"
        )
    return "\n".join(lines) + "\n"


def judgement_name(judgement: str) -> str:
    """A judgement's name as people read it ("all" for every judgement pooled)."""
    return _name(judgement)


def words(grade: str | None) -> str:
    """A screened or published grade as people read it ("not judged" where there is none)."""
    return _WORDS.get(grade or "", "not judged")
