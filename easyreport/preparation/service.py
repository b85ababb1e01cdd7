"""Preparation rules over the database: ownership, answers, observations, statement notes (no Flask).

Every read goes through the counsellor who owns the preparation; anything else is NotFound, so a
guessed id tells nobody whether it exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.accounts.passwords import hash_password, verify_password
from easyreport.briefing import sheet_store
from easyreport.content.model import Questionnaire
from easyreport.content.observations import observations_for
from easyreport.preparation import display, flow
from easyreport.preparation.errors import PreparationError
from easyreport.preparation.models import Answer, Observation, Preparation, StatementNote, is_public_id

AGE_BANDS = ("12-15", "16-17", "18-22", "23-29", "30-plus")
SPEEDS = ("normal", "slow")
CLIENT_CODE = re.compile(r"^[A-Za-z0-9-]{1,12}$")
PIN = re.compile(r"^[0-9]{4,8}$")
NOTE_MAX = 1000
STATEMENT_MAX = 5000


class NotFound(PreparationError):
    """No such preparation (or statement) for this counsellor."""


class InvalidClientCode(PreparationError):
    """A client code must be short letters and digits: a pseudonym, not a name."""


class InvalidChoice(PreparationError):
    """A value that is not one of the offered choices (age band, speed, observation)."""


class StaleAnswer(PreparationError):
    """The answer was changed elsewhere after this form was shown."""

    def __init__(self, question_id: str) -> None:
        super().__init__(question_id)
        self.question_id = question_id


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as the screens need it."""

    option_ids: tuple[str, ...]
    entered_by: str
    version: int
    seconds_taken: float | None


def create(
    session: Session,
    counsellor_id: int,
    client_code: str,
    age_band: str,
    client_locale: str,
    *,
    now: datetime,
    pin: str | None = None,
) -> Preparation:
    """Start a preparation for a client known only by a code and an age band."""
    code = client_code.strip()
    if not CLIENT_CODE.match(code):
        raise InvalidClientCode(code)
    if age_band not in AGE_BANDS:
        raise InvalidChoice(age_band)
    if pin and not PIN.match(pin):
        raise InvalidChoice("pin")
    preparation = Preparation(
        counsellor_id=counsellor_id,
        client_code=code.upper(),
        age_band=age_band,
        client_locale=client_locale,
        unlock_pin_hash=hash_password(pin) if pin else None,
        created_at=now,
        updated_at=now,
    )
    session.add(preparation)
    session.flush()
    return preparation


def owned(session: Session, counsellor_id: int, public_id: str) -> Preparation:
    """Return the counsellor's own preparation, or raise NotFound."""
    if not is_public_id(public_id):
        raise NotFound(public_id[:32])
    preparation = session.scalar(select(Preparation).where(Preparation.public_id == public_id))
    if preparation is None or preparation.counsellor_id != counsellor_id:
        raise NotFound(public_id)
    return preparation


def list_for(session: Session, counsellor_id: int) -> list[Preparation]:
    """The counsellor's preparations, most recently changed first."""
    return list(
        session.scalars(
            select(Preparation)
            .where(Preparation.counsellor_id == counsellor_id)
            .order_by(Preparation.updated_at.desc())
        )
    )


def stored_answers(session: Session, preparation: Preparation) -> dict[str, StoredAnswer]:
    """Every saved answer of a preparation by question id."""
    # Columns, not Answer objects: every page of a preparation reads all its answers, and building
    # forty ORM objects was a fifth of the overview page.
    rows = session.execute(
        select(
            Answer.question_id, Answer.option_ids, Answer.entered_by, Answer.version, Answer.seconds_taken
        ).where(Answer.preparation_id == preparation.id)
    )
    return {
        row.question_id: StoredAnswer(tuple(row.option_ids), row.entered_by, row.version, row.seconds_taken)
        for row in rows
    }


def answers(session: Session, preparation: Preparation) -> dict[str, tuple[str, ...]]:
    """The chosen option ids by question id, as the flow functions take them."""
    return {qid: stored.option_ids for qid, stored in stored_answers(session, preparation).items()}


def answers_of_each(
    session: Session, preparations: Iterable[Preparation]
) -> dict[int, dict[str, tuple[str, ...]]]:
    """The chosen option ids by question id for each preparation (by id), in one query for all of them."""
    found: dict[int, dict[str, tuple[str, ...]]] = {preparation.id: {} for preparation in preparations}
    if found:
        rows = session.execute(
            select(Answer.preparation_id, Answer.question_id, Answer.option_ids).where(
                Answer.preparation_id.in_(found)
            )
        )
        for preparation_id, question_id, option_ids in rows:
            found[preparation_id][question_id] = tuple(option_ids)
    return found


