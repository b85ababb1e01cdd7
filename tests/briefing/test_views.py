"""The consent and sheet pages through the Flask test client: the happy path, audits, and bad input."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy import text as sql

from easyreport.audit.storage import AuditEntry
from easyreport.briefing import sheet as sheet_module
from easyreport.briefing.consent import ALL_REASONING_QUESTIONS, CONFLICT_OF_DUTIES_QUESTIONS
from easyreport.briefing.forms import SettingsForm
from easyreport.briefing.models import ConsentRecord, SheetSettings
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.process_info import INFORMED_ABOUT_IDS, Urgency
from easyreport.briefing.routing import RoutingInput
from easyreport.content import consent_cards
from easyreport.content.texts import all_client_texts
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.speech.web import speech_web
from tests.briefing.factory import (
    TYPICAL_ROUTE,
    admin_adds_organisation,
    give_consent,
    make_preparation,
    ready_sheet,
    save_settings,
)
from tests.conftest import PASSWORD, csrf_token, login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

SCHEMA = json.loads((Path(sheet_module.__file__).parent / "sheet.schema.json").read_text(encoding="utf-8"))
HOSTILE = ["", "a" * 100_000, "ab\x00cd", "<script>alert(1)</script>", "\u202e\ufeffé\U0001f600"]


@pytest.fixture(autouse=True)
def organisation(app):
    """The organisation the admin entered, which the settings form offers."""
    admin_adds_organisation(app)


@pytest.fixture
def counsellor(client, make_user):
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def post(client, path, data):
    page = client.get("/about")
    if page.status_code == 302:  # in client mode every staff page is locked; the locked screen has a form
        page = client.get(page.location)
    return client.post(path, data={**data, "csrf_token": csrf_token(page.text)})


def hand_over(client, public_id):
    """Start the consent walk: the device goes into client mode for this preparation."""
    response = post(client, f"/briefing/{public_id}/consent/start", {})
    assert response.status_code == 302, response.status_code


def unlock(client):
    """The counsellor takes the device back after the client's part."""
    locked = client.get("/client/locked")
    response = client.post("/client/unlock", data={"csrf_token": csrf_token(locked.text), "secret": PASSWORD})
    assert response.status_code == 302


def decide(client, path, decision):
    """Choose on a card as shown: the form carries the fingerprint of the card the client saw."""
    card = client.get(path)
    shown = re.search(r'name="card" value="([^"]*)"', card.text)
    return client.post(
        path,
        data={
            "csrf_token": csrf_token(card.text),
            "decision": decision,
            "card": shown.group(1) if shown else "",
        },
    )


def record_form(**overrides):
    data = {f"decision-{s}": "yes" for s in SECTIONS}
    data.update(teach_back="could_explain", legal_basis="consent", method="oral", informed_of_duty_to_act="y")
    data.update(overrides)
    return data


