"""The app as the benchmarks serve it under gunicorn, plus a bare route that only the benchmarks add.

gunicorn loads ``benchmarks._served:app()``; the settings come from the environment as in production.
"""

from __future__ import annotations

from flask import Flask

from easyreport import create_app
from easyreport.auth import public

BARE_PATH = "/_bench/bare"


def app() -> Flask:
    """Return the app with one more route: a short string, through the same hooks as every page."""
    served = create_app()

    @public
    def bare() -> str:
        return "ok"

    served.add_url_rule(BARE_PATH, endpoint="bench_bare", view_func=bare)
    return served
