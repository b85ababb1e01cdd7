"""What each consent card shows the client, as data (pure, no Flask).

A card is one decision ("May the police know this?") and everything that decision would send to the
police, in the client's own words: what they said, every observation the counsellor ticked (in easy
words, with a pictogram), and on the goal card the route (which police team, and why) and the other
lines the counsellor chose for that part. Templates render a card from this data only, so a new card
or a new block needs no new template code: add a block builder here, or a card builder to
``EXTRA_CARDS`` (a card that is not one of the seven sections, such as the possible-suspect card,
``suspect_card`` below). The walk shows it after the seven sections, with the same decision, Back, Break and Stop, and
the goal card stops showing the short rights block (the suspect card says it all).

A card's ``fingerprint`` covers everything it shows. The walk remembers which fingerprint the client
saw, and a decision is taken only for the card as seen: a card the client never opened, or one that
changed after it was shown (the counsellor changed an answer meanwhile), is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from easyreport.briefing.facts import ClientAnswer, client_answers
from easyreport.briefing.needs import SECTIONS
from easyreport.content import consent_cards
from easyreport.content.model import Questionnaire
from easyreport.content.observations import ticked_in
from easyreport.content.questionnaire import QUESTIONNAIRE

# How many of the client's answers show before "Show everything you said": the decision must stay
# near the top, so the card stays short.
SHORT_LIST = 3


@dataclass(frozen=True)
class Line:
    """One easy-read line: a msgid without placeholders, its pictogram, and a key for element ids."""

    key: str
    text: str
    pictogram: str


@dataclass(frozen=True)
class Block:
    """A titled group of lines on a card, read aloud with one control."""

    id: str
    title: str
    pictogram: str
    lines: tuple[Line, ...]
    important: bool = False


@dataclass(frozen=True)
class GoalExtras:
    """The counsellor's choices the goal card shows (from the sheet settings)."""

    teams: tuple[str, ...] = ()  # routing.Unit values: the suggested team first, then the others
    urgency: bool = False
    known: bool = False
    possible_suspect: bool = False
    # Not goal facts: the preferred name shows on the communication card, the language on the practical card.
    named: bool = False
    language: bool = False


@dataclass(frozen=True)
class Card:
    """One decision of the consent walk and all it would share."""

    id: str  # the decision key (a section id)
    title: str
    pictogram: str
    why: str
    said: tuple[ClientAnswer, ...]
    blocks: tuple[Block, ...]
    fingerprint: str
    # A section card lists what the client said; an extra card (EXTRA_CARDS) only has its blocks.
    section: bool = True

    @property
    def said_short(self) -> tuple[ClientAnswer, ...]:
        """Return the answers that show before the rest is opened."""
        return self.said[:SHORT_LIST]

    @property
    def said_more(self) -> tuple[ClientAnswer, ...]:
        """Return the answers behind "Show everything you said"."""
        return self.said[SHORT_LIST:]


def observation_block(section: str, choice_ids: Iterable[str]) -> Block | None:
    """Return the counsellor's ticked observations of a section as easy-read lines, or None."""
    ticked = ticked_in(section, choice_ids)
    if not ticked:
        return None
    lines = tuple(Line(f"obs-{o.id}", o.client_text, o.pictogram) for o in ticked)
    return Block("observed", consent_cards.CARD_OBSERVED, "support_worker", lines)


def route_block(teams: Sequence[str]) -> Block | None:
    """Return the suggested police team(s), each with why in easy words, or None."""
    lines: list[Line] = []
    for team in teams:
        texts = consent_cards.ROUTE_TEAMS.get(team)
        if texts is None:
            continue  # 112 or a unit without client words: the card never names it
        name, why = texts
        lines += [
            Line(f"team-{team}", name, consent_cards.ROUTE_PICTOGRAM),
            Line(f"team-{team}-why", why, "signpost"),
        ]
    if not lines:
        return None
    return Block("route", consent_cards.CARD_ROUTE, "signpost", tuple(lines))


def goal_blocks(extras: GoalExtras) -> list[Block]:
    """Return the goal card's extra blocks: route, how soon, what the client knows, rights."""
    blocks: list[Block] = []
    route = route_block(extras.teams)
    if route is not None:
        blocks.append(route)
    if extras.urgency:
        blocks.append(Block("urgency", consent_cards.CARD_URGENCY, "clock", ()))
    if extras.known:
        blocks.append(Block("known", consent_cards.CARD_KNOWN, "information", ()))
    if extras.possible_suspect and "suspect" not in EXTRA_CARDS:
        rights = consent_cards.CARD_RIGHTS
        lines = tuple(Line(f"rights-{i}", text, "support_worker") for i, text in enumerate(rights[1:], 2))
        blocks.append(Block("rights", rights[0], "raised_hand", lines, important=True))
    return blocks


