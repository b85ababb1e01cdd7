"""Every field that can reach an output of the sheet, with the consent section it belongs to (pure, no Flask).

The outputs are the sheet on screen, printed and as PDF (one template), its JSON, the officer's page and
the client's copy. Each field has one entry: where it comes from, which consent decides about it, whether
it is structured (from a fixed list, or made by the app) or free text that must pass the needs-only check,
and where it is printed. The sheet builder uses ``INPUTS`` to strip every builder input whose section the
client withheld *before* anything is computed from it; ``FIELDS`` is what the outputs may print, and the
tests hold every template and the JSON builder to it (tests/briefing/test_output_fields.py).

Sections. A field belongs to one of:
- a consent section (needs.SECTIONS): shown only when the client said "yes" to that section;
- ``EACH_SECTION``: the field sits inside a section on the sheet (its facts and needs) and goes with it;
- ``ALWAYS``: the sheet's frame, the same for every client or about the counsellor, not the client: the id,
  dates, version, fixed texts, who prepared the sheet, how the client is named (the client hears this on the
  consent introduction before any card);
- ``CONSENT_RECORD``: the record of the consent itself (decisions, legal basis, teach-back, how, when);
  the officer must see on what the sheet rests, and it holds nothing the client said;
- ``DERIVED``: computed only from fields above after they were stripped (recommendations from the needs of
  consented sections and the consent record, the top three among those); never from a withheld section.
- ``GATE``: read before consent matters and never printed: acute danger stops the sheet (call 112).
- ``SUSPECT``: the possible-suspect block, shown only when the client consented to its own card with
  teach-back "in own words" (consent.card_consented); the builder drops the whole block otherwise.

The route inputs, decided one by one (domain.md §2.1 and §2.2):
- the kinds of exploitation and "sexual offence" describe the matter the client wants to bring to the
  police: goal facts, the same card as the goal;
- "threats or unsafety" and "missing person" are about the client's safety: safety facts, decided on the
  "Feeling safe" card. Withholding that card takes their route reason (and the Basisteam suggestion they
  would cause) off the sheet;
- the goal, "possible suspect", urgency and what the client was told about the process are goal facts;
- acute danger is a gate, not a fact on the sheet.
The route is printed in the goal section, so it needs the goal card too; when the goal card is shared and
the safety card is not, the route is computed from the goal facts alone. We chose this over a separate
route card because every route input is already a fact the client decides about on the card it belongs
to: a route card would ask about the same facts twice, and a "yes" to the route after a "no" to safety
would put the withheld safety facts back on the sheet through the reason.

To add a field: one entry in ``FIELDS`` (and in ``INPUTS`` when the builder takes it as input). The tests
name every attribute of the sheet, every JSON key and every printed value that has no entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from easyreport.briefing.needs import SECTIONS

ALWAYS = "always"
# The possible-suspect card (consent.SUSPECT_CARD): an extra consent card next to the seven sections.
SUSPECT = "suspect"
CONSENT_RECORD = "consent_record"
DERIVED = "derived"
EACH_SECTION = "each_section"
GATE = "gate"
SOURCES = frozenset({*SECTIONS, SUSPECT, ALWAYS, CONSENT_RECORD, DERIVED, EACH_SECTION, GATE})


class Kind(StrEnum):
    """Where a field's value comes from, as far as the needs-only rule is concerned."""

    FIXED = "fixed"  # the product's own text or key, the same on every sheet
    STRUCTURED = "structured"  # chosen from a fixed list, or made by the app (ids, dates, numbers)
    CHECKED_TEXT = "checked_text"  # typed by the counsellor: must pass the needs-only check


class Output(StrEnum):
    """The outputs a field can reach."""

    JSON = "json"
    SHEET = "sheet"  # the sheet on screen, printed and as PDF: the same template (_sheet.html)
    OFFICER = "officer"  # the officer's page: the sheet and the "applied" feedback form
    # The sheet page on screen only (the counsellor's preview; the officer's page is OFFICER): not printed,
    # not in the PDF. On paper each point is printed once, as the source mark after its advice.
    SCREEN = "screen"
    CLIENT_COPY = "client_copy"
    # The card the client carries (card.py): needs, what helps, the counsellor's contact, the preferred name.
    CARD = "card"


