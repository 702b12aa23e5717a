"""FX Designer lessons (no Qt: see the import contracts in pyproject.toml)."""
