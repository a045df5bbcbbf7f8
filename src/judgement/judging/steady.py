"""Many runs of one case in which only some measures change (a simulation's draws): what stays fixed is
worked out once, and each run fires through the engine only the rules of the areas that can move.

:func:`prepare` is given the case judged once in full (every firing checked); what it returns,
a :class:`Steady`, lets :mod:`judgement.judging.run` keep every other area's decision, write the fixed
part of the fact once, and check each run's firings against the reference evaluator of the areas that
move alone. Only the simulation uses it (:mod:`judgement.explaining.simulate`, through
:meth:`judgement.judging.judge.Judge.steady`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from judgement._attrs import frozen
from judgement.engine.compile import compile_rulebook
from judgement.judging.plan import Firing, Plan, Sign, Values, level_outcomes, registered
from judgement.judging.policy import Decision
from judgement.lang.ast import ATTRIBUTES
from judgement.lang.normal import field_name
from judgement.model import Case

__all__ = ["Steady", "prepare"]


@frozen
class Steady:
    """What :func:`prepare` found fixed over many runs of one case, and what each run needs."""

    #: Per area, its decision where it keeps it (None where it moves).
    areas: tuple[Decision | None, ...]
    #: The signs that cannot change, and the sign computations that can.
    fixed: Mapping[str, int]
    live: tuple[tuple[str, Sign], ...]
    #: Each area's missing evidence (what a case gives does not change between runs).
    missing: tuple[tuple[str, ...], ...]
    #: The engine holding the rules of the areas that move, alone, with what its names stand for and each
    #: level's reference outcomes of those rules and check of its firings (which expects nothing of the
    #: other areas).
    firing: Firing
    #: The fact's fields that do not change, written once for each of its rulesets.
    text: tuple[str, ...]
    #: The case-fact fields that change.
    fields: tuple[str, ...]
    #: Per area that moves, its decisions by what it fired and what could not be evaluated (None for an
    #: area whose decision may also depend on a value there in one run and not in another: the grade of
    #: an area that moves, or an exact sign that reads what changes).
    decided: tuple[dict[tuple[int, tuple[int, ...] | None], Decision] | None, ...]

    def signs(self, plan: Plan, values: Values) -> dict[str, int]:
        """The exact signs for a run: the fixed ones with the live ones computed."""
        out = dict(self.fixed)
        out.update(plan.signs(values, self.live))
        return out


def _moving(plan: Plan, varied: Collection[str]) -> set[int]:
    """The areas whose decision may change when the measures ``varied`` do: those that read one, and
    those that read the grade of (or are split into) an area that moves."""
    changed = set(varied)
    moving: set[int] = set()
    for level in plan.levels:
        for index in level:
            area = plan.areas[index]
            below = (*area.area.reads_areas, *area.area.aspects)
            if changed.intersection(area.reads) or any(plan.index_of[a] in moving for a in below):
                moving.add(index)
    return moving


def prepare(plan: Plan, case: Case, decisions: Sequence[Decision], settled: Values, varied: Collection[str]) -> Steady:
    """What stays fixed while only the measures ``varied`` change, given the case's ``decisions`` and its
    fact ``settled`` (every grade in it) from one run in full: the decision of every area that reads none
    of them, nor the grade of an area that does; the signs of the comparisons that read none of them; and
    the rules of the other areas, compiled and registered with the engine on their own, so each run fires
    only those."""
    areas, compiled = plan.areas, plan.compiled
    moving = _moving(plan, varied)
    keys = {*varied, *(field_name(m, a) for m in varied for a in ATTRIBUTES)}
    keys |= {areas[i].grade_key for i in moving}
    live = plan.reading(keys)
    live_names = {name for name, _ in live}
    fixed = {n: v for n, sign in plan.derived if n not in live_names and (v := sign(settled)) is not None}
    missing = tuple(area.missing(case.evidence, settled) for area in areas)
    # the grades of the areas that keep their decision are written once too, for the rulesets that read them
    still = {
        k: v for k, v in plan.engine_fact(settled, case.inspected).items() if k not in keys and k not in live_names
    }
    still.update(
        (areas[i].grade_key, d.grade.rank) for i, d in enumerate(decisions) if i not in moving and d.grade.judged
    )
    part = compile_rulebook(plan.rulebook, {areas[i].area.id for i in moving}, compiled)
    engine = registered(plan.rulebook, part)
    # the reference evaluates the rules of the areas that move; the others fire nothing
    kept = {i for i, area in enumerate(areas) if i not in moving and not area.split}
    volatile = {*(areas[i].grade_key for i in moving), *live_names}
    # what every run lacks, as the base lacks it: the evidence the case does not give, and so on
    candidates = {*compiled.fields, *(a.grade_key for a in areas), *(name for name, _ in plan.derived)}
    absent = frozenset(k for k in candidates if k not in settled and k not in volatile)
    restricted = tuple(tuple(i for i in level if i in moving) for level in plan.levels)
    rules = tuple(area.rules for area in areas)
    written = tuple(area.area for area in areas)
    outcomes, positions, _ = level_outcomes(restricted, written, rules, plan.sign_names, absent)
    return Steady(
        tuple(None if i in moving else decisions[i] for i in range(len(decisions))),
        fixed,
        live,
        missing,
        plan.firing(part, engine, outcomes, positions, kept, absent),
        engine.fixed_text(still),
        tuple(k for k in part.fields if k in keys),
        tuple(
            {} if i in moving and not area.split and not volatile.intersection(area.reads_keys) else None
            for i, area in enumerate(areas)
        ),
    )
