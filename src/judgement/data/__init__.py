"""Official statistics as cases: every English council's published figures, with England and its
statistical neighbours as comparators, and Ofsted's published judgements.

The functions below read the copy of DfE's releases shipped with the package, or the folder ``data``
names (one made by ``judgement data build``)::

    import judgement.data as data

    data.years()                                        # [2013, ..., 2025]
    data.find("Hull")                                   # Council(code='E06000010', number='810', ...)
    data.councils(2025)                                 # every council with figures for 2025
    data.neighbours("Staffordshire", 2025)              # its ten statistical neighbours
    data.cases(year=2025)                               # a Case per council, for the ilacs-2018 rulebook
    data.cases(authority="Staffordshire", years=range(2021, 2026))

Each is read once per folder and kept while the folder's files are unchanged. Errors are
:class:`~judgement.errors.UsageError` (an unknown council, a year DfE has not published) or
:class:`~judgement.errors.InputError` (a folder that is not in DfE's layout), with the same messages
as the command line's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from judgement._attrs import frozen
from judgement.check.case import load_case
from judgement.data.statistics import INDICATORS, statistics
from judgement.data.statistics import cases as case_documents
from judgement.errors import Problem, UsageError
from judgement.model import Case

__all__ = ["Council", "cases", "councils", "find", "neighbours", "years"]


@frozen
class Council:
    """A council as DfE's statistics name it."""

    code: str  # the 9-character ONS code (E10000028)
    number: str  # the 3-digit DfE number (860), "" where there is none
    name: str
    region: str


def _council(code: str, folder: str | Path | None) -> Council:

    stats = statistics(folder)
    return Council(code, stats.numbers.get(code, ""), stats.names.get(code, code), stats.region_of.get(code, ""))


def years(*, data: str | Path | None = None) -> list[int]:
    """The reporting years the statistics hold children in need figures for (2024: the year to 31 March
    2024)."""
    return statistics(data).published()


def find(authority: str, *, data: str | Path | None = None) -> Council:
    """A council from its name as people write it ("Hull", "Brighton & Hove"), its ONS code or its DfE
    number; an unknown one raises :class:`~judgement.errors.UsageError` with the nearest names."""

    return _council(statistics(data).find(authority), data)


def councils(year: int | None = None, *, data: str | Path | None = None) -> list[Council]:
    """The councils with children in need figures for reporting ``year``, so a case each (every council
    the statistics name, without a year)."""
    stats = statistics(data)
    table = INDICATORS[0].table
    return [
        _council(code, data)
        for code in stats.councils(year)
        if " / " not in code and (year is None or (table, year, code) in stats.rows)
    ]


def neighbours(authority: str, year: int, *, data: str | Path | None = None) -> list[Council]:
    """A council's statistical neighbours for reporting ``year`` (DfE's April 2021 model to 2024, its 2025
    model from 2025), closest first."""
    stats = statistics(data)
    return [_council(code, data) for code in stats.neighbours_of(stats.find(authority), year)]


def cases(
    year: int | None = None,
    authority: str | Iterable[str] | None = None,
    *,
    years: Iterable[int] | None = None,
    data: str | Path | None = None,
) -> list[Case]:
    """Cases for the ``ilacs-2018`` rulebook: for ``year`` (or each of ``years``), every council or those
    ``authority`` names (one name or several), in year order then council order. Raises
    :class:`~judgement.errors.UsageError` for a year DfE has not published, a council without figures for
    a year (saying why: abolished, not yet formed), or an unknown council."""

    if (year is None) == (years is None):
        raise UsageError(Problem("give year or years, not both and not neither", code="usage.bad-argument"))
    wanted = [authority] if isinstance(authority, str) else list(authority or ())
    stats = statistics(data)
    chosen = [year] if year is not None else sorted(set(years or ()))
    return [
        load_case(doc, name=f"{doc['case']} (DfE statistics)")
        for each in chosen
        for doc in case_documents(stats, each, wanted)
    ]
