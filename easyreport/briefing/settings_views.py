"""The goal and route page: goal, routing input, suspect mark, identification, who prepared the sheet."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from easyreport.auth import current_user, role_required
from easyreport.briefing import service
from easyreport.briefing.forms import LAWYER_NOT_ASKED, URGENCY_NOT_SAID, SettingsForm
from easyreport.briefing.process_info import Urgency
from easyreport.briefing.routing import POLICE_DECIDE, UNIT_LABELS, RoutingInput
from easyreport.briefing.sheet import Goal, IdentificationLevel
from easyreport.briefing.suspect import LAWYER_CONTACT_MAX, LawyerStatus
from easyreport.briefing.views import bp, overview_url, owned_preparation
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import N_


def suggested_goal(answers: dict[str, tuple[str, ...]]) -> Goal | None:
    """Return the goal the client's own answers point to, to fill in the form."""
    if answers.get("know_what_you_want") == ("not_yet",):
        return Goal.UNDECIDED
    first: dict[tuple[str, ...], Goal] = {
        ("information_talk",): Goal.INFORMATION,
        ("report",): Goal.REPORT,
        ("official_report",): Goal.AANGIFTE,
    }
    return first.get(answers.get("what_first", ()))


def _fill_settings_form(form: SettingsForm, preparation: Preparation, user_id: int) -> None:
    settings = service.settings_for(db.session, preparation)
    if settings is None:
        goal = suggested_goal(preparations.answers(db.session, preparation))
        form.goal.data = goal.value if goal is not None else None
        form.prepared_by_role.data, form.prepared_by_organisation.data = service.latest_role_and_organisation(
            db.session, user_id
        )
        form.prepared_with_client.data = True
        return
    routing = service.routing_input(settings)
    form.goal.data = settings.goal
    form.exploitation.data = sorted(kind.value for kind in routing.exploitation)
    form.sexual_offence.data = routing.sexual_offence
    form.threats_or_unsafety.data = routing.threats_or_unsafety
    form.missing_person.data = routing.missing_person
    form.acute_danger.data = routing.acute_danger
    form.possible_suspect.data = bool(settings.possible_suspect)
    form.has_lawyer.data = settings.has_lawyer or LAWYER_NOT_ASKED
    form.lawyer_contact.data = settings.lawyer_contact or ""
    urgency = service.stored_urgency(settings)
    form.urgency.data = URGENCY_NOT_SAID if urgency is None else urgency.value
    form.informed_about.data = list(service.stored_informed_about(settings) or ())
    form.identification.data = settings.identification
    form.identification_value.data = settings.identification_value or ""
    form.prepared_by_role.data = settings.prepared_by_role
    form.prepared_by_organisation.data = settings.prepared_by_organisation
    form.contact_name.data = settings.contact_name or ""
    form.contact_phone.data = settings.contact_phone or ""
    form.prepared_with_client.data = settings.prepared_with_client
    form.not_with_client_reason.data = settings.not_with_client_reason or ""


_SETTINGS_ERRORS = {
    "prepared_by_role": N_("Enter your role."),
    "prepared_by_organisation": N_("Enter your organisation."),
    "identification_value": N_("Enter the pseudonym or name, or choose anonymous."),
    "not_with_client_reason": N_("Say why the client was not involved."),
    "urgency": N_("Choose soon, no rush or not said."),
    "informed_about": N_("Tick only points from the list."),
    "contact_name": N_("Use at most %(max)d characters."),
    "has_lawyer": N_("Choose yes, no, not known or not asked."),
    "lawyer_contact": N_(
        "Use at most %(max)d characters: a name, office and phone number, without line breaks or < >."
    ),
    "contact_phone": N_(
        "Enter a phone number with %(low)d to %(high)d digits. Use only digits, spaces and + - ( )."
    ),
}
# The limits named in the messages above, so a message never disagrees with the check.
_SETTINGS_ERROR_VALUES: dict[str, dict[str, int]] = {
    "contact_name": {"max": service.CONTACT_NAME_MAX},
    "lawyer_contact": {"max": LAWYER_CONTACT_MAX},
    "contact_phone": {"low": service.CONTACT_PHONE_DIGITS[0], "high": service.CONTACT_PHONE_DIGITS[1]},
}


def _urgency(value: str | None) -> Urgency | None:
    # The form has already refused anything but its three answers; empty or "not said" is None.
    return None if not value or value == URGENCY_NOT_SAID else Urgency(value)


def _has_lawyer(value: str | None) -> LawyerStatus | None:
    # The form has already refused anything but its four answers; empty or "not asked" is None.
    return None if not value or value == LAWYER_NOT_ASKED else LawyerStatus(value)


@bp.route("/<public_id>/settings", methods=["GET", "POST"], endpoint="settings")
@role_required(Role.COUNSELLOR)
def settings(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Choose goal, route, suspect mark and identification; show the routing suggestion and its reason."""
    preparation = owned_preparation(public_id)
    user = current_user()
    assert user is not None
    form = SettingsForm()
    if request.method == "GET":
        _fill_settings_form(form, preparation, user.id)
    elif form.validate_on_submit():
        try:
            service.save_settings(
                db.session,
                preparation,
                service.SettingsInput(
                    goal=Goal(form.goal.data),
                    identification=IdentificationLevel(form.identification.data),
                    identification_value=form.identification_value.data or "",
                    routing=RoutingInput.from_values(
                        form.exploitation.data or (),
                        sexual_offence=form.sexual_offence.data,
                        threats_or_unsafety=form.threats_or_unsafety.data,
                        missing_person=form.missing_person.data,
                        acute_danger=form.acute_danger.data,
                    ),
                    possible_suspect=form.possible_suspect.data,
                    urgency=_urgency(form.urgency.data),
                    informed_about=tuple(form.informed_about.data or ()),
                    prepared_by_role=form.prepared_by_role.data or "",
                    prepared_by_organisation=form.prepared_by_organisation.data or "",
                    prepared_with_client=form.prepared_with_client.data,
                    not_with_client_reason=form.not_with_client_reason.data or "",
                    contact_name=form.contact_name.data or "",
                    contact_phone=form.contact_phone.data or "",
                    has_lawyer=_has_lawyer(form.has_lawyer.data),
                    lawyer_contact=form.lawyer_contact.data or "",
                ),
                now=utcnow(),
            )
        except service.InvalidSettings as invalid:
            values = _SETTINGS_ERROR_VALUES.get(invalid.field, {})
            form[invalid.field].errors = [_(_SETTINGS_ERRORS[invalid.field], **values)]
        else:
            db.session.commit()
            flash(_("Saved. The route suggestion is below."), "success")
            return redirect(url_for("briefing.settings", public_id=public_id) + "#route")
    saved = service.settings_for(db.session, preparation)
    status = 400 if form.errors else 200
    html = render_template(
        "briefing/settings.html",
        preparation=preparation,
        form=form,
        advice=service.routing_advice(saved) if saved is not None else None,
        unit_labels=UNIT_LABELS,
        police_decide=POLICE_DECIDE,
        overview=overview_url(preparation),
    )
    return html, status
