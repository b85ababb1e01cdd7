#!/usr/bin/env bash
# Development only: like scripts/run.sh, but Flask's development server with reloading and tracebacks.
exec bash "$(dirname "$0")/run.sh" --dev "$@"
