"""Extensions, created unbound; create_app binds them."""

from __future__ import annotations

from flask_babel import Babel
from flask_wtf import CSRFProtect

from easyreport.database import Database

db = Database()
babel = Babel()
csrf = CSRFProtect()
