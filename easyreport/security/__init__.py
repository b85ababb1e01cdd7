"""Security primitives without Flask: encryption at rest, encrypted column types and key rotation."""
