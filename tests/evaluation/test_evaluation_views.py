"""The coordinator's evaluation over HTTP: suppressed figures, filters, exports, and counts kept after purge."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from easyreport.evaluation.models import EvaluationTally
from easyreport.evaluation.tally import month_of
from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.preparation.models import Preparation
from easyreport.purge import purge
from easyreport.retention import RetentionPolicy
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.conftest import csrf_token, login

POLICY = RetentionPolicy.from_days(preparation=90)


@pytest.fixture
def coordinator(app, make_user):
    user = make_user(Role.COORDINATOR)
    client = app.test_client()
    login(client, user.username)
    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client.get("/about").text)})
    return client


def _preparations(app, owner_id: int, count: int, days_ago: int = 0) -> None:
    with app.app_context():
        for index in range(count):
            service.create(
                db.session, owner_id, f"E{index}", "18-22", "nl", now=utcnow() - timedelta(days=days_ago)
            )
        db.session.commit()


def _period(days_ago: int = 0) -> dict[str, str]:
    month = month_of((utcnow() - timedelta(days=days_ago)).date())
    return {"from": month, "to": month}


def test_fewer_than_five_preparations_show_no_figure(app, make_user, coordinator):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, 4)
    page = coordinator.get("/coordinator/evaluation", query_string=_period())
    assert page.status_code == 200
    assert "fewer than 5 preparations in this period" in page.text
    visible = re.sub(r'value="[^"]*"', "", page.text)  # the CSRF token may hold any letters
    assert "<svg" not in page.text and "E0" not in visible


def test_five_preparations_show_figures_charts_and_tables(app, make_user, coordinator):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, 5)
    page = coordinator.get("/coordinator/evaluation", query_string=_period())
    assert page.status_code == 200
    assert "<svg" in page.text and 'role="img"' in page.text and "<table>" in page.text
    assert "<td>5</td>" in page.text and "fewer than 5" in page.text  # consented: 0 of them
    assert "<style" not in page.text and "<script" not in page.text.split("</footer>")[0]
    visible = re.sub(r'value="[^"]*"', "", page.text)  # the CSRF token may hold any letters
    for code in ("E0", "E4"):
        assert code not in visible


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-05", "to": "2026-01"}, "before the first month"),
        ({"from": "2026-13", "to": "2026-14"}, "for example 2026-03"),
        ({"from": "<script>", "to": ""}, "for example 2026-03"),
        ({"unit": "no-such-unit"}, "This unit does not exist"),
        ({"from": "2001-01", "to": "2026-01"}, "at most 60 months"),
    ],
)
def test_bad_filters_get_a_clear_message(coordinator, query, message):
    page = coordinator.get("/coordinator/evaluation", query_string=query)
    assert page.status_code == 400 and message in page.text
    export = coordinator.get("/coordinator/evaluation/export.csv", query_string=query)
    assert export.status_code == 302


def test_exports_hold_the_same_suppressed_tables(app, make_user, coordinator):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, 8)
    csv_file = coordinator.get("/coordinator/evaluation/export.csv", query_string=_period())
    assert csv_file.status_code == 200 and csv_file.mimetype == "text/csv"
    # 8 preparations are shown rounded to the nearest 5, as on the page; consent (0 of them) is hidden.
    assert "Preparations started" in csv_file.text and ",10," in csv_file.text and ",8," not in csv_file.text
    assert "fewer than 5" in csv_file.text
    ods = coordinator.get("/coordinator/evaluation/export.ods", query_string=_period())
    assert ods.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(ods.data))
    assert archive.namelist()[0] == "mimetype"
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    content = archive.read("content.xml").decode()
    assert 'office:value="10"' in content and 'office:value="8"' not in content and "fewer than 5" in content


def test_an_empty_period_is_not_exported(coordinator):
    response = coordinator.get(
        "/coordinator/evaluation/export.ods", query_string={"from": "2020-01", "to": "2020-02"}
    )
    assert response.status_code == 302
    page = coordinator.get(response.location)
    assert "nothing to export" in page.text


def test_after_purge_only_counts_remain_and_the_figures_stay(app, make_user, coordinator):
    owner = make_user(Role.COUNSELLOR)
    _preparations(app, owner.id, 6, days_ago=91)
    period = _period(days_ago=91)
    before = coordinator.get("/coordinator/evaluation/export.csv", query_string=period).text
    with app.app_context():
        purge(
            db.session, POLICY, utcnow() - timedelta(days=2), timedelta(minutes=30)
        )  # a day early: nothing goes
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Preparation)) == 6
        assert db.session.scalar(select(func.count()).select_from(EvaluationTally)) == 0
        purge(db.session, POLICY, utcnow(), timedelta(minutes=30))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Preparation)) == 0
        assert db.session.scalar(select(func.count()).select_from(EvaluationTally)) > 0
        # A second purge adds nothing: each preparation is counted once.
        purge(db.session, POLICY, utcnow(), timedelta(minutes=30))
        db.session.commit()
    after = coordinator.get("/coordinator/evaluation/export.csv", query_string=period).text
    assert after == before and ",5," in after  # 6, rounded to the nearest 5


def test_seed_demo_with_history_fills_the_evaluation_once(app, coordinator):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--with-history"])
    assert first.exit_code == 0 and "anonymous evaluation history" in first.output
    with app.app_context():
        kept = db.session.scalar(select(func.sum(EvaluationTally.count)))
        assert db.session.scalar(select(func.count()).select_from(Preparation)) == 0  # counts only
    second = runner.invoke(args=["seed-demo", "--with-history"])
    assert second.exit_code == 0 and "History kept." in second.output
    with app.app_context():
        assert db.session.scalar(select(func.sum(EvaluationTally.count))) == kept
    page = coordinator.get("/coordinator/evaluation")
    assert page.status_code == 200 and "<svg" in page.text and "The client:" in page.text
    assert "fewer than 5 preparations in this period" not in page.text


def test_coordinators_reach_the_evaluation_and_nothing_else(app):
    from tests.test_permissions import guarded_views

    reachable = {
        endpoint for endpoint, roles in guarded_views(app).items() if roles and Role.COORDINATOR in roles
    }
    # The evaluation, and what every account has: logging out and its own passkeys.
    own_account = {"accounts.logout", "accounts.passkey_settings", "accounts.passkey_remove"}
    assert reachable == {"evaluation.home", "evaluation.export_tables", *own_account}
    for endpoint, roles in guarded_views(app).items():
        if endpoint.startswith("evaluation."):
            assert roles == frozenset({Role.COORDINATOR})
