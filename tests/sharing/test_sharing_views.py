"""Sharing over HTTP: share, open, revoke, expire; the access rules hold on every route for every role."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from easyreport.audit.storage import AuditEntry
from easyreport.briefing.sheet_store import KeptSheet
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.sharing.forms import AppliedForm
from easyreport.sharing.models import Share
from easyreport.sharing.views import render_officer_sheet
from easyreport.timeutil import utcnow
from tests.briefing.factory import ready_sheet
from tests.conftest import csrf_token, login


@pytest.fixture
def world(app, make_user):
    """Two counsellors, two officers and an admin, each with their own client; one sheet ready to share."""
    people = {
        "counsellor": make_user(Role.COUNSELLOR),
        "counsellor2": make_user(Role.COUNSELLOR),
        "officer": make_user(Role.OFFICER),
        "officer2": make_user(Role.OFFICER),
        "admin": make_user(Role.ADMIN),
    }
    public_id = ready_sheet(app, people["counsellor"].id)
    clients = {}
    for name, user in people.items():
        clients[name] = app.test_client()
        login(clients[name], user.username)
    return people, clients, public_id


def _share(client, public_id, officer_ids, days="14"):
    page = client.get(f"/counsellor/preparations/{public_id}/share")
    return client.post(
        f"/counsellor/preparations/{public_id}/share",
        data={"csrf_token": csrf_token(page.text), "officers": [str(i) for i in officer_ids], "days": days},
    )


def _share_id(app) -> str:
    with app.app_context():
        return db.session.scalar(select(Share.public_id).order_by(Share.id.desc()))


def test_share_open_and_revoke(app, world):
    people, clients, public_id = world
    assert _share(clients["counsellor"], public_id, [people["officer"].id]).status_code == 302
    share_id = _share_id(app)
    officer = clients["officer"]
    home = officer.get("/officer/")
    assert f"/officer/sheets/{share_id}" in home.text
    sheet = officer.get(f"/officer/sheets/{share_id}")
    assert (sheet.status_code == 200 and "Voorbespreking" in sheet.text) or "sheet" in sheet.text
    pdf = officer.get(f"/officer/sheets/{share_id}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    listing = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/share")
    assert "Ja, voor het eerst op" in listing.text
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == share_id)))
    assert {"share", "view_sheet", "download_pdf"} <= actions

    revoke = clients["counsellor"].post(
        f"/counsellor/preparations/{public_id}/shares/{share_id}/revoke",
        data={"csrf_token": csrf_token(listing.text)},
    )
    assert revoke.status_code == 302
    assert officer.get(f"/officer/sheets/{share_id}").status_code == 404
    assert officer.get(f"/officer/sheets/{share_id}/pdf").status_code == 404
    assert share_id not in officer.get("/officer/").text
    replay = clients["counsellor"].post(
        f"/counsellor/preparations/{public_id}/shares/{share_id}/revoke",
        data={"csrf_token": csrf_token(listing.text)},
    )
    assert replay.status_code == 302
    history = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/history")
    assert "revoke" in history.text and "view_sheet" in history.text


def test_expired_share_is_gone(app, world):
    people, clients, public_id = world
    _share(clients["counsellor"], public_id, [people["officer"].id], days="1")
    share_id = _share_id(app)
    with app.app_context():
        db.session.execute(update(Share).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert clients["officer"].get(f"/officer/sheets/{share_id}").status_code == 404


@pytest.mark.parametrize("days", ["0", "-3", "91", "abc", ""])
def test_bad_expiry_is_a_form_error(world, days):
    people, clients, public_id = world
    response = _share(clients["counsellor"], public_id, [people["officer"].id], days=days)
    assert response.status_code == 200 and "error-summary" in response.text


def test_only_officers_can_receive_a_sheet(world):
    people, clients, public_id = world
    for target in (people["counsellor2"].id, people["admin"].id, 999_999):
        response = _share(clients["counsellor"], public_id, [target])
        assert response.status_code == 200 and "error-summary" in response.text
    assert "error-summary" in _share(clients["counsellor"], public_id, []).text


def test_access_matrix_on_every_sharing_route(app, world):
    """Every sharing route with every role, a second counsellor and officer, and guessed ids: 404/403, never 200."""
    people, clients, public_id = world
    _share(clients["counsellor"], public_id, [people["officer"].id])
    share_id = _share_id(app)
    routes = [
        ("GET", f"/counsellor/preparations/{public_id}/share", {"counsellor"}),
        ("GET", f"/counsellor/preparations/{public_id}/history", {"counsellor"}),
        ("POST", f"/counsellor/preparations/{public_id}/shares/{share_id}/revoke", {"counsellor"}),
        ("GET", f"/officer/sheets/{share_id}", {"officer"}),
        ("GET", f"/officer/sheets/{share_id}/pdf", {"officer"}),
        ("POST", f"/officer/sheets/{share_id}/read", {"officer"}),
        ("POST", f"/officer/sheets/{share_id}/applied", {"officer"}),
    ]
    checked = 0
    for method, path, allowed in routes:
        for name, client in clients.items():
            if name in allowed:
                continue
            data = {"csrf_token": csrf_token(client.get("/about").text)} if method == "POST" else None
            response = client.open(path, method=method, data=data)
            assert response.status_code in (403, 404), (name, method, path, response.status_code)
            checked += 1
        guesses = {path.replace(share_id, "AAAAAAAAAAAAAAAA"), path.replace(public_id, "1")} - {path}
        for guessed in guesses:
            owner = clients[next(iter(allowed))]
            data = {"csrf_token": csrf_token(owner.get("/about").text)} if method == "POST" else None
            assert owner.open(guessed, method=method, data=data).status_code == 404, guessed
            checked += 1
    assert checked >= 30


def test_officer_confirms_reading_and_ticks_applied_recommendations(app, world):
    people, clients, public_id = world
    _share(clients["counsellor"], public_id, [people["officer"].id])
    share_id = _share_id(app)
    officer = clients["officer"]
    page = officer.get(f"/officer/sheets/{share_id}")
    token = csrf_token(page.text)
    officer.post(f"/officer/sheets/{share_id}/read", data={"csrf_token": token})
    rule_ids = re.findall(r'name="rules" type="checkbox" value="([^"]+)"', page.text) or re.findall(
        r'value="([A-Z]\d\d_[^"]+)"', page.text
    )
    assert rule_ids
    officer.post(f"/officer/sheets/{share_id}/applied", data={"csrf_token": token, "rules": rule_ids[:2]})
    bad = officer.post(
        f"/officer/sheets/{share_id}/applied",
        data={"csrf_token": token, "rules": ["X99_invented"]},
        follow_redirects=True,
    )
    assert "Kies uit de aanbevelingen op dit blad." in bad.text
    with app.app_context():
        record = db.session.scalar(select(Share))
        assert record.read_confirmed_at is not None and record.applied_rule_ids == rule_ids[:2]
    listing = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/share")
    assert "2 aanbevelingen toegepast" in listing.text


def test_share_screen_proposes_the_fixed_contacts_of_the_routed_unit(app, world):
    people, clients, public_id = world
    with app.app_context():
        sharing.ensure_default_units(db.session)
        units = {u.key: u.id for u in sharing.units(db.session)}
        sharing.set_membership(db.session, people["officer"].id, units["avim"], True)
        sharing.set_membership(db.session, people["officer2"].id, units["zeden"], True)
        db.session.commit()
    page = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/share")
    checked = re.findall(r'<input checked[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*checked', page.text)
    ticked = {a or b for a, b in checked}
    assert str(people["officer"].id) in ticked and str(people["officer2"].id) not in ticked


def test_the_applied_checkboxes_are_written_as_wtforms_renders_them(app):
    """officer_sheet.html writes the options out (for speed): the same HTML as the field's own widgets."""
    recommendations = (("r_1", "Do <this> & that"), ("r2", "Plain"), ("r3", "Third"))
    with app.test_request_context("/"):
        form = AppliedForm(formdata=None)
        form.rules.choices = list(recommendations)
        form.rules.data = ["r2", "r3"]
        expected = [
            f'<div class="field field--check">{choice()} {choice.label}</div>' for choice in form.rules
        ]
        kept = KeptSheet("ER-1", utcnow() + timedelta(days=1), recommendations, "<p>sheet</p>")
        share = Share(public_id="s1", read_confirmed_at=None, applied_rule_ids=["r2", "r3"])
        html = render_officer_sheet(kept, share, "en")
    assert re.findall(r'<div class="field field--check">.*?</div>', html) == expected
