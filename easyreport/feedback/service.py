"""Feedback over the database: the interview date and the officer's form on a share (no Flask).

The share is looked up through the sharing access rules: another officer's share, or one that does not
exist, is NotFound, so nobody learns whether it exists. The officer's own share that was revoked or has
expired is ShareNotActive, with its own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.feedback import officer as rules
from easyreport.feedback.models import InterviewDate, OfficerFeedback
from easyreport.preparation.models import Preparation, is_public_id
from easyreport.sharing.access import ShareFacts, ShareState, share_state
from easyreport.sharing.models import Share, UnitMember
from easyreport.sharing.models import Unit as PoliceUnit
from easyreport.timeutil import as_utc


class NotFound(Exception):
    """Nothing the caller may reach under this id."""


@dataclass(frozen=True)
class ShareContext:
    """A share an officer may give feedback on, with what decides whether the form is open."""

    share: Share
    preparation: Preparation
    interview: InterviewDate | None
    feedback: OfficerFeedback | None
    active: bool

    def window(self) -> rules.FeedbackWindow:
        """The facts the form's rules look at."""
        return rules.FeedbackWindow(
            share_active=self.active,
            interview_on=self.interview.interview_on if self.interview else None,
            first_given_at=self.feedback.created_at if self.feedback else None,
        )


def officer_share(session: Session, officer_id: int, share_public_id: str, now: datetime) -> ShareContext:
    """Return the officer's own share (active or not) with its feedback; anyone else's is NotFound."""
    if not is_public_id(share_public_id):
        raise NotFound(share_public_id[:32])
    record = session.scalar(select(Share).where(Share.public_id == share_public_id))
    if record is None or record.officer_id != officer_id:
        raise NotFound(share_public_id)
    preparation = session.get(Preparation, record.preparation_id)
    if preparation is None:
        raise NotFound(share_public_id)
    state = share_state(ShareFacts(record.officer_id, record.expires_at, record.revoked_at), now)
    return ShareContext(
        share=record,
        preparation=preparation,
        interview=session.get(InterviewDate, preparation.id),
        feedback=session.scalar(
            select(OfficerFeedback).where(OfficerFeedback.share_public_id == record.public_id)
        ),
        active=state is ShareState.ACTIVE,
    )


def set_interview_date(
    session: Session, preparation: Preparation, interview_on: date, *, role: str, today: date, planned: bool
) -> rules.DateProblem | None:
    """Record the interview date, or return why it is refused (nothing is changed then)."""
    problem = rules.interview_date_problem(
        interview_on, preparation_started=preparation.created_at, today=today, planned=planned
    )
    if problem is not None:
        return problem
    row = session.get(InterviewDate, preparation.id)
    if row is None:
        row = InterviewDate(preparation_id=preparation.id, interview_on=interview_on, entered_by_role=role)
        session.add(row)
    row.interview_on = interview_on
    row.entered_by_role = role
    session.flush()
    return None


def interview_of(session: Session, preparation: Preparation) -> InterviewDate | None:
    """The recorded interview date of a preparation, if any."""
    return session.get(InterviewDate, preparation.id)


def officer_unit_key(session: Session, officer_id: int) -> str | None:
    """The key of the officer's unit now, if they are in one."""
    return session.scalar(
        select(PoliceUnit.key)
        .join(UnitMember, UnitMember.unit_id == PoliceUnit.id)
        .where(UnitMember.user_id == officer_id)
    )


def save_feedback(
    session: Session,
    context: ShareContext,
    answers: rules.FeedbackAnswers,
    other_text: str | None,
    other_check: dict[str, object] | None,
    *,
    now: datetime,
) -> OfficerFeedback:
    """Store the form (first time or a change within the edit window); the caller audits and commits."""
    rules.form_state(context.window(), now)
    row = context.feedback
    if row is None:
        row = OfficerFeedback(
            share_public_id=context.share.public_id,
            preparation_id=context.preparation.id,
            officer_id=context.share.officer_id,
            unit_key=officer_unit_key(session, context.share.officer_id),
            answers=answers.as_data(),
            created_at=now,
        )
        session.add(row)
    row.answers = answers.as_data()
    row.other_missing = other_text or None
    row.other_check = other_check
    row.updated_at = now
    if answers.read_before is rules.ReadBefore.YES and context.share.read_confirmed_at is None:
        context.share.read_confirmed_at = now
    session.flush()
    return row


def feedback_for_preparation(session: Session, preparation: Preparation) -> list[OfficerFeedback]:
    """Every officer feedback on a preparation's shares (for its counsellor), oldest first."""
    return list(
        session.scalars(
            select(OfficerFeedback)
            .where(OfficerFeedback.preparation_id == preparation.id)
            .order_by(OfficerFeedback.created_at)
        )
    )


def still_editable(row: OfficerFeedback, now: datetime) -> bool:
    """Whether the officer can still change this feedback."""
    return as_utc(now) < rules.editable_until(row.created_at)
