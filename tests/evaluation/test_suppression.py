"""Small-cell suppression and rounding over generated data: no shown figure is below 5, every one is rounded
to a multiple of 5, none hidden can be worked out on a page, and two periods do not give a month away."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from easyreport.evaluation.tally import (
    ALL_UNITS,
    COUNTS,
    MIN_CELL,
    ROUND_TO,
    Period,
    PreparationFacts,
    build_report,
    suppress_group,
    tally,
)

MONTHS = ["2026-01", "2026-02", "2026-03"]
facts_strategy = st.builds(
    PreparationFacts,
    month=st.sampled_from(MONTHS),
    units=st.frozensets(st.sampled_from(["avim", "zeden"]), max_size=2),
    consented=st.booleans(),
    shared=st.booleans(),
    read_before=st.booleans(),
    days_to_interview=st.one_of(st.none(), st.integers(0, 90)),
    goal=st.one_of(st.none(), st.sampled_from(["information", "report", "aangifte"])),
    route=st.one_of(st.none(), st.sampled_from(["avim", "zeden"])),
    rules_applied=st.frozensets(st.sampled_from(["r1", "r2", "r3"])),
    rules_helped=st.frozensets(st.sampled_from(["r1", "r2"])),
)


def _check_group(true: dict[str, int], shown: dict[str, int | None], total_shown: bool) -> None:
    for key, value in shown.items():
        assert value is None or (_rounded(value, true[key]) and value >= MIN_CELL)
        if value is None:
            assert true[key] < MIN_CELL or total_shown  # only a complement hides a figure of 5 or more
    hidden = [key for key, value in shown.items() if value is None]
    if total_shown:
        # With the total shown, the hidden figures' sum is known: it must never belong to one figure alone.
        assert len(hidden) != 1


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8))
def test_a_group_with_a_total_never_leaves_one_figure_to_work_out(values):
    total = sum(values.values())
    shown = suppress_group(values, total)
    _check_group(values, shown, total >= MIN_CELL)


@settings(max_examples=60, deadline=None)
@given(st.lists(facts_strategy, max_size=40), st.sampled_from([ALL_UNITS, "avim", "zeden"]))
def test_every_figure_of_a_report_holds_the_rule(all_facts, unit):
    counts = tally(all_facts)
    report = build_report(counts, Period(MONTHS[0], MONTHS[-1]), unit)
    mine = [f for f in all_facts if unit == ALL_UNITS or unit in f.units]
    # The trend: each column of months adds up to the total row.
    for index, metric in enumerate(COUNTS):
        true = {m: sum(1 for f in mine if f.month == m and _counts_for(f, metric)) for m in MONTHS}
        shown = {month: values[index] for month, values in report.trend.rows if month != "total"}
        total = sum(true.values())
        _check_group(true, shown, total >= MIN_CELL)
        total_row = dict(report.trend.rows)["total"][index]
        assert total_row is None if total < MIN_CELL else _rounded(total_row, total)
    for table in (*report.distributions, *report.client, report.rules_top, report.rules_bottom):
        for _label, values in table.rows:
            assert all(value is None or (value >= MIN_CELL and value % ROUND_TO == 0) for value in values)
    if len(mine) < MIN_CELL:
        assert report.total_preparations is None
    else:
        assert report.total_preparations is not None and _rounded(report.total_preparations, len(mine))


def _rounded(shown: int | None, true: int) -> bool:
    """Whether a shown figure is the true one rounded to the nearest multiple of ROUND_TO."""
    return shown is not None and shown % ROUND_TO == 0 and abs(shown - true) <= ROUND_TO // 2


@given(st.integers(0, 4), st.integers(0, 200))
def test_the_totals_of_two_periods_do_not_give_a_small_month_away(small, before):
    # January-February holds `before` preparations, March `small` (fewer than 5, so hidden on its own).
    without_march = build_report(_months({"2026-01": before}), Period("2026-01", "2026-02"))
    with_march = build_report(_months({"2026-01": before, "2026-03": small}), Period("2026-01", "2026-03"))
    first, second = without_march.total_preparations, with_march.total_preparations
    # Everything a reader of the two pages could take March to be (knowing only the shown totals).
    fits = {
        march
        for march in range(0, 10)
        for earlier in range(0, 210)
        if _shown(earlier) == first and _shown(earlier + march) == second
    }
    assert small in fits
    # A March of 1 to 4 cannot be told apart from none or from 5 or more.
    assert fits - {1, 2, 3, 4}


def _months(preparations: dict[str, int]) -> dict:
    return tally(
        [PreparationFacts(month=month) for month, count in preparations.items() for _n in range(count)]
    )


def _shown(total: int) -> int | None:
    return None if total < MIN_CELL else ROUND_TO * ((total + ROUND_TO // 2) // ROUND_TO)


def _counts_for(facts: PreparationFacts, metric: str) -> bool:
    if metric == "preparations":
        return True
    if metric == "interviewed":
        return facts.days_to_interview is not None
    return bool(getattr(facts, metric))


def test_a_preparation_counts_once_for_all_units_and_once_per_unit():
    counts = tally([PreparationFacts(month="2026-01", units=frozenset({"avim", "zeden"}), shared=True)] * 5)
    for unit in (ALL_UNITS, "avim", "zeden"):
        report = build_report(counts, Period("2026-01", "2026-01"), unit)
        assert dict(report.trend.rows)["2026-01"][COUNTS.index("shared")] == 5  # 5 rounds to 5
