"""What each preparation adds to the evaluation, and the small-cell suppression of every figure (no Flask).

Every figure is a number of preparations. A preparation adds one to each figure it counts for, in the
month it started, once for all units together ("*") and once for each unit its sheet went to. Live
preparations and the counts kept after purge are the same kind of tally, so one code path reads both.

Small-cell suppression: a figure built from fewer than MIN_CELL preparations is not shown. Where figures
add up to a total that is shown (a distribution, a column of months), a single hidden figure could be
worked out from the total, so the smallest shown figure of that group is hidden as well.

Rounding: every shown figure is rounded to the nearest multiple of ROUND_TO (as Statistics Netherlands
publishes small counts). Suppression alone works per page: the totals of two periods that differ by one
month (January-March and January-February) would give that month's figure exactly, even where the month
alone shows "fewer than 5". Rounded, the difference is off by up to 2 ROUND_TO // 2 either way, so a
month of 1 to 4 preparations cannot be told from 0 or from 5 to 9.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

MIN_CELL = 5
ROUND_TO = 5
ALL_UNITS = "*"

COUNTS = ("preparations", "consented", "shared", "read_before", "interviewed")
DISTRIBUTIONS = ("goal", "route", "days_to_interview")
DAY_BUCKETS = ((0, 7, "0-7"), (8, 14, "8-14"), (15, 30, "15-30"), (31, 60, "31-60"), (61, None, "61+"))
NONE = "none"


@dataclass(frozen=True)
class TallyKey:
    """One figure of one month and unit."""

    month: str
    unit: str
    metric: str
    category: str = ""


@dataclass(frozen=True)
class PreparationFacts:
    """What the evaluation may know of one preparation: no client content, no ids."""

    month: str
    units: frozenset[str] = frozenset()
    consented: bool = False
    shared: bool = False
    read_before: bool = False
    days_to_interview: int | None = None
    goal: str | None = None
    route: str | None = None
    rules_applied: frozenset[str] = frozenset()
    rules_helped: frozenset[str] = frozenset()
    client_answers: Mapping[str, str] = field(default_factory=dict)


def month_of(day: date) -> str:
    """The YYYY-MM month of a day."""
    return f"{day.year:04d}-{day.month:02d}"


def day_bucket(days: int) -> str:
    """The label of the bucket a number of days falls into."""
    for low, high, label in DAY_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return DAY_BUCKETS[0][2]  # negative cannot be stored (dates are checked); count it with the first


def contributions(facts: PreparationFacts) -> list[TallyKey]:
    """Every figure this preparation counts for, for all units and for each of its units."""
    figures: list[tuple[str, str]] = [("preparations", "")]
    for name in ("consented", "shared", "read_before"):
        if getattr(facts, name):
            figures.append((name, ""))
    if facts.days_to_interview is not None:
        figures.append(("interviewed", ""))
        figures.append(("days_to_interview", day_bucket(facts.days_to_interview)))
    figures.append(("goal", facts.goal or NONE))
    figures.append(("route", facts.route or NONE))
    figures.extend(("rule_applied", rule_id) for rule_id in sorted(facts.rules_applied))
    figures.extend(("rule_helped", rule_id) for rule_id in sorted(facts.rules_helped))
    figures.extend(
        (f"client:{question}", answer) for question, answer in sorted(facts.client_answers.items())
    )
    units = [ALL_UNITS, *sorted(facts.units - {ALL_UNITS})]
    return [TallyKey(facts.month, unit, metric, category) for unit in units for metric, category in figures]


def tally(all_facts: Iterable[PreparationFacts]) -> Counter[TallyKey]:
    """Add up the contributions of many preparations."""
    counts: Counter[TallyKey] = Counter()
    for facts in all_facts:
        counts.update(contributions(facts))
    return counts


def suppress(value: int) -> int | None:
    """The figure as shown: None ("fewer than 5") below MIN_CELL, else rounded to the nearest ROUND_TO."""
    if value < MIN_CELL:
        return None
    return ROUND_TO * ((value + ROUND_TO // 2) // ROUND_TO)


def suppress_group(values: Mapping[str, int], total: int | None = None) -> dict[str, int | None]:
    """Suppress the figures of a group that adds up to a shown total, so no hidden figure can be worked out.

    ``total`` is the group's total when it is shown (None: no total is shown, each figure stands alone).
    A hidden total hides nothing more: the figures then stand alone too.
    """
    shown: dict[str, int | None] = {key: suppress(value) for key, value in values.items()}
    if total is None or suppress(total) is None:
        return shown
    hidden = [key for key, value in shown.items() if value is None]
    # The total minus the shown figures is the sum of the hidden ones; that sum may only stay ambiguous.
    if len(hidden) == 1:
        remaining = sorted((value, key) for key, value in shown.items() if value is not None)
        if remaining:
            shown[remaining[0][1]] = None
    return shown


@dataclass(frozen=True)
class Period:
    """Whole months from first to last (YYYY-MM), both included."""

    first: str
    last: str

    def months(self) -> list[str]:
        """Every month of the period, in order."""
        year, month = (int(part) for part in self.first.split("-"))
        end = tuple(int(part) for part in self.last.split("-"))
        result = []
        while (year, month) <= end:
            result.append(f"{year:04d}-{month:02d}")
            month += 1
            if month == 13:
                year, month = year + 1, 1
        return result


@dataclass(frozen=True)
class Figure:
    """One shown figure: its true value stays inside the evaluation, only ``shown`` leaves it."""

    label: str
    shown: int | None


@dataclass(frozen=True)
class Table:
    """A table of the evaluation page (and of the export): a heading, column labels and rows of figures."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]

    @property
    def empty(self) -> bool:
        """Whether no figure in the table is shown."""
        return all(value is None for _label, values in self.rows for value in values)


