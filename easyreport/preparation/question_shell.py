"""The question screen drawn once per question, language and screen settings, then filled in per request.

Every client at the same question, in the same language, display and speech settings and at the same stage
sees the same page, except in four places: which answers are chosen, the form's CSRF token, the answer's
version and the moment the screen was shown. Drawing the whole template for each request was some 60 % of
the view in a profile (issue 14, benchmarks/pages.py). So the page is drawn once with a mark in each of
those places (a shell), kept, and each request fills the marks in.

A shell holds no client's answers: a chosen answer is a mark, filled in per request. Its key holds the
question, the language, the screen's address, the display and speech settings and the progress strip's state
(which parts are complete), the same for everyone at that point.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from markupsafe import Markup

# Control characters never occur in the app's texts or markup (tests/preparation/test_question_shell.py
# checks every filled page), so a mark cannot be mistaken for content.
CSRF = Markup("\x02csrf\x03")
VERSION = Markup("\x02version\x03")
SHOWN_AT = Markup("\x02shown_at\x03")
# A chosen-answer mark (option id, text if chosen, text if not), or one of the three plain marks.
_MARKS = re.compile(
    "\x02chosen\x1f([^\x1f\x03]*)\x1f([^\x1f\x03]*)\x1f([^\x1f\x03]*)\x03|\x02(csrf|version|shown_at)\x03"
)
MAX_SHELLS = 512  # about 30 kB each: a bound of some 15 MB per process, far more than the pages in use


class Chosen:
    """Which answers are chosen on this screen: the template asks ``chosen.mark(id, if_chosen, if_not)``."""

    def __init__(self, option_ids: tuple[str, ...]) -> None:
        self.option_ids = option_ids

    def mark(self, option_id: str, if_chosen: str, if_not: str) -> str:
        return if_chosen if option_id in self.option_ids else if_not


class ChosenMarks(Chosen):
    """The shell's stand-in: a mark that the fill turns into one of the two texts."""

    def __init__(self) -> None:
        super().__init__(())

    def mark(self, option_id: str, if_chosen: str, if_not: str) -> str:
        # Escaped as the template would escape the texts it is given.
        return Markup("\x02chosen\x1f{}\x1f{}\x1f{}\x03").format(option_id, if_chosen, if_not)


@dataclass(frozen=True)
class Shell:
    """A drawn page cut at its marks: literal text, then (kind, option id, if chosen, if not) per mark."""

    parts: tuple[str | tuple[str, str, str, str], ...]

    @classmethod
    def cut(cls, page: str) -> Shell:
        parts: list[str | tuple[str, str, str, str]] = []
        at = 0
        for match in _MARKS.finditer(page):
            parts.append(page[at : match.start()])
            if match.group(4) is not None:
                parts.append((match.group(4), "", "", ""))
            else:
                parts.append(("chosen", match.group(1), match.group(2), match.group(3)))
            at = match.end()
        parts.append(page[at:])
        return cls(tuple(parts))

    def fill(self, *, csrf: str, version: int, shown_at: str, chosen: tuple[str, ...]) -> str:
        plain = {"csrf": csrf, "version": str(version), "shown_at": shown_at}
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "chosen":
                out.append(part[2] if part[1] in chosen else part[3])
            else:
                out.append(plain[part[0]])
        return "".join(out)


class Shells:
    """The kept shells of one app, the least recently used dropped first beyond MAX_SHELLS."""

    def __init__(self, limit: int = MAX_SHELLS) -> None:
        self._limit = limit
        self._shells: OrderedDict[Hashable, Shell] = OrderedDict()
        self._lock = threading.Lock()  # the development server and test servers serve from threads

    def get(self, key: Hashable) -> Shell | None:
        with self._lock:
            shell = self._shells.get(key)
            if shell is not None:
                self._shells.move_to_end(key)
            return shell

    def put(self, key: Hashable, shell: Shell) -> None:
        with self._lock:
            self._shells[key] = shell
            self._shells.move_to_end(key)
            while len(self._shells) > self._limit:
                self._shells.popitem(last=False)

    def __len__(self) -> int:
        return len(self._shells)
