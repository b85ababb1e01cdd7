"""Load the check's word lists (data/*.txt): reviewable data, one entry a line, # for comments."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@cache
def entries(name: str) -> tuple[str, ...]:
    """Return the entries of data/<name>.txt in file order, without comments and blank lines."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(dict.fromkeys(line.strip() for line in lines if line.strip() and not line.startswith("#")))


@cache
def lowered(name: str) -> frozenset[str]:
    """Return the entries of a list in lower case, for look-ups that ignore case."""
    return frozenset(entry.lower() for entry in entries(name))


@cache
def phrase_pattern(name: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    """Return one pattern matching any entry of a list as whole words, longest entry first."""
    alternatives = sorted((re.escape(e).replace(r"\ ", r"\s+") for e in entries(name)), key=len, reverse=True)
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)
