"""The span of days a piece of evidence covers, read from its ``period``: the one reading of period text.

* ``2009-10`` or ``2009/10`` (also ``2009-2010``): a year to 31 March, as English local-authority
  statistics are reported (1 April 2009 to 31 March 2010);
* ``200910``: the same year as DfE's open data writes it (``time_period``);
* ``2009``: a calendar year;
* ``2010-03-31``: one day;
* ``2009-04-01/2010-03-31``: the days from one date to another, both included.

Anything else is not a period this module can date (``None``).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["PERIOD_FORMS", "period_span"]

#: The forms of period text that can be dated, for messages.
PERIOD_FORMS = "2009-10 (a year to 31 March), 200910, 2009 (a calendar year), 2010-03-31, or 2009-04-01/2010-03-31"

_YEAR_TO_MARCH = re.compile(r"(\d{4})[-/](\d{2}|\d{4})")
_DFE_YEAR = re.compile(r"(\d{4})(\d{2})")
_YEAR = re.compile(r"\d{4}")


def period_span(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a period covers, or None when the text is not a period that can be dated."""
    text = text.strip()
    try:
        if "/" in text and len(text) > 10:
            first, _, last = text.partition("/")
            start, end = dt.date.fromisoformat(first.strip()), dt.date.fromisoformat(last.strip())
            return (start, end) if start <= end else None
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return day, day
    except ValueError:
        return None
    for pattern in (_YEAR_TO_MARCH, _DFE_YEAR):
        match = pattern.fullmatch(text)
        if match:
            start_year = int(match.group(1))
            second = match.group(2)
            end_year = int(second) if len(second) == 4 else start_year // 100 * 100 + int(second)
            if end_year < start_year:  # 1999-00
                end_year += 100
            if end_year != start_year + 1:
                return None
            return dt.date(start_year, 4, 1), dt.date(end_year, 3, 31)
    if _YEAR.fullmatch(text):
        year = int(text)
        return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year >= 1 else None
    return None
