"""Opening a shared sheet holds no write lock while the sheet is built or typeset: other writers never wait on it."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from easyreport.audit.storage import ADVISORY_LOCK_KEY
from easyreport.briefing import render
from easyreport.briefing import service as briefing
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.timeutil import utcnow
from tests.briefing.factory import get_preparation, ready_sheet
from tests.conftest import login


def _can_write_now(url: str, share_id: int) -> bool:
    """Try, from another connection and without waiting, what a writer needs: the write lock, the share's row."""
    engine = create_engine(url, connect_args={"timeout": 0} if url.startswith("sqlite") else {})
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                try:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                except OperationalError:  # "database is locked": the answer sought
                    return False
                connection.exec_driver_sql("ROLLBACK")
                return True
            with connection.begin():
                got = connection.execute(
                    text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
                ).scalar()
                try:
                    connection.execute(
                        text("SELECT 1 FROM shares WHERE id = :id FOR UPDATE NOWAIT"), {"id": share_id}
                    )
                except OperationalError:  # "could not obtain lock": the answer sought
                    return False
                return bool(got)
    finally:
        engine.dispose()


@pytest.mark.parametrize("path", ["", "/pdf"])
def test_the_sheet_is_built_with_no_write_lock_held(app, make_user, monkeypatch, path):
    counsellor, officer = make_user(Role.COUNSELLOR), make_user(Role.OFFICER)
    public_id = ready_sheet(app, counsellor.id)
    with app.app_context():
        record = sharing.share(
            db.session, get_preparation(public_id), [officer.id], 14, by=counsellor.id, now=utcnow()
        )[0]
        db.session.commit()
        share_public_id, share_id, url = (
            record.public_id,
            record.id,
            str(db.engine.url.render_as_string(hide_password=False)),
        )
    seen: list[bool] = []
    build = briefing.build_for

    def watched(*args, **kwargs):
        seen.append(_can_write_now(url, share_id))
        return build(*args, **kwargs)

    monkeypatch.setattr(briefing, "build_for", watched)
    typeset = render.typeset_pdf

    def watched_typeset(*args, **kwargs):
        seen.append(_can_write_now(url, share_id))
        return typeset(*args, **kwargs)

    monkeypatch.setattr(render, "typeset_pdf", watched_typeset)
    client = app.test_client()
    login(client, officer.username)
    response = client.get(f"/officer/sheets/{share_public_id}{path}")
    assert response.status_code == 200
    assert seen == ([True, True] if path else [True])  # built (and typeset) with the lock free
    with app.app_context():
        opened = db.session.get(type(record), share_id)
        assert opened is not None and opened.last_opened_at is not None  # the opening is still noted
