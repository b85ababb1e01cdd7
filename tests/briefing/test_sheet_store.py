"""The built sheet is stored per preparation, language and kind: reused while nothing changed, never after.

Reuse is proven by counting builds (kept_sheet builds with the inputs it read) and by changing a stored
body directly: a view that shows the changed body did not build. The audit entry is written on every view,
stored sheet or not; every change a sheet depends on deletes the stored rows at once; an expired stored
sheet is never shown; the rows are encrypted; two first views at once both succeed.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from easyreport.audit.storage import AuditEntry
from easyreport.briefing import kept, service, sheet_store
from easyreport.briefing.models import StoredSheet
from easyreport.briefing.sheet_store import KeptSheet, SheetKind
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.paths import TEMPLATES_DIR
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.timeutil import utcnow
from tests.briefing.factory import get_preparation, give_consent, ready_sheet, save_settings
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

CONTACT = "Jolanda Zwanenburg-Kwekel"  # on the sheet (contact for the police); found nowhere else by chance


def rows(preparation_id: int | None = None) -> list[StoredSheet]:
    query = select(StoredSheet).execution_options(populate_existing=True)
    if preparation_id is not None:
        query = query.where(StoredSheet.preparation_id == preparation_id)
    return list(db.session.scalars(query.order_by(StoredSheet.kind, StoredSheet.locale)))


def views(action: str, object_id: str) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.object_id == object_id)
        )
        or 0
    )


def test_the_sheet_is_built_once_and_every_view_is_audited(app, make_user, builds):
    counsellor, officer = make_user(Role.COUNSELLOR), make_user(Role.OFFICER)
    public_id = ready_sheet(app, counsellor.id, settings={"contact_name": CONTACT})
    with app.app_context():
        preparation = get_preparation(public_id)
        (record,) = sharing.share(db.session, preparation, [officer.id], 14, by=counsellor.id, now=utcnow())
        db.session.commit()
        share_id, preparation_id = record.public_id, preparation.id
        sheet_id = service.settings_for(db.session, preparation).sheet_id  # type: ignore[union-attr]
    staff, police = app.test_client(), app.test_client()
    login(staff, counsellor.username)
    login(police, officer.username)
    pages = [staff.get(f"/briefing/{public_id}/sheet") for _ in range(3)]
    pages += [police.get(f"/officer/sheets/{share_id}") for _ in range(3)]
    assert [page.status_code for page in pages] == [200] * 6
    assert all(CONTACT in page.text for page in pages)
    # Counsellor and officer read the same language here: one build, one stored page body.
    assert len(builds) == 1
    with app.app_context():
        assert [(row.kind, row.locale) for row in rows(preparation_id)] == [("page", "nl")]
        assert views("view_sheet", sheet_id) == 3  # the counsellor's views
        assert views("view_sheet", share_id) == 3  # the officer's views, each one


def test_a_view_shows_the_stored_body_while_the_inputs_are_the_same(app, make_user, builds):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id)
    staff = app.test_client()
    login(staff, counsellor.username)
    assert staff.get(f"/briefing/{public_id}/sheet").status_code == 200
    with app.app_context():
        (row,) = rows()
        row.body = '<p id="stored">stored body</p>'
        db.session.commit()
    assert 'id="stored"' in staff.get(f"/briefing/{public_id}/sheet").text
    assert len(builds) == 1
    # Another digest (here: the stored one is not of these inputs) is never shown.
    with app.app_context():
        (row,) = rows()
        row.digest = "0" * 64
        db.session.commit()
    assert 'id="stored"' not in staff.get(f"/briefing/{public_id}/sheet").text
    assert len(builds) == 2


def test_the_pdf_document_is_stored_too_and_the_pdf_made_from_it(app, make_user, builds):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id)
    staff = app.test_client()
    login(staff, counsellor.username)
    first, second = (staff.get(f"/briefing/{public_id}/sheet.pdf") for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.data.startswith(b"%PDF")
    assert len(builds) == 1
    with app.app_context():
        assert [row.kind for row in rows()] == ["document"]


def _stored_count(app: Any, public_id: str) -> int:
    with app.test_request_context("/"):
        preparation = get_preparation(public_id)
        for kind in SheetKind:
            kept.kept_sheet(db.session, preparation, "nl", kind, now=utcnow())
        db.session.commit()
        return len(rows(preparation.id))


CHANGES = ["answer", "observation", "language", "settings", "top_three", "consent"]


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_to_what_the_sheet_is_built_from_deletes_the_stored_sheets(app, make_user, change):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id)
    assert _stored_count(app, public_id) == 2
    now = utcnow()
    with app.app_context():
        preparation = get_preparation(public_id)
        if change == "answer":
            question = QUESTIONNAIRE.questions[0]
            other = next(o.id for o in question.content_options if (o.id,) not in {("read_out",)})
            preparations.record_answer(
                db.session, preparation, QUESTIONNAIRE, question.id, [other], entered_by="counsellor", now=now
            )
        elif change == "observation":
            preparations.record_observation(db.session, preparation, "stress", ["laughs"], "note", now=now)
        elif change == "language":
            preparations.set_language(
                db.session, preparation, "en", offered=("nl", "en"), interpreter_needed=True
            )
        elif change == "top_three":
            settings = service.settings_for(db.session, preparation)
            assert settings is not None
            service.set_top_choice(db.session, settings, None)
        db.session.commit()
    if change == "settings":
        save_settings(app, public_id, contact_name="K. de Vries")
    if change == "consent":
        give_consent(app, public_id, counsellor.id, withheld={"safety"})
    with app.app_context():
        assert rows(get_preparation(public_id).id) == []


def test_an_expired_stored_sheet_is_never_shown(app, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id)
    with app.test_request_context("/"):
        preparation = get_preparation(public_id)
        got = kept.kept_sheet(db.session, preparation, "nl", SheetKind.PAGE, now=utcnow())
        db.session.commit()
        assert len(rows()) == 1
        with pytest.raises(service.SheetBlocked) as blocked:
            kept.kept_sheet(db.session, preparation, "nl", SheetKind.PAGE, now=got.valid_until)
        assert blocked.value.reason is service.BlockReason.EXPIRED
        just_before = got.valid_until - timedelta(seconds=1)
        assert kept.kept_sheet(db.session, preparation, "nl", SheetKind.PAGE, now=just_before) == got


def test_a_stored_sheet_is_encrypted(app, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id, settings={"contact_name": CONTACT})
    assert _stored_count(app, public_id) == 2
    with app.app_context():
        for raw in db.session.execute(text("SELECT digest, summary, body FROM stored_sheets")):
            for value in raw:
                assert value.startswith("v3.")
                sealed = base64.urlsafe_b64decode(value.split(".", 2)[2] + "==")
                assert CONTACT.encode() not in sealed and b"<article" not in sealed and b"ER-" not in sealed


def test_two_first_views_at_once_both_store_and_the_later_one_stays(app, make_user, monkeypatch):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id)
    until = utcnow() + timedelta(days=30)
    first = KeptSheet("ER-1", until, (("r1", "Do one"),), "<p>first</p>")
    second = KeptSheet("ER-1", until, (("r1", "Do one"),), "<p>second</p>")
    with app.app_context():
        preparation_id = get_preparation(public_id).id
        sheet_store.keep(db.session, preparation_id, "nl", SheetKind.PAGE, "a" * 64, first, now=utcnow())
        db.session.commit()
        # The other view looked before the first one's row was there: it adds, and meets the constraint.
        real_row = sheet_store._row
        looks: list[int] = []

        def not_seen_yet(*args: Any) -> StoredSheet | None:
            looks.append(1)
            return None if len(looks) == 1 else real_row(*args)

        monkeypatch.setattr(sheet_store, "_row", not_seen_yet)
        sheet_store.keep(db.session, preparation_id, "nl", SheetKind.PAGE, "b" * 64, second, now=utcnow())
        db.session.commit()
        assert len(looks) == 2
        monkeypatch.setattr(sheet_store, "_row", real_row)
        assert (
            sheet_store.find(db.session, preparation_id, "nl", SheetKind.PAGE, "a" * 64, now=utcnow()) is None
        )
        found = sheet_store.find(db.session, preparation_id, "nl", SheetKind.PAGE, "b" * 64, now=utcnow())
        assert found == second
        assert len(rows(preparation_id)) == 1


def test_the_code_version_covers_code_templates_and_translations():
    names = [name for name, _path in sheet_store._files((sheet_store._PACKAGE, TEMPLATES_DIR))]
    assert "0/briefing/rules_data.py" in names and "1/briefing/_sheet.html" in names
    assert not any(name.endswith(".pyc") for name in names)
    assert len(sheet_store.code_version()) == 64


def test_a_refused_write_stores_nothing_and_the_view_still_shows_the_sheet(app, make_user, monkeypatch):
    counsellor = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, counsellor.id, settings={"contact_name": CONTACT})

    def locked(*args: Any) -> None:
        # What SQLite says to the later of two first views whose snapshot is outdated.
        raise OperationalError("UPDATE stored_sheets", {}, Exception("database is locked"))

    monkeypatch.setattr(sheet_store, "_write", locked)
    staff = app.test_client()
    login(staff, counsellor.username)
    page = staff.get(f"/briefing/{public_id}/sheet")
    assert page.status_code == 200 and CONTACT in page.text
    with app.app_context():
        assert rows() == []
        assert views("view_sheet", service.settings_for(db.session, get_preparation(public_id)).sheet_id) == 1  # type: ignore[union-attr]
