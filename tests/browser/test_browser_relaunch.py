"""A Chromium that crashes takes down one test at most: the next test gets a browser launched anew."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error

from tests.conftest import connected_browser

pytestmark = pytest.mark.browser


def test_a_crashed_browser_is_launched_again_for_the_next_test(launch_browser):
    holder: dict = {}
    first = connected_browser(holder, launch_browser)
    assert connected_browser(holder, launch_browser) is first  # kept while it lives
    session = first.new_browser_cdp_session()
    with pytest.raises(Error):
        session.send("Browser.crash")  # the browser process dies, as it can on a busy machine
    assert not first.is_connected()
    second = connected_browser(holder, launch_browser)
    try:
        assert second is not first and second.is_connected()
        page = second.new_page()
        page.set_content("<p>alive</p>")
        assert page.text_content("p") == "alive"
    finally:
        second.close()
