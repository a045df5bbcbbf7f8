"""Side by side: a council's published indicators over the years (with England's, its statistical
neighbours' mean, the direction of travel and the screen's grade each year), and a council against its
statistical neighbours in one year (every neighbour's figure and the council's rank).

The figures are the ones a case of each reporting year reads (a workforce census a year behind, as the
cases take it), to one decimal place as DfE publishes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from judgement._attrs import frozen
from judgement.check.case import load_case
from judgement.data.statistics import INDICATORS, RULEBOOK, Indicator, Statistics
from judgement.errors import Problem, UsageError
from judgement.judging.judge import judge_for
from judgement.model import Grade, Rulebook

__all__ = [
    "VIEWS",
    "AgainstNeighbours",
    "IndicatorYears",
    "NeighbourFigures",
    "OverYears",
    "against_neighbours",
    "compare_council",
    "over_years",
    "read_years",
]

#: What a comparison shows: a council over the years, against its statistical neighbours, or both.
VIEWS = ("both", "years", "neighbours")

Figure = float | int | None


@frozen
class IndicatorYears:
    """One indicator of a council over the years."""

    measure: str
    title: str
    unit: str
    better: str  # higher, lower or neither
    council: tuple[Figure, ...]  # one per year of the view
    england: tuple[Figure, ...]
    neighbours: tuple[Figure, ...]  # the neighbours' mean

    @property
    def direction(self) -> str:
        """The direction of travel over the last two years with figures: "up", "down", "level", or "" when
        there are not two."""
        known = [v for v in self.council if v is not None]
        if len(known) < 2:
            return ""
        last, before = known[-1], known[-2]
        return "up" if last > before else "down" if last < before else "level"

    @property
    def travel(self) -> str:
        """Whether that direction is for the better ("better", "worse"), "level", or "" where the measure
        has no better direction or there is no direction."""
        direction = self.direction
        if direction in ("", "level") or self.better not in ("higher", "lower"):
            return direction if direction == "level" else ""
        return "better" if (direction == "up") == (self.better == "higher") else "worse"


@frozen
class OverYears:
    """A council over reporting years: its indicators, and the grade the screen gave each area each year."""

    code: str
    name: str
    years: tuple[int, ...]
    indicators: tuple[IndicatorYears, ...]
    #: (area id, title, the grade each year (None where the year has no case)).
    grades: tuple[tuple[str, str, tuple[Grade | None, ...]], ...]


@frozen
class NeighbourFigures:
    """One indicator for a council and each of its statistical neighbours in one year."""

    measure: str
    title: str
    unit: str
    better: str
    council: Figure
    england: Figure
    neighbours: tuple[Figure, ...]  # in the order of AgainstNeighbours.neighbours
    #: The council's place among itself and the neighbours with a figure: 1 is the best where the measure has
    #: a better direction, the highest otherwise; None without a figure.
    rank: int | None
    of: int

    @property
    def mean(self) -> Figure:
        known = [v for v in self.neighbours if v is not None]
        return round(sum(known) / len(known), 1) if known else None


@frozen
class AgainstNeighbours:
    """A council and its statistical neighbours (DfE's model for the year), indicator by indicator."""

    code: str
    name: str
    year: int
    neighbours: tuple[tuple[str, str], ...]  # (ONS code, name), closest first
    indicators: tuple[NeighbourFigures, ...]


def _figure(stats: Statistics, indicator: Indicator, year: int, code: str) -> Figure:
    read = stats.reading(indicator, indicator.year_of(year), stats.code_for(code, year) if code else "")
    return read[0] if read is not None else None


def _about(rulebook: Rulebook, indicator: Indicator) -> tuple[str, str, str]:
    measure = rulebook.measures.get(indicator.measure)
    if measure is None:
        return indicator.measure, "", "neither"
    return measure.title, measure.unit.value, measure.better.value


def _rulebook(rulebook: Rulebook) -> Rulebook:
    if rulebook.id != RULEBOOK:
        raise UsageError(
            Problem(
                f"side-by-side views read the figures of the {RULEBOOK} screen, not rulebook {rulebook.id}",
                expected=f"rulebook {RULEBOOK}",
                code="usage.bad-argument",
            )
        )
    return rulebook


def over_years(stats: Statistics, rulebook: Rulebook, code: str, years: Sequence[int]) -> OverYears:
    """Council ``code`` (an ONS code, see :meth:`Statistics.find`) over ``years``, judged each year under
    ``rulebook`` (the ilacs-2018 screen) from the statistics."""
    _rulebook(rulebook)
    shown = tuple(sorted(set(years)))
    indicators = tuple(
        IndicatorYears(
            indicator.measure,
            *_about(rulebook, indicator),
            tuple(_figure(stats, indicator, y, code) for y in shown),
            tuple(_figure(stats, indicator, y, "") for y in shown),
            tuple(stats.neighbours_mean(indicator, stats.code_for(code, y), y) for y in shown),
        )
        for indicator in INDICATORS
        if indicator.measure in rulebook.measures
    )
    judge = judge_for(rulebook)
    judged = {}
    for year in shown:
        doc = stats.case(stats.code_for(code, year), year)
        if doc is not None:
            judged[year] = judge.judge(load_case(doc, name=f"{doc['case']} (DfE statistics)"))
    grades = tuple(
        (area.id, area.title, tuple(judged[y].areas[area.id].grade if y in judged else None for y in shown))
        for area in rulebook.areas
    )
    return OverYears(code, stats.names.get(code, code), shown, indicators, grades)


def against_neighbours(stats: Statistics, rulebook: Rulebook, code: str, year: int) -> AgainstNeighbours:
    """Council ``code`` against its statistical neighbours for reporting ``year``."""
    _rulebook(rulebook)
    near = stats.neighbours_of(stats.code_for(code, year), year)
    rows = []
    for indicator in INDICATORS:
        if indicator.measure not in rulebook.measures:
            continue
        title, unit, better = _about(rulebook, indicator)
        mine = _figure(stats, indicator, year, code)
        theirs = tuple(_figure(stats, indicator, year, other) for other in near)
        known = [v for v in (mine, *theirs) if v is not None]
        rank = None
        if mine is not None:
            ahead = [v for v in known if (v < mine if better == "lower" else v > mine)]
            rank = 1 + len(ahead)
        rows.append(
            NeighbourFigures(
                indicator.measure,
                title,
                unit,
                better,
                mine,
                _figure(stats, indicator, year, ""),
                theirs,
                rank,
                len(known),
            )
        )
    return AgainstNeighbours(
        code, stats.names.get(code, code), year, tuple((c, stats.names.get(c, c)) for c in near), tuple(rows)
    )


def read_years(text: str, held: Sequence[int], what: str = "--years") -> list[int]:
    """Years written as ``2021-2025``, ``2021,2023`` or ``all`` (every year in ``held``), in order."""
    spec = text.strip().lower()
    if spec == "all":
        return list(held)
    found: list[int] = []
    for part in spec.split(","):
        first, dash, last = part.strip().partition("-")
        if not first.isdigit() or len(first) != 4 or (dash and (not last.isdigit() or len(last) != 4)):
            raise UsageError(
                Problem(
                    f"{what} {text!r} cannot be read", expected="2021-2025, 2021,2023 or all", code="usage.bad-argument"
                )
            )
        low, high = int(first), int(last) if dash else int(first)
        if high < low:
            raise UsageError(
                Problem(f"{what} {text!r} runs backwards", expected=f"{high}-{low}", code="usage.bad-argument")
            )
        found.extend(y for y in range(low, high + 1) if y not in found)
    return found


def compare_council(
    stats: Statistics,
    authority: str,
    year: int | None,
    years: str | None,
    view: str,
    rules: Sequence[str | Path] = (),
) -> list[OverYears | AgainstNeighbours]:
    """A council side by side (``view``: one of :data:`VIEWS`): over ``years`` (as :func:`read_years` reads
    them; by default the five years to ``year``, itself by default the latest the council has figures
    for) and against its statistical neighbours in the last of them."""
    import datetime as dt  # noqa: PLC0415 - only here

    from judgement.data.statistics import cases as statistics_cases  # noqa: PLC0415
    from judgement.resolve import find_rulebook  # noqa: PLC0415

    if view not in VIEWS:
        raise UsageError(Problem(f"no view {view!r}", expected=" or ".join(VIEWS), code="usage.unknown-name"))
    code = stats.find(authority)
    published = stats.published()
    if years is not None:
        shown = read_years(years, published)
    else:
        last = year if year is not None else max(y for y in published if stats.case(stats.code_for(code, y), y))
        shown = [y for y in range(last - 4, last) if y in published] + [last]
    statistics_cases(stats, shown[-1], (code,))  # a year not published, or one the council has no figures for
    rulebook = find_rulebook(RULEBOOK, dt.date(shown[-1], 3, 31), rules)
    views: list[OverYears | AgainstNeighbours] = []
    if view in ("both", "years"):
        views.append(over_years(stats, rulebook, code, shown))
    if view in ("both", "neighbours"):
        views.append(against_neighbours(stats, rulebook, code, shown[-1]))
    return views
