"""Record what may be shared with the police, on what legal basis, and whether that record is still current.

Consent is asked per section (domain.md §2.8). Only "yes" shares a section; "no" and "don't know"
both keep it back, so doubt never leads to sharing.

Legal basis. With consent, the per-section decisions are the client's. With a conflict of duties or a
legal duty, the counsellor still decides per section what goes on the sheet, and only "yes" sections
are shared: those bases allow sharing what is *necessary* (NVO: "welke informatie is noodzakelijk?"),
not everything, so the same per-section choice records that minimum. Every basis other than consent
names its legal ground (a structured choice, e.g. which legal duty) and needs the counsellor's written
reasoning (domain.md §1.4, §8); the sheet shows the basis and the ground's name, never the reasoning.
The meldcode huiselijk geweld en kindermishandeling ends in a report to Veilig Thuis, not in sharing
with the police, so it is not offered for this sheet. A record stored with it earlier still loads
(``loaded=True``) but is no longer valid for a new share (``valid_for_new_share``).

Extra cards. Besides the seven sections, the client sees a card on being heard as a possible suspect
(``SUSPECT_CARD``) when the counsellor set that mark. Its teach-back is recorded on its own: only
"could explain in own words" makes a "yes" count (domain.md §8); "partly" or "not" records no consent
for that card, and the counsellor explains it again.

Staleness. Consent is given to a particular set of answers. Its record keeps a fingerprint of those
answers; when an answer changes later, the fingerprint differs and the consent must be asked again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from easyreport.briefing.needs import SECTIONS
from easyreport.translatable import N_


class Decision(StrEnum):
    """The answer to "May the police know this?" for one section."""

    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"


class TeachBack(StrEnum):
    """How well the client could explain back what will be shared, with whom and why."""

    COULD_EXPLAIN = "could_explain"
    PARTLY = "partly"
    NOT = "not"


class LegalBasis(StrEnum):
    """Why sharing is lawful."""

    CONSENT = "consent"
    # Kept so that records stored before it was withdrawn still load; never offered for a new share.
    MELDCODE = "meldcode"
    CONFLICT_OF_DUTIES = "conflict_of_duties"
    LEGAL_DUTY = "legal_duty"


# The bases offered for sharing this sheet with the police, in the order the form shows them.
OFFERED_BASES: tuple[LegalBasis, ...] = (
    LegalBasis.CONSENT,
    LegalBasis.CONFLICT_OF_DUTIES,
    LegalBasis.LEGAL_DUTY,
)


class LegalGround(StrEnum):
    """The named legal ground under a basis other than consent: what exactly makes sharing lawful."""

    # Conflict of duties: the duty of secrecy gives way to the duty to prevent serious harm to ...
    DANGER_TO_CLIENT = "danger_to_client"
    DANGER_TO_OTHERS = "danger_to_others"
    # Legal duty: which duty.
    DUTY_TO_REPORT_CRIME = "duty_to_report_crime"
    COURT_ORDER = "court_order"
    OTHER_STATUTORY_DUTY = "other_statutory_duty"


# Which grounds fit which basis; consent needs no ground (the client's choice is the ground).
GROUNDS: dict[LegalBasis, tuple[LegalGround, ...]] = {
    LegalBasis.CONSENT: (),
    LegalBasis.MELDCODE: (),
    LegalBasis.CONFLICT_OF_DUTIES: (LegalGround.DANGER_TO_CLIENT, LegalGround.DANGER_TO_OTHERS),
    LegalBasis.LEGAL_DUTY: (
        LegalGround.DUTY_TO_REPORT_CRIME,
        LegalGround.COURT_ORDER,
        LegalGround.OTHER_STATUTORY_DUTY,
    ),
}

# Extra consent cards next to the seven sections, and the ones whose teach-back must be "in own words".
SUSPECT_CARD = "suspect"
EXTRA_CARDS: tuple[str, ...] = (SUSPECT_CARD,)
OWN_WORDS_CARDS: frozenset[str] = frozenset({SUSPECT_CARD})


class Method(StrEnum):
    """How consent (or the decision to share) was recorded."""

    ORAL = "oral"
    WRITTEN = "written"


DECISION_LABELS: dict[Decision, str] = {
    Decision.YES: N_("Shared"),
    # Translators: a section of the sheet the client did not agree to share.
    Decision.NO: N_("Not shared: the client does not want this"),
    Decision.DONT_KNOW: N_("Not shared: the client did not know yet"),
}

TEACH_BACK_LABELS: dict[TeachBack, str] = {
    TeachBack.COULD_EXPLAIN: N_("The client could explain in their own words what is shared"),
    TeachBack.PARTLY: N_("The client could partly explain what is shared"),
    TeachBack.NOT: N_("The client could not explain what is shared"),
}

LEGAL_BASIS_LABELS: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: N_("Consent of the client"),
    LegalBasis.MELDCODE: N_("Reporting code for domestic violence and child abuse (meldcode)"),
    LegalBasis.CONFLICT_OF_DUTIES: N_("Conflict of duties (reasoning recorded by the counsellor)"),
    LegalBasis.LEGAL_DUTY: N_("Legal duty (reasoning recorded by the counsellor)"),
}

# Said on the consent record page where the meldcode would have been offered (domain.md §1.4, §8).
MELDCODE_NOTE = N_(
    "The reporting code for domestic violence and child abuse (meldcode) is not a basis for sharing "
    "this sheet with the police: a report under the meldcode goes to Veilig Thuis. "
    "If you think you must report, follow the meldcode and contact Veilig Thuis."
)
NO_LONGER_VALID_NOTE = N_(
    "This consent was recorded under rules that no longer apply (for example on the basis of the meldcode, "
    "or without a named legal ground). Record consent again before you share the sheet."
)
# After a "yes" on the suspect card without teach-back in own words (card_consented is False then).
EXPLAIN_AGAIN = N_(
    "The part about being heard as a suspect is not shared: the client could not explain it in their own "
    "words. Explain it again, in other words, and record consent again."
)

# The names of the grounds; the officer reads these on the sheet. Articles from memory are marked [M]
# in the comments: check them before relying on them (domain.md, confidence marks).
LEGAL_GROUND_LABELS: dict[LegalGround, str] = {
    LegalGround.DANGER_TO_CLIENT: N_("Conflict of duties: serious danger to the client"),
    LegalGround.DANGER_TO_OTHERS: N_("Conflict of duties: serious danger to other people"),
    # Sv art. 160 (duty to report certain serious crimes) [M]
    LegalGround.DUTY_TO_REPORT_CRIME: N_("Legal duty to report certain serious crimes (art. 160 Sv)"),
    LegalGround.COURT_ORDER: N_("Legal duty: an order of a court"),
    LegalGround.OTHER_STATUTORY_DUTY: N_("Legal duty: another duty in law (named in the reasoning)"),
}

METHOD_LABELS: dict[Method, str] = {
    Method.ORAL: N_("Oral, recorded by the counsellor"),
    Method.WRITTEN: N_("Written"),
}


@dataclass(frozen=True)
class ReasoningQuestion:
    """One question the counsellor answers before sharing on the basis of a conflict of duties."""

    id: str
    text: str


# The afwegingskader's considerations, the NVO's necessity question and the advice step (domain.md §1.4).
CONFLICT_OF_DUTIES_QUESTIONS: tuple[ReasoningQuestion, ...] = (
    ReasoningQuestion("suspicion", N_("What makes you suspect serious harm?")),
    ReasoningQuestion("unsafety", N_("Is there acute or ongoing unsafety? What shows this?")),
    ReasoningQuestion("own_help", N_("Can you offer or organise effective help yourself? Why not?")),
    ReasoningQuestion("help_accepted", N_("Does the client accept help?")),
    ReasoningQuestion("in_time", N_("Will the help work well enough and in time?")),
    ReasoningQuestion("no_consent", N_("Why can you not share with the client's consent?")),
    ReasoningQuestion(
        "necessary", N_("Which information is necessary? Can you share less, or share it another way?")
    ),
    ReasoningQuestion("advice", N_("Whom did you ask for advice, and what did they say?")),
)
# A legal duty is reasoned too: which duty, why it applies here, and why this much (domain.md §8).
LEGAL_DUTY_QUESTIONS: tuple[ReasoningQuestion, ...] = (
    ReasoningQuestion("duty_which", N_("Which duty applies? Name the law and the article.")),
    ReasoningQuestion("duty_applies", N_("Why does this duty apply to this client now?")),
    ReasoningQuestion("duty_necessary", N_("Which information does the duty require? Can you share less?")),
)
REASONING_QUESTIONS: dict[LegalBasis, tuple[ReasoningQuestion, ...]] = {
    LegalBasis.CONSENT: (),
    LegalBasis.MELDCODE: (),
    LegalBasis.CONFLICT_OF_DUTIES: CONFLICT_OF_DUTIES_QUESTIONS,
    LegalBasis.LEGAL_DUTY: LEGAL_DUTY_QUESTIONS,
}
ALL_REASONING_QUESTIONS: tuple[ReasoningQuestion, ...] = (
    *CONFLICT_OF_DUTIES_QUESTIONS,
    *LEGAL_DUTY_QUESTIONS,
)
_QUESTION_IDS = frozenset(q.id for q in ALL_REASONING_QUESTIONS)

LIMITED_OVERVIEW = "limited_overview"


class ConsentError(ValueError):
    """A consent record that cannot be accepted."""


class UnknownSection(ConsentError):
    """A decision for a section that does not exist."""


class MissingDecision(ConsentError):
    """A section without a decision: every section must be decided, even if the answer is "no"."""


class InvalidValue(ConsentError):
    """A value that is not one of the allowed choices."""


class MissingRecord(ConsentError):
    """Who asked, when, or the answers' fingerprint is missing."""


