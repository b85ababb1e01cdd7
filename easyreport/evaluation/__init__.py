"""The coordinator's evaluation: counts per month, suppressed below 5 preparations, kept as counts after purge."""
