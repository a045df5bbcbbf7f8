"""The command line, thin over the library.

Exit codes: 0 success; 1 a case's expectations were not met, a fixture failed, or lint found something;
2 invalid input, rules or arguments (the message names the file, line and column); 3 an internal error
(a bug in judgement: please report it); 130 interrupted by Ctrl-C; 143 stopped by SIGTERM. No Python
traceback reaches the terminal.

Shell completion comes from click: ``eval "$(_JUDGEMENT_COMPLETE=bash_source judgement)"`` (``zsh_source``,
``fish_source`` for the other shells).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import signal
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import attrs
import click

from judgement._files import write_whole
from judgement._fmt import json_text
from judgement._numbers import value_from_text
from judgement._version import __version__
from judgement.batch import CaseOutcome, Item, collect_cases, freeze_survivors, judge_all, load_one
from judgement.check.rulebook import load_rulebook
from judgement.errors import EngineError, JudgementError, Problem, UsageError
from judgement.judging.judge import Judge, judge_for
from judgement.judging.run import MAX_DRAWS
from judgement.model import Case
from judgement.model.rulebook import CALIBRATION_FILE
from judgement.read.folders import SCHEMAS, display, rulebook_dirs, schema_text
from judgement.renderers.diff import DIFF_FORMATS
from judgement.renderers.formats import FORMATS, assemble, failure_piece, format_named
from judgement.resolve import find_rulebook, rulebook_for, rulebook_search_path

# What only some commands need is imported inside them, so that judging one case (the command run most)
# loads no rule-change diff, lint, statistics, fixture runner or HTML report.

__all__ = ["EXIT_EXPECTATIONS", "EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_SIGINT", "EXIT_SIGTERM", "main"]

EXIT_OK, EXIT_EXPECTATIONS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
#: Interrupted by Ctrl-C (SIGINT) or by SIGTERM: 128 plus the signal's number, as shells report it.
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
EXIT_PIPE = 141  # 128 + SIGPIPE: the reader of the output closed the pipe (| head)

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _guarded(func: F) -> F:
    """Turn library errors into located messages on stderr, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KeyboardInterrupt:
            _fail("interrupted (SIGINT)", EXIT_SIGINT)
        except EngineError as error:  # the engine failing is never the input's fault
            _fail(f"internal error: {error.format()}\nThis is a bug in judgement; please report it.", EXIT_INTERNAL)
        except JudgementError as error:
            _fail(f"error: {error.format()}")
        except BrokenPipeError:  # the reader went away (| head): stop quietly, as Unix tools do
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush is silent
            sys.exit(EXIT_PIPE)
        except (OSError, RecursionError, MemoryError) as error:
            _fail(f"error: {type(error).__name__}: {error}")
        except Exception as error:
            _fail(
                f"internal error: {type(error).__name__}: {error}\nThis is a bug in judgement; please report it.",
                EXIT_INTERNAL,
            )

    return wrapper  # type: ignore[return-value]


def _input_files(items: Sequence[Item]) -> list[Path]:
    """The files a batch read (case files and spreadsheets), for ``-o`` never to overwrite one."""
    files = {
        item.source if isinstance(item.source, Path) else Path(item.source.file)
        for item in items
        if item.source is not None and not isinstance(item.source, Case)
    }
    return sorted(files)


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that a batch stops cleanly."""


def _terminated(_signal: int, _frame: object) -> None:
    raise _Terminated


def _report_interrupted(items: Sequence[Item], outcomes: Sequence[CaseOutcome], code: int) -> NoReturn:
    """After an interrupted batch: what was judged (written out, in order) and what was not, by name."""
    left = items[len(outcomes) :]
    names = [_item_name(item) for item in left]
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    signal_name = "SIGINT" if code == EXIT_SIGINT else "SIGTERM"
    _fail(
        f"interrupted ({signal_name}): {len(outcomes)} of {len(items)} cases judged"
        + (" and written" if outcomes else "")
        + (f"; not judged: {shown}" if names else ""),
        code,
    )


def _item_name(item: Item) -> str:
    if isinstance(item.source, Path):
        return display(item.source)
    if isinstance(item.source, Case):
        return item.source.id
    if item.source is not None:
        return f"{display(item.source.file)}:{item.source.line_no}"
    return f"item {item.index + 1}"


def _usage(message: str, expected: str | None = None) -> UsageError:
    return UsageError(Problem(message, expected=expected, code="usage.bad-argument"))


def _existing(paths: tuple[Path, ...]) -> None:
    for path in paths:
        if not path.exists():
            raise UsageError(Problem(f"{path}: no such file or directory", code="input.not-found"))


def _statistics(data_from: Path | None) -> Any:
    """The statistics a command reads: ``--data``'s folder, or the copy shipped."""
    from judgement.data.statistics import statistics

    if data_from is not None:
        _existing((data_from,))
    return statistics(data_from)


