"""Finding the rulebook a case names, by id and inspection date.

Search order, first match wins:

1. directories given by the caller (the CLI's ``--rules``);
2. the directories in the ``JUDGEMENT_RULES_PATH`` environment variable (separated like ``PATH``);
3. the rulebooks shipped inside the package.

Each directory is either a rulebook (it holds ``rulebook.yaml``) or a folder of rulebooks. Among the
rulebooks with the case's id, the first whose effective dates cover the inspection date is chosen.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from judgement.errors import Problem, ResolutionError
from judgement.load import load_document
from judgement.model import Case, Rulebook
from judgement.source import Location
from judgement.validate import MANIFEST, load_rulebook

__all__ = ["ENV_VAR", "find_rulebook", "packaged_rules", "rulebook_for", "rulebook_search_path"]

ENV_VAR = "JUDGEMENT_RULES_PATH"

_CACHE: dict[Path, tuple[tuple[object, ...], Rulebook, float]] = {}
_RESOLVED_PATHS: dict[Path, Path] = {}
_CHOSEN: dict[tuple[str, dt.date, tuple[Path, ...]], Path] = {}


@functools.cache
def packaged_rules() -> Path:
    """Where the shipped rulebooks are: inside the installed package, or the checkout's ``rules/``."""
    inside = Path(__file__).resolve().parent / "rulebooks"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "rules"  # an editable install from a checkout


def rulebook_search_path(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The directories searched for rulebooks, in order."""
    paths = [Path(p) for p in extra]
    paths.extend(Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p)
    paths.append(packaged_rules())
    return paths


def _rulebook_dirs(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if (path / MANIFEST).is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.iterdir() if (p / MANIFEST).is_file())


def _signature(root: Path) -> tuple[object, ...]:
    """What changes when any file of a rulebook is edited, added or removed (a few stat calls)."""
    parts: list[object] = []
    for file in (root / MANIFEST, root / "measures.yaml"):
        try:
            parts.append(file.stat().st_mtime_ns)
        except OSError:
            parts.append(None)
    try:
        with os.scandir(root / "areas") as entries:
            parts.extend(sorted((e.name, e.stat().st_mtime_ns) for e in entries))
    except OSError:
        parts.append(None)
    return tuple(parts)


#: How often (seconds) a cached rulebook's files are checked for changes.
RECHECK_SECONDS = 1.0


def cached_rulebook(path: Path) -> Rulebook:
    """Load a rulebook once per process; it is reloaded when any of its files changes (checked at most
    once every :data:`RECHECK_SECONDS`, so judging many cases does not stat every file for each)."""
    root = _RESOLVED_PATHS.get(path)
    if root is None:
        root = _RESOLVED_PATHS[path] = path.resolve()
    found = _CACHE.get(root)
    now = time.monotonic()
    if found is not None and now - found[2] < RECHECK_SECONDS:
        return found[1]
    signature = _signature(root)
    if found is not None and found[0] == signature:
        _CACHE[root] = (signature, found[1], now)
        return found[1]
    rulebook = load_rulebook(root)
    _CACHE[root] = (signature, rulebook, now)
    return rulebook


_MANIFESTS: dict[Path, tuple[int, object]] = {}


def _manifest_id(directory: Path) -> object:
    """The id a rulebook directory's manifest declares (parsed once per change of the file)."""
    manifest = directory / MANIFEST
    stamp = manifest.stat().st_mtime_ns
    found = _MANIFESTS.get(manifest)
    if found is None or found[0] != stamp:
        head = load_document(manifest).data
        found = _MANIFESTS[manifest] = (stamp, head.get("id") if isinstance(head, dict) else None)
    return found[1]


def rulebook_for(case: Case, extra: Sequence[str | Path] = ()) -> Rulebook:
    """The rulebook a case names, in force on its inspection date (errors point at the case file)."""
    return find_rulebook(case.rulebook, case.inspected, extra, at=case.locations.get("rulebook"))


def find_rulebook(
    rulebook_id: str, inspected: dt.date, extra: Sequence[str | Path] = (), *, at: Location | None = None
) -> Rulebook:
    """The rulebook with ``rulebook_id`` in force on ``inspected``. Raises :class:`ResolutionError`.

    The directory chosen is remembered per process, and the rulebook reloaded if its files change.
    """
    searched = rulebook_search_path(extra)
    memo = (rulebook_id, inspected, tuple(searched))
    chosen = _CHOSEN.get(memo)
    if chosen is not None and (chosen / MANIFEST).is_file():
        rulebook = cached_rulebook(chosen)
        if rulebook.id == rulebook_id and rulebook.covers(inspected):
            return rulebook
    seen: list[str] = []
    for directory in _rulebook_dirs(searched):
        if _manifest_id(directory) != rulebook_id:
            continue
        rulebook = cached_rulebook(directory)
        if rulebook.covers(inspected):
            _CHOSEN[memo] = directory
            return rulebook
        until = rulebook.effective_to.isoformat() if rulebook.effective_to else "open"
        seen.append(f"{directory} (version {rulebook.version}, in force {rulebook.effective_from} to {until})")
    if seen:
        raise ResolutionError(
            [
                Problem(
                    f"no version of rulebook {rulebook_id!r} is in force on {inspected.isoformat()}",
                    at,
                    expected="a rulebook whose effective dates cover the inspection date",
                    hint="found: " + "; ".join(seen),
                )
            ]
        )
    raise ResolutionError(
        [
            Problem(
                f"rulebook {rulebook_id!r} not found",
                at,
                expected="a directory holding rulebook.yaml with that id",
                hint="searched: " + ", ".join(str(p) for p in searched) + f" (add --rules DIR or set {ENV_VAR})",
            )
        ]
    )
