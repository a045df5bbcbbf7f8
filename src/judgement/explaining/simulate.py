"""How likely each grade is, when evidence comes from a sample.

A percentage from an audit of 30 files is one sample's answer; another 30 files could have given another
figure, and another grade. For every piece of evidence with a sample size (a percentage or a rate with
``n``, a count out of a sample, or a count with ``n``), the rate the sample estimates is drawn from its
posterior under the Jeffreys prior, Beta(x + 1/2, n - x + 1/2), where x of n is what the sample saw. The
evidence is then the drawn rate in its own unit: the percentage 100θ, the rate per 10,000 10,000θ, the
count nθ (the count the rate gives a sample of that size). Each draw is judged through the engine, as a
case is (an area that reads no drawn evidence, nor the grade of an area that does, keeps the grade the
engine gave the case as given, and the others' rules alone fire, see
:meth:`~judgement.judging.judge.Judge.steady`), and the grades are counted: the probability of each
grade of each area, with its Monte Carlo standard error sqrt(p(1 - p) / draws). Evidence without a
sample size is taken as exact.

The Jeffreys prior is the usual reference prior for a binomial proportion (Jeffreys, *Theory of
Probability*, 1961; Brown, Cai and DasGupta, "Interval estimation for a binomial proportion",
*Statistical Science* 16, 2001): it adds half a success and half a failure, so 0 of 30 still leaves a
small chance of a non-zero rate. A posterior whose parameters both exceed 1 (a sample that saw at least
one of each) is drawn by Cheng's rejection method BB (R. C. H. Cheng, "Generating beta variates with
nonintegral shape parameters", *Communications of the ACM* 21, 1978), which takes two uniform numbers, a
logarithm and an exponential for most draws, where ``random.betavariate`` takes two gamma variates;
any other by ``random.betavariate``. Every uniform number comes from Python's own generator, seeded, so
the same seed gives the same numbers wherever the same version of Python runs.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Iterator
from fractions import Fraction

from judgement._attrs import frozen
from judgement._frozen import FrozenMap
from judgement.check.against import check_case
from judgement.errors import Problem, UsageError
from judgement.judging.facts import case_fact
from judgement.judging.judge import judge_for
from judgement.judging.run import MAX_DRAWS
from judgement.lang.normal import field_name
from judgement.model import NOT_JUDGED, Case, Rulebook, Unit

__all__ = ["MAX_DRAWS", "AreaChances", "Sampled", "Simulation", "beta_sampler", "sampled_evidence", "simulate"]

#: The prior's pseudo-counts of successes and failures (Jeffreys: Beta(1/2, 1/2)).
PRIOR = 0.5


@frozen
class Sampled:
    """A piece of evidence drawn in each simulation: ``x`` of ``n`` seen, and the unit's scale."""

    measure: str
    x: float  # what the sample saw, as a count (a percentage of n turned back into one)
    n: int
    scale: float  # the value is scale * rate: 100 for a percentage, 10,000 per 10,000, n for a count
    counted: bool = False  # a count out of a sample: its count is drawn too (n * rate)

    @property
    def seen(self) -> str:
        """What the sample saw, as the evidence gave it: "7 of 23", or "88% of 30"."""
        if self.counted or self.scale == self.n:
            return f"{self.x:g} of {self.n}"
        unit = "%" if self.scale == 100 else " per 10,000"
        return f"{self.scale * self.x / self.n:.4g}{unit} of {self.n}"

    @property
    def posterior(self) -> tuple[float, float]:
        """The Beta posterior's two parameters."""
        return self.x + PRIOR, self.n - self.x + PRIOR


@frozen
class AreaChances:
    """One area's grades over the draws: each grade's probability and Monte Carlo standard error, in
    the order of its scale (worst first), with the grade the evidence as given receives."""

    area: str
    title: str
    point: str
    probabilities: FrozenMap[str, float]
    errors: FrozenMap[str, float]

    @property
    def most_likely(self) -> str:
        return max(self.probabilities, key=lambda g: self.probabilities[g])

    def to_dict(self) -> dict[str, object]:
        return {
            "area": self.area,
            "point": self.point,
            "probabilities": dict(self.probabilities),
            "errors": {g: round(e, 6) for g, e in self.errors.items()},
        }


@frozen
class Simulation:
    """The probability of each grade of every area of a case, from ``draws`` draws (``seed``: ``None`` for
    draws seeded afresh from the system)."""

    case: str
    draws: int
    seed: int | None
    sampled: tuple[Sampled, ...]
    areas: FrozenMap[str, AreaChances]

    def __iter__(self) -> Iterator[AreaChances]:
        return iter(self.areas.values())

    def to_dict(self) -> dict[str, object]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "prior": "Jeffreys, Beta(1/2, 1/2)",
            "sampled": [m.measure for m in self.sampled],
            "areas": [a.to_dict() for a in self],
        }


def sampled_evidence(rulebook: Rulebook, case: Case) -> tuple[Sampled, ...]:
    """The evidence of ``case`` that carries a sample size, as the draws will vary it."""
    out = []
    for mid, item in case.evidence.items():
        measure = rulebook.measures[mid]
        if item.n is None or item.n < 1 or isinstance(item.value, bool | str):
            continue
        n = int(item.n)
        if item.count is not None:
            out.append(Sampled(mid, float(item.count), n, 100.0, counted=True))
        elif measure.unit is Unit.PERCENT:
            out.append(Sampled(mid, min(float(item.value) * n / 100, n), n, 100.0))
        elif measure.unit is Unit.RATE_PER_10K:
            out.append(Sampled(mid, min(float(item.value) * n / 10_000, n), n, 10_000.0))
        elif measure.unit is Unit.COUNT and item.value <= n:
            out.append(Sampled(mid, float(item.value), n, float(n)))
    return tuple(sorted(out, key=lambda s: s.measure))  # drawn in one order, whatever the case's order


