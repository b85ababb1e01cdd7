"""static/js/read-aloud.js in real Chromium, playing clips made by the real engine.

A plain HTTP server on 127.0.0.1 serves a test page, the script and the clips; no Flask needed.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from easyreport.paths import STATIC_DIR

pytestmark = pytest.mark.browser

LONG = "Je mag altijd stoppen. Zeg het als je een pauze wilt."
SHORT = "Dank je."

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Voorlezen</title>
<script src="/read-aloud.js" defer></script></head>
<body data-speed="{speed}">
<p id="long">Je mag <strong>altijd</strong> stoppen. Zeg het als je een pauze wilt.</p>
<button type="button" id="play-long" hidden data-read-aloud aria-controls="long" aria-pressed="false"
  data-audio-src="/a/{long}.mp3" data-timings-src="/a/{long}.json"
  data-audio-src-slow="/a/{long_slow}.mp3" data-timings-src-slow="/a/{long_slow}.json">Lees voor</button>
<p id="short">Dank je.</p>
<button type="button" id="play-short" hidden data-read-aloud aria-controls="short" aria-pressed="false"
  data-audio-src="/a/{short}.mp3" data-timings-src="/a/{short}.json">Lees voor</button>
<button type="button" id="broken" hidden data-read-aloud aria-controls="short"
  data-audio-src="/a/missing.mp3" data-timings-src="/a/missing.json"
  data-error-target="broken-message">Lees voor</button>
<p id="broken-message" hidden>Geluid werkt nu niet.</p>
<button type="button" id="foreign" hidden data-read-aloud aria-controls="short"
  data-audio-src="https://example.org/x.mp3" data-timings-src="https://example.org/x.json">Lees voor</button>
</body></html>
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(service, tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    shutil.copyfile(STATIC_DIR / "js" / "read-aloud.js", root / "read-aloud.js")
    (root / "a").mkdir()
    keys = {}
    for name, text, speed in (
        ("long", LONG, "normal"),
        ("long_slow", LONG, "slow"),
        ("short", SHORT, "normal"),
    ):
        clip = service.clip(text, "nl", speed)
        shutil.copyfile(clip.mp3_path, root / "a" / f"{clip.key}.mp3")
        shutil.copyfile(clip.timings_path, root / "a" / f"{clip.key}.json")
        keys[name] = clip.key
    for speed in ("normal", "slow"):
        (root / f"{speed}.html").write_text(PAGE.format(speed=speed, **keys), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def browser_page_factory(browser: Browser) -> Iterator[Callable[[], Page]]:
    """New pages in pytest-playwright's session browser (one Playwright per test session)."""
    contexts: list[BrowserContext] = []

    def new_page() -> Page:
        context = browser.new_context()
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def highlighted(page: Page) -> list[str]:
    return page.eval_on_selector_all(".is-speaking-word", "spans => spans.map(s => s.textContent)")


def test_button_plays_highlights_each_word_and_keeps_focus(site, browser_page_factory):
    page = browser_page_factory()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site}/normal.html")
    button = page.locator("#play-long")
    text_before = page.text_content("#long")

    assert button.is_visible()
    # Record every highlight change inside the page, so a busy test machine cannot miss a word.
    page.evaluate(
        """() => {
        window.spoken = []; window.mostAtOnce = 0;
        const target = document.getElementById('long');
        new MutationObserver(() => {
            const lit = target.querySelectorAll('.is-speaking-word');
            window.mostAtOnce = Math.max(window.mostAtOnce, lit.length);
            const word = lit.length ? lit[0].textContent : null;
            if (word && window.spoken[window.spoken.length - 1] !== word) window.spoken.push(word);
        }).observe(target, {subtree: true, attributes: true, attributeFilter: ['class']});
    }"""
    )
    button.focus()
    page.keyboard.press("Enter")

    assert button.get_attribute("aria-pressed") == "true"
    page.wait_for_function("window.spoken.length >= 6", timeout=10_000)
    spoken = page.evaluate("window.spoken")
    # In speaking order; a starved renderer may skip a frame, and so a short word, but never reorders.
    words = iter(LONG.replace(".", "").split())
    assert all(word in words for word in spoken), spoken
    assert page.evaluate("window.mostAtOnce") == 1
    assert page.text_content("#long") == text_before
    assert page.evaluate("document.activeElement.id") == "play-long"
    assert page.locator("[style]").count() == 0
    assert all(url.startswith(site) for url in requests)
    assert any("/a/" in url and url.endswith(".json") for url in requests)

    page.keyboard.press("Enter")  # a second press stops

    assert button.get_attribute("aria-pressed") == "false"
    assert highlighted(page) == []
    page.wait_for_timeout(300)
    assert highlighted(page) == []


def test_clip_end_resets_the_button_and_words_are_wrapped_once(site, browser_page_factory):
    page = browser_page_factory()
    page.goto(f"{site}/normal.html")
    button = page.locator("#play-short")

    for _ in range(2):
        button.click()
        page.wait_for_function(
            "document.getElementById('play-short').getAttribute('aria-pressed') === 'false'", timeout=5000
        )

    assert page.eval_on_selector("#short", "p => p.querySelectorAll('span').length") == 2
    assert page.text_content("#short") == SHORT
    assert highlighted(page) == []


def test_only_one_clip_plays_at_a_time(site, browser_page_factory):
    page = browser_page_factory()
    page.goto(f"{site}/normal.html")

    page.click("#play-long")
    page.wait_for_timeout(300)
    page.click("#play-short")

    assert page.get_attribute("#play-long", "aria-pressed") == "false"
    assert page.get_attribute("#play-short", "aria-pressed") == "true"
    assert page.eval_on_selector("#long", "p => p.querySelectorAll('.is-speaking-word').length") == 0


def test_slow_setting_uses_the_slow_clip(site, browser_page_factory):
    page = browser_page_factory()
    media: list[str] = []
    page.on("request", lambda request: media.append(request.url))
    page.goto(f"{site}/slow.html")
    slow_src = page.get_attribute("#play-long", "data-audio-src-slow")
    normal_src = page.get_attribute("#play-long", "data-audio-src")

    page.click("#play-long")
    page.wait_for_timeout(500)

    assert any(url.endswith(slow_src) for url in media)
    assert not any(url.endswith(normal_src) for url in media)


def test_failed_audio_shows_the_message_and_foreign_urls_are_ignored(site, browser_page_factory):
    page = browser_page_factory()
    page.goto(f"{site}/normal.html")

    assert not page.locator("#foreign").is_visible()
    page.click("#broken")
    page.wait_for_selector("#broken-message", state="visible", timeout=5000)

    assert page.get_attribute("#broken", "aria-pressed") == "false"
