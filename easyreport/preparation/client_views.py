"""Client mode: one question per screen, answers saved at once, Back/Break/Stop always there, no time limit.

While the session is in client mode, every page except the screens of the client's walk leads to the
locked screen; leaving needs the counsellor's password or the preparation's PIN. A walk is what the
client holds the device for: the questions (these screens), the consent cards, or the client's copy
(briefing/consent_views.py, briefing/client_copy_views.py). Its screens open only for the preparation
the device was handed over for; another preparation's screens show the locked screen too.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from jinja2 import pass_context
from werkzeug.wrappers import Response

from easyreport.accounts import throttle
from easyreport.accounts.web_throttle import policy, source_address
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import CLIENT_IDLE_LOCKED_KEY, CLIENT_MODE_KEY, current_user, public
from easyreport.catalogue_lookup import gettext as _
from easyreport.content import client_screens as screens
from easyreport.content.glossary import GLOSSARY
from easyreport.content.model import Question
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.forms import BaseForm
from easyreport.preparation import display, flow, question_page, service
from easyreport.preparation.errors import InvalidOption, UnknownQuestion
from easyreport.preparation.forms import AnswerForm, UnlockForm
from easyreport.preparation.models import Preparation
from easyreport.timeutil import utcnow

bp = Blueprint("client", __name__, url_prefix="/client")

UNLOCK_FAILURES_KEY = "client_unlock_failures"
# Below the account's limit (LOGIN_MAX_FAILURES, 5 by default), so the counsellor can still use the password
# after the PIN stops working.
MAX_PIN_FAILURES = 3
# Which walk the device is in (CLIENT_MODE_KEY holds the preparation): the questions when not set.
CLIENT_WALK_KEY = "client_walk"
STAFF_LOCALE_KEY = "staff_locale"
QUESTIONS, CONSENT, COPY = "questions", "consent", "copy"
FEEDBACK = "feedback"  # the client's feedback after the interview (easyreport/feedback/client_views.py)
# Reachable in client mode: static files, audio, the language buttons, and the locked and exit screens.
ALLOWED_IN_CLIENT_MODE = frozenset(
    {"static", "pages.set_language", "speech.clip", "speech.timings", "client.locked", "client.unlock"}
    | {"client.quick_exit", "client.display_settings", "client.language"}
)
# The screens of each walk. The consent and copy screens name their preparation in the URL.
WALK_ENDPOINTS: dict[str, frozenset[str]] = {
    QUESTIONS: frozenset({"client.start", "client.question", "client.pause", "client.stop"}),
    CONSENT: frozenset(
        {
            "briefing.consent_intro",
            "briefing.consent_section",
            "briefing.consent_break",
            "briefing.consent_stop",
            "briefing.consent_done",
        }
    ),
    COPY: frozenset({"briefing.client_copy", "briefing.client_copy_page"}),
    FEEDBACK: frozenset(
        {
            "feedback.client_start",
            "feedback.client_question",
            "feedback.client_break",
            "feedback.client_stop",
            "feedback.client_done",
        }
    ),
}
# Where unlocking leads: the counsellor's part that follows the walk, on staff pages.
AFTER_UNLOCK = {
    QUESTIONS: "preparation.overview",
    CONSENT: "briefing.consent_record",
    COPY: "briefing.status",
    FEEDBACK: "feedback.interview",
}


AFTER_UNLOCK_KEY = "client_after_unlock"


def after_unlock(endpoint: str) -> None:
    """Make unlocking lead to another of the counsellor's pages (after a stop: the overview, not the record)."""
    if endpoint in AFTER_UNLOCK.values():
        session[AFTER_UNLOCK_KEY] = endpoint


def start_walk(preparation: Preparation, walk: str) -> None:
    """Put this device in client mode for one preparation and walk, in the client's language."""
    if session.get(CLIENT_MODE_KEY) is None:
        # The counsellor's own language comes back when they unlock.
        session[STAFF_LOCALE_KEY] = session.get("locale") or ""
    session[CLIENT_MODE_KEY] = preparation.public_id
    session[CLIENT_WALK_KEY] = walk
    session.pop(AFTER_UNLOCK_KEY, None)
    session["locale"] = preparation.client_locale
    session.pop(UNLOCK_FAILURES_KEY, None)


def client_walk() -> str | None:
    """Return the walk this device is in, or None outside client mode."""
    if session.get(CLIENT_MODE_KEY) is None:
        return None
    walk = session.get(CLIENT_WALK_KEY, QUESTIONS)
    return walk if walk in WALK_ENDPOINTS else QUESTIONS