SHEET_OUTPUTS = frozenset({Output.SHEET, Output.OFFICER})
EVERY_SHEET = frozenset({Output.JSON, Output.SHEET, Output.OFFICER})
JSON_ONLY = frozenset({Output.JSON})
ON_SCREEN = frozenset({Output.JSON, Output.SCREEN, Output.OFFICER})


@dataclass(frozen=True)
class OutputField:
    """One field that can reach an output; ``key`` is its attribute path on the Sheet ("meta.contact_name")."""

    key: str
    section: str
    kind: Kind
    outputs: frozenset[Output]
    json: tuple[str, ...] = ()  # the JSON paths sheet_to_json prints it at ("prepared_by.contact_name")

    def __post_init__(self) -> None:
        if self.section not in SOURCES:
            raise ValueError(f"{self.key}: unknown section {self.section!r}")
        if (Output.JSON in self.outputs) != bool(self.json):
            raise ValueError(f"{self.key}: a JSON field names its JSON paths, and only a JSON field does")


def _f(key: str, section: str, kind: Kind, outputs: Set[Output], *json: str) -> OutputField:
    return OutputField(key, section, kind, frozenset(outputs), tuple(json))


S, C, F = Kind.STRUCTURED, Kind.CHECKED_TEXT, Kind.FIXED
_REC = "recommendations[].rule"

