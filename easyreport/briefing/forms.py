"""Forms of the consent and sheet pages; the domain (consent.py, service.py) does the real checks."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from easyreport.briefing import service
from easyreport.briefing.consent import (
    ALL_REASONING_QUESTIONS,
    CONFLICT_OF_DUTIES_QUESTIONS,
    LEGAL_BASIS_LABELS,
    LEGAL_DUTY_QUESTIONS,
    LEGAL_GROUND_LABELS,
    METHOD_LABELS,
    OFFERED_BASES,
    TEACH_BACK_LABELS,
    Decision,
)
from easyreport.briefing.free_text import FREE_TEXT_FIELDS
from easyreport.briefing.meta_choices import ABSENCE_LABELS, ROLE_LABELS
from easyreport.briefing.process_info import INFORMED_ABOUT, URGENCY_LABELS
from easyreport.briefing.routing import EXPLOITATION_LABELS
from easyreport.briefing.sheet import GOAL_LABELS, IDENTIFICATION_LABELS, IdentificationLevel
from easyreport.briefing.suspect import LAWYER_CONTACT_MAX, LAWYER_LABELS
from easyreport.forms import BaseForm

TOO_LONG = _l("Use at most %(max)d characters.")
REASONING_MAX = 2000
CONSULTED_MAX = 300
# The urgency radio's third answer; saved as None ("not said"), so it is no Urgency value.
URGENCY_NOT_SAID = "not_said"
# The lawyer radio's fourth answer; saved as None ("not asked"), so it is no LawyerStatus value.
LAWYER_NOT_ASKED = "not_asked"
# The interpreter language radio's first answer; saved as None ("not given"), so it is no language code.
LANGUAGE_NOT_GIVEN = "not_given"


class MultiCheckboxField(SelectMultipleField):
    """Several tick boxes for one question."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, _l(text)) for key, text in labels.items()]


HIDDEN_CHARACTERS = _l(
    "This text holds hidden characters (for example a null character or a zero-width space). "
    "Type it again with normal letters."
)
CONFIRM_NO_ACCOUNT = _l("This holds no account of what happened")


def no_hidden_characters(_form: BaseForm, field: Field) -> None:
    """Refuse text with NUL or other hidden characters, before the base form drops the NULs silently."""
    raw = field.raw_data[0] if field.raw_data else ""
    if isinstance(raw, str) and "\x00" in raw:
        raise ValidationError(HIDDEN_CHARACTERS)


