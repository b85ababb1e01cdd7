"""The question screen from a kept shell is the very page the template draws in full, for generated cases.

Each case puts the preparation in a generated state (answers so far, the chosen answer on screen, language,
display and speech settings, "I don't understand" open or not), then asks for the question screen three
times: drawn in full (no shell), through a shell (drawn now or kept from an earlier case), and through it
again. Apart from the CSRF token and the moment shown, which differ per request by design, the three pages
must be equal. Runs with audio off and with the real espeak-ng engine (read-aloud controls and clip URLs).
"""

from __future__ import annotations

import random
import re

import pytest
from sqlalchemy import delete

from easyreport.accessibility import display_combinations
from easyreport.client_languages import client_codes
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import question_page, service
from easyreport.preparation.models import Answer, Preparation
from easyreport.preparation.question_shell import Shell, Shells
from easyreport.speech.web import close_speech
from easyreport.timeutil import utcnow
from tests.conftest import make_test_app

CASES = 120
PER_REQUEST = re.compile(r'(name="(?:csrf_token|shown_at)" value=")[^"]*"')


@pytest.fixture(params=["none", "espeak"])
def app(request, tmp_path):
    made = make_test_app(tmp_path, SPEECH_ENGINE=request.param)
    yield made
    close_speech(made)


def _answer(question, rng: random.Random) -> list[str]:
    options = [option.id for option in question.options]
    if question.kind.value == "several" and rng.random() < 0.5:
        content = [option.id for option in question.content_options]
        return rng.sample(content, rng.randint(1, len(content)))
    return [rng.choice(options)]


def _record(preparation: Preparation, answers: dict[str, list[str]]) -> None:
    """Save answers as the client's (inside an app context; the caller commits)."""
    for question_id, option_ids in answers.items():
        service.record_answer(
            db.session, preparation, QUESTIONNAIRE, question_id, option_ids, entered_by="client", now=utcnow()
        )


def _screen(rng: random.Random) -> dict:
    """Which screen a case asks for, with which settings, after how many answers."""
    answered = rng.randint(0, len(QUESTIONNAIRE) - 1)
    return {
        "answered": answered,
        "display": rng.choice(display_combinations()),
        "speed": rng.choice(("normal", "slow")),
        "auto": rng.random() < 0.5,
        "locale": rng.choice(client_codes()),
        "question": QUESTIONNAIRE.questions[rng.randint(0, answered)].id,
        "explain": rng.random() < 0.3,
    }


def _put_in_state(app, client, public_id: str, screen: dict, rng: random.Random) -> str:
    """Give the preparation the screen's settings and generated answers; return the screen's address."""
    with app.app_context():
        preparation = db.session.query(Preparation).filter_by(public_id=public_id).one()
        db.session.execute(delete(Answer).where(Answer.preparation_id == preparation.id))
        _record(preparation, {q.id: _answer(q, rng) for q in QUESTIONNAIRE.questions[: screen["answered"]]})
        service.set_display(db.session, preparation, screen["display"])
        service.set_speech(db.session, preparation, speed=screen["speed"], read_aloud_auto=screen["auto"])
        db.session.commit()
    with client.session_transaction() as session:
        session["locale"] = screen["locale"]  # as the client's language screen keeps it
    return f"/client/questions/{screen['question']}" + ("?explain=1" if screen["explain"] else "")


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.location)
    return PER_REQUEST.sub(r'\1…"', response.text)


