"""What the web app and its API do, without the web: the library's calls, under the limits a server
needs. Every function takes plain values and gives the library's values; the pages and the API render
them. Nothing here reads a path a request gave: rulebooks are named by the keys :func:`rulebooks` lists
(found in the configured rulebook folders and the shipped ones), councils by name or code, and uploads
arrive as bytes written only to a temporary folder removed before the answer is sent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from judgement._attrs import frozen
from judgement.analysis.diff import DiffReport, diff
from judgement.batch import collect_cases, judge_all
from judgement.check.case import load_case
from judgement.check.rulebook import load_rulebook
from judgement.data import cases as data_cases
from judgement.data import years as data_years
from judgement.data.statistics import statistics
from judgement.errors import JudgementError, Problem, UsageError, unknown_name
from judgement.explaining.simulate import Simulation, simulate
from judgement.explaining.whatif import AreaShift, whatif
from judgement.explaining.why import Explanation, explain
from judgement.judging.judge import judge_for
from judgement.judging.results import Judgement
from judgement.model import Case, Rulebook
from judgement.read.folders import CASE_SUFFIXES, MANIFEST, SHEET_SUFFIXES, rulebook_dirs
from judgement.read.git import rulebook_at_revision
from judgement.renderers.formats import assemble, format_named
from judgement.resolve import rulebook_for, rulebook_search_path

__all__ = [
    "MAX_REQUEST_DRAWS",
    "MAX_UPLOAD",
    "ServeConfig",
    "council_case",
    "explanations",
    "judge_case",
    "rule_change",
    "rulebook_named",
    "rulebooks",
    "simulate_case",
    "upload_report",
    "whatif_case",
]

#: Largest upload and request body accepted, in bytes (a case file is a few KB; a spreadsheet of every
#: council a few hundred).
MAX_UPLOAD = 2_000_000
#: Most draws a request may ask a simulation for.
MAX_REQUEST_DRAWS = 20_000
#: Most rows an uploaded spreadsheet may hold.
MAX_UPLOAD_CASES = 500


@frozen
class ServeConfig:
    """Where the server finds rulebooks and statistics, and its limits."""

    #: Rulebook folders (or folders of them) searched before the shipped rulebooks.
    rules: tuple[Path, ...] = ()
    #: The official statistics folder (None: the copy shipped).
    data: Path | None = None
    #: Seconds a counterfactual search or a simulation may take before the request is answered with
    #: ``serve.too-slow``.
    time_limit: float = 30.0
    max_body: int = MAX_UPLOAD


def council_case(config: ServeConfig, authority: str, year: int | None) -> Case:
    """A council's case for a reporting year (the latest published when None), from the statistics."""
    if year is None:
        year = max(data_years(data=config.data))
    found = data_cases(year=year, authority=authority, data=config.data)
    return found[0]


def rulebook_of(config: ServeConfig, case: Case) -> Rulebook:
    return rulebook_for(case, config.rules)


def judge_case(config: ServeConfig, case: Case) -> Judgement:
    """``case`` judged by the rulebook it names."""
    return judge_for(rulebook_of(config, case)).judge(case)


def case_from_body(body: Mapping[str, Any]) -> Case:
    """A case given as a JSON document (a case file's content, or a judgement saved as JSON)."""
    return load_case(body, name="<request>")


def explanations(config: ServeConfig, result: Judgement, areas: Sequence[str] = ()) -> dict[str, Explanation]:
    """Every area's explanation (or those of ``areas``), within the time limit."""
    deadline = time.monotonic() + config.time_limit
    out: dict[str, Explanation] = {}
    for area in areas or list(result.areas):
        out[area] = explain(result, area)
        if time.monotonic() > deadline:
            raise UsageError.of(
                "serve.too-slow",
                f"explaining took longer than the server's limit of {config.time_limit:g} s",
                hint="ask for one area at a time",
            )
    return out


