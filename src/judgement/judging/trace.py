"""The reasoning trace: frozen steps that say what evidence was used, how every rule came out, and how
the hit policy chose the grade. Outcomes and statuses are enums; ``to_dict`` gives JSON data, and
renderers (:mod:`judgement.renderers`) turn the trace into text."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from judgement._attrs import frozen
from judgement._frozen import freeze
from judgement.judging.status import AreaStatus, RuleOutcome
from judgement.model import Grade, Policy

__all__ = [
    "AreaStatus",
    "AreaTrace",
    "Borderline",
    "Comparison",
    "EvidenceFields",
    "EvidenceUse",
    "GradeUse",
    "PolicyStep",
    "RuleOutcome",
    "RuleStep",
    "TraceParts",
    "comparison_data",
    "evidence_data",
    "plain",
    "policy_data",
    "step_data",
]


def plain(value: Any) -> Any:
    """Trace values as JSON data: attrs classes to dicts, enums to their values, tuples to lists."""
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


@frozen
class EvidenceUse:
    """A measure an area reads, as the case gave it (``missing`` when it did not)."""

    measure: str
    title: str
    unit: str
    better: str
    value: float | int | bool | str | None  # a level as its word
    england: float | int | None = None
    neighbours: float | int | None = None
    region: float | int | None = None
    three_years_ago: float | int | None = None
    n: int | None = None
    source: str | None = None
    period: str | None = None
    illustrative: bool = False
    required: bool = False
    missing: bool = False
    count: int | None = None  # a count out of a sample of n; value is then the percentage

    def to_dict(self) -> dict[str, Any]:
        return evidence_data(
            self.measure, self.title, self.unit, self.better, self.value, self.england, self.neighbours,
            self.region, self.three_years_ago, self.n, self.source, self.period, self.illustrative,
            self.required, self.missing, self.count,
        )  # fmt: skip


#: :class:`EvidenceUse`'s fields, in order.
EvidenceFields = tuple[
    str, str, str, str, float | int | bool | str | None, float | int | None, float | int | None,
    float | int | None, float | int | None, int | None, str | None, str | None, bool, bool, bool, int | None,
]  # fmt: skip


def evidence_data(
    measure: str,
    title: str,
    unit: str,
    better: str,
    value: float | int | bool | str | None,
    england: float | int | None,
    neighbours: float | int | None,
    region: float | int | None,
    three_years_ago: float | int | None,
    n: int | None,
    source: str | None,
    period: str | None,
    illustrative: bool,
    required: bool,
    missing: bool,
    count: int | None,
) -> dict[str, Any]:
    """An :class:`EvidenceUse` as data: :meth:`EvidenceUse.to_dict`, and a trace written without its
    objects (:meth:`AreaTrace.later`)."""
    return {
        "measure": measure, "title": title, "unit": unit, "better": better, "value": value,
        "england": england, "neighbours": neighbours, "region": region, "three_years_ago": three_years_ago,
        "n": n, "source": source, "period": period, "illustrative": illustrative, "required": required,
        "missing": missing, "count": count,
    }  # fmt: skip


@frozen
class Comparison:
    """One comparison of a rule's condition, evaluated: ``actual op required``."""

    test: str  # the comparison as written in the rule
    left: str  # the value compared (a measure, comparator or parameter)
    op: str
    right: str  # what it is compared with, in normal form (re-parses to the same expression)
    actual: float | int | None
    required: float | int | None
    margin: float | int | None  # actual - required
    holds: bool | None  # None when evidence is missing
    missing: tuple[str, ...] = ()
    at: str = ""  # file:line:column of the comparison
    #: For grades (and ordinal levels): the words of the scale, worst first; ``actual`` and ``required``
    #: are then ranks on it, shown as ``words[actual]``.
    words: tuple[str, ...] = ()
    #: For a significance test: the rate's z-score against its comparator (``required`` is the control
    #: limit it must pass, rounded).
    z: float | None = None

    def word(self, rank: float | int | None) -> str | None:
        """A rank on :attr:`words` as its word (None when the comparison is not of words)."""
        if not self.words or rank is None or rank != int(rank) or not 0 <= rank < len(self.words):
            return None
        return self.words[int(rank)]

    def to_dict(self) -> dict[str, Any]:
        return comparison_data(
            self.test, self.left, self.op, self.right, self.actual, self.required, self.margin, self.holds,
            self.missing, self.at, self.words, self.z,
        )  # fmt: skip


