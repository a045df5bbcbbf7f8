"""Judging many cases: collect them from files, folders and spreadsheets, and judge them in one process or
several. Rendering is the format registry's (:mod:`judgement.renderers.formats`).

The judgement of one case is a pure function of its rulebook and its evidence, so cases can be judged
in any order and in any process; results are always put back in input order. With ``workers > 1`` a
process pool is used (the engine holds the GIL, so threads would not help); each worker prepares a
rulebook once, on first use, and renders its cases itself so only text and small data cross back.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
import sys
from collections.abc import Callable, Collection, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from judgement._attrs import frozen
from judgement.check.case import case_from_row, load_case
from judgement.errors import InputError, JudgementError, Problem, UsageError, suggest
from judgement.judging.judge import judge_for
from judgement.judging.results import Judgement
from judgement.model import Case, Rulebook, Unit
from judgement.read.folders import CASE_SUFFIXES, SHEET_SUFFIXES, display, is_sheet, walk_files
from judgement.renderers.formats import Format, Piece, format_named, render_piece
from judgement.resolve import rulebook_for, sheet_columns_problems, sheet_rulebook
from judgement.source import Location

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from judgement.read.spreadsheet import RawRow

__all__ = ["CaseOutcome", "Item", "collect_cases", "freeze_survivors", "judge_all", "unmet"]


@frozen
class Item:
    """One case to judge, in input order: a case file's path, a spreadsheet row as read, or the error
    reading it raised. Cases are checked where they are judged, so workers share that work too."""

    index: int
    source: Path | RawRow | Case | None
    error: JudgementError | None = None

    def load(self) -> Case:
        if self.error is not None:
            raise self.error
        if isinstance(self.source, Case):  # made in memory (from official statistics)
            return self.source
        if _is_row(self.source):
            return case_from_row(self.source)
        assert isinstance(self.source, Path)
        return load_case(self.source)


def _is_row(source: object) -> TypeGuard[RawRow]:
    """Whether an item's source is a spreadsheet row. Rows are made only by the spreadsheet reader, which
    is imported when a spreadsheet is read (or a row reaches a worker process), so before that none exists
    and judging case files does without importing it."""
    reader = sys.modules.get("judgement.read.spreadsheet")
    return reader is not None and isinstance(source, reader.RawRow)


@frozen
class CaseOutcome:
    """One case judged (or not), with its share of the output already rendered."""

    index: int
    case_id: str
    piece: Piece | None = None
    unmet: tuple[str, ...] = ()  # expectations not met
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def collect_cases(
    paths: Sequence[str | Path], rules: Sequence[str | Path] = (), rulebook: str | None = None
) -> list[Item]:
    """Every case below ``paths``: case files, and each row of any spreadsheet. Nothing found is an error."""
    items: list[Item] = []
    files = list(walk_files(list(paths), CASE_SUFFIXES + SHEET_SUFFIXES))
    if not files:
        raise UsageError.of("usage.no-cases", "no case files found in " + ", ".join(str(p) for p in paths))
    named = {Path(p) for p in paths}
    for file in files:
        if not is_sheet(file, named=file in named):
            items.append(Item(len(items), file))
            continue
        from judgement.read.spreadsheet import RawRow, read_raw_rows  # read only when a spreadsheet is

        try:
            book = sheet_rulebook(file, rules, rulebook)
            rows = list(read_raw_rows(file, book))  # the header's own problems first
            if book is not None:
                unknown = sheet_columns_problems(file, book, rules)
                if unknown:
                    raise InputError(unknown)
            for row in rows:
                items.append(Item(len(items), row) if isinstance(row, RawRow) else Item(len(items), None, row))
        except JudgementError as error:
            items.append(Item(len(items), None, error))
    return items


#: How a spreadsheet row is named on the command line: ``councils.csv#ashcombe-2010``.
ROW_MARK = "#"


def load_one(ref: str | Path, rules: Sequence[str | Path] = (), rulebook: str | None = None) -> Case:
    """One case: a case file, or a spreadsheet row named ``FILE#KEY`` where KEY is the row's case id or
    its authority (without case); a spreadsheet of one row needs no KEY."""
    text = str(ref)
    file, mark, key = text.rpartition(ROW_MARK)
    if not (mark and file and is_sheet(file)):
        file, key = text, ""
    if not is_sheet(file):
        return load_case(Path(text))
    from judgement.read.spreadsheet import read_raw_rows  # read only when a spreadsheet is

    path = Path(file)
    book = sheet_rulebook(path, rules, rulebook)
    rows: list[tuple[Case | None, JudgementError | None, RawRow]] = []
    for raw in read_raw_rows(path, book):
        if isinstance(raw, JudgementError):
            continue  # a row that cannot be read names no case
        try:
            rows.append((case_from_row(raw), None, raw))
        except JudgementError as error:
            rows.append((None, error, raw))
    ids = [c.id for c, _, _ in rows if c is not None]
    shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
    if not key:
        if len(rows) == 1:
            only, failed, _ = rows[0]
            if failed is not None:
                raise failed
            assert only is not None
            return only
        raise UsageError.of(
            "usage.which-row",
            f"{display(path)} has {len(rows)} rows: name the one to use",
            expected=f"{display(path)}{ROW_MARK}CASE, CASE a case id or authority: {shown or 'no readable rows'}",
        )
    wanted = key.strip().lower()
    found = [
        (c, e)
        for c, e, raw in rows
        if (c is not None and (c.id == key or c.authority.lower() == wanted)) or (c is None and _row_names(raw, wanted))
    ]
    if len(found) > 1:
        names = ", ".join(c.id for c, _ in found if c is not None)
        raise UsageError.of(
            "usage.which-row",
            f"{len(found)} rows of {display(path)} match {key!r}",
            expected=f"a case id: {names}",
        )
    if not found:
        raise UsageError.of(
            "usage.which-row",
            f"no row of {display(path)} has case id or authority {key!r}",
            expected=f"one of {shown or 'no readable rows'}",
            hint=suggest(key, ids),
        )
    chosen, refused = found[0]
    if refused is not None:
        raise refused
    assert chosen is not None
    return chosen


def _row_names(raw: RawRow, wanted: str) -> bool:
    """Whether a row that could not become a case names ``wanted`` in its case or authority cell."""
    for column in ("case", "authority"):
        if column in raw.header:
            index = raw.header.index(column)
            if index < len(raw.cells) and raw.cells[index].strip().lower() == wanted:
                return True
    return False


def unmet(result: Judgement) -> tuple[str, ...]:
    """The expectations of a case that its judgement does not meet, one line each."""
    out = []
    for expectation in result.case.expect:
        got = result.areas[expectation.area].grade
        if got.id != expectation.grade:
            out.append(
                f"{expectation.location}: {result.case.id} > {expectation.area}: "
                f"expected {expectation.grade}, got {got.value}"
            )
    return tuple(out)


# ---------------------------------------------------------------------------------------------- judging

_WORKER_RULES: tuple[str, ...] = ()


def _init_worker(rules: tuple[str, ...]) -> None:
    global _WORKER_RULES  # noqa: PLW0603 - per-process configuration of a pool worker
    _WORKER_RULES = rules
    # Ctrl-C reaches every process of the terminal's group: the parent decides, workers keep quiet. A
    # handler the parent set for SIGTERM was copied into this process; a worker just ends on it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it ends, however it ends (even
    ``kill -9``), so no worker is ever left behind waiting for work. Elsewhere this does nothing."""
    try:
        import ctypes  # only in a worker process

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent ended before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _not_judged(item: Item, why: str) -> CaseOutcome:
    if _is_row(item.source):
        where = Location(display(item.source.file), item.source.line_no, 1, item.source.source)
    elif isinstance(item.source, Path):
        where = Location(display(item.source), 0, 0)
    else:
        where = None
    return CaseOutcome(item.index, "", problems=(Problem(why, where, code="batch.not-judged"),))


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: pending work is dropped and every worker process is ended (a worker busy with a
    case is terminated rather than waited for)."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor keeps no public list
    calls = getattr(pool, "_call_queue", None)
    if calls is not None:  # work that can no longer be delivered must not hold the process at exit
        calls.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


