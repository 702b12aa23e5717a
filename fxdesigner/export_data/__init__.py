"""FX Designer export data (no Qt: see the import contracts in pyproject.toml)."""
