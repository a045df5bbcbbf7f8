"""Judging many cases: from files, directories and spreadsheets, in one process or several.

The judgement of one case is a pure function of its rulebook and its evidence, so cases can be judged
in any order and in any process; results are always put back in input order. With ``workers > 1`` a
process pool is used (the engine holds the GIL, so threads would not help); each worker compiles a
rulebook once, on first use, and renders its cases itself so only text and small data cross back.
"""

from __future__ import annotations

import concurrent.futures
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from judgement.errors import JudgementError, Problem
from judgement.judge import Judgement
from judgement.load import walk_files
from judgement.model import Case, Grade
from judgement.resolve import rulebook_for, rulebook_search_path
from judgement.spreadsheet import RawRow, row_case
from judgement.validate import MANIFEST, load_case, load_rulebook

__all__ = ["CODES", "Item", "Outcome", "collect_cases", "judge_all", "render_piece"]

#: Grade codes in spreadsheet output.
CODES = {
    Grade.STRENGTH: "ST",
    Grade.SATISFACTORY: "SA",
    Grade.AREA_FOR_DEVELOPMENT: "AD",
    Grade.PRIORITY_ACTION: "PA",
    Grade.NOT_JUDGED: "NJ",
}
FORMATS = ("text", "markdown", "json", "jsonl", "csv", "html", "letter")


@attrs.frozen
class Item:
    """One case to judge, in input order: a case file's path, a spreadsheet row as read, or the error
    reading it raised. Cases are checked where they are judged, so workers share that work too."""

    index: int
    source: Path | RawRow | None
    error: JudgementError | None = None

    def load(self) -> Case:
        if self.error is not None:
            raise self.error
        if isinstance(self.source, RawRow):
            case = row_case(self.source)
            if isinstance(case, JudgementError):
                raise case
            return case
        assert self.source is not None
        return load_case(self.source)


@attrs.frozen
class Outcome:
    """One case judged (or not), with its output already rendered for the requested format."""

    index: int
    case_id: str
    piece: Any = None
    grades: tuple[tuple[str, str, str, bool], ...] = ()  # (area, title, grade, borderline)
    unmet: tuple[str, ...] = ()  # expectations not met
    problems: tuple[Problem, ...] = ()
    label: tuple[str, str, str] = ("", "", "")  # case id, authority, inspection date

    @property
    def ok(self) -> bool:
        return not self.problems


def _detect_rulebook(path: Path, rules: Sequence[str | Path]) -> str:
    """The one rulebook whose catalogue has every measure a spreadsheet names."""
    from judgement.spreadsheet import measure_columns

    measures = set(measure_columns(path))
    fits: set[str] = set()
    for directory in rulebook_search_path(rules):
        candidates = (
            [directory]
            if (directory / MANIFEST).is_file()
            else (sorted(p for p in directory.iterdir() if (p / MANIFEST).is_file()) if directory.is_dir() else [])
        )
        for candidate in candidates:
            try:
                book = load_rulebook(candidate)
            except JudgementError:
                continue
            if measures <= set(book.measures):
                fits.add(book.id)
    if len(fits) == 1:
        return fits.pop()
    found = ", ".join(sorted(fits)) or "none"
    raise JudgementError(
        [
            Problem(
                f"{path}: cannot tell which rulebook the spreadsheet is for (fits: {found})",
                expected="a 'rulebook' column, or --rulebook ID",
            )
        ]
    )


def collect_cases(
    paths: Sequence[str | Path], rules: Sequence[str | Path] = (), rulebook: str | None = None
) -> list[Item]:
    """Every case below ``paths``: case files, and each row of any ``.csv`` spreadsheet."""
    from judgement.spreadsheet import read_raw_rows

    items: list[Item] = []
    files = list(walk_files(list(paths), (".yaml", ".yml", ".json", ".csv")))
    if not files:
        raise JudgementError("no case files found in " + ", ".join(str(p) for p in paths))
    for file in files:
        if file.suffix == ".csv":
            try:
                with file.open(encoding="utf-8-sig") as handle:
                    has_column = "rulebook" in [c.strip() for c in handle.readline().split(",")]
                book = rulebook or (None if has_column else _detect_rulebook(file, rules))
                for row in read_raw_rows(file, book):
                    if isinstance(row, RawRow):
                        items.append(Item(len(items), row))
                    else:
                        items.append(Item(len(items), None, row))
            except (JudgementError, OSError) as error:
                wrapped = error if isinstance(error, JudgementError) else JudgementError(f"{file}: {error}")
                items.append(Item(len(items), None, wrapped))
            continue
        items.append(Item(len(items), file))
    return items


# ------------------------------------------------------------------------------------------- rendering


