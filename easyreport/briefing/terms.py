"""The sheet's fixed terms of use: what it is for, who may read it, where it may end up, what it does not say.

Printed on every format (screen, print, PDF, JSON). A line like "says yes when unsure" tells the officer
how to ask, and must not be usable against the person's credibility (domain.md §8). With the suspect block,
one more fixed line says that the sheet holds nothing about what the person may have done.
"""

from __future__ import annotations

from easyreport.translatable import N_

TITLE = N_("Terms of use")
# (id, msgid): the ids let a reader of the JSON find a line without parsing its text.
LINES: tuple[tuple[str, str], ...] = (
    ("purpose", N_("Only for preparing the interview.")),
    ("readers", N_("To be read only by the police officers who prepare or hold the interview.")),
    ("case_file", N_("May become part of the case file; the defence can then read it.")),
    ("credibility", N_("The needs say how to ask questions, not whether the person is credible.")),
)
SUSPECT_LINE = (
    "no_offence_detail",
    N_("This sheet says nothing about what the person may have done."),
)


def lines_for(*, suspect_block: bool) -> tuple[tuple[str, str], ...]:
    """Return the terms of use, with the line about the person's own acts when the suspect block is present."""
    return (*LINES, SUSPECT_LINE) if suspect_block else LINES
