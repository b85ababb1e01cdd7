"""A piece drawn once is exactly what its macro draws each time, in each language, for any arguments."""

from __future__ import annotations

from flask_babel import force_locale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from easyreport.content.pictograms import PICTOGRAMS
from easyreport.fragments import EXTENSION_KEY


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picture=st.sampled_from(PICTOGRAMS),
    class_=st.sampled_from(["pictogram", "control__icon", 'x" onload="y']),
    size=st.integers(min_value=1, max_value=400),
    decorative=st.sampled_from([None, True, False]),
    locales=st.permutations(["nl", "en"]),
)
def test_a_pictogram_drawn_once_is_the_macro_drawn_each_time(app, picture, class_, size, decorative, locales):
    store = app.extensions[EXTENSION_KEY]
    with app.test_request_context():
        pictogram = app.jinja_env.get_template("macros/pictogram.html").module.pictogram  # type: ignore[attr-defined]
        reused = {}
        for locale in locales:  # drawn in each language in turn, kept
            with force_locale(locale):
                reused[locale] = pictogram(picture.id, class_, size, decorative)
        for locale in locales:
            with force_locale(locale):
                assert pictogram(picture.id, class_, size, decorative) == reused[locale]  # from the store
                store.clear()
                assert pictogram(picture.id, class_, size, decorative) == reused[locale]  # drawn anew


def test_control_bars_with_other_links_are_drawn_apart(app):
    with app.test_request_context():
        module = app.jinja_env.get_template("client/_control_bar.html").make_module({"screens": _screens()})
        one = module.control_bar(back_url="/client/questions/a", stop_url="/client/stop")
        other = module.control_bar(back_url="/client/questions/b", stop_url="/client/stop")
        assert 'href="/client/questions/a"' in one and 'href="/client/questions/b"' in other
        with force_locale("en"):
            english = module.control_bar(back_url="/client/questions/a", stop_url="/client/stop")
        assert english != one


def _screens():
    from easyreport.content import client_screens

    return client_screens
