"""Where the top-level templates, static files and translations live, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SHIPPED = _PACKAGE / "_shipped"
# An installed wheel carries the folders inside the package; a checkout has them one level up.
_ROOT = _SHIPPED if _SHIPPED.is_dir() else _PACKAGE.parent

TEMPLATES_DIR = _ROOT / "templates"
STATIC_DIR = _ROOT / "static"
TRANSLATIONS_DIR = _ROOT / "translations"
