"""Rulebooks at a git revision: ``REV:path`` (``HEAD~1:rules/ucra-2010``) is read with ``git show`` into a
temporary folder, removed when the process ends, so the same checks apply as to any rulebook folder."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path

from judgement.errors import InputError, Problem
from judgement.read.folders import MANIFEST

__all__ = ["is_revision", "rulebook_at_revision"]


def is_revision(spec: str) -> bool:
    """Whether ``spec`` names a rulebook at a git revision rather than a folder."""
    return ":" in spec and not Path(spec).exists()


def rulebook_at_revision(spec: str, *, cwd: Path | None = None) -> Path:
    """The rulebook folder ``REV:path`` of the git repository at ``cwd``, written to a temporary folder."""
    rev, _, inner = spec.partition(":")
    inner = inner.strip("/") or "."
    listing = _git(["ls-tree", "-r", "--name-only", rev, "--", inner], cwd, spec)
    files = [f for f in listing.splitlines() if f.endswith((".yaml", ".yml"))]
    if not any(Path(f).name == MANIFEST for f in files):
        raise InputError(
            Problem(
                f"{spec}: no {MANIFEST} at that revision and path",
                expected="REV:path to a rulebook directory, e.g. HEAD~1:rules/ucra-2010",
                code="input.git",
            )
        )
    # Files go under a folder named after the revision, so locations read ".../HEAD~1/rules/x/areas/a.yaml".
    holder = Path(tempfile.mkdtemp(prefix="judgement-diff-"))
    atexit.register(shutil.rmtree, holder, ignore_errors=True)
    target = holder / rev.replace("/", "_") / inner
    for name in files:
        relative = Path(name).relative_to(inner) if inner != "." else Path(name)
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_git(["show", f"{rev}:{name}"], cwd, spec), encoding="utf-8")
    return target


def _git(args: list[str], cwd: Path | None, spec: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60)
    except FileNotFoundError:
        raise InputError(
            Problem(f"{spec}: git is not installed, so a REV:path rulebook cannot be read", code="input.git")
        ) from None
    if done.returncode != 0:
        raise InputError(
            Problem(
                f"{spec}: git could not read it: {done.stderr.strip()}",
                expected="REV:path in this git repository, e.g. HEAD~1:rules/ucra-2010",
                code="input.git",
            )
        )
    return done.stdout
