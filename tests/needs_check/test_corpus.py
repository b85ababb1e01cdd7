"""The check's figures on the corpus per language: >= 95 % of account lines, <= 5 % of needs lines."""

from __future__ import annotations

import pytest
from flask import Flask

from easyreport.needs_check.corpus import (
    ACCOUNT_MIN_RATE,
    DEFAULT_CORPUS,
    NEEDS_MAX_RATE,
    corpus_figures,
    corpus_lines,
)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_corpus_is_big_enough_and_has_no_doubles(locale: str) -> None:
    account = corpus_lines(DEFAULT_CORPUS, locale, "account")
    needs = corpus_lines(DEFAULT_CORPUS, locale, "needs")
    assert len(account) >= 60 and len(needs) >= 60
    assert len(set(account)) == len(account) and len(set(needs)) == len(needs)
    assert not set(account) & set(needs)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_check_meets_the_thresholds(locale: str) -> None:
    figures = corpus_figures(locale)
    assert figures.account.rate >= ACCOUNT_MIN_RATE, figures.summary()
    assert figures.needs.rate <= NEEDS_MAX_RATE, figures.summary()
    assert figures.passes


def test_cli_prints_figures_per_language(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["content", "needs-check"])
    assert result.exit_code == 0, result.output
    for locale in ("nl", "en"):
        figures = corpus_figures(locale)
        assert f"{locale}:" in result.output
        assert f"lines {figures.account.lines:4}  flagged {figures.account.flagged:4}" in result.output
    only_en = app.test_cli_runner().invoke(args=["content", "needs-check", "--locale", "en"]).output
    assert "en:" in only_en and "nl:" not in only_en


def test_cli_lists_the_lines_that_miss_and_fails(app: Flask, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "nl_account.txt").write_text("Heeft pauzes nodig\nHij sloeg haar\n", encoding="utf-8")
    (tmp_path / "nl_needs.txt").write_text("Wil de deur open\nZe woont in Breda\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["content", "needs-check", "--locale", "nl", "--corpus", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "not flagged: Heeft pauzes nodig" in result.output
    assert "flagged: Ze woont in Breda" in result.output
    assert "rate  50.0%" in result.output and "FAIL" in result.output
