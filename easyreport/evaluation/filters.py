"""The evaluation page's filters: a period of whole months and a unit (no Flask)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from easyreport.evaluation.tally import ALL_UNITS, Period

MAX_MONTHS = 60
DEFAULT_MONTHS = 12
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class FilterProblem(StrEnum):
    """Why a filter value is refused."""

    BAD_MONTH = "bad_month"
    REVERSED = "reversed"
    TOO_LONG = "too_long"
    UNKNOWN_UNIT = "unknown_unit"


def _month(value: str) -> tuple[int, int] | None:
    match = _MONTH.match(value.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2999):
        return None
    return year, month


def default_period(today: date) -> Period:
    """The last twelve months, this month included."""
    index = today.year * 12 + today.month - 1 - (DEFAULT_MONTHS - 1)
    return Period(f"{index // 12:04d}-{index % 12 + 1:02d}", f"{today.year:04d}-{today.month:02d}")


def parse_filters(
    first: str | None, last: str | None, unit: str | None, units: set[str], today: date
) -> tuple[Period, str, dict[str, FilterProblem]]:
    """Return the period and unit to show, and the problems by field (the defaults stand in for bad values)."""
    problems: dict[str, FilterProblem] = {}
    period = default_period(today)
    start = _month(first) if first else _month(period.first)
    end = _month(last) if last else _month(period.last)
    if start is None:
        problems["from"] = FilterProblem.BAD_MONTH
    if end is None:
        problems["to"] = FilterProblem.BAD_MONTH
    if start is not None and end is not None:
        if start > end:
            problems["to"] = FilterProblem.REVERSED
        elif (end[0] * 12 + end[1]) - (start[0] * 12 + start[1]) >= MAX_MONTHS:
            problems["to"] = FilterProblem.TOO_LONG
        else:
            period = Period(f"{start[0]:04d}-{start[1]:02d}", f"{end[0]:04d}-{end[1]:02d}")
    chosen = unit or ALL_UNITS
    if chosen != ALL_UNITS and chosen not in units:
        problems["unit"] = FilterProblem.UNKNOWN_UNIT
        chosen = ALL_UNITS
    if problems:
        period = default_period(today) if ("from" in problems or "to" in problems) else period
    return period, chosen, problems
