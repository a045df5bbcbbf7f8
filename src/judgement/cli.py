"""The command line, thin over the library. Exit codes: 0 success, 1 expectations not met,
2 invalid input or rules, 3 an internal error (a bug: please report it)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from judgement import __version__
from judgement.errors import JudgementError, Problem
from judgement.model import Case, Rulebook
from judgement.render import render_explanation
from judgement.resolve import rulebook_for, rulebook_search_path
from judgement.validate import MANIFEST, load_case, load_rulebook

__all__ = ["main"]

EXIT_OK, EXIT_EXPECTATIONS, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int = EXIT_INVALID) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _guarded(func: F) -> F:
    """Turn library errors into located messages on stderr, never a traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except JudgementError as error:
            _fail(f"error: {error.format()}")
        except (OSError, RecursionError, MemoryError) as error:
            _fail(f"error: {type(error).__name__}: {error}")
        except Exception as error:
            _fail(
                f"internal error: {type(error).__name__}: {error}\nThis is a bug in judgement; please report it.",
                EXIT_INTERNAL,
            )
        return None

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A rulebook directory, or a folder of them, searched before $JUDGEMENT_RULES_PATH and the shipped rulebooks.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="judgement")
def main() -> None:
    """Graded, explained judgements from inspection evidence."""


def write_output(text: str, output: Path | None) -> None:
    """Write to ``output`` all at once (a temporary file renamed into place) or to standard output."""
    if output is None:
        click.echo(text, nl=False)
        return
    target = output.resolve()
    if target.is_dir():
        raise JudgementError(f"{output}: is a directory (expected a file name for -o)")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "markdown", "csv", "html", "letter"]),
    default="text",
    show_default=True,
)
@click.option("-v", "--verbose", is_flag=True, help="Add each area's trace (text and markdown).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
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
    fmt: str,
    verbose: bool,
    output: Path | None,
    workers: int,
    fail_fast: bool,
    rulebook_id: str | None,
) -> None:
    """Judge every area of each CASE: case files, directories of them, or .csv spreadsheets (a row per case).

    A case that cannot be judged is reported with its location and the others go on (unless
    --fail-fast); the exit code is 2 if any case failed, 1 if a case's expectations were not met."""
    from judgement.batch import assemble, collect_cases, judge_all

    for path in cases:
        if not path.exists():
            raise JudgementError(f"{path}: no such file or directory")
    items = collect_cases(cases, rules, rulebook_id)
    show = sys.stderr.isatty() and len(items) > 20
    with click.progressbar(length=len(items), label="judging", file=sys.stderr, hidden=not show) as bar:
        outcomes = list(
            judge_all(items, rules, fmt, workers=workers, verbose=verbose, fail_fast=fail_fast, progress=bar.update)
        )
    text = assemble(outcomes, fmt)
    if text:
        write_output(text, output)
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        click.echo("error: " + JudgementError(outcome.problems).format(), err=True)
    if failed:
        judged = len(outcomes) - len(failed)
        _fail(
            f"{len(failed)} of {len(items)} cases could not be judged ({judged} judged)"
            + ("; stopped at the first (--fail-fast)" if fail_fast and len(outcomes) < len(items) else "")
        )
    unmet = [line for o in outcomes for line in o.unmet]
    if unmet:
        _fail("expectations not met:\n" + "\n".join(unmet), EXIT_EXPECTATIONS)


@main.command()
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--area", required=True, help="The area to explain, e.g. assessments.")
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def explain(case: Path, area: str, rules: tuple[Path, ...], fmt: str) -> None:
    """Explain why AREA of CASE got its grade: evidence, every rule's outcome and margins, the policy step."""
    loaded: Case = load_case(case)
    rulebook: Rulebook = rulebook_for(loaded, rules)
    if area not in {a.id for a in rulebook.areas}:
        from judgement.validate import suggest

        hint = suggest(area, [a.id for a in rulebook.areas])
        raise JudgementError(f"unknown area {area!r} in rulebook {rulebook.id}" + (f"; {hint}" if hint else ""))
    from judgement.explain import explain as explain_area

    result = rulebook.judge(loaded)
    explanation = explain_area(result, area)
    if fmt == "json":
        import json

        data = explanation.to_dict()
        data["trace"] = result.areas[area].trace.to_dict()
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        judged = result.areas[area]
        header = f"{judged.title} [{judged.area}] - {loaded.authority}, inspected {loaded.inspected.isoformat()}"
        style = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None
        click.echo(render_explanation(explanation, judged.trace, header, style=style), nl=False)


@main.command()
@click.argument("rules_dirs", nargs=-1, type=click.Path(path_type=Path))
@_guarded
def check(rules_dirs: tuple[Path, ...]) -> None:
    """Validate rulebooks (default: every rulebook on the search path) and compile them for the engine."""
    from judgement.judge import prepare

    dirs: list[Path] = []
    for path in rules_dirs or tuple(rulebook_search_path()):
        if (path / MANIFEST).is_file() or path.is_file():
            dirs.append(path)
        elif path.is_dir():
            found = sorted(p for p in path.iterdir() if (p / MANIFEST).is_file())
            if not found and rules_dirs:
                raise JudgementError(f"{path}: no rulebook here (expected {MANIFEST} in it or in a sub-folder)")
            dirs.extend(found)
        elif rules_dirs:
            raise JudgementError(f"{path}: no such directory")
    problems: list[Problem] = []
    for directory in dirs:
        try:
            rulebook = load_rulebook(directory)
            prepare(rulebook)
        except JudgementError as error:
            problems.extend(error.problems)
            continue
        rules = sum(len(a.rules) for a in rulebook.areas)
        click.echo(
            f"{rulebook.id} {rulebook.version} ({directory}): {len(rulebook.areas)} areas, {rules} rules, "
            f"{len(rulebook.measures)} measures: ok"
        )
    if problems:
        raise JudgementError(problems)


