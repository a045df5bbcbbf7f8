"""Hit policies: the rules that fired in an area become one grade.

* ``priority`` (default): the worst grade among the rules that fired stands; the default rule applies
  only when no other rule fired.
* ``first``: the first rule in file order that fired; the default rule when none did.
* ``unique``: at most one non-default rule may fire; two or more is a *conflict*, reported, not guessed.

An area whose required evidence is missing is ``not_judged``, whatever else fired.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from judgement.model import Area, Grade, Policy, Rule

__all__ = ["CONFLICT", "JUDGED", "NOT_JUDGED", "Decision", "decide"]

JUDGED = "judged"
NOT_JUDGED = "not_judged"
CONFLICT = "conflict"


@attrs.frozen
class Decision:
    """The policy step: which rules fired, which were chosen, and the grade that follows."""

    policy: Policy
    grade: Grade
    status: str  # judged, not_judged or conflict
    fired: tuple[str, ...]
    chosen: tuple[str, ...]
    note: str


def decide(area: Area, fired: Sequence[Rule], missing: Sequence[str]) -> Decision:
    """Apply ``area.policy`` to the rules that fired (in file order); ``missing`` = required evidence absent."""
    fired_ids = tuple(r.id for r in fired)
    policy = area.policy
    if missing:
        return Decision(
            policy, Grade.NOT_JUDGED, NOT_JUDGED, fired_ids, (), "required evidence missing: " + ", ".join(missing)
        )
    findings = [r for r in fired if not r.default]
    default = next((r for r in fired if r.default), None)
    if not findings:
        if default is None:  # validation requires a default rule, and it fires when evidence is present
            return Decision(policy, Grade.NOT_JUDGED, NOT_JUDGED, fired_ids, (), "no rule applied")
        return Decision(
            policy,
            default.grade,
            JUDGED,
            fired_ids,
            (default.id,),
            f"no other rule fired, so the default rule {default.id} applies",
        )
    if policy is Policy.FIRST:
        chosen = findings[0]
        return Decision(
            policy, chosen.grade, JUDGED, fired_ids, (chosen.id,), f"first rule in order that fired: {chosen.id}"
        )
    if policy is Policy.UNIQUE:
        if len(findings) > 1:
            names = ", ".join(r.id for r in findings)
            return Decision(
                policy,
                Grade.NOT_JUDGED,
                CONFLICT,
                fired_ids,
                tuple(r.id for r in findings),
                f"conflict: {len(findings)} rules fired under the unique policy ({names})",
            )
        return Decision(
            policy,
            findings[0].grade,
            JUDGED,
            fired_ids,
            (findings[0].id,),
            f"the only rule that fired: {findings[0].id}",
        )
    worst = min(findings, key=lambda r: r.grade.rank).grade
    chosen_rules = tuple(r.id for r in findings if r.grade is worst)
    if len(findings) == 1:
        note = f"one rule fired: {findings[0].id}"
    else:
        listed = ", ".join(f"{r.id} ({r.grade.label})" for r in findings)
        note = f"worst finding stands among {listed}"
    return Decision(policy, worst, JUDGED, fired_ids, chosen_rules, note)
