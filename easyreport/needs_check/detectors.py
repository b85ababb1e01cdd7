"""The detectors of the needs-only check: each finds spans of one kind in normalised text.

Dutch and English run together on every text, since a counsellor may mix them. Each detector returns
(start, end) spans in the normalised text; check.py maps them back to the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from easyreport.needs_check.model import Category
from easyreport.needs_check.wordlists import lowered, phrase_pattern

Span = tuple[int, int]
I = re.IGNORECASE  # noqa: E741 - short on purpose, used in every pattern below

_NUMBER_WORDS_NL = "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf"
_NUMBER_WORDS_EN = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_NUM = rf"(?:\d{{1,3}}|{_NUMBER_WORDS_NL}|{_NUMBER_WORDS_EN}|a|an|paar|few|couple of)"
_DECADES_NL = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig"
_DECADES_EN = "teens|twenties|thirties|forties|fifties|sixties|seventies|eighties"
_MONTHS = "|".join(
    sorted(
        (
            m
            for m in lowered("calendar")
            if not m.endswith(("dag", "day", "days", "ochtend", "avond", "nacht", "middag"))
        ),
        key=len,
        reverse=True,
    )
)
_MONTHS_WITH_MAY = _MONTHS + "|may|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
_WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday"

_DATE = [
    # 3-3-2024, 3/3, 03.03.24 (not "24/7", not a range like 1-2)
    re.compile(r"(?<![\d/.-])(?!24/7\b)\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}(?![\d/.-])"),
    re.compile(r"(?<![\d/.-])(?!24/7(?!\d))\d{1,2}/\d{1,2}(?![\d/.-])"),
    re.compile(rf"\b\d{{1,2}}(?:e|ste|de|st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS_WITH_MAY})\b\.?", I),
    re.compile(rf"\b(?:{_MONTHS_WITH_MAY})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b", I),
    re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?![\d.,])(?!\s*(?:euro|eur|pond|pounds|dollar|€))", I),
    # Holidays say when just as a date does.
    re.compile(
        r"\b(?:koningsdag|king'?s\s+day|kerstmis|kerstavond|kerst|oudejaarsavond|oudjaarsavond|oud\s+en\s+nieuw"
        r"|christmas(?:\s+eve)?|new\s+year'?s\s+eve|pasen|easter|carnaval|carnival|sinterklaas|halloween)\b",
        I,
    ),
    re.compile(
        r"\b(?:eer)?gister(?:en|avond|ochtend|middag|nacht)?\b|\bvannacht\b|\bvorige\s+(?:week|maand|keer|zomer|winter)\b"
        r"|\bvorig\s+jaar\b|\bafgelopen\s+(?:week|weekend|maand|jaar|nacht|zomer|winter|" + _WEEKDAYS + r")\b"
        r"|\bvorige\s+(?:" + _WEEKDAYS + r")\b",
        I,
    ),
    re.compile(
        rf"\b{_NUM}\s+(?:dag|dagen|week|weken|maand|maanden|jaar|jaren|nacht|nachten)\s+geleden\b"
        rf"|\b{_NUM}\s+(?:day|days|week|weeks|month|months|year|years|night|nights)\s+ago\b",
        I,
    ),
    re.compile(
        r"\b(?:the\s+day\s+before\s+)?yesterday\b|\blast\s+(?:night|week|weekend|month|year|summer|winter|time\s+she|time\s+he|"
        + _WEEKDAYS
        + r")\b|\bthis\s+past\s+(?:week|weekend)\b|\bon\s+(?:his|her|their|my)\s+birthday\b|\bop\s+(?:zijn|haar|hun|mijn)\s+verjaardag\b"
        r"|\b(?:met|at|on)\s+(?:kerst|oud\s+en\s+nieuw|oudjaarsavond|koningsdag|christmas|new\s+year'?s\s+eve)\b",
        I,
    ),
]

_WEEKDAY_MONTH = [
    phrase_pattern("calendar"),
    # "May" as a month: with a capital inside a sentence (the caller drops sentence-initial ones).
    re.compile(r"\bMay\b"),
]

_CLOCK = [
    re.compile(r"(?<![\d.,:])\d{1,2}[:.]\d{2}(?!\d)(?:\s*(?:uur|u|am|pm|a\.m\.|p\.m\.|h)\b)?", I),
    re.compile(r"\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)(?!\w)", I),
    re.compile(
        rf"\b(?:om|rond|omstreeks|tegen|vanaf|tot)\s+(?:\d{{1,2}}|{_NUMBER_WORDS_NL})\s*(?:uur|u)\b", I
    ),
    re.compile(
        rf"\b(?:half|kwart\s+over|kwart\s+voor|tien\s+over|tien\s+voor|vijf\s+over|vijf\s+voor)\s+(?:{_NUMBER_WORDS_NL})\b",
        I,
    ),
    re.compile(
        rf"\b(?:{_NUMBER_WORDS_EN})\s+o'clock\b|\b(?:at|around|about)\s+(?:half\s+past|quarter\s+(?:past|to))\s+\w+",
        I,
    ),
    re.compile(r"\bmidnight\b|\bmiddernacht\b|\bat\s+noon\b", I),
    # "at 11" is a time; "at 14 Station Road" an address, "by 2 people" a count.
    re.compile(
        r"\b(?i:at|around|by|until|from)\s+\d{1,2}(?!\s*(?i:%|years|jaar|minutes|minuten|hours|uur|times|keer|people"
        r"|mensen|questions|vragen)|\s+[A-Z]|[.,:/\d])\b"
    ),
]

_PERSON_NOUNS_NL = (
    "man|vrouw|jongen|meisje|kerel|gast|vriend|vriendin|vriendje|oom|tante|neef|nicht|buurman|buurvrouw|broer|zus"
    "|vader|moeder|stiefvader|stiefmoeder|iemand|persoon|dochter|zoon|baas|eigenaar|klant|klanten"
)
_PERSON_NOUNS_EN = (
    "man|woman|boy|girl|guy|bloke|friend|boyfriend|girlfriend|uncle|aunt|cousin|neighbour|neighbor|brother"
    "|sister|father|mother|stepfather|stepmother|someone|person|daughter|son|boss|owner|customer|customers"
)
_AGE = [
    re.compile(rf"\b(?:\d{{1,3}}|{_DECADES_NL}|{_NUMBER_WORDS_NL})\s*-?\s*jarige?\b", I),
    re.compile(r"\b\d{1,3}\s+jaar\s+oud\b|\b\d{1,3}[\s-]+years?[\s-]+old\b|\baged\s+\d{1,3}\b", I),
    re.compile(
        rf"\b(?:{_PERSON_NOUNS_NL})\s+(?:van|rond\s+de|ongeveer|van\s+ongeveer|van\s+rond\s+de)\s+(?:\d{{1,3}}|{_DECADES_NL})(?:\s+jaar)?\b",
        I,
    ),
    re.compile(rf"\b(?:{_PERSON_NOUNS_EN})\s+(?:of|aged|about)\s+(?:about\s+)?\d{{1,3}}\b", I),
    re.compile(
        rf"\b(?:in\s+de|rond\s+de|begin|eind|midden)\s+(?:{_DECADES_NL})\b|\b(?:{_DECADES_NL})ers?\b", I
    ),
    re.compile(rf"\bin\s+(?:his|her|their)\s+(?:early\s+|late\s+|mid\s*-?\s*)?(?:{_DECADES_EN}|\d0s)\b", I),
    re.compile(r"(?<=[^\W\d_])\s*\(\s*\d{1,2}\s*\)"),  # "zijn oom (45)"
    re.compile(
        rf"\b(?:{_PERSON_NOUNS_NL}|{_PERSON_NOUNS_EN}|hij|zij|ze|he|she)\s+(?:is|was|werd|turned|of)\s+\d{{1,2}}(?:\s+(?:jaar|years))?\b",
        I,
    ),
]

_ADDRESS = [
    re.compile(r"(?<!\w)[1-9]\d{3}\s?(?!SS|SA|SD)[A-Z]{2}(?!\w)"),
    re.compile(r"(?<!\w)[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}(?!\w)"),
    re.compile(
        r"\b(?!onderweg\b|halfweg\b|hierheen\b)[^\W\d_]{2,}(?:straat|laan|gracht|kade|singel|steeg|dreef|plein|weg|wal)"
        r"(?:\s+\d{1,4}\s?[a-zA-Z]?(?!\w))?\b",
        I,
    ),
    re.compile(r"\b[A-Z][^\W\d_]+(?:hof|park|dijk|markt|baan|pad|plantsoen)(?:\s+\d{1,4}\s?[a-z]?)?\b"),
    re.compile(
        r"\b(?:\d{1,4}\s+)?[A-Z][^\W\d_]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Close|Square|Crescent|Terrace)\b\.?"
    ),
    re.compile(r"\b(?:huisnummer|nummer|nr\.?|number|flat|apartment|appartement)\s+\d{1,4}\s?[a-zA-Z]?\b", I),
]

_PLACE = [
    phrase_pattern("places", ignore_case=False),
    phrase_pattern("place_words"),
    re.compile(
        r"\b(?i:station|hotel|motel|hostel|camping|vakantiepark|haven|port|camp)\s+(?:[A-Z]\w+|'s-\w+)(?:\s+[A-Z]\w+)?"
    ),
    re.compile(r"\b[A-Z]\w+\s+(?:Centraal|Central|CS|Zuid|Noord|Oost|West|Airport)\b"),
    re.compile(
        r"\b(?:bij|op|naar|van|vanaf|uit|at|to|from)\s+(?:het\s+|the\s+)?(?:station|treinstation|busstation|train\s+station|bus\s+station)\b",
        I,
    ),
]

_MONEY = [
    re.compile(r"(?:€|£|\$|\beur\b|\beuro\b|\busd\b|\bgbp\b)\s?\d[\d.,]*(?:\s?(?:k|duizend|thousand))?", I),
    re.compile(
        r"\b\d[\d.,]*\s?(?:€|euro|euros|eur|pond|pound|pounds|dollar|dollars|k\b|mille|grand)(?!\w)", I
    ),
    re.compile(
        rf"\b(?:{_NUMBER_WORDS_NL}|{_NUMBER_WORDS_EN}|twintig|vijftig|honderd|duizend|hundred|thousand|fifty|twenty)\s+(?:euro|euros|pond|pounds|dollar|dollars)\b",
        I,
    ),
    re.compile(r"\bbriefje\s+van\s+\d+\b", I),
]

_EVENT = [
    phrase_pattern("event_words"),
    # Taking someone's papers, phone or money and keeping their wages: signs of exploitation.
    re.compile(
        r"\b(?:took|takes|nam|neemt|pakte|pakt|kept|keeps|hield|houdt)\s+(?:her|his|their|haar|zijn|hun|d'r|z'n)\s+"
        r"(?:phone|passport|id|papers|money|wages|pay|telefoon|paspoort|id-kaart|papieren|geld|loon|salaris)\b",
        I,
    ),
    re.compile(r"\b(?:withheld|withholds)\s+(?:her|his|their)\s+(?:wages|pay)\b|\bloon\s+ingehouden\b", I),
]

PATTERNS: dict[Category, list[re.Pattern[str]]] = {
    Category.DATE: _DATE,
    Category.WEEKDAY_MONTH: _WEEKDAY_MONTH,
    Category.CLOCK_TIME: _CLOCK,
    Category.AGE_OF_OTHER: _AGE,
    Category.ADDRESS_POSTCODE: _ADDRESS,
    Category.PLACE_NAME: _PLACE,
    Category.MONEY: _MONEY,
    Category.EVENT_VERB: _EVENT,
}


def pattern_spans(text: str) -> Iterator[tuple[int, int, Category]]:
    """Yield (start, end, category) for every pattern match in the normalised text."""
    for category, patterns in PATTERNS.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    yield match.start(), match.end(), category