@main.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
    from judgement.testing import coverage, render_coverage, run
    from judgement.testing.report import render_json as report_json
    from judgement.testing.report import render_junit
    from judgement.testing.report import render_text as report_text

    if not paths and not Path("fixtures").is_dir():
        raise JudgementError("no fixtures/ folder here: name the fixture files or folders to run")
    targets = list(paths) or [Path("fixtures")]
    for target in targets:
        if not target.exists():
            raise JudgementError(f"{target}: no such file or directory")
    report = run(targets, rules, keyword)
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
    if not report.outcomes:
        _fail("no fixtures found in " + ", ".join(str(t) for t in targets))
    failed = report.failed > 0
    if fail_under is not None:
        low = [c for c in reports if c.percent < fail_under]
        for cov in low:
            click.echo(f"coverage of {cov.rulebook} is {cov.percent:.1f}%, below --fail-under {fail_under:g}", err=True)
        failed = failed or bool(low) or not reports
    if failed:
        sys.exit(EXIT_EXPECTATIONS)


@main.command(name="diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--cases",
    "case_paths",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path),
    help="Case files or directories to judge under both rulebooks (repeatable).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@_guarded
def diff_command(old: str, new: str, case_paths: tuple[Path, ...], fmt: str) -> None:
    """What changing rulebook OLD to NEW does to every case: OLD and NEW are directories or REV:path."""
    from judgement.diff import cases_from, diff, load_rulebook_ref, render_diff

    before, after = load_rulebook_ref(old), load_rulebook_ref(new)
    report = diff(before, after, cases_from(list(case_paths)))
    click.echo(render_diff(report, fmt), nl=False)


@main.command(name="lint")
@click.argument("rules_dirs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def lint_command(rules_dirs: tuple[Path, ...], fmt: str) -> None:
    """Find rules that never fire or never decide, overlaps, out-of-range thresholds, comparisons that
    reward the wrong direction, and unused measures. Exit 1 if anything is found."""
    import json

    from judgement.lint import lint, render_findings

    found_any = False
    out = []
    for directory in rules_dirs or (Path("rules"),):
        targets = (
            [directory]
            if (directory / MANIFEST).is_file()
            else sorted(p for p in directory.iterdir() if (p / MANIFEST).is_file())
            if directory.is_dir()
            else [directory]
        )
        for target in targets:
            rulebook = load_rulebook(target)
            findings = lint(rulebook)
            found_any = found_any or bool(findings)
            if fmt == "json":
                out.append({"rulebook": rulebook.id, "findings": [f.to_dict() for f in findings]})
            else:
                click.echo(render_findings(findings, rulebook), nl=False)
    if fmt == "json":
        click.echo(json.dumps(out, indent=2))
    if found_any:
        sys.exit(EXIT_EXPECTATIONS)


@main.command()
@click.argument("case", type=click.Path(path_type=Path))
@click.option(
    "--set",
    "settings",
    multiple=True,
    required=True,
    metavar="MEASURE=VALUE",
    help="A measure's new value (repeatable); true/false for yes/no measures.",
)
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guarded
def whatif(case: Path, settings: tuple[str, ...], rules: tuple[Path, ...], fmt: str) -> None:
    """Judge CASE with some measures changed and show each area's grade before and after."""
    import json

    from judgement.explain import whatif as judge_whatif

    changes: dict[str, object] = {}
    for setting in settings:
        measure, sep, raw = setting.partition("=")
        if not sep or not measure.strip() or not raw.strip():
            raise JudgementError(f"--set {setting!r}: expected MEASURE=VALUE, e.g. --set ia_in_timescale=85")
        changes[measure.strip()] = _parse_value(raw.strip())
    loaded = load_case(case)
    rulebook = rulebook_for(loaded, rules)
    _, _, shifts = judge_whatif(rulebook, loaded, changes)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "case": loaded.id,
                    "set": changes,
                    "areas": [attrs.asdict(s) | {"changed": s.changed} for s in shifts],
                },
                indent=2,
            )
        )
        return
    moved = [s for s in shifts if s.old_grade != s.new_grade]
    click.echo(f"{loaded.authority} ({loaded.id}) with " + ", ".join(f"{k} = {v}" for k, v in changes.items()))
    click.echo(f"{len(moved)} of {len(shifts)} areas change grade")
    for s in shifts:
        if s.old_grade != s.new_grade:
            click.echo(f"  {s.title} [{s.area}]: {s.old_grade.replace('_', ' ')} -> {s.new_grade.replace('_', ' ')}")
            click.echo(f"    {s.new_reason}")
        elif s.old_reason != s.new_reason:
            click.echo(f"  {s.title} [{s.area}]: still {s.new_grade.replace('_', ' ')}; {s.new_reason}")


def _parse_value(raw: str) -> object:
    """A --set value as the case file would give it: a number, true/false, or (rejected later) text."""
    lowered = raw.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw
