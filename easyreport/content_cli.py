"""`flask content`: print the questionnaire and the recommendation rules for review by a domain expert."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from easyreport.briefing.rules import rules_table
from easyreport.client_languages import ALL_LANGUAGES, CLIENT_ONLY_CODES, client_catalogue, language_status
from easyreport.content.glossary import glossary_table
from easyreport.content.plain_language import language_figures
from easyreport.content.review import questionnaire_table
from easyreport.needs_check.corpus import DEFAULT_CORPUS, corpus_figures

content_cli = AppGroup("content", help="Review the content: questions, rules, language figures.")
_LOCALE = click.option("--locale", type=click.Choice(["nl", "en"]), default="nl", show_default=True)


@content_cli.command("questions")
@_LOCALE
def print_questions(locale: str) -> None:
    """Print every module, question, answer (with its needs and pictogram), glossary and observation."""
    click.echo(questionnaire_table(locale))


@content_cli.command("rules")
@_LOCALE
def print_rules(locale: str) -> None:
    """Print the recommendation rules: condition, kind, priority, text and source."""
    click.echo(rules_table(locale))


@content_cli.command("language")
@click.option(
    "--locale",
    type=click.Choice(list(ALL_LANGUAGES)),
    default=None,
    help="One language (default: every language, client-only ones too).",
)
def print_language_figures(locale: str | None) -> None:
    """Print the plain-language figures of all client texts per locale, with each language's status."""
    for code in (locale,) if locale else tuple(ALL_LANGUAGES):
        click.echo(language_status(code))
        if code in CLIENT_ONLY_CODES:
            # Measure only what is translated: an untranslated text would be measured in English.
            translated, total, translator = client_catalogue(code)
            click.echo(f"  {code}: {translated} of {total} client texts translated")
            click.echo("  " + language_figures(code, translator).summary())
        else:
            click.echo("  " + language_figures(code).summary())


@content_cli.command("glossary")
def print_glossary() -> None:
    """Print one word per concept per audience: the form of address, the terms, the forbidden synonyms."""
    click.echo(glossary_table())


@content_cli.command("needs-check")
@click.option("--locale", type=click.Choice(["nl", "en"]), default=None, help="One language (default: both).")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_CORPUS,
    show_default=True,
    help="Folder with <locale>_account.txt and <locale>_needs.txt.",
)
def print_needs_check(locale: str | None, corpus: Path) -> None:
    """Print the needs-only check's figures on the corpus (lines, flagged, rate) and the lines that miss."""
    failed = False
    for code in (locale,) if locale else ("nl", "en"):
        figures = corpus_figures(code, corpus)
        click.echo(figures.summary())
        failed = failed or not figures.passes
    if failed:
        raise SystemExit(1)


@content_cli.command("examples")
@_LOCALE
@click.option("--seed", type=int, default=12, show_default=True, help="Seed of the example preparations.")
def print_examples(locale: str, seed: int) -> None:
    """Build a handful of example preparations and print per example: PDF pages, do's, don'ts, top three, route."""
    # Imported here: the PDF machinery (WeasyPrint) is needed by this command only.
    from easyreport.briefing.examples import build, examples
    from easyreport.briefing.render import example_figures

    header = ["example", "pages", "do's", "don'ts", "arrange", "not printed", "top three", "route"]
    click.echo("| " + " | ".join(header) + " |")
    click.echo("|" + "---|" * len(header))
    for example in examples(seed):
        figures = example_figures(build(example), locale)
        cells = [example.name, *(str(value) for value in figures)]
        click.echo("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
