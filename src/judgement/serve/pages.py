"""The web app's pages: each a function of the server's configuration, its templates and the request's
query, giving HTML. They run in worker threads. What the library renders (reports, comparisons) is
embedded as the renderers write it (they escape what they show); everything else goes through Jinja2
templates with autoescaping on.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment

from judgement.analysis.compare import VIEWS, compare_council
from judgement.data import cases as data_cases
from judgement.data import councils as data_councils
from judgement.data import years as data_years
from judgement.data.statistics import statistics
from judgement.errors import JudgementError, UsageError
from judgement.judging.results import Judgement
from judgement.model import Case, Unit
from judgement.renderers._common import figure_text
from judgement.renderers.backtest import judgement_name, words
from judgement.renderers.compare import render_compare
from judgement.renderers.formats import render
from judgement.renderers.html import page_body, report_css, section
from judgement.serve import service
from judgement.serve.api import SET, changes_of, year_of
from judgement.serve.service import ServeConfig

__all__ = [
    "TEMPLATES",
    "compare_page",
    "council",
    "error_page",
    "grid_page",
    "index",
    "report_css",
    "rule_change_page",
    "upload_form",
    "upload_result",
    "whatif_page",
]

#: Each app's templates, by its configuration's id (set by :func:`judgement.serve.app.make_app`).
TEMPLATES: dict[int, Environment] = {}
#: The council the start page shows until another is chosen.
DEFAULT_COUNCIL = "Staffordshire"
#: How a field's unit is named beside it.
_UNITS = {"percent": "%", "rate_per_10k": "per 10,000 children", "days": "days", "flag": "1 yes, 0 no"}
#: Most councils one grid may show.
MAX_GRID = 160


def _fallback() -> Environment:
    from jinja2 import PackageLoader, select_autoescape  # noqa: PLC0415 - an error before any app was made

    return Environment(loader=PackageLoader("judgement.serve", "templates"), autoescape=select_autoescape(default=True))


def _link(path: str, **query: Any) -> str:
    """A link to a page of this app with ``query`` (lists repeated; None left out)."""
    pairs: list[tuple[str, str]] = []
    for key, value in query.items():
        if value is None or value == "":
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((key, str(item)))
    return path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")


def _council_query(query: Mapping[str, Any]) -> tuple[str, int | None]:
    authority = query.get("authority")
    if not isinstance(authority, str) or not authority.strip():
        raise UsageError.of("usage.bad-argument", "name a council", expected="?authority=Staffordshire&year=2025")
    return authority, year_of(query.get("year"))


def index(config: ServeConfig, templates: Environment, query: Mapping[str, Any]) -> str:
    """The start page: a council's page (the seed letter's council, Staffordshire, in the latest year,
    until another is chosen), with the choice of council and year at its top."""
    return council(config, templates, {"authority": DEFAULT_COUNCIL, **query})


def council(config: ServeConfig, templates: Environment, query: Mapping[str, Any]) -> str:
    """A council and year: its summary and every area's why, why not and what would change it, with the
    calibration statement and charts."""
    authority, year = _council_query(query)
    case = service.council_case(config, authority, year)
    return _report_page(config, templates, case, case.authority, year or case.inspected.year, query)


def _report_page(
    config: ServeConfig,
    templates: Environment,
    case: Case,
    heading: str,
    year: int,
    query: Mapping[str, Any],
) -> str:
    result = service.judge_case(config, case)
    explained = service.explanations(config, result)
    report = section(result, explained).html(alone=True)
    years = data_years(data=config.data)
    return templates.get_template("report.html").render(
        title=heading,
        heading=heading,
        report=report,
        years=list(reversed(years)),
        councils=[c.name for c in data_councils(years[-1], data=config.data)],
        authority=query.get("authority", ""),
        whatif=_link("/whatif", authority=query.get("authority"), year=year),
        compare=_link("/compare", authority=query.get("authority"), year=year),
        json=_link("/case.json", authority=query.get("authority"), year=year),
        year=year,
    )


def _evidence_fields(result: Judgement, changes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A field for each piece of evidence the case gives: its value (as changed), bounds and step."""
    rulebook = result.rulebook
    fields = []
    for mid, item in result.case.evidence.items():
        measure = rulebook.measures.get(mid)
        if measure is None or isinstance(item.value, str):
            continue
        low: float | int
        high: float | int
        step: float | int
        given = float(item.value)
        if measure.unit is Unit.FLAG:
            kind, low, high, step = "flag", 0, 1, 1
        else:
            kind, low, step = "number", measure.minimum, 1 if measure.unit.whole else 0.1
            # a slider over what is plausible for this council: a percentage's whole range, otherwise up
            # to twice its figure (the field beside it takes any value the measure allows)
            high = 100.0 if measure.unit is Unit.PERCENT else max(given * 2, given + 10)
            high = min(high, measure.maximum)
        value = changes.get(mid, item.value)
        if isinstance(value, int | float) and not isinstance(value, bool) and kind == "number":
            high = max(high, float(value))
        fields.append(
            {
                "measure": mid,
                "title": measure.title,
                "unit": _UNITS.get(measure.unit.value, ""),
                "shown": figure_text(item.value, measure.unit.value),
                "kind": kind,
                "min": low,
                "max": high,
                "step": step,
                "value": int(value) if isinstance(value, bool) else value,
                "given": int(item.value) if isinstance(item.value, bool) else item.value,
                "changed": mid in changes,
            }
        )
    return fields