def _one_year(_ctx: click.Context, _param: click.Parameter, values: tuple[int, ...]) -> int | None:
    """``--year`` given once at most: a second would silently replace the first."""
    if len(values) > 1:
        first, last = min(values), max(values)
        raise click.BadParameter(f"given {len(values)} times; for several years use --years {first}-{last}")
    return values[0] if values else None


#: The type of every argument and option naming a file or folder (one instance: click asks gettext for its
#: name each time one is made).
PATH = click.Path(path_type=Path)

#: ``-o FILE``: where a command writes what it would otherwise show in the terminal.
output_option = click.option("-o", "--output", type=PATH, help="Write to this file instead of the terminal.")

#: ``--year YEAR`` for a council judged from official statistics (once: several are ``--years``).
year_option = click.option(
    "--year",
    type=int,
    multiple=True,
    callback=_one_year,
    help="The reporting year for --authority (2024: the year to 31 March 2024).",
)


def _council_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--authority NAME --year YEAR`` (a council judged from official statistics) and ``--data DIR``."""
    command = data_option(command)
    command = year_option(command)
    return click.option(
        "--authority", help="A council (name, ONS code or DfE number) judged from official statistics; with --year."
    )(command)


def _one_case(
    case: str | None,
    authority: str | None,
    year: int | None,
    data_from: Path | None,
    rules: tuple[Path, ...],
    rulebook_id: str | None,
) -> Case:
    """The case a command about one case works on: CASE, or a council's from official statistics."""
    if authority is None and year is None:
        if case is None:
            raise _usage("no case given", "a case file, FILE.csv#CASE, or --authority NAME --year YEAR")
        return load_one(case, rules, rulebook_id)
    if case is not None:
        raise _usage("a case and --authority both given", "either CASE or --authority NAME --year YEAR")
    return _statistics_items((authority,) if authority else (), year, data_from)[0].load()


#: The statistics a command reads: a folder made by ``judgement data build`` (or DfE's releases as
#: downloaded, with Ofsted's inspection history), instead of the copy shipped. ``--from`` is its older name.
data_option = click.option(
    "--data",
    "--from",
    "data_from",
    type=PATH,
    help="A folder of statistics (DfE's releases and Ofsted's inspection history) instead of the copy shipped.",
)

rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=PATH,
    help="A rulebook directory, or a folder of them, searched before $JUDGEMENT_RULES_PATH and the shipped rulebooks.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="judgement")
def main() -> None:
    """Graded, explained judgements from inspection evidence.

    Exit codes: 0 success, 1 expectations not met (or lint findings), 2 invalid input, 3 internal error."""


#: Whether this process is the command's own (started as ``judgement`` or ``python -m judgement``, and
#: ending when the command does), rather than a program that calls :data:`main` in its own process.
_OWN_PROCESS = False


def run() -> None:
    """The ``judgement`` command, in a process of its own (the console script and ``python -m judgement``):
    :data:`main`, allowed what only a process that ends with the command may do (see
    :func:`~judgement.batch.freeze_survivors`)."""
    global _OWN_PROCESS  # noqa: PLW0603 - set once, by the process's entry point
    _OWN_PROCESS = True
    main(prog_name="judgement")


def _is_input(output: Path, inputs: Sequence[Path]) -> bool:
    """Whether ``output`` (which exists) is a file this command read or was given to read."""
    from judgement.read.documents import files_read

    if output.resolve() in files_read():
        return True
    return any(given.exists() and os.path.samefile(given, output) for given in inputs)


def _in_rulebook(output: Path) -> bool:
    """Whether ``output`` would be written into a rulebook folder (beside its manifest, or among its areas)."""
    folder = output.resolve().parent
    return any((place / "rulebook.yaml").is_file() for place in (folder, folder.parent) if place != place.parent)


