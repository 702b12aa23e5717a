"""FX Designer explain (no Qt: see the import contracts in pyproject.toml)."""
