"""The preferred name and the interpreter's language over HTTP: on the sheet, withheld with their section, bad input.

A typed value passes the free-text registry and the needs-only check like the other typed settings; a code that
is not on the list, an empty "something else", 1 MB or NUL text get a translated message and nothing is saved;
a settings page opened before these fields existed loses nothing when it is saved.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from easyreport.briefing.models import SheetSettings
from easyreport.extensions import db
from easyreport.roles import Role
from tests.briefing.factory import (
    TYPICAL,
    admin_adds_organisation,
    give_consent,
    make_preparation,
    ready_sheet,
)
from tests.conftest import csrf_token, login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

FORM = {
    "goal": "information",
    "exploitation": ["criminal"],
    "identification": "anonymous",
    "prepared_by_role": "support_worker",
    "prepared_by_organisation": "Koraal",
    "prepared_with_client": "y",
}
MEGABYTE = "a" * 1_000_000


@pytest.fixture(autouse=True)
def organisation(app):
    admin_adds_organisation(app)


@pytest.fixture
def counsellor(client, make_user):
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def post(client, path, data):
    token = csrf_token(client.get("/about").text)
    return client.post(path, data={**data, "csrf_token": token})


def row(app) -> SheetSettings | None:
    with app.app_context():
        return db.session.scalar(select(SheetSettings))


def test_the_page_lists_each_language_by_its_own_name_and_in_dutch(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    page = client.get(f"/briefing/{public_id}/settings").text
    for shown in ("Polski (Pools)", "العربية (Arabisch)", "ትግርኛ (Tigrinya)", "Naijá (Nigeriaans Pidgin)"):
        assert shown in page, shown
    assert 'value="other"' in page and "Iets anders" in page
    assert 'name="preferred_name"' in page and 'name="interpreter_language_other"' in page


def test_name_and_language_reach_the_sheet_json_and_the_interpreter_advice(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    url = f"/briefing/{public_id}/settings"
    data = {**FORM, "preferred_name": "Sam", "interpreter_language": "pl"}
    assert post(client, url, data).status_code == 302
    assert (row(app).preferred_name, row(app).interpreter_language) == ("Sam", "pl")
    give_consent(app, public_id, counsellor.id)
    sheet = client.get(f"/briefing/{public_id}/sheet").text
    assert "Wil aangesproken worden als:</dt> <dd>Sam</dd>" in sheet
    assert 'Pools (<span lang="pl">Polski</span>)' in sheet
    assert "Gebruik een professionele, onafhankelijke tolk" in sheet or "tolk" in sheet
    document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
    assert document["name_and_language"] == {
        "preferred_name": "Sam",
        "interpreter_language": {"id": "pl", "text": "Pools", "own_name": "Polski"},
        "interpreter_language_other": "",
    }
    assert "R33_professional_interpreter" in {rec["id"] for rec in document["recommendations"]}


def test_something_else_carries_a_typed_language(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    url = f"/briefing/{public_id}/settings"
    assert (
        post(
            client, url, {**FORM, "interpreter_language": "other", "interpreter_language_other": "Tamil"}
        ).status_code
        == 302
    )
    give_consent(app, public_id, counsellor.id)
    assert "Tolk nodig, taal: Tamil." in client.get(f"/briefing/{public_id}/sheet").text
    # A typed language is kept only with "something else".
    assert (
        post(
            client, url, {**FORM, "interpreter_language": "ro", "interpreter_language_other": "Tamil"}
        ).status_code
        == 302
    )
    assert row(app).interpreter_language_other is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"interpreter_language": "xx"}, "Kies een taal uit de lijst, of iets anders."),
        ({"interpreter_language": "../../etc"}, "Kies een taal uit de lijst, of iets anders."),
        ({"interpreter_language": "other", "interpreter_language_other": ""}, "Typ de naam van de taal"),
        ({"interpreter_language": "other", "interpreter_language_other": "   "}, "Typ de naam van de taal"),
        (
            {"interpreter_language": "other", "interpreter_language_other": MEGABYTE},
            "Gebruik hoogstens 60 tekens.",
        ),
        ({"interpreter_language": "other", "interpreter_language_other": "Ta\x00mil"}, "verborgen tekens"),
        ({"preferred_name": MEGABYTE}, "Gebruik hoogstens 40 tekens."),
        ({"preferred_name": "Sa\x00m"}, "verborgen tekens"),
        ({"preferred_name": "Sam\u200b"}, "verborgen tekens"),
        ({"preferred_name": "<b>Sam</b>"}, "zonder &lt; of &gt;"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(app, client, counsellor, fields, message):
    public_id = make_preparation(app, counsellor.id)
    url = f"/briefing/{public_id}/settings"
    assert post(client, url, {**FORM, "preferred_name": "Sam"}).status_code == 302
    response = post(client, url, {**FORM, **fields})
    assert response.status_code == 400
    assert message in response.text
    assert "Traceback" not in response.text
    assert row(app).preferred_name == "Sam"  # the saved value is still there


def test_a_flagged_name_is_marked_and_kept_back_until_the_counsellor_acts(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    url = f"/briefing/{public_id}/settings"
    response = post(client, url, {**FORM, "preferred_name": "Sam sinds 3 maart"})
    assert response.status_code == 400
    assert "<mark>" in response.text and 'name="confirm_preferred_name"' in response.text
    assert row(app) is None
    digest = re.search(r'name="reviewed_preferred_name" value="([0-9a-f]{64})"', response.text).group(1)
    confirmed = {
        **FORM,
        "preferred_name": "Sam sinds 3 maart",
        "confirm_preferred_name": "y",
        "reviewed_preferred_name": digest,
    }
    assert post(client, url, confirmed).status_code == 302
    assert row(app).text_checks["preferred_name"]["confirmed"] is True


def test_a_settings_page_from_before_these_fields_loses_nothing(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    url = f"/briefing/{public_id}/settings"
    data = {
        **FORM,
        "preferred_name": "Sam",
        "interpreter_language": "other",
        "interpreter_language_other": "Tamil",
    }
    assert post(client, url, data).status_code == 302
    # The old page posts only the old fields.
    assert post(client, url, {**FORM, "goal": "report"}).status_code == 302
    saved = row(app)
    assert (
        saved.goal,
        saved.preferred_name,
        saved.interpreter_language,
        saved.interpreter_language_other,
    ) == (
        "report",
        "Sam",
        "other",
        "Tamil",
    )


@pytest.mark.parametrize(
    ("withheld", "absent"),
    [("communication", "Sam"), ("practical", "Polski")],
)
def test_a_withheld_section_takes_its_part_along(app, client, counsellor, withheld, absent):
    public_id = ready_sheet(
        app,
        counsellor.id,
        withheld=[withheld],
        settings={"preferred_name": "Sam", "interpreter_language": "pl"},
    )
    for page in ("sheet", "sheet.json"):
        response = client.get(f"/briefing/{public_id}/{page}")
        assert response.status_code == 200
        assert absent not in response.text, page
    document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
    if withheld == "practical":
        assert document["name_and_language"]["interpreter_language"] is None
        assert "R33_professional_interpreter" not in {rec["id"] for rec in document["recommendations"]}
    else:
        assert document["name_and_language"]["preferred_name"] == ""


def test_a_stale_answer_on_a_rebalanced_question_gets_a_message_and_saves_nothing(app, client, counsellor):
    answers = {qid: opts for qid, opts in TYPICAL.items() if qid != "someone_to_translate"}
    public_id = make_preparation(app, counsellor.id, answers=answers)
    page = client.get(f"/counsellor/preparations/{public_id}")
    client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(page.text)}
    )
    form = client.get("/client/questions/someone_to_translate")
    assert form.status_code == 200
    response = client.post(
        "/client/questions/someone_to_translate",
        data={"csrf_token": csrf_token(form.text), "option": ["maybe"]},
    )
    assert response.status_code == 400
    assert "Traceback" not in response.text
    assert "Dit antwoord kan niet. Kies opnieuw." in response.text
    with app.app_context():
        from easyreport.preparation import service as preparations
        from tests.briefing.factory import get_preparation

        assert "someone_to_translate" not in preparations.answers(db.session, get_preparation(public_id))


def test_a_preparation_from_before_version_2_still_builds_a_sheet_with_not_asked(app, client, counsellor):
    from easyreport.content.questionnaire import ADDED_IN_VERSION_2

    old = {qid: opts for qid, opts in TYPICAL.items() if qid not in ADDED_IN_VERSION_2}
    # Consent was recorded for the old answers; the new questions have no answer and no setting was added.
    public_id = ready_sheet(app, counsellor.id, answers=old)
    sheet = client.get(f"/briefing/{public_id}/sheet")
    assert sheet.status_code == 200
    assert "Niet gevraagd" in sheet.text
    assert "Horen en zien: Niet gevraagd" in re.sub(r"\s+", " ", sheet.text)
    document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
    assert document["name_and_language"] == {
        "preferred_name": "",
        "interpreter_language": None,
        "interpreter_language_other": "",
    }
