"""Texts of the client's language-choice screen (client-facing: in every client language)."""

from __future__ import annotations

from easyreport.translatable import N_

TITLE = N_("Choose your language")
LINK = N_("Language")
# A language code that is not on offer: nothing changes.
UNKNOWN = N_("This language is not here. The screens stay the same.")
# Beside each language name, for screen readers: "Read aloud: Polski".
TEXTS: tuple[str, ...] = (TITLE, LINK, UNKNOWN)
