"""A piece drawn once is exactly what its macro draws each time, in each language, for any arguments."""

from __future__ import annotations

from flask_babel import force_locale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from easyreport.content.pictograms import PICTOGRAMS
from easyreport.fragments import drawn_once


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picture=st.sampled_from(PICTOGRAMS),
    class_=st.sampled_from(["pictogram", "control__icon", 'x" onload="y']),
    size=st.integers(min_value=1, max_value=400),
    decorative=st.sampled_from([None, True, False]),
    locales=st.permutations(["nl", "en"]),
)
def test_a_pictogram_drawn_once_is_the_macro_drawn_each_time(app, picture, class_, size, decorative, locales):
    with app.test_request_context():
        macro = app.jinja_env.get_template("macros/pictogram.html").module._pictogram  # type: ignore[attr-defined]
        for locale in [*locales, *locales]:  # each language twice: drawn, then reused
            with force_locale(locale):
                assert drawn_once(macro, picture.id, class_, size, decorative) == macro(
                    picture.id, class_, size, decorative
                )


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
