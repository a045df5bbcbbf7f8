"""What a rulebook's calibration says of a screened grade: how Ofsted judged the councils its screen gave that
grade, on the inspections it was measured on (``calibration.json`` beside the rulebook, written by
``judgement backtest --write-calibration``), and what the screen as a whole is and is not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from judgement.model import Grade, Rulebook

__all__ = ["calibration_statement", "screen_statement"]


def _entry(rulebook: Rulebook, area: str) -> Mapping[str, Any] | None:
    found = rulebook.calibration.get("judgements", {}).get(area) if rulebook.calibration else None
    return found if isinstance(found, Mapping) else None


def calibration_statement(rulebook: Rulebook, area: str, grade: Grade) -> str | None:
    """How often Ofsted agreed with a screened grade on the inspections the rulebook was measured on: "Of 41
    councils screened requires improvement, Ofsted judged 7% inadequate, 59% requires improvement, ...";
    None where the rulebook holds no calibration for the area or grade."""
    entry = _entry(rulebook, area)
    if entry is None or not grade.judged:
        return None
    counts = entry.get("screened", {}).get(grade.id)
    if not isinstance(counts, Mapping):
        return None
    total = sum(int(v) for v in counts.values())
    if not total:
        return None
    from judgement.data.inspections import WORDS as _WORDS  # the statistics package: only when it is shown

    shares = ", ".join(f"{round(100 * int(n) / total)}% {_WORDS.get(g, g)}" for g, n in counts.items())
    whom = "council" if total == 1 else "councils"
    span = _span(rulebook)
    return f"Of {total} {whom} screened {_WORDS.get(grade.id, grade.label)}{span}, Ofsted judged {shares}."


def _span(rulebook: Rulebook) -> str:
    first, last = rulebook.calibration.get("first"), rulebook.calibration.get("last")
    if not (first and last):
        return ""
    return f" inspected from {_month(first)} to {_month(last)}"


def _month(iso: str) -> str:
    """``2018-01-29`` as January 2018."""
    return f"{dt.date.fromisoformat(iso[:10]):%B %Y}"


def screen_statement(rulebook: Rulebook) -> str | None:
    """What a report or letter says of the screen as a whole: a screen of published figures, with its measured
    agreement, not a prediction of an inspection; None for a rulebook with no calibration."""
    table = rulebook.calibration.get("judgements") if rulebook.calibration else None
    if not isinstance(table, Mapping) or not table:
        return None
    parts = [
        f"{entry['spearman']:.1f} for {area.replace('_', ' ')} ({100 * entry['exact']:.0f}% the same grade)"
        for area, entry in table.items()
        if isinstance(entry, Mapping) and entry.get("spearman") is not None and entry.get("exact") is not None
    ]
    total = rulebook.calibration.get("screened")
    return (
        "This is a screen of published figures, not a prediction of an inspection: inspectors judge the practice "
        f"they see, which no published figure measures. Set beside Ofsted's judgements of {total} inspections"
        f"{_span(rulebook)}, its grades ranked councils as Ofsted did with a rank correlation (Spearman: 1 the "
        "same order, 0 none) of " + ", ".join(parts) + "."
    )
