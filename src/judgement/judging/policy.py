"""Hit policies: the rules that fired in an area become one grade. The one owner of how an area is graded.

* ``priority`` (default): the worst grade among the rules that fired stands;
* ``first``: the first rule in file order that fired;
* ``unique``: at most one rule may fire; two or more is a *conflict*, reported, not guessed.

A **limit** rule that fires caps the grade the policy chose ("cannot be better than"): the grade becomes
the worst of it and every limit that fired below it, and those limits are chosen with it.

Under every policy the default rule fires whenever the area's required evidence is present
(:func:`default_fires`) and applies only when no other rule fired. An area whose required evidence is
missing is ``not_judged``, unless, under ``priority``, a rule of its scale's worst grade fired on the
evidence it reads (a child found at risk): no missing evidence could make that grade better, so it stands,
and the area is judged on it. An area judged while a rule that could have changed its
grade could not be evaluated, for want of optional evidence, is ``partial`` (:func:`partial`): graded,
and saying what it was judged without.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from judgement._attrs import frozen
from judgement.judging.status import AreaStatus
from judgement.lang.printer import grade_area
from judgement.model import NOT_JUDGED, Area, Grade, Policy, Rule

__all__ = ["Decision", "combine", "decide", "default_fires", "partial"]


@frozen(cache_hash=True)
class Decision:
    """The policy step: which rules fired, which were chosen, and the grade that follows."""

    policy: Policy
    grade: Grade
    status: AreaStatus
    fired: tuple[str, ...]
    chosen: tuple[str, ...]
    note: str
    missing: tuple[str, ...] = ()  # the required evidence that was absent
    #: Optional evidence that was absent although, given, it could change the grade (status ``partial``).
    unknown: tuple[str, ...] = ()


def default_fires(missing: Sequence[str]) -> bool:
    """Whether an area's default rule fires: exactly when none of its required evidence is missing."""
    return not missing


def combine(area: Area, aspects: Sequence[tuple[str, Decision]]) -> Decision:
    """An area split into aspects: the worst (or best, as ``area.combine`` says) of its aspects' grades.
    Aspects that are not judged leave the area partial, or not judged when none is."""
    judged = [(aid, d) for aid, d in aspects if d.status.judged]
    lacking = tuple(aid for aid, d in aspects if not d.status.judged)
    policy = area.policy
    if not judged:
        note = "no aspect could be judged: " + ", ".join(lacking)
        return Decision(policy, NOT_JUDGED, AreaStatus.NOT_JUDGED, (), (), note, lacking)
    pick = min if area.combine == "worst" else max
    grade = pick((d.grade for _, d in judged), key=lambda g: g.rank)
    chosen = tuple(aid for aid, d in judged if d.grade == grade)
    note = f"the {area.combine} of its aspects: " + ", ".join(f"{aid} ({d.grade.label})" for aid, d in judged)
    decision = Decision(policy, grade, AreaStatus.JUDGED, tuple(aid for aid, _ in judged), chosen, note)
    # A missing aspect could change the worst unless it already is the scale's worst (and the best so).
    extreme = grade.rank == 0 if area.combine == "worst" else False
    unknown = tuple(f"aspect {aid}" for aid in lacking) if not extreme else ()
    partly = [aid for aid, d in judged if d.status is AreaStatus.PARTIAL]
    if partly and not extreme:
        unknown = (*unknown, *(f"evidence of aspect {aid}" for aid in partly))
    return partial(decision, unknown)


def partial(decision: Decision, unknown: Sequence[str]) -> Decision:
    """A decision made without optional evidence that could have changed it: said so, never hidden."""
    if not unknown or not decision.status.judged:
        return decision
    note = f"{decision.note}; judged without {', '.join(unknown)}, which could change the grade"
    return attrs.evolve(decision, status=AreaStatus.PARTIAL, unknown=tuple(unknown), note=note)


