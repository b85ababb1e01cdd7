"""`flask speech build`: make the audio for every client text in every language and speed ahead of time."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from easyreport.client_languages import client_languages
from easyreport.config import ConfigError
from easyreport.content.texts import all_client_texts
from easyreport.speech.build_jobs import Job, audio_jobs
from easyreport.speech.errors import SpeechError
from easyreport.speech.texts import speakable
from easyreport.speech.web import speech_web

speech_cli = AppGroup("speech", help="Read-aloud audio.")


@speech_cli.command("build")
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="CODE",
    help="Only this language (repeat for more); by default every client language that has a voice.",
)
def build(languages: tuple[str, ...]) -> None:
    """Make every client text's clip in every language and speed; clips already made are kept."""
    state = speech_web()
    try:
        service = state.service  # under `flask`, the speech worker starts here (first use)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    if service is None:
        raise click.ClickException(
            "Reading aloud is off or the speech engine did not start (see the log above); no audio was made."
        )
    available = state.locales()
    unknown = sorted(set(languages) - available)
    if unknown:
        raise click.ClickException(
            f"No voice for {', '.join(unknown)}; languages with a voice: {', '.join(sorted(available))}."
        )
    locales = frozenset(languages) or available
    texts = [msgid for msgid in all_client_texts() if speakable(msgid)]
    offered = client_languages(tuple(current_app.config["LANGUAGES"]))
    jobs = audio_jobs(texts, locales, state.speeds(), offered)
    made = kept = failed = 0
    duration_ms = size = 0
    # Two texts that read the same in a language (two buttons both "Go on") share one clip: count its files once.
    distinct: set[str] = set()
    started = time.perf_counter()
    with click.progressbar(jobs, label="Making audio", show_pos=True, item_show_func=_label) as bar:
        for msgid, locale, speed in bar:
            already = service.cached(state.key(msgid, locale, speed)) is not None
            try:
                clip = service.clip(state.spoken_text(msgid, locale), locale, speed)
            except SpeechError as error:
                failed += 1
                click.echo(f"\nFailed: {locale} {speed} {msgid!r}: {error}", err=True)
                continue
            kept += already
            made += not already
            if clip.key not in distinct:
                distinct.add(clip.key)
                duration_ms += clip.duration_ms
                size += clip.mp3_path.stat().st_size + clip.timings_path.stat().st_size
    elapsed = time.perf_counter() - started
    click.echo(
        f"{made + kept} clips ({made} made, {kept} already there), {2 * len(distinct)} files, "
        f"{duration_ms / 1000:.1f} s of audio, {size:,} bytes, in {elapsed:.1f} s "
        f"({len(texts)} texts x {len(locales)} languages x {len(state.speeds())} speeds)."
    )
    if failed:
        raise click.ClickException(f"{failed} clips could not be made.")


def _label(job: Job | None) -> str:
    if job is None:
        return ""
    msgid, locale, speed = job
    return f"{locale} {speed} {msgid[:30]}"
