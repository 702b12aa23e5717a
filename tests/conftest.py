"""Test setup: Qt runs offscreen and never touches the user's settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "resources" / "examples"


@pytest.fixture
def data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


def pytest_sessionfinish(session, exitstatus):
    """Empty the clipboard before the interpreter tears Qt down.

    With the offscreen platform, PySide6 6.11 crashes at exit (SIGSEGV) when the
    clipboard still holds a QMimeData set from Python; the xcb platform does not.
    """
    qt = sys.modules.get("PySide6.QtGui")
    if qt is not None and qt.QGuiApplication.instance() is not None:
        qt.QGuiApplication.clipboard().clear()
