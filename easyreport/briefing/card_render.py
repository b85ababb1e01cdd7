"""Render the client's card (card.py) as HTML and as a PDF: card size, or one A4 page with cut marks.

Dutch first, for the police; when the client's language is another one the app offers, the same card again in
that language (Arabic right to left). Each language's sides are rendered under that locale, so every text on
them is the client-facing msgid translated there and nothing else.
"""

from __future__ import annotations

from enum import StrEnum

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from easyreport.briefing import service
from easyreport.briefing.card import card_for
from easyreport.briefing.render import typeset_pdf
from easyreport.client_languages import RTL_CODES
from easyreport.content import card_texts
from easyreport.i18n import offered_client_locales

POLICE_LOCALE = "nl"  # the police in the Netherlands read the Dutch side
CARD_STYLESHEETS = ("css/card-pdf.css",)


class Layout(StrEnum):
    """How the card is printed: one page per side at card size, or every side on one A4 page."""

    CARD = "card"
    A4 = "a4"


def card_locales(client_locale: str | None) -> tuple[str, ...]:
    """Return the languages of the card: Dutch, then the client's language when it is offered and not Dutch."""
    if client_locale and client_locale != POLICE_LOCALE and client_locale in offered_client_locales():
        return (POLICE_LOCALE, client_locale)
    return (POLICE_LOCALE,)


def render_card_html(built: service.BuiltSheet, layout: Layout = Layout.CARD) -> str:
    """Render the card document the PDF is made from (needs an application context)."""
    card = card_for(built.sheet)
    languages = []
    for locale in card_locales(built.preparation.client_locale):
        with force_locale(locale):
            languages.append(
                Markup(  # noqa: S704 - rendered by our own autoescaping template
                    render_template(
                        "briefing/_client_card_sides.html",
                        card=card,
                        texts=card_texts,
                        locale=locale,
                        rtl=locale in RTL_CODES,
                        layout=layout.value,
                    )
                )
            )
    with force_locale(POLICE_LOCALE):
        return render_template(
            "briefing/client_card.html",
            languages=languages,
            layout=layout.value,
            title=card_texts.FRONT_TITLE,
        )


def render_card_pdf(built: service.BuiltSheet, layout: Layout = Layout.CARD) -> bytes:
    """Return the card as a tagged PDF, from local static files only."""
    return typeset_pdf(render_card_html(built, layout), CARD_STYLESHEETS)