def audit_actions(app):
    with app.app_context():
        return [entry.action for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def test_the_whole_way_from_settings_to_sheet(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id)
    base = f"/briefing/{public_id}"
    assert client.get(f"{base}/sheet").status_code == 409

    response = post(
        client,
        f"{base}/settings",
        {
            "goal": "information",
            "exploitation": ["criminal", "labour"],
            "identification": "anonymous",
            "prepared_by_role": "support_worker",
            "prepared_by_organisation": "Koraal",
            "prepared_with_client": "y",
        },
    )
    assert response.status_code == 302
    page = client.get(f"{base}/settings").text
    assert "AVIM-team mensenhandel" in page and "Arbeidsinspectie" in page

    hand_over(client, public_id)
    assert client.get(f"{base}/consent/communication").status_code == 302  # the introduction comes first
    intro = client.get(f"{base}/consent")
    assert "Dan moet de politie meteen iets doen." in intro.text
    assert post(client, f"{base}/consent", {"submit": "go_on"}).location.endswith("/consent/communication")
    for section in SECTIONS:
        card = client.get(f"{base}/consent/{section}")
        assert card.status_code == 200 and "Mag de politie dit weten?" in card.text
        response = decide(client, f"{base}/consent/{section}", "no" if section == "safety" else "yes")
        assert response.status_code == 302
    assert response.location.endswith("/consent/done")
    assert client.get(f"{base}/consent/record").location == "/client/locked"
    unlock(client)
    record_page = client.get(f"{base}/consent/record").text
    assert re.search(r'value="no"\s+id="decision-safety-no"\s+checked', record_page)

    response = post(client, f"{base}/consent/record", record_form(**{"decision-safety": "no"}))
    assert response.status_code == 302
    sheet = client.get(f"{base}/sheet")
    assert sheet.status_code == 200
    assert "Top 3 voor het verhoor" in sheet.text
    assert "Niet gedeeld: de cliënt wil dit niet" in sheet.text
    assert audit_actions(app)[-2:] == ["consent_change", "view_sheet"]


def test_the_consent_cards_speak_the_clients_language(app, client, counsellor):
    public_id = make_preparation(app, counsellor.id, client_locale="en")
    save_settings(app, public_id)
    base = f"/briefing/{public_id}"
    hand_over(client, public_id)
    intro = client.get(f"{base}/consent").text
    assert '<html lang="en"' in intro and "Your support worker makes a sheet for the police." in intro
    post(client, f"{base}/consent", {"submit": "go_on"})
    card = client.get(f"{base}/consent/stress").text
    assert "May the police know this?" in card and "Yes, that's fine" in card
    assert "What do you do when you feel stressed?" in card and "I laugh or make jokes" in card
    # The counsellor's own page, after unlocking, is in the counsellor's language.
    unlock(client)
    assert '<html lang="nl"' in client.get(f"{base}/consent/record").text


def test_pdf_download_is_a_tagged_pdf_with_the_recommendations(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, settings=TYPICAL_ROUTE)
    response = client.get(f"/briefing/{public_id}/sheet.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.data))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    assert "Stel één vraag per zin." in text
    assert len(reader.pages) <= 2, "a typical sheet prints on one or two A4 pages"
    sheet_id = re.search(r"ER-[0-9A-F]{8}", text).group(0)
    for page in reader.pages:  # a loose page still says which sheet it is from and until when it holds
        assert re.search(rf"{sheet_id} · Geldig tot \d+ \w+ \d{{4}}", page.extract_text())
    assert audit_actions(app)[-1] == "download_pdf"


def test_json_export_follows_the_schema(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, withheld={"safety"})
    response = client.get(f"/briefing/{public_id}/sheet.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    document = response.get_json()
    jsonschema.validate(document, SCHEMA)
    assert document["schema"] == "easyreport.sheet/2" and document["locale"] == "nl"
    safety = next(s for s in document["sections"] if s["id"] == "safety")
    assert safety == {**safety, "shared": False, "needs": [], "facts": []}
    assert audit_actions(app)[-1] == "export_json"


def test_the_client_copy_is_in_the_clients_language_and_only_shared_parts(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, client_locale="en", withheld={"safety"})
    page = client.get(f"/briefing/{public_id}/client-copy").text
    assert '<html lang="en"' in page
    assert "What the police will know" in page
    assert "Someone reads it out to me" in page
    assert "Can someone else look in your phone?" not in page
    assert "The police will not get this:" in page and "Safety" in page
    # Printed with its pictograms, so with their credit, in the client's language.
    assert "Pictograms: OpenMoji, the open-source emoji and icon project. Licence: CC BY-SA 4.0." in page


def test_the_counsellor_can_choose_the_top_three(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id)
    page = client.get(f"/briefing/{public_id}/top-three").text
    choices = re.findall(r'name="rules" type="checkbox" value="([^"]+)"', page) or re.findall(
        r'type="checkbox" name="rules" value="([^"]+)"', page
    )
    assert len(choices) > 3
    response = post(client, f"/briefing/{public_id}/top-three", {"rules": choices[-1]})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(SheetSettings)).chosen_top == [choices[-1]]
    assert "Gekozen door de begeleider." in client.get(f"/briefing/{public_id}/sheet").text
    assert post(client, f"/briefing/{public_id}/top-three", {"use_proposal": "y"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(SheetSettings)).chosen_top is None


ENDPOINTS = [
    ("get", "/"),
    ("get", "/settings"),
    ("post", "/settings"),
    ("get", "/consent"),
    ("post", "/consent"),
    ("get", "/consent/stress"),
    ("post", "/consent/stress"),
    ("get", "/consent/done"),
    ("get", "/consent/record"),
    ("post", "/consent/record"),
    ("get", "/sheet"),
    ("get", "/sheet.pdf"),
    ("get", "/sheet.json"),
    ("get", "/top-three"),
    ("post", "/top-three"),
    ("get", "/client-copy"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_another_counsellors_preparation_is_not_found(app, client, make_user, counsellor, method, path):
    other = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, other.id)
    url = f"/briefing/{public_id}{path}"
    response = client.get(url) if method == "get" else post(client, url, record_form())
    assert response.status_code == 404
    assert b"%PDF" not in response.data


class TestBadInput:
    def test_consent_for_an_unknown_section(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        response = post(
            client, f"/briefing/{public_id}/consent/record", record_form(**{"decision-story": "yes"})
        )
        assert response.status_code == 400
        assert "Het formulier noemt een deel dat niet bestaat" in response.text
        assert client.get(f"/briefing/{public_id}/consent/story").status_code == 404
        with app.app_context():
            assert db.session.scalar(select(ConsentRecord)) is None

    def test_a_missing_or_invalid_decision(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        data = record_form(**{"decision-goal": "perhaps"})
        del data["decision-stress"]
        response = post(client, f"/briefing/{public_id}/consent/record", data)
        assert response.status_code == 400
        assert "Kies ja, nee of weet niet voor elk deel." in response.text

    def test_an_invalid_answer_on_a_card(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        hand_over(client, public_id)
        post(client, f"/briefing/{public_id}/consent", {"submit": "go_on"})
        response = decide(client, f"/briefing/{public_id}/consent/stress", "maybe")
        assert response.status_code == 400
        assert 'role="alert"' in response.text

    def test_conflict_of_duties_without_reasoning(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        answers = {f"reasoning_{q.id}": "Afweging" for q in CONFLICT_OF_DUTIES_QUESTIONS[:3]}
        response = post(
            client,
            f"/briefing/{public_id}/consent/record",
            record_form(legal_basis="conflict_of_duties", **answers),
        )
        assert response.status_code == 400
        missing = len(CONFLICT_OF_DUTIES_QUESTIONS) - 3
        assert response.text.count("Beantwoord deze vraag als je op deze grondslag deelt.") >= missing
        with app.app_context():
            assert db.session.scalar(select(ConsentRecord)) is None

    def test_conflict_of_duties_with_full_reasoning_is_recorded(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        answers = {f"reasoning_{q.id}": f"Afweging {q.id}" for q in CONFLICT_OF_DUTIES_QUESTIONS}
        response = post(
            client,
            f"/briefing/{public_id}/consent/record",
            record_form(
                legal_basis="conflict_of_duties", legal_ground="danger_to_client", teach_back="not", **answers
            ),
        )
        assert response.status_code == 302
        with app.app_context():
            record = db.session.scalar(select(ConsentRecord))
            assert record.data["reasoning"]["necessary"] == "Afweging necessary"

    def test_consent_without_telling_about_the_duty_to_act(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        data = record_form()
        del data["informed_of_duty_to_act"]
        response = post(client, f"/briefing/{public_id}/consent/record", data)
        assert response.status_code == 400
        assert "plicht om op te treden" in response.text

    def test_consent_the_client_could_not_explain(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        response = post(client, f"/briefing/{public_id}/consent/record", record_form(teach_back="not"))
        assert response.status_code == 400
        assert "de toestemming is nu niet geldig" in response.text

    @pytest.mark.parametrize("suffix", ["/sheet", "/sheet.pdf", "/sheet.json", "/client-copy", "/top-three"])
    def test_no_sheet_for_an_incomplete_preparation(self, app, client, counsellor, suffix):
        public_id = make_preparation(app, counsellor.id, answers={"reading": ["myself"]})
        save_settings(app, public_id)
        response = client.get(f"/briefing/{public_id}{suffix}")
        assert response.status_code == 409
        assert response.mimetype == "text/html"
        assert "De vragen zijn nog niet af" in response.text
        assert "Top 3" not in response.text

    @pytest.mark.parametrize("suffix", ["/sheet", "/sheet.pdf", "/sheet.json"])
    def test_no_sheet_without_consent(self, app, client, counsellor, suffix):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        response = client.get(f"/briefing/{public_id}{suffix}")
        assert response.status_code == 409
        assert "Nog geen toestemming" in response.text

    def test_no_sheet_when_consent_is_stale(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id)
        save_settings(app, public_id, possible_suspect=True)
        response = client.get(f"/briefing/{public_id}/sheet.pdf")
        assert response.status_code == 409
        assert "Vraag opnieuw toestemming" in response.text
        give_consent(app, public_id, counsellor.id)
        assert client.get(f"/briefing/{public_id}/sheet.pdf").status_code == 200

    def test_acute_danger_means_112_and_no_consent_walk(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id, routing=RoutingInput.from_values(acute_danger=True))
        for suffix in ("/consent", "/consent/stress", "/sheet"):
            response = client.get(f"/briefing/{public_id}{suffix}")
            assert response.status_code == 409
            assert "bel nu 112" in response.text

    def test_settings_need_a_value_for_a_pseudonym(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        response = post(
            client,
            f"/briefing/{public_id}/settings",
            {
                "goal": "report",
                "identification": "pseudonym",
                "identification_value": " ",
                "prepared_by_role": "support_worker",
                "prepared_by_organisation": "Koraal",
                "prepared_with_client": "y",
            },
        )
        assert response.status_code == 400
        assert "Vul het pseudoniem of de naam in" in response.text

    def test_top_three_refuses_more_than_three_and_unknown_rules(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id)
        page = client.get(f"/briefing/{public_id}/top-three").text
        choices = re.findall(r'value="([RS][0-9]{2}_[a-z_]+)"', page)
        for chosen in (choices[:4], ["R99_not_a_rule"], []):
            response = post(client, f"/briefing/{public_id}/top-three", {"rules": chosen})
            assert response.status_code == 400, chosen

    @pytest.mark.parametrize("value", HOSTILE)
    def test_hostile_values_in_every_field_never_crash(self, app, client, counsellor, value):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        base = f"/briefing/{public_id}"
        with app.test_request_context():
            # Every field of the form, so a field added later is covered without editing this test.
            settings_fields = [f.name for f in SettingsForm() if f.name not in ("csrf_token", "submit")]
        assert {"contact_name", "contact_phone", "urgency", "informed_about"} <= set(settings_fields)
        for name in settings_fields:
            assert post(client, f"{base}/settings", {name: value}).status_code in (200, 302, 400), name
        record_fields = [
            "teach_back",
            "legal_basis",
            "method",
            "consulted",
            "decision-stress",
            f"decision-{value}",
        ]
        record_fields += [f"reasoning_{q.id}" for q in ALL_REASONING_QUESTIONS]
        record_fields += ["legal_ground", "suspect_teach_back", "decision-suspect"]
        for name in record_fields:
            response = post(client, f"{base}/consent/record", record_form(**{name: value}))
            assert response.status_code in (302, 400), name
        # Outside client mode a card is refused with a message; in the walk a bad value gets one too.
        assert post(client, f"{base}/consent/stress", {"decision": value}).status_code == 409
        hand_over(client, public_id)
        post(client, f"{base}/consent", {"submit": "go_on"})
        assert decide(client, f"{base}/consent/stress", value).status_code in (302, 400)
        assert client.get(f"{base}/consent/{value[:200] or 'x'}").status_code in (404, 200, 302)
        unlock(client)
        assert client.get(f"/briefing/{value[:200] or 'x'}/sheet").status_code == 404


# ------------------------------------------------------------------------ the counsellor's contact

SETTINGS_FORM = {
    "goal": "information",
    "exploitation": ["criminal"],
    "identification": "anonymous",
    "prepared_by_role": "support_worker",
    "prepared_by_organisation": "Koraal",
    "prepared_with_client": "y",
}
CONTACT = {"contact_name": "Sanne de Vries", "contact_phone": "+31 6 1234 5678"}


def settings_row(app):
    with app.app_context():
        return db.session.scalar(select(SheetSettings))


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


class TestTheCounsellorsContact:
    def test_the_settings_page_saves_and_shows_the_contact_again(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        page = client.get(f"/briefing/{public_id}/settings").text
        assert "Je naam voor de politie (niet verplicht)" in page
        assert "Je telefoonnummer voor de politie (niet verplicht)" in page
        assert "Alleen als je ermee instemt dat de politie rechtstreeks contact met je opneemt." in page
        assert 'autocomplete="tel"' in page and 'inputmode="tel"' in page
        response = post(client, f"/briefing/{public_id}/settings", {**SETTINGS_FORM, **CONTACT})
        assert response.status_code == 302
        page = client.get(f"/briefing/{public_id}/settings").text
        assert 'value="Sanne de Vries"' in page and 'value="+31 6 1234 5678"' in page

    def test_the_contact_starts_empty_and_can_be_emptied_again(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        page = client.get(f"/briefing/{public_id}/settings").text
        assert re.search(r'id="contact_name"[^>]*value=""|value=""[^>]*id="contact_name"', page)
        post(client, f"/briefing/{public_id}/settings", {**SETTINGS_FORM, **CONTACT})
        emptied = {**SETTINGS_FORM, "contact_name": " ", "contact_phone": ""}
        assert post(client, f"/briefing/{public_id}/settings", emptied).status_code == 302
        row = settings_row(app)
        assert row.contact_name is None and row.contact_phone is None

    @pytest.mark.parametrize("phone", ["06-abc-1234", "12345", "1" * 21, "06.12.34.56.78"])
    def test_a_wrong_phone_is_explained_at_the_field_and_nothing_typed_is_lost(
        self, app, client, counsellor, phone
    ):
        public_id = make_preparation(app, counsellor.id)
        data = {
            **SETTINGS_FORM,
            "prepared_by_role": "behavioural_specialist",
            "contact_name": "Sanne de Vries",
        }
        response = post(client, f"/briefing/{public_id}/settings", {**data, "contact_phone": phone})
        assert response.status_code == 400
        message = (
            "Vul een telefoonnummer in met 6 tot 20 cijfers. Gebruik alleen cijfers, spaties en + - ( )."
        )
        assert re.search(rf'id="contact_phone-error">{re.escape(message)}', response.text)
        assert 'href="#contact_phone"' in response.text  # the error summary leads to the field
        assert re.search(r'aria-describedby="contact_phone-error"[^>]*aria-invalid="true"', response.text)
        for kept in ("Sanne de Vries", phone):
            assert f'value="{kept}"' in response.text, kept
        assert checked(response.text, "prepared_by_role", "behavioural_specialist")
        assert checked(response.text, "prepared_by_organisation", "Koraal")
        assert settings_row(app) is None

    def test_a_name_that_is_too_long_is_explained(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        response = post(
            client, f"/briefing/{public_id}/settings", {**SETTINGS_FORM, "contact_name": "x" * 81}
        )
        assert response.status_code == 400
        assert "Gebruik hoogstens 80 tekens." in response.text
        assert checked(response.text, "prepared_by_organisation", "Koraal")

    @pytest.mark.parametrize("value", HOSTILE)
    @pytest.mark.parametrize("name", ["contact_name", "contact_phone"])
    def test_hostile_contact_values_get_an_answer_never_a_crash(self, app, client, counsellor, name, value):
        public_id = make_preparation(app, counsellor.id)
        response = post(client, f"/briefing/{public_id}/settings", {**SETTINGS_FORM, name: value})
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert f'id="{name}-error"' in response.text
        assert "<script>alert(1)</script>" not in response.text
        stored = getattr(settings_row(app), name, None)
        assert stored is None or "\x00" not in stored

    def test_the_sheet_shows_the_contact_escaped_and_as_a_phone_link(self, app, client, counsellor):
        # Tags are refused at the field (TestFreeTextBadInput); what a name may hold is still escaped.
        contact = {"contact_name": 'Sanne & "Co"', "contact_phone": "+31 (0)6 1234-5678"}
        public_id = ready_sheet(app, counsellor.id, settings=contact)
        page = client.get(f"/briefing/{public_id}/sheet").text
        assert "Contact voor de politie:" in page
        assert 'Sanne & "Co"' not in page
        assert "Sanne &amp; &#34;Co&#34;, " in page
        assert '<a href="tel:+310612345678">+31 (0)6 1234-5678</a>' in page

    def test_pdf_and_json_carry_the_contact_when_given(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id, settings=CONTACT)
        reader, text = pdf_text(client.get(f"/briefing/{public_id}/sheet.pdf").data)
        assert "Contact voor de politie: Sanne de Vries, +31 6 1234 5678" in text
        assert len(reader.pages) <= 2, "the contact line does not push a typical sheet onto a third page"
        document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
        jsonschema.validate(document, SCHEMA)
        assert document["prepared_by"]["contact_name"] == "Sanne de Vries"
        assert document["prepared_by"]["contact_phone"] == "+31 6 1234 5678"

    @pytest.mark.parametrize(
        ("contact", "shown"),
        [
            ({"contact_phone": "06 1234 5678"}, "Contact voor de politie: 06 1234 5678"),
            ({"contact_name": "Sanne de Vries"}, "Contact voor de politie: Sanne de Vries"),
        ],
    )
    def test_a_phone_alone_or_a_name_alone_is_shown_alone(self, app, client, counsellor, contact, shown):
        public_id = ready_sheet(app, counsellor.id, settings=contact)
        _reader, text = pdf_text(client.get(f"/briefing/{public_id}/sheet.pdf").data)
        assert re.search(rf"{shown} [A-Z]", text), text  # no stray comma before the next entry
        page = client.get(f"/briefing/{public_id}/sheet").text
        assert ("tel:0612345678" in page) == ("contact_phone" in contact)

    def test_without_a_contact_the_sheet_says_nothing_about_one(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id)
        page = client.get(f"/briefing/{public_id}/sheet").text
        assert "Contact voor de politie" not in page and "tel:" not in page
        _reader, text = pdf_text(client.get(f"/briefing/{public_id}/sheet.pdf").data)
        assert "Contact voor de politie" not in text
        document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
        jsonschema.validate(document, SCHEMA)
        assert document["prepared_by"]["contact_name"] == "" == document["prepared_by"]["contact_phone"]

    def test_a_document_from_before_the_contact_still_validates(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id)
        document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
        del document["prepared_by"]["contact_name"], document["prepared_by"]["contact_phone"]
        jsonschema.validate(document, SCHEMA)

    def test_the_consent_cards_and_the_client_copy_never_show_the_contact(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id, **CONTACT)
        base = f"/briefing/{public_id}"
        hand_over(client, public_id)
        pages = [client.get(f"{base}/consent")]
        post(client, f"{base}/consent", {"submit": "go_on"})
        pages += [client.get(f"{base}/consent/{section}") for section in SECTIONS]
        pages.append(client.get(f"{base}/consent/done"))
        unlock(client)
        pages.append(client.get(f"{base}/consent/record"))
        give_consent(app, public_id, counsellor.id)
        pages.append(client.get(f"{base}/client-copy"))
        for response in pages:
            assert response.status_code == 200, response.request.path
            assert "Sanne de Vries" not in response.text and "1234 5678" not in response.text


# ------------------------------------------------------------ urgency and what the client was told


def checked(page, name, value):
    """Return whether the radio or tick box ``name`` with ``value`` is checked on the page."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', page)
    assert tag, (name, value)
    return " checked" in tag.group(0)


class TestUrgencyAndWhatTheClientWasTold:
    def test_the_settings_page_asks_both_next_to_the_goal(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        page = client.get(f"/briefing/{public_id}/settings").text
        goal, urgency, informed, matter = (
            page.index(text)
            for text in (
                "Doel van het contact met de politie",
                "Hoe snel moet de politie met de cliënt praten?",
                "Wat heb je de cliënt al uitgelegd?",
                "Wat weet je over de zaak?",
            )
        )
        assert goal < urgency < informed < matter
        for label in ("Binnenkort", "Geen haast", "Niet aangegeven", "Eerst komt een informatief gesprek"):
            assert label in page
        assert "Bij acuut gevaar: bel 112" in page
        # Not said until the counsellor says otherwise; nothing ticked.
        assert checked(page, "urgency", "not_said") and not checked(page, "urgency", "soon")
        assert not any(checked(page, "informed_about", i) for i in INFORMED_ABOUT_IDS)

    def test_saved_and_shown_again_then_set_back(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        chosen = {"urgency": "soon", "informed_about": ["recorded", "information_talk"]}
        assert post(client, f"/briefing/{public_id}/settings", {**SETTINGS_FORM, **chosen}).status_code == 302
        row = settings_row(app)
        assert (row.urgency, row.informed_about) == ("soon", ["information_talk", "recorded"])
        page = client.get(f"/briefing/{public_id}/settings").text
        assert checked(page, "urgency", "soon") and not checked(page, "urgency", "not_said")
        assert [i for i in INFORMED_ABOUT_IDS if checked(page, "informed_about", i)] == [
            "information_talk",
            "recorded",
        ]
        back = {**SETTINGS_FORM, "urgency": "not_said"}  # and no tick boxes sent
        assert post(client, f"/briefing/{public_id}/settings", back).status_code == 302
        row = settings_row(app)
        assert row.urgency is None and row.informed_about == []

    def test_a_form_without_the_new_fields_saves_not_said(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        assert post(client, f"/briefing/{public_id}/settings", SETTINGS_FORM).status_code == 302
        assert settings_row(app).urgency is None

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("urgency", "acute", "Kies binnenkort, geen haast of niet aangegeven."),
            ("urgency", "<script>alert(1)</script>", "Kies binnenkort, geen haast of niet aangegeven."),
            ("informed_about", ["recorded", "story"], "Vink alleen punten uit de lijst aan."),
        ],
    )
    def test_an_answer_the_form_does_not_offer_is_explained_and_nothing_is_lost(
        self, app, client, counsellor, name, value, message
    ):
        public_id = make_preparation(app, counsellor.id)
        data = {
            **SETTINGS_FORM,
            "prepared_by_role": "behavioural_specialist",
            "contact_name": "Sanne de Vries",
        }
        response = post(client, f"/briefing/{public_id}/settings", {**data, name: value})
        assert response.status_code == 400
        assert re.search(rf'id="{name}-error">{re.escape(message)}', response.text)
        assert f'href="#{name}"' in response.text  # the error summary leads to the field
        assert 'value="Sanne de Vries"' in response.text
        assert checked(response.text, "prepared_by_role", "behavioural_specialist")
        assert checked(response.text, "prepared_by_organisation", "Koraal")
        assert checked(response.text, "goal", "information")
        assert "<script>alert(1)</script>" not in response.text
        assert settings_row(app) is None

    @pytest.mark.parametrize("value", HOSTILE)
    @pytest.mark.parametrize("name", ["urgency", "informed_about"])
    def test_hostile_values_get_an_answer_never_a_crash(self, app, client, counsellor, name, value):
        public_id = make_preparation(app, counsellor.id)
        response = post(client, f"/briefing/{public_id}/settings", {**SETTINGS_FORM, name: value})
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert f'id="{name}-error"' in response.text
        else:
            row = settings_row(app)  # only the empty value passes: not said, nothing explained
            assert row.urgency is None and row.informed_about == []


def goal_section(html):
    """Return the visible text of the goal, route and urgency on the sheet page: page one's block and "why"."""
    parts = []
    for region in ('aria-labelledby="sheet-route"', 'aria-labelledby="sheet-why"'):
        if region in html:
            start = html.index(region)
            parts.append(html[start : html.index("</section>", start)])
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", " ".join(parts))).replace(" :", ":")


EXPLAINED = "Al uitgelegd aan de cliënt:"
STILL = "Aan het begin nog uitleggen:"


class TestUrgencyAndWhatTheClientWasToldOnTheSheet:
    def test_the_goal_section_says_how_soon_and_what_to_explain_in_html_pdf_and_json(
        self, app, client, counsellor
    ):
        public_id = ready_sheet(app, counsellor.id, settings=TYPICAL_ROUTE)
        goal = goal_section(client.get(f"/briefing/{public_id}/sheet").text)
        assert "Urgentie: Binnenkort" in goal
        assert f"{EXPLAINED} Eerst een informatief gesprek; Opname van het verhoor" in goal
        assert f"{STILL} Bedenktijd; Ambtshalve vervolging" in goal
        reader, text = pdf_text(client.get(f"/briefing/{public_id}/sheet.pdf").data)
        assert len(reader.pages) <= 2, "urgency and the process lines keep a typical sheet on two pages"
        for line in (
            "Urgentie: Binnenkort",
            f"{EXPLAINED} Eerst een informatief gesprek; Opname van het verhoor",
            f"{STILL} Bedenktijd; Ambtshalve vervolging",
        ):
            assert line in text, line
        document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
        jsonschema.validate(document, SCHEMA)
        assert document["route"]["urgency"] == {"id": "soon", "text": "Binnenkort"}
        assert [(p["id"], p["explained"]) for p in document["route"]["informed_about"]] == [
            ("information_talk", True),
            ("time_to_think", False),
            ("ex_officio", False),
            ("recorded", True),
        ]

    def test_nothing_ticked_lists_all_four_to_explain_and_not_said_says_nothing(
        self, app, client, counsellor
    ):
        public_id = ready_sheet(app, counsellor.id, settings={"informed_about": ()})
        goal = goal_section(client.get(f"/briefing/{public_id}/sheet").text)
        assert (
            f"{STILL} Eerst een informatief gesprek; Bedenktijd; Ambtshalve vervolging; Opname van het verhoor"
        ) in goal
        assert EXPLAINED not in goal and "Urgentie" not in goal
        reader, text = pdf_text(client.get(f"/briefing/{public_id}/sheet.pdf").data)
        assert len(reader.pages) <= 2
        assert f"{STILL} Eerst een informatief gesprek; Bedenktijd" in text

    def test_all_explained_leaves_nothing_to_explain(self, app, client, counsellor):
        settings = {"urgency": Urgency.NO_RUSH, "informed_about": INFORMED_ABOUT_IDS}
        public_id = ready_sheet(app, counsellor.id, settings=settings)
        goal = goal_section(client.get(f"/briefing/{public_id}/sheet").text)
        assert "Urgentie: Geen haast" in goal
        assert f"{EXPLAINED} Eerst een informatief gesprek; Bedenktijd; Ambtshalve vervolging" in goal
        assert STILL not in goal

    def test_a_sheet_from_before_they_were_asked_claims_nothing(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id)
        with app.app_context():
            db.session.execute(sql("UPDATE sheet_settings SET informed_about = NULL"))
            db.session.commit()
        page = client.get(f"/briefing/{public_id}/sheet").text
        assert EXPLAINED not in page and STILL not in page
        document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
        jsonschema.validate(document, SCHEMA)
        assert document["route"]["urgency"] is None and document["route"]["informed_about"] is None

    def test_an_english_officer_reads_the_officers_terms_in_english(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id, settings=TYPICAL_ROUTE)
        client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client.get("/about").text)})
        goal = goal_section(client.get(f"/briefing/{public_id}/sheet").text)
        assert "Urgency: Soon" in goal
        assert "Explained to the client: Information talk first; Recording of the talk" in goal
        assert "Still to explain at the start: Time to think; Prosecution without a complaint" in goal
        reader, _text = pdf_text(client.get(f"/briefing/{public_id}/sheet.pdf").data)
        assert len(reader.pages) <= 2


CARD_URGENCY_NL = "Je begeleider schrijft ook op of het gesprek binnenkort moet zijn."
CARD_KNOWN_NL = "Je begeleider schrijft ook op wat je weet over het gesprek."


class TestTheClientIsToldAboutUrgencyAndWhatTheyKnow:
    @pytest.mark.parametrize(
        ("settings", "urgency_line", "known_line"),
        [
            ({}, False, False),
            ({"urgency": Urgency.NO_RUSH}, True, False),
            ({"informed_about": ("recorded",)}, False, True),
            (TYPICAL_ROUTE, True, True),
        ],
    )
    def test_the_goal_card_says_so_only_when_given(
        self, app, client, counsellor, settings, urgency_line, known_line
    ):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id, **settings)
        base = f"/briefing/{public_id}"
        hand_over(client, public_id)
        post(client, f"{base}/consent", {"submit": "go_on"})
        goal = client.get(f"{base}/consent/goal")
        assert goal.status_code == 200  # read_aloud() refuses, in tests, a text it cannot speak
        assert (CARD_URGENCY_NL in goal.text, 'id="block-urgency"' in goal.text) == (urgency_line,) * 2
        assert (CARD_KNOWN_NL in goal.text, 'id="block-known"' in goal.text) == (known_line,) * 2
        for section in SECTIONS[:-1]:
            card = client.get(f"{base}/consent/{section}").text
            assert CARD_URGENCY_NL not in card and CARD_KNOWN_NL not in card, section
        # Only that something is written: never which points, never the officer's terms.
        for term in ("Binnenkort", "Geen haast", "Bedenktijd", "ambtshalve", "Opname van het verhoor"):
            assert term not in goal.text, term

    def test_the_card_speaks_the_clients_language(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id, client_locale="en")
        save_settings(app, public_id, **TYPICAL_ROUTE)
        hand_over(client, public_id)
        post(client, f"/briefing/{public_id}/consent", {"submit": "go_on"})
        card = client.get(f"/briefing/{public_id}/consent/goal").text
        assert "Your support worker also writes if the talk should be soon." in card
        assert "Your support worker also writes what you know about the talk." in card

    def test_both_lines_can_be_read_aloud(self, app):
        # In the client texts, so the language checker reads them and speech pre-generates their audio.
        assert {consent_cards.CARD_URGENCY, consent_cards.CARD_KNOWN} <= set(all_client_texts())
        with app.app_context():
            registry = speech_web(app).registry
            assert registry.knows(consent_cards.CARD_URGENCY) and registry.knows(consent_cards.CARD_KNOWN)

    @pytest.mark.parametrize(("withheld", "shown"), [(set(), True), ({"goal"}, False)])
    def test_the_clients_copy_says_so_only_with_the_goal_section(
        self, app, client, counsellor, withheld, shown
    ):
        public_id = ready_sheet(app, counsellor.id, settings=TYPICAL_ROUTE, withheld=withheld)
        page = client.get(f"/briefing/{public_id}/client-copy").text
        assert (CARD_URGENCY_NL in page) is shown and (CARD_KNOWN_NL in page) is shown

    def test_the_clients_copy_says_nothing_when_nothing_was_explained(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id, settings={"informed_about": ()})
        page = client.get(f"/briefing/{public_id}/client-copy").text
        assert CARD_URGENCY_NL not in page and CARD_KNOWN_NL not in page
