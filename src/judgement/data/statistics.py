"""Cases from DfE's official statistics, one per council and year.

Each indicator is a column of a DfE release (read by :mod:`judgement.read.dfe`): a council's figure, its
denominator as ``n`` where the release gives one, the England figure of the same year (the file's
National row), the figure of its region that year (the Regional row of the region the council's latest
row names), its own figure three years before (``three_years_ago``: its direction of travel, found by
its DfE number, so that a council whose ONS code changed keeps its history), and the mean of its ten
statistical neighbours' figures that year (DfE's April 2021 model for years to 2024, its 2025 model from
2025). A suppressed figure is no evidence, never zero. Years are
DfE's reporting years: 2024 is the year to 31 March 2024; a case for year Y is dated 31 March of Y and
reads the workforce census of 30 September Y - 1, the one taken inside its year (:attr:`Indicator.lag`).

Reorganised councils: a council appears only in the years it has figures (Northamptonshire to 2021,
North and West Northamptonshire from 2022; Cumbria to 2023, Cumberland and Westmorland and Furness from
2024; Bournemouth, Christchurch and Poole from 2020), so a case is made only where it has some, and a
neighbour with no figure that year is left out of the mean (which says how many it averages).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from judgement._attrs import define, frozen
from judgement._files import write_whole
from judgement._fmt import join_words
from judgement.data.inspections import (
    JUDGEMENTS,
    Inspection,
    find_history,
    history_from_text,
    previous,
    read_history,
)
from judgement.errors import InputError, Problem, UsageError, suggest
from judgement.read.dfe import StatRow, read_release
from judgement.read.sheets import csv_records, read_csv_text

__all__ = [
    "INDICATORS",
    "RULEBOOK",
    "SHIPPED",
    "Indicator",
    "Statistics",
    "build",
    "cases",
    "clear_statistics",
    "file_stem",
    "index",
    "load_statistics",
    "statistics",
]

_NO_ROW = object()

#: The rulebook the cases are made for.
RULEBOOK = "ilacs-2018"
#: The first year of the 2025 statistical-neighbour model.
MODEL_2025_FROM = 2025


@frozen
class Indicator:
    """One measure read from a release: where it is, and how its value and denominator are read."""

    measure: str
    release: str  # the start of the file's name (c1_, csww_, ...)
    value: Callable[[StatRow], tuple[float | int | None, int | None, Fraction | None]]
    source: str
    #: How many years before a case's reporting year the figure it uses was published for. The workforce
    #: census is taken on 30 September: the one inside the year to 31 March Y is that of Y - 1, and the
    #: census of Y (six months after the year ends, published the February after) is not yet known then.
    lag: int = 0
    #: The rows of the release the measure is read from, where a release has a row per breakdown
    #: (column, value) pairs: children looked after on 31 March, care leavers aged 19 to 21, ...
    where: tuple[tuple[str, str], ...] = ()
    #: Whether a folder of statistics must hold the release (the children-looked-after releases, which
    #: begin in 2021, may be absent from an older copy: their measures are then no evidence).
    required: bool = True
    #: Whether its rows need the children aged 0 to 17 (a rate per 10,000 the loader works out).
    per_child: bool = False

    @property
    def table(self) -> str:
        """The key of the rows this measure reads: the release, and the breakdown it keeps."""
        return self.release + "".join(f"|{column}={value}" for column, value in self.where)

    def keeps(self, row: StatRow) -> bool:
        return all(row.cells.get(column, "") == value for column, value in self.where)

    def year_of(self, year: int) -> int:
        """The release year of the figure a case for reporting ``year`` uses."""
        return year - self.lag

    def period(self, year: int) -> str:
        """The period the figure for a case of reporting ``year`` covers, as the case writes it."""
        return f"{year - 1}-09-30" if self.lag else f"{year - 1}-{year % 100:02d}"


def _column(
    value: str, n: str | None = None
) -> Callable[[StatRow], tuple[float | int | None, int | None, Fraction | None]]:
    def read(row: StatRow) -> tuple[float | int | None, int | None, Fraction | None]:
        figure = row.figure(value).value
        size = row.figure(n).value if n else None
        return figure, int(size) if isinstance(size, int | float) and size >= 1 else None, None

    return read


def _icpc_in_time(row: StatRow) -> tuple[float | int | None, int | None, Fraction | None]:
    """Conferences within 15 working days of the strategy discussion, as a count of all with a band."""
    bands = [
        row.figure(c).value
        for c in ("Duration_0-10_days", "Duration_11-15_days", "Duration_16-20_days", "Duration_21+_days")
    ]
    if any(b is None for b in bands):
        return None, None, None
    total = int(sum(b for b in bands if b is not None))
    if total < 1:
        return None, None, None
    in_time = int((bands[0] or 0) + (bands[1] or 0))
    return round(100 * in_time / total, 1), total, Fraction(in_time, 1)


def _per_10k(count_column: str) -> Callable[[StatRow], tuple[float | int | None, int | None, Fraction | None]]:
    """A count per 10,000 children aged 0 to 17 (the population column is joined in by the loader)."""

    def read(row: StatRow) -> tuple[float | int | None, int | None, Fraction | None]:
        count, population = row.figure(count_column).value, row.figure(POPULATION).value
        if count is None or not population:
            return None, None, None
        return round(10_000 * float(count) / float(population), 1), None, None

    return read


#: The column a release's rows get for the children aged 0 to 17 (ONS mid-year estimates, of the mid-year
#: before the end of the reporting year: the 2023 estimate for the year to March 2024).
POPULATION = "children_0_to_17"


INDICATORS = (
    Indicator(
        "rereferral_percent", "c1_", _column("rereferral_percent", "referral_count"), "DfE Children in need, table C1"
    ),
    Indicator(
        "repeat_cp_plan_percent",
        "d3_",
        _column("CPP_subsequent_percent", "CPP_start"),
        "DfE Children in need, table D3",
    ),
    Indicator(
        "cp_plan_2_years_percent",
        "d5_",
        _column("2_years_or_more_percent", "CPP_At31"),
        "DfE Children in need, table D5",
    ),
    Indicator("icpc_in_15_days_percent", "c4_", _icpc_in_time, "DfE Children in need, table C4"),
    Indicator(
        "section47_per_10k",
        "c4_",
        _per_10k("Section47"),
        "DfE Children in need, table C4, and ONS mid-year estimates",
        per_child=True,
    ),
    Indicator(
        "cin_per_10k",
        "b1_",
        _per_10k("At31_episodes"),
        "DfE Children in need, table B1, and ONS mid-year estimates",
        per_child=True,
    ),
    Indicator("turnover_percent", "csww_", _column("turnover_rate_fte"), "DfE Children's social work workforce", lag=1),
    Indicator("agency_percent", "csww_", _column("agency_rate_fte"), "DfE Children's social work workforce", lag=1),
    Indicator("vacancy_percent", "csww_", _column("vacancy_rate_fte"), "DfE Children's social work workforce", lag=1),
    Indicator("caseload", "csww_", _column("caseload_fte"), "DfE Children's social work workforce", lag=1),
    Indicator(
        "cla_per_10k",
        "cla_number_and_rate",
        _column("rate_per_10000"),
        "DfE Children looked after in England, children looked after on 31 March per 10,000 children",
        where=(("population_type", "Children looked after on 31 March each year"),),
        required=False,
    ),
    Indicator(
        "care_leavers_eet_percent",
        "la_care_leavers_activity",
        _column("care_leaver_percent"),
        "DfE Children looked after in England, care leavers aged 19 to 21 in education, employment or training",
        where=(("care_leaver_age", "19 to 21 years"), ("breakdown", "Total in education, employment or training")),
        required=False,
    ),
)


@define
class Statistics:
    """The releases of a folder, indexed by (release, year, council code)."""

    folder: Path
    rows: dict[tuple[str, int, str], StatRow]
    names: dict[str, str]  # ONS code -> council name (the latest)
    numbers: dict[str, str]  # ONS code -> DfE number
    by_number: dict[str, str]  # DfE number -> ONS code
    files: dict[str, str]  # release prefix -> file name
    neighbours_2021: dict[str, list[str]]  # DfE number -> neighbours' numbers
    neighbours_2025: dict[str, list[str]]
    numbered: dict[tuple[str, int, str], StatRow] = attrs.field(factory=dict)  # (release, year, DfE number)
    regions: dict[tuple[str, int, str], StatRow] = attrs.field(factory=dict)  # (release, year, region name)
    region_of: dict[str, str] = attrs.field(factory=dict)  # ONS code -> region name (the latest)
    history: tuple[Inspection, ...] = ()  # Ofsted's ILACS inspections, in file order
    history_file: str | None = None

    #: What :meth:`years` and :meth:`councils` found, by year (the rows are read once and not changed).
    _found: dict[object, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def years(self) -> list[int]:
        found = self._found.get("years")
        if found is None:
            found = self._found["years"] = sorted({year for _, year, _ in self.rows})
        return list(found)

    def published(self) -> list[int]:
        """The reporting years DfE's children in need figures are published for in these statistics (a case
        of a later year would hold only a workforce census)."""
        found = self._found.get("published")
        if found is None:
            table = INDICATORS[0].table
            found = self._found["published"] = sorted({y for t, y, code in self.rows if t == table and not code})
        return list(found)

    def councils(self, year: int | None = None) -> list[str]:
        """The councils with a figure a case for reporting ``year`` uses (every council, without a year)."""
        found = self._found.get(year)
        if found is None:
            if year is None:
                found = sorted({code for _, _, code in self.rows if code})
            else:
                at = {indicator.table: indicator.year_of(year) for indicator in INDICATORS}
                found = sorted({code for table, y, code in self.rows if code and at.get(table) == y})
                # a council whose code changed may have figures under both codes for the same years (DfE
                # republished North Yorkshire's and Somerset's under their 2023 codes): it is one council,
                # under the code its DfE number names now
                found = [
                    c for c in found if self.by_number.get(self.numbers.get(c, ""), c) == c or not self._twin(c, found)
                ]
            self._found[year] = found
        return list(found)

    def _twin(self, code: str, among: Sequence[str]) -> bool:
        """Whether another code in ``among`` has the same DfE number as ``code``."""
        number = self.numbers.get(code)
        return bool(number) and any(c != code and self.numbers.get(c) == number for c in among)

    def find(self, wanted: str) -> str:
        """A council's ONS code from its code, DfE number or name, written as people write it: without
        regard to case or punctuation, "&" for "and", with or without "City of" or "County of" (DfE's
        "Herefordshire, County of" is found as "Herefordshire"), or the name Ofsted's reports use."""
        text = wanted.strip()
        if text.upper() in self.names:
            return text.upper()
        if text in self.by_number:
            return self.by_number[text]
        key = name_key(text)
        for code, name in self.names.items():
            if name_key(name) == key:
                return code
        for inspection in self.history:
            if name_key(inspection.name) == key and inspection.code in self.names:
                return inspection.code
        raise UsageError(
            Problem(
                f"no council {wanted!r} in the statistics",
                expected="a council's name, its 9-character code (E10000028) or its DfE number (860)",
                hint=suggest(text, list(self.names.values())),
                code="usage.unknown-name",
            )
        )

    def case(self, code: str, year: int, on: dt.date | None = None) -> dict[str, Any] | None:
        """The case document for a council and reporting year, or None when it has no figure that year.

        The case is dated ``on``: by default 31 March of ``year``, the end of the year its figures
        describe; the back-test dates it at the first day of the inspection it screens. Its previous
        Ofsted judgements are those published on or before that date, never later."""
        evidence: dict[str, Any] = {}
        for indicator in INDICATORS:
            at = indicator.year_of(year)
            row = self.rows.get((indicator.table, at, code))
            if row is None:
                continue
            value, n, count = indicator.value(row)
            if value is None:
                continue
            entry: dict[str, Any] = {"value": value}
            if count is not None and n is not None:
                entry = {"count": int(count), "of": n}
            elif n is not None:
                entry["n"] = n
            comparators = {
                "england": self.rows.get((indicator.table, at, "")),
                "region": self.regions.get((indicator.table, at, self.region_of.get(code, ""))),
                # by DfE number: a council's ONS code may have changed in between
                "three_years_ago": self.numbered.get((indicator.table, at - 3, self.numbers.get(code, ""))),
            }
            for name, other in comparators.items():
                figure = indicator.value(other)[0] if other is not None else None
                if figure is not None:
                    entry[name] = figure
            similar = self.neighbours_mean(indicator, code, year)
            if similar is not None:
                entry["neighbours"] = similar
            entry["source"] = f"{indicator.source} ({self.files[indicator.release]}), {at}"
            entry["period"] = indicator.period(year)
            evidence[indicator.measure] = entry
        if not evidence:
            return None
        dated = on or dt.date(year, 3, 31)
        evidence.update(self.previous_evidence(code, dated))
        return {
            "case": f"{file_stem(code)}-{year}",
            "authority": self.names[code],
            "authority_code": code,
            "authority_number": self.numbers.get(code, ""),
            "inspected": dated.isoformat(),
            "rulebook": RULEBOOK,
            "notes": f"Figures for the year to 31 March {year} from DfE's official statistics"
            + (", and Ofsted's published judgements" if self.history else "")
            + "; contains public sector information licensed under the Open Government Licence v3.0.",
            "evidence": evidence,
        }

    def previous_evidence(self, code: str, on: dt.date) -> dict[str, Any]:
        """The council's latest ILACS judgements published on or before ``on``, as evidence: one level per
        judgement and the years since the report was published, and whether any ILACS report of it had been
        published by then (``ilacs_inspected_before``: false for a council not yet inspected, whose
        judgements are then absent, never a grade; nothing at all when no inspection history was read).
        Care leavers were judged within children in care before
        January 2023: an inspection before then gives that judgement for care leavers too, and says so."""
        if not self.history:  # no inspection history was read: nothing is known either way
            return {}
        last = max(
            (found for same in self.same_council(code) if (found := previous(self.history, same, on))),
            key=lambda i: (i.published, i.on_site),
            default=None,
        )
        if last is None:
            return {
                "ilacs_inspected_before": {
                    "value": False,
                    "source": f"Ofsted's ILACS inspection history ({self.history_file}): no report of this "
                    f"council published by {on.isoformat()}",
                }
            }
        told = f"Ofsted, {last.kind or 'ILACS inspection'} of {last.on_site.isoformat()}"
        told += f", published {last.published.isoformat()}"
        evidence: dict[str, Any] = {"ilacs_inspected_before": {"value": True, "source": told}}
        for judgement in JUDGEMENTS:
            grade = last.grades.get(judgement)
            note = ""
            if grade is None and judgement == "care_leavers" and "children_in_care" in last.grades:
                grade, note = last.grades["children_in_care"], " (children in care and care leavers, judged together)"
            if grade is not None:
                evidence[f"previous_{judgement}"] = {
                    "value": grade,
                    "source": told + note,
                    "period": last.on_site.isoformat(),
                }
        if evidence:
            years = Fraction((on - last.published).days, 1) / Fraction(36525, 100)
            evidence["previous_inspection_years"] = {"value": float(round(years, 1)), "source": told}
        return evidence

    def same_council(self, code: str) -> list[str]:
        """The council's ONS code and any other it has had (the same DfE number): North Yorkshire's changed in
        2023 when it became a unitary council, and Ofsted's record uses the new one."""
        number = self.numbers.get(code)
        return [code, *(c for c, n in self.numbers.items() if number and n == number and c != code)]

    def code_for(self, code: str, year: int) -> str:
        """The code under which the council has figures a case for ``year`` reads (``code`` itself, or an
        earlier or later code of the same council)."""
        table = INDICATORS[0].table
        return next((c for c in self.same_council(code) if (table, year, c) in self.rows), code)

    def reading(
        self, indicator: Indicator, at: int, code: str, *, numbered: bool = False
    ) -> tuple[float | int | None, int | None, Fraction | None] | None:
        """What ``indicator`` reads from the row of release year ``at`` for a council's ONS code (England:
        ``""``), or DfE number when ``numbered``; None where there is no row. Read once per row."""
        key = (indicator.measure, at, code, numbered)
        found = self._found.get(key, _NO_ROW)
        if found is _NO_ROW:
            row = (self.numbered if numbered else self.rows).get((indicator.table, at, code))
            found = self._found[key] = indicator.value(row) if row is not None else None
        return found  # type: ignore[no-any-return]

    def neighbour_numbers(self, code: str, year: int) -> list[str]:
        """The DfE numbers of a council's statistical neighbours for a case of reporting ``year``, closest
        first (DfE's April 2021 model to 2024, its 2025 model from 2025)."""
        model = self.neighbours_2025 if year >= MODEL_2025_FROM else self.neighbours_2021
        return list(model.get(self.numbers.get(code) or "", []))

    def neighbours_of(self, code: str, year: int) -> list[str]:
        """:meth:`neighbour_numbers` as ONS codes, each the code its figures for ``year`` are under."""
        return [
            self.code_for(self.by_number[n], year) for n in self.neighbour_numbers(code, year) if n in self.by_number
        ]

    def neighbours_mean(self, indicator: Indicator, code: str, year: int) -> float | None:
        """The mean of the council's statistical neighbours' figures for a case of reporting ``year`` (those
        with one), to one decimal place, as DfE publishes its figures."""
        values = []
        for other in self.neighbour_numbers(code, year):
            # by DfE number and year: a council's ONS code may have changed (Gateshead's in 2013, say)
            read = self.reading(indicator, indicator.year_of(year), other, numbered=True)
            value = read[0] if read is not None else None
            if value is not None:
                values.append(float(value))
        return round(sum(values) / len(values), 1) if values else None


