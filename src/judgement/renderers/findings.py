"""Lint findings as text: one per line (``file:line:col: lint.code: message``), then a count."""

from __future__ import annotations

from collections.abc import Sequence

from judgement.errors import Problem
from judgement.model import Rulebook

__all__ = ["render_findings"]


def render_findings(findings: Sequence[Problem], rulebook: Rulebook) -> str:
    """Findings as text, one per line (``file:line:col: lint.code: message``), then a count."""
    lines = [(f"{f.location}: " if f.location else "") + f"{f.code}: {f.message}" for f in findings]
    lines.append(f"{rulebook.id} {rulebook.version}: {len(findings)} finding{'s' if len(findings) != 1 else ''}")
    return "\n".join(lines) + "\n"
