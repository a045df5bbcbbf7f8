"""The probability of each grade (:mod:`judgement.explaining.simulate`) as text lines and as a bar."""

from __future__ import annotations

from judgement.explaining.simulate import AreaChances, Simulation
from judgement.model import NOT_JUDGED, Grade, Rulebook
from judgement.renderers._common import escape

__all__ = ["chances_bar", "chances_text", "render_simulation"]


def _grade(rulebook: Rulebook, area: str, grade_id: str) -> Grade:
    found = rulebook.scale_of(rulebook.area(area)).get(grade_id)
    return NOT_JUDGED if found is None else found


def chances_text(rulebook: Rulebook, chances: AreaChances) -> str:
    """One area's chances: "satisfactory 78.3% (±0.4), strength 13.5% (±0.3), ..." (± one standard error),
    likeliest first."""
    shown = sorted((p, g) for g, p in chances.probabilities.items() if p > 0)[::-1]
    return ", ".join(
        f"{_grade(rulebook, chances.area, g).label} {100 * p:.1f}% (±{100 * chances.errors[g]:.1f})" for p, g in shown
    )


def render_simulation(rulebook: Rulebook, simulation: Simulation, area: str | None = None) -> str:
    """The "How likely" section: every area's chances (or one area's), with how they were drawn."""
    sampled = ", ".join(f"{s.measure} ({s.seen})" for s in simulation.sampled) or "none"
    lines = [
        f"How likely ({simulation.draws:,} draws, seed {simulation.seed}; rates drawn from Beta(x + 1/2, n - x + 1/2))",
        f"  drawn: {sampled}",
    ]
    for chances in simulation:
        if area is not None and chances.area != area:
            continue
        if area is None and chances.point == NOT_JUDGED.id:
            continue
        lines.append(f"  {chances.area}: {chances_text(rulebook, chances)}")
    return "\n".join(lines) + "\n"


def chances_bar(rulebook: Rulebook, chances: AreaChances) -> str:
    """A small stacked bar of an area's chances, worst grade on the left, each part titled."""
    parts = []
    for grade_id, p in chances.probabilities.items():
        if p <= 0:
            continue
        grade = _grade(rulebook, chances.area, grade_id)
        label = f"{grade.label} {100 * p:.1f}%"
        parts.append(
            f'<span class="chance" style="width: {100 * p:.2f}%; background: {grade.colour}" '
            f'title="{escape(label)}"></span>'
        )
    text = escape(chances_text(rulebook, chances))
    return f'<div class="chances" role="img" aria-label="{text}">{"".join(parts)}</div><p class="note">{text}</p>'
