"""Every kind of client screen in Chromium: the bar in view, one read-aloud per block, nothing that looks like an
answer but the answers, no staff links, no split words; axe, 7:1 and 44 px in every display setting; screenshots.

Screenshots of every screen type at 1024x768 and 320x640 go to test-results/screenshots/ (a CI artefact).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from easyreport import accessibility
from easyreport.accounts.models import User
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import display, service
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.browser.a11y import check_page
from tests.browser.actions import log_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
FIRST = QUESTIONNAIRE.questions[0]
SEVERAL = next(q for q in QUESTIONNAIRE if q.kind.value == "several")
STAFF_PATHS = ("/counsellor", "/admin", "/officer", "/login", "/logout", "/about", "/accessibility")


def screen_paths() -> dict[str, str]:
    """One address per client screen type (accessibility.CLIENT_SCREEN_TYPES)."""
    paths = {
        "welcome": "/client/",
        "question": f"/client/questions/{FIRST.id}",
        "several": f"/client/questions/{SEVERAL.id}",
        "explanation": f"/client/questions/{FIRST.id}?explain=1",
        "display": f"/client/display?next=/client/questions/{FIRST.id}",
        "break": f"/client/break?at={FIRST.id}",
        "stop": f"/client/stop?at={FIRST.id}",
        "locked": "/client/locked?stopped=1",
    }
    assert tuple(paths) == accessibility.CLIENT_SCREEN_TYPES
    return paths


def hand_over(page: Page, live_server, locale: str) -> str:
    """A preparation answered up to the first several-choice question, in client mode; return its public id."""
    with live_server.app.app_context():
        owner = db.session.query(User).filter_by(username=Role.COUNSELLOR.value).one()
        preparation = service.create(db.session, owner.id, "S1", "18-22", locale, now=utcnow())
        for question in QUESTIONNAIRE.questions[: QUESTIONNAIRE.index(SEVERAL.id)]:
            service.record_answer(
                db.session,
                preparation,
                QUESTIONNAIRE,
                question.id,
                ["dont_know"],
                entered_by="client",
                now=utcnow(),
            )
        db.session.commit()
        public_id = preparation.public_id
    # Staff pages are in Dutch or English; the client's screens in any client language.
    log_in(
        page,
        live_server.url,
        Role.COUNSELLOR.value,
        locale=locale if locale in accessibility.LANGUAGES else "nl",
    )
    page.goto(f"{live_server.url}/counsellor/preparations/{public_id}")
    page.locator("form[action$='/client-mode'] button").click()
    expect(page).to_have_url(re.compile("/client/"))
    return public_id


_handed_over: dict[tuple[str, str], tuple[str, list]] = {}


def handed_over(page: Page, live_server, locale: str) -> str:
    """hand_over once per language and test process; later tests start from its cookies, in client mode.

    A login and a hand-over per display setting were a third of each setting's test.
    """
    key = (live_server.url, locale)
    if key in _handed_over:
        public_id, cookies = _handed_over[key]
        page.context.add_cookies(cookies)
        return public_id
    public_id = hand_over(page, live_server, locale)
    _handed_over[key] = (public_id, page.context.cookies())
    return public_id


def choose_display(live_server, public_id: str, settings: display.DisplaySettings) -> None:
    with live_server.app.app_context():
        preparation = db.session.query(Preparation).filter_by(public_id=public_id).one()
        service.set_display(db.session, preparation, settings)
        db.session.commit()


# Computed look of a control: what makes an answer look like an answer.
LOOK = """e => { const s = getComputedStyle(e);
  return [s.borderTopWidth, s.borderTopColor, s.borderTopStyle, s.backgroundColor, s.borderTopLeftRadius, s.fontSize].join('|'); }"""

CONTROLS = """() => [...document.querySelectorAll('a[href], button, label[for], summary')]
  .filter(e => e.offsetParent !== null && !e.closest('.skip-link'))"""

SPLIT_WORDS = """() => {
  const broken = [];
  const roots = document.querySelectorAll('h1, h2, legend, .answer-button, .control, .progress__text, .button, p');
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.data.matchAll(/[^\\s]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def assert_bar_in_view(page: Page, width: int, height: int) -> None:
    """Back, I don't understand, Break and Stop (where the screen has them) are inside the window and on top."""
    controls = page.locator(".control-bar a.control")
    for index in range(controls.count()):
        control = controls.nth(index)
        box = control.bounding_box()
        assert box is not None
        name = control.inner_text().strip()
        assert box["x"] >= 0 and box["y"] >= 0, f"{page.url}: {name} starts outside the window"
        assert box["x"] + box["width"] <= width + 0.5, f"{page.url}: {name} leaves the window at {width}px"
        assert box["y"] + box["height"] <= height + 0.5, f"{page.url}: {name} is below the fold at {height}px"
        on_top = control.evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
            " return !!hit && e.contains(hit); }"
        )
        assert on_top, f"{page.url}: {name} is covered"
    # Scrolling the content down leaves the bar where it is.
    page.evaluate("document.querySelector('main').scrollTo(0, 10000); window.scrollTo(0, 10000)")
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height + 0.5, page.url
    page.evaluate("document.querySelector('main').scrollTo(0, 0); window.scrollTo(0, 0)")


def assert_only_answers_look_like_answers(page: Page) -> None:
    answers = page.locator(".answer-button")
    if answers.count() == 0:
        return
    looks = {answers.nth(i).evaluate(LOOK) for i in range(answers.count()) if answers.nth(i).is_visible()}
    others = page.evaluate(
        f"""() => ({CONTROLS})().filter(e => !e.classList.contains('answer-button') && !e.classList.contains('read-aloud'))
        .map(e => [e.tagName.toLowerCase() + '.' + e.className, ({LOOK})(e)])"""
    )
    same = [name for name, look in others if look in looks]
    assert not same, f"{page.url}: these look like an answer: {same}"


def assert_one_read_aloud_per_block(page: Page, *, expect_audio: bool) -> None:
    buttons = page.locator("button[data-read-aloud]:visible")
    blocks: dict[str, int] = {}
    for index in range(buttons.count()):
        button = buttons.nth(index)
        box = button.bounding_box()
        assert box is not None
        if "speaker" in (button.get_attribute("class") or ""):
            assert box["width"] <= 64 and box["height"] <= 64, f"{page.url}: a speaker is not small"
            name = button.evaluate("e => e.textContent.trim()")
            target = page.locator(f"#{button.get_attribute('aria-controls')}").inner_text().strip()
            assert re.fullmatch(rf".+: {re.escape(target)}", name), f"{page.url}: speaker named {name!r}"
            continue
        block = button.evaluate(
            "e => { const b = e.closest('.question-head, .explanation, .calm, section, form, main');"
            " return b.tagName + '#' + (b.id || b.className); }"
        )
        blocks[block] = blocks.get(block, 0) + 1
    assert all(count == 1 for count in blocks.values()), f"{page.url}: read-aloud controls per block {blocks}"
    if expect_audio:
        assert blocks, f"{page.url}: no read-aloud control"


def assert_client_chrome(page: Page) -> None:
    """No staff link or form anywhere on a client screen; the answers are named by their words only."""
    targets = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map(a => new URL(a.href).pathname)"
        ".concat([...document.querySelectorAll('form[action]')].map(f => new URL(f.action).pathname))"
    )
    staff = [path for path in targets if path.startswith(STAFF_PATHS)]
    assert not staff, f"{page.url}: staff links in client chrome: {staff}"
    answers = page.locator(".answer-button")
    for index in range(answers.count()):
        answer = answers.nth(index)
        words = re.sub(r"\s+", " ", answer.inner_text()).strip()
        alts = answer.evaluate("e => [...e.querySelectorAll('img')].map(i => i.alt)")
        assert all(alt == "" for alt in alts), f"{page.url}: answer {words!r} has pictogram alt {alts}"