#: The rulebook each (rulebook id, inspection date) resolved to in this process's run: one run reads one
#: version of the rules, and does not search the rulebook folders and installed plugins again per case.
Resolved = dict[tuple[str, dt.date], Rulebook]
_WORKER_RESOLVED: Resolved = {}


def _judge_item(
    item: Item, rules: Sequence[str | Path], fmt: Format, verbose: bool, resolved: Resolved | None = None
) -> CaseOutcome:
    try:
        case = item.load()
    except JudgementError as error:
        return CaseOutcome(item.index, "", problems=error.problems)
    try:
        key = (case.rulebook, case.inspected)
        rulebook = resolved.get(key) if resolved is not None else None
        if rulebook is None:
            rulebook = rulebook_for(case, rules)
            if resolved is not None and len(resolved) < 64:
                resolved[key] = rulebook
        if _is_row(item.source):
            fractions = percent_fractions(rulebook, case, item.source.fractions)
            if fractions:
                return CaseOutcome(item.index, case.id, problems=fractions)
        result = judge_for(rulebook).judge(case)
        piece = render_piece(result, fmt, verbose)
    except JudgementError as error:
        return CaseOutcome(item.index, case.id, problems=error.problems)
    return CaseOutcome(item.index, case.id, piece, unmet(result))


