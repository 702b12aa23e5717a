"""Preferences: window layout, recent files and canvas options.

Stored with QSettings in an ini file. FXDESIGNER_CONFIG_DIR points it elsewhere,
which the tests use so they never touch the user's own settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 10


def settings() -> QSettings:
    folder = os.environ.get("FXDESIGNER_CONFIG_DIR")
    if not folder:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
        folder = os.path.join(folder, "fxdesigner")
    return QSettings(os.path.join(folder, "fxdesigner.ini"), QSettings.Format.IniFormat)


def get_bool(key: str, default: bool) -> bool:
    value = settings().value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def set_value(key: str, value: Any) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()


def recent_files() -> list[str]:
    value = settings().value("files/recent", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if isinstance(p, str) and Path(p).exists()][:MAX_RECENT]


def add_recent_file(path: str) -> list[str]:
    path = os.path.abspath(path)
    files = [path] + [p for p in recent_files() if p != path]
    files = files[:MAX_RECENT]
    set_value("files/recent", files)
    return files


def clear_recent_files() -> None:
    set_value("files/recent", [])


def data_dir(*parts: str) -> str:
    """The user's data folder for FX Designer (lesson progress, autosaves, locks), created on demand.

    FXDESIGNER_DATA_DIR points it elsewhere; FXDESIGNER_CONFIG_DIR alone moves it
    to FXDESIGNER_CONFIG_DIR/data, so a test or a portable setup that moves the
    settings never writes into the user's real folders.
    """
    base = os.environ.get("FXDESIGNER_DATA_DIR")
    if not base and os.environ.get("FXDESIGNER_CONFIG_DIR"):
        base = os.path.join(os.environ["FXDESIGNER_CONFIG_DIR"], "data")
    if not base:
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        base = os.path.join(base, "fxdesigner")
    folder = os.path.join(base, *parts)
    os.makedirs(folder, exist_ok=True)
    return folder
