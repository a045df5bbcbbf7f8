"""The back-test: a rulebook's screen against Ofsted's published ILACS judgements.

Each inspection in Ofsted's inspection history is screened as a council's performance team could have
screened it the day the inspectors arrived: from the statistics published by then (the latest children in
need year released before the first day on site, :func:`release_year`) and the Ofsted judgements published
by then (never a later one). The screen's grade for each of the five judgements is set beside Ofsted's, and
:func:`agreement` measures how well they agree: Spearman's rank correlation, weighted kappa, exact and
within-one agreement, the confusion matrix, and how many councils Ofsted judged inadequate the screen found.

This is how a change to the ILACS rules is tested against real outcomes: ``judgement backtest`` for one
rulebook, ``judgement diff OLD NEW --backtest`` for what a change does to agreement.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from judgement._attrs import frozen
from judgement.check.case import load_case
from judgement.data.inspections import JUDGEMENTS, WORDS, Inspection
from judgement.data.statistics import Statistics
from judgement.errors import JudgementError
from judgement.judging.judge import Judge
from judgement.model import Rulebook

__all__ = [
    "GRADE_ORDER",
    "Agreement",
    "Backtest",
    "Screened",
    "agreement",
    "backtest",
    "calibration_table",
    "inspection_year",
    "release_year",
]

#: The ILACS grades, worst first (their ranks are the order Spearman and kappa use).
GRADE_ORDER = tuple(WORDS)
#: DfE publishes the children in need figures for the year to 31 March Y in the autumn of Y (late October
#: or November): the back-test takes them as known from this day of Y (month, day).
RELEASED_BY = (12, 1)


def release_year(day: dt.date) -> int:
    """The latest reporting year of children in need figures published by ``day``: the year to 31 March of
    ``day``'s year from 1 December on, the year before until then."""
    return day.year if (day.month, day.day) >= RELEASED_BY else day.year - 1


