"""A rulebook's calibration table, stored beside it (``calibration.json``, written by
``judgement backtest --write-calibration``; :mod:`judgement.judging.calibration` says what it means)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from judgement._fmt import json_text
from judgement.model.rulebook import CALIBRATION_FILE

__all__ = ["write_calibration"]


def write_calibration(folder: Path, table: Mapping[str, Any]) -> Path:
    """Store a calibration table in a rulebook folder, whole or not at all (a temporary file renamed over it)."""
    target = folder / CALIBRATION_FILE
    temporary = folder / f".{CALIBRATION_FILE}.tmp"
    temporary.write_text(json_text(dict(table)) + "\n", encoding="utf-8")
    temporary.replace(target)
    return target
