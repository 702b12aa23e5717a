"""Test setup: Qt runs offscreen and never touches the user's settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FXDESIGNER_TEST_MODE", "1")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "resources" / "examples"


@pytest.fixture
def data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"
