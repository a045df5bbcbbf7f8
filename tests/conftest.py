"""Shared fixtures and hypothesis profiles (``HYPOTHESIS_PROFILE=thorough`` for a long run)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import judgement

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "ucra-2010"
FIXTURES = ROOT / "fixtures" / "ucra-2010"
DATA = Path(__file__).resolve().parent / "data"

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def ucra() -> judgement.Rulebook:
    return judgement.load_rulebook(RULES)


@pytest.fixture(scope="session")
def mini() -> judgement.Rulebook:
    return judgement.load_rulebook(DATA / "mini")


@pytest.fixture(scope="session")
def staffordshire() -> judgement.Case:
    return judgement.load_case(FIXTURES / "staffordshire-2010.yaml")


def make_case(
    evidence: dict[str, object], *, rulebook: str = "ucra-2010", inspected: str = "2010-06-01"
) -> judgement.Case:
    """A case built from data, as a user of ``Case.from_dict`` would build it."""
    return judgement.load_case(
        {"case": "t", "authority": "Test Council", "inspected": inspected, "rulebook": rulebook, "evidence": evidence}
    )