def whatif_case(
    config: ServeConfig, case: Case, changes: Mapping[str, Any]
) -> tuple[Judgement, Judgement, list[AreaShift]]:
    """``case`` judged before and after ``changes`` (measure -> new value), each checked as a case file's."""
    return whatif(rulebook_of(config, case), case, changes)


def simulate_case(config: ServeConfig, case: Case, draws: int, seed: int | None) -> Simulation:
    """The probability of each grade, from ``draws`` draws, stopped at the time limit."""
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_REQUEST_DRAWS:
        raise UsageError.of(
            "usage.bad-argument", f"draws must be a whole number from 1 to {MAX_REQUEST_DRAWS:,} here, not {draws!r}"
        )
    deadline = time.monotonic() + config.time_limit

    def progress(_done: int) -> None:
        if time.monotonic() > deadline:
            raise UsageError.of(
                "serve.too-slow",
                f"the simulation took longer than the server's limit of {config.time_limit:g} s",
                hint="ask for fewer draws",
            )

    return simulate(rulebook_of(config, case), case, draws=draws, seed=seed, progress=progress)


@frozen
class RulebookEntry:
    """A rulebook a request may name, by its key (``id@version``)."""

    key: str
    id: str
    version: str
    title: str
    effective_from: str
    effective_to: str | None
    folder: Path = attrs.field(repr=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "effective_from": self.effective_from,
            "effective_to": self.effective_to,
        }


def rulebooks(config: ServeConfig) -> list[RulebookEntry]:
    """Every rulebook in the configured folders and the shipped ones, first found first, by key."""
    found: dict[str, RulebookEntry] = {}
    for folder in rulebook_dirs(rulebook_search_path(config.rules)):
        try:
            book = load_rulebook(folder)
        except JudgementError:
            continue  # a broken rulebook is reported when judged with, not listed
        key = f"{book.id}@{book.version}"
        if key not in found:
            found[key] = RulebookEntry(
                key,
                book.id,
                book.version,
                book.title,
                book.effective_from.isoformat(),
                book.effective_to.isoformat() if book.effective_to else None,
                folder,
            )
    return list(found.values())


def rulebook_named(config: ServeConfig, key: str, revision: str | None = None) -> Rulebook:
    """The rulebook :func:`rulebooks` lists as ``key`` (never a path from the request), or, with
    ``revision`` (``HEAD~1``, a tag, a commit), that rulebook's folder as git has it at that revision:
    read from the repository that holds the folder, into a temporary folder removed once it is loaded."""
    entries = {e.key: e for e in rulebooks(config)}
    entry = entries.get(key)
    if entry is None:
        raise unknown_name("rulebook", key, entries)
    if not revision:
        return load_rulebook(entry.folder)
    if not _REVISION.fullmatch(revision):
        raise UsageError.of(
            "usage.bad-argument",
            f"{revision!r} is not a git revision this server reads",
            expected="a branch, tag or commit, with ~N or ^N after it (HEAD~1, v1.0, 3ced9d5)",
        )
    root = _repository(entry.folder)
    inner = entry.folder.resolve().relative_to(root).as_posix()
    copy = rulebook_at_revision(f"{revision}:{inner}", cwd=root)
    try:
        return load_rulebook(copy)
    finally:
        holder = next((p for p in copy.parents if p.name.startswith("judgement-diff-")), None)
        if holder is not None:
            shutil.rmtree(holder, ignore_errors=True)


#: A git revision as a request may name one: a branch, tag or commit, with ~N or ^N after it; never an
#: option (no leading '-'), a path or a range.
_REVISION = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]{0,99}(?:[~^][0-9]{0,3})*")


