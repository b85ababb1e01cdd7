"""Make the web fonts the app serves itself (static/fonts/), from Debian's fonts-noto-core.

    python scripts/build_fonts.py

Noto Sans Arabic is cut to the Arabic blocks and Noto Sans to Latin Extended and Cyrillic: the CSS gives each
face a unicode-range, so Dutch and English text keeps the system font and a page loads a font only for a
script it shows. Both are under the SIL Open Font License 1.1 (static/fonts/OFL.txt).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = ROOT / "static" / "fonts"
# Arabic, Arabic Supplement, presentation forms, the joiners and direction marks, Arabic-Indic digits.
ARABIC = "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+2010-2011,U+25CC"
# Latin Extended-A and -B (ą ę ł ș ț ...) and Cyrillic (Ukrainian, Bulgarian).
CYRILLIC = "U+0100-024F,U+0259,U+1E00-1EFF,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116"
FACES = {
    "NotoSansArabic-Regular": ARABIC,
    "NotoSansArabic-Bold": ARABIC,
    "NotoSans-Regular": CYRILLIC,
    "NotoSans-Bold": CYRILLIC,
}


def build() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, ranges in FACES.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # keep every shaping feature: Arabic needs init, medi, fina, rlig
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(SOURCE / f"{name}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(ranges))
        subsetter.subset(font)
        subset.save_font(font, str(TARGET / f"{name}.woff2"), options)
        print(f"{name}.woff2: {(TARGET / f'{name}.woff2').stat().st_size // 1024} KiB")


if __name__ == "__main__":
    build()