def assert_early_in_tab_order(page: Page) -> None:
    wanted = {"break", "stop"} & {
        c.replace("control-bar__", "")
        for c in page.evaluate(
            "() => [...document.querySelectorAll('.control-bar li')].map(li => li.className)"
        )
    }
    reached = set()
    page.locator("body").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate("() => (document.activeElement.closest('.control-bar li') || {}).className || ''")
        )
    missing = {w for w in wanted if f"control-bar__{w}" not in reached}
    assert not missing, f"{page.url}: {missing} not within 10 presses of Tab"


@pytest.mark.parametrize("locale", accessibility.LANGUAGES)
def test_every_client_screen_type_at_tablet_and_phone_size(page: Page, live_server, locale):
    hand_over(page, live_server, locale)
    check_every_screen_type(page, live_server, locale)


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_every_client_screen_type_in_the_full_chromium_browser(full_chromium_page: Page, live_server, locale):
    """The suite's headless shell and the browser users have share Blink, but not every pixel of text."""
    page = full_chromium_page
    assert page.evaluate("typeof window.chrome") == "object", "not the full browser"  # the shell has none
    hand_over(page, live_server, locale)
    check_every_screen_type(page, live_server, locale, screenshots="full-chromium-")
    page.set_viewport_size({"width": 1024, "height": 768})
    for path in screen_paths().values():
        page.goto(f"{live_server.url}{path}")
        check_page(page, client=True)


