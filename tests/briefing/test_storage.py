"""Consent records, the consent walk and sheet settings in the database; when a sheet may be built."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from easyreport.briefing import service
from easyreport.briefing.consent import Decision, UnknownSection
from easyreport.briefing.meta_choices import CounsellorRole
from easyreport.briefing.models import ConsentDraft, ConsentRecord, SheetSettings
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.process_info import INFORMED_ABOUT_IDS, Urgency
from easyreport.briefing.routing import RoutingInput
from easyreport.briefing.service import BlockReason, SheetBlocked
from easyreport.briefing.sheet import IdentificationLevel
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.briefing.factory import (
    admin_adds_organisation,
    get_preparation,
    give_consent,
    make_preparation,
    ready_sheet,
    save_settings,
    settings_input,
)


@pytest.fixture
def owner(make_user):
    return make_user(Role.COUNSELLOR).id


def blocked_reason(app, public_id, now=None):
    with app.app_context():
        with pytest.raises(SheetBlocked) as caught:
            service.build_for(db.session, get_preparation(public_id), now=now or utcnow())
        return caught.value.reason


def test_a_consent_record_keeps_who_when_how_and_the_decisions(app, owner):
    public_id = make_preparation(app, owner)
    save_settings(app, public_id)
    give_consent(app, public_id, owner, withheld={"safety"}, method="written")
    with app.app_context():
        record, consent = service.latest_consent(db.session, get_preparation(public_id))
        assert record.asked_by_id == owner
        assert record.method == "written"
        assert consent.asked_by == CounsellorRole.SUPPORT_WORKER.value
        assert consent.decisions["safety"] is Decision.NO
        assert consent.decisions["stress"] is Decision.YES
        assert record.recorded_at is not None


def test_consent_content_and_sheet_choices_are_encrypted_at_rest(app, owner):
    public_id = make_preparation(app, owner)
    save_settings(
        app,
        public_id,
        identification=IdentificationLevel.NAME,
        identification_value="Zebra Quasar",
        possible_suspect=True,
        has_lawyer="yes",
        lawyer_contact="Advocaat Quokka",
    )
    give_consent(
        app,
        public_id,
        owner,
        legal_basis="legal_duty",
        legal_ground="court_order",
        reasoning={"duty_which": "Zebra", "duty_applies": "Zebra", "duty_necessary": "Zebra"},
        cards={"suspect": "yes"},
        card_teach_back={"suspect": "could_explain"},
    )
    with app.app_context():
        rows = db.session.execute(text("SELECT data FROM consent_records")).scalars().all()
        settings_rows = db.session.execute(
            text(
                "SELECT identification_value, goal, routing, possible_suspect, has_lawyer, lawyer_contact "
                "FROM sheet_settings"
            )
        ).all()
    raw = " ".join(rows) + " ".join(str(value) for row in settings_rows for value in row)
    for plain in (
        "legal_duty",
        "court_order",
        "suspect",
        "decisions",
        "Zebra",
        "Quokka",
        "information",
        "criminal",
        "true",
        "yes",
    ):
        assert plain not in raw


def test_the_newest_consent_counts_and_versions_count_up(app, owner):
    public_id = ready_sheet(app, owner, withheld={"stress"})
    give_consent(app, public_id, owner, withheld=set())
    with app.app_context():
        preparation = get_preparation(public_id)
        _record, consent = service.latest_consent(db.session, preparation)
        assert consent.decisions["stress"] is Decision.YES
        assert service.consent_count(db.session, preparation) == 2
        built = service.build_for(db.session, preparation, now=utcnow())
        assert built.sheet.meta.version == 2


def test_the_consent_walk_saves_each_decision_and_ends_with_the_record(app, owner):
    public_id = make_preparation(app, owner)
    save_settings(app, public_id)
    with app.app_context():
        preparation = get_preparation(public_id)
        service.mark_intro_seen(db.session, preparation, now=utcnow())
        service.record_decision(db.session, preparation, "communication", "yes", now=utcnow())
        service.record_decision(db.session, preparation, "stress", "dont_know", now=utcnow())
        db.session.commit()
        draft = db.session.scalar(select(ConsentDraft))
        assert draft.intro_seen
        assert draft.decisions == {"communication": "yes", "stress": "dont_know"}
        assert service.next_section(draft.decisions) == "conversation"
        assert service.next_section(draft.decisions, after="goal") is None
        with pytest.raises(UnknownSection):
            service.record_decision(db.session, preparation, "story", "yes", now=utcnow())
        with pytest.raises(ValueError):
            service.record_decision(db.session, preparation, "safety", "maybe", now=utcnow())
    give_consent(app, public_id, owner)
    with app.app_context():
        assert db.session.scalar(select(ConsentDraft)) is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"prepared_by_role": "  "}, "prepared_by_role"),
        ({"prepared_by_organisation": ""}, "prepared_by_organisation"),
        ({"prepared_by_role": "x" * 81}, "prepared_by_role"),
        # Typed text where the page offers a list, and an organisation the admin did not enter.
        ({"prepared_by_role": "Mark de Vries, 3 maart"}, "prepared_by_role"),
        ({"prepared_by_organisation": "Hotel De Zon"}, "prepared_by_organisation"),
        (
            {"prepared_with_client": False, "not_with_client_reason": "Ze was bang voor hem"},
            "not_with_client_reason",
        ),
        ({"contact_name": "Sanne\x00"}, "contact_name"),
        ({"contact_name": "Sanne\u200b"}, "contact_name"),
        ({"contact_name": "<b>Sanne</b>"}, "contact_name"),
        (
            {"identification": IdentificationLevel.PSEUDONYM, "identification_value": " "},
            "identification_value",
        ),
        ({"prepared_with_client": False, "not_with_client_reason": ""}, "not_with_client_reason"),
        ({"contact_name": "x" * 81}, "contact_name"),
        ({"contact_phone": "06-1234 abcd"}, "contact_phone"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"contact_phone": "1" * 21}, "contact_phone"),
        ({"urgency": "acute"}, "urgency"),
        ({"informed_about": ("story",)}, "informed_about"),
        ({"informed_about": ("recorded", "<script>")}, "informed_about"),
        ({"informed_about": (["recorded"],)}, "informed_about"),
        ({"informed_about": "recorded"}, "informed_about"),
    ],
)
def test_settings_refuse_what_the_sheet_cannot_carry(app, owner, overrides, field):
    public_id = make_preparation(app, owner)
    admin_adds_organisation(app)
    with app.app_context():
        with pytest.raises(service.InvalidSettings) as caught:
            service.save_settings(
                db.session, get_preparation(public_id), settings_input(**overrides), now=utcnow()
            )
        assert caught.value.field == field


class TestTheCounsellorsContactForThePolice:
    @pytest.mark.parametrize(
        "phone",
        ["+31 6 1234 5678", "(020) 123-4567", "0612345678", "123456", "1" * 20, "+31 (0)20 - 123 45 67"],
    )
    def test_phone_numbers_as_people_write_them(self, phone):
        assert service.valid_phone(phone)

    @pytest.mark.parametrize(
        "phone",
        [
            "12345",  # too few digits to be a number
            "1" * 21,  # too many
            "06-1234 abcd",
            "+31 6 1234 5678 ext. 2",
            "06.12.34.56.78",
            "06\n12345678",
            "06\t12345678",
            "０６１２３４５６７８",  # full-width digits look like digits but do not dial
            "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits
            "1 2 3 4 5 6" + " " * 30,  # six digits, but longer than any number is written
            "<script>",
            "+-()",
        ],
    )
    def test_anything_else_is_no_phone_number(self, phone):
        assert not service.valid_phone(phone)

    def test_name_and_phone_are_stripped_and_saved(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id, contact_name="  Sanne de Vries ", contact_phone=" 06 1234 5678 ")
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            assert (row.contact_name, row.contact_phone) == ("Sanne de Vries", "06 1234 5678")

    @pytest.mark.parametrize(
        ("name", "phone"), [("Sanne de Vries", ""), ("", "06 1234 5678"), ("x" * 80, "1" * 20)]
    )
    def test_a_name_without_a_phone_and_a_phone_without_a_name_are_fine(self, app, owner, name, phone):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id, contact_name=name, contact_phone=phone)
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            assert (row.contact_name, row.contact_phone) == (name or None, phone or None)

    def test_empty_is_stored_as_nothing(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id, contact_name="Sanne", contact_phone="0612345678")
        save_settings(app, public_id, contact_name="   ", contact_phone="")
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            assert row.contact_name is None and row.contact_phone is None

    def test_callers_that_do_not_know_the_contact_save_none(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id)
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            assert row.contact_name is None and row.contact_phone is None

    def test_name_and_phone_are_encrypted_at_rest(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id, contact_name="Zebra Quasar", contact_phone="06 9876 5432")
        with app.app_context():
            name, phone = db.session.execute(
                text("SELECT contact_name, contact_phone FROM sheet_settings")
            ).one()
        assert name.startswith("v3.") and phone.startswith("v3.")
        assert "Zebra" not in name and "9876" not in phone

    def test_the_contact_is_on_the_built_sheet_and_changing_it_needs_no_new_consent(self, app, owner):
        public_id = ready_sheet(app, owner)
        # The counsellor's own details are not the client's: the consent the client gave still holds.
        save_settings(app, public_id, contact_name="Sanne de Vries", contact_phone="06 1234 5678")
        with app.app_context():
            meta = service.build_for(db.session, get_preparation(public_id), now=utcnow()).sheet.meta
            assert (meta.contact_name, meta.contact_phone) == ("Sanne de Vries", "06 1234 5678")


class TestUrgencyAndWhatTheClientWasTold:
    def test_saved_once_each_in_the_fixed_order(self, app, owner):
        public_id = make_preparation(app, owner)
        given = ("recorded", "information_talk", "recorded")
        save_settings(app, public_id, urgency=Urgency.NO_RUSH, informed_about=given)
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            assert (row.urgency, row.informed_about) == ("no_rush", ["information_talk", "recorded"])

    def test_callers_that_do_not_know_them_save_not_said_and_nothing_explained(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id)
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            assert row.urgency is None and row.informed_about == []

    def test_both_are_encrypted_at_rest(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id, urgency=Urgency.SOON, informed_about=("time_to_think",))
        with app.app_context():
            urgency, informed = db.session.execute(
                text("SELECT urgency, informed_about FROM sheet_settings")
            ).one()
        assert urgency.startswith("v3.") and informed.startswith("v3.")
        assert "soon" not in urgency and "time_to_think" not in informed

    def test_both_are_on_the_built_sheet(self, app, owner):
        settings = {"urgency": Urgency.SOON, "informed_about": ("ex_officio",)}
        public_id = ready_sheet(app, owner, settings=settings)
        with app.app_context():
            route = service.build_for(db.session, get_preparation(public_id), now=utcnow()).sheet.route
        assert (route.urgency, route.informed_about) == (Urgency.SOON, ("ex_officio",))

    def test_with_the_goal_section_withheld_the_sheet_has_neither(self, app, owner):
        settings = {"urgency": Urgency.SOON, "informed_about": INFORMED_ABOUT_IDS}
        public_id = ready_sheet(app, owner, settings=settings, withheld={"goal"})
        with app.app_context():
            assert service.build_for(db.session, get_preparation(public_id), now=utcnow()).sheet.route is None

    @pytest.mark.parametrize(
        "change", [{"urgency": Urgency.SOON}, {"informed_about": ("recorded",)}], ids=["urgency", "informed"]
    )
    def test_a_change_after_consent_needs_new_consent(self, app, owner, change):
        # Both go into the goal section, which the client agreed to share as it was.
        public_id = ready_sheet(app, owner, settings={"urgency": Urgency.NO_RUSH})
        save_settings(app, public_id, **{"urgency": Urgency.NO_RUSH, **change})
        assert blocked_reason(app, public_id) is BlockReason.STALE_CONSENT

    def test_a_consent_from_before_they_existed_stays_valid(self, app, owner):
        public_id = ready_sheet(app, owner)
        with app.app_context():
            # A row saved by the previous version: the new columns are NULL after flask init-db.
            db.session.execute(text("UPDATE sheet_settings SET urgency = NULL, informed_about = NULL"))
            db.session.commit()
            built = service.build_for(db.session, get_preparation(public_id), now=utcnow())
        # Not asked is not "nothing explained": the sheet then says nothing about it either way.
        assert built.sheet.route.urgency is None and built.sheet.route.informed_about is None

    def test_a_stored_id_this_version_does_not_know_is_left_out(self, app, owner):
        save_settings(app, make_preparation(app, owner))
        with app.app_context():
            row = db.session.scalar(select(SheetSettings))
            row.informed_about = ["recorded", "gone_in_this_version"]
            row.urgency = "gone_too"
            assert service.stored_informed_about(row) == ("recorded",)
            assert service.stored_urgency(row) is None


def test_an_anonymous_sheet_keeps_no_name_typed_before(app, owner):
    public_id = make_preparation(app, owner)
    save_settings(app, public_id, identification=IdentificationLevel.ANONYMOUS, identification_value="Jan")
    with app.app_context():
        assert db.session.scalar(select(SheetSettings)).identification_value is None


def test_deleting_a_preparation_deletes_its_consent_and_settings(app, owner):
    public_id = ready_sheet(app, owner)
    with app.app_context():
        db.session.delete(get_preparation(public_id))
        db.session.commit()
        for table in (ConsentRecord, ConsentDraft, SheetSettings):
            assert db.session.scalar(select(table)) is None


class TestWhenTheSheetIsBlocked:
    def test_unfinished_questions(self, app, owner):
        public_id = make_preparation(app, owner, answers={"reading": ["myself"]})
        save_settings(app, public_id)
        assert blocked_reason(app, public_id) is BlockReason.INCOMPLETE

    def test_no_settings(self, app, owner):
        public_id = make_preparation(app, owner)
        assert blocked_reason(app, public_id) is BlockReason.NO_SETTINGS

    def test_acute_danger_comes_first(self, app, owner):
        public_id = make_preparation(app, owner, answers={})
        save_settings(app, public_id, routing=RoutingInput.from_values(acute_danger=True))
        assert blocked_reason(app, public_id) is BlockReason.ACUTE_DANGER

    def test_no_consent(self, app, owner):
        public_id = make_preparation(app, owner)
        save_settings(app, public_id)
        assert blocked_reason(app, public_id) is BlockReason.NO_CONSENT

    def test_an_answer_changed_after_consent(self, app, owner):
        public_id = ready_sheet(app, owner)
        with app.app_context():
            preparation = get_preparation(public_id)
            preparations.record_answer(
                db.session,
                preparation,
                QUESTIONNAIRE,
                "reading",
                ["myself"],
                entered_by="counsellor",
                now=utcnow(),
            )
            db.session.commit()
        assert blocked_reason(app, public_id) is BlockReason.STALE_CONSENT

    def test_an_observation_changed_after_consent(self, app, owner):
        public_id = ready_sheet(app, owner)
        with app.app_context():
            preparations.record_observation(
                db.session, get_preparation(public_id), "safety", ["phone"], "", now=utcnow()
            )
            db.session.commit()
        assert blocked_reason(app, public_id) is BlockReason.STALE_CONSENT

    def test_the_suspect_mark_set_after_consent(self, app, owner):
        public_id = ready_sheet(app, owner)
        save_settings(app, public_id, possible_suspect=True)
        assert blocked_reason(app, public_id) is BlockReason.STALE_CONSENT

    def test_a_changed_role_does_not_need_new_consent(self, app, owner):
        public_id = ready_sheet(app, owner)
        save_settings(app, public_id, prepared_by_role=CounsellorRole.PERSONAL_SUPPORT_WORKER.value)
        with app.app_context():
            built = service.build_for(db.session, get_preparation(public_id), now=utcnow())
        assert built.sheet.meta.prepared_by_role is CounsellorRole.PERSONAL_SUPPORT_WORKER

    def test_expired(self, app, owner):
        public_id = ready_sheet(app, owner)
        later = utcnow() + timedelta(days=service.VALID_DAYS, seconds=1)
        assert blocked_reason(app, public_id, now=later) is BlockReason.EXPIRED


def test_the_sheet_holds_consented_sections_only(app, owner):
    public_id = ready_sheet(app, owner, withheld={"stress", "goal"})
    with app.app_context():
        built = service.build_for(db.session, get_preparation(public_id), now=utcnow())
    by_id = {section.id: section for section in built.sheet.sections}
    assert not by_id["stress"].facts and not by_id["stress"].needs
    assert built.sheet.route is None
    assert by_id["communication"].facts
    assert all(section.shared == (section.id not in {"stress", "goal"}) for section in built.sheet.sections)
    assert [s.id for s in built.sheet.sections] == list(SECTIONS)


def test_the_counsellors_top_three_is_used_while_its_rules_still_fire(app, owner):
    public_id = ready_sheet(app, owner)
    with app.app_context():
        preparation = get_preparation(public_id)
        built = service.build_for(db.session, preparation, now=utcnow())
        chosen = [rec.id for rec in built.sheet.recommendations[-2:]]
        service.set_top_choice(db.session, built.settings, [*chosen, "R99_gone"])
        db.session.commit()
        again = service.build_for(db.session, preparation, now=utcnow())
        assert [rec.id for rec in again.sheet.top_three] == chosen
        assert again.sheet.top_chosen_by_counsellor
        service.set_top_choice(db.session, again.settings, ["R99_gone"])
        db.session.commit()
        proposal = service.build_for(db.session, preparation, now=utcnow())
        assert not proposal.sheet.top_chosen_by_counsellor
        assert proposal.sheet.top_three == built.sheet.top_three
