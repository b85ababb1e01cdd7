#!/usr/bin/env bash
# Set up everything easyreport needs on a Debian machine: system packages (as root), a virtual environment
# in .venv with the Python packages, and compiled translations. Safe to run again: it only does what is missing.
#   scripts/setup.sh          for running the app
#   scripts/setup.sh --test   also the test tools (Chromium, PostgreSQL, PDF tools)
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

packages=(espeak-ng libespeak-ng1 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core gettext)
if [ "$with_tests" = 1 ]; then
  packages+=(chromium chromium-headless-shell poppler-utils postgresql mpg123)
  command -v java >/dev/null || packages+=(default-jre-headless) # the Nu HTML Checker (vnu-jar) runs on Java
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${missing[*]}. Run this script as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv"
  "$python" -m venv .venv
fi

# Python packages come from the lock file, every one checked against its hash (requirements/*.lock, made
# from pyproject.toml by pip-compile; README says how to refresh them). Reinstall only when a lock changed,
# so a second run takes about a second.
lock="requirements/app.lock"
[ "$with_tests" = 1 ] && lock="requirements/test.lock"
stamp=".venv/.easyreport-installed-$(basename "$lock")"
want=$(cat pyproject.toml "$lock" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Python packages from $lock"
  .venv/bin/python -m pip install -q --require-hashes -r "$lock" 2>&1 | grep -v "^WARNING: Location" || true
  # The app itself: its dependencies are all in the lock, and its build backend (hatchling) too.
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e . 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import easyreport, flask, sqlalchemy, pyotp, segno" # fail here, not later, if the install broke
  echo "$want" > "$stamp"
fi

# The Nu HTML Checker for the browser tests, into node_modules/ (ignored by git); only when it is missing.
VNU_VERSION=26.9.27
if [ "$with_tests" = 1 ] && [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "Installing the Nu HTML Checker (vnu-jar $VNU_VERSION)"
  npm install --no-save --no-audit --no-fund --prefix . "vnu-jar@$VNU_VERSION" >/dev/null
fi

.venv/bin/python scripts/i18n.py compile >/dev/null