def write_output(text: str | bytes, output: Path | None, inputs: Sequence[Path] = ()) -> None:
    """Write the output where ``-o`` says, never destroying anything on the way.

    A regular file (or a new path) is written all at once: a temporary file beside it, given the
    target's permissions, then renamed into place, so a failure leaves the old file whole. Anything
    else (a pipe, ``/dev/null``, ``/dev/stdout``, a terminal) is written to as it is, never replaced by a
    regular file. A path that is one of the command's inputs is refused.
    """
    if output is None:
        if isinstance(text, bytes):
            raise UsageError(
                Problem(
                    "a workbook is not written to the terminal",
                    expected="-o FILE.xlsx",
                    hint="add -o report.xlsx, or choose --format csv",
                    code="usage.output",
                )
            )
        click.echo(text, nl=False)
        return
    try:
        info = output.stat()
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(Problem(f"{output}: is a directory", expected="a file name for -o", code="usage.output"))
    if info is not None and _is_input(output, inputs):
        raise UsageError(
            Problem(
                f"{output}: is an input of this command",
                expected="an output file that is none of the files read (cases, spreadsheets, rulebooks, statistics)",
                hint="write the report under another name",
                code="usage.output",
            )
        )
    if _in_rulebook(output):
        raise UsageError(
            Problem(
                f"{output}: is inside a rulebook folder",
                expected="an output file outside every rulebook",
                hint="write the report under another name",
                code="usage.output",
            )
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with output.open("wb") as stream:  # a pipe or a device: stream into it
            stream.write(data)
        return
    write_whole(output.resolve(), text, stat.S_IMODE(info.st_mode) if info is not None else None)


# ------------------------------------------------------------------------------------------------ judge


@main.command()
@click.argument("cases", nargs=-1, type=PATH)
@rules_option
@click.option(
    "--authority",
    "authorities",
    multiple=True,
    help="A council (name, ONS code or DfE number) judged from official statistics; with --year.",
)
@year_option
@click.option(
    "--years",
    help="Several reporting years for --authority: 2021-2025, 2021,2023 or all (each year a case).",
)
@data_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Add each area's trace (text and markdown).")
@output_option
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Judge in this many processes (output keeps input order).",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first case that cannot be judged.")
@click.option("--rulebook", "rulebook_id", help="The rulebook for spreadsheet rows without a 'rulebook' column.")
@_guarded
def judge(
    cases: tuple[Path, ...],
    rules: tuple[Path, ...],
    authorities: tuple[str, ...],
    year: int | None,
    years: str | None,
    data_from: Path | None,
    fmt: str,
    verbose: bool,
    output: Path | None,
    workers: int,
    fail_fast: bool,
    rulebook_id: str | None,
) -> None:
    """Judge every area of each CASE: case files, directories of them, or .csv spreadsheets (a row per case).

    A case that cannot be judged is reported with its location and the others go on (unless
    --fail-fast); the exit code is 2 if any case failed, 1 if a case's expectations were not met.
    With --authority and --year, councils are judged from official statistics instead."""
    items = _judge_items(cases, rules, rulebook_id, authorities, (year, years), data_from)
    form = format_named(fmt)
    show = sys.stderr.isatty() and len(items) > 20
    outcomes: list[CaseOutcome] = []
    stopped_by: int | None = None
    batch = judge_all(items, rules, form, workers=workers, verbose=verbose, fail_fast=fail_fast)
    previous = signal.signal(signal.SIGTERM, _terminated)
    # A bar only where one is shown: making click's (hidden) imports its terminal code.
    bar = click.progressbar(length=len(items), label="judging", file=sys.stderr) if show else None
    try:
        with bar or contextlib.nullcontext():
            for outcome in batch:
                outcomes.append(outcome)
                if bar is not None:
                    bar.update(1)
                if _OWN_PROCESS:
                    freeze_survivors()
    except KeyboardInterrupt:
        stopped_by = EXIT_SIGINT
    except _Terminated:
        stopped_by = EXIT_SIGTERM
    finally:
        batch.close()  # ends the worker processes, whatever happened
        signal.signal(signal.SIGTERM, previous)
    pieces = [
        o.piece if o.piece is not None else failure_piece(o.case_id, o.problems)
        for o in outcomes
        if o.piece is not None or (form.keeps_failures and o.problems)
    ]
    text = assemble(pieces, form)
    if text:
        write_output(text, output, _input_files(items))
    if stopped_by is not None:
        _report_interrupted(items, outcomes, stopped_by)
    failed = [o for o in outcomes if not o.ok]
    dropped = [o for o in failed if o.problems[0].code == "batch.not-judged"]
    for outcome in [o for o in failed if o not in dropped]:
        click.echo("error: " + JudgementError(outcome.problems).format(), err=True)
    if dropped:  # one line for all the cases a stopped worker left, not one each
        names = [str(o.problems[0].location or "?") for o in dropped]
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        click.echo(f"error: {dropped[0].problems[0].message}: {', '.join(names[:10])}{more}", err=True)
    if failed:
        judged = len(outcomes) - len(failed)
        _fail(
            f"{len(failed)} of {len(items)} cases could not be judged ({judged} judged)"
            + ("; stopped at the first (--fail-fast)" if fail_fast and len(outcomes) < len(items) else "")
        )
    unmet = [line for o in outcomes for line in o.unmet]
    if unmet:
        _fail("expectations not met:\n" + "\n".join(unmet), EXIT_EXPECTATIONS)


def _judge_items(
    cases: tuple[Path, ...],
    rules: tuple[Path, ...],
    rulebook_id: str | None,
    authorities: tuple[str, ...],
    when: tuple[int | None, str | None],
    data_from: Path | None,
) -> list[Item]:
    """What ``judge`` judges: councils from official statistics (``when``: --year, --years), then CASES."""
    year, years = when
    if not (authorities or year is not None or years is not None):
        if not cases:
            raise _usage("no cases to judge", "case files, folders or spreadsheets, or --authority NAME --year YEAR")
        _existing(cases)
        return collect_cases(cases, rules, rulebook_id)
    if year is not None and years is not None:
        raise _usage("--year and --years both given", "--year 2024, or --years 2021-2025")
    items = _statistics_items(authorities, year, data_from, years)
    if cases:
        listed = collect_cases(cases, rules, rulebook_id)
        items += [attrs.evolve(item, index=item.index + len(items)) for item in listed]
    return items


