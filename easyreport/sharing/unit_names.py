"""How a unit's name is shown: built-in units in the reader's language, admin-typed names exactly as typed."""

from __future__ import annotations

from easyreport.briefing.routing import UNIT_LABELS
from easyreport.catalogue_lookup import gettext
from easyreport.sharing.models import Unit

# Only the app's own msgids go through gettext: an admin-typed name such as "%s%n" is text, never a
# format string or a catalogue key.
_BUILT_IN = {unit.value: label for unit, label in UNIT_LABELS.items()}


def unit_name(unit: Unit) -> str:
    """Return the name to show for a unit."""
    label = _BUILT_IN.get(unit.key)
    return gettext(label) if label is not None and unit.name == label else unit.name
