"""Rulebook folders and case files on disk: the one place that knows how a rulebook folder is laid out,
how folders of rulebooks and folders of cases are scanned, and how paths are shown.

A rulebook is a folder holding ``rulebook.yaml`` (its manifest), ``measures.yaml`` and ``areas/*.yaml``.
Only those files are read, and only when they lie inside the folder (a symbolic link out of it is
refused). A folder of rulebooks holds rulebook folders directly.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from judgement._fmt import display_path
from judgement.errors import InputError, Problem

__all__ = [
    "AREAS_DIR",
    "CASE_SUFFIXES",
    "MANIFEST",
    "MEASURES",
    "SHEET_SUFFIXES",
    "display",
    "is_rulebook",
    "packaged_rules",
    "rulebook_dirs",
    "rulebook_files",
    "signature",
    "walk_files",
]

MANIFEST = "rulebook.yaml"
MEASURES = "measures.yaml"
AREAS_DIR = "areas"
#: Case files, and spreadsheets of cases (a row each).
CASE_SUFFIXES = (".yaml", ".yml", ".json")
SHEET_SUFFIXES = (".csv",)


@functools.cache
def packaged_rules() -> Path:
    """Where the shipped rulebooks are: inside the installed package, or the checkout's ``rules/``."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "rulebooks"
    if inside.is_dir():
        return inside
    return package.parents[1] / "rules"  # an editable install from a checkout


def display(path: str | Path) -> str:
    """How a path is shown in messages and output (see :func:`judgement._fmt.display_path`): the shipped
    rulebooks appear as ``judgement/rulebooks/...`` wherever they are installed."""
    return display_path(path, labels=((packaged_rules(), "judgement/rulebooks"),))


def is_rulebook(path: Path) -> bool:
    """Whether ``path`` is a rulebook folder."""
    return (path / MANIFEST).is_file()


def rulebook_dirs(paths: Iterable[str | Path], *, strict: bool = False) -> Iterator[Path]:
    """Each path that is a rulebook folder, and the rulebook folders directly inside the others, in order.

    With ``strict``, a path that is neither (or does not exist) raises :class:`InputError`.
    """
    for given in paths:
        path = Path(given)
        if is_rulebook(path):
            yield path
            continue
        found = sorted(p for p in path.iterdir() if is_rulebook(p)) if path.is_dir() else []
        if strict and not found:
            what = "no such directory" if not path.exists() else "no rulebook here"
            raise InputError(
                Problem(
                    f"{path}: {what}",
                    expected=f"a rulebook folder (holding {MANIFEST}) or a folder of them",
                    code="input.not-rulebook" if path.exists() else "input.not-found",
                )
            )
        yield from found


def rulebook_files(root: Path) -> list[Path]:
    """The files of a rulebook folder, manifest first, then the catalogue, then the areas in name order."""
    if not root.is_dir():
        raise InputError(
            Problem(
                f"{root}: not a rulebook directory",
                expected=f"a directory holding {MANIFEST}",
                code="input.not-rulebook",
            )
        )
    if not is_rulebook(root):
        raise InputError(
            Problem(f"{root}: no {MANIFEST}", expected=f"a directory holding {MANIFEST}", code="input.not-rulebook")
        )
    areas = root / AREAS_DIR
    files = [root / MANIFEST, root / MEASURES, *(sorted(areas.glob("*.yaml")) if areas.is_dir() else [])]
    inside = root.resolve()
    for file in files:
        if file.exists() and not file.resolve().is_relative_to(inside):
            raise InputError(
                Problem(
                    f"{file}: links outside the rulebook folder",
                    expected=f"files inside {root}",
                    hint="copy the file into the rulebook instead of linking to it",
                    code="input.outside-rulebook",
                )
            )
    return files


def signature(root: Path) -> tuple[object, ...]:
    """What changes when any file of a rulebook is edited, added or removed (a few stat calls)."""
    parts: list[object] = []
    for file in (root / MANIFEST, root / MEASURES):
        try:
            parts.append(file.stat().st_mtime_ns)
        except OSError:
            parts.append(None)
    try:
        with os.scandir(root / AREAS_DIR) as entries:
            parts.extend(sorted((e.name, e.stat().st_mtime_ns) for e in entries))
    except OSError:
        parts.append(None)
    return tuple(parts)


def walk_files(paths: Iterable[str | Path], suffixes: tuple[str, ...] = CASE_SUFFIXES) -> Iterator[Path]:
    """Files named directly, and files with one of ``suffixes`` below directories, in sorted order."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in suffixes)
        else:
            yield p
