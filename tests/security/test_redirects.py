"""Return targets after login and a language switch never leave the site, however the value is dressed up."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from easyreport.redirects import safe_redirect_target
from tests.conftest import PASSWORD, csrf_token

SITE = "https://site.example/login"

# Pieces a tester strings together: slashes, backslashes, controls, schemes, encodings, hosts.
_PIECES = [
    "/",
    "//",
    "\\",
    "\t",
    "\n",
    "\r",
    "\x00",
    "\x0b",
    "\x0c",
    " ",
    "\u3000",
    "\u2028",
    "\x7f",
    "%09",
    "%0a",
    "%0d",
    "%2f",
    "%2F",
    "%5c",
    "%5C",
    "%252f",
    "%25",
    "%",
    "@",
    ":",
    "?",
    "#",
    ".",
    "..",
    "http:",
    "https:",
    "javascript:",
    "data:",
    "HTTP://",
    "evil.example",
    "//evil.example",
    "/\t/evil.example",
    "\\/evil.example",
    "/%2F/evil.example",
    "/\\evil.example",
    "\uff0f",
    "é",
    "%ff",
    "admin",
]
hostile = st.tuples(
    st.sampled_from(["/", "//", "\\", "/\t", "/\n", "%2f", "http:", ""]),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=8).map("".join),
).map("".join)


def browser_resolves(location: str) -> tuple[str, str]:
    """Resolve a Location value roughly as a WHATWG browser does: trim controls, drop tab/CR/LF, \\ is /."""
    trimmed = location.strip("".join(chr(c) for c in range(0x21)))
    cleaned = trimmed.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    resolved = urlsplit(urljoin(SITE, cleaned))
    return resolved.scheme, resolved.netloc


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example/path",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example",
        "javascript:alert(1)",
        "/%2F/evil.example",
        "/%5Cevil.example",
        "/%09/evil.example",
        "/%252F%252Fevil.example",
        " /x",
        "/x\x00",
    ],
)
def test_known_escapes_are_refused(target):
    assert safe_redirect_target(target) is None


@pytest.mark.parametrize(
    "target", ["/counsellor/", "/briefing/3/sheet?lang=en", "/login?next=/admin/", "/a/../b"]
)
def test_paths_on_the_site_are_kept(target):
    assert safe_redirect_target(target) == target


@settings(max_examples=400)
@given(hostile)
def test_accepted_targets_stay_on_the_site(target):
    accepted = safe_redirect_target(target)
    if accepted is not None:
        assert accepted == target
        assert browser_resolves(accepted) == ("https", "site.example")
        assert all(0x21 <= ord(ch) < 0x7F for ch in accepted)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(target=hostile)
@example(target="/\t/evil.example/path")
@example(target="/\r\n/evil.example")
def test_language_switch_never_leaves_the_site_nor_fails(client, target):
    token = csrf_token(client.get("/login").text)
    response = client.post("/language", data={"locale": "en", "next": target, "csrf_token": token})
    assert response.status_code == 302
    assert browser_resolves(response.location) == ("https", "site.example")


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(target=hostile)
def test_login_never_leaves_the_site_nor_fails(app, make_user, target):
    client = app.test_client()
    user = make_user()
    token = csrf_token(client.get("/login").text)
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": user.username, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert browser_resolves(response.location) == ("https", "site.example")


def test_login_with_tab_in_next_goes_home(client, make_user):
    user = make_user()
    token = csrf_token(client.get("/login").text)
    response = client.post(
        "/login?next=/%09/evil.example/path",
        data={"username": user.username, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.location == "/counsellor/"
