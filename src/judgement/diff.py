"""What a rule change does: judge the same cases under two rulebooks and list every difference.

Rulebooks are directories or git references ``REV:path`` (``HEAD~1:rules/ucra-2010``), read with
``git show`` into a temporary directory. Both versions are loaded side by side in the engine (their
rulesets are named by content digest, so they never clash).
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from judgement.errors import JudgementError, Problem
from judgement.judge import Judgement
from judgement.model import Case, Rulebook
from judgement.validate import MANIFEST, load_rulebook

__all__ = ["AreaChange", "DiffReport", "diff", "load_rulebook_ref", "render_diff"]


@attrs.frozen
class AreaChange:
    """One area of one case whose grade or reason differs between the two rulebooks."""

    case: str
    authority: str
    area: str
    old_grade: str
    new_grade: str
    old_rules: tuple[str, ...]
    new_rules: tuple[str, ...]
    old_reason: str
    new_reason: str

    @property
    def grade_changed(self) -> bool:
        return self.old_grade != self.new_grade

    @property
    def transition(self) -> str:
        return f"{self.old_grade} -> {self.new_grade}"


@attrs.frozen
class DiffReport:
    old: tuple[str, str, str]  # id, version, digest
    new: tuple[str, str, str]
    cases: int
    areas: int
    skipped: tuple[str, ...]  # cases for another rulebook, or that could not be judged (with why)
    changes: tuple[AreaChange, ...]

    @property
    def grade_changes(self) -> list[AreaChange]:
        return [c for c in self.changes if c.grade_changed]

    @property
    def reason_changes(self) -> list[AreaChange]:
        return [c for c in self.changes if not c.grade_changed]

    def by_area(self) -> dict[str, int]:
        return dict(sorted(Counter(c.area for c in self.grade_changes).items()))

    def by_transition(self) -> dict[str, int]:
        return dict(sorted(Counter(c.transition for c in self.grade_changes).items()))

    def to_dict(self) -> dict[str, object]:
        def side(s: tuple[str, str, str]) -> dict[str, str]:
            return {"id": s[0], "version": s[1], "digest": s[2]}

        return {
            "old": side(self.old),
            "new": side(self.new),
            "cases": self.cases,
            "areas": self.areas,
            "skipped": list(self.skipped),
            "grade_changes": [attrs.asdict(c) for c in self.grade_changes],
            "reason_changes": [attrs.asdict(c) for c in self.reason_changes],
            "by_area": self.by_area(),
            "by_transition": self.by_transition(),
        }


def load_rulebook_ref(spec: str, *, cwd: Path | None = None) -> Rulebook:
    """A rulebook from a directory, or from ``REV:path`` in the git repository at ``cwd``."""
    path = Path(spec)
    if path.exists() or ":" not in spec:
        return load_rulebook(path)
    rev, _, inner = spec.partition(":")
    inner = inner.strip("/") or "."
    listing = _git(["ls-tree", "-r", "--name-only", rev, "--", inner], cwd, spec)
    files = [f for f in listing.splitlines() if f.endswith((".yaml", ".yml"))]
    if not any(Path(f).name == MANIFEST for f in files):
        raise JudgementError(
            [
                Problem(
                    f"{spec}: no {MANIFEST} at that revision and path",
                    expected="REV:path to a rulebook directory, e.g. HEAD~1:rules/ucra-2010",
                )
            ]
        )
    # Files go under a folder named after the revision, so locations read ".../HEAD~1/rules/x/areas/a.yaml".
    holder = Path(tempfile.mkdtemp(prefix="judgement-diff-"))
    atexit.register(shutil.rmtree, holder, ignore_errors=True)
    target = holder / rev.replace("/", "_") / inner
    for name in files:
        relative = Path(name).relative_to(inner) if inner != "." else Path(name)
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_git(["show", f"{rev}:{name}"], cwd, spec), encoding="utf-8")
    return load_rulebook(target)


def _git(args: list[str], cwd: Path | None, spec: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60)
    except FileNotFoundError:
        raise JudgementError(f"{spec}: git is not installed, so a REV:path rulebook cannot be read") from None
    if done.returncode != 0:
        raise JudgementError(
            [
                Problem(
                    f"{spec}: git could not read it: {done.stderr.strip()}",
                    expected="REV:path in this git repository, e.g. HEAD~1:rules/ucra-2010",
                )
            ]
        )
    return done.stdout


def diff(old: Rulebook, new: Rulebook, cases: Iterable[Case]) -> DiffReport:
    """Judge each case under both rulebooks and collect every area whose grade or reason changed."""
    changes: list[AreaChange] = []
    skipped: list[str] = []
    compared = areas = 0
    for case in cases:
        if case.rulebook not in (old.id, new.id):
            skipped.append(f"{case.id}: uses rulebook {case.rulebook}")
            continue
        try:
            before, after = old.judge(case), new.judge(case)
        except JudgementError as error:
            skipped.append(f"{case.id}: {error.problems[0].message}")
            continue
        compared += 1
        changes.extend(_compare(case, before, after))
        areas += len(set(before.areas) | set(after.areas))
    return DiffReport(_side(old), _side(new), compared, areas, tuple(skipped), tuple(changes))


def _side(rulebook: Rulebook) -> tuple[str, str, str]:
    return rulebook.id, rulebook.version, rulebook.digest


def _compare(case: Case, before: Judgement, after: Judgement) -> list[AreaChange]:
    out = []
    for area_id in [*before.areas, *(a for a in after.areas if a not in before.areas)]:
        a, b = before.areas.get(area_id), after.areas.get(area_id)
        old = (a.grade.value, a.rules_fired, a.reason) if a else ("(absent)", (), "")
        new = (b.grade.value, b.rules_fired, b.reason) if b else ("(absent)", (), "")
        if old != new:
            out.append(AreaChange(case.id, case.authority, area_id, old[0], new[0], old[1], new[1], old[2], new[2]))
    return out


def render_diff(report: DiffReport, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    md = fmt == "markdown"
    old, new = report.old, report.new
    head = (
        f"{old[0]} {old[1]} ({old[2][:12]}) -> {new[0]} {new[1]} ({new[2][:12]}): "
        f"{len(report.grade_changes)} grade changes, {len(report.reason_changes)} reason changes "
        f"in {report.cases} cases ({report.areas} areas)"
    )
    lines = [f"### Rulebook impact\n\n{head}" if md else head]
    if report.grade_changes:
        lines.append("\n#### Grade changes\n" if md else "\ngrade changes:")
        if md:
            lines += ["| case | area | old | new | rules (old -> new) |", "|---|---|---|---|---|"]
        for c in report.grade_changes:
            rules = f"{', '.join(c.old_rules) or '-'} -> {', '.join(c.new_rules) or '-'}"
            lines.append(
                f"| {c.case} | {c.area} | {c.old_grade} | {c.new_grade} | {rules} |"
                if md
                else f"  {c.case} > {c.area}: {c.transition} ({rules})"
            )
    if report.reason_changes:
        lines.append("\n#### Same grade, different reasons\n" if md else "\nsame grade, different reasons:")
        for c in report.reason_changes:
            lines.append(
                f"- **{c.case} > {c.area}** ({c.new_grade}): {c.old_reason} → {c.new_reason}"
                if md
                else f"  {c.case} > {c.area} ({c.new_grade}):\n    - {c.old_reason}\n    + {c.new_reason}"
            )
    if report.grade_changes:
        lines.append("\n#### Counts\n" if md else "\ncounts:")
        for label, counts in (("area", report.by_area()), ("transition", report.by_transition())):
            for key, n in counts.items():
                lines.append(f"- {label} `{key}`: {n}" if md else f"  {label} {key}: {n}")
    if report.skipped:
        lines.append("\n#### Not compared\n" if md else "\nnot compared:")
        lines.extend(f"- {s}" if md else f"  {s}" for s in report.skipped)
    return "\n".join(lines) + "\n"


def cases_from(paths: Sequence[str | Path]) -> list[Case]:
    """Every case file below ``paths`` (invalid ones raise, with their locations)."""
    from judgement.testing.runner import collect
    from judgement.validate import load_case

    return [load_case(p) for p in collect(paths)]
