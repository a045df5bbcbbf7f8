"""Fixture reports as text, JSON and JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from judgement._fmt import json_text
from judgement.testing.coverage import CoverageReport
from judgement.testing.runner import Report

__all__ = ["render_json", "render_junit", "render_text"]


def render_text(report: Report, *, verbose: bool = False) -> str:
    lines = []
    for outcome in report.outcomes:
        if outcome.passed:
            if verbose:
                lines.append(f"PASS {outcome.name}")
            continue
        where = f" ({outcome.location})" if outcome.location else f" ({outcome.file})"
        lines.append(f"FAIL {outcome.name}: {outcome.message}{where}")
        lines.extend(f"    {d}" for d in outcome.details)
    lines.append(report.summary)
    return "\n".join(lines) + "\n"


def render_json(report: Report, coverage: list[CoverageReport] | None = None) -> str:
    data: dict[str, object] = {
        "passed": report.passed,
        "failed": report.failed,
        "outcomes": [o.to_dict() for o in report.outcomes],
    }
    if coverage is not None:
        data["coverage"] = [c.to_dict() for c in coverage]
    return json_text(data) + "\n"


def render_junit(report: Report) -> str:
    """JUnit XML: one test suite per case file, one test case per expectation."""
    root = ET.Element("testsuites", name="judgement", tests=str(len(report.outcomes)), failures=str(report.failed))
    files = Counter(o.file for o in report.outcomes)
    suites: dict[str, ET.Element] = {}
    for outcome in report.outcomes:
        suite = suites.get(outcome.file)
        if suite is None:
            failures = sum(1 for o in report.outcomes if o.file == outcome.file and not o.passed)
            suite = suites[outcome.file] = ET.SubElement(
                root,
                "testsuite",
                name=f"{outcome.rulebook} > {outcome.case}",
                file=outcome.file,
                tests=str(files[outcome.file]),
                failures=str(failures),
            )
        case = ET.SubElement(
            suite, "testcase", classname=f"{outcome.rulebook}.{outcome.case}", name=outcome.area, file=outcome.file
        )
        if not outcome.passed:
            failure = ET.SubElement(case, "failure", message=outcome.message)
            failure.text = "\n".join(outcome.details)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