def _fingerprint(card_id: str, said: Sequence[ClientAnswer], blocks: Sequence[Block]) -> str:
    shown = {
        "card": card_id,
        "said": [[a.question.id, [o.id for o in a.options]] for a in said],
        "blocks": [[b.id, b.title, [line.text for line in b.lines]] for b in blocks],
    }
    text = json.dumps(shown, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def build_card(
    section: str,
    answers: Mapping[str, Iterable[str]],
    observations: Mapping[str, Iterable[str]],
    extras: GoalExtras,
    questionnaire: Questionnaire = QUESTIONNAIRE,
) -> Card:
    """Return the card of one section."""
    module = questionnaire.module(section)
    said = client_answers(questionnaire, answers, section)
    blocks: list[Block] = []
    observed = observation_block(section, observations.get(section, ()))
    if observed is not None:
        blocks.append(observed)
    if section == "goal":
        blocks += goal_blocks(extras)
    if section == "communication" and extras.named:
        blocks.append(Block("named", consent_cards.CARD_NAMED, "speech_balloon", ()))
    if section == "practical" and extras.language:
        blocks.append(Block("language", consent_cards.CARD_LANGUAGE, "globe", ()))
    return Card(
        id=section,
        title=module.title,
        pictogram=module.pictogram,
        why=consent_cards.SECTION_WHY[section],
        said=said,
        blocks=tuple(blocks),
        fingerprint=_fingerprint(section, said, blocks),
    )


def extra_card(card_id: str, title: str, pictogram: str, why: str, blocks: tuple[Block, ...]) -> Card:
    """Return a card that is not a section: its title, why it matters, and its blocks."""
    return Card(card_id, title, pictogram, why, (), blocks, _fingerprint(card_id, (), blocks), section=False)


def suspect_card(extras: GoalExtras) -> Card | None:
    """Return the possible-suspect card (consent.SUSPECT_CARD) when the counsellor set the mark, else None."""
    if not extras.possible_suspect:
        return None
    texts = (*consent_cards.SUSPECT_CARD_LINES, consent_cards.SUSPECT_CARD_LAWYER)
    lines = tuple(Line(f"suspect-{i}", text, "raised_hand") for i, text in enumerate(texts, 1))
    block = Block("suspect", consent_cards.SUSPECT_CARD_TITLE, "raised_hand", lines, important=True)
    return extra_card(
        "suspect", consent_cards.SUSPECT_CARD_TITLE, "raised_hand", consent_cards.SUSPECT_CARD_WHY, (block,)
    )


# Cards after the seven sections, by id (the decision key), each built from the goal extras or left out (None).
EXTRA_CARDS: dict[str, Callable[[GoalExtras], Card | None]] = {"suspect": suspect_card}


def build_cards(
    answers: Mapping[str, Iterable[str]],
    observations: Mapping[str, Iterable[str]],
    extras: GoalExtras,
    questionnaire: Questionnaire = QUESTIONNAIRE,
) -> tuple[Card, ...]:
    """Return every card of the walk, in order: the seven sections, then the extra cards that apply."""
    cards = [build_card(s, answers, observations, extras, questionnaire) for s in SECTIONS]
    cards += [card for build in EXTRA_CARDS.values() if (card := build(extras)) is not None]
    return tuple(cards)


def neighbours(cards: Sequence[Card], card_id: str) -> tuple[str | None, str | None]:
    """Return the ids of the card before and after one card (None at either end)."""
    ids = [card.id for card in cards]
    index = ids.index(card_id)
    return (ids[index - 1] if index > 0 else None, ids[index + 1] if index + 1 < len(ids) else None)


def may_decide(seen: Mapping[str, str], card: Card, posted_fingerprint: str) -> str | None:
    """Return why a decision for a card cannot be taken ("not_seen", "changed"), or None when it can."""
    if card.id not in seen:
        return "not_seen"
    if posted_fingerprint != card.fingerprint or seen[card.id] != card.fingerprint:
        return "changed"
    return None