def _repository(folder: Path) -> Path:
    """The root of the git repository that keeps ``folder`` (its manifest is tracked there)."""
    found = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    tracked = found.returncode == 0 and (
        subprocess.run(
            ["git", "-C", str(folder), "ls-files", "--error-unmatch", "--", MANIFEST],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not tracked:
        raise UsageError.of(
            "usage.bad-argument",
            f"the rulebook {folder.name} is not kept in git here",
            hint="run the server from a clone of the repository that keeps the rulebook, with --rules",
        )
    return Path(found.stdout.strip()).resolve()


def rule_change(
    config: ServeConfig, old: str, new: str, year: int | None, revisions: tuple[str | None, str | None] = (None, None)
) -> DiffReport:
    """What changing rulebook ``old`` for ``new`` (each at a git revision, when given) does to every
    council's case of ``year``."""
    before, after = rulebook_named(config, old, revisions[0]), rulebook_named(config, new, revisions[1])
    if year is None:
        year = max(data_years(data=config.data))
    cases = [c for c in data_cases(year=year, data=config.data) if c.rulebook in (before.id, after.id)]
    return diff(before, after, cases)


def rule_change_backtest(
    config: ServeConfig, old: str, new: str, revisions: tuple[str | None, str | None] = (None, None)
) -> dict[str, Any]:
    """What changing rulebook ``old`` for ``new`` (each at a git revision, when given) does to agreement
    with Ofsted's published judgements: every inspection in the history screened by both (see
    ``judgement backtest``)."""
    from judgement.analysis.backtest import backtest  # noqa: PLC0415 - only for this request
    from judgement.renderers.backtest import backtest_change  # noqa: PLC0415

    before, after = rulebook_named(config, old, revisions[0]), rulebook_named(config, new, revisions[1])
    stats = statistics(config.data)
    if not stats.history:
        raise UsageError.of("usage.no-cases", "the statistics hold no inspection history to back-test on")
    return backtest_change(backtest(before, stats), backtest(after, stats))


def upload_report(config: ServeConfig, name: str, content: bytes) -> tuple[str, int, list[tuple[str, list[Problem]]]]:
    """An uploaded case file or spreadsheet judged: the HTML report of the cases judged ("" when none
    was), how many were, and each case that could not be judged with its problems, located at their
    line and column in the upload (named as it was uploaded). The bytes are written to a temporary folder, under a name
    of the upload's suffix alone, and removed before this returns."""
    suffix = Path(name).suffix.lower()
    if suffix not in (*CASE_SUFFIXES, *SHEET_SUFFIXES):
        raise UsageError.of(
            "usage.bad-argument",
            f"cannot judge a {suffix or 'file without a suffix'}",
            hint="upload a case file ("
            + ", ".join(CASE_SUFFIXES)
            + ") or a spreadsheet ("
            + ", ".join(SHEET_SUFFIXES)
            + ")",
        )
    if len(content) > config.max_body:
        raise UsageError.of("serve.too-large", f"the upload is larger than {config.max_body:,} bytes")
    shown = Path(name).name or f"upload{suffix}"
    with tempfile.TemporaryDirectory(prefix="judgement-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        try:
            items = collect_cases([path], config.rules)
        except JudgementError as error:
            raise type(error)([_renamed(p, path, shown) for p in error.problems]) from None
        if len(items) > MAX_UPLOAD_CASES:
            raise UsageError.of("serve.too-large", f"{len(items)} cases in one upload; at most {MAX_UPLOAD_CASES}")
        fmt = format_named("html")
        outcomes = list(judge_all(items, config.rules, fmt))
    pieces = [o.piece for o in outcomes if o.piece is not None and not o.problems]
    failed = [(o.case_id, [_renamed(p, path, shown) for p in o.problems]) for o in outcomes if o.problems]
    html = str(assemble(pieces, fmt)) if pieces else ""
    return html.replace(str(path), shown), len(pieces), failed


def _renamed(problem: Problem, path: Path, shown: str) -> Problem:
    """A problem in the temporary copy of an upload, located in the upload as the user named it."""
    where = problem.location
    if where is None:
        return problem
    file = where.file.replace(str(path), shown).replace(path.name, shown)
    return attrs.evolve(
        problem, location=attrs.evolve(where, file=file), message=problem.message.replace(str(path), shown)
    )
