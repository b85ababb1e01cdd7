"""Every routed unit, the Labour Authority included, receives sheets: its fixed contacts, its officers' access.

The role x route matrix: for each built-in unit a sheet routed there proposes that unit's fixed contact, who
opens it; every other role and every officer it was not shared with gets 403/404 on every sharing route.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from easyreport.briefing.routing import UNIT_LABELS, RoutingInput
from easyreport.briefing.routing import Unit as RoutingUnit
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.sharing.models import Share
from easyreport.sharing.unit_names import unit_name
from tests.briefing.factory import ready_sheet
from tests.conftest import csrf_token, login

# A routing input that makes each built-in unit the suggested one.
ROUTED_TO = {
    RoutingUnit.AVIM: RoutingInput.from_values(["criminal"]),
    RoutingUnit.ZEDEN: RoutingInput.from_values(sexual_offence=True),
    RoutingUnit.BASISTEAM: RoutingInput.from_values(threats_or_unsafety=True),
    RoutingUnit.LABOUR_INSPECTORATE: RoutingInput.from_values(["labour"]),
}


def test_every_unit_a_sheet_can_be_routed_to_is_a_default_unit(app):
    routable = {unit for unit in RoutingUnit if unit is not RoutingUnit.EMERGENCY_112}
    assert set(sharing.DEFAULT_UNITS) == routable == set(ROUTED_TO)
    with app.app_context():
        sharing.ensure_default_units(db.session)
        sharing.ensure_default_units(db.session)  # twice: no duplicates
        keys = [unit.key for unit in sharing.units(db.session)]
    assert sorted(keys) == sorted(unit.value for unit in routable)


def test_the_labour_authority_has_its_name_in_the_readers_language(app):
    with app.app_context():
        sharing.ensure_default_units(db.session)
        unit = next(u for u in sharing.units(db.session) if u.key == "labour_inspectorate")
        assert unit.name == UNIT_LABELS[RoutingUnit.LABOUR_INSPECTORATE]
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        assert "Nederlandse Arbeidsinspectie" in unit_name(unit)


def _share(client, public_id, officer_ids):
    page = client.get(f"/counsellor/preparations/{public_id}/share")
    return client.post(
        f"/counsellor/preparations/{public_id}/share",
        data={"csrf_token": csrf_token(page.text), "officers": [str(i) for i in officer_ids], "days": "14"},
    )


def _ticked(page: str) -> set[str]:
    found = re.findall(r'<input checked[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*checked', page)
    return {a or b for a, b in found}


@pytest.mark.parametrize("routed", list(ROUTED_TO), ids=lambda unit: unit.value)
def test_role_by_route_matrix(app, make_user, routed):
    people = {
        "counsellor": make_user(Role.COUNSELLOR),
        "counsellor2": make_user(Role.COUNSELLOR),
        "contact": make_user(Role.OFFICER),  # fixed contact of the routed unit
        "other_unit": make_user(Role.OFFICER),  # fixed contact of another unit
        "admin": make_user(Role.ADMIN),
    }
    public_id = ready_sheet(app, people["counsellor"].id, settings={"routing": ROUTED_TO[routed]})
    with app.app_context():
        sharing.ensure_default_units(db.session)
        ids = {u.key: u.id for u in sharing.units(db.session)}
        other = next(key for key in ids if key != routed.value)
        sharing.set_membership(db.session, people["contact"].id, ids[routed.value], True)
        sharing.set_membership(db.session, people["other_unit"].id, ids[other], True)
        db.session.commit()
    clients = {}
    for name, user in people.items():
        clients[name] = app.test_client()
        login(clients[name], user.username)

    page = clients["counsellor"].get(f"/counsellor/preparations/{public_id}/share")
    assert _ticked(page.text) == {str(people["contact"].id)}, routed
    assert _share(clients["counsellor"], public_id, [people["contact"].id]).status_code == 302
    with app.app_context():
        share_id = db.session.scalar(select(Share.public_id).order_by(Share.id.desc()))

    sheet = clients["contact"].get(f"/officer/sheets/{share_id}")
    assert sheet.status_code == 200
    assert clients["contact"].get(f"/officer/sheets/{share_id}/pdf").data.startswith(b"%PDF")
    assert f"/officer/sheets/{share_id}" in clients["contact"].get("/officer/").text

    routes = [
        ("GET", f"/counsellor/preparations/{public_id}/share", "counsellor"),
        ("GET", f"/counsellor/preparations/{public_id}/history", "counsellor"),
        ("GET", f"/officer/sheets/{share_id}", "contact"),
        ("GET", f"/officer/sheets/{share_id}/pdf", "contact"),
        ("POST", f"/officer/sheets/{share_id}/read", "contact"),
    ]
    for method, path, allowed in routes:
        for name, client in clients.items():
            if name == allowed:
                continue
            data = {"csrf_token": csrf_token(client.get("/about").text)} if method == "POST" else None
            response = client.open(path, method=method, data=data)
            assert response.status_code in (403, 404), (routed, name, method, path, response.status_code)
