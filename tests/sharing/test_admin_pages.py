"""Admin pages for units and the audit log: they work, and they never show client content."""

from __future__ import annotations

import re

from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.timeutil import utcnow
from tests.conftest import csrf_token, login


def test_admin_adds_a_unit_and_makes_an_officer_a_fixed_contact(app, client, make_user, logged_in):
    officer = make_user(Role.OFFICER)
    logged_in(Role.ADMIN)
    page = client.get("/admin/units")
    assert "AVIM" in page.text  # default units exist
    response = client.post(
        "/admin/units", data={"csrf_token": csrf_token(page.text), "name": "Basisteam Maastricht"}
    )
    assert response.status_code == 302
    page = client.get("/admin/units")
    assert "Basisteam Maastricht" in page.text
    with app.app_context():
        avim = next(u for u in sharing.units(db.session) if u.key == "avim")
    prefix = f"o{officer.id}"
    client.post(
        f"/admin/officers/{officer.id}/unit",
        data={
            "csrf_token": csrf_token(page.text),
            f"{prefix}-unit": str(avim.id),
            f"{prefix}-fixed_contact": "y",
        },
    )
    with app.app_context():
        assert sharing.fixed_contacts(db.session, "avim") == [officer.id]
    bad = client.post(
        f"/admin/officers/{officer.id}/unit",
        data={"csrf_token": csrf_token(page.text), f"{prefix}-unit": "999"},
        follow_redirects=True,
    )
    assert "Kies een van de eenheden." in bad.text
    counsellor = make_user(Role.COUNSELLOR)
    assert (
        client.post(
            f"/admin/officers/{counsellor.id}/unit", data={"csrf_token": csrf_token(page.text)}
        ).status_code
        == 404
    )


def test_audit_log_page_shows_metadata_and_no_client_content(app, client, make_user):
    author = make_user(Role.COUNSELLOR)
    login(client, author.username)
    with app.app_context():
        preparation = service.create(db.session, author.id, "ZQXW97", "18-22", "nl", now=utcnow())
        note = service.add_statement(
            db.session, preparation, author.id, "SECRET-WORDS", "now", "me", now=utcnow()
        )
        db.session.commit()
        statement_id = note.public_id
    client.get(f"/counsellor/preparations/statements/{statement_id}")
    admin = make_user(Role.ADMIN)
    admin_client = app.test_client()
    login(admin_client, admin.username)
    page = admin_client.get("/admin/audit")
    assert page.status_code == 200
    assert "statement_read" in page.text and "login" in page.text
    assert "SECRET-WORDS" not in page.text and "ZQXW97" not in page.text
    assert "De keten van regels is intact." in page.text
    filtered = admin_client.get("/admin/audit?action=login_failed")
    assert "statement_read" not in re.sub(r"<option.*?</option>", "", filtered.text, flags=re.S)
    assert admin_client.get("/admin/audit?page=abc&action=<script>").status_code == 200