FIELDS: tuple[OutputField, ...] = (
    # ---- the frame: the same on every sheet, or made by the app
    _f("schema", ALWAYS, F, JSON_ONLY, "schema"),
    _f("locale", ALWAYS, S, JSON_ONLY, "locale"),
    _f("title", ALWAYS, F, EVERY_SHEET, "title"),
    _f("statement", ALWAYS, F, EVERY_SHEET, "statement"),
    _f("top_three.title", ALWAYS, F, EVERY_SHEET, "top_three.title"),
    _f("meta.sheet_id", ALWAYS, S, EVERY_SHEET, "sheet.id"),
    _f("meta.version", ALWAYS, S, EVERY_SHEET, "sheet.version"),
    _f("meta.created", ALWAYS, S, EVERY_SHEET, "sheet.created"),
    _f("meta.valid_until", ALWAYS, S, EVERY_SHEET | {Output.CLIENT_COPY}, "sheet.valid_until"),
    # ---- who prepared the sheet (the counsellor, not the client) and how the client is named
    # Role and reason come from lists (meta_choices); the organisation from the admin's list, whose names
    # the needs-only check saw when the admin typed them.
    _f("meta.prepared_by_role", ALWAYS, S, EVERY_SHEET, "prepared_by.role"),
    _f("meta.prepared_by_organisation", ALWAYS, C, EVERY_SHEET, "prepared_by.organisation"),
    _f("meta.prepared_with_client", ALWAYS, S, EVERY_SHEET, "prepared_by.with_client"),
    _f("meta.not_with_client_reason", ALWAYS, S, EVERY_SHEET, "prepared_by.not_with_client_reason"),
    # The contact is also on the client's card: how the police reach the counsellor.
    _f("meta.contact_name", ALWAYS, C, EVERY_SHEET | {Output.CARD}, "prepared_by.contact_name"),
    # Phone characters only (service.valid_phone): it cannot carry an account.
    _f("meta.contact_phone", ALWAYS, S, EVERY_SHEET | {Output.CARD}, "prepared_by.contact_phone"),
    _f(
        "meta.identification",
        ALWAYS,
        S,
        EVERY_SHEET,
        "client.identification.id",
        "client.identification.text",
    ),
    _f("meta.identification_value", ALWAYS, C, EVERY_SHEET, "client.value"),
    # The client's language and the interpreter: set by the counsellor from a list, not an answer of the client;
    # the police need them to arrange the talk at all. Named in the officer's language, never in the client's.
    _f("meta.client_language", ALWAYS, S, EVERY_SHEET, "client.language.id", "client.language.text"),
    _f("meta.interpreter_needed", ALWAYS, S, EVERY_SHEET, "client.interpreter_needed"),
    # ---- the sections: each carries its own content, or says "not shared"
    _f("sections[].id", ALWAYS, F, JSON_ONLY, "sections[].id"),
    _f("sections[].title", ALWAYS, F, EVERY_SHEET, "sections[].title"),
    _f(
        "sections[].decision",
        CONSENT_RECORD,
        S,
        EVERY_SHEET,
        "sections[].shared",
        "sections[].status.id",
        "sections[].status.text",
    ),
    # Every need in the JSON; the printed sheet shows a need only when no answer or observation states it,
    # marked "inferred from answers" (sections[].inferred), so each point is printed once.
    _f("sections[].needs", EACH_SECTION, S, JSON_ONLY, "sections[].needs[].id", "sections[].needs[].text"),
    _f(
        "sections[].inferred",
        EACH_SECTION,
        S,
        ON_SCREEN,
        "sections[].inferred[].id",
        "sections[].inferred[].text",
    ),
    # Facts are the officer's texts for the client's answers and the counsellor's ticked observations.
    _f("sections[].facts[].label", EACH_SECTION, S, ON_SCREEN, "sections[].facts[].label"),
    _f("sections[].facts[].value", EACH_SECTION, S, ON_SCREEN, "sections[].facts[].value"),
    # The source of a fact (the client, the counsellor, the record), told by its label: app-made.
    _f("sections[].facts[].source", EACH_SECTION, S, ON_SCREEN, "sections[].facts[].source"),
    # ---- goal and route: all on the goal card; the route's inputs are stripped per section (INPUTS)
    _f("route.goal", "goal", S, EVERY_SHEET, "route.goal.id", "route.goal.text"),
    _f("route.possible_suspect", "goal", S, EVERY_SHEET, "route.possible_suspect"),
    _f("route.urgency", "goal", S, EVERY_SHEET, "route.urgency.id", "route.urgency.text"),
    _f(
        "route.informed_about",
        "goal",
        S,
        EVERY_SHEET,
        "route.informed_about[].id",
        "route.informed_about[].text",
        "route.informed_about[].explained",
    ),
    _f("route.routing.unit", "goal", S, EVERY_SHEET, "route.routing.unit.id", "route.routing.unit.text"),
    _f("route.routing.also", "goal", S, EVERY_SHEET, "route.routing.also[].id", "route.routing.also[].text"),
    _f("route.routing.reasons", "goal", S, EVERY_SHEET, "route.routing.reasons[]"),
    _f("route.routing.note", "goal", F, EVERY_SHEET, "route.routing.note"),
    # ---- the possible-suspect block: its own consent card; fixed texts and the lawyer fields only
    _f("suspect_block.title", SUSPECT, F, EVERY_SHEET, "suspect.title"),
    _f("suspect_block.lines", SUSPECT, F, EVERY_SHEET, "suspect.lines[]"),
    _f("suspect.lawyer", SUSPECT, S, EVERY_SHEET, "suspect.lawyer.id", "suspect.lawyer.text"),
    _f("suspect.lawyer_contact", SUSPECT, C, EVERY_SHEET, "suspect.lawyer_contact"),
    # ---- the preferred name (communication) and the interpreter's language (practical): name_and_language.py
    _f(
        "name_and_language.preferred_name",
        "communication",
        C,
        EVERY_SHEET | {Output.CARD},  # on the card only when the client gave it (card.py)
        "name_and_language.preferred_name",
    ),
    _f(
        "name_and_language.interpreter_language",
        "practical",
        S,
        EVERY_SHEET,
        "name_and_language.interpreter_language.id",
        "name_and_language.interpreter_language.text",
        "name_and_language.interpreter_language.own_name",
    ),
    _f(
        "name_and_language.interpreter_language_other",
        "practical",
        C,
        EVERY_SHEET,
        "name_and_language.interpreter_language_other",
    ),
    # ---- the terms of use: fixed lines, the suspect line only with the block
    _f("terms.title", ALWAYS, F, EVERY_SHEET, "terms_of_use.title"),
    _f("terms", ALWAYS, F, EVERY_SHEET, "terms_of_use.lines[].id", "terms_of_use.lines[].text"),
    # ---- recommendations and the top three: from the needs of consented sections and the consent record
    _f(
        f"{_REC}.id",
        DERIVED,
        S,
        {Output.JSON, Output.OFFICER},  # the officer's "applied" form sends the rule ids
        "recommendations[].id",
        "top_three.items[].id",
    ),
    _f(
        f"{_REC}.kind",
        DERIVED,
        S,
        EVERY_SHEET,
        "recommendations[].kind",
        "recommendations[].kind_text",
        "top_three.items[].kind",
        "top_three.items[].kind_text",
    ),
    _f(f"{_REC}.text", DERIVED, S, EVERY_SHEET, "recommendations[].text", "top_three.items[].text"),
    _f(f"{_REC}.priority", DERIVED, S, JSON_ONLY, "recommendations[].priority", "top_three.items[].priority"),
    # The topic a recommendation is listed under: a section title, even for a section that is not shared.
    _f(f"{_REC}.section", DERIVED, S, EVERY_SHEET, "recommendations[].section", "top_three.items[].section"),
    _f(f"{_REC}.source", DERIVED, S, JSON_ONLY, "recommendations[].source", "top_three.items[].source"),
    # Where the needs behind the advice come from (sheet.advice_sources): the mark printed after it.
    _f(
        "recommendations[].sources",
        DERIVED,
        S,
        EVERY_SHEET,
        "recommendations[].sources[]",
        "top_three.items[].sources[]",
    ),
    # Where a recommendation is printed (sheet.sheet_layout) and its "arrange before the interview" topic.
    _f(
        "recommendations[].placement",
        DERIVED,
        S,
        JSON_ONLY,
        "recommendations[].placement",
        "top_three.items[].placement",
    ),
    _f(
        f"{_REC}.arrange",
        DERIVED,
        S,
        EVERY_SHEET,
        "recommendations[].arrange",  # null for questioning advice
        "top_three.items[].arrange",
        "recommendations[].arrange.id",
        "recommendations[].arrange.text",
        "top_three.items[].arrange.id",
        "top_three.items[].arrange.text",
    ),
    _f(
        "recommendations[].because",
        DERIVED,
        S,
        JSON_ONLY,
        "recommendations[].because[].id",
        "recommendations[].because[].text",
        "top_three.items[].because[].id",
        "top_three.items[].because[].text",
    ),
    _f("top_chosen_by_counsellor", DERIVED, S, EVERY_SHEET, "top_three.chosen_by"),
    # ---- the consent record
    _f(
        "consent.legal_basis",
        CONSENT_RECORD,
        S,
        EVERY_SHEET,
        "consent.legal_basis.id",
        "consent.legal_basis.text",
    ),
    _f(
        "consent.teach_back",
        CONSENT_RECORD,
        S,
        EVERY_SHEET,
        "consent.teach_back.id",
        "consent.teach_back.text",
    ),
    # The ground's name only; the reasoning stays in the file.
    _f(
        "consent.legal_ground",
        CONSENT_RECORD,
        S,
        EVERY_SHEET,
        "consent.legal_ground.id",
        "consent.legal_ground.text",
    ),
    _f("consent.method", CONSENT_RECORD, S, EVERY_SHEET, "consent.method.id", "consent.method.text"),
    _f("consent.asked_by", CONSENT_RECORD, C, JSON_ONLY, "consent.asked_by"),
    _f("consent.recorded_at", CONSENT_RECORD, S, EVERY_SHEET, "consent.recorded_at"),
    _f("consent_needs", CONSENT_RECORD, S, EVERY_SHEET, "consent.needs[].id", "consent.needs[].text"),
    # ---- the client's copy: the client's own words for what the police will know (not a Sheet attribute)
    _f("client_copy.answers", EACH_SECTION, S, {Output.CLIENT_COPY}),
    _f("client_copy.observed", EACH_SECTION, S, {Output.CLIENT_COPY}),
    _f("client_copy.route_line", "goal", S, {Output.CLIENT_COPY}),
    _f("client_copy.urgency_line", "goal", S, {Output.CLIENT_COPY}),
    _f("client_copy.known_line", "goal", S, {Output.CLIENT_COPY}),
    _f("client_copy.rights_lines", "goal", S, {Output.CLIENT_COPY}),
    _f("client_copy.withheld", CONSENT_RECORD, S, {Output.CLIENT_COPY}),
    # ---- the client's card (card.py): chosen from the built sheet's shared needs, in fixed client words
    _f("card.needs", EACH_SECTION, S, {Output.CARD}),
    _f("card.helps", "stress", S, {Output.CARD}),
)

