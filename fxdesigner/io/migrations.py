"""Upgrades of older plan documents, applied to the raw JSON before any object is built.

Each step takes a document of version n and returns one of version n + 1. There
are no older versions than 1 yet; the chain exists so the first format change
only has to add a step (and a frozen fixture of the old version to test it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

CURRENT_SCHEMA_VERSION: Final = 1

Step = Callable[[dict[str, Any]], dict[str, Any]]

#: MIGRATIONS[n] upgrades a version-n document to version n + 1.
MIGRATIONS: dict[int, Step] = {}


def migrate(
    document: dict[str, Any],
    from_version: int,
    *,
    to_version: int | None = None,
    steps: dict[int, Step] | None = None,
) -> dict[str, Any]:
    """Run every step from from_version up to the current version."""
    target = CURRENT_SCHEMA_VERSION if to_version is None else to_version
    chain = MIGRATIONS if steps is None else steps
    version = from_version
    while version < target:
        step = chain.get(version)
        if step is None:
            raise ValueError(f"no upgrade step from version {version}")
        document = step(dict(document))
        version += 1
        document["schema_version"] = version
    return document
