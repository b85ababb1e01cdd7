"""Account management for administrators (no client content)."""