# Attributes of the Sheet that no output prints, and why. A prefix covers everything under it.
NOT_PRINTED: dict[str, str] = {
    "consent.decisions": "printed per section, as sections[].decision",
    "consent.answers_fingerprint": "only says whether the consent is current",
    "consent.informed_of_duty_to_act": "a condition of recording consent, kept in the file",
    "consent.reasoning": "the counsellor's reasoning stays in the file (domain.md §1.4)",
    "consent.consulted": "whom the counsellor consulted stays in the file",
    "consent.cards": "the extra cards' decisions show as the presence of their block (suspect)",
    "consent.card_teach_back": "a condition of the suspect card's consent, kept in the file",
    "consent.loaded": "says whether the record was read back from storage, for the app only",
    "route.routing.use_sheet": "always true on a sheet: acute danger builds no sheet",
    "route.routing.veilig_thuis": "the meldcode is the counsellor's procedure; Veilig Thuis gets no sheet",
    "recommendations[].rule.when": "the rule's condition, for reviewers (flask content rules)",
    "recommendations[].rule.pair": "the row of domain.md §3, for reviewers",
    "recommendations[].rule.warning": "decides only where the advice is printed (the safety warning)",
    "recommendations[].rule.supersedes": "how rules are reconciled, for reviewers (flask content rules)",
    "recommendations[].rule.conflicts": "how rules are reconciled, for reviewers (flask content rules)",
}

