"""The officer's feedback after the interview: its choices and the rules a submission must meet (no Flask).

One form per share. It can be given from the interview date on, while the share is active, and changed
for EDIT_DAYS after it was first given. The interview date lies between the day the preparation started
and today (an officer reports what happened); a counsellor may also enter a planned date up to
PLAN_AHEAD_DAYS ahead, and then the form opens on that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from easyreport.timeutil import as_utc
from easyreport.translatable import N_

EDIT_DAYS = 14
PLAN_AHEAD_DAYS = 180
OTHER_MAX = 300


class ReadBefore(StrEnum):
    """Whether the officer read the sheet before the interview."""

    YES = "yes"
    NO = "no"


class Outcome(StrEnum):
    """What one recommendation did in the interview."""

    HELPED = "helped"
    NO_DIFFERENCE = "no_difference"
    NOT_APPLIED = "not_applied"


class Reason(StrEnum):
    """Why a recommendation was not applied or made no difference (optional)."""

    NOT_NEEDED = "not_needed"
    NO_TIME = "no_time"
    NOT_POSSIBLE = "not_possible"
    UNCLEAR = "unclear"
    ALREADY_STANDARD = "already_standard"
    OTHER = "other"


class Missing(StrEnum):
    """What the sheet lacked (domain.md §8: needs that decide an interview); OTHER opens a short text."""

    INTERPRETER_LANGUAGE = "interpreter_language"
    HEARING_VISION = "hearing_vision"
    SCHEDULE = "schedule"
    NAME_TO_USE = "name_to_use"
    CONTACT_WITH_PEOPLE = "contact_with_people"
    PAPERS = "papers"
    MENTOR = "mentor"
    FOOD_DRINK_MEDICATION = "food_drink_medication"
    AFTER_THE_INTERVIEW = "after_the_interview"
    TRUST_IN_POLICE = "trust_in_police"
    NOTHING = "nothing"
    OTHER = "other"


READ_LABELS = {ReadBefore.YES: N_("Yes"), ReadBefore.NO: N_("No")}
OUTCOME_LABELS = {
    Outcome.HELPED: N_("Helped"),
    Outcome.NO_DIFFERENCE: N_("Made no difference"),
    Outcome.NOT_APPLIED: N_("Not applied"),
}
REASON_LABELS = {
    Reason.NOT_NEEDED: N_("Not needed in this interview"),
    Reason.NO_TIME: N_("No time to arrange it"),
    Reason.NOT_POSSIBLE: N_("Not possible at this location"),
    Reason.UNCLEAR: N_("The recommendation was unclear"),
    Reason.ALREADY_STANDARD: N_("We already do this as standard"),
    Reason.OTHER: N_("Another reason"),
}
MISSING_LABELS = {
    Missing.INTERPRETER_LANGUAGE: N_("Which language an interpreter must speak"),
    Missing.HEARING_VISION: N_("Hearing or sight"),
    Missing.SCHEDULE: N_("A picture plan of the day"),
    Missing.NAME_TO_USE: N_("The name the person wants to be called"),
    Missing.CONTACT_WITH_PEOPLE: N_("Contact with the people involved"),
    Missing.PAPERS: N_("Worries about papers or residence"),
    Missing.MENTOR: N_("Mentor, guardian or administrator"),
    Missing.FOOD_DRINK_MEDICATION: N_("Food, drink, toilet or medication times"),
    Missing.AFTER_THE_INTERVIEW: N_("What happens right after the interview"),
    Missing.TRUST_IN_POLICE: N_("Trust in the police and earlier experiences"),
    Missing.NOTHING: N_("Nothing was missing"),
    Missing.OTHER: N_("Something else"),
}


class FeedbackRefused(Exception):
    """Feedback that cannot be taken at all; the view shows the message of its kind."""

    kind = "refused"


class ShareNotActive(FeedbackRefused):
    """The share was revoked or has expired."""

    kind = "share_not_active"


class BeforeInterview(FeedbackRefused):
    """The interview date is still to come, or is not known yet."""

    kind = "before_interview"


class EditWindowClosed(FeedbackRefused):
    """The feedback was given more than EDIT_DAYS ago."""

    kind = "edit_closed"


class DateProblem(StrEnum):
    """Why an interview date is refused."""

    FUTURE = "future"
    BEFORE_PREPARATION = "before_preparation"
    TOO_FAR_AHEAD = "too_far_ahead"


def interview_date_problem(
    interview_on: date, *, preparation_started: datetime, today: date, planned: bool
) -> DateProblem | None:
    """Return why a date cannot be the interview date, or None (a planned date may lie ahead)."""
    if interview_on < as_utc(preparation_started).date():
        return DateProblem.BEFORE_PREPARATION
    if interview_on > today:
        if not planned:
            return DateProblem.FUTURE
        if interview_on > today + timedelta(days=PLAN_AHEAD_DAYS):
            return DateProblem.TOO_FAR_AHEAD
    return None


@dataclass(frozen=True)
class FeedbackWindow:
    """What decides whether the form is open: the share, the interview date, an earlier answer."""

    share_active: bool
    interview_on: date | None
    first_given_at: datetime | None


def form_state(window: FeedbackWindow, now: datetime) -> None:
    """Raise why the form is closed now, or return when it is open (for a first answer or a change)."""
    if not window.share_active:
        raise ShareNotActive
    if window.first_given_at is not None:
        if as_utc(now) >= as_utc(window.first_given_at) + timedelta(days=EDIT_DAYS):
            raise EditWindowClosed
        return
    if window.interview_on is not None and window.interview_on > as_utc(now).date():
        raise BeforeInterview


def editable_until(first_given_at: datetime) -> datetime:
    """The moment after which a given feedback can no longer be changed."""
    return as_utc(first_given_at) + timedelta(days=EDIT_DAYS)


@dataclass(frozen=True)
class RuleAnswer:
    """What one recommendation did, and an optional reason."""

    outcome: Outcome
    reason: Reason | None = None


@dataclass(frozen=True)
class FeedbackAnswers:
    """The structured answers of one feedback form (stored encrypted as plain data)."""

    read_before: ReadBefore
    rules: Mapping[str, RuleAnswer] = field(default_factory=dict)
    missing: tuple[Missing, ...] = ()

    def as_data(self) -> dict[str, Any]:
        """Plain data for storage."""
        return {
            "read_before": self.read_before.value,
            "rules": {
                rule_id: {
                    "outcome": answer.outcome.value,
                    "reason": answer.reason.value if answer.reason else None,
                }
                for rule_id, answer in self.rules.items()
            },
            "missing": [item.value for item in self.missing],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FeedbackAnswers:
        """Read stored data back; values no longer known are dropped rather than failing."""
        rules = {}
        for rule_id, raw in (data.get("rules") or {}).items():
            try:
                outcome = Outcome(raw.get("outcome"))
            except ValueError:
                continue
            reason = raw.get("reason")
            rules[str(rule_id)] = RuleAnswer(outcome, Reason(reason) if reason in set(Reason) else None)
        missing = tuple(Missing(item) for item in data.get("missing") or () if item in set(Missing))
        read = data.get("read_before")
        return cls(ReadBefore(read) if read in set(ReadBefore) else ReadBefore.NO, rules, missing)


class AnswerProblem(StrEnum):
    """Why a submitted form is sent back (the view names the field)."""

    READ_MISSING = "read_missing"
    UNKNOWN_RULE = "unknown_rule"
    UNKNOWN_CHOICE = "unknown_choice"
    NOTHING_WITH_OTHERS = "nothing_with_others"
    OTHER_EMPTY = "other_empty"


def parse_answers(
    read_before: str | None,
    outcomes: Mapping[str, str],
    reasons: Mapping[str, str],
    missing: Iterable[str],
    other_text: str,
    sheet_rule_ids: Iterable[str],
) -> tuple[FeedbackAnswers | None, dict[str, AnswerProblem]]:
    """Turn the raw form values into answers, or return the problems by field name.

    A recommendation left unanswered is simply not part of the feedback; a reason given with "helped"
    is dropped (it only explains an outcome that did not help).
    """
    problems: dict[str, AnswerProblem] = {}
    known_rules = list(sheet_rule_ids)
    if read_before not in set(ReadBefore):
        problems["read_before"] = AnswerProblem.READ_MISSING
    rules: dict[str, RuleAnswer] = {}
    for rule_id, raw in outcomes.items():
        if rule_id not in known_rules:
            problems["rules"] = AnswerProblem.UNKNOWN_RULE
            continue
        if not raw:
            continue
        if raw not in set(Outcome):
            problems[f"outcome-{rule_id}"] = AnswerProblem.UNKNOWN_CHOICE
            continue
        reason_raw = reasons.get(rule_id) or ""
        if reason_raw and reason_raw not in set(Reason):
            problems[f"reason-{rule_id}"] = AnswerProblem.UNKNOWN_CHOICE
            continue
        outcome = Outcome(raw)
        reason = Reason(reason_raw) if reason_raw and outcome is not Outcome.HELPED else None
        rules[rule_id] = RuleAnswer(outcome, reason)
    chosen = list(dict.fromkeys(missing))
    if any(item not in set(Missing) for item in chosen):
        problems["missing"] = AnswerProblem.UNKNOWN_CHOICE
    elif Missing.NOTHING.value in chosen and len(chosen) > 1:
        problems["missing"] = AnswerProblem.NOTHING_WITH_OTHERS
    elif Missing.OTHER.value in chosen and not other_text.strip():
        problems["other_missing"] = AnswerProblem.OTHER_EMPTY
    if problems:
        return None, problems
    ordered = {rule_id: rules[rule_id] for rule_id in known_rules if rule_id in rules}
    return FeedbackAnswers(ReadBefore(str(read_before)), ordered, tuple(Missing(item) for item in chosen)), {}
