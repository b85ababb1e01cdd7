"""Every fixed text that reaches the sheet passes the needs-only check, in Dutch and English."""

from __future__ import annotations

import pytest

from easyreport.briefing.fact_texts import AGE_BANDS, FACT_TEXTS
from easyreport.briefing.needs import NEEDS
from easyreport.briefing.rules_data import RULES
from easyreport.content.observations import OBSERVATIONS
from easyreport.needs_check import check_text
from easyreport.translatable import translate


def sheet_texts() -> list[tuple[str, str]]:
    """Return (where, msgid) for need labels, rule texts, fact labels and values, and observation texts."""
    texts = [(f"need {need.id}", need.label) for need in NEEDS.values()]
    texts += [(f"rule {rule.id}", rule.text) for rule in RULES]
    for question_id, (label, values) in FACT_TEXTS.items():
        texts.append((f"fact {question_id}", label))
        texts += [(f"fact {question_id}.{value_id}", text) for value_id, text in values.items()]
    texts += [(f"age {band}", text) for band, text in AGE_BANDS.items()]
    texts += [(f"observation {obs.module_id}.{obs.id}", obs.text) for obs in OBSERVATIONS]
    return texts


def test_there_are_texts_of_every_kind() -> None:
    kinds = {where.split(" ")[0] for where, _text in sheet_texts()}
    assert kinds == {"need", "rule", "fact", "age", "observation"}
    assert len(sheet_texts()) > 300


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_sheet_text_passes(locale: str) -> None:
    flagged = []
    for where, msgid in sheet_texts():
        text = translate(msgid, locale)
        result = check_text(text, locale)
        if not result.ok:
            flagged.append(f"{where}: {[(f.text, f.category.value) for f in result.flags]} in {text!r}")
    assert not flagged, "\n".join(flagged)