def percent_fractions(rulebook: Rulebook, case: Case, columns: Collection[str]) -> tuple[Problem, ...]:
    """A percentage from a spreadsheet column whose every number is between 0 and 1 (``columns``: 0.784 for
    78.4%, as Excel stores a cell formatted as a percentage): refused with a hint, rather than judged as
    0.784%. A small value in a column of larger ones is judged as written."""
    for mid, item in case.evidence.items():
        measure = rulebook.measures.get(mid)
        if measure is None or measure.unit is not Unit.PERCENT or item.count is not None or mid not in columns:
            continue
        return (
            Problem(
                f"every {mid} in this spreadsheet is between 0 and 1 ({mid} = {item.value} here): "
                "they look like fractions",
                item.location,
                "percentages from 0 to 100 (78.4 for 78.4%)",
                "Excel keeps 78.4% as 0.784: format the cells as numbers, or multiply them by 100",
                code="sheet.fractions",
            ),
        )
    return ()


def _work(task: tuple[Item, str, bool]) -> CaseOutcome:
    item, name, verbose = task
    try:
        return _judge_item(item, _WORKER_RULES, format_named(name), verbose, _WORKER_RESOLVED)
    finally:
        freeze_survivors()  # a worker process is ours alone, and ends with the run


def freeze_survivors() -> None:
    """Put every object alive now out of the cyclic garbage collector's sight (:func:`gc.freeze`), in a
    process that judges many cases and then ends (the command line's run, a worker process of
    :func:`judge_all`; never a caller's own process, which this would change for everything in it).

    What judging a case leaves behind for the next (the rulebook, the judge's plan and memos, what the
    searches for "what would change it" learnt) would otherwise be scanned again by every full
    collection, each one longer as the memos grow: for the HTML grid of every council that was about a
    sixth of the run. Reference counting still frees every object as before; only garbage in cycles
    among frozen objects would stay until the process ends, and judging makes none (the grid takes the
    same memory either way)."""
    gc.freeze()


def judge_all(
    items: Sequence[Item],
    rules: Sequence[str | Path],
    fmt: Format,
    *,
    workers: int = 1,
    verbose: bool = False,
    fail_fast: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Generator[CaseOutcome, None, None]:
    """Judge every item, yielding outcomes in input order; with ``fail_fast``, stop after the first failure.
    Closing the generator (or an exception in it) ends every worker process."""
    if workers <= 1 or len(items) < 2:
        resolved: Resolved = {}
        for item in items:
            outcome = _judge_item(item, rules, fmt, verbose, resolved)
            if progress:
                progress(1)
            yield outcome
            if fail_fast and not outcome.ok:
                return
        return
    import concurrent.futures.process  # only when judging in workers

    chunk = max(1, min(64, len(items) // (workers * 8)))
    tasks = [(item, fmt.name, verbose) for item in items]
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(tuple(str(r) for r in rules),)
    )
    done = 0
    try:
        for outcome in pool.map(_work, tasks, chunksize=chunk):
            done += 1
            if progress:
                progress(1)
            yield outcome
            if fail_fast and not outcome.ok:
                return
    except concurrent.futures.process.BrokenProcessPool:
        # A worker was killed (the out-of-memory killer, kill -9): what was judged stands, the rest is
        # reported case by case as not judged, in order.
        for item in items[done:]:
            yield _not_judged(item, "not judged: a worker process was stopped before it judged this case")
    finally:
        _stop(pool)