def _statistics_items(
    authorities: tuple[str, ...],
    year: int | None,
    data_from: Path | None,
    years: str | None = None,
    *,
    every_council: bool = False,
) -> list[Item]:
    """Cases made from official statistics for ``--authority ... --year ...`` (or ``--years``); with
    ``every_council``, no council named means every one."""
    from judgement.analysis.compare import read_years
    from judgement.check.case import load_case
    from judgement.data.statistics import cases as statistics_cases

    if (year is None and years is None) or not (authorities or every_council):
        raise _usage("--authority and --year go together", "--authority Staffordshire --year 2024")
    stats = _statistics(data_from)
    wanted = [year] if year is not None else read_years(years or "", stats.published())
    docs = [doc for one in wanted for doc in statistics_cases(stats, one, authorities)]
    if not docs:
        raise _usage(f"no council has figures for {year}", f"a year from {stats.years()[0]} to {stats.years()[-1]}")
    return [Item(i, load_case(doc, name=f"statistics:{doc['authority_code']}")) for i, doc in enumerate(docs)]


# ---------------------------------------------------------------------------------------------- compare


@main.command()
@click.option("--authority", required=True, help="A council: its name as people write it, ONS code or DfE number.")
@year_option
@click.option("--years", help="The years over which to show it: 2021-2025, 2021,2023 or all (default: five to --year).")
@click.option(
    "--view",
    type=click.Choice(["both", "years", "neighbours"]),  # analysis.compare.VIEWS
    default="both",
    show_default=True,
    help="Over the years, against its statistical neighbours (in the last year), or both.",
)
@data_option
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "xlsx", "html"]), default="text", show_default=True)
@output_option
@_guarded
def compare(
    authority: str,
    year: int | None,
    years: str | None,
    view: str,
    data_from: Path | None,
    rules: tuple[Path, ...],
    fmt: str,
    output: Path | None,
) -> None:
    """A council side by side: each published indicator over the years (with England's, its statistical
    neighbours' mean, the direction of travel and the screen's grade each year), and against each of
    its statistical neighbours. As text, CSV, an .xlsx workbook (a sheet per view) or HTML (a small
    chart per indicator)."""
    from judgement.analysis.compare import compare_council
    from judgement.renderers.compare import render_compare

    views = compare_council(_statistics(data_from), authority, year, years, view, rules)
    write_output(render_compare(views, fmt), output)


# ---------------------------------------------------------------------------------------------- explain