def check_every_screen_type(page: Page, live_server, locale: str, *, screenshots: str = "") -> None:
    """Each client screen type at tablet and phone size: the bar, the answers, read-aloud, chrome, words."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind, path in screen_paths().items():
        for width, height in accessibility.CLIENT_VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("load")
            page.screenshot(path=str(SCREENSHOTS / f"{screenshots}{locale}-{kind}-{width}x{height}.png"))
            assert_bar_in_view(page, width, height)
            assert_only_answers_look_like_answers(page)
            assert_one_read_aloud_per_block(page, expect_audio=kind in ("question", "several", "welcome"))
            assert_client_chrome(page)
            assert not page.evaluate(SPLIT_WORDS), (
                f"{page.url} at {width}px splits {page.evaluate(SPLIT_WORDS)}"
            )
            if kind in ("question", "several") and width == 320:
                first = page.locator(".answer-button").first.bounding_box()
                assert first is not None and first["y"] + first["height"] <= height, (
                    f"{kind}: first answer hidden"
                )
            if kind in ("question", "several", "welcome", "break"):
                assert_early_in_tab_order(page)
        if kind in ("question", "several", "break", "welcome"):
            assert page.locator(".control-bar .control-bar__stop").count() == 1, f"{kind} has no Stop"


@pytest.mark.parametrize("locale", accessibility.LANGUAGES)
@pytest.mark.parametrize(
    "settings",
    accessibility.display_combinations(),
    ids=lambda s: s.body_classes.replace(" ", "+") or "default",
)
def test_axe_contrast_and_targets_in_every_display_setting(page: Page, live_server, locale, settings):
    public_id = handed_over(page, live_server, locale)
    choose_display(live_server, public_id, settings)
    page.set_viewport_size({"width": 1024, "height": 768})
    for kind, path in screen_paths().items():
        page.goto(f"{live_server.url}{path}")
        classes = set((page.locator("body").get_attribute("class") or "").split())
        assert set(settings.body_classes.split()) <= classes, f"{kind}: {classes}"
        check_page(page, client=True)
        if settings.text_size == 150 and settings.spacing == "wide" and settings.contrast == "high":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{locale}-{kind}-1024x768-largest.png"))
            page.set_viewport_size({"width": 320, "height": 640})
            page.screenshot(path=str(SCREENSHOTS / f"{locale}-{kind}-320x640-largest.png"))
            assert not page.evaluate(SPLIT_WORDS), f"{page.url} splits {page.evaluate(SPLIT_WORDS)}"
            page.set_viewport_size({"width": 1024, "height": 768})
