"""Shared by the packaging tests: paths, and the freedesktop tools when they are installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX_FILES = PACKAGING / "linux"


def run_tool(
    name: str, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str] | None:
    """Run a freedesktop tool if it is installed here; None when it is not.

    The tests check the files' structure in Python either way, and additionally assert on
    the real tool's verdict wherever it exists (it does on the development machine).
    """
    path = shutil.which(name)
    if path is None:
        return None
    return subprocess.run(
        [path, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