def record_answer(
    session: Session,
    preparation: Preparation,
    questionnaire: Questionnaire,
    question_id: str,
    option_ids: Iterable[str],
    *,
    entered_by: str,
    now: datetime,
    expected_version: int | None = None,
    seconds_taken: float | None = None,
) -> StoredAnswer:
    """Validate and save an answer at once; a form shown before another change raises StaleAnswer.

    expected_version is the version the form was shown with (0 = unanswered then); None skips the check.
    Sending the same answer twice (a double click) is accepted and changes nothing.
    """
    chosen = flow.validate_answer(questionnaire, question_id, option_ids)
    row = session.scalar(
        select(Answer).where(Answer.preparation_id == preparation.id, Answer.question_id == question_id)
    )
    current_version = row.version if row is not None else 0
    if row is not None and tuple(row.option_ids) == chosen:
        return StoredAnswer(chosen, row.entered_by, row.version, row.seconds_taken)
    if expected_version is not None and expected_version != current_version:
        raise StaleAnswer(question_id)
    if row is None:
        row = Answer(preparation_id=preparation.id, question_id=question_id, version=0)
        session.add(row)
    row.option_ids = list(chosen)
    row.entered_by = entered_by
    row.answered_at = now
    row.seconds_taken = seconds_taken if entered_by == "client" else None
    row.version = current_version + 1
    preparation.updated_at = now
    # A sheet stored from the old answers is never shown again (its key is a digest of them); deleting it
    # now keeps its content from waiting in the database until it expires.
    sheet_store.forget(session, preparation.id)
    session.flush()
    return StoredAnswer(chosen, row.entered_by, row.version, row.seconds_taken)


def observations(session: Session, preparation: Preparation) -> dict[str, Observation]:
    """The counsellor's observations by module id."""
    rows = session.scalars(select(Observation).where(Observation.preparation_id == preparation.id))
    return {row.module_id: row for row in rows}


def record_observation(
    session: Session,
    preparation: Preparation,
    module_id: str,
    choice_ids: Iterable[str],
    note: str,
    *,
    now: datetime,
) -> Observation:
    """Save the structured observations and the short note of one module."""
    offered = {observation.id for observation in observations_for(module_id)}
    chosen = list(dict.fromkeys(choice_ids))
    if not offered or any(choice not in offered for choice in chosen):
        raise InvalidChoice(module_id)
    row = session.scalar(
        select(Observation).where(
            Observation.preparation_id == preparation.id, Observation.module_id == module_id
        )
    )
    if row is None:
        row = Observation(preparation_id=preparation.id, module_id=module_id)
        session.add(row)
    row.choice_ids = chosen
    row.note = note.strip()[:NOTE_MAX] or None
    row.updated_at = now
    preparation.updated_at = now
    sheet_store.forget(session, preparation.id)  # as in record_answer
    session.flush()
    return row


def set_language(
    session: Session,
    preparation: Preparation,
    code: str,
    *,
    offered: tuple[str, ...],
    interpreter_needed: bool,
) -> None:
    """Choose the client's language (one of the offered codes) and whether an interpreter is needed."""
    if code not in offered:
        raise InvalidChoice(code[:16])
    preparation.client_locale = code
    preparation.interpreter_needed = interpreter_needed
    sheet_store.forget(session, preparation.id)  # the sheet names the language (as in record_answer)
    session.flush()


def set_speech(session: Session, preparation: Preparation, *, speed: str, read_aloud_auto: bool) -> None:
    """Choose the read-aloud speed and whether questions are read aloud when they open."""
    if speed not in SPEEDS:
        raise InvalidChoice(speed)
    preparation.speech_speed = speed
    preparation.read_aloud_auto = read_aloud_auto
    session.flush()


def display_settings(preparation: Preparation) -> display.DisplaySettings:
    """Return how the client screens look for this preparation."""
    return display.stored(
        preparation.display_text_size, preparation.display_wide_spacing, preparation.display_high_contrast
    )


def set_display(session: Session, preparation: Preparation, settings: display.DisplaySettings) -> None:
    """Store the display settings of the client screens."""
    preparation.display_text_size = settings.text_size
    preparation.display_wide_spacing = settings.spacing == "wide"
    preparation.display_high_contrast = settings.contrast == "high"
    session.flush()


def check_unlock(
    preparation: Preparation, secret: str, password_hash: str, *, allow_pin: bool = True
) -> bool:
    """Accept the counsellor's password, or the preparation's PIN when one was set and is still allowed."""
    if verify_password(password_hash, secret):
        return True
    pin_hash = preparation.unlock_pin_hash
    return allow_pin and pin_hash is not None and verify_password(pin_hash, secret)


def add_statement(
    session: Session,
    preparation: Preparation,
    author_id: int,
    words: str,
    said_at: str,
    present: str,
    *,
    now: datetime,
) -> StatementNote:
    """Record a client's spontaneous words exactly as said."""
    note = StatementNote(
        preparation_id=preparation.id,
        author_id=author_id,
        words=words[:STATEMENT_MAX],
        said_at=said_at.strip()[:64],
        present=present.strip()[:500],
        created_at=now,
    )
    session.add(note)
    session.flush()
    return note


def statements_by(session: Session, preparation: Preparation, author_id: int) -> list[StatementNote]:
    """The statement notes this author wrote for the preparation (others' notes stay hidden)."""
    return list(
        session.scalars(
            select(StatementNote)
            .where(StatementNote.preparation_id == preparation.id, StatementNote.author_id == author_id)
            .order_by(StatementNote.created_at)
        )
    )


def statement_of(session: Session, author_id: int, public_id: str) -> StatementNote:
    """Return a statement note only to its author; anyone else gets NotFound."""
    if not is_public_id(public_id):
        raise NotFound(public_id[:32])
    note = session.scalar(select(StatementNote).where(StatementNote.public_id == public_id))
    if note is None or note.author_id != author_id:
        raise NotFound(public_id)
    return note
