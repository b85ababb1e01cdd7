"""The consent record page: the suspect card's own teach-back, legal grounds with reasoning, the meldcode, the lawyer."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy import text as sql

from easyreport.briefing.consent import LEGAL_DUTY_QUESTIONS, Consent
from easyreport.briefing.models import ConsentRecord, SheetSettings
from easyreport.briefing.rules_data import SUSPECT_PINNED
from easyreport.extensions import db
from easyreport.roles import Role
from tests.briefing.factory import admin_adds_organisation, give_consent, make_preparation, save_settings
from tests.briefing.test_views import SETTINGS_FORM, post, record_form
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

CONTACT = "Mr. J. Jansen, 043 123 4567"
EXPLAIN_AGAIN = "Het deel over gehoord worden als verdachte wordt niet gedeeld"
DUTY_REASONING = {f"reasoning_{q.id}": f"Afweging plicht {q.id}" for q in LEGAL_DUTY_QUESTIONS}


@pytest.fixture
def counsellor(app, client, make_user):
    admin_adds_organisation(app)  # the settings form offers only the admin's organisations
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def suspect_preparation(app, owner_id, **settings) -> str:
    public_id = make_preparation(app, owner_id)
    save_settings(app, public_id, possible_suspect=True, has_lawyer="yes", lawyer_contact=CONTACT, **settings)
    return public_id


def records(app) -> list[ConsentRecord]:
    with app.app_context():
        return list(db.session.scalars(select(ConsentRecord)))


# ------------------------------------------------------------------------------------ suspect card


def test_the_page_asks_the_suspect_card_and_its_own_teach_back_only_with_the_mark(app, client, counsellor):
    public_id = suspect_preparation(app, counsellor.id)
    page = client.get(f"/briefing/{public_id}/consent/record").text
    assert 'name="decision-suspect"' in page
    assert 'name="suspect_teach_back"' in page
    assert "Wordt mogelijk ook als verdachte gehoord" in page
    other = make_preparation(app, counsellor.id)
    save_settings(app, other)
    page = client.get(f"/briefing/{other}/consent/record").text
    assert 'name="decision-suspect"' not in page and 'name="suspect_teach_back"' not in page


@pytest.mark.parametrize("teach_back", ["partly", "not"])
def test_partly_or_not_records_no_consent_for_the_card_and_asks_to_explain_again(
    app, client, counsellor, teach_back
):
    public_id = suspect_preparation(app, counsellor.id)
    form = record_form(**{"decision-suspect": "yes", "suspect_teach_back": teach_back})
    response = post(client, f"/briefing/{public_id}/consent/record", form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert EXPLAIN_AGAIN in page
    [record] = records(app)
    assert record.data["cards"] == {"suspect": "yes"}
    assert record.data["card_teach_back"] == {"suspect": teach_back}
    document = client.get(f"/briefing/{public_id}/sheet.json").json
    assert document["suspect"] is None
    assert CONTACT not in str(document)
    assert not any(item["id"].startswith("S0") for item in document["recommendations"])
    # The note stays on the overview until consent is recorded again.
    assert EXPLAIN_AGAIN in client.get(f"/briefing/{public_id}/").text


def test_explained_in_own_words_puts_the_block_the_lawyer_and_the_pinned_items_on_the_sheet(
    app, client, counsellor
):
    public_id = suspect_preparation(app, counsellor.id)
    form = record_form(**{"decision-suspect": "yes", "suspect_teach_back": "could_explain"})
    response = post(client, f"/briefing/{public_id}/consent/record", form)
    assert response.status_code == 302
    assert EXPLAIN_AGAIN not in client.get(response.headers["Location"]).text
    document = client.get(f"/briefing/{public_id}/sheet.json").json
    assert document["suspect"]["lawyer"]["id"] == "yes"
    assert document["suspect"]["lawyer_contact"] == CONTACT
    assert [item["id"] for item in document["top_three"]["items"]][:2] == list(SUSPECT_PINNED)
    assert document["terms_of_use"]["lines"][-1]["id"] == "no_offence_detail"
    page = client.get(f"/briefing/{public_id}/sheet").text
    assert "Gebruiksvoorwaarden" in page
    assert "Dit blad zegt niets over wat de persoon mogelijk gedaan heeft." in page
    assert CONTACT in page
    assert "de officier van justitie weegt het non-punishmentbeginsel" in page
    # The PDF carries the same block and terms.
    reader = PdfReader(io.BytesIO(client.get(f"/briefing/{public_id}/sheet.pdf").data))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for expected in (
        "Gebruiksvoorwaarden",
        "Alleen voor de voorbereiding van het verhoor.",
        "Dit blad zegt niets over wat de persoon mogelijk gedaan heeft.",
        "Wordt mogelijk ook als verdachte gehoord",
        "Mr. J. Jansen",
    ):
        assert expected in text, expected


def test_a_yes_on_the_suspect_card_without_its_teach_back_is_explained_and_not_recorded(
    app, client, counsellor
):
    public_id = suspect_preparation(app, counsellor.id)
    response = post(
        client, f"/briefing/{public_id}/consent/record", record_form(**{"decision-suspect": "yes"})
    )
    assert response.status_code == 400
    assert "Leg het navertellen vast voor het deel over gehoord worden als verdachte." in response.text
    assert records(app) == []


def test_the_suspect_card_must_be_decided_when_the_client_saw_it(app, client, counsellor):
    public_id = suspect_preparation(app, counsellor.id)
    response = post(client, f"/briefing/{public_id}/consent/record", record_form())
    assert response.status_code == 400
    assert "Kies ja, nee of weet niet voor elk deel." in response.text
    assert records(app) == []


def test_a_decision_for_a_card_the_client_did_not_see_is_refused(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    form = record_form(**{"decision-suspect": "yes", "suspect_teach_back": "could_explain"})
    response = post(client, f"/briefing/{public_id}/consent/record", form)
    assert response.status_code == 400
    assert "De cliënt heeft dit deel niet gezien." in response.text
    assert records(app) == []


# ------------------------------------------------------------------------------------- legal bases


def test_the_meldcode_is_not_offered_and_the_page_points_to_veilig_thuis(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    page = client.get(f"/briefing/{public_id}/consent/record").text
    assert 'value="meldcode"' not in page
    assert "een melding volgens de meldcode gaat naar Veilig Thuis" in page
    response = post(client, f"/briefing/{public_id}/consent/record", record_form(legal_basis="meldcode"))
    assert response.status_code == 400
    assert 'id="legal_basis-error">De meldcode huiselijk geweld en kindermishandeling is geen grondslag' in (
        response.text
    )
    assert records(app) == []


def test_a_legal_duty_without_ground_or_reasoning_gets_every_message_and_keeps_what_was_typed(
    app, client, counsellor
):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    form = record_form(legal_basis="legal_duty", reasoning_duty_which="Wet X, artikel 1", consulted="Collega")
    response = post(client, f"/briefing/{public_id}/consent/record", form)
    assert response.status_code == 400
    assert "Noem de wettelijke grond: elke grondslag behalve toestemming heeft er een nodig." in response.text
    missing = len(LEGAL_DUTY_QUESTIONS) - 1
    assert response.text.count("Beantwoord deze vraag als je op deze grondslag deelt.") >= missing
    assert "Wet X, artikel 1" in response.text and 'value="Collega"' in response.text
    assert records(app) == []


def test_a_ground_of_another_basis_is_refused(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    form = record_form(legal_basis="legal_duty", legal_ground="danger_to_client", **DUTY_REASONING)
    response = post(client, f"/briefing/{public_id}/consent/record", form)
    assert response.status_code == 400
    assert "Deze wettelijke grond hoort niet bij de grondslag die je koos." in response.text
    assert records(app) == []


def test_a_complete_legal_duty_is_recorded_and_its_ground_is_named_on_the_record_and_the_sheet(
    app, client, counsellor
):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    # A conflict-of-duties answer typed before switching to a legal duty is not kept on the record.
    form = record_form(
        legal_basis="legal_duty",
        legal_ground="court_order",
        reasoning_suspicion="Eerder getypt",
        **DUTY_REASONING,
    )
    assert post(client, f"/briefing/{public_id}/consent/record", form).status_code == 302
    [record] = records(app)
    assert record.data["legal_ground"] == "court_order"
    assert set(record.data["reasoning"]) == {q.id for q in LEGAL_DUTY_QUESTIONS}
    ground = "Wettelijke plicht: een bevel van een rechter"
    assert ground in client.get(f"/briefing/{public_id}/").text
    page = client.get(f"/briefing/{public_id}/sheet").text
    assert f"Wettelijke grond: {ground}" in page
    assert "Afweging plicht" not in page
    document = client.get(f"/briefing/{public_id}/sheet.json").json
    assert document["consent"]["legal_ground"]["id"] == "court_order"


def test_consent_with_a_ground_left_selected_records_no_ground(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    response = post(client, f"/briefing/{public_id}/consent/record", record_form(legal_ground="court_order"))
    assert response.status_code == 302
    [record] = records(app)
    assert record.data["legal_ground"] is None


def test_a_stored_meldcode_record_still_loads_but_the_sheet_cannot_be_shared_anew(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    give_consent(app, public_id, counsellor.id)
    with app.app_context():
        # As stored before the meldcode was withdrawn: no ground, no cards.
        record = db.session.scalar(select(ConsentRecord))
        data = {k: v for k, v in record.data.items() if k not in ("legal_ground", "cards", "card_teach_back")}
        record.data = {**data, "legal_basis": "meldcode"}
        db.session.commit()
        assert not Consent.from_dict(record.data).valid_for_new_share
    overview = client.get(f"/briefing/{public_id}/").text
    assert "Deze toestemming is vastgelegd onder regels die niet meer gelden" in overview
    assert client.get(f"/briefing/{public_id}/sheet").status_code == 200
    share = client.get(f"/counsellor/preparations/{public_id}/share")
    assert share.status_code == 409
    assert "Deze toestemming is vastgelegd onder regels die niet meer gelden" in share.text


# -------------------------------------------------------------------------------------- the lawyer


def settings_row(app) -> SheetSettings:
    with app.app_context():
        row = db.session.scalar(select(SheetSettings))
        assert row is not None
        return row


def test_the_lawyer_is_saved_encrypted_and_shown_again(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    form = {**SETTINGS_FORM, "possible_suspect": "y", "has_lawyer": "yes", "lawyer_contact": CONTACT}
    assert post(client, f"/briefing/{public_id}/settings", form).status_code == 302
    row = settings_row(app)
    assert (row.has_lawyer, row.lawyer_contact) == ("yes", CONTACT)
    with app.app_context():
        raw = db.session.execute(sql("SELECT has_lawyer, lawyer_contact FROM sheet_settings")).one()
    assert "Jansen" not in str(raw) and "yes" not in str(raw)
    page = client.get(f"/briefing/{public_id}/settings").text
    assert f'value="{CONTACT}"' in page
    assert "Heeft de cliënt al een advocaat?" in page


def test_no_contact_is_kept_without_a_lawyer_and_not_asked_is_none(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    form = {**SETTINGS_FORM, "possible_suspect": "y", "has_lawyer": "no", "lawyer_contact": CONTACT}
    assert post(client, f"/briefing/{public_id}/settings", form).status_code == 302
    assert (settings_row(app).has_lawyer, settings_row(app).lawyer_contact) == ("no", None)
    form = {**SETTINGS_FORM, "has_lawyer": "not_asked"}
    assert post(client, f"/briefing/{public_id}/settings", form).status_code == 302
    assert settings_row(app).has_lawyer is None


@pytest.mark.parametrize("contact", ["<b>Jansen</b>", "x" * 201, "x" * 1_000_000, "Jansen\u202e"])
def test_a_bad_lawyer_contact_is_explained_and_nothing_typed_is_lost(app, client, counsellor, contact):
    public_id = make_preparation(app, counsellor.id)
    form = {**SETTINGS_FORM, "has_lawyer": "yes", "lawyer_contact": contact}
    response = post(client, f"/briefing/{public_id}/settings", form)
    assert response.status_code == 400
    assert 'id="lawyer_contact-error"' in response.text
    # The choices made stay chosen (WTForms renders "checked" before the value).
    for value in ("support_worker", "Koraal"):
        assert re.search(rf'<input checked[^>]*value="{value}"', response.text), value
    assert "<b>Jansen</b>" not in response.text
    with app.app_context():
        assert db.session.scalar(select(SheetSettings)) is None


@pytest.mark.parametrize("contact", ["Jansen\x00", "Jansen\nKantoor", "  Jansen  "])
def test_nul_line_breaks_and_spaces_are_cleaned_from_the_lawyer_contact(app, client, counsellor, contact):
    public_id = make_preparation(app, counsellor.id)
    form = {**SETTINGS_FORM, "has_lawyer": "yes", "lawyer_contact": contact}
    assert post(client, f"/briefing/{public_id}/settings", form).status_code == 302
    stored = settings_row(app).lawyer_contact
    assert stored is not None and stored.startswith("Jansen")
    assert "\x00" not in stored and "\n" not in stored and stored == stored.strip()


def test_changing_the_lawyer_after_consent_asks_consent_again(app, client, counsellor):
    public_id = suspect_preparation(app, counsellor.id)
    form = record_form(**{"decision-suspect": "yes", "suspect_teach_back": "could_explain"})
    assert post(client, f"/briefing/{public_id}/consent/record", form).status_code == 302
    assert client.get(f"/briefing/{public_id}/sheet").status_code == 200
    save_settings(app, public_id, possible_suspect=True, has_lawyer="yes", lawyer_contact="Mr. Other")
    assert client.get(f"/briefing/{public_id}/sheet").status_code == 409


def test_a_counsellors_own_top_three_keeps_the_pinned_items(app, client, counsellor):
    public_id = suspect_preparation(app, counsellor.id)
    form = record_form(**{"decision-suspect": "yes", "suspect_teach_back": "could_explain"})
    assert post(client, f"/briefing/{public_id}/consent/record", form).status_code == 302
    page = client.get(f"/briefing/{public_id}/top-three").text
    assert "Twee punten staan dan altijd in de top drie" in page
    document = client.get(f"/briefing/{public_id}/sheet.json").json
    # The counsellor chooses among questioning advice; arrangements have their own block on page one.
    others = [
        r["id"]
        for r in document["recommendations"]
        if not r["id"].startswith("S0") and r["placement"] not in ("arrange", "warning")
    ][:3]
    response = post(client, f"/briefing/{public_id}/top-three", {"rules": others, "submit": "y"})
    assert response.status_code == 302
    document = client.get(f"/briefing/{public_id}/sheet.json").json
    assert document["top_three"]["chosen_by"] == "counsellor"
    assert [item["id"] for item in document["top_three"]["items"]] == [*SUSPECT_PINNED, others[0]]
