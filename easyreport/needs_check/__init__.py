"""The needs-only check: flag account content (when, where, who, what happened) in free text (no Flask).

The sheet describes needs only (domain.md §5.1). Every free-text value that can reach an output passes
this check; a flagged value is shown back with the flagged words marked and is only used when the
counsellor changes it or confirms it holds no account.
"""

from easyreport.needs_check.check import LOCALES, check_text, marked_segments
from easyreport.needs_check.model import EXPLANATIONS, Category, Flag, NeedsCheckResult

__all__ = ["EXPLANATIONS", "LOCALES", "Category", "Flag", "NeedsCheckResult", "check_text", "marked_segments"]