@dataclass(frozen=True)
class Report:
    """Everything the evaluation page shows for a period and unit; built only from suppressed figures."""

    period: Period
    unit: str
    trend: Table
    distributions: tuple[Table, ...]
    rules_top: Table
    rules_bottom: Table
    client: tuple[Table, ...]
    total_preparations: int | None


def _sum(
    counts: Mapping[TallyKey, int], months: list[str], unit: str, metric: str, category: str = ""
) -> int:
    return sum(counts.get(TallyKey(month, unit, metric, category), 0) for month in months)


def _categories(counts: Mapping[TallyKey, int], months: set[str], unit: str, metric: str) -> list[str]:
    return sorted(
        {key.category for key in counts if key.metric == metric and key.unit == unit and key.month in months}
    )


def build_report(counts: Mapping[TallyKey, int], period: Period, unit: str = ALL_UNITS) -> Report:
    """Build the page's tables from the tallies of a period and unit, every figure suppressed."""
    months = period.months()
    month_set = set(months)
    # Trend: months down, figures across; each column adds up to the period's total row.
    columns: dict[str, dict[str, int | None]] = {}
    totals: dict[str, int] = {}
    for metric in COUNTS:
        per_month = {month: counts.get(TallyKey(month, unit, metric), 0) for month in months}
        totals[metric] = sum(per_month.values())
        columns[metric] = suppress_group(per_month, totals[metric])
    trend_rows = [(month, tuple(columns[metric][month] for metric in COUNTS)) for month in months]
    trend_rows.append(("total", tuple(suppress(totals[metric]) for metric in COUNTS)))
    trend = Table("trend", COUNTS, tuple(trend_rows))
    prepared = totals["preparations"]
    distributions = []
    for metric in DISTRIBUTIONS:
        if metric == "days_to_interview":
            categories = [label for _low, _high, label in DAY_BUCKETS]
            group_total = totals["interviewed"]
        else:
            categories = _categories(counts, month_set, unit, metric)
            group_total = prepared
        values = {category: _sum(counts, months, unit, metric, category) for category in categories}
        shown = suppress_group(values, group_total)
        distributions.append(Table(metric, ("count",), tuple((c, (shown[c],)) for c in categories)))
    applied = {
        r: _sum(counts, months, unit, "rule_applied", r)
        for r in _categories(counts, month_set, unit, "rule_applied")
    }
    helped = {r: _sum(counts, months, unit, "rule_helped", r) for r in applied}
    ranked = [r for r in applied if suppress(applied[r]) is not None]
    by_helped = sorted(ranked, key=lambda r: (-helped[r], r))
    by_share = sorted(ranked, key=lambda r: (helped[r] / applied[r], r))
    rules_top = Table(
        "rules_top",
        ("applied", "helped"),
        tuple((r, (suppress(applied[r]), suppress(helped[r]))) for r in by_helped[:10]),
    )
    rules_bottom = Table(
        "rules_bottom",
        ("applied", "helped"),
        tuple((r, (suppress(applied[r]), suppress(helped[r]))) for r in by_share[:10]),
    )
    client_tables = []
    client_metrics = sorted(
        {key.metric for key in counts if key.metric.startswith("client:") and key.unit == unit}
    )
    for metric in client_metrics:
        categories = _categories(counts, month_set, unit, metric)
        values = {category: _sum(counts, months, unit, metric, category) for category in categories}
        shown = suppress_group(values, sum(values.values()))
        client_tables.append(Table(metric, ("count",), tuple((c, (shown[c],)) for c in categories)))
    return Report(
        period=period,
        unit=unit,
        trend=trend,
        distributions=tuple(distributions),
        rules_top=rules_top,
        rules_bottom=rules_bottom,
        client=tuple(client_tables),
        total_preparations=suppress(prepared),
    )
