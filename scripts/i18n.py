"""Keep the translation catalogues in step with the code.

    python scripts/i18n.py update    extract messages.pot, merge it into nl and en, fill English
    python scripts/i18n.py compile   compile .po to .mo (run by the set-up)
    python scripts/i18n.py missing [LOCALE]   list messages without a translation (default: Dutch)

English source strings are the msgids; the English catalogue repeats them so that both locales
are complete and a later English wording change does not need a code change.

The client-only languages (pl, ro, bg, uk, ar) hold only the client-facing strings: `update` also
extracts the files named in babel-client.cfg into translations/client.pot and merges that into
their catalogues (translations/<locale>/LC_MESSAGES/messages.po, the same domain, so Flask-Babel
needs nothing else). Dutch and English are not touched by that step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LOCALES = ("nl", "en")
CLIENT_POT = TRANSLATIONS / "client.pot"
CLIENT_CFG = "babel-client.cfg"
CLIENT_LOCALES = ("ar", "uk", "pl", "ro", "bg")
KEYWORDS = ["-k", "N_", "-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2"]


def pybabel(*args: str) -> None:
    exe = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(exe), "-q", *args], check=True, cwd=ROOT)


def extract(target: Path = POT, config: str = "babel.cfg") -> None:
    """Write the template catalogue without line numbers, so moving code does not churn it."""
    pybabel(
        "extract",
        "-F",
        config,
        *KEYWORDS,
        "--add-comments=Translators:",
        "--no-location",
        "--sort-output",
        "--project=easyreport",
        "--version=1",
        "--msgid-bugs-address=-",
        "--copyright-holder=easyreport",
        "-o",
        str(target),
        ".",
    )


def update() -> None:
    extract()
    for locale in LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale)
        pybabel(
            "update",
            "-i",
            str(POT),
            "-d",
            str(TRANSLATIONS),
            "-l",
            locale,
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "--width=100",
        )
    fill_english()
    for msg in missing("nl"):
        print(f"nl missing: {msg}")
    update_client()


def client_content_ids() -> set[str]:
    """Return the msgids of all content a client reads: texts of the content modules and pictogram alt texts."""
    sys.path.insert(0, str(ROOT))
    from easyreport.content.texts import all_client_texts, alt_text_units

    return set(all_client_texts()) | {text for _where, texts in alt_text_units() for text in texts}


def extract_client(target: Path = CLIENT_POT) -> None:
    """Write the catalogue of client-facing strings: the files in babel-client.cfg and the client content."""
    extract(target, CLIENT_CFG)
    with target.open("rb") as f:
        client = read_po(f)
    whole = target.with_name(target.name + ".all")
    extract(whole, "babel.cfg")
    try:
        with whole.open("rb") as f:
            everything = read_po(f)
    finally:
        whole.unlink()
    for msgid in sorted(client_content_ids()):
        message = everything.get(msgid)
        if message is not None and msgid not in client:
            client[msgid] = message
    with target.open("wb") as f:
        write_po(f, client, no_location=True, sort_output=True, width=76)


def update_client() -> None:
    """Merge client.pot into the client-only catalogues; new strings arrive empty, removed ones go."""
    extract_client()
    for locale in CLIENT_LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            pybabel("init", "-i", str(CLIENT_POT), "-d", str(TRANSLATIONS), "-l", locale)
        pybabel(
            "update",
            "-i",
            str(CLIENT_POT),
            "-d",
            str(TRANSLATIONS),
            "-l",
            locale,
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "--width=100",
        )
        count = len(missing(locale))
        if count:
            print(f"{locale}: {count} client messages without a translation")


def fill_english() -> None:
    po = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not any(message.string):
                message.string = tuple(message.id)
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, no_location=True, sort_output=True, width=100)


def missing(locale: str) -> list[str]:
    po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=locale)
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or "fuzzy" in message.flags:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def compile_all() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "missing":
        for m in missing(sys.argv[2] if len(sys.argv) > 2 else "nl"):
            print(m)
    else:
        sys.exit(__doc__)
