"""Read rendered pages the way the browser script does: read-aloud buttons and the text of their targets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
AUDIO_URL = re.compile(
    r"^/audio/(?P<locale>[^/]+)/(?P<speed>[^/]+)/(?P<text_id>[^/]+)/(?P<key>[^/.]+)\.(?P<ext>mp3|json)$"
)


# The attributes that hold one value per text a button reads, in the order of aria-controls.
PER_PART = (
    "aria-controls",
    "data-audio-src",
    "data-timings-src",
    "data-audio-src-slow",
    "data-timings-src-slow",
)


@dataclass(frozen=True)
class ReadAloudButton:
    """One text a read-aloud button reads (a block's button reads several: one of these per text)."""

    attrs: dict[str, str | None]
    target_text: str
    button: dict[str, str | None]  # the button's own attributes, lists unsplit
    part: int = 0

    def url(self, name: str = "data-audio-src") -> str:
        value = self.attrs.get(name)
        assert value, f"button has no {name}"
        return value

    def address(self, name: str = "data-audio-src") -> dict[str, str]:
        match = AUDIO_URL.match(self.url(name))
        assert match, self.url(name)
        return match.groupdict()


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, list[str]] = {}
        self.buttons: list[dict[str, str | None]] = []
        self.audios: list[dict[str, str | None]] = []
        self.body: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "button" and "data-read-aloud" in named:
            self.buttons.append(named)
        if tag == "audio":
            self.audios.append(named)
        if tag == "body":
            self.body = named
        if tag in VOID:
            return
        element_id = named.get("id")
        if element_id:
            assert element_id not in self.texts, f"duplicate id {element_id!r}"
            self.texts[element_id] = []
        self.stack.append((tag, element_id))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        for _, element_id in self.stack:
            if element_id:
                self.texts[element_id].append(data)


@dataclass(frozen=True)
class Page:
    """What a rendered page offers for reading aloud."""

    buttons: list[ReadAloudButton]
    audios: list[dict[str, str | None]]
    body: dict[str, str | None]
    texts: dict[str, str]


def read_page(html: str) -> Page:
    """Parse a page: every read-aloud button with its target's textContent, and every <audio>."""
    parser = _Page()
    parser.feed(html)
    parser.close()
    texts = {element_id: "".join(parts) for element_id, parts in parser.texts.items()}
    buttons = []
    for attrs in parser.buttons:
        lists = {name: (attrs.get(name) or "").split() for name in PER_PART if attrs.get(name) is not None}
        count = len(lists["aria-controls"])
        assert count > 0, "read-aloud button reads nothing"
        assert {len(values) for values in lists.values()} == {count}, f"lists of unequal length: {attrs}"
        for part in range(count):
            one = dict(attrs) | {name: values[part] for name, values in lists.items()}
            target = one["aria-controls"]
            assert target in texts, f"read-aloud button points at a missing element {target!r}"
            buttons.append(ReadAloudButton(one, texts[target], attrs, part))
    return Page(buttons, parser.audios, parser.body, texts)