def whatif_page(config: ServeConfig, templates: Environment, query: Mapping[str, Any]) -> str:
    """What if: a field per piece of evidence; the case judged again with the values the query sets
    (``set.MEASURE=VALUE``), the grades that moved marked. The page's script re-judges as a field moves,
    through ``/api/whatif``, and keeps the address in step, so the address is always the page."""
    authority, year = _council_query(query)
    case = service.council_case(config, authority, year)
    changes = changes_of({k[len(SET) :]: v for k, v in query.items() if k.startswith(SET)})
    before, _, shifts = service.whatif_case(config, case, changes)
    sets = {f"{SET}{k}": v for k, v in changes.items()}
    return templates.get_template("whatif.html").render(
        title=f"What if: {case.authority}",
        authority=authority,
        year=year or case.inspected.year,
        fields=_evidence_fields(before, changes),
        shifts=shifts,
        case_link=_link("/case.json", authority=authority, year=year, **sets),
        report_link=_link("/council", authority=authority, year=year),
    )


def compare_page(config: ServeConfig, templates: Environment, query: Mapping[str, Any]) -> str:
    """A council over the years and against its statistical neighbours, with a small chart per indicator."""
    authority, year = _council_query(query)
    years = query.get("years")
    view = query.get("view", "both")
    if not isinstance(view, str) or view not in VIEWS:
        raise UsageError.of("usage.unknown-name", f"no view {view!r}", expected=" or ".join(VIEWS))
    over = years if isinstance(years, str) else None
    views = compare_council(statistics(config.data), authority, year, over, view, config.rules)
    document = render_compare(views, "html")
    assert isinstance(document, str)
    return templates.get_template("embedded.html").render(
        title=f"{views[0].name} side by side", heading=f"{views[0].name} side by side", body=page_body(document)
    )


def grid_page(config: ServeConfig, templates: Environment, query: Mapping[str, Any]) -> str:
    """Several councils in a grid (``authority`` repeated; every council when none is named), each linking
    to its report."""
    raw = query.get("authority")
    named = [raw] if isinstance(raw, str) else list(raw or [])
    year = year_of(query.get("year"))
    if year is None:
        year = max(data_years(data=config.data))
    cases = data_cases(year=year, authority=named or None, data=config.data)
    if len(cases) > MAX_GRID:
        raise UsageError.of("serve.too-large", f"{len(cases)} councils in one grid; at most {MAX_GRID}")
    results = [service.judge_case(config, c) for c in cases]
    document = render(results, "html") if len(results) > 1 else render(results[0], "html")
    assert isinstance(document, str)
    return templates.get_template("embedded.html").render(
        title=f"{len(results)} councils, {year}", heading=f"{len(results)} councils, {year}", body=page_body(document)
    )


def rule_change_page(config: ServeConfig, templates: Environment, query: Mapping[str, Any]) -> str:
    """Two rulebooks over every council's case of a year: every grade that changed."""
    entries = service.rulebooks(config)
    old, new = query.get("old"), query.get("new")
    over = query.get("over", "year")
    report = change = None
    year = year_of(query.get("year"))
    revisions = (_text(query.get("old_revision")), _text(query.get("new_revision")))
    if isinstance(old, str) and isinstance(new, str):
        if over == "backtest":
            change = service.rule_change_backtest(config, old, new, revisions)
        else:
            report = service.rule_change(config, old, new, year, revisions)
    return templates.get_template("rule_change.html").render(
        title="Rule change",
        rulebooks=entries,
        old=old or "",
        new=new or "",
        year=year or "",
        years=list(reversed(data_years(data=config.data))),
        over=over,
        old_revision=revisions[0] or "",
        new_revision=revisions[1] or "",
        report=report,
        change=change,
        name=judgement_name,
        words=words,
    )


def _text(raw: object) -> str | None:
    """A query value given once, as text (None when left out or empty)."""
    return raw if isinstance(raw, str) and raw else None


def upload_form(templates: Environment, error: JudgementError | None = None) -> str:
    return templates.get_template("upload.html").render(
        title="Judge a file",
        problems=[] if error is None else list(error.problems),
        limit=service.MAX_UPLOAD,
        rows=service.MAX_UPLOAD_CASES,
    )


def upload_result(config: ServeConfig, templates: Environment, name: str, content: bytes) -> str:
    """An upload judged: the cases that could not be judged first, each problem at its line and column,
    then the report of those that were."""
    html, judged, failed = service.upload_report(config, name, content)
    body = page_body(html) if html else ""
    return templates.get_template("uploaded.html").render(
        title=f"Judged: {name}",
        heading=f"{name}: {judged} judged" + (f", {len(failed)} could not be" if failed else ""),
        failed=failed,
        body=body,
    )


def error_page(error: JudgementError, templates: Environment | None = None) -> str:
    """A page listing the problems behind an error."""
    found = templates or (next(iter(TEMPLATES.values())) if TEMPLATES else _fallback())
    return found.get_template("error.html").render(title="Not done", problems=list(error.problems))
