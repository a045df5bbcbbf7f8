"""The code stays lint-clean and type-clean (ruff and mypy as configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is a dev dependency")
def test_ruff_is_clean():
    done = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


@pytest.mark.slow  # about 9 s from a fresh clone, whose mypy cache is empty: CI runs it with the whole suite
def test_mypy_strict_is_clean():
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


def test_every_named_limit_and_constant_has_one_owner():
    """A constant the package names (a limit, a set of suffixes) is written as a literal in one module;
    others import it. A second literal copy of the same name would drift from the first."""
    import ast
    from collections import defaultdict

    written: dict[str, list[str]] = defaultdict(list)
    for path in sorted((ROOT / "src" / "judgement").rglob("*.py")):
        for node in ast.parse(path.read_text()).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            value = getattr(node, "value", None)
            literal = value is not None and all(
                isinstance(
                    n, (ast.Constant, ast.Tuple, ast.UnaryOp, ast.operator, ast.unaryop, ast.expr_context, ast.BinOp)
                )
                for n in ast.walk(value)
            )
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper() and not target.id.startswith("_") and literal:
                    written[target.id].append(str(path.relative_to(ROOT)))
    copies = {name: places for name, places in written.items() if len(places) > 1}
    assert copies == {}
    assert "MAX_SAMPLE" in written  # the scan sees the limits


def test_json_is_written_for_people_in_one_place():
    """Output JSON is written by one function (``_fmt.json_text``); the other calls of ``json.dumps`` make
    canonical forms for digests and the engine's facts, never output. A second output writer would drift
    (a key order, NaN, escaping)."""
    import re

    calls = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "src" / "judgement").rglob("*.py")
        if re.search(r"\bjson\.dumps?\(", path.read_text())
    }
    assert calls == {
        "src/judgement/_fmt.py",  # json_text: every JSON a person or a program reads
        "src/judgement/model/case.py",  # the canonical form a case's digest is taken of
        "src/judgement/model/rulebook.py",  # the parameters set in Python, in a rulebook's digest
        "src/judgement/check/rulebook.py",  # the canonical form a rulebook given as data is digested in
        "src/judgement/engine/compile.py",  # the engine's rulesets and facts, written as it reads them
    }
