"""Preparing a police talk with the client: the question flow and checks on the answers."""
