"""Finding the rulebook a case names, by id and inspection date.

Search order, first match wins:

1. directories given by the caller (the CLI's ``--rules``);
2. the directories in the ``JUDGEMENT_RULES_PATH`` environment variable (separated like ``PATH``);
3. the folders other installed packages declare in the ``judgement.rulebooks`` entry-point group
   (:func:`judgement.read.folders.plugin_rules`);
4. the rulebooks shipped inside the package.

Each directory is either a rulebook (it holds ``rulebook.yaml``) or a folder of rulebooks. Among the
rulebooks with the case's id, the first whose effective dates cover the inspection date is chosen.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from judgement._digest import sha256
from judgement._fmt import working_folder
from judgement.check import stored
from judgement.check.rulebook import load_rulebook
from judgement.errors import JudgementError, Problem, ResolutionError, UsageError, suggest
from judgement.model import Case, Rulebook
from judgement.read.documents import MAX_FILE_BYTES, document_of, read_bounded
from judgement.read.folders import MANIFEST, display, packaged_rules, plugin_rules, rulebook_dirs, signature
from judgement.source import Location

__all__ = [
    "ENV_VAR",
    "RECHECK_SECONDS",
    "cached_rulebook",
    "find_rulebook",
    "fitting_rulebook",
    "rulebook_for",
    "rulebook_search_path",
    "sheet_columns_problems",
    "sheet_rulebook",
]

ENV_VAR = "JUDGEMENT_RULES_PATH"

#: Rulebook folders whose loaded rulebook is kept (least recently used dropped first).
MAX_CACHED_RULEBOOKS = 16

_LOCK = threading.Lock()
# Keys hold the working directory: relative paths resolve against it, and locations in a loaded rulebook
# are written relative to it.
# (None for a working directory deleted since the process entered it.)
_CACHE: OrderedDict[tuple[Path, Path | None], tuple[tuple[object, ...], Rulebook, float]] = OrderedDict()
_RESOLVED_PATHS: dict[tuple[Path | None, Path], Path] = {}
_CHOSEN: dict[tuple[str, dt.date, tuple[Path, ...], Path | None], Path] = {}
_MANIFESTS: dict[Path, tuple[int, object]] = {}


K = TypeVar("K")
V = TypeVar("V")
#: At most this many entries in each of the small tables above (the oldest go first).
MAX_REMEMBERED = 1024


def _kept(table: dict[K, V], key: K, value: V) -> V:
    """``table[key] = value``, the table kept to :data:`MAX_REMEMBERED` entries."""
    while len(table) >= MAX_REMEMBERED:
        del table[next(iter(table))]
    table[key] = value
    return value


def clear_rulebooks() -> None:
    """Forget every rulebook read, which rulebook each case chose, and the folders resolved."""
    with _LOCK:
        _CACHE.clear()
        _RESOLVED_PATHS.clear()
        _CHOSEN.clear()
        _MANIFESTS.clear()
    stored.forget_manifest_ids()


def rulebook_search_path(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The directories searched for rulebooks, in order. A folder the caller names that does not exist
    is an error (a typo in ``--rules`` would otherwise fall back to other rulebooks unnoticed)."""
    missing = [str(p) for p in extra if not Path(p).is_dir()]
    if missing:
        raise ResolutionError(
            [
                Problem(
                    f"{name}: no such rulebook folder",
                    expected="a rulebook folder, or a folder of them",
                    code="resolve.no-folder",
                )
                for name in missing
            ]
        )
    paths = [Path(p) for p in extra]
    paths.extend(Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p)
    paths.extend(plugin_rules())
    paths.append(packaged_rules())
    return paths


#: How often (seconds) a cached rulebook's files are checked for changes.
RECHECK_SECONDS = 1.0


def cached_rulebook(path: Path) -> Rulebook:
    """Load a rulebook once per process; it is reloaded when any of its files changes (checked at most
    once every :data:`RECHECK_SECONDS`, so judging many cases does not stat every file for each)."""
    here = working_folder()
    root = _RESOLVED_PATHS.get((here, path))
    if root is None:
        root = _kept(_RESOLVED_PATHS, (here, path), path.resolve())
    key = (root, here)
    with _LOCK:
        found = _CACHE.get(key)
    now = time.monotonic()
    if found is not None and now - found[2] < RECHECK_SECONDS:
        return found[1]
    stamp = signature(root)
    rulebook = found[1] if found is not None and found[0] == stamp else load_rulebook(root)
    with _LOCK:
        _CACHE[key] = (stamp, rulebook, now)
        _CACHE.move_to_end(key)
        while len(_CACHE) > MAX_CACHED_RULEBOOKS:
            _CACHE.popitem(last=False)
    return rulebook


