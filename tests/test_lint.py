"""Lint: the shipped rulebook is clean, and each flawed rulebook in tests/data/lint triggers its finding.

Each file there starts with ``# lint: <code>`` and ``# at: <line>:<column>``; it replaces
``areas/one.yaml`` (or the file named by ``# replaces:``) in a copy of tests/data/lintbase.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import judgement
from judgement.analysis.lint import lint
from judgement.errors import CODES
from tests.conftest import DATA

LINT = DATA / "lint"


@pytest.mark.slow
def test_shipped_rulebook_has_no_findings(ucra):
    assert [f.format() for f in lint(ucra)] == []


@pytest.mark.slow
def test_a_rule_is_not_called_shadowed_because_random_evidence_rarely_clears_every_other_finding(tmp_path):
    """Eight findings of a worse grade, each on evidence of its own: random evidence almost never makes
    all eight false at once, so a rule that can decide looked shadowed. The sampler also tries each case
    with everything the rule does not read at its best."""
    from tests.example import book_copy

    measures = "".join(f"  at_risk_{i}:\n    title: Risk {i}\n    unit: count\n    better: lower\n" for i in range(8))
    worse = " or ".join(f"at_risk_{i} >= 1" for i in range(8))
    area = f"""\
area: crowded
title: Many findings
scale: indicator
requires: [rereferral_percent]
optional: [{", ".join(f"at_risk_{i}" for i in range(8))}]
rules:
  - id: crowded.risk
    grade: concern
    when: {worse}
    because: "At risk."
  - id: crowded.strong
    grade: strong
    when: rereferral_percent <= rereferral_percent.england - 5
    because: "Few."
  - id: crowded.typical
    grade: typical
    default: true
    because: "Usual."
"""
    root = book_copy(tmp_path, measures=measures, area=area)
    findings = lint(judgement.load_rulebook(root))
    assert not [f for f in findings if f.code == "lint.shadowed"], [f.format() for f in findings]


def test_the_example_rulebook_is_clean():
    from tests.example import BOOK

    assert lint(BOOK) == []


def test_base_of_the_corpus_is_clean():
    assert lint(judgement.load_rulebook(DATA / "lintbase")) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(LINT.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_flaw_is_found_where_it_is(path: Path, tmp_path: Path):
    text = path.read_text()
    code = re.search(r"^# lint: (\S+)$", text, re.M)
    at = re.search(r"^# at: (\d+:\d+)$", text, re.M)
    replaces = re.search(r"^# replaces: (\S+)$", text, re.M)
    assert code, path
    assert at, path
    shutil.copytree(DATA / "lintbase", tmp_path / "rb")
    target = tmp_path / "rb" / (replaces.group(1) if replaces else "areas/one.yaml")
    shutil.copy(path, target)
    findings = lint(judgement.load_rulebook(tmp_path / "rb"))
    located = [
        f"{f.location.line}:{f.location.column}" for f in findings if f.code == f"lint.{code.group(1)}" and f.location
    ]
    assert at.group(1) in located, [f.format() for f in findings]


def test_every_finding_kind_has_a_corpus_file():
    codes = {re.search(r"^# lint: (\S+)$", p.read_text(), re.M).group(1) for p in LINT.glob("*.yaml")}
    assert {f"lint.{c}" for c in codes} == {code for code in CODES if code.startswith("lint.")}


@pytest.mark.slow
def test_lint_cli_exit_codes(tmp_path):
    from click.testing import CliRunner

    from judgement.cli import main
    from tests.example import RULES as EXAMPLE_RULES

    # a rulebook without findings exits 0 (that the shipped one has none is test_shipped_rulebook_has_no_findings')
    assert CliRunner().invoke(main, ["lint", str(EXAMPLE_RULES)]).exit_code == 0
    shutil.copytree(DATA / "lintbase", tmp_path / "rb")
    shutil.copy(LINT / "overlap.yaml", tmp_path / "rb" / "areas" / "one.yaml")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "rb")])
    assert result.exit_code == 1
    assert "one.yaml:12:9: lint.overlap: rules one.good and one.bad can both fire" in result.stdout
