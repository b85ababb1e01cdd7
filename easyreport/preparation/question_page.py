"""Draw the client's question screen: from a kept shell where one fits (question_shell.py), else in full."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from flask import current_app, g, render_template, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from easyreport.preparation import service
from easyreport.preparation.models import Preparation
from easyreport.preparation.question_shell import CSRF, SHOWN_AT, VERSION, Chosen, ChosenMarks, Shell, Shells
from easyreport.speech.web import read_aloud_auto, speech_speed, speech_web

TEMPLATE = "client/question.html"
EXTENSION_KEY = "easyreport.question_shells"


def render(
    preparation: Preparation,
    context: dict[str, Any],
    *,
    chosen: tuple[str, ...],
    version: int,
    shown_at: str,
    error: str | None,
) -> str:
    """The screen for this request; ``context`` holds what the template needs besides the four filled places."""
    key = _shell_key(preparation, context) if error is None else None
    if key is None:
        return render_template(
            TEMPLATE, **context, error=error, chosen=Chosen(chosen), version=version, shown_at=shown_at
        )
    shells: Shells = current_app.extensions.setdefault(EXTENSION_KEY, Shells())
    shell = shells.get(key)
    if shell is None:
        page = render_template(
            TEMPLATE,
            **context,
            error=None,
            chosen=ChosenMarks(),
            version=VERSION,
            shown_at=SHOWN_AT,
            csrf_token=lambda: CSRF,
        )
        shell = Shell.cut(page)
        # Audio that failed just now shows "not available" on this one page only: such a page is not kept.
        if not g.get("read_aloud_unavailable_shown") or speech_web().switched_off:
            shells.put(key, shell)
    return shell.fill(csrf=str(escape(generate_csrf())), version=version, shown_at=shown_at, chosen=chosen)


def _shell_key(preparation: Preparation, context: dict[str, Any]) -> Hashable | None:
    """What the page depends on besides the filled places; None where it must be drawn in full."""
    if session.get("_flashes"):  # a message shown once, on this page only
        return None
    state = speech_web()
    if not state.switched_off and state.service is None:
        return None  # reading aloud is down for now: draw each time until it is back
    # The address holds "I don't understand" (explain=1); the question fixes its place in the questionnaire.
    return (
        context["question"].id,
        str(get_locale()),
        request.full_path,
        request.script_root,
        service.display_settings(preparation).body_classes,
        speech_speed(),
        read_aloud_auto(),
        context["progress"],
    )
