"""JSON: the judgement's own data, deterministic (same input, same bytes)."""

from __future__ import annotations

from collections.abc import Sequence

from judgement._fmt import json_text
from judgement.judging.results import Judgement

__all__ = ["render_json"]


def render_json(judgements: Sequence[Judgement], *, trace: bool = True) -> str:
    """One case as an object; several as a list, in input order."""
    data = [j.to_dict(trace=trace) for j in judgements]
    return json_text(data[0] if len(data) == 1 else data) + "\n"
