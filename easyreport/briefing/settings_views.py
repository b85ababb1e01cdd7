"""The goal and route page: goal, routing input, suspect mark, identification, who prepared the sheet."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.briefing import free_text, service
from easyreport.briefing.forms import LANGUAGE_NOT_GIVEN, LAWYER_NOT_ASKED, URGENCY_NOT_SAID, SettingsForm
from easyreport.briefing.free_text import FREE_TEXT_FIELDS, TextProblem
from easyreport.briefing.meta_choices import known_absence, known_role
from easyreport.briefing.models import SheetSettings
from easyreport.briefing.organisations import organisation_names
from easyreport.briefing.process_info import Urgency
from easyreport.briefing.routing import POLICE_DECIDE, UNIT_LABELS, RoutingInput
from easyreport.briefing.sheet import Goal, IdentificationLevel
from easyreport.briefing.suspect import LAWYER_CONTACT_MAX, LawyerStatus
from easyreport.briefing.views import bp, overview_url, owned_preparation
from easyreport.catalogue_lookup import gettext as _
from easyreport.content.languages import LANGUAGES, OTHER_LANGUAGE, OTHER_LANGUAGE_LABEL
from easyreport.extensions import db
from easyreport.needs_check import EXPLANATIONS, NeedsCheckResult, marked_segments
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


def _set_language_choices(form: SettingsForm) -> None:
    # The client's own name for the language first, so the client can point at it; then the counsellor's word.
    form.interpreter_language.choices = [
        (LANGUAGE_NOT_GIVEN, _("Not given")),
        *[(language.code, f"{language.own_name} ({_(language.name)})") for language in LANGUAGES],
        (OTHER_LANGUAGE, _(OTHER_LANGUAGE_LABEL)),
    ]


def _set_organisation_choices(form: SettingsForm) -> list[str]:
    names = organisation_names(db.session)
    form.prepared_by_organisation.choices = [(name, name) for name in names]
    return names


def _known_organisation(value: str, names: list[str]) -> str | None:
    # The only organisation is used; a stored name the admin no longer lists must be chosen again.
    if value in names:
        return value
    return names[0] if len(names) == 1 else None


def _fill_settings_form(form: SettingsForm, preparation: Preparation, user_id: int, names: list[str]) -> None:
    settings = service.settings_for(db.session, preparation)
    if settings is None:
        goal = suggested_goal(preparations.answers(db.session, preparation))
        form.goal.data = goal.value if goal is not None else None
        last_role, last_organisation = service.latest_role_and_organisation(db.session, user_id)
        known = known_role(last_role)
        form.prepared_by_role.data = known.value if known is not None else None
        form.prepared_by_organisation.data = _known_organisation(last_organisation, names)
        form.prepared_with_client.data = True
        return
    routing = service.routing_input(settings)
    form.goal.data = settings.goal
    form.exploitation.data = sorted(kind.value for kind in routing.exploitation)
    form.sexual_offence.data = routing.sexual_offence
    form.threats_or_unsafety.data = routing.threats_or_unsafety
    form.missing_person.data = routing.missing_person
    form.acute_danger.data = routing.acute_danger
    form.meldcode_applies.data = routing.meldcode_applies
    form.possible_suspect.data = bool(settings.possible_suspect)
    form.has_lawyer.data = settings.has_lawyer or LAWYER_NOT_ASKED
    form.lawyer_contact.data = settings.lawyer_contact or ""
    urgency = service.stored_urgency(settings)
    form.urgency.data = URGENCY_NOT_SAID if urgency is None else urgency.value
    form.informed_about.data = list(service.stored_informed_about(settings) or ())
    form.identification.data = settings.identification
    form.identification_value.data = settings.identification_value or ""
    # Typed text from before these were lists is not offered back: the counsellor chooses again.
    role, reason = known_role(settings.prepared_by_role), known_absence(settings.not_with_client_reason)
    form.prepared_by_role.data = role.value if role is not None else None
    form.prepared_by_organisation.data = _known_organisation(settings.prepared_by_organisation, names)
    form.contact_name.data = settings.contact_name or ""
    form.contact_phone.data = settings.contact_phone or ""
    named = service.stored_name_and_language(settings)
    form.preferred_name.data = named.preferred_name
    form.interpreter_language.data = named.interpreter_language or LANGUAGE_NOT_GIVEN
    form.interpreter_language_other.data = named.interpreter_language_other
    form.prepared_with_client.data = settings.prepared_with_client
    form.not_with_client_reason.data = reason.value if reason is not None else None


_SETTINGS_ERRORS = {
    "prepared_by_role": N_("Choose your role."),
    "prepared_by_organisation": N_("Choose your organisation from the list."),
    "identification_value": N_("Enter the pseudonym or name, or choose anonymous."),
    "not_with_client_reason": N_("Choose why the client was not involved."),
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
    "interpreter_language": N_("Choose a language from the list, or something else."),
    "interpreter_language_other": N_("Type the name of the language, or choose one from the list."),
}
_TEXT_PROBLEMS = {
    TextProblem.TOO_LONG: N_("Use at most %(max)d characters."),
    TextProblem.HIDDEN_CHARACTERS: N_(
        "This text holds hidden characters (for example a null character or a zero-width space). "
        "Type it again with normal letters."
    ),
    TextProblem.MARKUP: N_("Use letters only, without < or >."),
}
NO_ORGANISATIONS = N_("Your administrator has not entered an organisation yet. Ask them to add it.")
FLAGGED = N_("Change the marked words, or confirm that the text holds no account of what happened.")
# The limits named in the messages above, so a message never disagrees with the check.
_SETTINGS_ERROR_VALUES: dict[str, dict[str, int]] = {
    "contact_name": {"max": service.CONTACT_NAME_MAX},
    "lawyer_contact": {"max": LAWYER_CONTACT_MAX},
    "contact_phone": {"low": service.CONTACT_PHONE_DIGITS[0], "high": service.CONTACT_PHONE_DIGITS[1]},
}


def _urgency(value: str | None) -> Urgency | None:
    # The form has already refused anything but its three answers; empty or "not said" is None.
    return None if not value or value == URGENCY_NOT_SAID else Urgency(value)


def _language(value: str | None) -> str:
    # The form has already refused anything but its list; empty or "not given" is no language.
    return "" if not value or value == LANGUAGE_NOT_GIVEN else value


def _name_and_language(form: SettingsForm, preparation: Preparation) -> dict[str, str]:
    """Return the name and language fields as posted; a form from before they existed keeps the stored ones."""
    posted = {
        "preferred_name": form.preferred_name.data or "",
        "interpreter_language": _language(form.interpreter_language.data),
        "interpreter_language_other": form.interpreter_language_other.data or "",
    }
    if any(name in request.form for name in posted):
        return posted
    # A page opened before this version was deployed has none of these fields: saving it loses nothing.
    saved = service.settings_for(db.session, preparation)
    if saved is None:
        return posted
    kept = service.stored_name_and_language(saved)
    return {
        "preferred_name": kept.preferred_name,
        "interpreter_language": kept.interpreter_language,
        "interpreter_language_other": kept.interpreter_language_other,
    }


def _has_lawyer(value: str | None) -> LawyerStatus | None:
    # The form has already refused anything but its four answers; empty or "not asked" is None.
    return None if not value or value == LAWYER_NOT_ASKED else LawyerStatus(value)


def _review(value: str, result: NeedsCheckResult) -> dict[str, object]:
    """What the page needs to show a flagged value: marked pieces, explanations, whether it can be confirmed."""
    return {
        "segments": marked_segments(value, result.flags),
        "explanations": [EXPLANATIONS[category] for category in result.categories],
        "confirmable": free_text.confirmable(result),
        "digest": free_text.digest(value),
    }


def _stored_reviews(saved: SheetSettings | None) -> dict[str, dict[str, object]]:
    """Reviews of stored free text that may not reach the sheet as it is (older values, say)."""
    reviews: dict[str, dict[str, object]] = {}
    if saved is None:
        return reviews
    values = service.stored_texts(saved)
    for name in free_text.unchecked_fields(values, saved.text_checks, "nl"):
        reviews[name] = _review(
            values[name], free_text.check_value(values[name], FREE_TEXT_FIELDS[name], "nl")
        )
    return reviews


def _confirmed(form: SettingsForm) -> frozenset[str]:
    """Return the fields whose ticked confirmation belongs to the value that was shown marked."""
    confirmed = set()
    for name in FREE_TEXT_FIELDS:
        value = (form[name].data or "").strip()
        if (
            form[f"confirm_{name}"].data
            and value
            and form[f"reviewed_{name}"].data == free_text.digest(value)
        ):
            confirmed.add(name)
    return frozenset(confirmed)


@bp.route("/<public_id>/settings", methods=["GET", "POST"], endpoint="settings")
@role_required(Role.COUNSELLOR)
def settings(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Choose goal, route, suspect mark and identification; show the routing suggestion and its reason."""
    preparation = owned_preparation(public_id)
    user = current_user()
    assert user is not None
    form = SettingsForm()
    names = _set_organisation_choices(form)
    _set_language_choices(form)
    reviews: dict[str, dict[str, object]] = {}
    if request.method == "GET":
        _fill_settings_form(form, preparation, user.id, names)
    elif form.validate_on_submit():
        try:
            given = service.SettingsInput(
                goal=Goal(form.goal.data),
                identification=IdentificationLevel(form.identification.data),
                identification_value=form.identification_value.data or "",
                routing=RoutingInput.from_values(
                    form.exploitation.data or (),
                    sexual_offence=form.sexual_offence.data,
                    threats_or_unsafety=form.threats_or_unsafety.data,
                    missing_person=form.missing_person.data,
                    acute_danger=form.acute_danger.data,
                    meldcode_applies=form.meldcode_applies.data,
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
                **_name_and_language(form, preparation),
                confirmed=_confirmed(form),
                locale=str(get_locale() or "nl"),
            )
            service.save_settings(db.session, preparation, given, now=utcnow())
        except service.InvalidSettings as invalid:
            if invalid.problem is not None:
                limit = FREE_TEXT_FIELDS[invalid.field].max_length
                form[invalid.field].errors = [_(_TEXT_PROBLEMS[invalid.problem], max=limit)]
            else:
                values = _SETTINGS_ERROR_VALUES.get(invalid.field, {})
                form[invalid.field].errors = [_(_SETTINGS_ERRORS[invalid.field], **values)]
        except service.FlaggedSettings as flagged:
            for name, result in flagged.results.items():
                reviews[name] = _review((form[name].data or "").strip(), result)
                form[name].errors = [_(FLAGGED)]
        else:
            # Audit that the counsellor vouched for flagged text: which field and which kinds, never the text.
            for name, result in service.flagged_results(given).items():
                if name in given.confirmed:
                    audit(
                        Action.TEXT_CONFIRMED,
                        object_type="preparation",
                        object_id=preparation.id,
                        field=name,
                        kinds=",".join(category.value for category in result.categories),
                    )
            db.session.commit()
            flash(_("Saved. The route suggestion is below."), "success")
            return redirect(url_for("briefing.settings", public_id=public_id) + "#route")
    saved = service.settings_for(db.session, preparation)
    if not names:
        form.prepared_by_organisation.errors = [*form.prepared_by_organisation.errors, _(NO_ORGANISATIONS)]
    to_review = service.fields_to_review(db.session, saved) if saved is not None else ()
    if request.method == "GET":
        reviews = _stored_reviews(saved)
    status = 400 if form.errors else 200
    html = render_template(
        "briefing/settings.html",
        preparation=preparation,
        form=form,
        advice=service.routing_advice(saved) if saved is not None else None,
        unit_labels=UNIT_LABELS,
        police_decide=POLICE_DECIDE,
        overview=overview_url(preparation),
        reviews=reviews,
        to_review=to_review,
        no_organisations=not names,
    )
    return html, status