def enforce_client_mode() -> Response | None:
    """Send every request outside the client's walk back to the locked screen while in client mode."""
    walk = client_walk()
    if walk is None:
        return None
    endpoint = request.endpoint or ""
    if session.get(CLIENT_IDLE_LOCKED_KEY):
        # Left untouched too long: only the locked screen (and what it needs) until the counsellor unlocks.
        if endpoint in ALLOWED_IN_CLIENT_MODE:
            return None
        return redirect(url_for("client.locked"))
    if endpoint in ALLOWED_IN_CLIENT_MODE:
        return None
    named = (request.view_args or {}).get("public_id", session.get(CLIENT_MODE_KEY))
    if endpoint in WALK_ENDPOINTS[walk] and named == session.get(CLIENT_MODE_KEY):
        return None
    return redirect(url_for("client.locked"))


def hold_for_client(preparation: Preparation) -> None:
    """Note the preparation of this client screen (read-aloud speed and auto-reading come from it)."""
    g.client_preparation = preparation


def _preparation() -> Preparation:
    """The preparation in client mode; without one (or without its counsellor) the client screens are closed."""
    user = current_user()
    public_id = session.get(CLIENT_MODE_KEY)
    if user is None or public_id is None:
        abort(404)
    try:
        preparation = service.owned(db.session, user.id, public_id)
    except service.NotFound:
        session.pop(CLIENT_MODE_KEY, None)
        abort(404)
    hold_for_client(preparation)
    return preparation


def current_client_preparation() -> Preparation | None:
    """Return the preparation of this request's client screen, if one was loaded."""
    preparation: Preparation | None = g.get("client_preparation")
    return preparation


@bp.app_template_global()
@pass_context
def client_display(context: Any) -> display.DisplaySettings:
    """Return the display settings of the client screen being drawn (template global, used by client/base.html).

    The preparation comes from this request's client screen, or from a ``preparation`` the view passed to the
    template (screens outside this blueprint, such as the consent walk); without one, the defaults.
    """
    preparation = current_client_preparation() or context.get("preparation")
    if isinstance(preparation, Preparation):
        return service.display_settings(preparation)
    return display.DEFAULT


def _resume_url(preparation: Preparation) -> str:
    answers = service.answers(db.session, preparation)
    question = flow.next_question(QUESTIONNAIRE, answers)
    if question is None:
        return url_for("client.locked", done=1)
    return url_for("client.question", question_id=question.id)


@bp.route("/")
@public
def start() -> Response | str:
    """The welcome screen before the first answer; afterwards, the place to resume."""
    preparation = _preparation()
    if service.answers(db.session, preparation):
        return redirect(_resume_url(preparation))
    first = QUESTIONNAIRE.questions[0]
    return render_template("client/welcome.html", screens=screens, first=first, preparation=preparation)


@bp.route("/questions/<question_id>", methods=["GET", "POST"])
@public
def question(question_id: str) -> Response | str:
    """Show one question; save the answer the moment it is given and go to the next one."""
    preparation = _preparation()
    stored = service.stored_answers(db.session, preparation)
    # Checked against the questionnaire once: the resume point and the progress strip read the same answers.
    answers = flow.known_answers(QUESTIONNAIRE, {qid: answer.option_ids for qid, answer in stored.items()})
    try:
        current = flow.get_question(QUESTIONNAIRE, question_id[:64])
    except UnknownQuestion:
        return redirect(_resume_url(preparation))
    # Only answered questions and the next open one can be opened: skipping ahead by URL goes to the resume point.
    resume = flow.next_question(QUESTIONNAIRE, answers)
    if current.id not in answers and resume is not None and current.id != resume.id:
        return redirect(url_for("client.question", question_id=resume.id))

    error = None
    keep: list[str] = []
    if request.method == "POST":
        form = AnswerForm()  # only a POST has data to read: a GET draws the blank one below
        if form.validate_on_submit():
            chosen = request.form.getlist("option")[:20]
            try:
                service.record_answer(
                    db.session,
                    preparation,
                    QUESTIONNAIRE,
                    current.id,
                    chosen,
                    entered_by="client",
                    now=utcnow(),
                    expected_version=form.version.data,
                    seconds_taken=_seconds_since(form.shown_at.data),
                )
            except InvalidOption:
                db.session.rollback()
                error = _answer_error(current, chosen)
                keep = chosen
            except service.StaleAnswer:
                db.session.rollback()
                error = _("This answer was changed a moment ago. Please look at it again.")
                stored = service.stored_answers(db.session, preparation)
                answers = flow.known_answers(
                    QUESTIONNAIRE, {qid: answer.option_ids for qid, answer in stored.items()}
                )
            else:
                db.session.commit()
                following = flow.next_question(
                    QUESTIONNAIRE, service.answers(db.session, preparation), after=current.id
                )
                if following is None:
                    return redirect(_resume_url(preparation))
                return redirect(url_for("client.question", question_id=following.id))
        else:
            error = _("Please choose an answer.")
    # After an error the ticks the client gave stay on screen, so nothing they chose is lost.
    return _render_question(preparation, current, stored, answers, error, keep)