def comparison_data(
    test: str,
    left: str,
    op: str,
    right: str,
    actual: float | int | None,
    required: float | int | None,
    margin: float | int | None,
    holds: bool | None,
    missing: tuple[str, ...],
    at: str,
    words: tuple[str, ...],
    z: float | None,
) -> dict[str, Any]:
    """A :class:`Comparison` as data: :meth:`Comparison.to_dict`, and a trace written without its objects
    (:meth:`AreaTrace.later`)."""
    return {
        "test": test, "left": left, "op": op, "right": right, "actual": actual, "required": required,
        "margin": margin, "holds": holds, "missing": list(missing), "at": at, "words": list(words), "z": z,
    }  # fmt: skip


@frozen
class GradeUse:
    """Another area's grade that a derived judgement read."""

    area: str
    title: str
    grade: Grade
    status: AreaStatus

    def to_dict(self) -> dict[str, Any]:
        return {"area": self.area, "title": self.title, "grade": self.grade.id, "status": self.status._value_}


@frozen
class RuleStep:
    """How one rule came out for this case."""

    rule: str
    grade: Grade
    when: str
    outcome: RuleOutcome
    chosen: bool
    #: Every value it read (another area's grade as its id).
    values: Mapping[str, float | int | str] = attrs.field(factory=dict, converter=freeze)
    comparisons: tuple[Comparison, ...] = ()  # what made it fire, or what stopped it
    missing: tuple[str, ...] = ()
    at: str = ""
    effective: str = ""  # the rule's effective dates ("from 2024-04-01"), "" when always in force
    limit: bool = False  # a limit: when it fires the grade can be no better than ``grade``
    #: For a rule whose condition has alternatives (``or`` parts), the ones that held when it fired.
    alternatives: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return step_data(
            self.rule, self.grade, self.when, self.outcome, self.chosen, dict(self.values),
            [c.to_dict() for c in self.comparisons], self.missing, self.at, self.effective, self.limit,
            self.alternatives,
        )  # fmt: skip


def step_data(
    rule: str,
    grade: Grade,
    when: str,
    outcome: RuleOutcome,
    chosen: bool,
    values: dict[str, float | int | str],
    comparisons: list[dict[str, Any]],
    missing: tuple[str, ...],
    at: str,
    effective: str,
    limit: bool,
    alternatives: tuple[str, ...],
) -> dict[str, Any]:
    """A :class:`RuleStep` as data (its values and comparisons already data): :meth:`RuleStep.to_dict`,
    and a trace written without its objects (:meth:`AreaTrace.later`)."""
    return {
        "rule": rule, "grade": grade.value, "when": when, "outcome": outcome._value_, "chosen": chosen,
        "values": values, "comparisons": comparisons, "missing": list(missing), "at": at, "effective": effective,
        "limit": limit, "alternatives": list(alternatives),
    }  # fmt: skip


@frozen
class PolicyStep:
    """The hit policy's step from the rules that fired to the grade."""

    policy: Policy
    fired: tuple[str, ...]
    chosen: tuple[str, ...]
    grade: Grade
    status: AreaStatus
    note: str

    def to_dict(self) -> dict[str, Any]:
        return policy_data(self.policy, self.fired, self.chosen, self.grade, self.status, self.note)


def policy_data(
    policy: Policy, fired: tuple[str, ...], chosen: tuple[str, ...], grade: Grade, status: AreaStatus, note: str
) -> dict[str, Any]:
    """A :class:`PolicyStep` as data: :meth:`PolicyStep.to_dict`, and a trace written without its objects
    (:meth:`AreaTrace.later`)."""
    return {
        "policy": policy._value_, "fired": list(fired), "chosen": list(chosen), "grade": grade.value,
        "status": status._value_, "note": note,
    }  # fmt: skip


