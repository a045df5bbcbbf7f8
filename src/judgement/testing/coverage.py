"""Rule coverage over fixtures: which rules fired, and whether both sides of every comparison were seen.

A rule is covered when it fired in at least one fixture (a default rule: when it was chosen, since it
fires whenever its area's evidence is present). A comparison's two sides are covered when some fixture
made it true and some fixture made it false (a comparison on missing evidence counts for neither).
"""

from __future__ import annotations

from collections.abc import Sequence

from judgement._attrs import frozen
from judgement.judging.facts import judged_fact
from judgement.judging.results import Judgement
from judgement.judging.trace import RuleOutcome
from judgement.lang.evaluate import evaluate
from judgement.lang.normal import tests as tests_of
from judgement.model import Rulebook

__all__ = ["CoverageReport", "RuleCoverage", "SideCoverage", "coverage", "render_coverage"]


@frozen
class RuleCoverage:
    area: str
    rule: str
    grade: str
    default: bool
    cases: tuple[str, ...]  # fixtures in which it fired (a default rule: was chosen)
    at: str

    @property
    def covered(self) -> bool:
        return bool(self.cases)


@frozen
class SideCoverage:
    rule: str
    test: str
    true_in: tuple[str, ...]
    false_in: tuple[str, ...]
    at: str

    @property
    def sides(self) -> int:
        return bool(self.true_in) + bool(self.false_in)


@frozen
class CoverageReport:
    rulebook: str
    version: str
    cases: int
    rules: tuple[RuleCoverage, ...]
    comparisons: tuple[SideCoverage, ...]

    @property
    def rule_percent(self) -> float:
        return 100.0 * sum(r.covered for r in self.rules) / max(1, len(self.rules))

    @property
    def side_percent(self) -> float:
        return 100.0 * sum(c.sides for c in self.comparisons) / max(1, 2 * len(self.comparisons))

    @property
    def percent(self) -> float:
        """Rules covered and comparison sides covered, over all rules and sides."""
        done = sum(r.covered for r in self.rules) + sum(c.sides for c in self.comparisons)
        return 100.0 * done / max(1, len(self.rules) + 2 * len(self.comparisons))

    def to_dict(self) -> dict[str, object]:
        return {
            "rulebook": self.rulebook,
            "version": self.version,
            "cases": self.cases,
            "percent": round(self.percent, 2),
            "rule_percent": round(self.rule_percent, 2),
            "side_percent": round(self.side_percent, 2),
            "rules_never_fired": [r.rule for r in self.rules if not r.covered],
            "comparisons_one_sided": [
                {
                    "rule": c.rule,
                    "test": c.test,
                    "at": c.at,
                    "seen": "true" if c.true_in else "false" if c.false_in else "never",
                }
                for c in self.comparisons
                if c.sides < 2
            ],
        }


def coverage(rulebook: Rulebook, judgements: Sequence[Judgement]) -> CoverageReport:
    """Coverage of ``rulebook`` by the judgements made under it (others are ignored)."""
    mine = [j for j in judgements if j.rulebook.id == rulebook.id and j.rulebook.digest == rulebook.digest]
    rules: list[RuleCoverage] = []
    sides: list[SideCoverage] = []
    facts = [(j.case.id, judged_fact(rulebook, j.case, {a.area: a.grade for a in j})) for j in mine]
    for area in rulebook.areas:
        for index, rule in enumerate(area.rules):
            hits: list[str] = []
            for j in mine:
                step = j.areas[area.id].trace.rules[index]
                if step.chosen if rule.default else step.outcome is RuleOutcome.FIRED:
                    hits.append(j.case.id)
            at = str(rule.location) if rule.location else ""
            rules.append(RuleCoverage(area.id, rule.id, rule.grade.value, rule.default, tuple(hits), at))
            if rule.normal is None:
                continue
            tests = list(tests_of(rule.normal))
            seen: list[tuple[list[str], list[str]]] = [([], []) for _ in tests]
            for case_id, values in facts:
                for k, result in enumerate(evaluate(rule.normal, values).tests):
                    if result.outcome is not None:
                        seen[k][0 if result.outcome else 1].append(case_id)
            for test, (true_in, false_in) in zip(tests, seen, strict=True):
                # a comparison of several areas' grades is several comparisons of one grade each: name each
                own = f"{test.field.text} {test.op} {test.rhs_text}" if test.field.grade else test.source
                sides.append(SideCoverage(rule.id, own, tuple(true_in), tuple(false_in), test.at))
    return CoverageReport(rulebook.id, rulebook.version, len(mine), tuple(rules), tuple(sides))


def render_coverage(report: CoverageReport) -> str:
    lines = [
        f"coverage of {report.rulebook} {report.version} by {report.cases} fixture cases: {report.percent:.1f}% "
        f"(rules {report.rule_percent:.1f}%, comparison sides {report.side_percent:.1f}%)"
    ]
    never = [r for r in report.rules if not r.covered]
    if never:
        lines.append("rules never fired:" if any(not r.default for r in never) else "default rules never chosen:")
        lines.extend(f"  {r.at}: {r.rule} [{r.grade}]{' (default, never chosen)' if r.default else ''}" for r in never)
    one_sided = [c for c in report.comparisons if c.sides < 2]
    if one_sided:
        lines.append("comparisons not exercised on both sides:")
        for c in one_sided:
            seen = "only true" if c.true_in else "only false" if c.false_in else "never evaluated"
            lines.append(f"  {c.at}: {c.rule}: {c.test} ({seen})")
    return "\n".join(lines) + "\n"
