"""Free text on the settings page passes the needs-only check before it reaches the sheet.

Through the Flask test client: a flagged value is shown marked and explained and is not saved until it
is changed or confirmed; the confirmation is audited without the text; stored values from before the
check block the sheet and a new consent until they are reviewed; bad input gets a message, never a 500.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from easyreport.audit.storage import AuditEntry
from easyreport.briefing import free_text, service
from easyreport.briefing.models import SheetSettings
from easyreport.briefing.service import BlockReason, SheetBlocked
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.briefing.factory import (
    admin_adds_organisation,
    get_preparation,
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
FLAGGED_NAME = "Sanne Maastricht"  # a place in a name: flagged, and the counsellor may know it is fine
MARKED_MESSAGE = (
    "Verander de gemarkeerde woorden, of bevestig dat de tekst niets vertelt over wat er gebeurd is."
)


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


def audit_entries(app, action="text_confirmed"):
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


class TestFlaggedTextOnTheSettingsPage:
    def test_flag_then_marked_then_confirm_then_audited_then_on_the_sheet(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        url = f"/briefing/{public_id}/settings"
        response = post(client, url, {**FORM, "contact_name": FLAGGED_NAME})
        assert response.status_code == 400
        assert "<mark>Maastricht</mark>" in response.text
        assert (
            "Een plaats, een station of een hotel. Het blad zegt nooit waar iets gebeurd is." in response.text
        )
        assert MARKED_MESSAGE in response.text
        assert 'name="confirm_contact_name"' in response.text
        digest = re.search(r'name="reviewed_contact_name" value="([0-9a-f]{64})"', response.text).group(1)
        assert row(app) is None  # nothing saved

        confirmed = {
            **FORM,
            "contact_name": FLAGGED_NAME,
            "confirm_contact_name": "y",
            "reviewed_contact_name": digest,
        }
        assert post(client, url, confirmed).status_code == 302
        saved = row(app)
        assert saved.contact_name == FLAGGED_NAME
        assert saved.text_checks["contact_name"] == {
            "digest": free_text.digest(FLAGGED_NAME),
            "clean": False,
            "confirmed": True,
        }
        (entry,) = audit_entries(app)
        assert entry.object_type == "preparation"
        assert '"field":"contact_name"' in entry.metadata_json.replace(" ", "")
        assert "place_name" in entry.metadata_json
        assert "Maastricht" not in entry.metadata_json and "Sanne" not in entry.metadata_json

        give_consent(app, public_id, counsellor.id)
        sheet = client.get(f"/briefing/{public_id}/sheet")
        assert sheet.status_code == 200
        assert FLAGGED_NAME in sheet.text

    def test_flag_then_change_then_clean_then_on_the_sheet(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        url = f"/briefing/{public_id}/settings"
        assert post(client, url, {**FORM, "contact_name": "Sanne, sinds 3 maart"}).status_code == 400
        assert row(app) is None
        assert post(client, url, {**FORM, "contact_name": "Sanne de Vries"}).status_code == 302
        assert row(app).text_checks["contact_name"]["clean"] is True
        assert audit_entries(app) == []  # nothing was confirmed
        give_consent(app, public_id, counsellor.id)
        assert "Sanne de Vries" in client.get(f"/briefing/{public_id}/sheet").text

    def test_a_tick_does_not_confirm_text_that_was_not_shown_marked(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        url = f"/briefing/{public_id}/settings"
        shown = post(client, url, {**FORM, "contact_name": FLAGGED_NAME}).text
        digest = re.search(r'name="reviewed_contact_name" value="([0-9a-f]{64})"', shown).group(1)
        changed = {
            **FORM,
            "contact_name": "Sanne Maastricht 3 maart",
            "confirm_contact_name": "y",
            "reviewed_contact_name": digest,
        }
        response = post(client, url, changed)
        assert response.status_code == 400 and "<mark>3 maart</mark>" in response.text
        assert row(app) is None and audit_entries(app) == []

    def test_a_pseudonym_with_account_text_is_marked_too(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        data = {
            **FORM,
            "identification": "pseudonym",
            "identification_value": "Roos, opgehaald bij station Venlo",
        }
        response = post(client, f"/briefing/{public_id}/settings", data)
        assert response.status_code == 400
        assert "<mark>bij station Venlo</mark>" in response.text
        assert 'name="confirm_identification_value"' in response.text

    @pytest.mark.parametrize("value", ["Маrk", "Sаnne de Vries"])  # Cyrillic М, а
    def test_homoglyphs_are_marked_and_cannot_be_confirmed(self, app, client, counsellor, value):
        public_id = make_preparation(app, counsellor.id)
        url = f"/briefing/{public_id}/settings"
        response = post(client, url, {**FORM, "contact_name": value})
        assert response.status_code == 400
        assert (
            "Letters uit verschillende alfabetten in één woord. Typ het woord met gewone letters."
            in response.text
        )
        assert 'name="confirm_contact_name"' not in response.text
        forced = {
            **FORM,
            "contact_name": value,
            "confirm_contact_name": "y",
            "reviewed_contact_name": free_text.digest(value),
        }
        assert post(client, url, forced).status_code == 400
        assert row(app) is None


class TestStructuredChoices:
    def test_role_reason_and_organisation_come_from_lists(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        url = f"/briefing/{public_id}/settings"
        page = client.get(url).text
        assert 'value="personal_support_worker"' in page and "Persoonlijk begeleider" in page
        assert 'value="client_declined"' in page
        for field, value in [
            ("prepared_by_role", "Mark de Vries"),
            ("prepared_by_organisation", "Hotel De Zon"),
        ]:
            response = post(client, url, {**FORM, field: value})
            assert response.status_code == 400 and f'id="{field}-error"' in response.text, field
        typed_reason = {**FORM, "prepared_with_client": "", "not_with_client_reason": "Ze was bang voor hem"}
        response = post(client, url, typed_reason)
        assert response.status_code == 400 and "Kies een reden uit de lijst." in response.text
        assert row(app) is None
        chosen = {**FORM, "prepared_with_client": "", "not_with_client_reason": "not_able_now"}
        assert post(client, url, chosen).status_code == 302
        give_consent(app, public_id, counsellor.id)
        sheet = client.get(f"/briefing/{public_id}/sheet").text
        assert "Begeleider, Koraal" in sheet
        assert "De cliënt kon nu niet meedoen, bijvoorbeeld door moeheid of ziekte" in sheet
        document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
        assert document["prepared_by"]["role"] == "Begeleider"

    def test_without_an_organisation_from_the_admin_nothing_can_be_saved(self, app, client, counsellor):
        from easyreport.briefing.organisations import organisations, remove_organisation

        with app.app_context():
            for organisation in organisations(db.session):
                remove_organisation(db.session, organisation.id)
            db.session.commit()
        public_id = make_preparation(app, counsellor.id)
        url = f"/briefing/{public_id}/settings"
        message = "Je beheerder heeft nog geen organisatie ingevoerd. Vraag of die de organisatie toevoegt."
        assert message in client.get(url).text
        response = post(client, url, FORM)
        assert response.status_code == 400 and message in response.text
        assert row(app) is None


class TestExistingPreparations:
    def make_old(self, app, owner_id, **stored):
        """A sheet with consent whose stored values were typed before the lists and the check existed."""
        public_id = ready_sheet(app, owner_id)
        with app.app_context():
            settings = db.session.scalar(select(SheetSettings))
            for name, value in stored.items():
                setattr(settings, name, value)
            settings.text_checks = None
            db.session.commit()
        return public_id

    def test_a_clean_old_value_does_not_block(self, app, client, counsellor):
        public_id = self.make_old(app, counsellor.id, contact_name="Sanne de Vries")
        assert client.get(f"/briefing/{public_id}/sheet").status_code == 200

    @pytest.mark.parametrize(
        "stored",
        [
            {"contact_name": "Mark de Vries, 3 maart station Maastricht"},
            {"prepared_by_role": "Begeleider van Mark sinds 3 maart"},
            {"prepared_by_organisation": "Hotel De Zon"},
            {
                "prepared_with_client": False,
                "not_with_client_reason": "Ze was bang na wat er in Breda gebeurde",
            },
        ],
    )
    def test_flagged_or_typed_old_values_block_the_sheet_and_a_new_consent(
        self, app, client, counsellor, stored
    ):
        public_id = self.make_old(app, counsellor.id, **stored)
        with app.app_context(), pytest.raises(SheetBlocked) as blocked:
            service.build_for(db.session, get_preparation(public_id), now=utcnow())
        assert blocked.value.reason is BlockReason.UNCHECKED_TEXT
        for page in ("sheet", "sheet.json", "sheet.pdf", "consent"):
            response = client.get(f"/briefing/{public_id}/{page}")
            assert response.status_code == 409, page
        assert (
            "Controleer eerst de instellingen van het blad" in client.get(f"/briefing/{public_id}/sheet").text
        )
        settings_page = client.get(f"/briefing/{public_id}/settings").text
        assert "Controleer deze instellingen opnieuw." in settings_page

    def test_reviewing_the_settings_unblocks_the_sheet(self, app, client, counsellor):
        public_id = self.make_old(
            app, counsellor.id, prepared_by_role="Begeleider", contact_name="Mark, zaterdag 3 maart"
        )
        page = client.get(f"/briefing/{public_id}/settings").text
        assert "<mark>zaterdag</mark>" in page and "<mark>3 maart</mark>" in page
        assert (
            post(client, f"/briefing/{public_id}/settings", {**FORM, "contact_name": "Sanne"}).status_code
            == 302
        )
        # Role and contact are not part of what the client agreed to: the consent still holds.
        sheet = client.get(f"/briefing/{public_id}/sheet")
        assert sheet.status_code == 200 and "Sanne" in sheet.text and "3 maart" not in sheet.text


class TestBadInput:
    @pytest.fixture
    def saved(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        assert (
            post(client, f"/briefing/{public_id}/settings", {**FORM, "contact_name": "Sanne"}).status_code
            == 302
        )
        return public_id

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("x" * 1_000_000, "Gebruik hoogstens 80 tekens."),
            ("San\x00ne", "Deze tekst bevat verborgen tekens"),
            ("San\u200bne", "Deze tekst bevat verborgen tekens"),
            ("<b>Sanne</b>", "Gebruik alleen letters, zonder &lt; of &gt;."),
            ("Sаnne", "Letters uit verschillende alfabetten in één woord."),
        ],
    )
    @pytest.mark.parametrize("field", ["contact_name", "identification_value"])
    def test_bad_text_is_explained_and_nothing_saved_is_lost(self, app, client, saved, field, value, message):
        data = {**FORM, "contact_name": "Sanne", field: value}
        if field == "identification_value":
            data["identification"] = "pseudonym"
        response = post(client, f"/briefing/{saved}/settings", data)
        assert response.status_code == 400
        assert message in response.text
        assert "<b>Sanne</b>" not in response.text
        kept = row(app)
        assert kept.contact_name == "Sanne" and kept.identification == "anonymous"

    def test_whitespace_only(self, app, client, saved):
        response = post(client, f"/briefing/{saved}/settings", {**FORM, "contact_name": "  \t "})
        assert response.status_code == 302 and row(app).contact_name is None
        pseudonym = {**FORM, "identification": "pseudonym", "identification_value": "   "}
        response = post(client, f"/briefing/{saved}/settings", pseudonym)
        assert response.status_code == 400 and "Vul het pseudoniem of de naam in" in response.text


class TestAdminOrganisations:
    @pytest.fixture
    def admin(self, client, make_user):
        user = make_user(Role.ADMIN)
        assert login(client, user.username).status_code == 302
        return user

    def test_a_clean_name_is_added_and_offered(self, app, client, admin):
        response = post(client, "/admin/organisations", {"name": "  Stichting   Prisma "})
        assert response.status_code == 302
        assert "Stichting Prisma" in client.get("/admin/organisations").text
        assert post(client, "/admin/organisations", {"name": "stichting prisma"}).status_code == 400

    def test_a_flagged_name_needs_a_confirmation_which_is_audited(self, app, client, admin):
        response = post(client, "/admin/organisations", {"name": "Zorggroep Maastricht"})
        assert response.status_code == 400 and "<mark>Maastricht</mark>" in response.text
        digest = re.search(r'name="reviewed" value="([0-9a-f]{64})"', response.text).group(1)
        confirmed = {"name": "Zorggroep Maastricht", "confirm": "y", "reviewed": digest}
        assert post(client, "/admin/organisations", confirmed).status_code == 302
        (entry,) = audit_entries(app)
        assert entry.object_type == "organisation" and "Maastricht" not in entry.metadata_json

    @pytest.mark.parametrize("name", ["", "   ", "x" * 1_000_000, "Kor\x00aal", "<i>Koraal</i>", "Kоraal"])
    def test_bad_names_get_a_message(self, app, client, admin, name):
        response = post(client, "/admin/organisations", {"name": name})
        assert response.status_code == 400
        assert 'id="name-error"' in response.text
        assert "Koraal" in client.get("/admin/organisations").text  # the existing one is still there
