"""The pre-briefing sheet's domain: needs, recommendation rules, routing, consent and the sheet itself."""
