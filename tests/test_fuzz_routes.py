"""Every route and form under hostile input answers without a server error, for every role and anonymously."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Rule

import easyreport
from easyreport.accounts import service
from easyreport.extensions import db
from easyreport.forms import BaseForm
from easyreport.roles import Role
from tests.briefing.factory import ready_sheet
from tests.conftest import PASSWORD, csrf_token, login, make_test_app

# Values that broke things before, or that break things in general: format strings, huge and negative
# numbers (SQLite overflows past 2**63, PostgreSQL integer past 2**31-1), NUL, controls, markup, long text.
HOSTILE = [
    "%s%n%x%(x)s%%",
    "{{ 7*7 }}{% raw %}",
    "2147483648",
    "9223372036854775808",
    "9" * 40,
    "-1",
    "0",
    "1e9",
    "\x00",
    "a\r\nb",
    "\t",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "x" * 5000,
    "é😀\u202e",
    "",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))


def _form_field_names() -> list[str]:
    """Every field name of every form in the app (imports all modules so each form class exists)."""
    for module in pkgutil.walk_packages(easyreport.__path__, "easyreport."):
        importlib.import_module(module.name)
    names: set[str] = {"option", "locale", "next", "username", "password", "pin"}
    stack = list(BaseForm.__subclasses__())
    while stack:
        form = stack.pop()
        stack.extend(form.__subclasses__())
        names.update(name for name, value in vars(form).items() if hasattr(value, "field_class"))
    names.discard("csrf_token")
    return sorted(names)


FIELD_NAMES = _form_field_names()


def _page_field_names(client, path: str) -> list[str]:
    """The field names of the forms on the page itself, so the fuzz fills the fields the view reads."""
    page = client.get(path)
    if page.status_code != 200 or not page.mimetype.startswith("text/html"):
        return []
    return sorted(
        set(re.findall(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"', page.text)) - {"csrf_token"}
    )


def _fill(rule: Rule, values: dict[str, str]) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: quote(values[m.group(1)], safe=""), rule.rule)


class Site:
    """One app with a real preparation, an account per role and a logged-in test client per role."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.users: dict[str, int] = {}
        with app.app_context():
            for role in Role:
                user = service.create_account(db.session, role.value, role, PASSWORD, min_length=1)
                self.users[role.value] = user.id
            db.session.commit()
        self.public_id = ready_sheet(app, self.users["counsellor"])
        self.rules = [
            rule
            for rule in app.url_map.iter_rules()
            if rule.endpoint not in ("static", "accounts.logout") and not rule.endpoint.startswith("speech.")
        ]

    def client(self, role: str | None):
        client = self.app.test_client()
        if role is not None:
            assert login(client, role).status_code == 302
        return client


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    app = make_test_app(Path(tmp_path_factory.mktemp("fuzz")))
    yield Site(app)
    with app.app_context():
        db.engine.dispose()


def _argument(site: Site) -> st.SearchStrategy[str]:
    known = [site.public_id, *(str(i) for i in site.users.values())]
    return st.one_of(st.sampled_from(known), text, st.integers(-(2**70), 2**70).map(str))


@pytest.mark.parametrize("role", [None, "counsellor", "officer", "admin"])
def test_no_route_answers_with_a_server_error(site, role):
    client = site.client(role)
    token = csrf_token(client.get("/login", follow_redirects=True).text)

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def probe(data: st.DataObject) -> None:
        rule = data.draw(st.sampled_from(site.rules))
        values = {name: data.draw(_argument(site)) for name in rule.arguments}
        path = _fill(rule, values)
        query = data.draw(
            st.dictionaries(
                st.sampled_from(["next", "page", "action", "at", "explain", "lang"]), text, max_size=3
            )
        )
        methods = sorted(rule.methods & {"GET", "POST"})
        method = data.draw(st.sampled_from(methods))
        if method == "GET":
            response = client.get(path, query_string=query)
        else:
            names = _page_field_names(client, path) if "GET" in rule.methods else []
            form = data.draw(st.dictionaries(st.sampled_from(names or FIELD_NAMES), text, max_size=6))
            form["csrf_token"] = token
            response = client.post(path, query_string=query, data=form)
        assert response.status_code < 500, (method, path, response.status_code)
        # A page that showed hostile text once must keep working afterwards (stored text is re-rendered).
        if method == "POST" and response.status_code in (302, 303) and response.location.startswith("/"):
            follow = client.get(response.location)
            assert follow.status_code < 500, ("GET", response.location, follow.status_code)

    probe()


def test_a_unit_named_like_a_format_string_keeps_the_units_page_working(client, logged_in):
    logged_in(Role.ADMIN)
    token = csrf_token(client.get("/admin/units").text)
    response = client.post("/admin/units", data={"name": "%s%n%(x)s", "csrf_token": token})
    assert response.status_code == 302
    page = client.get("/admin/units")
    assert page.status_code == 200
    assert "%s%n%(x)s" in page.text


@pytest.mark.parametrize("huge", ["2147483648", "9223372036854775808", "9" * 5000])
def test_huge_account_ids_are_not_found(client, logged_in, huge):
    logged_in(Role.ADMIN)
    assert client.get(f"/admin/accounts/{huge}/password").status_code == 404
    token = csrf_token(client.get("/admin/units").text)
    assert client.post(f"/admin/officers/{huge}/unit", data={"csrf_token": token}).status_code == 404
