"""Tamper-evident, append-only audit log: the hash chain (pure) and its database storage."""
