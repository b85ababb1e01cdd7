"""Display settings of the client screens, chosen per preparation: text size, line spacing, contrast (no Flask).

The counsellor sets them on the preparation's page; the client can change them on any client screen. They
are stored in three nullable columns of the preparation, so databases made before them read as the default
(100 %, normal spacing, normal contrast). client/base.html turns them into classes on <body>, so every client
screen, the consent walk included, follows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.preparation.errors import PreparationError

TEXT_SIZES = (100, 125, 150)
SPACINGS = ("normal", "wide")
CONTRASTS = ("normal", "high")


class InvalidDisplaySetting(PreparationError):
    """A text size, spacing or contrast that is not one of the offered values."""

    def __init__(self, name: str, value: object) -> None:
        super().__init__(f"display setting {name} cannot be {value!r}")
        self.name = name
        self.value = value


@dataclass(frozen=True, slots=True)
class DisplaySettings:
    """How the client screens look for one client."""

    text_size: int = 100
    spacing: str = "normal"
    contrast: str = "normal"

    def __post_init__(self) -> None:
        if self.text_size not in TEXT_SIZES:
            raise InvalidDisplaySetting("text_size", self.text_size)
        if self.spacing not in SPACINGS:
            raise InvalidDisplaySetting("spacing", self.spacing)
        if self.contrast not in CONTRASTS:
            raise InvalidDisplaySetting("contrast", self.contrast)

    @property
    def body_classes(self) -> str:
        """Return the classes client.css knows, for <body> ("" for the defaults)."""
        classes = []
        if self.text_size != 100:
            classes.append(f"text-{self.text_size}")
        if self.spacing == "wide":
            classes.append("spacing-wide")
        if self.contrast == "high":
            classes.append("contrast-high")
        return " ".join(classes)


DEFAULT = DisplaySettings()


def parse(text_size: str | None, spacing: str | None, contrast: str | None) -> DisplaySettings:
    """Read settings from a form; raise InvalidDisplaySetting for anything outside the lists."""
    try:
        size = int((text_size or "").strip())
    except ValueError:
        raise InvalidDisplaySetting("text_size", text_size) from None
    return DisplaySettings(size, (spacing or "").strip(), (contrast or "").strip())


def stored(text_size: int | None, wide_spacing: bool | None, high_contrast: bool | None) -> DisplaySettings:
    """Read the preparation's columns; NULL (an older row) and a value no longer offered read as the default."""
    size = text_size if text_size in TEXT_SIZES else DEFAULT.text_size
    return DisplaySettings(size, "wide" if wide_spacing else "normal", "high" if high_contrast else "normal")
