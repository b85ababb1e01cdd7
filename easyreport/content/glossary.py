"""The words of the product: hard words explained for the client, and one word per concept per audience.

Police and legal terms may appear in client text only when they are explained in GLOSSARY; the
language checker enforces that. The term msgid is English; its Dutch msgstr is the word the
police will actually use (aangifte, melding, informatief gesprek, bedenktijd).

"One word for one thing" (domain.md §8): TERMS fixes, per audience, the word for each concept and the
synonyms that must not appear; ADDRESS fixes the form of address. tests/content/test_wording.py scans
every message of the nl and en catalogues for the audience that reads it (AUDIENCE_BY_PATH, from where
the message is used) and fails on a forbidden synonym or the wrong form of address.

- client: the client's screens, the consent cards, the client's copy. Dutch "je", adult and plain.
- counsellor: the counsellor's pages (preparation, observations, settings, consent record, sharing). "je".
- officer: the sheet in every form (HTML, PDF, JSON) and the officer's own pages. Dutch "u", as the
  sheet's "als u maar één ding leest" (domain.md §2.0). The talk is the *verhoor* (or the *informatief
  gesprek*, a distinct step), the person who does it the *verhoorder*.
- staff: pages every staff role sees (log in, second step, passkeys, errors, about, accessibility). "je",
  the staff default; no role's own terms.

Quoted speech is the client's register, not the reader's: text between ‘…’, “…” or "…" is not checked
(the ground rules the officer says to the client use "je"). Part names are one name per consent section
on every screen and on the sheet (PART_NAMES); they hold no form of address and no word for the talk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from easyreport.content.model import check_id
from easyreport.translatable import N_


@dataclass(frozen=True)
class GlossaryEntry:
    """One explained word."""

    id: str
    term: str
    explanation: str
    pictogram: str

    def __post_init__(self) -> None:
        check_id(self.id, "glossary")


GLOSSARY: tuple[GlossaryEntry, ...] = (
    GlossaryEntry(
        id="information_talk",
        # Translators: Dutch police term "informatief gesprek".
        term=N_("information talk"),
        explanation=N_("A talk with the police to get information. You do not have to decide anything yet."),
        pictogram="information",
    ),
    GlossaryEntry(
        id="report",
        # Translators: Dutch police term "melding".
        term=N_("report"),
        explanation=N_(
            "You tell the police what you know. The police write it down. It is not an official report."
        ),
        pictogram="memo",
    ),
    GlossaryEntry(
        id="official_report",
        # Translators: Dutch police term "aangifte".
        term=N_("official report"),
        explanation=N_("You officially tell the police what happened. The police write it down."),
        pictogram="pen",
    ),
    GlossaryEntry(
        id="time_to_think",
        # Translators: Dutch term "bedenktijd".
        term=N_("time to think"),
        explanation=N_("Time to think calmly before you decide."),
        pictogram="hourglass",
    ),
    GlossaryEntry(
        id="lawyer",
        # Translators: Dutch term "advocaat".
        term=N_("lawyer"),
        explanation=N_("A lawyer knows the law well. A lawyer helps you and is on your side."),
        pictogram="handshake",
    ),
)


def glossary_entry(entry_id: str) -> GlossaryEntry | None:
    """Return the glossary entry with this id, or None."""
    return next((entry for entry in GLOSSARY if entry.id == entry_id), None)


# --------------------------------------------------------------------------------- one word for one thing


class Audience(StrEnum):
    """Who reads a text."""

    CLIENT = "client"
    COUNSELLOR = "counsellor"
    OFFICER = "officer"
    STAFF = "staff"


# The Dutch form of address per audience, and the words that give the other form away.
ADDRESS: dict[Audience, str] = {
    Audience.CLIENT: "je",
    Audience.COUNSELLOR: "je",
    Audience.STAFF: "je",
    Audience.OFFICER: "u",
}
ADDRESS_WORDS: dict[str, tuple[str, ...]] = {
    "je": ("je", "jij", "jou", "jouw", "jezelf"),
    "u": ("u", "uw", "uzelf"),
}

_ALL = frozenset(Audience)
_STAFF_SIDE = frozenset({Audience.COUNSELLOR, Audience.OFFICER, Audience.STAFF})


@dataclass(frozen=True)
class Term:
    """One concept: the word an audience reads (nl and en) and the synonyms it must not read.

    Forbidden entries are regular expressions, matched case-insensitively on word boundaries.
    """

    concept: str
    audiences: frozenset[Audience]
    nl: str
    en: str
    forbidden_nl: tuple[str, ...] = ()
    forbidden_en: tuple[str, ...] = ()
    note: str = ""


TERMS: tuple[Term, ...] = (
    Term(
        "interviewer",
        frozenset({Audience.OFFICER, Audience.COUNSELLOR, Audience.STAFF}),
        nl="verhoorder",
        en="officer",
        forbidden_nl=(r"politiemedewerkers?", r"agent(en)?", r"politieagent(en)?", r"politiemensen"),
        note="Also the account role: inspectors of the Labour Authority read sheets too.",
    ),
    Term(
        "interviewer",
        frozenset({Audience.CLIENT}),
        nl="agent",
        en="police officer",
        forbidden_nl=(r"verhoorders?", r"politiemedewerkers?", r"rechercheurs?"),
        forbidden_en=(r"interviewers?",),
        note="The client mostly reads 'de politie'; the person is 'de agent'.",
    ),
    Term(
        "talk",
        frozenset({Audience.CLIENT}),
        nl="gesprek",
        en="talk",
        forbidden_nl=(r"verhoor", r"verhoren"),
        forbidden_en=(r"interview",),
    ),
    Term(
        "talk",
        frozenset({Audience.OFFICER}),
        nl="verhoor",
        en="interview",
        # "informatief gesprek" is its own step and keeps its name.
        forbidden_nl=(r"(?<!informatief )(?<!informatieve )gesprek(ken)?",),
        forbidden_en=(r"conversations?",),
        note="'verhoor' for the interview, 'informatief gesprek' for the step before it.",
    ),
    Term(
        "sexual_offences_team",
        _ALL,
        nl="team Zeden",
        en="sexual offences team (Zeden)",
        forbidden_nl=(r"zedenpolitie",),
        forbidden_en=(r"vice squad", r"sex police"),
        note="The police say team Zeden or zedenrecherche.",
    ),
    Term(
        "teach_back",
        _STAFF_SIDE,
        nl="navertellen",
        en="teach-back",
        forbidden_nl=(r"teach[- ]?back",),
        note="No English jargon in Dutch.",
    ),
    Term(
        "security_contact",
        _ALL,
        nl="beveiligingsverantwoordelijke",
        en="security officer",
        forbidden_nl=(r"security officer",),
        note="No English jargon in Dutch.",
    ),
)


def terms_for(audience: Audience) -> tuple[Term, ...]:
    """Return the terms this audience reads."""
    return tuple(term for term in TERMS if audience in term.audiences)


# Where a message is used decides who reads it: the first matching path prefix wins. A message used in
# several places is read by every audience of those places and must suit all of them.
AUDIENCE_BY_PATH: tuple[tuple[str, frozenset[Audience]], ...] = (
    # The client: questions, client screens, consent cards, hard words, pictogram alt texts, client copy.
    ("easyreport/content/questionnaire.py", frozenset({Audience.CLIENT})),
    ("easyreport/content/client_screens.py", frozenset({Audience.CLIENT})),
    ("easyreport/content/consent_cards.py", frozenset({Audience.CLIENT})),
    ("easyreport/content/card_texts.py", frozenset({Audience.CLIENT})),
    ("easyreport/content/glossary.py", frozenset({Audience.CLIENT})),
    ("easyreport/content/pictograms.py", frozenset({Audience.CLIENT})),
    ("easyreport/preparation/client_views.py", frozenset({Audience.CLIENT})),
    ("templates/client/", frozenset({Audience.CLIENT})),
    # The counsellor's hand-over and record pages around the consent walk.
    ("templates/briefing/consent_record.html", frozenset({Audience.COUNSELLOR})),
    ("templates/briefing/consent_start.html", frozenset({Audience.COUNSELLOR})),
    ("templates/briefing/client_copy_page.html", frozenset({Audience.CLIENT})),
    ("templates/briefing/_copy.html", frozenset({Audience.CLIENT})),
    ("templates/briefing/_said.html", frozenset({Audience.CLIENT})),
    ("templates/briefing/card_base.html", frozenset({Audience.CLIENT})),
    ("templates/briefing/consent_", frozenset({Audience.CLIENT})),
    # Observations: the counsellor ticks them, the sheet prints them ("the counsellor saw"); their
    # client texts are refined to the client by the wording test (Observation.client_text).
    ("easyreport/content/observations.py", frozenset({Audience.COUNSELLOR, Audience.OFFICER})),
    # The sheet, in every form, and the officer's pages.
    ("easyreport/briefing/rules_data", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/rules.py", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/needs.py", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/fact_texts", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/sheet.py", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/suspect.py", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/terms.py", frozenset({Audience.OFFICER})),
    ("easyreport/briefing/meta_choices.py", frozenset({Audience.OFFICER, Audience.COUNSELLOR})),
    ("easyreport/briefing/process_info.py", frozenset({Audience.OFFICER, Audience.COUNSELLOR})),
    ("easyreport/briefing/routing.py", frozenset({Audience.OFFICER, Audience.COUNSELLOR})),
    ("templates/briefing/_sheet.html", frozenset({Audience.OFFICER})),
    ("templates/briefing/sheet_", frozenset({Audience.OFFICER})),
    ("templates/sharing/officer_sheet.html", frozenset({Audience.OFFICER})),
    ("templates/sharing/sheet_unavailable.html", frozenset({Audience.OFFICER})),
    ("templates/staff/officer_home.html", frozenset({Audience.OFFICER})),
    # The counsellor's pages (settings, top three, status, sharing).
    ("easyreport/briefing/", frozenset({Audience.COUNSELLOR})),
    ("templates/briefing/", frozenset({Audience.COUNSELLOR})),
    ("easyreport/preparation/", frozenset({Audience.COUNSELLOR})),
    ("templates/preparation/", frozenset({Audience.COUNSELLOR})),
    ("easyreport/sharing/", frozenset({Audience.COUNSELLOR})),
    ("templates/sharing/", frozenset({Audience.COUNSELLOR})),
    ("templates/staff/counsellor_home.html", frozenset({Audience.COUNSELLOR})),
    ("easyreport/admin/", frozenset({Audience.STAFF})),
    ("templates/admin/", frozenset({Audience.STAFF})),
    # Everything else (accounts, errors, base, about, accessibility) is read by every staff role.
    ("", frozenset({Audience.STAFF})),
)

# Messages whose audience is not that of their file: the officer's lines in the sharing views and forms,
# and the navigation entry of the officer's home in the shared base template.
AUDIENCE_BY_MESSAGE: dict[str, frozenset[Audience]] = {
    "Thank you. The counsellor can see that you read the sheet.": frozenset({Audience.OFFICER}),
    "Saved. Thank you for your feedback.": frozenset({Audience.OFFICER}),
    "Choose from the recommendations on this sheet.": frozenset({Audience.OFFICER}),
    "Recommendations you applied": frozenset({Audience.OFFICER}),
    "Save what you applied": frozenset({Audience.OFFICER}),
    "Sheets shared with you": frozenset({Audience.OFFICER}),
}


def audiences_for_path(path: str) -> frozenset[Audience]:
    """Return who reads the messages used in this file (a path relative to the project root)."""
    return next(audiences for prefix, audiences in AUDIENCE_BY_PATH if path.startswith(prefix))


_QUOTED = re.compile(r"‘[^’]*’|“[^”]*”|„[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class WordingProblem:
    """A forbidden synonym or a wrong form of address in one text."""

    audience: Audience
    found: str
    wanted: str


def _search(pattern: str, text: str) -> str | None:
    match = re.search(rf"(?<![\w-]){pattern}(?![\w-])", text, flags=re.IGNORECASE)
    return match.group(0) if match else None


def wording_problems(text: str, locale: str, audiences: frozenset[Audience]) -> list[WordingProblem]:
    """Return every forbidden synonym and wrong form of address in a text for these audiences."""
    bare = _QUOTED.sub(" ", text)
    problems = []
    for audience in sorted(audiences):
        if locale == "nl":
            wanted = ADDRESS[audience]
            for other, words in ADDRESS_WORDS.items():
                if other == wanted:
                    continue
                for word in words:
                    found = _search(word, bare)
                    if found:
                        problems.append(WordingProblem(audience, found, f"address: {wanted}"))
        for term in terms_for(audience):
            forbidden = term.forbidden_nl if locale == "nl" else term.forbidden_en
            wanted_word = term.nl if locale == "nl" else term.en
            for pattern in forbidden:
                found = _search(pattern, bare)
                if found:
                    problems.append(WordingProblem(audience, found, f"{term.concept}: {wanted_word}"))
    return problems


# One name per consent section, the same on the client's screens and consent cards (the questionnaire's
# module titles) and on the sheet (needs.SECTION_TITLES): the wording test checks that both msgids
# translate to these words in each catalogue. No form of address and no word for the talk, so that one
# name suits the client and the officer alike.
PART_NAMES: dict[str, dict[str, str]] = {
    "communication": {"nl": "Praten en begrijpen", "en": "Talking and understanding"},
    "stress": {"nl": "Spanning en wat helpt", "en": "Stress and what helps"},
    "conversation": {"nl": "Wie, waar en hoe lang", "en": "Who, where and how long"},
    "support": {"nl": "Steun", "en": "Support"},
    "safety": {"nl": "Veiligheid", "en": "Safety"},
    "practical": {"nl": "Praktische dingen", "en": "Practical things"},
    "goal": {"nl": "Het doel", "en": "The goal"},
}


def glossary_table() -> str:
    """Describe the wording rules for a reviewer: address, terms and forbidden synonyms per audience."""
    lines = [
        "| Audience | Address (nl) | Concept | Word (nl) | Word (en) | Not (nl) | Not (en) |",
        "|---" * 7 + "|",
    ]
    for audience in Audience:
        for term in terms_for(audience):
            lines.append(
                f"| {audience} | {ADDRESS[audience]} | {term.concept} | {term.nl} | {term.en} "
                f"| {', '.join(term.forbidden_nl)} | {', '.join(term.forbidden_en)} |"
            )
    lines.append("")
    lines.append("| Part | nl | en |")
    lines.append("|---|---|---|")
    lines.extend(f"| {part} | {names['nl']} | {names['en']} |" for part, names in PART_NAMES.items())
    lines.append("")
    lines.append("Where a message is used decides its audience (first matching path prefix):")
    lines.extend(
        f"- {prefix or '(anything else)'}: {', '.join(sorted(who))}" for prefix, who in AUDIENCE_BY_PATH
    )
    return "\n".join(lines)
