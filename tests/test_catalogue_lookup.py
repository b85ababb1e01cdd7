"""easyreport.catalogue_lookup gives Flask-Babel's own texts, for every catalogue entry and every change of language."""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path

import flask_babel
import jinja2
import pytest
from babel.messages.pofile import read_po
from flask import Flask, render_template_string, session
from hypothesis import given, settings
from hypothesis import strategies as st

from easyreport import catalogue_lookup
from easyreport.paths import TRANSLATIONS_DIR
from tests.conftest import make_test_app

LOCALES = sorted(path.parent.parent.name for path in TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))
# A few entries that every catalogue translates, to see a change of language in each step below.
PROBES = ("Stop", "Back", "Log out")


def _entries(locale: str) -> list[tuple[str | None, str | tuple[str, ...]]]:
    with Path(TRANSLATIONS_DIR, locale, "LC_MESSAGES", "messages.po").open("rb") as f:
        catalog = read_po(f)
    return [(message.context, message.id) for message in catalog if message.id]


def test_the_locales_are_found():
    assert {"nl", "en", "ar"} <= set(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_of_every_catalogue_reads_as_flask_babel_gives_it(app: Flask, locale: str):
    """Python code's gettext (templates' plural and context forms: the next test)."""
    entries = [msgid for context, msgid in _entries(locale) if context is None and isinstance(msgid, str)]
    assert len(entries) > 100
    translated = 0
    with app.test_request_context(), flask_babel.force_locale(locale):
        for msgid in entries:
            ours = catalogue_lookup.gettext(msgid)
            assert ours == flask_babel.gettext(msgid), (locale, msgid)
            translated += ours != msgid
    # Not vacuous: the catalogue was really used (English texts are mostly written as they read).
    assert translated > (0 if locale == "en" else len(entries) // 3), (locale, translated, len(entries))


def _reference(autoescape: bool) -> jinja2.Environment:
    """Templates as Flask-Babel sets them up: Jinja's new-style gettext around Flask-Babel's lookups."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: flask_babel.get_translations().ugettext(s),
        ngettext=lambda s, p, n: flask_babel.get_translations().ungettext(s, p, n),
        pgettext=lambda c, s: flask_babel.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: flask_babel.get_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    return env


# Each way a template asks for a text; m is the msgid (or its two forms), v the values of its placeholders.
TEMPLATE_CALLS = {
    "single": "{{ _(m, **v) }}|{{ gettext(m, **v) }}",
    "context": "{{ pgettext('button', m, **v) }}",
    "plural": "{% for n in (0, 1, 2, 7) %}{{ ngettext(m[0], m[1], n, **v) }};{% endfor %}",
    "context plural": "{{ npgettext('button', m[0], m[1], 3, **v) }}",
}
# Blocks and calls the catalogues hold no entry for (no plurals yet): the text as written, formatted alike.
TRANS_BLOCKS = (
    "{% trans %}Stop{% endtrans %}",
    "{% trans code=c %}Client {{ code }}{% endtrans %}",
    "{% trans count=n %}{{ count }} day{% pluralize %}{{ count }} days{% endtrans %}",
    "{{ ngettext('%(num)s day', '%(num)s days', n) }}",
    "{{ npgettext('time', '%(num)s day of %(code)s', '%(num)s days of %(code)s', n, code=c) }}",
    "{{ pgettext('time', '%(context)s: 100%%') }}",
)


@pytest.mark.parametrize("locale", LOCALES)
def test_templates_give_every_entry_as_jinja_and_flask_babel_would(app: Flask, locale: str):
    """Also with values that need escaping, with escaping on and off, and in {% trans %} blocks."""
    with app.test_request_context(), flask_babel.force_locale(locale):
        for autoescape in (True, False):
            ours = app.jinja_env.overlay(autoescape=autoescape)
            theirs = _reference(autoescape)
            compiled = {
                name: (ours.from_string(source), theirs.from_string(source))
                for name, source in TEMPLATE_CALLS.items()
            }
            for _context, msgid in _entries(locale):
                text = " ".join(msgid) if isinstance(msgid, tuple) else msgid
                values = {
                    name: 3 if kind == "d" else "<b>&"
                    for name, kind in re.findall(r"%\((\w+)\)(\w)", text)
                    if name != "num"
                }
                kinds = ("plural", "context plural") if isinstance(msgid, tuple) else ("single", "context")
                for kind in kinds:
                    mine, reference = compiled[kind]
                    assert mine.render(m=msgid, v=values) == reference.render(m=msgid, v=values), (
                        locale,
                        autoescape,
                        kind,
                        msgid,
                    )
            for source in TRANS_BLOCKS:
                for n in (1, 2):
                    page = {"c": "<i>", "n": n}
                    mine = ours.from_string(source).render(page)
                    assert mine == theirs.from_string(source).render(page), source
                    assert "day" not in source or f"{n} day" in mine, mine


def test_formatting_is_flask_babels(app: Flask):
    with app.test_request_context():
        assert catalogue_lookup.gettext("%(a)s and %(b)s", a="x", b="y") == "x and y"
        assert catalogue_lookup.gettext("100%") == flask_babel.gettext("100%")  # no variables: no formatting


def test_outside_an_application_the_text_stays_as_written():
    assert catalogue_lookup.gettext("Stop") == "Stop"


# One step of a request's life: a language forced for a while (nested), or the session's language changed.
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("force"), st.sampled_from(LOCALES)),
        st.tuples(st.just("leave"), st.none()),
        st.tuples(st.just("session"), st.sampled_from(("nl", "en"))),
    ),
    max_size=12,
)


@pytest.fixture(scope="module")
def one_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """One app for every example (hypothesis cannot take a function-scoped fixture)."""
    return make_test_app(tmp_path_factory.mktemp("catalogue"))


@settings(max_examples=60, deadline=None)
@given(steps=STEPS)
def test_after_any_change_of_language_the_texts_follow(one_app: Flask, steps):
    with one_app.test_request_context(), ExitStack() as stack:
        forced: list[ExitStack] = []
        for kind, value in steps:
            if kind == "force":
                inner = ExitStack()
                inner.enter_context(flask_babel.force_locale(value))
                forced.append(inner)
            elif kind == "leave" and forced:
                forced.pop().close()
            elif kind == "session":
                session["locale"] = value
                flask_babel.refresh()
            for probe in PROBES:
                assert catalogue_lookup.gettext(probe) == flask_babel.gettext(probe), (steps, probe)
            rendered = render_template_string("{{ _('Stop') }}|{{ gettext('Back') }}")
            assert rendered == f"{flask_babel.gettext('Stop')}|{flask_babel.gettext('Back')}", steps
        for inner in reversed(forced):
            stack.push(inner)


def test_a_page_looks_its_catalogue_up_once_per_language(app: Flask, monkeypatch: pytest.MonkeyPatch):
    lookups: list[str] = []
    real = catalogue_lookup.get_translations

    def counted() -> object:
        lookups.append(str(flask_babel.get_locale()))
        return real()

    monkeypatch.setattr(catalogue_lookup, "get_translations", counted)
    many = "".join("{{ _('Stop') }}" for _ in range(50))
    with app.test_request_context():
        render_template_string(many)
        catalogue_lookup.gettext("Back")
        with flask_babel.force_locale("en"):
            english = render_template_string(many)
        render_template_string(many)
    assert english == "Stop" * 50
    assert lookups == ["nl", "en", "nl"]
