"""Urgency and what the client already knows about the police process: fixed, reviewable data."""

from __future__ import annotations

import pytest

from easyreport.briefing.process_info import (
    INFORMED_ABOUT,
    INFORMED_ABOUT_IDS,
    URGENCY_LABELS,
    UnknownProcessPoint,
    Urgency,
    informed_ids,
    split_informed,
)


def test_urgency_is_soon_or_no_rush_and_acute_danger_is_not_one_of_them():
    # Acute danger is the routing's mark: 112 and no sheet. It must never be a value on a sheet.
    assert [u.value for u in Urgency] == ["soon", "no_rush"]
    assert set(URGENCY_LABELS) == set(Urgency)


def test_the_four_points_of_the_process_have_stable_ids_and_short_labels():
    assert INFORMED_ABOUT_IDS == ("information_talk", "time_to_think", "ex_officio", "recorded")
    for point in INFORMED_ABOUT:
        assert point.label.strip() and len(point.label.split()) <= 12, point
        # The officer's term is short: four of them fit on one line of the printed sheet.
        assert point.sheet_label.strip() and len(point.sheet_label) <= 32, point


def test_ids_come_back_once_each_in_the_fixed_order():
    assert informed_ids(["recorded", "information_talk", "recorded"]) == ("information_talk", "recorded")
    assert informed_ids(()) == ()


@pytest.mark.parametrize("given", [["story"], ["recorded", "RECORDED"], ["recorded", ""], "recorded"])
def test_an_id_that_is_not_a_point_is_refused(given):
    with pytest.raises(UnknownProcessPoint):
        informed_ids(given)


@pytest.mark.parametrize(
    "explained", [(), ("time_to_think",), ("information_talk", "recorded"), INFORMED_ABOUT_IDS]
)
def test_every_point_is_either_explained_or_still_to_explain(explained):
    done, still = split_informed(explained)
    assert [p.id for p in done] == [i for i in INFORMED_ABOUT_IDS if i in explained]
    assert [p.id for p in still] == [i for i in INFORMED_ABOUT_IDS if i not in explained]
    assert len(done) + len(still) == len(INFORMED_ABOUT)