def _manifest_id(directory: Path) -> object:
    """The id a rulebook directory's manifest declares (parsed once per change of the file), or the
    :class:`JudgementError` reading it raised: a broken rulebook is reported only when it could be the
    one asked for, never for cases of other rulebooks."""
    manifest = directory / MANIFEST
    stamp = manifest.stat().st_mtime_ns
    found = _MANIFESTS.get(manifest)
    if found is None or found[0] != stamp:
        found = _kept(_MANIFESTS, manifest, (stamp, _declared_id(manifest)))
    return found[1]


def _declared_id(manifest: Path) -> object:
    """:func:`_manifest_id` read from the file: the id kept for the same bytes when one was (see
    :func:`judgement.check.stored.manifest_id`), otherwise parsed."""
    name = display(manifest)
    try:
        raw = read_bounded(manifest, MAX_FILE_BYTES, name)
    except JudgementError as error:
        return error
    digest = sha256(raw).hexdigest()
    known = stored.manifest_id(digest)
    if known is not None:
        return known
    try:
        head = document_of(raw, name).data
    except JudgementError as error:
        return error
    declared = head.get("id") if isinstance(head, dict) else None
    if isinstance(declared, str):
        stored.keep_manifest_id(digest, declared)
    return declared


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
    memo = (rulebook_id, inspected, tuple(searched), working_folder())
    chosen = _CHOSEN.get(memo)
    if chosen is not None and (chosen / MANIFEST).is_file():
        rulebook = cached_rulebook(chosen)
        if rulebook.id == rulebook_id and rulebook.covers(inspected):
            return rulebook
    seen: list[str] = []
    broken: list[str] = []
    shipped = packaged_rules()
    # The folders a user names (--rules, JUDGEMENT_RULES_PATH, plugins) are searched together: two copies of
    # one id in force on one date among them are ambiguous, wherever they are. The shipped rulebooks come
    # last, and a user's copy of one takes its place.
    groups = [[e for e in searched if e != shipped], [e for e in searched if e == shipped]]
    for group in groups:
        matches: list[tuple[Path, Rulebook]] = []
        # the same folder reached twice (named twice, or through a link) is one rulebook, not two
        unique = {os.path.realpath(d): d for d in reversed(list(rulebook_dirs(group)))}
        for directory in reversed(list(unique.values())):
            declared = _manifest_id(directory)
            if isinstance(declared, JudgementError):
                broken.append(display(directory))
                continue
            if declared != rulebook_id:
                continue
            rulebook = cached_rulebook(directory)
            if rulebook.id != rulebook_id:  # an id kept for the manifest's bytes that its rulebook does not declare
                continue
            if rulebook.covers(inspected):
                matches.append((directory, rulebook))
                continue
            until = rulebook.effective_to.isoformat() if rulebook.effective_to else "open"
            seen.append(
                f"{display(directory)} (version {rulebook.version}, in force {rulebook.effective_from} to {until})"
            )
        if len(matches) > 1:
            raise ResolutionError(
                [
                    Problem(
                        f"{len(matches)} rulebooks {rulebook_id!r} are in force on {inspected.isoformat()} in "
                        + ", ".join(display(e) for e in group),
                        at,
                        expected="one rulebook per id and date among the folders searched",
                        hint="found: "
                        + "; ".join(f"{display(d)} (version {b.version})" for d, b in matches)
                        + " (give the versions dates that do not overlap, or remove one)",
                        code="resolve.ambiguous",
                    )
                ]
            )
        if matches:
            _kept(_CHOSEN, memo, matches[0][0])
            return matches[0][1]
    if seen:
        raise ResolutionError(
            [
                Problem(
                    f"no version of rulebook {rulebook_id!r} is in force on {inspected.isoformat()}",
                    at,
                    expected="a rulebook whose effective dates cover the inspection date",
                    hint="found: " + "; ".join(seen),
                    code="resolve.not-in-force",
                )
            ]
        )
    raise ResolutionError(
        [
            Problem(
                f"rulebook {rulebook_id!r} not found",
                at,
                expected="a directory holding rulebook.yaml with that id",
                hint="searched: "
                + ", ".join(display(p) for p in searched)
                + f" (add --rules DIR or set {ENV_VAR})"
                + (f"; unreadable manifests in {', '.join(broken)}" if broken else ""),
                code="resolve.not-found",
            )
        ]
    )


