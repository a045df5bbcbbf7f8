"""Rulebooks at a git revision: ``REV:path`` (``HEAD~1:rules/ucra-2010``) is read with git into a temporary
folder, removed when the process ends, so the same checks apply as to any rulebook folder.

It is read as git has it: names listed with ``-z`` (a name in any script, with spaces or quotes, arrives
as it is), each blob's size checked against the file limit before it is read, its text decoded as UTF-8
with a located error, a path that climbs out of the repository (``..``) refused, and the user's text always
after ``--end-of-options``, so a revision that starts with ``-`` is never read as an option.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from judgement.errors import InputError, Problem
from judgement.model.rulebook import CALIBRATION_FILE
from judgement.read.documents import MAX_FILE_BYTES
from judgement.read.folders import AREA_SUFFIXES, MANIFEST

__all__ = ["is_revision", "rulebook_at_revision"]

_EXPECTED = "REV:path to a rulebook directory, e.g. HEAD~1:rules/ucra-2010"


def is_revision(spec: str) -> bool:
    """Whether ``spec`` names a rulebook at a git revision rather than a folder."""
    return ":" in spec and not Path(spec).exists()


def _refuse(spec: str, message: str) -> InputError:
    return InputError(Problem(f"{spec}: {message}", expected=_EXPECTED, code="input.git"))


def rulebook_at_revision(spec: str, *, cwd: Path | None = None) -> Path:
    """The rulebook folder ``REV:path`` of the git repository at ``cwd``, written to a temporary folder."""
    rev, _, inner = spec.partition(":")
    if not rev:
        raise _refuse(spec, "no revision before the ':'")
    parts = PurePosixPath(inner.strip("/") or ".").parts
    if ".." in parts or inner.startswith("/"):
        raise _refuse(spec, "a path inside the repository has no '..'")
    inner = "/".join(p for p in parts if p != ".") or "."
    listing = _git(["ls-tree", "-r", "-l", "-z", "--end-of-options", rev, "--", inner], cwd, spec)
    blobs: list[tuple[str, int]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        head, _, raw_name = entry.partition(b"\t")
        fields = head.split()
        name = raw_name.decode("utf-8", errors="surrogateescape")
        if len(fields) < 4 or fields[1] != b"blob":
            continue
        if name.endswith(AREA_SUFFIXES) or PurePosixPath(name).name == CALIBRATION_FILE:
            size = int(fields[3]) if fields[3].isdigit() else MAX_FILE_BYTES + 1
            blobs.append((name, size))
    if not any(PurePosixPath(name).name == MANIFEST for name, _ in blobs):
        raise _refuse(spec, f"no {MANIFEST} at that revision and path")
    for name, size in blobs:  # every size checked before any file is read
        if size > MAX_FILE_BYTES:
            raise _refuse(f"{spec}/{name}", f"is {size:,} bytes at that revision (at most {MAX_FILE_BYTES:,})")
    # Files go under a folder named after the revision, so locations read ".../HEAD~1/rules/x/areas/a.yaml".
    holder = Path(tempfile.mkdtemp(prefix="judgement-diff-"))
    atexit.register(shutil.rmtree, holder, ignore_errors=True)
    target = holder / rev.replace("/", "_").lstrip("-.") / inner
    for name, _ in blobs:
        relative = PurePosixPath(name).relative_to(inner) if inner != "." else PurePosixPath(name)
        data = _git(["show", "--end-of-options", f"{rev}:{name}"], cwd, spec)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _refuse(
                f"{rev}:{name}", f"is not UTF-8 text at that revision (byte {error.start + 1} cannot be read)"
            ) from None
        out = target / Path(*relative.parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return target


def _git(args: list[str], cwd: Path | None, spec: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise InputError(
            Problem(f"{spec}: git is not installed, so a REV:path rulebook cannot be read", code="input.git")
        ) from None
    except subprocess.TimeoutExpired:
        raise _refuse(spec, "git did not answer within 60 seconds") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip()
        raise _refuse(spec, f"git could not read it: {said}")
    return done.stdout