class SettingsForm(BaseForm):
    """Goal, urgency, what the client knows, routing input, suspect mark, identification, who prepared it."""

    goal = RadioField(
        _l("Goal of the contact with the police"),
        choices=_choices(GOAL_LABELS),
        validators=[InputRequired(_l("Choose a goal."))],
    )
    # Optional: an answer the form does not offer gets a message; an empty one counts as "not said".
    urgency = RadioField(
        _l("How soon should the police talk with the client?"),
        description=_l('With acute danger, call 112 and tick "There is acute danger now" below.'),
        choices=[*_choices(URGENCY_LABELS), SelectChoice(URGENCY_NOT_SAID, _l("Not said"))],
        default=URGENCY_NOT_SAID,
        validators=[Optional()],
        invalid_choice_message=_l("Choose soon, no rush or not said."),
    )
    informed_about = MultiCheckboxField(
        _l("What have you explained to the client?"),
        description=_l(
            "Tick what the client has heard from you. The officer explains the rest at the start."
        ),
        choices=[SelectChoice(point.id, _l(point.label)) for point in INFORMED_ABOUT],
        validators=[Optional()],
        invalid_choice_message=_l("Tick only points from the list."),
    )
    exploitation = MultiCheckboxField(
        _l("Which kind of exploitation do you suspect?"),
        description=_l("Tick all that apply. Only the kind, never what happened."),
        choices=_choices(EXPLOITATION_LABELS),
        validators=[Optional()],
    )
    sexual_offence = BooleanField(_l("There are signs of a sexual offence"))
    threats_or_unsafety = BooleanField(_l("There are threats or the client is unsafe"))
    missing_person = BooleanField(_l("The client is or was missing (for example ran away from a home)"))
    acute_danger = BooleanField(_l("There is acute danger now"))
    meldcode_applies = BooleanField(
        _l("The meldcode applies: violence or exploitation in the home circle, or child abuse"),
        description=_l("Then also follow the meldcode. Veilig Thuis gets no sheet."),
    )
    possible_suspect = BooleanField(
        _l("The client may also be heard as a suspect"),
        description=_l(
            "Criminal exploitation often hides a victim behind an offender. "
            "The sheet then adds what applies: a lawyer, and the non-punishment principle."
        ),
    )
    # Only with the suspect mark, and on the sheet only with the client's consent to the suspect card.
    has_lawyer = RadioField(
        _l("Does the client already have a lawyer?"),
        description=_l("Only when the client may also be heard as a suspect."),
        choices=[*_choices(LAWYER_LABELS), SelectChoice(LAWYER_NOT_ASKED, _l("Not asked"))],
        default=LAWYER_NOT_ASKED,
        validators=[Optional()],
        invalid_choice_message=_l("Choose yes, no, not known or not asked."),
    )
    lawyer_contact = StringField(
        _l("Contact of the lawyer (optional)"),
        description=_l("A name, office and phone number. Nothing about the case."),
        validators=[Optional(), Length(max=LAWYER_CONTACT_MAX, message=TOO_LONG)],
        render_kw={"autocomplete": "off"},
    )
    # The name the client wants to be called, and the interpreter's language (issue 12). The language choices
    # are set by the view: each shows the language's own name next to its name in the counsellor's language.
    preferred_name = StringField(
        _l("The name the client wants to be called (optional)"),
        description=_l("For example a first name or a nickname. The officer uses it to address the client."),
        validators=[
            no_hidden_characters,
            Optional(),
            Length(max=FREE_TEXT_FIELDS["preferred_name"].max_length, message=TOO_LONG),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    interpreter_language = RadioField(
        _l("Language for the interpreter"),
        description=_l("Choose it with the client. Choose not given when no interpreter is needed."),
        choices=[],
        default=LANGUAGE_NOT_GIVEN,
        validators=[Optional()],
        invalid_choice_message=_l("Choose a language from the list, or something else."),
    )
    interpreter_language_other = StringField(
        _l("Other language"),
        description=_l("Only with something else: the name of the language."),
        validators=[
            no_hidden_characters,
            Optional(),
            Length(max=FREE_TEXT_FIELDS["interpreter_language_other"].max_length, message=TOO_LONG),
        ],
        render_kw={"autocomplete": "off"},
    )
    identification = RadioField(
        _l("How is the client named on the sheet?"),
        choices=_choices(IDENTIFICATION_LABELS),
        default=IdentificationLevel.ANONYMOUS.value,
        validators=[InputRequired(_l("Choose how the client is named."))],
    )
    identification_value = StringField(
        _l("Pseudonym or name"),
        description=_l("Only for a pseudonym or a name. Leave empty for an anonymous sheet."),
        validators=[no_hidden_characters, Length(max=service.IDENTIFICATION_MAX, message=TOO_LONG)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    prepared_by_role = RadioField(
        _l("Your role"),
        description=_l("As the officer reads it on the sheet."),
        choices=_choices(ROLE_LABELS),
        validators=[InputRequired(_l("Choose your role."))],
        invalid_choice_message=_l("Choose your role from the list."),
    )
    # The choices are the organisation names the admin entered (set by the view).
    prepared_by_organisation = RadioField(
        _l("Your organisation"),
        description=_l("Your administrator keeps this list."),
        choices=[],
        validators=[InputRequired(_l("Choose your organisation."))],
        invalid_choice_message=_l("Choose your organisation from the list."),
    )
    # Several recommendations tell the officer to make contact through the counsellor (domain.md §2.0).
    contact_name = StringField(
        _l("Your name for the police (optional)"),
        description=_l("Only if you agree that the police contact you directly. Leave empty otherwise."),
        validators=[no_hidden_characters, Optional(), Length(max=service.CONTACT_NAME_MAX, message=TOO_LONG)],
        render_kw={"autocomplete": "name"},
    )
    contact_phone = StringField(
        _l("Your phone number for the police (optional)"),
        validators=[Optional(), Length(max=service.CONTACT_PHONE_MAX, message=TOO_LONG)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    prepared_with_client = BooleanField(_l("Prepared together with the client"), default=True)
    not_with_client_reason = RadioField(
        _l("Why was the client not involved?"),
        description=_l("Only when the sheet was prepared without the client."),
        choices=_choices(ABSENCE_LABELS),
        validators=[Optional()],
        invalid_choice_message=_l("Choose a reason from the list."),
    )
    submit = SubmitField(_l("Save and show the route"))


# Per free-text field: the confirmation that a flagged value holds no account, and the digest of the value
# that was shown marked (free_text.digest), so a tick never confirms text the counsellor has not seen marked.
for _name in FREE_TEXT_FIELDS:
    setattr(SettingsForm, f"confirm_{_name}", BooleanField(CONFIRM_NO_ACCOUNT))
    setattr(SettingsForm, f"reviewed_{_name}", HiddenField())


class DecisionForm(BaseForm):
    """The client's answer on one consent card (the three big buttons all submit ``decision``)."""

    decision = RadioField(
        choices=[SelectChoice(d.value) for d in Decision],
        validators=[InputRequired(_l("Choose one of the three answers."))],
    )
    # The fingerprint of the card as shown: a decision counts only for what the client saw.
    card = HiddenField()


class ContinueForm(BaseForm):
    """A button only (and its CSRF token): go on after the introduction."""

    submit = SubmitField(_l("Go on"))


class ConsentRecordForm(BaseForm):
    """The counsellor's part of the consent: teach-back, legal basis, reasoning and how it was recorded.

    The per-section decisions travel as ``decision-<section>`` radio groups, read by the view, so that a
    section name the app does not know is reported instead of ignored.
    """

    teach_back = RadioField(
        _l("Teach-back: could the client explain in their own words what is shared, with whom and why?"),
        choices=_choices(TEACH_BACK_LABELS),
        validators=[InputRequired(_l("Record the teach-back result."))],
    )
    informed_of_duty_to_act = BooleanField(
        _l("I told the client beforehand that the police must act when someone is still being exploited")
    )
    # Per-card teach-back where the rule requires it: the suspect card must be explained in own words.
    suspect_teach_back = RadioField(
        _l(
            "Teach-back for the part about being heard as a suspect: "
            "could the client explain it in their own words?"
        ),
        description=_l("Only ‘in their own words’ counts. Otherwise this part is not shared."),
        choices=_choices(TEACH_BACK_LABELS),
        validators=[Optional()],
    )
    # The meldcode is not offered: it leads to a report to Veilig Thuis, not to sharing with the police.
    legal_basis = RadioField(
        _l("Legal basis for sharing"),
        choices=[SelectChoice(basis.value, _l(LEGAL_BASIS_LABELS[basis])) for basis in OFFERED_BASES],
        validators=[InputRequired(_l("Choose the legal basis."))],
        invalid_choice_message=_l("Choose one of the legal bases on this page."),
    )
    legal_ground = RadioField(
        _l("Legal ground"),
        description=_l("For every basis other than consent: name the ground."),
        choices=_choices(LEGAL_GROUND_LABELS),
        validators=[Optional()],
        invalid_choice_message=_l("Choose one of the legal grounds on this page."),
    )
    consulted = StringField(
        _l("Whom did you consult about the client's overview? (optional)"),
        description=_l("For example a colleague or the confidential adviser. A role, not a name."),
        validators=[Optional(), Length(max=CONSULTED_MAX, message=TOO_LONG)],
    )
    method = RadioField(
        _l("How was consent given?"),
        choices=_choices(METHOD_LABELS),
        validators=[InputRequired(_l("Choose how consent was given."))],
    )
    submit = SubmitField(_l("Record consent"))

    def reasoning_fields(self) -> list[Field]:
        """Return the conflict-of-duties checklist fields, in checklist order."""
        return [self[f"reasoning_{question.id}"] for question in CONFLICT_OF_DUTIES_QUESTIONS]

    def duty_reasoning_fields(self) -> list[Field]:
        """Return the legal-duty reasoning fields, in order."""
        return [self[f"reasoning_{question.id}"] for question in LEGAL_DUTY_QUESTIONS]


# The reasoning questions of a conflict of duties (domain.md §1.4) and of a legal duty, one text box each.
for _question in ALL_REASONING_QUESTIONS:
    setattr(
        ConsentRecordForm,
        f"reasoning_{_question.id}",
        TextAreaField(
            _l(_question.text),
            validators=[Optional(), Length(max=REASONING_MAX, message=TOO_LONG)],
        ),
    )


class TopThreeForm(BaseForm):
    """The counsellor's own choice of the three most important recommendations."""

    rules = MultiCheckboxField(
        _l("Choose up to three recommendations"),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save this choice"))
    use_proposal = SubmitField(_l("Use the proposal"))