def render_piece(result: Judgement, fmt: str, verbose: bool) -> Any:
    """One case's share of the output, rendered where it was judged."""
    if fmt == "text":
        from judgement.render.text import render_text

        return render_text([result], verbose=verbose).rstrip("\n")
    if fmt == "markdown":
        from judgement.render.markdown import render_markdown

        return render_markdown([result], verbose=verbose).rstrip("\n")
    if fmt == "json":
        return result.to_dict()
    if fmt == "jsonl":
        return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    if fmt == "csv":
        case = result.case
        return [case.id, case.authority, case.inspected.isoformat(), result.rulebook.id]
    if fmt == "html":
        from judgement.explain import explain
        from judgement.render.html import case_section

        return case_section(result, {a.area: explain(result, a.area) for a in result})
    if fmt == "letter":
        from judgement.render.letter import render_letter

        return render_letter(result)
    raise ValueError(f"unknown format {fmt!r}")


# ---------------------------------------------------------------------------------------------- judging

_WORKER_RULES: tuple[str, ...] = ()


def _init_worker(rules: tuple[str, ...]) -> None:
    global _WORKER_RULES  # noqa: PLW0603 - per-process configuration of a pool worker
    _WORKER_RULES = rules


def _unmet(result: Judgement) -> tuple[str, ...]:
    out = []
    for expectation in result.case.expect:
        got = result.areas[expectation.area].grade
        if got is not expectation.grade:
            out.append(
                f"{expectation.location}: {result.case.id} > {expectation.area}: "
                f"expected {expectation.grade.value}, got {got.value}"
            )
    return tuple(out)


def _judge_item(item: Item, rules: Sequence[str | Path], fmt: str, verbose: bool) -> Outcome:
    try:
        case = item.load()
    except JudgementError as error:
        return Outcome(item.index, "", problems=error.problems)
    try:
        result = rulebook_for(case, rules).judge(case)
        piece = render_piece(result, fmt, verbose)
    except JudgementError as error:
        return Outcome(item.index, case.id, problems=error.problems)
    # Borderline flags need the traces; only the HTML grid shows them.
    grades = tuple((a.area, a.title, a.grade.value, fmt == "html" and a.borderline) for a in result)
    label = (case.id, case.authority, case.inspected.isoformat())
    return Outcome(item.index, case.id, piece, grades, _unmet(result), (), label)


def _work(task: tuple[Item, str, bool]) -> Outcome:
    item, fmt, verbose = task
    return _judge_item(item, _WORKER_RULES, fmt, verbose)


def judge_all(
    items: Sequence[Item],
    rules: Sequence[str | Path],
    fmt: str,
    *,
    workers: int = 1,
    verbose: bool = False,
    fail_fast: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """Judge every item, yielding outcomes in input order; with ``fail_fast``, stop after the first failure."""
    if workers <= 1 or len(items) < 2:
        for item in items:
            outcome = _judge_item(item, rules, fmt, verbose)
            if progress:
                progress(1)
            yield outcome
            if fail_fast and not outcome.ok:
                return
        return
    chunk = max(1, min(64, len(items) // (workers * 8)))
    tasks = [(item, fmt, verbose) for item in items]
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(tuple(str(r) for r in rules),)
    )
    try:
        for outcome in pool.map(_work, tasks, chunksize=chunk):
            if progress:
                progress(1)
            yield outcome
            if fail_fast and not outcome.ok:
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def assemble(outcomes: Sequence[Outcome], fmt: str) -> str:
    """The whole output from the cases' pieces, in input order."""
    good = [o for o in outcomes if o.ok]
    if not good:
        return ""
    if fmt in ("text", "markdown"):
        return "\n\n".join(o.piece for o in good) + "\n"
    if fmt == "json":
        data = [o.piece for o in good]
        return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(o.piece + "\n" for o in good)
    if fmt == "letter":
        return "\n\f\n".join(o.piece for o in good)
    if fmt == "csv":
        return _csv(good)
    from judgement.render.html import render_grid

    if len(good) == 1:
        from judgement.render.html import page

        return page(good[0].label[1], good[0].piece)
    return render_grid([(o.piece, o.grades, o.label) for o in good])


def _csv(outcomes: Sequence[Outcome]) -> str:
    import csv
    import io

    areas: dict[str, None] = {}
    for o in outcomes:
        areas.update(dict.fromkeys(a for a, _, _, _ in o.grades))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["case", "authority", "inspected", "rulebook", *areas])
    for o in outcomes:
        codes = {a: CODES[Grade(g)] for a, _, g, _ in o.grades}
        writer.writerow([*o.piece, *(codes.get(a, "") for a in areas)])
    return out.getvalue()
