"""Which espeak-ng voice speaks each locale, and how fast each speed is."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# Voice ids as espeak-ng reports them through pyttsx3 (`engine.getProperty("voices")`).
DEFAULT_VOICES: Final = MappingProxyType({"nl": "gmw/nl", "en": "gmw/en"})
# The client-only languages (easyreport/client_languages.py). Their voice is optional: when espeak-ng lacks it,
# that language has no audio (its screens say "reading aloud does not work right now"); the others keep theirs.
CLIENT_ONLY_VOICES: Final = MappingProxyType(
    {"ar": "sem/ar", "uk": "zle/uk", "pl": "zlw/pl", "ro": "roa/ro", "bg": "zls/bg"}
)

# Words per minute. espeak-ng's own default is 175; easy-read listeners need calmer speech,
# and "slow" must be clearly slower, not a nudge (espeak-ng accepts 80-450).
DEFAULT_RATES: Final = MappingProxyType({"normal": 160, "slow": 115})

MIN_RATE: Final = 80
MAX_RATE: Final = 450
