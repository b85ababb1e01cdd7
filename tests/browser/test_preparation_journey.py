"""The preparation journey in real Chromium: counsellor, client with the keyboard only, counsellor review."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from easyreport.content.questionnaire import QUESTIONNAIRE
from tests.browser.a11y import check_page
from tests.browser.actions import activate_with_keyboard, answer_with_keyboard, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

TEXT = {
    "nl": {
        "new": "Nieuwe voorbereiding",
        "code": "Cliëntcode",
        "age": "Leeftijd",
        "language": "Taal van de vragen",
        "create": "Voorbereiding aanmaken",
        "start": "Cliëntmodus starten",
        "continue": "Verder met de cliëntmodus",
        "secret": "Wachtwoord of pincode van de begeleider",
        "unlock": "Ontgrendelen",
        "all": "Alle vragen zijn beantwoord.",
        "by_counsellor": "Ingevuld door de begeleider namens de cliënt.",
        "correct": "Dit antwoord aanpassen",
        "save": "Antwoord opslaan",
        "explain_title": "Anders gezegd",
        "welcome": "Vragen over wat je nodig hebt",
        "pause": "Pauze",
        "stop_q": "Wil je stoppen?",
        "thanks": "Dank je wel",
    },
    "en": {
        "new": "New preparation",
        "code": "Client code",
        "age": "Age",
        "language": "Language of the questions",
        "create": "Create preparation",
        "start": "Start client mode",
        "continue": "Continue client mode",
        "secret": "Password or PIN of the counsellor",
        "unlock": "Unlock",
        "all": "All questions are answered.",
        "by_counsellor": "Entered by the counsellor on the client's behalf.",
        "correct": "Correct this answer",
        "save": "Save answer",
        "explain_title": "Said in another way",
        "welcome": "Questions about what you need",
        "pause": "Break",
        "stop_q": "Do you want to stop?",
        "thanks": "Thank you",
    },
}


def _choice(question) -> tuple[str, ...]:
    """Pick a varied, realistic answer: mostly content answers, sometimes the fixed ones."""
    index = QUESTIONNAIRE.index(question.id)
    if index % 7 == 3:
        return ("dont_know",)
    if index % 11 == 5:
        return ("rather_not_say",)
    content = question.content_options
    if question.kind.value == "several":
        return tuple(option.id for option in content[:2])
    return (content[index % len(content)].id,)


def _unlock(page: Page, t: dict[str, str]) -> None:
    page.get_by_label(t["secret"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t["unlock"], exact=True).click()


def _answer_current(page: Page, live_url: str) -> str:
    """Answer the question on screen with the keyboard; return its id."""
    question_id = page.url.rsplit("/", 1)[-1].split("?")[0]
    question = QUESTIONNAIRE.find(question_id)
    assert question is not None, page.url
    check_page(page, client=True)
    answer_with_keyboard(page, _choice(question), question.kind.value == "several")
    return question_id


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_counsellor_and_client_prepare_together(page: Page, live_server, locale):
    t = TEXT[locale]
    code = f"K{locale.upper()}"
    log_in(page, live_server.url, "counsellor", locale=locale)

    # Counsellor creates a preparation and hands the device over.
    page.get_by_role("link", name=t["new"]).click()
    check_page(page)
    page.get_by_label(t["code"], exact=True).fill(code)
    page.get_by_label(t["age"], exact=True).select_option("18-22")
    page.get_by_label(t["language"], exact=True).select_option(locale)
    page.get_by_role("button", name=t["create"]).click()
    check_page(page)
    page.get_by_role("button", name=t["start"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t["welcome"])
    check_page(page, client=True)
    activate_with_keyboard(page, "el.classList.contains('answer-ready')")

    # First question: "I don't understand", then answer.
    first = QUESTIONNAIRE.questions[0]
    expect(page).to_have_url(re.compile(f"/client/questions/{first.id}$"))
    activate_with_keyboard(page, "el.getAttribute('href') && el.getAttribute('href').includes('explain=1')")
    expect(page.get_by_role("heading", name=t["explain_title"])).to_be_visible()
    check_page(page, client=True)
    _answer_current(page, live_server.url)
    _answer_current(page, live_server.url)

    # Back to the second question, then on again.
    activate_with_keyboard(
        page, f"el.getAttribute('href') === '/client/questions/{QUESTIONNAIRE.questions[1].id}'"
    )
    expect(page).to_have_url(re.compile(f"/client/questions/{QUESTIONNAIRE.questions[1].id}$"))
    expect(
        page.locator("button.answer-button[aria-pressed='true'], input.answer-check:checked").first
    ).to_be_attached()
    _answer_current(page, live_server.url)

    # A break, then go on where we were.
    at = page.url
    activate_with_keyboard(
        page, "el.getAttribute('href') && el.getAttribute('href').startsWith('/client/break')"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(t["pause"])
    check_page(page, client=True)
    activate_with_keyboard(page, "el.classList.contains('answer-ready')")
    expect(page).to_have_url(at)

    # Stop halfway: the client hands the screen back.
    for _ in range(5):
        _answer_current(page, live_server.url)
    activate_with_keyboard(
        page, "el.getAttribute('href') && el.getAttribute('href').startsWith('/client/stop')"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(t["stop_q"])
    check_page(page, client=True)
    activate_with_keyboard(page, "el.tagName === 'BUTTON' && el.classList.contains('answer-button')")
    expect(page.get_by_role("heading", level=1)).to_have_text(t["thanks"])
    check_page(page, client=True)

    # Staff pages stay closed until the counsellor unlocks.
    page.goto(f"{live_server.url}/counsellor/")
    expect(page).to_have_url(re.compile("/client/locked$"))
    _unlock(page, t)
    check_page(page)

    # Later: client mode again, the client finishes.
    page.get_by_role("button", name=t["continue"]).click()
    while "/client/questions/" in page.url:
        _answer_current(page, live_server.url)
    expect(page).to_have_url(re.compile(r"/client/locked\?done=1$"))
    check_page(page, client=True)
    _unlock(page, t)
    expect(page.get_by_text(t["all"])).to_be_visible()

    # Review one part and correct one answer on the client's behalf.
    module = QUESTIONNAIRE.modules[0]
    page.get_by_role("link", name=re.compile(re.escape(_module_title(module, locale)))).first.click()
    check_page(page)
    question = QUESTIONNAIRE.questions_in(module.id)[0]
    card = page.locator(f"#q-{question.id}")
    card.get_by_text(t["correct"]).click()
    card.locator("input[value='dont_know']").check()
    card.get_by_role("button", name=t["save"]).click()
    expect(page.locator(f"#q-{question.id}")).to_contain_text(t["by_counsellor"])
    check_page(page)


def _module_title(module, locale: str) -> str:
    from easyreport.translatable import translate

    return translate(module.title, locale)


def test_language_choice_in_client_mode_reaches_the_screens(page: Page, live_server):
    log_in(page, live_server.url, "counsellor")
    page.get_by_role("link", name="Nieuwe voorbereiding").click()
    page.get_by_label("Cliëntcode", exact=True).fill("L1")
    page.get_by_label("Leeftijd", exact=True).select_option("16-17")
    page.get_by_role("button", name="Voorbereiding aanmaken").click()
    page.get_by_role("button", name="Cliëntmodus starten").click()
    # The client's language screen: each language by its own name.
    page.get_by_role("link", name="Taal").click()
    check_page(page, client=True)
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions about what you need")
    page.get_by_role("link", name="Close screen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome")
    check_page(page)
