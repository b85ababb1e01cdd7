"""Static files at content-hashed URLs, kept for a year, compressed; pages compressed too."""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from pathlib import Path

import brotli
from hypothesis import given, settings
from hypothesis import strategies as st

from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.paths import STATIC_DIR
from easyreport.preparation import service
from easyreport.roles import Role
from easyreport.static_files import HASH_LENGTH, hashed_name, static_build
from easyreport.timeutil import utcnow
from tests.conftest import csrf_token, make_test_app

_HASHED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.\w+$")
_URL = re.compile(r'(?:src|href)="([^"]+)"')


def _static_urls(html: str) -> list[str]:
    return [url for url in _URL.findall(html) if url.startswith("/static/")]


def _assert_served_hashed(client, url: str) -> bytes:
    assert _HASHED.search(url), f"{url} has no content hash in its name"
    response = client.get(url)
    assert response.status_code == 200, url
    directives = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"public", "max-age=31536000", "immutable"} <= directives, url
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_data()
    assert hashlib.sha256(body).hexdigest()[:HASH_LENGTH] in url  # the name is the hash of what is sent
    response.close()
    return body


def test_every_static_url_of_a_client_screen_names_a_hashed_file_kept_a_year(app, client, logged_in):
    counsellor = logged_in(Role.COUNSELLOR)
    with app.app_context():
        preparation = service.create(db.session, counsellor.id, "A7", "18-22", "nl", now=utcnow())
        db.session.commit()
        public_id = preparation.public_id
    overview = client.get(f"/counsellor/preparations/{public_id}")
    client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(overview.text)}
    )
    welcome = client.get("/client/")
    question = client.get(f"/client/questions/{QUESTIONNAIRE.questions[0].id}")
    assert welcome.status_code == question.status_code == 200
    urls = _static_urls(welcome.text) + _static_urls(question.text)
    assert any(url.endswith(".css") for url in urls) and any(url.endswith(".svg") for url in urls)
    for url in urls:
        _assert_served_hashed(client, url)


def test_every_static_url_of_staff_pages_names_a_hashed_file(client, logged_in):
    for path in ("/login", "/about"):
        for url in _static_urls(client.get(path).text):
            _assert_served_hashed(client, url)
    logged_in(Role.COUNSELLOR)
    urls = _static_urls(client.get("/counsellor/").text)
    assert urls
    for url in urls:
        _assert_served_hashed(client, url)


def test_static_files_come_brotli_or_gzip_compressed_as_asked(app, client):
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="css/app.css")
    plain = (STATIC_DIR / "css" / "app.css").read_bytes()
    br = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.get_data()) == plain
    assert "Accept-Encoding" in br.headers["Vary"]
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.get_data()) == plain
    none = client.get(url)
    assert "Content-Encoding" not in none.headers and none.get_data() == plain
    for response in (br, gz, none):
        response.close()


def test_the_plain_name_still_works_and_is_revalidated(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")
    response.close()


def test_pages_come_compressed_and_are_never_stored(client):
    response = client.get("/login", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert "Inloggen" in brotli.decompress(response.get_data()).decode()
    assert response.headers["Cache-Control"] == "no-store"
    gz = client.get("/login", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert "Inloggen" in gzip.decompress(gz.get_data()).decode()


@settings(max_examples=50, deadline=None)
@given(
    stem=st.text(alphabet="abcdefghij-_", min_size=1, max_size=12),
    suffix=st.sampled_from([".css", ".js", ".svg", ".woff2"]),
    content=st.binary(max_size=200),
    other=st.binary(max_size=200),
)
def test_the_hashed_name_changes_exactly_when_the_content_does(stem, suffix, content, other):
    name = hashed_name(f"dir/{stem}{suffix}", content)
    assert name.startswith(f"dir/{stem}.") and name.endswith(suffix) and _HASHED.search(name)
    assert (hashed_name(f"dir/{stem}{suffix}", other) == name) == (content == other)


def test_processes_building_at_once_share_one_complete_build(tmp_path: Path):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "a.css").write_text("body { color: black; }\n" * 40)
    (static / "x.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    builds = []

    def build(root: Path) -> None:
        builds.append(static_build(static, root))

    # Separate build roots that are one folder (two names for it), so the per-process cache does not hide the race.
    (tmp_path / "out").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "out")
    threads = [threading.Thread(target=build, args=(tmp_path / name,)) for name in ("out", "alias")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 2 and builds[0].names == builds[1].names
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(built) == 1  # one build folder, no drafts left over
    root = tmp_path / "out" / built[0]
    css = root / builds[0].names["css/a.css"]
    assert css.read_bytes() == (static / "css" / "a.css").read_bytes()
    assert brotli.decompress((css.parent / (css.name + ".br")).read_bytes()) == css.read_bytes()
    assert gzip.decompress((css.parent / (css.name + ".gz")).read_bytes()) == css.read_bytes()


def test_later_apps_take_the_first_apps_file_table_unless_their_headers_differ(app, tmp_path: Path):
    same = make_test_app(tmp_path / "same")
    production = make_test_app(
        tmp_path / "production",
        ENV="production",
        SECRET_KEY="a-production-secret-key-of-enough-length",
        WEBAUTHN_ENABLED=False,
    )
    url = "/static/" + app.extensions["easyreport.static_build"].names["css/app.css"]
    tables = [a.extensions["easyreport.static_server"].files for a in (app, same, production)]
    assert tables[0][url] is tables[1][url]  # scanned once, shared
    assert tables[2][url] is not tables[0][url]
    local = app.test_client().get(url)
    served = production.test_client().get(url, base_url="https://localhost")
    assert local.get_data() == served.get_data()
    assert "Strict-Transport-Security" not in local.headers
    assert "Strict-Transport-Security" in served.headers
    for response in (local, served):
        response.close()
