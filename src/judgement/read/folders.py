"""Rulebook folders and case files on disk: the one place that knows how a rulebook folder is laid out,
how folders of rulebooks and folders of cases are scanned, and how paths are shown.

A rulebook is a folder holding ``rulebook.yaml`` (its manifest), ``measures.yaml`` and ``areas/*.yaml``
(or ``*.yml``).
Only those files are read, and only when they lie inside the folder (a symbolic link out of it is
refused). A folder of rulebooks holds rulebook folders directly.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
import types
from collections.abc import Iterable, Iterator
from importlib.machinery import PathFinder
from pathlib import Path

from judgement._fmt import display_path
from judgement._text import visible
from judgement.errors import InputError, Problem

__all__ = [
    "AREAS_DIR",
    "AREA_SUFFIXES",
    "CASE_SUFFIXES",
    "ENTRY_POINTS",
    "MANIFEST",
    "MEASURES",
    "NAMED_SHEET_SUFFIXES",
    "SCHEMAS",
    "SHEET_SUFFIXES",
    "display",
    "is_rulebook",
    "is_sheet",
    "packaged_rules",
    "plugin_rules",
    "rulebook_dirs",
    "rulebook_files",
    "schema_text",
    "signature",
    "walk_files",
]

MANIFEST = "rulebook.yaml"
MEASURES = "measures.yaml"
AREAS_DIR = "areas"
#: What an area file's name ends in.
AREA_SUFFIXES = (".yaml", ".yml")
#: Case files, and spreadsheets of cases (a row each).
CASE_SUFFIXES = (".yaml", ".yml", ".json")
SHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".ods")  # spreadsheets: read by judgement.read.sheets
#: Spreadsheets read only when named (Excel's "Unicode Text" is .txt; a folder's .txt files are left alone).
NAMED_SHEET_SUFFIXES = (*SHEET_SUFFIXES, ".txt")


#: The JSON Schemas shipped in the package, by the kind of file they describe (for editors; ``judgement
#: schema KIND`` prints one).
SCHEMAS = {
    "rulebook": "rulebook.schema.json",
    "measures": "measures.schema.json",
    "area": "area.schema.json",
    "case": "case.schema.json",
    "judgement": "judgement.schema.json",
}


def schema_text(kind: str) -> str:
    """The text of a shipped JSON Schema (``kind``: a key of :data:`SCHEMAS`)."""
    return (Path(__file__).resolve().parents[1] / "schema" / SCHEMAS[kind]).read_text(encoding="utf-8")


#: The entry-point group through which other Python packages ship rulebooks.
ENTRY_POINTS = "judgement.rulebooks"


def plugin_rules() -> list[Path]:
    """The rulebook folders other installed packages declare in the ``judgement.rulebooks`` entry-point
    group. An entry point names a folder (a rulebook, or a folder of them) as a path, a function returning
    one, or a package whose own folder it is::

        [project.entry-points."judgement.rulebooks"]
        ofsted-ilacs = "ilacs_rules"                # the package's folder
        council = "council_rules:folder"           # a Path, a str, or a function returning one

    Each plugin is contained: one that cannot be loaded (it raises, or even exits), names no folder (a module
    without a file) or writes escapes into its name is that plugin's problem, its text escaped; the others
    are still read, and then every problem is raised together."""
    found: list[Path] = []
    if not _may_declare(ENTRY_POINTS):
        return found
    import importlib.metadata  # some tens of milliseconds: only when an installed package may declare one

    problems: list[Problem] = []
    for point in importlib.metadata.entry_points(group=ENTRY_POINTS):
        where = f"entry point {visible(point.name)!r} ({visible(point.value)}) of group {ENTRY_POINTS}"
        try:
            target: object = point.load()
            if callable(target) and not isinstance(target, type):
                target = target()
        except (Exception, SystemExit) as error:  # a third party's import can raise anything, or exit
            problems.append(
                Problem(
                    f"{where} could not be loaded: {type(error).__name__}: {visible(str(error))}",
                    expected="an installed package that declares a rulebook folder",
                    hint="reinstall or uninstall the package that declares it",
                    code="input.plugin",
                )
            )
            continue
        folder = _plugin_folder(target)
        if folder is None:
            problems.append(
                Problem(
                    f"{where} names no folder ({visible(repr(target))[:200]})",
                    expected="a rulebook folder or a folder of them",
                    hint="reinstall or uninstall the package that declares it",
                    code="input.plugin",
                )
            )
            continue
        found.append(folder)
    if problems:
        raise InputError(problems)
    return found


def _may_declare(group: str) -> bool:
    """Whether any installed package may declare entry points of ``group``: False only when every place
    packages are found is a folder whose packages' ``entry_points.txt`` files (read as bytes) never name
    it, and no import hook of its own finds packages. Finding that costs a folder listing or two, where
    importing :mod:`importlib.metadata` and asking it costs some tens of milliseconds; any doubt (an
    archive on the path, an egg, a file that cannot be read) is left to :mod:`importlib.metadata`."""
    if any(
        getattr(finder, "find_distributions", None) is not None and finder is not PathFinder for finder in sys.meta_path
    ):
        return True
    needle = group.encode()
    for entry in sys.path:
        folder = entry or os.curdir
        try:
            with os.scandir(folder) as found:
                names = [e.name for e in found]
        except NotADirectoryError:
            return True  # an archive on the path
        except OSError:
            continue  # a folder that is not there holds no packages
        for name in names:
            lowered = name.lower()
            if lowered.endswith(".egg"):
                return True
            if not lowered.endswith((".dist-info", ".egg-info")):
                continue
            points = os.path.join(folder, name, "entry_points.txt")
            try:
                with open(points, "rb") as file:
                    if needle in file.read():
                        return True
            except (FileNotFoundError, NotADirectoryError):  # no entry points, or metadata in one file
                continue
            except OSError:
                return True
    return False


def _plugin_folder(target: object) -> Path | None:
    """The folder a plugin's entry point names, or None (a module without a file names none)."""
    if isinstance(target, types.ModuleType):
        file = getattr(target, "__file__", None)
        spots = [p for p in getattr(target, "__path__", []) if p] or ([os.path.dirname(file)] if file else [])
        target = spots[0] if spots else None
    if not isinstance(target, str | os.PathLike) or not str(target) or not Path(target).is_dir():
        return None
    return Path(target)


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
    found = sorted(p for p in areas.iterdir() if p.suffix in AREA_SUFFIXES) if areas.is_dir() else []
    files = [root / MANIFEST, root / MEASURES, *found]
    inside = root.resolve()
    folders = {root: inside, areas: areas.resolve()}  # each file's folder, resolved once
    for file in files:
        try:
            linked = stat.S_ISLNK(file.lstat().st_mode)
        except OSError:  # no such file: reported when it is read
            continue
        if linked:  # a link is followed (one to nothing is reported when it is read)
            outside = file.exists() and not file.resolve().is_relative_to(inside)
        else:  # a file, where its folder is
            outside = not folders[file.parent].is_relative_to(inside)
        if outside:
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
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
        else:
            yield p


def is_sheet(path: str | Path, *, named: bool = True) -> bool:
    """Whether a file is a spreadsheet by its name (``named``: the user named it, so ``.txt`` counts)."""
    return Path(path).suffix.lower() in (NAMED_SHEET_SUFFIXES if named else SHEET_SUFFIXES)