class MissingReasoning(ConsentError):
    """A basis other than consent without an answer to every one of its reasoning questions."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


class UnknownReasoningQuestion(ConsentError):
    """An answer to a question that is not on the checklist."""


class NotInformedOfDutyToAct(ConsentError):
    """Consent to share without first telling the client that the police must act on ongoing exploitation."""


class ConsentWithoutUnderstanding(ConsentError):
    """Consent to share while the client could not explain what sharing means."""


class BasisNotForPolice(ConsentError):
    """A basis that does not allow sharing with the police (the meldcode goes to Veilig Thuis)."""


class MissingGround(ConsentError):
    """A basis other than consent without a named legal ground that fits it."""


class GroundDoesNotFit(ConsentError):
    """A legal ground that does not belong to the chosen basis (or a ground given with consent)."""


class MissingCardTeachBack(ConsentError):
    """A "yes" on a card whose teach-back must be recorded on its own, without that teach-back."""

    def __init__(self, card: str) -> None:
        super().__init__(card)
        self.card = card


_E = TypeVar("_E", bound=StrEnum)


def _choice(enum: type[_E], value: object) -> _E:
    try:
        return enum(str(value))
    except ValueError:
        raise InvalidValue(f"{enum.__name__}: {value!r}") from None


@dataclass(frozen=True)
class Consent:
    """Per-section decisions with the teach-back, legal basis and ground, extra cards and who/when/how.

    ``loaded=True`` rebuilds a stored record: its shape is checked, but the rules added since it was
    stored are not enforced, so an old record still loads; ``valid_for_new_share`` says whether it
    meets today's rules.
    """

    decisions: Mapping[str, Decision]
    teach_back: TeachBack
    legal_basis: LegalBasis
    asked_by: str  # role (or name) of the counsellor who asked
    recorded_at: datetime  # timezone-aware
    method: Method
    answers_fingerprint: str  # fingerprint of the answers the consent was given to
    informed_of_duty_to_act: bool  # told before consent that the police must act on ongoing exploitation
    reasoning: Mapping[str, str] = field(
        default_factory=dict
    )  # question id -> answer (bases other than consent)
    consulted: str = ""  # whom the counsellor consulted when the client's overview was in doubt
    legal_ground: LegalGround | None = None  # the named ground, for every basis other than consent
    cards: Mapping[str, Decision] = field(default_factory=dict)  # extra cards (EXTRA_CARDS) the client saw
    card_teach_back: Mapping[str, TeachBack] = field(default_factory=dict)  # per card, where required
    loaded: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        decisions = {}
        for section, value in self.decisions.items():
            if section not in SECTIONS:
                raise UnknownSection(section)
            decisions[section] = _choice(Decision, value)
        undecided = [s for s in SECTIONS if s not in decisions]
        if undecided:
            raise MissingDecision(", ".join(undecided))
        cards: dict[str, Decision] = {}
        for card, value in self.cards.items():
            if card not in EXTRA_CARDS:
                raise UnknownSection(card)
            cards[card] = _choice(Decision, value)
        card_teach_back: dict[str, TeachBack] = {}
        for card, result in self.card_teach_back.items():
            if card not in OWN_WORDS_CARDS:
                raise UnknownSection(card)
            card_teach_back[card] = _choice(TeachBack, result)
        # Frozen dataclass: normalise the fields once, here, so every Consent in circulation is valid.
        object.__setattr__(self, "decisions", MappingProxyType(decisions))
        object.__setattr__(self, "cards", MappingProxyType(cards))
        object.__setattr__(self, "card_teach_back", MappingProxyType(card_teach_back))
        object.__setattr__(self, "teach_back", _choice(TeachBack, self.teach_back))
        object.__setattr__(self, "legal_basis", _choice(LegalBasis, self.legal_basis))
        object.__setattr__(self, "method", _choice(Method, self.method))
        object.__setattr__(self, "reasoning", MappingProxyType(dict(self.reasoning)))
        if self.legal_ground is not None:
            object.__setattr__(self, "legal_ground", _choice(LegalGround, self.legal_ground))

        if not self.asked_by.strip():
            raise MissingRecord("asked_by")
        if self.recorded_at.tzinfo is None:
            raise MissingRecord("recorded_at must carry a time zone")
        if not self.answers_fingerprint:
            raise MissingRecord("answers_fingerprint")
        unknown = sorted(set(self.reasoning) - _QUESTION_IDS)
        if unknown:
            raise UnknownReasoningQuestion(", ".join(unknown))
        if self.legal_ground is not None and self.legal_ground not in GROUNDS[self.legal_basis]:
            raise GroundDoesNotFit(f"{self.legal_basis.value}: {self.legal_ground.value}")

        if not self.loaded:
            problems = rule_problems(self)
            if problems:
                raise problems[0]

    @property
    def valid_for_new_share(self) -> bool:
        """Return whether this record meets today's rules, so the sheet may be shared anew on it."""
        return not rule_problems(self)

    def to_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data for storage."""
        return {
            "decisions": {s: self.decisions[s].value for s in SECTIONS},
            "teach_back": self.teach_back.value,
            "legal_basis": self.legal_basis.value,
            "legal_ground": None if self.legal_ground is None else self.legal_ground.value,
            "asked_by": self.asked_by,
            "recorded_at": self.recorded_at.isoformat(),
            "method": self.method.value,
            "answers_fingerprint": self.answers_fingerprint,
            "informed_of_duty_to_act": self.informed_of_duty_to_act,
            "reasoning": dict(self.reasoning),
            "consulted": self.consulted,
            "cards": {card: decision.value for card, decision in self.cards.items()},
            "card_teach_back": {card: result.value for card, result in self.card_teach_back.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Consent:
        """Rebuild a stored record from to_dict() output (also older versions of it), checking its shape."""
        try:
            recorded_at = datetime.fromisoformat(data["recorded_at"])
            return cls(
                decisions=dict(data["decisions"]),
                teach_back=data["teach_back"],
                legal_basis=data["legal_basis"],
                asked_by=data["asked_by"],
                recorded_at=recorded_at,
                method=data["method"],
                answers_fingerprint=data["answers_fingerprint"],
                informed_of_duty_to_act=bool(data["informed_of_duty_to_act"]),
                reasoning=dict(data.get("reasoning") or {}),
                consulted=data.get("consulted", ""),
                legal_ground=data.get("legal_ground"),
                cards=dict(data.get("cards") or {}),
                card_teach_back=dict(data.get("card_teach_back") or {}),
                loaded=True,
            )
        except (KeyError, TypeError) as exc:
            raise MissingRecord(str(exc)) from None


def rule_problems(consent: Consent) -> list[ConsentError]:
    """Return every rule of today the record breaks, most important first (empty: the record is valid)."""
    problems: list[ConsentError] = []
    basis = consent.legal_basis
    if basis not in OFFERED_BASES:
        problems.append(BasisNotForPolice(basis.value))
    if basis is not LegalBasis.CONSENT:
        if consent.legal_ground is None:
            problems.append(MissingGround(basis.value))
        missing = tuple(
            q.id for q in REASONING_QUESTIONS[basis] if not consent.reasoning.get(q.id, "").strip()
        )
        if missing:
            problems.append(MissingReasoning(missing))
    elif consent.legal_ground is not None:
        problems.append(GroundDoesNotFit(f"consent: {consent.legal_ground.value}"))

    shares = any(d is Decision.YES for d in consent.decisions.values())
    if basis is LegalBasis.CONSENT and shares:
        # domain.md §0.6/§5.3: the client hears about the duty to act before consenting.
        if not consent.informed_of_duty_to_act:
            problems.append(NotInformedOfDutyToAct())
        # domain.md §1.4: the client must be able to oversee the consequences. "Not" means ask again
        # another day, with easier information, or use another legal basis with its own reasoning.
        if consent.teach_back is TeachBack.NOT:
            problems.append(ConsentWithoutUnderstanding())
    for card, decision in consent.cards.items():
        if card in OWN_WORDS_CARDS and decision is Decision.YES and card not in consent.card_teach_back:
            problems.append(MissingCardTeachBack(card))
    return problems


def card_consented(consent: Consent, card: str) -> bool:
    """Return whether an extra card may be shared: "yes", and for own-words cards, explained in own words.

    A "yes" with teach-back "partly" or "not" records no consent for that card (domain.md §8).
    """
    if consent.cards.get(card) is not Decision.YES:
        return False
    if card in OWN_WORDS_CARDS:
        return consent.card_teach_back.get(card) is TeachBack.COULD_EXPLAIN
    return True


def cards_to_explain_again(consent: Consent) -> tuple[str, ...]:
    """Return the cards the client said "yes" to but could not explain in own words: explain them again."""
    return tuple(
        card
        for card in EXTRA_CARDS
        if consent.cards.get(card) is Decision.YES and not card_consented(consent, card)
    )


def missing_cards(consent: Consent, shown: tuple[str, ...]) -> tuple[str, ...]:
    """Return the extra cards the client was shown that have no decision on the record."""
    return tuple(card for card in shown if card not in consent.cards)


def cards_shown(possible_suspect: bool) -> tuple[str, ...]:
    """Return the extra cards the client sees: the suspect card only when the counsellor set the mark."""
    return (SUSPECT_CARD,) if possible_suspect else ()


def shared_sections(consent: Consent) -> frozenset[str]:
    """Return the sections that may be shared: only those decided "yes"."""
    return frozenset(s for s, d in consent.decisions.items() if d is Decision.YES)


def consent_needs(consent: Consent) -> frozenset[str]:
    """Return the needs the teach-back adds: limited overview when the client could not fully explain."""
    if consent.teach_back in (TeachBack.PARTLY, TeachBack.NOT):
        return frozenset({LIMITED_OVERVIEW})
    return frozenset()


def _canonical(value: object) -> object:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def answers_fingerprint(answers: Mapping[str, Any]) -> str:
    """Return a stable hash of the answers (key order and set order do not matter)."""
    text = json.dumps(answers, sort_keys=True, separators=(",", ":"), default=_canonical, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_stale(consent: Consent, current_fingerprint: str) -> bool:
    """Return whether the answers changed since consent was recorded."""
    return consent.answers_fingerprint != current_fingerprint
