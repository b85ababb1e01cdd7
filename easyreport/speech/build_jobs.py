"""Which clips `flask speech build` makes: every speakable client text, and each language's own name, per speed."""

from __future__ import annotations

from collections.abc import Iterable

from easyreport.client_languages import ClientLanguage

Job = tuple[str, str, str]  # (msgid, locale, speed)


def audio_jobs(
    texts: Iterable[str],
    locales: Iterable[str],
    speeds: Iterable[str],
    languages: Iterable[ClientLanguage],
) -> list[Job]:
    """Return each (msgid, locale, speed) once, in a stable order: locale, then speed, then text.

    A language's own name is said in that language on the client's language-choice screen, so it is a job for
    that language only.
    """
    own_names = {language.code: language.own_name for language in languages}
    text_list = list(texts)
    speed_list = list(speeds)
    jobs = [
        (msgid, locale, speed)
        for locale in sorted(set(locales))
        for speed in speed_list
        for msgid in [*text_list, *([own_names[locale]] if locale in own_names else [])]
    ]
    return list(dict.fromkeys(jobs))
