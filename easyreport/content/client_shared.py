"""Client-facing strings written elsewhere (views, the shared page frame), listed for the client catalogues.

The client-only languages (pl, ro, bg, uk, ar) hold the msgids of the files in babel-client.cfg. A few texts a
client sees are written in files that mostly hold staff text (base.html's skip link, the error lines of the
client views, a consent card title in consent_views.py); they are repeated here, word for word, so that they are
extracted into the client catalogue too. tests/test_client_translations.py checks that each still exists where it
is used.
"""

from __future__ import annotations

from easyreport.translatable import N_

SHARED_CLIENT_TEXTS: tuple[str, ...] = (
    # templates/base.html
    N_("Skip to main content"),
    # easyreport/preparation/client_views.py
    N_("This answer was changed a moment ago. Please look at it again."),
    N_("Please choose an answer."),
    N_('Choose "%(answer)s" on its own, or other answers. Please choose again.'),
    N_("This answer is not possible. Please choose again."),
    N_("That is not right. Ask the counsellor to try again."),
    N_("Choose one of the options on the screen. Nothing was changed."),
    # easyreport/briefing/consent_views.py
    N_("May also be heard as a suspect"),
)
