"""Measure the check on a corpus of account lines and needs-only lines (tests/data/needs_check/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from easyreport.needs_check.check import check_text

# In a checkout; an installed wheel has no corpus, so the command asks for a folder then.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "needs_check"
ACCOUNT_MIN_RATE = 0.95  # the check flags at least this share of account lines
NEEDS_MAX_RATE = 0.05  # and at most this share of needs-only lines


def corpus_lines(directory: Path, locale: str, kind: str) -> tuple[str, ...]:
    """Return the lines of <locale>_<kind>.txt (kind "account" or "needs"), without comments and blanks."""
    text = (directory / f"{locale}_{kind}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class KindFigures:
    """How many lines of one kind the check flagged, and the lines it got wrong."""

    lines: int
    flagged: int
    wrong: tuple[str, ...]  # account lines not flagged, or needs lines flagged

    @property
    def rate(self) -> float:
        """Return the share of lines flagged."""
        return self.flagged / self.lines if self.lines else 0.0


@dataclass(frozen=True)
class CorpusFigures:
    """The check's figures on one language's corpus."""

    locale: str
    account: KindFigures
    needs: KindFigures

    @property
    def passes(self) -> bool:
        """Return whether both thresholds hold."""
        return self.account.rate >= ACCOUNT_MIN_RATE and self.needs.rate <= NEEDS_MAX_RATE

    def summary(self) -> str:
        """Return the figures and the lines that miss, as lines of text."""
        rows = [f"{self.locale}:"]
        for kind, figures, limit in (
            ("account", self.account, f">= {ACCOUNT_MIN_RATE:.0%}"),
            ("needs", self.needs, f"<= {NEEDS_MAX_RATE:.0%}"),
        ):
            rows.append(
                f"  {kind:8} lines {figures.lines:4}  flagged {figures.flagged:4}  "
                f"rate {figures.rate:6.1%}  (must be {limit})"
            )
            label = "not flagged" if kind == "account" else "flagged"
            rows += [f"    {label}: {line}" for line in figures.wrong]
        rows.append("  result: " + ("pass" if self.passes else "FAIL"))
        return "\n".join(rows)


def _figures(lines: tuple[str, ...], locale: str, *, account: bool) -> KindFigures:
    flagged = [not check_text(line, locale).ok for line in lines]
    wrong = tuple(line for line, hit in zip(lines, flagged, strict=True) if hit is not account)
    return KindFigures(len(lines), sum(flagged), wrong)


def corpus_figures(locale: str, directory: Path = DEFAULT_CORPUS) -> CorpusFigures:
    """Run the check over one language's account and needs lines."""
    return CorpusFigures(
        locale,
        _figures(corpus_lines(directory, locale, "account"), locale, account=True),
        _figures(corpus_lines(directory, locale, "needs"), locale, account=False),
    )
