"""Find personal names and nicknames: capitalised words inside a sentence, known first names, quoted nicknames.

A capitalised word at the start of a sentence is an ordinary word unless it is a known first name or is
followed by more of a name; inside a sentence any capitalised word counts, except languages,
nationalities, organisations and abbreviations (data/not_names.txt).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from easyreport.needs_check.wordlists import lowered, phrase_pattern

Span = tuple[int, int]
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PARTICLES = frozenset(
    {
        "de",
        "van",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "el",
        "al",
        "bin",
        "ben",
        "von",
        "da",
        "di",
        "le",
        "la",
        "'t",
    }
)
_BOUNDARY = set(".!?:;\n")
_SKIP_BACK = set(" \t\"'“”‘’„«»([-–—•*")
_OPEN_QUOTES = set("\"'“‘„«")
_QUOTES = "'\"“”‘’„«»"
_NICKNAME = re.compile(rf"[{_QUOTES}]\s?([A-Z][\w-]{{1,24}})\s?[{_QUOTES}]")
_NAMED = re.compile(
    rf"\b(?:genaamd|heet|heette|noemt\s+(?:hem|haar|zich)|noemde\s+(?:hem|haar|zich)|bijnaam|alias|ene"
    rf"|called|named|known\s+as|nicknamed)\s+[{_QUOTES}]?(?:[A-Z][\w-]+|(?<=[{_QUOTES}])[^\W\d_][\w-]+)",
)
# The relation word in any case, the name after it with a capital (or in quotes): "mijn vriend Mo".
_RELATION = re.compile(
    rf"\b(?i:mijn|haar|zijn|hun|d'r|z'n|my|her|his|their)\s+(?i:vriend|vriendje|vriendin|vriendinnetje|oom|tante"
    rf"|neef|nicht|broer|zus|buurman|buurvrouw|baas|collega|ex|maat|chef|friend|boyfriend|girlfriend|uncle|aunt"
    rf"|cousin|brother|sister|neighbour|neighbor|boss|mate)\s+[{_QUOTES}]?(?:[A-Z][\w-]+|(?<=[{_QUOTES}])[^\W\d_][\w-]+)",
)
_HONORIFIC = re.compile(r"\b(?i:meneer|mevrouw|mevr|dhr|mr|mrs|ms|miss|dr|sir)\.?\s+[A-Z][\w-]+")


def _is_capitalised(token: str) -> bool:
    return len(token) >= 2 and token[0].isupper() and not token.isupper()


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in _SKIP_BACK:
        # Right after an opening quote starts quoted speech: its first word is sentence-initial.
        if text[index] in _OPEN_QUOTES and index == start - 1:
            return True
        index -= 1
    return index < 0 or text[index] in _BOUNDARY


def protected_spans(text: str) -> list[Span]:
    """Return the spans (in text order, never overlapping) of organisations, languages and other no-names."""
    return [m.span() for m in phrase_pattern("not_names").finditer(text)]


def inside(spans: list[Span], start: int, end: int) -> bool:
    """Return whether [start, end) lies within one of the ordered, disjoint spans."""
    index = bisect_right(spans, (start, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def name_spans(text: str) -> Iterator[Span]:
    """Yield spans of likely personal names and nicknames in normalised text."""
    yield from (m.span() for m in _NICKNAME.finditer(text))
    for pattern in (_NAMED, _RELATION, _HONORIFIC):
        yield from (m.span() for m in pattern.finditer(text))
    protected = protected_spans(text)
    first_names = lowered("first_names")
    # Weekdays, months and places have their own kind of flag.
    other_kinds = lowered("calendar") | lowered("places")
    tokens = list(_TOKEN.finditer(text))
    flagged: list[bool] = []
    for match in tokens:
        token, start = match.group(), match.start()
        if (
            not _is_capitalised(token)
            or token.lower() in other_kinds
            or inside(protected, start, match.end())
        ):
            flagged.append(False)
            continue
        if _sentence_initial(text, start):
            flagged.append(token.lower() in first_names)
        else:
            flagged.append(True)
    # A capitalised word at a sentence start followed by a name ("Ahmed Yilmaz", "Jan de Vries") is part of it.
    for index, match in enumerate(tokens):
        if flagged[index] or not _is_capitalised(match.group()):
            continue
        following = index + 1
        while following < len(tokens) and tokens[following].group().lower() in _PARTICLES:
            following += 1
        gap = text[match.end() : tokens[following].start()] if following < len(tokens) else ""
        joined = following < len(tokens) and flagged[following] and not set(gap) & _BOUNDARY
        if joined and all(c.isspace() or c.isalpha() or c in "'’" for c in gap):
            flagged[index] = True
    # Flagged words with only particles between them ("Mark de Vries") are one name.
    index = 0
    while index < len(tokens):
        if not flagged[index]:
            index += 1
            continue
        start, end, following = tokens[index].start(), tokens[index].end(), index + 1
        while following < len(tokens):
            step = following
            while step < len(tokens) and tokens[step].group().lower() in _PARTICLES and not flagged[step]:
                step += 1
            gap = text[end : tokens[step].start()] if step < len(tokens) else "\n"
            if step < len(tokens) and flagged[step] and not set(gap) & _BOUNDARY:
                end, following = tokens[step].end(), step + 1
            else:
                break
        yield start, end
        index = following
