"""Retention: what is past its period goes, with everything hanging off it; one day earlier it stays.

Stored sheets (sheet_store.py) go when the sheet expires, and with their preparation.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from easyreport.audit.storage import AuditEntry
from easyreport.briefing.kept import kept_sheet
from easyreport.briefing.models import StoredSheet
from easyreport.briefing.sheet_store import SheetKind
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.preparation.models import Answer, Preparation, StatementNote
from easyreport.purge import purge
from easyreport.retention import RetentionPolicy
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.sharing.models import Share
from easyreport.timeutil import utcnow
from tests.briefing.factory import get_preparation, ready_sheet

POLICY = RetentionPolicy.from_days(preparation=90)
IDLE = timedelta(minutes=30)


def _preparation(owner_id: int, changed_days_ago: int, code: str) -> Preparation:
    now = utcnow()
    preparation = service.create(
        db.session, owner_id, code, "18-22", "nl", now=now - timedelta(days=changed_days_ago)
    )
    question = QUESTIONNAIRE.questions[0]
    service.record_answer(
        db.session,
        preparation,
        QUESTIONNAIRE,
        question.id,
        ["dont_know"],
        entered_by="client",
        now=now - timedelta(days=changed_days_ago),
    )
    service.add_statement(db.session, preparation, owner_id, "words", "then", "me", now=now)
    return preparation


def test_preparations_go_one_day_after_the_limit_not_before(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    with app.app_context():
        keep = _preparation(owner.id, 89, "KEEP")
        gone = _preparation(owner.id, 91, "GONE")
        db.session.commit()
        report = purge(db.session, POLICY, utcnow(), IDLE)
        db.session.commit()
        assert report.preparations == 1
        codes = {p.client_code for p in db.session.scalars(select(Preparation))}
        assert codes == {"KEEP"}
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 1
        assert db.session.scalar(select(func.count()).select_from(StatementNote)) == 1
        assert keep.id != gone.id


def test_shares_go_at_their_expiry(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    officer = make_user(Role.OFFICER)
    with app.app_context():
        preparation = _preparation(owner.id, 1, "S1")
        now = utcnow()
        sharing.share(db.session, preparation, [officer.id], 1, by=owner.id, now=now)
        db.session.commit()
        assert purge(db.session, POLICY, now + timedelta(hours=23), IDLE).shares == 0
        assert purge(db.session, POLICY, now + timedelta(days=1, seconds=1), IDLE).shares == 1
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Share)) == 0


def test_purge_command_logs_counts_and_overwrites_deleted_data(app, make_user, tmp_path):
    owner = make_user(Role.COUNSELLOR)
    with app.app_context():
        gone = _preparation(owner.id, 120, "OLD")
        token = db.session.execute(
            select(Answer.__table__.c.option_ids).where(Answer.preparation_id == gone.id)
        ).scalar_one()
        db.session.commit()
    output = app.test_cli_runner().invoke(args=["purge"]).output
    assert "Purged 1 preparations" in output
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "purge"))
        assert entry is not None and '"preparations":1' in entry.metadata_json
        if db.engine.dialect.name == "sqlite":
            db.session.close()  # return the connection first: dispose() only closes connections in the pool
            db.engine.dispose()
            raw = b"".join(p.read_bytes() for p in tmp_path.glob("test.sqlite*"))
            assert str(token).encode() not in raw  # secure_delete overwrote the deleted row


def test_rows_already_loaded_in_the_session_are_purged_too(app, make_user):
    # The purge counts what expiring preparations contributed first, which loads them; an ORM delete that
    # then evaluated its criteria on those objects compared SQLite's naive datetimes with an aware `now`.
    owner = make_user(Role.COUNSELLOR)
    with app.app_context():
        gone_id = _preparation(owner.id, 91, "GONE").id
        db.session.commit()
    with app.app_context():
        loaded = db.session.get(Preparation, gone_id)  # read back from the database, as `flask purge` does
        assert loaded is not None
        report = purge(db.session, POLICY, utcnow(), IDLE)
        db.session.commit()
        assert report.preparations == 1
        assert db.session.get(Preparation, gone_id) is None


def _stored_sheets(app, owner_id: int, count: int) -> list[int]:
    """Ready sheets with their page body stored (as a first view stores it); return the preparation ids."""
    ids = []
    for _ in range(count):
        public_id = ready_sheet(app, owner_id)
        with app.test_request_context("/"):
            preparation = get_preparation(public_id)
            kept_sheet(db.session, preparation, "nl", SheetKind.PAGE, now=utcnow())
            db.session.commit()
            ids.append(preparation.id)
    return ids


def _stored_of(preparation_id: int) -> int:
    query = select(func.count()).select_from(StoredSheet).where(StoredSheet.preparation_id == preparation_id)
    return db.session.scalar(query) or 0


def test_stored_sheets_go_when_the_sheet_expires_not_before(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    current, old = _stored_sheets(app, owner.id, 2)
    with app.app_context():
        row = db.session.scalars(select(StoredSheet).where(StoredSheet.preparation_id == old)).one()
        row.valid_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
        report = purge(db.session, POLICY, utcnow(), IDLE)
        db.session.commit()
        assert report.sheets == 1 and report.as_metadata()["sheets"] == 1
        assert (_stored_of(current), _stored_of(old)) == (1, 0)


def test_stored_sheets_go_with_their_preparation(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    (preparation_id,) = _stored_sheets(app, owner.id, 1)
    with app.app_context():
        preparation = db.session.get(Preparation, preparation_id)
        assert preparation is not None and _stored_of(preparation_id) == 1
        preparation.updated_at = utcnow() - timedelta(days=91)  # past retention, though the sheet is valid
        db.session.commit()
        report = purge(db.session, POLICY, utcnow(), IDLE)
        db.session.commit()
        assert report.preparations == 1
        assert _stored_of(preparation_id) == 0
        assert db.session.scalar(select(func.count()).select_from(StoredSheet)) == 0