#: Names people use for councils whose official names differ from them.
_SHORT_NAMES = {"hull": "kingston upon hull"}


def name_key(name: str) -> str:
    """A council's name as matched: lower case, "&" as "and", without "City of", "County of" or punctuation,
    and a common short form read as the full name ("Hull")."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r",?\s*\b(city|county) of\b", " ", text)
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return _SHORT_NAMES.get(text, text)


def file_stem(code: str) -> str:
    """A council's code as a case id and file name: ``e10000028``; a row DfE publishes for two councils
    together (``E06000061 / E06000062``) as ``e06000061-e06000062``."""
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def load_statistics(folder: str | Path) -> Statistics:
    """Read every release of a folder (DfE's layout) and the two statistical-neighbour models."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(Problem(f"{root}: no such folder of statistics", code="input.not-found"))
    rows: dict[tuple[str, int, str], StatRow] = {}
    numbered: dict[tuple[str, int, str], StatRow] = {}
    names: dict[str, str] = {}
    named_in: dict[str, int] = {}  # the year each council's name was read from
    numbers: dict[str, str] = {}
    files: dict[str, str] = {}
    regions: dict[tuple[str, int, str], StatRow] = {}
    region_of: dict[str, str] = {}
    read: dict[str, list[StatRow]] = {}
    for indicator in INDICATORS:
        if indicator.release not in read:
            found = sorted(root.glob(indicator.release + "*.csv"))
            if not found and indicator.required:
                raise InputError(
                    Problem(
                        f"{root}: no {indicator.release}*.csv release",
                        expected="DfE's children in need and workforce releases",
                        code="input.not-found",
                    )
                )
            read[indicator.release] = read_release(found[-1]) if found else []
            if found:
                files[indicator.release] = found[-1].name
        for row in read[indicator.release]:
            if not indicator.keeps(row):
                continue
            if row.level == "National":
                rows[(indicator.table, row.year, "")] = row
            elif row.level == "Regional" and row.region:
                regions[(indicator.table, row.year, row.region)] = row
            elif row.level == "Local authority" and row.code:
                rows[(indicator.table, row.year, row.code)] = row
                if row.year >= named_in.get(row.code, 0):  # the name and region of its latest year
                    names[row.code], named_in[row.code] = row.name, row.year
                    region_of[row.code] = row.region
                if row.number:
                    numbers[row.code] = row.number
    _join_population(root, rows, regions, {i.table for i in INDICATORS if i.per_child})
    history = find_history(root)
    numbered = {(release, year, row.number): row for (release, year, code), row in rows.items() if code and row.number}
    by_number = {n: c for c, n in numbers.items()}
    return Statistics(
        root,
        rows,
        names,
        numbers,
        by_number,
        files,
        _model(root, "New_Statistical_Neighbour_Groupings_April_2021.csv", "LA num", "SN"),
        _model(root, "sn_model_2025_wide.csv", "old_la_code", "SN_"),
        numbered,
        regions,
        region_of,
        tuple(read_history(history)) if history else (),
        history.name if history else None,
    )


#: At most this many folders of statistics are kept read (see :func:`statistics`).
STATISTICS_KEPT = 4
_KEPT: dict[tuple[Path, tuple[tuple[str, int, int], ...]], Statistics] = {}


def statistics(folder: str | Path | None = None) -> Statistics:
    """The statistics of ``folder`` (default: the copy shipped), read once and kept while its files are
    unchanged (their names, sizes and modification times), for the few folders most recently read."""
    root = Path(folder) if folder is not None else SHIPPED
    if not root.is_dir():
        return load_statistics(root)  # the error, said once where it is made
    resolved = root.resolve()
    stamp = tuple(
        (p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in sorted(resolved.iterdir()) if p.suffix == ".csv"
    )
    key = (resolved, stamp)
    found = _KEPT.get(key)
    if found is None:
        found = load_statistics(resolved)
        for old in [k for k in _KEPT if k[0] == resolved]:
            del _KEPT[old]
        while len(_KEPT) >= STATISTICS_KEPT:
            del _KEPT[next(iter(_KEPT))]
        _KEPT[key] = found
    return found


def clear_statistics() -> None:
    """Forget every folder of statistics kept read."""
    _KEPT.clear()


def _join_population(
    root: Path,
    rows: dict[tuple[str, int, str], StatRow],
    regions: dict[tuple[str, int, str], StatRow],
    tables: set[str],
) -> None:
    """Give each row its council's (or region's, or England's) children aged 0 to 17, from the ONS
    estimate of the mid-year before its reporting year ends (the latest there is, for a year past the
    estimates)."""
    found = sorted(root.glob("ons_*.csv"))
    if not found:
        return
    people: dict[tuple[int, str], str] = {}
    for row in read_release(found[-1]):
        place = {"National": "", "Local authority": row.code, "Regional": "region:" + row.region}.get(row.level)
        if place is not None:
            people[(row.year, place)] = row.cells.get("population_estimate", "")
    latest = max((y for y, _ in people), default=0)
    for table, prefix in ((rows, ""), (regions, "region:")):
        for key, row in list(table.items()):
            name, year, place = key
            if name not in tables:
                continue
            estimate = people.get((min(year - 1, latest), prefix + place))
            if estimate:
                table[key] = attrs.evolve(row, cells={**row.cells, POPULATION: estimate})


def _model(root: Path, name: str, key: str, prefix: str) -> dict[str, list[str]]:
    path = root / name
    if not path.exists():
        return {}
    records = csv_records(read_csv_text(path), str(path))
    header = next(records, (0, []))[1]
    out: dict[str, list[str]] = {}
    for _, cells in records:
        record = dict(zip(header, cells, strict=False))
        number = (record.get(key) or "").strip()
        if number:
            out[number] = [
                (record.get(f"{prefix}{i}") or "").strip()
                for i in range(1, 11)
                if (record.get(f"{prefix}{i}") or "").strip()
            ]
    return out


#: Where the package keeps its compact copy of the statistics (``judgement data build`` writes it).
SHIPPED = Path(__file__).resolve().parent / "dfe"
#: The columns a compact copy keeps from each release, besides the layout's, and the rows it keeps of a
#: release with a row per breakdown (those its indicators read; every row of the others).
_KEEP: dict[str, tuple[tuple[str, ...], bool]] = {
    "c1_": (("rereferral_percent", "referral_count"), True),
    "d3_": (("CPP_subsequent_percent", "CPP_start"), True),
    "d5_": (("2_years_or_more_percent", "CPP_At31"), True),
    "c4_": (
        ("Section47", "Duration_0-10_days", "Duration_11-15_days", "Duration_16-20_days", "Duration_21+_days"),
        True,
    ),
    "b1_": (("At31_episodes",), True),
    "ons_": (("age_group", "population_estimate"), True),
    "csww_": (("turnover_rate_fte", "agency_rate_fte", "vacancy_rate_fte", "caseload_fte"), True),
    "cla_number_and_rate": (("population_type", "children_count", "rate_per_10000"), False),
    "la_care_leavers_activity": (("care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"), False),
}
_LAYOUT_KEPT = ("time_period", "geographic_level", "region_name", "old_la_code", "new_la_code", "la_name")
_MODELS = ("New_Statistical_Neighbour_Groupings_April_2021.csv", "sn_model_2025_wide.csv")
#: The name the compact copy gives Ofsted's inspection history (any name is read: it is found by its header).
HISTORY_NAME = "ofsted_ilacs_inspection_history.csv"
ATTRIBUTION = """Contains public sector information licensed under the Open Government Licence v3.0
(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).

Publishers: Department for Education (releases "Children in need", tables B1, C1, C4, D3, D5;
"Children's social work workforce"; "Children looked after in England including adoptions", children
looked after on 31 March per 10,000 children and care leavers' activity; in the open-data layout of DfE's
statistics service; DfE's statistical neighbour models of April 2021 and 2025), the Office for National
Statistics (mid-year population estimates, children aged 0 to 17) and Ofsted (the inspection-history
sheet of "Local authority children's services inspection outcomes": every ILACS inspection's judgements).
This folder is a compact copy made by `judgement data build`: the rows for England and each council, and
only the columns (and, for the children-looked-after releases, the rows) judgement reads; no figure is
changed.
"""


def build(source: str | Path | Sequence[str | Path], target: str | Path = SHIPPED) -> list[Path]:
    """Write a compact copy of the releases in ``source`` (a folder, or several) to ``target``: the National,
    regional and council rows, only the columns the indicators read, and Ofsted's inspection history if a
    folder holds one (found by its header, not its name). Returns the files written. Every input is read and
    checked before anything is written, and each file is written whole or not at all."""
    roots = [Path(source)] if isinstance(source, str | Path) else [Path(s) for s in source]
    out = Path(target)
    for root in roots:
        if not root.is_dir():
            raise InputError(Problem(f"{root}: no such folder of statistics", code="input.not-found"))
    root = roots[0]

    def newest(pattern: str) -> list[Path]:
        return sorted((p for r in roots for p in r.glob(pattern)), key=lambda p: p.name)

    texts: dict[str, str] = {}
    for prefix, (columns, required) in _KEEP.items():
        found = newest(prefix + "*.csv")
        if not found:
            if required:
                raise InputError(Problem(f"{root}: no {prefix}*.csv release", code="input.not-found"))
            continue
        path = found[-1]
        keep = [i for i in INDICATORS if i.release == prefix and i.where]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([*_LAYOUT_KEPT, *columns])
        for row in read_release(path):  # read once, its layout checked at its line, before anything is written
            if row.level not in ("National", "Regional", "Local authority"):
                continue
            if keep and not any(i.keeps(row) for i in keep):
                continue
            writer.writerow([row.cells.get(c, "") for c in (*_LAYOUT_KEPT, *columns)])
        texts[path.name] = buffer.getvalue()
    for name in _MODELS:
        for model in newest(name)[-1:]:
            data = read_csv_text(model)
            texts[name] = data.replace("\r\n", "\n")
    histories = [h for r in roots if (h := find_history(r)) is not None]
    history = histories[-1] if histories else None
    if history is not None:
        data = read_csv_text(history)
        history_from_text(data, str(history))  # checked, at its line, before anything is written
        texts[HISTORY_NAME] = data.replace("\r\n", "\n")
    texts["LICENCE.txt"] = ATTRIBUTION
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            write_whole(out / name, text)
            written.append(out / name)
    except OSError as error:
        raise InputError(
            Problem(
                f"{out}: cannot write the copy ({error.strerror})",
                expected="a folder you can write to",
                code="usage.output",
            )
        ) from None
    return written


def cases(stats: Statistics, year: int, wanted: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The case documents for a year: every council, or the ones named. Raises
    :class:`~judgement.errors.UsageError` for a year whose children in need figures DfE has not published
    (a case of such a year would hold only the workforce census taken inside it)."""
    published = stats.published()
    if published and year > published[-1]:
        raise UsageError(
            Problem(
                f"DfE has not published children in need figures for {year} (the year to 31 March {year}) in "
                f"these statistics: the latest year is {published[-1]}",
                expected=f"a year from {published[0]} to {published[-1]}",
                hint="a newer release, once published, can be read with judgement data build and --data",
                code="usage.bad-argument",
            )
        )
    named = [stats.find(w) for w in wanted]
    docs = [doc for code in named or stats.councils(year) if (doc := stats.case(code, year)) is not None]
    missing = [code for code in named if not any(d["authority_code"] == code for d in docs)]
    if missing:
        raise UsageError([_no_figures(stats, code, year) for code in missing])
    return docs


@frozen
class Reorganisation:
    """A council abolished and the councils that took on its children's services."""

    code: str  # the abolished council's ONS code
    name: str
    on: dt.date  # the day the new councils took over
    successors: tuple[str, ...]  # their ONS codes
    source: str  # the order that made the change

    def text(self, names: Mapping[str, str]) -> str:
        after = join_words([names.get(c, c) for c in self.successors])
        return (
            f"{self.name} was abolished on {self.on.day} {self.on:%B %Y} and its children's services passed to "
            f"{after} ({self.source})"
        )


#: Councils with children's services reorganised since DfE's series begin (2013), from the structural
#: changes orders named (legislation.gov.uk). A council that kept its name but took a new code (North
#: Yorkshire and Somerset in 2023, Buckinghamshire in 2020) is the same council under its DfE number.
REORGANISATIONS = (
    Reorganisation(
        "E06000028",
        "Bournemouth",
        dt.date(2019, 4, 1),
        ("E06000058",),
        "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018",
    ),
    Reorganisation(
        "E06000029",
        "Poole",
        dt.date(2019, 4, 1),
        ("E06000058",),
        "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018",
    ),
    Reorganisation(
        "E10000009",
        "Dorset County Council",
        dt.date(2019, 4, 1),
        ("E06000059",),
        "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018",
    ),
    Reorganisation(
        "E10000021",
        "Northamptonshire",
        dt.date(2021, 4, 1),
        ("E06000061", "E06000062"),
        "The Northamptonshire (Structural Changes) Order 2020",
    ),
    Reorganisation(
        "E10000006",
        "Cumbria",
        dt.date(2023, 4, 1),
        ("E06000063", "E06000064"),
        "The Cumbria (Structural Changes) Order 2022",
    ),
)
_REORGANISED = {r.code: r for r in REORGANISATIONS}


def _no_figures(stats: Statistics, code: str, year: int) -> Problem:
    """Why a council named has no case for a year: the years it has figures for, and, for one whose figures
    stop, that councils reorganised since appear under their new names."""
    table = INDICATORS[0].table
    years = sorted({y for t, y, c in stats.rows if t == table and c in stats.same_council(code)})
    name = stats.names.get(code, code)
    if not years:
        return Problem(f"{name} has no children in need figures", code="usage.bad-argument")
    hint = None
    change = _REORGANISED.get(code)
    if change is not None and year >= change.on.year:
        first = change.successors[0]
        return Problem(
            f"{change.text(stats.names)}: it has no figures for {year}",
            expected=f"a year from {years[0]} to {years[-1]} for {name}, or one of the councils after it",
            hint=f"judgement judge --authority {_quoted(stats.names.get(first, first))} --year {year}",
            code="usage.bad-argument",
            ctx={
                "authority": name,
                "code": code,
                "year": year,
                "abolished": change.on.isoformat(),
                "successors": list(change.successors),
                "first": years[0],
                "last": years[-1],
            },
        )
    if year > years[-1]:
        hint = (
            f"its figures end in {years[-1]}: a council reorganised since then has figures under its new name "
            "(judgement data list names every council)"
        )
    elif year < years[0]:
        hint = f"its figures begin in {years[0]}, when it was formed or first reported"
    return Problem(
        f"{name} has no figures for {year}",
        expected=f"a year from {years[0]} to {years[-1]}",
        hint=hint,
        code="usage.bad-argument",
        ctx={"authority": name, "code": code, "year": year, "first": years[0], "last": years[-1]},
    )


def _quoted(name: str) -> str:
    return f'"{name}"' if re.search(r"[^A-Za-z0-9-]", name) else name


def index(stats: Statistics) -> Mapping[str, Any]:
    """What the statistics hold: years, measures, councils."""
    return {
        "years": stats.years(),
        "measures": [i.measure for i in INDICATORS],
        "councils": {code: stats.names[code] for code in stats.councils()},
    }
