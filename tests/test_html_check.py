"""The Nu HTML Checker run at the end of the browser tests (tests/browser/html_check.py) finds invalid pages."""

from __future__ import annotations

from tests.browser.html_check import ServedPages, vnu_errors

PAGE = "<!doctype html><html lang='en'><head><title>{title}</title></head><body><main>{body}</main></body></html>"


def test_an_invalid_page_is_reported_with_its_address_and_a_valid_one_is_not(tmp_path):
    served = ServedPages()
    served.add("/valid", PAGE.format(title="Valid", body="<h1 id='a'>A</h1><p>Text.</p>").encode())
    served.add("/twice", PAGE.format(title="Twice", body="<h1 id='a'>A</h1><p id='a'>B</p>").encode())
    served.add("/twice", PAGE.format(title="Twice", body="<h1 id='a'>A</h1><p id='a'>B</p>").encode())
    checked, errors = vnu_errors(served, tmp_path / "report.json")
    assert checked == 2  # the same body twice is checked once
    assert errors and all(error.startswith("/twice ") for error in errors), errors
    assert any("Duplicate ID" in error for error in errors), errors
    assert '"errors": ' in (tmp_path / "report.json").read_text()