# Aliases: the top three are recommendations; their fields are the recommendations' fields.
ALIASES: dict[str, str] = {"top_three[]": "recommendations[]"}


@dataclass(frozen=True)
class InputField:
    """One input of the sheet builder: the consent section that must be shared for it to be used."""

    key: str  # "<class name>.<field name>"
    section: str

    def __post_init__(self) -> None:
        if self.section not in SOURCES:
            raise ValueError(f"{self.key}: unknown section {self.section!r}")


INPUTS: tuple[InputField, ...] = (
    # RouteChoices (sheet.py): the goal card; its routing input is stripped again field by field.
    InputField("RouteChoices.goal", "goal"),
    InputField("RouteChoices.routing", "goal"),
    InputField("RouteChoices.possible_suspect", "goal"),
    InputField("RouteChoices.urgency", "goal"),
    InputField("RouteChoices.informed_about", "goal"),
    # RoutingInput (routing.py): what the counsellor states about the matter.
    InputField("RoutingInput.exploitation", "goal"),
    InputField("RoutingInput.sexual_offence", "goal"),
    InputField("RoutingInput.threats_or_unsafety", "safety"),
    InputField("RoutingInput.missing_person", "safety"),
    InputField("RoutingInput.acute_danger", GATE),
    InputField("RoutingInput.meldcode_applies", "safety"),
    # SheetMeta (sheet.py): the frame and the counsellor, see FIELDS.
    InputField("SheetMeta.sheet_id", ALWAYS),
    InputField("SheetMeta.created", ALWAYS),
    InputField("SheetMeta.valid_until", ALWAYS),
    InputField("SheetMeta.prepared_by_role", ALWAYS),
    InputField("SheetMeta.prepared_by_organisation", ALWAYS),
    InputField("SheetMeta.prepared_with_client", ALWAYS),
    InputField("SheetMeta.not_with_client_reason", ALWAYS),
    InputField("SheetMeta.identification", ALWAYS),
    InputField("SheetMeta.identification_value", ALWAYS),
    InputField("SheetMeta.version", ALWAYS),
    InputField("SheetMeta.contact_name", ALWAYS),
    InputField("SheetMeta.contact_phone", ALWAYS),
    # NameAndLanguage (name_and_language.py): the name goes with communication, the language with practical.
    InputField("NameAndLanguage.preferred_name", "communication"),
    InputField("NameAndLanguage.interpreter_language", "practical"),
    InputField("NameAndLanguage.interpreter_language_other", "practical"),
    InputField("SheetMeta.client_language", ALWAYS),
    InputField("SheetMeta.interpreter_needed", ALWAYS),
)