def test_a_page_from_a_shell_equals_the_page_drawn_in_full(app, client, in_client_mode, monkeypatch):
    rng = random.Random(f"shell-{app.config['EASYREPORT'].SPEECH_ENGINE}")
    full_key = question_page._shell_key
    reused = 0
    screen = _screen(rng)
    for _ in range(CASES):
        # Half the cases ask for the previous case's screen again with other answers (its shell is kept), and
        # nearly half change one thing of it: a key that missed that thing would hand out the previous shell.
        draw = rng.random()
        if draw >= 0.9:
            screen = _screen(rng)
        elif draw >= 0.4:
            field = rng.choice(["display", "speed", "auto", "locale", "explain", "answered"])
            screen = {**screen, field: _screen(rng)[field]}
            if screen["question"] not in {q.id for q in QUESTIONNAIRE.questions[: screen["answered"] + 1]}:
                screen["question"] = QUESTIONNAIRE.questions[screen["answered"]].id
        path = _put_in_state(app, client, in_client_mode, screen, rng)
        monkeypatch.setattr(question_page, "_shell_key", lambda *_args: None)
        drawn_in_full = _page(client, path)
        monkeypatch.setattr(question_page, "_shell_key", full_key)
        kept_before = len(app.extensions.get(question_page.EXTENSION_KEY, ()))
        first, again = _page(client, path), _page(client, path)
        reused += len(app.extensions[question_page.EXTENSION_KEY]) == kept_before
        assert first == drawn_in_full, path
        assert again == drawn_in_full, path
        assert "\x02" not in first and "\x03" not in first and "\x1f" not in first
    if app.config["EASYREPORT"].SPEECH_ENGINE == "espeak":
        assert "data-audio-src=" in first  # the shells held real read-aloud controls
    assert reused  # some cases met a shell kept from an earlier case, drawn for other answers


def test_a_shell_holds_none_of_the_answers(app, client, in_client_mode):
    """Two clients at the same question with other answers chosen get pages from one shell, holding neither."""
    several = next(q for q in QUESTIONNAIRE if q.kind.value == "several")
    path = f"/client/questions/{several.id}"
    rng = random.Random(7)
    with app.app_context():
        preparation = db.session.query(Preparation).filter_by(public_id=in_client_mode).one()
        _record(
            preparation,
            {q.id: _answer(q, rng) for q in QUESTIONNAIRE.questions[: QUESTIONNAIRE.index(several.id)]},
        )
        db.session.commit()
    pages = []
    for option in several.content_options[:2]:
        with app.app_context():
            preparation = db.session.query(Preparation).filter_by(public_id=in_client_mode).one()
            _record(preparation, {several.id: [option.id]})
            db.session.commit()
        pages.append(client.get(path).text)
        assert f'value="{option.id}" id="option-{option.id}"\n' in pages[-1].replace(" checked", "\n")
    shells: Shells = app.extensions[question_page.EXTENSION_KEY]
    assert len(shells) == 1
    (shell,) = shells._shells.values()
    marks = [part for part in shell.parts if not isinstance(part, str)]
    assert {part[1] for part in marks if part[0] == "chosen"} == {option.id for option in several.options}
    assert " checked" not in "".join(part for part in shell.parts if isinstance(part, str))


def test_a_message_shown_once_is_drawn_on_the_page(app, client, in_client_mode):
    first = QUESTIONNAIRE.questions[0]
    client.get(f"/client/questions/{first.id}")  # a shell for this screen is kept
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Een bericht voor deze keer.")]
    assert "Een bericht voor deze keer." in client.get(f"/client/questions/{first.id}").text
    assert "Een bericht voor deze keer." not in client.get(f"/client/questions/{first.id}").text


def test_shells_beyond_the_bound_go_least_recently_used_first():
    shells = Shells(limit=2)
    for key in ("a", "b"):
        shells.put(key, Shell.cut(key))
    assert shells.get("a") is not None  # "b" is now the least recently used
    shells.put("c", Shell.cut("c"))
    assert shells.get("b") is None and shells.get("a") is not None and shells.get("c") is not None


def test_a_shell_fills_each_mark():
    page = (
        'x<input value="\x02csrf\x03"><input value="\x02version\x03"><input value="\x02shown_at\x03">'
        '<button aria-pressed="\x02chosen\x1fyes\x1ftrue\x1ffalse\x03"></button>'
        '<button aria-pressed="\x02chosen\x1fno\x1ftrue\x1ffalse\x03"></button>y'
    )
    filled = Shell.cut(page).fill(csrf="t0k", version=3, shown_at="12.5", chosen=("yes",))
    assert filled == (
        'x<input value="t0k"><input value="3"><input value="12.5">'
        '<button aria-pressed="true"></button><button aria-pressed="false"></button>y'
    )
