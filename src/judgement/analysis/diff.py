"""What a rule change does: judge the same cases under two rulebooks and list every difference.

Rulebooks are folders or git references ``REV:path`` (``HEAD~1:rules/ucra-2010``, read by
:mod:`judgement.read.git`). Both versions are loaded side by side in the engine (their rulesets are named
by content digest, so they never clash). :func:`judgement.renderers.diff.render_diff` shows the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import attrs

from judgement._attrs import frozen
from judgement.check.rulebook import load_rulebook
from judgement.errors import JudgementError, UsageError
from judgement.judging.judge import Judge
from judgement.judging.results import Judgement
from judgement.model import Case, Rulebook
from judgement.read.git import is_revision, rulebook_at_revision

__all__ = ["AreaChange", "DiffReport", "diff", "load_rulebook_ref"]


@frozen
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
    #: The grades in their scale's own words, as every report shows them (the ids above are for programs).
    old_label: str = ""
    new_label: str = ""

    @property
    def grade_changed(self) -> bool:
        return self.old_grade != self.new_grade

    @property
    def transition(self) -> str:
        return f"{self.old_label or self.old_grade} -> {self.new_label or self.new_grade}"


@frozen
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
    """A rulebook from a folder, or from ``REV:path`` in the git repository at ``cwd``."""
    if is_revision(spec):
        return load_rulebook(rulebook_at_revision(spec, cwd=cwd))
    return load_rulebook(Path(spec))


def diff(old: Rulebook, new: Rulebook, cases: Iterable[Case]) -> DiffReport:
    """Judge each case under both rulebooks and collect every area whose grade or reason changed.

    A case is compared when it names either rulebook (it is judged under the other as if it named that
    one) and falls within both rulebooks' dates; the others are listed as not compared, with why. No case
    compared is an error (:class:`~judgement.errors.UsageError`), never an empty report.
    """
    judges = (Judge(old), Judge(new))
    changes: list[AreaChange] = []
    skipped: list[str] = []
    compared = areas = seen = 0
    for case in cases:
        seen += 1
        if case.rulebook not in (old.id, new.id):
            skipped.append(f"{case.id}: uses rulebook {case.rulebook}")
            continue
        try:
            before, after = (j.judge(attrs.evolve(case, rulebook=j.rulebook.id)) for j in judges)
        except JudgementError as error:
            skipped.append(f"{case.id}: {error.problems[0].message}")
            continue
        compared += 1
        changes.extend(_compare(case, before, after))
        areas += len(set(before.areas) | set(after.areas))
    if compared == 0:
        raise UsageError.of(
            "usage.no-cases",
            f"no case was compared ({seen} given" + (": " + "; ".join(skipped[:3]) if skipped else "") + ")",
            expected=f"case files or spreadsheet rows for rulebook {old.id} or {new.id}",
        )
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
            labels = (a.grade.label if a else "(absent)", b.grade.label if b else "(absent)")
            out.append(
                AreaChange(case.id, case.authority, area_id, old[0], new[0], old[1], new[1], old[2], new[2], *labels)
            )
    return out