#: ln 4, and 1 + ln 5: the constants of Cheng's method BB.
_LOG_4 = math.log(4.0)
_SQUEEZE = 1.0 + math.log(5.0)


def beta_sampler(alpha: float, beta: float, rng: random.Random) -> Callable[[], float]:
    """A function that draws from Beta(``alpha``, ``beta``) with ``rng``'s uniform numbers: Cheng's method
    BB when both parameters exceed 1, ``rng.betavariate`` otherwise.

    BB proposes w / (beta + w) with w = alpha * exp(v) and v = scale * ln(u1 / (1 - u1)), and accepts it
    when ``r + (alpha + beta) * ln((alpha + beta) / (beta + w)) >= ln(u1 * u1 * u2)``, r being
    ``shift * v - ln 4``. Two cheaper tests accept most proposals before that logarithm is taken: each
    is implied by the exact test (``ln x >= 1 - 1 / x`` bounds its left side from below by
    ``s = alpha + r - w``, and ``ln z <= 5z - 1 - ln 5``), so they change the speed, never the
    distribution."""
    if alpha <= 1 or beta <= 1:
        return functools.partial(rng.betavariate, alpha, beta)
    total = alpha + beta
    scale = math.sqrt((total - 2) / (2 * alpha * beta - total))
    shift = alpha + 1 / scale
    uniform, log, exp = rng.random, math.log, math.exp

    def draw() -> float:
        while True:
            u1 = uniform()
            u2 = uniform()
            if u1 == 0.0 or u2 == 0.0:  # random() may give 0, where a logarithm is undefined (2^-53 odds)
                continue
            v = scale * log(u1 / (1.0 - u1))
            w = alpha * exp(v)  # |v| <= 37 * scale and scale < 1: never overflows
            z = u1 * u1 * u2
            r = shift * v - _LOG_4
            s = alpha + r - w
            if s + _SQUEEZE >= 5.0 * z:
                break
            t = log(z)
            if s > t or r + total * log(total / (beta + w)) >= t:
                break
        return w / (beta + w)

    return draw


#: How many draws between two calls of a simulation's ``progress``.
PROGRESS_EVERY = 500


def simulate(
    rulebook: Rulebook,
    case: Case,
    *,
    draws: int = 10_000,
    seed: int | None = 0,
    progress: Callable[[int], None] | None = None,
) -> Simulation:
    """The probability of each grade of every area of ``case`` (see the module's description): ``draws``
    draws (a whole number from 1 to 1,000,000), seeded with ``seed`` (a whole number: the same seed gives
    the same numbers; ``None`` for draws seeded afresh from the system, different every time). Raises
    :class:`~judgement.errors.CaseError` for a case that does not fit the rulebook, and
    :class:`~judgement.errors.UsageError` for draws or a seed that are not such numbers. ``progress``, if
    given, is called with the number of draws made since its last call, every :data:`PROGRESS_EVERY` draws
    and at the end (a command line shows a bar with it)."""
    if type(draws) is not int or not 1 <= draws <= MAX_DRAWS:
        raise UsageError(
            Problem(f"draws must be a whole number from 1 to {MAX_DRAWS:,}, not {draws!r}", code="usage.bad-argument")
        )
    if seed is not None and type(seed) is not int:
        raise UsageError(
            Problem(f"seed must be a whole number, or None for unseeded draws, not {seed!r}", code="usage.bad-argument")
        )
    check_case(rulebook, case)
    judge = judge_for(rulebook)
    base = case_fact(rulebook, case)
    point, _, _ = judge.run(case, base)
    varied = sampled_evidence(rulebook, case)
    steady = judge.steady(case, base, [s.measure for s in varied])
    counts: list[dict[str, int]] = [{} for _ in rulebook.areas]
    rng = random.Random(seed)
    values: dict[str, float | int | Fraction] = dict(base)
    # each sampled measure: its field, its posterior's sampler, its scale, and its count's field and sample size
    plan = [
        (
            s.measure,
            beta_sampler(*s.posterior, rng),
            s.scale,
            field_name(s.measure, "count") if s.counted else None,
            s.n,
        )
        for s in varied
    ]
    for made in range(1, 1 + (draws if varied else 1)):
        if progress is not None and made % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
        for measure, sample, scale, count, n in plan:
            rate = sample()
            values[measure] = scale * rate
            if count is not None:
                values[count] = n * rate
        decisions, _, _ = judge.run(case, values, steady)
        for tally, decision in zip(counts, decisions, strict=True):
            tally[decision.grade.id] = tally.get(decision.grade.id, 0) + 1
    total = draws if varied else 1
    if progress is not None and total % PROGRESS_EVERY:
        progress(total % PROGRESS_EVERY)
    areas = {}
    for area, tally, given in zip(rulebook.areas, counts, point, strict=True):
        order = [g.id for g in rulebook.scale_of(area).grades] + [NOT_JUDGED.id]
        shares = {g: tally.get(g, 0) / total for g in order if g in tally or g != NOT_JUDGED.id}
        areas[area.id] = AreaChances(
            area.id,
            area.title,
            given.grade.id,
            FrozenMap(shares),
            FrozenMap({g: math.sqrt(p * (1 - p) / draws) for g, p in shares.items()}),
        )
    return Simulation(case.id, draws, seed, varied, FrozenMap(areas))
