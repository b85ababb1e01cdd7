"""The officer feedback's rules: when the form is open, which dates count, what a submission must hold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from easyreport.feedback import officer as rules

NOW = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
STARTED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def test_a_revoked_or_expired_share_closes_the_form():
    with pytest.raises(rules.ShareNotActive):
        rules.form_state(rules.FeedbackWindow(False, date(2026, 5, 19), None), NOW)


def test_the_form_opens_on_the_interview_day_not_before():
    with pytest.raises(rules.BeforeInterview):
        rules.form_state(rules.FeedbackWindow(True, date(2026, 5, 21), None), NOW)
    rules.form_state(rules.FeedbackWindow(True, date(2026, 5, 20), None), NOW)
    rules.form_state(rules.FeedbackWindow(True, None, None), NOW)  # the officer enters the date on the form


def test_feedback_can_be_changed_for_edit_days_then_no_more():
    given = NOW - timedelta(days=rules.EDIT_DAYS) + timedelta(seconds=1)
    rules.form_state(rules.FeedbackWindow(True, date(2026, 5, 1), given), NOW)
    with pytest.raises(rules.EditWindowClosed):
        rules.form_state(rules.FeedbackWindow(True, date(2026, 5, 1), given - timedelta(seconds=1)), NOW)


@pytest.mark.parametrize(
    ("day", "planned", "expected"),
    [
        (date(2026, 4, 30), False, rules.DateProblem.BEFORE_PREPARATION),
        (date(2026, 5, 1), False, None),
        (date(2026, 5, 20), False, None),
        (date(2026, 5, 21), False, rules.DateProblem.FUTURE),
        (date(2026, 5, 21), True, None),
        (
            date(2026, 5, 20) + timedelta(days=rules.PLAN_AHEAD_DAYS + 1),
            True,
            rules.DateProblem.TOO_FAR_AHEAD,
        ),
        (date(2026, 4, 30), True, rules.DateProblem.BEFORE_PREPARATION),
    ],
)
def test_interview_dates(day, planned, expected):
    assert (
        rules.interview_date_problem(day, preparation_started=STARTED, today=NOW.date(), planned=planned)
        is expected
    )


def test_a_full_submission_is_parsed_in_sheet_order():
    answers, problems = rules.parse_answers(
        "yes",
        {"r2": "not_applied", "r1": "helped", "r3": ""},
        {"r1": "no_time", "r2": "no_time"},
        ["papers", "other"],
        "a picture plan",
        ["r1", "r2", "r3"],
    )
    assert problems == {}
    assert answers is not None
    assert list(answers.rules) == ["r1", "r2"]  # r3 left open is not part of the feedback
    assert answers.rules["r1"] == rules.RuleAnswer(
        rules.Outcome.HELPED, None
    )  # a reason only with "not helped"
    assert answers.rules["r2"].reason is rules.Reason.NO_TIME
    assert rules.FeedbackAnswers.from_data(answers.as_data()) == answers


@pytest.mark.parametrize(
    ("read", "outcomes", "reasons", "missing", "other", "field"),
    [
        (None, {}, {}, [], "", "read_before"),
        ("maybe", {}, {}, [], "", "read_before"),
        ("yes", {"elsewhere": "helped"}, {}, [], "", "rules"),
        ("yes", {"r1": "brilliant"}, {}, [], "", "outcome-r1"),
        ("yes", {"r1": "not_applied"}, {"r1": "lazy"}, [], "", "reason-r1"),
        ("yes", {}, {}, ["nothing", "papers"], "", "missing"),
        ("yes", {}, {}, ["made-up"], "", "missing"),
        ("yes", {}, {}, ["other"], "  ", "other_missing"),
    ],
)
def test_bad_submissions_name_their_field(read, outcomes, reasons, missing, other, field):
    answers, problems = rules.parse_answers(read, outcomes, reasons, missing, other, ["r1"])
    assert answers is None and field in problems
