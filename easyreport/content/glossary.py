"""Hard words the client may meet, each with an easy explanation that can be read aloud.

Police and legal terms may appear in client text only when they are explained here; the
language checker enforces that. The term msgid is English; its Dutch msgstr is the word the
police will actually use (aangifte, melding, informatief gesprek, bedenktijd).
"""

from __future__ import annotations

from dataclasses import dataclass

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