@frozen
class Borderline:
    """A deciding comparison whose threshold lies inside the 95% interval of a sampled percentage."""

    measure: str
    value: float | int
    n: int
    low: float  # Wilson 95% interval, percent
    high: float
    rule: str
    test: str
    required: float | int
    margin: float | int
    at: str


#: An area trace's parts, in the order :class:`AreaTrace` takes them.
TraceParts = tuple[
    tuple[EvidenceUse, ...], tuple[RuleStep, ...], PolicyStep, tuple[Borderline, ...], tuple[GradeUse, ...]
]


class AreaTrace:
    """Everything that went into one area's grade: the evidence read, every rule's outcome with its
    comparisons and margins, the policy step, the borderline comparisons and the grades it read.

    A frozen value. One made by a judge is built when first read: judging keeps what the trace is made
    of (the case's fact and every rule's outcome, from the one evaluation the engine's firings were
    checked against), and the steps are made from it, by the reference evaluator, on first use. Two
    traces are equal when their parts are; pickling builds them."""

    __slots__ = ("__weakref__", "_data", "_later", "_parts")

    _parts: TraceParts | None
    _later: Callable[[], TraceParts] | None
    _data: Callable[[], dict[str, Any]] | None

    def __init__(
        self,
        evidence: tuple[EvidenceUse, ...],
        rules: tuple[RuleStep, ...],
        policy: PolicyStep,
        borderline: tuple[Borderline, ...] = (),
        grades: tuple[GradeUse, ...] = (),
    ) -> None:
        object.__setattr__(self, "_parts", (tuple(evidence), tuple(rules), policy, tuple(borderline), tuple(grades)))
        object.__setattr__(self, "_later", None)
        object.__setattr__(self, "_data", None)

    @classmethod
    def later(cls, build: Callable[[], TraceParts], data: Callable[[], dict[str, Any]] | None = None) -> AreaTrace:
        """A trace whose parts ``build`` makes when first read (at most once kept; ``build`` must give
        the same parts every time, as a judge's does). ``data``, when given, writes the trace as
        :meth:`to_dict` gives it without making its parts: a trace asked for as data alone is then
        written straight from what it is made of."""
        made = cls.__new__(cls)
        object.__setattr__(made, "_parts", None)
        object.__setattr__(made, "_later", build)
        object.__setattr__(made, "_data", data)
        return made

    def _built(self) -> TraceParts:
        parts = self._parts
        if parts is None:
            later = self._later
            assert later is not None
            parts = later()
            object.__setattr__(self, "_parts", parts)  # one assignment: a reader sees all parts or none
            object.__setattr__(self, "_later", None)
        return parts

    @property
    def evidence(self) -> tuple[EvidenceUse, ...]:
        return self._built()[0]

    @property
    def rules(self) -> tuple[RuleStep, ...]:
        return self._built()[1]

    @property
    def policy(self) -> PolicyStep:
        return self._built()[2]

    @property
    def borderline(self) -> tuple[Borderline, ...]:
        return self._built()[3]

    @property
    def grades(self) -> tuple[GradeUse, ...]:
        """The grades of other areas it read (a derived judgement), in the order its rules read them."""
        return self._built()[4]

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, AreaTrace)
        return self._built() == other._built()

    def __hash__(self) -> int:
        return hash(self._built())

    def __repr__(self) -> str:
        evidence, rules, policy, borderline, grades = self._built()
        return (
            f"AreaTrace(evidence={evidence!r}, rules={rules!r}, policy={policy!r}, borderline={borderline!r}, "
            f"grades={grades!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (AreaTrace, self._built())

    def to_dict(self) -> dict[str, Any]:
        if self._parts is None and self._data is not None:
            return self._data()
        return {
            "evidence": [e.to_dict() for e in self.evidence],
            "grades": [g.to_dict() for g in self.grades],
            "rules": [r.to_dict() for r in self.rules],
            "policy": self.policy.to_dict(),
            "borderline": [plain(b) for b in self.borderline],
        }