def sheet_rulebook(path: Path, rules: Sequence[str | Path] = (), given: str | None = None) -> str | None:
    """The rulebook for the rows of a spreadsheet: ``given`` (``--rulebook``) if any, None when the sheet
    has a ``rulebook`` column (each row names its own), else the one rulebook that fits
    (:func:`fitting_rulebook`)."""
    if given:
        return given
    from judgement.read.spreadsheet import column_titles  # noqa: PLC0415 - read only when a spreadsheet is

    return None if "rulebook" in column_titles(path) else fitting_rulebook(path, rules)


def fitting_rulebook(path: Path, rules: Sequence[str | Path] = ()) -> str:
    """The one rulebook on the search path whose catalogue has every measure a spreadsheet names (for a
    sheet without a ``rulebook`` column). Raises :class:`~judgement.errors.UsageError` naming the closest
    rulebook and the columns it lacks when none fits, or the ones that fit when several do."""
    from judgement.read.spreadsheet import measure_columns  # noqa: PLC0415 - read only when a spreadsheet is

    columns = measure_columns(path)
    fits: set[str] = set()
    nearest: tuple[int, str, list[str]] | None = None  # (unknown columns, rulebook, them) of the closest
    for candidate in rulebook_dirs(rulebook_search_path(rules)):
        try:
            book = load_rulebook(candidate)
        except JudgementError:
            continue
        unknown = [c for c in columns if c not in book.measures]
        if not unknown:
            fits.add(book.id)
        elif nearest is None or len(unknown) < nearest[0]:
            hints = [f"{c!r}" + (f" ({h})" if (h := suggest(c, book.measures)) else "") for c in unknown[:5]]
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            nearest = (len(unknown), book.id, [", ".join(hints) + more])
    if len(fits) == 1:
        return fits.pop()
    if fits:
        found = ", ".join(sorted(fits))
        message = f"{display(path)}: its measure columns fit more than one rulebook ({found})"
    elif nearest is not None:
        message = (
            f"{display(path)}: no rulebook has every measure column; the closest, {nearest[1]}, has no measure "
            f"{nearest[2][0]}"
        )
    else:
        message = f"{display(path)}: no rulebook was found to judge it with"
    raise UsageError.of("sheet.which-rulebook", message, expected="a 'rulebook' column, or --rulebook ID")


def sheet_columns_problems(path: Path, rulebook_id: str, rules: Sequence[str | Path] = ()) -> list[Problem]:
    """Measure columns of a spreadsheet that no rulebook called ``rulebook_id`` has, each once, at its
    title, with the nearest measure suggested (rather than an error on every row)."""
    catalogue: set[str] = set()
    for candidate in rulebook_dirs(rulebook_search_path(rules)):
        try:
            book = cached_rulebook(candidate)
        except JudgementError:
            continue
        if book.id == rulebook_id:
            catalogue |= set(book.measures)
    if not catalogue:
        return []  # an unknown rulebook is reported for each case, where it is named
    from judgement.read.sheets import cell_offsets, read_sheet  # noqa: PLC0415 - read only when a spreadsheet is
    from judgement.read.spreadsheet import canonical, measure_columns  # noqa: PLC0415

    sheet = read_sheet(path)
    source = sheet.header_source
    offsets = cell_offsets(source, sheet.delimiter or ",") if source else []
    measures = measure_columns(path)
    problems = []
    for column, title in enumerate(canonical(h) for h in sheet.header):
        measure = title.partition(".")[0]
        if measure and measure in measures and measure not in catalogue and title == measure:
            start = offsets[column] + 1 if column < len(offsets) else column + 1
            problems.append(
                Problem(
                    f"column {title!r} is not a measure of rulebook {rulebook_id}",
                    Location(display(path), 1, start, source, len(sheet.header[column])),
                    "a measure of the rulebook's catalogue, or one of case, authority, inspected, rulebook, notes",
                    suggest(measure, sorted(catalogue)),
                    code="sheet.unknown-column",
                )
            )
    return problems
