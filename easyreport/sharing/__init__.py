"""Sharing sheets with the police: units, officer membership, shares with expiry and revocation."""
