"""JSON: the judgement's own data, deterministic (same input, same bytes)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from judgement._fmt import json_text
from judgement.judging.results import Judgement
from judgement.model import NOT_JUDGED, Rulebook
from judgement.read.folders import schema_text

__all__ = ["json_document", "output_schema", "render_json"]


def render_json(judgements: Sequence[Judgement], *, trace: bool = True) -> str:
    """One case as an object; several as a list, in input order (what ``--format json`` writes)."""
    return json_document([j.to_dict(trace=trace) for j in judgements])


def json_document(data: Sequence[Any]) -> str:
    """The JSON of judgements' data: one as an object, several as a list (the one writer of the format)."""
    return json_text(data[0] if len(data) == 1 else list(data)) + "\n"


def output_schema(rulebook: Rulebook) -> dict[str, Any]:
    """The JSON Schema of judgements under one rulebook: the shipped schema with its grades, scales and
    areas narrowed to the rulebook's own (``judgement schema judgement --rules DIR``)."""
    schema: dict[str, Any] = json.loads(schema_text("judgement"))
    defs = schema["$defs"]
    defs["grade"] = {"enum": sorted({g.id for g in rulebook.grades} | {NOT_JUDGED.id})}
    area = defs["area"]["properties"]
    area["area"] = {"enum": [a.id for a in rulebook.areas]}
    area["scale"] = {"enum": [*(s.id for s in rulebook.scales), None]}
    schema["title"] = f"{schema['title']} (rulebook {rulebook.id} {rulebook.version})"
    return schema