def _answer_error(question: Question, chosen: list[str]) -> str:
    """Say in the client's words why a choice cannot be saved."""
    if not chosen:
        return _("Please choose an answer.")
    fixed = [option for option in question.options if option.is_fixed and option.id in chosen]
    if fixed and len(chosen) > 1:
        return _(
            'Choose "%(answer)s" on its own, or other answers. Please choose again.', answer=_(fixed[0].text)
        )
    return _("This answer is not possible. Please choose again.")


def _render_question(
    preparation: Preparation,
    current: Question,
    stored: dict[str, service.StoredAnswer],
    answers: flow.Answers,
    error: str | None,
    submitted: list[str] | None = None,
) -> str:
    mine = stored.get(current.id)
    explain = request.args.get("explain") == "1"
    status = 200 if error is None else 400
    context = {
        "preparation": preparation,
        "question": current,
        "module": QUESTIONNAIRE.module(current.module_id),
        "position": flow.position(QUESTIONNAIRE, current.id),
        # A tuple, so the strip is drawn once per progress (templates/client/_progress.html).
        "progress": tuple(flow.progress(QUESTIONNAIRE, answers)),
        "modules": QUESTIONNAIRE.modules,
        "previous": flow.previous_question(QUESTIONNAIRE, current.id),
        "explain": explain,
        "glossary": _glossary_for(current) if explain else (),
        "screens": screens,
    }
    page = question_page.render(
        preparation,
        context,
        chosen=_kept(current, submitted) or (mine.option_ids if mine else ()),
        version=mine.version if mine else 0,
        shown_at=f"{time.time():.3f}",
        error=error,
    )
    return page, status  # type: ignore[return-value]


def _kept(question: Question, submitted: list[str] | None) -> tuple[str, ...]:
    """The submitted option ids that belong to the question (anything else a request sent is dropped)."""
    known = {option.id for option in question.options}
    return tuple(option_id for option_id in (submitted or ()) if option_id in known)


def _glossary_for(question: Question) -> list[object]:
    """Glossary words that appear in the question as the client sees it."""
    shown = " ".join(_(text) for text in question.texts()).lower()
    return [entry for entry in GLOSSARY if _(entry.term).lower() in shown]


def _seconds_since(shown_at: str | None) -> float | None:
    """Seconds between showing a question and the answer; only a hint for the counsellor, so bad input is None."""
    try:
        seconds = time.time() - float(shown_at or "")
    except ValueError:
        return None
    return round(seconds, 2) if 0 <= seconds < 86_400 else None


@bp.route("/break")
@public
def pause() -> str:
    """A calm break screen; Go on returns to the question the client was on."""
    preparation = _preparation()
    back_to = request.args.get("at", "")[:64]
    target = (
        url_for("client.question", question_id=back_to)
        if QUESTIONNAIRE.find(back_to)
        else _resume_url(preparation)
    )
    stop_url = url_for("client.stop", at=back_to) if QUESTIONNAIRE.find(back_to) else url_for("client.stop")
    return render_template("client/pause.html", screens=screens, go_on=target, stop_url=stop_url)


@bp.route("/stop", methods=["GET", "POST"])
@public
def stop() -> Response | str:
    """Ask once whether the client wants to stop; answers are already saved."""
    preparation = _preparation()
    form = AnswerForm()
    if request.method == "POST" and form.validate_on_submit():
        return redirect(url_for("client.locked", stopped=1))
    back_to = request.args.get("at", "")[:64]
    go_on = (
        url_for("client.question", question_id=back_to)
        if QUESTIONNAIRE.find(back_to)
        else _resume_url(preparation)
    )
    return render_template("client/stop.html", screens=screens, go_on=go_on, form=form)


@bp.route("/locked", methods=["GET"])
@public
def locked() -> Response | str:
    """Hand the screen back: thanks, and the counsellor's unlock form."""
    if session.get(CLIENT_MODE_KEY) is None:
        return redirect(url_for("pages.index"))
    _preparation()
    return _render_locked(UnlockForm(), None)


