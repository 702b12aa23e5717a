"""The application's windows, owned by one object (the Designer, or a window on its own)."""

from __future__ import annotations

import os
from collections.abc import Iterator

from PySide6.QtWidgets import QWidget

from fxdesigner.ui.host import HostWindow


def same_file_key(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


class Windows:
    """The open windows, to find the one showing a file (two windows on one file would each
    save over the other's work). Windows leave it when Qt destroys them."""

    def __init__(self) -> None:
        self._windows: list[HostWindow] = []

    def add(self, window: HostWindow) -> None:
        self._windows.append(window)
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))

    def _forget(self, window: HostWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def __iter__(self) -> Iterator[HostWindow]:
        return iter(list(self._windows))

    def __len__(self) -> int:
        return len(self._windows)

    def showing(self, path: str, exclude: QWidget | None = None) -> HostWindow | None:
        """The visible window whose plan is the file at path, if any."""
        key = same_file_key(path)
        for window in list(self._windows):
            if window is exclude:
                continue
            try:
                current = window.document.path
                visible = window.isVisible()
            except RuntimeError:  # the C++ window is already gone
                continue
            if visible and current and same_file_key(current) == key:
                return window
        return None
