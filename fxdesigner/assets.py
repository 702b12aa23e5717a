"""The one place that finds the resources/ folder.

It works from a source checkout, an editable install (where hatchling's
force-include does not apply and resources/ sits beside the package), an
installed wheel (resources/ inside the package) and a PyInstaller bundle.
No other module builds resource paths from __file__.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_ENV = "FXDESIGNER_RESOURCES"


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    found: list[Path] = []
    override = os.environ.get(_ENV)
    if override:
        found.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "fxdesigner" / "resources")
    found.append(here / "resources")  # installed wheel
    found.append(here.parent / "resources")  # source checkout, editable install
    return found


@lru_cache(maxsize=1)
def resources_root() -> Path:
    for candidate in _candidates():
        if (candidate / "catalogue").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"FX Designer's resources folder is missing (looked in {tried})")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource_path(*parts).read_bytes()


def list_files(folder: str, suffix: str) -> list[Path]:
    root = resource_path(folder)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_file() and p.name.endswith(suffix))