@main.command()
@click.argument("case", required=False)
@click.option("--area", help="The area to explain, e.g. assessments (every area's chances, with --simulate alone).")
@_council_options
@rules_option
@click.option("--rulebook", "rulebook_id", help="The rulebook for a spreadsheet row without a 'rulebook' column.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option(
    "--simulate",
    "draws",
    type=click.IntRange(1, MAX_DRAWS),
    help="Also give the probability of each grade, from this many draws of the sampled evidence (10000).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="The seed of the draws (--simulate).")
@output_option
@_guarded
def explain(
    case: str | None,
    area: str | None,
    authority: str | None,
    year: int | None,
    data_from: Path | None,
    rules: tuple[Path, ...],
    rulebook_id: str | None,
    fmt: str,
    draws: int | None,
    seed: int,
    output: Path | None,
) -> None:
    """Explain why AREA of CASE got its grade: evidence, every rule's outcome and margins, the policy step.
    CASE is a case file, or a spreadsheet row: FILE.csv#CASE (a case id or an authority); or, with
    --authority NAME --year YEAR, a council judged from official statistics. With --simulate,
    also how likely each grade is, given the samples the evidence came from; --format html gives the
    report of the whole case, with a bar of chances per area."""
    from judgement.explaining.simulate import simulate
    from judgement.explaining.why import explain as explain_area
    from judgement.renderers._common import authority_text
    from judgement.renderers.chances import render_simulation
    from judgement.renderers.explanation import render_explanation
    from judgement.renderers.html import render_html

    if area is None and draws is None and fmt != "html":
        raise _usage("which area to explain", "--area AREA, or --simulate N for every area's chances")
    loaded = _one_case(case, authority, year, data_from, rules, rulebook_id)
    judge_ = judge_for(rulebook_for(loaded, rules))
    if area is not None:
        judge_.rulebook.area(area)  # an unknown area fails before any judging, with "did you mean"
    result = judge_.judge(loaded)
    simulation = None
    if draws:
        # a bar on a terminal only, and only for a run long enough to wait for (a few thousand draws a second)
        shown = sys.stderr.isatty() and draws >= 5_000
        with click.progressbar(length=draws, label="drawing", file=sys.stderr, hidden=not shown) as bar:
            simulation = simulate(judge_.rulebook, loaded, draws=draws, seed=seed, progress=bar.update)
    if fmt == "html":
        explanations = {a.area: explain_area(result, a.area, judge=judge_) for a in result}
        sims = {loaded.id: simulation} if simulation is not None else None
        write_output(render_html([(result, explanations)], simulations=sims), output, _case_files(loaded))
        return
    data: dict[str, object] = {}
    text = ""
    if area is not None:
        explanation = explain_area(result, area, judge=judge_)
        judged = result.areas[area]
        data = explanation.to_dict()
        data["trace"] = judged.trace.to_dict()
        header = f"{judged.title} [{judged.area}] - {loaded.authority}, inspected {loaded.inspected.isoformat()}"
        style = output is None and sys.stdout.isatty() and os.environ.get("NO_COLOR") is None
        text = render_explanation(explanation, judged.trace, header, style=style)
    else:
        data = {"case": loaded.id}
        text = f"{authority_text(result)} - inspected {loaded.inspected.isoformat()} ({loaded.id})\n"
    if simulation is not None:
        data["simulation"] = simulation.to_dict()
        text += "\n" + render_simulation(judge_.rulebook, simulation, area)
    write_output(json_text(data) + "\n" if fmt == "json" else text, output, _case_files(loaded))


def _case_files(case: Case) -> list[Path]:
    """The file a case was read from, so that -o never overwrites it."""
    return [Path(case.path)] if case.path else []


# ------------------------------------------------------------------------------------------------ check


@main.command()
@click.argument("rules_dirs", nargs=-1, type=PATH)
@_guarded
def check(rules_dirs: tuple[Path, ...]) -> None:
    """Validate rulebooks (default: every rulebook on the search path) and compile them for the engine."""
    dirs = list(rulebook_dirs(rules_dirs, strict=True) if rules_dirs else rulebook_dirs(rulebook_search_path()))
    problems: list[Problem] = []
    for directory in dirs:
        try:
            rulebook = load_rulebook(directory)
            Judge(rulebook)
        except JudgementError as error:
            problems.extend(error.problems)
            continue
        rules = sum(len(a.rules) for a in rulebook.areas)
        click.echo(
            f"{rulebook.id} {rulebook.version} ({display(directory)}): {len(rulebook.areas)} areas, {rules} rules, "
            f"{len(rulebook.measures)} measures: ok"
        )
    if problems:
        raise JudgementError(problems)


# ------------------------------------------------------------------------------------------------- test


@main.command(name="test")
@click.argument("paths", nargs=-1, type=PATH)
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("-k", "keyword", help="Only expectations whose name matches, pytest-style (words, and/or/not).")
@click.option(
    "--coverage", "with_coverage", is_flag=True, help="Report which rules and comparison sides fixtures exercise."
)
@click.option("--fail-under", type=click.FloatRange(0, 100), help="Fail if total coverage is below this percentage.")
@click.option("-v", "--verbose", is_flag=True, help="List passing expectations too.")
@_guarded
def test_command(
    paths: tuple[Path, ...],
    rules: tuple[Path, ...],
    fmt: str,
    keyword: str | None,
    with_coverage: bool,
    fail_under: float | None,
    verbose: bool,
) -> None:
    """Run fixture cases (default: ./fixtures) and check their expectations. Exit 1 if any fail."""
    from judgement.testing.coverage import coverage, render_coverage
    from judgement.testing.report import render_json as report_json
    from judgement.testing.report import render_junit
    from judgement.testing.report import render_text as report_text
    from judgement.testing.runner import keyword_matches, run

    if not paths and not Path("fixtures").is_dir():
        raise UsageError(
            Problem("no fixtures/ folder here", expected="the fixture files or folders to run", code="usage.no-cases")
        )
    targets = list(paths) or [Path("fixtures")]
    _existing(tuple(targets))
    if keyword is not None:
        keyword_matches(keyword, "")  # an expression that does not parse is refused before anything runs
    report = run(targets, rules, keyword)
    if not report.outcomes:
        raise UsageError(Problem("no fixtures found in " + ", ".join(map(str, targets)), code="usage.no-cases"))
    reports = []
    if with_coverage or fail_under is not None:
        books = {(j.rulebook.id, j.rulebook.digest): j.rulebook for j in report.judgements}
        reports = [coverage(book, report.judgements) for _, book in sorted(books.items())]
    if fmt == "json":
        click.echo(report_json(report, reports if reports else None), nl=False)
    elif fmt == "junit":
        click.echo(render_junit(report), nl=False)
    else:
        click.echo(report_text(report, verbose=verbose), nl=False)
        for cov in reports:
            click.echo(render_coverage(cov), nl=False)
    failed = report.failed > 0
    if fail_under is not None:
        low = [c for c in reports if c.percent < fail_under]
        for cov in low:
            click.echo(f"coverage of {cov.rulebook} is {cov.percent:.1f}%, below --fail-under {fail_under:g}", err=True)
        failed = failed or bool(low) or not reports
    if failed:
        sys.exit(EXIT_EXPECTATIONS)


# ------------------------------------------------------------------------------------------------- diff


def _cases_for_diff(paths: tuple[Path, ...]) -> list[Case]:
    """The cases below ``paths`` (case files and spreadsheet rows); YAML that is not a case is ignored,
    and a case that cannot be read fails the command."""
    from judgement.testing.runner import is_fixture

    _existing(paths)
    cases = []
    for item in collect_cases(paths):
        if isinstance(item.source, Path) and not is_fixture(item.source):
            continue
        cases.append(item.load())
    return cases


@main.command(name="diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--cases",
    "case_paths",
    multiple=True,
    type=PATH,
    help="Case files, spreadsheets or directories to judge under both rulebooks (repeatable).",
)
@click.option(
    "--backtest",
    "against_ofsted",
    is_flag=True,
    help="Screen Ofsted's inspections with both rulebooks: what the change does to agreement with Ofsted.",
)
@click.option(
    "--authority",
    "authorities",
    multiple=True,
    help="A council judged from official statistics under both (repeatable; with --year or --years; "
    "--year alone: every council).",
)
@year_option
@click.option("--years", help="Several reporting years for the councils: 2021-2025, 2021,2023 or all.")
@data_option
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True)
@_guarded
def diff_command(
    old: str,
    new: str,
    case_paths: tuple[Path, ...],
    against_ofsted: bool,
    authorities: tuple[str, ...],
    year: int | None,
    years: str | None,
    data_from: Path | None,
    fmt: str,
) -> None:
    """What changing rulebook OLD to NEW does to every case: OLD and NEW are directories or REV:path.
    The cases are files (--cases), councils from official statistics (--authority NAME --year Y, or
    --year Y for every council), or, with --backtest, Ofsted's inspections: what the change does to
    agreement with Ofsted's published judgements. No case compared is an error (exit 2)."""
    from judgement.analysis.diff import diff, load_rulebook_ref
    from judgement.renderers.diff import render_diff

    councils = bool(authorities or year is not None or years is not None)
    if not case_paths and not against_ofsted and not councils:
        raise _usage("nothing to compare the rulebooks on", "--cases FOLDER, --authority NAME --year Y, or --backtest")
    before, after = load_rulebook_ref(old), load_rulebook_ref(new)
    if case_paths or councils:
        cases = _cases_for_diff(case_paths) if case_paths else []
        if councils:
            if year is None and years is None:
                raise _usage("--authority needs a year", "--authority Staffordshire --year 2025, or --years 2021-2025")
            items = _statistics_items(authorities, year, data_from, years, every_council=True)
            cases += [item.load() for item in items]
        report = diff(before, after, cases)
        click.echo(render_diff(report, fmt), nl=False)
    if against_ofsted:
        from judgement.analysis.backtest import backtest
        from judgement.renderers.backtest import render_backtest_change

        stats = _statistics(data_from)
        change = render_backtest_change(backtest(before, stats), backtest(after, stats), fmt)
        click.echo(change, nl=False)