def inspection_year(day: dt.date) -> str:
    """The year, April to March, an inspection began in (``2022-23``), as Ofsted reports its inspections."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@frozen
class Screened:
    """One inspection, screened: Ofsted's grades and the screen's, by judgement (grade ids; a judgement
    Ofsted did not give, or the screen did not judge, is absent)."""

    inspection: Inspection
    year: int  # the reporting year of the figures the screen read
    case_id: str
    ofsted: Mapping[str, str]
    screen: Mapping[str, str]


@frozen
class Agreement:
    """How a judgement's screen agrees with Ofsted's on a set of inspections (pairs with both grades)."""

    judgement: str
    pairs: int
    spearman: float | None
    kappa: float | None  # quadratic weights
    exact: float | None
    within_one: float | None
    confusion: Mapping[str, Mapping[str, int]]  # Ofsted's grade -> the screen's grade -> inspections
    inadequate: int  # councils Ofsted judged inadequate
    inadequate_found: int  # ... that the screen graded inadequate
    flagged_not_inadequate: int  # screened inadequate, judged better by Ofsted

    def to_dict(self) -> dict[str, Any]:
        return {
            "judgement": self.judgement,
            "pairs": self.pairs,
            "spearman": _round(self.spearman),
            "weighted_kappa": _round(self.kappa),
            "exact": _round(self.exact),
            "within_one": _round(self.within_one),
            "inadequate": self.inadequate,
            "inadequate_found": self.inadequate_found,
            "flagged_not_inadequate": self.flagged_not_inadequate,
            "confusion": {k: dict(v) for k, v in self.confusion.items()},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


@frozen
class Backtest:
    """Every inspection screened, and those that could not be (with why)."""

    rulebook: str  # id and version
    history: str  # the file of inspections
    screened: tuple[Screened, ...]
    skipped: tuple[tuple[Inspection, str], ...]
    since: dt.date | None = None
    until: dt.date | None = None

    def agreement(self, judgement: str | None = None, year: str | None = None) -> Agreement:
        """Agreement for one judgement (every judgement pooled, without one), over every inspection or
        those of one April-to-March ``year``."""
        chosen = [s for s in self.screened if year is None or inspection_year(s.inspection.on_site) == year]
        return agreement(chosen, judgement)

    def years(self) -> list[str]:
        return sorted({inspection_year(s.inspection.on_site) for s in self.screened})

    def to_dict(self) -> dict[str, Any]:
        return {
            "rulebook": self.rulebook,
            "inspections": self.history,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "screened": len(self.screened),
            "skipped": [
                {"authority": i.name, "code": i.code, "inspected": i.on_site.isoformat(), "why": why}
                for i, why in self.skipped
            ],
            "judgements": {j: self.agreement(j).to_dict() for j in JUDGEMENTS},
            "overall": self.agreement().to_dict(),
            "by_year": {
                year: {j: self.agreement(j, year).to_dict() for j in (*JUDGEMENTS, None) if j is not None}
                | {"overall": self.agreement(None, year).to_dict()}
                for year in self.years()
            },
            "inspections_screened": [
                {
                    "authority": s.inspection.name,
                    "code": s.inspection.code,
                    "inspected": s.inspection.on_site.isoformat(),
                    "published": s.inspection.published.isoformat(),
                    "figures_for_year": s.year,
                    "case": s.case_id,
                    "ofsted": dict(s.ofsted),
                    "screen": dict(s.screen),
                }
                for s in self.screened
            ],
        }


def backtest(
    rulebook: Rulebook,
    stats: Statistics,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Backtest:
    """Screen every inspection in ``stats``' inspection history that began between ``since`` and ``until``
    (both included) with ``rulebook``, each from the figures and judgements published before it began."""
    judge = Judge(rulebook)
    screened: list[Screened] = []
    skipped: list[tuple[Inspection, str]] = []
    for inspection in stats.history:
        day = inspection.on_site
        if (since and day < since) or (until and day > until):
            continue
        year = release_year(day)
        code = stats.code_for(inspection.code, year) if inspection.code in stats.names else None
        doc = stats.case(code, year, on=day) if code else None
        if doc is None:
            why = f"no figures for {year}" if code else "the council is not in the statistics"
            skipped.append((inspection, why))
            continue
        # each rulebook reads the evidence it declares (an older one knows fewer measures)
        doc["evidence"] = {k: v for k, v in doc["evidence"].items() if k in rulebook.measures}
        try:
            judged = judge.judge(load_case(doc, name=f"statistics:{code}"))
        except JudgementError as error:
            skipped.append((inspection, error.problems[0].message))
            continue
        screen = {
            j: area.grade.id for j in JUDGEMENTS if (area := judged.areas.get(j)) is not None and area.grade.judged
        }
        screened.append(Screened(inspection, year, doc["case"], inspection.grades, screen))
    return Backtest(
        f"{rulebook.id} {rulebook.version}",
        stats.history_file or "",
        tuple(screened),
        tuple(skipped),
        since,
        until,
    )


def agreement(screened: Iterable[Screened], judgement: str | None = None) -> Agreement:
    """How the screen agrees with Ofsted on one judgement (every judgement pooled, without one)."""
    wanted = [judgement] if judgement else list(JUDGEMENTS)
    pairs = [
        (GRADE_ORDER.index(s.ofsted[j]), GRADE_ORDER.index(s.screen[j]))
        for s in screened
        for j in wanted
        if j in s.ofsted and j in s.screen
    ]
    confusion = {o: dict.fromkeys(GRADE_ORDER, 0) for o in GRADE_ORDER}
    for truth, screen in pairs:
        confusion[GRADE_ORDER[truth]][GRADE_ORDER[screen]] += 1
    n = len(pairs)
    inadequate = sum(1 for t, _ in pairs if t == 0)
    return Agreement(
        judgement or "all",
        n,
        spearman([t for t, _ in pairs], [s for _, s in pairs]),
        weighted_kappa(pairs, len(GRADE_ORDER)),
        sum(1 for t, s in pairs if t == s) / n if n else None,
        sum(1 for t, s in pairs if abs(t - s) <= 1) / n if n else None,
        confusion,
        inadequate,
        sum(1 for t, s in pairs if t == 0 and s == 0),
        sum(1 for t, s in pairs if t != 0 and s == 0),
    )


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties given the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rank correlation (Pearson's correlation of the ranks, ties averaged); None when either
    side does not vary or there are fewer than three pairs."""
    if len(x) != len(y) or len(x) < 3:
        return None
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def weighted_kappa(pairs: Sequence[tuple[int, int]], k: int) -> float | None:
    """Cohen's kappa with quadratic weights for ``pairs`` of categories 0..k-1 (rater one, rater two); None
    when it is undefined (no pairs, or agreement expected by chance is complete)."""
    n = len(pairs)
    if not n:
        return None
    observed = Counter(pairs)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    weight = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    seen = sum(weight[i][j] * observed[(i, j)] for i in range(k) for j in range(k)) / n
    chance = sum(weight[i][j] * first[i] * second[j] for i in range(k) for j in range(k)) / (n * n)
    if chance == 0:
        return None
    return 1 - seen / chance


def calibration_table(result: Backtest) -> dict[str, Any]:
    """What the calibration file of a rulebook holds: for each judgement and each grade the screen gave, how
    Ofsted judged those councils; with the agreement it measured and what it was measured on."""
    first = min((s.inspection.on_site for s in result.screened), default=None)
    last = max((s.inspection.on_site for s in result.screened), default=None)
    table: dict[str, Any] = {}
    for judgement in JUDGEMENTS:
        found = result.agreement(judgement)
        if not found.pairs:
            continue
        by_screen = {
            grade: {truth: found.confusion[truth][grade] for truth in GRADE_ORDER}
            for grade in GRADE_ORDER
            if any(found.confusion[truth][grade] for truth in GRADE_ORDER)
        }
        table[judgement] = {
            "pairs": found.pairs,
            "spearman": _round(found.spearman),
            "exact": _round(found.exact),
            "within_one": _round(found.within_one),
            "screened": by_screen,
        }
    return {
        "rulebook": result.rulebook,
        "inspections": result.history,
        "screened": len(result.screened),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "judgements": table,
    }
