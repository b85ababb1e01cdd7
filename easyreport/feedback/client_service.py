"""The client's feedback over the database (no Flask): answers kept with the preparation, never on the sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.feedback.client_questions import FeedbackQuestion
from easyreport.feedback.models import ClientFeedback
from easyreport.preparation.models import Preparation


class InvalidAnswer(ValueError):
    """An answer that is not one of the question's."""


def answers(session: Session, preparation: Preparation) -> dict[str, str]:
    """The client's feedback answers so far, by question id."""
    row = session.get(ClientFeedback, preparation.id)
    return dict(row.answers) if row is not None else {}


def record(
    session: Session, preparation: Preparation, question: FeedbackQuestion, option_id: str, *, now: datetime
) -> None:
    """Save one answer the moment it is given (a new answer replaces the earlier one)."""
    if question.option(option_id) is None:
        raise InvalidAnswer(option_id[:64])
    row = session.get(ClientFeedback, preparation.id)
    if row is None:
        row = ClientFeedback(preparation_id=preparation.id, answers={})
        session.add(row)
    row.answers = {**row.answers, question.id: option_id}
    row.updated_at = now
    session.flush()


def answers_of(session: Session, preparation_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """The feedback answers of many preparations (for the evaluation's counts)."""
    if not preparation_ids:
        return {}
    rows = session.scalars(select(ClientFeedback).where(ClientFeedback.preparation_id.in_(preparation_ids)))
    return {row.preparation_id: dict(row.answers) for row in rows}
