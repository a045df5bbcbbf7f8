"""Which files are fixtures (case files, or spreadsheets, that state what they expect): all the pytest
plugin imports at start-up, and nothing here loads the engine, so a project that merely has judgement
installed pays almost nothing per pytest run."""

from __future__ import annotations

import re
from pathlib import Path

from judgement.errors import JudgementError
from judgement.read.documents import load_document
from judgement.read.folders import CASE_SUFFIXES, SHEET_SUFFIXES
from judgement.read.spreadsheet import EXPECT, column_titles

__all__ = ["is_fixture"]


def is_fixture(path: Path, *, require_expectations: bool = False) -> bool:
    """Whether a YAML/JSON file looks like a case file (and, optionally, states expectations).

    A file that cannot be parsed counts when its text has a top-level ``case:`` key, and a spreadsheet that
    cannot be read counts, so a broken fixture is reported rather than skipped, while unrelated YAML is left
    alone.
    """
    if path.suffix.lower() in SHEET_SUFFIXES:  # a spreadsheet is a fixture file when it states grades
        try:
            titles = column_titles(path)
        except (OSError, JudgementError):  # unreadable: reported as a failing item, never skipped
            return True
        return bool(titles) and (not require_expectations or any(t.startswith(EXPECT + ".") for t in titles))
    if path.suffix not in CASE_SUFFIXES:
        return False
    try:
        data = load_document(path).data
    except JudgementError:  # a broken case file is reported (a failing item), never skipped
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return re.search(r'^(case|"case")\s*:', text, re.M) is not None or (path.suffix == ".json" and '"case"' in text)
    if not isinstance(data, dict) or "case" not in data or "rulebook" not in data:
        return False
    return not require_expectations or "expect" in data or "expect_error" in data
