"""Veilig Thuis where the meldcode applies: advice on the counsellor's route page, never on the sheet."""

from __future__ import annotations

import re

import pytest

from easyreport.briefing.routing import RoutingInput
from easyreport.roles import Role
from tests.briefing.factory import ready_sheet
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


@pytest.fixture
def counsellor(client, make_user):
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


ADVICE_NL = "vraag Veilig Thuis om advies"


def test_the_counsellor_reads_the_veilig_thuis_advice_when_the_meldcode_applies(app, client, counsellor):
    routing = RoutingInput.from_values(["criminal"], meldcode_applies=True)
    public_id = ready_sheet(app, counsellor.id, settings={"routing": routing})
    page = client.get(f"/briefing/{public_id}/settings").text
    assert ADVICE_NL in page
    tag = re.search(r'<input[^>]*name="meldcode_applies"[^>]*>', page)
    assert tag is not None and "checked" in tag.group(0)
    for path in ("sheet", "sheet.json"):
        output = client.get(f"/briefing/{public_id}/{path}")
        assert output.status_code == 200
        assert "Veilig Thuis" not in output.text and "meldcode" not in output.text.lower(), path


def test_without_the_meldcode_there_is_no_veilig_thuis_advice(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, settings={"routing": RoutingInput.from_values(["criminal"])})
    assert ADVICE_NL not in client.get(f"/briefing/{public_id}/settings").text


def test_labour_exploitation_on_the_sheet_names_both_the_labour_authority_and_the_police(
    app, client, counsellor
):
    public_id = ready_sheet(app, counsellor.id, settings={"routing": RoutingInput.from_values(["labour"])})
    sheet = client.get(f"/briefing/{public_id}/sheet").text
    assert "Nederlandse Arbeidsinspectie" in sheet and "AVIM-team mensenhandel" in sheet
    assert "niet door de politie" not in sheet
