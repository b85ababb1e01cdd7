"""Print the questionnaire as a plain-text table, so a domain expert can review it in one go."""

from __future__ import annotations

from collections.abc import Callable

from easyreport.content.glossary import GLOSSARY
from easyreport.content.model import Questionnaire
from easyreport.content.observations import FREE_TEXT_REMINDER, observations_for
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.translatable import translate

_COLUMNS = ("module", "question", "kind", "text / explanation / info", "answer -> needs", "pictogram")


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if number == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def questionnaire_table(
    locale: str,
    questionnaire: Questionnaire = QUESTIONNAIRE,
    translator: Callable[[str], str] | None = None,
) -> str:
    """Return the questionnaire, its glossary and the counsellor observations as text tables.

    One row per line of text: the question row first, then its explanation, info line and
    each answer with the needs it signals and its pictogram.
    """
    tr = translator or (lambda message: translate(message, locale))
    rows: list[tuple[str, ...]] = [_COLUMNS]
    for question in questionnaire:
        module = questionnaire.module(question.module_id)
        rows.append((module.id, question.id, question.kind.value, tr(question.text), "", question.pictogram))
        rows.append(("", "", "", f"({tr(question.explanation)})", "", ""))
        if question.info:
            rows.append(("", "", "", f"i: {tr(question.info)}", "", ""))
        for option in question.options:
            needs = ", ".join(option.needs) or "-"
            rows.append(("", "", "", "", f"{option.id}: {tr(option.text)} -> {needs}", option.pictogram))
    counts = ", ".join(
        f"{module.id} {len(questionnaire.questions_in(module.id))}" for module in questionnaire.modules
    )
    parts = [f"Questionnaire ({locale}): {len(questionnaire)} questions ({counts})", _table(rows)]

    glossary_rows: list[tuple[str, ...]] = [("glossary", "term", "explanation")]
    glossary_rows += [(entry.id, tr(entry.term), tr(entry.explanation)) for entry in GLOSSARY]
    parts += ["Glossary", _table(glossary_rows)]

    observation_rows: list[tuple[str, ...]] = [("module", "observation", "text", "needs")]
    for module in questionnaire.modules:
        observation_rows += [
            (module.id, observation.id, tr(observation.text), ", ".join(observation.needs))
            for observation in observations_for(module.id)
        ]
    parts += [f"Counsellor observations. Reminder: {tr(FREE_TEXT_REMINDER)}", _table(observation_rows)]
    return "\n\n".join(parts) + "\n"