# ---------------------------------------------------------------------------------------------- backtest


def _date_option(name: str, text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(name, type=click.DateTime(formats=["%Y-%m-%d"]), help=text)


@main.command(name="backtest")
@click.argument("rulebook_ref", required=False)
@data_option
@_date_option("--since", "Only inspections that began on or after this day (YYYY-MM-DD).")
@_date_option("--until", "Only inspections that began on or before this day (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text", show_default=True)
@output_option
@click.option(
    "--write-calibration",
    is_flag=True,
    help="Store how Ofsted judged the councils given each screened grade with the rulebook (calibration.json).",
)
@_guarded
def backtest_command(
    rulebook_ref: str | None,
    data_from: Path | None,
    since: Any,
    until: Any,
    fmt: str,
    output: Path | None,
    write_calibration: bool,
) -> None:
    """Screen every inspection in Ofsted's ILACS history with RULEBOOK (a folder or REV:path; default the
    shipped ilacs-2018), each from the figures and judgements published before it began, and measure how the
    screen agrees with Ofsted: Spearman, weighted kappa, exact and within-one agreement, the confusion matrix,
    and how many councils judged inadequate it found, per judgement and by year."""
    from judgement.analysis.backtest import backtest, calibration_table
    from judgement.analysis.diff import load_rulebook_ref
    from judgement.data.statistics import RULEBOOK
    from judgement.renderers.backtest import render_backtest

    rulebook = find_rulebook(RULEBOOK, dt.date.today()) if rulebook_ref is None else load_rulebook_ref(rulebook_ref)
    stats = _statistics(data_from)
    if not stats.history:
        raise _usage(
            f"no inspection history in {display(stats.folder)}",
            "a folder holding Ofsted's ILACS inspection history (a CSV with its columns)",
        )
    result = backtest(rulebook, stats, since=since.date() if since else None, until=until.date() if until else None)
    if not result.screened:
        raise _usage("no inspection in the history falls between --since and --until", "dates that hold inspections")
    write_output(render_backtest(result, fmt), output, [stats.folder / (stats.history_file or "")])
    if write_calibration:
        if rulebook.path is None:
            raise _usage("--write-calibration needs a rulebook folder", "a rulebook folder, not REV:path")
        target = rulebook.path / CALIBRATION_FILE
        write_whole(target, json_text(calibration_table(result)) + "\n")
        click.echo(f"calibration written to {display(target)}", err=True)


# ------------------------------------------------------------------------------------------------- lint


@main.command(name="lint")
@click.argument("rules_dirs", nargs=-1, type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def lint_command(rules_dirs: tuple[Path, ...], fmt: str) -> None:
    """Find rules that never fire or never decide, overlaps, out-of-range thresholds, comparisons that
    reward the wrong direction, and unused measures. Exit 1 if anything is found."""
    from judgement.analysis.lint import lint
    from judgement.renderers.findings import render_findings

    found_any = False
    out = []
    for target in rulebook_dirs(rules_dirs or (Path("rules"),), strict=True):
        rulebook = load_rulebook(target)
        findings = lint(rulebook)
        found_any = found_any or bool(findings)
        if fmt == "json":
            out.append({"rulebook": rulebook.id, "findings": [f.to_dict() for f in findings]})
        else:
            click.echo(render_findings(findings, rulebook), nl=False)
    if fmt == "json":
        click.echo(json_text(out))
    if found_any:
        sys.exit(EXIT_EXPECTATIONS)


@main.group(name="data")
def data_group() -> None:
    """Official statistics: every English council's published figures as cases (DfE releases; Open
    Government Licence v3.0)."""


def case_yaml(doc: dict[str, Any]) -> str:
    """A case file's text: written by libyaml's emitter where PyYAML has it (about five times faster than
    its own, and the same text: 1,982 councils and years compared when this was written, and a test compares
    every council of three years), else by PyYAML's."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True)


@data_group.command(name="cases")
@click.option("--year", required=True, type=int, help="The reporting year (2024: the year to 31 March 2024).")
@click.option(
    "--authority", "authorities", multiple=True, help="A council (name, ONS code or DfE number); default every one."
)
@data_option
@click.option("-o", "--output", type=PATH, required=True, help="The folder to write the case files to.")
@_guarded
def data_cases(year: int, authorities: tuple[str, ...], data_from: Path | None, output: Path) -> None:
    """Write a case file per council for YEAR (named by its ONS code), for the ilacs-2018 rulebook."""
    from judgement.data.statistics import cases as statistics_cases

    stats = _statistics(data_from)
    docs = statistics_cases(stats, year, authorities)
    if not docs:
        raise _usage(f"no council has figures for {year}", f"a year from {stats.years()[0]} to {stats.years()[-1]}")
    if output.exists() and not output.is_dir():
        raise _usage(f"{output} is not a folder", "a folder to write case files to")
    output.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (output / f"{doc['case']}.yaml").write_text(case_yaml(doc), encoding="utf-8")
    click.echo(f"{len(docs)} case files for {year} written to {display(output)}")


@data_group.command(name="list")
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def data_list(data_from: Path | None, fmt: str) -> None:
    """The years, measures and councils the statistics hold."""
    from judgement.data.statistics import index

    held = index(_statistics(data_from))
    if fmt == "json":
        click.echo(json_text(dict(held)))
        return
    years = held["years"]
    click.echo(f"years: {years[0]} to {years[-1]}")
    click.echo("measures: " + ", ".join(held["measures"]))
    click.echo(f"councils ({len(held['councils'])}):")
    for code, name in held["councils"].items():
        click.echo(f"  {code}  {name}")


@data_group.command(name="build")
@click.argument("folders", nargs=-1, required=True, type=PATH)
@click.option(
    "-o",
    "--output",
    required=True,
    type=PATH,
    help="The folder to write the copy to (then: --data FOLDER).",
)
@_guarded
def data_build(folders: tuple[Path, ...], output: Path) -> None:
    """Build a compact copy of the statistics from FOLDERS (a newer download of DfE's releases, and Ofsted's
    ILACS inspection history: any CSV with its columns, found by its header) into OUTPUT, for --data.
    It never writes into an installed package, nor into a folder it reads."""
    from judgement.data.statistics import SHIPPED, build

    _existing(folders)
    target = output.resolve()
    package = SHIPPED.parents[1]  # the judgement package
    checkout = (package.parents[1] / "pyproject.toml").is_file()  # src/judgement in a source checkout
    if not checkout and target.is_relative_to(package):
        raise _usage(f"{output} is inside the installed package", "a folder of your own, then --data FOLDER")
    for folder in folders:
        if folder.resolve() == target:
            raise _usage(f"{output} is a folder the copy is built from", "another folder for the copy")
    written = build(list(folders), output)
    click.echo(f"{len(written)} files written to {display(output)}")


@main.command(name="schema")
@click.argument("kind", type=click.Choice(list(SCHEMAS)))
@click.option(
    "--rules",
    "rulebook_dir",
    type=PATH,
    help="With 'judgement': the schema of judgements under this rulebook (its grades, scales and areas).",
)
@output_option
@_guarded
def schema_command(kind: str, rulebook_dir: Path | None, output: Path | None) -> None:
    """Print the JSON Schema of a kind of file (rulebook manifest, measure catalogue, area, case, or the
    JSON output), for editors that check YAML as it is typed."""
    from judgement.renderers.json import output_schema

    if rulebook_dir is not None:
        if kind != "judgement":
            raise _usage("--rules narrows only the schema of judgements", "judgement schema judgement --rules DIR")
        write_output(json_text(output_schema(load_rulebook(rulebook_dir))) + "\n", output)
        return
    write_output(schema_text(kind), output)


# ------------------------------------------------------------------------------------------------ whatif


@main.command()
@click.argument("case", required=False)
@click.option(
    "--set",
    "settings",
    multiple=True,
    required=True,
    metavar="MEASURE=VALUE",
    help="A measure's new value (repeatable); true/false for yes/no measures.",
)
@_council_options
@rules_option
@click.option("--rulebook", "rulebook_id", help="The rulebook for a spreadsheet row without a 'rulebook' column.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def whatif(
    case: str | None,
    settings: tuple[str, ...],
    authority: str | None,
    year: int | None,
    data_from: Path | None,
    rules: tuple[Path, ...],
    rulebook_id: str | None,
    fmt: str,
) -> None:
    """Judge CASE with some measures changed and show each area's grade before and after. CASE is a case
    file, or a spreadsheet row: FILE.csv#CASE; or, with --authority NAME --year YEAR, a council judged from
    official statistics."""
    from judgement.explaining.whatif import whatif as judge_whatif

    changes: dict[str, object] = {}
    for setting in settings:
        measure, sep, raw = setting.partition("=")
        if not sep or not measure.strip() or not raw.strip():
            raise _usage(f"--set {setting!r} cannot be read", "MEASURE=VALUE, e.g. --set ia_in_timescale=85")
        try:
            changes[measure.strip()] = value_from_text(raw.strip())
        except ValueError as error:  # a number a float would change: refused, never rounded
            raise _usage(f"--set {setting!r}: {error}", "a number as written, e.g. --set ia_in_timescale=85") from None
    loaded = _one_case(case, authority, year, data_from, rules, rulebook_id)
    rulebook = rulebook_for(loaded, rules)
    _, _, shifts = judge_whatif(rulebook, loaded, changes)
    if fmt == "json":
        areas = [attrs.asdict(s) | {"changed": s.changed} for s in shifts]
        click.echo(json_text({"case": loaded.id, "set": changes, "areas": [_plain(a) for a in areas]}))
        return
    moved = [s for s in shifts if s.old_grade != s.new_grade]
    click.echo(f"{loaded.authority} ({loaded.id}) with " + ", ".join(f"{k} = {v}" for k, v in changes.items()))
    click.echo(f"{len(moved)} of {len(shifts)} areas change grade")
    for s in shifts:
        if s.old_grade != s.new_grade:
            click.echo(f"  {s.title} [{s.area}]: {s.old_grade.label} -> {s.new_grade.label}")
            click.echo(f"    {s.new_reason}")
        elif s.old_reason != s.new_reason:
            click.echo(f"  {s.title} [{s.area}]: still {s.new_grade.label}; {s.new_reason}")


def _plain(data: dict[str, object]) -> dict[str, object]:
    """A what-if shift as JSON data: grades by their names."""
    return {k: getattr(v, "value", v) for k, v in data.items()}


# ------------------------------------------------------------------------------------------------- serve


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free port.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. Anything but this machine's own (127.0.0.1, ::1) lets others reach it.",
)
@rules_option
@data_option
@_guarded
def serve(port: int, host: str, rules: tuple[Path, ...], data_from: Path | None) -> None:
    """A local web app and JSON API: a council's grades and why, what if, side by side, rule changes and
    uploads, in a browser. Needs the serve extra: pip install 'judgement[serve]'. Stop it with Ctrl-C."""
    import socket

    _existing(rules)
    import uvicorn

    from judgement.serve.app import make_app  # the serve extra: a clear error when it is missing
    from judgement.serve.service import ServeConfig

    if host not in ("127.0.0.1", "::1", "localhost"):
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine can use the app; it has no login",
            err=True,
        )
    app = make_app(ServeConfig(tuple(rules), data_from))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        raise UsageError.of(
            "usage.bad-argument", f"cannot listen on {host}:{port}: {error.strerror}", hint="try another --port"
        ) from None
    listening.listen(128)  # connections wait from here on, before the line below tells anyone the address
    bound = listening.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"judgement serve: http://{shown}:{bound}/ (Ctrl-C to stop)")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    server.run(sockets=[listening])