def decide(area: Area, fired: Sequence[Rule], missing: Sequence[str]) -> Decision:
    """Apply ``area.policy`` to the rules that fired (in file order); ``missing`` = required evidence absent."""
    fired_ids = tuple(r.id for r in fired)
    policy = area.policy
    if missing:
        worst = [r for r in fired if not r.default and not r.limit and r.grade.rank == 0]
        if policy is Policy.PRIORITY and worst:  # e.g. a child found at risk: nothing missing could make it better
            ids = tuple(r.id for r in worst)
            note = (
                f"required evidence missing ({', '.join(missing)}), but {', '.join(ids)} fired on the evidence "
                "it reads and gives the scale's worst grade, which no missing evidence could improve on"
            )
            return Decision(policy, worst[0].grade, AreaStatus.JUDGED, fired_ids, ids, note, tuple(missing))
        note = "required evidence missing: " + ", ".join(missing)
        if any(grade_area(m) for m in missing):
            note = "required evidence or grades missing: " + ", ".join(missing)
        return Decision(policy, NOT_JUDGED, AreaStatus.NOT_JUDGED, fired_ids, (), note, tuple(missing))
    decision = _choose(area, [r for r in fired if not r.limit], fired_ids)
    return _capped(decision, [r for r in fired if r.limit])


def _capped(decision: Decision, limits: Sequence[Rule]) -> Decision:
    """The decision with the limits that fired applied."""
    if decision.status is not AreaStatus.JUDGED or not limits:
        return decision
    below = [r for r in limits if r.grade.rank < decision.grade.rank]
    if not below:
        names = ", ".join(r.id for r in limits)
        return attrs.evolve(decision, note=f"{decision.note}; limit {names} does not lower it")
    cap = min(below, key=lambda r: r.grade.rank).grade
    chosen = tuple(r.id for r in below if r.grade == cap)
    note = f"{decision.note}; capped at {cap.label} by {', '.join(chosen)}"
    return attrs.evolve(decision, grade=cap, chosen=(*decision.chosen, *chosen), note=note)


def _choose(area: Area, fired: Sequence[Rule], fired_ids: tuple[str, ...]) -> Decision:
    policy = area.policy
    findings = [r for r in fired if not r.default]
    default = next((r for r in fired if r.default), None)
    if not findings:
        if default is None:  # validation requires a default rule, and it fires when evidence is present
            return Decision(policy, NOT_JUDGED, AreaStatus.NOT_JUDGED, fired_ids, (), "no rule applied")
        note = f"no other rule fired, so the default rule {default.id} applies"
        return Decision(policy, default.grade, AreaStatus.JUDGED, fired_ids, (default.id,), note)
    if policy is Policy.FIRST:
        chosen = findings[0]
        note = f"first rule in order that fired: {chosen.id}"
        return Decision(policy, chosen.grade, AreaStatus.JUDGED, fired_ids, (chosen.id,), note)
    if policy is Policy.UNIQUE:
        if len(findings) > 1:
            names = ", ".join(r.id for r in findings)
            note = f"conflict: {len(findings)} rules fired under the unique policy ({names})"
            ids = tuple(r.id for r in findings)
            return Decision(policy, NOT_JUDGED, AreaStatus.CONFLICT, fired_ids, ids, note)
        note = f"the only rule that fired: {findings[0].id}"
        return Decision(policy, findings[0].grade, AreaStatus.JUDGED, fired_ids, (findings[0].id,), note)
    worst = min(findings, key=lambda r: r.grade.rank).grade
    chosen_rules = tuple(r.id for r in findings if r.grade == worst)
    if len(findings) == 1:
        note = f"one rule fired: {findings[0].id}"
    else:
        note = "worst finding stands among " + ", ".join(f"{r.id} ({r.grade.label})" for r in findings)
    return Decision(policy, worst, AreaStatus.JUDGED, fired_ids, chosen_rules, note)
