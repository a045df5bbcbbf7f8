"""Cases: documents (case files, spreadsheet rows, mappings built in Python) to a frozen
:class:`~judgement.model.Case`, with every problem in its structure and value types found at once.
Whether the evidence fits a rulebook is :mod:`judgement.check.against`'s job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs

from judgement._numbers import as_real
from judgement._text import text_problem
from judgement.check._checker import ID, MAX_NAME, RESERVED, RULE_ID, Checker, DocPath, kind, number_problem
from judgement.errors import CODES, CaseError, JudgementError, Problem, suggest
from judgement.lang.ast import ATTRIBUTES, COMPARATORS
from judgement.model import NOT_JUDGED, Case, Evidence, Expectation, ExpectedError, PlainEvidence
from judgement.read.documents import Document, load_document, parse_document
from judgement.read.folders import display
from judgement.source import Location

if TYPE_CHECKING:
    from judgement.read.spreadsheet import RawRow

__all__ = [
    "MAX_EVIDENCE",
    "CaseSource",
    "case_from_document",
    "case_from_row",
    "case_from_values",
    "expected_error",
    "load_case",
]

#: Most evidence items in one case.
MAX_EVIDENCE = 500

#: What :func:`load_case` reads: a file (a path, or text naming one), YAML or JSON text, or a mapping.
CaseSource = str | Path | Mapping[str, Any]

_CASE_KEYS = (
    "case",
    "authority",
    "authority_code",
    "authority_number",
    "inspected",
    "rulebook",
    "evidence",
    "expect",
    "expect_error",
    "notes",
)
_EXPECT_KEYS = ("grade", "fired", "not_fired", "reason")
_EVIDENCE_KEYS = ("value", *ATTRIBUTES, "of", "source", "period", "note", "illustrative")


def load_case(source: CaseSource, *, name: str | None = None) -> Case:
    """Read and check a case: a file (YAML or JSON), YAML or JSON text (text with a line break, or
    starting with ``{``), or a mapping built in Python (numbers may be any real type: NumPy's, ``Decimal``,
    ``Fraction``). ``name`` labels text and mappings in messages (default ``<string>`` and ``<dict>``).
    Raises :class:`~judgement.errors.CaseError` listing every problem."""
    if isinstance(source, Mapping):
        return case_from_document(Document(name or "<dict>", dict(source), {}, {}))
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return case_from_document(parse_document(source, name or "<string>"))
    doc = load_document(source, name=display(source))
    return attrs.evolve(case_from_document(doc), path=Path(source))


def case_from_values(
    values: Mapping[str, object],
    *,
    rulebook: str,
    inspected: dt.date | str,
    case: str = "values",
    authority: str = "",
    name: str = "<values>",
) -> Case:
    """The quickest way to a case from values a program holds: ``values`` maps each measure to its value
    alone (a number, a bool for a yes/no measure, or a level's word), with no comparators, samples or
    sources (give those through :func:`load_case`). The case is the one :func:`load_case` makes of
    ``{"case": case, "authority": authority, "inspected": inspected, "rulebook": rulebook, "evidence":
    values}``, with every value checked and converted the same way; anything but plain ``int``,
    ``float``, ``bool`` and words goes through :func:`load_case` itself, so every message is its own,
    located in ``name``. Whether the evidence fits the rulebook is checked when the case is judged."""
    day = inspected if type(inspected) is dt.date else None
    if day is not None and len(values) <= MAX_EVIDENCE and _plain_id(case) and _plain_id(rulebook):
        evidence = _plain_evidence(values)
        if evidence is not None and isinstance(authority, str) and authority.strip() and not text_problem(authority):
            return Case(case, authority, day, rulebook, evidence)
    document = {"case": case, "authority": authority, "inspected": inspected, "rulebook": rulebook}
    return case_from_document(Document(name, {**document, "evidence": dict(values)}, {}, {}))


#: Ids already seen to be valid case or rulebook ids (a handful in any program; bounded all the same).
_PLAIN_IDS: set[str] = set()


def _plain_id(text: object) -> bool:
    if text in _PLAIN_IDS:
        return True
    if (
        not isinstance(text, str)
        or not RULE_ID.fullmatch(text)
        or "__" in text
        or text in RESERVED
        or len(text) > MAX_NAME
    ):
        return False
    if len(_PLAIN_IDS) < 1024:
        _PLAIN_IDS.add(text)
    return True


def _plain_evidence(values: Mapping[str, object]) -> PlainEvidence | None:
    """Evidence for values that plainly pass :func:`_evidence`'s checks, or None for anything else."""
    evidence: dict[str, float | int | bool | str] = {}
    for mid, given in values.items():
        value = cast("float | int | bool | str", given)  # what it is, tested next
        kind_of = value.__class__
        if kind_of is float or kind_of is int:
            if not -_LARGEST < value < _LARGEST:  # type: ignore[operator]  # and not NaN
                return None
        elif kind_of is not bool and (kind_of is not str or not ID.fullmatch(cast("str", value))):
            return None
        if mid not in _MEASURE_IDS and not _measure_id(mid):
            return None
        evidence[mid] = value
    return PlainEvidence(evidence)


#: Numbers must be below 2^53 (see :func:`~judgement.check._checker.number_problem`).
_LARGEST = 2**53
#: Measure ids already seen to be valid (bounded).
_MEASURE_IDS: set[str] = set()


def _measure_id(mid: object) -> bool:
    if not isinstance(mid, str) or not ID.fullmatch(mid) or "__" in mid:
        return False
    if len(_MEASURE_IDS) < 65_536:
        _MEASURE_IDS.add(mid)
    return True


def _expected_error(c: Checker, raw: object) -> ExpectedError | None:
    """``expect_error:``: a fragment of the message as text, or ``{code: CODE, message: FRAGMENT}`` (either
    or both), the code one of the stable problem codes."""
    path = ("expect_error",)
    if isinstance(raw, str):
        return ExpectedError(message=c.text(path, raw, "expect_error"))
    entry = c.mapping(path, raw, "expect_error")
    if entry is None:
        return None
    c.keys(path, entry, ("code", "message"), (), "expect_error")
    if "code" not in entry and "message" not in entry:
        c.problem(path, "expect_error names neither a code nor a message", "code: CODE, message: TEXT, or both",
                  code="data.missing-key")  # fmt: skip
        return None
    code = c.text((*path, "code"), entry["code"], "expect_error code") if "code" in entry else None
    if code and code not in CODES:
        c.problem(
            (*path, "code"),
            f"unknown problem code {code!r}",
            "a code from docs/errors.md, such as case.out-of-dates",
            suggest(code, CODES),
            code="data.unknown-choice",
        )
    message = c.text((*path, "message"), entry["message"], "expect_error message") if "message" in entry else None
    return ExpectedError(code or None, message or None)


def expected_error(doc: Document) -> ExpectedError | None:
    """What a fixture's ``expect_error:`` expects, read from the document alone (so that a case which does
    not load still says what error it expects); None when it states none, or states it wrongly (loading
    the case reports that)."""
    data = doc.data
    if not isinstance(data, dict) or data.get("expect_error") is None:
        return None
    problems: list[Problem] = []
    found = _expected_error(Checker(doc, problems), data["expect_error"])
    return None if problems else found


def _saved_judgement(data: object) -> bool:
    """Whether ``data`` is a judgement as ``judge --format json`` writes it (its case block, areas and
    reproducibility stamp)."""
    return isinstance(data, Mapping) and isinstance(data.get("case"), Mapping) and "stamp" in data and "areas" in data


def case_from_row(raw: RawRow) -> Case:
    """A spreadsheet row checked as a case (errors located by row and column)."""
    from judgement.read.spreadsheet import row_document  # noqa: PLC0415 - read only when a spreadsheet is

    doc = row_document(raw)
    if isinstance(doc, JudgementError):
        raise doc
    return case_from_document(doc)


def case_from_document(doc: Document) -> Case:
    """Check a parsed document (a case file, or a spreadsheet row with its cell positions) as a case."""
    if _saved_judgement(doc.data):  # a judgement saved as JSON: its case block is the case
        doc = doc.part("case")
    problems: list[Problem] = []
    c = Checker(doc, problems)
    data = c.mapping((), doc.data, "a case file") or {}
    looks_like = _rulebook_file_kind(data)
    if looks_like:
        raise CaseError(
            [
                Problem(
                    f"this is {looks_like}, not a case",
                    doc.loc(()),
                    expected="a case file (case, authority, inspected, rulebook, evidence)",
                    hint="judge a case such as fixtures/ucra-2010/staffordshire-2010.yaml; "
                    "check a rulebook with 'judgement check DIR'",
                    code="case.not-a-case",
                )
            ]
        )
    c.keys((), data, _CASE_KEYS, ("case", "authority", "inspected", "rulebook", "evidence"), "a case")
    case_id = c.ident(("case",), data.get("case"), "case id", RULE_ID) if "case" in data else ""
    authority = c.text(("authority",), data.get("authority"), "authority") if "authority" in data else ""
    inspected = c.date(("inspected",), data.get("inspected"), "inspected") if "inspected" in data else None
    rulebook = c.ident(("rulebook",), data.get("rulebook"), "rulebook id", RULE_ID) if "rulebook" in data else ""
    notes = c.text(("notes",), data.get("notes"), "notes", required=False)
    codes = {
        key: c.text((key,), str(data[key]), key)
        for key in ("authority_code", "authority_number")
        if data.get(key) is not None and not isinstance(data[key], bool | dict | list)
    }
    evidence: dict[str, Evidence] = {}
    raw_evidence = c.mapping(("evidence",), data.get("evidence", {}), "evidence") if "evidence" in data else {}
    if raw_evidence is not None and len(raw_evidence) > MAX_EVIDENCE:
        c.problem(
            ("evidence",),
            f"{len(raw_evidence)} evidence items",
            f"at most {MAX_EVIDENCE}",
            code="case.too-much-evidence",
        )
        raw_evidence = {}
    for mid, raw in (raw_evidence or {}).items():
        item = _evidence(c, ("evidence", mid), mid, raw)
        if item is not None:
            evidence[mid] = item
    expect: list[Expectation] = []
    raw_expect = c.mapping(("expect",), data["expect"], "expect") if data.get("expect") is not None else {}
    for area_id, raw in (raw_expect or {}).items():
        expectation = _expectation(c, ("expect", area_id), area_id, raw)
        if expectation is not None:
            expect.append(expectation)
    expect_error = _expected_error(c, data["expect_error"]) if data.get("expect_error") is not None else None
    if problems:
        raise CaseError(problems)
    assert inspected is not None
    locations: dict[str, Location] = {key: doc.loc((key,)) for key in ("rulebook", "inspected") if key in data}
    return Case(
        case_id,
        authority,
        inspected,
        rulebook,
        evidence,
        tuple(expect),
        notes,
        expect_error=expect_error,
        locations=locations,
        authority_code=codes.get("authority_code") or None,
        authority_number=codes.get("authority_number") or None,
    )


def _expectation(c: Checker, path: DocPath, area_id: str, raw: Any) -> Expectation | None:
    where = c.doc.loc(path, key=True)
    if not isinstance(raw, dict):
        grade = _grade_name(c, path, raw)
        return None if grade is None else Expectation(area_id, grade, location=where, grade_location=c.doc.loc(path))
    c.keys(path, raw, _EXPECT_KEYS, ("grade",), f"the expectation for {area_id!r}")
    grade = _grade_name(c, (*path, "grade"), raw.get("grade")) if "grade" in raw else None
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("fired", "not_fired"):
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            c.problem((*path, key), f"{key} must be a list of rule ids", "[rule.id, ...]", code="data.not-list")
            value = []
        lists[key] = tuple(value)
    reason = c.text((*path, "reason"), raw["reason"], "reason") if raw.get("reason") is not None else None
    if grade is None:
        return None
    at = c.doc.loc((*path, "grade"))
    return Expectation(area_id, grade, lists["fired"], lists["not_fired"], reason, where, at)


def _grade_name(c: Checker, path: DocPath, raw: Any) -> str | None:
    """An expected grade's id (checked against the area's scale when the case meets its rulebook)."""
    if not isinstance(raw, str) or not (raw == NOT_JUDGED.id or ID.fullmatch(raw)):
        c.problem(
            path, f"expected grade {raw!r} is not a grade id", "a grade id such as satisfactory", code="data.bad-name"
        )
        return None
    return raw


def _rulebook_file_kind(data: Mapping[str, Any]) -> str | None:
    """Name the rulebook file a document looks like, if it looks like one and not like a case."""
    if "case" in data or "evidence" in data:
        return None
    if ("grades" in data or "scales" in data) and "effective_from" in data:
        return "a rulebook manifest (rulebook.yaml)"
    if "measures" in data:
        return "a measure catalogue (measures.yaml)"
    if "area" in data and "rules" in data:
        return "an area file of a rulebook"
    return None


def _evidence(c: Checker, path: DocPath, mid: str, raw: Any) -> Evidence | None:
    if not isinstance(mid, str) or not ID.fullmatch(mid) or "__" in mid:
        c.problem(
            path,
            f"evidence name {mid!r} is not a valid measure id",
            "a measure id such as ia_in_timescale",
            key=True,
            code="case.bad-measure-name",
        )
        return None
    if not isinstance(raw, dict):
        raw = {"value": raw}
        value_path = path
    else:
        counted = "count" in raw or "of" in raw
        c.keys(path, raw, _EVIDENCE_KEYS, ("count", "of") if counted else ("value",), f"evidence {mid!r}")
        value_path = (*path, "value")
        if counted:
            return _counted(c, path, mid, raw)
    if "value" not in raw:
        return None
    ok = True
    value = as_real(raw["value"])
    if isinstance(value, str) and ID.fullmatch(value):
        pass  # a word: a level of an ordinal measure, checked against the measure's words later
    elif not isinstance(value, bool):  # yes/no values are checked against the measure's unit later
        problem = number_problem(value)
        if problem:
            hint = "write the number without quotes" if isinstance(value, str) and _looks_numeric(value) else None
            c.problem(
                value_path,
                f"{mid} {problem}",
                "a finite number (true/false for a yes/no measure, a word for a level)",
                hint,
                code="case.bad-value",
            )
            ok = False
    fields: dict[str, Any] = {}
    for key in ATTRIBUTES:
        if raw.get(key) is not None:
            given = as_real(raw[key])
            problem = number_problem(given)
            if problem:
                c.problem((*path, key), f"{mid}.{key} {problem}", "a finite number", code="case.bad-value")
                ok = False
            elif key == "n" and (not isinstance(given, int) or given < 1):
                c.problem(
                    (*path, key),
                    f"{mid}.n must be a whole number of at least 1, not {given}",
                    "a sample size such as 30",
                    code="case.bad-sample-size",
                )
                ok = False
            else:
                fields[key] = given
    for key in ("source", "period", "note"):
        if raw.get(key) is not None:
            if isinstance(raw[key], str | int | float) and not isinstance(raw[key], bool):
                fields[key] = c.safe((*path, key), str(raw[key]), f"{mid}.{key}")
            else:
                c.problem((*path, key), f"{mid}.{key} must be text, not {kind(raw[key])}", "text", code="data.not-text")
                ok = False
    illustrative = raw.get("illustrative", False)
    if not isinstance(illustrative, bool):
        c.problem((*path, "illustrative"), "illustrative must be true or false", "true or false", code="data.not-flag")
        ok = False
    if not ok:
        return None
    return Evidence(mid, value, illustrative=illustrative, location=c.doc.loc(value_path), **fields)


def _counted(c: Checker, path: DocPath, mid: str, raw: Mapping[str, Any]) -> Evidence | None:
    """``{count: 7, of: 23}``: a count out of a sample, which gives the percentage and ``n`` at once."""
    for key in ("value", "n"):
        if key in raw:
            c.problem(
                (*path, key),
                f"{mid} gives a count out of a sample, so its {'value' if key == 'value' else 'sample size'} follows",
                "count and of, without value or n",
                key=True,
                code="case.bad-count",
            )
            return None
    count, of = as_real(raw.get("count")), as_real(raw.get("of"))
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        c.problem(
            (*path, "count"),
            f"{mid}.count must be a whole number of at least 0, not {count!r}",
            "a count such as 7",
            code="case.bad-count",
        )
        return None
    if not isinstance(of, int) or isinstance(of, bool) or of < 1:
        c.problem(
            (*path, "of"),
            f"{mid}.of must be a whole number of at least 1, not {of!r}",
            "a sample size such as 23",
            code="case.bad-count",
        )
        return None
    if count > of:
        c.problem(
            (*path, "count"),
            f"{mid}: a count of {count} out of a sample of {of}",
            "a count no larger than the sample",
            code="case.bad-count",
        )
        return None
    extra = {
        k: c.safe((*path, k), str(raw[k]), f"{mid}.{k}") for k in ("source", "period", "note") if raw.get(k) is not None
    }
    for key in COMPARATORS:
        if raw.get(key) is not None:
            problem = number_problem(as_real(raw[key]))
            if problem:
                c.problem((*path, key), f"{mid}.{key} {problem}", "a finite number", code="case.bad-value")
                return None
            extra[key] = as_real(raw[key])
    illustrative = raw.get("illustrative", False)
    if not isinstance(illustrative, bool):
        c.problem((*path, "illustrative"), "illustrative must be true or false", "true or false", code="data.not-flag")
        return None
    return Evidence(
        mid, 100 * count / of, n=of, count=count, illustrative=illustrative, location=c.doc.loc(path, key=True), **extra
    )


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
