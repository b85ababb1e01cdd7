"""Draw a pure macro once per arguments and language, then reuse what it drew (template global ``drawn_once``).

Client screens repeat the same pieces on every request — pictograms, the control bar — each a handful of
translations and URL lookups. A macro whose output depends only on its arguments, the page's language and
the app's root can be drawn once: ``{{ drawn_once(_pictogram, pictogram_id, size) }}``. Only for macros that
read nothing else (no request data, no ``g``, nothing from the caller's context that changes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from markupsafe import Markup

EXTENSION_KEY = "easyreport.fragments"
MAX_FRAGMENTS = 50_000  # the app's pieces times its languages: far fewer; a bound all the same


def drawn_once(macro: Callable[..., Markup], *args: Any, **kwargs: Any) -> Markup:
    """Return what the macro draws for these arguments in this language, drawing it only the first time."""
    fragments: dict[tuple[Any, ...], Markup] = current_app.extensions[EXTENSION_KEY]
    root = request.script_root if has_request_context() else ""
    key = (getattr(macro, "name", None), args, tuple(sorted(kwargs.items())), str(get_locale()), root)
    try:
        drawn = fragments.get(key)
    except TypeError:  # an argument that cannot be a key: draw it every time
        return macro(*args, **kwargs)
    if drawn is None:
        drawn = macro(*args, **kwargs)
        if len(fragments) < MAX_FRAGMENTS:
            fragments[key] = drawn
    return drawn


def init_fragments(app: Flask) -> None:
    """Give the app its own store of drawn pieces and the template global."""
    app.extensions[EXTENSION_KEY] = {}
    app.jinja_env.globals["drawn_once"] = drawn_once
