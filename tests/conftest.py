"""Shared fixtures and hypothesis profiles (``HYPOTHESIS_PROFILE=thorough`` for a long run)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import judgement
from judgement.errors import Problem, RulebookError

# Checked rulebooks are kept in a folder of the session's own, never the user's cache (the commands the
# tests run in other processes inherit it); set before anything below loads a rulebook.
_CACHE = tempfile.mkdtemp(prefix="judgement-test-cache-")
os.environ["JUDGEMENT_CACHE_DIR"] = _CACHE
os.environ.pop("JUDGEMENT_CACHE", None)

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "ucra-2010"
FIXTURES = ROOT / "fixtures" / "ucra-2010"
DATA = Path(__file__).resolve().parent / "data"

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: The shipped rulebooks, loaded once for the session: the fixtures below return them, and test modules
#: whose hypothesis strategies need one as they are collected import them from here.
UCRA_BOOK = judgement.load_rulebook(RULES)
ILACS_BOOK = judgement.load_rulebook(ROOT / "rules" / "ilacs-2018")


@pytest.fixture(scope="session")
def ucra() -> judgement.Rulebook:
    return UCRA_BOOK


@pytest.fixture(scope="session")
def mini() -> judgement.Rulebook:
    return judgement.load_rulebook(DATA / "mini")


@pytest.fixture(scope="session")
def staffordshire() -> judgement.Case:
    return judgement.load_case(FIXTURES / "staffordshire-2010.yaml")


def printed_by(code: str) -> list[str]:
    """The words a fresh Python process running ``code`` prints (what a module imports at start-up is
    seen only in a process that has imported nothing else)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def make_case(
    evidence: dict[str, object], *, rulebook: str = "ucra-2010", inspected: str = "2010-06-01"
) -> judgement.Case:
    """A case built from data, as a user of ``Case.from_dict`` would build it."""
    return judgement.load_case(
        {"case": "t", "authority": "Test Council", "inspected": inspected, "rulebook": rulebook, "evidence": evidence}
    )


def one_area_rulebook(
    rulebook_id: str, measures: dict[str, object], conditions: list[str], requires: tuple[str, ...] = ()
) -> judgement.Rulebook:
    """A rulebook built from data, as a user of ``load_rulebook(dict)`` would build it: one area whose
    rules ``one.r0``, ``one.r1``... give strength when their condition holds, and a default rule."""
    rules: list[dict[str, object]] = [
        {"id": f"one.r{i}", "grade": "strength", "when": text, "because": "x"} for i, text in enumerate(conditions)
    ]
    rules.append({"id": "one.met", "grade": "satisfactory", "default": True, "because": "ok"})
    return judgement.load_rulebook(
        {
            "id": rulebook_id,
            "title": rulebook_id.title(),
            "version": "1",
            "effective_from": "2010-01-01",
            "grades": ["priority_action", "area_for_development", "satisfactory", "strength"],
            "measures": measures,
            "areas": [{"area": "one", "title": "Area one", "requires": list(requires), "rules": rules}],
        }
    )


def refused_rulebook(measures: dict[str, object], **area: object) -> Problem:
    """The first problem ``load_rulebook`` reports for a one-area rulebook built from data (the area's keys
    besides its id, title and default rule given as ``area``)."""
    book = {
        "id": "t",
        "title": "t",
        "version": "1",
        "effective_from": "2020-01-01",
        "grades": ["weak", "strong"],
        "measures": measures,
        "areas": [
            {
                "area": "a",
                "title": "A",
                **area,
                "rules": [{"id": "a.ok", "grade": "strong", "default": True, "because": "ok"}],
            }
        ],
    }
    with pytest.raises(RulebookError) as caught:
        judgement.load_rulebook(book)
    return caught.value.problems[0]


def assert_type_checks(tmp_path: Path, source: str) -> None:
    """``source``, a user's script, passes ``mypy --strict`` against the installed package."""
    import subprocess
    import sys
    import textwrap

    pytest.importorskip("mypy")
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent(source))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", "/dev/null", str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def pytest_sessionfinish() -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