BY_KEY: dict[str, OutputField] = {field.key: field for field in FIELDS}
INPUT_SECTIONS: dict[str, str] = {item.key: item.section for item in INPUTS}


class UnregisteredField(LookupError):
    """A builder input or output field without an entry here: add one (its section, its kind)."""


def input_section(owner: type, name: str) -> str:
    """Return the section a builder input belongs to; raise UnregisteredField when it has no entry."""
    key = f"{owner.__name__}.{name}"
    try:
        return INPUT_SECTIONS[key]
    except KeyError:
        raise UnregisteredField(
            f"{key} has no entry in easyreport/briefing/output_fields.py INPUTS: add its consent section"
        ) from None


_T = TypeVar("_T")


def _default(item: dataclasses.Field[Any]) -> Any:
    if item.default is not dataclasses.MISSING:
        return item.default
    if item.default_factory is not dataclasses.MISSING:
        return item.default_factory()
    raise UnregisteredField(f"{item.name} has no default to fall back on when its section is withheld")


def consented(value: _T, shared: Set[str]) -> _T:
    """Return a builder input (a dataclass) with every field of a withheld section reset to its default.

    Fails closed: a field without an entry in INPUTS raises UnregisteredField instead of passing through.
    """
    withheld = {}
    for item in dataclasses.fields(value):  # type: ignore[arg-type]
        section = input_section(type(value), item.name)
        if section in SECTIONS and section not in shared:
            withheld[item.name] = _default(item)
    return dataclasses.replace(value, **withheld) if withheld else value  # type: ignore[type-var]


def field_for(key: str) -> OutputField | None:
    """Return the entry for an attribute path, following ALIASES; None when it has none."""
    for alias, target in ALIASES.items():
        if key.startswith(alias):
            key = target + key[len(alias) :]
    return BY_KEY.get(key)


def not_printed(key: str) -> bool:
    """Return whether an attribute path is listed (itself or a prefix of it) as never printed."""
    for alias, target in ALIASES.items():
        if key.startswith(alias):
            key = target + key[len(alias) :]
    return any(key == prefix or key.startswith(prefix + ".") for prefix in NOT_PRINTED)


def json_paths(output: Output = Output.JSON) -> frozenset[str]:
    """Return every JSON path the registry allows."""
    return frozenset(path for field in FIELDS if output in field.outputs for path in field.json)


def checked_text_keys() -> tuple[str, ...]:
    """Return the keys of every typed free-text field that can reach an output: what the needs-only check covers."""
    return tuple(field.key for field in FIELDS if field.kind is Kind.CHECKED_TEXT)