def _render_locked(form: UnlockForm, error: str | None) -> str:
    state = "done" if request.args.get("done") else "stopped" if request.args.get("stopped") else ""
    return render_template("client/locked.html", screens=screens, form=form, error=error, state=state)


@bp.route("/unlock", methods=["POST"])
@public
def unlock() -> Response | str:
    """Leave client mode with the counsellor's password, or the PIN while it has not been guessed at too often.

    Every wrong try counts against the counsellor's account like a failed login and is audited; at the
    account's limit the session ends, so the counsellor must log in again (the answers are saved already).
    """
    preparation = _preparation()
    user = current_user()
    assert user is not None
    form = UnlockForm()
    if form.validate_on_submit():
        now, limits, address = utcnow(), policy(), source_address()
        try:
            throttle.check(db.session, user.username, address, now, limits)
        except throttle.Throttled:
            return _end_after_too_many_tries(user.id, user.role)
        failures = int(session.get(UNLOCK_FAILURES_KEY, 0))
        secret = form.secret.data or ""
        # A PIN is short: after a few wrong tries only the password opens the screen.
        if service.check_unlock(
            preparation, secret, user.password_hash, allow_pin=failures < MAX_PIN_FAILURES
        ):
            chosen = session.pop(AFTER_UNLOCK_KEY, None)
            after = chosen if chosen in AFTER_UNLOCK.values() else AFTER_UNLOCK[client_walk() or QUESTIONS]
            session.pop(CLIENT_MODE_KEY, None)
            session.pop(CLIENT_WALK_KEY, None)
            session.pop(UNLOCK_FAILURES_KEY, None)
            session.pop(CLIENT_IDLE_LOCKED_KEY, None)
            if STAFF_LOCALE_KEY in session:
                staff_locale = session.pop(STAFF_LOCALE_KEY)
                if staff_locale:
                    session["locale"] = staff_locale
                else:
                    session.pop("locale", None)
            return redirect(url_for(after, public_id=preparation.public_id))
        session[UNLOCK_FAILURES_KEY] = failures + 1
        throttle.record(db.session, user.username, address, now, succeeded=False, kind="unlock")
        audit(Action.LOGIN_FAILED, reason="unlock")
        db.session.commit()
        if throttle.over_limit(db.session, user.username, now, limits):
            return _end_after_too_many_tries(user.id, user.role)
    error = _("That is not right. Ask the counsellor to try again.")
    return _render_locked(form, error), 400  # type: ignore[return-value]


def _end_after_too_many_tries(user_id: int, role: str) -> Response:
    """End the device's session: only a fresh login by the counsellor opens the app again."""
    audit(Action.LOGOUT, actor_id=user_id, actor_role=role, reason="unlock_limit")
    db.session.commit()
    locale = session.get("locale")
    session.end()  # type: ignore[attr-defined]
    if locale:
        session["locale"] = locale
    flash(_("Too many wrong tries on the locked screen. The counsellor must log in again."), "error")
    return redirect(url_for("accounts.login"))


@bp.route("/closed")
@public
def quick_exit() -> str:
    """A neutral page that shows nothing about the app, for when someone walks in."""
    return render_template("client/neutral.html")


def _back_to(value: str | None) -> str:
    """A client screen to return to after the display settings: only this app's own client paths."""
    value = (value or "")[:300]
    # The consent walk and the client's copy are client screens too (under /briefing/); the lock still applies.
    if value.startswith(("/client/", "/briefing/")) and "//" not in value and "\\" not in value:
        return value
    return url_for("client.start")


@bp.route("/display", methods=["GET", "POST"])
@public
def display_settings() -> Response | str:
    """Let the client choose the text size, line spacing and contrast; back to the screen they came from."""
    preparation = _preparation()
    back = _back_to(request.values.get("next"))
    error = None
    current = service.display_settings(preparation)
    if request.method == "POST":
        form = BaseForm()
        try:
            if not form.validate_on_submit():
                raise display.InvalidDisplaySetting("csrf", None)
            chosen = display.parse(
                request.form.get("text_size"), request.form.get("spacing"), request.form.get("contrast")
            )
        except display.InvalidDisplaySetting:
            error = _("Choose one of the options on the screen. Nothing was changed.")
        else:
            service.set_display(db.session, preparation, chosen)
            db.session.commit()
            return redirect(back)
    page = render_template(
        "client/display.html", screens=screens, settings=current, back=back, error=error, display=display
    )
    return (page, 400) if error else page  # type: ignore[return-value]
