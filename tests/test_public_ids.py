"""Ids from URLs that cannot be ids (NUL, odd characters, very long) are simply not found, on every database."""

from __future__ import annotations

import pytest

from easyreport.roles import Role

BAD_IDS = ["%00abc", "a%00b", "x" * 300, "%FF%FE", "..%2F..", "<script>"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_counsellor_routes_answer_404(client, logged_in, bad):
    logged_in(Role.COUNSELLOR)
    for path in (
        f"/counsellor/preparations/{bad}",
        f"/counsellor/preparations/{bad}/share",
        f"/counsellor/preparations/{bad}/history",
        f"/counsellor/preparations/statements/{bad}",
        f"/briefing/{bad}/sheet",
    ):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("bad", BAD_IDS)
def test_officer_routes_answer_404(client, logged_in, bad):
    logged_in(Role.OFFICER)
    for path in (f"/officer/sheets/{bad}", f"/officer/sheets/{bad}/pdf"):
        assert client.get(path).status_code == 404, path
