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
from tests.conftest import DATA, RULES

LINT = DATA / "lint"


#: Rules of the shipped rulebook with one reason for several triggers that names evidence a trigger does
#: not read: the UCRA rulebook issue rewrites them; until then they are the only findings allowed.
KNOWN_REASON_FINDINGS = {
    "workforce_development.thin",
    "contact_and_referral.inconsistent",
    "front_door_response.slow",
    "management_decisions.inconsistent",
    "allocation_and_oversight.weak",
    "supervision.irregular",
    "assessments.late",
    "child_protection_process.late",
    "children_seen.inconsistent",
    "diversity_and_views.not_used",
    "recording_system.hinders",
    "multi_agency_planning.less_engaged",
    "workload.pressure",
}


def test_shipped_rulebook_has_no_findings_but_the_known_reason_ones(ucra):
    findings = lint(ucra)
    assert {f.code for f in findings} <= {"lint.reason-unread"}, [f.format() for f in findings]
    assert {f.message.split()[1] for f in findings} == KNOWN_REASON_FINDINGS


def test_the_example_rulebook_is_clean():
    from tests.example import BOOK

    assert lint(BOOK) == []


def test_base_of_the_corpus_is_clean():
    assert lint(judgement.load_rulebook(DATA / "lintbase")) == []


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


def test_lint_cli_exit_codes(tmp_path):
    from click.testing import CliRunner

    from judgement.cli import main
    from tests.example import RULES as EXAMPLE_RULES

    assert CliRunner().invoke(main, ["lint", str(EXAMPLE_RULES)]).exit_code == 0
    assert CliRunner().invoke(main, ["lint", str(RULES)]).exit_code == 1  # the known reason findings
    shutil.copytree(DATA / "lintbase", tmp_path / "rb")
    shutil.copy(LINT / "overlap.yaml", tmp_path / "rb" / "areas" / "one.yaml")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "rb")])
    assert result.exit_code == 1
    assert "one.yaml:12:9: lint.overlap: rules one.good and one.bad can both fire" in result.stdout
