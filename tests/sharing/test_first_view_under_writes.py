"""An officer's first view of a sheet (built and stored then) while other people's writes are committed.

Under load (benchmarks/load.py, 50 clients answering) such a view answered 500 on SQLite: the savepoint
that stores the sheet began a transaction on its first read, a write committed by someone else made that
snapshot outdated, and the view's own writes (the stored sheet, then its audit entry) failed at once with
"database is locked". Here another connection commits a write right after that read, every time.
"""

from __future__ import annotations

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from easyreport.audit.storage import AuditEntry
from easyreport.briefing import sheet_store
from easyreport.briefing.models import StoredSheet
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.briefing.factory import ready_sheet
from tests.conftest import login
from tests.sharing.test_sharing_views import _share, _share_id

# A write that really changes the database (SQLite skips an update that changes no value).
WRITE = text(
    "INSERT INTO login_attempts (username, at, succeeded, address, kind) "
    "VALUES ('someone', :now, :no, '127.0.0.1', 'password')"
).bindparams(no=False)


def test_a_write_committed_meanwhile_does_not_fail_the_first_view(app, make_user, monkeypatch):
    counsellor, officer = make_user(Role.COUNSELLOR), make_user(Role.OFFICER)
    public_id = ready_sheet(app, counsellor.id)
    staff, reader = app.test_client(), app.test_client()
    login(staff, counsellor.username)
    login(reader, officer.username)
    assert _share(staff, public_id, [officer.id]).status_code == 302
    share_id = _share_id(app)
    with app.app_context():
        url = db.engine.url
    # Someone else's write, which does not wait: on SQLite it is refused while the view holds the lock.
    other = create_engine(url, connect_args={"timeout": 0} if url.get_backend_name() == "sqlite" else {})
    outcomes: list[str] = []
    real_row = sheet_store._row

    def row_then_someone_writes(session, *args):
        found = real_row(session, *args)
        if session.in_nested_transaction():  # the read inside keep's savepoint
            try:
                with other.begin() as connection:
                    connection.execute(WRITE, {"now": utcnow()})
                outcomes.append("committed")
            except OperationalError:
                outcomes.append("waits for the view")
        return found

    monkeypatch.setattr(sheet_store, "_row", row_then_someone_writes)
    try:
        first = reader.get(f"/officer/sheets/{share_id}")
        pdf = reader.get(f"/officer/sheets/{share_id}/pdf")
    finally:
        other.dispose()
    assert first.status_code == 200, first.text
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert len(outcomes) == 2, outcomes  # both views built and stored their sheet
    if url.get_backend_name() == "sqlite":
        assert outcomes == ["waits for the view"] * 2  # the view held the write lock before it read
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == share_id)))
        stored = db.session.scalar(select(func.count()).select_from(StoredSheet))
    assert actions.count("view_sheet") == 1 and actions.count("download_pdf") == 1, actions
    assert stored == 2  # the page body and the PDF's document, both kept
