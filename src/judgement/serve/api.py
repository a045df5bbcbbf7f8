"""The JSON API's handlers: each takes the server's configuration and the request's JSON object (or its
query, for a GET) and gives plain data, written by the project's one JSON writer. They run in worker
threads. The OpenAPI document (:func:`openapi`) describes them with the schemas the project publishes
for case files and judgements.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from judgement._numbers import value_from_text
from judgement._version import __version__
from judgement.data import councils as data_councils
from judgement.data import years as data_years
from judgement.errors import UsageError
from judgement.model import Case
from judgement.read.folders import schema_text
from judgement.serve import service
from judgement.serve.service import ServeConfig

__all__ = [
    "case_of",
    "changes_of",
    "councils",
    "diff",
    "explain",
    "judge",
    "openapi",
    "rulebooks",
    "simulate",
    "whatif",
]

#: Query parameters that set a measure on a page or in ``/case.json``: ``set.ia_in_timescale=80``.
SET = "set."


def case_of(config: ServeConfig, body: Mapping[str, Any]) -> Case:
    """The case a request names: ``case`` (a case document, as a case file holds it), or ``authority``
    (a council's name or code) with ``year`` (the latest published when left out)."""
    if "case" in body:
        document = body["case"]
        if not isinstance(document, dict):
            raise UsageError.of("usage.bad-argument", "'case' must be a case document (a JSON object)")
        return service.case_from_body(document)
    if "authority" in body:
        authority = body["authority"]
        if not isinstance(authority, str) or not authority.strip():
            raise UsageError.of("usage.bad-argument", "'authority' must be a council's name or code")
        return service.council_case(config, authority, year_of(body.get("year")))
    raise UsageError.of(
        "usage.bad-argument",
        "the request names no case",
        expected="'case' (a case document) or 'authority' (with 'year')",
    )


def year_of(raw: object) -> int | None:
    """A request's year (a number, or its text from a query), None when left out."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) == 4:
        return int(raw)
    raise UsageError.of("usage.bad-argument", f"year must be a year such as 2025, not {raw!r}")


def changes_of(raw: object) -> dict[str, Any]:
    """A mapping of measure -> new value; values given as text (from a query) are read as the command
    line's ``--set`` reads them."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise UsageError.of("usage.bad-argument", "'changes' must be an object: measure -> new value")
    out: dict[str, Any] = {}
    for measure, value in raw.items():
        try:
            out[str(measure)] = value_from_text(value) if isinstance(value, str) else value
        except ValueError as error:
            raise UsageError.of("usage.bad-argument", f"{measure}: {error}") from None
    return out


def judge(config: ServeConfig, body: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /api/judge``: the judgement, as ``judgement judge --format json`` writes it."""
    result = service.judge_case(config, case_of(config, body))
    return result.to_dict(trace=body.get("trace", True) is not False)


def explain(config: ServeConfig, body: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /api/explain``: every area's explanation (or the one ``area`` names)."""
    result = service.judge_case(config, case_of(config, body))
    area = body.get("area")
    if area is not None and not isinstance(area, str):
        raise UsageError.of("usage.bad-argument", "'area' must be an area's id")
    found = service.explanations(config, result, [area] if area else [])
    return {"case": result.case.id, "areas": {a: e.to_dict() for a, e in found.items()}}


def whatif(config: ServeConfig, body: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /api/whatif``: the case judged before and after ``changes``, each area's shift, and the
    changed case."""
    case = case_of(config, body)
    before, after, shifts = service.whatif_case(config, case, changes_of(body.get("changes")))
    return {
        "before": before.to_dict(trace=False),
        "after": after.to_dict(trace=False),
        "shifts": [
            {
                "area": s.area,
                "title": s.title,
                "old_grade": s.old_grade.id,
                "new_grade": s.new_grade.id,
                "old_label": s.old_grade.label,
                "new_label": s.new_grade.label,
                "changed": s.old_grade != s.new_grade,
            }
            for s in shifts
        ],
        "case": after.case.to_dict(),
    }


def simulate(config: ServeConfig, body: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /api/simulate``: the probability of each grade of every area."""
    seed = body.get("seed", 0)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise UsageError.of("usage.bad-argument", f"seed must be a whole number or null, not {seed!r}")
    return service.simulate_case(config, case_of(config, body), body.get("draws", 2000), seed).to_dict()


def diff(config: ServeConfig, body: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /api/diff``: what changing rulebook ``old`` for ``new`` (keys from ``/api/rulebooks``) does to
    every council's case of ``year``."""
    old, new = body.get("old"), body.get("new")
    if not isinstance(old, str) or not isinstance(new, str):
        raise UsageError.of("usage.bad-argument", "'old' and 'new' must name rulebooks", hint="see /api/rulebooks")
    revisions = (_revision(body.get("old_revision")), _revision(body.get("new_revision")))
    over = body.get("over", "year")
    if over == "backtest":
        return service.rule_change_backtest(config, old, new, revisions)
    if over != "year":
        raise UsageError.of("usage.bad-argument", f"'over' must be 'year' or 'backtest', not {over!r}")
    return service.rule_change(config, old, new, year_of(body.get("year")), revisions).to_dict()


def _revision(raw: object) -> str | None:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise UsageError.of("usage.bad-argument", f"a git revision is text such as HEAD~1, not {raw!r}")
    return raw


def rulebooks(config: ServeConfig, _query: Mapping[str, Any]) -> list[dict[str, object]]:
    """``GET /api/rulebooks``: the rulebooks a request may name."""
    return [entry.to_dict() for entry in service.rulebooks(config)]


def councils(config: ServeConfig, query: Mapping[str, Any]) -> list[dict[str, object]]:
    """``GET /api/councils?year=Y``: the councils with figures for the year (the latest when left out)."""
    year = year_of(query.get("year"))
    if year is None:
        year = max(data_years(data=config.data))
    return [
        {"name": c.name, "code": c.code, "number": c.number, "year": year}
        for c in data_councils(year, data=config.data)
    ]


def case_document(config: ServeConfig, query: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /case.json?authority=..&year=..&set.MEASURE=VALUE``: a council's case, with any changes made
    (the link a what-if page gives to the case it judged)."""
    case = case_of(config, query)
    changes = {k[len(SET) :]: v for k, v in query.items() if k.startswith(SET)}
    if changes:
        _, after, _ = service.whatif_case(config, case, changes_of(changes))
        case = after.case
    return case.to_dict()


# ------------------------------------------------------------------------------------------------ OpenAPI

_CASE_SOURCE: dict[str, Any] = {
    "oneOf": [
        {
            "type": "object",
            "properties": {"case": {"$ref": "#/components/schemas/Case"}},
            "required": ["case"],
        },
        {
            "type": "object",
            "properties": {
                "authority": {
                    "type": "string",
                    "minLength": 1,
                    "description": "a council's name, ONS code or DfE number",
                },
                "year": {
                    "type": "integer",
                    "minimum": 2013,
                    "description": "the reporting year (latest when left out)",
                },
            },
            "required": ["authority"],
        },
    ]
}
_PROBLEMS = {
    "description": "the library's problems",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problems"}}},
}


def _post(summary: str, extra: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    schema = {"allOf": [_CASE_SOURCE, {"type": "object", "properties": extra}]} if extra is not None else {}
    return {
        "post": {
            "summary": summary,
            "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
            "responses": {
                "200": {"description": "done", "content": {"application/json": {"schema": result}}},
                "400": _PROBLEMS,
                "413": _PROBLEMS,
                "422": _PROBLEMS,
                "503": _PROBLEMS,
            },
        }
    }


def openapi(_config: ServeConfig, _query: Mapping[str, Any]) -> dict[str, Any]:
    """``GET /api/openapi.json``: this API described (OpenAPI 3.1)."""
    case_schema = json.loads(schema_text("case"))
    judgement_schema = json.loads(schema_text("judgement"))
    diff_body = {
        "type": "object",
        "properties": {
            "old": {"type": "string"},
            "new": {"type": "string"},
            "year": {"type": "integer"},
            "old_revision": {"type": "string", "description": "the old rulebook as git has it at this revision"},
            "new_revision": {"type": "string", "description": "the new rulebook as git has it at this revision"},
            "over": {
                "enum": ["year", "backtest"],
                "description": "every council's case of a year, or Ofsted's inspections",
            },
        },
        "required": ["old", "new"],
    }
    paths: dict[str, Any] = {
        "/api/judge": _post("judge a case", {"trace": {"type": "boolean"}}, {"$ref": "#/components/schemas/Judgement"}),
        "/api/explain": _post("explain a case's grades", {"area": {"type": "string"}}, {"type": "object"}),
        "/api/whatif": _post(
            "judge a case before and after changes",
            {"changes": {"type": "object", "additionalProperties": {"type": ["number", "boolean", "string"]}}},
            {"type": "object"},
        ),
        "/api/simulate": _post(
            "the probability of each grade",
            {
                "draws": {"type": "integer", "minimum": 1, "maximum": service.MAX_REQUEST_DRAWS},
                "seed": {"type": ["integer", "null"]},
            },
            {"type": "object"},
        ),
        "/api/diff": {
            "post": {
                "summary": "what a rule change does to every council's case of a year",
                "requestBody": {"required": True, "content": {"application/json": {"schema": diff_body}}},
                "responses": {
                    "200": {"description": "done", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "400": _PROBLEMS,
                    "422": _PROBLEMS,
                },
            }
        },
        "/api/rulebooks": {
            "get": {"summary": "the rulebooks a request may name", "responses": {"200": {"description": "a list"}}}
        },
        "/api/councils": {
            "get": {
                "summary": "the councils with figures for a year",
                "parameters": [{"name": "year", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "a list"}, "400": _PROBLEMS},
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "judgement", "version": __version__},
        "paths": paths,
        "components": {
            "schemas": {
                "Case": case_schema,
                "Judgement": judgement_schema,
                "Problems": {
                    "type": "object",
                    "properties": {"problems": {"type": "array", "items": {"type": "object"}}},
                    "required": ["problems"],
                },
            }
        },
    }
