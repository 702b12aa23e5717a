"""Starting the designer, or saying in one line why it cannot start here."""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Sequence

HEADLESS_HINT = "headless commands work without one: fxdesigner check | trace | rules | rule | export (see --help)"


def display_problem() -> str | None:
    """Why no window can be shown, or None if it looks possible."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: the user chose it
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "no display found (DISPLAY and WAYLAND_DISPLAY are not set)"
    x11_only = os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    # Since Qt 6.5 the X11 plugin aborts the process without this library (a frozen
    # bundle carries its own copy).
    if x11_only and not getattr(sys, "frozen", False) and ctypes.util.find_library("xcb-cursor") is None:
        return "the X11 library libxcb-cursor is missing (Debian/Ubuntu: apt-get install libxcb-cursor0)"
    return None


def launch(plans: Sequence[str]) -> int:
    problem = display_problem()
    if problem:
        print(f"fxdesigner: cannot open the designer: {problem}; {HEADLESS_HINT}", file=sys.stderr)
        return 2
    from fxdesigner.ui.app import run

    return run(list(plans))
